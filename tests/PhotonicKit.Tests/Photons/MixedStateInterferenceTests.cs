using System.Numerics;
using PhotonicKit.Circuit.Photons;
using PhotonicKit.Circuit.Quantum;
using PhotonicKit.Tests.Quantum.Reference;
using Xunit;

namespace PhotonicKit.Tests.Photons;

/// <summary>
/// The interference engine with mixed internal states (cycle-trace weights) against the independent brute-force
/// Fock-space simulation with discretised internal modes: every output pattern, click patterns and photon-number
/// moments, for random lossy circuits and random mixed photons.
/// </summary>
public class MixedStateInterferenceTests
{
    private const int Internal = 3;

    /// <summary>The engine's experiment and the reference's inputs for photons in given inputs with given internal states.
    /// A coherent share c &lt; 1 puts the rest of the photon in a private internal mode of its own (an extra dimension).</summary>
    private static (MultiPhotonInterference Engine, Complex[][,] Transfer, List<Complex[,]> Photons) Setup(
        Complex[,] transfer, int[] inputs, Complex[][,] states, double[] shares, int[] owners)
    {
        int n = inputs.Length, outputs = transfer.GetLength(0), inputCount = transfer.GetLength(1);
        int privateModes = n;
        int dimension = Internal + privateModes;
        var photons = new List<Complex[,]>();
        for (int j = 0; j < n; j++)
        {
            var internalState = new Complex[dimension, dimension];
            var rho = states[owners[j]];
            for (int p = 0; p < Internal; p++)
                for (int q = 0; q < Internal; q++) internalState[p, q] = shares[owners[j]] * rho[p, q];
            internalState[Internal + j, Internal + j] = 1 - shares[owners[j]];
            photons.Add(FockSpaceReference.PhotonInInput(inputs[j], inputCount, internalState));
        }
        var sources = new DensityMatrixStates(states, shares);
        var engine = new MultiPhotonInterference(transfer, inputs, InternalStates.Of(sources, owners, new bool[n]));
        return (engine, FockSpaceReference.FlatTransfer(transfer, dimension), photons);
    }

    private static double EngineProbability(MultiPhotonInterference engine, string key) =>
        engine.Probability(key.Split(',').Select(int.Parse).ToArray());

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EveryPatternOfThreeMixedPhotonsThroughALossyCircuitMatchesTheFockSimulation(int seed)
    {
        var random = new Random(seed);
        var transfer = RandomQuantumStates.Contraction(3, 3, 0.95, random);
        Complex[][,] states = [RandomQuantumStates.Density(Internal, random), RandomQuantumStates.Density(Internal, random), RandomQuantumStates.Density(Internal, random)];
        var (engine, reference, photons) = Setup(transfer, [0, 1, 2], states, [1, 1, 1], [0, 1, 2]);
        Assert.False(engine.States.IsPure);
        var expected = FockSpaceReference.Distribution(reference, photons);
        foreach (var (key, p) in expected) Assert.Equal(p, EngineProbability(engine, key), 1e-10);
        Assert.Equal(1.0, engine.OutputDistribution().Sum(x => x.Probability), 1e-10);
    }

    [Fact]
    public void CoherentSharesAndTwoPhotonsOfOneSourceInOneInputMatchTheFockSimulation()
    {
        var random = new Random(7);
        var transfer = RandomQuantumStates.Contraction(4, 2, 0.9, random);
        Complex[][,] states = [RandomQuantumStates.Density(Internal, random), RandomQuantumStates.Density(Internal, random, rank: 2)];
        // Photons 0 and 1 are two photons of source 0 in input 0; photon 2 is source 1 in input 1.
        var (engine, reference, photons) = Setup(transfer, [0, 0, 1], states, [0.8, 0.6], [0, 0, 1]);
        var expected = FockSpaceReference.Distribution(reference, photons);
        foreach (var (key, p) in expected) Assert.Equal(p, EngineProbability(engine, key), 1e-10);
    }

    [Fact]
    public void ClickPatternsAndMomentsOfMixedPhotonsMatchTheFockSimulation()
    {
        var random = new Random(11);
        var transfer = RandomQuantumStates.Contraction(3, 3, 0.9, random);
        Complex[][,] states = [RandomQuantumStates.Density(Internal, random), RandomQuantumStates.Density(Internal, random), RandomQuantumStates.Density(Internal, random, rank: 1)];
        var (engine, reference, photons) = Setup(transfer, [0, 1, 2], states, [0.9, 1, 0.7], [0, 1, 2]);
        var counts = FockSpaceReference.Distribution(reference, photons);
        var clicks = FockSpaceReference.ClicksFromCounts(counts);
        foreach (var (key, p) in clicks)
        {
            var clicking = key.Split(',').Select(int.Parse).Select((c, d) => (c, d)).Where(x => x.c == 1).Select(x => x.d);
            Assert.Equal(p, engine.ProbabilityClicksExactly(clicking), 1e-10);
        }
        for (int k = 0; k < 3; k++)
        {
            double mean = counts.Sum(kv => kv.Value * int.Parse(kv.Key.Split(',')[k]));
            Assert.Equal(mean, engine.MeanPhotonNumber(k), 1e-10);
            for (int l = 0; l < 3; l++)
            {
                double second = counts.Sum(kv =>
                {
                    var s = kv.Key.Split(',').Select(int.Parse).ToArray();
                    return kv.Value * (k == l ? s[k] * (s[k] - 1) : s[k] * s[l]);
                });
                Assert.Equal(second, engine.SecondFactorialMoment(k, l), 1e-10);
            }
        }
    }

    [Fact]
    public void RankOneDensityMatricesGiveTheGramMatrixPath()
    {
        var random = new Random(5);
        var transfer = RandomQuantumStates.Unitary(3, random);
        Complex[][,] states = [.. Enumerable.Range(0, 3).Select(_ => RandomQuantumStates.Density(Internal, random, rank: 1))];
        var (engine, reference, photons) = Setup(transfer, [0, 1, 2], states, [1, 1, 1], [0, 1, 2]);
        Assert.True(engine.States.IsPure);
        foreach (var (key, p) in FockSpaceReference.Distribution(reference, photons)) Assert.Equal(p, EngineProbability(engine, key), 1e-10);
    }
}
