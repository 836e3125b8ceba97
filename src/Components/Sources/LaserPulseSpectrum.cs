namespace PhotonicKit.Components.Sources;

/// <summary>
/// The normalised power spectrum of a transform-limited Gaussian laser pulse of intensity FWHM τ, the spectrum that leaked
/// excitation light carries into a circuit (docs/physics.md, "Laser background").
/// </summary>
/// <remarks>
/// Intensity I(t) ∝ exp(−4 ln2 t²/τ²), so the field envelope is E(t) ∝ exp(−2 ln2 t²/τ²) and its Fourier transform
/// E(ω) ∝ exp(−ω²τ²/(8 ln2)). The power spectrum |E(ω)|² ∝ exp(−ω²τ²/(4 ln2)) = exp(−ω²/(2σ²)) is a Gaussian of standard
/// deviation σ = √(2 ln2)/τ and FWHM Δω = 2√(2 ln2)·σ = 4 ln2/τ, i.e. Δν = Δω/2π = 2 ln2/(πτ) ≈ 0.4413/τ: the
/// time–bandwidth product Δν·τ = 2 ln2/π of a Gaussian pulse (A. E. Siegman, <i>Lasers</i>, University Science Books
/// (1986), §9.2). A 5 ps pulse spans 88.3 GHz (FWHM) of frequency.
/// </remarks>
public static class LaserPulseSpectrum
{
    /// <summary>Δω = 4 ln2/τ, the FWHM of the power spectrum in angular frequency, rad/ps.</summary>
    /// <param name="pulseFwhmPs">τ, the intensity FWHM of the pulse, ps (positive).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pulseFwhmPs"/> is not positive and finite.</exception>
    public static double FwhmRadPerPs(double pulseFwhmPs) => 4 * Math.Log(2) / Checked(pulseFwhmPs);

    /// <summary>Δν = 2 ln2/(πτ), the FWHM of the power spectrum in frequency, GHz (τ in ps).</summary>
    /// <param name="pulseFwhmPs">τ, the intensity FWHM of the pulse, ps (positive).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pulseFwhmPs"/> is not positive and finite.</exception>
    public static double FwhmGhz(double pulseFwhmPs) => 2 * Math.Log(2) / (Math.PI * Checked(pulseFwhmPs)) * 1e3;

    /// <summary>σ = √(2 ln2)/τ, the standard deviation of the power spectrum in angular frequency, rad/ps.</summary>
    /// <param name="pulseFwhmPs">τ, the intensity FWHM of the pulse, ps (positive).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pulseFwhmPs"/> is not positive and finite.</exception>
    public static double SigmaRadPerPs(double pulseFwhmPs) => Math.Sqrt(2 * Math.Log(2)) / Checked(pulseFwhmPs);

    /// <summary>S_L(Δ) = exp(−Δ²/2σ²)/(σ√(2π)), the power spectrum at detuning Δ from the laser's centre, normalised to
    /// ∫ S_L dω = 1, per rad/ps.</summary>
    /// <param name="detuningRadPerPs">Δ = ω − ω_L, rad/ps.</param>
    /// <param name="pulseFwhmPs">τ, the intensity FWHM of the pulse, ps (positive).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pulseFwhmPs"/> is not positive and finite.</exception>
    public static double DensityPerRadPerPs(double detuningRadPerPs, double pulseFwhmPs)
    {
        double sigma = SigmaRadPerPs(pulseFwhmPs), x = detuningRadPerPs / sigma;
        return Math.Exp(-0.5 * x * x) / (sigma * Math.Sqrt(2 * Math.PI));
    }

    private static double Checked(double pulseFwhmPs) => pulseFwhmPs > 0 && double.IsFinite(pulseFwhmPs)
        ? pulseFwhmPs
        : throw new ArgumentOutOfRangeException(nameof(pulseFwhmPs), pulseFwhmPs, "the pulse's intensity FWHM must be a positive, finite number of ps");
}
