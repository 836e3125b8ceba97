using System.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using PhotonicKit.Circuit.Quantum;

namespace PhotonicKit.Benchmarks;

/// <summary>SLOS full output distributions of n indistinguishable photons in m modes (one photon in every second input).</summary>
[ShortRunJob(RuntimeMoniker.Net10_0)]
[MemoryDiagnoser]
public class SlosBenchmarks
{
    private Complex[,] _u = new Complex[0, 0];
    private int[] _inputs = [];

    /// <summary>Photons and modes, "n/m".</summary>
    [Params("8/16", "10/20")]
    public string Size { get; set; } = "8/16";

    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Size.Split('/');
        int n = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        int m = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        var rng = new Random(12345);
        _u = new Complex[m, m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
                _u[i, j] = new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5) / Math.Sqrt(m);
        _inputs = Enumerable.Range(0, n).Select(k => 2 * k).ToArray();
    }

    [Benchmark]
    public int Distribution() => Slos.OutputDistribution(_u, _inputs).Count;
}
