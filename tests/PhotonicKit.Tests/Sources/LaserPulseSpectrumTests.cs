using PhotonicKit.Components.Sources;

namespace PhotonicKit.Tests.Sources;

/// <summary>The power spectrum of a transform-limited Gaussian pulse, against a brute-force Fourier transform of its field.</summary>
public class LaserPulseSpectrumTests
{
    /// <summary>|E(ω)|² of the field E(t) = exp(−2 ln2 t²/τ²) (intensity FWHM τ), by the trapezoid rule over ±8τ.</summary>
    private static double PowerOfFieldTransform(double omegaRadPerPs, double tauPs)
    {
        const int n = 200_000;
        double span = 8 * tauPs, h = 2 * span / n, re = 0, im = 0;
        for (int i = 0; i <= n; i++)
        {
            double t = -span + h * i, w = (i == 0 || i == n ? 0.5 : 1) * h;
            double field = Math.Exp(-2 * Math.Log(2) * t * t / (tauPs * tauPs));
            re += w * field * Math.Cos(omegaRadPerPs * t);
            im += w * field * Math.Sin(omegaRadPerPs * t);
        }
        return re * re + im * im;
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(5.0)]
    [InlineData(17.5)]
    public void TheFieldTransformIsHalfItsPeakAtHalfTheStatedWidth(double tauPs)
    {
        double fwhm = LaserPulseSpectrum.FwhmRadPerPs(tauPs);
        Assert.Equal(0.5, PowerOfFieldTransform(fwhm / 2, tauPs) / PowerOfFieldTransform(0, tauPs), 10);
        // Δν·τ = 2 ln2/π ≈ 0.4413, the Gaussian pulse's time–bandwidth product (GHz × ps = 10⁻³).
        Assert.Equal(2 * Math.Log(2) / Math.PI, LaserPulseSpectrum.FwhmGhz(tauPs) * 1e-3 * tauPs, 14);
        Assert.Equal(fwhm / (2 * Math.PI) * 1e3, LaserPulseSpectrum.FwhmGhz(tauPs), 10);
        // The density has the transform's shape and unit area.
        double sigma = LaserPulseSpectrum.SigmaRadPerPs(tauPs);
        double ratio = LaserPulseSpectrum.DensityPerRadPerPs(1.3 * sigma, tauPs) / LaserPulseSpectrum.DensityPerRadPerPs(0, tauPs);
        Assert.Equal(PowerOfFieldTransform(1.3 * sigma, tauPs) / PowerOfFieldTransform(0, tauPs), ratio, 10);
        double area = 0, step = 20 * sigma / 20000;
        for (int i = 0; i <= 20000; i++) area += (i == 0 || i == 20000 ? 0.5 : 1) * step * LaserPulseSpectrum.DensityPerRadPerPs(-10 * sigma + i * step, tauPs);
        Assert.Equal(1, area, 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void APulseWithoutAPositiveWidthIsRefused(double tauPs)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => LaserPulseSpectrum.FwhmRadPerPs(tauPs));
        Assert.Equal("pulseFwhmPs", e.ParamName);
    }
}
