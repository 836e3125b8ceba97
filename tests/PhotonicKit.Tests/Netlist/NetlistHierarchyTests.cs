using PhotonicKit.Circuit;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Components;
using static PhotonicKit.Tests.Netlist.TestComponents;

namespace PhotonicKit.Tests.Netlist;

/// <summary>Flattening of models: names, connections, forwarding, nested form, overrides.</summary>
public class NetlistHierarchyTests
{
    private const string Mzi = """
        photonickit: 1
        wavelength_nm: 930
        models:
          mzi:
            instances:
              bs1: splitter
              bs2: splitter
              top: {component: waveguide, settings: {length_um: 10}}
              bot: waveguide
            connections:
              "bs1,out0": "top,o1"
              "bs1,out1": "bot,o1"
              "top,o2": "bs2,in0"
              "bot,o2": "bs2,in1"
            ports: {in0: "bs1,in0", in1: "bs1,in1", out0: "bs2,out0", out1: "bs2,out1"}
        instances:
          m1: {component: mzi, settings: {length_um: 20}}
          m2: {component: mzi, settings: {length_um: 30, coupling: 0.2, bs2: {coupling: 0.7}, top: {length_um: 99}}}
        connections:
          "m1,out0": "m2,in0"
          "m1,out1": "m2,in1"
        ports: {a: "m1,in0", b: "m1,in1", c: "m2,out0", d: "m2,out1"}
        """;

    private static NetlistDocument LoadValid(string text)
    {
        var (doc, bag) = Load(text);
        Assert.True(doc is not null, Dump(bag));
        return doc;
    }

    private static FlatCircuit FlattenValid(NetlistDocument doc, params SettingOverride[] overrides)
    {
        var bag = new DiagnosticBag("test.yaml");
        var circuit = doc.Flatten(overrides, bag);
        Assert.True(circuit is not null, Dump(bag));
        return circuit;
    }

    private static string Settings(FlatCircuit c, string instance) =>
        string.Join(", ", c.Instances[c.IndexOf(instance)].Settings.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));

    [Fact]
    public void ModelUsedTwiceFlattensIntoNamedInstancesAndConnections()
    {
        var doc = LoadValid(Mzi);
        var c = FlattenValid(doc);
        Assert.Equal(["m1.bs1", "m1.bs2", "m1.top", "m1.bot", "m2.bs1", "m2.bs2", "m2.top", "m2.bot"], c.Instances.Select(i => i.Name));
        Assert.Equal(
        [
            "m1.bs1,out0-m1.top,o1", "m1.bs1,out1-m1.bot,o1", "m1.top,o2-m1.bs2,in0", "m1.bot,o2-m1.bs2,in1",
            "m2.bs1,out0-m2.top,o1", "m2.bs1,out1-m2.bot,o1", "m2.top,o2-m2.bs2,in0", "m2.bot,o2-m2.bs2,in1",
            "m1.bs2,out0-m2.bs1,in0", "m1.bs2,out1-m2.bs1,in1",
        ], c.Connections.Select(k => $"{c.Describe(k.A)}-{c.Describe(k.B)}"));
        Assert.Equal(["a=m1.bs1,in0", "b=m1.bs1,in1", "c=m2.bs2,out0", "d=m2.bs2,out1"], c.ExternalPorts.Select(p => $"{p.Name}={c.Describe(p.Port)}"));

        // Every instance port is used exactly once (connected or exported).
        var uses = c.Connections.SelectMany(k => new[] { k.A, k.B }).Concat(c.ExternalPorts.Select(p => p.Port)).ToList();
        Assert.Equal(uses.Count, uses.Distinct().Count());
        Assert.Equal(c.Instances.Sum(i => i.Component.Ports.Count), uses.Count);
    }

    [Fact]
    public void SettingsAreForwardedToInstancesThatDoNotSetThemAndNestedFormWins()
    {
        var c = FlattenValid(LoadValid(Mzi));
        Assert.Equal("length_um=10", Settings(c, "m1.top"));      // its own setting beats the forwarded one
        Assert.Equal("length_um=20", Settings(c, "m1.bot"));      // forwarded
        Assert.Equal("", Settings(c, "m1.bs1"));                  // length_um is not a splitter setting
        Assert.Equal("coupling=0.2", Settings(c, "m2.bs1"));      // forwarded
        Assert.Equal("coupling=0.7", Settings(c, "m2.bs2"));      // nested form beats forwarded
        Assert.Equal("length_um=99", Settings(c, "m2.top"));      // nested form beats the model's own setting
        Assert.Equal("length_um=30", Settings(c, "m2.bot"));
    }

    private const string Nested = """
        photonickit: 1
        wavelength_nm: 930
        models:
          arm:
            instances: {wg: waveguide}
            ports: {o1: "wg,o1", o2: "wg,o2"}
          outer:
            instances:
              a1: arm
              a2: {component: arm, settings: {length_um: 7}}
            connections: {"a1,o2": "a2,o1"}
            ports: {o1: "a1,o1", o2: "a2,o2"}
        instances:
          x: {component: outer, settings: {length_um: 3, loss_db_per_cm: 1}}
          y: {component: outer, settings: {length_um: 4, a1: {wg: {length_um: 9}}}}
        connections: {"x,o2": "y,o1"}
        ports: {in: "x,o1", out: "y,o2"}
        """;

    [Fact]
    public void ForwardingReachesInstancesTwoLevelsDown()
    {
        var c = FlattenValid(LoadValid(Nested));
        Assert.Equal(["x.a1.wg", "x.a2.wg", "y.a1.wg", "y.a2.wg"], c.Instances.Select(i => i.Name));
        Assert.Equal("length_um=3, loss_db_per_cm=1", Settings(c, "x.a1.wg"));
        Assert.Equal("length_um=7, loss_db_per_cm=1", Settings(c, "x.a2.wg"));   // a2 sets length_um itself
        Assert.Equal("length_um=9", Settings(c, "y.a1.wg"));                     // nested form two levels down
        Assert.Equal("length_um=7", Settings(c, "y.a2.wg"));
        Assert.Equal(["x.a1.wg,o2-x.a2.wg,o1", "y.a1.wg,o2-y.a2.wg,o1", "x.a2.wg,o2-y.a1.wg,o1"], c.Connections.Select(k => $"{c.Describe(k.A)}-{c.Describe(k.B)}"));
        Assert.Equal(["in=x.a1.wg,o1", "out=y.a2.wg,o2"], c.ExternalPorts.Select(p => $"{p.Name}={c.Describe(p.Port)}"));
    }

    [Fact]
    public void SettingThatReachesNoInstanceIsAnErrorWithDidYouMean()
    {
        var (doc, bag) = Load(Mzi.Replace("coupling: 0.2", "couplin: 0.2"));
        Assert.Null(doc);
        var e = SingleError(bag);
        Assert.Equal("instances.m2.settings.couplin", e.Key);
        Assert.Equal(new SourceMark(18, 50), e.Mark);
        Assert.Contains("reaches no instance", e.Message);
        Assert.Contains("did you mean 'coupling'?", e.Message);
        Assert.Empty(bag.Warnings);
    }

    [Fact]
    public void SettingShadowedEverywhereIsAWarning()
    {
        var (doc, bag) = Load(Nested.Replace("a1: arm", "a1: {component: arm, settings: {length_um: 1}}"));
        Assert.True(doc is not null, Dump(bag));
        var w = bag.Warnings.Where(d => d.Key == "instances.x.settings.length_um").ToList();
        Assert.Single(w);
        Assert.Contains("no effect", w[0].Message);
    }

    [Fact]
    public void NestedBlockNamingNoInnerInstanceIsAnErrorWithDidYouMean()
    {
        var (doc, bag) = Load(Mzi.Replace("bs2: {coupling: 0.7}", "bs3: {coupling: 0.7}"));
        Assert.Null(doc);
        var e = SingleError(bag);
        Assert.Equal("instances.m2.settings.bs3", e.Key);
        Assert.Contains("model 'mzi' has no instance 'bs3'", e.Message);
        Assert.Contains("did you mean 'bs1'?", e.Message);
    }

    [Fact]
    public void MappingAtAPrimitiveInstanceIsAnError()
    {
        var (doc, bag) = Load("photonickit: 1\nwavelength_nm: 930\ninstances:\n  d: {component: detector, settings: {efficiency: {x: 1}}}\nports: {p: \"d,in\"}\n");
        Assert.Null(doc);
        var e = SingleError(bag);
        Assert.Equal("instances.d.settings.efficiency", e.Key);
        Assert.Contains("not a model", e.Message);
    }

    [Fact]
    public void ForwardedValueOutOfRangeIsReportedWhereItIsWritten()
    {
        var (doc, bag) = Load(Mzi.Replace("coupling: 0.2", "coupling: 2"));
        Assert.Null(doc);
        // m2.bs2 has its own coupling from the nested form, so only m2.bs1 receives the bad value.
        var e = SingleError(bag);
        Assert.Equal("instances.m2.settings.coupling", e.Key);
        Assert.Contains("forwarded to m2.bs1", e.Message);
        Assert.Contains("[0, 1]", e.Message);
    }

    [Fact]
    public void ProblemsInsideAModelUsedTwiceAreReportedOnce()
    {
        var (doc, bag) = Load(Mzi.Replace("\"bot,o2\": \"bs2,in1\"", "\"bot,o2\": \"bs2,in1x\""));
        Assert.Null(doc);
        var e = SingleError(bag);
        Assert.Equal("models.mzi.connections.bot,o2", e.Key);
        Assert.Contains("did you mean 'in1'?", e.Message);
    }

    [Fact]
    public void FailedInstanceCausesNoUnconnectedPortWarningsAtItsNeighbours()
    {
        var (doc, bag) = Load(Mzi.Replace("settings: {length_um: 20}", "settings: {length_um: -1}"));
        Assert.Null(doc);
        Assert.Equal("instances.m1.settings.length_um", SingleError(bag).Key);
        Assert.Empty(bag.Warnings);
    }

    [Fact]
    public void UnconnectedPortInsideAModelIsReportedPerUse()
    {
        var (doc, bag) = Load(Mzi.Replace("      \"bot,o2\": \"bs2,in1\"\n", ""));
        Assert.True(doc is not null, Dump(bag));
        Assert.Equal(["m1.bot,o2", "m1.bs2,in1", "m2.bot,o2", "m2.bs2,in1"], bag.Warnings.Select(w => w.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void OverridesApplyAtTheNamedInstanceOnly()
    {
        var doc = LoadValid(Mzi);
        var c = FlattenValid(doc, new SettingOverride("m1.bot.length_um", 50), new SettingOverride("m1.top.length_um", 5));
        Assert.Equal("length_um=50", Settings(c, "m1.bot"));
        Assert.Equal("length_um=5", Settings(c, "m1.top"));   // as if written at m1.top: replaces the model's own 10
        Assert.Equal("length_um=30", Settings(c, "m2.bot"));
        Assert.Equal("length_um=99", Settings(c, "m2.top"));

        var forwarded = FlattenValid(doc, new SettingOverride("m1.length_um", 40), new SettingOverride("m2.bs2.coupling", 0.1));
        Assert.Equal("length_um=40", Settings(forwarded, "m1.bot"));
        Assert.Equal("length_um=10", Settings(forwarded, "m1.top"));
        Assert.Equal("coupling=0.1", Settings(forwarded, "m2.bs2"));

        // The document itself is unchanged: flattening again without overrides gives the file's values.
        Assert.Equal("length_um=20", Settings(FlattenValid(doc), "m1.bot"));
    }

    [Theory]
    [InlineData("m3.top.length_um", "no instance 'm3'", "did you mean 'm1'?")]
    [InlineData("m1.tpo.length_um", "no instance 'tpo'", "did you mean 'top'?")]
    [InlineData("m1.top.lenght_um", "no setting 'lenght_um'", "did you mean 'length_um'?")]
    [InlineData("m1.lenght_um", "reaches no instance", "did you mean 'length_um'?")]
    [InlineData("m1.top.length_um.x", "not a model", "")]
    [InlineData("coupling", "expected a path 'instance.setting'", "")]
    [InlineData("m1..x", "names joined by '.'", "")]
    public void BadOverridePathIsAnErrorWithDidYouMean(string path, string fragment, string hint)
    {
        var doc = LoadValid(Mzi);
        var bag = new DiagnosticBag("test.yaml");
        Assert.Null(doc.Flatten([new SettingOverride(path, 1.0)], bag));
        var e = SingleError(bag);
        Assert.StartsWith("--set ", e.Key);
        Assert.True(path.StartsWith(e.Key["--set ".Length..], StringComparison.Ordinal), e.Key);
        Assert.Equal(SourceMark.None, e.Mark);
        Assert.Contains(fragment, e.Message);
        Assert.Contains(hint, e.Message);
    }

    [Fact]
    public void OverrideOfTheFileWavelengthChangesWavelengthDefaults()
    {
        var doc = LoadValid("photonickit: 1\nwavelength_nm: 930\ninstances:\n  wg: {component: waveguide, settings: {length_um: 100}}\nports: {a: \"wg,o1\", b: \"wg,o2\"}\n");
        var overrides = new[] { new SettingOverride("wavelength_nm", 940) };
        Assert.Equal(940, doc.WavelengthNmWith(overrides));
        var c = FlattenValid(doc, overrides);
        var s = c.Instances[0].Component.Evaluate([940.0]);
        // At λ = λ0 the dispersion term vanishes: phase = 2π n_eff L/λ with n_eff = 2.4.
        double expected = Math.IEEERemainder(2 * Math.PI * 2.4 * 100e3 / 940, 2 * Math.PI);
        Assert.Equal(expected, s[0, 1, 0].Phase, 9);
        var unchanged = FlattenValid(doc).Instances[0].Component.Evaluate([940.0]);
        Assert.NotEqual(expected, unchanged[0, 1, 0].Phase, 3);
    }

    [Fact]
    public void ReflatteningCanLeaveOutWarnings()
    {
        var (doc, bag) = Load("photonickit: 1\nwavelength_nm: 930\ninstances: {bs: splitter}\nports: {a: \"bs,in0\"}\n");
        Assert.True(doc is not null, Dump(bag));
        Assert.Equal(3, bag.Warnings.Count());
        var quiet = new DiagnosticBag("test.yaml");
        Assert.NotNull(doc.Flatten([new SettingOverride("bs.coupling", 0.1)], quiet, reportWarnings: false));
        Assert.Empty(quiet.All);
    }

    [Fact]
    public void SizeEstimateIsPointsTimesSquaredPortCountsTimesSixteenBytes()
    {
        // 401 points, instances of 4, 4 and 2 ports, 2 external: 401 × (16 + 16 + 4 + 4) × 16 bytes.
        Assert.Equal(401.0 * 40 * 16, SolveSizeEstimate.Bytes(401, [4, 4, 2], 2));
        var bag = new DiagnosticBag("f.yaml");
        Assert.True(SolveSizeEstimate.Check(401, [4, 4, 2], 2, bag, machineBytes: 1e6));
        Assert.False(SolveSizeEstimate.Check(401, [4, 4, 2], 2, bag, machineBytes: 256640 / 0.75 - 1));
        var e = SingleError(bag);
        Assert.Contains("250.6 KB", e.Message);
        Assert.Contains("75 %", e.Message);
    }

    [Fact]
    public void FlatCircuitFromTheBuiltInWaveguideTransmitsWithItsPhase()
    {
        var bag = new DiagnosticBag("wg.yaml");
        var doc = NetlistLoader.Load("photonickit: 1\nwavelength_nm: 930\ninstances:\n  wg: {component: waveguide, settings: {length_um: 100, n_eff: 2.5}}\nports: {a: \"wg,o1\", b: \"wg,o2\"}\n", "wg.yaml", bag);
        Assert.True(doc is not null, Dump(bag));
        var c = doc.Flatten([], bag)!;
        var s = c.Instances[0].Component.Evaluate([930.0]);
        Assert.Equal(Math.IEEERemainder(2 * Math.PI * 2.5 * 100e3 / 930, 2 * Math.PI), s[0, 1, 0].Phase, 9);
    }
}

public class SettingOverrideParseTests
{
    [Theory]
    [InlineData("bs.coupling=0.3", "bs.coupling", "0.3")]
    [InlineData(" m1.bs2.coupling = 1e-2 ", "m1.bs2.coupling", "0.01")]
    [InlineData("d.resolution=pnr", "d.resolution", "pnr")]
    [InlineData("dm.efficiency=[0.9, 0.8]", "dm.efficiency", "[0.9, 0.8]")]
    [InlineData("u.matrix_re=[[1, 0], [0, 1]]", "u.matrix_re", "[[1, 0], [0, 1]]")]
    public void AssignmentsAreReadLikeFileValues(string text, string path, string value)
    {
        var o = SettingOverride.TryParse(text, out var error);
        Assert.True(o is not null, error);
        Assert.Equal(path, o.Path);
        Assert.Equal(value, o.Value.ToString());
    }

    [Theory]
    [InlineData("bs.coupling")]
    [InlineData("=3")]
    [InlineData("bs.coupling=")]
    [InlineData("bs.coupling=[1, x]")]
    [InlineData("bs.coupling=true")]
    [InlineData("bs.coupling=.nan")]
    [InlineData("bs.coupling=[1, 2")]
    public void UnreadableAssignmentsGiveAnError(string text)
    {
        Assert.Null(SettingOverride.TryParse(text, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}

public class NetlistLoadWithOverridesTests
{
    private const string Text = "photonickit: 1\nwavelength_nm: 930\ninstances:\n  bs: {component: splitter, settings: {coupling: 0.5}}\n  wg: {component: waveguide, settings: {length_um: 100}}\nconnections: {\"bs,out0\": \"wg,o1\"}\nports: {a: \"bs,in0\", b: \"bs,in1\", c: \"bs,out1\", d: \"wg,o2\"}\n";

    [Fact]
    public void LoaderAppliesOverridesAndKeepsTheCircuit()
    {
        var bag = new DiagnosticBag("t.yaml");
        var doc = NetlistLoader.Load(Text, "t.yaml", bag, TestComponents.Registry, overrides: [new SettingOverride("bs.coupling", 0.25), new SettingOverride("wavelength_nm", 940)]);
        Assert.True(doc is not null, TestComponents.Dump(bag));
        Assert.Equal("0.25", doc.Circuit.Instances[doc.Circuit.IndexOf("bs")].Settings["coupling"].ToString());
        Assert.Equal(940, doc.WavelengthNm);
        Assert.Equal(2, doc.Overrides.Count);
        Assert.Empty(bag.All);
    }

    [Fact]
    public void OverrideErrorsAreReportedWithTheFilesProblems()
    {
        var bag = new DiagnosticBag("t.yaml");
        var doc = NetlistLoader.Load(Text.Replace("length_um: 100", "length_um: -1"), "t.yaml", bag, TestComponents.Registry,
            overrides: [new SettingOverride("bs.coupling", 2)]);
        Assert.Null(doc);
        Assert.Equal(["--set bs.coupling", "instances.wg.settings.length_um"], bag.Errors.Select(e => e.Key));
    }
}
