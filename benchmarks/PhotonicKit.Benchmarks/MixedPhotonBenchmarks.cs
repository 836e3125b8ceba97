using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using PhotonicKit.Circuit.Photons;
using PhotonicKit.Circuit.Quantum;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Benchmarks;

/// <summary>
/// The engine part of <c>photon_statistics</c> with realistic photons: n identical sources with T1 = 100 ps and pure
/// dephasing γ* = 0.5556 ns⁻¹ (M = Γ/(Γ + 2γ*) = 0.9, mixed states) in the first inputs of an m-mode Haar-random
/// unitary (seed 11, the matrix of the benchmark netlists), a pnr detector with max_photons = n on every output: the
/// whole count distribution, the 10 most probable patterns, the click-count distribution and the probability sum.
/// "indistinguishable" is the same with M = 1 (pure photons, SLOS); "permutations" forces the per-pattern sum over
/// the n! permutations that the subset-convolution path replaces.
/// </summary>
[ShortRunJob(RuntimeMoniker.Net10_0)]
[MemoryDiagnoser]
public class MixedPhotonBenchmarks
{
    private System.Numerics.Complex[,] _u = new System.Numerics.Complex[0, 0];
    private PhotonNumberSource[] _sources = [];
    private DetectorModel[] _detectors = [];
    private SourceStates _states = SourceStates.FromGram(GramMatrix.Indistinguishable(1));
    private bool _permutations;

    /// <summary>Workload: kind and n/m.</summary>
    [Params("indistinguishable 8/16", "mixed 8/16", "mixed 6/12", "mixed 4/12", "permutations 6/12", "permutations 4/12")]
    public string Workload { get; set; } = "mixed 8/16";

    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Workload.Split(' ');
        string[] size = parts[1].Split('/');
        int n = int.Parse(size[0], System.Globalization.CultureInfo.InvariantCulture);
        int m = int.Parse(size[1], System.Globalization.CultureInfo.InvariantCulture);
        _u = BenchmarkNetlists.HaarUnitary(m, new Random(11));
        _sources = Enumerable.Range(0, n).Select(k => PhotonNumberSource.IntoInput(0, 1, 0, k, m)).ToArray();
        _detectors = Enumerable.Range(0, m).Select(d => new DetectorModel(d, 1, DetectorResolution.PhotonNumberResolving, maxPhotons: n)).ToArray();
        const double gamma = 0.01, dephasing = 0.5556e-3; // rad/ps
        _states = parts[0] == "indistinguishable"
            ? SourceStates.FromGram(GramMatrix.Indistinguishable(n))
            : new WavepacketStates(Enumerable.Repeat(new ExponentialWavepacket(gamma, dephasing), n).ToArray(),
                Enumerable.Repeat(1.0, n).ToArray(), new double[n], Enumerable.Range(0, n).ToArray());
        _permutations = parts[0] == "permutations";
    }

    [Benchmark]
    public double Run()
    {
        var engine = new PhotonNumberExperiment(_u, _sources, _states, _detectors) { IdenticalMixedAllowed = !_permutations };
        var top = engine.Patterns(10);
        return top[0].Probability + engine.ClickCountDistribution()[_sources.Length] + engine.ProbabilitySum();
    }
}
