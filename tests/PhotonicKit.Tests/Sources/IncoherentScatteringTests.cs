using System.Numerics;
using CsCheck;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Tests.Sources;

public class IncoherentScatteringTests
{
    [Fact]
    public void DephasedSymmetricEmitterGivesAuffevesGarnierTransmissionAndReflection()
    {
        // PRA 75, 053823 (2007): β = 0.9, γ* = Γ/2, resonance, f = ½ → T = 0.505, R = 0.405, loss 0.09.
        double gamma = 1 / 250.0, beta = 0.9, dephasing = gamma / 2;
        var c = WeakDriveScattering.Coefficients(beta * gamma / 2, beta * gamma / 2, gamma, dephasing, 0);
        var p = IncoherentScattering.Powers(beta * gamma / 2, beta * gamma / 2, gamma, dephasing, 0, 0);
        double t = Sq(c.LeftToRight) + p.LeftToRight, r = Sq(c.Reflection) + p.LeftToLeft;
        Assert.Equal(0.3025, Sq(c.LeftToRight), 1e-14);
        Assert.Equal(0.2025, p.LeftToRight, 1e-14);
        Assert.Equal(0.505, t, 1e-14);
        Assert.Equal(0.405, r, 1e-14);
        Assert.Equal(0.09, 1 - t - r, 1e-14);
    }

    [Fact]
    public void WithoutDephasingOrDiffusionNothingIsIncoherent() =>
        Gen.Select(Gen.Double[0, 1], Gen.Double[0, 1], Gen.Double[0.01, 2], Gen.Double[-5, 5]).Sample((share, f, gamma, delta) =>
        {
            var p = IncoherentScattering.Powers(f * share * gamma, (1 - f) * share * gamma, gamma, 0, delta, 0);
            Assert.Equal(default, p);
            Assert.Equal(default, IncoherentScattering.EmissionPerDrive(gamma, 0, delta, 0));
        }, iter: 300);

    [Fact]
    public void IncoherentPowerMatchesSteadyStateOfTheOpticalBlochEquations() =>
        // Second algorithm: the exact steady state of the driven two-level Bloch equations at a photon flux of 10⁻¹² Γ,
        // incoherent emission Γ(ρ_ee − |⟨σ⟩|²), into guided X a share Γ_X/Γ, per incident photon flux |α|².
        Gen.Select(Gen.Double[0.05, 1], Gen.Double[0, 1], Gen.Double[0.1, 3], Gen.Double[0, 3], Gen.Double[-4, 4]).Sample((share, f, gamma, dephasing, delta) =>
        {
            double gr = f * share * gamma, gl = (1 - f) * share * gamma;
            var p = IncoherentScattering.Powers(gr, gl, gamma, dephasing, delta, 0);
            foreach (var (coupling, intoRight, intoLeft) in new[] { (gr, p.LeftToRight, p.LeftToLeft), (gl, p.RightToRight, p.RightToLeft) })
            {
                if (coupling == 0) continue;
                double alpha = 1e-6 * Math.Sqrt(gamma);
                var (population, coherence) = BlochSteadyState(2 * Math.Sqrt(coupling) * alpha, delta, gamma, dephasing);
                double incoherent = gamma * (population - (coherence * Complex.Conjugate(coherence)).Real) / (alpha * alpha);
                Assert.Equal(incoherent * gr / gamma, intoRight, 1e-8 + 1e-7 * intoRight);
                Assert.Equal(incoherent * gl / gamma, intoLeft, 1e-8 + 1e-7 * intoLeft);
            }
        }, iter: 300);

    [Fact]
    public void CoherentFractionOfTheEmissionIsGammaOverGammaPlusTwoDephasingAtAnyDetuning() =>
        Gen.Select(Gen.Double[0.1, 3], Gen.Double[0, 3], Gen.Double[-6, 6]).Sample((gamma, dephasing, delta) =>
        {
            var (population, coherence) = BlochSteadyState(1e-4 * gamma, delta, gamma, dephasing);
            double coherentShare = (coherence * Complex.Conjugate(coherence)).Real / population;
            Assert.Equal(gamma / (gamma + 2 * dephasing), coherentShare, 1e-7);
        }, iter: 200);

    [Fact]
    public void FluxIsConservedWithChiralityDetuningQuantumEfficiencyAndDiffusion() =>
        // T + R + (1 − η_QE β)·(emission per photon) = 1, the emission Γρ_ee = 4Γ_Y(Γ + 2γ*)/|D|² averaged over the line
        // centre by Simpson quadrature of the Gaussian (independent of the Voigt function used by the coherent amplitudes).
        Gen.Select(Gen.Double[0.05, 1], Gen.Double[0.2, 1], Gen.Double[0, 1], Gen.Double[0.1, 2], Gen.Double[0, 2], Gen.Double[-4, 4], Gen.Double[0, 3])
            .Sample((beta, quantumEfficiency, f, gamma, dephasing, delta, sigma) =>
        {
            double mode = quantumEfficiency * beta * gamma, gr = f * mode, gl = (1 - f) * mode;
            var c = WeakDriveScattering.AveragedCoefficients(gr, gl, gamma, dephasing, delta, sigma);
            var p = IncoherentScattering.Powers(gr, gl, gamma, dephasing, delta, sigma);
            double meanInverseSquare = GaussianAverage(x => 1 / Sq(new Complex(gamma + 2 * dephasing, -2 * (delta + x))), sigma);
            double fromLeftT = Sq(c.LeftToRight) + p.LeftToRight, fromLeftR = Sq(c.Reflection) + p.LeftToLeft;
            double fromRightT = Sq(c.RightToLeft) + p.RightToLeft, fromRightR = Sq(c.Reflection) + p.RightToRight;
            double emittedLeft = 4 * gr * (gamma + 2 * dephasing) * meanInverseSquare, emittedRight = 4 * gl * (gamma + 2 * dephasing) * meanInverseSquare;
            Assert.Equal(1, fromLeftT + fromLeftR + (1 - quantumEfficiency * beta) * emittedLeft, 1e-9);
            Assert.Equal(1, fromRightT + fromRightR + (1 - quantumEfficiency * beta) * emittedRight, 1e-9);
        }, iter: 200);

    [Fact]
    public void DiffusionAveragedPowersMatchDirectGaussianAverageOfTheFixedLinePowers() =>
        // ⟨|t|²⟩ + ⟨P⟩ over the line centre by quadrature equals the mean-field |⟨t⟩|² plus the incoherent powers.
        Gen.Select(Gen.Double[0.05, 1], Gen.Double[0, 1], Gen.Double[0.1, 2], Gen.Double[0, 1], Gen.Double[-3, 3], Gen.Double[0.05, 3])
            .Sample((share, f, gamma, dephasing, delta, sigma) =>
        {
            double gr = f * share * gamma, gl = (1 - f) * share * gamma;
            var mean = WeakDriveScattering.AveragedCoefficients(gr, gl, gamma, dephasing, delta, sigma);
            var p = IncoherentScattering.Powers(gr, gl, gamma, dephasing, delta, sigma);
            double transmitted = GaussianAverage(x => Sq(WeakDriveScattering.Coefficients(gr, gl, gamma, dephasing, delta + x).LeftToRight)
                + IncoherentScattering.Powers(gr, gl, gamma, dephasing, delta + x, 0).LeftToRight, sigma);
            double reflected = GaussianAverage(x => Sq(WeakDriveScattering.Coefficients(gr, gl, gamma, dephasing, delta + x).Reflection)
                + IncoherentScattering.Powers(gr, gl, gamma, dephasing, delta + x, 0).LeftToLeft, sigma);
            Assert.Equal(transmitted, Sq(mean.LeftToRight) + p.LeftToRight, 1e-9);
            Assert.Equal(reflected, Sq(mean.Reflection) + p.LeftToLeft, 1e-9);
        }, iter: 60);

    [Fact]
    public void BadRatesAreRejectedWithTheirName()
    {
        Assert.Contains("decayRate", Assert.Throws<ArgumentOutOfRangeException>(() => IncoherentScattering.Powers(0.1, 0.1, 0, 0.1, 0, 0)).Message);
        Assert.Contains("pureDephasingRate", Assert.Throws<ArgumentOutOfRangeException>(() => IncoherentScattering.Powers(0.1, 0.1, 1, -1, 0, 0)).Message);
        Assert.Contains("exceeds", Assert.Throws<ArgumentException>(() => IncoherentScattering.Powers(0.8, 0.8, 1, 0.1, 0, 0)).Message);
    }

    /// <summary>Exact steady state of the Bloch equations, H = −Δσ†σ + (Ω/2)(σ + σ†), collapse √Γσ and √(2γ*)σ†σ:
    /// unknowns x + iy = ⟨σ⟩ and ρ_ee, solved as a 3 × 3 linear system.</summary>
    private static (double Population, Complex Coherence) BlochSteadyState(double rabi, double delta, double gamma, double dephasing)
    {
        double g2 = gamma / 2 + dephasing;
        var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(new[,]
        {
            { -g2, -delta, 0 },
            { delta, -g2, rabi },
            { 0, -rabi, -gamma },
        });
        var b = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense([0, rabi / 2, 0]);
        var x = a.Solve(b);
        return (x[2], new Complex(x[0], x[1]));
    }

    private static double GaussianAverage(Func<double, double> f, double sigma)
    {
        if (sigma == 0) return f(0);
        int n = 40_000;
        double a = -9 * sigma, h = 18 * sigma / n, sum = 0;
        for (int i = 0; i <= n; i++)
        {
            double x = a + i * h;
            sum += (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * Math.Exp(-x * x / (2 * sigma * sigma)) * f(x);
        }
        return sum * h / 3 / Math.Sqrt(2 * Math.PI * sigma * sigma);
    }

    private static double Sq(Complex z) => (z * Complex.Conjugate(z)).Real;
}
