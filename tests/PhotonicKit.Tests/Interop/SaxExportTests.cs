using System.Numerics;
using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Running;
using PhotonicKit.Tests.Tool;

namespace PhotonicKit.Tests.Interop;

/// <summary>
/// `photonickit export FILE --to sax`: the flattened circuit as a SAX netlist whose S-matrix, read back with SAX's models
/// (whose mapping <see cref="SaxImportTests"/> checks against SAX's formulas), equals the original's.
/// </summary>
public class SaxExportTests
{
    private const string Circuit = """
        photonickit: 1
        wavelength_nm: 1550
        models:
          arm:
            instances:
              wg: {component: waveguide, settings: {length_um: 30, loss_db_per_cm: 2}}
              ps: {component: phase_shifter, settings: {phase_rad: 0.7, loss_db: 0.1}}
            connections: {"wg,o2": "ps,o1"}
            ports: {o1: "wg,o1", o2: "ps,o2"}
        instances:
          s1: {component: mmi1x2, settings: {loss_db: 0.2}}
          top: arm
          bot: {component: delay_line, settings: {delay_ps: 0.05, loss_db: 0.3}}
          bs: {component: beam_splitter, settings: {coupling: 0.3, loss_db: 0.5}}
          ring: {component: ring_add_drop, settings: {length_um: 60, coupling: 0.1, coupling_drop: 0.2, loss_db_per_cm: 3}}
          dc: {component: directional_coupler, settings: {coupling: 0.4, wavelength0_nm: 1545}}
          at: {component: attenuator, settings: {loss_db: 1}}
          m2: mmi2x2
          rap: {component: ring_all_pass, settings: {length_um: 40, coupling: 0.05, n_eff: 2.3, n_g: 4.0, wavelength0_nm: 1555}}
          iso: {component: isolator, settings: {insertion_loss_db: 0.4, isolation_db: 12}}
          end: {component: terminator, settings: {reflectivity: 0.09}}
          dsp: {component: dispersive_coupler, settings: {length_um: 12, phase0_rad: 0.3, phase_slope_per_um: 1.5, phase_curvature_per_um2: 4, delta_n: 0.03, delta_n_slope_per_um: 0.1, delta_n_curvature_per_um2: 0.5, loss_db: 0.2}}
        connections:
          "s1,out0": "top,o1"
          "s1,out1": "bot,o1"
          "top,o2": "bs,in0"
          "bot,o2": "bs,in1"
          "bs,out0": "ring,in0"
          "ring,drop": "dc,in0"
          "dc,out0": "at,o1"
          "at,o2": "iso,o1"
          "iso,o2": "m2,in0"
          "m2,out1": "rap,in0"
          "rap,out0": "dsp,in0"
          "dsp,in1": "end,o1"
        ports: {a: "s1,in0", b: "bs,out1", c: "ring,out0", d: "ring,add", e: "dc,in1", f: "dc,out1", g: "m2,in1", h: "m2,out0", i: "dsp,out0", j: "dsp,out1"}
        analyses:
          - {type: smatrix, sweep: {start_nm: 1540, stop_nm: 1560, points: 21}}
        """;

    [Fact]
    public void AnExportedCircuitReadBackHasTheSameSMatrix()
    {
        using var h = new ToolHarness();
        string file = h.Write("circuit.yaml", Circuit);
        var (code, _, err) = h.Run("export", file, "--to", "sax", "--output", h.PathOf("circuit.json"));
        Assert.True(code == 0, err);
        var exported = JsonNode.Parse(File.ReadAllText(h.PathOf("circuit.json")))!.AsObject();
        Assert.Equal(["instances", "connections", "ports"], exported.Select(kv => kv.Key).ToArray());
        // Only SAX's own models, with their own settings.
        var models = exported["instances"]!.AsObject().Select(kv => (string)kv.Value!["component"]!).ToHashSet();
        Assert.Subset(new HashSet<string> { "straight", "phase_shifter", "attenuator", "coupler_ideal", "mmi1x2_ideal", "coupler", "terminator", "isolator" }, models);

        var original = NetlistRunner.Run(Circuit, "circuit.yaml").Document["results"]![0]!;
        var bag = new DiagnosticBag("circuit.json");
        var prepared = NetlistRunner.Prepare(File.ReadAllText(h.PathOf("circuit.json")), "circuit.json", [], false, bag, new NetlistReadOptions(Sweep: new SweepOverride(1540, 1560, 21)));
        Assert.True(prepared is not null, string.Join("\n", bag.All));
        var back = prepared!.Execute().Document["results"]![0]!;
        var ports = original["ports"]!.AsArray().Select(p => (string)p!).ToList();
        var backPorts = back["ports"]!.AsArray().Select(p => (string)p!).ToList();
        Assert.Equal(ports.Order(), backPorts.Order());
        double largest = 0;
        for (int k = 0; k < 21; k++)
            for (int o = 0; o < ports.Count; o++)
                for (int i = 0; i < ports.Count; i++)
                {
                    var a = new Complex((double)original["re"]![k]![o]![i]!, (double)original["im"]![k]![o]![i]!);
                    int bo = backPorts.IndexOf(ports[o]), bi = backPorts.IndexOf(ports[i]);
                    var b = new Complex((double)back["re"]![k]![bo]![bi]!, (double)back["im"]![k]![bo]![bi]!);
                    Assert.True(Complex.Abs(a - b) < 1e-13, $"S[{ports[o]}, {ports[i]}] at point {k}: {a} against {b} read back");
                    largest = Math.Max(largest, Complex.Abs(a));
                }
        Assert.True(largest > 0.5);
    }

    [Fact]
    public void WhatSaxCannotExpressIsAnErrorNamingTheInstance()
    {
        using var h = new ToolHarness();
        string file = h.Write("x.yaml", """
            photonickit: 1
            wavelength_nm: 1550
            instances:
              x: crossing
              g: grating_coupler
            connections: {"x,o3": "g,wg"}
            ports: {a: "x,o1", b: "x,o2", c: "x,o4", d: "g,fiber"}
            """);
        var (code, output, err) = h.Run("export", file, "--to", "sax");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Matches(@"x\.yaml:\d+:\d+: error: x: 'crossing' has no equivalent among SAX's models", err);
        Assert.Matches(@"x\.yaml:\d+:\d+: error: g: 'grating_coupler' has no equivalent", err);
        var (code2, _, err2) = h.Run("export", file, "--to", "saxx");
        Assert.Equal(1, code2);
        Assert.Contains("error: --to: 'saxx' is not a format export writes: expected sax", err2);
        // To the standard output when no file is given.
        string mzi = h.Write("mzi.yaml", Netlists.Mzi());
        var (code3, json, err3) = h.Run("export", mzi, "--to", "sax");
        Assert.True(code3 == 0, err3);
        Assert.NotNull(JsonNode.Parse(json)!["instances"]!["bs1"]);
    }
}
