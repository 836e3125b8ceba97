using System.Numerics;
using PhotonicKit.Components.Sources;
using Xunit;

namespace PhotonicKit.Tests.Sources;

/// <summary>
/// The photon of a resonant π pulse from the master equation's one-photon sector (<see cref="ResonantPhoton"/>), against a
/// brute-force integration on a uniform time grid, the instantaneous-pulse limit (the dephased exponential), the master
/// equation's photon-number figures, and its own time-domain purity through the spectral transform.
/// </summary>
public class ResonantPhotonTests
{
    private const double T1 = 100;

    private static double PerNs(double overGamma) => overGamma / T1 * 1e3;

    [Theory]
    [InlineData(0.5, 0.25)]
    [InlineData(0.2, 0.0)]
    [InlineData(1.0, 0.1)]
    public void OnePhotonSectorAgreesWithABruteForceIntegration(double fwhmOverT1, double dephasingOverGamma)
    {
        var photon = ResonantPhoton.Of(T1, PerNs(dephasingOverGamma), fwhmOverT1 * T1);
        // Richardson extrapolation of two trapezoid grids (the error is O(dt²), the kink on the diagonal included).
        var coarse = BruteForce.Run(fwhmOverT1, dephasingOverGamma, 0.02);
        var fine = BruteForce.Run(fwhmOverT1, dephasingOverGamma, 0.01);
        double p1 = (4 * fine.P1 - coarse.P1) / 3, purity = (4 * fine.Purity - coarse.Purity) / 3;
        Assert.Equal(p1, photon.SinglePhotonProbability, 2e-6);
        Assert.Equal(purity, photon.Purity, 2e-6);
    }

    [Theory]
    [InlineData(0.05, 0.0)]
    [InlineData(0.2, 0.1)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.5, 0.3)]
    public void OnePhotonProbabilityIsThatOfTheMasterEquationUpToThreePhotonPulses(double fwhmOverT1, double dephasingOverGamma)
    {
        // μ − g2μ² = p1 − 3p3 − …: the one-photon sector has at least that and exceeds it only by the few pulses with three photons.
        var photon = ResonantPhoton.Of(T1, PerNs(dephasingOverGamma), fwhmOverT1 * T1);
        var figures = ResonantExcitation.Solve(T1, PerNs(dephasingOverGamma), fwhmOverT1 * T1);
        double mu = figures.MeanPhotonNumber, lower = mu - figures.G2 * mu * mu;
        Assert.InRange(photon.SinglePhotonProbability - lower, -1e-9, 0.1 * figures.TwoPhotonProbability);
        Assert.InRange(photon.Purity, 0, 1);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void AnInstantaneousPulseGivesTheDephasedExponentialPhoton(double dephasingOverGamma)
    {
        var photon = ResonantPhoton.Of(T1, PerNs(dephasingOverGamma), 1e-3 * T1);
        Assert.Equal(1 / (1 + 2 * dephasingOverGamma), photon.Purity, 1e-4);
        var exponential = new ExponentialWavepacket(1 / T1, dephasingOverGamma / T1);
        double[] x = [-3 / T1, -0.4 / T1, 0, 0.1 / T1, 1 / T1, 20 / T1];
        var s = photon.SpectralDensity(x);
        for (int i = 0; i < x.Length; i++)
            for (int j = 0; j < x.Length; j++)
            {
                var expected = exponential.SpectralDensity(x[i], x[j]);
                double size = Math.Sqrt(exponential.SpectralDensity(x[i], x[i]).Real * exponential.SpectralDensity(x[j], x[j]).Real);
                Assert.True(Complex.Abs(s[i, j] - expected) <= 2e-3 * size,
                    $"ρ({x[i]}, {x[j]}) = {s[i, j]}, the exponential's {expected}");
            }
    }

    [Theory]
    [InlineData(0.05, 0.1)]
    [InlineData(0.5, 0.5)]
    [InlineData(3.0, 0.0)]
    public void SpectralDensityHasTheTraceAndPurityOfTheTimeDomain(double fwhmOverT1, double dephasingOverGamma)
    {
        var photon = ResonantPhoton.Of(T1, PerNs(dephasingOverGamma), fwhmOverT1 * T1);
        // A sinh grid out to 10⁵ half-widths; the Lorentzian wings of dephasing beyond it hold 2/(π·10⁵) of the photon.
        const int n = 401;
        double scale = (0.5 + dephasingOverGamma) / T1, reach = Math.Asinh(1e5);
        var x = new double[n];
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u = -reach + 2 * reach * i / (n - 1);
            x[i] = scale * Math.Sinh(u);
            w[i] = 2 * reach / (n - 1) * scale * Math.Cosh(u) * (i == 0 || i == n - 1 ? 0.5 : 1);
        }
        var s = photon.SpectralDensity(x, detuningRadPerPs: 0, startTimePs: 37);
        double trace = 0, purity = 0;
        for (int i = 0; i < n; i++)
        {
            trace += w[i] * s[i, i].Real;
            for (int j = 0; j < n; j++) purity += w[i] * w[j] * (s[i, j] * Complex.Conjugate(s[i, j])).Real;
            Assert.True(Complex.Abs(s[i, n - 1 - i] - Complex.Conjugate(s[n - 1 - i, i])) < 1e-12 * (1 + Complex.Abs(s[i, n - 1 - i])), "ρ is Hermitian");
        }
        // At most the Lorentzian wings of the dephased line beyond the grid are missing.
        double wings = dephasingOverGamma > 0 ? 2 / (Math.PI * 1e5) : 0;
        Assert.InRange(trace, 1 - wings - 1e-7, 1 + 1e-7);
        Assert.Equal(photon.Purity, purity, 1e-5);
    }

    [Fact]
    public void SphericalBesselFunctionsMatchTheirClosedForms()
    {
        Span<double> j = stackalloc double[12];
        foreach (double z in new[] { -40.0, -7.3, -1.0, -0.3, 1e-6, 0.02, 0.7, 1.0, 2.5, 6.0, 12.9, 13.5, 30.0, 400.0 })
        {
            ResonantPhoton.SphericalBessel(z, j);
            double s = Math.Sin(z), c = Math.Cos(z);
            double j0 = s / z, j1 = s / (z * z) - c / z, j2 = (3 / (z * z) - 1) * s / z - 3 * c / (z * z);
            if (Math.Abs(z) < 0.1)
            {
                // The closed forms cancel here: the series' first terms.
                Assert.Equal(1 - z * z / 6 + Math.Pow(z, 4) / 120, j[0], 1e-13);
                Assert.Equal(z / 3 - z * z * z / 30 + Math.Pow(z, 5) / 840, j[1], 1e-13);
                continue;
            }
            Assert.Equal(j0, j[0], 1e-13);
            Assert.Equal(j1, j[1], 1e-13);
            Assert.Equal(j2, j[2], 1e-12);
            // The recurrence j_{n+1} = (2n + 1)/z j_n − j_{n−1} holds for every order (checked where it does not cancel).
            for (int n = 1; n + 1 < 12; n++)
                if (Math.Abs(z) > 0.5) Assert.Equal((2 * n + 1) / z * j[n] - j[n - 1], j[n + 1], 1e-10 * Math.Max(1, (2 * n + 1) / Math.Abs(z) * Math.Abs(j[n])));
            // Σ (2n + 1) j_n² ≤ 1 (the sum over all orders is one).
            double sum = 0;
            for (int n = 0; n < 12; n++) sum += (2 * n + 1) * j[n] * j[n];
            Assert.InRange(sum, 0, 1 + 1e-12);
        }
    }

    /// <summary>
    /// Independent integration: 2 × 2 complex operators, fixed-step RK4 of the no-jump master equation on a uniform grid in
    /// units of T1 from −7.5σ to 18 T1 after it, the no-further-jump functional ℓ_t by propagating the four matrix units to the
    /// end of the drive from every grid time, ρ₁(t, s) by propagating ρ(s)σ† from every s, trace and purity by trapezoids.
    /// </summary>
    private static class BruteForce
    {
        internal readonly record struct Result(double P1, double Purity);

        private static Complex[] L(double omega, double gamma2, Complex[] x)
        {
            var i = Complex.ImaginaryOne;
            Complex gg = x[0], ge = x[1], eg = x[2], ee = x[3];
            double h = omega / 2;
            return [-i * h * (eg - ge), -i * h * (ee - gg) - gamma2 * ge, -i * h * (gg - ee) - gamma2 * eg, -i * h * (ge - eg) - ee];
        }

        private static Complex[] Step(Func<double, double> omega, double gamma2, double t, double dt, Complex[] x)
        {
            Complex[] Add(Complex[] a, Complex[] b, double f) => [a[0] + f * b[0], a[1] + f * b[1], a[2] + f * b[2], a[3] + f * b[3]];
            var k1 = L(omega(t), gamma2, x);
            var k2 = L(omega(t + dt / 2), gamma2, Add(x, k1, dt / 2));
            var k3 = L(omega(t + dt / 2), gamma2, Add(x, k2, dt / 2));
            var k4 = L(omega(t + dt), gamma2, Add(x, k3, dt));
            var r = new Complex[4];
            for (int c = 0; c < 4; c++) r[c] = x[c] + dt / 6 * (k1[c] + 2 * k2[c] + 2 * k3[c] + k4[c]);
            return r;
        }

        public static Result Run(double fwhm, double dephasing, double dt)
        {
            double gamma2 = 0.5 + dephasing;
            double sigma = fwhm / (2 * Math.Sqrt(Math.Log(2)));
            double omega0 = Math.PI * Math.Sqrt(2 * Math.Log(2) / Math.PI) / fwhm, coefficient = 2 * Math.Log(2) / (fwhm * fwhm);
            double half = 7.5 * sigma;
            double Omega(double t) => Math.Abs(t) > half ? 0 : omega0 * Math.Exp(-coefficient * t * t);
            int window = (int)Math.Round(2 * half / dt);
            double h = 2 * half / window;
            int n = window + (int)Math.Round(18 / h) + 1;
            var t = Enumerable.Range(0, n).Select(k => -half + k * h).ToArray();
            var rho = new Complex[n][];
            rho[0] = [1, 0, 0, 0];
            for (int k = 0; k + 1 < n; k++) rho[k + 1] = Step(Omega, gamma2, t[k], h, rho[k]);
            // ℓ_t(X) = [𝒰₀(T_e, t)X]_gg for t in the window, X_gg after it.
            var ell = new Complex[n][];
            for (int k = 0; k < n; k++)
            {
                if (k >= window) { ell[k] = [1, 0, 0, 0]; continue; }
                ell[k] = new Complex[4];
                for (int c = 0; c < 4; c++)
                {
                    var x = new Complex[4];
                    x[c] = 1;
                    for (int m = k; m < window; m++) x = Step(Omega, gamma2, t[m], h, x);
                    ell[k][c] = x[0];
                }
            }
            double Weight(int k) => k == 0 || k == n - 1 ? h / 2 : h;
            double trace = 0, purity = 0;
            for (int s = 0; s < n; s++)
            {
                Complex[] v = [rho[s][1], 0, rho[s][3], 0]; // ρ(s)σ†
                for (int k = s; k < n; k++)
                {
                    if (k > s) v = Step(Omega, gamma2, t[k - 1], h, v);
                    Complex value = ell[k][0] * v[2] + ell[k][1] * v[3]; // ℓ(σX)
                    double square = (value * Complex.Conjugate(value)).Real;
                    if (k == s)
                    {
                        trace += Weight(k) * value.Real;
                        purity += Weight(k) * Weight(s) * square;
                    }
                    else purity += 2 * Weight(k) * Weight(s) * square;
                }
            }
            return new Result(trace, purity / (trace * trace));
        }
    }
}
