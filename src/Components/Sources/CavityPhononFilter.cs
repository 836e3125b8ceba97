using MathNet.Numerics.Integration;

namespace PhotonicKit.Components.Sources;

/// <summary>
/// A cavity mode seen by the emitter as a Lorentzian local density of optical states: resonance wavelength and
/// energy decay rate κ (the angular FWHM of the mode). Immutable.
/// </summary>
/// <param name="CavityWavelengthNm">Resonance wavelength λ_c, nm (&gt; 0).</param>
/// <param name="LinewidthRadPerPs">κ = 2πc/(λ_c Q), rad/ps (&gt; 0).</param>
public sealed record CavityLine(double CavityWavelengthNm, double LinewidthRadPerPs)
{
    /// <summary>Cavity angular frequency ω_c = 2πc/λ_c, rad/ps.</summary>
    public double AngularFrequencyRadPerPs => PhysicalConstants.AngularFrequencyRadPerPs(CavityWavelengthNm);

    /// <summary>The line of a cavity of quality factor Q at λ_c: κ = 2πc/(λ_c Q).</summary>
    /// <param name="cavityWavelengthNm">λ_c, nm (&gt; 0).</param>
    /// <param name="qFactor">Q (&gt; 0).</param>
    public static CavityLine FromQualityFactor(double cavityWavelengthNm, double qFactor) =>
        new(cavityWavelengthNm, EmitterCoupling.CavityLinewidthRadPerPs(cavityWavelengthNm, qFactor));

    /// <summary>
    /// The cavity's Lorentzian local density of states at angular frequency ω relative to its value at ω_ref:
    /// L(ω − ω_c)/L(ω_ref − ω_c), L(x) = 1/(1 + (2x/κ)²). Equals 1 at ω = ω_ref.
    /// </summary>
    /// <param name="angularFrequencyRadPerPs">ω, rad/ps.</param>
    /// <param name="referenceAngularFrequencyRadPerPs">ω_ref (the zero-phonon line), rad/ps.</param>
    public double RelativeDensityOfStates(double angularFrequencyRadPerPs, double referenceAngularFrequencyRadPerPs)
    {
        double omegaC = AngularFrequencyRadPerPs;
        double at = 2 * (angularFrequencyRadPerPs - omegaC) / LinewidthRadPerPs;
        double reference = 2 * (referenceAngularFrequencyRadPerPs - omegaC) / LinewidthRadPerPs;
        return (1 + reference * reference) / (1 + at * at);
    }
}

/// <summary>
/// Emission of a phonon-dressed quantum dot into a cavity mode in the weak-coupling (bad-cavity) regime: the
/// rate of emission at each frequency is the free emitter's spectrum times the cavity's Lorentzian density of
/// states. The zero-phonon line (weight B², narrow beside κ) is enhanced by F_P, the Purcell factor at the
/// line; the phonon sideband (weight 1 − B², a few meV wide) only where it overlaps the cavity line. The mode
/// therefore carries the sideband with the relative weight r = ∫ S_PSB(ν)·L(ω_ZPL − ν − ω_c) dν /
/// (L(ω_ZPL − ω_c)·∫ S_PSB), and its photons are in the zero-phonon line with probability B²/(B² + (1 − B²)r),
/// more than the bulk B²: the cavity funnels emission into the zero-phonon line (Grange et al., PRL 118,
/// 253602 (2017); Iles-Smith et al., Nat. Photon. 11, 521 (2017)). The rate into the mode is
/// γ0·F_P·(B² + (1 − B²)r). S_PSB is the one-phonon sideband of <see cref="PhononBath.SidebandShape"/>.
/// </summary>
public static class CavityPhononFilter
{
    private const int PointsPerPanel = 64;

    /// <summary>
    /// r, the share of the phonon sideband that the cavity passes relative to the zero-phonon line:
    /// ∫ g(ν) R(ν) dν / ∫ g(ν) dν with g the one-phonon sideband shape at phonon frequency ν = ω_ZPL − ω and
    /// R the cavity's density of states at ω relative to its value at ω_ZPL. Tends to 1 for a cavity much broader
    /// than the sideband (ω_c of J) and to 0 for a narrow one on resonance; above 1 when the cavity is detuned
    /// from the line into the sideband (phonon-assisted cavity feeding). 0 without a sideband (α = 0).
    /// Integrated with 64-point Gauss–Legendre panels between 0, the cavity centre and points 1, 10, 100 and 1000
    /// half-linewidths either side of it, over ν ∈ [−8ω_c, 8ω_c] (beyond, g is below e^{−64} of its scale).
    /// </summary>
    /// <param name="zeroPhononWavelengthNm">Emitter zero-phonon wavelength, nm.</param>
    /// <param name="cavity">The cavity line.</param>
    /// <param name="alphaPs2">α of J(ω), ps² (≥ 0).</param>
    /// <param name="cutoffRadPerPs">ω_c of J(ω), rad/ps (&gt; 0).</param>
    /// <param name="temperatureK">T, K (≥ 0).</param>
    public static double SidebandShareInMode(double zeroPhononWavelengthNm, CavityLine cavity, double alphaPs2, double cutoffRadPerPs, double temperatureK)
    {
        ArgumentNullException.ThrowIfNull(cavity);
        EmitterCoupling.RequirePositive(zeroPhononWavelengthNm, nameof(zeroPhononWavelengthNm));
        EmitterCoupling.RequirePositive(cavity.LinewidthRadPerPs, "cavity linewidth");
        double exponent = PhononBath.DisplacementExponent(alphaPs2, cutoffRadPerPs, temperatureK);
        if (!(exponent > 0)) return 0;
        double omegaZpl = PhysicalConstants.AngularFrequencyRadPerPs(zeroPhononWavelengthNm);
        double integral = Integrate(nu => PhononBath.SidebandShape(nu, alphaPs2, cutoffRadPerPs, temperatureK)
            * cavity.RelativeDensityOfStates(omegaZpl - nu, omegaZpl), omegaZpl, cavity, cutoffRadPerPs);
        return integral / exponent;
    }

    /// <summary>Rate into the mode per unit γ0·F_P: B² + (1 − B²)·r.</summary>
    /// <param name="zeroPhononFraction">Bulk B² in (0, 1].</param>
    /// <param name="sidebandShareInMode">r ≥ 0 from <see cref="SidebandShareInMode"/>.</param>
    public static double ModeRateFactor(double zeroPhononFraction, double sidebandShareInMode)
    {
        CheckArguments(zeroPhononFraction, sidebandShareInMode);
        return zeroPhononFraction + (1 - zeroPhononFraction) * sidebandShareInMode;
    }

    /// <summary>Share of the mode's photons in the zero-phonon line: B²/(B² + (1 − B²)·r) (≥ B² when r ≤ 1).</summary>
    /// <param name="zeroPhononFraction">Bulk B² in (0, 1].</param>
    /// <param name="sidebandShareInMode">r ≥ 0 from <see cref="SidebandShareInMode"/>.</param>
    public static double ModeZeroPhononFraction(double zeroPhononFraction, double sidebandShareInMode) =>
        zeroPhononFraction / ModeRateFactor(zeroPhononFraction, sidebandShareInMode);

    /// <summary>
    /// ∫ f(ν) dν over [−8ω_c, 8ω_c] with the panel breakpoints of <see cref="SidebandShareInMode"/>, for an
    /// integrand that is the sideband shape times the cavity's Lorentzian (centred at ν = ω_ZPL − ω_cavity).
    /// </summary>
    internal static double Integrate(Func<double, double> integrand, double omegaZplRadPerPs, CavityLine cavity, double cutoffRadPerPs)
    {
        double lo = -8 * cutoffRadPerPs, hi = 8 * cutoffRadPerPs;
        double centre = omegaZplRadPerPs - cavity.AngularFrequencyRadPerPs;
        double half = cavity.LinewidthRadPerPs / 2;
        var points = new List<double> { lo, hi, 0, centre };
        foreach (double k in new[] { 1.0, 10, 100, 1000 })
        {
            points.Add(centre - k * half);
            points.Add(centre + k * half);
        }
        var breaks = points.Where(p => p >= lo && p <= hi && double.IsFinite(p)).Distinct().Order().ToArray();
        double sum = 0;
        for (int i = 0; i + 1 < breaks.Length; i++)
            if (breaks[i + 1] > breaks[i])
                sum += GaussLegendreRule.Integrate(integrand, breaks[i], breaks[i + 1], PointsPerPanel);
        return sum;
    }

    private static void CheckArguments(double zeroPhononFraction, double sidebandShareInMode)
    {
        if (!(zeroPhononFraction > 0 && zeroPhononFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(zeroPhononFraction), zeroPhononFraction, "B² must lie in (0, 1]");
        if (!(sidebandShareInMode >= 0 && double.IsFinite(sidebandShareInMode)))
            throw new ArgumentOutOfRangeException(nameof(sidebandShareInMode), sidebandShareInMode, "r must be finite and ≥ 0");
    }
}
