using System.Numerics;
using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Running;

namespace PhotonicKit.Tests.Interop;

/// <summary>
/// SAX's models beyond the ideal ones, read from SAX netlists and run over a wavelength sweep, against SAX's formulas
/// (flaport/sax, <c>src/sax/models</c>, version 0.17) written out again here in SAX's units (µm) and port names.
/// </summary>
public class SaxModelTests
{
    private static JsonNode RunSweep(string yaml, string sweep = "1500:1600:21")
    {
        var bag = new DiagnosticBag("sax.yml");
        var grid = SweepOverride.Parse(sweep, out _)!;
        var prepared = NetlistRunner.Prepare(yaml, "sax.yml", [], strict: false, bag, new NetlistReadOptions(Sweep: grid));
        Assert.True(prepared is not null, string.Join("\n", bag.All));
        return prepared!.Execute().Document["results"]![0]!;
    }

    private static double[] Wavelengths(JsonNode result) => result["wavelength_nm"]!.AsArray().Select(x => (double)x!).ToArray();

    private static Complex S(JsonNode result, int k, string output, string input) => InteropData.S(result, k, output, input);

    private static List<Diagnostic> Problems(string yaml)
    {
        var bag = new DiagnosticBag("sax.yml");
        Assert.Null(NetlistRunner.Prepare(yaml, "sax.yml", [], strict: false, bag, new NetlistReadOptions(WavelengthNm: 1550)));
        return bag.Errors.ToList();
    }

    /// <summary>SAX's dispersive coupler: dwl = wl − wl0, dn' = dn + dn1·dwl + dn2·dwl²/2, κ0 = coupling0 + dk1·dwl + dk2·dwl²/2,
    /// κ1 = π·dn'/wl, τ = cos(κ0 + κ1·length), κ = −sin(κ0 + κ1·length); S(in0, out0) = τ, S(in0, out1) = iκ.</summary>
    private static (Complex Through, Complex Cross) SaxCoupler(double wl, double length = 0, double wl0 = 1.55, double coupling0 = 0.2,
        double dk1 = 1.2435, double dk2 = 5.3022, double dn = 0.02, double dn1 = 0.1169, double dn2 = 0.4821)
    {
        double dwl = wl - wl0;
        double dnAt = dn + dn1 * dwl + 0.5 * dn2 * dwl * dwl;
        double kappa0 = coupling0 + dk1 * dwl + 0.5 * dk2 * dwl * dwl;
        double kappa1 = Math.PI * dnAt / wl;
        double tau = Math.Cos(kappa0 + kappa1 * length);
        double kappa = -Math.Sin(kappa0 + kappa1 * length);
        return (tau, new Complex(0, kappa));
    }

    [Fact]
    public void SaxsDispersiveCouplerGivesSaxsFormulaOverASweepInBothPortNamings()
    {
        // One coupler with SAX's "inout" names and its settings, one with the "optical" names and SAX's defaults.
        string yaml = """
            instances:
              dc: {component: coupler, settings: {length: 15.7, coupling0: 0.05, dk1: 0.8, dk2: 3.1, dn: 0.031, dn1: 0.09, dn2: 0.3, wl0: 1.56}}
              dd: coupler
            ports:
              a: dc,in0
              b: dc,in1
              c: dc,out0
              d: dc,out1
              e: dd,o1
              f: dd,o2
              g: dd,o3
              h: dd,o4
            """;
        var result = RunSweep(yaml);
        var wavelengths = Wavelengths(result);
        Assert.Equal(21, wavelengths.Length);
        string[] ports = ["a", "b", "c", "d", "e", "f", "g", "h"];
        for (int k = 0; k < wavelengths.Length; k++)
        {
            double wl = wavelengths[k] / 1e3;
            var (t1, x1) = SaxCoupler(wl, length: 15.7, wl0: 1.56, coupling0: 0.05, dk1: 0.8, dk2: 3.1, dn: 0.031, dn1: 0.09, dn2: 0.3);
            var (t2, x2) = SaxCoupler(wl);
            // SAX's dict: in0 → out0 τ, in0 → out1 iκ, in1 → out0 iκ, in1 → out1 τ; optical o1 = in0, o2 = in1, o3 = out1, o4 = out0.
            var expected = new Dictionary<(string, string), Complex>
            {
                [("c", "a")] = t1, [("d", "a")] = x1, [("c", "b")] = x1, [("d", "b")] = t1,
                [("h", "e")] = t2, [("g", "e")] = x2, [("h", "f")] = x2, [("g", "f")] = t2,
            };
            AssertSaxFormula(result, k, wavelengths[k], ports, expected);
        }
    }

    [Fact]
    public void TheDispersiveCouplerIsUnitaryAndReciprocalAndCrossesCompletelyAtHalfABeatLength()
    {
        // Without dispersion and with κ0 = 0, θ = πΔnL/λ: all the power crosses at L = λ0/(2Δn) (half a beat length).
        double dn = 0.02, lambda0Nm = 1550, halfBeatUm = lambda0Nm * 1e-3 / (2 * dn);
        var dc = Components.ComponentTestKit.Bind("dispersive_coupler", ("length_um", halfBeatUm), ("wavelength0_nm", lambda0Nm), ("delta_n", dn));
        var atCentre = dc.Evaluate([lambda0Nm]);
        Assert.True(Complex.Abs(atCentre[0, "out0", "in0"]) < 1e-15);
        Assert.True(Complex.Abs(atCentre[0, "out1", "in0"] - new Complex(0, -1)) < 1e-15);

        var general = Components.ComponentTestKit.Bind("dispersive_coupler", ("length_um", 37.0), ("phase0_rad", 0.4), ("phase_slope_per_um", -2.0),
            ("phase_curvature_per_um2", 9.0), ("delta_n", 0.05), ("delta_n_slope_per_um", 0.2), ("delta_n_curvature_per_um2", -1.0), ("wavelength0_nm", 1310.0));
        double[] grid = [.. Enumerable.Range(0, 41).Select(i => 1200.0 + 5 * i)];
        var s = general.Evaluate(grid);
        for (int k = 0; k < grid.Length; k++)
        {
            var m = s.ToMatrix(k);
            var identity = MathNet.Numerics.LinearAlgebra.Matrix<Complex>.Build.DenseIdentity(4);
            Assert.True((m.ConjugateTranspose() * m - identity).L2Norm() < 1e-13, $"not unitary at {grid[k]} nm");
            Assert.True((m - m.Transpose()).L2Norm() < 1e-15, $"not reciprocal at {grid[k]} nm");
        }
    }

    [Fact]
    public void ACouplerWithCouplingAndDispersiveSettingsIsTheDispersiveModelAndBadValuesAreNamed()
    {
        // SAX's coupler does not take 'coupling': with any of its own settings present it is ignored, with a warning.
        var bag = new DiagnosticBag("sax.yml");
        var prepared = NetlistRunner.Prepare("""
            instances:
              dc: {component: coupler, settings: {coupling: 0.5, length: 10}}
            ports: {a: "dc,in0", c: "dc,out1"}
            """, "sax.yml", [], strict: false, bag, new NetlistReadOptions(WavelengthNm: 1550));
        Assert.True(prepared is not null, string.Join("\n", bag.All));
        Assert.Contains(bag.Warnings, w => w.Key == "instances.dc.settings.coupling" && w.Message.Contains("ignores it", StringComparison.Ordinal));
        var cross = S(prepared!.Execute().Document["results"]![0]!, 0, "c", "a");
        Assert.True(Complex.Abs(cross - SaxCoupler(1.55, length: 10).Cross) < 1e-12);

        var negative = Problems("""
            instances:
              dc: {component: coupler, settings: {length: -3}}
            ports: {a: "dc,in0", c: "dc,out1"}
            """);
        Assert.Contains(negative, e => e.Key == "instances.dc.settings.length_um" && e.Message.Contains("-3", StringComparison.Ordinal));
    }

    /// <summary>SAX's _mmi_amp over a grid (µm): 10^(−|loss_dB|/20)·r(f)/max r over the grid, r(f) = exp(−(f − f0)²/(2σ²)),
    /// f = 1/wl, σ = (1/(wl0 − fwhm/2) − 1/(wl0 + fwhm/2))/(2√(2 ln 2)).</summary>
    private static double[] SaxMmiAmp(double[] wl, double wl0 = 1.55, double fwhm = 0.2, double lossDb = 0.3)
    {
        double maxAmplitude = Math.Pow(10, -Math.Abs(lossDb) / 20);
        double f0 = 1 / wl0, f1 = 1 / (wl0 + fwhm / 2), f2 = 1 / (wl0 - fwhm / 2);
        double sigma = (f2 - f1) / (2 * Math.Sqrt(2 * Math.Log(2)));
        var response = wl.Select(w => Math.Exp(-Math.Pow(1 / w - f0, 2) / (2 * sigma * sigma))).ToArray();
        double max = response.Max();
        return [.. response.Select(r => maxAmplitude * r / max)];
    }

    [Fact]
    public void SaxsMmisHaveTheirGaussianResponseNormalisedOverTheRunsGrid()
    {
        // mmi1x2: o1 → o2 and o1 → o3 both thru/√2. mmi2x2 (optical names): o1 → o3 thru, o1 → o4 cross (×i), o2 → o3 cross,
        // o2 → o4 thru; its cross response centred at wl0 + shift; loss_dB_cross 0 means loss_dB, as SAX's "or" reads it.
        string yaml = """
            instances:
              s: {component: mmi1x2, settings: {wl0: 1.53, fwhm: 0.06, loss_dB: -0.4}}
              m: {component: mmi2x2, settings: {wl0: 1.56, fwhm: 0.08, shift: 0.007, loss_dB: 0.5, loss_dB_thru: 0.2, splitting_ratio_thru: 0.55, splitting_ratio_cross: 0.4}}
              z: {component: mmi2x2, settings: {wl0: 1.61, loss_dB_cross: 0}}
            ports:
              a: s,o1
              b: s,o2
              c: s,o3
              d: m,o1
              e: m,o2
              f: m,o3
              g: m,o4
              h: z,in0
              i: z,out0
              j: z,out1
            """;
        var result = RunSweep(yaml, "1500:1600:23");
        var wavelengths = Wavelengths(result);
        var wl = wavelengths.Select(w => w / 1e3).ToArray();
        var split = SaxMmiAmp(wl, 1.53, 0.06, -0.4);
        var thru = SaxMmiAmp(wl, 1.56, 0.08, 0.2);
        var cross = SaxMmiAmp(wl, 1.56 + 0.007, 0.08, 0.5);
        var zThru = SaxMmiAmp(wl, 1.61);
        for (int k = 0; k < wl.Length; k++)
        {
            void Check(string output, string input, Complex want)
            {
                foreach (var (o, i) in new[] { (output, input), (input, output) })
                {
                    var got = S(result, k, o, i);
                    Assert.True(Complex.Abs(got - want) < 1e-12, $"λ = {wavelengths[k]} nm, S({o}, {i}) = {got}, SAX's formula {want}");
                }
            }
            Check("b", "a", split[k] / Math.Sqrt(2));
            Check("c", "a", split[k] / Math.Sqrt(2));
            Check("c", "b", 0);
            Check("f", "d", thru[k] * Math.Sqrt(0.55));
            Check("g", "e", thru[k] * Math.Sqrt(0.55));
            Check("g", "d", new Complex(0, cross[k] * Math.Sqrt(0.4)));
            Check("f", "e", new Complex(0, cross[k] * Math.Sqrt(0.4)));
            Check("e", "d", 0);
            Check("j", "h", zThru[k] * Math.Sqrt(0.5));
            Check("i", "h", new Complex(0, zThru[k] * Math.Sqrt(0.5)));
        }
        // The grid's point nearest the centre carries the loss at the centre exactly (SAX's normalisation).
        Assert.Equal(Math.Pow(10, -0.4 / 20) / Math.Sqrt(2), wl.Select((_, k) => S(result, k, "b", "a").Real).Max(), 14);
    }

    [Fact]
    public void AtOneWavelengthSaxsMmisAreFlatAndAGainfulSplitIsRefused()
    {
        var bag = new DiagnosticBag("sax.yml");
        var prepared = NetlistRunner.Prepare("""
            instances:
              m: {component: mmi2x2, settings: {wl0: 1.5, fwhm: 0.01, shift: 0.003}}
            ports: {a: "m,in0", b: "m,out0", c: "m,out1"}
            """, "sax.yml", [], strict: false, bag, new NetlistReadOptions(WavelengthNm: 1550));
        Assert.True(prepared is not null, string.Join("\n", bag.All));
        var one = prepared!.Execute().Document["results"]![0]!;
        double a = Math.Pow(10, -0.3 / 20) * Math.Sqrt(0.5);
        Assert.True(Complex.Abs(S(one, 0, "c", "a") - a) < 1e-15);
        Assert.True(Complex.Abs(S(one, 0, "b", "a") - new Complex(0, a)) < 1e-15);

        var gain = Problems("""
            instances:
              m: {component: mmi2x2, settings: {splitting_ratio_thru: 0.7, splitting_ratio_cross: 0.5}}
            ports: {a: "m,in0", b: "m,out0"}
            """);
        Assert.Contains(gain, e => e.Key.StartsWith("instances.m", StringComparison.Ordinal) && e.Message.Contains("through_fraction + cross_fraction = 1.2", StringComparison.Ordinal));

        // Off the grid it was normalised on, a response nearer the centre than its reference would be gain: refused.
        var mmi = Components.ComponentTestKit.Bind("mmi1x2_gaussian", ("center_nm", 1550.0), ("fwhm_nm", 40.0), ("reference_nm", 1540.0));
        Assert.True(Complex.Abs(mmi.Evaluate([1540.0])[0, "out0", "in0"] - 1 / Math.Sqrt(2)) < 1e-15);
        var refused = Assert.Throws<PhotonicKit.Components.ComponentSettingsException>(() => mmi.Evaluate([1548.0]));
        Assert.Contains("reference_nm = 1540", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaxsGratingCouplerSplitterTerminatorAndMirrorsGiveSaxsFormulas()
    {
        string yaml = """
            instances:
              g: {component: grating_coupler, settings: {wl0: 1.54, loss: 2.5, bandwidth: 0.03}}
              gd: grating_coupler
              sp: {component: splitter_ideal, settings: {coupling: 0.3}}
              t: {component: terminator, settings: {reflection: 0.04}}
              r1: {component: reflector, settings: {reflection: 1, loss_dB: 0.5}}
              r0: {component: reflector, settings: {reflection: 0, loss_dB: 0.7}}
              mr: mirror
            connections:
              sp,o2: t,o1
            ports:
              a: g,o1
              b: g,o2
              c: gd,in0
              d: gd,out0
              e: sp,in0
              f: sp,out0
              h: r1,o1
              i: r1,o2
              j: r0,in0
              k: r0,out0
              l: mr,o1
              m: mr,o2
            """;
        var result = RunSweep(yaml, "1500:1600:21");
        var wavelengths = Wavelengths(result);
        // SAX's grating_coupler: T = 10^(−loss/20)·exp(−(wl − wl0)²/(4σ²)), σ = bandwidth/(2√(2 ln 2)); reflections 0 by default.
        static double Grating(double wl, double wl0 = 1.55, double loss = 0, double bandwidth = 0.04)
        {
            double sigma = bandwidth / (2 * Math.Sqrt(2 * Math.Log(2)));
            return Math.Pow(10, -loss / 20) * Math.Exp(-(wl - wl0) * (wl - wl0) / (4 * sigma * sigma));
        }
        // SAX's splitter_ideal (in0 → out0 τ = √(1 − c), in0 → out1 κ = √c) with out1 on SAX's terminator (S = √R): seen from in0,
        // κ·√R·κ comes back; out0 leaves towards in0 only.
        double tau = Math.Sqrt(0.7), kappa = Math.Sqrt(0.3), back = Math.Sqrt(0.04);
        // SAX's reflector: a·[[√R, √(1−R)], [√(1−R), √R]], a = 10^(−loss_dB/20); mirror is R = 1.
        double a1 = Math.Pow(10, -0.5 / 20), a0 = Math.Pow(10, -0.7 / 20);
        for (int k = 0; k < wavelengths.Length; k++)
        {
            double wl = wavelengths[k] / 1e3;
            var expected = new Dictionary<(string, string), Complex>
            {
                [("b", "a")] = Grating(wl, 1.54, 2.5, 0.03), [("d", "c")] = Grating(wl),
                [("e", "e")] = kappa * back * kappa, [("f", "e")] = tau,
                [("h", "h")] = a1, [("i", "i")] = a1, [("k", "j")] = a0, [("l", "l")] = 1, [("m", "m")] = 1,
            };
            string[] ports = ["a", "b", "c", "d", "e", "f", "h", "i", "j", "k", "l", "m"];
            AssertSaxFormula(result, k, wavelengths[k], ports, expected);
        }
    }

    [Fact]
    public void WhatHasNoEquivalentIsRefusedNamingTheInstanceAndWhy()
    {
        static string Netlist(string instance) => $$"""
            instances:
              x: {{instance}}
            ports: {a: "x,o1"}
            """;
        Assert.Contains(Problems(Netlist("{component: reflector, settings: {reflection: 0.5}}")),
            e => e.Key == "instances.x.settings.reflection" && e.Message.Contains("a·1.414", StringComparison.Ordinal));
        Assert.Contains(Problems(Netlist("{component: grating_coupler, settings: {reflection_fiber: 0.1}}")),
            e => e.Key == "instances.x.settings.reflection_fiber" && e.Message.Contains("real amplitudes", StringComparison.Ordinal));
        Assert.Contains(Problems(Netlist("circulator")), e => e.Key == "instances.x.component" && e.Message.Contains("gain", StringComparison.Ordinal));
        Assert.Contains(Problems(Netlist("unitary")), e => e.Key == "instances.x.component" && e.Message.Contains("model factory", StringComparison.Ordinal));
        Assert.Contains(Problems(Netlist("passthru")), e => e.Key == "instances.x.component" && e.Message.Contains("model factory", StringComparison.Ordinal));
        Assert.Contains(Problems(Netlist("ideal_probe")), e => e.Key == "instances.x.component" && e.Message.Contains("probes=", StringComparison.Ordinal));
        Assert.Contains(Problems(Netlist("{component: splitter_ideal, settings: {coupling: 1.5}}")),
            e => e.Key == "instances.x.settings.coupling" && e.Message.Contains("[0, 1]", StringComparison.Ordinal));
    }

    [Fact]
    public void SaxsIsolatorPassesForwardAndIsolatesBackward()
    {
        // SAX's isolator: ("o1", "o2") = 10^(−insertion_loss_dB/20) from o1 to o2, ("o2", "o1") = 10^(−isolation_dB/20) back
        // (SAX's S[i, j] is the output at i for the input at j); a chain of a default one and one with settings.
        var result = RunSweep("""
            instances:
              i1: isolator
              i2: {component: isolator, settings: {insertion_loss_dB: 1.5, isolation_dB: 25}}
            connections:
              i1,o2: i2,o1
            ports:
              a: i1,o1
              b: i2,o2
            """, "1540:1560:3");
        for (int k = 0; k < 3; k++)
        {
            Assert.True(Complex.Abs(S(result, k, "b", "a") - Math.Pow(10, -1.5 / 20)) < 1e-15);
            Assert.True(Complex.Abs(S(result, k, "a", "b") - Math.Pow(10, -40.0 / 20) * Math.Pow(10, -25.0 / 20)) < 1e-15);
            Assert.True(Complex.Abs(S(result, k, "a", "a")) < 1e-15 && Complex.Abs(S(result, k, "b", "b")) < 1e-15);
        }
    }

    /// <summary>Every S entry between <paramref name="ports"/> at wavelength index <paramref name="k"/> equals SAX's formula
    /// (<paramref name="expected"/>, either direction of a reciprocal pair, zero where absent) to 10⁻¹².</summary>
    private static void AssertSaxFormula(JsonNode result, int k, double wavelengthNm, IEnumerable<string> ports, Dictionary<(string, string), Complex> expected)
    {
        var list = ports.ToList();
        foreach (var output in list)
            foreach (var input in list)
            {
                var want = expected.TryGetValue((output, input), out var v) ? v : expected.TryGetValue((input, output), out var r) ? r : Complex.Zero;
                var got = S(result, k, output, input);
                Assert.True(Complex.Abs(got - want) < 1e-12, $"λ = {wavelengthNm} nm, S({output}, {input}) = {got}, SAX's formula {want}");
            }
    }
}
