using System.Globalization;
using System.Numerics;
using System.Text;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Running;
using static PhotonicKit.Tests.Quantum.QuantumTestMath;

namespace PhotonicKit.Tests.Analyses;

/// <summary>
/// <c>photon_statistics</c> beyond 16 sources, over outcome spaces too large for one dense array, and with
/// <c>distribution: false</c> (exact samples only).
/// </summary>
public class PhotonStatisticsScaleTests
{
    /// <summary>n ideal dots (β = 1, all light to the right: p1 = 1, M = 1) into the first inputs of an m-mode
    /// unitary, a pnr detector on every output, one photon_statistics analysis with <paramref name="keys"/>.</summary>
    private static string Netlist(int n, Complex[,] u, string keys, string detector = "resolution: pnr")
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

    private static Complex[,] Identity(int m)
    {
        var u = new Complex[m, m];
        for (int i = 0; i < m; i++) u[i, i] = 1;
        return u;
    }

    private static List<Diagnostic> Errors(string yaml)
    {
        var bag = new DiagnosticBag("test.yaml");
        Assert.Null(NetlistRunner.Prepare(yaml, "test.yaml", [], strict: false, bag));
        return bag.All.Where(d => d.Severity == Severity.Error).ToList();
    }

    [Fact]
    public void SeventeenSourcesGiveOnePatternProbabilityFromOnePermanent()
    {
        // Beyond the former cap of 16 sources: ideal sources have one configuration. Seventeen identical photons
        // through the 17-mode Fourier matrix, one per output: |perm F|² (Ryser's formula, written out here).
        const int n = 17;
        var f = Fourier(n, normalised: true);
        var result = RunHelper.Result(Netlist(n, f, "pattern: [" + string.Join(", ", Enumerable.Repeat("1", n)) + "]"));
        Complex perm = Ryser(f, n);
        double expected = perm.Real * perm.Real + perm.Imaginary * perm.Imaginary;
        Assert.Equal(1.0, (double)result["probability"]! / expected, 1e-9);
    }

    private static Complex Ryser(Complex[,] a, int n)
    {
        Complex total = 0;
        var rowSums = new Complex[n];
        for (int mask = 1; mask < 1 << n; mask++)
        {
            int gray = mask ^ (mask >> 1), previous = (mask - 1) ^ ((mask - 1) >> 1);
            int bit = BitOperations.TrailingZeroCount(gray ^ previous);
            bool added = (gray >> bit & 1) != 0;
            for (int i = 0; i < n; i++) rowSums[i] += added ? a[i, bit] : -a[i, bit];
            Complex product = 1;
            for (int i = 0; i < n; i++) product *= rowSums[i];
            total += (BitOperations.PopCount((uint)gray) % 2 == 0 ? 1 : -1) * product;
        }
        return n % 2 == 0 ? total : -total;
    }

    [Fact]
    public void AFullDistributionBeyondOneDenseArrayIsServedOverThePatternsThatCanOccur()
    {
        // Three photons on 40 pnr detectors with max_photons 8: 9^40 outcomes, of which C(42, 3) = 11 480 can occur.
        // Through the identity the photons stay in their modes: one pattern of probability 1, three 1-fold... none:
        // exactly three detectors click.
        var result = RunHelper.Result(Netlist(3, Identity(40), "max_patterns: 5"));
        Assert.Equal(11480L, (long)result["n_patterns_total"]!);
        Assert.Equal(1.0, (double)result["probability_sum"]!, 1e-12);
        var patterns = result["patterns"]!.AsArray();
        Assert.Single(patterns);
        Assert.Equal([1, 1, 1, .. Enumerable.Repeat(0, 37)], patterns[0]!["clicks"]!.AsArray().Select(v => (int)v!).ToArray());
        var rates = result["n_fold_rate_hz"]!.AsObject();
        Assert.Equal(80e6, (double)rates["3"]!, 1e-3);
        Assert.Equal(0.0, (double)rates["2"]!);
    }

    [Fact]
    public void TooLargeADistributionIsRefusedWithTheEstimateAndTheWayToSampleInstead()
    {
        // 14 photons on 40 detectors: C(53, 14) ≈ 1.7·10¹² patterns.
        var errors = Errors(Netlist(14, Identity(40), "samples: 2"));
        var error = Assert.Single(errors);
        Assert.Contains("too large", error.Message);
        Assert.Contains("estimate", error.Message);
        Assert.Contains("distribution: false", error.Message);
    }

    [Fact]
    public void DistributionFalseDrawsExactSamplesOnly()
    {
        // Through the identity every sample is the input pattern; the same seed gives the same samples.
        string yaml = Netlist(14, Identity(40), "samples: 3\nseed: 4\ndistribution: false");
        var result = RunHelper.Result(yaml);
        Assert.Null(result["patterns"]);
        Assert.Null(result["probability_sum"]);
        var samples = result["samples"]!.AsArray();
        Assert.Equal(3, samples.Count);
        int[] expected = [.. Enumerable.Repeat(1, 14), .. Enumerable.Repeat(0, 26)];
        foreach (var sample in samples) Assert.Equal(expected, sample!.AsArray().Select(v => (int)v!).ToArray());
        Assert.Equal(result["samples"]!.ToJsonString(), RunHelper.Result(yaml)["samples"]!.ToJsonString());
    }

    [Fact]
    public void DistributionFalseSamplesFollowTheHongOuMandelPairing()
    {
        // Two identical photons on a 50:50 splitter always leave together: every sample is [2, 0] or [0, 2].
        var bs = BeamSplitter5050();
        var result = RunHelper.Result(Netlist(2, bs, "samples: 200\ndistribution: false"));
        var samples = result["samples"]!.AsArray().Select(s => s!.AsArray().Select(v => (int)v!).ToArray()).ToList();
        Assert.All(samples, s => Assert.True(s.SequenceEqual([2, 0]) || s.SequenceEqual([0, 2]), string.Join(",", s)));
        Assert.InRange(samples.Count(s => s[0] == 2), 60, 140);
    }

    [Theory]
    [InlineData("distribution: false")]
    [InlineData("distribution: false\nsamples: 2\nmarginals: true")]
    [InlineData("distribution: false\nsamples: 2\npattern: [1, 1]")]
    public void DistributionFalseNeedsSamplesAndNothingElse(string keys)
    {
        var error = Assert.Single(Errors(Netlist(2, BeamSplitter5050(), keys)));
        Assert.Contains("distribution", error.Key);
        Assert.Contains("samples only", error.Message);
    }

    [Fact]
    public void OverlapsThatRuleOutSlosAreRefusedAtRunTimeWithTheEstimate()
    {
        // Eight lifetime-limited dots of different lifetimes: every M_s = 1, so the check before the run assumes
        // identical photons (one SLOS run, accepted); their mutual overlaps differ, so the run needs permanents with
        // a sum over Gram permutations for 490 314 patterns and stops with the estimate instead.
        string yaml = Netlist(8, HaarUnitary(16, new Random(2)), "max_patterns: 3");
        for (int s = 0; s < 8; s++)
            yaml = yaml.Replace($"q{s}: {{component: quantum_dot, settings: {{lifetime_ps: 100,", $"q{s}: {{component: quantum_dot, settings: {{lifetime_ps: {100 + 20 * s},");
        var bag = new DiagnosticBag("test.yaml");
        var prepared = NetlistRunner.Prepare(yaml, "test.yaml", [], strict: false, bag);
        Assert.True(prepared is not null, string.Join("\n", bag.All));
        var e = Assert.Throws<Circuit.Analyses.AnalysisException>(() => prepared!.Execute());
        Assert.Contains("refused before starting", e.Message);
        Assert.Contains("estimate", e.Message);
    }
}
