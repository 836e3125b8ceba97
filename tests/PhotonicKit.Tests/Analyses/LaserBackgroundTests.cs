using System.Globalization;
using System.Text.Json.Nodes;

namespace PhotonicKit.Tests.Analyses;

/// <summary>
/// Leaked excitation-laser light (docs/physics.md, "Laser background"): n_b = r_b·μ photons per pulse, Poisson or
/// Bose–Einstein, following the source's photons and interfering with none of them. Expected values are written from
/// the photon-number moments of the source and the background, independently of the engine.
/// </summary>
public class LaserBackgroundTests
{
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Two identical dots (β = 0.9, g2 = 0.02 at the emitter, dephased) on a 50:50 splitter with two detectors.</summary>
    private static string Netlist(string extra, string analyses) =>
        RunHelper.TwoDotsOnASplitter("lifetime_ps: 100, beta: 0.9, beta_right_fraction: 1, g2: 0.02, pure_dephasing_per_ns: 0.5, repetition_rate_mhz: 80" + extra, "efficiency: 0.7", analyses);

    private const string All = """
          - {type: source, source: a}
          - {type: g2, source: a, detectors: [d0, d1]}
          - {type: hom, sources: [a, b], detectors: [d0, d1]}
          - {type: figures, source: a, detectors: [d0, d1]}
          - {type: efficiency, source: a, detectors: [d0, d1]}
        """;

    /// <summary>(p0, p1, p2) of the background at the emitter: Poisson or Bose–Einstein of mean n, two or more counted as two.</summary>
    private static (double P0, double P1, double P2) Background(double n, bool thermal)
    {
        double p0 = thermal ? 1 / (1 + n) : Math.Exp(-n);
        double p1 = thermal ? n / ((1 + n) * (1 + n)) : n * Math.Exp(-n);
        return (p0, p1, 1 - p0 - p1);
    }

    [Theory]
    [InlineData(0.01, false)]
    [InlineData(0.03, true)]
    public void BackgroundRaisesG2AndLowersTheVisibilityAsTheMomentsSay(double ratio, bool thermal)
    {
        string extra = $", laser_background_ratio: {F(ratio)}" + (thermal ? ", laser_background_statistics: thermal" : "");
        var plain = RunHelper.Run(Netlist("", All)).Document["results"]!;
        var run = RunHelper.Run(Netlist(extra, All)).Document["results"]!;
        var source = plain[0]!;
        // The source's own photons at the emitter (β and detectors are losses that leave g2 and V unchanged).
        double px = (double)source["preparation_efficiency"]!, g2 = (double)source["g2"]!;
        double p2 = (1 - px * g2 - Math.Sqrt(1 - 2 * px * g2)) / g2, mu = px + p2;
        var bg = Background(ratio * mu, thermal);
        double nb = bg.P1 + 2 * bg.P2, total = mu + nb;
        double expectedG2 = (2 * p2 + 2 * mu * nb + 2 * bg.P2) / (total * total);
        Assert.Equal(expectedG2, (double)run[1]!["g2"]!, 12);

        // Two such sources on the splitter: V = M_eff μ²/(μ + n_b)² − g2, M_eff = V₀ + g2₀ from the run without background.
        double v0 = (double)plain[2]!["visibility"]!;
        double expectedV = (v0 + (double)plain[1]!["g2"]!) * mu * mu / (total * total) - expectedG2;
        Assert.Equal(expectedV, (double)run[2]!["visibility"]!, 10);
        // `figures` gives the same two figures in closed form, and the inferred indistinguishability uses the same g2.
        Assert.Equal(expectedG2, (double)run[3]!["g2"]!, 12);
        Assert.Equal(expectedV, (double)run[3]!["hom_visibility"]!, 10);
        Assert.Equal((expectedV + expectedG2) / (1 - expectedG2), (double)run[2]!["indistinguishability_from_visibility"]!, 10);
        // The photons' own overlap, the source's figures and the detection of its photons do not change.
        Assert.Equal((double)plain[2]!["indistinguishability"]!, (double)run[2]!["indistinguishability"]!, 14);
        Assert.Equal((double)source["g2"]!, (double)run[0]!["g2"]!, 14);
        Assert.Equal((double)plain[4]!["probability"]!, (double)run[4]!["probability"]!, 14);
        Assert.True((double)run[1]!["coincidence_probability"]! > (double)plain[1]!["coincidence_probability"]!);
    }

    /// <summary>One detector's counts: the background photons add to the source's, Poisson-convolved, after the same loss.</summary>
    [Fact]
    public void PhotonStatisticsCountTheBackgroundPhotonsWithTheSourcesPhotons()
    {
        const double ratio = 0.04;
        const string analyses = """
              - {type: source, source: a}
              - {type: photon_statistics, sources: [a], detectors: [d0], max_photons: 2}
            """;
        string netlist = Netlist($", laser_background_ratio: {F(ratio)}", analyses).Replace("d0: {component: detector, settings: {efficiency: 0.7}}", "d0: {component: detector, settings: {efficiency: 0.7, resolution: pnr}}");
        var run = RunHelper.Run(netlist).Document["results"]!;
        var source = run[0]!;
        double px = (double)source["preparation_efficiency"]!, g2 = (double)source["g2"]!;
        double p2 = (1 - px * g2 - Math.Sqrt(1 - 2 * px * g2)) / g2, p1 = px - p2, mu = p1 + 2 * p2;
        var bg = Background(ratio * mu, false);
        double t = 0.9 * 0.5 * 0.7; // β, the splitter, the detector
        double[] Thinned(double q0, double q1, double q2) => [q0 + q1 * (1 - t) + q2 * (1 - t) * (1 - t), q1 * t + 2 * q2 * t * (1 - t), q2 * t * t];
        var s = Thinned(1 - px, p1, p2);
        var b = Thinned(bg.P0, bg.P1, bg.P2);
        var patterns = run[1]!["patterns"]!.AsArray().ToDictionary(p => (int)p!["clicks"]![0]!, p => (double)p!["probability"]!);
        for (int n = 0; n <= 4; n++)
        {
            double expected = 0;
            for (int k = 0; k <= n; k++)
                if (k < 3 && n - k < 3) expected += s[k] * b[n - k];
            Assert.Equal(expected, patterns.GetValueOrDefault(n), 13);
        }
    }

    /// <summary>The outcome space counts the background's photons, and a blinking source's empty pulses: a lossless ideal
    /// source on one resolving detector gives totals 1 … 3 with background (1 + 0 … 2), and 0 … 1 when it blinks.</summary>
    [Fact]
    public void TheOutcomeSpaceCountsBackgroundPhotonsAndDarkPulses()
    {
        static string One(string extra) => $$$"""
            photonickit: 1
            wavelength_nm: 930
            instances:
              a: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 1, beta_right_fraction: 1{{{extra}}}}}
              d0: {component: detector, settings: {resolution: pnr}}
            connections:
              "a,right": "d0,in"
            ports: {la: "a,left"}
            analyses:
              - {type: photon_statistics, sources: [a], detectors: [d0]}
            """;
        var background = RunHelper.Run(One(", laser_background_ratio: 0.04")).Document["results"]![0]!;
        Assert.Equal(3, (long)background["n_patterns_total"]!);
        Assert.Equal(3, background["patterns"]!.AsArray().Count);
        var blinking = RunHelper.Run(One(", blinking_on_fraction: 0.5")).Document["results"]![0]!;
        Assert.Equal(2, (long)blinking["n_patterns_total"]!);
        Assert.Equal(0.5, (double)blinking["patterns"]![0]!["probability"]!, 14);
    }

    [Fact]
    public void SamplingWithoutTheDistributionIsRefusedWithBackgroundNamingTheSetting()
    {
        var bag = new PhotonicKit.Circuit.Diagnostics.DiagnosticBag("test.yaml");
        var prepared = PhotonicKit.Circuit.Running.NetlistRunner.Prepare(Netlist(", laser_background_ratio: 0.01",
            "  - {type: photon_statistics, sources: [a, b], detectors: [d0, d1], distribution: false, samples: 10}"), "test.yaml", [], false, bag);
        Assert.Null(prepared);
        Assert.Contains(bag.Errors, e => e.Key.EndsWith("distribution", StringComparison.Ordinal) && e.Message.Contains("laser_background_ratio"));
    }

    [Fact]
    public void TooMuchBackgroundForTheTwoPhotonModelIsRefusedAndStatisticsWithoutBackgroundWarn()
    {
        var bag = new PhotonicKit.Circuit.Diagnostics.DiagnosticBag("test.yaml");
        var prepared = PhotonicKit.Circuit.Running.NetlistRunner.Prepare(Netlist(", laser_background_ratio: 0.2", All), "test.yaml", [], false, bag);
        Assert.Null(prepared);
        Assert.Contains(bag.Errors, e => e.Key.EndsWith("laser_background_ratio", StringComparison.Ordinal) && e.Message.Contains("leaked laser photons per pulse, more than the 0.05"));

        var run = RunHelper.Run(Netlist(", laser_background_statistics: thermal", All));
        Assert.Contains(run.Warnings, w => w.Key.EndsWith("laser_background_statistics", StringComparison.Ordinal) && w.Message.Contains("without laser_background_ratio"));
    }

    /// <summary>
    /// The leaked light from the laser's power and the extinction in the collected mode: N_L = P/(f·hc/λ) photons per pulse,
    /// N_L·10^(−ER/10) of them collected; every figure equals that of the ratio r_b = n_b/μ with n_b = N_L·10^(−ER/10)/β
    /// at the emitter (β = 0.9 collected into the right-going mode), computed here from the SI constants.
    /// </summary>
    [Theory]
    [InlineData(1.0, 68.0, false)]
    [InlineData(2.5, 70.0, true)]
    public void LaserPowerAndExtinctionGiveTheBackgroundTheirPhotonsPerPulseMake(double powerUw, double extinctionDb, bool thermal)
    {
        const double h = 6.62607015e-34, c = 299792458.0, wavelengthM = 930e-9, rateHz = 80e6, beta = 0.9;
        double laserPhotons = powerUw * 1e-6 / (rateHz * h * c / wavelengthM);
        double collected = laserPhotons * Math.Pow(10, -extinctionDb / 10);
        string statistics = thermal ? ", laser_background_statistics: thermal" : "";
        var source = RunHelper.Run(Netlist("", All)).Document["results"]![0]!;
        double px = (double)source["preparation_efficiency"]!, g2 = (double)source["g2"]!;
        double mu = px + (1 - px * g2 - Math.Sqrt(1 - 2 * px * g2)) / g2;
        double ratio = collected / beta / mu;
        Assert.InRange(ratio, 0.001, 0.05);

        var byPower = RunHelper.Run(Netlist($", laser_power_uw: {F(powerUw)}, laser_extinction_db: {F(extinctionDb)}" + statistics, All)).Document["results"]!;
        var byRatio = RunHelper.Run(Netlist($", laser_background_ratio: {F(ratio)}" + statistics, All)).Document["results"]!;
        foreach (var (index, field) in new[] { (1, "g2"), (2, "visibility"), (3, "g2"), (3, "hom_visibility"), (2, "coincidence_probability") })
            Assert.Equal((double)byRatio[index]![field]!, (double)byPower[index]![field]!, 12);
        Assert.True((double)byPower[1]!["g2"]! > g2);
    }

    [Fact]
    public void LaserPowerWithoutItsPartnersOrTooLittleExtinctionIsRefusedNamingTheSettings()
    {
        static IReadOnlyList<PhotonicKit.Circuit.Diagnostics.Diagnostic> Errors(string dot)
        {
            var bag = new PhotonicKit.Circuit.Diagnostics.DiagnosticBag("test.yaml");
            var prepared = PhotonicKit.Circuit.Running.NetlistRunner.Prepare(RunHelper.TwoDotsOnASplitter(dot, "efficiency: 0.7", All), "test.yaml", [], false, bag);
            Assert.Null(prepared);
            return bag.Errors.ToList();
        }
        const string Dot = "lifetime_ps: 100, beta: 0.9, beta_right_fraction: 1";
        Assert.Contains(Errors(Dot + ", repetition_rate_mhz: 80, laser_power_uw: 1"), e => e.Key.EndsWith("laser_extinction_db", StringComparison.Ordinal) && e.Message.Contains("required with laser_power_uw"));
        Assert.Contains(Errors(Dot + ", laser_power_uw: 1, laser_extinction_db: 70"), e => e.Message.Contains("give repetition_rate_mhz"));
        Assert.Contains(Errors(Dot + ", repetition_rate_mhz: 80, laser_power_uw: 1, laser_extinction_db: 70, laser_background_ratio: 0.01"),
            e => e.Message.Contains("two descriptions of the leaked laser light"));
        // 1 µW at 80 MHz is 58 520 photons per pulse at 930 nm; 40 dB leaves 5.85 of them collected, 6.50 at the emitter
        // (β = 0.9): 10·log10(6.50/0.05) = 21.1 dB more, at least 61.1 dB, is needed.
        var tooMuch = Errors(Dot + ", repetition_rate_mhz: 80, laser_power_uw: 1, laser_extinction_db: 40");
        Assert.Contains(tooMuch, e => e.Key.EndsWith("laser_power_uw", StringComparison.Ordinal) && e.Message.Contains("the extinction must be at least 61.1 dB"));
    }
}
