using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using PhotonicKit.Circuit.Photons;
using PhotonicKit.Circuit.Quantum;
using PhotonicKit.Tests.Quantum.Reference;
using Xunit;

namespace PhotonicKit.Tests.Quantum;

/// <summary>
/// The subset-convolution distribution of identical mixed photons (<see cref="IdenticalMixedPhotons"/>) against the
/// brute-force Fock-space simulation with discretised internal modes, against the per-pattern permutation sum of the
/// interference engine, and in its limits (indistinguishable: SLOS; distinguishable: the convolution of single photons).
/// </summary>
public class IdenticalMixedPhotonsTests
{
    private const int Internal = 3;

    /// <summary>t_k = Tr((cρ)^k) for k = 0 … n (t_1 = 1 whatever c: a photon's own trace), computed by matrix powers.</summary>
    private static double[] Traces(Complex[,] rho, double share, int n)
    {
        var m = Matrix<Complex>.Build.DenseOfArray(rho);
        m /= m.Trace();
        var traces = new double[n + 1];
        traces[0] = traces[1] = 1;
        var power = m;
        for (int k = 2; k <= n; k++)
        {
            power *= m;
            traces[k] = Math.Pow(share, k) * power.Trace().Real;
        }
        return traces;
    }

    private static Dictionary<string, double> Computed(Complex[,] transfer, int[] inputs, double[] traces)
    {
        int n = inputs.Length, m = transfer.GetLength(0);
        var space = new FockDistribution.Space(n, m);
        var p = IdenticalMixedPhotons.Distribution(space, transfer, inputs, traces, 2);
        var fd = new FockDistribution(n, m, p);
        var result = new Dictionary<string, double>();
        var counts = new int[m];
        for (int r = 0; r < p.Length; r++)
        {
            fd.Unrank(r, counts);
            result[FockSpaceReference.PatternKey(counts)] = p[r];
        }
        return result;
    }

    /// <summary>The reference's photons: each in its input with the internal state cρ ⊕ (1 − c) in a private mode of its own.</summary>
    private static (Complex[][,] Transfer, List<Complex[,]> Photons) Reference(Complex[,] transfer, int[] inputs, Complex[,] rho, double share)
    {
        int n = inputs.Length, dimension = Internal + n, inputCount = transfer.GetLength(1);
        var normalized = Matrix<Complex>.Build.DenseOfArray(rho);
        normalized /= normalized.Trace();
        var photons = new List<Complex[,]>();
        for (int j = 0; j < n; j++)
        {
            var state = new Complex[dimension, dimension];
            for (int p = 0; p < Internal; p++)
                for (int q = 0; q < Internal; q++) state[p, q] = share * normalized[p, q];
            state[Internal + j, Internal + j] = 1 - share;
            photons.Add(FockSpaceReference.PhotonInInput(inputs[j], inputCount, state));
        }
        return (FockSpaceReference.FlatTransfer(transfer, dimension), photons);
    }

    [Theory]
    [InlineData(1, new[] { 0, 1, 2, 3 }, 1.0)]
    [InlineData(2, new[] { 0, 1, 2, 3 }, 0.8)]
    [InlineData(3, new[] { 0, 0, 1, 2 }, 0.9)]
    [InlineData(4, new[] { 1, 1, 1, 0 }, 0.7)]
    public void FourIdenticalMixedPhotonsThroughALossyCircuitMatchTheFockSimulation(int seed, int[] inputs, double share)
    {
        var random = new Random(seed);
        var transfer = RandomQuantumStates.Contraction(4, 4, 0.95, random);
        var rho = RandomQuantumStates.Density(Internal, random);
        var computed = Computed(transfer, inputs, Traces(rho, share, inputs.Length));
        var (reference, photons) = Reference(transfer, inputs, rho, share);
        var expected = FockSpaceReference.Distribution(reference, photons);
        int checkedPatterns = 0;
        foreach (var (key, p) in expected)
        {
            if (key.Split(',').Sum(int.Parse) != inputs.Length) continue; // the method gives the patterns with every photon detected
            Assert.True(Math.Abs(computed[key] - p) < 1e-10, $"{key}: computed {computed[key]:R}, brute force {p:R}");
            checkedPatterns++;
        }
        Assert.Equal(computed.Count, checkedPatterns);
    }

    [Theory]
    [InlineData(5, 6, 11)]
    [InlineData(5, 4, 12)]
    public void EveryPatternEqualsThePermutationSumOfTheEngine(int photons, int modes, int seed)
    {
        var inputs = Enumerable.Range(0, photons).ToArray();
        AgreesWithThePermutationSum(inputs, modes, seed);
    }

    /// <summary>
    /// Photons sharing inputs (the pulses of one source into one mode): six photons in four inputs, so that the largest
    /// subsets with photon 0 (sizes 4 and 5, whose C the whole set replaces by X against corrected rests) hold repeated
    /// inputs, against the permutation sum.
    /// </summary>
    [Fact]
    public void PhotonsSharingInputsEqualThePermutationSumOfTheEngine() => AgreesWithThePermutationSum([0, 0, 1, 2, 2, 3], 4, 14);

    private static void AgreesWithThePermutationSum(int[] inputs, int modes, int seed)
    {
        int photons = inputs.Length;
        var random = new Random(seed);
        var transfer = RandomQuantumStates.Contraction(modes, inputs.Max() + 1, 0.9, random);
        var rho = RandomQuantumStates.Density(Internal, random);
        const double share = 0.85;
        var computed = Computed(transfer, inputs, Traces(rho, share, photons));
        var states = new DensityMatrixStates(Enumerable.Repeat(rho, photons).ToArray(), Enumerable.Repeat(share, photons).ToArray());
        var engine = new MultiPhotonInterference(transfer, inputs, InternalStates.Of(states, inputs, new bool[photons]));
        int compared = 0;
        foreach (var (counts, probability) in engine.OutputDistribution().Where(x => x.Counts.Sum() == photons))
        {
            string key = FockSpaceReference.PatternKey(counts);
            Assert.True(Math.Abs(computed[key] - probability) < 1e-12, $"{key}: subsets {computed[key]:R}, permutations {probability:R}");
            compared++;
        }
        Assert.Equal(computed.Count, compared);
    }

    [Fact]
    public void UnitTracesGiveTheIndistinguishableDistributionAndZeroTracesTheDistinguishableOne()
    {
        var random = new Random(7);
        var transfer = RandomQuantumStates.Contraction(5, 5, 1.0, random);
        int[] inputs = [0, 1, 2, 4];
        var space = new FockDistribution.Space(4, 5);
        var indistinguishable = IdenticalMixedPhotons.Distribution(space, transfer, inputs, [1, 1, 1, 1, 1], 1);
        var slos = Slos.OutputDistribution(transfer, inputs).Probabilities.ToArray();
        for (int r = 0; r < slos.Length; r++) Assert.Equal(slos[r], indistinguishable[r], 1e-13);

        var distinguishable = IdenticalMixedPhotons.Distribution(space, transfer, inputs, [1, 1, 0, 0, 0], 1);
        var engine = new MultiPhotonInterference(transfer, inputs, GramMatrix.Distinguishable(4));
        foreach (var (counts, probability) in engine.OutputDistribution().Where(x => x.Counts.Sum() == 4))
            Assert.Equal(probability, distinguishable[(int)space.Rank(counts)], 1e-13);
    }

    [Fact]
    public void TheResultDoesNotDependOnTheThreadCount()
    {
        var random = new Random(5);
        var transfer = RandomQuantumStates.Contraction(6, 6, 0.9, random);
        int[] inputs = [0, 1, 2, 3, 4, 5];
        var traces = Traces(RandomQuantumStates.Density(Internal, random), 0.9, 6);
        var space = new FockDistribution.Space(6, 6);
        var one = IdenticalMixedPhotons.Distribution(space, transfer, inputs, traces, 1);
        var two = IdenticalMixedPhotons.Distribution(space, transfer, inputs, traces, 2);
        var many = IdenticalMixedPhotons.Distribution(space, transfer, inputs, traces, 7);
        Assert.Equal(one, two);
        Assert.Equal(one, many);
    }
}

/// <summary>The photon-number engine with identical mixed sources: the subset-convolution path against the per-pattern permutation sum.</summary>
public class IdenticalMixedSourcesTests
{
    [Theory]
    [InlineData(ExtraPhotonModel.Indistinguishable)]
    [InlineData(ExtraPhotonModel.Distinguishable)]
    public void LossyIdenticalDephasedSourcesWithTwoPhotonEmissionsAgreeWithThePermutationSum(ExtraPhotonModel extra)
    {
        var random = new Random(21);
        const int sources = 3, outputs = 4;
        var transfer = RandomQuantumStates.Contraction(outputs, sources, 0.9, random);
        var rho = RandomQuantumStates.Density(3, random);
        var states = new DensityMatrixStates(Enumerable.Repeat(rho, sources).ToArray(), Enumerable.Repeat(0.9, sources).ToArray());
        var list = Enumerable.Range(0, sources).Select(s => PhotonNumberSource.IntoInput(0.1, 0.85, 0.05, s, sources, extra)).ToArray();
        var detectors = Enumerable.Range(0, outputs).Select(d => new DetectorModel(d, 0.8, DetectorResolution.PhotonNumberResolving, 8)).ToArray();
        var fastEngine = new PhotonNumberExperiment(transfer, list, states, detectors);
        var fast = fastEngine.PhotonCounts();
        Assert.True(fastEngine.IdenticalMixedRuns > 0);
        var slowEngine = new PhotonNumberExperiment(transfer, list, states, detectors) { IdenticalMixedAllowed = false };
        var slow = slowEngine.PhotonCounts();
        Assert.Equal(0, slowEngine.IdenticalMixedRuns);
        Assert.Equal(1.0, fast.Total(), 1e-12);
        for (int total = 0; total <= fast.MaxTotal; total++)
        {
            var a = fast.LayerOrNull(total);
            var b = slow.LayerOrNull(total);
            if (a is null || b is null)
            {
                Assert.True((a ?? []).All(v => Math.Abs(v) < 1e-15) && (b ?? []).All(v => Math.Abs(v) < 1e-15));
                continue;
            }
            for (int r = 0; r < a.Length; r++) Assert.True(Math.Abs(a[r] - b[r]) < 1e-13, $"total {total}, rank {r}: {a[r]:R} vs {b[r]:R}");
        }
    }

    [Fact]
    public void MoreIdenticalMixedPhotonsThanCycleTracesAreComputedForAreRefusedWithTheEstimate()
    {
        // Ten photons: beyond the nine whose cycle traces are computed, so the permutation sum's estimate applies and refuses.
        const int sources = 10;
        var transfer = RandomQuantumStates.Contraction(sources, sources, 1.0, new Random(3));
        var rho = RandomQuantumStates.Density(3, new Random(4));
        var states = new DensityMatrixStates(Enumerable.Repeat(rho, sources).ToArray());
        var list = Enumerable.Range(0, sources).Select(s => PhotonNumberSource.IntoInput(0, 1, 0, s, sources)).ToArray();
        var detectors = Enumerable.Range(0, sources).Select(d => new DetectorModel(d, 1, DetectorResolution.PhotonNumberResolving, sources)).ToArray();
        var engine = new PhotonNumberExperiment(transfer, list, states, detectors);
        var e = Assert.Throws<ComputationTooLargeException>(() => engine.PhotonCounts());
        Assert.Contains("operations", e.Message);
    }
}

/// <summary>When two dephased wavepackets count as the same state (the pulses of one source after compensating delays).</summary>
public class SameStateTests
{
    private static WavepacketStates Two(double startTimeB, double shareB = 0.9) => new(
        [new PhotonicKit.Components.Sources.ExponentialWavepacket(0.01, 5e-4, 0, 0), new PhotonicKit.Components.Sources.ExponentialWavepacket(0.01, 5e-4, 0, startTimeB)],
        [0.9, shareB], [0, 0], [0, 0]);

    [Fact]
    public void StartTimesWithinTheGroupDelaysAccuracyAreTheSameStateAndLargerDifferencesAreNot()
    {
        Assert.True(Two(1e-7).SameState(0, 1));          // 10⁻⁹ lifetimes (T1 = 100 ps)
        Assert.False(Two(1e-3).SameState(0, 1));         // 10⁻⁵ lifetimes
        Assert.True(Two(0, 0.9 * (1 + 1e-14)).SameState(0, 1));
        Assert.False(Two(0, 0.8).SameState(0, 1));
    }
}
