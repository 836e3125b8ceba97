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
        // The source's points, then the efficiency budget after its source entry, then "detected".
        var budget = eff["budget"]!.AsArray().Skip(1).Select(b => (string)b!["instance"]!);
        Assert.Equal(new[] { "prepared", "emitted", "collected", "polarization_filtered" }.Concat(budget).Append("detected"), chain.Select(c => (string)c!["point"]!));
        Assert.Equal(D(eff["probability"]), D(chain[^1]!["brightness"]), 1e-12);
        // Factors multiply to the detected probability.
        Assert.Equal(D(eff["probability"]), chain.Aggregate(1.0, (a, c) => a * D(c!["factor"])), 1e-12);
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

    /// <summary>
    /// The pulsed dead time: no loss while the detector recovers before the next pulse (τ_d ≤ 1/f, here 20 ns at 50 MHz),
    /// f·p/(1 + K·p) with K = ⌈τ_d·f⌉ − 1 pulses missed after each click otherwise (τ_d = 50 ns: K = 2), where the
    /// continuous form would give R/(1 + Rτ_d).
    /// </summary>
    [Theory]
    [InlineData(20.0, 0.0)]
    [InlineData(50.0, 2.0)]
    [InlineData(1000.0, 49.0)]
    public void PulsedDeadTimeMissesThePulsesWithinIt(double deadTimeNs, double missed)
    {
        string yaml = Dot(1, "bs,in1", "d0,in").Replace("d0: {component: detector, settings: {efficiency: 0.8}}",
            $"d0: {{component: detector, settings: {{efficiency: 0.8, dead_time_ns: {deadTimeNs.ToString(System.Globalization.CultureInfo.InvariantCulture)}, dead_time_model: pulsed}}}}")
            .Replace("  \"bs,out0\": \"d0,in\"\n", "").Replace("detectors: [d0, d1]}", "detectors: [d0]}");
        var eff = RunHelper.Run(yaml).Document["results"]![0]!.AsObject();
        double p = 0.9 * 0.8;
        Assert.Equal(p, D(eff["probability"]), 1e-12);
        Assert.Equal(50e6 * p / (1 + missed * p), D(eff["rate_hz"]), 1e-3);
    }

    /// <summary>
    /// The pulsed form against a simulation of the detector: independent clicks with probability p per pulse, the K
    /// pulses after each click missed; the simulated rate per pulse agrees with p/(1 + K·p) within four standard errors.
    /// </summary>
    [Theory]
    [InlineData(0.3, 2.5)]
    [InlineData(0.05, 10.2)]
    [InlineData(0.7, 0.8)]
    public void PulsedDeadTimeMatchesASimulatedDetector(double p, double periodsOfDeadTime)
    {
        const double rateHz = 80e6;
        var settings = new PhotonicKit.Components.Detection.DetectorSettings(1, 0, 1, periodsOfDeadTime / rateHz * 1e9, 0,
            PhotonicKit.Components.Detection.DetectorResolution.Threshold, 1) { PulsedDeadTime = true };
        double k = settings.BlockedPulses(rateHz);
        Assert.Equal(Math.Ceiling(periodsOfDeadTime) - 1, k);
        var random = new Random(3);
        const int pulses = 2_000_000;
        long clicks = 0;
        int dead = 0;
        for (int i = 0; i < pulses; i++)
        {
            if (dead > 0) { dead--; continue; }
            if (random.NextDouble() < p) { clicks++; dead = (int)k; }
        }
        double simulated = (double)clicks / pulses, expected = settings.RateWithDeadTime(rateHz, p) / rateHz;
        // A renewal process: the count's variance is about N·p(1 − p)/(1 + K·p)³ per pulse.
        double error = Math.Sqrt(p * (1 - p) / Math.Pow(1 + k * p, 3) / pulses);
        Assert.True(Math.Abs(simulated - expected) < 4 * error, $"simulated {simulated:R}, formula {expected:R}, standard error {error:R}");
    }

    [Fact]
    public void HomWithOneSourceNeedsATimeDemux()
    {
        string yaml = Dot(0.5, "bs,in0", "bs,in1").Replace("  - {type: efficiency, source: qd, detectors: [d0, d1]}", "  - {type: hom, sources: [qd], detectors: [d0, d1]}");
        var bag = new PhotonicKit.Circuit.Diagnostics.DiagnosticBag("test.yaml");
        Assert.Null(PhotonicKit.Circuit.Running.NetlistRunner.Prepare(yaml, "test.yaml", [], strict: false, bag));
        Assert.Contains(bag.All, d => d.Message.Contains("needs exactly one time_demux") && d.Message.Contains("the circuit has 0"));
    }

    private static string Demux(double delayPs, string source, string efficiency = "[0.9, 0.7]") => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          qd: {component: cavity_source, settings: {lifetime_ps: 100, beta: 1, repetition_rate_mhz: 1000{{{source}}}}}
          demux: {component: time_demux, settings: {channels: 2, efficiency: {{{efficiency}}}}}
          dl: {component: delay_line, settings: {delay_ps: {{{delayPs}}}}}
          bs: {component: beam_splitter}
          l1: {component: attenuator, settings: {loss_db: 2}}
          d0: {component: detector, settings: {efficiency: 0.8}}
          d1: {component: detector, settings: {efficiency: 0.6}}
        connections:
          "qd,out": "demux,in"
          "demux,out0": "dl,o1"
          "dl,o2": "bs,in0"
          "demux,out1": "bs,in1"
          "bs,out0": "d0,in"
          "bs,out1": "l1,o1"
          "l1,o2": "d1,in"
        analyses:
          - {type: hom, sources: [qd], detectors: [d0, d1], delay_ps: [0, 100]}
        """;

    [Fact]
    public void OneSourceThroughATimeDemuxFollowsOllivier()
    {
        // Pulse 0 leaves by out0 and waits 1000 ps (1/f_rep) for pulse 1: V = M_s(1 − g2 μ/2)² − g2
        // (Ollivier et al., PRL 126, 063602 (2021)) for balanced inputs, whatever the losses after the splitter.
        const double g2 = 0.04, m = 0.92;
        double p2 = g2 / (1 + Math.Sqrt(1 - 2 * g2) - g2), p1 = 1 - p2; // p_x = 1, p2 = p_x² g2/(1 − p_x g2 + √(1 − 2p_x g2))
        double mu = p1 + 2 * p2;
        var r = RunHelper.Result(Demux(1000, $", g2: {g2}, indistinguishability: {m}", "[0.8, 0.8]"));
        // (group delays are numerical derivatives: τ to ~10⁻⁶ ps, so V and M to ~10⁻⁸)
        Assert.Equal(m * Math.Pow(1 - g2 * mu / 2, 2) - g2, D(r["visibility"]), 1e-7);
        Assert.Equal(m, D(r["indistinguishability"]), 1e-7);
        Assert.Equal((D(r["visibility"]) + g2) / (1 - g2), D(r["indistinguishability_from_visibility"]), 1e-12);
        // Without the delay line's compensation the pulses arrive 1000 ps = 10 lifetimes apart: M e^{−10}.
        var late = RunHelper.Result(Demux(0, $", g2: {g2}, indistinguishability: {m}"));
        Assert.Equal(m * Math.Exp(-10), D(late["indistinguishability"]), 1e-9);
    }

    [Fact]
    public void OneIdealSourceThroughATimeDemuxGivesTheDip()
    {
        // Ideal photons: coincidences per frame η0η1·(1 − e^{−Γ|τ|})/2 with η0 = 0.9·0.8·... per path.
        var r = RunHelper.Result(Demux(1000, ""));
        double[] c = RunHelper.Series(r["coincidences"]);
        Assert.Equal(1, D(r["visibility"]), 1e-7);
        Assert.Equal(0, c[0], 1e-9);
        // Photon a (pulse 0, channel 0) reaches d0/d1 with 0.9·½·0.8 and 0.9·½·0.631·0.6, b likewise with 0.7.
        double t1 = Math.Pow(10, -0.2);
        double a0 = 0.9 * 0.5 * 0.8, a1 = 0.9 * 0.5 * t1 * 0.6, b0 = 0.7 * 0.5 * 0.8, b1 = 0.7 * 0.5 * t1 * 0.6;
        // Distinguishable part (1 − M): classical sum; the indistinguishable part cancels on a balanced splitter.
        double m = Math.Exp(-1.0);
        Assert.Equal((1 - m) * (a0 * b1 + a1 * b0), c[1], 1e-9);
    }

    [Fact]
    public void ANarrowFilterReshapesThePhotonButADelayOnlyShiftsIt()
    {
        // A pure 1000 ps delay only shifts the wavepacket in time: the photons stay exact wavepackets, no warning. A ring
        // whose resonance (FWHM ≈ 2 pm for coupling 0.001) is comparable to the emission linewidth (≈ 1 pm for 100 ps)
        // passes part of the line; the filtered photon of an ideal emitter is still pure (M = 1).
        var delayed = RunHelper.Run(Demux(1000, ""));
        Assert.DoesNotContain(delayed.Document["warnings"]!.AsArray(), w => ((string)w!).Contains("spectral shape"));
        string yaml = """
            photonickit: 1
            wavelength_nm: 930
            instances:
              src: {component: cavity_source, settings: {lifetime_ps: 100, beta: 1}}
              ring: {component: ring_add_drop, settings: {length_um: 38.75, coupling: 0.001, n_eff: 2.4, n_g: 4.2}}
              det: {component: detector}
            connections:
              "src,out": "ring,in0"
              "ring,drop": "det,in"
            analyses:
              - {type: efficiency, source: src, detectors: [det]}
              - {type: figures, source: src, detectors: [det]}
            """;
        var run = RunHelper.Run(yaml);
        // The narrow filter passes only part of the line: transmission < 1 by the spectral integral.
        Assert.True(D(run.Document["results"]![0]!["transmission"]) < 0.9);
        Assert.Equal(1, D(run.Document["results"]![1]!["indistinguishability"]), 1e-9);
    }

    [Fact]
    public void ADetectorTheLightCannotReachGivesZerosAndNullsNotNaN()
    {
        string yaml = """
            photonickit: 1
            wavelength_nm: 930
            instances:
              src: {component: cavity_source, settings: {lifetime_ps: 100, beta: 1, repetition_rate_mhz: 10}}
              wg: {component: waveguide, settings: {length_um: 10}}
              d0: {component: detector}
              d1: {component: detector}
            connections:
              "src,out": "wg,o1"
            analyses:
              - {type: efficiency, source: src, detectors: [d0]}
              - {type: g2, source: src, detectors: [d0, d1]}
              - {type: figures, source: src, detectors: [d0]}
            """;
        var run = RunHelper.Run(yaml);
        var eff = run.Document["results"]![0]!.AsObject();
        Assert.Equal(0, D(eff["probability"]));
        Assert.Equal(0, D(eff["transmission"]));
        Assert.Equal(0, D(eff["rate_hz"]));
        Assert.Null(eff["budget"]!.AsArray()[^1]!["loss_db"]);
        var g2 = run.Document["results"]![1]!.AsObject();
        Assert.Null(g2["g2"]);
        Assert.Contains(run.Document["warnings"]!.AsArray(), w => ((string)w!).Contains("g2 is null"));
        Assert.DoesNotContain("NaN", run.Document.ToJsonString());
        Assert.DoesNotContain("Infinity", run.Document.ToJsonString());
    }
}
