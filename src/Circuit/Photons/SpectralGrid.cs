using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Photons;

/// <summary>
/// Frequencies on which photons are sampled: ω_i = ω_c + s·sinh(u_i) with u uniform, which resolves a line of half-width
/// s at its centre and its slowly decaying Lorentzian wings in steps proportional to the detuning, with the trapezoid
/// weights w_i = du·s·cosh(u_i) (halved at the ends) of ∫ f(ω) dω. Offsets are relative to a reference frequency so that
/// detunings keep their precision. Immutable.
/// </summary>
internal sealed class SpectralGrid
{
    private SpectralGrid(double referenceRadPerPs, double[] offsets, double[] weights, double[] u, double centreOffset, double scale)
    {
        ReferenceRadPerPs = referenceRadPerPs;
        OffsetsRadPerPs = offsets;
        WeightsRadPerPs = weights;
        U = u;
        CentreOffsetRadPerPs = centreOffset;
        ScaleRadPerPs = scale;
        WavelengthsNm = offsets.Select(x => 2 * Math.PI * PhysicalConstants.SpeedOfLightNmPerPs / (referenceRadPerPs + x)).ToArray();
    }

    /// <summary>ω_ref, rad/ps.</summary>
    public double ReferenceRadPerPs { get; }

    /// <summary>ω_i − ω_ref, rad/ps.</summary>
    public double[] OffsetsRadPerPs { get; }

    /// <summary>Trapezoid weights of ∫ dω, rad/ps.</summary>
    public double[] WeightsRadPerPs { get; }

    /// <summary>The uniform variable u_i.</summary>
    public double[] U { get; }

    /// <summary>ω_c − ω_ref, rad/ps.</summary>
    public double CentreOffsetRadPerPs { get; }

    /// <summary>s, rad/ps.</summary>
    public double ScaleRadPerPs { get; }

    /// <summary>λ_i = 2πc/ω_i, nm.</summary>
    public double[] WavelengthsNm { get; }

    /// <summary>Number of points.</summary>
    public int Count => OffsetsRadPerPs.Length;

    /// <summary>
    /// The u range of a sinh grid around ω_c of scale s that reaches at most <paramref name="maxReachInScales"/>·s, half the
    /// centre frequency, and the wavelengths where the circuit is defined (<paramref name="validRangeNm"/>); null when the
    /// range is empty.
    /// </summary>
    public static (double Low, double High, double ReachLowInScales, double ReachHighInScales)? Range(double centreRadPerPs, double scaleRadPerPs,
        (double MinNm, double MaxNm) validRangeNm, double maxReachInScales = 1e6)
    {
        if (!(scaleRadPerPs > 0) || !double.IsFinite(scaleRadPerPs)) return null;
        double below = 0.5 * centreRadPerPs, above = 0.5 * centreRadPerPs;
        if (validRangeNm.MaxNm < double.PositiveInfinity) below = Math.Min(below, centreRadPerPs - PhysicalConstants.AngularFrequencyRadPerPs(validRangeNm.MaxNm));
        if (validRangeNm.MinNm > 0) above = Math.Min(above, PhysicalConstants.AngularFrequencyRadPerPs(validRangeNm.MinNm) - centreRadPerPs);
        double reachLow = Math.Min(Math.Max(0, below) / scaleRadPerPs, maxReachInScales), reachHigh = Math.Min(Math.Max(0, above) / scaleRadPerPs, maxReachInScales);
        double uLow = -Math.Asinh(reachLow), uHigh = Math.Asinh(reachHigh);
        return uHigh - uLow > 1e-9 ? (uLow, uHigh, reachLow, reachHigh) : null;
    }

    /// <summary>A sinh grid of <paramref name="points"/> points over [uLow, uHigh] around ω_c with scale s.</summary>
    public static SpectralGrid Sinh(double referenceRadPerPs, double centreOffsetRadPerPs, double scaleRadPerPs, double uLow, double uHigh, int points)
    {
        if (points < 2) throw new ArgumentOutOfRangeException(nameof(points), points, "a grid needs at least two points");
        var offsets = new double[points];
        var weights = new double[points];
        var u = new double[points];
        double step = (uHigh - uLow) / (points - 1);
        for (int i = 0; i < points; i++)
        {
            u[i] = uLow + step * i;
            offsets[i] = centreOffsetRadPerPs + scaleRadPerPs * Math.Sinh(u[i]);
            weights[i] = step * scaleRadPerPs * Math.Cosh(u[i]) * (i == 0 || i == points - 1 ? 0.5 : 1);
        }
        return new SpectralGrid(referenceRadPerPs, offsets, weights, u, centreOffsetRadPerPs, scaleRadPerPs);
    }
}
