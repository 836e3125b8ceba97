using System.Numerics;
using CsCheck;
using PhotonicKit.Components;
using PhotonicKit.Components.Detection;
using PhotonicKit.Components.Passive;
using static PhotonicKit.Tests.Components.ComponentTestKit;

namespace PhotonicKit.Tests.Components;

/// <summary>Each built-in's S-matrix against its formula from netlist-v1 §3, written out again here.</summary>
public class FormulaTests
{
    private const double SpeedOfLightNmPerPs = 299_792.458;
    private static readonly Complex I = Complex.ImaginaryOne;

    private static double AmplitudeOfDb(double lossDb) => Math.Pow(10, -lossDb / 20);

    private static Dictionary<(string, string), Complex> Symmetric(params (string A, string B, Complex V)[] entries)
    {
        var d = new Dictionary<(string, string), Complex>();
        foreach (var (a, b, v) in entries)
        {
            d[(a, b)] = v;
            d[(b, a)] = v;
        }
        return d;
    }

    [Fact]
    public void DelayLineTransmitsWithPhaseOmegaTau()
    {
        Gen.Select(Gen.Double[0, 500], Gen.Double[0, 10], Gen.Double[400, 2000]).Sample((tauPs, lossDb, lambdaNm) =>
        {
            var c = Bind("delay_line", ("delay_ps", tauPs), ("loss_db", lossDb));
            var v = AmplitudeOfDb(lossDb) * Complex.Exp(I * 2 * Math.PI * SpeedOfLightNmPerPs * tauPs / lambdaNm);
            // Phases reach ~1e5 rad, whose last bit is ~1e−11 rad.
            AssertMatrix(c, lambdaNm, Symmetric(("o2", "o1", v)), 1e-9);
        });
    }

    [Fact]
    public void DelayLineGroupDelayIsPlusTau()
    {
        const double tauPs = 37.5;
        var c = Bind("delay_line", ("delay_ps", tauPs));
        double lambdaNm = 930, dl = 1e-4;
        var s = c.Evaluate([lambdaNm - dl, lambdaNm + dl]);
        double dphi = (s[1, "o2", "o1"] / s[0, "o2", "o1"]).Phase;
        double dOmega = 2 * Math.PI * SpeedOfLightNmPerPs * (1 / (lambdaNm + dl) - 1 / (lambdaNm - dl));
        Assert.Equal(tauPs, dphi / dOmega, 1e-6);
    }

    [Fact]
    public void PhaseShifterAddsPhaseIndependentOfWavelength()
    {
        Gen.Select(Gen.Double[-10, 10], Gen.Double[0, 10], Gen.Double[400, 2000]).Sample((phi, lossDb, lambdaNm) =>
        {
            var c = Bind("phase_shifter", ("phase_rad", phi), ("loss_db", lossDb));
            var v = AmplitudeOfDb(lossDb) * new Complex(Math.Cos(phi), Math.Sin(phi));
            AssertMatrix(c, lambdaNm, Symmetric(("o2", "o1", v)));
        });
    }

    [Fact]
    public void AttenuatorIsRealAmplitude()
    {
        Gen.Select(Gen.Double[0, 60], Gen.Double[400, 2000]).Sample((lossDb, lambdaNm) =>
        {
            var c = Bind("attenuator", ("loss_db", lossDb));
            AssertMatrix(c, lambdaNm, Symmetric(("o2", "o1", AmplitudeOfDb(lossDb))));
            Assert.Equal(-lossDb, 10 * Math.Log10(Entry(c, lambdaNm, "o2", "o1").Magnitude * Entry(c, lambdaNm, "o2", "o1").Magnitude), 1e-9);
        });
    }

    private static Dictionary<(string, string), Complex> Coupler(double coupling, double a) =>
        Symmetric(
            ("out0", "in0", a * Math.Sqrt(1 - coupling)), ("out1", "in1", a * Math.Sqrt(1 - coupling)),
            ("out1", "in0", I * a * Math.Sqrt(coupling)), ("out0", "in1", I * a * Math.Sqrt(coupling)));

    [Fact]
    public void BeamSplitterIsTIKappaBlock()
    {
        Gen.Select(Gen.Double[0, 1], Gen.Double[0, 10]).Sample((coupling, lossDb) =>
            AssertMatrix(Bind("beam_splitter", ("coupling", coupling), ("loss_db", lossDb)), 930, Coupler(coupling, AmplitudeOfDb(lossDb))));
        // Default coupling 0.5: |S(out0,in0)|² = |S(out1,in0)|² = 1/2.
        var even = Bind("beam_splitter");
        Assert.Equal(0.5, Math.Pow(Entry(even, 930, "out0", "in0").Magnitude, 2), 1e-15);
        Assert.Equal(0.5, Math.Pow(Entry(even, 930, "out1", "in0").Magnitude, 2), 1e-15);
    }

    [Fact]
    public void DirectionalCouplerCouplingIsLinearInWavelength()
    {
        Gen.Select(Gen.Double[0.2, 0.8], Gen.Double[-0.01, 0.01], Gen.Double[-15, 15], Gen.Double[0, 5]).Sample((c0, slope, offsetNm, lossDb) =>
        {
            var dc = Bind("directional_coupler", ("coupling", c0), ("coupling_slope_per_nm", slope), ("loss_db", lossDb));
            double lambdaNm = FileWavelengthNm + offsetNm;
            AssertMatrix(dc, lambdaNm, Coupler(c0 + slope * offsetNm, AmplitudeOfDb(lossDb)));
        });
    }

    [Fact]
    public void DirectionalCouplerUsesItsOwnReferenceWavelength()
    {
        var dc = Bind("directional_coupler", ("coupling", 0.3), ("coupling_slope_per_nm", 0.01), ("wavelength0_nm", 940.0));
        // At the file's 930 nm the coupling is 0.3 + 0.01·(930 − 940) = 0.2.
        Assert.Equal(0.2, Math.Pow(Entry(dc, 930, "out1", "in0").Magnitude, 2), 1e-14);
    }

    [Fact]
    public void Mmi1x2SplitsEquallyInPhase()
    {
        Gen.Double[0, 10].Sample(lossDb =>
        {
            double v = AmplitudeOfDb(lossDb) / Math.Sqrt(2);
            AssertMatrix(Bind("mmi1x2", ("loss_db", lossDb)), 930, Symmetric(("out0", "in0", v), ("out1", "in0", v)));
        });
    }

    [Fact]
    public void Mmi2x2IsAFiftyFiftyBeamSplitter()
    {
        Gen.Double[0, 10].Sample(lossDb =>
            AssertMatrix(Bind("mmi2x2", ("loss_db", lossDb)), 930, Coupler(0.5, AmplitudeOfDb(lossDb))));
    }

    [Fact]
    public void CrossingThroughAndNeighbourAmplitudes()
    {
        Gen.Select(Gen.Double[0, 10], Gen.Double[-80, CrossingModel.MaxCrosstalkDb]).Sample((lossDb, crosstalkDb) =>
        {
            double a = AmplitudeOfDb(lossDb), x = Math.Pow(10, crosstalkDb / 10);
            var through = (Complex)(a * Math.Sqrt(Math.Max(0, 1 - 4 * x)));
            var neighbour = I * a * Math.Sqrt(x);
            var expected = Symmetric(
                ("o3", "o1", through), ("o4", "o2", through),
                ("o2", "o1", neighbour), ("o4", "o1", neighbour), ("o3", "o2", neighbour), ("o4", "o3", neighbour));
            AssertMatrix(Bind("crossing", ("loss_db", lossDb), ("crosstalk_db", crosstalkDb)), 930, expected, 1e-12);
        });
    }

    [Fact]
    public void CrossingDefaultLosesTwiceTheCrosstalk()
    {
        // Column power: (1 − 4x) + 2x = 1 − 2x with x = 1e−4 at the default −40 dB.
        var s = At(Bind("crossing"), 930);
        double columnPower = Enumerable.Range(0, 4).Sum(r => Math.Pow(s[r, 0].Magnitude, 2));
        Assert.Equal(1 - 2e-4, columnPower, 1e-14);
    }

    [Fact]
    public void MirrorReflectsRootRAndTransmitsIRootOneMinusR()
    {
        Gen.Select(Gen.Double[0, 1], Gen.Double[0, 10]).Sample((r, lossDb) =>
        {
            double a = AmplitudeOfDb(lossDb);
            var expected = Symmetric(("o1", "o1", a * Math.Sqrt(r)), ("o2", "o2", a * Math.Sqrt(r)), ("o2", "o1", I * a * Math.Sqrt(1 - r)));
            AssertMatrix(Bind("mirror", ("reflectivity", r), ("loss_db", lossDb)), 930, expected);
        });
    }

    [Fact]
    public void GratingCouplerGaussianBandAndReflections()
    {
        Gen.Select(Gen.Double[0, 0.99], Gen.Double[900, 1600], Gen.Double[1, 100], Gen.Double[-60, -20], Gen.Double[-100, 100])
            .Sample((peak, centerNm, bwNm, backDb, offsetNm) =>
            {
                var gc = Bind("grating_coupler", ("peak_efficiency", peak), ("center_nm", centerNm), ("bandwidth_3db_nm", bwNm), ("back_reflection_db", backDb));
                double lambdaNm = centerNm + offsetNm;
                double power = peak * Math.Exp(-4 * Math.Log(2) * offsetNm * offsetNm / (bwNm * bwNm));
                var expected = Symmetric(("fiber", "wg", Math.Sqrt(power)), ("wg", "wg", I * Math.Pow(10, backDb / 20)), ("fiber", "fiber", I * Math.Pow(10, backDb / 20)));
                AssertMatrix(gc, lambdaNm, expected);
            });
    }

    [Fact]
    public void GratingCouplerHalfPowerAtHalfBandwidth()
    {
        var gc = Bind("grating_coupler", ("bandwidth_3db_nm", 30.0));
        double Power(double lambdaNm) => Math.Pow(Entry(gc, lambdaNm, "fiber", "wg").Magnitude, 2);
        Assert.Equal(0.6, Power(FileWavelengthNm), 1e-15);
        Assert.Equal(0.3, Power(FileWavelengthNm + 15), 1e-14);
        Assert.Equal(0.3, Power(FileWavelengthNm - 15), 1e-14);
        Assert.Equal(1e-3, Math.Pow(Entry(gc, 930, "wg", "wg").Magnitude, 2), 1e-15);
    }

    [Fact]
    public void UnitaryPlacesMatrixInOutInCornerAndTransposeInInOutCorner()
    {
        var re = new double[][] { [0.1, 0.2, 0.3], [0.0, -0.4, 0.1], [0.2, 0.1, 0.0] };
        var im = new double[][] { [0.0, 0.1, -0.2], [0.3, 0.0, 0.0], [0.1, 0.1, 0.5] };
        var u = Bind("unitary", ("matrix_re", Matrix(re)), ("matrix_im", Matrix(im)));
        Assert.Equal(["in0", "in1", "in2", "out0", "out1", "out2"], u.Ports);
        var expected = new Dictionary<(string, string), Complex>();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                expected[($"out{i}", $"in{j}")] = new Complex(re[i][j], im[i][j]);
                expected[($"in{j}", $"out{i}")] = new Complex(re[i][j], im[i][j]);
            }
        AssertMatrix(u, 930, expected);
        var bound = Assert.IsType<BoundUnitary>(u);
        Assert.Equal(3, bound.ModeCount);
        Assert.Equal(new Complex(0.3, -0.2), bound[0, 2]);
    }

    [Fact]
    public void UnitaryOfARandomUnitaryIsUnitary()
    {
        Gen.Select(Gen.Int[1, 6], Gen.Int[0, int.MaxValue]).Sample((m, seed) =>
        {
            var q = RandomUnitary(m, seed);
            var u = Bind("unitary", ("matrix_re", Matrix(q, v => v.Real)), ("matrix_im", Matrix(q, v => v.Imaginary)));
            Assert.True(UnitarityError(At(u, 930)) < 1e-12);
        }, iter: 50);
    }

    internal static MathNet.Numerics.LinearAlgebra.Matrix<Complex> RandomUnitary(int m, int seed)
    {
        var rng = new Random(seed);
        var g = MathNet.Numerics.LinearAlgebra.Matrix<Complex>.Build.Dense(m, m, (_, _) => new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5));
        return g.QR().Q;
    }

    internal static SettingValue Matrix(double[][] rows) => new SettingValue.NumberMatrix(rows);

    internal static SettingValue Matrix(MathNet.Numerics.LinearAlgebra.Matrix<Complex> m, Func<Complex, double> part) =>
        new SettingValue.NumberMatrix(Enumerable.Range(0, m.RowCount).Select(r => (IReadOnlyList<double>)Enumerable.Range(0, m.ColumnCount).Select(c => part(m[r, c])).ToArray()).ToArray());

    [Fact]
    public void TimeDemuxSplitsRootEtaOverN()
    {
        var demux = Bind("time_demux", ("channels", 3.0), ("efficiency", new SettingValue.NumberList([0.9, 0.5, 0.0])));
        Assert.Equal(["in", "out0", "out1", "out2"], demux.Ports);
        AssertMatrix(demux, 930, Symmetric(("out0", "in", Math.Sqrt(0.9 / 3)), ("out1", "in", Math.Sqrt(0.5 / 3)), ("out2", "in", 0)));
        var settings = Assert.IsType<BoundTimeDemux>(demux).Settings;
        Assert.Equal(3, settings.Channels);
        Assert.Equal([0.9, 0.5, 0.0], settings.Efficiencies.ToArray());
        Assert.Equal(1, settings.ChannelOfPulse(4));

        var uniform = Assert.IsType<BoundTimeDemux>(Bind("time_demux", ("channels", 4.0), ("efficiency", 0.8)));
        Assert.Equal([0.8, 0.8, 0.8, 0.8], uniform.Settings.Efficiencies.ToArray());
        AssertMatrix(uniform, 930, Symmetric(Enumerable.Range(0, 4).Select(k => ($"out{k}", "in", (Complex)Math.Sqrt(0.2))).ToArray()));
    }

    [Fact]
    public void DetectorIsAMatchedTerminationWithItsSettingsExposed()
    {
        var d = Bind("detector", ("efficiency", 0.85), ("dark_count_rate_hz", 50.0), ("resolution", "pnr"), ("max_photons", 3.0));
        Assert.Equal(["in"], d.Ports);
        Assert.Equal(Complex.Zero, Entry(d, 930, "in", "in"));
        var settings = Assert.IsType<BoundDetector>(d).Settings;
        Assert.Equal(new DetectorSettings(0.85, 50, 1, 0, 0, DetectorResolution.PhotonNumberResolving, 3), settings);
        var defaults = Assert.IsType<BoundDetector>(Bind("detector")).Settings;
        Assert.Equal(new DetectorSettings(1, 0, 1, 0, 0, DetectorResolution.Threshold, 8), defaults);
    }
}
