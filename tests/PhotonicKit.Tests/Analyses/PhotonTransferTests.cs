using System.Text.Json.Nodes;

namespace PhotonicKit.Tests.Analyses;

/// <summary>The source-to-detector transfer: ports of a quantum dot, direct connections, figures against efficiency.</summary>
public class PhotonTransferTests
{
    private static double D(JsonNode? n) => (double)n!;

    private static string Dot(double f, string left, string right) => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          qd: {component: quantum_dot, settings: {lifetime_ps: 300, beta: 0.9, beta_right_fraction: {{{f}}}, repetition_rate_mhz: 50}}
          bs: {component: beam_splitter}
          d0: {component: detector, settings: {efficiency: 0.8}}
          d1: {component: detector, settings: {efficiency: 0.8}}
        connections:
          "qd,left": "{{{left}}}"
          "qd,right": "{{{right}}}"
          "bs,out0": "d0,in"
          "bs,out1": "d1,in"
        analyses:
          - {type: efficiency, source: qd, detectors: [d0, d1]}
          - {type: figures, source: qd}
          - {type: photon_statistics, sources: [qd], detectors: [d0, d1]}
        """;

    [Fact]
    public void BothPortsOfADotInterfereOnASplitter()
    {
        // √f·right + √(1−f)·left into in1 and in0 of a 50:50 splitter [[t, iκ], [iκ, t]]: out0 gets
        // (√(1−f) + i√f)/√2 → |.|² = 1/2 whatever f; both ports collected, so efficiency = β η_det.
        foreach (double f in new[] { 0.5, 0.8 })
        {
            var run = RunHelper.Run(Dot(f, "bs,in0", "bs,in1"));
            var eff = run.Document["results"]![0]!.AsObject();
            Assert.Equal(1, D(eff["transmission"]), 1e-9);
            Assert.Equal(0.9 * 0.8, D(eff["probability"]), 1e-9);
            var stats = run.Document["results"]![2]!.AsObject();
            var p = stats["patterns"]!.AsArray().ToDictionary(x => string.Join(",", x!["clicks"]!.AsArray().Select(c => (int)c!)), x => D(x!["probability"]));
            Assert.Equal(0.9 * 0.8 / 2, p["1,0"], 1e-9);
            Assert.Equal(0.9 * 0.8 / 2, p["0,1"], 1e-9);
        }
    }

    [Fact]
    public void AChiralDotSendsEverythingRightAndAnUnconnectedPortLosesItsShare()
    {
        // left port wired straight to d1, right port into the splitter's in0 (in1 unconnected).
        string yaml = Dot(0.7, "d1,in", "bs,in0").Replace("  \"bs,out1\": \"d1,in\"\n", "");
        var eff = RunHelper.Run(yaml).Document["results"]![0]!.AsObject();
        // d0 gets the right share through the bar port: 0.7 · 0.5; d1 the left share directly: 0.3.
        Assert.Equal(0.7 * 0.5 + 0.3, D(eff["transmission"]), 1e-9);
        Assert.Equal(0.9 * (0.7 * 0.5 + 0.3) * 0.8, D(eff["probability"]), 1e-9);
    }

    [Fact]
    public void FiguresChainEndsAtTheEfficiencyProbability()
    {
        var run = RunHelper.Run(Dot(0.5, "bs,in0", "bs,in1"));
        var eff = run.Document["results"]![0]!.AsObject();
        var fig = run.Document["results"]![1]!.AsObject();
        var chain = fig["chain"]!.AsArray();
        Assert.Equal(["prepared", "emitted", "collected", "polarization_filtered", "bs", "detected"], chain.Select(c => (string)c!["point"]!));
        Assert.Equal(D(eff["probability"]), D(chain[^1]!["brightness"]), 1e-12);
        Assert.Equal(D(eff["rate_hz"]), D(fig["rate_hz"]), 1e-6);
        Assert.Equal(50e6 * 0.72, D(fig["rate_hz"]), 1e-3);
        // No filter in the circuit: M is the source's Γ/(Γ + 2γ*) = 1 and V = M for g2 = 0.
        Assert.Equal(1, D(fig["indistinguishability"]), 1e-9);
        Assert.Equal(1, D(fig["hom_visibility"]), 1e-9);
    }

    [Fact]
    public void DeadTimeLowersTheRate()
    {
        // R → R/(1 + R τ_d) for one detector.
        string yaml = Dot(1, "bs,in1", "d0,in").Replace("d0: {component: detector, settings: {efficiency: 0.8}}",
            "d0: {component: detector, settings: {efficiency: 0.8, dead_time_ns: 20}}").Replace("  \"bs,out0\": \"d0,in\"\n", "")
            .Replace("detectors: [d0, d1]}", "detectors: [d0]}");
        var eff = RunHelper.Run(yaml).Document["results"]![0]!.AsObject();
        double r = 50e6 * 0.9 * 0.8;
        Assert.Equal(r / (1 + r * 20e-9), D(eff["rate_hz"]), 1e-3);
    }

    [Fact]
    public void HomWithOneSourceSaysItIsNotSupported()
    {
        string yaml = Dot(0.5, "bs,in0", "bs,in1").Replace("  - {type: efficiency, source: qd, detectors: [d0, d1]}", "  - {type: hom, sources: [qd], detectors: [d0, d1]}");
        var bag = new PhotonicKit.Circuit.Diagnostics.DiagnosticBag("test.yaml");
        Assert.Null(PhotonicKit.Circuit.Running.NetlistRunner.Prepare(yaml, "test.yaml", [], strict: false, bag));
        Assert.Contains(bag.All, d => d.Message.Contains("time_demux is not supported"));
    }
}
