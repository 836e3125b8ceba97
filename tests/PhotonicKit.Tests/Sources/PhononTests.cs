using PhotonicKit.Components.Sources;

namespace PhotonicKit.Tests.Sources;

public class PhononTests
{
    [Theory]
    [InlineData(0.0, 0.937)]
    [InlineData(4.0, 0.918)]
    [InlineData(10.0, 0.858)]
    public void ZeroPhononFractionMatchesPublishedValues(double temperatureK, double expected) =>
        // α = 0.027 ps², ω_c = 2.2 rad/ps (docs/physics.md; Iles-Smith et al., Nat. Photon. 11, 521 (2017))
        Assert.Equal(expected, PhononBath.ZeroPhononFraction(0.027, 2.2, temperatureK), 5e-4);

    [Fact]
    public void ZeroPhononFractionAtZeroKelvinIsExpOfMinusAlphaCutoffSquaredOverTwo() =>
        Assert.Equal(Math.Exp(-0.027 * 2.2 * 2.2 / 2), PhononBath.ZeroPhononFraction(0.027, 2.2, 0), 1e-15);

    [Fact]
    public void CutoffReadAsMilliElectronVoltsGives0p841AtFourKelvin()
    {
        // A units sanity check: 2.2 meV/ħ = 3.342 rad/ps instead of 2.2 rad/ps.
        double hbarMeVPs = 0.6582119569; // ħ in meV·ps
        double cutoffRadPerPs = 2.2 / hbarMeVPs;
        Assert.Equal(3.3424, cutoffRadPerPs, 1e-3);
        Assert.Equal(0.841, PhononBath.ZeroPhononFraction(0.027, cutoffRadPerPs, 4), 5e-4);
    }

    [Fact]
    public void DisplacementExponentMatchesTrapezoidIntegralOfTheSpectralDensity()
    {
        foreach (double t in new[] { 0.5, 4.0, 10.0, 50.0 })
        {
            double alpha = 0.027, cutoff = 2.2, x = PhononBath.HbarOverBoltzmannPsK / (2 * t);
            // ∫ J(ω)/ω² coth(ħω/2k_BT) dω, trapezoid on a fine grid in ω (the integrand → 2αk_BT/ħ at ω = 0)
            int n = 200_000;
            double h = 10 * cutoff / n, sum = 0;
            for (int i = 0; i <= n; i++)
            {
                double w = i * h;
                double value = w == 0 ? alpha / x : alpha * w * Math.Exp(-w * w / (cutoff * cutoff)) / Math.Tanh(x * w);
                sum += (i == 0 || i == n ? 0.5 : 1) * value;
            }
            Assert.Equal(sum * h, PhononBath.DisplacementExponent(alpha, cutoff, t), 1e-9);
        }
    }

    [Fact]
    public void HbarOverBoltzmannIsCodataValue() =>
        Assert.Equal(1.054571817e-34 / 1.380649e-23 * 1e12, PhononBath.HbarOverBoltzmannPsK, 1e-8);

    [Fact]
    public void SidebandObeysDetailedBalanceAndIsRedAtZeroKelvin()
    {
        double t = 8, nu = 0.7;
        double stokes = PhononBath.SidebandShape(nu, 0.027, 2.2, t), antiStokes = PhononBath.SidebandShape(-nu, 0.027, 2.2, t);
        Assert.Equal(Math.Exp(-PhononBath.HbarOverBoltzmannPsK * nu / t), antiStokes / stokes, 1e-12);
        Assert.Equal(0.0, PhononBath.SidebandShape(-nu, 0.027, 2.2, 0));
        Assert.True(PhononBath.SidebandShape(nu, 0.027, 2.2, 0) > 0);
    }
}
