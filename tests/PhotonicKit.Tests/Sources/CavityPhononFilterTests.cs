using MathNet.Numerics;
using PhotonicKit.Components;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Tests.Sources;

/// <summary>
/// The cavity-filtered phonon sideband (<c>phonon_sideband: cavity</c>): its closed form at 0 K, an independent
/// quadrature at finite temperature, the broad-cavity limit (the bulk model), and how it enters the rates, the
/// zero-phonon share, the indistinguishability and the spectrum of a <c>cavity_source</c>.
/// </summary>
public class CavityPhononFilterTests
{
    private const double Alpha = 0.027, Cutoff = 2.2, WavelengthNm = 920;
    private static readonly ComponentContext Context = new(WavelengthNm);

    private static IEmitterComponent BindCavity(params (string Key, SettingValue Value)[] entries) =>
        (IEmitterComponent)new CavitySourceModel().Bind(entries.ToDictionary(e => e.Key, e => e.Value), Context);

    private static double Omega(double wavelengthNm) => 2 * Math.PI * 299792.458 / wavelengthNm;

    /// <summary>
    /// r by brute force, written independently of the library: the one-phonon density
    /// J(ν)/ν²·(n(ν) + 1) on the red side and J(ν)/ν²·n(ν) on the blue side, times the cavity Lorentzian
    /// 1/(1 + (2(ω − ω_c)/κ)²) relative to its value at the line, on a uniform grid of 2·10⁶ trapezoids.
    /// </summary>
    private static double BruteForceShare(double temperatureK, double kappa, double emitterMinusCavity)
    {
        double hbarOverKb = 7.638232577;
        double Shape(double nu)
        {
            double a = Math.Abs(nu);
            if (a == 0) return temperatureK > 0 ? Alpha * temperatureK / hbarOverKb : 0;
            double j = Alpha * a * a * a * Math.Exp(-a * a / (Cutoff * Cutoff));
            double n = temperatureK > 0 ? 1 / (Math.Exp(hbarOverKb * a / temperatureK) - 1) : 0;
            return j / (a * a) * (nu > 0 ? n + 1 : n);
        }
        double Lorentz(double x) => 1 / (1 + 4 * x * x / (kappa * kappa));
        double lo = -8 * Cutoff, hi = 8 * Cutoff;
        int steps = 2_000_000;
        double h = (hi - lo) / steps, num = 0, den = 0;
        for (int i = 0; i <= steps; i++)
        {
            double nu = lo + i * h, w = i == 0 || i == steps ? 0.5 : 1;
            double g = Shape(nu);
            // photon frequency ω = ω_ZPL − ν; ω − ω_c = (ω_ZPL − ω_c) − ν
            num += w * g * Lorentz(emitterMinusCavity - nu);
            den += w * g;
        }
        return num / den / Lorentz(emitterMinusCavity);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.1)]
    [InlineData(0.68)]
    [InlineData(3.0)]
    [InlineData(20.0)]
    public void AtZeroKelvinOnResonanceTheShareIsTheExponentialIntegralClosedForm(double kappa)
    {
        // At 0 K the one-phonon density is αν e^{−ν²/ω_c²} for ν > 0 (total αω_c²/2), and with a = κ/2
        // ∫₀^∞ ν a²/(ν² + a²) e^{−ν²/ω_c²} dν = (a²/2) e^{a²/ω_c²} E₁(a²/ω_c²), so r = x eˣ E₁(x), x = (κ/2ω_c)².
        double x = Math.Pow(kappa / 2 / Cutoff, 2);
        double expected = x * Math.Exp(x) * SpecialFunctions.ExponentialIntegral(x, 1);
        var cavity = new CavityLine(WavelengthNm, kappa);
        double r = CavityPhononFilter.SidebandShareInMode(WavelengthNm, cavity, Alpha, Cutoff, 0);
        Assert.Equal(expected, r, expected * 1e-7);
    }

    [Theory]
    [InlineData(4.0, 0.2, 0.0)]
    [InlineData(4.0, 0.68, 0.3)]
    [InlineData(10.0, 1.5, -0.5)]
    [InlineData(20.0, 0.05, 1.0)]
    public void AtFiniteTemperatureTheShareMatchesAnIndependentQuadrature(double temperatureK, double kappa, double emitterMinusCavity)
    {
        double cavityWavelength = 2 * Math.PI * 299792.458 / (Omega(WavelengthNm) - emitterMinusCavity);
        var cavity = new CavityLine(cavityWavelength, kappa);
        double r = CavityPhononFilter.SidebandShareInMode(WavelengthNm, cavity, Alpha, Cutoff, temperatureK);
        double expected = BruteForceShare(temperatureK, kappa, emitterMinusCavity);
        Assert.Equal(expected, r, Math.Max(1e-6, expected * 2e-5));
    }

    [Fact]
    public void ACavityOnTheRedSidebandPassesMoreOfItThanOfTheLine()
    {
        // Cavity 1 rad/ps (0.66 meV) red of the line: the sideband at the cavity is enhanced relative to the
        // detuned line (phonon-assisted cavity feeding), r > 1, and the mode's zero-phonon share falls below B².
        double cavityWavelength = 2 * Math.PI * 299792.458 / (Omega(WavelengthNm) - 1.0);
        var cavity = new CavityLine(cavityWavelength, 0.2);
        double r = CavityPhononFilter.SidebandShareInMode(WavelengthNm, cavity, Alpha, Cutoff, 4);
        Assert.True(r > 1, $"r = {r}");
        double b2 = PhononBath.ZeroPhononFraction(Alpha, Cutoff, 4);
        Assert.True(CavityPhononFilter.ModeZeroPhononFraction(b2, r) < b2);
    }

    [Fact]
    public void ABroadCavityGivesTheBulkModel()
    {
        // Q = 0.01: κ ≈ 2·10⁵ rad/ps, flat across the few-rad/ps sideband: every figure equals the bulk model's.
        (string, SettingValue)[] common = [("bulk_lifetime_ps", 1000.0), ("purcell", 10.0), ("temperature_k", 4.0), ("psb_transmission", 0.3)];
        var bulk = BindCavity(common);
        var cavity = BindCavity([.. common, ("phonon_sideband", "cavity"), ("q_factor", 0.01)]);
        Assert.Equal(bulk.Emitter.ZplFraction, cavity.Emitter.ZplFraction, 1e-9);
        Assert.Equal(bulk.Emitter.LifetimePs!.Value, cavity.Emitter.LifetimePs!.Value, 1e-6);
        Assert.Equal(bulk.Figures.Brightness, cavity.Figures.Brightness, 1e-9);
        Assert.Equal(bulk.Figures.Indistinguishability, cavity.Figures.Indistinguishability, 1e-9);
    }

    [Fact]
    public void BulkIsTheDefaultAndChangesNothing()
    {
        (string, SettingValue)[] common = [("bulk_lifetime_ps", 1000.0), ("purcell", 10.0), ("temperature_k", 4.0)];
        var none = BindCavity(common);
        var bulk = BindCavity([.. common, ("phonon_sideband", "bulk")]);
        Assert.Equal(none.Emitter, bulk.Emitter);
        Assert.Null(bulk.Emitter.SidebandCavity);
        Assert.Equal("bulk", new CavitySourceModel().Settings.Single(s => s.Name == "phonon_sideband").DefaultChoice);
        Assert.DoesNotContain(new QuantumDotModel().Settings, s => s.Name == "phonon_sideband");
    }

    [Theory]
    [InlineData(300.0)]
    [InlineData(3000.0)]
    [InlineData(10000.0)]
    public void TheModeRateAndItsZeroPhononShareFollowFromTheShare(double q)
    {
        double kappa = Omega(WavelengthNm) / q;
        double r = BruteForceShare(4, kappa, 0);
        double b2 = PhononBath.ZeroPhononFraction(Alpha, Cutoff, 4);
        double m = b2 + (1 - b2) * r;
        var c = BindCavity(("bulk_lifetime_ps", 1000.0), ("purcell", 10.0), ("other_decay_fraction", 1.0), ("temperature_k", 4.0),
            ("phonon_sideband", "cavity"), ("q_factor", q));
        var e = c.Emitter;
        Assert.Equal(b2 / m, e.ZplFraction, 1e-6);
        Assert.Equal(1000 / (10 * m + 1), e.LifetimePs!.Value, 1e-4);
        Assert.Equal(10 * m / (10 * m + 1), e.Beta, 1e-7);
        Assert.Equal(10.0, e.Purcell);
        // ideal excitation without dephasing: M_ZPL = 1, the unfiltered sideband is distinguishable, M = (B²_mode)²
        Assert.Equal(Math.Pow(b2 / m, 2), c.Figures.Indistinguishability, 1e-6);
    }

    [Fact]
    public void ANarrowerCavityRaisesTheZeroPhononShareAndTheIndistinguishability()
    {
        double previousShare = PhononBath.ZeroPhononFraction(Alpha, Cutoff, 4), previousM = 0;
        foreach (double q in new[] { 100.0, 1000.0, 10000.0, 100000.0 })
        {
            // A 1 ns lifetime keeps even Q = 10⁵ (1/κ ≈ 49 ps) in weak coupling.
            var c = BindCavity(("lifetime_ps", 1000.0), ("beta", 0.95), ("temperature_k", 4.0), ("phonon_sideband", "cavity"), ("q_factor", q));
            Assert.True(c.Emitter.ZplFraction > previousShare, $"Q = {q}");
            Assert.True(c.Figures.Indistinguishability > previousM, $"Q = {q}");
            previousShare = c.Emitter.ZplFraction;
            previousM = c.Figures.Indistinguishability;
            // with lifetime_ps and beta given, the rates are as given: only the composition changes
            Assert.Equal(1000.0, c.Emitter.LifetimePs!.Value, 1e-12);
            Assert.Equal(0.95, c.Emitter.Beta, 1e-15);
        }
        Assert.True(previousShare > 0.999);
    }

    [Fact]
    public void TheGeometryGivesThePurcellFactorAtTheLineAndTheLinewidth()
    {
        // Full geometry: F_P from (3/4π²)Q/V, the mode rate γ0·F_P·m.
        double q = 2000, v = 15;
        var c = BindCavity(("bulk_lifetime_ps", 1000.0), ("q_factor", q), ("mode_volume_cubic_lambda_over_n", v),
            ("temperature_k", 4.0), ("phonon_sideband", "cavity"));
        double fp = 3 / (4 * Math.PI * Math.PI) * q / v;
        double r = BruteForceShare(4, Omega(WavelengthNm) / q, 0);
        double b2 = PhononBath.ZeroPhononFraction(Alpha, Cutoff, 4);
        double m = b2 + (1 - b2) * r;
        Assert.Equal(fp, c.Emitter.Purcell!.Value, 1e-9);
        Assert.Equal(1000 / (fp * m + 1), c.Emitter.LifetimePs!.Value, 1e-4);
    }

    [Fact]
    public void TheSpectrumUnderTheCavityIntegratesToOneWithTheModesZeroPhononShare()
    {
        var e = BindCavity(("lifetime_ps", 80.0), ("beta", 0.95), ("temperature_k", 4.0), ("phonon_sideband", "cavity"), ("q_factor", 3000.0)).Emitter;
        var spectrum = e.Spectrum();
        Assert.Same(e.SidebandCavity, spectrum.Cavity);
        // sideband alone by a fine trapezoid in angular frequency: 1 − B²_mode
        double w0 = Omega(WavelengthNm), lo = w0 - 8 * Cutoff, hi = w0 + 8 * Cutoff, h = (hi - lo) / 400_000, side = 0;
        for (int i = 0; i <= 400_000; i++)
            side += (i == 0 || i == 400_000 ? 0.5 : 1) * h * spectrum.SidebandDensityPerRadPerPs(lo + i * h);
        Assert.Equal(1 - e.ZplFraction, side, 1e-6);
        // the cavity's Lorentzian shapes it: at the cavity half-width, relative to the bulk sideband shape there
        double nu = Omega(WavelengthNm) / 3000 / 2;
        double ratio = spectrum.SidebandDensityPerRadPerPs(w0 - nu) / PhononBath.SidebandShape(nu, Alpha, Cutoff, 4);
        double ratioFar = spectrum.SidebandDensityPerRadPerPs(w0 - 20 * nu) / PhononBath.SidebandShape(20 * nu, Alpha, Cutoff, 4);
        Assert.Equal(0.5 / (1 / (1 + 400.0)), ratio / ratioFar, 1e-6);
        // the sampled grid resolves the cavity: its trapezoid integral is the whole spectrum but the line's far tails
        var (wl, density) = spectrum.Sample();
        double total = 0;
        for (int i = 0; i + 1 < wl.Length; i++) total += 0.5 * (wl[i + 1] - wl[i]) * (density[i] + density[i + 1]);
        Assert.Equal(1.0, total, 5e-3);
    }

    [Fact]
    public void TheCavitySidebandNeedsALinewidthAndThePhononModel()
    {
        var noQ = Assert.Throws<ComponentSettingsException>(() => BindCavity(("lifetime_ps", 80.0), ("temperature_k", 4.0), ("phonon_sideband", "cavity")));
        Assert.Contains(noQ.Errors, err => err.Key == "phonon_sideband" && err.Message.Contains("q_factor"));
        var noT = Assert.Throws<ComponentSettingsException>(() => BindCavity(("lifetime_ps", 80.0), ("q_factor", 3000.0), ("phonon_sideband", "cavity")));
        Assert.Contains(noT.Errors, err => err.Key == "phonon_sideband" && err.Message.Contains("temperature_k"));
        // q_factor alone is the linewidth: no geometry error; cavity_wavelength_nm places the line, dipole_alignment has no effect
        var ok = (BoundComponent)BindCavity(("lifetime_ps", 80.0), ("temperature_k", 4.0), ("phonon_sideband", "cavity"), ("q_factor", 3000.0),
            ("cavity_wavelength_nm", 920.2), ("dipole_alignment", 0.5));
        Assert.DoesNotContain(ok.Warnings, w => w.Key == "cavity_wavelength_nm");
        Assert.Contains(ok.Warnings, w => w.Key == "dipole_alignment");
        // without the cavity sideband, q_factor still needs the mode volume
        var bulk = Assert.Throws<ComponentSettingsException>(() => BindCavity(("lifetime_ps", 80.0), ("temperature_k", 4.0), ("q_factor", 3000.0)));
        Assert.Contains(bulk.Errors, err => err.Key == "mode_volume_cubic_lambda_over_n");
    }
}
