using System.Globalization;
using System.Text.Json.Nodes;
using PhotonicKit.Components.Detection;
using Xunit;

namespace PhotonicKit.Tests.Analyses;

/// <summary>
/// A detector in pulsed operation (docs/physics.md, "Detectors in pulsed operation"): the Markov chain over the pulses of a
/// periodic pattern against the renewal rate of a uniform train, hand-derived patterns, and an event-by-event simulation of a
/// detector with dead time and exponentially delayed afterpulses.
/// </summary>
public class PulsedDetectionTests
{
    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(0.3, 2.5)]
    [InlineData(0.05, 10.2)]
    [InlineData(0.7, 0.8)]
    [InlineData(0.9, 3.0)]
    [InlineData(0.0, 3.0)]
    public void AUniformTrainGivesTheRenewalRateFpOverOnePlusKp(double p, double periodsOfDeadTime)
    {
        const double rateHz = 80e6;
        var settings = new DetectorSettings(1, 0, 1, periodsOfDeadTime / rateHz * 1e9, 0, DetectorResolution.Threshold, 1) { PulsedDeadTime = true };
        var result = settings.InPulsePattern(PulsePattern.Uniform(rateHz, p));
        double expected = settings.RateWithDeadTime(rateHz, p) / rateHz;
        Assert.Equal(expected, result.ClicksPerPeriod, 1e-12);
        Assert.Equal(expected, result.PhotonClicks[0], 1e-12);
        Assert.Equal(0, result.AfterpulseClicks[0]);
        // Ready at a pulse: a click every 1/p ready pulses then K dead ones, 1/(1 + K·p).
        Assert.Equal(1 / (1 + settings.BlockedPulses(rateHz) * p), result.Ready[0], 1e-12);
    }

    /// <summary>
    /// Two pulses a period, at 0 and Δ: a click at pulse 0 blocks pulse 1 (Δ &lt; τ_d) but not the next period's pulse 0
    /// (T ≥ τ_d); a click at pulse 1 blocks the next pulse 0 (T − Δ &lt; τ_d). With x = P(ready at pulse 0): pulse 1 is ready
    /// unless pulse 0 clicked, 1 − x·p₀, and pulse 0 is ready unless pulse 1 clicked: x = 1 − (1 − x·p₀)·p₁, so
    /// x = (1 − p₁)/(1 − p₀p₁), and the clicks a period are x·p₀ + (1 − x·p₀)·p₁.
    /// </summary>
    [Theory]
    [InlineData(0.4, 0.7)]
    [InlineData(0.9, 0.2)]
    [InlineData(1.0, 0.5)]
    public void TwoPulsesAPeriodMatchTheHandDerivedChain(double p0, double p1)
    {
        var pattern = new PulsePattern(100, [0.0, 80.0], [p0, p1]);
        var result = PulsedDetection.Stationary(pattern, deadTimeNs: 90, gateNs: 1, afterpulseProbability: 0, afterpulseTimeNs: 1);
        double x = (1 - p1) / (1 - p0 * p1);
        Assert.Equal(x, result.Ready[0], 1e-9);
        Assert.Equal(1 - x * p0, result.Ready[1], 1e-9);
        Assert.Equal(x * p0 + (1 - x * p0) * p1, result.ClicksPerPeriod, 1e-9);
        // Consecutive pulses never both click: each click blocks the next pulse.
        Assert.All(result.NextClickJoint, j => Assert.Equal(0, j, 15));
        Assert.Equal(0, result.NextPulseCorrelation!.Value, 15);
    }

    /// <summary>
    /// Afterpulses without dead time on a uniform train (period T, gate g centred on each pulse, delay time τ): with u the chance an
    /// afterpulse is pending at the start of a gate, r = 1 − e^(−g/τ) that it lands in that gate and c = p + (1 − p)·u·r the click
    /// probability, a click leaves one pending at the next gate with P_ap·e^(−(T − g/2)/τ) =: π and an unreleased one survives
    /// a period with e^(−T/τ) =: E, so u = c·π + u·(1 − p)·E, i.e. u = π·p/(1 − (1 − p)·E − π·(1 − p)·r).
    /// </summary>
    [Theory]
    [InlineData(0.3, 0.1, 5.0)]
    [InlineData(0.05, 0.3, 20.0)]
    [InlineData(0.6, 0.02, 500.0)]
    public void AfterpulsesOfAUniformTrainMatchTheHandDerivedRate(double p, double pAp, double tauNs)
    {
        const double periodNs = 12.5, gateNs = 2;
        var result = PulsedDetection.Stationary(new PulsePattern(periodNs, [0.0], [p]), 0, gateNs, pAp, tauNs);
        double r = 1 - Math.Exp(-gateNs / tauNs), pi = pAp * Math.Exp(-(periodNs - gateNs / 2) / tauNs), e = Math.Exp(-periodNs / tauNs);
        double u = pi * p / (1 - (1 - p) * e - pi * (1 - p) * r);
        Assert.Equal(u * r, result.AfterpulseGivenReady[0], 1e-12);
        Assert.Equal(p + (1 - p) * u * r, result.ClicksPerPeriod, 1e-12);
        // A click raises the next pulse's click probability: g(next) > 1.
        Assert.True(result.NextPulseCorrelation > 1);
    }

    /// <summary>
    /// The chain against an event-by-event simulation of the detector (its own formulation: times of clicks and of the pending
    /// afterpulse, not states): a gated demultiplexer's bursts of three pulses 12.5 ns apart each 100 ns, with different click
    /// probabilities, a 20 ns dead time (it blocks the next pulse of a burst) and afterpulses (P_ap, τ_ap = 15 ns) in 2 ns gates.
    /// The rate of photon clicks, of afterpulse clicks and of clicks in consecutive pulses agree within five standard errors of
    /// 100 batch means.
    /// </summary>
    [Theory]
    [InlineData(20.0, 0.1, 15.0)]
    [InlineData(30.0, 0.3, 6.0)]
    [InlineData(5.0, 0.05, 40.0)]
    public void TheChainMatchesASimulatedDetectorWithDeadTimeAndAfterpulses(double deadTimeNs, double pAp, double tauNs)
    {
        const double periodNs = 100, gateNs = 2;
        double[] arrivals = [10, 22.5, 35, 60];
        double[] clicks = [0.5, 0.3, 0.6, 0.2];
        var chain = PulsedDetection.Stationary(new PulsePattern(periodNs, [.. arrivals], [.. clicks]), deadTimeNs, gateNs, pAp, tauNs);

        var random = new Random(11);
        const int batches = 100, periodsPerBatch = 20_000;
        var photonBatch = new double[batches];
        var afterpulseBatch = new double[batches];
        var jointBatch = new double[batches];
        double lastClick = double.NegativeInfinity, pending = double.NaN;
        bool previousClicked = false;
        for (int b = 0; b < batches; b++)
        {
            long photon = 0, afterpulse = 0, joint = 0;
            for (int period = 0; period < periodsPerBatch; period++)
            {
                for (int i = 0; i < arrivals.Length; i++)
                {
                    double t = ((double)b * periodsPerBatch + period) * periodNs + arrivals[i];
                    double start = t - gateNs / 2, end = t + gateNs / 2;
                    bool ready = t - lastClick >= deadTimeNs;
                    // A pending afterpulse released before this gate (between gates or while dead) is lost.
                    if (pending < start) pending = double.NaN;
                    bool released = pending >= start && pending <= end;
                    if (released) pending = double.NaN;
                    bool clicked = false;
                    if (ready)
                    {
                        bool fromPhoton = random.NextDouble() < clicks[i];
                        if (fromPhoton) photon++;
                        else if (released) afterpulse++;
                        clicked = fromPhoton || released;
                    }
                    if (clicked)
                    {
                        lastClick = t;
                        pending = random.NextDouble() < pAp ? t - tauNs * Math.Log(1 - random.NextDouble()) : double.NaN;
                    }
                    if (clicked && previousClicked) joint++;
                    previousClicked = clicked;
                }
            }
            photonBatch[b] = (double)photon / periodsPerBatch;
            afterpulseBatch[b] = (double)afterpulse / periodsPerBatch;
            jointBatch[b] = (double)joint / periodsPerBatch;
        }
        AssertAgrees(chain.PhotonClicks.Sum(), photonBatch, "photon clicks a period");
        AssertAgrees(chain.AfterpulseClicks.Sum(), afterpulseBatch, "afterpulse clicks a period");
        AssertAgrees(chain.NextClickJoint.Sum(), jointBatch, "clicks in consecutive pulses a period");
    }

    private static void AssertAgrees(double expected, double[] batchMeans, string what)
    {
        double mean = batchMeans.Average();
        double error = Math.Sqrt(batchMeans.Sum(x => (x - mean) * (x - mean)) / (batchMeans.Length - 1) / batchMeans.Length);
        Assert.True(Math.Abs(mean - expected) < 5 * error + 1e-12, $"{what}: simulated {mean:R} ± {error:R}, chain {expected:R}");
    }

    // ---------------------------------------------------------------- through the analyses

    private static string Demuxed(string demux, string detector, string extraAnalyses = "") => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          qd: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 1, beta_right_fraction: 1, repetition_rate_mhz: 80}}
          dm: {component: time_demux, settings: {channels: 2{{{demux}}}}}
          d0: {component: detector, settings: {efficiency: 0.6{{{detector}}}}}
          d1: {component: detector, settings: {efficiency: 0.6{{{detector}}}}}
        connections:
          "qd,right": "dm,in"
          "dm,out0": "d0,in"
          "dm,out1": "d1,in"
        ports: {left: "qd,left"}
        analyses:
          - {type: efficiency, source: qd, detectors: [d0, d1]}
          - {type: photon_statistics, sources: [qd], detectors: [d0, d1], max_photons: 1}{{{extraAnalyses}}}
        """;

    /// <summary>The registered clicks of a burst of four pulses, each click blocking the next pulse (K = 1 within the burst).</summary>
    private static double BurstOfFour(double p)
    {
        double ready = 1, total = 0;
        for (int i = 0; i < 4; i++)
        {
            double click = ready * p;
            total += click;
            ready = 1 - click;
        }
        return total;
    }

    /// <summary>
    /// A switch gated at 10 MHz on an 80 MHz train with two channels sends each detector bursts of M = 4 consecutive pulses
    /// (12.5 ns apart) every 100 ns. A 15 ns pulsed dead time blocks the next pulse of a burst and never the next burst: each
    /// detector registers f_g·S(p), S the clicks of a burst of four; the mean-rate form would have spread the same clicks
    /// evenly over the train. The n-fold rates thin each detector's clicks by S/(4p).
    /// </summary>
    [Fact]
    public void AGatedDemuxsBurstsSetTheDeadTimeLoss()
    {
        var results = RunHelper.Run(Demuxed(", gate_rate_mhz: 10", ", dead_time_ns: 15, dead_time_model: pulsed")).Document["results"]!;
        double p = (double)results[0]!["probability"]!;
        Assert.Equal(0.6, p, 12);
        double burst = BurstOfFour(p);
        Assert.Equal(2 * 10e6 * burst, (double)results[0]!["rate_hz"]!, 1e-9 * 80e6);
        double mean = 80e6 * p / (1 + 1 * p / 2) / 1; // the old uniform-train form, for contrast: K = 1 at 80 MHz on p/2 per pulse each
        Assert.NotEqual(mean, (double)results[0]!["rate_hz"]!, 1e-3 * 80e6);
        double live = burst / (4 * p);
        Assert.Equal(40e6 * p * p * live * live, (double)results[1]!["n_fold_rate_hz"]!["2"]!, 1e-9 * 40e6);
        Assert.Equal(40e6 * 2 * p * (1 - p) * live + 40e6 * p * p * 2 * live * (1 - live), (double)results[1]!["n_fold_rate_hz"]!["1"]!, 1e-9 * 40e6);
    }

    /// <summary>
    /// Pulse by pulse, each of two channels receives every second pulse: a uniform train at f_rep/2 = 40 MHz. A 30 ns dead time
    /// then blocks K = ⌈30·0.04⌉ − 1 = 1 of a detector's pulses after a click (rate 40 MHz·p/(1 + p)), not the ⌈30·0.08⌉ − 1 = 2
    /// train pulses of the mean-rate form.
    /// </summary>
    [Fact]
    public void APulseByPulseDemuxSendsEachDetectorEveryNthPulse()
    {
        var efficiency = RunHelper.Result(Demuxed("", ", dead_time_ns: 30, dead_time_model: pulsed"));
        double p = (double)efficiency["probability"]!;
        Assert.Equal(2 * 40e6 * p / (1 + p), (double)efficiency["rate_hz"]!, 1e-9 * 80e6);
    }

    /// <summary>The continuous dead time (spec §5) is left as it was behind a gated demux: R/(1 + Rτ_d) of each detector's mean rate.</summary>
    [Fact]
    public void TheContinuousDeadTimeKeepsTheMeanRateForm()
    {
        var efficiency = RunHelper.Result(Demuxed(", gate_rate_mhz: 10", ", dead_time_ns: 15"));
        double p = (double)efficiency["probability"]!;
        double r = 80e6 * p / 2;
        Assert.Equal(2 * r / (1 + r * 15e-9), (double)efficiency["rate_hz"]!, 1e-9 * 80e6);
    }

    private static string Plain(string detector) => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          a: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 0.6, beta_right_fraction: 1, repetition_rate_mhz: 80}}
          d0: {component: detector, settings: {efficiency: 0.5, dark_count_rate_hz: 100000, gate_ns: 2{{{detector}}}}}
        connections:
          "a,right": "d0,in"
        ports: {la: "a,left"}
        analyses:
          - {type: photon_statistics, sources: [a], detectors: [d0]}
          - {type: efficiency, source: a, detectors: [d0]}
        """;

    /// <summary>
    /// Afterpulses with a delay time τ_ap = 5 ns at 80 MHz land mostly in the next pulse's gate: the click probability per pulse
    /// becomes 1 − (1 − p)(1 − a), a = u·r the hand-derived chance of an afterpulse in a gate (as in
    /// <see cref="AfterpulsesOfAUniformTrainMatchTheHandDerivedRate"/>), p the photons' and dark counts' click probability.
    /// </summary>
    [Fact]
    public void CorrelatedAfterpulsesRaiseTheClickProbabilityByTheirShareInTheGate()
    {
        const double pAp = 0.05, tau = 5, periodNs = 12.5, gateNs = 2, dark = 1e5, photon = 0.6 * 0.5;
        double p = 1 - (1 - photon) * Math.Exp(-dark * gateNs * 1e-9);
        double r = 1 - Math.Exp(-gateNs / tau), pi = pAp * Math.Exp(-(periodNs - gateNs / 2) / tau), e = Math.Exp(-periodNs / tau);
        double a = r * pi * p / (1 - (1 - p) * e - pi * (1 - p) * r);
        var results = RunHelper.Run(Plain($", afterpulse_probability: {F(pAp)}, afterpulse_time_ns: {F(tau)}")).Document["results"]!;
        double clicked = results[0]!["patterns"]!.AsArray().Single(q => (int)q!["clicks"]![0]! == 1)!["probability"]!.GetValue<double>();
        Assert.Equal(1 - (1 - p) * (1 - a), clicked, 12);
        Assert.True(a > 1e-4);
        // Without a dead time, the efficiency's rate of photon clicks is f·p of the photons alone.
        Assert.Equal(80e6 * photon, (double)results[1]!["rate_hz"]!, 1e-9 * 80e6);
    }

    /// <summary>A pulsed dead time that blocks the next pulse also blocks the afterpulses that would land in it.</summary>
    [Fact]
    public void ADeadTimeOverTheNextPulseBlocksItsAfterpulses()
    {
        var results = RunHelper.Run(Plain(", afterpulse_probability: 0.2, afterpulse_time_ns: 3, dead_time_ns: 20, dead_time_model: pulsed")).Document["results"]!;
        var plain = RunHelper.Run(Plain(", dead_time_ns: 20, dead_time_model: pulsed")).Document["results"]!;
        static double Clicked(JsonNode r) => r["patterns"]!.AsArray().Single(q => (int)q!["clicks"]![0]! == 1)!["probability"]!.GetValue<double>();
        // τ_ap = 3 ns: nearly all afterpulses fall in the next pulse's gate, which the 20 ns dead time blocks.
        Assert.Equal(Clicked(plain[0]!), Clicked(results[0]!), 4);
        Assert.Equal((double)plain[1]!["rate_hz"]!, (double)results[1]!["rate_hz"]!, 1e-4 * 80e6);
    }

    [Theory]
    [InlineData(", afterpulse_time_ns: 0", "afterpulse_time_ns", "out of range")]
    [InlineData(", afterpulse_time_ns: -2", "afterpulse_time_ns", "out of range")]
    [InlineData(", afterpulse_probability: 0.1, afterpulse_time_ns: 5, dead_time_ns: 20", "afterpulse_time_ns", "dead_time_model: pulsed")]
    public void BadAfterpulseTimesAreErrorsNamingTheKey(string detector, string key, string message)
    {
        var bag = new PhotonicKit.Circuit.Diagnostics.DiagnosticBag("test.yaml");
        var prepared = PhotonicKit.Circuit.Running.NetlistRunner.Prepare(Plain(detector), "test.yaml", [], false, bag);
        Assert.Null(prepared);
        Assert.Contains(bag.Errors, e => (e.Message.Contains(key) || e.Key.EndsWith(key, StringComparison.Ordinal)) && e.Message.Contains(message));
    }
}
