using System.Globalization;
using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Results;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Analyses;

/// <summary>
/// <c>sweep</c>: runs an inner analysis once per value of one setting (<c>parameter: "path.setting"</c>,
/// instance names joined by '.'; <c>wavelength_nm</c> for the file's wavelength). Every value's circuit is
/// built and checked before anything is computed. Sweeps nest.
/// </summary>
public sealed class SweepAnalysis : Analysis
{
    /// <summary>Most runs of inner analyses a file's sweeps may ask for, nested sweeps multiplied: every run
    /// builds and checks its own circuit (about a millisecond) before anything is computed, so more is refused
    /// before starting.</summary>
    public const long MaxRuns = 100_000;

    /// <summary>Most instances the sweeps of a file may build in all (runs × the circuit's flat instances, plus the
    /// file's own circuit): every run's circuit is kept until the run, at about
    /// <see cref="NetlistLoader.BytesPerFlatInstance"/> bytes and <see cref="NetlistLoader.SecondsPerFlatInstance"/>
    /// seconds per instance, so two million are about 1.3 GB and 30 s before anything is computed.</summary>
    public const long MaxInstanceBuilds = 2_000_000;

    /// <summary>Most wavelength (and delay) grid points the analyses of a file may hold in all, every run of a sweep
    /// counted: each analysis keeps its own grid from the moment it is read (8 bytes a point, and its results several
    /// times that), so 50 million points are 400 MB before anything is computed. An analysis written once and
    /// repeated by YAML aliases counts at every repetition.</summary>
    public const long MaxGridPoints = 50_000_000;

    private const string RefusalText = "refused before starting";

    /// <summary>
    /// Checks the runs the sweeps of a file ask for before any sweep value is expanded: from the value counts
    /// alone (list lengths and grid <c>points</c>), nested sweeps multiplied, each sweep within
    /// <see cref="MaxRuns"/>, all sweeps of the file within <see cref="MaxRuns"/> together, and the instances their
    /// circuits would hold (<paramref name="flatInstances"/> per run) within <see cref="MaxInstanceBuilds"/>.
    /// Values that cannot be counted are left to the sweep's own parsing, which reports them. False when refused.
    /// </summary>
    internal static bool CheckBudget(IReadOnlyList<MappingNode> analyses, long flatInstances, DiagnosticBag bag, SourceMark analysesMark, long fileGridPoints = 1)
    {
        var inv = CultureInfo.InvariantCulture;
        long total = 0;
        var largest = (Runs: 0L, Key: "", Mark: SourceMark.None);
        for (int i = 0; i < analyses.Count; i++)
        {
            long runs = Runs(analyses[i], $"analyses[{i}]", 1, bag, ref largest);
            if (runs < 0) return false;
            total = total > long.MaxValue - runs ? long.MaxValue : total + runs;
        }
        if (total > MaxRuns)
        {
            bag.Error(analysesMark, "analyses", $"{RefusalText}: the sweeps of this file make {total.ToString("N0", inv)} runs of their inner analyses in all " +
                $"(the largest, {largest.Key}, {largest.Runs.ToString("N0", inv)}), each with its own circuit built and checked; at most {MaxRuns.ToString("N0", inv)} in all");
            return false;
        }
        double points = 0;
        var widest = (Points: -1.0, Key: "", Mark: SourceMark.None);
        for (int i = 0; i < analyses.Count; i++)
        {
            double p = GridPoints(analyses[i], fileGridPoints);
            points += p;
            if (p > widest.Points) widest = (p, $"analyses[{i}]", analyses[i].Mark);
        }
        if (points > MaxGridPoints)
        {
            string which = analyses.Count > 1 ? $" ({widest.Key} holds {NetlistLoader.Count(widest.Points)})" : "";
            bag.Error(widest.Mark, widest.Key, $"{RefusalText}: the analyses' wavelength and delay grids hold {NetlistLoader.Count(points)} points in all{which}, every sweep run and every repetition counted " +
                $"(about {SolveSizeEstimate.FormatBytes(points * 8)} for the grids alone, several times that for their results); at most {MaxGridPoints.ToString("N0", inv)} (use fewer analyses, sweep values or points)");
            return false;
        }
        double builds = (double)total * flatInstances;
        if (builds + flatInstances > MaxInstanceBuilds)
        {
            string which = largest.Runs == total ? "" : $" (with the other sweeps of the file, {total.ToString("N0", inv)} runs)";
            bag.Error(largest.Mark, largest.Key, $"{RefusalText}: {largest.Runs.ToString("N0", inv)} runs{which} of a circuit of {flatInstances.ToString("N0", inv)} instances build " +
                $"{NetlistLoader.Count(builds)} instances (about {SolveSizeEstimate.FormatBytes(builds * NetlistLoader.BytesPerFlatInstance)} and {NetlistLoader.Duration(builds * NetlistLoader.SecondsPerFlatInstance)} before anything is computed); " +
                $"at most {MaxInstanceBuilds.ToString("N0", inv)} instances in all (use fewer values, or a wavelength grid inside the analysis)");
            return false;
        }
        return true;
    }

    /// <summary>Runs of the inner analyses of the sweep <paramref name="node"/> (0 for another analysis), nested
    /// sweeps multiplied; −1 when refused (reported).</summary>
    private static long Runs(MappingNode node, string keyPath, long outer, DiagnosticBag bag, ref (long Runs, string Key, SourceMark Mark) largest)
    {
        if (node["type"] is not ScalarNode { Value: "sweep" }) return 0;
        long count = ValueCount(node["values"]);
        long runs = outer > long.MaxValue / count ? long.MaxValue : outer * count;
        var mark = node["values"]?.Mark ?? node.Mark;
        if (runs > MaxRuns)
        {
            var inv = CultureInfo.InvariantCulture;
            string nesting = outer > 1 ? $" inside sweeps of {outer.ToString(inv)} runs" : "";
            bag.Error(mark, keyPath + ".values", $"{RefusalText}: {count.ToString(inv)} values{nesting} make " +
                $"{(runs == long.MaxValue ? "more than " + MaxRuns.ToString("N0", inv) : runs.ToString("N0", inv))} runs of the inner analysis, " +
                $"each with its own circuit built and checked; at most {MaxRuns.ToString("N0", inv)} (use fewer values, or a wavelength grid inside the analysis)");
            return -1;
        }
        if (node["analysis"] is MappingNode inner && inner["type"] is ScalarNode { Value: "sweep" })
            return Runs(inner, keyPath + ".analysis", runs, bag, ref largest);
        if (runs > largest.Runs) largest = (runs, keyPath + ".values", mark);
        return runs;
    }

    /// <summary>Grid points one analysis holds, from the text: the <c>points</c> of each grid written in it (its
    /// <c>sweep</c>, a <c>delay_ps</c> scan), else the file's grid; a sweep holds its values and, per value, its
    /// inner analysis's points.</summary>
    private static double GridPoints(MappingNode node, long fileGridPoints)
    {
        if (node["type"] is ScalarNode { Value: "sweep" })
        {
            double values = ValueCount(node["values"]);
            return values + values * (node["analysis"] is MappingNode inner ? GridPoints(inner, fileGridPoints) : 1);
        }
        double points = 0;
        bool ownGrid = false;
        foreach (var (_, value) in node.Entries)
            if (value is MappingNode grid && grid["points"] is not null)
            {
                // A grid over the limit of one grid is refused by its own check, with its own message.
                long count = ValueCount(grid);
                points += count <= WavelengthSweep.MaxPoints ? count : 0;
                ownGrid = true;
            }
        return ownGrid ? points : fileGridPoints;
    }

    /// <summary>The number of values a sweep's <c>values</c> holds, from the text alone: a list's length, a grid's
    /// <c>points</c>; 1 when it cannot be told (the sweep's own parsing reports why).</summary>
    private static long ValueCount(Node? values) => values switch
    {
        SequenceNode seq => Math.Max(1, seq.Items.Count),
        MappingNode map when map["points"] is ScalarNode p && p.TryGetNumber(out double n) && n >= 1 && n == Math.Floor(n) =>
            n > long.MaxValue / 2 ? long.MaxValue / 2 : (long)n,
        _ => 1,
    };

    private readonly string _parameter;
    private readonly SettingValue[] _values;
    private readonly Analysis[] _inner;

    private SweepAnalysis(string keyPath, SourceMark mark, string parameter, SettingValue[] values, Analysis[] inner) : base(keyPath, mark)
    {
        _parameter = parameter;
        _values = values;
        _inner = inner;
    }

    /// <inheritdoc/>
    public override string Type => "sweep";

    /// <summary>The keys this analysis takes besides <c>type</c>.</summary>
    internal static readonly string[] Keys = ["parameter", "values", "analysis"];

    internal static SweepAnalysis? Parse(MappingNode node, string keyPath, AnalysisScope scope)
    {
        var reader = new AnalysisReader(node, keyPath, scope.Bag, Keys);
        string? parameter = reader.Text("parameter");
        SettingValue[]? values = ReadValues(reader);
        if (!reader.Has("parameter")) reader.Error("parameter", "missing: the setting to sweep, as \"instance.setting\"");
        if (!reader.Has("values")) reader.Error("values", "missing: a list of numbers or words, or {start, stop, points}");
        var innerNode = reader["analysis"];
        if (innerNode is null)
        {
            reader.Error("analysis", "missing: the analysis to run at each value, e.g. {type: transmission}");
            return null;
        }
        if (innerNode is not MappingNode innerMap || innerMap["type"] is not ScalarNode)
        {
            reader.Error("analysis", $"expected a mapping with a 'type', got {AnalysisReader.Describe(innerNode)}");
            return null;
        }
        if (parameter is null || values is null) return null;
        if (parameter.Length == 0)
        {
            reader.Error("parameter", "expected \"instance.setting\"");
            return null;
        }
        // A path that names no setting is the parameter's problem, not the first value's.
        if (scope.Document.OverridePathProblem(parameter) is { } pathProblem)
        {
            reader.Error("parameter", pathProblem);
            return null;
        }
        long runs = scope.SweepRuns > MaxRuns ? long.MaxValue : scope.SweepRuns * values.Length;
        if (runs > MaxRuns)
        {
            string nesting = scope.SweepRuns > 1 ? $" inside sweeps of {scope.SweepRuns.ToString(CultureInfo.InvariantCulture)} runs" : "";
            reader.Error("values", $"{RefusalText}: {values.Length.ToString(CultureInfo.InvariantCulture)} values{nesting} make " +
                $"{(runs == long.MaxValue ? "more than " + MaxRuns.ToString("N0", CultureInfo.InvariantCulture) : runs.ToString("N0", CultureInfo.InvariantCulture))} runs of the inner analysis, " +
                $"each with its own circuit built and checked; at most {MaxRuns.ToString("N0", CultureInfo.InvariantCulture)} (use fewer values, or a wavelength grid inside the analysis)");
            return null;
        }

        var valuesNode = reader["values"];
        var inner = new Analysis[values.Length];
        var seen = new HashSet<string>(scope.Bag.All.Select(d => d.ToString()));
        bool ok = true;
        for (int k = 0; k < values.Length; k++)
        {
            var overrides = scope.Overrides.Append(new SettingOverride(parameter, values[k])).ToArray();
            var local = new DiagnosticBag(scope.Bag.File);
            var circuit = scope.Document.Flatten(overrides, local, reportWarnings: false);
            Analysis? a = circuit is null ? null : AnalysisParser.Parse(innerMap, $"{keyPath}.analysis", scope.With(circuit, overrides, local, runs));
            foreach (var d in local.All)
            {
                string text = d.ToString();
                if (d.Severity == Severity.Error && !seen.Contains(text))
                {
                    // Name the value once; identical problems at other values are not repeated.
                    seen.Add(text);
                    string at = $" (at {parameter} = {Describe(values[k])})";
                    // A problem with the swept setting is reported at the value in the file, not as a --set.
                    var reported = d.Key.StartsWith("--set", StringComparison.Ordinal) && !d.Mark.IsKnown && valuesNode is not null
                        ? d with
                        {
                            Mark = valuesNode is SequenceNode seq ? seq.Items[k].Mark : valuesNode.Mark,
                            Key = valuesNode is SequenceNode ? $"{keyPath}.values[{k}]" : $"{keyPath}.values",
                            Message = $"{d.Key["--set".Length..].Trim()}: {d.Message}{at}",
                        }
                        : d with { Message = d.Message + at };
                    scope.Bag.AddRange([reported]);
                }
            }
            if (a is null || local.HasErrors)
            {
                ok = false;
                if (!local.HasErrors) continue;
                // One failing value usually means the same problem at all: stop after a few reports, and at once
                // when an inner sweep was refused for its size (the same at every value).
                if (seen.Count > 50 || local.All.Any(d => d.Severity == Severity.Error && d.Message.StartsWith(RefusalText, StringComparison.Ordinal))) break;
                continue;
            }
            inner[k] = a;
        }
        return ok ? new SweepAnalysis(keyPath, node.Mark, parameter, values, inner) : null;
    }

    /// <summary>The swept values: a <c>{start, stop, points}</c> grid, or a list whose entries are numbers or words
    /// (a choice such as <c>excitation</c>: <c>[ideal, resonant]</c>).</summary>
    internal static SettingValue[]? ReadValues(AnalysisReader reader)
    {
        var node = reader["values"];
        if (node is not SequenceNode seq)
            return reader.Values("values")?.Select(v => (SettingValue)new SettingValue.Number(v)).ToArray();
        if (seq.Items.Count == 0)
        {
            reader.Error("values", "expected at least one value");
            return null;
        }
        var values = new SettingValue[seq.Items.Count];
        bool ok = true;
        for (int i = 0; i < seq.Items.Count; i++)
        {
            if (seq.Items[i] is ScalarNode s && s.TryGetNumber(out double v)) values[i] = new SettingValue.Number(v);
            else if (seq.Items[i] is ScalarNode { IsNull: false, IsBoolean: false, IsNonFiniteNumber: false } w && w.Value.Length > 0)
                values[i] = new SettingValue.Word(w.Value);
            else
            {
                reader.Bag.Error(seq.Items[i].Mark, $"{reader.Path("values")}[{i}]",
                    $"expected a finite number or a word (e.g. resonant), got {AnalysisReader.Describe(seq.Items[i])}");
                ok = false;
            }
        }
        return ok ? values : null;
    }

    internal static string Describe(SettingValue value) => ResultWriter.Describe(value);

    /// <inheritdoc/>
    public override long EstimateBytes()
    {
        // Results are kept for every value; the largest inner computation runs one at a time.
        long max = 0, sum = 0;
        foreach (var a in _inner)
        {
            long b = a.EstimateBytes();
            max = Math.Max(max, b);
            sum += b / 4;
        }
        return max + sum;
    }

    /// <summary>The swept values as warnings and progress name them.</summary>
    internal IReadOnlyList<string> Labels => _values.Select(Describe).ToArray();

    /// <summary>The swept setting, <c>path.setting</c>.</summary>
    internal string Parameter => _parameter;

    /// <summary>
    /// The values a warning was found at: "at P = v" for one, "at all n values of P" for all, otherwise the first
    /// few and how many in all.
    /// </summary>
    private static string Where(string parameter, IReadOnlyList<string> labels, List<int> at)
    {
        const int shown = 3;
        if (at.Count == 1) return $"at {parameter} = {labels[at[0]]}";
        if (at.Count == labels.Count) return $"at all {at.Count} values of {parameter}";
        string first = string.Join(", ", at.Take(shown).Select(k => labels[k]));
        return at.Count <= shown
            ? $"at {parameter} = {first}"
            : $"at {at.Count} of the {labels.Count} values of {parameter}: {first}, …";
    }

    /// <summary>
    /// The warnings of a sweep from each value's own (<paramref name="perValue"/>[k] those found at value k): the same
    /// warning at several values is reported once, in order of first appearance, with the values it was found at.
    /// </summary>
    internal static IEnumerable<Diagnostic> GroupWarnings(string parameter, IReadOnlyList<string> labels, IReadOnlyList<IReadOnlyList<Diagnostic>> perValue)
    {
        var warnings = new List<(Diagnostic Warning, List<int> At)>();
        var index = new Dictionary<Diagnostic, int>();
        for (int k = 0; k < perValue.Count; k++)
            foreach (var w in perValue[k])
            {
                if (!index.TryGetValue(w, out int i))
                {
                    index[w] = i = warnings.Count;
                    warnings.Add((w, []));
                }
                if (warnings[i].At.Count == 0 || warnings[i].At[^1] != k) warnings[i].At.Add(k);
            }
        return warnings.Select(x => x.Warning with { Message = $"{x.Warning.Message} ({Where(parameter, labels, x.At)})" });
    }

    /// <inheritdoc/>
    public override AnalysisResult Run(AnalysisContext context)
    {
        var perValue = new List<IReadOnlyList<Diagnostic>>();
        var result = Compute(context, 0, _inner.Length, perValue);
        context.Warnings.AddRange(GroupWarnings(_parameter, Labels, perValue));
        return result;
    }

    /// <inheritdoc/>
    internal override ShardSplit Split => ShardSplit.Values;

    /// <inheritdoc/>
    internal override int SplitItems => _inner.Length;

    /// <inheritdoc/>
    internal override JsonObject RunItems(AnalysisContext context, int first, int count, List<IReadOnlyList<Diagnostic>> itemWarnings) =>
        ResultWriter.Write(Compute(context, first, count, itemWarnings));

    /// <summary>The result with the inner results of values [<paramref name="first"/>, <paramref name="first"/> +
    /// <paramref name="count"/>) only; each value's warnings are added to <paramref name="itemWarnings"/>.</summary>
    private SweepResult Compute(AnalysisContext context, int first, int count, List<IReadOnlyList<Diagnostic>> itemWarnings)
    {
        var results = new List<AnalysisResult>();
        using var sweep = Work.Part(null, count);
        for (int k = first; k < first + count; k++)
        {
            string stage = $"{_parameter} = {Describe(_values[k])} ({k + 1}/{_inner.Length})";
            context.Progress?.Report($"{KeyPath}: {stage}");
            var local = new DiagnosticBag(context.Warnings.File);
            using (Work.Part(null, 1))
            using (Work.OpenPart(stage)) results.Add(_inner[k].Run(new AnalysisContext(local, context.Progress)));
            itemWarnings.Add(local.All.ToArray());
        }
        return new SweepResult { Parameter = _parameter, Values = [.. _values], Results = [.. results] };
    }
}
