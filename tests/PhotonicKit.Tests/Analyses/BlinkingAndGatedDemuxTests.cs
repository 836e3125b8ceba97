using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Quantum;
using PhotonicKit.Tests.Quantum;

namespace PhotonicKit.Tests.Analyses;

/// <summary>
/// Blinking (docs/physics.md, "Blinking"): a source is bright a share p_on of the time and its pulses' bright/dark states
/// follow a telegraph process with correlation time τ_b; and a time_demux gated slower than the pulse train
/// (docs/components.md, "time_demux"). Expected values are written from the definitions (the Markov chain's transition
/// probabilities, the windows of pulses), independently of the engine; the engine's joint weights are checked against
/// the explicit mixture over every bright/dark pattern.
/// </summary>
public class BlinkingAndGatedDemuxTests
{
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A dot through a demux of <paramref name="channels"/> channels, a lossless detector on each.</summary>
    private static string Demuxed(int channels, string dot, string demux = "") => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          qd: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 1, beta_right_fraction: 1, {{{dot}}}}}
          dm: {component: time_demux, settings: {channels: {{{channels}}}{{{demux}}}}}
        {{{string.Concat(Enumerable.Range(0, channels).Select(k => $"  d{k}: detector\n"))}}}connections:
          "qd,right": "dm,in"
        {{{string.Concat(Enumerable.Range(0, channels).Select(k => $"  \"dm,out{k}\": \"d{k},in\"\n"))}}}ports: {left: "qd,left"}
        analyses:
          - {type: source, source: qd}
          - {type: photon_statistics, sources: [qd], detectors: [{{{string.Join(", ", Enumerable.Range(0, channels).Select(k => $"d{k}"))}}}], max_photons: 1}
          - {type: efficiency, source: qd, detectors: [{{{string.Join(", ", Enumerable.Range(0, channels).Select(k => $"d{k}"))}}}]}
        """;

    private static double PatternProbability(JsonNode statistics, params int[] clicks) =>
        statistics["patterns"]!.AsArray().Where(p => p!["clicks"]!.AsArray().Select(c => (int)c!).SequenceEqual(clicks)).Select(p => (double)p!["probability"]!).Single();

    [Fact]
    public void TheSourceAveragesItsProbabilitiesOverBrightAndDarkPulsesAndKeepsItsPhotonFigures()
    {
        const string dot = "repetition_rate_mhz: 80, pure_dephasing_per_ns: 1, g2: 0.05";
        var plain = RunHelper.Run(Demuxed(2, dot)).Document["results"]![0]!;
        var blinking = RunHelper.Run(Demuxed(2, dot + ", blinking_on_fraction: 0.6")).Document["results"]![0]!;
        foreach (var field in new[] { "brightness", "mean_photon_number", "p1", "p2" })
            Assert.Equal(0.6 * (double)plain[field]!, (double)blinking[field]!, 14);
        Assert.Equal(1 - 0.6 * (1 - (double)plain["p0"]!), (double)blinking["p0"]!, 14);
        foreach (var field in new[] { "g2", "indistinguishability", "hom_visibility", "preparation_efficiency" })
            Assert.Equal((double)plain[field]!, (double)blinking[field]!, 14);

        // The chain of `figures` names the dark share as its own step after the preparation.
        var figures = RunHelper.Run(Demuxed(2, dot + ", blinking_on_fraction: 0.6").Replace("  - {type: source, source: qd}", "  - {type: figures, source: qd}")).Document["results"]![0]!;
        var chain = figures["chain"]!.AsArray();
        Assert.Equal(["prepared", "bright_state"], chain.Take(2).Select(c => (string)c!["point"]!));
        Assert.Equal(0.6, (double)chain[1]!["factor"]!, 14);
    }

    /// <summary>
    /// The issue's statement: a measured brightness B includes the dark pulses, so a bright pulse gives B/p_on; two pulses
    /// through a demux are both bright with p_on (slow blinking) rather than p_on², so taking pulses as independent
    /// underestimates the two-fold rate by p_on^(1−N) = 1/p_on. Between, P(both bright) = p_on(p_on + (1 − p_on)e^(−Δt/τ_b)).
    /// </summary>
    [Theory]
    [InlineData(1e9)]
    [InlineData(12.5)]
    [InlineData(0)]
    public void TwoDemultiplexedPulsesAreBothBrightAsTheTelegraphProcessSays(double correlationNs)
    {
        const double pOn = 0.5, measured = 0.3;
        var run = RunHelper.Run(Demuxed(2, $"repetition_rate_mhz: 80, brightness: {F(measured)}, blinking_on_fraction: {F(pOn)}, blinking_correlation_ns: {F(correlationNs)}"))
            .Document["results"]!;
        Assert.Equal(measured, (double)run[0]!["brightness"]!, 14);
        double bright = measured / pOn;
        double r = correlationNs > 0 ? Math.Exp(-12.5 / correlationNs) : 0;
        double bothBright = pOn * (pOn + (1 - pOn) * r);
        Assert.Equal(bothBright * bright * bright, PatternProbability(run[1]!, 1, 1), 12);
        Assert.Equal(pOn * bright - bothBright * bright * bright, PatternProbability(run[1]!, 1, 0), 12);
        Assert.Equal(40e6 * bothBright * bright * bright, (double)run[1]!["n_fold_rate_hz"]!["2"]!, 1e-12 * 40e6);
        if (correlationNs == 1e9) Assert.Equal(1 / pOn, bothBright * bright * bright / (measured * measured), 6);
        // The per-pulse detection probability is the measured brightness (all light reaches a lossless detector).
        Assert.Equal(measured, (double)run[2]!["probability"]!, 12);
    }

    [Fact]
    public void ACorrelationTimeWithoutBlinkingIsIgnoredWithAWarningAndAMeasuredBrightnessAboveThePreparationPerBrightPulseIsRefused()
    {
        var run = RunHelper.Run(Demuxed(2, "repetition_rate_mhz: 80, blinking_correlation_ns: 100"));
        Assert.Contains(run.Warnings, w => w.Key.EndsWith("blinking_correlation_ns", StringComparison.Ordinal) && w.Message.Contains("without blinking"));

        var bag = new PhotonicKit.Circuit.Diagnostics.DiagnosticBag("test.yaml");
        var prepared = PhotonicKit.Circuit.Running.NetlistRunner.Prepare(Demuxed(2, "repetition_rate_mhz: 80, brightness: 0.6, blinking_on_fraction: 0.5"), "test.yaml", [], false, bag);
        Assert.Null(prepared);
        Assert.Contains(bag.Errors, e => e.Key.EndsWith("brightness", StringComparison.Ordinal) && e.Message.Contains("1.2 per bright pulse"));
    }

    /// <summary>
    /// The engine's joint weights of correlated pulses against the explicit mixture: for every bright/dark pattern of the
    /// sources, an engine without blinking in which the dark sources give no photon, weighted by the pattern's probability
    /// from the chain's transition matrix, summed. Three pulses of one emitter in a chain, one source blinking on its own,
    /// one that does not blink; mixed photon numbers, partly distinguishable photons, lossy pnr detectors.
    /// </summary>
    [Fact]
    public void ChainWeightsEqualTheMixtureOverEveryBrightAndDarkPattern()
    {
        var rng = new Random(21);
        var u = QuantumTestMath.HaarUnitary(5, rng);
        double pChain = 0.55, pAlone = 0.7;
        double[] persistence = [0.8, 0.35];
        var detectors = Enumerable.Range(0, 5).Select(d => new DetectorModel(d, 0.6 + 0.08 * d, DetectorResolution.PhotonNumberResolving, maxPhotons: 3)).ToArray();
        (double P0, double P1, double P2)[] bright = [(0.1, 0.8, 0.1), (0.3, 0.7, 0), (0.05, 0.9, 0.05), (0.2, 0.75, 0.05), (0.4, 0.6, 0)];
        double[] on = [pChain, pChain, pChain, pAlone, 1];
        var gram = GramMatrix.Uniform(5, Math.Sqrt(0.85));
        PhotonNumberSource Source(int k, bool dark, double onFraction) =>
            new(dark ? 1 : bright[k].P0, dark ? 0 : bright[k].P1, dark ? 0 : bright[k].P2, Unit(k), ExtraPhotonModel.Distinguishable) { OnFraction = onFraction };
        var engine = new PhotonNumberExperiment(u, Enumerable.Range(0, 5).Select(k => Source(k, false, on[k])).ToArray(), gram, detectors,
            blinking: [new BlinkingChain([0, 1, 2], persistence)]);

        var expected = new Dictionary<string, double>();
        for (int mask = 0; mask < 16; mask++)
        {
            bool[] isBright = [(mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0, (mask & 8) != 0, true];
            // The chain: stationary start, then the telegraph transitions; the lone source independent.
            double weight = isBright[0] ? pChain : 1 - pChain;
            for (int i = 1; i < 3; i++)
            {
                double r = persistence[i - 1];
                double toBright = isBright[i - 1] ? pChain + (1 - pChain) * r : pChain * (1 - r);
                weight *= isBright[i] ? toBright : 1 - toBright;
            }
            weight *= isBright[3] ? pAlone : 1 - pAlone;
            var fixedEngine = new PhotonNumberExperiment(u, Enumerable.Range(0, 5).Select(k => Source(k, !isBright[k], 1)).ToArray(), gram, detectors);
            foreach (var (pattern, probability) in fixedEngine.Patterns())
            {
                string key = string.Join(",", pattern);
                expected[key] = expected.GetValueOrDefault(key) + weight * probability;
            }
        }
        var actual = engine.Patterns().ToDictionary(p => string.Join(",", p.Pattern), p => p.Probability);
        Assert.Equal(1, actual.Values.Sum(), 12);
        foreach (var (key, value) in expected) Assert.Equal(value, actual.GetValueOrDefault(key), 13);

        // The sparse path (photon counts from the thinned configurations) and single patterns agree.
        var counts = engine.PhotonCounts();
        Assert.Equal(1, counts.Total(), 12);
        foreach (var (key, value) in expected.Where(kv => kv.Value > 1e-6).Take(40))
        {
            int[] pattern = key.Split(',').Select(int.Parse).ToArray();
            Assert.Equal(value, counts.Probability(pattern), 12);
            Assert.Equal(value, engine.Probability(pattern), 12);
        }
    }

    /// <summary>Exact samples of correlated pulses follow the exact distribution (each pattern above 1 % within five standard deviations).</summary>
    [Fact]
    public void DirectSamplesOfBlinkingPulsesFollowTheExactDistribution()
    {
        var u = QuantumTestMath.HaarUnitary(3, new Random(4));
        var sources = Enumerable.Range(0, 3).Select(k => new PhotonNumberSource(0.1, 0.9, 0, Unit(k, 3)) { OnFraction = 0.4 }).ToArray();
        var detectors = Enumerable.Range(0, 3).Select(d => new DetectorModel(d, 0.9, DetectorResolution.PhotonNumberResolving, maxPhotons: 3)).ToArray();
        var engine = new PhotonNumberExperiment(u, sources, GramMatrix.Indistinguishable(3), detectors, blinking: [new BlinkingChain([0, 1, 2], [0.9, 0.9])]);
        const int n = 40000;
        var samples = engine.SampleDirect(n, seed: 3);
        var frequency = samples.GroupBy(s => string.Join(",", s)).ToDictionary(g => g.Key, g => (double)g.Count() / n);
        foreach (var (pattern, probability) in engine.Patterns().Where(p => p.Probability > 0.01))
        {
            double sigma = Math.Sqrt(probability * (1 - probability) / n);
            Assert.InRange(frequency.GetValueOrDefault(string.Join(",", pattern)), probability - 5 * sigma, probability + 5 * sigma);
        }
    }

    /// <summary>
    /// A switch gated at f_g = 0.76 MHz on a 76 MHz train with 5 channels (Wang et al. 2017's demultiplexer): windows of
    /// M = 20 pulses, so a frame's photons are 20 pulses (263 ns) apart and the frame rate is f_g·20 = 15.2 MHz; the
    /// blinking correlation acts over 263 ns, not 13 ns. A rise time of 30 ns loses ⌈30·0.076⌉ − 1 = 2 pulses per
    /// window: 18 frames a period, 90 % of the pulses used.
    /// </summary>
    [Fact]
    public void AGatedSwitchMakesFramesAtTheGateRateWithItsChannelsAWindowApart()
    {
        const double pOn = 0.65, tau = 1000;
        string dot = $"repetition_rate_mhz: 76, blinking_on_fraction: {F(pOn)}, blinking_correlation_ns: {F(tau)}";
        var run = RunHelper.Run(Demuxed(5, dot, ", gate_rate_mhz: 0.76")).Document["results"]!;
        double r = Math.Exp(-20 / 76e-3 / tau);
        double allBright = pOn * Math.Pow(pOn + (1 - pOn) * r, 4);
        Assert.Equal(allBright, PatternProbability(run[1]!, 1, 1, 1, 1, 1), 12);
        Assert.Equal(15.2e6 * allBright, (double)run[1]!["n_fold_rate_hz"]!["5"]!, 1e-9 * 15.2e6);
        Assert.Equal(pOn, (double)run[2]!["probability"]!, 12);

        var slow = RunHelper.Run(Demuxed(5, dot, ", gate_rate_mhz: 0.76, rise_time_ns: 30")).Document["results"]!;
        Assert.Equal(allBright, PatternProbability(slow[1]!, 1, 1, 1, 1, 1), 12);
        Assert.Equal(0.76e6 * 18 * allBright, (double)slow[1]!["n_fold_rate_hz"]!["5"]!, 1e-9 * 15.2e6);
        Assert.Equal(0.9 * pOn, (double)slow[2]!["probability"]!, 12);
        // The budget puts the unused pulses at the demux, not in `interference`.
        var budget = slow[2]!["budget"]!.AsArray();
        Assert.DoesNotContain(budget, b => (string?)b!["instance"] == "interference");
        Assert.Equal(0.9, (double)budget.Single(b => (string?)b!["instance"] == "dm")!["probability_after"]! / (double)budget[0]!["probability_after"]!, 12);
    }

    [Theory]
    [InlineData(", rise_time_ns: 14", "is not shorter than the pulse spacing 1/f_rep")]
    [InlineData(", gate_rate_mhz: 20", "needs windows of at least one pulse")]
    [InlineData(", gate_rate_mhz: 7.6, rise_time_ns: 40", "no pulse is left to route")]
    public void ASwitchThatCannotSeparateThePulsesIsAnErrorNamingTheDemux(string demux, string message)
    {
        var bag = new PhotonicKit.Circuit.Diagnostics.DiagnosticBag("test.yaml");
        var prepared = PhotonicKit.Circuit.Running.NetlistRunner.Prepare(Demuxed(5, "repetition_rate_mhz: 76", demux), "test.yaml", [], false, bag);
        Assert.Null(prepared);
        Assert.Contains(bag.Errors, e => e.Message.Contains("'dm' cannot demultiplex the pulses of 'qd'") && e.Message.Contains(message));
    }

    /// <summary>g2 and the HOM visibility are those of the photons of bright pulses (normalised as against neighbouring
    /// pulses); the coincidence probabilities include the dark pulses.</summary>
    [Fact]
    public void NormalisedFiguresAreThoseOfBrightPulsesAndCoincidencesIncludeTheDarkOnes()
    {
        static string Netlist(string extra) => RunHelper.TwoDotsOnASplitter("lifetime_ps: 100, beta: 0.9, beta_right_fraction: 1, g2: 0.04, pure_dephasing_per_ns: 1" + extra, "efficiency: 1", """
              - {type: g2, source: a, detectors: [d0, d1]}
              - {type: hom, sources: [a, b], detectors: [d0, d1]}
            """);
        var plain = RunHelper.Run(Netlist("")).Document["results"]!;
        var blinking = RunHelper.Run(Netlist(", blinking_on_fraction: 0.7")).Document["results"]!;
        Assert.Equal((double)plain[0]!["g2"]!, (double)blinking[0]!["g2"]!, 14);
        Assert.Equal((double)plain[1]!["visibility"]!, (double)blinking[1]!["visibility"]!, 14);
        // One source's coincidence needs its pulse bright.
        Assert.Equal(0.7 * (double)plain[0]!["coincidence_probability"]!, (double)blinking[0]!["coincidence_probability"]!, 14);
        Assert.True((double)blinking[1]!["coincidence_probability"]! < (double)plain[1]!["coincidence_probability"]!);
    }

    private static Complex[] Unit(int k, int n = 5)
    {
        var e = new Complex[n];
        e[k] = 1;
        return e;
    }
}

/// <summary>
/// Dead time in the n-fold rates of `photon_statistics` (docs/analyses.md): a detector registers a click only when it is
/// ready, with probability L_d = R′/R of its own click rate, independently of the frame. Checked against closed forms for
/// two independent sources on their own detectors, and the engine's Poisson-binomial thinning against a brute-force sum
/// over its own patterns (dense and sparse paths, with dark counts).
/// </summary>
public class DeadTimeInNFoldRatesTests
{
    [Fact]
    public void TwoIndependentDetectorsLoseTheClicksTheirDeadTimeBlocks()
    {
        const string netlist = """
            photonickit: 1
            wavelength_nm: 930
            instances:
              a: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 0.8, beta_right_fraction: 1, repetition_rate_mhz: 80}}
              b: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 0.5, beta_right_fraction: 1, repetition_rate_mhz: 80}}
              d0: {component: detector, settings: {efficiency: 0.9, dead_time_ns: 40}}
              d1: {component: detector, settings: {efficiency: 0.7, dead_time_ns: 25, dead_time_model: pulsed}}
            connections:
              "a,right": "d0,in"
              "b,right": "d1,in"
            ports: {la: "a,left", lb: "b,left"}
            analyses:
              - {type: photon_statistics, sources: [a, b], detectors: [d0, d1]}
            """;
        var result = RunHelper.Run(netlist).Document["results"]![0]!;
        const double f = 80e6;
        double pa = 0.8 * 0.9, pb = 0.5 * 0.7;
        double la = 1 / (1 + f * pa * 40e-9);
        int k = (int)Math.Ceiling(25e-9 * f) - 1; // pulses within the dead time: 1
        double lb = 1 / (1 + k * pb);
        Assert.Equal(f * pa * pb * la * lb, (double)result["n_fold_rate_hz"]!["2"]!, 1e-9 * f);
        double one = pa * (1 - pb) * la + pb * (1 - pa) * lb + pa * pb * (la * (1 - lb) + lb * (1 - la));
        Assert.Equal(f * one, (double)result["n_fold_rate_hz"]!["1"]!, 1e-9 * f);
        // The probabilities per frame stay those of the photons (spec §5: dead time changes rates only).
        double both = result["patterns"]!.AsArray().Single(p => p!["clicks"]!.AsArray().Select(c => (int)c!).SequenceEqual([1, 1]))!["probability"]!.GetValue<double>();
        Assert.Equal(pa * pb, both, 12);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ThinningByReadinessIsThePoissonBinomialOfEveryPatternsClicks(bool numberResolving)
    {
        var u = Quantum.QuantumTestMath.HaarUnitary(4, new Random(8));
        var sources = Enumerable.Range(0, 3).Select(k => PhotonicKit.Circuit.Quantum.PhotonNumberSource.IntoInput(0.1, 0.8, 0.1, k, 4)).ToArray();
        var detectors = Enumerable.Range(0, 4).Select(d => new PhotonicKit.Circuit.Quantum.DetectorModel(d, 0.8,
            numberResolving ? PhotonicKit.Circuit.Quantum.DetectorResolution.PhotonNumberResolving : PhotonicKit.Circuit.Quantum.DetectorResolution.Threshold,
            maxPhotons: 3, darkCountRateHz: d == 1 ? 3e7 : 0, gateNs: 5)).ToArray();
        var engine = new PhotonicKit.Circuit.Quantum.PhotonNumberExperiment(u, sources, PhotonicKit.Circuit.Quantum.GramMatrix.Uniform(3, 0.9), detectors);
        double[] live = [0.9, 0.6, 1, 0.75];
        var expected = new double[5];
        foreach (var (pattern, probability) in engine.Patterns())
        {
            var poly = new double[5];
            poly[0] = 1;
            int degree = 0;
            for (int d = 0; d < 4; d++)
            {
                if (pattern[d] == 0) continue;
                degree++;
                for (int j = degree; j >= 1; j--) poly[j] = (1 - live[d]) * poly[j] + live[d] * poly[j - 1];
                poly[0] *= 1 - live[d];
            }
            for (int j = 0; j < 5; j++) expected[j] += probability * poly[j];
        }
        var actual = engine.ClickCountDistribution(live);
        for (int j = 0; j < 5; j++) Assert.Equal(expected[j], actual[j], 13);
        Assert.Equal(engine.ClickCountDistribution(), engine.ClickCountDistribution([1, 1, 1, 1]));
    }
}

/// <summary>
/// Afterpulsing (`afterpulse_probability`, docs/components.md "detector"): afterpulses at random later times are extra dark
/// counts at rate P_ap·R/(1 − P_ap), R the detector's click rate, so a pulse's dark-click probability in the gate rises.
/// Checked against that closed form for one source on one detector.
/// </summary>
public class AfterpulsingTests
{
    private static string Netlist(string detector, string source = ", repetition_rate_mhz: 80") => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          a: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 0.6, beta_right_fraction: 1{{{source}}}}}
          d0: {component: detector, settings: {efficiency: 0.5, dark_count_rate_hz: 100000, gate_ns: 2{{{detector}}}}}
        connections:
          "a,right": "d0,in"
        ports: {la: "a,left"}
        analyses:
          - {type: photon_statistics, sources: [a], detectors: [d0]}
        """;

    [Fact]
    public void AfterpulsesAreDarkCountsAtAShareOfTheClickRate()
    {
        const double pAp = 0.05, f = 80e6, gate = 2e-9, dark = 1e5, photon = 0.6 * 0.5;
        double darkClick = 1 - Math.Exp(-dark * gate);
        double click = 1 - (1 - photon) * (1 - darkClick);
        double afterpulseRate = pAp / (1 - pAp) * f * click;
        double expected = 1 - (1 - photon) * Math.Exp(-(dark + afterpulseRate) * gate);
        var result = RunHelper.Run(Netlist($", afterpulse_probability: {pAp.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}")).Document["results"]![0]!;
        double clicked = result["patterns"]!.AsArray().Single(p => (int)p!["clicks"]![0]! == 1)!["probability"]!.GetValue<double>();
        Assert.Equal(expected, clicked, 12);
        var plain = RunHelper.Run(Netlist("")).Document["results"]![0]!;
        Assert.Equal(click, plain["patterns"]!.AsArray().Single(p => (int)p!["clicks"]![0]! == 1)!["probability"]!.GetValue<double>(), 12);
    }

    [Fact]
    public void AfterpulsingWithoutARepetitionRateIsAnErrorNamingBoth()
    {
        var bag = new PhotonicKit.Circuit.Diagnostics.DiagnosticBag("test.yaml");
        var prepared = PhotonicKit.Circuit.Running.NetlistRunner.Prepare(Netlist(", afterpulse_probability: 0.02", source: ""), "test.yaml", [], false, bag);
        Assert.Null(prepared);
        Assert.Contains(bag.Errors, e => e.Message.Contains("afterpulse_probability") && e.Message.Contains("repetition_rate_mhz"));
    }
}
