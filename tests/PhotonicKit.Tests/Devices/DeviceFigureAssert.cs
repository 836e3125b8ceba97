using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Devices;
using Xunit.Sdk;

namespace PhotonicKit.Tests.Devices;

/// <summary>A figure a device's result should hold: field (a result key, or a dotted path such as
/// <c>brightness_port.right</c>), expected value and the absolute tolerance.</summary>
public sealed record ExpectedFigure(string Field, double Expected, double Tolerance)
{
    /// <summary>The published figure with its 1σ uncertainty, else ±5 % relative.</summary>
    public static ExpectedFigure From(PublishedFigure figure) => new(figure.Field, figure.Value, figure.Tolerance);

    /// <summary>A figure within a relative tolerance of its expected value.</summary>
    public static ExpectedFigure Relative(string field, double expected, double relativeTolerance) =>
        new(field, expected, Math.Abs(expected) * relativeTolerance);
}

/// <summary>One row of a comparison: what was expected, what was computed, and whether it is inside the tolerance.</summary>
public sealed record FigureComparison(string Field, double Expected, double? Computed, double Tolerance)
{
    /// <summary>Computed − expected, or null when the result has no such number.</summary>
    public double? Difference => Computed - Expected;

    /// <summary>True when the result holds a finite number within the tolerance.</summary>
    public bool Passed => Computed is double c && double.IsFinite(c) && Math.Abs(c - Expected) <= Tolerance;
}

/// <summary>
/// Regression checks of a device's computed figures (the <c>source</c> result, and later <c>figures</c>) against
/// expected values with per-field tolerances. On failure it prints every row as a table (field, expected,
/// computed, difference, tolerance) so a user sees at once which figures moved and by how much.
/// </summary>
public static class DeviceFigures
{
    /// <summary>Compares each expected figure with the result's field.</summary>
    public static IReadOnlyList<FigureComparison> Compare(JsonObject result, IEnumerable<ExpectedFigure> expected)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(expected);
        var rows = new List<FigureComparison>();
        foreach (var e in expected)
        {
            if (!(e.Tolerance >= 0) || !double.IsFinite(e.Tolerance))
                throw new ArgumentOutOfRangeException(nameof(expected), e.Tolerance, $"field '{e.Field}': tolerance must be finite and ≥ 0");
            rows.Add(new FigureComparison(e.Field, e.Expected, Lookup(result, e.Field), e.Tolerance));
        }
        return rows;
    }

    /// <summary>Fails (xunit) with the whole comparison table when any figure is missing or outside its tolerance.</summary>
    public static void AssertWithin(JsonObject result, params ExpectedFigure[] expected) => AssertWithin(result, null, expected);

    /// <summary>As <see cref="AssertWithin(JsonObject, ExpectedFigure[])"/>, with a title naming the device.</summary>
    public static void AssertWithin(JsonObject result, string? title, params ExpectedFigure[] expected)
    {
        var rows = Compare(result, expected);
        if (rows.All(r => r.Passed)) return;
        throw new XunitException($"{title ?? "device"}: {rows.Count(r => !r.Passed)} of {rows.Count} figures outside tolerance\n{Table(rows)}");
    }

    /// <summary>The comparison as a fixed-width text table, failing rows marked.</summary>
    public static string Table(IEnumerable<FigureComparison> rows)
    {
        var list = rows.ToList();
        string[] header = ["field", "expected", "computed", "difference", "tolerance", ""];
        var cells = list.Select(r => new[]
        {
            r.Field, Format(r.Expected), r.Computed is double c ? Format(c) : "missing",
            r.Difference is double d ? Format(d) : "-", "±" + Format(r.Tolerance), r.Passed ? "ok" : "FAIL",
        }).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => Math.Max(header[i].Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        var b = new StringBuilder();
        void Line(string[] c) => b.AppendLine(string.Join("  ", c.Select((s, i) => s.PadRight(widths[i]))).TrimEnd());
        Line(header);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var c in cells) Line(c);
        return b.ToString();
    }

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static double? Lookup(JsonObject result, string path)
    {
        JsonNode? node = result;
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(part, out node)) return null;
        }
        return node is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
    }
}
