using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using PhotonicKit.Tests.Tool;
using YamlDotNet.RepresentationModel;

namespace PhotonicKit.Tests.Interop;

/// <summary>
/// Circuits from gdsfactory's netlist regression data (files in Interop/data, sources in the README there), each run as a
/// user runs it — as it is, or with a models map where a cell is given by its geometry alone — and checked against the
/// response computed here from the file itself: the lengths of its straights and bends traced through its nets with an
/// independent YAML reader, PhotonicKit's waveguide, mmi1x2, coupler and grating formulas written out.
/// </summary>
public class GdsfactoryCircuitTests
{
    private static readonly double InvSqrt2 = 1 / Math.Sqrt(2);

    private static Complex Waveguide(double lambdaNm, double lambda0Nm, double lengthUm) => InteropData.Waveguide(lambdaNm, lambda0Nm, lengthUm);

    /// <summary>A get_netlist() file as this test reads it: each instance's cell, settings and info, the nets both ways, the ports.</summary>
    private sealed record Netlist(
        Dictionary<string, string> Cell,
        Dictionary<string, YamlMappingNode> Settings,
        Dictionary<string, YamlMappingNode> Info,
        Dictionary<string, string> Partner,
        Dictionary<string, string> Ports)
    {
        /// <summary>The port's external name, if the file's ports name it.</summary>
        public string? PortAt(string at) => Ports.FirstOrDefault(p => p.Value == at).Key;

        public double Number(YamlMappingNode node, string key) =>
            double.Parse(((YamlScalarNode)node[key]).Value!, CultureInfo.InvariantCulture);

        /// <summary>The optical length of a straight (its length setting) or a bend (its info.length); null for other cells.</summary>
        public double? Length(string instance) => Cell[instance] switch
        {
            "straight" => Number(Settings[instance], "length"),
            var c when c.StartsWith("bend_", StringComparison.Ordinal) => Number(Info[instance], "length"),
            _ => null,
        };
    }

    private static Netlist Read(string name)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(InteropData.File(name))) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var netlist = new Netlist([], [], [], [], []);
        foreach (var (key, value) in ((YamlMappingNode)root["instances"]).Children)
        {
            string instance = ((YamlScalarNode)key).Value!;
            var body = (YamlMappingNode)value;
            netlist.Cell[instance] = ((YamlScalarNode)body["component"]).Value!;
            netlist.Settings[instance] = body.Children.TryGetValue("settings", out var s) ? (YamlMappingNode)s : new YamlMappingNode();
            netlist.Info[instance] = body.Children.TryGetValue("info", out var i) ? (YamlMappingNode)i : new YamlMappingNode();
        }
        foreach (var net in ((YamlSequenceNode)root["nets"]).Children.Cast<YamlMappingNode>())
        {
            string a = ((YamlScalarNode)net["p1"]).Value!, b = ((YamlScalarNode)net["p2"]).Value!;
            netlist.Partner[a] = b;
            netlist.Partner[b] = a;
        }
        if (root["ports"] is YamlMappingNode ports)
            foreach (var (key, value) in ports.Children)
                netlist.Ports[((YamlScalarNode)key).Value!] = ((YamlScalarNode)value).Value!;
        return netlist;
    }

    /// <summary>
    /// From the port <paramref name="from"/> ("instance,port"), out through the straights and bends joined to it: their total
    /// length and where the chain ends — the port of another cell it meets, or the file's port name when it leaves the circuit.
    /// </summary>
    private static (double Length, string End, bool External) Trace(Netlist n, string from)
    {
        double total = 0;
        string at = from;
        while (true)
        {
            if (n.PortAt(at) is { } port) return (total, port, true);
            at = n.Partner[at];
            string instance = at[..at.IndexOf(',', StringComparison.Ordinal)];
            if (n.Length(instance) is not double l) return (total, at, false);
            total += l;
            at = instance + (at.EndsWith(",o1", StringComparison.Ordinal) ? ",o2" : ",o1");
        }
    }

    /// <summary>
    /// Every path from an mmi1x2's input o1 forward through waveguides and further mmi1x2s (o1 → o2 and o1 → o3, each
    /// 1/√2) to the file's ports: port → (amplitude, length).
    /// </summary>
    private static Dictionary<string, (double Amplitude, double Length)> Tree(Netlist n, string mmi, double amplitude, double length)
    {
        var found = new Dictionary<string, (double, double)>();
        foreach (var output in new[] { ",o2", ",o3" })
        {
            var (l, end, external) = Trace(n, mmi + output);
            if (external) found[end] = (amplitude * InvSqrt2, length + l);
            else
            {
                Assert.EndsWith(",o1", end);
                string next = end[..^3];
                Assert.Equal("mmi1x2", n.Cell[next]);
                foreach (var (k, v) in Tree(n, next, amplitude * InvSqrt2, length + l)) found[k] = v;
            }
        }
        return found;
    }

    private static JsonNode Run(ToolHarness h, string file, string[] sweep, string? map = null)
    {
        var args = new List<string> { "run", InteropData.File(file) };
        args.AddRange(sweep);
        if (map is not null) args.AddRange(["--models", map]);
        args.AddRange(["--json", h.PathOf("out.json")]);
        var (code, _, err) = h.Run([.. args]);
        Assert.True(code == 0, err);
        Assert.Contains("read as gdsfactory's get_netlist() output", err);
        return JsonNode.Parse(File.ReadAllText(h.PathOf("out.json")))!["results"]![0]!;
    }

    private static double[] Wavelengths(JsonNode result) => result["wavelength_nm"]!.AsArray().Select(x => (double)x!).ToArray();

    private static void Near(Complex expected, Complex actual, string what) =>
        Assert.True(Complex.Abs(actual - expected) < 1e-12, $"{what}: {actual} against {expected}");

    /// <summary>A splitter of mmi1x2s: each of the file's outputs is (1/√2)^(splitters passed) e^{iφ} of its traced path.</summary>
    private static void CheckSplitter(string file, int outputs)
    {
        var n = Read(file);
        string inputPort = n.Ports.Keys.First();
        string input = n.Ports[inputPort];
        Assert.EndsWith(",o1", input);
        string first = input[..^3];
        Assert.Equal("mmi1x2", n.Cell[first]);
        var paths = Tree(n, first, 1, 0);
        Assert.Equal(outputs, paths.Count);
        Assert.Equal(n.Ports.Count - 1, paths.Count);
        using var h = new ToolHarness();
        var result = Run(h, file, ["--sweep", "1540:1560:5"]);
        var wavelengths = Wavelengths(result);
        for (int k = 0; k < wavelengths.Length; k++)
            foreach (var (port, (amplitude, length)) in paths)
            {
                var expected = amplitude * Waveguide(wavelengths[k], 1550, length);
                Near(expected, InteropData.S(result, k, port, inputPort), $"{file} {inputPort} → {port} at {wavelengths[k]} nm");
                Near(expected, InteropData.S(result, k, inputPort, port), $"{file} {port} → {inputPort} at {wavelengths[k]} nm");
            }
    }

    [Fact]
    public void ASplitterChainGivesEachOutputItsSplitsAndItsTracedPath()
    {
        // Three mmi1x2 in a chain joined by bend_s: o2 after one split, o3 after two, o4 and o5 after three.
        CheckSplitter("gdsfactory-splitter_chain.yml", 4);
    }

    [Fact]
    public void ASplitterTreeGivesItsFourOutputsAQuarterOfThePowerWithTheirTracedPhases()
    {
        CheckSplitter("gdsfactory-splitter_tree.yml", 4);
    }

    [Fact]
    public void AnMmiWithExtendedPortsIsTheMmiBehindItsExtensions()
    {
        // extend_ports puts a 5 µm straight on each port of an mmi1x2: the file's input o1 is the far end of one of them.
        var n = Read("gdsfactory-extend_ports.yml");
        string extension = n.Ports["o1"][..n.Ports["o1"].IndexOf(',', StringComparison.Ordinal)];
        Assert.Equal("straight", n.Cell[extension]);
        var (beyond, mmiPort, external) = Trace(n, extension + (n.Ports["o1"].EndsWith(",o1", StringComparison.Ordinal) ? ",o2" : ",o1"));
        Assert.False(external);
        double inLength = n.Length(extension)!.Value + beyond;
        Assert.EndsWith(",o1", mmiPort);
        string mmi = mmiPort[..^3];
        var outputs = new Dictionary<string, double>();
        foreach (var output in new[] { ",o2", ",o3" })
        {
            var (l, port, ext) = Trace(n, mmi + output);
            Assert.True(ext);
            outputs[port] = inLength + l;
        }
        Assert.Equal(2, outputs.Count);
        using var h = new ToolHarness();
        var result = Run(h, "gdsfactory-extend_ports.yml", ["--sweep", "1500:1600:11"]);
        var wavelengths = Wavelengths(result);
        for (int k = 0; k < wavelengths.Length; k++)
            foreach (var (port, length) in outputs)
                Near(InvSqrt2 * Waveguide(wavelengths[k], 1550, length), InteropData.S(result, k, port, "o1"), $"o1 → {port} at {wavelengths[k]} nm");
    }

    [Fact]
    public void ASnakeDelayLineIsOneWaveguideOfItsTracedLength()
    {
        // delay_snake_sbend: two 180° Euler bends, an S-bend and two straights in one chain from o1 to o2.
        var n = Read("gdsfactory-delay_snake_sbend.yml");
        // The file's o1 is a port of the first bend itself: the chain goes on from that bend's other port.
        string first = n.Ports["o1"][..n.Ports["o1"].IndexOf(',', StringComparison.Ordinal)];
        string from = n.Ports["o1"].EndsWith(",o1", StringComparison.Ordinal) ? first + ",o2" : first + ",o1";
        var (rest, end, external) = Trace(n, from);
        Assert.True(external);
        Assert.Equal("o2", end);
        double total = n.Length(first)!.Value + rest;
        Assert.Equal(n.Cell.Count, n.Cell.Keys.Count(i => n.Length(i) is not null));
        using var h = new ToolHarness();
        var result = Run(h, "gdsfactory-delay_snake_sbend.yml", ["--sweep", "1540:1560:9"]);
        var wavelengths = Wavelengths(result);
        for (int k = 0; k < wavelengths.Length; k++)
        {
            Near(Waveguide(wavelengths[k], 1550, total), InteropData.S(result, k, "o2", "o1"), $"o1 → o2 at {wavelengths[k]} nm");
            Near(Complex.Zero, InteropData.S(result, k, "o1", "o1"), $"o1 → o1 at {wavelengths[k]} nm");
        }
    }

    [Fact]
    public void ALoopMirrorReflectsItsInputWithThePhaseOfItsLoop()
    {
        // An mmi1x2 whose outputs are joined by a loop of straights and bends: each way round is (1/√2)·e^{iφ}·(1/√2), and
        // the two add up at the input, r = e^{iφ} of the loop.
        var n = Read("gdsfactory-loop_mirror.yml");
        string input = n.Ports["o1"];
        string mmi = input[..^3];
        Assert.Equal("mmi1x2", n.Cell[mmi]);
        var (loop, end, external) = Trace(n, mmi + ",o2");
        Assert.False(external);
        Assert.Equal(mmi + ",o3", end);
        Assert.Equal(loop, Trace(n, mmi + ",o3").Length, 12);
        using var h = new ToolHarness();
        var result = Run(h, "gdsfactory-loop_mirror.yml", ["--sweep", "1540:1560:9"]);
        var wavelengths = Wavelengths(result);
        for (int k = 0; k < wavelengths.Length; k++)
            Near(2 * InvSqrt2 * InvSqrt2 * Waveguide(wavelengths[k], 1550, loop), InteropData.S(result, k, "o1", "o1"), $"o1 → o1 at {wavelengths[k]} nm");
    }

    [Fact]
    public void ADoubleRingWithItsCouplersMappedToACircuitIsTheAddDropRingOfItsOwnLengths()
    {
        // ring_double: two coupler_ring joined on their ring side by two straights. Each coupler_ring is mapped to a point
        // coupler (coupling 0.1) with the coupler's own ring-side lengths: length_x before it, an arc of its radius after.
        // Half the ring from the first coupler to the second is then the arc, the traced straight and the second's
        // length_x (h1), and back likewise (h2); through = t(1 − h1h2)/(1 − t²h1h2), drop = −κ²h1/(1 − t²h1h2).
        var n = Read("gdsfactory-ring_double.yml");
        var (a, aBus) = (n.Ports["o1"][..^3], n.Ports["o1"][^2..]);
        Assert.Equal("o1", aBus);
        Assert.Equal(a + ",o4", n.Ports["o2"]);
        string b = n.Ports["o3"][..^3];
        Assert.Equal(b + ",o4", n.Ports["o3"]);
        Assert.Equal("coupler_ring", n.Cell[a]);
        Assert.Equal("coupler_ring", n.Cell[b]);
        var (l1, end1, _) = Trace(n, a + ",o3");
        var (l2, end2, _) = Trace(n, b + ",o3");
        Assert.Equal(b + ",o2", end1);
        Assert.Equal(a + ",o2", end2);
        double half1 = n.Number(n.Info[a], "radius") + l1 + n.Number(n.Settings[b], "length_x");
        double half2 = n.Number(n.Info[b], "radius") + l2 + n.Number(n.Settings[a], "length_x");
        using var h = new ToolHarness();
        string map = h.Write("map.yaml", InteropData.CouplerRingCircuitMap);
        var result = Run(h, "gdsfactory-ring_double.yml", ["--sweep", "1545:1555:21"], map);
        var wavelengths = Wavelengths(result);
        double t = Math.Sqrt(0.9), kappa2 = 0.1;
        for (int k = 0; k < wavelengths.Length; k++)
        {
            Complex h1 = Waveguide(wavelengths[k], 1550, half1), h2 = Waveguide(wavelengths[k], 1550, half2);
            var denominator = 1 - t * t * h1 * h2;
            Near(t * (1 - h1 * h2) / denominator, InteropData.S(result, k, "o2", "o1"), $"through at {wavelengths[k]} nm");
            Near(-kappa2 * h1 / denominator, InteropData.S(result, k, "o3", "o1"), $"drop at {wavelengths[k]} nm");
            Near(Complex.Zero, InteropData.S(result, k, "o4", "o1"), $"add port at {wavelengths[k]} nm");
        }
    }

    [Fact]
    public void GratingCouplersAreRefusedByGeometryAndNamedWithWhatToMapThemTo()
    {
        using var h = new ToolHarness();
        var (code, output, err) = h.Run("run", InteropData.File("gdsfactory-grating_coupler_loss.yml"), "--wavelength-nm", "1550");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Matches(@"gdsfactory-grating_coupler_loss\.yml:\d+:\d+: error: instances\.grating_coupler_elliptical_trenches_[^ ]*\.component: gdsfactory's 'grating_coupler_elliptical_trenches' is given by its geometry \(period, fill, taper\), which does not fix its efficiency or passband: PhotonicKit does not guess them; used by 8 instances", err);
        Assert.Contains("map it with --models FILE.yaml to the built-in grating_coupler with your measured peak_efficiency, center_nm and bandwidth_3db_nm (ports: {o1: wg}", err);
        // The built-in named there has these settings and these ports.
        var (code2, components, _) = h.Run("components", "grating_coupler");
        Assert.Equal(0, code2);
        Assert.Contains("ports: wg, fiber", components);
        foreach (var setting in new[] { "peak_efficiency", "center_nm", "bandwidth_3db_nm" })
            Assert.Matches($@"(?m)^\s+{setting}\b", components);
    }

    [Fact]
    public void AGratingLossStructureMappedToMeasuredGratingsIsEachLoopbackBetweenTwoFibers()
    {
        // grating_coupler_loss: four loopbacks of different lengths, each between two grating couplers, and no ports. The
        // map gives the gratings a measured efficiency and passband; their fiber ports, which the file does not name,
        // become the circuit's ports "{instance}_fiber". Fiber to fiber is then g·e^{iφ}·g/(1 − r²e^{i2φ}) with the
        // gratings' waveguide-side reflection r = i·10^(−25/20) and g = √(η exp(−4 ln2 (λ − λc)²/Δλ²)).
        var n = Read("gdsfactory-grating_coupler_loss.yml");
        var gratings = n.Cell.Where(c => c.Value == "grating_coupler_elliptical_trenches").Select(c => c.Key).ToList();
        Assert.Equal(8, gratings.Count);
        Assert.Empty(n.Ports);
        var loopbacks = new Dictionary<string, (string Other, double Length)>();
        foreach (var g in gratings)
        {
            var (l, end, external) = Trace(n, g + ",o1");
            Assert.False(external);
            Assert.EndsWith(",o1", end);
            loopbacks[g] = (end[..^3], l);
        }
        Assert.Equal(4, loopbacks.Values.Select(v => Math.Round(v.Length, 6)).Distinct().Count());
        using var h = new ToolHarness();
        string map = h.Write("map.yaml", """
            cells:
              grating_coupler_elliptical_trenches:
                component: grating_coupler
                ports: {o1: wg}
                settings: {peak_efficiency: 0.35, center_nm: 1530, bandwidth_3db_nm: 32, back_reflection_db: -25}
            """);
        var args = new[] { "run", InteropData.File("gdsfactory-grating_coupler_loss.yml"), "--sweep", "1510:1550:9", "--models", map, "--json", h.PathOf("out.json") };
        var (code, _, err) = h.Run(args);
        Assert.True(code == 0, err);
        Assert.Contains("8 grating coupler fiber ports that the file neither connects nor names are ports of the circuit", err);
        var result = JsonNode.Parse(File.ReadAllText(h.PathOf("out.json")))!["results"]![0]!;
        Assert.Equal(8, result["ports"]!.AsArray().Count);
        var wavelengths = Wavelengths(result);
        var r = new Complex(0, Math.Pow(10, -25.0 / 20));
        for (int k = 0; k < wavelengths.Length; k++)
        {
            double lambda = wavelengths[k];
            double g = Math.Sqrt(0.35 * Math.Exp(-4 * Math.Log(2) * (lambda - 1530) * (lambda - 1530) / (32.0 * 32.0)));
            foreach (var (from, (to, length)) in loopbacks)
            {
                var e = Waveguide(lambda, 1530, length);
                var denominator = 1 - r * r * e * e;
                Near(g * e * g / denominator, InteropData.S(result, k, to + "_fiber", from + "_fiber"), $"{from} → {to} at {lambda} nm");
                Near(r + g * e * r * e * g / denominator, InteropData.S(result, k, from + "_fiber", from + "_fiber"), $"{from} reflection at {lambda} nm");
                foreach (var other in gratings.Where(o => o != from && o != to))
                    Near(Complex.Zero, InteropData.S(result, k, other + "_fiber", from + "_fiber"), $"{from} → {other} at {lambda} nm");
            }
        }
    }

    [Fact]
    public void ATemplatedSchematicIsRefusedAtItsDefaultSettings()
    {
        // mzi_lattice_filter.pic.yml takes delta_length from default_settings, which gdsfactory fills in when it builds
        // the circuit: the file does not hold the settings, and the error says to run the built circuit's netlist.
        using var h = new ToolHarness();
        var (code, output, err) = h.Run("run", InteropData.File("gdsfactory-mzi_lattice_filter.pic.yml"), "--wavelength-nm", "1550");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Matches(@"gdsfactory-mzi_lattice_filter\.pic\.yml:1:1: error: default_settings: a templated \.pic\.yml schematic: gdsfactory fills its instances' settings from default_settings when it builds the circuit, so this file does not hold them; build it with gdsfactory and run the built circuit's get_netlist\(\) output", err);
        Assert.DoesNotContain("unknown key 'default_settings'", err);
        Assert.DoesNotContain("required key 'photonickit'", err);
    }

    /// <summary>
    /// A schematic as this test reads it: each instance's cell and length setting, the links (a .pic.yml's routes, a
    /// schematic's nets as pairs) both ways, and the ports.
    /// </summary>
    private static (Dictionary<string, string> Cell, Dictionary<string, double> Length, Dictionary<string, string> Link, Dictionary<string, string> Ports) ReadSchematic(string name)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(InteropData.File(name))) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var cell = new Dictionary<string, string>();
        var length = new Dictionary<string, double>();
        foreach (var (key, value) in ((YamlMappingNode)root["instances"]).Children)
        {
            string instance = ((YamlScalarNode)key).Value!;
            var body = (YamlMappingNode)value;
            cell[instance] = ((YamlScalarNode)body["component"]).Value!;
            if (body.Children.TryGetValue("settings", out var settings) && ((YamlMappingNode)settings).Children.TryGetValue("length", out var l))
                length[instance] = double.Parse(((YamlScalarNode)l).Value!, CultureInfo.InvariantCulture);
        }
        var link = new Dictionary<string, string>();
        void Add(string a, string b)
        {
            link[a] = b;
            link[b] = a;
        }
        if (root.Children.TryGetValue("routes", out var routes))
            foreach (var route in ((YamlMappingNode)routes).Children.Values.Cast<YamlMappingNode>())
                foreach (var (a, b) in ((YamlMappingNode)route["links"]).Children)
                    Add(((YamlScalarNode)a).Value!, ((YamlScalarNode)b).Value!);
        if (root.Children.TryGetValue("nets", out var nets))
            foreach (var pair in ((YamlSequenceNode)nets).Children.Cast<YamlSequenceNode>())
                Add(((YamlScalarNode)pair[0]).Value!, ((YamlScalarNode)pair[1]).Value!);
        var ports = ((YamlMappingNode)root["ports"]).Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);
        return (cell, length, link, ports);
    }

    /// <summary>
    /// gplugins' schematic-driven-layout MZI, as a .pic.yml (routes) and as a schematic (nets as pairs): an mmi1x2 whose
    /// outputs reach an mmi2x2's inputs through one straight each. With the links direct, each output is
    /// Σ (1/√2)·e^{iφ(L)}·m, m = 1/√2 from o1 to o3 and o2 to o4, i/√2 across (gdsfactory's mmi2x2 as SAX simulates it).
    /// </summary>
    [Theory]
    [InlineData("gplugins-sdl_demo.pic.yml", "route links are read as direct connections", ".pic.yml schematic")]
    [InlineData("gplugins-test.schem.yml", "nets of a schematic are read as direct connections", "schematic")]
    public void GpluginsSchematicMziIsItsTwoStraightsBetweenItsMmis(string file, string warning, string kind)
    {
        var (cell, length, link, ports) = ReadSchematic(file);
        string splitter = ports["o1"][..^3];
        Assert.Equal("mmi1x2", cell[splitter]);
        var arms = new List<(double Length, string CombinerInput)>();
        foreach (var output in new[] { ",o2", ",o3" })
        {
            string at = link[splitter + output];
            string straight = at[..at.IndexOf(',', StringComparison.Ordinal)];
            Assert.Equal("straight", cell[straight]);
            string far = straight + (at.EndsWith(",o1", StringComparison.Ordinal) ? ",o2" : ",o1");
            arms.Add((length[straight], link[far]));
        }
        string combiner = arms[0].CombinerInput[..^3];
        Assert.Equal("mmi2x2", cell[combiner]);
        Assert.NotEqual(arms[0].Length, arms[1].Length);
        Complex Mmi2x2(string input, string output) =>
            (input[^2..], output[^2..]) is ("o1", "o3") or ("o2", "o4") ? new Complex(InvSqrt2, 0) : new Complex(0, InvSqrt2);

        using var h = new ToolHarness();
        var (code, _, err) = h.Run("run", InteropData.File(file), "--sweep", "1530:1570:9", "--json", h.PathOf("out.json"));
        Assert.True(code == 0, err);
        Assert.Contains($"read as gdsfactory's {kind} (4 instances", err);
        Assert.Contains(warning, err);
        var result = JsonNode.Parse(File.ReadAllText(h.PathOf("out.json")))!["results"]![0]!;
        var wavelengths = Wavelengths(result);
        for (int k = 0; k < wavelengths.Length; k++)
            foreach (var port in new[] { "o2", "o3" })
            {
                Assert.StartsWith(combiner + ",", ports[port]);
                var expected = arms.Aggregate(Complex.Zero, (sum, arm) =>
                    sum + InvSqrt2 * Waveguide(wavelengths[k], 1550, arm.Length) * Mmi2x2(arm.CombinerInput, ports[port]));
                Near(expected, InteropData.S(result, k, port, "o1"), $"{file} o1 → {port} at {wavelengths[k]} nm");
            }
    }
}
