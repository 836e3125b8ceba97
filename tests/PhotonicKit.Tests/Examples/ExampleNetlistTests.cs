using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Running;

namespace PhotonicKit.Tests.Examples;

/// <summary>The netlists under examples/netlists run through the library and give their documented figures.</summary>
public sealed class ExampleNetlistTests
{
    private static string NetlistFolder() => Repository.PathOf("examples", "netlists");

    private static JsonArray Run(string fileName, params string[] overrides)
    {
        string path = Path.Combine(NetlistFolder(), fileName);
        var bag = new DiagnosticBag(path);
        var run = NetlistRunner.Prepare(File.ReadAllText(path), path, overrides, strict: false, bag);
        Assert.True(run is not null, string.Join("\n", bag.All));
        return run!.Execute().Document["results"]!.AsArray();
    }

    private static double[] Series(JsonNode? node) => node!.AsArray().Select(v => (double)v!).ToArray();

    public static TheoryData<string> NetlistFiles() =>
        new(Directory.GetFiles(NetlistFolder(), "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(NetlistFiles))]
    public void EveryExampleNetlistRunsWithoutErrors(string fileName)
    {
        var results = Run(fileName);
        Assert.NotEmpty(results);
    }

    [Fact]
    public void RingFilterDropsEverythingOnResonanceAndRepeatsEveryFreeSpectralRange()
    {
        var transmission = Run("05-ring-filter.yaml")[1]!;
        double[] wavelengthNm = Series(transmission["wavelength_nm"]);
        double[] drop = Series(transmission["power"]!["in0"]!["drop"]);
        double[] through = Series(transmission["power"]!["in0"]!["through"]);
        int centre = Array.IndexOf(wavelengthNm, 930.0);
        Assert.True(centre >= 0, "930 nm is on the grid");
        // Lossless, symmetric add-drop ring on resonance: all power to drop, none through.
        Assert.Equal(1.0, drop[centre], 9);
        Assert.Equal(0.0, through[centre], 9);
        // Power conservation of a lossless ring: drop + through = 1 at every wavelength.
        for (int k = 0; k < wavelengthNm.Length; k++) Assert.Equal(1.0, drop[k] + through[k], 9);
        // The next resonance above 930 nm: 1/λ_m = (m + const)/(n_g L) gives λ_a λ_b/(n_g L) for the spacing.
        int next = centre + 1;
        while (!(drop[next] > drop[next - 1] && drop[next] >= drop[next + 1] && drop[next] > 0.5)) next++;
        double spacing = wavelengthNm[next] - 930.0;
        double expected = 930.0 * wavelengthNm[next] / (4.2 * 50e3);
        Assert.InRange(spacing, expected - 0.0005, expected + 0.0005);
    }

    [Fact]
    public void RingFilterDotHasBrightnessBetaWithIdealExcitation()
    {
        var source = Run("05-ring-filter.yaml")[0]!;
        // Ideal excitation, η_QE = 1, no sideband filter: the brightness is β = 0.9, g2 = 0.
        Assert.Equal(0.9, (double)source["brightness"]!, 12);
        Assert.Equal(0.0, (double)source["g2"]!, 12);
    }

    [Fact]
    public void LossyRingFilterDropPowerFollowsTheAddDropFormula()
    {
        var transmission = Run("05-ring-filter.yaml", "ring.loss_db_per_cm=10")[1]!;
        double[] wavelengthNm = Series(transmission["wavelength_nm"]);
        double drop = Series(transmission["power"]!["in0"]!["drop"])[Array.IndexOf(wavelengthNm, 930.0)];
        // κ⁴ a/(1 − t² a)² with a the round-trip amplitude (Bogaerts et al., Laser Photon. Rev. 6, 47 (2012)).
        double a = Math.Pow(10, -10 * 50e-4 / 20), kappa2 = 0.05, t2 = 0.95;
        Assert.Equal(kappa2 * kappa2 * a / Math.Pow(1 - t2 * a, 2), drop, 9);
    }

    [Fact]
    public void HomDipOfTwoIdenticalDotsFollowsTheExponentialOverlap()
    {
        var hom = Run("03-hom-dip.yaml")[1]!;
        double[] delayPs = Series(hom["delay_ps"]);
        double[] coincidences = Series(hom["coincidences"]);
        Assert.Equal(201, delayPs.Length);
        // T1 = 200 ps, γ* = 0.1 ns⁻¹: M = Γ/(Γ + 2γ*); each photon detected with β·η_det = 0.9·0.9.
        double gamma = 1 / 200.0, m = gamma / (gamma + 2 * 0.1e-3), eta = 0.81;
        Assert.Equal(m, (double)hom["visibility"]!, 9);
        for (int k = 0; k < delayPs.Length; k++)
            Assert.Equal(eta * eta * (1 - m * Math.Exp(-gamma * Math.Abs(delayPs[k]))) / 2, coincidences[k], 9);
    }

    [Fact]
    public void HomDipOfOneDotThroughATimeDemuxHasOllivierVisibility()
    {
        var hom = Run("03-hom-dip-demux.yaml")[1]!;
        // Ideal preparation: p1 + p2 = 1, μ = 1 + p2, g2 = 2p2/μ² = 0.02; V = M(1 − g2 μ/2)² − g2
        // (Ollivier et al., PRL 126, 063602 (2021)).
        double g2 = 0.02, m = (1 / 200.0) / (1 / 200.0 + 2 * 0.1e-3);
        double p2 = ((1 - g2) - Math.Sqrt((1 - g2) * (1 - g2) - g2 * g2)) / g2, mu = 1 + p2;
        Assert.Equal(g2, 2 * p2 / (mu * mu), 12);
        Assert.Equal(m * Math.Pow(1 - g2 * mu / 2, 2) - g2, (double)hom["visibility"]!, 6);
        // The 1/f_rep delay line synchronises the pulses: the dip is centred at zero mismatch.
        double[] delayPs = Series(hom["delay_ps"]);
        double[] coincidences = Series(hom["coincidences"]);
        Assert.Equal(0.0, delayPs[Array.IndexOf(coincidences, coincidences.Min())]);
    }

    [Fact]
    public void FourierInterferometerSuppressesTheFourfoldAndKeepsTheFourPhotonRate()
    {
        var results = Run("04-demux-interferometer.yaml");
        var statistics = results[0]!;
        // η_k = β · 10^(−loss_k/10) · η_det for the four channels.
        double product = new[] { 0.3, 0.4, 0.5, 0.6 }.Aggregate(1.0, (a, db) => a * 0.9 * Math.Pow(10, -db / 10) * 0.9);
        double fourPhoton = statistics["patterns"]!.AsArray()
            .Where(p => p!["clicks"]!.AsArray().Sum(c => (int)c!) == 4).Sum(p => (double)p!["probability"]!);
        Assert.Equal(product, fourPhoton, 12);
        Assert.Equal(1.0, (double)statistics["probability_sum"]!, 12);
        // Distinguishable photons: the four land in different detectors with probability 4!/4⁴, at the frame rate f/4.
        var distinguishable = Run("04-demux-interferometer.yaml", "qd.indistinguishability=0")[0]!;
        double distinguishableFourFold = (double)distinguishable["n_fold_rate_hz"]!["4"]!;
        Assert.Equal(20e6 * product * 24 / 256, distinguishableFourFold, 4);
        // Suppression law of the 4-mode Fourier matrix (Tichy et al., PRL 104, 220405 (2010)): [1,1,1,1] has Σ j = 6;
        // the delay lines align the pulses to the numerical group delay's precision, so the suppression is > 10⁶.
        Assert.InRange((double)statistics["n_fold_rate_hz"]!["4"]!, 0, 1e-6 * distinguishableFourFold);
    }

    [Fact]
    public void LossBudgetProbabilityIsTheProductOfTheComponentTransmissions()
    {
        var efficiency = Run("06-loss-budget.yaml")[0]!;
        // β · right share · grating · fibre · grating · mean demux efficiency · waveguide · detector, and the weak
        // Fabry–Pérot of the two gratings' −30 dB reflections (amplitude i r each): 1/(1 + r² t_f²)². The gratings'
        // peaks are averaged over the photon's Lorentzian line (half width Γ/2, T1 = 200 ps), whose wings reach
        // beyond the two 40 nm passbands: a direct midpoint quadrature out to 1000 rad/ps from the line.
        double fibre = Math.Pow(10, -0.08), r2 = 1e-3;
        double halfWidth = 0.5 / 200, omega0 = 2 * Math.PI * 299_792.458 / 930;
        double Weighted(double x)
        {
            double lambda = 2 * Math.PI * 299_792.458 / (omega0 + x), g = Math.Exp(-4 * Math.Log(2) * Math.Pow((lambda - 930) / 40, 2));
            return halfWidth / Math.PI / (x * x + halfWidth * halfWidth) * g * g;
        }
        double passband = 0, core = halfWidth / 20;
        for (int i = 0; i < 20_000; i++) passband += (Weighted((i + 0.5) * core) + Weighted(-(i + 0.5) * core)) * core;
        for (int i = 0; i < 100_000; i++) passband += (Weighted(2.5 + (i + 0.5) * 0.01) + Weighted(-2.5 - (i + 0.5) * 0.01)) * 0.01;
        double expected = 0.9 * 0.95 * 0.6 * passband * fibre * 0.7 * 0.89 * Math.Pow(10, -0.1) * 0.85 / Math.Pow(1 + r2 * fibre, 2);
        double probability = (double)efficiency["probability"]!;
        Assert.InRange(probability, expected * (1 - 1e-5), expected * (1 + 1e-5));
        Assert.Equal(80e6 * probability, (double)efficiency["rate_hz"]!, 3);
        double sumLossDb = efficiency["budget"]!.AsArray().Sum(hop => (double)hop!["loss_db"]!);
        Assert.Equal(probability, Math.Pow(10, -sumLossDb / 10), 12);
    }

    [Fact]
    public void BosonSamplingNetlistMatchesPermanentsOfTheInterferometer()
    {
        // The matrix as written in the file (rows of matrix_re, then of matrix_im).
        string text = File.ReadAllText(Path.Combine(NetlistFolder(), "07-boson-sampling.yaml"));
        var rows = System.Text.RegularExpressions.Regex.Matches(text, @"^\s+- \[([^\]]+)\]", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(16, rows.Length);
        var u = new System.Numerics.Complex[8, 8];
        for (int i = 0; i < 8; i++)
            for (int j = 0; j < 8; j++) u[i, j] = new System.Numerics.Complex(rows[i][j], rows[8 + i][j]);

        var sweep = Run("07-boson-sampling.yaml")[0]!;
        var values = Series(sweep["values"]);
        var results = sweep["results"]!.AsArray();
        foreach (var r in results)
        {
            Assert.Equal(330, (long)r!["n_patterns_total"]!); // C(4 + 8 − 1, 4): lossless photons
            Assert.Equal(1, (double)r["probability_sum"]!, 1e-12);
        }
        // For the most likely patterns: M = 1 gives |perm U_s|²/∏s!, M = 0 gives perm(|U_s|²)/∏s!.
        foreach (var (m, k) in new[] { (1.0, Array.IndexOf(values, 1.0)), (0.0, Array.IndexOf(values, 0.0)) })
            foreach (var pattern in results[k]!["patterns"]!.AsArray().Take(5))
            {
                int[] clicks = pattern!["clicks"]!.AsArray().Select(c => (int)c!).ToArray();
                int[] outputs = clicks.SelectMany((count, output) => Enumerable.Repeat(output, count)).ToArray();
                double norm = clicks.Aggregate(1.0, (a, c) => a * Factorial(c));
                double expected = 0;
                System.Numerics.Complex amplitude = 0;
                foreach (var sigma in Permutations(4))
                {
                    System.Numerics.Complex product = 1;
                    double classical = 1;
                    for (int photon = 0; photon < 4; photon++)
                    {
                        var z = u[outputs[sigma[photon]], photon];
                        product *= z;
                        classical *= z.Magnitude * z.Magnitude;
                    }
                    amplitude += product;
                    expected += classical;
                }
                expected = m == 1 ? amplitude.Magnitude * amplitude.Magnitude / norm : expected / norm;
                Assert.Equal(expected, (double)pattern["probability"]!, 1e-12);
            }
    }

    [Fact]
    public void SourceDesignNetlistFollowsTheSlowLightAndCavityPurcellFormulas()
    {
        var results = Run("01-source-design.yaml");
        var byGroupIndex = results[1]!;
        var values = Series(byGroupIndex["values"]);
        for (int k = 0; k < values.Length; k++)
        {
            // F_wg = (3/4π)(λ/n)²(n_g/n)/A_eff with λ = 0.93 µm, n = 3.5, A_eff = 0.1 µm²; β = F/(F + 0.1).
            double f = 3 / (4 * Math.PI) * Math.Pow(0.93 / 3.5, 2) * (values[k] / 3.5) / 0.1;
            var r = byGroupIndex["results"]![k]!;
            Assert.Equal(f, (double)r["purcell"]!, 1e-9);
            Assert.Equal(f / (f + 0.1), (double)r["beta"]!, 1e-12);
            Assert.Equal(1000 / (f + 0.1), (double)r["lifetime_ps"]!, 1e-9);
        }
        Assert.Equal(2.408, (double)byGroupIndex["results"]![Array.IndexOf(values, 50.0)]!["purcell"]!, 1e-3);
        var byQ = results[2]!;
        var qs = Series(byQ["values"]);
        for (int k = 0; k < qs.Length; k++)
            Assert.Equal(3 / (4 * Math.PI * Math.PI) * qs[k] / 15, (double)byQ["results"]![k]!["purcell"]!, 1e-9);
    }

    [Fact]
    public void PhononTradeoffNetlistFollowsTheSidebandFilterFormula()
    {
        var results = Run("02-phonon-tradeoff.yaml");
        var byFilter = results[0]!;
        var transmissions = Series(byFilter["values"]);
        double mZpl = 5.0 / (5.0 + 2 * 0.05); // Γ = 1/200 ps⁻¹ = 5 ns⁻¹, γ* = 0.05 ns⁻¹
        for (int k = 0; k < transmissions.Length; k++)
        {
            var r = byFilter["results"]![k]!;
            double b2 = (double)r["zpl_fraction"]!;
            double etaF = b2 + (1 - b2) * transmissions[k];
            Assert.Equal(0.95 * etaF, (double)r["brightness"]!, 1e-12);
            Assert.Equal(mZpl * Math.Pow(b2 / etaF, 2), (double)r["indistinguishability"]!, 1e-12);
        }
        // B² at 0, 4, 10 K for α = 0.027 ps², ω_c = 2.2 ps⁻¹ (physics.md's stated values).
        var byTemperature = results[1]!["results"]!.AsArray();
        Assert.Equal(0.937, (double)byTemperature[0]!["zpl_fraction"]!, 1e-3);
        Assert.Equal(0.918, (double)byTemperature[1]!["zpl_fraction"]!, 1e-3);
        Assert.Equal(0.858, (double)byTemperature[2]!["zpl_fraction"]!, 1e-3);
    }

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    private static IEnumerable<int[]> Permutations(int n)
    {
        if (n == 0)
        {
            yield return [];
            yield break;
        }
        foreach (var smaller in Permutations(n - 1))
            for (int position = 0; position < n; position++)
            {
                var p = new List<int>(smaller);
                p.Insert(position, n - 1);
                yield return p.ToArray();
            }
    }
}
