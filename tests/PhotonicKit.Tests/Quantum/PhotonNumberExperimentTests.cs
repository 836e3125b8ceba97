using System.Numerics;
using CsCheck;
using PhotonicKit.Circuit.Quantum;
using static PhotonicKit.Tests.Quantum.QuantumTestMath;

namespace PhotonicKit.Tests.Quantum;

public class PhotonNumberExperimentTests
{
    private static PhotonNumberExperiment Hom(double p1, double p2, double m, DetectorModel d0, DetectorModel d1,
        ExtraPhotonModel extra = ExtraPhotonModel.Distinguishable)
    {
        var a = PhotonNumberSource.IntoInput(1 - p1 - p2, p1, p2, 0, 2, extra);
        var b = PhotonNumberSource.IntoInput(1 - p1 - p2, p1, p2, 1, 2, extra);
        return new PhotonNumberExperiment(BeamSplitter5050(), [a, b], GramMatrix.Uniform(2, Math.Sqrt(m)), [d0, d1]);
    }

    [Theory]
    [InlineData(0.6, 0.0, 0.9)]
    [InlineData(0.5, 0.02, 0.95)]
    [InlineData(0.3, 0.1, 0.7)]
    public void HomVisibilityWithDistinguishableNoisePhotonsFollowsOllivier(double p1, double p2, double m)
    {
        // Ollivier et al., PRL 126, 063602 (2021): V = M_s (1 − g2 μ/2)² − g2 with g2 = 2p2/μ², μ = p1 + 2p2 —
        // exact for a distinguishable noise photon; unequal detector efficiencies leave it unchanged.
        var exp = Hom(p1, p2, m, new DetectorModel(0, efficiency: 0.8), new DetectorModel(1, efficiency: 0.5));
        double mu = p1 + 2 * p2, g2 = 2 * p2 / (mu * mu);
        double expected = m * Math.Pow(1 - g2 * mu / 2, 2) - g2;
        Assert.Equal(expected, exp.HomVisibility(0, 1)!.Value, 1e-12);
    }

    [Theory]
    [InlineData(0.7, 0.05)]
    [InlineData(0.2, 0.2)]
    public void HanburyBrownTwissCorrelationIsTwoP2OverMuSquared(double p1, double p2)
    {
        var source = PhotonNumberSource.IntoInput(1 - p1 - p2, p1, p2, 0, 2);
        var exp = new PhotonNumberExperiment(BeamSplitter5050(), [source], GramMatrix.Indistinguishable(1),
            [new DetectorModel(0, efficiency: 0.3), new DetectorModel(1, efficiency: 0.9)]);
        double mu = p1 + 2 * p2;
        Assert.Equal(2 * p2 / (mu * mu), exp.NormalizedCorrelation(0, 1)!.Value, 1e-12);
    }

    [Fact]
    public void DistributionsSumToOneWithDarkCountsAndCaps()
    {
        var gen = Gen.Double[0, 0.5].SelectMany(p1 => Gen.Double[0, 0.3].SelectMany(p2 => Gen.Int[0, int.MaxValue].Select(seed => (p1, p2, seed))));
        gen.Sample(t =>
        {
            var (p1, p2, seed) = t;
            var rng = new Random(seed);
            var u = HaarUnitary(3, rng);
            var sources = new[]
            {
                PhotonNumberSource.IntoInput(1 - p1 - p2, p1, p2, 0, 3),
                PhotonNumberSource.IntoInput(1 - p1 - p2, p1, p2, 1, 3, ExtraPhotonModel.Indistinguishable),
            };
            var overlaps = new GramMatrix(RandomGram(2, 2, rng));
            var pnr = new PhotonNumberExperiment(u, sources, overlaps,
                [new DetectorModel(0, 0.9, DetectorResolution.PhotonNumberResolving, maxPhotons: 2, darkCountRateHz: 1e7, gateNs: 10),
                 new DetectorModel(2, 0.5, DetectorResolution.PhotonNumberResolving, maxPhotons: 3)]);
            double sum = 0;
            foreach (double p in pnr.Distribution()) sum += p;
            Assert.Equal(1.0, sum, 1e-12);
            var threshold = new PhotonNumberExperiment(u, sources, overlaps,
                [new DetectorModel(0, 0.9, darkCountRateHz: 1e6, gateNs: 5), new DetectorModel(1), new DetectorModel(2, 0.7)]);
            sum = 0;
            foreach (double p in threshold.Distribution()) sum += p;
            Assert.Equal(1.0, sum, 1e-12);
            Assert.Equal(1.0, threshold.ClickCountDistribution().Sum(), 1e-12);
        }, iter: 20);
    }

    [Fact]
    public void ThresholdClickProbabilityCombinesDarkCountsIndependently()
    {
        // One source (p1, p2) onto a detector of efficiency η: P_photon = η p1 + (1 − (1−η)²) p2;
        // P(click) = 1 − (1 − p_dark)(1 − P_photon), p_dark = 1 − exp(−R·gate).
        double p1 = 0.5, p2 = 0.1, eta = 0.6, rate = 2e6, gateNs = 20;
        var source = PhotonNumberSource.IntoInput(0.4, p1, p2, 0, 1);
        var exp = new PhotonNumberExperiment(new Complex[,] { { 1 } }, [source], GramMatrix.Indistinguishable(1),
            [new DetectorModel(0, eta, darkCountRateHz: rate, gateNs: gateNs)]);
        double pPhoton = eta * p1 + (1 - (1 - eta) * (1 - eta)) * p2;
        double pDark = 1 - Math.Exp(-rate * gateNs * 1e-9);
        Assert.Equal(1 - (1 - pDark) * (1 - pPhoton), exp.Marginals()[0][1], 1e-14);
        Assert.Equal(1 - (1 - pDark) * (1 - pPhoton), exp.Probability([1]), 1e-14);
    }

    [Fact]
    public void NumberResolvingDarkCountsArePoissonAndCapped()
    {
        var dark = PhotonNumberSource.IntoInput(1, 0, 0, 0, 1);
        double mean = 0.8; // 8e7 Hz × 10 ns
        var exp = new PhotonNumberExperiment(new Complex[,] { { 1 } }, [dark], GramMatrix.Indistinguishable(1),
            [new DetectorModel(0, 1, DetectorResolution.PhotonNumberResolving, maxPhotons: 3, darkCountRateHz: 8e7, gateNs: 10)]);
        double[] marginal = exp.Marginals()[0];
        double[] poisson = [Math.Exp(-mean), mean * Math.Exp(-mean), mean * mean / 2 * Math.Exp(-mean)];
        for (int c = 0; c < 3; c++) Assert.Equal(poisson[c], marginal[c], 1e-14);
        Assert.Equal(1 - poisson.Sum(), marginal[3], 1e-14);
    }

    [Fact]
    public void NumberResolvingHomCoincidenceIsHalfOfOneMinusM()
    {
        // Deterministic single photons: P(1,1) = (1 − M)/2, P(2,0) = P(0,2) = (1 + M)/4; threshold coincidences agree.
        double m = 0.64;
        var pnr = Hom(1, 0, m, new DetectorModel(0, 1, DetectorResolution.PhotonNumberResolving, 2), new DetectorModel(1, 1, DetectorResolution.PhotonNumberResolving, 2));
        Assert.Equal((1 - m) / 2, pnr.Probability([1, 1]), 1e-14);
        Assert.Equal((1 + m) / 4, pnr.Probability([2, 0]), 1e-14);
        var threshold = Hom(1, 0, m, new DetectorModel(0), new DetectorModel(1));
        Assert.Equal((1 - m) / 2, threshold.Probability([1, 1]), 1e-14);
        Assert.Equal((1 + m) / 4, threshold.Probability([1, 0]), 1e-14);
        var patterns = pnr.Patterns();
        Assert.Equal(["0,2", "2,0"], patterns.Take(2).Select(e => string.Join(",", e.Pattern)).Order());
        Assert.Equal([1, 1], patterns[2].Pattern);
    }

    [Fact]
    public void DirectSinglePatternProbabilitiesAgreeWithTheFullDistribution()
    {
        // Direct path (no distribution computed yet) against the entries of a separately built distribution.
        foreach (var resolution in new[] { DetectorResolution.Threshold, DetectorResolution.PhotonNumberResolving })
        {
            DetectorModel D(int k, double eta) => new(k, eta, resolution, maxPhotons: 4);
            var direct = Hom(0.5, 0.1, 0.7, D(0, 0.9), D(1, 0.6), ExtraPhotonModel.Indistinguishable);
            var full = Hom(0.5, 0.1, 0.7, D(0, 0.9), D(1, 0.6), ExtraPhotonModel.Indistinguishable);
            ReadOnlySpan<double> distribution = full.Distribution();
            int radix = resolution == DetectorResolution.Threshold ? 2 : 5;
            for (int a = 0; a < radix - (radix == 5 ? 1 : 0); a++)
                for (int b = 0; b < radix - (radix == 5 ? 1 : 0); b++)
                    Assert.Equal(distribution[a + radix * b], direct.Probability([a, b]), 1e-13);
        }
    }

    [Fact]
    public void SamplingIsReproducibleAndFollowsTheDistribution()
    {
        var exp = Hom(0.6, 0.05, 0.8, new DetectorModel(0, 0.9, DetectorResolution.PhotonNumberResolving, 3), new DetectorModel(1, 0.7, DetectorResolution.PhotonNumberResolving, 3));
        var first = exp.Sample(20000, seed: 42);
        var second = exp.Sample(20000, seed: 42);
        Assert.Equal(first.Select(s => string.Join(",", s)), second.Select(s => string.Join(",", s)));
        Assert.NotEqual(first.Select(s => string.Join(",", s)), exp.Sample(20000, seed: 43).Select(s => string.Join(",", s)));
        foreach (var (pattern, p) in exp.Patterns())
        {
            double frequency = first.Count(s => s.SequenceEqual(pattern)) / 20000.0;
            double sigma = Math.Sqrt(p * (1 - p) / 20000);
            Assert.True(Math.Abs(frequency - p) <= 5 * sigma + 1e-12, $"[{string.Join(",", pattern)}]: {frequency} vs {p}");
        }
    }

    [Fact]
    public void OversizedRequestsAreRefusedBeforeWorkWithTheEstimate()
    {
        int sources = 10, modes = 12;
        var u = HaarUnitary(modes, new Random(1));
        var list = Enumerable.Range(0, sources).Select(i => PhotonNumberSource.IntoInput(0.1, 0.6, 0.3, i, modes, ExtraPhotonModel.Indistinguishable)).ToArray();
        var detectors = Enumerable.Range(0, modes).Select(k => new DetectorModel(k, 1, DetectorResolution.PhotonNumberResolving, 8)).ToArray();
        var exp = new PhotonNumberExperiment(u, list, GramMatrix.Uniform(sources, 0.9), detectors);
        var ex = Assert.Throws<ComputationTooLargeException>(() => exp.Distribution());
        Assert.Contains("estimate", ex.Message);
        Assert.True(ex.Estimate.Operations > ComputationLimits.Default.MaxOperations || ex.Estimate.MemoryBytes > ComputationLimits.Default.MaxMemoryBytes);
    }

    [Fact]
    public void PatternCountOfLosslessPhotonsIsMultisetCoefficient()
    {
        // n lossless photons on m outputs: C(n+m−1, n) patterns (3 photons, 4 outputs: 20).
        var exp = new MultiPhotonInterference(HaarUnitary(4, new Random(3)), [0, 1, 2], GramMatrix.Indistinguishable(3));
        Assert.Equal(20, exp.OutputDistribution().Count);
        Assert.Equal(20, exp.EstimateDistributionCost().Patterns);
    }

    [Fact]
    public void BrightnessAndG2GiveBackTheirPhotonNumberProbabilities()
    {
        Gen.Double[0, 1].SelectMany(px => Gen.Double[0, 0.5].Select(g2 => (px, g2))).Sample(t =>
        {
            var (px, g2) = t;
            var (p0, p1, p2) = PhotonNumberSource.ProbabilitiesFromBrightness(px, g2);
            Assert.Equal(px, p1 + p2, 1e-12);
            Assert.Equal(1.0, p0 + p1 + p2, 1e-12);
            double mu = p1 + 2 * p2;
            if (mu > 1e-3) Assert.Equal(g2, 2 * p2 / (mu * mu), 1e-8);
            Assert.True(p1 >= 0 && p2 >= 0);
        }, iter: 200);
    }

    [Fact]
    public void InvalidSourcesAndDetectorsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => PhotonNumberSource.IntoInput(0.5, 0.6, 0, 0, 1));
        Assert.Throws<ArgumentException>(() => new PhotonNumberSource(0, 1, 0, [0.5, 0.5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DetectorModel(0, efficiency: 1.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => PhotonNumberSource.ProbabilitiesFromBrightness(0.9, 0.6));
    }
}
