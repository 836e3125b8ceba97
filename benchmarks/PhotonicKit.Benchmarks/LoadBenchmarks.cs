using BenchmarkDotNet.Attributes;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Running;

namespace PhotonicKit.Benchmarks;

/// <summary>
/// Loading and checking a large netlist in-process, warm: the 1023-ring CROW of <see cref="BenchmarkNetlists.Crow"/>
/// (4092 instances, 6136 connections). <c>Parse</c> is the YAML text to nodes, <c>Load</c> adds every check of the
/// netlist and the flattening, <c>Prepare</c> is all that <c>photonickit validate</c> and <c>run</c> do before
/// computing (analyses parsed, memory estimated).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class LoadBenchmarks
{
    private string _text = "";

    [Params(1023)]
    public int Rings { get; set; }

    [GlobalSetup]
    public void Setup() => _text = BenchmarkNetlists.Crow(Rings, 1);

    [Benchmark]
    public object? Parse() => NetlistParser.Parse(_text, new DiagnosticBag("crow.yaml"));

    [Benchmark]
    public NetlistDocument? Load() => NetlistLoader.Load(_text, "crow.yaml", new DiagnosticBag("crow.yaml"));

    [Benchmark]
    public PreparedRun? Prepare() => NetlistRunner.Prepare(_text, "crow.yaml", [], strict: false, new DiagnosticBag("crow.yaml"));
}
