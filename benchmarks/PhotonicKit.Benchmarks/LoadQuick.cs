using System.Diagnostics;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Running;

namespace PhotonicKit.Benchmarks;

/// <summary>A quick warm timing of parsing, loading and preparing the 1023-ring CROW: median and least of 30 after 10 warm-ups, wall and thread CPU time
/// (for iterating on the loader; <see cref="LoadBenchmarks"/> is the measurement).</summary>
internal static class LoadQuick
{
    public static void Run()
    {
        string text = BenchmarkNetlists.Crow(1023, 1);
        Time("parse", () => NetlistParser.Parse(text, new DiagnosticBag("crow.yaml")));
        Time("load", () => NetlistLoader.Load(text, "crow.yaml", new DiagnosticBag("crow.yaml")));
        Time("prepare", () => NetlistRunner.Prepare(text, "crow.yaml", [], strict: false, new DiagnosticBag("crow.yaml")));
    }

    private static void Time(string what, Func<object?> action)
    {
        for (int i = 0; i < 10; i++) action();
        var times = new double[30];
        var cpu = new double[30];
        for (int i = 0; i < times.Length; i++)
        {
            double cpuStart = SolverBenchmarkReport.ThreadCpuMs();
            var watch = Stopwatch.StartNew();
            action();
            times[i] = watch.Elapsed.TotalMilliseconds;
            cpu[i] = SolverBenchmarkReport.ThreadCpuMs() - cpuStart;
        }
        Array.Sort(times);
        Array.Sort(cpu);
        Console.WriteLine($"{what}: wall median {times[times.Length / 2]:F1} ms, min {times[0]:F1} ms; thread CPU median {cpu[cpu.Length / 2]:F1} ms, min {cpu[0]:F1} ms");
    }
}
