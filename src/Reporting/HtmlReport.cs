using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Plotly.NET;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace PhotonicKit.Reporting;

/// <summary>
/// One self-contained HTML page for a results document: plotly.js embedded (no network needed), one section
/// per analysis with its plots. Reads only the results document; it computes no physics.
/// </summary>
public static partial class HtmlReport
{
    private const string PlotlyResource = "Plotly.NET.plotly-2.28.0.min.js";

    /// <summary>Most traces drawn in one plot (larger circuits are summarised instead).</summary>
    public const int MaxTraces = 64;

    /// <summary>Renders the page for <paramref name="document"/> (the results document of spec §5).</summary>
    public static string Render(JsonObject document) => Render(document, null);

    /// <summary>The report of <paramref name="document"/>, with a schematic of <paramref name="circuit"/> (the run's
    /// flattened circuit) when it is given and has at most <see cref="Schematic.MaxInstances"/> instances.</summary>
    /// <param name="document">A results document (spec §5).</param>
    /// <param name="circuit">The circuit it was computed for, or null.</param>
    public static string Render(JsonObject document, PhotonicKit.Circuit.FlatCircuit? circuit)
    {
        ArgumentNullException.ThrowIfNull(document);
        var body = new StringBuilder();
        string title = $"PhotonicKit — {(string?)document["netlist"]}";
        body.Append("<h1>").Append(Encode(title)).Append("</h1>\n");
        body.Append("<p class=\"meta\">PhotonicKit ").Append(Encode((string?)document["version"] ?? "")).Append("</p>\n");
        if (circuit is not null)
        {
            body.Append("<h2>Circuit</h2>\n");
            if (Schematic.Svg(circuit) is { } svg) body.Append("<figure class=\"schematic\">").Append(svg).Append("</figure>\n");
            else body.Append("<p class=\"meta\">").Append(circuit.Instances.Count).Append(" instances: the schematic is drawn for at most ").Append(Schematic.MaxInstances).Append(".</p>\n");
        }
        if (document["warnings"] is JsonArray warnings && warnings.Count > 0)
        {
            body.Append("<h2>Warnings</h2>\n<ul class=\"warnings\">\n");
            foreach (var w in warnings) body.Append("<li>").Append(Encode((string?)w ?? "")).Append("</li>\n");
            body.Append("</ul>\n");
        }
        var results = document["results"] as JsonArray ?? [];
        for (int i = 0; i < results.Count; i++)
            if (results[i] is JsonObject r) Section(body, r, $"[{i}]");

        string html = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{{Encode(title)}}</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1000px; color: #222; }
            h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; }
            .meta { color: #666; } table { border-collapse: collapse; }
            td, th { border: 1px solid #ccc; padding: 2px 8px; text-align: right; font-variant-numeric: tabular-nums; }
            .warnings li { color: #8a5a00; }
            </style>
            <script type="text/javascript">{{PlotlyScript()}}</script>
            </head>
            <body>
            {{body}}
            </body>
            </html>

            """;
        return DeterministicIds(html);
    }

    private static void Section(StringBuilder body, JsonObject r, string label)
    {
        string type = (string?)r["type"] ?? "";
        body.Append("<h2>").Append(Encode($"{label} {type}")).Append("</h2>\n");
        switch (type)
        {
            case "transmission":
                Transmission(body, r);
                break;
            case "smatrix":
                SMatrix(body, r);
                break;
            case "sweep":
                Sweep(body, r, label);
                break;
            case "source":
                Source(body, r);
                break;
            case "efficiency":
                Budget(body, r);
                break;
            case "figures":
                Chain(body, r);
                break;
            case "hom":
                Hom(body, r);
                break;
            case "g2":
                Scalars(body, r, ["g2", "coincidence_probability"]);
                break;
            case "photon_statistics":
                PhotonStatistics(body, r);
                break;
            default:
                body.Append("<p>No plot for this analysis type; see the JSON results.</p>\n");
                break;
        }
    }

    private static void Transmission(StringBuilder body, JsonObject r)
    {
        double[] wl = Numbers(r["wavelength_nm"]);
        var power = new List<GenericChart>();
        var phase = new List<GenericChart>();
        var delay = new List<GenericChart>();
        foreach (var (from, toObj) in r["power"]!.AsObject())
            foreach (var (to, series) in toObj!.AsObject())
            {
                if (power.Count >= MaxTraces) break;
                string name = $"{from} → {to}";
                // One colour per path in all three plots.
                var color = Color.fromHex(Colorway[power.Count % Colorway.Length]);
                power.Add(Line(wl, Numbers(series), name, color));
                // Phase and group delay are null where |S| < 1e-9: such points are gaps, and a path without any is left out.
                var phases = Numbers(r["phase_rad"]![from]![to]);
                if (phases.Any(double.IsFinite)) phase.Add(Line(wl, phases, name, color));
                // Group delays are shown to their stated accuracy (1e-6 ps, docs/analyses.md), so that a flat delay is drawn
                // flat rather than as magnified rounding noise.
                var delays = Numbers(r["group_delay_ps"]![from]![to]).Select(v => Math.Round(v, 6)).ToArray();
                if (delays.Any(double.IsFinite)) delay.Add(Line(wl, delays, name, color));
            }
        if (wl.Length == 1)
        {
            Table(body, r, wl[0]);
            return;
        }
        Plot(body, power, "Power |S|²", "wavelength (nm)", "power");
        Plot(body, phase, "Phase", "wavelength (nm)", "phase (rad)");
        Plot(body, delay, "Group delay", "wavelength (nm)", "group delay (ps)");
    }

    private static void Table(StringBuilder body, JsonObject r, double wavelengthNm)
    {
        body.Append("<table><tr><th>from</th><th>to</th><th>power</th><th>phase (rad)</th><th>group delay (ps)</th></tr>\n");
        foreach (var (from, toObj) in r["power"]!.AsObject())
            foreach (var (to, series) in toObj!.AsObject())
                body.Append("<tr><td>").Append(Encode(from)).Append("</td><td>").Append(Encode(to)).Append("</td><td>")
                    .Append(Cell(series![0])).Append("</td><td>").Append(Cell(r["phase_rad"]![from]![to]![0]))
                    .Append("</td><td>").Append(Cell(r["group_delay_ps"]![from]![to]![0])).Append("</td></tr>\n");
        body.Append("</table>\n<p>at ").Append(wavelengthNm.ToString("R", CultureInfo.InvariantCulture)).Append(" nm</p>\n");
    }

    private static void SMatrix(StringBuilder body, JsonObject r)
    {
        double[] wl = Numbers(r["wavelength_nm"]);
        var ports = (r["ports"] as JsonArray ?? []).Select(p => (string?)p ?? "").ToArray();
        var re = r["re"]!.AsArray();
        var im = r["im"]!.AsArray();
        int n = ports.Length;
        if (n == 0)
        {
            body.Append("<p>The circuit has no external ports.</p>\n");
            return;
        }
        var traces = new List<GenericChart>();
        for (int o = 0; o < n && traces.Count < MaxTraces; o++)
            for (int i = 0; i < n && traces.Count < MaxTraces; i++)
            {
                var p = new double[wl.Length];
                for (int k = 0; k < wl.Length; k++)
                {
                    double a = (double)re[k]![o]![i]!, b = (double)im[k]![o]![i]!;
                    p[k] = a * a + b * b;
                }
                traces.Add(Line(wl, p, $"{ports[i]} → {ports[o]}"));
            }
        if (wl.Length > 1) Plot(body, traces, "|S[out, in]|²", "wavelength (nm)", "power");
        else
        {
            body.Append("<table><tr><th>out \\ in</th>");
            foreach (var p in ports) body.Append("<th>").Append(Encode(p)).Append("</th>");
            body.Append("</tr>\n");
            for (int o = 0; o < n; o++)
            {
                body.Append("<tr><th>").Append(Encode(ports[o])).Append("</th>");
                for (int i = 0; i < n; i++)
                {
                    double a = (double)re[0]![o]![i]!, b = (double)im[0]![o]![i]!;
                    body.Append("<td>").Append((a * a + b * b).ToString("G6", CultureInfo.InvariantCulture)).Append("</td>");
                }
                body.Append("</tr>\n");
            }
            body.Append("</table>\n<p>|S[out, in]|² at ").Append(wl[0].ToString("R", CultureInfo.InvariantCulture)).Append(" nm</p>\n");
        }
    }

    private static void Sweep(StringBuilder body, JsonObject r, string label)
    {
        string parameter = (string?)r["parameter"] ?? "";
        // Values are numbers, or words for a choice setting (excitation: [ideal, resonant]).
        var valueNodes = r["values"] as JsonArray ?? [];
        bool numeric = valueNodes.All(v => v is null || (v is JsonValue n && n.TryGetValue(out double _)));
        double[] values = numeric ? Numbers(valueNodes) : [];
        string[] labels = Labels(valueNodes);
        var results = r["results"] as JsonArray ?? [];
        if (numeric && results.Count > 0 && results[0] is JsonObject first && (string?)first["type"] == "transmission"
            && first["wavelength_nm"] is JsonArray w && w.Count == 1)
        {
            var traces = new List<GenericChart>();
            foreach (var (from, toObj) in first["power"]!.AsObject())
                foreach (var (to, _) in toObj!.AsObject())
                {
                    if (traces.Count >= MaxTraces) break;
                    var y = results.Select(x => x?["power"]?[from]?[to]?[0] is JsonNode v ? (double)v : double.NaN).ToArray();
                    traces.Add(Line(values, y, $"{from} → {to}"));
                }
            Plot(body, traces, $"Power against {parameter}", parameter, "power");
            return;
        }
        var inner = results.OfType<JsonObject>().ToList();
        body.Append("<p>").Append(Encode($"{results.Count} results over {parameter}")).Append("</p>\n");
        if (inner.Count == results.Count && inner.Count > 1 && inner.All(x => (string?)x["type"] == "sweep"))
            SweepMaps(body, parameter, valueNodes, inner);
        else if (inner.Count == results.Count && inner.Count > 1)
            SweepFigures(body, parameter, numeric ? values : null, labels, inner);
        // One result in full, for what the figures above do not show (spectra, patterns, budgets).
        if (results.Count > 0 && results[0] is JsonObject firstResult)
            Section(body, firstResult, $"{label} {parameter} = {(labels.Length > 0 ? labels[0] : "?")}:");
    }

    /// <summary>The sweep values as text (numbers round-trip, words as they are).</summary>
    private static string[] Labels(JsonArray valueNodes) =>
        valueNodes.Select(v => v is JsonValue n && n.TryGetValue(out double d) ? d.ToString("R", CultureInfo.InvariantCulture)
            : v is JsonValue t && t.TryGetValue(out string? text) ? text : "null").ToArray();

    /// <summary>The numeric scalar fields of a result (not its type, arrays or objects), in order of appearance.</summary>
    private static IEnumerable<string> ScalarFields(IEnumerable<JsonObject> results) =>
        results.SelectMany(x => x.Where(kv => kv.Value is JsonValue v && v.TryGetValue(out double _)).Select(kv => kv.Key)).Distinct();

    private static double Scalar(JsonObject result, string field) =>
        result[field] is JsonValue v && v.TryGetValue(out double d) ? d : double.NaN;

    /// <summary>
    /// Each scalar figure of the inner results that changes over the sweep, plotted against the swept value (a numeric
    /// axis for numbers, named points for words); the figures that do not change, in one table.
    /// </summary>
    private static void SweepFigures(StringBuilder body, string parameter, double[]? values, string[] labels, List<JsonObject> results)
    {
        var unchanged = new List<(string Field, double Value)>();
        foreach (var field in ScalarFields(results))
        {
            var y = results.Select(x => Scalar(x, field)).ToArray();
            var finite = y.Where(double.IsFinite).ToArray();
            if (finite.Length == 0) continue;
            double low = finite.Min(), high = finite.Max();
            if (finite.Length == y.Length && high - low <= 1e-12 * Math.Max(Math.Abs(low), Math.Abs(high)))
            {
                unchanged.Add((field, low));
                continue;
            }
            var trace = values is not null
                ? Line(values, y, field)
                : PlotlyChart.Line<string, double, string>(x: labels, y: y.Select(v => double.IsFinite(v) ? v : double.NaN).ToArray(), Name: field, ShowMarkers: true);
            Plot(body, [trace], $"{field} against {parameter}", parameter, field, height: 320);
        }
        if (unchanged.Count == 0) return;
        body.Append("<p>The same at every value:</p>\n<table><tr><th>figure</th><th>value</th></tr>\n");
        foreach (var (field, value) in unchanged)
            body.Append("<tr><td style=\"text-align:left\">").Append(Encode(field)).Append("</td><td>")
                .Append(value.ToString("G6", CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        body.Append("</table>\n");
    }

    /// <summary>
    /// A sweep of sweeps: each scalar figure of the innermost results that changes, as a heat map over the outer (y) and
    /// inner (x) values. Inner sweeps of different values or lengths, or words as values, fall back to the figures of the
    /// first inner sweep.
    /// </summary>
    private static void SweepMaps(StringBuilder body, string parameter, JsonArray outerValues, List<JsonObject> sweeps)
    {
        string innerParameter = (string?)sweeps[0]["parameter"] ?? "";
        var innerValues = sweeps[0]["values"] as JsonArray ?? [];
        bool numeric = outerValues.All(v => v is JsonValue n && n.TryGetValue(out double _))
            && innerValues.All(v => v is JsonValue n && n.TryGetValue(out double _));
        bool regular = sweeps.All(x => x["values"] is JsonArray vs && vs.ToJsonString() == innerValues.ToJsonString()
            && x["results"] is JsonArray rs && rs.Count == innerValues.Count && rs.All(y => y is JsonObject));
        if (!numeric || !regular || innerValues.Count < 2)
        {
            Sweep(body, sweeps[0], $"{parameter} = {Labels(outerValues).FirstOrDefault()}:");
            return;
        }
        double[] x = Numbers(innerValues), y = Numbers(outerValues);
        var grid = sweeps.Select(s => ((JsonArray)s["results"]!).Cast<JsonObject>().ToList()).ToList();
        foreach (var field in ScalarFields(grid.SelectMany(row => row)))
        {
            var z = grid.Select(row => row.Select(result => Scalar(result, field)).ToArray()).ToArray();
            var finite = z.SelectMany(row => row).Where(double.IsFinite).ToArray();
            if (finite.Length < 2 || finite.Max() - finite.Min() <= 1e-12 * Math.Max(Math.Abs(finite.Min()), Math.Abs(finite.Max()))) continue;
            var map = PlotlyChart.Heatmap<double, double, double, string>(
                zData: z.Select(row => row.Select(v => double.IsFinite(v) ? v : double.NaN)), X: x, Y: y, Name: field);
            Plot(body, [map], $"{field} over {parameter} and {innerParameter}", innerParameter, parameter, height: 420);
        }
    }

    private static void Source(StringBuilder body, JsonObject r)
    {
        Scalars(body, r, ["lifetime_ps", "purcell", "beta", "zpl_fraction", "preparation_efficiency", "brightness", "mean_photon_number", "p0", "p1", "p2", "g2", "indistinguishability", "hom_visibility"]);
        double[] wl = Numbers(r["spectrum_wavelength_nm"]);
        if (wl.Length > 1)
        {
            var density = Numbers(r["spectrum_per_nm"]);
            Plot(body, [Line(wl, density, "emission")], "Emission spectrum", "wavelength (nm)", "density (1/nm)");
            // On a log scale the phonon sideband shows next to the zero-phonon line (zeros are left out).
            Plot(body, [Line(wl, density.Select(v => v > 0 ? v : double.NaN).ToArray(), "emission")], "Emission spectrum, log scale",
                "wavelength (nm)", "density (1/nm)", logY: true);
        }
    }

    /// <summary>The loss budget of an <c>efficiency</c> result as a waterfall of probabilities.</summary>
    private static void Budget(StringBuilder body, JsonObject r)
    {
        Scalars(body, r, ["probability", "transmission", "rate_hz"]);
        if (r["budget"] is not JsonArray budget || budget.Count == 0) return;
        var names = new List<string>();
        var steps = new List<double>();
        double previous = 0;
        foreach (var entry in budget)
        {
            if (entry?["probability_after"] is not JsonNode after) continue;
            double p = (double)after;
            names.Add((string?)entry["instance"] ?? "");
            steps.Add(p - previous);
            previous = p;
        }
        Waterfall(body, names, steps, previous, "Loss budget: probability after each element", "detected");
    }

    /// <summary>The efficiency chain of a <c>figures</c> result as a waterfall of brightness.</summary>
    private static void Chain(StringBuilder body, JsonObject r)
    {
        Scalars(body, r, ["brightness", "g2", "indistinguishability", "hom_visibility", "rate_hz"]);
        if (r["chain"] is not JsonArray chain || chain.Count == 0) return;
        var names = new List<string>();
        var steps = new List<double>();
        double previous = 0;
        foreach (var entry in chain)
        {
            if (entry?["brightness"] is not JsonNode b) continue;
            names.Add((string?)entry["point"] ?? "");
            steps.Add((double)b - previous);
            previous = (double)b;
        }
        Waterfall(body, names, steps, previous, "Efficiency chain: brightness after each point", "final");
    }

    private static void Waterfall(StringBuilder body, List<string> names, List<double> steps, double total, string title, string totalName)
    {
        var x = names.Append(totalName).ToArray();
        var y = steps.Append(total).ToArray();
        var measure = Enumerable.Repeat(StyleParam.WaterfallMeasure.Relative, steps.Count).Append(StyleParam.WaterfallMeasure.Total).ToArray();
        var chart = PlotlyChart.Waterfall<string, double, string>(x: x, y: y, Measure: measure, Name: "probability")
            .WithYAxisStyle<double, double, string>(TitleText: "probability per pulse")
            .WithSize(900, 420);
        body.Append("<h3>").Append(Encode(title)).Append("</h3>\n");
        body.Append("<div class=\"plot\">").Append(ChartHtml(chart)).Append("</div>\n");
    }

    /// <summary>The HOM result: its figures, and the coincidences against the extra delay (the dip).</summary>
    private static void Hom(StringBuilder body, JsonObject r)
    {
        Scalars(body, r, ["visibility", "indistinguishability", "indistinguishability_from_visibility", "coincidence_probability"]);
        double[] delay = Numbers(r["delay_ps"]);
        double[] coincidences = Numbers(r["coincidences"]);
        if (delay.Length > 1 && coincidences.Length == delay.Length)
            Plot(body, [Line(delay, coincidences, "coincidences")], "HOM dip", "extra delay on source a (ps)", "coincidence probability per pulse");
    }

    private static void PhotonStatistics(StringBuilder body, JsonObject r)
    {
        Scalars(body, r, ["n_patterns_total", "probability_sum", "probability"]);
        if (r["patterns"] is not JsonArray patterns || patterns.Count == 0) return;
        var shown = patterns.Take(MaxBars).ToArray();
        var keys = shown.Select(p => "(" + string.Join(",", (p?["clicks"] as JsonArray ?? []).Select(c => c?.ToJsonString() ?? "")) + ")").ToArray();
        var values = shown.Select(p => p?["probability"] is JsonNode v ? (double)v : 0).ToArray();
        var chart = PlotlyChart.Column<double, string, string>(values: values, Keys: keys, Name: "probability")
            .WithYAxisStyle<double, double, string>(TitleText: "probability per pulse")
            .WithXAxisStyle<double, double, string>(TitleText: "detector counts")
            .WithSize(900, 420);
        string title = patterns.Count > MaxBars ? $"Most likely {MaxBars} of {patterns.Count} patterns" : "Detection patterns";
        body.Append("<h3>").Append(Encode(title)).Append("</h3>\n");
        body.Append("<div class=\"plot\">").Append(ChartHtml(chart)).Append("</div>\n");
    }

    /// <summary>Most bars drawn in a pattern chart.</summary>
    public const int MaxBars = 40;

    /// <summary>A two-column table of the scalar fields present.</summary>
    private static void Scalars(StringBuilder body, JsonObject r, string[] fields)
    {
        var present = fields.Where(r.ContainsKey).ToArray();
        if (present.Length == 0) return;
        body.Append("<table><tr><th>figure</th><th>value</th></tr>\n");
        foreach (var f in present)
            body.Append("<tr><td style=\"text-align:left\">").Append(Encode(f)).Append("</td><td>").Append(Cell(r[f])).Append("</td></tr>\n");
        body.Append("</table>\n");
    }

    private static GenericChart Line(double[] x, double[] y, string name, Color? color = null)
    {
        var finite = y.Select(v => double.IsFinite(v) ? v : double.NaN).ToArray();
        return color is null
            ? PlotlyChart.Line<double, double, string>(x: x, y: finite, Name: name)
            : PlotlyChart.Line<double, double, string>(x: x, y: finite, Name: name, LineColor: color);
    }

    /// <summary>plotly's default colour sequence, to give a series the same colour in several plots.</summary>
    private static readonly string[] Colorway =
        ["#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A", "#19d3f3", "#FF6692", "#B6E880", "#FF97FF", "#FECB52"];

    private static void Plot(StringBuilder body, List<GenericChart> traces, string title, string xTitle, string yTitle, int height = 420,
        bool logY = false)
    {
        if (traces.Count == 0) return;
        var chart = PlotlyChart.Combine(traces)
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle, AxisType: logY ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear)
            .WithSize(900, height);
        body.Append("<h3>").Append(Encode(title)).Append("</h3>\n");
        body.Append("<div class=\"plot\">").Append(ChartHtml(chart)).Append("</div>\n");
    }

    /// <summary>
    /// The chart's HTML with missing values (NaN) as null: the chart library writes them as the string "NaN", which makes
    /// plotly treat the axis as categories; as null they are gaps on a numeric axis.
    /// </summary>
    internal static string ChartHtml(GenericChart chart) => NaNElement().Replace(GenericChart.toChartHTML(chart), "null");

    [GeneratedRegex("(?<=[\\[,])\"NaN\"(?=[,\\]])")]
    private static partial Regex NaNElement();

    /// <summary>The plotly.js library shipped inside Plotly.NET, ready to inline in a script element.</summary>
    public static string PlotlyScript()
    {
        using var stream = typeof(GenericChart).Assembly.GetManifestResourceStream(PlotlyResource)
            ?? throw new InvalidOperationException($"plotly.js ({PlotlyResource}) is missing from Plotly.NET");
        using var reader = new StreamReader(stream);
        // A literal "</script>" inside the library would end the element early.
        return reader.ReadToEnd().Replace("</script>", "<\\/script>", StringComparison.OrdinalIgnoreCase);
    }

    private static string DeterministicIds(string html)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        string WithDashes(Match m) => Id(m.Value.Replace("-", ""));
        string Id(string hex)
        {
            if (!map.TryGetValue(hex, out var id)) map[hex] = id = $"plot{map.Count + 1}";
            return id;
        }
        html = GuidWithDashes().Replace(html, WithDashes);
        return GuidNoDashes().Replace(html, m => Id(m.Value));
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidWithDashes();

    [GeneratedRegex("(?<=renderPlotly_)[0-9a-f]{32}")]
    private static partial Regex GuidNoDashes();

    private static double[] Numbers(JsonNode? node) =>
        node is JsonArray a ? a.Select(v => v is null ? double.NaN : (double)v).ToArray() : [];

    private static string Cell(JsonNode? v) =>
        v is JsonValue value && value.TryGetValue(out double d) ? d.ToString("G6", CultureInfo.InvariantCulture)
        : v is null ? "null" : Encode(v.ToJsonString());

    private static string Encode(string s) => WebUtility.HtmlEncode(s);
}
