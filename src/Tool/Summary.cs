using System.Globalization;
using System.Text.Json.Nodes;

namespace PhotonicKit.Tool;

/// <summary>The readable summary of a results document printed on stdout by <c>run</c>.</summary>
internal static class Summary
{
    public static void Write(TextWriter output, JsonObject document)
    {
        output.WriteLine($"PhotonicKit {document["version"]} — {document["netlist"]}");
        var results = document["results"]!.AsArray();
        for (int i = 0; i < results.Count; i++)
        {
            var r = results[i]!.AsObject();
            output.WriteLine();
            WriteResult(output, r, $"[{i}] ");
        }
    }

    private static void WriteResult(TextWriter output, JsonObject r, string prefix)
    {
        string type = (string)r["type"]!;
        switch (type)
        {
            case "transmission":
                WriteTransmission(output, r, prefix);
                break;
            case "smatrix":
                WriteSMatrix(output, r, prefix);
                break;
            case "source":
                WriteFigures(output, r, prefix, $"source {r["source"]}",
                    ["lifetime_ps", "purcell", "beta", "zpl_fraction", "preparation_efficiency", "brightness", "mean_photon_number", "p1", "p2", "g2", "indistinguishability", "hom_visibility"]);
                break;
            case "efficiency":
                WriteFigures(output, r, prefix, $"efficiency of {r["source"]} to {Names(r["detectors"])}", ["probability", "transmission", "rate_hz"]);
                WriteRows(output, r["budget"], ["instance", "loss_db", "probability_after"]);
                break;
            case "g2":
                WriteFigures(output, r, prefix, $"g2 of {r["source"]} on {Names(r["detectors"])}", ["g2", "coincidence_probability"]);
                break;
            case "hom":
                WriteFigures(output, r, prefix, $"HOM of {Names(r["sources"])} on {Names(r["detectors"])}",
                    ["visibility", "indistinguishability", "indistinguishability_from_visibility", "coincidence_probability"]);
                if (r["delay_ps"] is JsonArray delays && delays.Count > 1)
                    output.WriteLine($"  coincidences over {delays.Count} delays from {F(delays[0])} to {F(delays[^1])} ps: min {G(r["coincidences"]!.AsArray().Min(c => (double)c!))}, max {G(r["coincidences"]!.AsArray().Max(c => (double)c!))}");
                break;
            case "figures":
                WriteFigures(output, r, prefix, $"figures of {r["source"]} at {Names(r["detectors"])}", ["brightness", "g2", "indistinguishability", "hom_visibility", "rate_hz"]);
                WriteRows(output, r["chain"], ["point", "factor", "brightness"]);
                break;
            case "photon_statistics":
                if (r.ContainsKey("pattern"))
                {
                    output.WriteLine($"{prefix}photon statistics of {Names(r["sources"])} on {Names(r["detectors"])}: P({r["pattern"]!.ToJsonString()}) = {G((double)r["probability"]!)}");
                    break;
                }
                if (!r.ContainsKey("patterns"))
                {
                    // distribution: false — exact samples only.
                    var samples = r["samples"]?.AsArray() ?? [];
                    output.WriteLine($"{prefix}photon statistics of {Names(r["sources"])} on {Names(r["detectors"])}: {r["n_patterns_total"]} outcomes, {samples.Count} exact sample(s) drawn; first:");
                    foreach (var sample in samples.Take(5)) output.WriteLine($"  {sample!.ToJsonString()}");
                    break;
                }
                output.WriteLine($"{prefix}photon statistics of {Names(r["sources"])} on {Names(r["detectors"])}: {r["n_patterns_total"]} outcomes, probability sum {G((double)r["probability_sum"]!)}; most probable:");
                var top = new JsonArray(r["patterns"]!.AsArray().Take(8).Select(p => (JsonNode?)new JsonObject
                {
                    ["clicks"] = p!["clicks"]!.ToJsonString(),
                    ["probability"] = (double)p["probability"]!,
                }).ToArray());
                WriteRows(output, top, ["clicks", "probability"]);
                if (r["n_fold_rate_hz"] is JsonObject rates)
                    output.WriteLine("  n-fold rates (Hz): " + string.Join(", ", rates.Select(kv => $"{kv.Key}: {(kv.Value is null ? "null" : G((double)kv.Value))}")));
                break;
            case "sweep":
                var values = r["values"]!.AsArray();
                output.WriteLine($"{prefix}sweep of {r["parameter"]} over {values.Count} value(s) from {F(values[0])} to {F(values[^1])}");
                var inner = r["results"]!.AsArray();
                if (inner.Count > 0)
                    WriteResult(output, inner[0]!.AsObject(), $"{prefix}  at {r["parameter"]} = {F(values[0])}: ");
                break;
            default:
                output.WriteLine($"{prefix}{type}");
                break;
        }
    }

    private static string Names(JsonNode? list) => list is JsonArray a ? string.Join(", ", a.Select(n => (string)n!)) : "";

    private static void WriteRows(TextWriter output, JsonNode? list, string[] fields)
    {
        if (list is not JsonArray items) return;
        var rows = new List<string[]> { fields };
        static string Cell(JsonNode? item, string f) =>
            item![f] is JsonValue v && v.TryGetValue(out double d) ? G(d) : item![f] is JsonValue t && t.TryGetValue(out string? text) ? text : item![f]?.ToJsonString() ?? "null";
        foreach (var item in items)
        {
            rows.Add(fields.Select(f => Cell(item, f)).ToArray());
            // What a closing entry stands for, one indented row per cause.
            if (item?["parts"] is JsonArray parts)
                foreach (var part in parts)
                    rows.Add(fields.Select((f, i) => i == 0 ? "  · " + Cell(part, "cause") : Cell(part, f)).ToArray());
        }
        Table(output, rows);
    }

    private static void WriteFigures(TextWriter output, JsonObject r, string prefix, string title, string[] fields)
    {
        output.WriteLine($"{prefix}{title}");
        var rows = new List<string[]> { new[] { "figure", "value" } };
        foreach (var field in fields)
            if (r.ContainsKey(field))
                rows.Add([field, r[field] is JsonValue v && v.TryGetValue(out double d) ? G(d) : r[field]?.ToJsonString() ?? "null"]);
        Table(output, rows);
    }

    private static void WriteTransmission(TextWriter output, JsonObject r, string prefix)
    {
        var wl = r["wavelength_nm"]!.AsArray();
        int k = wl.Count / 2;
        output.WriteLine($"{prefix}transmission at {F(wl[k])} nm" + (wl.Count > 1 ? $" (centre of {wl.Count} points, {F(wl[0])}–{F(wl[^1])} nm; min–max over the grid)" : ""));
        var rows = new List<string[]> { new[] { "from", "to", "power", "power_db", "phase_rad", "group_delay_ps", wl.Count > 1 ? "power min–max" : "" } };
        foreach (var (from, toObj) in r["power"]!.AsObject())
            foreach (var (to, series) in toObj!.AsObject())
            {
                var p = series!.AsArray();
                double pk = (double)p[k]!;
                var phase = r["phase_rad"]![from]![to]![k];
                var gd = r["group_delay_ps"]![from]![to]![k];
                string range = "";
                if (p.Count > 1)
                {
                    var vals = p.Select(x => (double)x!).ToArray();
                    range = $"{G(vals.Min())}–{G(vals.Max())}";
                }
                rows.Add([from, to, G(pk), pk > 0 ? (10 * Math.Log10(pk)).ToString("0.00", CultureInfo.InvariantCulture) : "-inf", phase is null ? "null" : G((double)phase), gd is null ? "null" : G((double)gd), range]);
            }
        Table(output, rows);
    }

    private static void WriteSMatrix(TextWriter output, JsonObject r, string prefix)
    {
        var wl = r["wavelength_nm"]!.AsArray();
        var ports = r["ports"]!.AsArray().Select(p => (string)p!).ToArray();
        output.WriteLine($"{prefix}smatrix: {ports.Length} ports at {wl.Count} wavelength(s); |S[out, in]|² at {F(wl[0])} nm");
        if (ports.Length == 0 || ports.Length > 12) return;
        var re = r["re"]![0]!.AsArray();
        var im = r["im"]![0]!.AsArray();
        var rows = new List<string[]> { new[] { "out \\ in" }.Concat(ports).ToArray() };
        for (int o = 0; o < ports.Length; o++)
        {
            var row = new List<string> { ports[o] };
            for (int i = 0; i < ports.Length; i++)
            {
                double a = (double)re[o]![i]!, b = (double)im[o]![i]!;
                row.Add(G(a * a + b * b));
            }
            rows.Add(row.ToArray());
        }
        Table(output, rows);
    }

    private static void Table(TextWriter output, List<string[]> rows)
    {
        int cols = rows.Max(r => r.Length);
        var widths = Enumerable.Range(0, cols).Select(c => rows.Max(r => c < r.Length ? r[c].Length : 0)).ToArray();
        foreach (var row in rows)
            output.WriteLine("  " + string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
    }

    private static string F(JsonNode? n) => n switch
    {
        null => "null",
        JsonValue v when v.TryGetValue(out double d) => d.ToString("R", CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue(out string? text) => text,
        _ => n.ToJsonString(),
    };

    private static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
