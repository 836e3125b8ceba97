using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Analyses;

/// <summary>
/// Reads one analysis entry's keys with diagnostics: unknown keys (with did-you-mean), kinds, ranges. Every
/// problem goes to the bag with the key path (e.g. <c>analyses[0].from</c>) and the value's line and column.
/// </summary>
internal sealed class AnalysisReader
{
    private readonly MappingNode _node;
    private readonly DiagnosticBag _bag;

    public AnalysisReader(MappingNode node, string keyPath, DiagnosticBag bag, IReadOnlyCollection<string> allowedKeys)
    {
        _node = node;
        _bag = bag;
        KeyPath = keyPath;
        foreach (var (key, _) in node.Entries)
            if (key.Value != "type" && !allowedKeys.Contains(key.Value))
                bag.Error(key.Mark, $"{keyPath}.{key.Value}",
                    $"unknown key for a '{Type}' analysis{Suggestions.HintOrList(key.Value, allowedKeys, "keys")}");
    }

    public string KeyPath { get; }

    public DiagnosticBag Bag => _bag;

    public SourceMark Mark => _node.Mark;

    public string Type => (_node["type"] as ScalarNode)?.Value ?? "";

    public bool Has(string key) => _node[key] is not null;

    public Node? this[string key] => _node[key];

    public string Path(string key) => $"{KeyPath}.{key}";

    public void Error(string key, string message) => _bag.Error(_node[key]?.Mark ?? _node.Mark, Path(key), message);

    /// <summary>An optional finite number within [min, max]; null when absent or invalid (error recorded).</summary>
    public double? Number(string key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool minExclusive = false)
    {
        var node = _node[key];
        if (node is null) return null;
        if (node is ScalarNode s && s.TryGetNumber(out double v))
        {
            bool below = minExclusive ? v <= min : v < min;
            if (below || v > max)
            {
                _bag.Error(node.Mark, Path(key), $"{v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} is out of range: expected {RangeText(min, max, minExclusive)}");
                return null;
            }
            return v;
        }
        _bag.Error(node.Mark, Path(key), $"expected a number, got {Describe(node)}");
        return null;
    }

    /// <summary>An optional integer within [min, max].</summary>
    public int? Integer(string key, long min, long max)
    {
        var node = _node[key];
        if (node is null) return null;
        if (node is ScalarNode s && s.TryGetNumber(out double v) && v == Math.Floor(v))
        {
            if (v < min || v > max)
            {
                _bag.Error(node.Mark, Path(key), $"{v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} is out of range: expected an integer in [{min}, {max}]");
                return null;
            }
            return (int)v;
        }
        _bag.Error(node.Mark, Path(key), $"expected an integer, got {Describe(node)}");
        return null;
    }

    /// <summary>An optional boolean.</summary>
    public bool? Boolean(string key)
    {
        var node = _node[key];
        if (node is null) return null;
        if (node is ScalarNode { IsBoolean: true } s) return s.Value.Equals("true", StringComparison.OrdinalIgnoreCase);
        _bag.Error(node.Mark, Path(key), $"expected true or false, got {Describe(node)}");
        return null;
    }

    /// <summary>An optional text value.</summary>
    public string? Text(string key)
    {
        var node = _node[key];
        if (node is null) return null;
        if (node is ScalarNode s && !s.IsNull && !s.IsBoolean && !s.TryGetNumber(out _)) return s.Value;
        if (node is ScalarNode { IsQuoted: true } q) return q.Value;
        _bag.Error(node.Mark, Path(key), $"expected a name, got {Describe(node)}");
        return null;
    }

    /// <summary>An optional list of names (a single name is accepted as a list of one).</summary>
    public IReadOnlyList<(string Name, SourceMark Mark)>? Names(string key)
    {
        var node = _node[key];
        if (node is null) return null;
        if (node is ScalarNode single && !single.IsNull)
            return [(single.Value, single.Mark)];
        if (node is not SequenceNode seq)
        {
            _bag.Error(node.Mark, Path(key), $"expected a list of names, got {Describe(node)}");
            return null;
        }
        var names = new List<(string, SourceMark)>();
        for (int i = 0; i < seq.Items.Count; i++)
        {
            if (seq.Items[i] is ScalarNode s && !s.IsNull) names.Add((s.Value, s.Mark));
            else _bag.Error(seq.Items[i].Mark, $"{Path(key)}[{i}]", $"expected a name, got {Describe(seq.Items[i])}");
        }
        return names;
    }

    /// <summary>A <c>{start, stop, points}</c> grid or a list of numbers; null when absent or invalid.</summary>
    public double[]? Values(string key, string startKey = "start", string stopKey = "stop")
    {
        var node = _node[key];
        if (node is null) return null;
        if (node is SequenceNode seq)
        {
            var values = new double[seq.Items.Count];
            bool ok = seq.Items.Count > 0;
            if (!ok) _bag.Error(node.Mark, Path(key), "expected at least one value");
            for (int i = 0; i < seq.Items.Count; i++)
            {
                if (seq.Items[i] is ScalarNode s && s.TryGetNumber(out double v)) values[i] = v;
                else
                {
                    _bag.Error(seq.Items[i].Mark, $"{Path(key)}[{i}]", $"expected a number, got {Describe(seq.Items[i])}");
                    ok = false;
                }
            }
            return ok ? values : null;
        }
        if (node is MappingNode map)
            return Grid(map, Path(key), startKey, stopKey);
        _bag.Error(node.Mark, Path(key), $"expected a list of numbers or {{{startKey}, {stopKey}, points}}, got {Describe(node)}");
        return null;
    }

    /// <summary>A linear grid from a mapping <c>{start, stop, points}</c> (both ends included).</summary>
    public double[]? Grid(MappingNode map, string path, string startKey, string stopKey)
    {
        string[] allowed = [startKey, stopKey, "points"];
        bool ok = true;
        foreach (var (k, _) in map.Entries)
            if (!allowed.Contains(k.Value))
            {
                _bag.Error(k.Mark, $"{path}.{k.Value}", $"unknown key{Suggestions.HintOrList(k.Value, allowed, "keys")}");
                ok = false;
            }
        double? start = GridNumber(map, path, startKey), stop = GridNumber(map, path, stopKey);
        double? pointsValue = GridNumber(map, path, "points");
        if (start is null || stop is null || pointsValue is null) return null;
        double points = pointsValue.Value;
        if (points != Math.Floor(points) || points < 1)
        {
            _bag.Error(map["points"]!.Mark, $"{path}.points", $"expected an integer ≥ 1, got {points.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
            return null;
        }
        if (points > WavelengthSweep.MaxPoints)
        {
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            string count = points.ToString(points < 1e15 ? "0" : "G4", inv);
            _bag.Error(map["points"]!.Mark, $"{path}.points", $"{count} points refused: at most {WavelengthSweep.MaxPoints.ToString("N0", inv)} (a grid of {count} points needs {(points * 8 / 1e6).ToString("G3", inv)} MB for the values alone, times the circuit's size)");
            return null;
        }
        if (!ok) return null;
        return new WavelengthSweep(start.Value, stop.Value, (int)points).WavelengthsNm();
    }

    private double? GridNumber(MappingNode map, string path, string key)
    {
        var node = map[key];
        if (node is null)
        {
            _bag.Error(map.Mark, $"{path}.{key}", "missing");
            return null;
        }
        if (node is ScalarNode s && s.TryGetNumber(out double v)) return v;
        _bag.Error(node.Mark, $"{path}.{key}", $"expected a number, got {Describe(node)}");
        return null;
    }

    internal static string Describe(Node node) => node switch
    {
        ScalarNode s => $"{s.KindText} {s}",
        _ => $"a {node.KindText}",
    };

    private static string RangeText(double min, double max, bool minExclusive)
    {
        static string F(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        bool hasMin = !double.IsNegativeInfinity(min), hasMax = !double.IsPositiveInfinity(max);
        if (hasMin && hasMax) return $"{(minExclusive ? "(" : "[")}{F(min)}, {F(max)}]";
        if (hasMin) return minExclusive ? $"> {F(min)}" : $"≥ {F(min)}";
        if (hasMax) return $"≤ {F(max)}";
        return "a finite number";
    }
}
