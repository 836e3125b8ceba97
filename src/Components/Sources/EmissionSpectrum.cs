using System.Collections.Immutable;

namespace PhotonicKit.Components.Sources;

/// <summary>
/// Normalised emission spectrum of a quantum dot: a zero-phonon line of weight B² and an incoherent phonon
/// sideband of weight 1 − B².
/// The zero-phonon line is a Lorentzian of angular FWHM Γ + 2γ* convolved with a Gaussian of standard
/// deviation σ (spectral diffusion), i.e. a Voigt profile V(x) = Re w((x + iγ)/(σ√2))/(σ√(2π)),
/// γ = (Γ + 2γ*)/2 (Armstrong, JQSRT 7, 61 (1967)). The sideband is the one-phonon term of the independent
/// boson model: density ∝ J(|ν|)/ν² (n(|ν|) + θ(ν)), ν = ω_ZPL − ω (<see cref="PhononBath.SidebandShape"/>),
/// scaled to weight 1 − B² (approximation: good while 1 − B² is small; multi-phonon terms are left out).
/// Emitted into a cavity mode (<see cref="CavityPhononFilter"/>), the sideband is further weighted by the cavity's
/// Lorentzian density of states relative to its value at the zero-phonon line, and B² is then the mode's share.
/// </summary>
public sealed class EmissionSpectrum
{
    private readonly double _zplOmega;
    private readonly double _halfWidth;
    private readonly double _sidebandNorm;

    /// <summary>Creates the spectrum.</summary>
    /// <param name="zeroPhononWavelengthNm">λ of the zero-phonon line (nm, &gt; 0).</param>
    /// <param name="decayRateRadPerPs">Γ &gt; 0.</param>
    /// <param name="pureDephasingRadPerPs">γ* ≥ 0.</param>
    /// <param name="spectralDiffusionRadPerPs">σ ≥ 0 (angular).</param>
    /// <param name="zeroPhononFraction">B² in (0, 1].</param>
    /// <param name="phononAlphaPs2">α of J(ω) (shapes the sideband).</param>
    /// <param name="phononCutoffRadPerPs">ω_c of J(ω).</param>
    /// <param name="temperatureK">T ≥ 0 (shapes the sideband).</param>
    /// <param name="cavity">The cavity mode the photons are emitted into, which reshapes the sideband; null for a flat density of states.</param>
    public EmissionSpectrum(double zeroPhononWavelengthNm, double decayRateRadPerPs, double pureDephasingRadPerPs,
        double spectralDiffusionRadPerPs, double zeroPhononFraction, double phononAlphaPs2, double phononCutoffRadPerPs, double temperatureK,
        CavityLine? cavity = null)
    {
        EmitterCoupling.RequirePositive(zeroPhononWavelengthNm, nameof(zeroPhononWavelengthNm));
        EmitterCoupling.RequirePositive(decayRateRadPerPs, nameof(decayRateRadPerPs));
        EmitterCoupling.RequireNonNegative(pureDephasingRadPerPs, nameof(pureDephasingRadPerPs));
        EmitterCoupling.RequireNonNegative(spectralDiffusionRadPerPs, nameof(spectralDiffusionRadPerPs));
        if (!(zeroPhononFraction > 0 && zeroPhononFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(zeroPhononFraction), zeroPhononFraction, "B² must lie in (0, 1]");
        EmitterCoupling.RequirePositive(phononCutoffRadPerPs, nameof(phononCutoffRadPerPs));
        EmitterCoupling.RequireNonNegative(phononAlphaPs2, nameof(phononAlphaPs2));
        EmitterCoupling.RequireNonNegative(temperatureK, nameof(temperatureK));
        ZeroPhononWavelengthNm = zeroPhononWavelengthNm;
        DecayRateRadPerPs = decayRateRadPerPs;
        PureDephasingRadPerPs = pureDephasingRadPerPs;
        SpectralDiffusionRadPerPs = spectralDiffusionRadPerPs;
        ZeroPhononFraction = zeroPhononFraction;
        PhononAlphaPs2 = phononAlphaPs2;
        PhononCutoffRadPerPs = phononCutoffRadPerPs;
        TemperatureK = temperatureK;
        _zplOmega = PhysicalConstants.AngularFrequencyRadPerPs(zeroPhononWavelengthNm);
        _halfWidth = (decayRateRadPerPs + 2 * pureDephasingRadPerPs) / 2;
        Cavity = cavity;
        double exponent = phononAlphaPs2 > 0 ? PhononBath.DisplacementExponent(phononAlphaPs2, phononCutoffRadPerPs, temperatureK) : 0;
        // Under a cavity the shape's integral is the exponent times the share r the cavity passes.
        if (cavity is not null && exponent > 0)
            exponent *= CavityPhononFilter.SidebandShareInMode(zeroPhononWavelengthNm, cavity, phononAlphaPs2, phononCutoffRadPerPs, temperatureK);
        HasSideband = zeroPhononFraction < 1 && exponent > 0;
        _sidebandNorm = HasSideband ? (1 - zeroPhononFraction) / exponent : 0;
    }

    /// <summary>The cavity mode that reshapes the sideband, or null.</summary>
    public CavityLine? Cavity { get; }

    /// <summary>Zero-phonon wavelength, nm.</summary>
    public double ZeroPhononWavelengthNm { get; }
    /// <summary>Γ, rad/ps.</summary>
    public double DecayRateRadPerPs { get; }
    /// <summary>γ*, rad/ps.</summary>
    public double PureDephasingRadPerPs { get; }
    /// <summary>σ, rad/ps.</summary>
    public double SpectralDiffusionRadPerPs { get; }
    /// <summary>B², weight of the zero-phonon line.</summary>
    public double ZeroPhononFraction { get; }
    /// <summary>α, ps².</summary>
    public double PhononAlphaPs2 { get; }
    /// <summary>ω_c, rad/ps.</summary>
    public double PhononCutoffRadPerPs { get; }
    /// <summary>T, K.</summary>
    public double TemperatureK { get; }
    /// <summary>True when a phonon sideband of non-zero weight is present (B² &lt; 1 and α &gt; 0).</summary>
    public bool HasSideband { get; }

    /// <summary>Zero-phonon part per unit angular frequency (ps/rad) at ω (rad/ps); integrates to B².</summary>
    public double ZeroPhononDensityPerRadPerPs(double angularFrequencyRadPerPs)
    {
        double x = angularFrequencyRadPerPs - _zplOmega;
        double sigma = SpectralDiffusionRadPerPs;
        var z = new System.Numerics.Complex(x, _halfWidth) / (sigma * Math.Sqrt(2));
        // A diffusion negligible beside the width (|z| > 1e8, where w(z) = i/(√π z)) leaves the Lorentzian.
        double profile = sigma == 0 || Faddeeva.IsAsymptotic(z)
            ? _halfWidth / (Math.PI * (x * x + _halfWidth * _halfWidth))
            : Faddeeva.W(z).Real / (sigma * Math.Sqrt(2 * Math.PI));
        return ZeroPhononFraction * profile;
    }

    /// <summary>Phonon-sideband part per unit angular frequency (ps/rad); integrates to 1 − B².</summary>
    public double SidebandDensityPerRadPerPs(double angularFrequencyRadPerPs)
    {
        if (!HasSideband) return 0;
        double density = _sidebandNorm * PhononBath.SidebandShape(_zplOmega - angularFrequencyRadPerPs, PhononAlphaPs2, PhononCutoffRadPerPs, TemperatureK);
        return Cavity is null ? density : density * Cavity.RelativeDensityOfStates(angularFrequencyRadPerPs, _zplOmega);
    }

    /// <summary>Total density per unit angular frequency (ps/rad); integrates to 1.</summary>
    public double DensityPerRadPerPs(double angularFrequencyRadPerPs) =>
        ZeroPhononDensityPerRadPerPs(angularFrequencyRadPerPs) + SidebandDensityPerRadPerPs(angularFrequencyRadPerPs);

    /// <summary>Total density per nm at wavelength λ: S_ω(2πc/λ) · 2πc/λ²; integrates to 1 over λ.</summary>
    public double DensityPerNm(double wavelengthNm)
    {
        EmitterCoupling.RequirePositive(wavelengthNm, nameof(wavelengthNm));
        double omega = PhysicalConstants.AngularFrequencyRadPerPs(wavelengthNm);
        return DensityPerRadPerPs(omega) * omega / wavelengthNm;
    }

    /// <summary>Zero-phonon part per nm at wavelength λ; integrates to B².</summary>
    public double ZeroPhononDensityPerNm(double wavelengthNm)
    {
        EmitterCoupling.RequirePositive(wavelengthNm, nameof(wavelengthNm));
        double omega = PhysicalConstants.AngularFrequencyRadPerPs(wavelengthNm);
        return ZeroPhononDensityPerRadPerPs(omega) * omega / wavelengthNm;
    }

    /// <summary>
    /// A wavelength grid (ascending, nm) that resolves both parts, with the density per nm at each point:
    /// <paramref name="linePoints"/> points evenly in frequency across ±(20 half-widths + 6σ) of the zero-phonon
    /// line, and, with a sideband, <paramref name="sidebandPoints"/> more across ±4ω_c; under a cavity narrower than
    /// ω_c, <paramref name="sidebandPoints"/>/2 more across ±10κ of the cavity line (within ±4ω_c). The grid is not
    /// uniform; integrate it with the trapezoid rule on the given abscissae.
    /// </summary>
    /// <param name="linePoints">Points across the zero-phonon line (≥ 3).</param>
    /// <param name="sidebandPoints">Points across the sideband (≥ 3).</param>
    public (ImmutableArray<double> WavelengthNm, ImmutableArray<double> DensityPerNm) Sample(int linePoints = 401, int sidebandPoints = 400)
    {
        if (linePoints < 3) throw new ArgumentOutOfRangeException(nameof(linePoints), linePoints, "need at least 3 points");
        if (sidebandPoints < 3) throw new ArgumentOutOfRangeException(nameof(sidebandPoints), sidebandPoints, "need at least 3 points");
        var omegas = new List<double>(linePoints + sidebandPoints);
        double lineHalfSpan = 20 * _halfWidth + 6 * SpectralDiffusionRadPerPs;
        AddEven(omegas, _zplOmega - lineHalfSpan, _zplOmega + lineHalfSpan, linePoints);
        if (HasSideband)
        {
            double sideHalfSpan = 4 * PhononCutoffRadPerPs;
            AddEven(omegas, _zplOmega - sideHalfSpan, _zplOmega + sideHalfSpan, sidebandPoints);
            if (Cavity is not null && Cavity.LinewidthRadPerPs < PhononCutoffRadPerPs)
            {
                double omegaC = Cavity.AngularFrequencyRadPerPs, span = 10 * Cavity.LinewidthRadPerPs;
                double from = Math.Max(omegaC - span, _zplOmega - sideHalfSpan), to = Math.Min(omegaC + span, _zplOmega + sideHalfSpan);
                if (to > from) AddEven(omegas, from, to, Math.Max(3, sidebandPoints / 2));
            }
        }
        var wavelengths = omegas.Where(w => w > 0)
            .Select(w => 2 * Math.PI * PhysicalConstants.SpeedOfLightNmPerPs / w)
            .Distinct().Order().ToArray();
        var density = new double[wavelengths.Length];
        for (int i = 0; i < wavelengths.Length; i++) density[i] = DensityPerNm(wavelengths[i]);
        return (ImmutableArray.Create(wavelengths), ImmutableArray.Create(density));
    }

    private static void AddEven(List<double> into, double from, double to, int points)
    {
        for (int i = 0; i < points; i++) into.Add(from + (to - from) * i / (points - 1));
    }
}
