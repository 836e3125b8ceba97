using System.Numerics;
using PhotonicKit.Components.Sources;
using Xunit;

namespace PhotonicKit.Tests.Sources;

/// <summary>
/// Overlaps and cycle traces of exponentially decaying photons against closed forms (dephasing, jitter, Kiraz overlaps
/// with detuning and delay), a second algorithm (pure photons: products of amplitude overlaps) and direct numerical
/// integration of the two-time densities.
/// </summary>
public class WavepacketTracesTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(4.0)]
    public void DephasedPhotonHasPurityMAndThirdTraceTwoMSquaredOverOnePlusM(double dephasingOverGamma)
    {
        var photon = new ExponentialWavepacket(0.01, 0.01 * dephasingOverGamma);
        double m = 1 / (1 + 2 * dephasingOverGamma);
        Assert.Equal(m, WavepacketTraces.CycleTrace([photon, photon]).Real, 1e-13);
        Assert.Equal(2 * m * m / (1 + m), WavepacketTraces.CycleTrace([photon, photon, photon]).Real, 1e-13);
        Assert.Equal(0, WavepacketTraces.CycleTrace([photon, photon, photon]).Imaginary, 1e-15);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.9995)]
    [InlineData(1.0)]
    [InlineData(1.002)]
    [InlineData(7.0)]
    public void JitteredPhotonHasKirazPurity(double relaxationOverGamma)
    {
        var photon = new ExponentialWavepacket(1.0, relaxationRateRadPerPs: relaxationOverGamma);
        Assert.Equal(relaxationOverGamma / (relaxationOverGamma + 1), WavepacketTraces.CycleTrace([photon, photon]).Real, 1e-9);
    }

    [Fact]
    public void PairTraceOfDetunedDelayedDephasedPhotonsIsTheKirazOverlapTimesTheDecayOfTheEarlierPhoton()
    {
        var a = new ExponentialWavepacket(1.0, 0.3, 0.0, 0.0);
        var b = new ExponentialWavepacket(0.7, 0.1, 0.4, 1.3);
        double w = (1.0 + 0.7) / 2 + 0.3 + 0.1;
        double kiraz = 2 * 1.0 * 0.7 * w / ((1.0 + 0.7) * (w * w + 0.4 * 0.4));
        double expected = kiraz * Math.Exp(-1.0 * 1.3);
        Assert.Equal(expected, WavepacketTraces.CycleTrace([a, b]).Real, 1e-14);
        Assert.Equal(expected, WavepacketTraces.CycleTrace([b, a]).Real, 1e-14);
        Assert.Equal(expected, WavepacketTraces.PairTrace(a, b), 1e-14);
    }

    [Fact]
    public void AmplitudeOverlapEqualsTheNumericalIntegralOfTheWavepackets()
    {
        var a = new ExponentialWavepacket(1.0, detuningRadPerPs: 0.2, startTimePs: 0.25);
        var b = new ExponentialWavepacket(0.6, detuningRadPerPs: -0.5, startTimePs: 1.0);
        // Trapezoid from the later start (both amplitudes smooth there), Richardson-extrapolated.
        Complex Integral(int n)
        {
            double h = 60.0 / n;
            Complex sum = 0;
            for (int i = 0; i <= n; i++)
            {
                double t = 1.0 + i * h;
                sum += (i == 0 || i == n ? 0.5 : 1) * h * Complex.Conjugate(a.Amplitude(t)) * b.Amplitude(t);
            }
            return sum;
        }
        Complex numeric = (4 * Integral(40000) - Integral(20000)) / 3;
        Complex exact = WavepacketTraces.AmplitudeOverlap(a, b);
        Assert.Equal(numeric.Real, exact.Real, 1e-10);
        Assert.Equal(numeric.Imaginary, exact.Imaginary, 1e-10);
        Assert.NotEqual(0, exact.Imaginary, 3); // detuned and delayed photons have a complex overlap
    }

    [Fact]
    public void MixedAlgorithmOnNearlyPurePhotonsEqualsTheProductOfAmplitudeOverlaps()
    {
        ExponentialWavepacket[] pure = [new(1.0, 0, 0.0, 0.0), new(0.8, 0, 0.5, 0.4), new(1.2, 0, -0.3, 1.1), new(0.9, 0, 0.9, 0.2)];
        var nearlyPure = pure.Select(p => new ExponentialWavepacket(p.DecayRateRadPerPs, 1e-14, p.DetuningRadPerPs, p.StartTimePs)).ToArray();
        for (int k = 2; k <= 4; k++)
        {
            Complex product = Complex.One;
            for (int i = 0; i < k; i++) product *= WavepacketTraces.AmplitudeOverlap(pure[i], pure[(i + 1) % k]);
            Complex mixed = WavepacketTraces.CycleTrace(nearlyPure[..k]);
            Assert.Equal(product.Real, mixed.Real, 1e-12);
            Assert.Equal(product.Imaginary, mixed.Imaginary, 1e-12);
        }
    }

    [Fact]
    public void ThreeCycleOfMixedDetunedDelayedPhotonsEqualsTheNumericalTripleIntegral()
    {
        var a = new ExponentialWavepacket(1.0, 0.3, 0.0, 0.0);
        var b = new ExponentialWavepacket(0.7, 0.1, 0.4, 1.25);
        var c = new ExponentialWavepacket(1.3, 0.2, -0.3, 0.5);
        // Start times on every grid, where each density jumps: the trapezoid takes half the value there (the mean of the
        // two sides), and with the kinks on the diagonal it is O(h²): Richardson.
        Complex Integral(int n)
        {
            double h = 20.0 / n;
            var t = Enumerable.Range(0, n + 1).Select(i => i * h).ToArray();
            Complex[,] Matrix(ExponentialWavepacket w)
            {
                var m = new Complex[n + 1, n + 1];
                double Edge(int i) => i == 0 || i == n ? 0.5 : 1;
                double Jump(int i) => i > 0 && Math.Abs(t[i] - w.StartTimePs) < 1e-12 ? 0.5 : 1;
                for (int i = 0; i <= n; i++)
                    for (int j = 0; j <= n; j++)
                        m[i, j] = w.Density(t[i], t[j]) * h * Math.Sqrt(Edge(i) * Edge(j)) * Jump(i) * Jump(j);
                return m;
            }
            var (ma, mb, mc) = (Matrix(a), Matrix(b), Matrix(c));
            Complex sum = 0;
            for (int i = 0; i <= n; i++)
                for (int j = 0; j <= n; j++)
                {
                    if (ma[i, j] == Complex.Zero) continue;
                    Complex inner = 0;
                    for (int k = 0; k <= n; k++) inner += mb[j, k] * mc[k, i];
                    sum += ma[i, j] * inner;
                }
            return sum;
        }
        Complex numeric = (4 * Integral(320) - Integral(160)) / 3;
        Complex exact = WavepacketTraces.CycleTrace([a, b, c]);
        Assert.Equal(exact.Real, numeric.Real, 2e-5);
        Assert.Equal(exact.Imaginary, numeric.Imaginary, 2e-5);
    }

    [Fact]
    public void CycleTracesAreInvariantUnderRotationAndConjugatedByReversal()
    {
        ExponentialWavepacket[] p = [new(1.0, 0.2, 0.0, 0.0), new(0.8, 0.05, 0.5, 0.4, 3.0), new(1.2, 0.4, -0.3, 1.1)];
        Complex abc = WavepacketTraces.CycleTrace([p[0], p[1], p[2]]);
        Complex bca = WavepacketTraces.CycleTrace([p[1], p[2], p[0]]);
        Complex cba = WavepacketTraces.CycleTrace([p[2], p[1], p[0]]);
        Assert.Equal(abc.Real, bca.Real, 1e-13);
        Assert.Equal(abc.Imaginary, bca.Imaginary, 1e-13);
        Assert.Equal(abc.Real, cba.Real, 1e-13);
        Assert.Equal(abc.Imaginary, -cba.Imaginary, 1e-13);
    }

    [Fact]
    public void PhotonsFarApartInTimeHaveZeroCycleTraceWithoutOverflow()
    {
        var a = new ExponentialWavepacket(0.01, 0.005);
        var b = a.Delayed(13000); // one 76 MHz pulse later
        Complex trace = WavepacketTraces.CycleTrace([a, b, a]);
        Assert.True(double.IsFinite(trace.Real) && Complex.Abs(trace) < 1e-50, $"{trace}");
        Assert.True(WavepacketTraces.PairTrace(a, b) < 1e-50);
        Assert.Equal(Complex.Zero, WavepacketTraces.CycleTrace([a, a.Delayed(1e6), a]));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    public void IdenticalPhotonsSumOneTimeOrderingPerRotationAndAgreeWithAllOrderings(int k)
    {
        // The same photons, once identical (the rotation-symmetric sum over orderings with the first photon earliest, ×k)
        // and once with one start time moved by 10⁻⁹ ps (not identical: every ordering), agree to the effect of the move.
        var photon = new ExponentialWavepacket(0.01, 2e-3, 0, 0);
        var identical = Enumerable.Repeat(photon, k).ToArray();
        var moved = identical.ToArray();
        moved[1] = new ExponentialWavepacket(0.01, 2e-3, 0, 1e-9);
        var a = WavepacketTraces.CycleTrace(identical);
        var b = WavepacketTraces.CycleTrace(moved);
        Assert.True(Complex.Abs(a - b) < 1e-10, $"{a} vs {b}");
        Assert.True(a.Real > 0 && a.Real < 1);
    }
}
