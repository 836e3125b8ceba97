using System.Numerics;
using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Running;
using PhotonicKit.Tests.Tool;

namespace PhotonicKit.Tests.Interop;

/// <summary>
/// SAX netlists read as they are: SAX's own YAML MZI (tests/…/Interop/data, source in the README there) against SAX's
/// model formulas written out here, a recursive netlist, SAX's port names in both naming strategies, and the errors for
/// what cannot be read.
/// </summary>
public class SaxImportTests
{
    private static string DataFile(string name) => InteropData.File(name);

    private static Complex S(JsonNode result, int k, string output, string input) => InteropData.S(result, k, output, input);

    /// <summary>SAX's straight: n_eff(λ) = neff − (λ − wl0)(ng − neff)/wl0, t = e^{i2π n_eff L/λ} (λ, L in µm).</summary>
    private static Complex Straight(double lambdaUm, double lengthUm, double neff = 2.34, double ng = 3.4, double wl0 = 1.55)
    {
        double n = neff - (lambdaUm - wl0) * (ng - neff) / wl0;
        return Complex.FromPolarCoordinates(1, 2 * Math.PI * n * lengthUm / lambdaUm);
    }

    /// <summary>in0 → out0 of SAX's MZI: coupler_ideal(0.5), bottom arm 15 µm, top arm 25 µm, coupler_ideal(0.5).</summary>
    private static Complex Mzi(double lambdaUm)
    {
        double t = Math.Sqrt(0.5);
        var k = new Complex(0, Math.Sqrt(0.5));
        return t * Straight(lambdaUm, 15) * t + k * Straight(lambdaUm, 25) * k;
    }

    [Fact]
    public void SaxsYamlMziRunsAsItIsAndGivesSaxsFormulas()
    {
        using var h = new ToolHarness();
        var (code, _, err) = h.Run("run", DataFile("sax-mzi.yml"), "--sweep", "1500:1600:11", "--json", h.PathOf("out.json"));
        Assert.True(code == 0, err);
        Assert.Contains("read as a SAX netlist", err);
        Assert.Contains("coupler_ideal", err);
        var result = JsonNode.Parse(File.ReadAllText(h.PathOf("out.json")))!["results"]![0]!;
        Assert.Equal("smatrix", (string)result["type"]!);
        var wavelengths = result["wavelength_nm"]!.AsArray().Select(x => (double)x!).ToArray();
        Assert.Equal(11, wavelengths.Length);
        for (int k = 0; k < wavelengths.Length; k++)
        {
            var expected = Mzi(wavelengths[k] / 1e3);
            var actual = S(result, k, "out0", "in0");
            Assert.True(Complex.Abs(actual - expected) < 1e-12, $"λ = {wavelengths[k]} nm: {actual} against SAX's {expected}");
            // Reciprocal, as SAX's models are.
            Assert.True(Complex.Abs(S(result, k, "in0", "out0") - actual) < 1e-14);
        }
        // The figure SAX's notebook gives at 1550 nm.
        var (code2, _, err2) = h.Run("run", DataFile("sax-mzi.yml"), "--wavelength-nm", "1550", "--json", h.PathOf("one.json"));
        Assert.True(code2 == 0, err2);
        var one = JsonNode.Parse(File.ReadAllText(h.PathOf("one.json")))!["results"]![0]!;
        Assert.Equal(0.0896, Math.Round(Complex.Abs(S(one, 0, "out0", "in0")) * Complex.Abs(S(one, 0, "out0", "in0")), 4), 12);
    }

    private static RunResult RunSax(string yaml, double wavelengthNm = 1550)
    {
        var bag = new DiagnosticBag("sax.yml");
        var prepared = NetlistRunner.Prepare(yaml, "sax.yml", [], strict: false, bag, new NetlistReadOptions(WavelengthNm: wavelengthNm));
        Assert.True(prepared is not null, string.Join("\n", bag.All));
        return prepared!.Execute();
    }

    private static List<Diagnostic> Problems(string yaml, NetlistReadOptions? read = null)
    {
        var bag = new DiagnosticBag("sax.yml");
        Assert.Null(NetlistRunner.Prepare(yaml, "sax.yml", [], strict: false, bag, read ?? new NetlistReadOptions(WavelengthNm: 1550)));
        return bag.Errors.ToList();
    }

    private const string MziBody = """
            instances:
              lft: {component: coupler_ideal}
              rgt: {component: coupler_ideal}
              top: {component: straight, settings: {length: 25.0}}
              btm: {component: straight, settings: {length: 15.0}}
            connections:
              lft,out0: btm,in0
              btm,out0: rgt,in0
              lft,out1: top,in0
              top,out0: rgt,in1
            ports:
              in0: lft,in0
              in1: lft,in1
              out0: rgt,out0
              out1: rgt,out1
        """;

    [Fact]
    public void ARecursiveNetlistIsReadWithItsTopLevel()
    {
        string indented = string.Join("\n", MziBody.Split('\n').Select(l => "  " + l));
        string yaml = $"""
            mzi:
            {indented}
            top_level:
              instances:
                m1: mzi
                m2: mzi
              connections:
                m1,out0: m2,in0
              ports:
                in0: m1,in0
                out0: m2,out0
            """;
        var result = RunSax(yaml).Document["results"]![0]!;
        var single = Mzi(1.55);
        Assert.True(Complex.Abs(S(result, 0, "out0", "in0") - single * single) < 1e-12);
    }

    [Fact]
    public void SettingsOnASubNetlistAreIgnoredWhenNoModelInsideTakesThemAsSaxDoes()
    {
        string indented = string.Join("\n", MziBody.Split('\n').Select(l => "  " + l));
        string Netlist(string settings) => $"""
            mzi:
            {indented}
            top_level:
              instances:
                m1: {settings}
              ports:
                in0: m1,in0
                out0: m1,out0
            """;
        // gdsfactory writes a cell's layout parameters on its instance: nothing inside takes delta_length.
        var bag = new DiagnosticBag("sax.yml");
        var prepared = NetlistRunner.Prepare(Netlist("{component: mzi, settings: {delta_length: 10}}"), "sax.yml", [], false, bag, new NetlistReadOptions(WavelengthNm: 1550));
        Assert.True(prepared is not null, string.Join("\n", bag.All));
        Assert.Contains(bag.Warnings, w => w.Key == "instances.m1.settings.delta_length" && w.Message.Contains("no model inside the netlist 'mzi' takes 'delta_length'", StringComparison.Ordinal));
        Assert.True(Complex.Abs(S(prepared!.Execute().Document["results"]![0]!, 0, "out0", "in0") - Mzi(1.55)) < 1e-12);
    }

    [Fact]
    public void AModelNameMappedToACircuitBecomesThatCircuitWithItsSettingsPerInstance()
    {
        // A foundry's "arm" model, mapped to two straights in series whose first takes the instance's length.
        var mapBag = new DiagnosticBag("map.yaml");
        var map = CellMap.Parse("""
            cells:
              arm:
                circuit:
                  instances:
                    w1: {component: waveguide, settings: {length_um: "{length}", n_eff: 2.34, n_g: 3.4, wavelength0_nm: 1550}}
                    w2: {component: waveguide, settings: {length_um: 5, n_eff: 2.34, n_g: 3.4, wavelength0_nm: 1550}}
                  connections: {"w1,o2": "w2,o1"}
                  ports: {in0: "w1,o1", out0: "w2,o2"}
            """, "map.yaml", mapBag);
        Assert.True(map is not null, string.Join("\n", mapBag.All));
        string yaml = """
            instances:
              a: {component: arm, settings: {length: 10.0}}
              b: {component: arm, settings: {length: 20.0}}
            connections:
              a,out0: b,in0
            ports:
              in0: a,in0
              out0: b,out0
            """;
        var bag = new DiagnosticBag("sax.yml");
        var prepared = NetlistRunner.Prepare(yaml, "sax.yml", [], strict: false, bag, new NetlistReadOptions(WavelengthNm: 1550, Models: map));
        Assert.True(prepared is not null, string.Join("\n", bag.All));
        var result = prepared!.Execute().Document["results"]![0]!;
        Assert.True(Complex.Abs(S(result, 0, "out0", "in0") - Straight(1.55, 10 + 5 + 20 + 5)) < 1e-12, $"{S(result, 0, "out0", "in0")}");
    }

    [Fact]
    public void SettingsOnASubNetlistAreForwardedAsSaxForwardsThem()
    {
        string indented = string.Join("\n", MziBody.Split('\n').Select(l => "  " + l));
        string Netlist(string m1) => $"""
            mzi:
            {indented}
            arms:
              instances:
                a: mzi
                b: {"{"}component: mzi, settings: {"{"}top: {"{"}length: 5.0{"}"}{"}"}{"}"}
              connections:
                a,out0: b,in0
              ports:
                in0: a,in0
                out0: b,out0
            top_level:
              instances:
                m1: {m1}
              ports:
                in0: m1,in0
                out0: m1,out0
            """;
        Complex Arms(double top, double bottom, double lambdaUm = 1.55) =>
            0.5 * Straight(lambdaUm, bottom) - 0.5 * Straight(lambdaUm, top);
        // A key naming no instance reaches every model inside that takes it, at any depth, over the instances' own
        // values (SAX's update_settings): both MZIs get arms of 30 µm, b's own top included.
        var both = RunSax(Netlist("{component: arms, settings: {length: 30.0}}")).Document["results"]![0]!;
        Assert.True(Complex.Abs(S(both, 0, "out0", "in0") - Arms(30, 30) * Arms(30, 30)) < 1e-12, $"{S(both, 0, "out0", "in0")}");
        // A key naming an instance sets that instance only; nested further, it reaches an instance of an instance.
        var one = RunSax(Netlist("{component: arms, settings: {a: {top: {length: 40.0}}, b: {btm: {neff: 2.5}}}}")).Document["results"]![0]!;
        Complex bArm = 0.5 * Complex.FromPolarCoordinates(1, 2 * Math.PI * (2.5 - 0 * (3.4 - 2.5)) * 15 / 1.55) - 0.5 * Straight(1.55, 5);
        Assert.True(Complex.Abs(S(one, 0, "out0", "in0") - Arms(40, 15) * bArm) < 1e-12, $"{S(one, 0, "out0", "in0")}");
        // A forwarded value the model refuses is reported at the setting that forwards it, with the path it reaches by.
        var refused = Problems(Netlist("{component: arms, settings: {coupling: 1.5}}"));
        Assert.Equal(4, refused.Count(e => e.Severity == Severity.Error && e.Message.Contains("1.5 is out of range", StringComparison.Ordinal)));
        Assert.Contains(refused, e => e.Key == "instances.m1.settings.b.rgt.coupling" && e.Mark.Line == 28);
    }

    [Fact]
    public void SaxsPortNamesInBothStrategiesAndItsMmiAndCrossingConventionsAreKept()
    {
        // mmi2x2 (SAX defaults: 0.3 dB): in0 goes straight to out1 (real) and across to out0 (×i); crossing_ideal sends
        // o1 → o3 and o2 → o4; phase_shifter: e^{i(2π·neff·L/λ + π·voltage)}·10^(−loss·L/20).
        string yaml = """
            instances:
              m: mmi2x2
              x: crossing_ideal
              p: {component: phase_shifter, settings: {voltage: 0.5, length: 20, loss: 0.01}}
            connections:
              p,o2: x,o1
            ports:
              a: m,in0
              b: m,in1
              c: m,out0
              d: m,out1
              e: x,o2
              f: x,o3
              g: x,o4
              h: p,o1
            """;
        var result = RunSax(yaml).Document["results"]![0]!;
        double a = Math.Pow(10, -0.3 / 20) / Math.Sqrt(2);
        Assert.True(Complex.Abs(S(result, 0, "d", "a") - a) < 1e-14);
        Assert.True(Complex.Abs(S(result, 0, "c", "a") - new Complex(0, a)) < 1e-14);
        Assert.True(Complex.Abs(S(result, 0, "c", "b") - a) < 1e-14);
        var phase = Complex.FromPolarCoordinates(Math.Pow(10, -0.01 * 20 / 20), 2 * Math.PI * 2.34 * 20 / 1.55 + Math.PI / 2);
        Assert.True(Complex.Abs(S(result, 0, "f", "h") - phase) < 1e-12, $"{S(result, 0, "f", "h")} against {phase}");
        Assert.True(Complex.Abs(S(result, 0, "g", "e") - 1) < 1e-14);
        Assert.True(Complex.Abs(S(result, 0, "g", "h")) < 1e-14);
    }

    [Fact]
    public void WhatCannotBeReadIsAnErrorNamingItAndTheWavelengthFlag()
    {
        var noWavelength = Problems(MziBody, NetlistReadOptions.Default);
        Assert.Contains(noWavelength, e => e.Key == "--wavelength-nm" && e.Message.Contains("--sweep", StringComparison.Ordinal));

        var unknown = Problems(MziBody.Replace("component: straight, settings: {length: 25.0}", "component: straigt, settings: {length: 25.0}"));
        Assert.Contains(unknown, e => e.Key == "instances.top.component" && e.Message.Contains("did you mean 'straight'", StringComparison.Ordinal));

        var unsupported = Problems(MziBody.Replace("lft: {component: coupler_ideal}", "lft: {component: circulator}"));
        Assert.Contains(unsupported, e => e.Key == "instances.lft.component" && e.Message.Contains("gain", StringComparison.Ordinal));

        // Forced to be read as gdsfactory's, SAX's model names are cells gdsfactory does not have.
        var gds = Problems(MziBody, new NetlistReadOptions(NetlistFormat.Gdsfactory, 1550));
        Assert.Contains(gds, e => e.Key == "instances.lft.component" && e.Message.Contains("'coupler_ideal' has no PhotonicKit model", StringComparison.Ordinal));
    }

    [Fact]
    public void CommandLineWavelengthsOverrideAPhotonicKitFilesOwnAndBadFlagsAreErrors()
    {
        using var h = new ToolHarness();
        string file = h.Write("mzi.yaml", Netlists.Mzi(analyses: "  - {type: smatrix}"));
        var (code, _, err) = h.Run("run", file, "--wavelength-nm", "1540.5", "--json", h.PathOf("out.json"));
        Assert.True(code == 0, err);
        var result = JsonNode.Parse(File.ReadAllText(h.PathOf("out.json")))!["results"]![0]!;
        Assert.Equal(1540.5, (double)result["wavelength_nm"]![0]!);

        var (code2, _, err2) = h.Run("run", file, "--sweep", "1540:1560:5", "--json", h.PathOf("sweep.json"));
        Assert.True(code2 == 0, err2);
        var swept = JsonNode.Parse(File.ReadAllText(h.PathOf("sweep.json")))!["results"]![0]!;
        Assert.Equal([1540.0, 1545, 1550, 1555, 1560], swept["wavelength_nm"]!.AsArray().Select(x => (double)x!).ToArray());

        foreach (var (args, key) in new[]
        {
            (new[] { "--sweep", "1540-1560" }, "--sweep"),
            (new[] { "--wavelength-nm", "-3" }, "--wavelength-nm"),
            (new[] { "--from", "saxx" }, "--from"),
        })
        {
            var (c, output, e) = h.Run(["run", file, .. args, "--json", h.PathOf("bad.json")]);
            Assert.Equal(1, c);
            Assert.Contains($"error: {key}:", e);
            Assert.False(File.Exists(h.PathOf("bad.json")));
            Assert.Equal("", output);
        }
        var (vc, vout, verr) = h.Run("validate", DataFile("sax-mzi.yml"), "--wavelength-nm", "1550");
        Assert.True(vc == 0, verr);
        Assert.Contains("valid (4 instances", vout);
    }
}
