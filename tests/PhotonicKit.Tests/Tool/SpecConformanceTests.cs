using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using CsCheck;
using PhotonicKit.Circuit.Results;

namespace PhotonicKit.Tests.Tool;

/// <summary>
/// Statements of the netlist-v1 contract checked black-box: a netlist written by hand goes through the command
/// line, and the results document is compared field by field with values derived by hand in the test.
/// </summary>
public class SpecConformanceTests
{
    private const double SpeedOfLightNmPerPs = 299_792.458;

    /// <summary>Runs a netlist through <c>photonickit run --json</c> and returns the results document and its text.</summary>
    private static (JsonObject Doc, string Text) Run(string netlist)
    {
        using var h = new ToolHarness();
        string file = h.Write("spec.yaml", netlist);
        string json = h.PathOf("spec.json");
        var (code, _, err) = h.Run("run", file, "--json", json, "--quiet");
        Assert.True(code == 0, err);
        string text = File.ReadAllText(json);
        return (JsonNode.Parse(text)!.AsObject(), text);
    }

    private static JsonObject Result(string netlist, int index = 0) => Run(netlist).Doc["results"]![index]!.AsObject();

    private static double[] Series(JsonNode? node) => node!.AsArray().Select(v => (double)v!).ToArray();

    private static double Wrap(double phase) => Math.Atan2(Math.Sin(phase), Math.Cos(phase));

    private static string Header(double wavelengthNm) => string.Create(CultureInfo.InvariantCulture, $"""
        photonickit: 1
        wavelength_nm: {wavelengthNm}

        """);

    // ---------------------------------------------------------------- §2 conventions, §3 components

    [Fact]
    public void BeamSplitterCrossPortCarriesPlusIKappaAndBarPortT()
    {
        // [[t, iκ], [iκ, t]], κ = √coupling: power 0.3 crossed with phase +π/2, 0.7 through with phase 0.
        var r = Result(Header(1550) + """
            instances:
              bs: {component: beam_splitter, settings: {coupling: 0.3}}
            ports: {in0: "bs,in0", in1: "bs,in1", out0: "bs,out0", out1: "bs,out1"}
            analyses:
              - {type: transmission, from: [in0, in1], to: [out0, out1, in0]}
            """);
        Assert.Equal(0.7, Series(r["power"]!["in0"]!["out0"])[0], 14);
        Assert.Equal(0.3, Series(r["power"]!["in0"]!["out1"])[0], 14);
        Assert.Equal(0.3, Series(r["power"]!["in1"]!["out0"])[0], 14);
        Assert.Equal(0, Series(r["power"]!["in0"]!["in0"])[0], 14);
        Assert.Equal(0, Series(r["phase_rad"]!["in0"]!["out0"])[0], 14);
        Assert.Equal(Math.PI / 2, Series(r["phase_rad"]!["in0"]!["out1"])[0], 14);
        Assert.Equal(Math.PI / 2, Series(r["phase_rad"]!["in1"]!["out0"])[0], 14);
        // A reflection with |S| < 1e-9 has no phase: null, with a warning naming the field.
        Assert.Null(r["phase_rad"]!["in0"]!["in0"]![0]);
        Assert.Null(r["group_delay_ps"]!["in0"]!["in0"]![0]);
    }

    [Fact]
    public void WaveguidePhaseLossAndGroupDelayFollowTheFirstOrderDispersion()
    {
        // S(o2,o1) = a·exp(+i2π n_eff(λ) L/λ), n_eff(λ) = n_eff − (λ − λ0)(n_g − n_eff)/λ0, a² = 10^(−dB/cm·L/10);
        // the group delay dφ/dω of that dispersion is n_g·L/c at every wavelength.
        const double lengthUm = 1000, nEff = 2.0, nG = 4.0, lossDbPerCm = 3, lambda0 = 1550;
        var r = Result(Header(lambda0) + """
            instances:
              wg: {component: waveguide, settings: {length_um: 1000, n_eff: 2.0, n_g: 4.0, loss_db_per_cm: 3}}
            ports: {a: "wg,o1", b: "wg,o2"}
            analyses:
              - {type: transmission, from: [a], to: [b], sweep: {start_nm: 1549, stop_nm: 1551, points: 3}}
            """);
        var lambdas = Series(r["wavelength_nm"]);
        Assert.Equal([1549.0, 1550.0, 1551.0], lambdas);
        double power = Math.Pow(10, -lossDbPerCm * lengthUm * 1e-4 / 10);
        double delayPs = nG * lengthUm * 1e3 / SpeedOfLightNmPerPs;
        for (int k = 0; k < 3; k++)
        {
            double n = nEff - (lambdas[k] - lambda0) * (nG - nEff) / lambda0;
            Assert.Equal(power, Series(r["power"]!["a"]!["b"])[k], 13);
            Assert.Equal(Wrap(2 * Math.PI * n * lengthUm * 1e3 / lambdas[k]), Series(r["phase_rad"]!["a"]!["b"])[k], 9);
            Assert.Equal(delayPs, Series(r["group_delay_ps"]!["a"]!["b"])[k], 6);
        }
    }

    [Fact]
    public void DelayLineGroupDelayIsItsDelayAndPhaseIsOmegaTau()
    {
        var r = Result(Header(930) + """
            instances:
              dl: {component: delay_line, settings: {delay_ps: 10, loss_db: 1}}
            ports: {a: "dl,o1", b: "dl,o2"}
            analyses:
              - {type: transmission, from: [a], to: [b]}
            """);
        Assert.Equal(Math.Pow(10, -0.1), Series(r["power"]!["a"]!["b"])[0], 13);
        Assert.Equal(Wrap(2 * Math.PI * SpeedOfLightNmPerPs * 10 / 930), Series(r["phase_rad"]!["a"]!["b"])[0], 9);
        Assert.Equal(10, Series(r["group_delay_ps"]!["a"]!["b"])[0], 6);
    }

    [Fact]
    public void PhaseOfMinusPiIsReportedAsPlusPi()
    {
        // phase_rad = atan2(Im, Re) in (−π, π].
        var r = Result(Header(1550) + """
            instances:
              ps: {component: phase_shifter, settings: {phase_rad: -3.141592653589793}}
            ports: {a: "ps,o1", b: "ps,o2"}
            analyses:
              - {type: transmission, from: [a], to: [b]}
            """);
        Assert.Equal(Math.PI, Series(r["phase_rad"]!["a"]!["b"])[0]);
    }

    [Fact]
    public void SMatrixIsThreeDimensionalOutByInInTheOrderOfThePortsMapping()
    {
        // Ports listed out of alphabetical order: the result keeps the file's order; S[out, in] with out = row.
        var r = Result(Header(1550) + """
            instances:
              att: {component: attenuator, settings: {loss_db: 20}}
              m: {component: mirror, settings: {reflectivity: 0.36}}
            ports: {z_out: "att,o2", a_in: "att,o1", mirror1: "m,o1", mirror2: "m,o2"}
            analyses:
              - {type: smatrix}
            """);
        Assert.Equal(["z_out", "a_in", "mirror1", "mirror2"], r["ports"]!.AsArray().Select(p => (string)p!).ToArray());
        var re = r["re"]!.AsArray();
        var im = r["im"]!.AsArray();
        Assert.Single(re);
        Assert.Equal(0.1, (double)re[0]![0]![1]!, 14);   // S[z_out, a_in] = 10^(−20/20)
        Assert.Equal(0.1, (double)re[0]![1]![0]!, 14);   // reciprocal
        Assert.Equal(0.6, (double)re[0]![2]![2]!, 14);   // S[o1, o1] = √R
        Assert.Equal(0.8, (double)im[0]![3]![2]!, 14);   // S[o2, o1] = i√(1 − R)
        Assert.Equal(0, (double)re[0]![3]![2]!, 14);
    }

    [Fact]
    public void WithoutAnalysesRunDoesOneSMatrix()
    {
        var doc = Run(Header(1550) + """
            instances:
              att: {component: attenuator, settings: {loss_db: 3}}
            ports: {a: "att,o1", b: "att,o2"}
            """).Doc;
        var results = doc["results"]!.AsArray();
        Assert.Single(results);
        Assert.Equal("smatrix", (string)results[0]!["type"]!);
        Assert.Equal([1550.0], Series(results[0]!["wavelength_nm"]));
    }

    [Fact]
    public void AnAnalysisUsesItsOwnSweepThenItsWavelengthThenTheFileSweepThenTheFileWavelength()
    {
        var doc = Run(Header(1550) + """
            sweep: {start_nm: 1500, stop_nm: 1600, points: 3}
            instances:
              att: {component: attenuator, settings: {loss_db: 3}}
            ports: {a: "att,o1", b: "att,o2"}
            analyses:
              - {type: transmission, sweep: {start_nm: 1540, stop_nm: 1541, points: 2}, wavelength_nm: 1000}
              - {type: transmission, wavelength_nm: 1000}
              - {type: transmission}
              - {type: smatrix}
            """).Doc;
        var results = doc["results"]!.AsArray();
        Assert.Equal([1540.0, 1541.0], Series(results[0]!["wavelength_nm"]));
        Assert.Equal([1000.0], Series(results[1]!["wavelength_nm"]));
        Assert.Equal([1500.0, 1550.0, 1600.0], Series(results[2]!["wavelength_nm"]));
        Assert.Equal([1500.0, 1550.0, 1600.0], Series(results[3]!["wavelength_nm"]));
    }

    [Fact]
    public void WeakDriveQuantumDotTransmitsOneMinusBetaAndReflectsMinusBeta()
    {
        // Symmetric, γ* = 0, on resonance: t = 1 − β, r = −β; chiral (f = 1): t_LR = 1 − 2β, t_RL = 1, r = 0.
        var r = Result(Header(930) + """
            instances:
              qd: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 0.8}}
              qc: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 0.8, beta_right_fraction: 1}}
            ports: {l: "qd,left", r: "qd,right", l2: "qc,left", r2: "qc,right"}
            analyses:
              - {type: smatrix}
            """);
        var re = r["re"]![0]!;
        Assert.Equal(0.2, (double)re[1]![0]!, 12);
        Assert.Equal(-0.8, (double)re[0]![0]!, 12);
        Assert.Equal(-0.6, (double)re[3]![2]!, 12);
        Assert.Equal(1, (double)re[2]![3]!, 12);
        Assert.Equal(0, (double)re[2]![2]!, 12);
    }

    [Fact]
    public void RingsFollowTheirClosedFormsOfBeamSplittersAndWaveguides()
    {
        // all-pass: a beam_splitter with out1 → waveguide(L) → in1: S(out0, in0) = (t − w)/(1 − t w), w = a e^{iφ};
        // add-drop: drop = (iκ₁)(iκ₂) h/(1 − t₁t₂w), h = √a e^{iφ/2} the half ring, through = (t₁ − t₂w)/(1 − t₁t₂w).
        const double lengthUm = 60, coupling = 0.1, couplingDrop = 0.2, lossDbPerCm = 20, nEff = 2.4, nG = 4.2, lambda0 = 1550;
        var r = Result(Header(lambda0) + """
            instances:
              ap: {component: ring_all_pass, settings: {length_um: 60, coupling: 0.1, loss_db_per_cm: 20}}
              ad: {component: ring_add_drop, settings: {length_um: 60, coupling: 0.1, coupling_drop: 0.2, loss_db_per_cm: 20}}
            ports: {a_in: "ap,in0", a_out: "ap,out0", d_in: "ad,in0", d_out: "ad,out0", d_add: "ad,add", d_drop: "ad,drop"}
            analyses:
              - {type: smatrix, sweep: {start_nm: 1549, stop_nm: 1551, points: 7}}
            """);
        var lambdas = Series(r["wavelength_nm"]);
        double a = Math.Pow(10, -lossDbPerCm * lengthUm * 1e-4 / 20);
        double t1 = Math.Sqrt(1 - coupling), t2 = Math.Sqrt(1 - couplingDrop);
        Complex At(int k, int output, int input) => new((double)r["re"]![k]![output]![input]!, (double)r["im"]![k]![output]![input]!);
        for (int k = 0; k < lambdas.Length; k++)
        {
            double n = nEff - (lambdas[k] - lambda0) * (nG - nEff) / lambda0;
            double phi = 2 * Math.PI * n * lengthUm * 1e3 / lambdas[k];
            var w = Complex.FromPolarCoordinates(a, phi);
            var h = Complex.FromPolarCoordinates(Math.Sqrt(a), phi / 2);
            var allPass = (t1 - w) / (1 - t1 * w);
            var drop = -Math.Sqrt(coupling) * Math.Sqrt(couplingDrop) * h / (1 - t1 * t2 * w);
            var through = (t1 - t2 * w) / (1 - t1 * t2 * w);
            Assert.True((At(k, 1, 0) - allPass).Magnitude < 1e-9, $"all-pass at {lambdas[k]} nm");
            Assert.True((At(k, 5, 2) - drop).Magnitude < 1e-9, $"drop at {lambdas[k]} nm");
            Assert.True((At(k, 3, 2) - through).Magnitude < 1e-9, $"through at {lambdas[k]} nm");
            Assert.True((At(k, 3, 4) - drop).Magnitude < 1e-9, $"add to out0 at {lambdas[k]} nm");
        }
    }

    [Fact]
    public void ModelSettingsAreForwardedToEveryInnerInstanceAndTheNestedFormTakesPrecedence()
    {
        // loss_db given at the model instance reaches the phase shifter; n_eff both waveguides; the nested form
        // sets the inner waveguide's length directly. Phase = 0.5 rad + 2π·3·(10 + 5) µm/λ, power 10^(−3/10).
        var r = Result(Header(1550) + """
            models:
              arm:
                instances:
                  w: {component: waveguide, settings: {length_um: 10}}
                  ps: {component: phase_shifter, settings: {phase_rad: 0.5}}
                  inner: {component: waveguide}
                connections: {"w,o2": "ps,o1", "ps,o2": "inner,o1"}
                ports: {a: "w,o1", b: "inner,o2"}
            instances:
              t: {component: arm, settings: {loss_db: 3, n_eff: 3, inner: {length_um: 5}}}
            ports: {zz: "t,b", aa: "t,a"}
            analyses:
              - {type: transmission, from: [aa], to: [zz]}
            """);
        Assert.Equal(Math.Pow(10, -0.3), Series(r["power"]!["aa"]!["zz"])[0], 12);
        Assert.Equal(Wrap(0.5 + 2 * Math.PI * 3 * 15e3 / 1550), Series(r["phase_rad"]!["aa"]!["zz"])[0], 9);
        Assert.Equal(4.2 * 15e3 / SpeedOfLightNmPerPs, Series(r["group_delay_ps"]!["aa"]!["zz"])[0], 6);
    }

    [Fact]
    public void SweepPointsAboveOneMillionAreRefusedBeforeAnyWorkAndUnconnectedPortsAreErrorsWithStrict()
    {
        using var h = new ToolHarness();
        string netlist = Header(1550) + """
            sweep: {start_nm: 1500, stop_nm: 1600, points: 1000001}
            instances:
              att: {component: attenuator, settings: {loss_db: 3}}
            ports: {a: "att,o1"}
            """;
        var (code, output, err) = h.Run("validate", h.Write("big.yaml", netlist));
        Assert.Equal(1, code);
        Assert.Matches(@"big\.yaml:\d+:\d+: error: sweep\.points: 1000001 points refused[^\n]*MB", err);
        Assert.Equal("", output);
        // A million points is allowed; the unconnected att,o2 is a warning, and an error with --strict.
        string allowed = h.Write("ok.yaml", netlist.Replace("1000001", "1000000"));
        var ok = h.Run("validate", allowed);
        Assert.True(ok.Code == 0, ok.Err);
        Assert.Matches(@"ok\.yaml:\d+:\d+: warning: att,o2: unconnected port", ok.Err);
        var strict = h.Run("validate", allowed, "--strict");
        Assert.Equal(1, strict.Code);
        Assert.Matches(@"ok\.yaml:\d+:\d+: error: att,o2: unconnected port", strict.Err);
    }

    [Fact]
    public void StderrWarningsAndTheJsonWarningsHoldTheSameText()
    {
        using var h = new ToolHarness();
        string file = h.Write("w.yaml", Header(1550) + """
            placements: {att: {x: 0}}
            instances:
              att: {component: attenuator, settings: {loss_db: 3}}
              spare: {component: attenuator, settings: {loss_db: 1}}
            ports: {a: "att,o1", b: "att,o2"}
            """);
        var (code, _, err) = h.Run("run", file, "--json", h.PathOf("w.json"));
        Assert.True(code == 0, err);
        var warnings = JsonNode.Parse(File.ReadAllText(h.PathOf("w.json")))!["warnings"]!.AsArray().Select(w => (string)w!).ToArray();
        Assert.Equal(3, warnings.Length); // placements ignored, spare,o1 and spare,o2 unconnected
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(warnings, lines.Where(l => l.Contains(": warning: ")).ToArray());
        Assert.All(warnings, w => Assert.Matches(@"w\.yaml:\d+:\d+: warning: \S+: ", w));
    }

    // ---------------------------------------------------------------- §5 photon analyses: spectra

    /// <summary>
    /// A photon's transmission is ∫ S_ph(ω)|T(ω)|² dω over its whole spectrum. The filter is a second quantum dot
    /// (β = 1, not a source): its transmission 1 − L_f(ω) is one minus a Lorentzian of half width γ_f = Γ_f/2,
    /// and the photon a Lorentzian of half width γ_s, so ∫ S|T|² = 1 − γ_f(γ_s + γ_f)/((γ_s + γ_f)² + δ²).
    /// A window of ±10 linewidths renormalised to one would miss the wings and read about 6 % lower here.
    /// </summary>
    [Theory]
    [InlineData(100, 50, 930.0)]
    [InlineData(100, 50, 930.001)]
    [InlineData(200, 20, 930.0005)]
    public void FilteredTransmissionIntegratesTheWholeLorentzianLine(double sourceLifetimePs, double filterLifetimePs, double filterWavelengthNm)
    {
        var r = Result(Header(930) + string.Create(CultureInfo.InvariantCulture, $$$"""
            instances:
              src: {component: cavity_source, settings: {lifetime_ps: {{{sourceLifetimePs}}}}}
              flt: {component: quantum_dot, settings: {lifetime_ps: {{{filterLifetimePs}}}, beta: 1, wavelength_nm: {{{filterWavelengthNm}}}}}
              d0: detector
            connections:
              "src,out": "flt,left"
              "flt,right": "d0,in"
            analyses:
              - {type: efficiency, source: src, detectors: [d0]}
            """));
        double gammaS = 0.5 / sourceLifetimePs, gammaF = 0.5 / filterLifetimePs;
        double detuning = 2 * Math.PI * SpeedOfLightNmPerPs * (1 / 930.0 - 1 / filterWavelengthNm);
        double expected = 1 - gammaF * (gammaS + gammaF) / ((gammaS + gammaF) * (gammaS + gammaF) + detuning * detuning);
        Assert.Equal(expected, (double)r["transmission"]!, 6);
        Assert.Equal(expected, (double)r["probability"]!, 6);
    }

    /// <summary>
    /// With spectral diffusion the line is a Voigt profile: the Lorentzian of the previous test with its centre
    /// spread by a Gaussian of σ = 2π·1 GHz. Expected: that test's closed form averaged over the line centre
    /// (20 001 points over ±10σ, in the test).
    /// </summary>
    [Fact]
    public void FilteredTransmissionOfADiffusingLineAveragesTheLorentzianResultOverTheLineCentre()
    {
        var r = Result(Header(930) + """
            instances:
              src: {component: cavity_source, settings: {lifetime_ps: 100, spectral_diffusion_ghz: 1}}
              flt: {component: quantum_dot, settings: {lifetime_ps: 50, beta: 1, wavelength_nm: 930.001}}
              d0: detector
            connections:
              "src,out": "flt,left"
              "flt,right": "d0,in"
            analyses:
              - {type: efficiency, source: src, detectors: [d0]}
            """);
        double gammaS = 0.005, gammaF = 0.01, sigma = 2 * Math.PI * 1e-3;
        double detuning = 2 * Math.PI * SpeedOfLightNmPerPs * (1 / 930.0 - 1 / 930.001);
        double sum = 0, norm = 0;
        for (int i = 0; i <= 20_000; i++)
        {
            double shift = -10 * sigma + 20 * sigma * i / 20_000, weight = Math.Exp(-shift * shift / (2 * sigma * sigma));
            double offset = detuning - shift;
            sum += weight * (1 - gammaF * (gammaS + gammaF) / ((gammaS + gammaF) * (gammaS + gammaF) + offset * offset));
            norm += weight;
        }
        Assert.Equal(sum / norm, (double)r["transmission"]!, 8);
    }

    /// <summary>
    /// The same integral through a grating coupler's Gaussian passband narrower than the line's ±10-linewidth
    /// window, against a direct quadrature in the test (uniform steps of 1/100 of the half width over ±2000
    /// half widths; beyond, the passband is zero to double precision).
    /// </summary>
    [Fact]
    public void GaussianPassbandTransmissionMatchesADirectQuadratureOverTheLine()
    {
        var r = Result(Header(930) + """
            instances:
              qd: {component: cavity_source, settings: {lifetime_ps: 2}}
              gc: {component: grating_coupler, settings: {peak_efficiency: 0.9, center_nm: 930.3, bandwidth_3db_nm: 1, back_reflection_db: -60}}
              d0: detector
            connections:
              "qd,out": "gc,wg"
              "gc,fiber": "d0,in"
            analyses:
              - {type: efficiency, source: qd, detectors: [d0]}
            """);
        double halfWidth = 0.5 / 2, omega0 = 2 * Math.PI * SpeedOfLightNmPerPs / 930;
        double step = halfWidth / 100, sum = 0;
        for (int i = -200_000; i <= 200_000; i++)
        {
            double x = i * step;
            double lambda = 2 * Math.PI * SpeedOfLightNmPerPs / (omega0 + x);
            double passband = 0.9 * Math.Exp(-4 * Math.Log(2) * (lambda - 930.3) * (lambda - 930.3));
            sum += halfWidth / Math.PI / (x * x + halfWidth * halfWidth) * passband * step;
        }
        Assert.Equal(sum, (double)r["transmission"]!, 6);
    }

    // ---------------------------------------------------------------- §5 photon analyses: figures

    [Fact]
    public void PhotonNumberModelGivesP2FromG2AndLossKeepsG2()
    {
        // p2 = (1 − p_x g2 − √(1 − 2 p_x g2))/g2 at the emitter (p_x = η_prep = 1), then a loss η = β on the number
        // distribution: p1' = η p1 + 2η(1−η) p2, p2' = η² p2; g2 = 2p2'/μ'² is unchanged by loss. With a 50:50
        // splitter and unit detectors the g2 analysis reads the same g2 and P(coincidence) = p2'/2.
        var doc = Run(Header(930) + """
            instances:
              qd: {component: cavity_source, settings: {lifetime_ps: 100, beta: 0.95, g2: 0.05}}
              bs: beam_splitter
              d0: detector
              d1: detector
            connections:
              "qd,out": "bs,in0"
              "bs,out0": "d0,in"
              "bs,out1": "d1,in"
            ports: {spare: "bs,in1"}
            analyses:
              - {type: source, source: qd}
              - {type: g2, source: qd, detectors: [d0, d1]}
            """).Doc;
        const double g2 = 0.05, eta = 0.95;
        double p2 = (1 - g2 - Math.Sqrt(1 - 2 * g2)) / g2, p1 = 1 - p2;
        double p1c = eta * p1 + 2 * eta * (1 - eta) * p2, p2c = eta * eta * p2;
        var source = doc["results"]![0]!;
        Assert.Equal(p1c, (double)source["p1"]!, 12);
        Assert.Equal(p2c, (double)source["p2"]!, 12);
        Assert.Equal(1 - p1c - p2c, (double)source["p0"]!, 12);
        Assert.Equal(p1c + p2c, (double)source["brightness"]!, 12);
        Assert.Equal(p1c + 2 * p2c, (double)source["mean_photon_number"]!, 12);
        Assert.Equal(g2, (double)source["g2"]!, 12);
        var g2Result = doc["results"]![1]!;
        Assert.Equal(g2, (double)g2Result["g2"]!, 10);
        Assert.Equal(p2c / 2, (double)g2Result["coincidence_probability"]!, 12);
    }

    [Fact]
    public void HomDipOfIdenticalPhotonsFollowsTheirOverlapAndDarkCountsAddAccidentals()
    {
        // Two identical single photons on a 50:50 splitter: V = 1, P(1,1) = (1 − e^{−Γ|τ|})/2 with a delay τ.
        // Dark counts on d0, p_dark = 1 − exp(−R·gate), make coincidences when both photons go to d1: p_dark/2.
        var doc = Run(Header(930) + """
            instances:
              qa: {component: cavity_source, settings: {lifetime_ps: 200, repetition_rate_mhz: 80}}
              qb: {component: cavity_source, settings: {lifetime_ps: 200, repetition_rate_mhz: 80}}
              bs: beam_splitter
              d0: {component: detector, settings: {dark_count_rate_hz: 1000, gate_ns: 2}}
              d1: detector
            connections:
              "qa,out": "bs,in0"
              "qb,out": "bs,in1"
              "bs,out0": "d0,in"
              "bs,out1": "d1,in"
            analyses:
              - {type: hom, sources: [qa, qb], detectors: [d0, d1], delay_ps: {start: -400, stop: 400, points: 5}}
              - {type: photon_statistics, sources: [qa, qb], detectors: [d0, d1]}
            """).Doc;
        double pDark = 1 - Math.Exp(-1000 * 2e-9);
        var hom = doc["results"]![0]!;
        Assert.Equal(1, (double)hom["visibility"]!, 9);
        Assert.Equal(1, (double)hom["indistinguishability"]!, 9);
        Assert.Equal(1, (double)hom["indistinguishability_from_visibility"]!, 9);
        Assert.Equal(pDark / 2, (double)hom["coincidence_probability"]!, 12);
        Assert.Equal([-400.0, -200, 0, 200, 400], Series(hom["delay_ps"]));
        var coincidences = Series(hom["coincidences"]);
        double[] delays = [-400, -200, 0, 200, 400];
        for (int k = 0; k < 5; k++)
        {
            // Photon pair in different outputs: (1 − M)/2; both in d1 with a dark count on d0: (1 + M)/4 · p_dark.
            double m = Math.Exp(-Math.Abs(delays[k]) / 200);
            Assert.Equal((1 - m) / 2 + (1 + m) / 4 * pDark, coincidences[k], 9);
        }
        var stats = doc["results"]![1]!;
        var patterns = stats["patterns"]!.AsArray();
        Assert.Equal([1, 0], patterns[0]!["clicks"]!.AsArray().Select(c => (int)c!).ToArray());
        Assert.Equal(0.5, (double)patterns[0]!["probability"]!, 12);
        Assert.Equal([0, 1], patterns[1]!["clicks"]!.AsArray().Select(c => (int)c!).ToArray());
        Assert.Equal(0.5 * (1 - pDark), (double)patterns[1]!["probability"]!, 12);
        Assert.Equal(80e6 * pDark / 2, (double)stats["n_fold_rate_hz"]!["2"]!, 3);
        Assert.Equal(80e6 * (1 - pDark / 2), (double)stats["n_fold_rate_hz"]!["1"]!, 3);
    }

    [Fact]
    public void EqualProbabilitiesAreSortedByClicksAscendingAndPnrOutcomeSpaceIsTheMultisetCount()
    {
        // One photon on a 50:50 splitter: [0,1] and [1,0] tie at 1/2, clicks ascending puts [0,1] first.
        // Two identical photons on three pnr detectors through a balanced tritter: C(2+3−1, 2) = 6 outcomes.
        var doc = Run(Header(930) + """
            instances:
              qd: {component: cavity_source, settings: {lifetime_ps: 100}}
              bs: beam_splitter
              d0: detector
              d1: detector
            connections:
              "qd,out": "bs,in0"
              "bs,out0": "d0,in"
              "bs,out1": "d1,in"
            ports: {spare: "bs,in1"}
            analyses:
              - {type: photon_statistics, sources: [qd], detectors: [d0, d1]}
              - {type: photon_statistics, sources: [qd], detectors: [d0, d1], pattern: [1, 0]}
            """).Doc;
        var stats = doc["results"]![0]!;
        var patterns = stats["patterns"]!.AsArray();
        Assert.Equal([0, 1], patterns[0]!["clicks"]!.AsArray().Select(c => (int)c!).ToArray());
        Assert.Equal([1, 0], patterns[1]!["clicks"]!.AsArray().Select(c => (int)c!).ToArray());
        Assert.Equal(1, (double)stats["probability_sum"]!, 12);
        // Without repetition_rate_mhz the rates are null, with a warning naming the field.
        Assert.Null(stats["n_fold_rate_hz"]);
        Assert.Contains(doc["warnings"]!.AsArray(), w => ((string)w!).Contains("n_fold_rate_hz"));
        var single = doc["results"]![1]!.AsObject();
        Assert.Equal(0.5, (double)single["probability"]!, 12);
        Assert.False(single.ContainsKey("patterns"));
        Assert.False(single.ContainsKey("n_patterns_total"));
        Assert.False(single.ContainsKey("probability_sum"));

        double s = 1 / Math.Sqrt(3);
        string Row(double phase0, double phase1, double phase2) => string.Create(CultureInfo.InvariantCulture,
            $"[{s * Math.Cos(phase0)}, {s * Math.Cos(phase1)}, {s * Math.Cos(phase2)}]");
        string RowIm(double phase0, double phase1, double phase2) => string.Create(CultureInfo.InvariantCulture,
            $"[{s * Math.Sin(phase0)}, {s * Math.Sin(phase1)}, {s * Math.Sin(phase2)}]");
        double w = 2 * Math.PI / 3;
        var tritter = Result(Header(930) + $$$"""
            instances:
              qa: {component: cavity_source, settings: {lifetime_ps: 100}}
              qb: {component: cavity_source, settings: {lifetime_ps: 100}}
              u: {component: unitary, settings: {matrix_re: [{{{Row(0, 0, 0)}}}, {{{Row(0, w, 2 * w)}}}, {{{Row(0, 2 * w, 4 * w)}}}], matrix_im: [{{{RowIm(0, 0, 0)}}}, {{{RowIm(0, w, 2 * w)}}}, {{{RowIm(0, 2 * w, 4 * w)}}}]}}
              d0: {component: detector, settings: {resolution: pnr}}
              d1: {component: detector, settings: {resolution: pnr}}
              d2: {component: detector, settings: {resolution: pnr}}
            connections:
              "qa,out": "u,in0"
              "qb,out": "u,in1"
              "u,out0": "d0,in"
              "u,out1": "d1,in"
              "u,out2": "d2,in"
            ports: {spare: "u,in2"}
            analyses:
              - {type: photon_statistics, sources: [qa, qb], detectors: [d0, d1, d2]}
            """);
        Assert.Equal(6, (long)tritter["n_patterns_total"]!);
        Assert.Equal(1, (double)tritter["probability_sum"]!, 10);
        // Independent check: P(s) = |perm(M_s)|²/∏s! for indistinguishable photons in inputs 0 and 1.
        Complex U(int o, int i) => Complex.FromPolarCoordinates(s, w * o * i);
        foreach (var p in tritter["patterns"]!.AsArray())
        {
            int[] clicks = p!["clicks"]!.AsArray().Select(c => (int)c!).ToArray();
            var rows = Enumerable.Range(0, 3).SelectMany(o => Enumerable.Repeat(o, clicks[o])).ToArray();
            Complex perm = U(rows[0], 0) * U(rows[1], 1) + U(rows[0], 1) * U(rows[1], 0);
            double factorials = clicks.Aggregate(1.0, (acc, c) => acc * (c == 2 ? 2 : 1));
            Assert.Equal(perm.Magnitude * perm.Magnitude / factorials, (double)p["probability"]!, 12);
        }
    }

    [Fact]
    public void DetectorDeadTimeScalesTheRateAsROverOnePlusRTau()
    {
        var r = Result(Header(930) + """
            instances:
              qd: {component: cavity_source, settings: {lifetime_ps: 100, repetition_rate_mhz: 80}}
              d0: {component: detector, settings: {efficiency: 0.5, dead_time_ns: 10}}
            connections:
              "qd,out": "d0,in"
            analyses:
              - {type: efficiency, source: qd, detectors: [d0]}
            """);
        double rate = 80e6 * 0.5;
        Assert.Equal(0.5, (double)r["probability"]!, 12);
        Assert.Equal(rate / (1 + rate * 10e-9), (double)r["rate_hz"]!, 4);
    }

    [Fact]
    public void QuantumDotEmitsIntoTheCoherentSuperpositionOfItsTwoPorts()
    {
        // √(1/2)·left through a phase shifter of π/2 and √(1/2)·right meet on a 50:50 splitter:
        // out0 = t·(i/√2) + iκ·(1/√2) = i/2 + i/2 = i: every photon to d0; an incoherent mixture would give 1/2.
        var doc = Run(Header(930) + """
            instances:
              qd: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 1}}
              ps: {component: phase_shifter, settings: {phase_rad: 1.5707963267948966}}
              bs: beam_splitter
              d0: detector
              d1: detector
            connections:
              "qd,left": "ps,o1"
              "ps,o2": "bs,in0"
              "qd,right": "bs,in1"
              "bs,out0": "d0,in"
              "bs,out1": "d1,in"
            analyses:
              - {type: efficiency, source: qd, detectors: [d0]}
              - {type: efficiency, source: qd, detectors: [d1]}
            """).Doc;
        Assert.Equal(1, (double)doc["results"]![0]!["probability"]!, 9);
        Assert.Equal(0, (double)doc["results"]![1]!["probability"]!, 9);
        // The budget's closing entry after a dark port has no finite loss: null, with a warning naming it.
        var budget = doc["results"]![1]!["budget"]!.AsArray();
        Assert.Null(budget[^1]!["loss_db"]);
        Assert.Equal(0, (double)budget[^1]!["probability_after"]!, 12);
        Assert.Contains(doc["warnings"]!.AsArray(), w => ((string)w!).Contains($"analyses[1].budget[{budget.Count - 1}].loss_db"));
    }

    [Fact]
    public void HomExtraDelayIsAddedOnSourceA()
    {
        // Source a's path is 100 ps longer: the dip (zero coincidences) sits at an extra delay of −100 ps on a.
        var hom = Result(Header(930) + """
            instances:
              qa: {component: cavity_source, settings: {lifetime_ps: 100}}
              qb: {component: cavity_source, settings: {lifetime_ps: 100}}
              dl: {component: delay_line, settings: {delay_ps: 100}}
              bs: beam_splitter
              d0: detector
              d1: detector
            connections:
              "qa,out": "dl,o1"
              "dl,o2": "bs,in0"
              "qb,out": "bs,in1"
              "bs,out0": "d0,in"
              "bs,out1": "d1,in"
            analyses:
              - {type: hom, sources: [qa, qb], detectors: [d0, d1], delay_ps: [-100, 0, 100]}
            """);
        var c = Series(hom["coincidences"]);
        Assert.Equal(0, c[0], 6);
        Assert.Equal((1 - Math.Exp(-1)) / 2, c[1], 6);
        Assert.Equal((1 - Math.Exp(-2)) / 2, c[2], 6);
        Assert.Equal(Math.Exp(-1), (double)hom["visibility"]!, 6);
    }

    [Fact]
    public void ATimeDemuxTheSourceCannotReachDoesNotMakeFrames()
    {
        // Probabilities are per frame only when a time_demux separates sources and detectors: a demux elsewhere in
        // the file, not connected to the source, leaves them per pulse and needs no repetition rate.
        var doc = Run(Header(930) + """
            instances:
              qd: {component: cavity_source, settings: {lifetime_ps: 100}}
              qb: {component: cavity_source, settings: {lifetime_ps: 100}}
              bs: beam_splitter
              d0: detector
              d1: detector
              dm: {component: time_demux, settings: {channels: 2}}
              dx: detector
            connections:
              "qd,out": "bs,in0"
              "bs,out0": "d0,in"
              "bs,out1": "d1,in"
              "dm,out0": "dx,in"
              "qb,out": "bs,in1"
            analyses:
              - {type: photon_statistics, sources: [qd], detectors: [d0, d1]}
              - {type: efficiency, source: qd, detectors: [d0]}
              - {type: hom, sources: [qd, qb], detectors: [d0, d1]}
            """).Doc;
        var patterns = doc["results"]![0]!["patterns"]!.AsArray();
        Assert.Equal(2, patterns.Count);
        Assert.All(patterns, p => Assert.Equal(0.5, (double)p!["probability"]!, 12));
        Assert.Equal(0.5, (double)doc["results"]![1]!["probability"]!, 12);
        Assert.Equal(1, (double)doc["results"]![2]!["visibility"]!, 9);
    }

    // ---------------------------------------------------------------- §5 results document

    [Fact]
    public void JsonNumbersUseTheShortestExponentForm()
    {
        Assert.Equal("1e-7", ResultJson.FormatNumber(1e-7));
        Assert.Equal("-2.5e-10", ResultJson.FormatNumber(-2.5e-10));
        Assert.Equal("1.5e300", ResultJson.FormatNumber(1.5e300));
        Assert.Equal("5e-324", ResultJson.FormatNumber(double.Epsilon));
        Assert.Equal("123.25", ResultJson.FormatNumber(123.25));
        Assert.Equal("1550", ResultJson.FormatNumber(1550));

        // An attenuator of 150 dB transmits a power of exactly 1e-15 to double precision.
        string text = Run(Header(1550) + """
            instances:
              att: {component: attenuator, settings: {loss_db: 150}}
            ports: {a: "att,o1", b: "att,o2"}
            analyses:
              - {type: transmission, from: [a], to: [b]}
            """).Text;
        Assert.DoesNotContain("E-", text);
        Assert.DoesNotContain("E+", text);
        Assert.Matches(@"""b"": \[\d(\.\d+)?e-1[56]\]", text);
    }

    [Fact]
    public void JsonNumbersReadBackToTheSameDoubleAndAreNoLongerThanTheRoundTripForm()
    {
        Gen.Double.Where(double.IsFinite).Sample(x =>
        {
            string text = ResultJson.FormatNumber(x);
            Assert.Equal(x == 0 ? 0 : x, double.Parse(text, CultureInfo.InvariantCulture));
            Assert.True(text.Length <= x.ToString("R", CultureInfo.InvariantCulture).Length);
            Assert.DoesNotContain("+", text);
            Assert.DoesNotMatch("e-?0", text);
        });
    }
}
