using System.Text.Json.Nodes;

namespace PhotonicKit.Tests.Analyses;

/// <summary>
/// The budget's closing <c>interference</c> entry names what it stands for (<c>parts</c>): paths interfering at the line
/// centre, spectral filtering, detectors combined, pulses averaged. Each part is checked against an independent value,
/// and the parts multiply to the entry they explain.
/// </summary>
public class BudgetPartsTests
{
    /// <summary>A dephased cavity source (brightness 1, g2 0) through a ring's drop port onto a splitter with two
    /// detectors of efficiency 0.9 and 0.8, and its efficiency analysis.</summary>
    private const string RingBeforeASplitter = """
        photonickit: 1
        wavelength_nm: 930
        instances:
          q0: {component: cavity_source, settings: {lifetime_ps: 100, beta: 1, pure_dephasing_per_ns: 5, repetition_rate_mhz: 80}}
          r0: {component: ring_add_drop, settings: {length_um: 38.75, n_eff: 2.4, n_g: 4.2, coupling: 0.003}}
          bs: beam_splitter
          d0: {component: detector, settings: {efficiency: 0.9}}
          d1: {component: detector, settings: {efficiency: 0.8}}
        connections: {"q0,out": "r0,in0", "r0,drop": "bs,in0", "bs,out0": "d0,in", "bs,out1": "d1,in"}
        analyses:
          - {type: efficiency, source: q0, detectors: [d0, d1]}

        """;

    private static JsonObject Closing(JsonObject efficiency)
    {
        var budget = efficiency["budget"]!.AsArray();
        var closing = budget.Single(e => (string)e!["instance"]! == "interference")!.AsObject();
        // The parts multiply to the entry: the last part ends where the entry ends, and losses in dB add up.
        var parts = closing["parts"]!.AsArray();
        Assert.Equal((double)closing["probability_after"]!, (double)parts[^1]!["probability_after"]!, 12);
        Assert.Equal((double)closing["loss_db"]!, parts.Sum(p => (double)p!["loss_db"]!), 10);
        return closing;
    }

    private static (string Cause, double After)[] Parts(JsonObject closing) =>
        closing["parts"]!.AsArray().Select(p => ((string)p!["cause"]!, (double)p["probability_after"]!)).ToArray();

    [Fact]
    public void ARingFilterBeforeASplitterIsSpectralFilteringThenTheSecondDetector()
    {
        // An ideal single-photon source (brightness 1, g2 0): P(≥ 1) is the transmission itself, so every part is a
        // transmission. The ring drops the whole line centre, and a part of the dephased line's wings.
        var result = RunHelper.Result(RingBeforeASplitter);
        double tau = (double)result["transmission"]!;           // ∫S|T|² over both detectors, the analysis' own field
        Assert.InRange(tau, 0.2, 0.6);
        var parts = Parts(Closing(result));
        Assert.Equal(["spectral_filtering", "detectors_combined"], parts.Select(p => p.Cause));
        Assert.Equal(0.9 * tau / 2, parts[0].After, 10);          // the best detector over the spectrum
        Assert.Equal((0.9 + 0.8) * tau / 2, parts[1].After, 10);  // both detectors
    }

    [Fact]
    public void TwoPathsIntoOneDetectorAreInterferenceAtTheLineCentre()
    {
        // A Mach–Zehnder interferometer with a phase φ in one arm: the best path crosses both splitters (1/4), the two
        // paths together give cos²(φ/2) at the out0 port.
        const double phi = 1.1;
        var result = RunHelper.Result($$$"""
            photonickit: 1
            wavelength_nm: 930
            instances:
              dot: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 1, beta_right_fraction: 1, repetition_rate_mhz: 80}}
              bs1: beam_splitter
              bs2: beam_splitter
              ps: {component: phase_shifter, settings: {phase_rad: {{{phi.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}}}}}
              d0: detector
            connections: {"dot,right": "bs1,in0", "bs1,out0": "ps,o1", "ps,o2": "bs2,in0", "bs1,out1": "bs2,in1", "bs2,out0": "d0,in"}
            ports: {left: "dot,left", out1: "bs2,out1"}
            analyses:
              - {type: efficiency, source: dot, detectors: [d0]}
            """);
        var parts = Parts(Closing(result));
        var interference = Assert.Single(parts);
        Assert.Equal("interference", interference.Cause);
        double expected = (double)result["probability"]!;
        Assert.Equal(expected, interference.After, 12);
        // Which output takes cos² and which sin² depends on the splitters' phase convention; one of them it is.
        double c2 = Math.Cos(phi / 2) * Math.Cos(phi / 2);
        Assert.True(Math.Abs(interference.After - c2) < 1e-9 || Math.Abs(interference.After - (1 - c2)) < 1e-9, $"{interference.After}");
        var budget = result["budget"]!.AsArray();
        Assert.Equal(0.25, (double)budget[^2]!["probability_after"]!, 12); // the best path: both splitters' halves
    }

    [Fact]
    public void AnInterferometerDarkAtTheLineCentreButLitOverTheLineIsInterferenceThenSpectralFiltering()
    {
        // Arms 100 µm apart with the phase that makes out0 dark at 930 nm: a broad (dephased) line still gets through
        // off its centre. The parts still end at the entry, their losses adding up to its loss.
        double phase = -2 * Math.PI * 2.4 * 100 / 0.930;
        var result = RunHelper.Result($$$"""
            photonickit: 1
            wavelength_nm: 930
            instances:
              dot: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 1, beta_right_fraction: 1, pure_dephasing_per_ns: 20, repetition_rate_mhz: 80}}
              bs1: beam_splitter
              bs2: beam_splitter
              a: {component: waveguide, settings: {length_um: 100}}
              ps: {component: phase_shifter, settings: {phase_rad: {{{phase.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}}}}}
              d0: detector
            connections: {"dot,right": "bs1,in0", "bs1,out0": "a,o1", "a,o2": "ps,o1", "ps,o2": "bs2,in0", "bs1,out1": "bs2,in1", "bs2,out0": "d0,in"}
            ports: {left: "dot,left", out1: "bs2,out1"}
            analyses:
              - {type: efficiency, source: dot, detectors: [d0]}
            """);
        var parts = Parts(Closing(result));
        Assert.Equal("spectral_filtering", parts[^1].Cause);
        Assert.Equal((double)result["probability"]!, parts[^1].After, 12);
        Assert.InRange((double)result["probability"]!, 1e-3, 0.1);
        if (parts.Length == 2) Assert.True(parts[0].After < 1e-20, $"{parts[0].After}"); // dark at the centre
    }

    [Fact]
    public void ADemultiplexedFrameIsAveragedOverItsPulses()
    {
        // Channels of different efficiency: the budget follows the best pulse (0.9), the frame averages all four.
        var result = RunHelper.Result("""
            photonickit: 1
            wavelength_nm: 930
            instances:
              qd: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 1, beta_right_fraction: 1, repetition_rate_mhz: 80}}
              demux: {component: time_demux, settings: {channels: 4, efficiency: [0.9, 0.6, 0.5, 0.4]}}
              d0: detector
              d1: detector
              d2: detector
              d3: detector
            connections: {"qd,right": "demux,in", "demux,out0": "d0,in", "demux,out1": "d1,in", "demux,out2": "d2,in", "demux,out3": "d3,in"}
            ports: {left: "qd,left"}
            analyses:
              - {type: efficiency, source: qd, detectors: [d0, d1, d2, d3]}
            """);
        var parts = Parts(Closing(result));
        Assert.Equal("pulses_averaged", parts[^1].Cause);
        Assert.Equal((0.9 + 0.6 + 0.5 + 0.4) / 4, parts[^1].After, 10);
        Assert.DoesNotContain(parts, p => p.Cause == "spectral_filtering");
    }

    [Fact]
    public void APathThatIsTheWholeStoryHasNoClosingEntry()
    {
        var result = RunHelper.Result("""
            photonickit: 1
            wavelength_nm: 930
            instances:
              dot: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 0.8, beta_right_fraction: 1, repetition_rate_mhz: 80}}
              w: {component: waveguide, settings: {length_um: 1000, loss_db_per_cm: 3}}
              d0: {component: detector, settings: {efficiency: 0.7}}
            connections: {"dot,right": "w,o1", "w,o2": "d0,in"}
            ports: {left: "dot,left"}
            analyses:
              - {type: efficiency, source: dot, detectors: [d0]}
            """);
        Assert.DoesNotContain(result["budget"]!.AsArray(), e => (string)e!["instance"]! == "interference");
    }

    [Fact]
    public void TheChainOfFiguresCarriesTheSameParts()
    {
        var yaml = RingBeforeASplitter + "  - {type: figures, source: q0, detectors: [d0, d1]}\n";
        var run = RunHelper.Run(yaml).Document["results"]!.AsArray();
        var budgetParts = Parts(Closing(run[0]!.AsObject()));
        var chain = run[1]!["chain"]!.AsArray();
        var step = chain.Single(c => (string)c!["point"]! == "interference")!;
        var chainParts = step["parts"]!.AsArray();
        Assert.Equal(budgetParts.Select(p => p.Cause), chainParts.Select(p => (string)p!["cause"]!));
        Assert.Equal(budgetParts.Select(p => p.After), chainParts.Select(p => (double)p!["brightness"]!));
        Assert.Equal((double)step["factor"]!, chainParts.Aggregate(1.0, (a, p) => a * (double)p!["factor"]!), 12);
    }
}
