using PhotonicKit.Circuit.Diagnostics;
using System.Text.RegularExpressions;

namespace PhotonicKit.Tests.Tool;

/// <summary>
/// Every problem is one line in the form <c>FILE:LINE:COL: error: KEY: message</c> (spec §6), keyed by the full
/// path of what is wrong, with the line and column wherever the problem is in the file.
/// </summary>
public class DiagnosticFormatTests
{
    /// <summary>FILE[:LINE:COL]: error|warning: … — every line of stderr.</summary>
    private static void AssertEveryLineInTheFormat(string err)
    {
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
            Assert.Matches(@"^[^\s:]+(:\d+:\d+)?: (error|warning): ", line);
    }

    [Fact]
    public void UnreadableSetValueIsKeyedByItsPath()
    {
        using var h = new ToolHarness();
        var (code, _, err) = h.Run("run", h.Write("mzi.yaml", Netlists.Mzi()), "--set", "top.length_um=[");
        Assert.Equal(1, code);
        Assert.Contains("mzi.yaml: error: --set top.length_um: cannot read the value '[' of top.length_um", err);
        AssertEveryLineInTheFormat(err);
    }

    [Fact]
    public void NewlineInASetValueStaysOnTheDiagnosticsLine()
    {
        using var h = new ToolHarness();
        string file = h.Write("mzi.yaml", Netlists.Mzi());
        var (code, _, err) = h.Run("run", file, "--set", "top.length_um=1\nfake.yaml:1:1: error: injected");
        Assert.Equal(1, code);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--set top.length_um:", err);
        Assert.Contains(@"\n", err);
        AssertEveryLineInTheFormat(err);
        var (noEquals, _, noEqualsErr) = h.Run("run", file, "--set", "a\nb");
        Assert.Equal(1, noEquals);
        Assert.Contains(@"mzi.yaml: error: --set: expected PATH=VALUE (e.g. mzi1.bs1.coupling=0.3), got 'a\nb'", noEqualsErr);
    }

    [Fact]
    public void UnknownOptionIsAnErrorInTheFormatWithASuggestion()
    {
        using var h = new ToolHarness();
        var (code, output, err) = h.Run("run", h.Write("mzi.yaml", Netlists.Mzi()), "--jsn", h.PathOf("a.json"));
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("photonickit: error: --jsn: unknown option for 'photonickit run' (did you mean '--json'?)", err);
        AssertEveryLineInTheFormat(err);
        Assert.False(File.Exists(h.PathOf("a.json")));
    }

    [Theory]
    [InlineData(new[] { "rn" }, "photonickit: error: rn: unknown command for 'photonickit' (did you mean 'run'?)")]
    [InlineData(new[] { "validate" }, "photonickit: error: photonickit validate: Required argument 'FILE' missing")]
    [InlineData(new[] { "components", "--jason" }, "photonickit: error: --jason: unknown option for 'photonickit components' (did you mean '--json'?)")]
    public void CommandLineProblemsAreExitOneInTheFormat(string[] args, string message)
    {
        using var h = new ToolHarness();
        var (code, _, err) = h.Run(args);
        Assert.Equal(1, code);
        Assert.Contains(message, err);
        AssertEveryLineInTheFormat(err);
    }

    [Fact]
    public void HelpIsStillHelp()
    {
        using var h = new ToolHarness();
        var (code, output, _) = h.Run("run", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--json", output);
    }

    private static string Unitary64(string sweep, string analyses)
    {
        string zero = "[" + string.Join(",", Enumerable.Repeat("[" + string.Join(",", Enumerable.Repeat("0", 64)) + "]", 64)) + "]";
        return $"photonickit: 1\nwavelength_nm: 1550\n{sweep}instances:\n  u: {{component: unitary, settings: {{matrix_re: {zero}, matrix_im: {zero}}}}}\nports: {{a: \"u,in0\", b: \"u,out0\"}}\n{analyses}";
    }

    [Fact]
    public void MemoryRefusalOfTheAnalysesNamesTheLargestWithItsLineAndColumn()
    {
        // An S-matrix of 128 ports over a million wavelengths: about 730 GB.
        using var h = new ToolHarness();
        string file = h.Write("mem.yaml", Unitary64("", "analyses:\n  - {type: transmission}\n  - {type: smatrix, sweep: {start_nm: 1500, stop_nm: 1600, points: 1000000}}\n"));
        var (code, _, err) = h.Run("validate", file);
        Assert.Equal(1, code);
        Assert.Matches(@"mem\.yaml:8:5: error: analyses\[1\]: refused before starting: the analyses are estimated to need [\d.]+ GB \(analyses\[1\], a 'smatrix', needs [\d.]+ GB of it\), more than 75 % of this machine's", err);
        AssertEveryLineInTheFormat(err);
    }

    [Fact]
    public void MemoryRefusalOfTheFilesGridIsAtSweepPoints()
    {
        using var h = new ToolHarness();
        string file = h.Write("mem.yaml", Unitary64("sweep: {start_nm: 1500, stop_nm: 1600, points: 1000000}\n", ""));
        var (code, _, err) = h.Run("validate", file);
        Assert.Equal(1, code);
        Assert.Matches(@"mem\.yaml:3:48: error: sweep\.points: refused: a solve over 1000000 wavelengths of 1 instances \(128 ports, 2 external\) needs about [\d.]+ GB", err);
    }

    /// <summary>
    /// An instance whose settings are wrong still has its fixed ports: a connection to a port it does not have is
    /// reported in the same run as the settings, and one to a port it has is neither an error nor a connection.
    /// </summary>
    [Fact]
    public void WrongPortsOfAnInstanceWithWrongSettingsAreReportedInTheSameRun()
    {
        using var h = new ToolHarness();
        string file = h.Write("both.yaml", """
            photonickit: 1
            wavelength_nm: 1550
            instances:
              bs: {component: beam_splitter, settings: {coupling: 2}}
              wg: {component: waveguide, settings: {length_um: -3}}
            connections:
              "bs,out0": "wg,o3"
              "bs,out1": "wg,o1"
            ports: {a: "bs,in0", b: "wg,o2"}
            """);
        var (code, _, err) = h.Run("validate", file);
        Assert.Equal(1, code);
        var errors = err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains(": error: ")).ToArray();
        Assert.Contains(errors, l => l.Contains("instances.bs.settings.coupling: 2 is out of range"));
        Assert.Contains(errors, l => l.Contains("instances.wg.settings.length_um: -3 µm is out of range"));
        Assert.Contains(errors, l => l.Contains("instance 'wg' (waveguide) has no port 'o3' (did you mean 'o1'?)"));
        Assert.Equal(3, errors.Length);
    }

    /// <summary>
    /// The analyses' wrong references (names, kinds, counts, a one-source HOM without a demultiplexer) are reported in the
    /// same run as the circuit's own problems, with the very lines the full check gives once the circuit is fixed.
    /// </summary>
    [Fact]
    public void AnalysisReferencesAreReportedWithTheCircuitsProblemsAsTheFullCheckReportsThem()
    {
        const string Analyses = """
            analyses:
              - {type: hom, sources: [m1.dot], detectors: [d0, d1]}
              - {type: efficency, source: m1.dot, detectors: [d0]}
              - {type: g2, source: nobody, detectors: [d0, d9]}
              - {type: g2, source: m1.dot, detectors: [d0, d1, m1.bs]}
              - {type: efficiency, source: bs, detectors: [m1.dot]}
              - {type: transmission, from: [zz], to: [out]}
              - {type: sweep, parameter: m1.bs.coupling, values: [0.2, 0.4], analysis: {type: photon_statistics, sources: [m1.dott], detectors: [d0]}}
              - {type: hom, sources: [m1.dot, m1.dot2, m1.dot3], detectors: [d0, d1]}
              - {type: g2, source: m1.dot2, detectors: [d0]}
              - {type: hom, sources: [m1.dot, m1.dot2], detectors: [d1]}
              - {type: efficiency, source: m1.dot, detectors: [d0], detector: [d1]}
              - {type: sweep, parameter: m1.bs.coupling, values: [0.3], analysis: {type: photon_statistics, sources: [m1.dot], detectors: [d0], max_photon: 2}}
            """;
        string Netlist(string dotLifetime, string couplerPort) => $$$"""
            photonickit: 1
            wavelength_nm: 930
            models:
              emitters:
                instances:
                  dot: {component: quantum_dot, settings: {lifetime_ps: {{{dotLifetime}}}, beta: 0.9}}
                  dot2: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 0.9}}
                  dot3: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 0.9}}
                  bs: beam_splitter
                connections: {"dot,right": "bs,in0", "dot2,right": "bs,in1"}
                ports: {a: "bs,out0", b: "bs,out1", c: "dot3,right"}
            instances:
              m1: emitters
              bs: beam_splitter
              d0: detector
              d1: detector
            connections:
              "m1,a": "bs,in0"
              "m1,b": "bs,{{{couplerPort}}}"
              "bs,out0": "d0,in"
              "bs,out1": "d1,in"
            ports: {out: "m1,c"}
            {{{Analyses}}}
            """;
        using var h = new ToolHarness();
        static string[] AnalysisErrors(string err) =>
            err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains(": error: analyses[")).Order(StringComparer.Ordinal).ToArray();

        // A broken circuit (a setting and a port) and broken analyses: all in one run.
        var (code, _, err) = h.Run("validate", h.Write("broken.yaml", Netlist("-100", "inX")));
        Assert.Equal(1, code);
        Assert.Contains("instances.m1.dot.settings.lifetime_ps", err.Replace("models.emitters.instances.dot.settings.lifetime_ps", "instances.m1.dot.settings.lifetime_ps"));
        Assert.Contains("has no port 'inX'", err);
        var early = AnalysisErrors(err);

        // The same file with its circuit fixed but the unknown type kept (the check of types stops the full check): the
        // lines are those of the fixed circuit's full check, whose type error is mended in a third file.
        var (fixedCode, _, fixedErr) = h.Run("validate", h.Write("fixed.yaml", Netlist("100", "in1").Replace("type: efficency", "type: efficiency")));
        Assert.Equal(1, fixedCode);
        var full = AnalysisErrors(fixedErr);
        Assert.Contains(early, l => l.Contains("analyses[1].type: unknown analysis type 'efficency'"));
        var comparable = early.Where(l => !l.Contains("analyses[1].type")).Select(l => l.Replace("broken.yaml", "fixed.yaml")).ToArray();
        Assert.Equal(full, comparable);
        Assert.True(full.Length >= 13, string.Join("\n", full));
        Assert.Contains(early, l => l.Contains("analyses[10].detector: unknown key"));
        Assert.Contains(early, l => l.Contains("analyses[11].analysis.max_photon: unknown key"));
    }

    [Fact]
    public void AnInstanceWhoseOwnDefinitionFailedIsNotReportedAgainAsMissingByAnAnalysis()
    {
        using var h = new ToolHarness();
        string file = h.Write("lost.yaml", """
            photonickit: 1
            wavelength_nm: 930
            models:
              pair:
                instances: {x: {component: detectr}, y: detector}
                ports: {a: "y,in"}
            instances:
              dot: {component: quantum_dot, settings: {lifetime_ps: 100}}
              d0: {component: detectr}
              m: pair
            connections: {"dot,right": "m,a"}
            ports: {l: "dot,left"}
            analyses:
              - {type: efficiency, source: dot, detectors: [d0, m.x, m.y, d9]}
            """);
        var (code, _, err) = h.Run("validate", file);
        Assert.Equal(1, code);
        Assert.Contains("unknown component 'detectr'", err);
        Assert.DoesNotContain("no instance 'd0'", err);
        Assert.DoesNotContain("no instance 'm.x'", err);
        Assert.Contains("no instance 'd9'", err);     // a name nothing defines is still reported
    }

    /// <summary>
    /// A warning found at every value of a sweep is one line naming the sweep, not one per value; at one value it names
    /// the value. Stderr and the results' warnings hold the same lines.
    /// </summary>
    [Fact]
    public void AWarningRepeatedOverASweepIsReportedOnceWithTheValuesItWasFoundAt()
    {
        using var h = new ToolHarness();
        string file = h.Write("rep.yaml", """
            photonickit: 1
            wavelength_nm: 930
            instances:
              dot: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 0.9}}
            ports: {left: "dot,left", right: "dot,right"}
            analyses:
              - {type: sweep, parameter: dot.beta, values: {start: 0.5, stop: 0.9, points: 20}, analysis: {type: source, source: dot}}
              - {type: sweep, parameter: dot.beta, values: [0.7], analysis: {type: source, source: dot}}
            """);
        var (code, _, err) = h.Run("run", file, "--json", h.PathOf("rep.json"));
        Assert.True(code == 0, err);
        var warnings = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(h.PathOf("rep.json")))!["warnings"]!.AsArray()
            .Select(w => (string)w!).Where(w => w.Contains("purcell is null")).ToArray();
        Assert.Equal(2, warnings.Length);
        Assert.EndsWith("purcell is null (at all 20 values of dot.beta)", warnings[0]);
        Assert.EndsWith("purcell is null (at dot.beta = 0.7)", warnings[1]);
        Assert.Equal(warnings, err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("purcell is null")).ToArray());
    }

    [Fact]
    public void TheSameWarningAtManyKeysIsOneLineWithTheCountAndTheFirstKeysOnStderrAndInTheResults()
    {
        using var h = new ToolHarness();
        string file = h.Write("open.yaml", """
            photonickit: 1
            wavelength_nm: 1550
            instances:
              bs1: beam_splitter
              bs2: beam_splitter
              bs3: beam_splitter
              w: {component: waveguide, settings: {length_um: 10}}
            connections: {"bs1,out0": "bs2,in0", "bs2,out0": "bs3,in0"}
            ports: {in: "bs1,in0", out: "bs3,out0", a: "w,o1", b: "w,o2"}
            """);
        var (code, _, err) = h.Run("run", file, "--json", h.PathOf("open.json"));
        Assert.True(code == 0, err);
        var warnings = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(h.PathOf("open.json")))!["warnings"]!.AsArray().Select(w => (string)w!).ToArray();
        // Six open ports (bs1,in1; bs1,out1; bs2,in1; bs2,out1; bs3,in1; bs3,out1): one line, the first key leading.
        var line = Assert.Single(warnings);
        Assert.Matches(@"^.*open\.yaml:\d+:\d+: warning: bs1,in1: unconnected port, treated as a matched load \(and 5 more alike: bs1,out1; bs2,in1; bs2,out1; …\)$", line);
        Assert.Equal(warnings, err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains(": warning: ")).ToArray());

        // With --strict they are errors, each needing its own fix: one line each.
        var (strictCode, _, strictErr) = h.Run("validate", file, "--strict");
        Assert.Equal(1, strictCode);
        Assert.Equal(6, strictErr.Split('\n').Count(l => l.Contains(": error: ") && l.Contains("unconnected port")));
    }

    [Fact]
    public void GroupingWarningsKeepsFewAlikeApartKeepsOrderAndIsIdempotent()
    {
        static Diagnostic W(string key, string message) => new(Severity.Warning, "f.yaml", new SourceMark(1, 1), key, message);
        var input = new[]
        {
            W("a", "one"), W("b", "two"), W("c", "one"), W("d", "two"), W("e", "one"),
            new Diagnostic(Severity.Error, "f.yaml", new SourceMark(2, 1), "x", "one"),
            W("a", "one"), // the same key again adds nothing
        };
        var grouped = DiagnosticGrouping.Alike(input);
        Assert.Equal(
        [
            "f.yaml:1:1: warning: a: one (and 2 more alike: c; e)",
            "f.yaml:1:1: warning: b: two",
            "f.yaml:1:1: warning: d: two",
            "f.yaml:2:1: error: x: one",
        ], grouped.Select(d => d.ToString()));
        Assert.Equal(grouped, DiagnosticGrouping.Alike(grouped));
    }

    [Fact]
    public void SweepOfAnUnknownParameterIsReportedAtTheParameter()
    {
        using var h = new ToolHarness();
        string file = h.Write("sw.yaml", """
            photonickit: 1
            wavelength_nm: 1550
            models:
              arm: {instances: {w: {component: waveguide, settings: {length_um: 1}}}, ports: {a: "w,o1", b: "w,o2"}}
            instances:
              bs: beam_splitter
              m: arm
            ports: {a: "bs,in0", b: "bs,in1", c: "bs,out0", d: "bs,out1", e: "m,a", f: "m,b"}
            analyses:
              - {type: sweep, parameter: bs.bogus, values: [0.1, 0.2], analysis: {type: transmission}}
              - {type: sweep, parameter: nobody.coupling, values: [0.1, 0.2], analysis: {type: transmission}}
              - {type: sweep, parameter: m.coupling, values: [0.1], analysis: {type: transmission}}
              - {type: sweep, parameter: m.w.lenght_um, values: [1], analysis: {type: transmission}}
              - {type: sweep, parameter: bs.coupling, values: [0.1, 2], analysis: {type: transmission}}
              - {type: sweep, parameter: m.length_um, values: [1, 2], analysis: {type: transmission}}
            """);
        var (code, _, err) = h.Run("validate", file);
        Assert.Equal(1, code);
        Assert.Contains("sw.yaml:10:30: error: analyses[0].parameter: 'beam_splitter' has no setting 'bogus' (expected one of: coupling, loss_db)", err);
        Assert.Contains("sw.yaml:11:30: error: analyses[1].parameter: no instance 'nobody' at the top level (expected one of: bs, m)", err);
        Assert.Contains("sw.yaml:12:30: error: analyses[2].parameter: setting 'coupling' reaches no instance: nothing inside model 'arm' (m) declares it", err);
        Assert.Contains("sw.yaml:13:30: error: analyses[3].parameter: 'waveguide' has no setting 'lenght_um' (did you mean 'length_um'?)", err);
        // A value out of range is still the value's problem, at its entry.
        Assert.Matches(@"sw\.yaml:14:\d+: error: analyses\[4\]\.values\[1\]: bs\.coupling: 2 is out of range", err);
        Assert.DoesNotContain("analyses[5]", err);
        Assert.DoesNotContain("values[0]", err);
    }

    [Fact]
    public void InvalidUtf8IsAnErrorAtItsLineAndColumnNotAReplacementCharacter()
    {
        using var h = new ToolHarness();
        string file = h.PathOf("bad.yaml");
        byte[] text = System.Text.Encoding.UTF8.GetBytes(Netlists.Mzi());
        int at = Array.IndexOf(text, (byte)'b', Array.IndexOf(text, (byte)'i', 40));
        // "bs1" of the first instance becomes "b\xFFs1": U+FFFD would have made it an instance called "b�s1".
        var corrupted = text[..(at + 1)].Concat(new byte[] { 0xFF }).Concat(text[(at + 1)..]).ToArray();
        File.WriteAllBytes(file, corrupted);
        foreach (var command in new[] { "run", "validate" })
        {
            var (code, _, err) = h.Run(command, file);
            Assert.Equal(1, code);
            Assert.Matches(@"bad\.yaml:5:4: error: byte 0xFF \(at offset \d+\) is not valid UTF-8: a netlist is UTF-8 text", err);
            AssertEveryLineInTheFormat(err);
        }
    }

    [Fact]
    public void Utf8WithAByteOrderMarkAndUtf16AreRead()
    {
        using var h = new ToolHarness();
        string text = Netlists.Mzi();
        File.WriteAllBytes(h.PathOf("bom.yaml"), [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(text)]);
        File.WriteAllText(h.PathOf("utf16.yaml"), text, System.Text.Encoding.Unicode);
        foreach (var name in new[] { "bom.yaml", "utf16.yaml" })
        {
            var (code, output, err) = h.Run("validate", h.PathOf(name));
            Assert.True(code == 0, err);
            Assert.Contains("valid (4 instances", output);
        }
    }

    /// <summary>One dot through a time_demux of <paramref name="channels"/> channels, two channels onto a 50:50
    /// splitter and its two detectors.</summary>
    private static string OneSourceHom(int channels) => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          qd: {component: quantum_dot, settings: {lifetime_ps: 200, beta: 0.9, beta_right_fraction: 1, repetition_rate_mhz: 80}}
          demux: {component: time_demux, settings: {channels: {{{channels}}}}}
          bs: beam_splitter
          d0: detector
          d1: detector
        connections:
          "qd,right": "demux,in"
          "demux,out0": "bs,in0"
          "demux,out1": "bs,in1"
          "bs,out0": "d0,in"
          "bs,out1": "d1,in"
        analyses:
          - {type: hom, sources: [qd], detectors: [d0, d1]}
        """;

    [Fact]
    public void OneSourceHomChannelRangeIsTheDocumentedOne()
    {
        // The original report: a one-source hom through 9 channels ran while docs/analyses.md said 2–8. The
        // analyses handle up to 64 channels per frame (docs/analyses.md, item 9); the hom section now says so too.
        string docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "analyses.md"));
        Assert.Contains("**One source through a `time_demux`** (`sources: [a]`): the circuit must hold exactly one `time_demux` with\nN = 2 … 64 channels", docs);
        Assert.DoesNotContain("2 … 8", docs);
        using var h = new ToolHarness();
        var (nine, _, nineErr) = h.Run("validate", h.Write("nine.yaml", OneSourceHom(9)));
        Assert.True(nine == 0, nineErr);
        var (over, _, overErr) = h.Run("validate", h.Write("over.yaml", OneSourceHom(65)));
        Assert.Equal(1, over);
        Assert.Contains("analyses[0].sources: 'demux' has 65 channels: a one-source HOM handles 2 … 64 pulses per frame", overErr);
        var (one, _, oneErr) = h.Run("validate", h.Write("one.yaml", OneSourceHom(1).Replace("  \"demux,out1\": \"bs,in1\"\n", "", StringComparison.Ordinal)));
        Assert.Equal(1, one);
        Assert.Contains("'demux' has 1 channel: a one-source HOM handles 2 … 64 pulses per frame", oneErr);
    }

    private static string RepositoryRoot() => Repository.Root;
}
