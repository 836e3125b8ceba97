using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using static PhotonicKit.Tests.Quantum.QuantumTestMath;

namespace PhotonicKit.Tests.Analyses;

/// <summary>
/// <c>photon_statistics</c> with many threshold detectors: without dark counts over the click patterns that can
/// occur, with dark counts through the exact most probable patterns, click counts and marginals (no dense array).
/// </summary>
public class PhotonStatisticsClickTests
{
    /// <summary>n ideal dots (p1 = 1, M = 1, 80 MHz) into the first inputs of an m-mode unitary, a detector with
    /// <paramref name="detector"/> settings on every output, one photon_statistics analysis with <paramref name="keys"/>.</summary>
    private static string Netlist(int n, Complex[,] u, string keys, string detector)
    {
        int m = u.GetLength(0);
        var sb = new StringBuilder("photonickit: 1\nwavelength_nm: 930\ninstances:\n");
        for (int s = 0; s < n; s++)
            sb.Append(CultureInfo.InvariantCulture, $"  q{s}: {{component: quantum_dot, settings: {{lifetime_ps: 100, beta: 1, beta_right_fraction: 1, repetition_rate_mhz: 80}}}}\n");
        sb.Append("  u:\n    component: unitary\n    settings:\n");
        foreach (var (key, part) in new[] { ("matrix_re", 0), ("matrix_im", 1) })
        {
            sb.Append(CultureInfo.InvariantCulture, $"      {key}:\n");
            for (int i = 0; i < m; i++)
                sb.Append("        - [").Append(string.Join(", ", Enumerable.Range(0, m).Select(j =>
                    (part == 0 ? u[i, j].Real : u[i, j].Imaginary).ToString("R", CultureInfo.InvariantCulture)))).Append("]\n");
        }
        for (int d = 0; d < m; d++) sb.Append(CultureInfo.InvariantCulture, $"  d{d}: {{component: detector, settings: {{{detector}}}}}\n");
        sb.Append("connections:\n");
        for (int s = 0; s < n; s++) sb.Append(CultureInfo.InvariantCulture, $"  \"q{s},right\": \"u,in{s}\"\n");
        for (int d = 0; d < m; d++) sb.Append(CultureInfo.InvariantCulture, $"  \"u,out{d}\": \"d{d},in\"\n");
        sb.Append("ports:\n");
        for (int s = 0; s < n; s++) sb.Append(CultureInfo.InvariantCulture, $"  l{s}: \"q{s},left\"\n");
        for (int i = n; i < m; i++) sb.Append(CultureInfo.InvariantCulture, $"  in{i}: \"u,in{i}\"\n");
        sb.Append("analyses:\n  - type: photon_statistics\n");
        sb.Append("    sources: [").Append(string.Join(", ", Enumerable.Range(0, n).Select(s => $"q{s}"))).Append("]\n");
        sb.Append("    detectors: [").Append(string.Join(", ", Enumerable.Range(0, m).Select(d => $"d{d}"))).Append("]\n");
        foreach (var line in keys.Split('\n')) sb.Append("    ").Append(line).Append('\n');
        return sb.ToString();
    }

    private static double[] Rates(JsonObject result, int dCount) =>
        Enumerable.Range(1, dCount).Select(k => (double)result["n_fold_rate_hz"]![k.ToString(CultureInfo.InvariantCulture)]!).ToArray();

    [Fact]
    public void FourPhotonsOnSixtyFourThresholdDetectorsAreServedOverTheClickPatternsThatCanOccur()
    {
        // Formerly refused (more than 24 threshold detectors). Four lossless photons click one to four detectors:
        // Σ_{j=1}^{4} C(64, j) = 679 120 patterns; every frame has a click, so the n-fold rates add up to 80 MHz.
        var result = RunHelper.Result(Netlist(4, Fourier(64, normalised: true), "max_patterns: 10\nmarginals: true", "resolution: threshold"));
        Assert.Equal(679120L, (long)result["n_patterns_total"]!);
        Assert.Equal(1.0, (double)result["probability_sum"]!, 1e-12);
        var rates = Rates(result, 64);
        Assert.Equal(80e6, rates.Sum(), 1e-4);
        for (int k = 5; k <= 64; k++) Assert.Equal(0.0, rates[k - 1]);
        // Mean number of clicking detectors: Σ_k k·rate_k/f = Σ_d P(d clicks).
        double mean = Enumerable.Range(1, 64).Sum(k => k * rates[k - 1]) / 80e6;
        var marginals = result["marginals"]!.AsObject();
        Assert.Equal(mean, Enumerable.Range(0, 64).Sum(d => (double)marginals[$"d{d}"]![1]!), 1e-10);
        var patterns = result["patterns"]!.AsArray();
        Assert.Equal(10, patterns.Count);
        for (int i = 1; i < patterns.Count; i++)
            Assert.True((double)patterns[i - 1]!["probability"]! >= (double)patterns[i]!["probability"]!);
    }

    [Fact]
    public void DarkCountsOnFortyThresholdDetectorsGiveTheTopPatternsRatesAndMarginalsWithoutTheDenseArray()
    {
        // Three identical photons on the 40-mode Fourier matrix, 2·10⁷ Hz dark counts in a 1 ns gate on every
        // detector: all 2^40 − 1 click patterns with a click are possible (the photons always click).
        const int dCount = 40;
        var result = RunHelper.Result(Netlist(3, Fourier(dCount, normalised: true), "max_patterns: 20\nmarginals: true\nsamples: 50",
            "resolution: threshold, dark_count_rate_hz: 2e7"));
        Assert.Equal((1L << 40) - 1, (long)result["n_patterns_total"]!);
        Assert.Equal(1.0, (double)result["probability_sum"]!, 1e-12);
        var rates = Rates(result, dCount);
        Assert.Equal(80e6, rates.Sum(), 1e-4);
        double mean = Enumerable.Range(1, dCount).Sum(k => k * rates[k - 1]) / 80e6;
        var marginals = result["marginals"]!.AsObject();
        Assert.Equal(mean, Enumerable.Range(0, dCount).Sum(d => (double)marginals[$"d{d}"]![1]!), 1e-10);
        // Each detector clicks at least as often as its dark counts alone make it: 1 − e^{−0.02}.
        foreach (var (_, m) in marginals) Assert.True((double)m![1]! >= -double.ExpM1(-0.02) - 1e-15);
        var patterns = result["patterns"]!.AsArray();
        Assert.Equal(20, patterns.Count);
        for (int i = 1; i < patterns.Count; i++)
            Assert.True((double)patterns[i - 1]!["probability"]! >= (double)patterns[i]!["probability"]!);
        Assert.Equal(50, result["samples"]!.AsArray().Count);
        Assert.All(result["samples"]!.AsArray(), s => Assert.True(s!.AsArray().Sum(v => (int)v!) >= 1));
    }

    [Fact]
    public void OnePatternWithDarkCountsOnFortyPnrDetectorsIsExactWithoutTheDenseArray()
    {
        // Three photons through the identity: the photons report [1, 1, 1, 0, …]; with Poisson(μ) dark counts and
        // max_photons 8 the probability of exactly that report is e^{−40μ} (no dark count anywhere).
        const int dCount = 40;
        var identity = new Complex[dCount, dCount];
        for (int i = 0; i < dCount; i++) identity[i, i] = 1;
        string pattern = "pattern: [" + string.Join(", ", Enumerable.Range(0, dCount).Select(d => d < 3 ? "1" : "0")) + "]";
        var result = RunHelper.Result(Netlist(3, identity, pattern, "resolution: pnr, dark_count_rate_hz: 1e7"));
        Assert.Equal(1.0, (double)result["probability"]! / Math.Exp(-40 * 0.01), 1e-12);
    }

    [Fact]
    public void TheMostProbablePnrReportsWithDarkCountsFollowThePoissonWeights()
    {
        // Three photons through the identity report [1, 1, 1, 0, …]; Poisson(μ = 0.01) dark counts on 40 pnr detectors
        // (max_photons 8). Most probable: no dark count, e^{−40μ}; then one dark count on any one detector,
        // μ·e^{−40μ} each (40 reports); two dark counts are at most μ²/2·… below.
        const int dCount = 40;
        var identity = new Complex[dCount, dCount];
        for (int i = 0; i < dCount; i++) identity[i, i] = 1;
        var result = RunHelper.Result(Netlist(3, identity, "max_patterns: 41", "resolution: pnr, dark_count_rate_hz: 1e7"));
        var patterns = result["patterns"]!.AsArray();
        Assert.Equal(41, patterns.Count);
        double none = Math.Exp(-40 * 0.01);
        Assert.Equal(1.0, (double)patterns[0]!["probability"]! / none, 1e-12);
        Assert.Equal([1, 1, 1, .. Enumerable.Repeat(0, dCount - 3)], patterns[0]!["clicks"]!.AsArray().Select(v => (int)v!).ToArray());
        var singles = new HashSet<int>();
        for (int i = 1; i < 41; i++)
        {
            Assert.Equal(1.0, (double)patterns[i]!["probability"]! / (0.01 * none), 1e-12);
            var clicks = patterns[i]!["clicks"]!.AsArray().Select(v => (int)v!).ToArray();
            var extra = Enumerable.Range(0, dCount).Where(d => clicks[d] != (d < 3 ? 1 : 0)).ToArray();
            Assert.Single(extra);
            Assert.Equal(PhotonsAt(extra[0]) + 1, clicks[extra[0]]);
            singles.Add(extra[0]);
        }
        Assert.Equal(dCount, singles.Count);
        static int PhotonsAt(int d) => d < 3 ? 1 : 0;
    }
}
