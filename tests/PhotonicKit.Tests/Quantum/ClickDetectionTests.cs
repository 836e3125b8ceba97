using System.Numerics;
using CsCheck;
using PhotonicKit.Circuit.Quantum;
using static PhotonicKit.Tests.Quantum.QuantumTestMath;

namespace PhotonicKit.Tests.Quantum;

public class ClickDetectionTests
{
    private static (Complex[,] T, int[] Inputs, Complex[,] Gram) RandomLossySetup(int n, int m, int seed)
    {
        var rng = new Random(seed);
        var u = HaarUnitary(m, rng);
        for (int k = 0; k < m; k++) { double a = Math.Sqrt(0.1 + 0.9 * rng.NextDouble()); for (int j = 0; j < m; j++) u[k, j] *= a; }
        var inputs = Enumerable.Range(0, n).Select(_ => rng.Next(m)).ToArray();
        return (u, inputs, RandomGram(n, 2, rng));
    }

    private static int[] Parse(string key) => key.Split(',').Select(int.Parse).ToArray();

    [Fact]
    public void ClickFormulasAgreeWithBruteForceFockEnumeration()
    {
        var gen = Gen.Int[1, 3].SelectMany(n => Gen.Int[2, 4].SelectMany(m => Gen.Int[0, int.MaxValue].Select(seed => (n, m, seed))));
        gen.Sample(t =>
        {
            var (n, m, seed) = t;
            var (u, inputs, gram) = RandomLossySetup(n, m, seed);
            var exp = new MultiPhotonInterference(u, inputs, new GramMatrix(gram));
            var reference = BruteForceDistribution(u, inputs, gram);
            // Aggregate the full distribution (losses included) into click events.
            var clicks = new double[1 << m];
            double allInFirstTwo = 0, noneInFirst = 0;
            foreach (var (key, p) in reference)
            {
                int[] counts = Parse(key);
                int mask = 0;
                for (int k = 0; k < m; k++) if (counts[k] > 0) mask |= 1 << k;
                clicks[mask] += p;
                if (counts[0] + counts[1] == n) allInFirstTwo += p;
                if (counts[0] == 0) noneInFirst += p;
            }
            double[] distribution = exp.ClickDistribution();
            for (int mask = 0; mask < (1 << m); mask++)
            {
                Assert.Equal(clicks[mask], distribution[mask], 1e-11);
                var set = Enumerable.Range(0, m).Where(k => (mask >> k & 1) != 0).ToArray();
                Assert.Equal(clicks[mask], exp.ProbabilityClicksExactly(set), 1e-11);
            }
            Assert.Equal(allInFirstTwo, exp.ProbabilityAllIn([0, 1]), 1e-11);
            Assert.Equal(noneInFirst, exp.ProbabilityNoneIn([0]), 1e-11);
        }, iter: 30);
    }

    [Fact]
    public void MoreClicksThanPhotonsHaveExactlyZeroProbability()
    {
        // The inclusion–exclusion sum over 2^m subsets leaves rounding residues of ~1e−16 where the exact value is 0;
        // a click pattern with more outputs than photons is impossible and must read exactly 0 (rates of 0 Hz).
        var gen = Gen.Int[1, 3].SelectMany(n => Gen.Int[5, 8].SelectMany(m => Gen.Int[0, int.MaxValue].Select(seed => (n, m, seed))));
        gen.Sample(t =>
        {
            var (n, m, seed) = t;
            var (u, inputs, gram) = RandomLossySetup(n, m, seed);
            double[] distribution = new MultiPhotonInterference(u, inputs, new GramMatrix(gram)).ClickDistribution();
            for (int mask = 0; mask < distribution.Length; mask++)
                if (System.Numerics.BitOperations.PopCount((uint)mask) > n) Assert.Equal(0.0, distribution[mask]);
            Assert.Equal(1.0, distribution.Sum(), 1e-12);
        }, iter: 20);
    }

    [Fact]
    public void MomentsAgreeWithTheBruteForceDistribution()
    {
        var gen = Gen.Int[1, 3].SelectMany(n => Gen.Int[2, 4].SelectMany(m => Gen.Int[0, int.MaxValue].Select(seed => (n, m, seed))));
        gen.Sample(t =>
        {
            var (n, m, seed) = t;
            var (u, inputs, gram) = RandomLossySetup(n, m, seed);
            var exp = new MultiPhotonInterference(u, inputs, new GramMatrix(gram));
            var reference = BruteForceDistribution(u, inputs, gram);
            for (int k = 0; k < m; k++)
            {
                double mean = reference.Sum(e => Parse(e.Key)[k] * e.Value);
                Assert.Equal(mean, exp.MeanPhotonNumber(k), 1e-11);
                for (int l = 0; l < m; l++)
                {
                    double moment = reference.Sum(e => { var c = Parse(e.Key); return (k == l ? c[k] * (c[k] - 1) : c[k] * c[l]) * e.Value; });
                    Assert.Equal(moment, exp.SecondFactorialMoment(k, l), 1e-11);
                }
            }
        }, iter: 30);
    }

    [Fact]
    public void VisibilityFromMomentsIsIndependentOfUniformLoss()
    {
        // Two partially distinguishable photons and a third in another input, on a random 4-mode unitary; all outputs
        // scaled by √η. ⟨n_k n_l⟩ scales as η² and ⟨n_k⟩ as η, so V and g2 from moments do not change; click
        // ratios do.
        var rng = new Random(11);
        var u = HaarUnitary(4, rng);
        var gram = new GramMatrix(RandomGram(3, 2, rng));
        double? reference = null;
        double? clickReference = null;
        bool clickRatioChanged = false;
        foreach (double eta in new[] { 1.0, 0.6, 0.1 })
        {
            var lossy = (Complex[,])u.Clone();
            for (int k = 0; k < 4; k++) for (int j = 0; j < 4; j++) lossy[k, j] *= Math.Sqrt(eta);
            var exp = new MultiPhotonInterference(lossy, [0, 1, 2], gram);
            double v = 1 - 2 * exp.SecondFactorialMoment(0, 1) / (exp.MeanPhotonNumber(0) * exp.MeanPhotonNumber(1));
            reference ??= v;
            Assert.Equal(reference.Value, v, 1e-12);
            double clickRatio = exp.ProbabilityClicksExactly([0, 1]) / (exp.ProbabilityNoneIn([1]) * exp.ProbabilityNoneIn([0]));
            clickReference ??= clickRatio;
            if (Math.Abs(clickRatio - clickReference.Value) > 1e-3) clickRatioChanged = true;
        }
        Assert.True(clickRatioChanged);
    }

    [Fact]
    public void ThresholdClickOfOnePhotonIsItsTransmission()
    {
        // One photon, one output with |T|² = 0.3: P(click) = 0.3, P(no click) = 0.7.
        var exp = new MultiPhotonInterference(new Complex[,] { { Math.Sqrt(0.3) } }, [0], GramMatrix.Indistinguishable(1));
        double[] d = exp.ClickDistribution();
        Assert.Equal(0.7, d[0], 1e-14);
        Assert.Equal(0.3, d[1], 1e-14);
    }
}
