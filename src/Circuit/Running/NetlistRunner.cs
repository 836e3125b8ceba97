using System.Globalization;
using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Analyses;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Results;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Running;

/// <summary>
/// A netlist checked end to end and ready to compute: the document, the flat circuit after overrides and the
/// parsed analyses. Everything that can be checked (settings, ports, analyses, sizes) has been checked by
/// <c>NetlistRunner.Prepare</c>; <see cref="Execute"/> only computes.
/// </summary>
public sealed class PreparedRun
{
    internal PreparedRun(NetlistDocument document, FlatCircuit circuit, IReadOnlyList<Analysis> analyses, IReadOnlyList<Diagnostic> warnings, long estimatedBytes)
    {
        Document = document;
        Circuit = circuit;
        Analyses = analyses;
        Warnings = warnings;
        EstimatedBytes = estimatedBytes;
    }

    /// <summary>The validated netlist.</summary>
    public NetlistDocument Document { get; }

    /// <summary>The circuit after <c>--set</c> overrides.</summary>
    public FlatCircuit Circuit { get; }

    /// <summary>The analyses, in file order (one <c>smatrix</c> when the file lists none).</summary>
    public IReadOnlyList<Analysis> Analyses { get; }

    /// <summary>Warnings found while checking.</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; }

    /// <summary>Estimated peak memory of the computation, bytes.</summary>
    public long EstimatedBytes { get; }

    /// <summary>Computes every analysis and returns the results document of spec §5. Throws
    /// <see cref="AnalysisException"/> for a computation that is defined but cannot be done.</summary>
    public RunResult Execute(IProgress<string>? progress = null)
    {
        var warnings = new DiagnosticBag(Document.FileName);
        warnings.AddRange(Warnings);
        var typed = new AnalysisResult[Analyses.Count];
        var results = new JsonArray();
        using var all = Work.Part(null, Analyses.Count);
        for (int i = 0; i < Analyses.Count; i++)
        {
            progress?.Report($"{Analyses[i].KeyPath}: {Analyses[i].Type}");
            var analysis = Analyses[i];
            var local = new DiagnosticBag(Document.FileName);
            using (Work.Part(null, 1))
            using (Work.OpenPart($"{analysis.KeyPath} {analysis.Type}"))
                typed[i] = Guarded(analysis, () => analysis.Run(new AnalysisContext(local, progress)));
            results.Add((JsonNode?)ResultWriter.Write(typed[i]));
            warnings.AddRange(DiagnosticGrouping.Alike(local.All));
        }
        return new RunResult(ResultsDocument(NetlistRunner.Version, Document.Name, warnings, results), warnings.All.ToArray()) { Results = typed };
    }

    /// <summary>
    /// Computes the share of <paramref name="shard"/> (see <see cref="ShardSpec"/>) and returns its part: the items it
    /// computed with their warnings, the request it was computed for and the plan of the whole run (every analysis,
    /// how it divides, how many items), which <see cref="ShardMerge"/> joins with the other parts into this run's
    /// document. Throws <see cref="AnalysisException"/> as <see cref="Execute"/> does.
    /// </summary>
    /// <param name="shard">Which shard.</param>
    /// <param name="request">The netlist and options this run was prepared from (recorded, and compared by the merge).</param>
    /// <param name="progress">Progress messages, or null.</param>
    public ShardRun ExecuteShard(ShardSpec shard, RunRequest request, IProgress<string>? progress = null)
    {
        var shown = new DiagnosticBag(Document.FileName);
        shown.AddRange(Warnings);
        var plan = new JsonArray();
        var pieces = new JsonArray();
        var covered = new List<string>();
        var share = shard.Share(Analyses);
        using var all = Work.Part(null, Math.Max(1, share.Count(x => x.Count > 0)));
        for (int i = 0; i < Analyses.Count; i++)
        {
            var analysis = Analyses[i];
            var entry = new JsonObject
            {
                ["key"] = analysis.KeyPath,
                ["type"] = analysis.Type,
                ["split"] = analysis.Split switch { ShardSplit.Values => "values", ShardSplit.Draws => "draws", _ => "whole" },
                ["items"] = analysis.SplitItems,
            };
            var sweep = analysis as SweepAnalysis;
            if (sweep is not null)
            {
                entry["parameter"] = sweep.Parameter;
                entry["labels"] = ResultJson.Strings(sweep.Labels);
            }
            plan.Add((JsonNode?)entry);
            var (first, count) = share[i];
            if (count == 0) continue;
            progress?.Report($"{analysis.KeyPath}: {analysis.Type}");
            var local = new DiagnosticBag(Document.FileName);
            var itemWarnings = new List<IReadOnlyList<Diagnostic>>();
            var context = new AnalysisContext(local, progress);
            JsonObject result;
            using (Work.Part(null, 1))
            using (Work.OpenPart($"{analysis.KeyPath} {analysis.Type}"))
                result = Guarded(analysis, () => analysis.Split == ShardSplit.Whole ? ResultWriter.Write(analysis.Run(context)) : analysis.RunItems(context, first, count, itemWarnings));
            var piece = new JsonObject
            {
                ["analysis"] = i,
                ["key"] = analysis.KeyPath,
                ["first"] = first,
                ["count"] = count,
            };
            if (sweep is not null)
            {
                piece["values"] = new JsonArray(result["values"]!.AsArray().Skip(first).Take(count).Select(v => v?.DeepClone()).ToArray());
                piece["item_warnings"] = new JsonArray(itemWarnings.Select(w => (JsonNode?)ShardMerge.DiagnosticsJson(w)).ToArray());
                // Printed as the whole run would group them, over the values this shard computed.
                var perValue = new IReadOnlyList<Diagnostic>[analysis.SplitItems];
                for (int k = 0; k < perValue.Length; k++) perValue[k] = k >= first && k < first + count ? itemWarnings[k - first] : [];
                shown.AddRange(DiagnosticGrouping.Alike(SweepAnalysis.GroupWarnings(sweep.Parameter, sweep.Labels, perValue)));
                covered.Add($"{analysis.KeyPath} sweep of {sweep.Parameter}: {Items("value", first, count, analysis.SplitItems)}");
            }
            else
            {
                var grouped = DiagnosticGrouping.Alike(local.All);
                piece["warnings"] = ShardMerge.DiagnosticsJson(grouped);
                shown.AddRange(grouped);
                covered.Add(analysis.Split == ShardSplit.Draws
                    ? $"{analysis.KeyPath} {analysis.Type}: {Items("draw", first, count, analysis.SplitItems)}"
                    : $"{analysis.KeyPath} {analysis.Type}");
            }
            piece["result"] = result;
            pieces.Add((JsonNode?)piece);
        }
        var part = new JsonObject
        {
            ["photonickit_part"] = ShardMerge.PartFormat,
            ["version"] = NetlistRunner.Version,
            ["netlist"] = Document.Name,
            ["request"] = request.ToJson(),
            ["shard"] = new JsonObject { ["index"] = shard.Index, ["count"] = shard.Count },
            ["analyses"] = plan,
            ["load_warnings"] = ShardMerge.DiagnosticsJson(Warnings),
            ["pieces"] = pieces,
        };
        return new ShardRun(part, shown.All.ToArray(), covered);
    }

    /// <summary>"values 3–5 of 8", or "value 3 of 8" (counted from 1).</summary>
    private static string Items(string noun, int first, int count, int of)
    {
        var inv = CultureInfo.InvariantCulture;
        return count == 1
            ? $"{noun} {(first + 1).ToString(inv)} of {of.ToString(inv)}"
            : $"{noun}s {(first + 1).ToString(inv)}–{(first + count).ToString(inv)} of {of.ToString(inv)}";
    }

    /// <summary>The results document of spec §5.</summary>
    internal static JsonObject ResultsDocument(string version, string netlist, DiagnosticBag warnings, JsonArray results) => new()
    {
        ["photonickit"] = 1,
        ["version"] = version,
        ["netlist"] = netlist,
        ["warnings"] = ResultJson.Strings(warnings.All.Select(w => w.ToString())),
        ["results"] = results,
    };

    private static T Guarded<T>(Analysis analysis, Func<T> run)
    {
        try
        {
            return run();
        }
        catch (Quantum.ComputationTooLargeException e)
        {
            // Sizes known only once the circuit is solved (overlaps, which sources reach the detectors).
            throw new AnalysisException(analysis.KeyPath, analysis.Mark,
                $"the '{analysis.Type}' analysis is too large for this machine: {e.Message}", e);
        }
    }
}

/// <summary>The results of a run: each analysis' result record, the results document and every warning (loading and
/// computing).</summary>
/// <param name="Document">The results document (spec §5): its <c>results</c> are <see cref="Results"/> written by
/// <see cref="ResultWriter"/>.</param>
/// <param name="Warnings">The warnings, also listed in the document's <c>warnings</c>.</param>
public sealed record RunResult(JsonObject Document, IReadOnlyList<Diagnostic> Warnings)
{
    /// <summary>
    /// Each analysis' result, in the order of <c>analyses:</c> (the entries of the document's <c>results</c>), as records
    /// of their types: <c>run.Results.OfType&lt;HomResult&gt;().First().Visibility</c>. A run joined from shard parts
    /// (<see cref="ShardMerge"/>) reads them from its document (<see cref="ResultReader"/>).
    /// </summary>
    public IReadOnlyList<AnalysisResult> Results { get; init; } = [];

    /// <summary>The document as JSON text (deterministic, shortest round-trip numbers).</summary>
    public string ToJson() => ResultJson.Write(Document);
}

/// <summary>Checks a netlist and its request completely, before any computation.</summary>
public static class NetlistRunner
{
    /// <summary>The results format's <c>version</c> field: the toolkit's version.</summary>
    public static string Version => typeof(NetlistRunner).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.1.0";

    /// <summary>Share of the machine's memory a run may be estimated to need: the same share as a file's solve
    /// (<see cref="SolveSizeEstimate.MaxMemoryFraction"/>, spec §1).</summary>
    public const double MemoryShareLimit = SolveSizeEstimate.MaxMemoryFraction;

    /// <summary>
    /// Loads <paramref name="text"/> (YAML or JSON), applies <paramref name="setArguments"/> (<c>path.setting=value</c>),
    /// flattens, parses the analyses and estimates the memory. Every problem goes to <paramref name="bag"/>;
    /// returns null when any is an error.
    /// </summary>
    /// <param name="text">The netlist (YAML or JSON).</param>
    /// <param name="fileName">The name diagnostics are reported against.</param>
    /// <param name="setArguments"><c>path.setting=value</c> overrides, as <c>--set</c> takes them.</param>
    /// <param name="strict">Unconnected ports are errors.</param>
    /// <param name="bag">Receives every problem.</param>
    /// <param name="read">Format and command-line wavelengths (<c>--from</c>, <c>--wavelength-nm</c>, <c>--sweep</c>).</param>
    public static PreparedRun? Prepare(string text, string fileName, IReadOnlyList<string> setArguments, bool strict, DiagnosticBag bag, NetlistReadOptions? read = null)
    {
        var overrides = ParseOverrides(setArguments, bag);
        if (overrides is null) return null;
        var document = NetlistLoader.Load(text, fileName, bag, strict: strict, overrides: overrides, read: read);
        return document is null ? null : Prepare(document, bag);
    }

    /// <summary>
    /// Checks and computes a netlist in one call (the notebook-style use): throws <see cref="NetlistException"/>
    /// listing every problem when the input is invalid, <see cref="AnalysisException"/> when a computation
    /// cannot be done.
    /// </summary>
    /// <param name="text">The netlist (YAML or JSON).</param>
    /// <param name="fileName">The name diagnostics are reported against.</param>
    /// <param name="setArguments"><c>path.setting=value</c> overrides, as <c>--set</c> takes them.</param>
    public static RunResult Run(string text, string fileName, params string[] setArguments)
    {
        var bag = new DiagnosticBag(fileName);
        var prepared = Prepare(text, fileName, setArguments, strict: false, bag);
        if (prepared is null) throw new NetlistException(bag.All.ToArray());
        return prepared.Execute();
    }

    /// <summary>Reads the netlist file at <paramref name="path"/> and runs it (see <see cref="Run"/>).</summary>
    public static RunResult RunFile(string path, params string[] setArguments)
    {
        var bag = new DiagnosticBag(path);
        return NetlistText.ReadFile(path, bag) is { } text ? Run(text, path, setArguments) : throw new NetlistException(bag.All.ToArray());
    }

    /// <summary>Parses the analyses of a loaded <paramref name="document"/> (its circuit flattened with its
    /// <c>--set</c> overrides) and checks the estimated memory; null when any error was recorded.</summary>
    public static PreparedRun? Prepare(NetlistDocument document, DiagnosticBag bag)
    {
        var circuit = document.Circuit;
        var analyses = AnalysisParser.ParseAll(document, circuit, document.Overrides, bag);
        if (analyses is null || bag.HasErrors) return null;
        long bytes = 0;
        Analysis? largest = null;
        long largestBytes = -1;
        foreach (var a in analyses)
        {
            long b = a.EstimateBytes();
            bytes = SaturatingAdd(bytes, b);
            if (b > largestBytes) (largest, largestBytes) = (a, b);
        }
        double available = SolveSizeEstimate.MachineBytes;
        if (bytes > MemoryShareLimit * available)
        {
            // Reported at the analysis that needs the most, with its share, so the file's line and column lead to it.
            string share = analyses.Count > 1 ? $" ({largest!.KeyPath}, a '{largest.Type}', needs {SolveSizeEstimate.FormatBytes(largestBytes)} of it)" : "";
            bag.Error(largest!.Mark.IsKnown ? largest.Mark : document.AnalysesMark.IsKnown ? document.AnalysesMark : new SourceMark(1, 1), largest.KeyPath,
                $"refused before starting: the analyses are estimated to need {SolveSizeEstimate.FormatBytes(bytes)}{share}, more than {MemoryShareLimit:P0} of this machine's {SolveSizeEstimate.FormatBytes(available)}");
            return null;
        }
        return new PreparedRun(document, circuit, analyses, DiagnosticGrouping.Alike(bag.Warnings.ToArray()), bytes);
    }

    /// <summary>Parses <c>path.setting=value</c> arguments (see <see cref="SettingOverride.TryParse"/>).</summary>
    public static IReadOnlyList<SettingOverride>? ParseOverrides(IReadOnlyList<string> setArguments, DiagnosticBag bag)
    {
        var result = new List<SettingOverride>();
        bool ok = true;
        foreach (var arg in setArguments)
        {
            var o = SettingOverride.TryParse(arg, out string? error);
            if (o is null)
            {
                // Keyed by the path when one is given, as every other problem of an override is.
                int eq = arg.IndexOf('=');
                string path = eq > 0 ? arg[..eq].Trim() : "";
                bag.Error(SourceMark.None, path.Length > 0 ? "--set " + path : "--set", error!);
                ok = false;
            }
            else result.Add(o);
        }
        return ok ? result : null;
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
