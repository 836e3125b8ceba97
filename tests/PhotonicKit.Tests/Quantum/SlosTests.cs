using System.Numerics;
using PhotonicKit.Circuit.Quantum;
using static PhotonicKit.Tests.Quantum.QuantumTestMath;

namespace PhotonicKit.Tests.Quantum;

/// <summary>SLOS full distributions against the permanent-based distribution and invariants.</summary>
public class SlosTests
{
    [Theory]
    [InlineData(new[] { 0, 1, 2 }, 5, 11)]
    [InlineData(new[] { 0, 0, 2 }, 4, 12)]
    [InlineData(new[] { 1, 3, 3, 0 }, 5, 13)]
    [InlineData(new[] { 2, 2, 2 }, 3, 14)]
    [InlineData(new[] { 0, 1, 2, 3, 4 }, 6, 15)]
    public void AgreesWithThePermanentBasedDistribution(int[] inputs, int m, int seed)
    {
        Complex[,] u = HaarUnitary(m, new Random(seed));
        FockDistribution slos = Slos.OutputDistribution(u, inputs);
        var reference = new MultiPhotonInterference(u, inputs, GramMatrix.Indistinguishable(inputs.Length)).OutputDistribution();
        int compared = 0;
        foreach (var (counts, probability) in reference)
        {
            if (counts.Sum() != inputs.Length) continue; // lost patterns do not occur for a unitary
            Assert.Equal(probability, slos.Probability(counts), 1e-12);
            compared++;
        }
        Assert.Equal(slos.Count, compared);
    }

    [Fact]
    public void LossyTransferGivesTheAllDetectedProbabilities()
    {
        // T = top-left 4 × 3 block of a Haar 6 × 6 unitary: lossy; SLOS gives the patterns with every photon detected.
        Complex[,] u = HaarUnitary(6, new Random(5));
        var t = new Complex[4, 3];
        for (int j = 0; j < 4; j++)
            for (int i = 0; i < 3; i++)
                t[j, i] = u[j, i];
        int[] inputs = [0, 1, 1];
        FockDistribution slos = Slos.OutputDistribution(t, inputs);
        var reference = new MultiPhotonInterference(t, inputs, GramMatrix.Indistinguishable(3));
        var counts = new int[4];
        for (int r = 0; r < slos.Count; r++)
        {
            slos.Unrank(r, counts);
            Assert.Equal(reference.Probability(counts), slos.Probabilities[r], 1e-12);
        }
        Assert.True(slos.Total < 1);
    }

    [Theory]
    [InlineData(6, 10, 1)]
    [InlineData(7, 7, 2)]
    [InlineData(4, 12, 3)]
    public void HaarDistributionsSumToOne(int n, int m, int seed)
    {
        Complex[,] u = HaarUnitary(m, new Random(seed));
        var inputs = Enumerable.Range(0, n).Select(k => (k * 3) % m).ToArray();
        FockDistribution d = Slos.OutputDistribution(u, inputs);
        Assert.Equal(1.0, d.Total, 1e-12);
        foreach (double p in d.Probabilities) Assert.True(p >= 0);
    }

    [Fact]
    public void HongOuMandelDipOnABalancedBeamSplitter()
    {
        double h = Math.Sqrt(0.5);
        var bs = new Complex[,] { { h, h }, { h, -h } };
        FockDistribution d = Slos.OutputDistribution(bs, [0, 1]);
        Assert.Equal(0.0, d.Probability([1, 1]), 1e-15);
        Assert.Equal(0.5, d.Probability([2, 0]), 1e-15);
        Assert.Equal(0.5, d.Probability([0, 2]), 1e-15);
    }

    [Fact]
    public void RankIsABijectionOntoTheCompactRange()
    {
        FockDistribution d = Slos.OutputDistribution(HaarUnitary(5, new Random(9)), [0, 1, 2, 3]);
        Assert.Equal(70, d.Count); // C(4 + 5 − 1, 4)
        var seen = new HashSet<string>();
        var counts = new int[5];
        for (int r = 0; r < d.Count; r++)
        {
            d.Unrank(r, counts);
            Assert.Equal(4, counts.Sum());
            Assert.True(counts.All(c => c >= 0));
            Assert.True(seen.Add(string.Join(",", counts)));
            Assert.Equal(r, d.Rank(counts));
        }
    }

    [Fact]
    public void ResultDoesNotDependOnTheThreadCount()
    {
        Complex[,] u = HaarUnitary(10, new Random(4));
        int[] inputs = [0, 1, 2, 3, 4, 5, 6];
        double[] one = Slos.OutputDistribution(u, inputs, maxThreads: 1).Probabilities.ToArray();
        double[] two = Slos.OutputDistribution(u, inputs, maxThreads: 2).Probabilities.ToArray();
        Assert.Equal(one, two);
    }

    [Fact]
    public void TooLargeComputationsAreRefusedWithTheEstimate()
    {
        Complex[,] u = HaarUnitary(4, new Random(1));
        var ex = Assert.Throws<ComputationTooLargeException>(() =>
            Slos.OutputDistribution(u, [0, 1, 2], new ComputationLimits(1e15, 100)));
        Assert.True(ex.Estimate.MemoryBytes > 100);
        // 10 photons in 20 modes: 20 030 010 patterns; the estimate stays below 2 GiB.
        CostEstimate big = Slos.Estimate(10, 20);
        Assert.Equal(20030010.0, big.Patterns);
        Assert.True(big.MemoryBytes < 2.0 * (1L << 30));
    }

    [Theory]
    [InlineData(new[] { 0, 1, 2 }, 0.6)]
    [InlineData(new[] { 0, 0, 1 }, 0.3)]
    [InlineData(new[] { 0, 2, 3, 1 }, 0.85)]
    public void BinaryModelAgreesWithThePermanentBasedMixture(int[] inputs, double m)
    {
        Complex[,] u = HaarUnitary(4, new Random(31));
        FockDistribution d = Slos.OutputDistribution(u, inputs, m);
        var counts = new int[4];
        for (int r = 0; r < d.Count; r++)
        {
            d.Unrank(r, counts);
            Assert.Equal(BinaryDistinguishabilityModel.Probability(u, inputs, m, counts), d.Probabilities[r], 1e-12);
        }
        Assert.Equal(1.0, d.Total, 1e-12);
    }

    [Fact]
    public void BinaryModelOfSixPhotonsThroughALossyCircuitAgreesWithThePermanentBasedMixtureOnAnyThreadCount()
    {
        var random = new Random(77);
        var u = Reference.RandomQuantumStates.Contraction(7, 7, 0.9, random);
        int[] inputs = [0, 1, 2, 3, 5, 6];
        FockDistribution one = Slos.OutputDistribution(u, inputs, 0.7, maxThreads: 1);
        FockDistribution two = Slos.OutputDistribution(u, inputs, 0.7, maxThreads: 2);
        Assert.Equal(one.Probabilities.ToArray(), two.Probabilities.ToArray());
        var counts = new int[7];
        for (int r = 0; r < one.Count; r += 7)
        {
            one.Unrank(r, counts);
            Assert.Equal(BinaryDistinguishabilityModel.Probability(u, inputs, 0.7, counts), one.Probabilities[r], 1e-12);
        }
    }

    [Fact]
    public void FullyDistinguishablePhotonsGiveThePermanentOfTheIntensities()
    {
        Complex[,] u = HaarUnitary(5, new Random(41));
        int[] inputs = [0, 1, 3];
        FockDistribution d = Slos.OutputDistribution(u, inputs, 0.0);
        var reference = new MultiPhotonInterference(u, inputs, GramMatrix.Distinguishable(3));
        var counts = new int[5];
        for (int r = 0; r < d.Count; r++)
        {
            d.Unrank(r, counts);
            Assert.Equal(reference.Probability(counts), d.Probabilities[r], 1e-12);
        }
    }

    [Fact]
    public void BadInputsAreRejected()
    {
        Complex[,] u = HaarUnitary(3, new Random(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Slos.OutputDistribution(u, [0, 3]));
        FockDistribution d = Slos.OutputDistribution(u, [0, 1]);
        Assert.Throws<ArgumentException>(() => d.Probability([1, 1, 1]));
        Assert.Throws<ArgumentException>(() => d.Probability([1, 1]));
    }
}
