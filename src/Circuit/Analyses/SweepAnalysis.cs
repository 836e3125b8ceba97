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
    private readonly string _parameter;
    private readonly double[] _values;
    private readonly Analysis[] _inner;

    private SweepAnalysis(string keyPath, SourceMark mark, string parameter, double[] values, Analysis[] inner) : base(keyPath, mark)
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
        double[]? values = reader.Values("values");
        if (!reader.Has("parameter")) reader.Error("parameter", "missing: the setting to sweep, as \"instance.setting\"");
        if (!reader.Has("values")) reader.Error("values", "missing: a list of numbers or {start, stop, points}");
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

        var inner = new Analysis[values.Length];
        var seen = new HashSet<string>(scope.Bag.All.Select(d => d.ToString()));
        bool ok = true;
        for (int k = 0; k < values.Length; k++)
        {
            var overrides = scope.Overrides.Append(new SettingOverride(parameter, new SettingValue.Number(values[k]))).ToArray();
            var local = new DiagnosticBag(scope.Bag.File);
            var circuit = scope.Document.Flatten(overrides, local, reportWarnings: false);
            Analysis? a = circuit is null ? null : AnalysisParser.Parse(innerMap, $"{keyPath}.analysis", scope.With(circuit, overrides, local));
            foreach (var d in local.All)
            {
                string text = d.ToString();
                if (d.Severity == Severity.Error && !seen.Contains(text))
                {
                    // Name the value once; identical problems at other values are not repeated.
                    seen.Add(text);
                    scope.Bag.AddRange([d with { Message = $"{d.Message} (at {parameter} = {values[k].ToString("R", CultureInfo.InvariantCulture)})" }]);
                }
            }
            if (a is null || local.HasErrors)
            {
                ok = false;
                if (!local.HasErrors) continue;
                // One failing value usually means the same problem at all: stop after a few reports.
                if (seen.Count > 50) break;
                continue;
            }
            inner[k] = a;
        }
        return ok ? new SweepAnalysis(keyPath, node.Mark, parameter, values, inner) : null;
    }

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
            context.Progress?.Report($"{KeyPath}: {_parameter} = {_values[k].ToString("R", CultureInfo.InvariantCulture)} ({k + 1}/{_inner.Length})");
            var local = new DiagnosticBag(context.Warnings.File);
            results.Add(_inner[k].Run(new AnalysisContext(local, context.Progress)));
            foreach (var w in local.All)
                context.Warnings.AddRange([w with { Message = $"{w.Message} (at {_parameter} = {_values[k].ToString("R", CultureInfo.InvariantCulture)})" }]);
        }
        var result = NewResult();
        result["parameter"] = _parameter;
        result["values"] = ResultJson.Numbers(_values);
        result["results"] = results;
        return result;
    }
}
