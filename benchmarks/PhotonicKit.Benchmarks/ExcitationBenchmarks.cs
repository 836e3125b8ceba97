using BenchmarkDotNet.Attributes;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Benchmarks;

/// <summary>One resonant π-pulse solve (master equation + quantum-regression integrals) for typical quantum-dot
/// parameters: T1 = 100 ps, γ* = 1 ns⁻¹, pulse FWHM from 5 ps (short) to 300 ps (longer than T1).</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ExcitationBenchmarks
{
    [Params(5.0, 30.0, 300.0)]
    public double PulseFwhmPs { get; set; }

    [Benchmark]
    public ExcitationFigures Solve() => ResonantExcitation.Solve(100, 1, PulseFwhmPs);
}
