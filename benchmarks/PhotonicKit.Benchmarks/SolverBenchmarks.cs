using System.Diagnostics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using PhotonicKit.Circuit.Solver;
using PhotonicKit.Components;

namespace PhotonicKit.Benchmarks;

/// <summary>
/// The exact solver on a coupled-resonator chain (CROW) of N rings, each two couplers and two half-ring
/// sections (<see cref="ReferenceNetworks.Crow"/>). <c>Solve</c> is the whole call (plan + numeric phase),
/// <c>SolveNumeric</c> reuses a plan made once.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class SolverCrowBenchmarks
{
    private BuiltNetwork _crow = null!;
    private SolvePlan _plan = null!;

    [Params(255, 1023)]
    public int Rings { get; set; }

    [Params(1, 1000)]
    public int Wavelengths { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _crow = ReferenceNetworks.Crow(Rings, ReferenceNetworks.Grid(1549, 1551, Wavelengths), amplitude: 0.9999);
        _plan = SolvePlan.Create(_crow.Topology, _crow.Blocks.Select(SolvePlan.PatternOf).ToList());
    }

    [Benchmark]
    public SMatrixSweep Solve() => NetworkSolver.Solve(_crow.Topology, _crow.Blocks, _crow.ExternalNames);

    [Benchmark]
    public SMatrixSweep SolveNumeric() => _plan.Solve(_crow.Blocks, _crow.ExternalNames);

    [GlobalCleanup]
    public void Report() => SolverBenchmarkReport.Print($"CROW N={Rings}, {Wavelengths} λ", _plan,
        () => NetworkSolver.Solve(_crow.Topology, _crow.Blocks, _crow.ExternalNames, maxDegreeOfParallelism: 1),
        () => _plan.Solve(_crow.Blocks, _crow.ExternalNames, maxDegreeOfParallelism: 1));
}

/// <summary>The exact solver on a 16×16 Clements mesh of MZIs (<see cref="ReferenceNetworks.ClementsMesh"/>).</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class SolverClementsBenchmarks
{
    private BuiltNetwork _mesh = null!;
    private SolvePlan _plan = null!;

    [Params(16)]
    public int Modes { get; set; }

    [Params(1000)]
    public int Wavelengths { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _mesh = ReferenceNetworks.ClementsMesh(Modes, ReferenceNetworks.Grid(1549, 1551, Wavelengths));
        _plan = SolvePlan.Create(_mesh.Topology, _mesh.Blocks.Select(SolvePlan.PatternOf).ToList());
    }

    [Benchmark]
    public SMatrixSweep Solve() => NetworkSolver.Solve(_mesh.Topology, _mesh.Blocks, _mesh.ExternalNames);

    [Benchmark]
    public SMatrixSweep SolveNumeric() => _plan.Solve(_mesh.Blocks, _mesh.ExternalNames);

    [GlobalCleanup]
    public void Report() => SolverBenchmarkReport.Print($"Clements {Modes}×{Modes}, {Wavelengths} λ", _plan,
        () => NetworkSolver.Solve(_mesh.Topology, _mesh.Blocks, _mesh.ExternalNames, maxDegreeOfParallelism: 1),
        () => _plan.Solve(_mesh.Blocks, _mesh.ExternalNames, maxDegreeOfParallelism: 1));
}

/// <summary>
/// Prints, after each benchmark, the plan's size, the process's peak working set and the thread CPU time of a
/// one-core solve (best of five). On a shared machine wall-clock means include time spent waiting for a core;
/// the thread CPU time does not.
/// </summary>
internal static class SolverBenchmarkReport
{
    public static void Print(string what, SolvePlan plan, Action solve, Action solveNumeric)
    {
        string cpu = "";
        if (OperatingSystem.IsLinux())
            cpu = $", one-core thread CPU: Solve {BestCpuMs(solve):F1} ms, SolveNumeric {BestCpuMs(solveNumeric):F1} ms";
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"// {what}: internal ports {plan.InternalPortCount}, stored entries {plan.StoredEntries}, " +
                          $"operations/λ {plan.OperationCount}, peak working set {process.PeakWorkingSet64 / (1024.0 * 1024.0):F0} MiB{cpu}");
    }

    private static double BestCpuMs(Action action)
    {
        double best = double.MaxValue;
        for (int i = 0; i < 5; i++)
        {
            double start = ThreadCpuMs();
            action();
            best = Math.Min(best, ThreadCpuMs() - start);
        }
        return best;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private const int ClockThreadCpuTimeId = 3;

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clockId, out TimeSpec time);

    internal static double ThreadCpuMs()
    {
        ClockGetTime(ClockThreadCpuTimeId, out var t);
        return t.Seconds * 1e3 + t.Nanoseconds * 1e-6;
    }
}
