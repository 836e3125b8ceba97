using System.Globalization;
using System.Numerics;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Running;
using PhotonicKit.Tests.Analyses;
using PhotonicKit.Tests.Quantum.Reference;
using Xunit;

namespace PhotonicKit.Tests.Photons;

/// <summary>
/// Sources given only by their measured brightness, g2 and indistinguishability (no lifetime): photons of purity M
/// without a temporal shape, checked against the photon-number model's closed form, a brute-force Fock-space
/// calculation with one common internal mode and one private mode per photon, and the errors that name lifetime_ps.
/// </summary>
public class MeasuredFigureSourceTests
{
    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string TwoSourceHom(double brightness, double g2, double m, string extraAnalysis = "") => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          a: {component: cavity_source, settings: {brightness: {{{F(brightness)}}}, g2: {{{F(g2)}}}, indistinguishability: {{{F(m)}}}, repetition_rate_mhz: 80}}
          b: {component: cavity_source, settings: {brightness: {{{F(brightness)}}}, g2: {{{F(g2)}}}, indistinguishability: {{{F(m)}}}, repetition_rate_mhz: 80}}
          bs: beam_splitter
          d0: {component: detector, settings: {resolution: pnr}}
          d1: {component: detector, settings: {resolution: pnr}}
        connections:
          "a,out": "bs,in0"
          "b,out": "bs,in1"
          "bs,out0": "d0,in"
          "bs,out1": "d1,in"
        analyses:
          - {type: source, source: a}
          - {type: hom, sources: [a, b], detectors: [d0, d1]}
        {{{extraAnalysis}}}
        """;

    [Fact]
    public void SourceAnalysisGivesTheFiguresAndNullLifetimeAndSpectrumWithWarnings()
    {
        var run = RunHelper.Run(TwoSourceHom(0.6, 0.02, 0.92));
        var source = run.Document["results"]![0]!.AsObject();
        Assert.Null(source["lifetime_ps"]);
        Assert.Null(source["spectrum_wavelength_nm"]);
        Assert.Null(source["spectrum_per_nm"]);
        Assert.Equal(0.6, (double)source["brightness"]!, 12);
        Assert.Equal(0.02, (double)source["g2"]!, 12);
        Assert.Equal(0.92, (double)source["indistinguishability"]!, 12);
        var warnings = run.Document["warnings"]!.AsArray().Select(w => (string)w!).ToArray();
        Assert.Contains(warnings, w => w.Contains("instances.a.settings.lifetime_ps") && w.Contains("measured figures") && w.Contains("line centre"));
        Assert.Contains(warnings, w => w.Contains("analyses[0].lifetime_ps") && w.Contains("null"));
    }

    [Theory]
    [InlineData(0.6, 0.02, 0.92)]
    [InlineData(0.35, 0.1, 0.7)]
    [InlineData(0.9, 0.0, 1.0)]
    public void HomVisibilityOfTwoSourcesFollowsThePhotonNumberModel(double brightness, double g2, double m)
    {
        // Independent closed form (Ollivier et al., PRL 126, 063602 (2021)): at the emitter P(≥1) = 1 (ideal preparation),
        // p2 from g2 = 2p2/μ² with μ = p1 + 2p2 = 1 + p2; V = M(1 − g2 μ/2)² − g2, unchanged by loss.
        double p2 = 0;
        for (int i = 0; i < 200; i++) p2 = g2 * (1 + p2) * (1 + p2) / 2;
        double mu = 1 + p2;
        double expected = m * Math.Pow(1 - g2 * mu / 2, 2) - g2;
        var run = RunHelper.Run(TwoSourceHom(brightness, g2, m));
        var hom = run.Document["results"]![1]!.AsObject();
        Assert.Equal(expected, (double)hom["visibility"]!, 10);
        Assert.Equal(m, (double)hom["indistinguishability"]!, 12);
        Assert.Equal(expected, (double)run.Document["results"]![0]!["hom_visibility"]!, 10);
    }

    [Fact]
    public void ThreeSourcesOnATritterMatchBruteForceWithACommonModeAndPrivateModes()
    {
        // Photon a: ρ_a = c_a|0⟩⟨0| + (1 − c_a)|a+1⟩⟨a+1| with c_a = √M_a (a common mode and a mode of its own), so that
        // photons of sources a and b overlap c_a c_b and three of them have the cycle trace c_a c_b c_c.
        double[] m = [0.5, 0.8, 0.95];
        var u = PhotonModelTests.Dft3();
        string yaml = PhotonModelTests.ThreeSourceNetlist(u, m.Select(x => $"brightness: 1, g2: 0, indistinguishability: {F(x)}").ToArray(),
            "{type: photon_statistics, sources: [q0, q1, q2], detectors: [d0, d1, d2], max_photons: 1}");
        var result = RunHelper.Result(yaml);
        var computed = result["patterns"]!.AsArray().ToDictionary(
            p => FockSpaceReference.PatternKey(p!["clicks"]!.AsArray().Select(v => (int)v!).ToArray()), p => (double)p!["probability"]!);

        const int internalModes = 4;
        var photons = new List<Complex[,]>();
        for (int a = 0; a < 3; a++)
        {
            double c = Math.Sqrt(m[a]);
            var common = new Complex[internalModes];
            common[0] = 1;
            var own = new Complex[internalModes];
            own[a + 1] = 1;
            photons.Add(FockSpaceReference.PhotonInInput(a, 3, FockSpaceReference.DensityFromMixture([(c, common), (1 - c, own)])));
        }
        var expected = FockSpaceReference.Distribution(FockSpaceReference.FlatTransfer(u, internalModes), photons);
        foreach (var (pattern, probability) in expected)
            Assert.True(Math.Abs(computed.GetValueOrDefault(pattern) - probability) < 1e-10,
                $"{pattern}: computed {computed.GetValueOrDefault(pattern):R}, brute force {probability:R}");
        Assert.Equal(1.0, (double)result["probability_sum"]!, 12);
    }

    [Fact]
    public void PhotonsSeeTheCircuitAtTheLineCentreWithoutDelayOrFilterWithinTheLine()
    {
        // A ring on the path: the photon's transmission is |T(λ0)|², the classical transmission at the line centre of the
        // same ring (a separate netlist with the ring's ports exported).
        const string ring = "ring: {component: ring_add_drop, settings: {length_um: 40, coupling: 0.1, loss_db_per_cm: 3}}";
        var photon = RunHelper.Result($$$"""
            photonickit: 1
            wavelength_nm: 930
            instances:
              q: {component: cavity_source, settings: {wavelength_nm: 930, brightness: 0.8, g2: 0, indistinguishability: 0.9}}
              {{{ring}}}
              d: detector
            connections:
              "q,out": "ring,in0"
              "ring,drop": "d,in"
            analyses:
              - {type: efficiency, source: q, detectors: [d]}
            """);
        var classical = RunHelper.Result($$$"""
            photonickit: 1
            wavelength_nm: 930
            instances:
              {{{ring}}}
            ports:
              in: ring,in0
              drop: ring,drop
            analyses:
              - {type: transmission, from: [in], to: [drop]}
            """);
        double expected = (double)classical["power"]!["in"]!["drop"]![0]!;
        Assert.InRange(expected, 1e-3, 0.999);
        Assert.Equal(expected, (double)photon["transmission"]!, 12);
        Assert.Equal(0.8 * expected, (double)photon["probability"]!, 12);
    }

    [Fact]
    public void AtTheLineCentreADephasedDotScattersTheAuffevesGarnierShares()
    {
        // β = 0.9, γ* = Γ/2, on resonance, symmetric (Auffèves-Garnier et al., PRA 75, 053823 (2007)): T = 0.505 and
        // R = 0.405 of the light reaching the dot, exactly, for photons without a linewidth; the splitter halves the
        // light on its way in and again on the reflected light's way back.
        string yaml = """
            photonickit: 1
            wavelength_nm: 930
            instances:
              src: {component: cavity_source, settings: {brightness: 1, g2: 0, indistinguishability: 0.9}}
              qd: {component: quantum_dot, settings: {lifetime_ps: 10, beta: 0.9, pure_dephasing_per_ns: 50}}
              dT: detector
              dR: detector
              bs: beam_splitter
            connections:
              "src,out": "bs,in0"
              "bs,out0": "qd,left"
              "qd,right": "dT,in"
              "bs,in1": "dR,in"
            analyses:
              - {type: efficiency, source: src, detectors: [dT]}
              - {type: efficiency, source: src, detectors: [dR]}
            """;
        var run = RunHelper.Run(yaml);
        Assert.Equal(0.5 * 0.505, (double)run.Document["results"]![0]!["probability"]!, 12);
        Assert.Equal(0.25 * 0.405, (double)run.Document["results"]![1]!["probability"]!, 12);
    }

    [Fact]
    public void IncoherentlyScatteredLightDoesNotInterfere()
    {
        // Each source's photon passes a dephased dot (β = 0.9, γ* = Γ/2, on resonance): of the light it transmits, |t|² = 0.3025
        // is coherent and 0.2025 incoherent, so the photons at the detectors keep the coherent share q = 0.3025/0.505 and
        // two of them overlap q² (M = 1 at the sources).
        string yaml = """
            photonickit: 1
            wavelength_nm: 930
            instances:
              a: {component: cavity_source, settings: {brightness: 1, g2: 0, indistinguishability: 1}}
              b: {component: cavity_source, settings: {brightness: 1, g2: 0, indistinguishability: 1}}
              qa: {component: quantum_dot, settings: {lifetime_ps: 10, beta: 0.9, pure_dephasing_per_ns: 50}}
              qb: {component: quantum_dot, settings: {lifetime_ps: 10, beta: 0.9, pure_dephasing_per_ns: 50}}
              bs: beam_splitter
              d0: detector
              d1: detector
            connections:
              "a,out": "qa,left"
              "b,out": "qb,left"
              "qa,right": "bs,in0"
              "qb,right": "bs,in1"
              "bs,out0": "d0,in"
              "bs,out1": "d1,in"
            analyses:
              - {type: hom, sources: [a, b], detectors: [d0, d1]}
            """;
        var hom = RunHelper.Result(yaml);
        double q = 0.3025 / 0.505;
        Assert.Equal(q * q, (double)hom["indistinguishability"]!, 10);
    }

    [Fact]
    public void PulsesThatArriveAtDifferentTimesNameLifetime()
    {
        // Two pulses of one source through a two-channel demultiplexer, one path 500 ps longer than the pulse spacing
        // compensates: without a temporal shape their overlap is undefined.
        string Netlist(double delayPs) => $$$"""
            photonickit: 1
            wavelength_nm: 930
            instances:
              q: {component: cavity_source, settings: {brightness: 0.5, g2: 0.03, indistinguishability: 0.9, repetition_rate_mhz: 80}}
              dm: {component: time_demux, settings: {channels: 2}}
              dl: {component: delay_line, settings: {delay_ps: {{{F(delayPs)}}} }}
              bs: beam_splitter
              d0: detector
              d1: detector
            connections:
              "q,out": "dm,in"
              "dm,out0": "dl,o1"
              "dl,o2": "bs,in0"
              "dm,out1": "bs,in1"
              "bs,out0": "d0,in"
              "bs,out1": "d1,in"
            analyses:
              - {type: hom, sources: [q], detectors: [d0, d1]}
            """;
        // Compensated (12 500 ps = 1/80 MHz): the pulses meet and interfere with M_s.
        Assert.Equal(0.9, (double)RunHelper.Result(Netlist(12500))["indistinguishability"]!, 9);
        var errors = Errors(Netlist(12000));
        Assert.Contains(errors, e => e.Contains("ps apart") && e.Contains("give lifetime_ps"));
    }

    private static IReadOnlyList<string> Errors(string yaml)
    {
        var bag = new DiagnosticBag("test.yaml");
        var prepared = NetlistRunner.Prepare(yaml, "test.yaml", [], strict: false, bag);
        if (prepared is not null)
        {
            var e = Assert.Throws<Circuit.Analyses.AnalysisException>(() => prepared.Execute());
            return [e.Message];
        }
        return bag.All.Where(d => d.Severity == Severity.Error).Select(d => d.ToString()).ToArray();
    }

    [Fact]
    public void MissingFiguresWithoutLifetimeNameLifetimeAndTheMissingFigure()
    {
        var errors = Errors("""
            photonickit: 1
            wavelength_nm: 930
            instances:
              q: {component: cavity_source, settings: {brightness: 0.8, g2: 0.01}}
            analyses:
              - {type: source, source: q}
            """);
        Assert.Contains(errors, e => e.Contains("instances.q.settings.lifetime_ps") && e.Contains("indistinguishability missing"));
    }

    [Fact]
    public void ResonantExcitationNeedsTheLifetime()
    {
        var errors = Errors("""
            photonickit: 1
            wavelength_nm: 930
            instances:
              q: {component: cavity_source, settings: {brightness: 0.8, g2: 0.01, indistinguishability: 0.9, excitation: resonant, pulse_fwhm_ps: 10}}
            analyses:
              - {type: source, source: q}
            """);
        Assert.Contains(errors, e => e.Contains("instances.q.settings.lifetime_ps") && e.Contains("excitation resonant"));
    }

    [Fact]
    public void DelayScanNamesLifetime()
    {
        var errors = Errors(TwoSourceHom(0.6, 0.02, 0.92).Replace("- {type: hom, sources: [a, b], detectors: [d0, d1]}",
            "- {type: hom, sources: [a, b], detectors: [d0, d1], delay_ps: {start: -50, stop: 50, points: 3}}"));
        Assert.Contains(errors, e => e.Contains("analyses[1].delay_ps") && e.Contains("lifetime_ps"));
    }

    [Fact]
    public void InterferenceWithASourceThatHasAShapeNamesLifetime()
    {
        var errors = Errors(TwoSourceHom(0.6, 0.02, 0.92).Replace(
            "b: {component: cavity_source, settings: {brightness: 0.6, g2: 0.02, indistinguishability: 0.92, repetition_rate_mhz: 80}}",
            "b: {component: cavity_source, settings: {lifetime_ps: 100}}"));
        Assert.Contains(errors, e => e.Contains("analyses[1].sources") && e.Contains("give 'a' lifetime_ps"));
    }

    [Fact]
    public void DifferentWavelengthsNameLifetime()
    {
        var errors = Errors(TwoSourceHom(0.6, 0.02, 0.92).Replace(
            "b: {component: cavity_source, settings: {brightness: 0.6,", "b: {component: cavity_source, settings: {wavelength_nm: 930.1, brightness: 0.6,"));
        Assert.Contains(errors, e => e.Contains("analyses[1].sources") && e.Contains("930.1 nm") && e.Contains("lifetime_ps"));
    }

    [Fact]
    public void AScattererWithoutLifetimeIsAnErrorNamingTheInstanceAndLifetimeBeforeAnythingRuns()
    {
        var errors = Errors("""
            photonickit: 1
            wavelength_nm: 930
            instances:
              qd: {component: quantum_dot, settings: {brightness: 0.6, g2: 0.02, indistinguishability: 0.92}}
            ports:
              a: qd,left
              b: qd,right
            analyses:
              - {type: transmission}
            """);
        Assert.Contains(errors, e => e.Contains("analyses[0]") && e.Contains("'qd'") && e.Contains("scatterer") && e.Contains("give 'qd' lifetime_ps"));
    }

    [Fact]
    public void LineShapeSettingsWithoutLifetimeWarnThatTheyAreIgnored()
    {
        var run = RunHelper.Run("""
            photonickit: 1
            wavelength_nm: 930
            instances:
              q: {component: cavity_source, settings: {brightness: 0.8, g2: 0.01, indistinguishability: 0.9, pure_dephasing_per_ns: 2}}
            analyses:
              - {type: source, source: q}
            """);
        var warnings = run.Document["warnings"]!.AsArray().Select(w => (string)w!).ToArray();
        Assert.Contains(warnings, w => w.Contains("instances.q.settings.pure_dephasing_per_ns") && w.Contains("ignored"));
        Assert.Equal(0.9, (double)run.Document["results"]![0]!["indistinguishability"]!, 12);
    }
}
