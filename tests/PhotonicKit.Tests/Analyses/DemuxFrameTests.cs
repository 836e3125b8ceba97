using System.Globalization;
using System.Text.Json.Nodes;

namespace PhotonicKit.Tests.Analyses;

/// <summary>
/// A time_demux between sources and detectors (spec §3, §5): pulse k of a frame leaves by out k with all its photons;
/// `efficiency` and `figures` average over the pulses, `g2` and `photon_statistics` are per frame of N pulses. The
/// expected values are written from the photon-number distribution of the `source` analysis and the channel
/// efficiencies, independently of the engine. Also detector jitter against the gate.
/// </summary>
public class DemuxFrameTests
{
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static readonly double[] Channel = [0.9, 0.6];
    private const double DetectorEfficiency = 0.8;

    /// <summary>One dot with two-photon emission (g2 override) through a 2-channel demux; d0 and d1 on the two channels.</summary>
    private static string TwoChannels(string analysis, string detectorExtra = "") => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          qd: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 0.8, beta_right_fraction: 1, repetition_rate_mhz: 80, g2: 0.1}}
          demux: {component: time_demux, settings: {channels: 2, efficiency: [{{{F(Channel[0])}}}, {{{F(Channel[1])}}}]}}
          d0: {component: detector, settings: {efficiency: {{{F(DetectorEfficiency)}}}{{{detectorExtra}}}}}
          d1: {component: detector, settings: {efficiency: {{{F(DetectorEfficiency)}}}{{{detectorExtra}}}}}
        connections:
          "qd,right": "demux,in"
          "demux,out0": "d0,in"
          "demux,out1": "d1,in"
        ports: {left: "qd,left"}
        analyses:
          - {type: source, source: qd}
          - {{{analysis}}}
        """;

    /// <summary>(p0, p1, p2) collected into the circuit, from the `source` analysis (all light goes right).</summary>
    private static (double P0, double P1, double P2) Distribution(JsonNode source) =>
        ((double)source["p0"]!, (double)source["p1"]!, (double)source["p2"]!);

    /// <summary>P(no photon detected) after a loss with transmission t: p0 + p1(1 − t) + p2(1 − t)².</summary>
    private static double NoneDetected((double P0, double P1, double P2) p, double t) => p.P0 + p.P1 * (1 - t) + p.P2 * (1 - t) * (1 - t);

    [Fact]
    public void EfficiencyThroughADemuxAveragesThePulsesWithTheirPhotonsTogether()
    {
        var run = RunHelper.Run(TwoChannels("{type: efficiency, source: qd, detectors: [d0, d1]}")).Document["results"]!;
        var p = Distribution(run[0]!);
        Assert.True(p.P2 > 1e-3, "the test needs two-photon emission");
        var efficiency = run[1]!;
        // Pulse k leaves by channel k with both photons of a two-photon emission.
        double expected = Channel.Average(eta => 1 - NoneDetected(p, eta * DetectorEfficiency));
        Assert.Equal(expected, (double)efficiency["probability"]!, 12);
        // Splitting the photons of one pulse over the channels (S = √(η_k/N) for each photon) would give this instead:
        double classical = 1 - NoneDetected(p, Channel.Average() * DetectorEfficiency);
        Assert.True(Math.Abs(expected - classical) > 1e-5, "the two models must differ for this test to mean something");
        Assert.Equal(Channel.Average(), (double)efficiency["transmission"]!, 12);
        Assert.Equal(80e6 * expected, (double)efficiency["rate_hz"]!, 1e-9 * 80e6);
        // The budget follows the best channel (0) and closes on the frame average.
        var budget = efficiency["budget"]!.AsArray();
        Assert.Equal("qd", (string)budget[0]!["instance"]!);
        Assert.Equal("demux", (string)budget[1]!["instance"]!);
        Assert.Equal(1 - NoneDetected(p, Channel[0]), (double)budget[1]!["probability_after"]!, 12);
        Assert.Equal(expected, (double)budget[^1]!["probability_after"]!, 12);
    }

    [Fact]
    public void G2OfDetectorsOnDifferentChannelsIsOneAndTheCoincidencesMultiply()
    {
        var run = RunHelper.Run(TwoChannels("{type: g2, source: qd, detectors: [d0, d1]}")).Document["results"]!;
        var p = Distribution(run[0]!);
        var g2 = run[1]!;
        // The detectors see different, independent pulses of the frame: the side peak of a pulsed correlation, g2 = 1.
        Assert.Equal(1.0, (double)g2["g2"]!, 12);
        double click0 = 1 - NoneDetected(p, Channel[0] * DetectorEfficiency), click1 = 1 - NoneDetected(p, Channel[1] * DetectorEfficiency);
        Assert.Equal(click0 * click1, (double)g2["coincidence_probability"]!, 12);
    }

    [Fact]
    public void G2OfOneChannelSplitOnTwoDetectorsIsThePulsesG2()
    {
        const string yaml = """
            photonickit: 1
            wavelength_nm: 930
            instances:
              qd: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 0.8, beta_right_fraction: 1, repetition_rate_mhz: 80, g2: 0.1}}
              demux: {component: time_demux, settings: {channels: 3, efficiency: [0.9, 0.8, 0.7]}}
              bs: {component: beam_splitter}
              d0: {component: detector, settings: {efficiency: 0.7}}
              d1: {component: detector, settings: {efficiency: 0.7}}
            connections:
              "qd,right": "demux,in"
              "demux,out1": "bs,in0"
              "bs,out0": "d0,in"
              "bs,out1": "d1,in"
            ports: {left: "qd,left"}
            analyses:
              - {type: source, source: qd}
              - {type: g2, source: qd, detectors: [d0, d1]}
            """;
        var run = RunHelper.Run(yaml).Document["results"]!;
        var p = Distribution(run[0]!);
        // Only pulse 1 of each frame reaches the splitter: ⟨n0 n1⟩/(⟨n0⟩⟨n1⟩) = 2p2/μ², independent of the loss.
        double mu = p.P1 + 2 * p.P2;
        Assert.Equal(2 * p.P2 / (mu * mu), (double)run[1]!["g2"]!, 10);
        Assert.Equal((double)run[0]!["g2"]!, (double)run[1]!["g2"]!, 10);
    }

    /// <summary>Two dots on a 50:50 splitter whose out0 feeds a 2-channel demux; pnr detectors on the channels.</summary>
    private static string TwoDots(double wavelengthB) => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          a: {component: quantum_dot, settings: {wavelength_nm: 930, lifetime_ps: 100, beta: 1, beta_right_fraction: 1, repetition_rate_mhz: 80, indistinguishability: 1}}
          b: {component: quantum_dot, settings: {wavelength_nm: {{{F(wavelengthB)}}}, lifetime_ps: 100, beta: 1, beta_right_fraction: 1, repetition_rate_mhz: 80, indistinguishability: 1}}
          bs: {component: beam_splitter}
          demux: {component: time_demux, settings: {channels: 2}}
          d0: {component: detector, settings: {resolution: pnr, max_photons: 2}}
          d1: {component: detector, settings: {resolution: pnr, max_photons: 2}}
        connections:
          "a,right": "bs,in0"
          "b,right": "bs,in1"
          "bs,out0": "demux,in"
          "demux,out0": "d0,in"
          "demux,out1": "d1,in"
        ports: {a_left: "a,left", b_left: "b,left"}
        analyses:
          - {type: photon_statistics, sources: [a, b], detectors: [d0, d1], marginals: true}
        """;

    private static double PatternProbability(JsonNode result, int c0, int c1) =>
        result["patterns"]!.AsArray().Where(x => (int)x!["clicks"]![0]! == c0 && (int)x!["clicks"]![1]! == c1).Sum(x => (double)x!["probability"]!);

    [Fact]
    public void SeveralSourcesThroughADemuxArePerFrameWithHongOuMandelBunchingInEachChannel()
    {
        // Identical dots: in each pulse the two photons bunch at the splitter (HOM), so channel k sees 0 or 2 photons,
        // 1/2 each, independently for the two pulses of the frame.
        var identical = RunHelper.Result(TwoDots(930));
        Assert.Equal(0.25, PatternProbability(identical, 2, 2), 10);
        Assert.Equal(0.25, PatternProbability(identical, 0, 2), 10);
        Assert.Equal(0.0, PatternProbability(identical, 1, 1), 10);
        Assert.Equal(1.0, (double)identical["probability_sum"]!, 12);
        Assert.Equal(new[] { "a", "b" }, identical["sources"]!.AsArray().Select(x => (string)x!).ToArray());
        // Frames at f/2; both detectors fire in 1/4 of them.
        Assert.Equal(40e6 * 0.25, (double)identical["n_fold_rate_hz"]!["2"]!, 1e-9 * 40e6);
        // Dots 10 nm apart (overlap ~ (Γ/Δω)² ≈ 2·10⁻⁷): each photon takes out0 with probability 1/2 on its own, so
        // the counts are Binomial(2, 1/2) per channel.
        var distinct = RunHelper.Result(TwoDots(940));
        Assert.Equal(0.5 * 0.5, PatternProbability(distinct, 1, 1), 6);
        Assert.Equal(0.25 * 0.25, PatternProbability(distinct, 2, 2), 6);
        Assert.Equal(0.25, (double)distinct["marginals"]!["d0"]![2]!, 6);
    }

    [Fact]
    public void JitterOutsideTheGateIsALossBeforeTheDetector()
    {
        // A Gaussian response of FWHM w against a gate of width w centred on the arrival: erf(√ln 2) = 0.760968108550488.
        const double inGate = 0.760968108550488;
        var plain = RunHelper.Run(TwoChannels("{type: efficiency, source: qd, detectors: [d0]}")).Document["results"]!;
        var jittered = RunHelper.Run(TwoChannels("{type: efficiency, source: qd, detectors: [d0]}", ", jitter_ps: 1000, gate_ns: 1")).Document["results"]!;
        var p = Distribution(plain[0]!);
        // Only pulse 0 of the two reaches d0: the per-pulse average is half its click probability.
        Assert.Equal(0.5 * (1 - NoneDetected(p, Channel[0] * DetectorEfficiency)), (double)plain[1]!["probability"]!, 12);
        Assert.Equal(0.5 * (1 - NoneDetected(p, Channel[0] * DetectorEfficiency * inGate)), (double)jittered[1]!["probability"]!, 12);
        // A jitter far below the gate loses nothing.
        var sharp = RunHelper.Run(TwoChannels("{type: efficiency, source: qd, detectors: [d0]}", ", jitter_ps: 50, gate_ns: 1")).Document["results"]!;
        Assert.Equal((double)plain[1]!["probability"]!, (double)sharp[1]!["probability"]!, 14);
    }

    [Fact]
    public void HomOfTwoSourcesWithADemuxIsRefusedWithTheReason()
    {
        string yaml = TwoDots(930).Replace("  - {type: photon_statistics, sources: [a, b], detectors: [d0, d1], marginals: true}",
            "  - {type: hom, sources: [a, b], detectors: [d0, d1]}");
        var bag = new PhotonicKit.Circuit.Diagnostics.DiagnosticBag("test.yaml");
        Assert.Null(PhotonicKit.Circuit.Running.NetlistRunner.Prepare(yaml, "test.yaml", [], strict: false, bag));
        Assert.Contains(bag.All, d => d.Message.Contains("time_demux 'demux'") && d.Message.Contains("photon_statistics"));
    }

    [Theory]
    [InlineData(0.0, 1.0, 1.0)]
    [InlineData(1000.0, 1.0, 0.760968108550488)]   // erf(√ln 2)
    [InlineData(2000.0, 1.0, 0.443940824343022)]   // erf(√ln 2 / 2)
    [InlineData(100.0, 1.0, 1.0)]
    public void InGateFractionIsTheGaussianShareInsideTheGate(double jitterPs, double gateNs, double expected)
    {
        var settings = new PhotonicKit.Components.Detection.DetectorSettings(0.9, 0, gateNs, 0, jitterPs,
            PhotonicKit.Components.Detection.DetectorResolution.Threshold, 8);
        Assert.Equal(expected, settings.InGateFraction, 12);
        Assert.Equal(0.9 * expected, settings.RegisteredFraction, 12);
    }

    [Fact]
    public void PulsesThatReachNoDetectorAreLeftOutAndAnOversizedFrameIsRefusedWithTheEstimate()
    {
        // 16 pulses per frame: with d0, d1 on two channels only two pulses reach a detector, and g2 is cheap.
        string TwoOfSixteen = $$$"""
            photonickit: 1
            wavelength_nm: 930
            instances:
              qd: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 0.8, beta_right_fraction: 1, repetition_rate_mhz: 80, g2: 0.05}}
              demux: {component: time_demux, settings: {channels: 16, efficiency: 0.9}}
              d0: {component: detector}
              d1: {component: detector}
            connections:
              "qd,right": "demux,in"
              "demux,out0": "d0,in"
              "demux,out1": "d1,in"
            ports: {left: "qd,left"{{{string.Concat(Enumerable.Range(2, 14).Select(k => $", o{k}: \"demux,out{k}\""))}}}}
            analyses:
              - {type: g2, source: qd, detectors: [d0, d1]}
            """;
        Assert.Equal(1.0, (double)RunHelper.Result(TwoOfSixteen)["g2"]!, 12);

        // All 16 pulses mixed onto the two detectors by a 16-mode Fourier matrix: 3^16 photon-number configurations
        // of up to 32 photons is refused, naming the analysis and the estimate.
        int m = 16;
        string Row(Func<int, double> entry) => "[" + string.Join(", ", Enumerable.Range(0, m).Select(j => F(entry(j)))) + "]";
        string re = "[" + string.Join(", ", Enumerable.Range(0, m).Select(i => Row(j => Math.Cos(2 * Math.PI * i * j / m) / Math.Sqrt(m)))) + "]";
        string im = "[" + string.Join(", ", Enumerable.Range(0, m).Select(i => Row(j => Math.Sin(2 * Math.PI * i * j / m) / Math.Sqrt(m)))) + "]";
        string connections = string.Concat(Enumerable.Range(0, m).Select(k => $"  \"demux,out{k}\": \"f,in{k}\"\n"));
        string exports = string.Concat(Enumerable.Range(2, m - 2).Select(k => $", o{k}: \"f,out{k}\""));
        string mixed = $$$"""
            photonickit: 1
            wavelength_nm: 930
            instances:
              qd: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 0.8, beta_right_fraction: 1, repetition_rate_mhz: 80, g2: 0.05}}
              demux: {component: time_demux, settings: {channels: 16}}
              f: {component: unitary, settings: {matrix_re: {{{re}}}, matrix_im: {{{im}}}}}
              d0: {component: detector}
              d1: {component: detector}
            connections:
              "qd,right": "demux,in"
              "f,out0": "d0,in"
              "f,out1": "d1,in"
            {{{connections}}}ports: {left: "qd,left"{{{exports}}}}
            analyses:
              - {type: g2, source: qd, detectors: [d0, d1]}
            """;
        var bag = new PhotonicKit.Circuit.Diagnostics.DiagnosticBag("test.yaml");
        var prepared = PhotonicKit.Circuit.Running.NetlistRunner.Prepare(mixed, "test.yaml", [], strict: false, bag);
        Assert.True(prepared is not null, string.Join("\n", bag.All));
        var e = Assert.Throws<PhotonicKit.Circuit.Analyses.AnalysisException>(() => prepared!.Execute());
        Assert.Equal("analyses[0]", e.KeyPath);
        Assert.Contains("'g2' analysis is too large", e.Message);
        Assert.Contains("estimate", e.Message);
    }

    [Fact]
    public void EfficiencyOfAWideDemuxIsEstimatedPerPulse()
    {
        // 32 pulses per frame: efficiency computes them one at a time, so the size check is that of one pulse.
        string yaml = TwoChannels("{type: efficiency, source: qd, detectors: [d0, d1]}")
            .Replace("channels: 2, efficiency: [0.9, 0.6]", "channels: 32, efficiency: 0.9")
            .Replace("ports: {left: \"qd,left\"}", "ports: {left: \"qd,left\"" + string.Concat(Enumerable.Range(2, 30).Select(k => $", o{k}: \"demux,out{k}\"")) + "}");
        var run = RunHelper.Run(yaml).Document["results"]!;
        var p = Distribution(run[0]!);
        double click = 1 - NoneDetected(p, 0.9 * DetectorEfficiency);
        Assert.Equal(2 * click / 32, (double)run[1]!["probability"]!, 12);
    }
}
