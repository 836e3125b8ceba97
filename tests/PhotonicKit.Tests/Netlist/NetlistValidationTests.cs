using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Components;
using static PhotonicKit.Tests.Netlist.TestComponents;

namespace PhotonicKit.Tests.Netlist;

/// <summary>Every validation rule of netlist spec §1, each with the expected place and key.</summary>
public class NetlistValidationTests
{
    private const string Header = "photonickit: 1\nwavelength_nm: 930\n";

    private static void AssertError(string text, int line, int column, string key, params string[] fragments)
    {
        var (doc, bag) = Load(text);
        Assert.Null(doc);
        var e = SingleError(bag);
        Assert.True(new SourceMark(line, column) == e.Mark, $"expected {line}:{column}, got {e}");
        Assert.Equal(key, e.Key);
        foreach (var f in fragments) Assert.Contains(f, e.Message);
    }

    [Fact]
    public void ValidNetlistLoadsWithDefaultsFromTheFile()
    {
        var (doc, bag) = Load(Header + """
            sweep: {start_nm: 929, stop_nm: 931, points: 5}
            instances:
              wg: {component: waveguide, settings: {length_um: 10}}
              d: detector
            connections:
              "wg,o2": "d,in"
            ports:
              in: "wg,o1"
            analyses:
              - {type: transmission}
            """, "dir/my-circuit.yml");
        Assert.True(doc is not null, Dump(bag));
        Assert.Empty(bag.All);
        Assert.Equal("my-circuit", doc.Name);
        Assert.Equal(930, doc.WavelengthNm);
        Assert.Equal([929, 929.5, 930, 930.5, 931], doc.WavelengthsNm());
        Assert.Equal("detector", doc.TopLevel.Instances[1].Component);
        Assert.Empty(doc.TopLevel.Instances[1].Settings.Entries);
        Assert.Single(doc.Analyses);
    }

    [Fact]
    public void NameIsTakenFromTheFileWhenGiven()
    {
        var (doc, bag) = Load("photonickit: 1\nname: hom-two-dots\nwavelength_nm: 930\ninstances: {d: detector}\nports: {p: \"d,in\"}\n");
        Assert.True(doc is not null, Dump(bag));
        Assert.Equal("hom-two-dots", doc.Name);
        Assert.Equal([930.0], doc.WavelengthsNm());
    }

    [Fact]
    public void VersionIsRequired() =>
        AssertError("wavelength_nm: 930\ninstances: {d: detector}\nports: {p: \"d,in\"}\n", 1, 1, "photonickit", "photonickit: 1");

    [Fact]
    public void OtherVersionIsRefused() =>
        AssertError("photonickit: 2\nwavelength_nm: 930\ninstances: {d: detector}\nports: {p: \"d,in\"}\n", 1, 14, "photonickit", "version 2", "expected 1");

    [Fact]
    public void WavelengthIsRequired() =>
        AssertError("photonickit: 1\ninstances: {d: detector}\nports: {p: \"d,in\"}\n", 1, 1, "wavelength_nm", "missing");

    [Fact]
    public void QuotedWavelengthIsRefused() =>
        AssertError("photonickit: 1\nwavelength_nm: \"930\"\ninstances: {d: detector}\nports: {p: \"d,in\"}\n", 2, 16, "wavelength_nm", "expected a number in nm", "quoted text \"930\"");

    [Fact]
    public void UnknownTopLevelKeyHasDidYouMean() =>
        AssertError(Header + "instance: {d: detector}\ninstances: {d: detector}\nports: {p: \"d,in\"}\n", 3, 1, "instance", "unknown key 'instance'", "did you mean 'instances'?");

    [Fact]
    public void GdsfactoryKeysAreIgnoredWithAWarning()
    {
        var (doc, bag) = Load(Header + "placements: {d: {x: 0}}\nschema_version: 1\ninstances: {d: {component: detector, info: {a: 1}}}\nports: {p: \"d,in\"}\n");
        Assert.True(doc is not null, Dump(bag));
        var warnings = bag.Warnings.ToList();
        Assert.Equal(["placements", "schema_version", "instances.d.info"], warnings.Select(w => w.Key));
        Assert.Equal(new SourceMark(3, 1), warnings[0].Mark);
        Assert.All(warnings, w => Assert.Contains("ignored", w.Message));
    }

    [Fact]
    public void InstanceNameMustBeAnIdentifier() =>
        AssertError(Header + "instances:\n  1bs: detector\n", 4, 3, "instances.1bs", "not a valid instance name");

    [Fact]
    public void PortNameMustBeAnIdentifier() =>
        AssertError(Header + "instances: {d: detector}\nports:\n  out-0: \"d,in\"\n", 5, 3, "ports.out-0", "not a valid port name");

    [Fact]
    public void ModelMayNotShadowABuiltIn() =>
        AssertError(Header + "models:\n  waveguide:\n    instances: {d: detector}\n    ports: {p: \"d,in\"}\ninstances: {d: detector}\nports: {p: \"d,in\"}\n",
            4, 3, "models.waveguide", "shadows the built-in");

    [Fact]
    public void UnknownComponentHasDidYouMean() =>
        AssertError(Header + "instances:\n  wg: {component: wavegide, settings: {length_um: 1}}\n", 4, 19, "instances.wg.component", "unknown component 'wavegide'", "did you mean 'waveguide'?");

    [Fact]
    public void UnknownBareComponentHasDidYouMean() =>
        AssertError(Header + "instances:\n  d: detectr\n", 4, 6, "instances.d", "unknown component 'detectr'", "did you mean 'detector'?");

    [Fact]
    public void UnknownInstanceKeyHasDidYouMean() =>
        AssertError(Header + "instances:\n  d: {component: detector, setings: {}}\nports: {p: \"d,in\"}\n", 4, 28, "instances.d.setings", "did you mean 'settings'?");

    [Fact]
    public void UnknownInstanceInConnectionHasDidYouMean() =>
        AssertError(Header + "instances: {bs: splitter, d: detector}\nports: {a: \"bs,in0\", b: \"bs,in1\", c: \"bs,out1\"}\nconnections:\n  \"bs,out0\": \"dd,in\"\n",
            6, 14, "connections.bs,out0", "unknown instance 'dd'", "did you mean 'd'?");

    [Fact]
    public void UnknownPortHasDidYouMean() =>
        AssertError(Header + "instances: {bs: splitter, d: detector}\nports: {a: \"bs,in0\", b: \"bs,in1\", c: \"bs,out1\"}\nconnections:\n  \"bs,out0\": \"d,inn\"\n",
            6, 14, "connections.bs,out0", "has no port 'inn'", "did you mean 'in'?");

    [Fact]
    public void MalformedPortReferenceIsAnError() =>
        AssertError(Header + "instances: {d: detector}\nports: {p: \"d.in\"}\n", 4, 12, "ports.p", "\"instance,port\"", "'d.in'");

    [Fact]
    public void PortConnectedTwiceIsAnError() =>
        AssertError(Header + "instances: {bs: splitter, d: detector, e: detector}\nports: {a: \"bs,in0\", b: \"bs,in1\", c: \"bs,out1\"}\nconnections:\n  \"bs,out0\": \"d,in\"\n  \"e,in\": \"bs,out0\"\n",
            7, 11, "connections.e,in", "'bs,out0' is already connected at line 6", "connected once or exported once");

    [Fact]
    public void PortConnectedAndExportedIsAnError() =>
        AssertError(Header + "instances: {bs: splitter, d: detector}\nconnections:\n  \"bs,out0\": \"d,in\"\nports: {a: \"bs,in0\", b: \"bs,in1\", c: \"bs,out1\", x: \"d,in\"}\n",
            6, 52, "ports.x", "'d,in' is already connected at line 5");

    [Fact]
    public void ModelPortConnectedTwiceOrExportedTwiceIsAnError()
    {
        // A model instance's ports are its inner instances' ports: used once each, whichever name reaches them.
        var (doc, bag) = Load(Header + """
            models:
              arm:
                instances: {w: {component: waveguide, settings: {length_um: 1}}}
                ports: {a: "w,o1", b: "w,o2"}
            instances: {m: arm, x: splitter}
            connections:
              "m,a": "x,out0"
              "x,out1": "m,a"
            ports: {p: "m,b", q: "m,b", r: "x,in0", s: "x,in1"}
            """);
        Assert.Null(doc);
        var errors = bag.Errors.ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal("connections.x,out1", errors[0].Key);
        Assert.Contains("port 'm,a' is already connected at line 9, column 3", errors[0].Message);
        Assert.Equal("ports.q", errors[1].Key);
        Assert.Contains("port 'm,b' is already exported as 'p' at line 11, column 12", errors[1].Message);
    }

    [Fact]
    public void PairInConnectionsAndNetsCountsTwice()
    {
        var (doc, bag) = Load(Header + "instances: {bs: splitter, d: detector}\nports: {a: \"bs,in0\", b: \"bs,in1\", c: \"bs,out1\"}\nconnections:\n  \"bs,out0\": \"d,in\"\nnets:\n  - {p1: \"bs,out0\", p2: \"d,in\"}\n");
        Assert.Null(doc);
        var errors = bag.Errors.ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal([new SourceMark(8, 10), new SourceMark(8, 25)], errors.Select(e => e.Mark));
        Assert.All(errors, e => Assert.Equal("nets[0]", e.Key));
        Assert.Contains("'bs,out0' is already connected at line 6, column 3", errors[0].Message);
        Assert.Contains("'d,in' is already connected at line 6, column 14", errors[1].Message);
    }

    [Fact]
    public void NetsMayCarryNameAndSettings()
    {
        var (doc, bag) = Load(Header + "instances: {bs: splitter, d: detector}\nports: {a: \"bs,in0\", b: \"bs,in1\", c: \"bs,out1\"}\nnets:\n  - {p1: \"bs,out0\", p2: \"d,in\", name: n1, settings: {x: 1}}\n");
        Assert.True(doc is not null, Dump(bag));
        Assert.Empty(bag.All);
        var c = Assert.Single(doc.TopLevel.Connections);
        Assert.Equal("bs,out0", c.A.ToString());
        Assert.Equal("nets[0]", c.KeyPath);
    }

    [Fact]
    public void NetWithoutP2IsAnError()
    {
        var (doc, bag) = Load(Header + "instances: {bs: splitter, d: detector}\nports: {a: \"bs,in0\", b: \"bs,in1\", c: \"bs,out1\", e: \"bs,out0\", f: \"d,in\"}\nnets:\n  - {p1: \"bs,out0\", p3: \"d,in\"}\n");
        Assert.Null(doc);
        Assert.Equal(["test.yaml:6:21: error: nets[0].p3: unknown key 'p3' (did you mean 'p1'?)", "test.yaml:6:5: error: nets[0].p2: required key 'p2' of a net is missing"],
            bag.All.Select(d => d.ToString()));
    }

    [Fact]
    public void UnconnectedPortIsAWarningKeyedByInstanceAndPort()
    {
        string text = Header + "instances:\n  bs: splitter\nports: {a: \"bs,in0\", b: \"bs,out0\", c: \"bs,out1\"}\n";
        var (doc, bag) = Load(text);
        Assert.True(doc is not null, Dump(bag));
        var w = Assert.Single(bag.Warnings);
        Assert.Equal("bs,in1", w.Key);
        Assert.Equal(new SourceMark(4, 3), w.Mark);
        Assert.Equal("test.yaml:4:3: warning: bs,in1: unconnected port, treated as a matched load", w.ToString());

        var (strictDoc, strictBag) = Load(text, strict: true);
        Assert.Null(strictDoc);
        Assert.Equal("bs,in1", SingleError(strictBag).Key);
    }

    [Fact]
    public void QuotedNumberSettingIsAnErrorNamingTheKey() =>
        AssertError(Header + "instances:\n  bs: {component: splitter, settings: {coupling: \"0.5\"}}\nports: {a: \"bs,in0\", b: \"bs,in1\", c: \"bs,out0\", d: \"bs,out1\"}\n",
            4, 40, "instances.bs.settings.coupling", "expected a number", "quoted text \"0.5\"");

    [Theory]
    [InlineData("true", "boolean true")]
    [InlineData("null", "null")]
    [InlineData("~", "null")]
    [InlineData(".nan", ".nan, not a finite number")]
    [InlineData(".inf", ".inf, not a finite number")]
    [InlineData("-.inf", "-.inf, not a finite number")]
    [InlineData("abc", "text 'abc'")]
    public void NonNumbersAreRefusedForNumericSettings(string written, string described) =>
        AssertError(Header + $"instances:\n  bs: {{component: splitter, settings: {{coupling: {written}}}}}\nports: {{a: \"bs,in0\", b: \"bs,in1\", c: \"bs,out0\", d: \"bs,out1\"}}\n",
            4, 40, "instances.bs.settings.coupling", "expected a number, got " + described);

    [Fact]
    public void IntegerSettingRefusesAFraction() =>
        AssertError(Header + "instances:\n  dm: {component: demux, settings: {channels: 2.5}}\nports: {a: \"dm,in\"}\n",
            4, 37, "instances.dm.settings.channels", "expected an integer", "2.5");

    [Fact]
    public void IntegralNumberIsAnInteger()
    {
        var (doc, bag) = Load(Header + "instances:\n  dm: {component: demux, settings: {channels: 2.0, efficiency: [0.5, 0.25]}}\nports: {a: \"dm,in\", b: \"dm,out0\", c: \"dm,out1\"}\n");
        Assert.True(doc is not null, Dump(bag));
        Assert.Equal([0.5, 0.25], Demux.LastEfficiency);
    }

    [Fact]
    public void ListEntryMustBeANumber() =>
        AssertError(Header + "instances:\n  dm: {component: demux, settings: {channels: 2, efficiency: [0.5, \"1\"]}}\nports: {a: \"dm,in\", b: \"dm,out0\", c: \"dm,out1\"}\n",
            4, 68, "instances.dm.settings.efficiency[1]", "expected a number", "quoted text \"1\"");

    [Fact]
    public void PortsFollowTheBoundComponentsSettings()
    {
        string text = Header + "instances:\n  dm: {component: demux, settings: {channels: 3}}\n  d: detector\nconnections: {\"dm,out2\": \"d,in\"}\nports: {a: \"dm,in\", b: \"dm,out0\", c: \"dm,out1\", x: \"dm,out3\"}\n";
        var (doc, bag) = Load(text);
        Assert.Null(doc);
        var e = SingleError(bag);
        Assert.Equal("ports.x", e.Key);
        Assert.Contains("has no port 'out3'", e.Message);
    }

    [Fact]
    public void MatrixSettingIsReadFromNestedLists()
    {
        var (doc, bag) = Load(Header + "instances:\n  u: {component: matrix, settings: {matrix_re: [[1, 0], [0, 1]]}}\nports: {a: \"u,in0\", b: \"u,in1\", c: \"u,out0\", d: \"u,out1\"}\n");
        Assert.True(doc is not null, Dump(bag));
        var value = Assert.IsType<SettingValue.NumberMatrix>(doc.TopLevel.Instances[0].Settings.Entries[0].Value);
        Assert.Equal([0.0, 1.0], value.Rows[1]);
    }

    [Fact]
    public void ChoiceSettingAcceptsQuotedWordsAndRefusesOthers()
    {
        var (doc, bag) = Load(Header + "instances:\n  d: {component: detector, settings: {resolution: \"pnr\"}}\nports: {a: \"d,in\"}\n");
        Assert.True(doc is not null, Dump(bag));
        AssertError(Header + "instances:\n  d: {component: detector, settings: {resolution: prn}}\nports: {a: \"d,in\"}\n",
            4, 39, "instances.d.settings.resolution", "threshold | pnr", "prn");
    }

    [Fact]
    public void UnknownSettingHasDidYouMean() =>
        AssertError(Header + "instances:\n  wg: {component: waveguide, settings: {lenght_um: 5, length_um: 5}}\nports: {a: \"wg,o1\", b: \"wg,o2\"}\n",
            4, 41, "instances.wg.settings.lenght_um", "'waveguide' has no setting 'lenght_um'", "did you mean 'length_um'?");

    [Fact]
    public void MissingRequiredSettingOfABareComponentIsAnError() =>
        AssertError(Header + "instances:\n  t: waveguide\nports: {a: \"t,o1\", b: \"t,o2\"}\n", 4, 3, "instances.t.settings.length_um", "required", "missing");

    [Fact]
    public void OutOfRangeSettingNamesValueAndRange() =>
        AssertError(Header + "instances:\n  bs: {component: splitter, settings: {coupling: 1.5}}\nports: {a: \"bs,in0\", b: \"bs,in1\", c: \"bs,out0\", d: \"bs,out1\"}\n",
            4, 40, "instances.bs.settings.coupling", "1.5", "[0, 1]");

    [Fact]
    public void SweepPointsAboveOneMillionAreRefusedWithTheEstimate() =>
        AssertError(Header + "sweep: {start_nm: 900, stop_nm: 960, points: 2000000}\ninstances: {d: detector}\nports: {p: \"d,in\"}\n",
            3, 46, "sweep.points", "2000000 points refused", "15.3 MB");

    [Theory]
    [InlineData("0", "at least 1")]
    [InlineData("2.5", "integer")]
    public void SweepPointsMustBeAPositiveInteger(string points, string fragment) =>
        AssertError(Header + $"sweep: {{start_nm: 900, stop_nm: 960, points: {points}}}\ninstances: {{d: detector}}\nports: {{p: \"d,in\"}}\n",
            3, 46, "sweep.points", fragment);

    [Fact]
    public void SweepOfOnePointHasOneWavelength()
    {
        var (doc, bag) = Load(Header + "sweep: {start_nm: 931, stop_nm: 931, points: 1}\ninstances: {d: detector}\nports: {p: \"d,in\"}\n");
        Assert.True(doc is not null, Dump(bag));
        Assert.Equal([931.0], doc.WavelengthsNm());
    }

    [Fact]
    public void AnalysesMustBeMappingsWithAType()
    {
        AssertError(Header + "instances: {d: detector}\nports: {p: \"d,in\"}\nanalyses:\n  - {from: [p]}\n", 6, 5, "analyses[0].type", "missing");
        AssertError(Header + "instances: {d: detector}\nports: {p: \"d,in\"}\nanalyses: {type: smatrix}\n", 5, 11, "analyses", "expected a list");
        AssertError(Header + "instances: {d: detector}\nports: {p: \"d,in\"}\nanalyses:\n  - {type: 3}\n", 6, 12, "analyses[0].type", "number 3");
    }

    [Fact]
    public void ModelMustHavePorts() =>
        AssertError(Header + "models:\n  m:\n    instances: {d: detector}\ninstances: {x: m}\n", 4, 3, "models.m.ports", "has no ports");

    [Fact]
    public void RecursiveModelsAreDetected()
    {
        var (doc, bag) = Load(Header + """
            models:
              a:
                instances: {inner: b}
                ports: {p: "inner,p"}
              b:
                instances: {inner: a}
                ports: {p: "inner,p"}
            instances: {x: a}
            ports: {p: "x,p"}
            """);
        Assert.Null(doc);
        var e = SingleError(bag);
        Assert.Equal("models.b.instances.inner", e.Key);
        Assert.Contains("a → b → a", e.Message);
    }

    [Fact]
    public void UnusedModelIsAWarning()
    {
        var (doc, bag) = Load(Header + "models:\n  m:\n    instances: {d: detector}\n    ports: {p: \"d,in\"}\ninstances: {d: detector}\nports: {p: \"d,in\"}\n");
        Assert.True(doc is not null, Dump(bag));
        Assert.Equal("models.m", Assert.Single(bag.Warnings).Key);
    }

    [Fact]
    public void DuplicateInstanceIsAnErrorNamingBothLines() =>
        AssertError(Header + "instances:\n  d: detector\n  d: detector\nports: {p: \"d,in\"}\n", 5, 3, "d", "lines 4 and 5");

    [Fact]
    public void EveryProblemOfTheFileIsReportedAtOnce()
    {
        var (doc, bag) = Load("""
            photonickit: 1
            wavelength_nm: 930
            instances:
              bs: {component: splitter, settings: {coupling: 2}}
              wg: {component: wavegide}
              d: {component: detector, settings: {efficiency: "0.9"}}
            connections:
              "bs,out0": "d,inn"
            ports: {a: "bs,in0", b: "bs,in1", c: "bs,out1", x: "wg,o1"}
            analyses: [{}]
            """);
        Assert.Null(doc);
        Assert.Equal(
            ["instances.wg.component", "analyses[0].type", "instances.bs.settings.coupling", "instances.d.settings.efficiency", "connections.bs,out0"],
            bag.Errors.Select(e => e.Key));
    }

    [Fact]
    public void YamlAndJsonOfTheSameNetlistGiveEqualResults()
    {
        string yaml = """
            photonickit: 1
            wavelength_nm: 930
            instances:
              bs: {component: splitter, settings: {coupling: 0.3}}
              d: detector
            connections: {"bs,out0": "d,in"}
            ports: {a: "bs,in0", b: "bs,in1"}
            """;
        string json = """
            {
              "photonickit": 1,
              "wavelength_nm": 930,
              "instances": {
                "bs": {"component": "splitter", "settings": {"coupling": 0.3}},
                "d": "detector"
              },
              "connections": {"bs,out0": "d,in"},
              "ports": {"a": "bs,in0", "b": "bs,in1"}
            }
            """;
        var (y, yb) = Load(yaml, "c.yaml");
        var (j, jb) = Load(json, "c.json");
        Assert.True(y is not null && j is not null, Dump(yb) + Dump(jb));
        Assert.Equal(yb.All.Select(d => (d.Key, d.Message)), jb.All.Select(d => (d.Key, d.Message)));
        Assert.Equal(y.Name, j.Name);
        var fy = y.Flatten([], new DiagnosticBag("c.yaml"))!;
        var fj = j.Flatten([], new DiagnosticBag("c.json"))!;
        Assert.Equal(fy.Instances.Select(i => (i.Name, i.Component.Model.Name, string.Join(",", i.Settings))), fj.Instances.Select(i => (i.Name, i.Component.Model.Name, string.Join(",", i.Settings))));
        Assert.Equal(fy.Connections, fj.Connections);
        Assert.Equal(fy.ExternalPorts, fj.ExternalPorts);

        // The same mistake is reported at the same key in both spellings.
        var (_, yBad) = Load(yaml.Replace("0.3", "\"0.3\""), "c.yaml");
        var (_, jBad) = Load(json.Replace("0.3", "\"0.3\""), "c.json");
        Assert.Equal(SingleError(yBad).Key, SingleError(jBad).Key);
        Assert.Equal(SingleError(yBad).Message, SingleError(jBad).Message);
    }

    [Fact]
    public void MissingFileIsOneError()
    {
        var bag = new DiagnosticBag("missing.yaml");
        Assert.Null(NetlistLoader.LoadFile(Path.Combine(Path.GetTempPath(), "does-not-exist-" + Guid.NewGuid() + ".yaml"), bag));
        Assert.Contains("cannot read", SingleError(bag).Message);
    }

    [Fact]
    public void DefaultExampleOfTheToolLoadsWithTheBuiltIns()
    {
        string text = "photonickit: 1\nname: default\nwavelength_nm: 930.0\ninstances:\n  wg: {component: waveguide, settings: {length_um: 100}}\nports:\n  o1: \"wg,o1\"\n  o2: \"wg,o2\"\n";
        var bag = new DiagnosticBag("default.yaml");
        var doc = NetlistLoader.Load(text, "default.yaml", bag);
        Assert.True(doc is not null, Dump(bag));
        Assert.Empty(bag.All);
    }
}

public class NetlistRecoveryTests
{
    [Fact]
    public void DuplicateKeyDoesNotHideTheFilesOtherProblems()
    {
        var (doc, bag) = TestComponents.Load("photonickit: 1\nwavelength_nm: 930\nwavelength_nm: 940\ninstances:\n  bs: {component: splitter, settings: {coupling: 3}}\nports: {a: \"bs,in0\", b: \"bs,in1\", c: \"bs,out0\", d: \"bs,out1\"}\n");
        Assert.Null(doc);
        Assert.Equal(["wavelength_nm", "instances.bs.settings.coupling"], bag.Errors.Select(e => e.Key));
    }
}
