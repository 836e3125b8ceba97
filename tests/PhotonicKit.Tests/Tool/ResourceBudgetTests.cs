using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PhotonicKit.Tests.Tool;

/// <summary>
/// Small files that stand for huge work: each is refused before anything is materialised (within a few seconds even on a
/// loaded two-core machine, where the work they stand for takes minutes or exhausts memory), with
/// the key, the estimate and the limit in the message (docs/robustness.md lists the budgets).
/// </summary>
public class ResourceBudgetTests
{
    /// <summary>A bound on a refusal that materialises nothing (typically 0.1–0.5 s): generous enough for a machine busy with
    /// other work, far below what the refused work would take.</summary>
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(5);

    /// <summary>Runs <c>validate</c> and <c>run</c> on <paramref name="netlist"/>: both exit 1 within
    /// <paramref name="limit"/>, with no output written; returns validate's stderr.</summary>
    private static string RefusedByBoth(string netlist, TimeSpan? limit = null)
    {
        using var h = new ToolHarness();
        string file = h.Write("bomb.yaml", netlist);
        string err = "";
        foreach (var command in new[] { "validate", "run" })
        {
            string[] args = command == "run" ? ["run", file, "--json", h.PathOf("out.json")] : ["validate", file];
            var watch = Stopwatch.StartNew();
            var (code, _, e) = h.Run(args);
            watch.Stop();
            Assert.True(code == 1, $"{command}: exit {code}\n{e}");
            Assert.DoesNotContain("internal error", e);
            Assert.True(watch.Elapsed < (limit ?? Quick), $"{command}: the refusal took {watch.Elapsed}");
            Assert.False(File.Exists(h.PathOf("out.json")));
            if (command == "validate") err = e;
        }
        return err;
    }

    // ---- models nested bottom-up: measured without recursion ----

    /// <summary>m0 is a waveguide; m(i) holds one m(i−1); the top level holds m(levels).</summary>
    private static string BottomUpChain(int levels) =>
        "photonickit: 1\nwavelength_nm: 1550\nmodels:\n"
        + "  m0:\n    instances: {y: {component: waveguide, settings: {length_um: 1}}}\n    ports: {a: \"y,o1\"}\n"
        + string.Concat(Enumerable.Range(1, levels).Select(i => $"  m{i}:\n    instances: {{y: m{i - 1}}}\n    ports: {{a: \"y,a\"}}\n"))
        + $"instances:\n  x: m{levels}\nports: {{p: \"x,a\"}}\n";

    [Fact]
    public void ModelsNestedThousandsDeepBottomUpAreAnInputErrorNotAStackOverflow()
    {
        // The original attack: 3,500 levels written from the leaf up crashed run and validate (exit 134).
        string err = RefusedByBoth(BottomUpChain(3500));
        Assert.Single(Regex.Matches(err, "error:"));
        Assert.Matches(@"bomb\.yaml:\d+:\d+: error: models\.m3401\.instances\.y: models nested more than 100 levels deep \(m3500 → m3499 → … → m3401 → m3400\): at most 100", err);
    }

    [Fact]
    public void ModelsNestedBottomUpWithinTheLimitFlatten()
    {
        // m0 … m99: 100 levels of models.
        using var h = new ToolHarness();
        var (code, output, err) = h.Run("validate", h.Write("ok.yaml", BottomUpChain(99)));
        Assert.True(code == 0, err);
        Assert.Contains("valid (1 instances", output);
        var (tooDeep, _, tooDeepErr) = h.Run("validate", h.Write("deep.yaml", BottomUpChain(100)));
        Assert.Equal(1, tooDeep);
        Assert.Contains("models.m1.instances.y: models nested more than 100 levels deep (m100 → m99 → … → m1 → m0)", tooDeepErr);
    }

    // ---- a hierarchy that doubles at each level: counted from the models, never flattened ----

    /// <summary>m(i) holds two m(i−1) in series; m0 is one waveguide: m(levels) is 2^levels waveguides.</summary>
    private static string Doubling(int levels) =>
        "photonickit: 1\nwavelength_nm: 1550\nmodels:\n"
        + "  m0:\n    instances: {y: {component: waveguide, settings: {length_um: 1}}}\n    ports: {a: \"y,o1\", b: \"y,o2\"}\n"
        + string.Concat(Enumerable.Range(1, levels).Select(i =>
            $"  m{i}:\n    instances: {{l: m{i - 1}, r: m{i - 1}}}\n    connections: {{\"l,b\": \"r,a\"}}\n    ports: {{a: \"l,a\", b: \"r,b\"}}\n"))
        + $"instances:\n  x: m{levels}\nports: {{p: \"x,a\", q: \"x,b\"}}\n";

    [Fact]
    public void HierarchyThatDoublesThirtyTimesIsRefusedBeforeFlattening()
    {
        // The original attack: 2 KB of text, 2^30 instances; flattening was killed at 3.5 GB.
        Assert.True(Doubling(30).Length < 4096);
        string err = RefusedByBoth(Doubling(30));
        Assert.Matches(@"bomb\.yaml:\d+:3: error: instances\.x: refused before flattening: instance 'x' \(model m30\) expands to 1,073,741,824 instances", err);
        Assert.Contains("(about 640 GB and 4.5 h to build); at most 1,000,000 instances once flattened", err);
    }

    [Fact]
    public void ADoublingHierarchyOverAnEmptyModelIsRefusedBeforeFlatteningToo()
    {
        // Found by fuzzing: a misspelt key leaves m7 without instances, so the hierarchy yields no component, yet the
        // flattening still visited all 2^23 instances of models above it (14 s to 60 s). Counted from the models instead.
        string yaml = Doubling(30).Replace("  m7:\n    instances:", "  m7:\n    instancjs:");
        string err = RefusedByBoth(yaml);
        Assert.Matches(@"bomb\.yaml:\d+:3: error: instances\.x: refused before flattening: instance 'x' \(model m30\) expands into 16,777,214 instances of models \(empty ones included, so only 0 components result\)", err);
    }

    [Fact]
    public void HierarchyJustWithinTheInstanceBudgetIsCountedExactly()
    {
        // 2^10 = 1024 waveguides: flattened and counted like the estimate.
        using var h = new ToolHarness();
        var (code, output, err) = h.Run("validate", h.Write("ok.yaml", Doubling(10)));
        Assert.True(code == 0, err);
        Assert.Contains("valid (1024 instances", output);
    }

    // ---- YAML aliases: counted while reading ----

    /// <summary>A "billion laughs" inside an instance's settings: each level is ten aliases of the one before.</summary>
    private static string AliasBomb(int levels) =>
        "photonickit: 1\nwavelength_nm: 1550\ninstances:\n  w:\n    component: waveguide\n    settings:\n      length_um: 1\n"
        + "      a0: &a0 {x: 1, y: 1, z: 1, p: 1, q: 1, r: 1, s: 1, t: 1, u: 1, v: 1}\n"
        + string.Concat(Enumerable.Range(1, levels).Select(i =>
            $"      a{i}: &a{i} {{{string.Join(", ", Enumerable.Range(0, 10).Select(j => $"k{j}: *a{i - 1}"))}}}\n"))
        + "ports: {p: \"w,o1\"}\n";

    [Theory]
    [InlineData(6)]
    [InlineData(9)]
    public void AliasBombInSettingsIsRefusedWhileReading(int levels)
    {
        // The original attack: about 1 KB; 6 levels took 63 s and 4.4 GB, 9 levels more than 10 GB.
        Assert.True(AliasBomb(levels).Length < 1200);
        string err = RefusedByBoth(AliasBomb(levels));
        Assert.Single(Regex.Matches(err, "error:"));
        Assert.Matches(@"bomb\.yaml:13:\d+: error: instances\.w\.settings\.a5\.k\d: refused while reading: alias '\*a4' stands for 222,221 nodes; with the aliases before it the file would grow by [\d,]+ nodes \(about [\d.]+ MB once read\), more than the 1,000,000 aliases may add", err);
    }

    [Fact]
    public void AliasesWithinTheBudgetAreResolved()
    {
        // Three levels (2,442 nodes by alias): read, then the unknown settings are reported as usual.
        using var h = new ToolHarness();
        var (code, _, err) = h.Run("validate", h.Write("ok.yaml", AliasBomb(3)));
        Assert.Equal(1, code);
        Assert.Contains("instances.w.settings.a3: 'w' is a waveguide, not a model", err);
        Assert.DoesNotContain("refused", err);
    }

    [Fact]
    public void UnitaryRowsRepeatedByAliasAreRefusedBeforeAnyRowIsCopied()
    {
        // The original attack: 160 KB of one 40,000-entry row and its aliases; killed at 11.7 GB before the
        // 2048-mode refusal.
        const int m = 40_000;
        string row = "&r [" + string.Join(",", Enumerable.Repeat("0", m)) + "]";
        string netlist = $"photonickit: 1\nwavelength_nm: 1550\ninstances:\n  u:\n    component: unitary\n    settings:\n"
            + $"      matrix_re: [{row},{string.Join(",", Enumerable.Repeat("*r", m - 1))}]\n"
            + $"      matrix_im: [{string.Join(",", Enumerable.Repeat("*r", m))}]\nports: {{a: \"u,in0\"}}\n";
        string err = RefusedByBoth(netlist);
        Assert.Contains("error: instances.u.settings.matrix_re[25]: refused while reading: alias '*r' stands for 40,001 nodes", err);
    }

    // ---- sweeps: counted from the text before any value's circuit is built ----

    /// <summary>A chain of <paramref name="waveguides"/> waveguides and the given analyses.</summary>
    private static string Chain(int waveguides, string analyses) =>
        "photonickit: 1\nwavelength_nm: 1550\ninstances:\n"
        + string.Concat(Enumerable.Range(0, waveguides).Select(i => $"  w{i}: {{component: waveguide, settings: {{length_um: 1}}}}\n"))
        + (waveguides > 1 ? "connections:\n" + string.Concat(Enumerable.Range(0, waveguides - 1).Select(i => $"  \"w{i},o2\": \"w{i + 1},o1\"\n")) : "")
        + $"ports: {{a: \"w0,o1\", b: \"w{waveguides - 1},o2\"}}\nanalyses:\n{analyses}";

    private const string LargeSweep = "  - {type: sweep, parameter: w0.length_um, values: {start: 1, stop: 2, points: 100000}, analysis: {type: transmission}}\n";

    [Fact]
    public void SweepWhoseCircuitsWouldFillTheMemoryIsRefusedBeforeAnyValueIsBuilt()
    {
        // The original attack: validate of 100,000 values of a circuit of a few hundred instances was killed at
        // 13.9 GB; each value's circuit was built before the total was estimated.
        string err = RefusedByBoth(Chain(300, LargeSweep));
        Assert.Matches(@"bomb\.yaml:\d+:\d+: error: analyses\[0\]\.values: refused before starting: 100,000 runs of a circuit of 300 instances build 30,000,000 instances \(about 17\.9 GB and 7\.5 min before anything is computed\); at most 2,000,000 instances in all", err);
    }

    [Fact]
    public void ManySweepsTogetherAreRefusedBeforeAnyValueIsBuilt()
    {
        // Each sweep is within the limit of 100,000 runs; twenty of them are not.
        string err = RefusedByBoth(Chain(1, string.Concat(Enumerable.Repeat(LargeSweep, 20))));
        Assert.Matches(@"bomb\.yaml:6:1: error: analyses: refused before starting: the sweeps of this file make 2,000,000 runs of their inner analyses in all \(the largest, analyses\[0\]\.values, 100,000\)", err);
    }

    [Fact]
    public void NestedSweepsAreMultipliedBeforeAnyValueIsBuilt()
    {
        string err = RefusedByBoth(Chain(2, """
              - type: sweep
                parameter: w0.length_um
                values: {start: 1, stop: 2, points: 1000}
                analysis:
                  type: sweep
                  parameter: w1.length_um
                  values: {start: 1, stop: 2, points: 1000}
                  analysis: {type: transmission}
            """));
        Assert.Contains("error: analyses[0].analysis.values: refused before starting: 1000 values inside sweeps of 1000 runs make 1,000,000 runs", err);
    }

    [Fact]
    public void SweepWithinTheBudgetsIsBuilt()
    {
        using var h = new ToolHarness();
        var (code, output, err) = h.Run("validate", h.Write("ok.yaml", Chain(20, "  - {type: sweep, parameter: w0.length_um, values: {start: 1, stop: 2, points: 1000}, analysis: {type: transmission}}\n")));
        Assert.True(code == 0, err);
        Assert.Contains("valid (20 instances", output);
    }

    [Fact]
    public void AnalysisRepeatedByAliasWithAMillionPointGridIsRefusedBeforeAnyGridIsBuilt()
    {
        // Found while hardening: one analysis with a grid of a million points, repeated 2,000 times by alias (a few
        // nodes each, well within the alias budget), made 2,000 grids of 8 MB as the analyses were read.
        string netlist = Chain(1, "  - &t {type: transmission, sweep: {start_nm: 1500, stop_nm: 1600, points: 1000000}}\n" + string.Concat(Enumerable.Repeat("  - *t\n", 2000)));
        Assert.True(netlist.Length < 16 * 1024);
        string err = RefusedByBoth(netlist);
        Assert.Contains("bomb.yaml:7:5: error: analyses[0]: refused before starting: the analyses' wavelength and delay grids hold 2,001,000,000 points in all (analyses[0] holds 1,000,000), every sweep run and every repetition counted (about 14.9 GB for the grids alone", err);
    }

    [Fact]
    public void SweepRunsMultiplyTheGridsTheyHold()
    {
        string err = RefusedByBoth(Chain(1, "  - {type: sweep, parameter: w0.length_um, values: {start: 1, stop: 2, points: 1000}, analysis: {type: transmission, sweep: {start_nm: 1500, stop_nm: 1600, points: 100000}}}\n"));
        Assert.Contains("error: analyses[0]: refused before starting: the analyses' wavelength and delay grids hold 100,001,000 points in all, every sweep run and every repetition counted", err);
    }

    // ---- photon caps of pnr detectors ----

    private static string PnrDetectors(string detectorSettings, string analysisExtra) => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          qd: {component: quantum_dot, settings: {lifetime_ps: 200, beta: 0.9, beta_right_fraction: 1, repetition_rate_mhz: 80}}
          bs: beam_splitter
          d0: {component: detector, settings: {resolution: pnr, {{{detectorSettings}}}}}
          d1: {component: detector, settings: {resolution: pnr, {{{detectorSettings}}}}}
        connections:
          "qd,right": "bs,in0"
          "bs,out0": "d0,in"
          "bs,out1": "d1,in"
        ports: {l: "qd,left", i1: "bs,in1"}
        analyses:
          - {type: photon_statistics, sources: [qd], detectors: [d0, d1]{{{analysisExtra}}}}
        """;

    [Fact]
    public void MarginalsOfABillionCountsAreRefusedWithTheEstimate()
    {
        // The original attack: max_photons 1e9 with marginals was killed at 12 GB without an estimate.
        string err = RefusedByBoth(PnrDetectors("max_photons: 1e9", ", marginals: true"));
        Assert.Matches(@"bomb\.yaml:14:\d+: error: analyses\[0\]\.marginals: refused before starting: the marginals list every count each detector can report, 2,000,000,002 values in all \('d0' reports 0 … 1000000000, its max_photons\), about 186\.3 GB with their JSON text; at most 10,000,000 values", err);
    }

    [Fact]
    public void LargestPhotonCapWithoutMarginalsIsComputedQuickly()
    {
        // The patterns stop at the photons that can arrive (one source, at most two photons), not at the cap.
        using var h = new ToolHarness();
        string file = h.Write("cap.yaml", PnrDetectors("max_photons: 2147483590", ""));
        var watch = Stopwatch.StartNew();
        var (code, _, err) = h.Run("run", file, "--json", h.PathOf("out.json"));
        Assert.True(code == 0, err);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        var doc = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(h.PathOf("out.json")))!;
        Assert.Equal(1, (double)doc["results"]![0]!["probability_sum"]!, 9);
    }

    [Fact]
    public void PhotonCapBeyondTheLongestArrayIsOutOfRange()
    {
        using var h = new ToolHarness();
        var (code, _, err) = h.Run("validate", h.Write("cap.yaml", PnrDetectors("max_photons: 1e10", "")));
        Assert.Equal(1, code);
        Assert.Matches(@"cap\.yaml:6:\d+: error: instances\.d0\.settings\.max_photons: 10000000000 is out of range: expected \[1, 2147483590\]", err);
    }

    // ---- an empty circuit ----

    [Theory]
    [InlineData("instances: {}")]
    [InlineData("instances: {}\nanalyses:\n  - {type: smatrix}")]
    public void EmptyInstancesMappingIsAnInputErrorForRunAndValidate(string body)
    {
        // run used to fail inside the solver (exit 2) while validate called the file valid.
        string err = RefusedByBoth("photonickit: 1\nwavelength_nm: 1550\n" + body + "\n");
        Assert.Contains("bomb.yaml:3:12: error: instances: the netlist has no instances: expected 'instances:' with at least one", err);
    }

    [Fact]
    public void EmptyModelIsAnInputError()
    {
        using var h = new ToolHarness();
        var (code, _, err) = h.Run("validate", h.Write("m.yaml",
            "photonickit: 1\nwavelength_nm: 1550\nmodels:\n  m: {instances: {}, ports: {}}\ninstances:\n  x: m\n"));
        Assert.Equal(1, code);
        Assert.Contains("models.m.instances: model 'm' has no instances", err);
    }
}
