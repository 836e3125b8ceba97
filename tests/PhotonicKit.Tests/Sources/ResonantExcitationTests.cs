using System.Numerics;
using CsCheck;
using PhotonicKit.Components.Sources;
using PhotonicKit.Components.Sources.Excitation;

namespace PhotonicKit.Tests.Sources;

public class ResonantExcitationTests
{
    private const double LifetimePs = 100;

    private static double PerNs(double rateInUnitsOfGamma) => rateInUnitsOfGamma / LifetimePs * 1e3;

    /// <summary>
    /// The figure of the re-excitation issue: FWHM = T1/2, γ* = 0. The HOM visibility V = M − g2 of the solver, of the
    /// <c>source</c> analysis (no longer capped through M_s ≤ 1, which gave 0.7029) and of the <c>hom</c> analysis through
    /// the multi-photon engine all equal the value of the independent brute-force integration in this file (complex
    /// 2×2 Lindblad equation, fixed-step RK4, regression theorem from every grid point); it is 0.7383 to four digits.
    /// </summary>
    [Fact]
    public void HomVisibilityAtHalfLifetimePulseMatchesBruteForceAndIsNotCapped()
    {
        var reference = BruteForce.Run(0.5, 0);
        double referenceV = reference.FieldOverlap - reference.G2;
        var figures = ResonantExcitation.Solve(LifetimePs, 0, 0.5 * LifetimePs);
        Assert.Equal(referenceV, figures.HomVisibility, 2e-6);
        Assert.Equal(0.7383, Math.Round(referenceV, 4), 12);
        Assert.True(figures.SinglePhotonIndistinguishability > 1);

        var run = PhotonicKit.Tests.Analyses.RunHelper.Run($$$"""
            photonickit: 1
            wavelength_nm: 930
            instances:
              qa: {component: quantum_dot, settings: {lifetime_ps: {{{LifetimePs}}}, beta: 1, beta_right_fraction: 1, excitation: resonant, pulse_fwhm_ps: {{{0.5 * LifetimePs}}}}}
              qb: {component: quantum_dot, settings: {lifetime_ps: {{{LifetimePs}}}, beta: 1, beta_right_fraction: 1, excitation: resonant, pulse_fwhm_ps: {{{0.5 * LifetimePs}}}}}
              bs: {component: beam_splitter, settings: {coupling: 0.5}}
              d0: {component: detector}
              d1: {component: detector}
            connections:
              "qa,right": "bs,in0"
              "qb,right": "bs,in1"
              "bs,out0": "d0,in"
              "bs,out1": "d1,in"
            analyses:
              - {type: source, source: qa}
              - {type: hom, sources: [qa, qb], detectors: [d0, d1]}
            """);
        Assert.Equal(referenceV, (double)run.Document["results"]![0]!["hom_visibility"]!, 2e-6);
        Assert.Equal(referenceV, (double)run.Document["results"]![1]!["visibility"]!, 2e-6);
    }

    // ----- Short-pulse limits (instantaneous π-pulse) -----

    [Fact]
    public void ShortPulsePreparesTheEmitterWithCertainty()
    {
        var figures = ResonantExcitation.Solve(LifetimePs, 0, 1e-4 * LifetimePs);
        Assert.InRange(figures.PreparationEfficiency, 1 - 1e-6, 1.0);
        Assert.Equal(1.0, figures.MeanPhotonNumber, 1e-3);
    }

    /// <summary>
    /// To first order in Γ·FWHM, a photon emitted at t during the pulse (probability Γ sin²(θ(t)/2) dt, θ(t) the
    /// area so far) is followed by re-excitation with probability sin²((π − θ(t))/2), so
    /// p2 = (Γ/4) ∫ sin²θ(t) dt and g2 = 2p2 = (Γ/2) ∫ sin²θ(t) dt, θ(t) = π Φ(t/σ), σ = FWHM/(2√ln2).
    /// The constant is computed here by quadrature of that independent expression (≈ 0.4376).
    /// </summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void ShortPulseG2GrowsLinearlyWithReexcitationCoefficient(double pureDephasingOverGamma)
    {
        double sigmaOverFwhm = 1 / (2 * Math.Sqrt(Math.Log(2)));
        double integral = Simpson(x => Square(Math.Sin(Math.PI * 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-x / Math.Sqrt(2)))), -12, 12, 24000);
        double coefficient = 0.5 * sigmaOverFwhm * integral;
        Assert.Equal(0.4376, coefficient, 1e-4);

        double[] fwhms = [1e-3, 1e-4];
        double[] ratios = new double[2];
        for (int i = 0; i < 2; i++)
        {
            ratios[i] = ResonantExcitation.Solve(LifetimePs, PerNs(pureDephasingOverGamma), fwhms[i] * LifetimePs).G2 / fwhms[i];
            // The next order is ≈ −c·Γ·FWHM relative to the leading term.
            Assert.Equal(coefficient, ratios[i], 1.5 * coefficient * fwhms[i]);
        }
        // Linear extrapolation of g2/(Γ·FWHM) to FWHM → 0 removes that next order.
        double extrapolated = (ratios[1] * fwhms[0] - ratios[0] * fwhms[1]) / (fwhms[0] - fwhms[1]);
        Assert.Equal(coefficient, extrapolated, 1e-6);
    }

    [Fact]
    public void ShortPulseIndistinguishabilityIsTheDephasingLimit()
    {
        Gen.Select(Gen.Double[0, 10], Gen.Double[10, 1000]).Sample((pureDephasingOverGamma, lifetimePs) =>
        {
            double fwhmOverT1 = 1e-4;
            double pureDephasingPerNs = pureDephasingOverGamma / lifetimePs * 1e3;
            var figures = ResonantExcitation.Solve(lifetimePs, pureDephasingPerNs, fwhmOverT1 * lifetimePs);
            double expected = 1 / (1 + 2 * pureDephasingOverGamma);
            // The field overlap loses ≈ g2 ≈ 0.44 Γ·FWHM to two-photon events.
            Assert.Equal(expected, figures.Indistinguishability, expected * fwhmOverT1);
            Assert.Equal(expected, figures.SinglePhotonIndistinguishability, 1e-6);
        }, iter: 20);
    }

    // ----- Finite pulses against a brute-force, independent integration -----

    /// <summary>
    /// Full 2×2 complex Lindblad master equation, fixed-step RK4, two-time functions by the quantum regression
    /// theorem propagated separately from every point of the time grid (O(N²)), integrals by Simpson's rule and RK4
    /// accumulators. Shares nothing with the solver but the physics.
    /// </summary>
    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(0.3, 0.5)]
    [InlineData(2.0, 0.2)]
    public void FinitePulseFiguresMatchBruteForceQuantumRegression(double fwhmOverT1, double pureDephasingOverGamma)
    {
        var reference = BruteForce.Run(fwhmOverT1, pureDephasingOverGamma);
        var figures = ResonantExcitation.Solve(LifetimePs, PerNs(pureDephasingOverGamma), fwhmOverT1 * LifetimePs);

        // The reference itself is accurate to ~10⁻⁷ (RK4 and Simpson steps, truncated decay).
        Assert.Equal(reference.MeanPhotonNumber, figures.MeanPhotonNumber, 1e-6 * reference.MeanPhotonNumber);
        Assert.Equal(reference.PopulationAfterPulse, figures.PopulationAfterPulse, 1e-7);
        Assert.Equal(reference.G2, figures.G2, 1e-6 * reference.G2);
        Assert.Equal(reference.FieldOverlap, figures.Indistinguishability, 1e-6 * reference.FieldOverlap);
        double px = reference.MeanPhotonNumber - reference.G2 * reference.MeanPhotonNumber * reference.MeanPhotonNumber / 2;
        Assert.Equal(px, figures.PreparationEfficiency, 1e-6 * px);
    }

    [Fact]
    public void PulseOfOneLifetimeEmitsMoreThanOnePhotonOnAverage()
    {
        // Re-excitation: the emitter decays during the pulse and the rest of the pulse excites it again.
        var figures = ResonantExcitation.Solve(LifetimePs, 0, LifetimePs);
        Assert.InRange(figures.MeanPhotonNumber, 1.01, 1.2);
        Assert.True(figures.PreparationEfficiency < 1);
        Assert.True(figures.IsTwoPhotonModelValid);
        Assert.Equal(figures.MeanPhotonNumber, figures.SinglePhotonProbability + 2 * figures.TwoPhotonProbability, 1e-12);
        Assert.Equal(figures.PreparationEfficiency, figures.SinglePhotonProbability + figures.TwoPhotonProbability, 1e-12);
    }

    [Fact]
    public void VeryLongPulseApproachesWeakCoherentScattering()
    {
        // FWHM ≫ T1: Ω ≪ Γ, the emitter follows the drive adiabatically, n ≈ Ω²/Γ², μ ≈ ∫Ω²/Γ dt, and photons
        // far apart in time are uncorrelated (integrated g2 → 1), the coherently scattered field has M → 1.
        double fwhmOverT1 = 300;
        var figures = ResonantExcitation.Solve(LifetimePs, 0, fwhmOverT1 * LifetimePs);
        double peak = Math.PI * Math.Sqrt(2 * Math.Log(2) / Math.PI) / fwhmOverT1;
        double expectedMu = peak * peak * fwhmOverT1 * Math.Sqrt(Math.PI / (4 * Math.Log(2)));
        Assert.Equal(expectedMu, figures.MeanPhotonNumber, 0.01 * expectedMu);
        Assert.InRange(figures.G2, 0.98, 1.0);
        Assert.InRange(figures.Indistinguishability, 0.999, 1.0);
    }

    // ----- The Bloch equations and the regression accumulators under a constant drive -----

    private readonly struct ConstantDrive(double rabi) : IRabiDrive
    {
        public double RabiFrequency(double t) => rabi;
    }

    private static double[] EvolveConstantDrive(double rabi, double pureDephasing, double time, double[]? start = null)
    {
        var system = new EmissionSystem<ConstantDrive>(new ConstantDrive(rabi), 0.5 + pureDephasing);
        var state = start ?? new double[EmissionState.Size];
        var scales = Enumerable.Repeat(1e-3, EmissionState.Size).ToArray();
        var peaks = new double[EmissionState.Size];
        DormandPrince54.Integrate(ref system, 0, time, state, 1e-11, scales, peaks, 1e-4);
        return state;
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(4.0)]
    public void ConstantDriveFollowsTorreyDampedRabiOscillation(double rabi)
    {
        // Γ = 1, γ* = 0: n(t) = n∞[1 − e^{−3t/4}(cos λt + (3/(4λ)) sin λt)], λ = √(Ω² − 1/16), n∞ = Ω²/(1 + 2Ω²)
        // (Torrey, Phys. Rev. 76, 1059 (1949); Mollow, Phys. Rev. 188, 1969 (1969)).
        foreach (double time in new[] { 0.1, 0.7, 2.5, 6.0 })
        {
            double n = EvolveConstantDrive(rabi, 0, time)[EmissionState.N];
            Assert.Equal(TorreyPopulation(rabi, time), n, 1e-9);
        }
    }

    [Theory]
    [InlineData(0.2, 0.0)]
    [InlineData(1.5, 0.0)]
    [InlineData(0.7, 2.0)]
    public void ConstantDriveReachesSteadyStatePopulation(double rabi, double pureDephasing)
    {
        // ρ_ee = (Ω²/4)/(Ω²/2 + Γγ₂/2), γ₂ = Γ/2 + γ*; for γ* = 0 this is (Ω²/4)/(Ω²/2 + Γ²/4).
        double gamma2 = 0.5 + pureDephasing;
        double expected = rabi * rabi / 4 / (rabi * rabi / 2 + gamma2 / 2);
        double n = EvolveConstantDrive(rabi, pureDephasing, 60)[EmissionState.N];
        Assert.Equal(expected, n, 1e-9);
    }

    [Theory]
    [InlineData(0.4)]
    [InlineData(2.0)]
    public void RegressionAccumulatorGivesMollowIntensityCorrelation(double rabi)
    {
        // From the steady state, dz_a/ds = G2(0, s) = n∞² g2(s) with the resonance-fluorescence
        // g2(τ) = 1 − e^{−3Γτ/4}(cos λτ + (3Γ/(4λ)) sin λτ) (Kimble &amp; Mandel, PRA 13, 2123 (1976)).
        double steady = rabi * rabi / (1 + 2 * rabi * rabi);
        var start = new double[EmissionState.Size];
        start[EmissionState.N] = steady;
        start[EmissionState.Y] = steady / rabi;
        foreach (double time in new[] { 0.5, 3.0, 8.0 })
        {
            var state = EvolveConstantDrive(rabi, 0, time, (double[])start.Clone());
            double expected = steady * Simpson(tau => TorreyPopulation(rabi, tau), 0, time, 4000);
            Assert.Equal(expected, state[EmissionState.Za], 1e-9);
            Assert.Equal(steady, state[EmissionState.N], 1e-9);
        }
    }

    // ----- Invariants -----

    [Fact]
    public void FiguresDependOnlyOnRatiosToTheLifetime()
    {
        Gen.Select(Gen.Double[0.01, 5], Gen.Double[0, 3], Gen.Double[0.2, 5]).Sample((fwhmOverT1, dephasingOverGamma, scale) =>
        {
            var a = ResonantExcitation.Solve(LifetimePs, PerNs(dephasingOverGamma), fwhmOverT1 * LifetimePs);
            var b = ResonantExcitation.Solve(scale * LifetimePs, PerNs(dephasingOverGamma) / scale, scale * fwhmOverT1 * LifetimePs);
            Assert.Equal(a.PreparationEfficiency, b.PreparationEfficiency, 1e-8);
            Assert.Equal(a.G2, b.G2, 1e-8);
            Assert.Equal(a.Indistinguishability, b.Indistinguishability, 1e-8);
        }, iter: 15);
    }

    [Fact]
    public void FiguresArePhysicalProbabilitiesAndOverlaps()
    {
        Gen.Select(Gen.Double[1e-3, 30], Gen.Double[0, 5]).Sample((fwhmOverT1, dephasingOverGamma) =>
        {
            var f = ResonantExcitation.Solve(LifetimePs, PerNs(dephasingOverGamma), fwhmOverT1 * LifetimePs);
            Assert.InRange(f.PreparationEfficiency, 0, 1);
            Assert.InRange(f.G2, 0, 1);
            Assert.InRange(f.Indistinguishability, 0, 1);
            Assert.True(f.PreparationEfficiency <= f.MeanPhotonNumber);
            Assert.Equal(f.Indistinguishability - f.G2, f.HomVisibility, 1e-12);
            // More dephasing never makes the photons more alike.
            var more = ResonantExcitation.Solve(LifetimePs, PerNs(dephasingOverGamma + 0.5), fwhmOverT1 * LifetimePs);
            Assert.True(more.Indistinguishability < f.Indistinguishability);
        }, iter: 25);
    }

    [Fact]
    public void FiguresBuiltFromBrightnessAndG2RecoverTheSolversMeanPhotonNumber()
    {
        // The photon-number model's inversion p2 = (1 − p_x g2 − √(1 − 2 p_x g2))/g2 must return the p2 = g2μ²/2
        // behind the solver's p_x = μ − g2μ²/2.
        foreach (double fwhmOverT1 in new[] { 0.01, 0.3, 2.0 })
        {
            var solved = ResonantExcitation.Solve(LifetimePs, PerNs(0.1), fwhmOverT1 * LifetimePs);
            var rebuilt = new ExcitationFigures(solved.PreparationEfficiency, solved.G2, solved.Indistinguishability);
            double px = solved.PreparationEfficiency, g2 = solved.G2;
            double p2Textbook = (1 - px * g2 - Math.Sqrt(1 - 2 * px * g2)) / g2;
            Assert.Equal(solved.MeanPhotonNumber, rebuilt.MeanPhotonNumber, 1e-10);
            Assert.Equal(solved.MeanPhotonNumber, px + p2Textbook, 1e-9);
        }
        Assert.Equal(0.8, new ExcitationFigures(0.8, 0, 0.9).MeanPhotonNumber, 1e-15);
        Assert.Throws<InvalidOperationException>(() => new ExcitationFigures(0.9, 0.6, 0.9).MeanPhotonNumber);
    }

    // ----- Input validation -----

    [Theory]
    [InlineData(0.0, 1.0, 10.0, "lifetimePs")]
    [InlineData(-5.0, 1.0, 10.0, "lifetimePs")]
    [InlineData(double.NaN, 1.0, 10.0, "lifetimePs")]
    [InlineData(double.PositiveInfinity, 1.0, 10.0, "lifetimePs")]
    [InlineData(100.0, -0.1, 10.0, "pureDephasingPerNs")]
    [InlineData(100.0, double.NaN, 10.0, "pureDephasingPerNs")]
    [InlineData(100.0, double.PositiveInfinity, 10.0, "pureDephasingPerNs")]
    [InlineData(100.0, 1.0, 0.0, "pulseFwhmPs")]
    [InlineData(100.0, 1.0, -1.0, "pulseFwhmPs")]
    [InlineData(100.0, 1.0, double.NaN, "pulseFwhmPs")]
    [InlineData(100.0, 1.0, double.PositiveInfinity, "pulseFwhmPs")]
    [InlineData(1.0, 0.0, 1e7, "pulseFwhmPs")]
    public void InvalidArgumentsAreRejectedByName(double lifetimePs, double pureDephasingPerNs, double pulseFwhmPs, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ResonantExcitation.Solve(lifetimePs, pureDephasingPerNs, pulseFwhmPs));
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(parameter + " = ", error.Message);
    }

    [Fact]
    public void ZeroPureDephasingIsAllowed() => Assert.True(ResonantExcitation.Solve(100, 0, 5).Indistinguishability > 0.9);

    // ----- Independent reference calculations -----

    private static double Square(double x) => x * x;

    private static double TorreyPopulation(double rabi, double time)
    {
        double steady = rabi * rabi / (1 + 2 * rabi * rabi);
        var lambda = Complex.Sqrt(rabi * rabi - 1.0 / 16);
        // cos λt + (a/λ) sin λt stays real when λ is imaginary (overdamped).
        Complex oscillation = Complex.Cos(lambda * time) + 0.75 * Complex.Sin(lambda * time) / lambda;
        return steady * (1 - Math.Exp(-0.75 * time) * oscillation.Real);
    }

    private static double Simpson(Func<double, double> f, double a, double b, int intervals)
    {
        double h = (b - a) / intervals, sum = f(a) + f(b);
        for (int i = 1; i < intervals; i++) sum += f(a + i * h) * (i % 2 == 1 ? 4 : 2);
        return sum * h / 3;
    }

    /// <summary>Brute-force quantum regression on the full complex 2×2 master equation, Γ = 1.</summary>
    private static class BruteForce
    {
        internal readonly record struct Result(double MeanPhotonNumber, double PopulationAfterPulse, double G2, double FieldOverlap);

        // 2×2 complex matrix in the basis (e, g): [ee, eg; ge, gg].
        private readonly record struct M2(Complex Ee, Complex Eg, Complex Ge, Complex Gg)
        {
            public static M2 operator +(M2 a, M2 b) => new(a.Ee + b.Ee, a.Eg + b.Eg, a.Ge + b.Ge, a.Gg + b.Gg);
            public static M2 operator -(M2 a, M2 b) => new(a.Ee - b.Ee, a.Eg - b.Eg, a.Ge - b.Ge, a.Gg - b.Gg);
            public static M2 operator *(double s, M2 a) => new(s * a.Ee, s * a.Eg, s * a.Ge, s * a.Gg);
            public static M2 operator *(Complex s, M2 a) => new(s * a.Ee, s * a.Eg, s * a.Ge, s * a.Gg);
            public static M2 operator *(M2 a, M2 b) => new(
                a.Ee * b.Ee + a.Eg * b.Ge, a.Ee * b.Eg + a.Eg * b.Gg,
                a.Ge * b.Ee + a.Gg * b.Ge, a.Ge * b.Eg + a.Gg * b.Gg);
            public M2 Dagger => new(Complex.Conjugate(Ee), Complex.Conjugate(Ge), Complex.Conjugate(Eg), Complex.Conjugate(Gg));
            public Complex Trace => Ee + Gg;
        }

        private static readonly M2 Lower = new(0, 0, 1, 0);          // σ = |g⟩⟨e|
        private static readonly M2 Raise = Lower.Dagger;              // σ†
        private static readonly M2 Excited = Raise * Lower;           // σ†σ

        private static M2 Dissipator(M2 c, M2 x)
        {
            var cd = c.Dagger;
            var cdc = cd * c;
            return c * x * cd - 0.5 * (cdc * x + x * cdc);
        }

        private static M2 Lindblad(M2 x, double rabi, double pureDephasing)
        {
            var h = (0.5 * rabi) * (Lower + Raise);
            var commutator = h * x - x * h;
            return (-Complex.ImaginaryOne) * commutator + Dissipator(Lower, x) + (2 * pureDephasing) * Dissipator(Excited, x);
        }

        private static M2 FromVector(ReadOnlySpan<Complex> v) => new(v[0], v[1], v[2], v[3]);

        /// <summary>Superoperator X ↦ f(X) as a real 8×8 matrix acting on (Re x, Im x), x = (X_ee, X_eg, X_ge, X_gg),
        /// built by applying f to the four matrix units.</summary>
        private static double[,] RealMatrix(Func<M2, M2> f)
        {
            var m = new double[8, 8];
            for (int j = 0; j < 4; j++)
            {
                var unit = new Complex[4];
                unit[j] = 1;
                var image = f(FromVector(unit));
                Complex[] column = [image.Ee, image.Eg, image.Ge, image.Gg];
                for (int i = 0; i < 4; i++)
                {
                    m[i, j] = column[i].Real; m[i, j + 4] = -column[i].Imaginary;
                    m[i + 4, j] = column[i].Imaginary; m[i + 4, j + 4] = column[i].Real;
                }
            }
            return m;
        }

        /// <summary>Linear functional X ↦ Tr[A X] as (Re, Im) rows over (Re x, Im x).</summary>
        private static (double[] Re, double[] Im) TraceFunctional(M2 a)
        {
            double[] re = new double[8], im = new double[8];
            for (int j = 0; j < 4; j++)
            {
                var unit = new Complex[4];
                unit[j] = 1;
                Complex value = (a * FromVector(unit)).Trace;
                re[j] = value.Real; re[j + 4] = -value.Imaginary;
                im[j] = value.Imaginary; im[j + 4] = value.Real;
            }
            return (re, im);
        }

        private static void MatVec(double[,] m, double[] x, double[] y)
        {
            for (int i = 0; i < 8; i++)
            {
                double sum = 0;
                for (int j = 0; j < 8; j++) sum += m[i, j] * x[j];
                y[i] = sum;
            }
        }

        private static double Dot(double[] a, double[] x)
        {
            double sum = 0;
            for (int j = 0; j < 8; j++) sum += a[j] * x[j];
            return sum;
        }

        internal static Result Run(double fwhm, double pureDephasing)
        {
            double sigma = fwhm / (2 * Math.Sqrt(Math.Log(2)));
            double peak = Math.PI * Math.Sqrt(2 * Math.Log(2) / Math.PI) / fwhm;
            double Rabi(double t) => peak * Math.Exp(-2 * Math.Log(2) * t * t / (fwhm * fwhm));
            double pulseHalf = 7.5 * sigma, tail = 18;
            int pulseIntervals = 2 * (int)Math.Ceiling(pulseHalf / Math.Min(0.025, fwhm / 40));
            int tailIntervals = 2 * (int)Math.Ceiling(tail / 0.05);
            int points = pulseIntervals + tailIntervals + 1;
            var times = new double[points];
            var weights = new double[points];
            void Segment(int first, int intervals, double start, double length)
            {
                double h = length / intervals;
                for (int i = 0; i <= intervals; i++)
                {
                    times[first + i] = start + i * h;
                    weights[first + i] += h / 3 * (i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2);
                }
            }
            Segment(0, pulseIntervals, -pulseHalf, 2 * pulseHalf);
            Segment(pulseIntervals, tailIntervals, pulseHalf, tail);

            // The Lindbladian is L0 + Ω L1; tabulate it at the grid points and the interval midpoints.
            var free = RealMatrix(x => Lindblad(x, 0, pureDephasing));
            var withDrive = RealMatrix(x => Lindblad(x, 1, pureDephasing));
            double[,] At(double t)
            {
                var m = new double[8, 8];
                double omega = Rabi(t);
                for (int i = 0; i < 8; i++)
                    for (int j = 0; j < 8; j++) m[i, j] = free[i, j] + omega * (withDrive[i, j] - free[i, j]);
                return m;
            }
            var atPoint = new double[points][,];
            var atMiddle = new double[points][,];
            for (int k = 0; k < points; k++)
            {
                atPoint[k] = At(times[k]);
                if (k + 1 < points) atMiddle[k] = At(0.5 * (times[k] + times[k + 1]));
            }
            var emission = TraceFunctional(Excited);    // Tr[σ†σ X]
            var coherence = TraceFunctional(Raise);     // Tr[σ† X]
            double Population(double[] x) => Dot(emission.Re, x);
            double CoherenceSquared(double[] x) { double re = Dot(coherence.Re, x), im = Dot(coherence.Im, x); return re * re + im * im; }

            double[] k1 = new double[8], k2 = new double[8], k3 = new double[8], k4 = new double[8], stage = new double[8];
            // One RK4 step of dx/dt = L(t) x over interval k; returns the RK4 average of the integrand.
            double Step(double[] x, int k, Func<double[], double> integrand)
            {
                double h = times[k + 1] - times[k];
                double fa = integrand(x);
                MatVec(atPoint[k], x, k1);
                for (int i = 0; i < 8; i++) stage[i] = x[i] + 0.5 * h * k1[i];
                double fb = integrand(stage);
                MatVec(atMiddle[k], stage, k2);
                for (int i = 0; i < 8; i++) stage[i] = x[i] + 0.5 * h * k2[i];
                double fc = integrand(stage);
                MatVec(atMiddle[k], stage, k3);
                for (int i = 0; i < 8; i++) stage[i] = x[i] + h * k3[i];
                double fd = integrand(stage);
                MatVec(atPoint[k + 1], stage, k4);
                for (int i = 0; i < 8; i++) x[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
                return h / 6 * (fa + 2 * fb + 2 * fc + fd);
            }

            // Forward: ρ(t) on the grid.
            var rho = new M2[points];
            var state = new double[8];
            state[3] = 1; // |g⟩⟨g|
            for (int k = 0; k < points; k++)
            {
                rho[k] = new M2(new Complex(state[0], state[4]), new Complex(state[1], state[5]), new Complex(state[2], state[6]), new Complex(state[3], state[7]));
                if (k + 1 < points) Step(state, k, _ => 0);
            }

            double mu = 0, g2Integral = 0, g1Integral = 0;
            var forG2 = new double[8];
            var forG1 = new double[8];
            static void Load(M2 m, double[] x)
            {
                x[0] = m.Ee.Real; x[1] = m.Eg.Real; x[2] = m.Ge.Real; x[3] = m.Gg.Real;
                x[4] = m.Ee.Imaginary; x[5] = m.Eg.Imaginary; x[6] = m.Ge.Imaginary; x[7] = m.Gg.Imaginary;
            }
            for (int i = 0; i < points; i++)
            {
                mu += weights[i] * rho[i].Ee.Real;
                // For s ≥ t: G2(t, s) = Tr[σ†σ 𝒱(s,t)(σρσ†)], G1(t, s) = ⟨σ†(s)σ(t)⟩ = Tr[σ† 𝒱(s,t)(σρ)].
                Load(Lower * rho[i] * Raise, forG2);
                Load(Lower * rho[i], forG1);
                double innerG2 = 0, innerG1 = 0;
                for (int k = i; k + 1 < points; k++)
                {
                    innerG2 += Step(forG2, k, Population);
                    innerG1 += Step(forG1, k, CoherenceSquared);
                }
                g2Integral += weights[i] * innerG2;
                g1Integral += weights[i] * innerG1;
            }
            return new Result(mu, rho[pulseIntervals].Ee.Real, 2 * g2Integral / (mu * mu), 2 * g1Integral / (mu * mu));
        }
    }
}
