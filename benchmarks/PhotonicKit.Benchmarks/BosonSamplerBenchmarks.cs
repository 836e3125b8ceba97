using System.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using PhotonicKit.Circuit.Quantum.Sampling;

namespace PhotonicKit.Benchmarks;

/// <summary>One exact sample of 20 indistinguishable photons in 60 modes (Clifford &amp; Clifford algorithm B).</summary>
[ShortRunJob(RuntimeMoniker.Net10_0)]
[MemoryDiagnoser]
public class BosonSamplerBenchmarks
{
    private BosonSampler _sampler = null!;
    private int _seed;

    [GlobalSetup]
    public void Setup()
    {
        const int m = 60, n = 20;
        var rng = new Random(12345);
        // Random unitary: Gram–Schmidt on complex Gaussian columns.
        var u = new Complex[m, m];
        for (int j = 0; j < m; j++)
        {
            var v = new Complex[m];
            for (int i = 0; i < m; i++) v[i] = new Complex(Gaussian(rng), Gaussian(rng));
            for (int k = 0; k < j; k++)
            {
                Complex dot = Complex.Zero;
                for (int i = 0; i < m; i++) dot += Complex.Conjugate(u[i, k]) * v[i];
                for (int i = 0; i < m; i++) v[i] -= dot * u[i, k];
            }
            double norm = Math.Sqrt(v.Sum(z => z.Real * z.Real + z.Imaginary * z.Imaginary));
            for (int i = 0; i < m; i++) u[i, j] = v[i] / norm;
        }
        _sampler = new BosonSampler(u, Enumerable.Range(0, n).Select(k => 3 * k).ToArray());
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    [Benchmark]
    public int OneSample20Photons60Modes() => _sampler.Sample(new Random(_seed++))[0];
}
