using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;

namespace PhotonicKit.Tests.Analyses;

/// <summary>Light that quantum dots which are not sources scatter incoherently, followed through the circuit to the detectors.</summary>
public class IncoherentScatteringCircuitTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static double D(JsonNode? n) => (double)n!;

    /// <summary>Source → 50:50 splitter → dot → detector dT; light the dot sends back leaves the splitter's other input into dR.</summary>
    private static string SplitterAndDot(string dotSettings, string extraAnalyses = "") => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          src: {component: cavity_source, settings: {lifetime_ps: 1000, beta: 1}}
          bs: {component: beam_splitter, settings: {coupling: 0.5}}
          qd: {component: quantum_dot, settings: {{{dotSettings}}}}
          dT: {component: detector}
          dR: {component: detector}
          dX: {component: detector}
        connections:
          "src,out": "bs,in0"
          "bs,out0": "qd,left"
          "bs,out1": "dX,in"
          "qd,right": "dT,in"
          "bs,in1": "dR,in"
        analyses:
          - {type: efficiency, source: src, detectors: [dT]}
          - {type: efficiency, source: src, detectors: [dR]}
        {{{extraAnalyses}}}
        """;

    [Fact]
    public void DephasedDotBehindASplitterTransmitsAndReflectsAuffevesGarnierValuesAveragedOverTheSourceLine()
    {
        // β = 0.9, γ* = Γ/2 (Γ = 0.1 rad/ps, γ* = 50 ns⁻¹), f = ½, on resonance; the source line (Γ_s = 10⁻³ rad/ps) is 100 times
        // narrower than the dot's. Narrowband limit: T = 0.505, R = 0.405. Over the source's Lorentzian (HWHM a = Γ_s/2) every
        // term in 1/|D|² = 1/(4(W² + Δ²)), W = (Γ + 2γ*)/2, is multiplied by W/(W + a): T = 1 − 0.495·W/(W + a), R = 0.405·W/(W + a).
        var run = RunHelper.Run(SplitterAndDot("{lifetime_ps: 10, beta: 0.9, pure_dephasing_per_ns: 50}"));
        double w = 0.1, a = 0.0005, factor = w / (w + a);
        double transmitted = 1 - 0.495 * factor, reflected = 0.405 * factor;
        var t = run.Document["results"]![0]!.AsObject();
        var r = run.Document["results"]![1]!.AsObject();
        // brightness 1; the splitter passes ½ towards the dot, and ½ of what returns towards dR.
        Assert.Equal(0.5 * transmitted, D(t["probability"]), 1e-7);
        Assert.Equal(0.25 * reflected, D(r["probability"]), 1e-7);
        // and the narrowband values themselves, within the finite-linewidth correction (0.5 %)
        Assert.Equal(0.505, D(t["probability"]) / 0.5, 3e-3);
        Assert.Equal(0.405, D(r["probability"]) / 0.25, 3e-3);
        // The budget closes: path (coherent |t|² = 0.3025 at the dot), interference, incoherent_scattering.
        var budget = t["budget"]!.AsArray();
        Assert.Equal(["src", "bs", "qd", "dT", "interference", "incoherent_scattering"], budget.Select(b => (string)b!["instance"]!));
        Assert.Equal(0.3025, D(budget[2]!["probability_after"]) / D(budget[1]!["probability_after"]), 1e-12);
        Assert.Equal(D(t["probability"]), D(budget[^1]!["probability_after"]), 1e-15);
        double product = budget.Aggregate(1.0, (p, b) => p * Math.Pow(10, -D(b!["loss_db"]) / 10));
        Assert.Equal(D(t["probability"]), product, 1e-12);
        // The coherent light alone (the budget's interference entry) is the Lorentzian average of |t|² = 1 − (4Γ_RΓ' − 4Γ_R²)/|D|²:
        // 1 − (0.9 − 0.2025·... ) written out: 1 − 0.6975·factor.
        Assert.Equal(0.5 * (1 - 0.6975 * factor), D(budget[^2]!["probability_after"]), 1e-7);
    }

    [Fact]
    public void WithoutDephasingOrDiffusionTheDotScattersOnlyCoherently()
    {
        var r = RunHelper.Result(SplitterAndDot("{lifetime_ps: 10, beta: 0.9}"));
        Assert.DoesNotContain(r["budget"]!.AsArray(), b => (string)b!["instance"]! == "incoherent_scattering");
        // the Lorentzian average of |1 − β|²-type transmission: 1 − (2β − β²)·W/(W + a), W = Γ/2
        double w = 0.05, a = 0.0005;
        Assert.Equal(0.5 * (1 - (1.8 - 0.81) * w / (w + a)), D(r["probability"]), 1e-7);
    }

    [Fact]
    public void FluxIsConservedThroughTwoDotsWithReScatteringChiralityDetuningAndDiffusion() =>
        // Two lossless dots (β = η_QE = 1) between the splitter and dT, a waveguide between them (a cavity the incoherent light
        // bounces in). All light ends at dT, dX, dR or back in the source; what returns through the splitter's out0 splits
        // equally between the source and dR, so dT + dX + 2 dR = 1, whatever each dot does.
        Gen.Select(Gen.Double[0, 80], Gen.Double[0, 30], Gen.Double[0.2, 0.8], Gen.Double[0, 5], Gen.Double[929.995, 930.005], Gen.Double[1, 400])
            .Sample((dephasing1, dephasing2, fraction, diffusionGhz, wavelength2, lengthUm) =>
        {
            string yaml = string.Create(Inv, $$$"""
                photonickit: 1
                wavelength_nm: 930
                instances:
                  src: {component: cavity_source, settings: {lifetime_ps: 300, beta: 1}}
                  bs: {component: beam_splitter, settings: {coupling: 0.5}}
                  qd1: {component: quantum_dot, settings: {lifetime_ps: 20, beta: 1, pure_dephasing_per_ns: {{{dephasing1:R}}}, beta_right_fraction: {{{fraction:R}}}}}
                  wg: {component: waveguide, settings: {length_um: {{{lengthUm:R}}}}}
                  qd2: {component: quantum_dot, settings: {lifetime_ps: 30, beta: 1, wavelength_nm: {{{wavelength2:R}}}, pure_dephasing_per_ns: {{{dephasing2:R}}}, spectral_diffusion_ghz: {{{diffusionGhz:R}}}}}
                  dT: {component: detector}
                  dR: {component: detector}
                  dX: {component: detector}
                connections:
                  "src,out": "bs,in0"
                  "bs,out0": "qd1,left"
                  "qd1,right": "wg,o1"
                  "wg,o2": "qd2,left"
                  "qd2,right": "dT,in"
                  "bs,out1": "dX,in"
                  "bs,in1": "dR,in"
                analyses:
                  - {type: efficiency, source: src, detectors: [dT]}
                  - {type: efficiency, source: src, detectors: [dR]}
                  - {type: efficiency, source: src, detectors: [dX]}
                """);
            var results = RunHelper.Run(yaml).Document["results"]!.AsArray();
            double t = D(results[0]!["probability"]), r = D(results[1]!["probability"]), x = D(results[2]!["probability"]);
            Assert.Equal(0.5, x, 1e-9);
            Assert.Equal(1, t + x + 2 * r, 1e-9);
        }, iter: 12, threads: 1);

    [Fact]
    public void MultiPhotonAnalysesThroughADephasedDotWarnNamingIt()
    {
        var run = RunHelper.Run(SplitterAndDot("{lifetime_ps: 10, beta: 0.9, pure_dephasing_per_ns: 50}",
            "  - {type: g2, source: src, detectors: [dT, dR]}"));
        var warning = Assert.Single(run.Document["warnings"]!.AsArray(), w => ((string)w!).Contains("analyses[2]") && ((string)w!).Contains("incoherently"));
        Assert.Contains("'qd' (not a source)", (string)warning!);
        Assert.Contains("distinguishable", (string)warning!);
        // efficiency does not warn: its figures are exact
        Assert.DoesNotContain(run.Document["warnings"]!.AsArray(), w => ((string)w!).Contains("analyses[0]") && ((string)w!).Contains("incoherently"));
    }
}
