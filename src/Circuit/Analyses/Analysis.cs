using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Results;

namespace PhotonicKit.Circuit.Analyses;

/// <summary>
/// One entry of <c>analyses:</c>, parsed and validated against the circuit before any computation
/// (spec §5). <see cref="Run"/> computes its result record; it never reads the netlist text again.
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

    /// <summary>Computes the result (a record of the analysis' type, see <see cref="AnalysisResult"/>). Warnings go to
    /// <paramref name="context"/>.</summary>
    public abstract AnalysisResult Run(AnalysisContext context);

    /// <summary>
    /// The instances this analysis treats as sources when it evaluates the circuit (every other quantum_dot is a
    /// scatterer in it), or null when it evaluates no circuit of its own (a source's figures; a sweep, whose inner
    /// analyses are checked themselves).
    /// </summary>
    internal virtual IReadOnlyCollection<string>? ListedSources => null;

    /// <summary>How the analysis's work divides between the shards of a run (<c>run --shard I/N</c>): whole, by
    /// the values of a sweep, or by the draws of direct sampling.</summary>
    internal virtual ShardSplit Split => ShardSplit.Whole;

    /// <summary>The items <see cref="Split"/> divides: a sweep's values, the draws; 1 for a whole analysis.</summary>
    internal virtual int SplitItems => 1;

    /// <summary>
    /// Computes items [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) of a divisible
    /// analysis: the result's JSON as <see cref="Run"/> gives it, with only those items in its divided array
    /// (<c>results</c> of a sweep, <c>samples</c> of draws). A sweep adds each value's own warnings to
    /// <paramref name="itemWarnings"/> (their grouping across values is done once all values are known); draws add
    /// theirs to the context.
    /// </summary>
    internal virtual JsonObject RunItems(AnalysisContext context, int first, int count, List<IReadOnlyList<Diagnostic>> itemWarnings) =>
        throw new NotSupportedException($"a '{Type}' analysis is computed whole");
}

/// <summary>How an analysis's work divides between shards (<see cref="Analysis.Split"/>).</summary>
internal enum ShardSplit
{
    /// <summary>Computed whole by one shard.</summary>
    Whole,

    /// <summary>The values of a sweep: each value's inner result and warnings are separate.</summary>
    Values,

    /// <summary>Independent draws, each with its own generator seeded from (seed, draw).</summary>
    Draws,
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

    /// <summary>The keys an analysis of <paramref name="type"/> takes besides <c>type</c> (a known type).</summary>
    internal static IReadOnlyCollection<string> KeysOf(string type) => type switch
    {
        "transmission" => TransmissionAnalysis.Keys,
        "smatrix" => SMatrixAnalysis.Keys,
        "sweep" => SweepAnalysis.Keys,
        "source" => SourceAnalysis.Keys,
        "efficiency" => EfficiencyAnalysis.Keys,
        "g2" => G2Analysis.Keys,
        "hom" => HomAnalysis.Keys,
        "photon_statistics" => PhotonStatisticsAnalysis.Keys,
        "figures" => FiguresAnalysis.Keys,
        _ => [],
    };

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
        {
            var smatrix = new SMatrixAnalysis("analyses", SourceMark.None, scope.FileWavelengthsNm(), circuit);
            return CheckScatterers(smatrix, circuit, bag) ? [smatrix] : null;
        }
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
        var analysis = ParseType(node, keyPath, scope);
        return analysis is null || CheckScatterers(analysis, scope.Circuit, scope.Bag) ? analysis : null;
    }

    /// <summary>
    /// A quantum_dot given only by its measured figures (no lifetime) has no scattering response: an analysis that uses
    /// one as a scatterer (it is in the circuit and not among the analysis' sources) is an error naming it and
    /// lifetime_ps, before anything is computed.
    /// </summary>
    private static bool CheckScatterers(Analysis analysis, FlatCircuit circuit, DiagnosticBag bag)
    {
        if (analysis.ListedSources is not { } sources) return true;
        bool ok = true;
        foreach (var instance in circuit.Instances)
            if (instance.Component is Components.Sources.IEmitterComponent { Emitter: { IsCavitySource: false, HasTemporalShape: false } } && !sources.Contains(instance.Name))
            {
                bag.Error(analysis.Mark, analysis.KeyPath, $"'{instance.Name}' is a quantum_dot given by its measured figures without lifetime_ps, and this analysis uses it as a scatterer (it is not one of its sources): its response D = Γ + 2γ* − 2iΔ needs the linewidth; give '{instance.Name}' lifetime_ps, or list it as a source");
                ok = false;
            }
        return ok;
    }

    private static Analysis? ParseType(MappingNode node, string keyPath, AnalysisScope scope)
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
