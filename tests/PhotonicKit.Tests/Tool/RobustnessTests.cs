using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PhotonicKit.Tests.Tool;

/// <summary>
/// Edge-case netlists and command lines through the whole tool: bad input gets exit 1 and a message naming the
/// file, key and value; nothing crashes (no "internal error"); results never hold NaN or Infinity; requests
/// whose cost would explode are refused before starting.
/// </summary>
public class RobustnessTests
{
    private const string Qd = "lifetime_ps: 200, beta: 0.9, beta_right_fraction: 1, repetition_rate_mhz: 80";

    /// <summary>Settings <paramref name="baseline"/> with the ", key: value" pairs of <paramref name="extra"/> replacing or
    /// adding keys (a key may appear once in a mapping), as a flow mapping.</summary>
    private static string Merge(string baseline, string extra)
    {
        var pairs = new List<(string Key, string Value)>();
        foreach (var item in (baseline + extra).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int colon = item.IndexOf(':');
            string key = item[..colon].Trim(), value = item[(colon + 1)..].Trim();
            int at = pairs.FindIndex(p => p.Key == key);
            if (at >= 0) pairs[at] = (key, value);
            else pairs.Add((key, value));
        }
        return "{" + string.Join(", ", pairs.Select(p => $"{p.Key}: {p.Value}")) + "}";
    }

    private static string Instance(string name, string component, string settings) => $"{name}: {{component: {component}, settings: {settings}}}";

    /// <summary>Two chiral dots into a 50:50 beam splitter, a detector on each output.</summary>
    private static string Hom(string qa = "", string qb = "", string d0 = "", string d1 = "", string analyses = AllPhotonAnalyses) => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          {{{Instance("qa", "quantum_dot", Merge(Qd, qa))}}}
          {{{Instance("qb", "quantum_dot", Merge(Qd, qb))}}}
          bs: {component: beam_splitter, settings: {coupling: 0.5}}
          {{{Instance("d0", "detector", Merge("efficiency: 0.9", d0))}}}
          {{{Instance("d1", "detector", Merge("efficiency: 0.9", d1))}}}
        connections:
          "qa,right": "bs,in0"
          "qb,right": "bs,in1"
          "bs,out0": "d0,in"
          "bs,out1": "d1,in"
        ports: {qa_left: "qa,left", qb_left: "qb,left"}
        analyses:
        {{{analyses}}}
        """;

    private const string AllPhotonAnalyses = """
          - {type: transmission, from: [qa_left]}
          - {type: source, source: qa}
          - {type: efficiency, source: qa, detectors: [d0, d1]}
          - {type: g2, source: qa, detectors: [d0, d1]}
          - {type: hom, sources: [qa, qb], detectors: [d0, d1]}
          - {type: photon_statistics, sources: [qa, qb], detectors: [d0, d1], marginals: true}
          - {type: figures, source: qa, detectors: [d0, d1]}
        """;

    /// <summary>One dot through a time_demux of <paramref name="channels"/> channels onto as many detectors.</summary>
    private static string Demux(int channels, string analyses)
    {
        var detectors = string.Concat(Enumerable.Range(0, channels).Select(i => $"  d{i}: {{component: detector, settings: {{efficiency: 0.9}}}}\n"));
        var connections = string.Concat(Enumerable.Range(0, channels).Select(i => $"  \"demux,out{i}\": \"d{i},in\"\n"));
        return $$$"""
            photonickit: 1
            wavelength_nm: 930
            instances:
              {{{Instance("qd", "quantum_dot", Merge(Qd, ""))}}}
              {{{Instance("demux", "time_demux", "{channels: " + channels + "}")}}}
            {{{detectors}}}connections:
              "qd,right": "demux,in"
            {{{connections}}}ports: {qd_left: "qd,left"}
            analyses:
            {{{analyses}}}
            """;
    }

    private static (int Code, string Err, JsonObject? Doc) RunFile(ToolHarness h, string netlist, params string[] extra)
    {
        string file = h.Write("netlist.yaml", netlist);
        string json = h.PathOf("out.json");
        if (File.Exists(json)) File.Delete(json);
        var (code, _, err) = h.Run(["run", file, "--json", json, .. extra]);
        Assert.DoesNotContain("internal error", err);
        Assert.InRange(code, 0, 1);
        JsonObject? doc = null;
        if (code == 0)
        {
            string text = File.ReadAllText(json);
            Assert.DoesNotMatch(@"\bNaN\b|Infinity", text);
            doc = JsonNode.Parse(text)!.AsObject();
        }
        else Assert.False(File.Exists(json));
        return (code, err, doc);
    }

    private static double Number(JsonNode? node) => (double)node!;

    // ---- cases that were already handled: every analysis at the edges of its settings, never a crash or NaN ----

    [Theory]
    [InlineData("", "", ", dark_count_rate_hz: 1e12", ", dark_count_rate_hz: 1e12")]
    [InlineData("", "", ", gate_ns: 1e-12", ", gate_ns: 1e-300")]
    [InlineData("", "", ", jitter_ps: 1e15", ", jitter_ps: 1e300")]
    [InlineData("", "", ", dead_time_ns: 1e300", ", dead_time_ns: 1e15")]
    [InlineData("", "", ", resolution: pnr, max_photons: 1", ", resolution: pnr, max_photons: 1")]
    [InlineData("", "", ", efficiency: 0", ", efficiency: 0")]
    [InlineData(", beta: 0", ", beta: 1", "", "")]
    [InlineData(", g2: 0.5, brightness: 1", ", g2: 0.5, brightness: 1", "", "")]
    [InlineData(", g2: 0, brightness: 0", ", indistinguishability: 0", "", "")]
    [InlineData(", wavelength_nm: 1550", ", wavelength_nm: 930.5", "", "")]
    [InlineData(", spectral_diffusion_ghz: 1e300", ", spectral_diffusion_ghz: 1e-300", "", "")]
    [InlineData(", zpl_fraction: 1e-300", ", zpl_fraction: 1e-300, psb_transmission: 0", "", "")]
    [InlineData(", excitation: above_band, relaxation_ps: 1e-300", ", excitation: above_band, relaxation_ps: 1e300", "", "")]
    [InlineData(", polarization_filter: 1e-300", ", quantum_efficiency: 1e-300", "", "")]
    [InlineData(", lifetime_ps: 1e300", ", temperature_k: 1e-300", "", "")]
    public void EveryAnalysisAtExtremeSettingsGivesFiniteResults(string qa, string qb, string d0, string d1)
    {
        using var h = new ToolHarness();
        var (code, err, doc) = RunFile(h, Hom(qa, qb, d0, d1));
        Assert.True(code == 0, err);
        Assert.Equal(7, doc!["results"]!.AsArray().Count);
        // Probabilities of the photon-number outcomes add up to one whatever the settings.
        Assert.Equal(1, Number(doc["results"]![5]!["probability_sum"]), 9);
    }

    // ---- resonant excitation: pulses the master-equation solver cannot handle ----

    [Theory]
    [InlineData("resonant", "1e300", "spans")]
    [InlineData("phonon_assisted", "1e300", "spans")]
    [InlineData("resonant", "1e-300", "instantaneous limit")]
    [InlineData("phonon_assisted", "1e-20", "instantaneous limit")]
    public void ResonantPulseOutsideTheSolversRangeIsRejectedWhenRead(string excitation, string fwhm, string reason)
    {
        using var h = new ToolHarness();
        string netlist = Hom(qa: $", excitation: {excitation}, pulse_fwhm_ps: {fwhm}");
        var (code, err, _) = RunFile(h, netlist);
        Assert.Equal(1, code);
        Assert.Matches(@"netlist\.yaml:4:\d+: error: instances\.qa\.settings\.pulse_fwhm_ps: 1E[+-]\d+ ps with a lifetime of 200 ps", err);
        Assert.Contains(reason, err);
        // validate runs the same check without computing.
        var validate = h.Run("validate", h.PathOf("netlist.yaml"));
        Assert.Equal(1, validate.Code);
        Assert.Contains("pulse_fwhm_ps", validate.Err);
    }

    [Fact]
    public void ResonantPulseWithTooShortALifetimeIsRejectedNamingBoth()
    {
        using var h = new ToolHarness();
        var (code, err, _) = RunFile(h, Hom(qa: ", lifetime_ps: 1e-300, excitation: resonant, pulse_fwhm_ps: 10"));
        Assert.Equal(1, code);
        Assert.Contains("instances.qa.settings.pulse_fwhm_ps: 10 ps with a lifetime of 1E-300 ps", err);
    }

    [Fact]
    public void VeryShortResonantPulseReachesTheInstantaneousLimit()
    {
        // FWHM = 5e-9 T1: the solver's preparation lands a round-off above 1, which used to be reported as
        // non-physical (an internal error). The limit FWHM → 0 is η_prep = 1, g2 = 0, M = 1 (no dephasing).
        using var h = new ToolHarness();
        var (code, err, doc) = RunFile(h, Hom(qa: ", excitation: resonant, pulse_fwhm_ps: 1e-6", analyses: "  - {type: source, source: qa}"));
        Assert.True(code == 0, err);
        var source = doc!["results"]![0]!;
        Assert.InRange(Number(source["preparation_efficiency"]), 1 - 1e-8, 1);
        Assert.InRange(Number(source["g2"]), 0, 1e-7);
        // M_s is reported uncapped: the limit is 1, approached within O((Γ·FWHM)²) and round-off from either side.
        Assert.InRange(Number(source["indistinguishability"]), 1 - 1e-6, 1 + 1e-6);
    }

    // ---- two-source overlaps with extreme rates ----

    [Theory]
    [InlineData(", lifetime_ps: 1e-300", "")]
    [InlineData(", pure_dephasing_per_ns: 1e300", ", pure_dephasing_per_ns: 1e300")]
    [InlineData(", pure_dephasing_per_ns: 1e300", "")]
    public void ExtremeRatesMakeDistinguishablePhotonsNotAnError(string qa, string qb)
    {
        // M_ab = 2Γ_aΓ_b W/((Γ_a + Γ_b)(W² + δ²)) → 0 when one rate dwarfs the others (Kiraz et al. 2004):
        // the dip vanishes, V = 1 − 2⟨n0n1⟩/(⟨n0⟩⟨n1⟩) = 0 for distinguishable single photons on a 50:50 splitter.
        using var h = new ToolHarness();
        var (code, err, doc) = RunFile(h, Hom(qa, qb, analyses: "  - {type: hom, sources: [qa, qb], detectors: [d0, d1]}"));
        Assert.True(code == 0, err);
        var hom = doc!["results"]![0]!;
        Assert.Equal(0, Number(hom["visibility"]), 9);
        Assert.Equal(0, Number(hom["indistinguishability"]), 9);
    }

    // ---- refusals print readable estimates ----

    [Fact]
    public void RefusedMultiPhotonSizeNeverPrintsInfinity()
    {
        // Dark counts of one per gate on 40 pnr detectors make every one of the 9^40 outcomes possible and are too
        // strong for the enumeration of the most probable patterns: the patterns need one array over all of them,
        // longer than any array (an infinite memory estimate).
        using var h = new ToolHarness();
        string detectors = string.Join(", ", Enumerable.Range(0, 40).Select(i => $"d{i}"));
        string netlist = Demux(40, $"  - {{type: photon_statistics, sources: [qd], detectors: [{detectors}]}}")
            .Replace("{efficiency: 0.9}", "{efficiency: 0.9, dark_count_rate_hz: 1e9, resolution: pnr}");
        var (code, err, _) = RunFile(h, netlist);
        Assert.Equal(1, code);
        Assert.Contains("analyses[0]: the 'photon_statistics' analysis is too large", err);
        Assert.Contains("more than 1.8E+308 bytes", err);
        Assert.DoesNotContain("Infinity", err);
    }

    [Fact]
    public void RefusedAnalysisGridPrintsThePointCountCompactly()
    {
        using var h = new ToolHarness();
        var (code, err, _) = RunFile(h, Netlists.Mzi(analyses: "  - {type: transmission, sweep: {start_nm: 1500, stop_nm: 1600, points: 1e300}}"));
        Assert.Equal(1, code);
        Assert.Matches(@"netlist\.yaml:\d+:\d+: error: analyses\[0\]\.sweep\.points: 1E\+300 points refused: at most 1,000,000", err);
        // The scratch directory's name (a GUID) is in the file name; the message after it must not spell 10³⁰⁰ out.
        Assert.DoesNotMatch(@"\d{20}", err[err.IndexOf(": error: ", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void AnalysisGridBelowZeroNamesTheGrid()
    {
        using var h = new ToolHarness();
        var (code, err, _) = RunFile(h, Netlists.Mzi(analyses: "  - {type: transmission, sweep: {start_nm: -1, stop_nm: 1500, points: 3}}"));
        Assert.Equal(1, code);
        Assert.Contains("analyses[0].sweep: wavelengths must be > 0 nm, got a grid from -1 to 1500 nm", err);
    }

    // ---- sweeps ----

    [Fact]
    public void SweepOverAChoiceSettingTakesWords()
    {
        using var h = new ToolHarness();
        string netlist = Hom(qa: ", pulse_fwhm_ps: 10", analyses: """
              - type: sweep
                parameter: qa.excitation
                values: [ideal, resonant]
                analysis: {type: g2, source: qa, detectors: [d0, d1]}
            """);
        var (code, err, doc) = RunFile(h, netlist, "--html", h.PathOf("out.html"));
        Assert.True(code == 0, err);
        var sweep = doc!["results"]![0]!;
        Assert.Equal(new[] { "ideal", "resonant" }, sweep["values"]!.AsArray().Select(v => (string)v!));
        // An ideal π-pulse gives g2 = 0; a 10 ps pulse on a 200 ps emitter re-excites it: g2 > 0
        // (g2 ≈ 0.4376 Γ·FWHM for short pulses ≈ 0.022).
        Assert.Equal(0, Number(sweep["results"]![0]!["g2"]), 12);
        Assert.InRange(Number(sweep["results"]![1]!["g2"]), 0.01, 0.04);
        Assert.True(File.Exists(h.PathOf("out.html")));
    }

    [Fact]
    public void SweepValueOutOfRangeIsReportedAtItsEntryInValues()
    {
        using var h = new ToolHarness();
        string netlist = Hom(analyses: "  - {type: sweep, parameter: bs.coupling, values: [0, 0.5, 1.1], analysis: {type: transmission}}");
        var (code, err, _) = RunFile(h, netlist);
        Assert.Equal(1, code);
        Assert.Matches(@"netlist\.yaml:16:\d+: error: analyses\[0\]\.values\[2\]: bs\.coupling: 1\.1 is out of range: expected \[0, 1\]", err);
        Assert.DoesNotContain("--set", err);
    }

    [Fact]
    public void SweepValueThatIsNotANumberOrWordIsNamed()
    {
        using var h = new ToolHarness();
        var (code, err, _) = RunFile(h, Hom(analyses: "  - {type: sweep, parameter: qa.g2, values: [0.1, .nan], analysis: {type: source, source: qa}}"));
        Assert.Equal(1, code);
        Assert.Contains("analyses[0].values[1]: expected a finite number or a word", err);
    }

    [Fact]
    public void NestedSweepsWhoseRunsExplodeAreRefusedBeforeStarting()
    {
        using var h = new ToolHarness();
        string netlist = Hom(analyses: """
              - type: sweep
                parameter: qa.g2
                values: {start: 0, stop: 0.1, points: 10000}
                analysis:
                  type: sweep
                  parameter: qb.g2
                  values: {start: 0, stop: 0.1, points: 10000}
                  analysis: {type: photon_statistics, sources: [qa, qb], detectors: [d0, d1]}
            """);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (code, err, _) = RunFile(h, netlist);
        Assert.Equal(1, code);
        Assert.Contains("refused before starting: 10000 values inside sweeps of 10000 runs make 100,000,000 runs", err);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"the refusal took {watch.Elapsed}");
    }

    [Fact]
    public void SweepOfMoreRunsThanTheLimitIsRefused()
    {
        using var h = new ToolHarness();
        var (code, err, _) = RunFile(h, Hom(analyses: "  - {type: sweep, parameter: bs.coupling, values: {start: 0, stop: 1, points: 1000000}, analysis: {type: transmission}}"));
        Assert.Equal(1, code);
        Assert.Contains("analyses[0].values: refused before starting: 1000000 values make 1,000,000 runs", err);
    }

    // ---- source settings ----

    [Fact]
    public void RepetitionRateAboveTheOpticalFrequencyIsRejected()
    {
        using var h = new ToolHarness();
        var (code, err, _) = RunFile(h, Hom(qa: ", repetition_rate_mhz: 1.7e308"));
        Assert.Equal(1, code);
        Assert.Matches(@"netlist\.yaml:4:\d+: error: instances\.qa\.settings\.repetition_rate_mhz: 1\.7E\+308 MHz is not below the optical frequency", err);
    }

    // ---- command line ----

    [Fact]
    public void JsonOutputOverTheNetlistIsRefusedAndTheNetlistKept()
    {
        using var h = new ToolHarness();
        string text = Netlists.Mzi();
        string file = h.Write("mzi.yaml", text);
        var (code, _, err) = h.Run("run", file, "--json", file);
        Assert.Equal(1, code);
        Assert.Contains("--json: cannot write", err);
        Assert.Contains("it is the netlist being run", err);
        Assert.Equal(text, File.ReadAllText(file));
    }

    [Fact]
    public void JsonAndHtmlToOneFileAreRefused()
    {
        using var h = new ToolHarness();
        string file = h.Write("mzi.yaml", Netlists.Mzi());
        string output = h.PathOf("out.txt");
        var (code, _, err) = h.Run("run", file, "--json", output, "--html", output);
        Assert.Equal(1, code);
        Assert.Contains("--html: cannot write", err);
        Assert.Contains("it is the --json output", err);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void DirectoryGivenAsTheNetlistIsNamedAsADirectory()
    {
        using var h = new ToolHarness();
        string dir = h.PathOf("circuit.yaml");
        Directory.CreateDirectory(dir);
        foreach (var args in new[] { new[] { "run", dir }, new[] { "validate", dir } })
        {
            var (code, _, err) = h.Run(args);
            Assert.Equal(1, code);
            Assert.Contains("circuit.yaml: error: cannot read the netlist: it is a directory", err);
        }
    }

    [Fact]
    public void EmptyOutputPathIsAnInputError()
    {
        using var h = new ToolHarness();
        string file = h.Write("mzi.yaml", Netlists.Mzi());
        var (code, _, err) = h.Run("run", file, "--json", "");
        Assert.Equal(1, code);
        Assert.Contains("--json: expected a file name", err);
        Assert.DoesNotContain("Parameter", err);
    }

    [Fact]
    public void UnknownAnalysisTypeListsTheTypesOnce()
    {
        using var h = new ToolHarness();
        var (code, err, _) = RunFile(h, Netlists.Mzi(analyses: "  - {type: banana}"));
        Assert.Equal(1, code);
        Assert.Single(Regex.Matches(err, "photon_statistics"));
    }

    [Fact]
    public void UnknownAnalysisKeyListsTheKeysOnce()
    {
        using var h = new ToolHarness();
        var (code, err, _) = RunFile(h, Hom(analyses: "  - {type: g2, source: qa, detectors: [d0, d1], bogus: 1}"));
        Assert.Equal(1, code);
        Assert.Contains("analyses[0].bogus: unknown key for a 'g2' analysis (keys: source, detectors)", err);
    }
}

public class FaddeevaAsymptoticTests
{
    [Fact]
    public void BeyondTheAsymptoticRadiusWIsTheLeadingTermOfItsExpansion()
    {
        // w(z) ~ i/(√π z) (1 + 1/(2z²) + …) for |z| → ∞ in the upper half plane (Abramowitz & Stegun 7.1.23):
        // past |z| = 1e8 the correction is below 1e-16, so the zero-spread limits callers use there are exact.
        foreach (double angle in new[] { 0.0, 0.3, 1.0, Math.PI / 2, 2.5, Math.PI })
        {
            var z = System.Numerics.Complex.FromPolarCoordinates(1.0000001e8, angle);
            Assert.True(PhotonicKit.Components.Sources.Faddeeva.IsAsymptotic(z));
            var exact = PhotonicKit.Components.Sources.Faddeeva.W(z);
            var leading = System.Numerics.Complex.ImaginaryOne / (Math.Sqrt(Math.PI) * z);
            Assert.True((exact - leading).Magnitude <= 1e-14 * leading.Magnitude, $"angle {angle}: {exact} vs {leading}");
        }
        Assert.False(PhotonicKit.Components.Sources.Faddeeva.IsAsymptotic(new System.Numerics.Complex(3, 1)));
        Assert.True(PhotonicKit.Components.Sources.Faddeeva.IsAsymptotic(new System.Numerics.Complex(double.PositiveInfinity, 1)));
    }
}

public class ComponentRangeRobustnessTests
{
    private static string Coupler(string analysis, string settings = "coupling: 0.5, coupling_slope_per_nm: 1") => $$"""
        photonickit: 1
        wavelength_nm: 1550
        instances:
          {{"c: {component: directional_coupler, settings: {" + settings + "}}"}}
        ports: {a: "c,in0", b: "c,in1", c: "c,out0", d: "c,out1"}
        analyses:
          - {{analysis}}
        """;

    [Theory]
    [InlineData("{type: transmission, sweep: {start_nm: 1549, stop_nm: 1551, points: 3}}")]
    [InlineData("{type: smatrix, sweep: {start_nm: 1549, stop_nm: 1551, points: 3}}")]
    public void CouplerOutsideItsValidRangeIsRejectedBeforeComputingNamingInstanceAndWavelength(string analysis)
    {
        using var h = new ToolHarness();
        string file = h.Write("dc.yaml", Coupler(analysis));
        var (code, _, err) = h.Run("validate", file);
        Assert.Equal(1, code);
        Assert.DoesNotContain("internal error", err);
        Assert.Matches(@"dc\.yaml:7:5: error: analyses\[0\]: c: coupling\(λ\) = -0\.5 at λ = 1549 nm is outside \[0, 1\]; this directional coupler is valid for λ in \[1549\.5, 1550\.5\] nm", err);
    }

    [Fact]
    public void TransmissionUpToTheEdgeOfACouplersRangeIsComputed()
    {
        // coupling(λ) = 0.5 + (λ − 1550): 0.1 at 1549.6 nm, 1 at 1550.5 nm. The derivative's probes used to step
        // past 1550.5 nm and fail. The power to the cross port is coupling(λ) (spec §2: |iκ|² = coupling).
        using var h = new ToolHarness();
        string file = h.Write("dc.yaml", Coupler("{type: transmission, from: [a], to: [c, d], sweep: {start_nm: 1549.6, stop_nm: 1550.5, points: 10}}"));
        var (code, _, err) = h.Run("run", file, "--json", h.PathOf("out.json"));
        Assert.True(code == 0, err);
        var r = JsonNode.Parse(File.ReadAllText(h.PathOf("out.json")))!["results"]![0]!;
        var wavelengths = r["wavelength_nm"]!.AsArray().Select(v => (double)v!).ToArray();
        var cross = r["power"]!["a"]!["d"]!.AsArray().Select(v => (double)v!).ToArray();
        for (int k = 0; k < wavelengths.Length; k++)
            Assert.Equal(0.5 + (wavelengths[k] - 1550), cross[k], 9);
        // The coupler adds no propagation phase: zero group delay on the cross port, the last point (one-sided
        // difference at the edge of the range) included.
        var delays = r["group_delay_ps"]!["a"]!["d"]!.AsArray();
        Assert.Equal(wavelengths.Length, delays.Count);
        foreach (var gd in delays)
            Assert.Equal(0, (double)gd!, 6);
    }

    [Fact]
    public void WaveguideWhosePhaseOverflowsIsAnInputErrorNamingTheInstance()
    {
        using var h = new ToolHarness();
        string file = h.Write("wg.yaml", """
            photonickit: 1
            wavelength_nm: 1550
            instances:
              w: {component: waveguide, settings: {length_um: 1e300, n_eff: 1e300, n_g: 1e300}}
            ports: {a: "w,o1", b: "w,o2"}
            analyses:
              - {type: transmission}
            """);
        var (code, _, err) = h.Run("run", file, "--json", h.PathOf("out.json"));
        Assert.Equal(1, code);
        Assert.DoesNotContain("internal error", err);
        Assert.Contains("analyses[0]: w: the waveguide's S[", err);
        Assert.Contains("length_um 1E+300", err);
        Assert.False(File.Exists(h.PathOf("out.json")));
    }
}

public class UnitarySizeRobustnessTests
{
    [Fact]
    public void UnitaryWrittenLargeWithAliasesIsRefusedWhileReading()
    {
        // 2100 aliases of one zero row: a 2100 × 2100 matrix (4.4 million numbers) from a file of a few kilobytes,
        // refused as the aliases are read, before any row is copied into a matrix.
        const int m = 2100;
        string row = "&r [" + string.Join(",", Enumerable.Repeat("0", m)) + "]";
        string rows = "[" + row + "," + string.Join(",", Enumerable.Repeat("*r", m - 1)) + "]";
        using var h = new ToolHarness();
        string file = h.Write("big.yaml", $$"""
            photonickit: 1
            wavelength_nm: 1550
            instances:
              u:
                component: unitary
                settings:
                  matrix_re: {{rows}}
                  matrix_im: [{{string.Join(",", Enumerable.Repeat("*r", m))}}]
            ports: {a: "u,in0"}
            """);
        var (code, _, err) = h.Run("validate", file);
        Assert.Equal(1, code);
        Assert.Matches(@"big\.yaml:7:\d+: error: instances\.u\.settings\.matrix_re\[\d+\]: refused while reading: alias '\*r' stands for 2,101 nodes", err);
        Assert.Contains("more than the 1,000,000 aliases may add", err);
    }

    [Fact]
    public void UnitaryOfMoreThanMaxModesIsRefusedBeforeItsPassivityCheck()
    {
        int m = PhotonicKit.Components.Passive.UnitaryModel.MaxModes + 1;
        var zero = new PhotonicKit.Components.SettingValue.NumberMatrix(Enumerable.Range(0, m).Select(_ => (IReadOnlyList<double>)new double[m]).ToList());
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<PhotonicKit.Components.ComponentSettingsException>(() => PhotonicKit.Tests.Components.ComponentTestKit.Bind("unitary", ("matrix_re", zero), ("matrix_im", zero)));
        Assert.Contains("a 2049×2049 matrix refused before starting: at most 2048 modes", e.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the refusal took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("[[1e308]]", "[[0]]", "entry [0][0] = 1E+308 + 0i has magnitude 1E+308")]
    [InlineData("[[0, 0], [0, 1e308]]", "[[0, 0], [0, -1e308]]", "entry [1][1] = 1E+308 + -1E+308i has magnitude 1.41")]
    [InlineData("[[0.8, 0.8], [0, 0]]", "[[0, 0], [0, 0]]", "the matrix has gain: largest singular value 1.13")]
    public void UnitaryWithEntriesOutsideTheUnitDiscIsAnInputError(string re, string im, string message)
    {
        using var h = new ToolHarness();
        string file = h.Write("u.yaml", $$$"""
            photonickit: 1
            wavelength_nm: 1550
            instances:
              u: {component: unitary, settings: {matrix_re: {{{re}}}, matrix_im: {{{im}}}}}
            ports: {a: "u,in0"}
            analyses:
              - {type: transmission}
            """);
        var (code, _, err) = h.Run("run", file, "--json", h.PathOf("out.json"));
        Assert.Equal(1, code);
        Assert.Contains("u.yaml:4:", err);
        Assert.Contains("instances.u.settings.matrix_re: matrix_re and matrix_im: " + message, err);
        Assert.False(File.Exists(h.PathOf("out.json")));
    }
}

public class EmitterExtremesRobustnessTests
{
    private static (int Code, string Err, JsonNode? Doc) Run(string instances, string analyses, string ports)
    {
        using var h = new ToolHarness();
        string file = h.Write("e.yaml", $"photonickit: 1\nwavelength_nm: 930\ninstances:\n{instances}\nports: {ports}\nanalyses:\n{analyses}\n");
        var (code, _, err) = h.Run("run", file, "--json", h.PathOf("out.json"));
        Assert.DoesNotContain("internal error", err);
        JsonNode? doc = null;
        if (code == 0)
        {
            string text = File.ReadAllText(h.PathOf("out.json"));
            Assert.DoesNotMatch(@"\bNaN\b|Infinity", text);
            doc = JsonNode.Parse(text);
        }
        return (code, err, doc);
    }

    [Fact]
    public void VeryFastScattererIsAFiniteMirror()
    {
        // A symmetric emitter with β = 1 on resonance reflects fully: t = 1 − β = 0, r = −β (Lodahl et al. 2017);
        // Γ = 1/T1 near the top of the double range used to overflow √(Γ_R Γ_L).
        var (code, err, doc) = Run("  sc: {component: quantum_dot, settings: {lifetime_ps: 1e-300, beta: 1}}",
            "  - {type: transmission, from: [l], to: [l, r]}", "{l: \"sc,left\", r: \"sc,right\"}");
        Assert.True(code == 0, err);
        Assert.Equal(1, (double)doc!["results"]![0]!["power"]!["l"]!["l"]![0]!, 12);
        Assert.Equal(0, (double)doc["results"]![0]!["power"]!["l"]!["r"]![0]!, 12);
    }

    [Fact]
    public void CavityOfHugeQHasAFinitePurcellFactorAndIsRefusedAsStrongCoupling()
    {
        // On resonance the cavity Lorentzian is 1 whatever κ: F_P = (3/4π²)·Q/V (Purcell 1946), finite for Q = 1e300.
        Assert.Equal(3 / (4 * Math.PI * Math.PI) * 1e300, PhotonicKit.Components.Sources.EmitterCoupling.CavityPurcellFactor(1e300, 1, 930, 930, 1), 1e288);
        // Such a cavity keeps its light far longer than the emitter lives: outside weak coupling, refused naming q_factor.
        var (code, err, _) = Run("  c: {component: cavity_source, settings: {bulk_lifetime_ps: 1000, q_factor: 1e300, mode_volume_cubic_lambda_over_n: 1}}",
            "  - {type: source, source: c}", "{o: \"c,out\"}");
        Assert.Equal(1, code);
        Assert.Contains("instances.c.settings.q_factor: 1E+300 gives a cavity linewidth", err);
        Assert.Contains("strong coupling", err);
    }

    [Theory]
    [InlineData("  c: {component: cavity_source, settings: {bulk_lifetime_ps: 1000, q_factor: 1e300, mode_volume_cubic_lambda_over_n: 1e-300}}", "instances.c.settings.q_factor: the geometry (q_factor …) gives a Purcell factor beyond double precision")]
    [InlineData("  c: {component: cavity_source, settings: {bulk_lifetime_ps: 1e-300, purcell: 1e300}}", "instances.c.settings.purcell: purcell gives a Purcell factor of 1E+300, and with bulk_lifetime_ps 1E-300 a decay rate beyond double precision")]
    [InlineData("  c: {component: cavity_source, settings: {lifetime_ps: 1e-320}}", "instances.c.settings.lifetime_ps: 1E-320 ps gives a decay rate 1/T1 beyond double precision")]
    public void DecayRatesBeyondDoublePrecisionAreRejectedNamingTheSetting(string instance, string message)
    {
        var (code, err, _) = Run(instance, "  - {type: source, source: c}", "{o: \"c,out\"}");
        Assert.Equal(1, code);
        Assert.Contains(message, err);
    }
}

public class ParserRobustnessTests
{
    [Theory]
    [InlineData("[", "]", 100_000)]
    [InlineData("{a: ", "}", 100_000)]
    [InlineData("[", "]", 201)]
    public void DeeplyNestedTextIsAnInputErrorNotAStackOverflow(string open, string close, int depth)
    {
        using var h = new ToolHarness();
        string file = h.Write("deep.yaml", "photonickit: 1\nwavelength_nm: 1550\ninstances:\n  w: {component: waveguide, settings: {length_um: "
            + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)) + "}}\n");
        var (code, _, err) = h.Run("validate", file);
        Assert.Equal(1, code);
        Assert.Matches(@"deep\.yaml:4:\d+: error: lists and mappings nested more than 200 levels deep", err);
    }

    [Fact]
    public void NestingWithinTheLimitIsRead()
    {
        // 150 levels of lists are read (and then rejected as a length, naming the key).
        using var h = new ToolHarness();
        string file = h.Write("nested.yaml", "photonickit: 1\nwavelength_nm: 1550\ninstances:\n  w: {component: waveguide, settings: {length_um: "
            + new string('[', 150) + "1" + new string(']', 150) + "}}\n");
        var (code, _, err) = h.Run("validate", file);
        Assert.Equal(1, code);
        Assert.Contains("instances.w.settings.length_um[0][0]: expected a number, got a list", err);
    }
}

public class ModelDepthRobustnessTests
{
    private static string Chain(int levels) =>
        "photonickit: 1\nwavelength_nm: 1550\nmodels:\n"
        + string.Concat(Enumerable.Range(0, levels).Select(i => $"  m{i}:\n    instances: {{y: m{i + 1}}}\n    ports: {{a: \"y,a\"}}\n"))
        + $"  m{levels}:\n    instances: {{y: {{component: waveguide, settings: {{length_um: 1}}}}}}\n    ports: {{a: \"y,o1\"}}\n"
        + "instances:\n  x: m0\nports: {p: \"x,a\"}\n";

    [Fact]
    public void ModelsNestedThousandsDeepAreAnInputErrorNotAStackOverflow()
    {
        using var h = new ToolHarness();
        string file = h.Write("deep.yaml", Chain(5000));
        var (code, _, err) = h.Run("validate", file);
        Assert.Equal(1, code);
        Assert.Single(Regex.Matches(err, "error:"));
        Assert.Contains("models.m99.instances.y: models nested more than 100 levels deep (m0 → m1 → … → m99 → m100): at most 100", err);
    }

    [Fact]
    public void ModelsNestedWithinTheLimitFlatten()
    {
        using var h = new ToolHarness();
        string file = h.Write("ok.yaml", Chain(99));
        var (code, output, err) = h.Run("validate", file);
        Assert.True(code == 0, err);
        Assert.Contains("valid (1 instances", output);
    }
}
