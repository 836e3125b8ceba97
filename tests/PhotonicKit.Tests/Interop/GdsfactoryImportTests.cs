using System.Numerics;
using System.Text.Json.Nodes;
using PhotonicKit.Tests.Tool;
using YamlDotNet.RepresentationModel;

namespace PhotonicKit.Tests.Interop;

/// <summary>
/// gdsfactory's get_netlist() output read as it is (files in Interop/data, sources in the README there): each runs and gives
/// the transfer computed here from the file's own lengths, traced through its nets with an independent YAML reader.
/// </summary>
public class GdsfactoryImportTests
{
    private static string DataFile(string name) => InteropData.File(name);

    private static Complex S(JsonNode result, int k, string output, string input) => InteropData.S(result, k, output, input);

    private static Complex Waveguide(double lambdaNm, double lambda0Nm, double lengthUm) => InteropData.Waveguide(lambdaNm, lambda0Nm, lengthUm);

    /// <summary>S(o2 ← o1) of an all-pass ring at every wavelength of the result: (t − e^{iφ})/(1 − t e^{iφ}), t = √(1 − κ), φ of
    /// PhotonicKit's default waveguide of the loop's length, to 1e-12.</summary>
    private static void AssertAllPassRing(JsonNode result, double loopUm, double coupling)
    {
        var wavelengths = result["wavelength_nm"]!.AsArray().Select(x => (double)x!).ToArray();
        double t = Math.Sqrt(1 - coupling);
        for (int k = 0; k < wavelengths.Length; k++)
        {
            var e = Waveguide(wavelengths[k], 1550, loopUm);
            var expected = (t - e) / (1 - t * e);
            var actual = S(result, k, "o2", "o1");
            Assert.True(Complex.Abs(actual - expected) < 1e-12, $"λ = {wavelengths[k]}: {actual} against the all-pass ring {expected}");
        }
    }

    /// <summary>The file's instances' optical lengths (info.length of bends, the length setting of straights) and its nets.</summary>
    private static (Dictionary<string, double> Lengths, Dictionary<string, string> Partner) Read(string file)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(file)) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var lengths = new Dictionary<string, double>();
        foreach (var (key, value) in ((YamlMappingNode)root["instances"]).Children)
        {
            var instance = (YamlMappingNode)value;
            string cell = ((YamlScalarNode)instance["component"]).Value!;
            if (!cell.StartsWith("straight", StringComparison.Ordinal) && !cell.StartsWith("bend", StringComparison.Ordinal)) continue;
            var source = cell.StartsWith("bend", StringComparison.Ordinal) ? (YamlMappingNode)instance["info"] : (YamlMappingNode)instance["settings"];
            lengths[((YamlScalarNode)key).Value!] = double.Parse(((YamlScalarNode)source["length"]).Value!, System.Globalization.CultureInfo.InvariantCulture);
        }
        var partner = new Dictionary<string, string>();
        foreach (var net in ((YamlSequenceNode)root["nets"]).Children.Cast<YamlMappingNode>())
        {
            string a = ((YamlScalarNode)net["p1"]).Value!, b = ((YamlScalarNode)net["p2"]).Value!;
            partner[a] = b;
            partner[b] = a;
        }
        return (lengths, partner);
    }

    /// <summary>The length of the chain of two-port waveguides from <paramref name="start"/> until a port of another cell.</summary>
    private static (double Length, string End) Trace(string start, Dictionary<string, double> lengths, Dictionary<string, string> partner)
    {
        double total = 0;
        string at = partner[start];
        while (true)
        {
            string instance = at[..at.IndexOf(',', StringComparison.Ordinal)];
            if (!lengths.TryGetValue(instance, out double l)) return (total, at);
            total += l;
            string other = instance + (at.EndsWith(",o1", StringComparison.Ordinal) ? ",o2" : ",o1");
            at = partner[other];
        }
    }

    [Fact]
    public void GdsfactorysMziRunsAsItIsAndEqualsItsOwnArmLengths()
    {
        var (lengths, partner) = Read(DataFile("gdsfactory-mzi.yml"));
        var (upper, upperEnd) = Trace("cp1,o2", lengths, partner);
        var (lower, lowerEnd) = Trace("cp1,o3", lengths, partner);
        Assert.StartsWith("cp2,", upperEnd);
        Assert.StartsWith("cp2,", lowerEnd);
        Assert.True(Math.Abs(upper - lower) > 0.1, "the arms differ");

        using var h = new ToolHarness();
        var (code, _, err) = h.Run("run", DataFile("gdsfactory-mzi.yml"), "--sweep", "1540:1560:5", "--json", h.PathOf("out.json"));
        Assert.True(code == 0, err);
        Assert.Contains("read as gdsfactory's get_netlist() output (16 instances", err);
        Assert.Contains("settings not read (layout): ", err);
        var result = JsonNode.Parse(File.ReadAllText(h.PathOf("out.json")))!["results"]![0]!;
        var wavelengths = result["wavelength_nm"]!.AsArray().Select(x => (double)x!).ToArray();
        for (int k = 0; k < wavelengths.Length; k++)
        {
            // mmi1x2: 1/√2 to each output; the arms' waveguides at the file's wavelength (the sweep's centre).
            var expected = 0.5 * (Waveguide(wavelengths[k], 1550, upper) + Waveguide(wavelengths[k], 1550, lower));
            var actual = S(result, k, "o2", "o1");
            Assert.True(Complex.Abs(actual - expected) < 1e-12, $"λ = {wavelengths[k]}: {actual} against {expected}");
        }
    }

    [Fact]
    public void AStraightWithABendIsTheirTwoLengths()
    {
        using var h = new ToolHarness();
        var (code, _, err) = h.Run("run", DataFile("gdsfactory-straight_with_bend.yml"), "--wavelength-nm", "1550", "--json", h.PathOf("out.json"));
        Assert.True(code == 0, err);
        var result = JsonNode.Parse(File.ReadAllText(h.PathOf("out.json")))!["results"]![0]!;
        // straight 10 µm (its length setting) and bend_euler 16.637 µm (its info.length).
        Assert.True(Complex.Abs(S(result, 0, "o2", "o1") - Waveguide(1550, 1550, 10 + 16.637)) < 1e-12);
    }

    [Fact]
    public void ARingRunsWithItsCouplerMappedAndIsTheAllPassRingOfItsOwnLoop()
    {
        // The models map gives coupler_ring a coupling (a point coupler: bus o1 → o4, ring o2 → o3); the loop is the file's
        // straights and bends from o3 back to o2, whose length the test traces through the nets.
        var (lengths, partner) = Read(DataFile("gdsfactory-ring_single.yml"));
        string coupler = partner.Keys.First(k => k.StartsWith("coupler_ring", StringComparison.Ordinal))[..^3];
        var (loop, end) = Trace(coupler + ",o3", lengths, partner);
        Assert.Equal(coupler + ",o2", end);
        Assert.Equal(0.6 + 16.637 + 4 + 16.637 + 0.6, loop, 9);
        using var h = new ToolHarness();
        string map = h.Write("map.yaml", """
            cells:
              coupler_ring:
                component: directional_coupler
                ports: {o1: in0, o2: in1, o3: out1, o4: out0}
                settings: {coupling: 0.1}
            """);
        var (code, _, err) = h.Run("run", DataFile("gdsfactory-ring_single.yml"), "--sweep", "1549:1551:9", "--models", map, "--json", h.PathOf("out.json"));
        Assert.True(code == 0, err);
        AssertAllPassRing(JsonNode.Parse(File.ReadAllText(h.PathOf("out.json")))!["results"]![0]!, loop, coupling: 0.1);
    }

    [Fact]
    public void AModelsMapIsCheckedAndNamedInItsErrors()
    {
        using var h = new ToolHarness();
        string map = h.Write("map.yaml", """
            cells:
              coupler_ring:
                component: directional_couplr
                ports: {o1: in0}
              straight:
                component: waveguide
                ports: {o1: o1, o2: o3}
                settings: {length_um: "{lenght}"}
            """);
        var (code, _, err) = h.Run("run", DataFile("gdsfactory-ring_single.yml"), "--wavelength-nm", "1550", "--models", map);
        Assert.Equal(1, code);
        Assert.Matches(@"map\.yaml:3:16: error: cells\.coupler_ring\.component: 'directional_couplr' is not a built-in component \(did you mean 'directional_coupler'\?\)", err);
        Assert.Matches(@"map\.yaml:\d+:\d+: error: cells\.straight\.ports\.o2: 'waveguide' has no port 'o3'", err);
        // A reference the instance does not have names the instance, the cell and the map.
        string good = h.Write("good.yaml", """
            cells:
              straight:
                component: waveguide
                settings: {length_um: "{lenght}"}
            """);
        var (code2, _, err2) = h.Run("run", DataFile("gdsfactory-straight_with_bend.yml"), "--wavelength-nm", "1550", "--models", good);
        Assert.Equal(1, code2);
        Assert.Matches(@"gdsfactory-straight_with_bend\.yml:\d+:\d+: error: instances\.straight_L10[^:]*: the models map [^ ]*good\.yaml sets 'length_um' of cell 'straight' from ""\{lenght\}""", err2);
    }

    [Fact]
    public void ACellMappedToACircuitBecomesAModelWithItsPartsSettingsTakenPerInstance()
    {
        // gdsfactory's coupler_ring holds, on its ring side, the arcs and the straight of length_x between them. Mapped to a
        // circuit, a point coupler with a waveguide on each ring-side port (one of length_x from the instance, one of the
        // radius from its info plus a fixed arc), the ring is the all-pass ring of the traced loop plus both.
        var (lengths, partner) = Read(DataFile("gdsfactory-ring_single.yml"));
        string coupler = partner.Keys.First(k => k.StartsWith("coupler_ring", StringComparison.Ordinal))[..^3];
        double loop = Trace(coupler + ",o3", lengths, partner).Length;
        using var h = new ToolHarness();
        string map = h.Write("map.yaml", InteropData.CouplerRingCircuitMap);
        var (code, _, err) = h.Run("run", DataFile("gdsfactory-ring_single.yml"), "--sweep", "1549:1551:9", "--models", map, "--json", h.PathOf("out.json"));
        Assert.True(code == 0, err);
        AssertAllPassRing(JsonNode.Parse(File.ReadAllText(h.PathOf("out.json")))!["results"]![0]!, loop + 4 + 10, coupling: 0.1);

        // The circuit is checked when the map is read: a part that is not a built-in, a port it lacks, an unknown instance.
        string bad = h.Write("bad.yaml", """
            cells:
              coupler_ring:
                component: waveguide
                circuit:
                  instances:
                    c: {component: directional_coupler}
                    w: {component: wavguide}
                  connections: {"c,in7": "w,o1"}
                  ports: {o1: "x,in0"}
            """);
        var (code2, _, err2) = h.Run("run", DataFile("gdsfactory-ring_single.yml"), "--wavelength-nm", "1550", "--models", bad);
        Assert.Equal(1, code2);
        Assert.Matches(@"bad\.yaml:\d+:\d+: error: cells\.coupler_ring\.component: a cell mapped to a circuit takes no 'component'", err2);
        Assert.Matches(@"bad\.yaml:\d+:\d+: error: cells\.coupler_ring\.circuit\.instances\.w\.component: 'wavguide' is not a built-in component \(did you mean 'waveguide'\?\)", err2);
        Assert.Matches(@"bad\.yaml:\d+:\d+: error: cells\.coupler_ring\.circuit\.connections: 'c' has no port 'in7'", err2);
        Assert.Matches(@"bad\.yaml:\d+:\d+: error: cells\.coupler_ring\.circuit\.ports\.o1: 'x' is not an instance of this circuit", err2);
    }

    [Fact]
    public void CrossSectionsFromAModelsMapGiveTheWaveguidesTheirIndicesAndLoss()
    {
        // Every straight and bend of gdsfactory's MZI is cross_section: strip; the map gives strip its indices and loss,
        // fixed at 1550 nm. The MZI is then (a_u e^{iφ_u} + a_l e^{iφ_l})/2 with these, from the arms traced here.
        var (lengths, partner) = Read(DataFile("gdsfactory-mzi.yml"));
        double upper = Trace("cp1,o2", lengths, partner).Length, lower = Trace("cp1,o3", lengths, partner).Length;
        using var h = new ToolHarness();
        string map = h.Write("map.yaml", """
            cross_sections:
              strip: {n_eff: 2.44, n_g: 4.18, wavelength0_nm: 1550, loss_db_per_cm: 2}
            """);
        var (code, _, err) = h.Run("run", DataFile("gdsfactory-mzi.yml"), "--sweep", "1530:1570:9", "--models", map, "--json", h.PathOf("out.json"));
        Assert.True(code == 0, err);
        Assert.Contains("with the indices and loss of their cross-section from the models map (14 instances", err);
        var result = JsonNode.Parse(File.ReadAllText(h.PathOf("out.json")))!["results"]![0]!;
        var wavelengths = result["wavelength_nm"]!.AsArray().Select(x => (double)x!).ToArray();
        Complex Arm(double lambdaNm, double lengthUm)
        {
            double n = 2.44 - (lambdaNm - 1550) * (4.18 - 2.44) / 1550;
            return Complex.FromPolarCoordinates(Math.Pow(10, -2 * lengthUm * 1e-4 / 20), 2 * Math.PI * n * lengthUm * 1e3 / lambdaNm);
        }
        for (int k = 0; k < wavelengths.Length; k++)
        {
            var expected = 0.5 * (Arm(wavelengths[k], upper) + Arm(wavelengths[k], lower));
            var actual = S(result, k, "o2", "o1");
            Assert.True(Complex.Abs(actual - expected) < 1e-12, $"λ = {wavelengths[k]}: {actual} against {expected}");
        }
    }

    [Fact]
    public void ACrossSectionTheMapDoesNotGiveIsAnErrorNamingTheInstance()
    {
        using var h = new ToolHarness();
        string map = h.Write("map.yaml", """
            cross_sections:
              rib: {n_eff: 2.6, n_gg: 3.9}
              slab: {n_eff: fast}
            """);
        var (code, _, err) = h.Run("run", DataFile("gdsfactory-mzi.yml"), "--wavelength-nm", "1550", "--models", map);
        Assert.Equal(1, code);
        Assert.Matches(@"map\.yaml:2:\d+: error: cross_sections\.rib\.n_gg: 'n_gg' is not a setting a cross-section gives: expected n_eff, n_g, wavelength0_nm, loss_db_per_cm \(did you mean 'n_g'\?\)", err);
        Assert.Matches(@"map\.yaml:3:\d+: error: cross_sections\.slab\.n_eff: expected a number", err);
        string good = h.Write("good.yaml", """
            cross_sections:
              rib: {n_eff: 2.6, n_g: 3.9}
            """);
        var (code2, _, err2) = h.Run("run", DataFile("gdsfactory-mzi.yml"), "--wavelength-nm", "1550", "--models", good);
        Assert.Equal(1, code2);
        Assert.Matches(@"gdsfactory-mzi\.yml:\d+:\d+: error: instances\.[^ ]+\.settings\.cross_section: cross-section 'strip' is not in the models map [^ ]*good\.yaml \(cross_sections: rib\)", err2);
    }

    [Fact]
    public void ASchematicsRoutesAreDirectConnectionsWithAWarningThatTheirLengthsAreNotInTheFile()
    {
        using var h = new ToolHarness();
        var (code, _, err) = h.Run("run", DataFile("gdsfactory-routes_mmi.pic.yml"), "--wavelength-nm", "1550", "--json", h.PathOf("out.json"));
        Assert.True(code == 0, err);
        Assert.Contains("read as gdsfactory's .pic.yml schematic (2 instances as mmi2x2)", err);
        Assert.Contains("routes: 2 route links are read as direct connections: a .pic.yml does not hold the routed waveguides' lengths", err);
        // o4 → o1 and o3 → o2: the bottom MMI's outputs feed the top one's inputs, so its outputs are left open (no ports).
        Assert.Contains("mmi_bottom,in0: unconnected port, treated as a matched load (and 3 more alike: mmi_bottom,in1; mmi_top,out0; mmi_top,out1)", err);
        Assert.DoesNotContain("mmi_bottom,out", err);
    }

    [Fact]
    public void ARingWhoseCouplerIsGivenByItsGapIsRefusedNamingTheCell()
    {
        using var h = new ToolHarness();
        var (code, output, err) = h.Run("run", DataFile("gdsfactory-ring_single.yml"), "--wavelength-nm", "1550");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Matches(@"gdsfactory-ring_single\.yml:\d+:\d+: error: instances\.coupler_ring_[^ ]*\.component: gdsfactory's 'coupler_ring' is given by its geometry", err);
        // Without a wavelength the same run also names the flag.
        var (code2, _, err2) = h.Run("run", DataFile("gdsfactory-mzi.yml"));
        Assert.Equal(1, code2);
        Assert.Contains("error: --wavelength-nm: a gdsfactory netlist has no wavelength", err2);
    }
}
