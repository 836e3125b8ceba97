using CsCheck;
using PhotonicKit.Components;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Tests.Sources;

public class WavepacketOverlapTests
{
    [Fact]
    public void PureDephasingGivesT2OverTwoT1()
    {
        double gamma = 1 / 300.0, dephasing = 1 / 1000.0;
        double t2 = 1 / (gamma / 2 + dephasing);
        Assert.Equal(t2 / (2 * 300.0), WavepacketOverlap.PureDephasing(gamma, dephasing), 1e-14);
        Assert.Equal(1.0, WavepacketOverlap.PureDephasing(gamma, 0));
    }

    [Fact]
    public void IdenticalEmittersWithDiffusionEqualToTheLinewidthGive0p5456()
    {
        double gamma = 1 / 250.0;
        double m = WavepacketOverlap.BetweenEmitters(gamma, gamma, 0, 0, 0, gamma, gamma);
        Assert.Equal(0.5456, m, 5e-5);
        // the one-source form √π z e^{z²} erfc z, z = 1/2, with an independent erfc
        double z = 0.5;
        Assert.Equal(Math.Sqrt(Math.PI) * z * Math.Exp(z * z) * MathNet.Numerics.SpecialFunctions.Erfc(z), m, 1e-13);
    }

    [Fact]
    public void IdenticalEmittersWithDephasingAndDiffusionFollowTheOneSourceForm() =>
        Gen.Select(Gen.Double[0.5, 2], Gen.Double[0, 3], Gen.Double[0.3, 5]).Sample((gamma, dephasing, sigma) =>
        {
            double z = (gamma + 2 * dephasing) / (2 * sigma);
            double expected = gamma / (gamma + 2 * dephasing) * Math.Sqrt(Math.PI) * z * Math.Exp(z * z) * MathNet.Numerics.SpecialFunctions.Erfc(z);
            Assert.Equal(expected, WavepacketOverlap.BetweenEmitters(gamma, gamma, dephasing, dephasing, 0, sigma, sigma), 1e-11);
        }, iter: 200);

    [Fact]
    public void GeneralOverlapTendsToTheFixedLineFormAsDiffusionVanishes()
    {
        foreach (double detuning in new[] { 0.0, 0.3, 1.0, 5.0 })
        {
            double fixedLines = WavepacketOverlap.BetweenFixedLines(1.0, 0.7, 0.1, 0.2, detuning);
            Assert.Equal(fixedLines, WavepacketOverlap.BetweenEmitters(1.0, 0.7, 0.1, 0.2, detuning, 1e-6, 1e-6), 1e-9);
            Assert.Equal(fixedLines, WavepacketOverlap.BetweenEmitters(1.0, 0.7, 0.1, 0.2, detuning, 0, 0));
        }
        // Identical lines: Γ²/(Γ² + δ²) for γ* = 0
        Assert.Equal(1 / (1 + 4.0), WavepacketOverlap.BetweenFixedLines(1, 1, 0, 0, 2), 1e-15);
    }

    [Fact]
    public void GeneralOverlapMatchesTimeDomainIntegralAndSpectralAverage() =>
        Gen.Select(Gen.Double[0.2, 2], Gen.Double[0.2, 2], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Double[-3, 3], Gen.Double[0.05, 2], Gen.Double[0, 2])
            .Sample((ga, gb, da, db, delta, sa, sb) =>
            {
                double m = WavepacketOverlap.BetweenEmitters(ga, gb, da, db, delta, sa, sb);
                double w = (ga + gb) / 2 + da + db, s2 = sa * sa + sb * sb, s = Math.Sqrt(s2);
                double pre = 2 * ga * gb / (ga + gb);
                // 1) time domain: 2ΓaΓb/(Γa+Γb) ∫₀^∞ e^{−Wτ} e^{−s²τ²/2} cos(δ0 τ) dτ (Simpson)
                double tMax = Math.Min(40 / w, 12 / s);
                double timeDomain = pre * Simpson(tau => Math.Exp(-w * tau - s2 * tau * tau / 2) * Math.Cos(delta * tau), 0, tMax, 20000);
                Assert.Equal(timeDomain, m, 1e-9);
                // 2) frequency domain: the fixed-line Lorentzian overlap averaged over a Gaussian detuning
                double spectral = Simpson(x => Math.Exp(-x * x / (2 * s2)) / Math.Sqrt(2 * Math.PI * s2)
                    * WavepacketOverlap.BetweenFixedLines(ga, gb, da, db, delta + x), -9 * s, 9 * s, 20000);
                Assert.Equal(spectral, m, 1e-7);
            }, iter: 60);

    [Fact]
    public void TimeOffsetReducesOverlapByExpMinusGammaTau()
    {
        double gamma = 1 / 200.0, tau = 150;
        // |∫ψ(t)ψ(t−τ)dt|² for ψ(t) = √Γ e^{−Γt/2} θ(t), by quadrature
        double overlap = Simpson(t => gamma * Math.Exp(-gamma * t / 2) * Math.Exp(-gamma * (t - tau) / 2), tau, tau + 60 / gamma, 20000);
        Assert.Equal(overlap * overlap, WavepacketOverlap.TimeOffsetFactor(gamma, tau), 1e-9);
        Assert.Equal(WavepacketOverlap.TimeOffsetFactor(gamma, tau), WavepacketOverlap.TimeOffsetFactor(gamma, -tau));
    }

    [Fact]
    public void RelaxationJitterLimits()
    {
        Assert.Equal(0.5, WavepacketOverlap.RelaxationJitter(1, 1), 1e-15);
        Assert.True(WavepacketOverlap.RelaxationJitter(1e6, 1) > 0.999998);
        Assert.Equal(1 / 11.0, WavepacketOverlap.RelaxationJitter(0.1, 1), 1e-15);
    }

    [Fact]
    public void SidebandFilteringTradesEfficiencyForIndistinguishability()
    {
        double b2 = 0.9, mZpl = 0.98;
        Assert.Equal(mZpl * b2 * b2, WavepacketOverlap.WithPhononSideband(mZpl, b2, 1), 1e-15);
        Assert.Equal(mZpl, WavepacketOverlap.WithPhononSideband(mZpl, b2, 0), 1e-15);
        Assert.Equal(0.9 + 0.1 * 0.3, WavepacketOverlap.SidebandFilterEfficiency(b2, 0.3), 1e-15);
        Assert.Equal(mZpl * Math.Pow(0.9 / 0.93, 2), WavepacketOverlap.WithPhononSideband(mZpl, b2, 0.3), 1e-15);
    }

    internal static double Simpson(Func<double, double> f, double a, double b, int intervals)
    {
        if (intervals % 2 == 1) intervals++;
        double h = (b - a) / intervals, sum = f(a) + f(b);
        for (int i = 1; i < intervals; i++) sum += f(a + i * h) * (i % 2 == 1 ? 4 : 2);
        return sum * h / 3;
    }
}

public class SourceOverlapTests
{
    private static EmitterDescription Dot(params (string Key, SettingValue Value)[] entries) =>
        ((IEmitterComponent)new QuantumDotModel().Bind(entries.ToDictionary(e => e.Key, e => e.Value), new ComponentContext(930))).Emitter;

    [Fact]
    public void IdenticalSourcesWithoutDiffusionOverlapAsEachSourceWithItself()
    {
        var a = Dot(("lifetime_ps", 300.0), ("pure_dephasing_per_ns", 0.4));
        Assert.Equal(0.9, SourceOverlap.BetweenSources(a, 0.9, a, 0.9), 1e-14);
    }

    [Fact]
    public void DifferentLifetimesGiveFourGammaAGammaBOverSumSquared()
    {
        var a = Dot(("lifetime_ps", 300.0));
        var b = Dot(("lifetime_ps", 100.0));
        double ga = 1 / 300.0, gb = 1 / 100.0;
        Assert.Equal(4 * ga * gb / Math.Pow(ga + gb, 2), SourceOverlap.BetweenSources(a, 1, b, 1), 1e-14);
    }

    [Fact]
    public void IndependentDiffusionOfTwoSourcesGivesTheVoigtOverlap()
    {
        // σ = Γ on each source, γ* = 0: 0.5456 (docs/physics.md)
        double lifetime = 250, sigmaGhz = 1 / lifetime * 1e3 / (2 * Math.PI);
        var a = Dot(("lifetime_ps", lifetime), ("spectral_diffusion_ghz", sigmaGhz));
        Assert.Equal(0.5456, SourceOverlap.BetweenSources(a, 1, a, 1), 5e-5);
        // a measured M_s multiplies the same factor
        Assert.Equal(0.9 * 0.5456, SourceOverlap.BetweenSources(a, 0.9, a, 0.9), 5e-5);
    }
}
