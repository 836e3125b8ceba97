using System.Numerics;
using CsCheck;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Tests.Sources;

public class WeakDriveScatteringTests
{
    [Fact]
    public void SymmetricEmitterOnResonanceTransmitsOneMinusBetaAndReflectsMinusBeta()
    {
        double gamma = 1 / 300.0, beta = 0.87;
        var c = WeakDriveScattering.Coefficients(beta * gamma / 2, beta * gamma / 2, gamma, 0, 0);
        Assert.Equal(1 - beta, c.LeftToRight.Real, 1e-14);
        Assert.Equal(1 - beta, c.RightToLeft.Real, 1e-14);
        Assert.Equal(-beta, c.Reflection.Real, 1e-14);
        Assert.Equal(0, c.LeftToRight.Imaginary, 1e-14);
    }

    [Fact]
    public void CoefficientsMatchTheirFormulaWrittenAsRatios() =>
        Gen.Select(Gen.Double[0, 1], Gen.Double[0, 1], Gen.Double[0.1, 2], Gen.Double[0, 2], Gen.Double[-5, 5]).Sample((share, f, gamma, dephasing, delta) =>
        {
            double gr = f * share * gamma, gl = (1 - f) * share * gamma;
            var d = new Complex(gamma + 2 * dephasing, -2 * delta);
            var c = WeakDriveScattering.Coefficients(gr, gl, gamma, dephasing, delta);
            Assert.True((c.LeftToRight - (d - 2 * gr) / d).Magnitude < 1e-14);
            Assert.True((c.RightToLeft - (d - 2 * gl) / d).Magnitude < 1e-14);
            Assert.True((c.Reflection + 2 * Math.Sqrt(gr * gl) / d).Magnitude < 1e-14);
        }, iter: 500);

    [Fact]
    public void EmitterIsPassiveForAllDirectionalitiesDephasingAndDiffusion() =>
        Gen.Select(Gen.Double[0, 1], Gen.Double[0, 1], Gen.Double[0.01, 2], Gen.Double[0, 2], Gen.Double[-5, 5], Gen.Double[0, 3]).Sample((share, f, gamma, dephasing, delta, sigma) =>
        {
            var c = WeakDriveScattering.AveragedCoefficients(f * share * gamma, (1 - f) * share * gamma, gamma, dephasing, delta, sigma);
            // every column: |t|² + |r|² ≤ 1, and the largest eigenvalue of S†S ≤ 1
            Assert.True(c.LeftToRight.Magnitude * c.LeftToRight.Magnitude + c.Reflection.Magnitude * c.Reflection.Magnitude <= 1 + 1e-12);
            Assert.True(c.RightToLeft.Magnitude * c.RightToLeft.Magnitude + c.Reflection.Magnitude * c.Reflection.Magnitude <= 1 + 1e-12);
            Assert.True(LargestSingularValueSquared(c) <= 1 + 1e-12);
        }, iter: 3000);

    [Fact]
    public void ChiralEmitterIsNotReciprocal()
    {
        double gamma = 1.0;
        var c = WeakDriveScattering.Coefficients(0.8 * gamma, 0.2 * gamma, gamma, 0, 0.1);
        Assert.True((c.LeftToRight - c.RightToLeft).Magnitude > 0.1);
        // perfectly chiral and lossless: the backward direction is transparent, forward a π phase flip on resonance
        var chiral = WeakDriveScattering.Coefficients(gamma, 0, gamma, 0, 0);
        Assert.Equal(1.0, chiral.RightToLeft.Real, 1e-15);
        Assert.Equal(-1.0, chiral.LeftToRight.Real, 1e-15);
        Assert.Equal(0.0, chiral.Reflection.Magnitude, 1e-15);
    }

    [Fact]
    public void MeanInverseDenominatorMatchesDirectGaussianAverage() =>
        Gen.Select(Gen.Double[0.1, 2], Gen.Double[0, 1], Gen.Double[-4, 4], Gen.Double[0.05, 3]).Sample((gamma, dephasing, delta0, sigma) =>
        {
            var mean = WeakDriveScattering.MeanInverseDenominator(gamma, dephasing, delta0, sigma);
            Complex sum = Complex.Zero;
            int n = 200_000;
            double a = -10 * sigma, h = 20 * sigma / n;
            for (int i = 0; i <= n; i++)
            {
                double x = a + i * h;
                double weight = (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * Math.Exp(-x * x / (2 * sigma * sigma)) / Math.Sqrt(2 * Math.PI * sigma * sigma);
                sum += weight / new Complex(gamma + 2 * dephasing, -2 * (delta0 + x));
            }
            var direct = sum * h / 3;
            Assert.True((mean - direct).Magnitude < 1e-9 * Math.Max(1, direct.Magnitude), $"{mean} vs {direct}");
        }, iter: 60);

    [Fact]
    public void MeanInverseDenominatorIsContinuousAtZeroDiffusion()
    {
        var exact = WeakDriveScattering.MeanInverseDenominator(1, 0.2, 0.7, 0);
        var nearly = WeakDriveScattering.MeanInverseDenominator(1, 0.2, 0.7, 1e-7);
        Assert.True((exact - nearly).Magnitude < 1e-10);
        Assert.True((exact - 1 / new Complex(1.4, -1.4)).Magnitude < 1e-15);
    }

    private static double LargestSingularValueSquared(EmitterScattering c)
    {
        // S = [[r, t_RL], [t_LR, r]]; eigenvalues of the Hermitian 2×2 matrix S†S
        Complex s00 = c.Reflection, s01 = c.RightToLeft, s10 = c.LeftToRight, s11 = c.Reflection;
        double a = s00.Magnitude * s00.Magnitude + s10.Magnitude * s10.Magnitude;
        double d = s01.Magnitude * s01.Magnitude + s11.Magnitude * s11.Magnitude;
        Complex b = Complex.Conjugate(s00) * s01 + Complex.Conjugate(s10) * s11;
        return (a + d) / 2 + Math.Sqrt((a - d) * (a - d) / 4 + b.Magnitude * b.Magnitude);
    }
}
