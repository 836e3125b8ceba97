using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using PhotonicKit.Circuit.Quantum;

namespace PhotonicKit.Benchmarks;

/// <summary>
/// The engine part of <c>photon_statistics</c> (what the analysis calls after the circuit's transfer is known):
/// n ideal single-photon sources (p1 = 1, all overlaps 1) in the first inputs of an m-mode Haar-random unitary
/// (the matrix of the benchmark netlists, seed 11), a pnr detector with max_photons = n on every output.
/// "distribution n/m": the count distribution, the 10 most probable patterns, the click-count distribution and
/// the probability sum; "pattern n": one all-ones pattern; "sample n/m": one exact sample without the distribution.
/// </summary>
[ShortRunJob(RuntimeMoniker.Net10_0)]
[MemoryDiagnoser]
public class PhotonStatisticsBenchmarks
{
    private System.Numerics.Complex[,] _u = new System.Numerics.Complex[0, 0];
    private PhotonNumberSource[] _sources = [];
    private DetectorModel[] _detectors = [];
    private int _seed;

    /// <summary>Workload.</summary>
    [Params("distribution 8/16", "distribution 10/20", "pattern 24", "pattern 28", "sample 20/60")]
    public string Workload { get; set; } = "distribution 8/16";

    [GlobalSetup]
    public void Setup()
    {
        string[] size = Workload.Split(' ')[1].Split('/');
        int n = int.Parse(size[0], System.Globalization.CultureInfo.InvariantCulture);
        int m = size.Length > 1 ? int.Parse(size[1], System.Globalization.CultureInfo.InvariantCulture) : n;
        _u = BenchmarkNetlists.HaarUnitary(m, new Random(11));
        _sources = Enumerable.Range(0, n).Select(k => PhotonNumberSource.IntoInput(0, 1, 0, k, m)).ToArray();
        _detectors = Enumerable.Range(0, m).Select(d => new DetectorModel(d, 1, DetectorResolution.PhotonNumberResolving, maxPhotons: n)).ToArray();
    }

    [Benchmark]
    public double Run()
    {
        var engine = new PhotonNumberExperiment(_u, _sources, GramMatrix.Indistinguishable(_sources.Length), _detectors);
        switch (Workload.Split(' ')[0])
        {
            case "distribution":
                var top = engine.Patterns(10);
                return top[0].Probability + engine.ClickCountDistribution()[_sources.Length] + engine.ProbabilitySum();
            case "pattern":
                return engine.Probability(Enumerable.Repeat(1, _sources.Length).ToArray());
            default:
                return engine.SampleDirect(1, _seed++)[0][0];
        }
    }
}
