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
}
