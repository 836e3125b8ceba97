using System.Text.Json.Nodes;
using CsCheck;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Running;

namespace PhotonicKit.Tests.Analyses;

/// <summary>The circuit-level photon analyses against hand-computed values and published formulas.</summary>
public class PhotonAnalysisTests
{
    /// <summary>p1, p2 of a source with brightness p_x and g2 (physics.md; written here independently of the code).</summary>
    private static (double P1, double P2) Numbers(double px, double g2)
    {
        // (1 − p g2 − √(1 − 2p g2))/g2 rewritten without cancellation: p² g2/(1 − p g2 + √(1 − 2p g2)).
        double p2 = px * px * g2 / (1 - px * g2 + Math.Sqrt(1 - 2 * px * g2));
        return (px - p2, p2);
    }

    private static string Source(string name, string extra = "") =>
        $$$"""  {{{name}}}: {component: cavity_source, settings: {lifetime_ps: 100, beta: 1{{{extra}}}}}""";

    private static double D(JsonNode? n) => (double)n!;

    private static string Clicks(JsonNode? n) => string.Join(",", n!.AsArray().Select(v => (int)v!));

    [Fact]
    public void EfficiencyOfASourceThroughALossyWaveguideIsBrightnessTimesTransmissionTimesDetectorEfficiency()
    {
        string yaml = $$$"""
            photonickit: 1
            wavelength_nm: 930
            instances:
            {{{Source("src", ", extraction_efficiency: 0.8, repetition_rate_mhz: 80")}}}
              wg: {component: waveguide, settings: {length_um: 10000, loss_db_per_cm: 3}}
              det: {component: detector, settings: {efficiency: 0.7}}
            connections:
              "src,out": "wg,o1"
              "wg,o2": "det,in"
            analyses:
              - {type: efficiency, source: src, detectors: [det]}
            """;
        var r = RunHelper.Result(yaml);
        double brightness = 0.8, transmission = Math.Pow(10, -0.3);
        Assert.Equal(transmission, D(r["transmission"]), 1e-9);
        Assert.Equal(brightness * transmission * 0.7, D(r["probability"]), 1e-9);
        Assert.Equal(80e6 * brightness * transmission * 0.7, D(r["rate_hz"]), 1e-3);
        var budget = r["budget"]!.AsArray();
        Assert.Equal(["src", "wg", "det"], budget.Select(b => (string)b!["instance"]!));
        Assert.Equal(3.0, D(budget[1]!["loss_db"]), 1e-9);
        AssertBudgetMultipliesToProbability(r);
    }

    private static void AssertBudgetMultipliesToProbability(JsonObject r)
    {
        var budget = r["budget"]!.AsArray();
        double product = budget.Aggregate(1.0, (p, b) => p * Math.Pow(10, -D(b!["loss_db"]) / 10));
        Assert.Equal(D(r["probability"]), product, 1e-12);
        Assert.Equal(D(r["probability"]), D(budget[^1]!["probability_after"]), 1e-15);
    }

    [Fact]
    public void EfficiencyWithMultiphotonEmissionCountsTwoPhotonsOnce()
    {
        // 1 − P(no click) = p1 η + p2 (1 − (1 − η)²), η = extraction · waveguide · detector.
        Gen.Double[0.0, 0.3].Select(Gen.Double[0.05, 1.0], Gen.Double[0.1, 1.0]).Sample((g2, extraction, detector) =>
        {
            string yaml = $$$"""
                photonickit: 1
                wavelength_nm: 930
                instances:
                {{{Source("src", $", extraction_efficiency: {extraction:R}, g2: {g2:R}")}}}
                  att: {component: attenuator, settings: {loss_db: 2}}
                  det: {component: detector, settings: {efficiency: {{{detector:R}}}}}
                connections:
                  "src,out": "att,o1"
                  "att,o2": "det,in"
                analyses:
                  - {type: efficiency, source: src, detectors: [det]}
                """;
            var r = RunHelper.Result(yaml);
            var (p1, p2) = Numbers(1, g2);
            double eta = extraction * Math.Pow(10, -0.2) * detector;
            Assert.Equal(p1 * eta + p2 * (1 - (1 - eta) * (1 - eta)), D(r["probability"]), 1e-9);
            AssertBudgetMultipliesToProbability(r);
        }, iter: 12);
    }

    private static string Hom(string a, string b, string extra = "", string detectors = "", string outputs = "") => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
        {{{a}}}
        {{{b}}}
          bs: {component: beam_splitter}
          d0: {component: detector{{{detectors}}}}
          d1: {component: detector{{{detectors}}}}
        {{{outputs}}}
        connections:
          "a,out": "bs,in0"
          "b,out": "bs,in1"
        {{{(outputs == "" ? "  \"bs,out0\": \"d0,in\"\n  \"bs,out1\": \"d1,in\"" : "  \"bs,out0\": \"l0,o1\"\n  \"l0,o2\": \"d0,in\"\n  \"bs,out1\": \"l1,o1\"\n  \"l1,o2\": \"d1,in\"")}}}
        analyses:
          - {type: hom, sources: [a, b], detectors: [d0, d1]{{{extra}}}}
        """;

    [Fact]
    public void IdenticalIdealSourcesOnABalancedSplitterGiveFullVisibility()
    {
        var r = RunHelper.Result(Hom(Source("a"), Source("b")));
        Assert.Equal(1, D(r["visibility"]), 1e-9);
        Assert.Equal(1, D(r["indistinguishability"]), 1e-9);
        Assert.Equal(0, D(r["coincidence_probability"]), 1e-9);
    }

    [Fact]
    public void FarDetunedSourcesAreDistinguishable()
    {
        // Lorentzian overlap Γ²/(Γ² + δ²) with δ ≈ 1.09 rad/ps ≫ Γ = 0.01 rad/ps.
        var r = RunHelper.Result(Hom(Source("a"), Source("b", ", wavelength_nm: 930.5")));
        Assert.Equal(0, D(r["visibility"]), 1e-3);
        Assert.Equal(0.5, D(r["coincidence_probability"]), 1e-3); // (1 − M)/2
    }

    [Fact]
    public void VisibilityFollowsOllivierWithUnequalLosses()
    {
        // V = M_s (1 − g2 μ/2)² − g2, μ = p1 + 2p2 at the emitter (Ollivier et al., PRL 126, 063602 (2021)),
        // independent of the (unequal) losses after the splitter.
        Gen.Double[0.0, 0.2].Select(Gen.Double[0.5, 1.0], Gen.Double[0.0, 6.0]).Sample((g2, m, lossDb) =>
        {
            string extra = $", g2: {g2:R}, indistinguishability: {m:R}";
            string outputs = $$$"""
                  l0: {component: attenuator, settings: {loss_db: {{{lossDb:R}}}}}
                  l1: {component: attenuator, settings: {loss_db: 0.5}}
                """;
            var r = RunHelper.Result(Hom(Source("a", extra), Source("b", extra), detectors: ", settings: {efficiency: 0.6}", outputs: outputs));
            var (p1, p2) = Numbers(1, g2);
            double mu = p1 + 2 * p2;
            double expected = m * Math.Pow(1 - g2 * mu / 2, 2) - g2;
            Assert.Equal(expected, D(r["visibility"]), 1e-9);
            Assert.Equal(m, D(r["indistinguishability"]), 1e-9);
        }, iter: 10);
    }

    [Fact]
    public void DelayScanTracesTheExponentialDip()
    {
        var r = RunHelper.Result(Hom(Source("a"), Source("b"), extra: ", delay_ps: [-200, 0, 50, 300]"));
        double[] delays = RunHelper.Series(r["delay_ps"]);
        double[] c = RunHelper.Series(r["coincidences"]);
        double gamma = 1 / 100.0;
        for (int k = 0; k < delays.Length; k++)
            Assert.Equal((1 - Math.Exp(-gamma * Math.Abs(delays[k]))) / 2, c[k], 1e-9); // P(1,1) = (1 − M e^{−Γ|τ|})/2
    }

    [Fact]
    public void CircuitDelayOnOneInputShiftsTheDip()
    {
        // A 50 ps delay line before bs,in1 is cancelled by a 50 ps scanned delay on source a.
        string yaml = Hom(Source("a"), Source("b"), extra: ", delay_ps: [0, 50]")
            .Replace("\"b,out\": \"bs,in1\"", "\"b,out\": \"dl,o1\"\n  \"dl,o2\": \"bs,in1\"")
            .Replace("  bs: {component: beam_splitter}", "  bs: {component: beam_splitter}\n  dl: {component: delay_line, settings: {delay_ps: 50}}");
        var r = RunHelper.Result(yaml);
        double[] c = RunHelper.Series(r["coincidences"]);
        Assert.Equal((1 - Math.Exp(-0.5)) / 2, c[0], 1e-6);
        Assert.Equal(0, c[1], 1e-6);
        Assert.Equal(Math.Exp(-0.5), D(r["visibility"]), 1e-6);
    }

    private static string Hbt(string source, string detector) => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
        {{{source}}}
          bs: {component: beam_splitter, settings: {coupling: 0.3}}
          d0: {component: detector{{{detector}}}}
          d1: {component: detector{{{detector}}}}
        connections:
          "src,out": "bs,in0"
          "bs,out0": "d0,in"
          "bs,out1": "d1,in"
        analyses:
          - {type: g2, source: src, detectors: [d0, d1]}
          - {type: photon_statistics, sources: [src], detectors: [d0, d1], marginals: true, samples: 5}
        """;

    [Fact]
    public void G2ThroughASplitterEqualsTheSourceOverride()
    {
        var r = RunHelper.Result(Hbt(Source("src", ", g2: 0.12, extraction_efficiency: 0.4"), ", settings: {efficiency: 0.5}"));
        Assert.Equal(0.12, D(r["g2"]), 1e-9);
    }

    [Fact]
    public void DarkCountsRaiseCoincidences()
    {
        // One photon (g2 = 0) on a 30:70 splitter: it clicks d0 or d1, never both; a dark count on the other
        // detector completes the coincidence. P = Σ over photon outcomes of P(d0) P(d1), p_dark = 1 − e^{−R gate}.
        double pd = 1 - Math.Exp(-1e6 * 5e-9);
        var r = RunHelper.Result(Hbt(Source("src", ", extraction_efficiency: 0.5"), ", settings: {efficiency: 0.8, dark_count_rate_hz: 1e6, gate_ns: 5}"));
        double q0 = 0.5 * 0.7 * 0.8, q1 = 0.5 * 0.3 * 0.8;
        double expected = (1 - q0 - q1) * pd * pd + q0 * pd + q1 * pd;
        Assert.Equal(expected, D(r["coincidence_probability"]), 1e-12);
        Assert.Equal(0, D(r["g2"]), 1e-12);
    }

    [Fact]
    public void PhotonStatisticsOfOnePhotonOnASplitter()
    {
        var run = RunHelper.Run(Hbt(Source("src", ", repetition_rate_mhz: 10"), ", settings: {efficiency: 0.9}"));
        var r = run.Document["results"]![1]!.AsObject();
        var patterns = r["patterns"]!.AsArray().ToDictionary(p => Clicks(p!["clicks"]), p => D(p!["probability"]));
        Assert.Equal(0.1, patterns["0,0"], 1e-12);
        Assert.Equal(0.9 * 0.7, patterns["1,0"], 1e-12); // coupling 0.3 is the cross share: out0 (bar) gets 0.7
        Assert.Equal(0.9 * 0.3, patterns["0,1"], 1e-12);
        Assert.True(patterns.GetValueOrDefault("1,1") < 1e-15); // one photon never clicks both
        Assert.Equal(1, D(r["probability_sum"]), 1e-12);
        Assert.Equal("1,0", Clicks(r["patterns"]![0]!["clicks"])); // most probable first
        Assert.Equal(10e6 * 0.9, D(r["n_fold_rate_hz"]!["1"]), 1e-3);
        Assert.Equal(0, D(r["n_fold_rate_hz"]!["2"]), 1e-6); // rounding of p(1,0)+p(0,1)+p(0,0) = 1
        Assert.Equal([0.1 + 0.27, 0.63], RunHelper.Series(r["marginals"]!["d0"]), new ToleranceComparer(1e-12));
        Assert.Equal(5, r["samples"]!.AsArray().Count);
    }

    [Fact]
    public void PatternModeGivesOneProbability()
    {
        string yaml = Hbt(Source("src"), "").Replace("marginals: true, samples: 5", "pattern: [1, 0]");
        var r = RunHelper.Run(yaml).Document["results"]![1]!.AsObject();
        Assert.Equal(0.7, D(r["probability"]), 1e-12);
        Assert.Null(r["patterns"]);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }

    [Fact]
    public void RatesAreNullWithAWarningWithoutRepetitionRate()
    {
        var run = RunHelper.Run(Hbt(Source("src"), ""));
        var r = run.Document["results"]![1]!.AsObject();
        Assert.True(r.ContainsKey("n_fold_rate_hz"));
        Assert.Null(r["n_fold_rate_hz"]);
        Assert.Contains(run.Document["warnings"]!.AsArray(), w => ((string)w!).Contains("repetition_rate_mhz"));
    }

    private static string Filtered(bool filter) => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          src: {component: cavity_source, settings: {lifetime_ps: 400, beta: 1, temperature_k: 4}}
          ring: {component: ring_add_drop, settings: {length_um: 38.75, coupling: 0.1, n_eff: 2.4, n_g: 4.2}}
          det: {component: detector}
        connections:
          "src,out": "ring,in0"
          "ring,{{{(filter ? "drop" : "out0")}}}": "det,in"
        analyses:
          - {type: efficiency, source: src, detectors: [det]}
          - {type: figures, source: src, detectors: [det]}
          - {type: source, source: src}
        """;

    [Fact]
    public void ASpectralFilterTradesEfficiencyForIndistinguishability()
    {
        // Iles-Smith et al. 2017: passing the zero-phonon line and cutting the sideband raises M towards M_ZPL and
        // lowers the efficiency towards B².
        var run = RunHelper.Run(Filtered(true));
        var efficiency = run.Document["results"]![0]!.AsObject();
        var figures = run.Document["results"]![1]!.AsObject();
        var source = run.Document["results"]![2]!.AsObject();
        double b2 = D(source["zpl_fraction"]);
        double mUnfiltered = D(source["indistinguishability"]);
        double mZpl = mUnfiltered / (b2 * b2);           // M_s = M_ZPL B⁴ without a filter
        double t = D(efficiency["transmission"]);
        double m = D(figures["indistinguishability"]);
        Assert.True(t < 1 && t > b2 * 0.95, $"transmission {t}, B² {b2}");
        Assert.True(m > mUnfiltered && m <= mZpl + 1e-12, $"M {m}, unfiltered {mUnfiltered}, M_ZPL {mZpl}");
        // M = M_ZPL (B² T_ZPL/η)², η = transmission; the ring (FWHM ≈ 0.17 nm) passes the zero-phonon line
        // (FWHM ≈ 0.001 nm) except for its far Lorentzian tails: T_ZPL ∈ [0.99, 1].
        Assert.InRange(m, mZpl * Math.Pow(0.99 * b2 / t, 2), mZpl * Math.Pow(b2 / t, 2) + 1e-12);
        Assert.Equal(D(efficiency["probability"]), D(figures["chain"]!.AsArray()[^1]!["brightness"]), 1e-12);
    }

    private static IReadOnlyList<Diagnostic> Errors(string yaml)
    {
        var bag = new DiagnosticBag("test.yaml");
        var prepared = NetlistRunner.Prepare(yaml, "test.yaml", [], strict: false, bag);
        Assert.Null(prepared);
        return bag.All.Where(d => d.Severity == Severity.Error).ToList();
    }

    [Fact]
    public void UnknownAndWrongInstancesAreErrorsNamingThem()
    {
        string yaml = Hbt(Source("src"), "").Replace("{type: g2, source: src, detectors: [d0, d1]}", "{type: g2, source: scr, detectors: [d0, bs]}");
        var errors = Errors(yaml);
        Assert.Contains(errors, e => e.Message.Contains("no instance 'scr'") && e.Message.Contains("src"));
        Assert.Contains(errors, e => e.Message.Contains("'bs' is a beam_splitter, not a detector"));
        var wrongType = Errors(Hbt(Source("src"), "").Replace("{type: g2, source: src,", "{type: g2, source: d0,"));
        Assert.Contains(wrongType, e => e.Message.Contains("not a source"));
        var duplicate = Errors(Hbt(Source("src"), "").Replace("detectors: [d0, d1]}", "detectors: [d0, d0]}"));
        Assert.Contains(duplicate, e => e.Message.Contains("listed twice"));
    }

    [Fact]
    public void TooLargeRequestsAreRefusedBeforeComputing()
    {
        // One dark count per gate on 40 pnr detectors makes all 9^40 outcomes possible, too strong for the enumeration
        // of the most probable patterns, and the patterns need them in one array.
        var detectors = Enumerable.Range(0, 40).Select(i => $"  d{i}: {{component: detector, settings: {{dark_count_rate_hz: 1e9, resolution: pnr}}}}");
        string yaml = $$$"""
            photonickit: 1
            wavelength_nm: 930
            instances:
            {{{Source("src")}}}
            {{{string.Join("\n", detectors)}}}
            analyses:
              - {type: photon_statistics, sources: [src], detectors: [{{{string.Join(", ", Enumerable.Range(0, 40).Select(i => $"d{i}"))}}}]}
            """;
        var errors = Errors(yaml);
        Assert.Contains(errors, e => e.Message.Contains("'photon_statistics' analysis is too large"));
    }

    [Fact]
    public void PhotonStatisticsSumToOneAndAgreeWithMarginalsAndEfficiency()
    {
        // Invariants over random splitters, efficiencies, dark counts and source figures: the distribution sums to 1,
        // each marginal is the sum of its patterns, and 1 − P(d0 silent) without dark counts is efficiency's probability.
        Gen.Double[0.0, 1.0].Select(Gen.Double[0.1, 1.0], Gen.Double[0.0, 0.2], Gen.Double[0.0, 1e7]).Sample((coupling, eta, g2, dark) =>
        {
            string yaml = $$$"""
                photonickit: 1
                wavelength_nm: 930
                instances:
                {{{Source("a", $", g2: {g2:R}, extraction_efficiency: 0.7")}}}
                {{{Source("b", ", wavelength_nm: 930.001")}}}
                  bs: {component: beam_splitter, settings: {coupling: {{{coupling:R}}}}}
                  d0: {component: detector, settings: {efficiency: {{{eta:R}}}, dark_count_rate_hz: {{{dark:R}}}, resolution: pnr, max_photons: 3}}
                  d1: {component: detector, settings: {efficiency: {{{eta:R}}}}}
                connections:
                  "a,out": "bs,in0"
                  "b,out": "bs,in1"
                  "bs,out0": "d0,in"
                  "bs,out1": "d1,in"
                analyses:
                  - {type: photon_statistics, sources: [a, b], detectors: [d0, d1], marginals: true}
                  - {type: photon_statistics, sources: [a], detectors: [d0], marginals: true}
                  - {type: efficiency, source: a, detectors: [d0]}
                """;
            var results = RunHelper.Run(yaml).Document["results"]!.AsArray();
            var stats = results[0]!.AsObject();
            Assert.Equal(1, D(stats["probability_sum"]), 1e-12);
            var patterns = stats["patterns"]!.AsArray();
            Assert.Equal(1, patterns.Sum(p => D(p!["probability"])), 1e-12);
            double[] m0 = RunHelper.Series(stats["marginals"]!["d0"]);
            for (int n = 0; n < m0.Length; n++)
                Assert.Equal(m0[n], patterns.Where(p => (int)p!["clicks"]![0]! == n).Sum(p => D(p!["probability"])), 1e-12);
            // Alone and without dark counts, P(d0 reports ≥ 1) = efficiency; with dark counts p_d:
            // 1 − (1 − p_d)(1 − P), p_d = 1 − e^{−R·gate}.
            double pd = 1 - Math.Exp(-dark * 1e-9);
            double silent = RunHelper.Series(results[1]!["marginals"]!["d0"])[0];
            Assert.Equal((1 - pd) * (1 - D(results[2]!["probability"])), silent, 1e-9);
        }, iter: 8);
    }

    /// <summary>|∫ψ_a(t) ψ_b(t − τ) dt|² for ψ(t) = √Γ e^{−Γt/2} θ(t), by the midpoint rule (independent of the code's closed form).</summary>
    private static double ExponentialOverlap(double gammaA, double gammaB, double tauPs)
    {
        double start = Math.Max(0, tauPs), step = 0.01, sum = 0;
        for (double t = start + step / 2; t < start + 40 / Math.Min(gammaA, gammaB); t += step)
            sum += Math.Sqrt(gammaA * gammaB) * Math.Exp(-gammaA * t / 2 - gammaB * (t - tauPs) / 2) * step;
        return sum * sum;
    }

    [Fact]
    public void SourcesOfDifferentLifetimesOverlapAsTheirWavepackets()
    {
        // Ideal sources with T1 = 100 and 200 ps on a 50:50 splitter: P(1,1) = (1 − |⟨ψ_a|ψ_b(τ)⟩|²)/2, τ = −(extra delay on a).
        var r = RunHelper.Result(Hom(Source("a"), Source("b").Replace("lifetime_ps: 100", "lifetime_ps: 200"), extra: ", delay_ps: [-50, 0, 50]"));
        double[] delays = RunHelper.Series(r["delay_ps"]);
        double[] c = RunHelper.Series(r["coincidences"]);
        for (int k = 0; k < delays.Length; k++)
            Assert.Equal((1 - ExponentialOverlap(1 / 100.0, 1 / 200.0, -delays[k])) / 2, c[k], 1e-6);
        Assert.Equal(4 * 2.0 / 9, D(r["indistinguishability"]), 1e-9); // 4ΓaΓb/(Γa + Γb)² = 8/9
        Assert.Equal(8.0 / 9, D(r["visibility"]), 1e-9);
    }
}
