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

    private const string RefusalText = "refused before starting";

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

    internal static SweepAnalysis? Parse(MappingNode node, string keyPath, AnalysisScope scope)
    {
        var reader = new AnalysisReader(node, keyPath, scope.Bag, ["parameter", "values", "analysis"]);
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
    private static SettingValue[]? ReadValues(AnalysisReader reader)
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

    private static string Describe(SettingValue value) => value switch
    {
        SettingValue.Number n => n.Value.ToString("R", CultureInfo.InvariantCulture),
        SettingValue.Word w => w.Value,
        _ => value.ToString(),
    };

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

    /// <inheritdoc/>
    public override JsonObject Run(AnalysisContext context)
    {
        var results = new JsonArray();
        for (int k = 0; k < _inner.Length; k++)
        {
            context.Progress?.Report($"{KeyPath}: {_parameter} = {Describe(_values[k])} ({k + 1}/{_inner.Length})");
            var local = new DiagnosticBag(context.Warnings.File);
            results.Add(_inner[k].Run(new AnalysisContext(local, context.Progress)));
            foreach (var w in local.All)
                context.Warnings.AddRange([w with { Message = $"{w.Message} (at {_parameter} = {Describe(_values[k])})" }]);
        }
        var result = NewResult();
        result["parameter"] = _parameter;
        var values = new JsonArray();
        foreach (var v in _values)
            values.Add(v is SettingValue.Number n ? ResultJson.Number(n.Value) : JsonValue.Create(Describe(v)));
        result["values"] = values;
        result["results"] = results;
        return result;
    }
}
