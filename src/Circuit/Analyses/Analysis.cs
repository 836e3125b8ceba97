using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;

namespace PhotonicKit.Circuit.Analyses;

/// <summary>
/// One entry of <c>analyses:</c>, parsed and validated against the circuit before any computation
/// (spec §5). <see cref="Run"/> computes its result object; it never reads the netlist text again.
/// </summary>
public abstract class Analysis
{
    /// <summary>Creates an analysis parsed from the entry at <paramref name="keyPath"/>.</summary>
    protected Analysis(string keyPath, SourceMark mark)
    {
        KeyPath = keyPath;
        Mark = mark;
    }

    /// <summary>The analysis type as written in netlists, e.g. <c>transmission</c>.</summary>
    public abstract string Type { get; }

    /// <summary>Where the entry is in the file, e.g. <c>analyses[0]</c>.</summary>
    public string KeyPath { get; }

    /// <summary>The entry's position.</summary>
    public SourceMark Mark { get; }

    /// <summary>Bytes the computation will hold at its peak, estimated before it starts.</summary>
    public abstract long EstimateBytes();

    /// <summary>Computes the result object (its first key is <c>type</c>). Warnings go to <paramref name="context"/>.</summary>
    public abstract JsonObject Run(AnalysisContext context);

    /// <summary>A new result object starting with the type.</summary>
    protected JsonObject NewResult() => new() { ["type"] = Type };
}

/// <summary>What an analysis needs while it runs: where warnings go and how to report progress.</summary>
public sealed class AnalysisContext
{
    /// <summary>Creates a context.</summary>
    public AnalysisContext(DiagnosticBag warnings, IProgress<string>? progress = null)
    {
        Warnings = warnings;
        Progress = progress;
    }

    /// <summary>Receives warnings (undefined values and the like); printed and stored in the results' <c>warnings</c>.</summary>
    public DiagnosticBag Warnings { get; }

    /// <summary>Progress messages, or null.</summary>
    public IProgress<string>? Progress { get; }
}

/// <summary>A computation that is defined but cannot be done (a singular network, a refused size): exit 1.</summary>
public sealed class AnalysisException : Exception
{
    /// <summary>Creates the exception for the analysis at <paramref name="keyPath"/>.</summary>
    public AnalysisException(string keyPath, SourceMark mark, string message, Exception? inner = null) : base(message, inner)
    {
        KeyPath = keyPath;
        Mark = mark;
    }

    /// <summary>The analysis entry, e.g. <c>analyses[1]</c>.</summary>
    public string KeyPath { get; }

    /// <summary>The entry's position.</summary>
    public SourceMark Mark { get; }
}

/// <summary>What parsing an analysis can see: the document, the circuit after overrides, and the bag.</summary>
internal sealed class AnalysisScope
{
    public AnalysisScope(NetlistDocument document, FlatCircuit circuit, IReadOnlyList<SettingOverride> overrides, DiagnosticBag bag)
    {
        Document = document;
        Circuit = circuit;
        Overrides = overrides;
        Bag = bag;
    }

    public NetlistDocument Document { get; }

    public FlatCircuit Circuit { get; }

    public IReadOnlyList<SettingOverride> Overrides { get; }

    public DiagnosticBag Bag { get; }

    /// <summary>The file's wavelength after a <c>wavelength_nm</c> override.</summary>
    public double FileWavelengthNm => Document.WavelengthNmWith(Overrides);

    /// <summary>The file's grid: its sweep, else its wavelength.</summary>
    public double[] FileWavelengthsNm() => Document.Sweep is { } s ? s.WavelengthsNm() : [FileWavelengthNm];

    /// <summary>Runs of an analysis parsed in this scope: the product of the value counts of the sweeps around it
    /// (1 outside any sweep).</summary>
    public long SweepRuns { get; init; } = 1;

    public AnalysisScope With(FlatCircuit circuit, IReadOnlyList<SettingOverride> overrides, DiagnosticBag bag, long sweepRuns) =>
        new(Document, circuit, overrides, bag) { SweepRuns = sweepRuns };
}

/// <summary>Turns <c>analyses:</c> entries into <see cref="Analysis"/> objects, reporting every problem.</summary>
public static class AnalysisParser
{
    /// <summary>The analysis types of format version 1.</summary>
    public static IReadOnlyList<string> Types { get; } =
        ["transmission", "smatrix", "source", "efficiency", "hom", "g2", "photon_statistics", "figures", "sweep"];

    /// <summary>The hint after an unknown type: the closest type, else the list of types (once).</summary>
    internal static string TypeHint(string type)
    {
        return Suggestions.HintOrList(type, Types, "types");
    }

    /// <summary>Parses every analysis of <paramref name="document"/> against <paramref name="circuit"/>; with no
    /// analyses in the file, one <c>smatrix</c> (spec §6). Returns null when any error was recorded.</summary>
    public static IReadOnlyList<Analysis>? ParseAll(NetlistDocument document, FlatCircuit circuit, IReadOnlyList<SettingOverride> overrides, DiagnosticBag bag)
    {
        var scope = new AnalysisScope(document, circuit, overrides, bag);
        if (document.Analyses.Count == 0)
            return [new SMatrixAnalysis("analyses", SourceMark.None, scope.FileWavelengthsNm(), circuit)];
        // The sweeps' runs and the circuits they build are counted from the text before any value is expanded.
        if (!SweepAnalysis.CheckBudget(document.Analyses, document.FlatInstanceCount, bag, document.AnalysesMark, document.Sweep?.Points ?? 1)) return null;
        var result = new List<Analysis>();
        bool ok = true;
        for (int i = 0; i < document.Analyses.Count; i++)
        {
            var a = Parse(document.Analyses[i], $"analyses[{i}]", scope);
            if (a is null) ok = false;
            else result.Add(a);
        }
        return ok && !bag.HasErrors ? result : null;
    }

    internal static Analysis? Parse(MappingNode node, string keyPath, AnalysisScope scope)
    {
        var typeNode = node["type"] as ScalarNode;
        string type = typeNode?.Value ?? "";
        switch (type)
        {
            case "transmission": return TransmissionAnalysis.Parse(node, keyPath, scope);
            case "smatrix": return SMatrixAnalysis.Parse(node, keyPath, scope);
            case "sweep": return SweepAnalysis.Parse(node, keyPath, scope);
            case "source": return SourceAnalysis.Parse(node, keyPath, scope);
            case "efficiency": return EfficiencyAnalysis.Parse(node, keyPath, scope);
            case "g2": return G2Analysis.Parse(node, keyPath, scope);
            case "hom": return HomAnalysis.Parse(node, keyPath, scope);
            case "photon_statistics": return PhotonStatisticsAnalysis.Parse(node, keyPath, scope);
            case "figures": return FiguresAnalysis.Parse(node, keyPath, scope);
            default:
                scope.Bag.Error(typeNode?.Mark ?? node.Mark, $"{keyPath}.type",
                    $"unknown analysis type '{type}'{TypeHint(type)}");
                return null;
        }
    }
}
