using System.Diagnostics;
using System.Text.RegularExpressions;
using PhotonicKit.Tests.Tool;

namespace PhotonicKit.Tests.Reporting;

/// <summary>
/// Opens the HTML report in headless Chromium with the network cut off (<c>unshare -n</c>) and checks that every
/// plot rendered and nothing was logged as an error. Runs where Chromium is installed; CI installs it and sets
/// PHOTONICKIT_REQUIRE_BROWSER=1, which turns a missing browser into a failure.
/// </summary>
public class BrowserRenderTests
{
    private const string ErrorProbe = """
        <script>
        window.__errors = [];
        window.addEventListener('error', e => window.__errors.push(String(e.message)));
        (function () { const original = console.error; console.error = function (...a) { window.__errors.push(a.join(' ')); original.apply(console, a); }; })();
        window.addEventListener('load', () => {
            document.body.setAttribute('data-errors', JSON.stringify(window.__errors));
            // Every axis must be numeric (a string among the values makes plotly fall back to categories).
            const axes = Array.from(document.querySelectorAll('.js-plotly-plot'))
                .map(g => g._fullLayout ? [g._fullLayout.xaxis.type, g._fullLayout.yaxis.type] : ['unrendered']);
            document.body.setAttribute('data-axes', JSON.stringify(axes.flat()));
        });
        </script>
        """;

    [SkippableFact]
    public void TransmissionReportRendersEveryPlotOfflineWithoutErrors()
    {
        string chromium = RequireChromium();

        using var h = new ToolHarness();
        string file = h.Write("mzi.yaml", Netlists.Mzi(analyses: "  - {type: transmission, sweep: {start_nm: 1540, stop_nm: 1560, points: 51}}"));
        var (code, _, err) = h.Run("run", file, "--html", h.PathOf("report.html"));
        Assert.True(code == 0, err);
        string html = File.ReadAllText(h.PathOf("report.html"));
        int plots = Regex.Matches(html, "<div class=\"plot\">").Count;
        Assert.Equal(3, plots); // power, phase, group delay
        // The reflections are zero, so their phases are null: gaps, not strings (which would make the axes categorical).
        Assert.DoesNotMatch("[\\[,]\"NaN\"[,\\]]", html);
        AssertRendersWithoutErrors(chromium, h, html, plots);
    }

    /// <summary>
    /// A sweep of a photon analysis plots each figure that changes against the swept value (and lists those that do
    /// not), and a sweep of sweeps draws heat maps, all on numeric axes.
    /// </summary>
    [SkippableFact]
    public void SweepReportsPlotEachFigureAgainstTheSweptValues()
    {
        string chromium = RequireChromium();

        using var h = new ToolHarness();
        string file = h.Write("sweeps.yaml", """
            photonickit: 1
            name: sweeps
            wavelength_nm: 930
            instances:
              dot: {component: quantum_dot, settings: {bulk_lifetime_ps: 1000, group_index: 50, effective_area_um2: 0.1, radiative_background: 0.1}}
            ports: {left: "dot,left", right: "dot,right"}
            analyses:
              - {type: sweep, parameter: dot.group_index, values: [5, 10, 20, 40], analysis: {type: source, source: dot}}
              - type: sweep
                parameter: dot.group_index
                values: [10, 20, 40]
                analysis: {type: sweep, parameter: dot.pure_dephasing_per_ns, values: [0, 1, 2], analysis: {type: source, source: dot}}
            """);
        var (code, _, err) = h.Run("run", file, "--html", h.PathOf("report.html"), "--json", h.PathOf("report.json"));
        Assert.True(code == 0, err);
        string html = File.ReadAllText(h.PathOf("report.html"));
        // The group index changes the lifetime, β and the brightness; the dephasing changes the indistinguishability.
        Assert.Contains("lifetime_ps against dot.group_index", html);
        Assert.Contains("beta against dot.group_index", html);
        Assert.Contains("indistinguishability over dot.group_index and dot.pure_dephasing_per_ns", html);
        // Figures that do not change are listed once, not plotted.
        Assert.Contains("The same at every value:", html);
        Assert.DoesNotContain("g2 against dot.group_index", html);
        int plots = Regex.Matches(html, "<div class=\"plot\">").Count;
        Assert.True(plots >= 6, $"{plots} plots");
        AssertRendersWithoutErrors(chromium, h, html, plots);
    }

    [SkippableFact]
    public void QuantumAnalysesRenderTheirPlots()
    {
        string chromium = RequireChromium();

        // A results document shaped as spec §5 describes (the report only reads it).
        var document = System.Text.Json.Nodes.JsonNode.Parse("""
            {"photonickit": 1, "version": "0.1.0", "netlist": "shapes", "warnings": [],
             "results": [
              {"type": "efficiency", "probability": 0.4, "transmission": 0.5, "rate_hz": 3.0e7,
               "budget": [{"instance": "qd", "loss_db": 0.2, "probability_after": 0.95},
                          {"instance": "wg", "loss_db": 1.0, "probability_after": 0.75},
                          {"instance": "d0", "loss_db": 0.5, "probability_after": 0.4}]},
              {"type": "hom", "visibility": 0.9, "indistinguishability": 0.92, "indistinguishability_from_visibility": 0.91,
               "coincidence_probability": 0.02, "delay_ps": [-200, -100, 0, 100, 200], "coincidences": [0.12, 0.08, 0.01, 0.08, 0.12]},
              {"type": "photon_statistics", "n_patterns_total": 3, "probability_sum": 1,
               "patterns": [{"clicks": [1, 0], "probability": 0.5}, {"clicks": [0, 1], "probability": 0.3}, {"clicks": [0, 0], "probability": 0.2}]},
              {"type": "figures", "brightness": 0.3,
               "chain": [{"point": "prepared", "factor": 1, "brightness": 1}, {"point": "emitted", "factor": 0.9, "brightness": 0.9}, {"point": "detected", "factor": 0.33, "brightness": 0.3}]}
             ]}
            """)!.AsObject();
        using var h = new ToolHarness();
        string html = PhotonicKit.Reporting.HtmlReport.Render(document);
        int plots = Regex.Matches(html, "<div class=\"plot\">").Count;
        Assert.Equal(4, plots); // budget waterfall, HOM dip, pattern bars, chain waterfall
        AssertRendersWithoutErrors(chromium, h, html, plots, numericX: false);
    }

    /// <summary>Chromium's path; skips the test where it is missing, unless CI requires it.</summary>
    private static string RequireChromium()
    {
        string? chromium = FindChromium();
        bool required = Environment.GetEnvironmentVariable("PHOTONICKIT_REQUIRE_BROWSER") == "1";
        if (chromium is null && required) Assert.Fail("PHOTONICKIT_REQUIRE_BROWSER=1 but chromium is not installed");
        Skip.If(chromium is null, "chromium is not installed");
        return chromium!;
    }

    /// <summary>Opens the page with an error probe and checks each plot drew an SVG with numeric axes and nothing logged
    /// an error.</summary>
    private static void AssertRendersWithoutErrors(string chromium, ToolHarness h, string html, int plots, bool numericX = true)
    {
        string probed = h.Write("probed.html", html.Replace("<head>", "<head>\n" + ErrorProbe));
        string dom = DumpDom(chromium, probed);
        Assert.True(Regex.Matches(dom, "class=\"main-svg\"").Count >= plots, "not every plot rendered an SVG");
        var errors = Regex.Match(dom, "data-errors=\"([^\"]*)\"");
        Assert.True(errors.Success, "the page's load handler did not run");
        Assert.Equal("[]", System.Net.WebUtility.HtmlDecode(errors.Groups[1].Value));
        var axes = Regex.Match(dom, "data-axes=\"([^\"]*)\"");
        Assert.True(axes.Success, "the page's load handler did not record the axes");
        var types = System.Text.Json.JsonSerializer.Deserialize<string[]>(System.Net.WebUtility.HtmlDecode(axes.Groups[1].Value))!;
        Assert.Equal(2 * plots, types.Length);
        // Values on every y axis; on the x axes too, except where the plot has named bars (waterfalls, patterns).
        var numeric = new[] { "linear", "log" };
        for (int i = 0; i < types.Length; i++)
            if (i % 2 == 1 || numericX) Assert.Contains(types[i], numeric);
    }

    private static string DumpDom(string chromium, string htmlPath)
    {
        string profile = Path.Combine(Path.GetTempPath(), "photonickit-chromium-" + Guid.NewGuid().ToString("N"));
        string[] browserArgs =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            $"--user-data-dir={profile}", "--virtual-time-budget=10000", "--dump-dom", new Uri(htmlPath).AbsoluteUri,
        ];
        // Cut the network where the machine allows it (root or user namespaces); the page must not need it.
        bool offline = File.Exists("/usr/bin/unshare") && CanUnshare();
        var psi = new ProcessStartInfo(offline ? "/usr/bin/unshare" : chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (offline)
        {
            psi.ArgumentList.Add("-n");
            psi.ArgumentList.Add(chromium);
        }
        foreach (var a in browserArgs) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string dom = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(120_000), "chromium did not finish in 120 s");
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
        }
        Assert.True(dom.Length > 0, "chromium printed no DOM: " + stderr.Result);
        return dom;
    }

    private static bool CanUnshare()
    {
        var psi = new ProcessStartInfo("/usr/bin/unshare", "-n true") { UseShellExecute = false, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        p.WaitForExit(10_000);
        return p.ExitCode == 0;
    }

    private static string? FindChromium()
    {
        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" })
            if (File.Exists(candidate)) return candidate;
        return null;
    }
}
