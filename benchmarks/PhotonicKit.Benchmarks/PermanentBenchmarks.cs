using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using PhotonicKit.Circuit.Quantum;

namespace PhotonicKit.Benchmarks;

/// <summary>Glynn Gray-code permanents of random complex and real matrices (SIMD kernel, all cores).</summary>
[ShortRunJob(RuntimeMoniker.Net10_0)]
[MemoryDiagnoser]
public class PermanentBenchmarks
{
    private double[] _re = [];
    private double[] _im = [];

    /// <summary>Order of the matrix.</summary>
    [Params(20, 24, 28, 30)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(12345);
        _re = new double[N * N];
        _im = new double[N * N];
        for (int i = 0; i < N * N; i++)
        {
            _re[i] = rng.NextDouble() - 0.5;
            _im[i] = rng.NextDouble() - 0.5;
        }
    }

    [Benchmark]
    public System.Numerics.Complex Complex() => Permanent.Of(_re, _im, N);

    [Benchmark]
    public double Real() => Permanent.OfReal(_re, N);
}
