using System.Numerics;
using PhotonicKit.Circuit.Quantum;
using PhotonicKit.Circuit.Quantum.Sampling;
using static PhotonicKit.Tests.Quantum.QuantumTestMath;

namespace PhotonicKit.Tests.Quantum;

/// <summary>Empirical frequencies of the boson sampler against exact probabilities (5σ binomial bounds and χ²).</summary>
public class BosonSamplerTests
{
    private static Dictionary<string, int> Histogram(int[][] samples)
    {
        var h = new Dictionary<string, int>();
        foreach (int[] s in samples)
        {
            string key = string.Join(",", s);
            h[key] = h.GetValueOrDefault(key) + 1;
        }
        return h;
    }

    /// <summary>
    /// Every pattern's count within 5σ of N·p (plus one for rounding), no pattern of probability zero drawn, and
    /// χ² over the patterns with N·p ≥ 5 below a generous bound (mean = degrees of freedom, 5σ = 5·√(2·dof)).
    /// </summary>
    private static void AssertMatches(IEnumerable<(int[] Counts, double Probability)> exact, int[][] samples)
    {
        int total = samples.Length;
        var h = Histogram(samples);
        double chi2 = 0;
        int dof = -1;
        double covered = 0;
        foreach (var (counts, p) in exact)
        {
            string key = string.Join(",", counts);
            int observed = h.GetValueOrDefault(key);
            h.Remove(key);
            covered += p;
            double mean = total * p;
            double sigma = Math.Sqrt(total * p * (1 - p));
            Assert.True(Math.Abs(observed - mean) <= 5 * sigma + 1, $"pattern {key}: observed {observed}, expected {mean:F1} ± {sigma:F1}");
            if (mean >= 5)
            {
                chi2 += (observed - mean) * (observed - mean) / mean;
                dof++;
            }
        }
        Assert.Equal(1.0, covered, 1e-9);
        Assert.DoesNotContain(h, kv => kv.Value > 0); // every drawn pattern has an exact probability
        if (dof > 0) Assert.True(chi2 <= dof + 5 * Math.Sqrt(2.0 * dof), $"χ² = {chi2:F1} for {dof} degrees of freedom");
    }

    [Fact]
    public void IndistinguishablePhotonsFollowThePermanentDistribution()
    {
        Complex[,] u = HaarUnitary(5, new Random(21));
        int[] inputs = [0, 1, 3];
        var sampler = new BosonSampler(u, inputs);
        int[][] samples = sampler.Sample(20000, 42);
        FockDistribution exact = Slos.OutputDistribution(u, inputs);
        var list = new List<(int[], double)>();
        for (int r = 0; r < exact.Count; r++)
        {
            var c = new int[5];
            exact.Unrank(r, c);
            list.Add((c, exact.Probabilities[r]));
        }
        AssertMatches(list, samples);
    }

    [Fact]
    public void LossyTransferFollowsTheDistributionWithLostPhotons()
    {
        Complex[,] big = HaarUnitary(6, new Random(8));
        var t = new Complex[4, 4];
        for (int j = 0; j < 4; j++)
            for (int i = 0; i < 4; i++)
                t[j, i] = big[j, i] * Math.Sqrt(0.8);
        int[] inputs = [0, 2, 3];
        var sampler = new BosonSampler(t, inputs);
        Assert.True(sampler.LossModeCount > 0);
        var exact = new MultiPhotonInterference(t, inputs, GramMatrix.Indistinguishable(3)).OutputDistribution();
        AssertMatches(exact.Select(e => (e.Counts, e.Probability)), sampler.Sample(20000, 7));
    }

    [Fact]
    public void PartialDistinguishabilityFollowsTheBinaryModel()
    {
        Complex[,] u = HaarUnitary(4, new Random(3));
        int[] inputs = [0, 1, 2];
        const double m = 0.5;
        var sampler = new BosonSampler(u, inputs, m);
        var patterns = new MultiPhotonInterference(u, inputs, GramMatrix.Indistinguishable(3)).OutputDistribution()
            .Select(e => e.Counts).ToList();
        var exact = patterns.Select(c => (c, BinaryDistinguishabilityModel.Probability(u, inputs, m, c)));
        AssertMatches(exact, sampler.Sample(20000, 99));
    }

    [Fact]
    public void HongOuMandelNeverGivesCoincidences()
    {
        double h = Math.Sqrt(0.5);
        var bs = new Complex[,] { { h, h }, { h, -h } };
        int[][] samples = new BosonSampler(bs, [0, 1]).Sample(2000, 1);
        Assert.DoesNotContain(samples, s => s[0] == 1 && s[1] == 1);
        // Fully distinguishable photons give coincidences half of the time.
        int[][] classical = new BosonSampler(bs, [0, 1], 0.0).Sample(4000, 2);
        int coincidences = classical.Count(s => s[0] == 1);
        Assert.InRange(coincidences, 2000 - 5 * 32, 2000 + 5 * 32);
    }

    [Fact]
    public void BatchesAreReproducibleForAnyThreadCount()
    {
        Complex[,] u = HaarUnitary(12, new Random(5));
        var sampler = new BosonSampler(u, [0, 2, 4, 6, 8, 10], 0.9);
        int[][] one = sampler.Sample(200, 123, maxThreads: 1);
        int[][] two = sampler.Sample(200, 123, maxThreads: 2);
        for (int q = 0; q < one.Length; q++) Assert.Equal(one[q], two[q]);
        Assert.All(one, s => Assert.Equal(6, s.Sum()));
    }

    [Fact]
    public void BadInputsAreRejected()
    {
        Complex[,] u = HaarUnitary(3, new Random(1));
        Assert.Throws<ArgumentException>(() => new BosonSampler(u, [0, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BosonSampler(u, [0, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BosonSampler(u, [0, 1], 1.5));
        var gain = new Complex[,] { { 2, 0 }, { 0, 1 } };
        Assert.Throws<ArgumentException>(() => new BosonSampler(gain, [0, 1]));
    }
}
