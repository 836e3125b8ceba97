using System.Text.Json.Nodes;
using PhotonicKit.Components;

namespace PhotonicKit.Tests.Tool;

public class CommandLineTests
{
    [Fact]
    public void RunWithoutFileRunsTheBundledDefaultExample()
    {
        using var h = new ToolHarness();
        var (code, output, _) = h.Run("run");
        Assert.Equal(0, code);
        Assert.Contains("PhotonicKit", output);
    }

    [Fact]
    public void RunWritesResultsDocumentWithTheSpecifiedHeader()
    {
        using var h = new ToolHarness();
        string file = h.Write("mzi.yaml", Netlists.Mzi());
        var (code, _, err) = h.Run("run", file, "--json", h.PathOf("out.json"));
        Assert.True(code == 0, err);
        var doc = JsonNode.Parse(File.ReadAllText(h.PathOf("out.json")))!.AsObject();
        Assert.Equal(1, (int)doc["photonickit"]!);
        Assert.Equal("0.1.0", (string)doc["version"]!);
        Assert.Equal("mzi", (string)doc["netlist"]!);
        Assert.Equal("transmission", (string)doc["results"]![0]!["type"]!);
    }

    [Fact]
    public void ResultsAreByteIdenticalAcrossRuns()
    {
        using var h = new ToolHarness();
        string file = h.Write("mzi.yaml", Netlists.Mzi(analyses: "  - {type: transmission, sweep: {start_nm: 1540, stop_nm: 1560, points: 101}}"));
        Assert.Equal(0, h.Run("run", file, "--json", h.PathOf("a.json")).Code);
        Assert.Equal(0, h.Run("run", file, "--json", h.PathOf("b.json")).Code);
        Assert.Equal(File.ReadAllBytes(h.PathOf("a.json")), File.ReadAllBytes(h.PathOf("b.json")));
    }

    [Fact]
    public void MissingFileIsExitOneWithTheFileNamed()
    {
        using var h = new ToolHarness();
        var (code, output, err) = h.Run("run", h.PathOf("nope.yaml"));
        Assert.Equal(1, code);
        Assert.Contains("nope.yaml: error: cannot read the netlist", err);
        Assert.Equal("", output);
    }

    [Fact]
    public void InvalidNetlistIsExitOneWithFileLineColumnAndKey()
    {
        using var h = new ToolHarness();
        string file = h.Write("bad.yaml", Netlists.Mzi().Replace("bs2: beam_splitter", "bs2: {component: beam_splitter, settings: {coupling: 1.5}}"));
        var (code, _, err) = h.Run("run", file, "--json", h.PathOf("out.json"));
        Assert.Equal(1, code);
        Assert.Matches(@"bad\.yaml:\d+:\d+: error: [^\n]*coupling[^\n]*1\.5", err);
        Assert.False(File.Exists(h.PathOf("out.json")));
    }

    [Fact]
    public void AllProblemsAreReportedAtOnce()
    {
        using var h = new ToolHarness();
        string text = Netlists.Mzi()
            .Replace("bs2: beam_splitter", "bs2: {component: beam_splitter, settings: {coupling: 1.5}}")
            .Replace("length_um: 100", "length_um: -3");
        string file = h.Write("bad.yaml", text);
        var (code, _, err) = h.Run("validate", file);
        Assert.Equal(1, code);
        Assert.Contains("coupling", err);
        Assert.Contains("length_um", err);
    }

    [Fact]
    public void FailedRunLeavesAnExistingOutputUntouched()
    {
        using var h = new ToolHarness();
        string outPath = h.Write("out.json", "previous");
        string file = h.Write("bad.yaml", Netlists.Mzi().Replace("ports:", "portz:"));
        var (code, _, _) = h.Run("run", file, "--json", outPath);
        Assert.Equal(1, code);
        Assert.Equal("previous", File.ReadAllText(outPath));
        Assert.Single(Directory.GetFiles(h.Directory, "*out.json*"));
    }

    [Fact]
    public void UnwritableOutputIsExitOneBeforeComputing()
    {
        using var h = new ToolHarness();
        string file = h.Write("mzi.yaml", Netlists.Mzi());
        var (code, output, err) = h.Run("run", file, "--json", Path.Combine(h.Directory, "no-such-dir", "out.json"));
        Assert.Equal(1, code);
        Assert.Contains("--json", err);
        Assert.Contains("no directory", err);
        Assert.Equal("", output);
    }

    [Fact]
    public void SingularNetworkIsExitOneNamingTheLoopAndWavelength()
    {
        // A lossless waveguide loop closed on itself through two perfect mirrors, on resonance: no steady state.
        // Round trip 2·2π·n_eff·L/λ = 2π·k needs L = k·λ/(2·n_eff); n_eff = 2.4 at λ0 = 1000 nm, k = 48 → L = 10 µm.
        using var h = new ToolHarness();
        string file = h.Write("fp.yaml", """
            photonickit: 1
            wavelength_nm: 1000
            instances:
              m1: {component: mirror, settings: {reflectivity: 1}}
              m2: {component: mirror, settings: {reflectivity: 1}}
              gap: {component: waveguide, settings: {length_um: 10}}
            connections:
              "m1,o2": "gap,o1"
              "gap,o2": "m2,o1"
            ports:
              a: "m1,o1"
              b: "m2,o2"
            """);
        var (code, _, err) = h.Run("run", file);
        Assert.Equal(1, code);
        Assert.Contains("singular", err);
        Assert.Contains("gap", err);
        Assert.Contains("1000 nm", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void SweepOverAMillionPointsIsRefusedBeforeWork()
    {
        using var h = new ToolHarness();
        string file = h.Write("big.yaml", Netlists.Mzi(analyses: "  - {type: transmission, sweep: {start_nm: 1500, stop_nm: 1600, points: 2000000}}"));
        var (code, output, err) = h.Run("run", file, "--json", h.PathOf("big.json"));
        Assert.Equal(1, code);
        Assert.Contains("points", err);
        Assert.Contains("1,000,000", err);
        Assert.Equal("", output);
        Assert.False(File.Exists(h.PathOf("big.json")));
    }

    [Fact]
    public void AnalysisEstimatedAboveMachineMemoryIsRefusedWithTheEstimate()
    {
        // 64 identity modes: the 128-port S-matrix at 900 000 wavelengths alone is 128² × 9e5 × 16 B ≈ 236 GB.
        using var h = new ToolHarness();
        string rows = string.Join(", ", Enumerable.Range(0, 64).Select(i => "[" + string.Join(", ", Enumerable.Range(0, 64).Select(j => i == j ? "1" : "0")) + "]"));
        string zeros = string.Join(", ", Enumerable.Range(0, 64).Select(_ => "[" + string.Join(", ", Enumerable.Repeat("0", 64)) + "]"));
        string ports = string.Join("\n", Enumerable.Range(0, 64).SelectMany(i => new[] { $"  i{i}: \"u,in{i}\"", $"  o{i}: \"u,out{i}\"" }));
        string file = h.Write("huge.yaml", $"photonickit: 1\nwavelength_nm: 1550\ninstances:\n  u: {{component: unitary, settings: {{matrix_re: [{rows}], matrix_im: [{zeros}]}}}}\nports:\n{ports}\nanalyses:\n  - {{type: smatrix, sweep: {{start_nm: 1500, stop_nm: 1600, points: 900000}}}}\n");
        var (code, _, err) = h.Run("run", file);
        Assert.Equal(1, code);
        Assert.Contains("refused", err);
        Assert.Matches(@"\d+(\.\d)? (GB|TB)", err);
    }

    [Fact]
    public void SetOverridesASettingAsIfWrittenInTheFile()
    {
        using var h = new ToolHarness();
        string viaSet = h.Write("a.yaml", Netlists.Mzi(100, 110));
        string written = h.Write("b.yaml", Netlists.Mzi(100, 123));
        Assert.Equal(0, h.Run("run", viaSet, "--set", "bot.length_um=123", "--json", h.PathOf("a.json")).Code);
        Assert.Equal(0, h.Run("run", written, "--json", h.PathOf("b.json")).Code);
        var a = JsonNode.Parse(File.ReadAllText(h.PathOf("a.json")))!["results"]!.ToJsonString();
        var b = JsonNode.Parse(File.ReadAllText(h.PathOf("b.json")))!["results"]!.ToJsonString();
        Assert.Equal(b, a);
    }

    [Fact]
    public void BadSetArgumentIsExitOne()
    {
        using var h = new ToolHarness();
        string file = h.Write("mzi.yaml", Netlists.Mzi());
        var (code, _, err) = h.Run("run", file, "--set", "bot.length_um");
        Assert.Equal(1, code);
        Assert.Contains("--set", err);
        var (code2, _, err2) = h.Run("run", file, "--set", "bott.length_um=3");
        Assert.Equal(1, code2);
        Assert.Contains("bot", err2);
    }

    [Fact]
    public void QuietSilencesSummaryAndWarningsButNotErrors()
    {
        using var h = new ToolHarness();
        // bs1,in1 left unconnected and unexported: a warning
        string file = h.Write("w.yaml", Netlists.Mzi().Replace("  in1: \"bs1,in1\"\n", ""));
        var loud = h.Run("run", file);
        Assert.Equal(0, loud.Code);
        Assert.Contains("warning", loud.Err);
        Assert.Contains("bs1,in1", loud.Err);
        var quiet = h.Run("run", file, "--quiet");
        Assert.Equal(0, quiet.Code);
        Assert.Equal("", quiet.Out);
        Assert.Equal("", quiet.Err);
        var strict = h.Run("run", file, "--strict", "--quiet");
        Assert.Equal(1, strict.Code);
        Assert.Contains("error", strict.Err);
    }

    [Fact]
    public void WarningsInJsonMatchStderr()
    {
        using var h = new ToolHarness();
        string file = h.Write("w.yaml", Netlists.Mzi().Replace("  in1: \"bs1,in1\"\n", ""));
        var (code, _, err) = h.Run("run", file, "--json", h.PathOf("w.json"));
        Assert.Equal(0, code);
        var warnings = JsonNode.Parse(File.ReadAllText(h.PathOf("w.json")))!["warnings"]!.AsArray().Select(w => (string)w!).ToArray();
        Assert.NotEmpty(warnings);
        foreach (var w in warnings) Assert.Contains(w, err);
    }

    [Fact]
    public void ValidateChecksWithoutComputing()
    {
        using var h = new ToolHarness();
        string good = h.Write("good.yaml", Netlists.Mzi());
        var ok = h.Run("validate", good);
        Assert.Equal(0, ok.Code);
        Assert.Contains("valid", ok.Out);
        string bad = h.Write("bad.json", "{\"photonickit\": 1}");
        var fail = h.Run("validate", bad);
        Assert.Equal(1, fail.Code);
        Assert.Contains("wavelength_nm", fail.Err);
    }

    [Fact]
    public void ComponentsListsEveryRegisteredComponent()
    {
        using var h = new ToolHarness();
        var text = h.Run("components");
        Assert.Equal(0, text.Code);
        var json = h.Run("components", "--json");
        Assert.Equal(0, json.Code);
        var list = JsonNode.Parse(json.Out)!.AsArray();
        foreach (var model in ComponentRegistry.BuiltIn.All)
        {
            Assert.Contains(model.Name + " — ", text.Out);
            var entry = list.Single(e => (string)e!["name"]! == model.Name)!;
            Assert.Equal(model.Settings.Count, entry["settings"]!.AsArray().Count);
        }
    }

    [Fact]
    public void ComponentsNamesOnlyTheComponentsAskedForAndRefusesUnknownOnesWithASuggestion()
    {
        using var h = new ToolHarness();
        var one = h.Run("components", "beam_splitter");
        Assert.Equal(0, one.Code);
        Assert.StartsWith("beam_splitter — ", one.Out);
        Assert.DoesNotContain("waveguide — ", one.Out);
        var two = h.Run("components", "detector", "attenuator", "--json");
        Assert.Equal(0, two.Code);
        Assert.Equal(["detector", "attenuator"], JsonNode.Parse(two.Out)!.AsArray().Select(e => (string)e!["name"]!).ToArray());
        var bad = h.Run("components", "beamsplitter", "detector", "xyz");
        Assert.Equal(1, bad.Code);
        Assert.Equal("", bad.Out);
        Assert.Contains("photonickit: error: beamsplitter: not a built-in component (did you mean 'beam_splitter'?)", bad.Err);
        Assert.Contains("photonickit: error: xyz: not a built-in component (built-in components: waveguide, ", bad.Err);
    }

    [Fact]
    public void InternalFailureIsExitTwoWithoutStackTrace()
    {
        var failing = new FailingWriter();
        var stderr = new StringWriter();
        int code = PhotonicKit.Tool.Program.Invoke(["components"], failing, stderr);
        Assert.Equal(2, code);
        Assert.StartsWith("internal error:", stderr.ToString());
        Assert.DoesNotContain(" at PhotonicKit", stderr.ToString());
    }

    [Fact]
    public void UnknownExtensionIsRefused()
    {
        using var h = new ToolHarness();
        string file = h.Write("mzi.txt", Netlists.Mzi());
        var (code, _, err) = h.Run("run", file);
        Assert.Equal(1, code);
        Assert.Contains(".yaml", err);
    }

    [Fact]
    public void HtmlReportIsSelfContained()
    {
        using var h = new ToolHarness();
        string file = h.Write("mzi.yaml", Netlists.Mzi(analyses: "  - {type: transmission, sweep: {start_nm: 1540, stop_nm: 1560, points: 51}}"));
        var (code, _, err) = h.Run("run", file, "--html", h.PathOf("r.html"));
        Assert.True(code == 0, err);
        string html = File.ReadAllText(h.PathOf("r.html"));
        Assert.Contains("Plotly.newPlot", html);
        Assert.DoesNotContain("<script src=", html);
        Assert.DoesNotContain("require.config", html);
        Assert.True(html.Length > 1_000_000, "plotly.js should be embedded");
    }

    private sealed class FailingWriter : StringWriter
    {
        public override void Write(char value) => throw new InvalidOperationException("stream closed");

        public override void Write(string? value) => throw new InvalidOperationException("stream closed");

        public override void WriteLine(string? value) => throw new InvalidOperationException("stream closed");
    }

    [Fact]
    public void SummaryAndReportShowEveryShapeOfPhotonStatistics()
    {
        // The distribution, one pattern, and exact samples only (distribution: false): all printed and drawn.
        const string yaml = """
            photonickit: 1
            name: two-dots
            wavelength_nm: 930
            instances:
              a: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 1, beta_right_fraction: 1, repetition_rate_mhz: 80, indistinguishability: 1}}
              b: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 1, beta_right_fraction: 1, repetition_rate_mhz: 80, indistinguishability: 1}}
              bs: beam_splitter
              d0: {component: detector, settings: {resolution: pnr}}
              d1: {component: detector, settings: {resolution: pnr}}
            connections:
              "a,right": "bs,in0"
              "b,right": "bs,in1"
              "bs,out0": "d0,in"
              "bs,out1": "d1,in"
            ports: {a_left: "a,left", b_left: "b,left"}
            analyses:
              - {type: photon_statistics, sources: [a, b], detectors: [d0, d1]}
              - {type: photon_statistics, sources: [a, b], detectors: [d0, d1], pattern: [1, 1]}
              - {type: photon_statistics, sources: [a, b], detectors: [d0, d1], samples: 4, seed: 7, distribution: false}
            """;
        using var h = new ToolHarness();
        string file = h.Write("two-dots.yaml", yaml);
        var (code, output, err) = h.Run("run", file, "--html", h.PathOf("r.html"), "--json", h.PathOf("r.json"));
        Assert.True(code == 0, err + output);
        Assert.DoesNotContain("internal error", err + output);
        Assert.Contains("exact sample(s) drawn", output);
        // Hong–Ou–Mandel: the two photons always leave together, so every sample is [2, 0] or [0, 2].
        var samples = JsonNode.Parse(File.ReadAllText(h.PathOf("r.json")))!["results"]![2]!["samples"]!.AsArray();
        Assert.Equal(4, samples.Count);
        Assert.All(samples, s => Assert.Equal(2, s!.AsArray().Sum(c => (int)c!)));
        Assert.All(samples, s => Assert.Contains(0, s!.AsArray().Select(c => (int)c!)));
        Assert.True(new FileInfo(h.PathOf("r.html")).Length > 1000);
    }
}
