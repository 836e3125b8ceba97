using System.Globalization;
using System.Numerics;
using PhotonicKit.Circuit.Analyses;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Tests.Analyses;

/// <summary>
/// Leaked laser light sees the circuit at the laser's own spectrum (docs/physics.md, "Laser background"): a resonant pulse of
/// intensity FWHM τ has the Gaussian power spectrum S_L of FWHM 4 ln2/τ (rad/ps), and reaches detector d with
/// T_b,d = ∫ S_L |T_d|² dω, while the photons see their own line. Expected values are computed here: an add-drop ring narrower
/// than the pulse, |D(ω)|² = κ⁴/(1 − 2t² cos φ + t⁴) written from its two couplers, integrated against the Gaussian by
/// Simpson's rule on a fine frequency grid; a Lorentzian filter against the Gaussian in closed form (Voigt, Faddeeva).
/// </summary>
public class LaserBackgroundSpectrumTests
{
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private const double SpeedOfLightNmPerPs = 299_792.458, WavelengthNm = 930, PulseFwhmPs = 5;
    // A lossless add-drop ring resonant at 930 nm (2.4 × 99.975 µm = 258 wavelengths), κ² = 0.05 on both buses: 11.7 GHz wide
    // (FWHM), against the 88.3 GHz of a 5 ps pulse and the 0.53 GHz of the dot's line (T1 = 300 ps).
    private const double RingLengthUm = 99.975, RingCoupling = 0.05, NEff = 2.4, NG = 4.2;
    private const double Beta = 0.9, DetectorEfficiency = 0.7, Ratio = 0.02;

    private static string Dot(string excitation = "excitation: resonant, pulse_fwhm_ps: 5", string background = ", laser_background_ratio: 0.02") =>
        $"lifetime_ps: 300, beta: {F(Beta)}, beta_right_fraction: 1, g2: 0.02, pure_dephasing_per_ns: 0.2, repetition_rate_mhz: 80, {excitation}{background}";

    private static string Ring(string name) => $"{name}: {{component: ring_add_drop, settings: {{length_um: {F(RingLengthUm)}, coupling: {F(RingCoupling)}}}}}";

    /// <summary>Dot a → ring drop → 50:50 splitter → d0, d1.</summary>
    private static string FilteredSplitter(string dot, string analyses, string detector = "efficiency: 0.7") => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          a: {component: quantum_dot, settings: { {{{dot}}} }}
          {{{Ring("ra")}}}
          bs: beam_splitter
          d0: {component: detector, settings: { {{{detector}}} }}
          d1: {component: detector, settings: { {{{detector}}} }}
        connections:
          "a,right": "ra,in0"
          "ra,drop": "bs,in0"
          "bs,out0": "d0,in"
          "bs,out1": "d1,in"
        ports: {la: "a,left", thru: "ra,out0", add: "ra,add", in1: "bs,in1"}
        analyses:
        {{{analyses}}}
        """;

    /// <summary>Dots a and b, each through its own ring's drop port, on a 50:50 splitter → d0, d1.</summary>
    private static string TwoFilteredDots(string dot, string analyses) => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          a: {component: quantum_dot, settings: { {{{dot}}} }}
          b: {component: quantum_dot, settings: { {{{dot}}} }}
          {{{Ring("ra")}}}
          {{{Ring("rb")}}}
          bs: beam_splitter
          d0: {component: detector, settings: {efficiency: 0.7}}
          d1: {component: detector, settings: {efficiency: 0.7}}
        connections:
          "a,right": "ra,in0"
          "b,right": "rb,in0"
          "ra,drop": "bs,in0"
          "rb,drop": "bs,in1"
          "bs,out0": "d0,in"
          "bs,out1": "d1,in"
        ports: {la: "a,left", lb: "b,left", ta: "ra,out0", aa: "ra,add", tb: "rb,out0", ab: "rb,add"}
        analyses:
        {{{analyses}}}
        """;

    /// <summary>|D(ω)|² of the lossless add-drop ring's drop port, κ⁴/(1 − 2t² cos φ + t⁴), φ = 2π n(λ) L/λ with first-order
    /// dispersion n(λ) = n_eff − (λ − λ0)(n_g − n_eff)/λ0.</summary>
    private static double DropPower(double omegaRadPerPs)
    {
        double lambda = 2 * Math.PI * SpeedOfLightNmPerPs / omegaRadPerPs;
        double n = NEff - (lambda - WavelengthNm) * (NG - NEff) / WavelengthNm;
        double phi = 2 * Math.PI * n * RingLengthUm * 1e3 / lambda;
        double t2 = 1 - RingCoupling;
        return RingCoupling * RingCoupling / (1 - 2 * t2 * Math.Cos(phi) + t2 * t2);
    }

    /// <summary>∫ S_L(ω)|D(ω)|² dω for the 5 ps pulse at 930 nm, S_L = exp(−Δ²/2σ²)/(σ√2π) with σ = √(2 ln2)/τ, by Simpson's
    /// rule over ±12σ on 600 000 intervals (the ring's half-width is 150 of them).</summary>
    private static double LaserThroughRing()
    {
        double omega0 = 2 * Math.PI * SpeedOfLightNmPerPs / WavelengthNm, sigma = Math.Sqrt(2 * Math.Log(2)) / PulseFwhmPs;
        const int n = 600_000;
        double low = -12 * sigma, h = 24 * sigma / n, sum = 0;
        for (int i = 0; i <= n; i++)
        {
            double x = low + h * i;
            double weight = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
            sum += weight * Math.Exp(-0.5 * x * x / (sigma * sigma)) / (sigma * Math.Sqrt(2 * Math.PI)) * DropPower(omega0 + x);
        }
        return sum * h / 3;
    }

    /// <summary>(p0, p1, p2) of the source's photons at the emitter from its preparation efficiency and g2.</summary>
    private static (double P0, double P1, double P2, double Mu) Photons(System.Text.Json.Nodes.JsonNode source)
    {
        double px = (double)source["preparation_efficiency"]!, g2 = (double)source["g2"]!;
        double p2 = (1 - px * g2 - Math.Sqrt(1 - 2 * px * g2)) / g2;
        return (1 - px, px - p2, p2, px + p2);
    }

    private static (double P0, double P1, double P2) Coherent(double n) => (Math.Exp(-n), n * Math.Exp(-n), 1 - Math.Exp(-n) - n * Math.Exp(-n));

    /// <summary>
    /// One resolving detector behind the ring: its counts are the source's photons thinned by t = η_c·T·η_d convolved with the
    /// background's thinned by t_b = η_c·T_b·η_d, T the photons' transmission (the efficiency analysis') and T_b the laser's
    /// through the ring computed here: the background at the detector is the Gaussian against |D|², a fifth of the photons'.
    /// </summary>
    [Fact]
    public void TheBackgroundAtTheDetectorIsTheLaserSpectrumAgainstTheFilter()
    {
        string netlist = $$$"""
            photonickit: 1
            wavelength_nm: 930
            instances:
              a: {component: quantum_dot, settings: { {{{Dot()}}} }}
              {{{Ring("ra")}}}
              d0: {component: detector, settings: {efficiency: 0.7, resolution: pnr}}
            connections:
              "a,right": "ra,in0"
              "ra,drop": "d0,in"
            ports: {la: "a,left", thru: "ra,out0", add: "ra,add"}
            analyses:
              - {type: source, source: a}
              - {type: efficiency, source: a, detectors: [d0]}
              - {type: photon_statistics, sources: [a], detectors: [d0], max_photons: 2}
            """;
        var run = RunHelper.Run(netlist).Document["results"]!;
        var (p0, p1, p2, mu) = Photons(run[0]!);
        double photonTransmission = (double)run[1]!["transmission"]!, laserTransmission = LaserThroughRing();
        Assert.InRange(photonTransmission, 0.9, 1);
        Assert.InRange(laserTransmission / photonTransmission, 0.1, 0.3);
        var bg = Coherent(Ratio * mu);
        double t = Beta * photonTransmission * DetectorEfficiency, tb = Beta * laserTransmission * DetectorEfficiency;
        static double[] Thinned(double q0, double q1, double q2, double t) => [q0 + q1 * (1 - t) + q2 * (1 - t) * (1 - t), q1 * t + 2 * q2 * t * (1 - t), q2 * t * t];
        var s = Thinned(p0, p1, p2, t);
        var b = Thinned(bg.P0, bg.P1, bg.P2, tb);
        var patterns = run[2]!["patterns"]!.AsArray().ToDictionary(p => (int)p!["clicks"]![0]!, p => (double)p!["probability"]!);
        for (int n = 0; n <= 4; n++)
        {
            double expected = 0;
            for (int k = 0; k <= n; k++)
                if (k < 3 && n - k < 3) expected += s[k] * b[n - k];
            Assert.Equal(expected, patterns.GetValueOrDefault(n), 13);
        }
        // The laser's share the filter removes is counted: with the photons' transmission instead, P(1) would differ by
        // n_b·η_c·η_d·(T − T_b)·s0 ≈ 10⁻³.
        Assert.True(Math.Abs(Ratio * mu * Beta * DetectorEfficiency * (photonTransmission - laserTransmission) * s[0]) > 1e-3);
    }

    /// <summary>
    /// g2 behind the ring and a splitter: thinning the photons by T and the background by T_b gives
    /// (2p2T² + 2μT·n_bT_b + 2p2_bT_b²)/(μT + n_bT_b)² = (2p2 + 2μ·rn_b + 2r²p2_b)/(μ + rn_b)² with r = T_b/T (common losses,
    /// β, the splitter and the detectors, cancel); `figures` gives the same in closed form.
    /// </summary>
    [Fact]
    public void G2ThroughAFilterNarrowerThanThePulseCountsOnlyTheLaserLightItPasses()
    {
        const string analyses = """
              - {type: source, source: a}
              - {type: efficiency, source: a, detectors: [d0, d1]}
              - {type: g2, source: a, detectors: [d0, d1]}
              - {type: figures, source: a, detectors: [d0, d1]}
            """;
        var run = RunHelper.Run(FilteredSplitter(Dot(), analyses)).Document["results"]!;
        var (_, _, p2, mu) = Photons(run[0]!);
        double r = LaserThroughRing() / (double)run[1]!["transmission"]!;
        var bg = Coherent(Ratio * mu);
        double nb = r * (bg.P1 + 2 * bg.P2);
        double expected = (2 * p2 + 2 * mu * nb + 2 * r * r * bg.P2) / ((mu + nb) * (mu + nb));
        Assert.Equal(expected, (double)run[2]!["g2"]!, 10);
        Assert.Equal(expected, (double)run[3]!["g2"]!, 10);
        // Following the photons' transmission instead (r = 1) would overstate it clearly.
        double unfiltered = (2 * p2 + 2 * mu * (nb / r) + 2 * bg.P2) / ((mu + nb / r) * (mu + nb / r));
        Assert.True(unfiltered - expected > 0.01);
    }

    /// <summary>
    /// Two dots, each behind its own ring, on a splitter: V = M_eff μ²/(μ + rn_b)² − g2_b with M_eff = V₀ + g2₀ from the run
    /// without background (same rings), g2_b the closed form above; `figures` and the inferred indistinguishability agree.
    /// </summary>
    [Fact]
    public void HomVisibilityThroughFiltersFollowsTheClosedForm()
    {
        const string analyses = """
              - {type: source, source: a}
              - {type: efficiency, source: a, detectors: [d0, d1]}
              - {type: hom, sources: [a, b], detectors: [d0, d1]}
              - {type: g2, source: a, detectors: [d0, d1]}
            """;
        var plain = RunHelper.Run(TwoFilteredDots(Dot(background: ""), analyses)).Document["results"]!;
        var run = RunHelper.Run(TwoFilteredDots(Dot(), analyses)).Document["results"]!;
        var (_, _, p2, mu) = Photons(run[0]!);
        double r = LaserThroughRing() / (double)run[1]!["transmission"]!;
        var bg = Coherent(Ratio * mu);
        double nb = r * (bg.P1 + 2 * bg.P2);
        double g2 = (2 * p2 + 2 * mu * nb + 2 * r * r * bg.P2) / ((mu + nb) * (mu + nb));
        double overlapping = (double)plain[2]!["visibility"]! + (double)plain[3]!["g2"]!;
        double expected = overlapping * mu * mu / ((mu + nb) * (mu + nb)) - g2;
        Assert.Equal(expected, (double)run[2]!["visibility"]!, 10);
        Assert.Equal(g2, (double)run[3]!["g2"]!, 10);
        Assert.Equal((expected + g2) / (1 - g2), (double)run[2]!["indistinguishability_from_visibility"]!, 9);
        // The photons' own overlap does not change.
        Assert.Equal((double)plain[2]!["indistinguishability"]!, (double)run[2]!["indistinguishability"]!, 14);
    }

    /// <summary>A circuit flat over the pulse and the line passes both alike: g2, V and `figures` are the closed forms at r = 1,
    /// as before the laser's spectrum was followed.</summary>
    [Fact]
    public void AFlatCircuitPassesTheLaserLightAsThePhotons()
    {
        const string analyses = """
              - {type: source, source: a}
              - {type: g2, source: a, detectors: [d0, d1]}
              - {type: hom, sources: [a, b], detectors: [d0, d1]}
              - {type: figures, source: a, detectors: [d0, d1]}
            """;
        var plain = RunHelper.Run(RunHelper.TwoDotsOnASplitter(Dot(background: ""), "efficiency: 0.7", analyses)).Document["results"]!;
        var run = RunHelper.Run(RunHelper.TwoDotsOnASplitter(Dot(), "efficiency: 0.7", analyses));
        var results = run.Document["results"]!;
        var (_, _, p2, mu) = Photons(results[0]!);
        var bg = Coherent(Ratio * mu);
        double nb = bg.P1 + 2 * bg.P2;
        double g2 = (2 * p2 + 2 * mu * nb + 2 * bg.P2) / ((mu + nb) * (mu + nb));
        Assert.Equal(g2, (double)results[1]!["g2"]!, 12);
        Assert.Equal(g2, (double)results[3]!["g2"]!, 12);
        double expected = ((double)plain[2]!["visibility"]! + (double)plain[1]!["g2"]!) * mu * mu / ((mu + nb) * (mu + nb)) - g2;
        Assert.Equal(expected, (double)results[2]!["visibility"]!, 10);
        Assert.DoesNotContain(run.Warnings, w => w.Message.Contains("leaked laser light", StringComparison.Ordinal));
    }

    /// <summary>Without a resonant pulse the laser's spectrum is not known: the leaked light follows the photons' transmission
    /// (r = 1) and, since the ring shapes their line, a warning names the settings that would follow the laser.</summary>
    [Theory]
    [InlineData("excitation: ideal")]
    [InlineData("excitation: phonon_assisted, pulse_fwhm_ps: 5")]
    public void WithoutTheLaserSpectrumAFilteringCircuitWarnsAndTheLightFollowsThePhotons(string excitation)
    {
        const string analyses = """
              - {type: source, source: a}
              - {type: g2, source: a, detectors: [d0, d1]}
            """;
        // A ring as narrow as the line (κ² = 0.0005, 0.12 GHz) so that it shapes the photons.
        string netlist = FilteredSplitter(Dot(excitation), analyses).Replace($"coupling: {F(RingCoupling)}", "coupling: 0.0005");
        var run = RunHelper.Run(netlist);
        var results = run.Document["results"]!;
        var (_, _, p2, mu) = Photons(results[0]!);
        var bg = Coherent(Ratio * mu);
        double nb = bg.P1 + 2 * bg.P2;
        Assert.Equal((2 * p2 + 2 * mu * nb + 2 * bg.P2) / ((mu + nb) * (mu + nb)), (double)results[1]!["g2"]!, 10);
        Assert.Contains(run.Warnings, w => w.Message.Contains("leaked laser light of 'a' (laser_background_ratio)", StringComparison.Ordinal)
            && w.Message.Contains("excitation: resonant with pulse_fwhm_ps", StringComparison.Ordinal));
    }

    // ---------------------------------------------------------------- the quadrature

    private static readonly double Omega0 = 2 * Math.PI * SpeedOfLightNmPerPs / WavelengthNm;

    private static Func<double[], double[][]> Response(Func<double, double> power) =>
        wavelengths => wavelengths.Select(l => new[] { power(2 * Math.PI * SpeedOfLightNmPerPs / l) }).ToArray();

    /// <summary>
    /// A Lorentzian filter |T|² = γ²/((ω − ω_L − δ)² + γ²) against the Gaussian: ∫ S_L |T|² dω = πγ·V(δ; σ, γ), the Voigt
    /// profile V = Re w((δ + iγ)/(σ√2))/(σ√(2π)) (w the Faddeeva function), for filters from a third to a thousandth of
    /// the laser's σ, centred and detuned.
    /// </summary>
    [Theory]
    [InlineData(1.0 / 3, 0.0)]
    [InlineData(1.0 / 3, 1.7)]
    [InlineData(1e-2, 0.0)]
    [InlineData(1.5e-3, 0.4)]
    public void ALorentzianFilterAgainstTheGaussianIsTheVoigtProfile(double gammaInSigmas, double detuningInSigmas)
    {
        double sigma = LaserPulseSpectrum.SigmaRadPerPs(PulseFwhmPs), gamma = gammaInSigmas * sigma, delta = detuningInSigmas * sigma;
        var (transmission, points, error, converged) = PhotonTransfer.LaserTransmission(
            Response(w => gamma * gamma / ((w - Omega0 - delta) * (w - Omega0 - delta) + gamma * gamma)), Omega0, PulseFwhmPs, 1,
            (double.NegativeInfinity, double.PositiveInfinity));
        double voigt = Faddeeva.W(new Complex(delta, gamma) / (sigma * Math.Sqrt(2))).Real / (sigma * Math.Sqrt(2 * Math.PI));
        Assert.True(converged, $"{transmission[0]} {Math.PI * gamma * voigt} {points} {error}");
        Assert.Equal(Math.PI * gamma * voigt, transmission[0], 10);
        Assert.InRange(Math.Abs(transmission[0] / (Math.PI * gamma * voigt) - 1), 0, 1e-9);
        // A narrower filter needs a finer grid: the quadrature refines until it converges.
        if (gammaInSigmas < 0.01) Assert.True(points > PhotonTransfer.LaserFirstIntervals * 8);
    }

    [Fact]
    public void AFlatResponseIsPassedExactly()
    {
        var (transmission, _, error, converged) = PhotonTransfer.LaserTransmission(Response(_ => 0.3), Omega0, PulseFwhmPs, 1,
            (double.NegativeInfinity, double.PositiveInfinity));
        Assert.True(converged);
        Assert.Equal(0.3, transmission[0]);
        Assert.Equal(0, error);
    }

    /// <summary>A response far finer than the grid can resolve is reported as not converged, with its uncertainty.</summary>
    [Fact]
    public void AFilterTooNarrowForTheGridIsReportedUnconverged()
    {
        double sigma = LaserPulseSpectrum.SigmaRadPerPs(PulseFwhmPs), gamma = 1e-7 * sigma;
        var (_, points, error, converged) = PhotonTransfer.LaserTransmission(
            Response(w => gamma * gamma / ((w - Omega0 - 0.123 * sigma) * (w - Omega0 - 0.123 * sigma) + gamma * gamma)), Omega0, PulseFwhmPs, 1,
            (double.NegativeInfinity, double.PositiveInfinity));
        Assert.False(converged);
        Assert.Equal(PhotonTransfer.LaserMaxIntervals + 2, points);
        Assert.True(error > 0);
    }

    /// <summary>Where the circuit is defined only over part of the pulse's spectrum, the window stops there and the Gaussian's
    /// mass beyond goes to the edge: for P = 0.5 + 0.1x (x = Δ/σ) defined up to x = 2, the result is
    /// ∫_{−∞}^{2} φ(x)(0.5 + 0.1x) dx + (1 − Φ(2))·P(2) = 0.5Φ(2) − 0.1φ(2) + 0.7(1 − Φ(2)).</summary>
    [Fact]
    public void AWindowCutByTheCircuitsRangeGivesTheTailToItsEdge()
    {
        double sigma = LaserPulseSpectrum.SigmaRadPerPs(PulseFwhmPs);
        double edgeNm = 2 * Math.PI * SpeedOfLightNmPerPs / (Omega0 + 2 * sigma);
        var (transmission, _, _, converged) = PhotonTransfer.LaserTransmission(Response(w => 0.5 + 0.1 * (w - Omega0) / sigma), Omega0, PulseFwhmPs, 1,
            (edgeNm, double.PositiveInfinity));
        double cdf = 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-2 / Math.Sqrt(2)), density = Math.Exp(-2) / Math.Sqrt(2 * Math.PI);
        Assert.True(converged);
        Assert.Equal(0.5 * cdf - 0.1 * density + 0.7 * (1 - cdf), transmission[0], 9);
    }
}
