using System.Numerics;
using CsCheck;
using PhotonicKit.Components;
using static PhotonicKit.Tests.Components.ComponentTestKit;

namespace PhotonicKit.Tests.Components;

/// <summary>
/// Ring resonators: resonance condition, free spectral range, extinction and linewidth against the textbook
/// expressions (W. Bogaerts et al., "Silicon microring resonators", Laser Photonics Rev. 6, 47 (2012)), and
/// equality of each closed form with its construction from beam splitters and waveguides.
/// </summary>
public class RingTests
{
    private const double LengthUm = 60, NEff = 2.4, NG = 4.2;

    /// <summary>
    /// Resonance m: 2π n_eff(λ) L/λ = 2πm with n_eff(λ) = n_eff − (λ − λ0)(n_g − n_eff)/λ0 is linear in λ,
    /// so λ_m = L n_g / (m + L (n_g − n_eff)/λ0) (L in nm).
    /// </summary>
    private static double ResonanceNm(int m, double lengthUm = LengthUm, double lambda0Nm = FileWavelengthNm) =>
        lengthUm * 1e3 * NG / (m + lengthUm * 1e3 * (NG - NEff) / lambda0Nm);

    /// <summary>The resonance order nearest the file's wavelength.</summary>
    private static int OrderNearFile(double lengthUm = LengthUm) =>
        (int)Math.Round(lengthUm * 1e3 * NG / FileWavelengthNm - lengthUm * 1e3 * (NG - NEff) / FileWavelengthNm);

    private static double RoundTripAmplitude(double lossDbPerCm, double lengthUm = LengthUm) => Math.Pow(10, -lossDbPerCm * lengthUm * 1e-4 / 20);

    private static double Power(BoundComponent c, double lambdaNm, string outPort, string inPort) => Math.Pow(Entry(c, lambdaNm, outPort, inPort).Magnitude, 2);

    /// <summary>λ in (lo, hi) where f changes sign, by bisection.</summary>
    private static double Bisect(Func<double, double> f, double lo, double hi)
    {
        double flo = f(lo);
        for (int i = 0; i < 200 && hi - lo > 1e-13; i++)
        {
            double mid = 0.5 * (lo + hi), fm = f(mid);
            if (Math.Sign(fm) == Math.Sign(flo)) { lo = mid; flo = fm; } else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>Minimum of a unimodal f on [lo, hi] by golden-section search.</summary>
    private static double ArgMin(Func<double, double> f, double lo, double hi)
    {
        double g = (Math.Sqrt(5) - 1) / 2;
        double a = lo, b = hi, c = b - g * (b - a), d = a + g * (b - a);
        while (b - a > 1e-11)
        {
            if (f(c) < f(d)) b = d; else a = c;
            c = b - g * (b - a);
            d = a + g * (b - a);
        }
        return 0.5 * (a + b);
    }

    private static BoundComponent AllPass(double coupling, double lossDbPerCm, double lengthUm = LengthUm) =>
        Bind("ring_all_pass", ("length_um", lengthUm), ("coupling", coupling), ("loss_db_per_cm", lossDbPerCm), ("n_eff", NEff), ("n_g", NG));

    private static BoundComponent AddDrop(double coupling, double couplingDrop, double lossDbPerCm, double lengthUm = LengthUm) =>
        Bind("ring_add_drop", ("length_um", lengthUm), ("coupling", coupling), ("coupling_drop", couplingDrop), ("loss_db_per_cm", lossDbPerCm), ("n_eff", NEff), ("n_g", NG));

    [Fact]
    public void AllPassDipSitsWherePhaseIsTwoPiM()
    {
        var ring = AllPass(0.1, 3);
        int m = OrderNearFile();
        double expected = ResonanceNm(m);
        double found = ArgMin(l => Power(ring, l, "out0", "in0"), expected - 0.3, expected + 0.3);
        Assert.Equal(expected, found, 1e-6);
        // At resonance the through field is real: (t − a)/(1 − ta).
        Assert.True(Math.Abs(Entry(ring, expected, "out0", "in0").Imaginary) < 1e-9);
    }

    [Fact]
    public void FreeSpectralRangeIsLambdaSquaredOverGroupIndexTimesLength()
    {
        var ring = AllPass(0.1, 3);
        int m = OrderNearFile();
        double a = ArgMin(l => Power(ring, l, "out0", "in0"), ResonanceNm(m) - 0.3, ResonanceNm(m) + 0.3);
        double b = ArgMin(l => Power(ring, l, "out0", "in0"), ResonanceNm(m + 1) - 0.3, ResonanceNm(m + 1) + 0.3);
        double fsrNm = a - b;
        // Textbook FSR λ²/(n_g L), first order in FSR/λ; exactly λ_m λ_{m+1}/(n_g L) for linear dispersion.
        double lambdaNm = 0.5 * (a + b);
        Assert.Equal(lambdaNm * lambdaNm / (NG * LengthUm * 1e3), fsrNm, fsrNm * 1e-3);
        Assert.Equal(a * b / (NG * LengthUm * 1e3), fsrNm, 1e-7);
    }

    [Theory]
    [InlineData(0.1, 3.0)]
    [InlineData(0.02, 10.0)]
    [InlineData(0.3, 0.0)]
    public void AllPassExtinctionMatchesTextbook(double coupling, double lossDbPerCm)
    {
        var ring = AllPass(coupling, lossDbPerCm);
        double r = Math.Sqrt(1 - coupling), a = RoundTripAmplitude(lossDbPerCm);
        double lambdaNm = ResonanceNm(OrderNearFile());
        // Bogaerts et al. (2012): T = (a² − 2ra cos φ + r²)/(1 − 2ar cos φ + (ra)²), at φ = 2πm: (r − a)²/(1 − ra)².
        Assert.Equal((r - a) * (r - a) / ((1 - r * a) * (1 - r * a)), Power(ring, lambdaNm, "out0", "in0"), 1e-10);
    }

    [Fact]
    public void CriticallyCoupledAllPassExtinguishesCompletely()
    {
        // r = a: critical coupling, zero transmission at resonance.
        double a = RoundTripAmplitude(20);
        var ring = AllPass(1 - a * a, 20);
        Assert.True(Power(ring, ResonanceNm(OrderNearFile()), "out0", "in0") < 1e-20);
    }

    [Fact]
    public void AllPassPowerFollowsTextbookOverAWholeFreeSpectralRange()
    {
        Gen.Select(Gen.Double[0.001, 1], Gen.Double[0, 30], Gen.Double[-1, 1]).Sample((coupling, lossDbPerCm, offsetNm) =>
        {
            var ring = AllPass(coupling, lossDbPerCm);
            double lambdaNm = FileWavelengthNm + offsetNm;
            double r = Math.Sqrt(1 - coupling), a = RoundTripAmplitude(lossDbPerCm);
            double n = NEff - (lambdaNm - FileWavelengthNm) * (NG - NEff) / FileWavelengthNm;
            double phi = 2 * Math.PI * n * LengthUm * 1e3 / lambdaNm;
            double expected = (a * a - 2 * r * a * Math.Cos(phi) + r * r) / (1 - 2 * a * r * Math.Cos(phi) + r * a * r * a);
            Assert.Equal(expected, Power(ring, lambdaNm, "out0", "in0"), 1e-9);
        });
    }

    /// <summary>Full width at half maximum of a peak of f (maximum at <paramref name="centerNm"/>).</summary>
    private static double FullWidthNm(Func<double, double> f, double centerNm, double searchNm)
    {
        double half = f(centerNm) / 2;
        double right = Bisect(l => f(l) - half, centerNm, centerNm + searchNm);
        double left = Bisect(l => f(l) - half, centerNm - searchNm, centerNm);
        return right - left;
    }

    [Theory]
    [InlineData(0.05, 2.0)]
    [InlineData(0.01, 1.0)] // a lossless all-pass has no dip in power, so every case has some loss
    [InlineData(0.1, 10.0)]
    public void AllPassLinewidthMatchesTextbook(double coupling, double lossDbPerCm)
    {
        var ring = AllPass(coupling, lossDbPerCm);
        double r = Math.Sqrt(1 - coupling), a = RoundTripAmplitude(lossDbPerCm);
        double lambdaNm = ResonanceNm(OrderNearFile());
        double fwhm = FullWidthNm(l => 1 - Power(ring, l, "out0", "in0"), lambdaNm, 1.0);
        // Bogaerts et al. (2012): FWHM = (1 − ra) λ²/(π n_g L √(ra)).
        double expected = (1 - r * a) * lambdaNm * lambdaNm / (Math.PI * NG * LengthUm * 1e3 * Math.Sqrt(r * a));
        Assert.Equal(expected, fwhm, expected * 0.01);
    }

    [Theory]
    [InlineData(0.05, 0.05, 2.0)]
    [InlineData(0.02, 0.08, 0.0)]
    [InlineData(0.1, 0.03, 10.0)]
    public void AddDropExtinctionDropAndLinewidthMatchTextbook(double coupling, double couplingDrop, double lossDbPerCm)
    {
        var ring = AddDrop(coupling, couplingDrop, lossDbPerCm);
        double r1 = Math.Sqrt(1 - coupling), r2 = Math.Sqrt(1 - couplingDrop), a = RoundTripAmplitude(lossDbPerCm);
        double lambdaNm = ResonanceNm(OrderNearFile());
        double d = 1 - r1 * r2 * a;
        // Bogaerts et al. (2012) at φ = 2πm: T_pass = (r2 a − r1)²/(1 − r1 r2 a)², T_drop = (1 − r1²)(1 − r2²) a/(1 − r1 r2 a)².
        Assert.Equal((r2 * a - r1) * (r2 * a - r1) / (d * d), Power(ring, lambdaNm, "out0", "in0"), 1e-10);
        Assert.Equal((1 - r1 * r1) * (1 - r2 * r2) * a / (d * d), Power(ring, lambdaNm, "drop", "in0"), 1e-10);
        double fwhm = FullWidthNm(l => Power(ring, l, "drop", "in0"), lambdaNm, 1.0);
        double expected = d * lambdaNm * lambdaNm / (Math.PI * NG * LengthUm * 1e3 * Math.Sqrt(r1 * r2 * a));
        Assert.Equal(expected, fwhm, expected * 0.01);
    }

    [Fact]
    public void AddDropPowersFollowTextbookAtAnyPhase()
    {
        Gen.Select(Gen.Double[0.001, 1], Gen.Double[0.001, 1], Gen.Double[0, 30], Gen.Double[-1, 1]).Sample((k1, k2, lossDbPerCm, offsetNm) =>
        {
            var ring = AddDrop(k1, k2, lossDbPerCm);
            double lambdaNm = FileWavelengthNm + offsetNm;
            double r1 = Math.Sqrt(1 - k1), r2 = Math.Sqrt(1 - k2), a = RoundTripAmplitude(lossDbPerCm);
            double n = NEff - (lambdaNm - FileWavelengthNm) * (NG - NEff) / FileWavelengthNm;
            double phi = 2 * Math.PI * n * LengthUm * 1e3 / lambdaNm;
            double den = 1 - 2 * r1 * r2 * a * Math.Cos(phi) + Math.Pow(r1 * r2 * a, 2);
            Assert.Equal((r2 * r2 * a * a - 2 * r1 * r2 * a * Math.Cos(phi) + r1 * r1) / den, Power(ring, lambdaNm, "out0", "in0"), 1e-9);
            Assert.Equal((1 - r1 * r1) * (1 - r2 * r2) * a / den, Power(ring, lambdaNm, "drop", "in0"), 1e-9);
            // The add port mirrors in0 with the two couplers exchanged.
            Assert.Equal((r1 * r1 * a * a - 2 * r1 * r2 * a * Math.Cos(phi) + r2 * r2) / den, Power(ring, lambdaNm, "drop", "add"), 1e-9);
        });
    }

    [Fact]
    public void DecoupledRingLeavesTheBusAlone()
    {
        var ring = AllPass(0, 0);
        var addDrop = AddDrop(0, 0, 0);
        foreach (double lambdaNm in new[] { ResonanceNm(OrderNearFile()), 930.0, 931.7 })
        {
            Assert.True((Entry(ring, lambdaNm, "out0", "in0") - 1).Magnitude < 1e-12);
            Assert.True((Entry(addDrop, lambdaNm, "out0", "in0") - 1).Magnitude < 1e-12);
            Assert.Equal(Complex.Zero, Entry(addDrop, lambdaNm, "drop", "in0"));
        }
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(1e-10)]
    [InlineData(1e-14)]
    public void WeaklyCoupledLosslessRingsStayUnitaryThroughResonance(double coupling)
    {
        // The resonance is ~coupling·FSR/2π wide; scan far inside and outside it.
        var allPass = AllPass(coupling, 0);
        var addDrop = AddDrop(coupling, coupling / 3, 0);
        double center = ResonanceNm(OrderNearFile());
        double fsrNm = center * center / (NG * LengthUm * 1e3);
        foreach (double scale in new[] { 0.0, 1e-3, 0.1, 0.5, 1, 2, 10, 1e3 })
            foreach (double sign in new[] { -1.0, 1.0 })
            {
                double lambdaNm = center + sign * scale * coupling * fsrNm / (2 * Math.PI);
                double magnitude = Entry(allPass, lambdaNm, "out0", "in0").Magnitude;
                Assert.True(Math.Abs(magnitude - 1) <= 1e-12, $"|T| − 1 = {magnitude - 1} at λ = {lambdaNm} nm");
                double error = UnitarityError(At(addDrop, lambdaNm));
                Assert.True(error <= 1e-12, $"add-drop |S†S − I| = {error} at λ = {lambdaNm} nm");
            }
    }

    private static (string, SettingValue)[] WaveguideSettings(double lengthUm, double nEff, double nG, double lossDbPerCm) =>
        [("length_um", lengthUm), ("n_eff", nEff), ("n_g", nG), ("loss_db_per_cm", lossDbPerCm)];

    private static readonly Gen<(double Coupling, double CouplingDrop, double LengthUm, double NEff, double NG, double LossDbPerCm, double LambdaNm)> RingCases =
        Gen.Select(Gen.Double[0.01, 1], Gen.Double[0.01, 1], Gen.Double[5, 500], Gen.Double[1.5, 3.5], Gen.Double[3.5, 4.5], Gen.Double[0, 50], Gen.Double[900, 960]);

    [Fact]
    public void AllPassEqualsBeamSplitterClosedOnWaveguide()
    {
        RingCases.Sample(p =>
        {
            var ring = Bind("ring_all_pass", [("coupling", p.Coupling), .. WaveguideSettings(p.LengthUm, p.NEff, p.NG, p.LossDbPerCm)]);
            var bs = Bind("beam_splitter", ("coupling", p.Coupling));
            var wg = Bind("waveguide", WaveguideSettings(p.LengthUm, p.NEff, p.NG, p.LossDbPerCm));
            var built = Connect([("bs", bs), ("wg", wg)], [("bs,out1", "wg,o1"), ("wg,o2", "bs,in1")], ["bs,in0", "bs,out0"], p.LambdaNm);
            Assert.Equal(["in0", "out0"], ring.Ports);
            Assert.True(MaxDifference(built, At(ring, p.LambdaNm)) < 1e-9, $"|ΔS| = {MaxDifference(built, At(ring, p.LambdaNm))}");
        });
    }

    [Fact]
    public void AddDropEqualsTwoBeamSplittersJoinedByHalfRings()
    {
        RingCases.Sample(p =>
        {
            var ring = Bind("ring_add_drop", [("coupling", p.Coupling), ("coupling_drop", p.CouplingDrop), .. WaveguideSettings(p.LengthUm, p.NEff, p.NG, p.LossDbPerCm)]);
            var c1 = Bind("beam_splitter", ("coupling", p.Coupling));
            var c2 = Bind("beam_splitter", ("coupling", p.CouplingDrop));
            var half = WaveguideSettings(p.LengthUm / 2, p.NEff, p.NG, p.LossDbPerCm);
            var w1 = Bind("waveguide", half);
            var w2 = Bind("waveguide", half);
            var built = Connect(
                [("c1", c1), ("c2", c2), ("w1", w1), ("w2", w2)],
                [("c1,out1", "w1,o1"), ("w1,o2", "c2,in1"), ("c2,out1", "w2,o1"), ("w2,o2", "c1,in1")],
                ["c1,in0", "c1,out0", "c2,in0", "c2,out0"], p.LambdaNm);
            Assert.Equal(["in0", "out0", "add", "drop"], ring.Ports);
            Assert.True(MaxDifference(built, At(ring, p.LambdaNm)) < 1e-9, $"|ΔS| = {MaxDifference(built, At(ring, p.LambdaNm))}");
        });
    }

    [Fact]
    public void AddDropWithDefaultDropCouplingIsSymmetric()
    {
        var symmetric = Bind("ring_add_drop", ("length_um", LengthUm), ("coupling", 0.07));
        var explicitDrop = Bind("ring_add_drop", ("length_um", LengthUm), ("coupling", 0.07), ("coupling_drop", 0.07));
        Assert.Equal(0, MaxDifference(At(symmetric, 930.3), At(explicitDrop, 930.3)));
    }
}
