using PhotonicKit.Components;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Tests.Sources;

public class EmitterCouplingTests
{
    [Fact]
    public void CooperativityOfArcariWaveguideMatchesPublishedBeta()
    {
        // Arcari et al., PRL 113, 093603 (2014): β = 98.43 % ↔ C = 62.7.
        Assert.Equal(62.7, EmitterCoupling.Cooperativity(0.9843), 0.1);
        Assert.Equal(0.9843, EmitterCoupling.BetaFromCooperativity(62.7), 5e-5);
        Assert.Equal(0.3, EmitterCoupling.BetaFromCooperativity(EmitterCoupling.Cooperativity(0.3)), 1e-15);
        Assert.Throws<ArgumentOutOfRangeException>(() => EmitterCoupling.Cooperativity(1.0));
    }

    [Fact]
    public void SlowLightWaveguidePurcellFactorMatchesWorkedExample() =>
        // 930 nm, n = 3.5, n_g = 50, A_eff = 0.1 µm² → 2.408 (docs/physics.md)
        Assert.Equal(2.408, EmitterCoupling.WaveguidePurcellFactor(930, 3.5, 50, 0.1), 5e-4);

    [Fact]
    public void WaveguidePurcellFactorScalesWithGroupIndexAndInverseArea()
    {
        double f = EmitterCoupling.WaveguidePurcellFactor(930, 3.5, 50, 0.1);
        Assert.Equal(2 * f, EmitterCoupling.WaveguidePurcellFactor(930, 3.5, 100, 0.1), 1e-12);
        Assert.Equal(2 * f, EmitterCoupling.WaveguidePurcellFactor(930, 3.5, 50, 0.05), 1e-12);
    }

    [Fact]
    public void CavityPurcellFactorOnResonanceIsPurcellsThreeQOverFourPiSquaredV()
    {
        double q = 10_000, v = 1.5;
        Assert.Equal(3 * q / (4 * Math.PI * Math.PI * v), EmitterCoupling.CavityPurcellFactor(q, v, 930, 930, 1), 1e-9);
        Assert.Equal(0.25 * 3 * q / (4 * Math.PI * Math.PI * v), EmitterCoupling.CavityPurcellFactor(q, v, 930, 930, 0.25), 1e-9);
    }

    [Fact]
    public void CavityPurcellFactorHalvesWhenDetunedByHalfTheCavityLinewidth()
    {
        double q = 5_000, v = 1, cavityNm = 930;
        double kappa = EmitterCoupling.CavityLinewidthRadPerPs(cavityNm, q);
        double omegaCavity = 2 * Math.PI * PhysicalConstants.SpeedOfLightNmPerPs / cavityNm;
        double emitterNm = 2 * Math.PI * PhysicalConstants.SpeedOfLightNmPerPs / (omegaCavity + kappa / 2);
        double onResonance = EmitterCoupling.CavityPurcellFactor(q, v, cavityNm, cavityNm, 1);
        Assert.Equal(onResonance / 2, EmitterCoupling.CavityPurcellFactor(q, v, emitterNm, cavityNm, 1), 1e-9 * onResonance);
        // κ = ω/Q: the cavity FWHM in wavelength is λ/Q.
        Assert.Equal(omegaCavity / q, kappa, 1e-12);
    }

    [Fact]
    public void BetaAndDecayRateFromPurcellAddModeAndOtherChannels()
    {
        Assert.Equal(10.0 / 11.0, EmitterCoupling.BetaFromPurcell(10, 1), 1e-15);
        Assert.Equal(11.0 / 1000, EmitterCoupling.DecayRateFromPurcell(1.0 / 1000, 10, 1), 1e-15);
        Assert.Equal(0.75, EmitterCoupling.Beta(3, 1), 1e-15);
        Assert.Equal(0.8, EmitterCoupling.QuantumEfficiency(4, 5), 1e-15);
        Assert.Throws<ArgumentException>(() => EmitterCoupling.DecayRateFromPurcell(1, 0, 0));
        Assert.Throws<ArgumentException>(() => EmitterCoupling.QuantumEfficiency(6, 5));
    }
    /// <summary>
    /// The exact one-excitation decay of emitter and cavity against closed forms: the overdamped root
    /// κ/2 − 2√(κ²/16 − g²) (γ = 0, on resonance), the common (κ + γ)/2 of strong coupling, the bad-cavity limit
    /// Γ_mode + γ and its series in Γ_mode/κ, and the eigenvalues of the same 2 × 2 matrix from
    /// MathNet's eigen-decomposition with detuning and emitter decay.
    /// </summary>
    [Fact]
    public void CavityCoupledDecayAgreesWithClosedFormsAndAnEigenDecomposition()
    {
        const double kappa = 0.4;
        // Overdamped, γ = 0, Δ = 0: g = κ/8 → Γ_mode = 4g²/κ.
        double g = kappa / 8, mode = 4 * g * g / kappa;
        Assert.Equal(kappa / 2 - 2 * Math.Sqrt(kappa * kappa / 16 - g * g), EmitterCoupling.CavityCoupledDecayRatePerPs(mode, 0, kappa, 0), 1e-14);
        // Strong coupling: both modes decay at (κ + γ)/2.
        g = kappa;
        Assert.Equal((kappa + 0.01) / 2, EmitterCoupling.CavityCoupledDecayRatePerPs(4 * g * g / kappa, 0.01, kappa, 0), 1e-14);
        // Bad cavity: Γ_mode(1 + x + 2x² + 5x³ + …), x = Γ_mode/κ (the series of κ/2 (1 − √(1 − 4x))).
        mode = 1e-4;
        double x = mode / kappa;
        double exact = EmitterCoupling.CavityCoupledDecayRatePerPs(mode, 0, kappa, 0);
        Assert.Equal(mode * (1 + x + 2 * x * x + 5 * x * x * x), exact, 1e-16); // rounding of κ/2 − …: about 1e-17
        Assert.Equal(mode + 0.002, EmitterCoupling.CavityCoupledDecayRatePerPs(mode, 0.002, kappa, 0), 1e-6);
        // Detuned, with emitter decay: the slower eigenvalue of the matrix itself.
        const double gamma = 0.003, detuning = 0.25;
        mode = 0.02;
        double g2 = mode * (kappa * kappa + 4 * detuning * detuning) / (4 * kappa);
        var m = MathNet.Numerics.LinearAlgebra.Matrix<System.Numerics.Complex>.Build.DenseOfArray(new System.Numerics.Complex[,]
        {
            { -gamma / 2, new System.Numerics.Complex(0, -Math.Sqrt(g2)) },
            { new System.Numerics.Complex(0, -Math.Sqrt(g2)), new System.Numerics.Complex(-kappa / 2, -detuning) },
        });
        double slower = m.Evd().EigenValues.Max(v => v.Real);
        Assert.Equal(-2 * slower, EmitterCoupling.CavityCoupledDecayRatePerPs(mode, gamma, kappa, detuning), 1e-13);
        // On resonance the Purcell formula's rate Γ_mode + γ is the limit of the exact one as κ grows.
        Assert.Equal(0.02 + gamma, EmitterCoupling.CavityCoupledDecayRatePerPs(0.02, gamma, 4000, 0), 1e-6);
    }
}
