using PhotonicKit.Circuit.Design;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Running;
using PhotonicKit.Components;

namespace PhotonicKit.Tests.Design;

public class CircuitDesignTests
{
    /// <summary>Two dots on a 50:50 beam splitter with two detectors, and every photon analysis of them.</summary>
    internal static CircuitDesign TwoDotHom()
    {
        var c = new CircuitDesign(wavelengthNm: 930, name: "hom_two_dots");
        var qd1 = c.Add("qd1", new QuantumDot { BulkLifetimePs = 1000, Purcell = 9, BetaRightFraction = 1, PureDephasingPerNs = 0.1, RepetitionRateMhz = 80 });
        var qd2 = c.Add("qd2", new QuantumDot { BulkLifetimePs = 1000, Purcell = 6, BetaRightFraction = 1, WavelengthNm = 930.001, RepetitionRateMhz = 80 });
        var bs = c.Add("bs", new BeamSplitter { Coupling = 0.5 });
        var d0 = c.Add("d0", new Detector { Efficiency = 0.9, DarkCountRateHz = 50 });
        var d1 = c.Add("d1", new Detector { Efficiency = 0.8, Resolution = Resolution.Pnr });
        c.Connect(qd1.Right, bs.In0);
        c.Connect(qd2.Right, bs.In1);
        c.Connect(bs.Out0, d0.In);
        c.Connect(bs.Out1, d1.In);
        c.Export("left1", qd1.Left);
        c.Export("left2", qd2.Left);
        c.Analyze(
            new SourceRequest(qd1),
            new HomRequest([qd1, qd2], [d0, d1]) { DelayPs = SweepValues.Grid(-400, 400, 5) },
            new EfficiencyRequest(qd1, [d0]),
            new G2Request(qd2, [d0, d1]),
            new FiguresRequest(qd1) { Detectors = [d0, d1] },
            new PhotonStatisticsRequest([qd1, qd2], [d0, d1]) { MaxPhotons = 1, Marginals = true });
        return c;
    }

    /// <summary>An MZI model used twice, with a forwarded setting and the nested form, over a wavelength grid.</summary>
    internal static CircuitDesign MziChain()
    {
        var mzi = new CircuitModel("mzi");
        var bs1 = mzi.Add("bs1", new BeamSplitter());
        var bs2 = mzi.Add("bs2", new BeamSplitter());
        var top = mzi.Add("top", new Waveguide { LengthUm = 100 });
        var bot = mzi.Add("bot", new Waveguide { LengthUm = 80, LossDbPerCm = 2 });
        mzi.Connect(bs1.Out0, top.O1);
        mzi.Connect(bs1.Out1, bot.O1);
        mzi.Connect(top.O2, bs2.In0);
        mzi.Connect(bot.O2, bs2.In1);
        mzi.Export("in0", bs1.In0);
        mzi.Export("in1", bs1.In1);
        mzi.Export("out0", bs2.Out0);
        mzi.Export("out1", bs2.Out1);

        var c = new CircuitDesign(wavelengthNm: 1550, name: "mzi_chain") { Sweep = new WavelengthSweep(1549, 1551, 21) };
        var m1 = c.Add("m1", mzi, new ModelSettings { ["n_eff"] = 2.35, ["bs2"] = new ModelSettings { ["coupling"] = 0.4 } });
        var m2 = c.Add("m2", mzi);
        var ps = c.Add("ps", new PhaseShifter { PhaseRad = 0.3, LossDb = 0.1 });
        c.Connect(m1.Port("out0"), ps.O1);
        c.Connect(ps.O2, m2.Port("in0"));
        c.Connect(m1.Port("out1"), m2.Port("in1"));
        var in0 = c.Export("in0", m1.Port("in0"));
        var in1 = c.Export("in1", m1.Port("in1"));
        var out0 = c.Export("out0", m2.Port("out0"));
        var out1 = c.Export("out1", m2.Port("out1"));
        c.Analyze(
            new TransmissionRequest { From = [in0], To = [out0, out1] },
            new SMatrixRequest { WavelengthNm = 1550.5 },
            new SweepRequest(m1.Inner(bs2).Setting("coupling"), SweepValues.Numbers(0.1, 0.5, 0.9),
                new TransmissionRequest { From = [in1], To = [out0], Sweep = new WavelengthSweep(1549.5, 1550.5, 3) }));
        return c;
    }

    /// <summary>One dot through a time demultiplexer, with sweeps of a number and of a choice setting.</summary>
    internal static CircuitDesign DemuxSweeps()
    {
        var c = new CircuitDesign(wavelengthNm: 930, name: "demux_sweeps");
        var qd = c.Add("qd", new QuantumDot { BulkLifetimePs = 1000, Purcell = 5, BetaRightFraction = 1, PureDephasingPerNs = 0.1, G2 = 0.02, RepetitionRateMhz = 80 });
        var demux = c.Add("demux", new TimeDemux { Channels = 2, Efficiency = new[] { 0.9, 0.85 } });
        var delay = c.Add("delay", new DelayLine { DelayPs = 12500 });
        var bs = c.Add("bs", new BeamSplitter { Coupling = 0.5 });
        var d0 = c.Add("d0", new Detector { Efficiency = 0.9 });
        var d1 = c.Add("d1", new Detector { Efficiency = 0.9 });
        c.Connect(qd.Right, demux.In);
        c.Connect(demux.Out(0), delay.O1);
        c.Connect(delay.O2, bs.In0);
        c.Connect(demux.Out(1), bs.In1);
        c.Connect(bs.Out0, d0.In);
        c.Connect(bs.Out1, d1.In);
        c.Export("qd_left", qd.Left);
        c.Analyze(
            new HomRequest([qd], [d0, d1]) { DelayPs = new[] { -200.0, 0, 200 } },
            new SweepRequest(qd.Setting("pure_dephasing_per_ns"), SweepValues.Grid(0, 0.2, 3), new SourceRequest(qd)),
            new SweepRequest(d1.Setting("resolution"), SweepValues.Words("threshold", "pnr"),
                new SweepRequest(bs.Setting("coupling"), new[] { 0.4, 0.5 }, new PhotonStatisticsRequest([qd], [d0, d1]) { MaxPhotons = 1 })));
        return c;
    }

    /// <summary>A cavity source into an interferometer of two arm models inside a model, then a unitary (matrix
    /// settings) before two detectors; a sweep of a setting two models deep.</summary>
    internal static CircuitDesign NestedModels()
    {
        var arm = new CircuitModel("arm");
        var wg = arm.Add("wg", new Waveguide { NG = 4.3 });
        var ps = arm.Add("ps", new PhaseShifter { PhaseRad = 0 });
        arm.Connect(wg.O2, ps.O1);
        arm.Export("a", wg.O1);
        arm.Export("b", ps.O2);

        var interferometer = new CircuitModel("interferometer");
        var split = interferometer.Add("split", new Mmi2x2());
        var join = interferometer.Add("join", new Mmi2x2 { LossDb = 0.2 });
        var a1 = interferometer.Add("a1", arm, new ModelSettings { ["ps"] = new ModelSettings { ["phase_rad"] = 0.7 } });
        var a2 = interferometer.Add("a2", arm);
        interferometer.Connect(split.Out0, a1.Port("a"));
        interferometer.Connect(split.Out1, a2.Port("a"));
        interferometer.Connect(a1.Port("b"), join.In0);
        interferometer.Connect(a2.Port("b"), join.In1);
        interferometer.Export("in0", split.In0);
        interferometer.Export("in1", split.In1);
        interferometer.Export("out0", join.Out0);
        interferometer.Export("out1", join.Out1);

        var c = new CircuitDesign(wavelengthNm: 925.5, name: "nested_models");
        var source = c.Add("src", new CavitySource { BulkLifetimePs = 1200, Purcell = 12, ExtractionEfficiency = 0.75, RepetitionRateMhz = 76, PureDephasingPerNs = 0.05 });
        var i = c.Add("i", interferometer, new ModelSettings { ["length_um"] = 60 });
        var u = c.Add("u", new Unitary { MatrixRe = [[0.6, 0], [0, 0.6]], MatrixIm = [[0, 0.8], [0.8, 0]] });
        var d0 = c.Add("d0", new Detector { Efficiency = 0.85, DeadTimeNs = 20 });
        var d1 = c.Add("d1", new Detector { Efficiency = 0.85, JitterPs = 30 });
        c.Connect(source.Out, i.Port("in0"));
        c.Connect(i.Port("out0"), u.In(0));
        c.Connect(i.Port("out1"), u.In(1));
        c.Connect(u.Out(0), d0.In);
        c.Connect(u.Out(1), d1.In);
        c.Export("spare", i.Port("in1"));
        c.Analyze(
            new EfficiencyRequest(source, [d0, d1]),
            new FiguresRequest(source) { Detectors = [d0] },
            new SMatrixRequest { Sweep = new WavelengthSweep(925, 926, 3) },
            new SweepRequest(i.Inner(a1, ps).Setting("phase_rad"), SweepValues.Grid(0, 3, 4), new EfficiencyRequest(source, [d0])));
        return c;
    }

    public static TheoryData<string> Circuits() => ["TwoDotHom", "MziChain", "DemuxSweeps", "NestedModels"];

    private static CircuitDesign Named(string name) => name switch
    {
        "TwoDotHom" => TwoDotHom(),
        "MziChain" => MziChain(),
        "DemuxSweeps" => DemuxSweeps(),
        "NestedModels" => NestedModels(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Circuits))]
    public void CircuitWrittenAsYamlAndReadBackGivesByteIdenticalResults(string circuit)
    {
        var design = Named(circuit);
        var inCode = design.Run();
        string yaml = design.ToYaml();
        var fromFile = NetlistRunner.Run(yaml, design.FileName);
        Assert.Empty(inCode.Warnings);
        Assert.Equal(design.Analyses.Count, inCode.Document["results"]!.AsArray().Count);
        Assert.Equal(inCode.ToJson(), fromFile.ToJson());
    }

    [Fact]
    public void TypedCircuitGivesTheResultsOfTheSameNetlistWrittenByHand()
    {
        const string yaml = """
            photonickit: 1
            name: hom_two_dots
            wavelength_nm: 930
            instances:
              qd1:
                component: quantum_dot
                settings: {bulk_lifetime_ps: 1000, purcell: 9, beta_right_fraction: 1, pure_dephasing_per_ns: 0.1, repetition_rate_mhz: 80}
              qd2:
                component: quantum_dot
                settings: {wavelength_nm: 930.001, bulk_lifetime_ps: 1000, purcell: 6, beta_right_fraction: 1, repetition_rate_mhz: 80}
              bs: {component: beam_splitter, settings: {coupling: 0.5}}
              d0: {component: detector, settings: {efficiency: 0.9, dark_count_rate_hz: 50}}
              d1: {component: detector, settings: {efficiency: 0.8, resolution: pnr}}
            connections:
              "qd1,right": "bs,in0"
              "qd2,right": "bs,in1"
              "bs,out0": "d0,in"
              "bs,out1": "d1,in"
            ports:
              left1: "qd1,left"
              left2: "qd2,left"
            analyses:
              - {type: source, source: qd1}
              - {type: hom, sources: [qd1, qd2], detectors: [d0, d1], delay_ps: {start: -400, stop: 400, points: 5}}
              - {type: efficiency, source: qd1, detectors: [d0]}
              - {type: g2, source: qd2, detectors: [d0, d1]}
              - {type: figures, source: qd1, detectors: [d0, d1]}
              - {type: photon_statistics, sources: [qd1, qd2], detectors: [d0, d1], max_photons: 1, marginals: true}
            """;
        var byHand = NetlistRunner.Run(yaml, "hom_two_dots.yaml");
        Assert.Empty(byHand.Warnings);
        Assert.Equal(byHand.ToJson(), TwoDotHom().Run().ToJson());
    }

    /// <summary>The same mistakes written in a file and in code: every problem is reported, with the file's keys and
    /// messages (a β above 1 at the dot, a coupling above 1, a port the beam splitter does not have).</summary>
    [Fact]
    public void InvalidSettingsAndPortsAreReportedWithTheMessagesOfAFile()
    {
        const string yaml = """
            photonickit: 1
            wavelength_nm: 930
            instances:
              qd: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 1.2}}
              bs: {component: beam_splitter, settings: {coupling: 1.5}}
              d: {component: detector}
            connections:
              "qd,right": "bs,in0"
              "bs,out7": "d,in"
            """;
        var fileBag = new DiagnosticBag("netlist.yaml");
        Assert.Null(NetlistLoader.Load(yaml, "netlist.yaml", fileBag));

        var c = new CircuitDesign(930);
        var qd = c.Add("qd", new QuantumDot { LifetimePs = 100, Beta = 1.2 });
        var bs = c.Add("bs", new BeamSplitter { Coupling = 1.5 });
        var d = c.Add("d", new Detector());
        c.Connect(qd.Right, bs.In0);
        c.Connect(bs.Port("out7"), d.In);
        var codeBag = new DiagnosticBag(c.FileName);
        Assert.Null(c.Build(codeBag));

        static string[] Problems(DiagnosticBag bag) => bag.All.Select(p => $"{p.Severity} {p.Key}: {p.Message}").ToArray();
        Assert.Equal(Problems(fileBag), Problems(codeBag));
        Assert.Contains(codeBag.Errors, e => e.Key == "instances.qd.settings.beta" && e.Message.Contains("1.2", StringComparison.Ordinal));
        Assert.Contains(codeBag.Errors, e => e.Key == "instances.bs.settings.coupling");
        Assert.Contains(codeBag.Errors, e => e.Message.Contains("out7", StringComparison.Ordinal));
        Assert.All(codeBag.All, e => Assert.False(e.Mark.IsKnown));

        var thrown = Assert.Throws<NetlistException>(() => c.Run());
        Assert.Equal(Problems(codeBag), thrown.Diagnostics.Select(p => $"{p.Severity} {p.Key}: {p.Message}"));
    }

    [Fact]
    public void AnalysisNamingAnInstanceOfTheWrongKindIsReportedAsInAFile()
    {
        const string yaml = """
            photonickit: 1
            wavelength_nm: 930
            instances:
              qd: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 0.9}}
              bs: {component: beam_splitter}
              d: {component: detector}
            connections:
              "qd,right": "bs,in0"
              "bs,out0": "d,in"
            analyses:
              - {type: efficiency, source: bs, detectors: [d]}
            """;
        var fileBag = new DiagnosticBag("netlist.yaml");
        Assert.Null(NetlistRunner.Prepare(yaml, "netlist.yaml", [], strict: false, fileBag));

        var c = new CircuitDesign(930);
        var qd = c.Add("qd", new QuantumDot { LifetimePs = 100, Beta = 0.9 });
        var bs = c.Add("bs", new BeamSplitter());
        var d = c.Add("d", new Detector());
        c.Connect(qd.Right, bs.In0);
        c.Connect(bs.Out0, d.In);
        c.Analyze(new EfficiencyRequest(bs, [d]));
        var codeBag = new DiagnosticBag(c.FileName);
        Assert.Null(c.Prepare(codeBag));

        Assert.Contains(codeBag.Errors, e => e.Key == "analyses[0].source");
        Assert.Equal(fileBag.All.Select(p => (p.Severity, p.Key, p.Message)), codeBag.All.Select(p => (p.Severity, p.Key, p.Message)));
    }

    [Fact]
    public void PortsOfAnotherCircuitAndRepeatedNamesAreRefusedWhereTheyAreWritten()
    {
        var model = new CircuitModel("arm");
        var inner = model.Add("wg", new Waveguide { LengthUm = 10 });
        var c = new CircuitDesign(930);
        var bs = c.Add("bs", new BeamSplitter());
        Assert.Throws<ArgumentException>(() => c.Connect(bs.Out0, inner.O1));
        Assert.Throws<ArgumentException>(() => c.Export("x", inner.O2));
        Assert.Throws<ArgumentException>(() => c.Add("bs", new Mirror { Reflectivity = 0.5 }));
        c.Export("in0", bs.In0);
        Assert.Throws<ArgumentException>(() => c.Export("in0", bs.In1));

        c.Add("a1", model);
        c.Add("a2", new CircuitModel("arm"));
        Assert.Throws<InvalidOperationException>(() => c.ToYaml());
    }

    [Fact]
    public void InnerInstanceOfAModelIsNamedByItsPath()
    {
        var arm = new CircuitModel("arm");
        var wg = arm.Add("wg", new Waveguide { LengthUm = 10 });
        var outer = new CircuitModel("outer");
        var a = outer.Add("a", arm);
        var c = new CircuitDesign(930);
        var o = c.Add("o", outer);
        Assert.Equal("o.a.wg", o.Inner(a, wg).Path);
        Assert.Equal("o.a.wg.length_um", o.Inner(a, wg).Setting("length_um"));
        Assert.Equal("o.a", o.Inner(a).Path);
        Assert.Throws<ArgumentException>(() => o.Inner(wg));
    }
}
