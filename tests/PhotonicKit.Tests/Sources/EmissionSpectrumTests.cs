using PhotonicKit.Components;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Tests.Sources;

public class EmissionSpectrumTests
{
    private static double OmegaOf(double nm) => PhysicalConstants.AngularFrequencyRadPerPs(nm);

    [Fact]
    public void LorentzianZeroPhononLineHasFwhmGammaPlusTwoGammaStar()
    {
        double gamma = 1 / 100.0, dephasing = 0.004;
        var spectrum = new EmissionSpectrum(930, gamma, dephasing, 0, 1, 0.027, 2.2, 0);
        double w0 = OmegaOf(930), hwhm = (gamma + 2 * dephasing) / 2;
        Assert.Equal(1 / (Math.PI * hwhm), spectrum.DensityPerRadPerPs(w0), 1e-9 / hwhm);
        Assert.Equal(0.5 * spectrum.DensityPerRadPerPs(w0), spectrum.DensityPerRadPerPs(w0 + hwhm), 1e-9 / hwhm);
        // integral over ±L of a Lorentzian: (2/π) atan(L/γ)
        double span = 50 * hwhm;
        double area = WavepacketOverlapTests.Simpson(spectrum.DensityPerRadPerPs, w0 - span, w0 + span, 20000);
        Assert.Equal(2 / Math.PI * Math.Atan(span / hwhm), area, 1e-9);
    }

    [Fact]
    public void VoigtLineEqualsNumericalConvolutionOfLorentzianAndGaussian()
    {
        double gamma = 0.01, sigma = 0.02;
        var spectrum = new EmissionSpectrum(930, gamma, 0, sigma, 1, 0.027, 2.2, 0);
        double w0 = OmegaOf(930), hwhm = gamma / 2;
        foreach (double x in new[] { 0.0, 0.01, 0.03, 0.08 })
        {
            double convolution = WavepacketOverlapTests.Simpson(
                y => Math.Exp(-y * y / (2 * sigma * sigma)) / Math.Sqrt(2 * Math.PI * sigma * sigma) * hwhm / (Math.PI * ((x - y) * (x - y) + hwhm * hwhm)),
                -12 * sigma, 12 * sigma, 100_000);
            Assert.Equal(convolution, spectrum.DensityPerRadPerPs(w0 + x), 1e-8 * convolution + 1e-12);
        }
    }

    [Fact]
    public void SidebandCarriesOneMinusZeroPhononFractionOnTheRedSide()
    {
        double b2 = PhononBath.ZeroPhononFraction(0.027, 2.2, 4);
        var spectrum = new EmissionSpectrum(930, 1 / 200.0, 0, 0, b2, 0.027, 2.2, 4);
        double w0 = OmegaOf(930);
        double sideband = WavepacketOverlapTests.Simpson(spectrum.SidebandDensityPerRadPerPs, w0 - 10 * 2.2, w0 + 10 * 2.2, 200_000);
        Assert.Equal(1 - b2, sideband, 1e-8);
        // at 4 K the Stokes (red, ω < ω0) side outweighs the anti-Stokes side
        Assert.True(spectrum.SidebandDensityPerRadPerPs(w0 - 1) > 2 * spectrum.SidebandDensityPerRadPerPs(w0 + 1));
    }

    [Fact]
    public void DensityPerNmIntegratesLikeDensityPerAngularFrequency()
    {
        var spectrum = new EmissionSpectrum(930, 0.05, 0.01, 0.03, 0.9, 0.027, 2.2, 4);
        double w0 = OmegaOf(930);
        double a = w0 - 3, b = w0 + 3;
        double inOmega = WavepacketOverlapTests.Simpson(spectrum.DensityPerRadPerPs, a, b, 200_000);
        double lambdaA = 2 * Math.PI * PhysicalConstants.SpeedOfLightNmPerPs / b, lambdaB = 2 * Math.PI * PhysicalConstants.SpeedOfLightNmPerPs / a;
        double inLambda = WavepacketOverlapTests.Simpson(spectrum.DensityPerNm, lambdaA, lambdaB, 200_000);
        Assert.Equal(inOmega, inLambda, 1e-8);
    }

    [Fact]
    public void SampledSpectrumIsAscendingPositiveAndResolvesTheLine()
    {
        var spectrum = new EmissionSpectrum(930, 1 / 200.0, 0, 0, 0.9, 0.027, 2.2, 4);
        var (wavelengths, density) = spectrum.Sample();
        Assert.Equal(wavelengths.Length, density.Length);
        for (int i = 1; i < wavelengths.Length; i++) Assert.True(wavelengths[i] > wavelengths[i - 1]);
        Assert.All(density, d => Assert.True(d >= 0 && double.IsFinite(d)));
        double total = 0;
        for (int i = 1; i < wavelengths.Length; i++) total += (wavelengths[i] - wavelengths[i - 1]) * (density[i] + density[i - 1]) / 2;
        // the grid spans ±4ω_c: it holds (2/π)atan(4ω_c/γ) of the Lorentzian line and all but e^{−16} of the sideband
        double hwhm = 1 / 400.0;
        double expected = 0.9 * 2 / Math.PI * Math.Atan(4 * 2.2 / hwhm) + 0.1;
        Assert.Equal(expected, total, 3e-3);
    }
}
