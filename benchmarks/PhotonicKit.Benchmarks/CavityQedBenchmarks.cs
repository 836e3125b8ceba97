using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Benchmarks;

/// <summary>
/// One cavity-QED solve (<see cref="CavityQed.Solve"/>: μ_c, μ_γ, g2 and M from the master equation and the two-time
/// integrals): a typical pulsed case (g = 0.03, κ = 0.1, γ = 0.002 rad/ps, γ* = 1 ns⁻¹, 3 ps π pulse, resonant; the
/// excitation cutoff grows until the figures settle) and the ideal one-excitation case (g = 0.1, κ = 0.05,
/// γ = 0.005, Δ = 0.02 rad/ps, no pulse, no dephasing). The two-level emitter's resonant π-pulse solve
/// (<see cref="ResonantExcitation.Solve"/>, T1 = 100 ps, γ* = 1 ns⁻¹, 5 ps) for comparison.
/// </summary>
[ShortRunJob(RuntimeMoniker.Net10_0)]
[MemoryDiagnoser]
public class CavityQedBenchmarks
{
    private static readonly CavityQedParameters Typical = new(0.03, 0.1, 0.002, PureDephasingPerNs: 1, PulseFwhmPs: 3);
    private static readonly CavityQedParameters Ideal = new(0.1, 0.05, 0.005, DetuningRadPerPs: 0.02);

    [Benchmark]
    public CavityQedFigures CavityQedTypicalPulse() => CavityQed.Solve(Typical);

    [Benchmark]
    public CavityQedFigures CavityQedIdealOneExcitation() => CavityQed.Solve(Ideal);

    [Benchmark(Baseline = true)]
    public ExcitationFigures TwoLevelResonantPulse() => ResonantExcitation.Solve(100, 1, 5);
}
