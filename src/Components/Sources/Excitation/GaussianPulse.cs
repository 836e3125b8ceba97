namespace PhotonicKit.Components.Sources.Excitation;

/// <summary>A resonant classical drive, given by its real Rabi frequency Ω(t) (rad per time unit).</summary>
internal interface IRabiDrive
{
    /// <summary>Ω(t).</summary>
    double RabiFrequency(double t);
}

/// <summary>
/// Resonant Gaussian drive Ω(t) = Ω₀ exp(−2 ln2 t²/FWHM²): its intensity Ω(t)² has full width at half maximum
/// FWHM. The pulse area ∫Ω dt = Ω₀ FWHM √(π/(2 ln2)) = θ fixes Ω₀ = θ √(2 ln2/π)/FWHM (θ = π for a π-pulse).
/// Time and FWHM share one unit; Ω is in rad per that unit.
/// </summary>
internal readonly struct GaussianPulse : IRabiDrive
{
    /// <summary>Number of standard deviations of Ω(t) kept on each side of the peak; the drive area outside is
    /// erfc(7.5/√2)·θ ≈ 6·10⁻¹⁴·θ and is neglected.</summary>
    internal const double HalfWidthInSigmas = 7.5;

    private readonly double exponentCoefficient;

    /// <summary>Pulse of area <paramref name="areaRad"/> and intensity FWHM <paramref name="fwhm"/>.</summary>
    internal GaussianPulse(double fwhm, double areaRad)
    {
        Fwhm = fwhm;
        PeakRabiFrequency = areaRad * Math.Sqrt(2 * Math.Log(2) / Math.PI) / fwhm;
        exponentCoefficient = 2 * Math.Log(2) / (fwhm * fwhm);
        Sigma = fwhm / (2 * Math.Sqrt(Math.Log(2)));
    }

    /// <summary>Full width at half maximum of Ω(t)².</summary>
    internal double Fwhm { get; }

    /// <summary>Ω₀, the Rabi frequency at the pulse centre.</summary>
    internal double PeakRabiFrequency { get; }

    /// <summary>Standard deviation σ of Ω(t) read as a Gaussian, σ = FWHM/(2√ln2).</summary>
    internal double Sigma { get; }

    /// <summary>Half the time window outside which the drive is treated as zero.</summary>
    internal double HalfWindow => HalfWidthInSigmas * Sigma;

    /// <summary>Rabi frequency Ω(t).</summary>
    public double RabiFrequency(double t) => PeakRabiFrequency * Math.Exp(-exponentCoefficient * t * t);
}
