using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Running;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Design;

/// <summary>
/// A netlist built in code with typed components, ports and analyses:
/// <code>
/// var c = new CircuitDesign(wavelengthNm: 930);
/// var qd = c.Add("qd", new QuantumDot { LifetimePs = 100, Beta = 0.9 });
/// var bs = c.Add("bs", new BeamSplitter { Coupling = 0.5 });
/// c.Connect(qd.Right, bs.In0);
/// c.Analyze(new SourceRequest(qd));
/// RunResult run = c.Run();
/// </code>
/// It is turned into the same document a file gives (<see cref="Build"/>), so every check and message is a file's,
/// keyed by the same paths (<c>instances.qd.settings.beta</c>) without a line; <see cref="ToYaml"/> writes that file.
/// </summary>
public sealed class CircuitDesign : CircuitContents
{
    private readonly List<AnalysisRequest> _analyses = [];

    /// <summary>Starts an empty circuit at the file's wavelength <paramref name="wavelengthNm"/> (<c>wavelength_nm</c>).</summary>
    /// <param name="wavelengthNm">The circuit's wavelength in nm: every default written "file's wavelength" uses it.</param>
    /// <param name="name">The netlist's name (<c>name</c>), which results carry as <c>netlist</c>.</param>
    public CircuitDesign(double wavelengthNm, string name = "netlist")
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        WavelengthNm = wavelengthNm;
        Name = name;
    }

    /// <summary>The circuit's wavelength in nm (<c>wavelength_nm</c>).</summary>
    public double WavelengthNm { get; }

    /// <summary>The netlist's name (<c>name</c>).</summary>
    public string Name { get; }

    /// <summary>The name diagnostics are reported against: <see cref="Name"/> with <c>.yaml</c>.</summary>
    public string FileName => Name + ".yaml";

    /// <summary>The wavelength grid of <c>transmission</c> and <c>smatrix</c> (<c>sweep</c>); null for
    /// <see cref="WavelengthNm"/> alone.</summary>
    public WavelengthSweep? Sweep { get; set; }

    /// <summary>The analyses, in the order added; results list them in this order.</summary>
    public IReadOnlyList<AnalysisRequest> Analyses => _analyses;

    /// <summary>Adds analyses; each gives one entry of the results.</summary>
    /// <returns>This circuit.</returns>
    public CircuitDesign Analyze(params AnalysisRequest[] analyses)
    {
        ArgumentNullException.ThrowIfNull(analyses);
        foreach (var a in analyses) _analyses.Add(a ?? throw new ArgumentNullException(nameof(analyses)));
        return this;
    }

    /// <summary>The netlist file of this circuit (spec §1), which <see cref="NetlistLoader.Load"/> reads back to the
    /// same document: running either gives the same results.</summary>
    public string ToYaml() => NetlistYamlWriter.Write(DesignTree.Build(this));

    /// <summary>Checks the circuit with every rule a file is checked by and returns its document, or null with every
    /// problem in <paramref name="bag"/> (keys as for a file, without lines).</summary>
    /// <param name="bag">Receives every error and warning.</param>
    /// <param name="strict">Unconnected ports are errors (<c>--strict</c>).</param>
    /// <param name="registry">The components (default <see cref="ComponentRegistry.BuiltIn"/>).</param>
    public NetlistDocument? Build(DiagnosticBag bag, bool strict = false, ComponentRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(bag);
        int errorsBefore = bag.Errors.Count();
        return NetlistLoader.LoadTree(DesignTree.Build(this), FileName, bag, registry, strict, errorsBefore);
    }

    /// <summary>Checks the circuit and its analyses completely, before any computation (as
    /// <see cref="NetlistRunner.Prepare(NetlistDocument, DiagnosticBag)"/> does for a file); null with every problem in
    /// <paramref name="bag"/>.</summary>
    /// <param name="bag">Receives every error and warning.</param>
    /// <param name="strict">Unconnected ports are errors (<c>--strict</c>).</param>
    public PreparedRun? Prepare(DiagnosticBag bag, bool strict = false)
    {
        var document = Build(bag, strict);
        return document is null ? null : NetlistRunner.Prepare(document, bag);
    }

    /// <summary>Checks and computes the circuit's analyses (one <c>smatrix</c> when there are none), as
    /// <see cref="NetlistRunner.Run"/> does for a file's text.</summary>
    /// <exception cref="NetlistException">The circuit is invalid; <see cref="NetlistException.Diagnostics"/> holds every problem.</exception>
    /// <exception cref="Analyses.AnalysisException">A computation is defined but cannot be done.</exception>
    public RunResult Run()
    {
        var bag = new DiagnosticBag(FileName);
        var prepared = Prepare(bag);
        if (prepared is null) throw new NetlistException(bag.All.ToArray());
        return prepared.Execute();
    }
}

/// <summary>The node tree of a circuit built in code: the tree a file with the same text parses to.</summary>
internal static class DesignTree
{
    public static MappingNode Build(CircuitDesign design)
    {
        var entries = new List<KeyValuePair<ScalarNode, Node>>
        {
            new(NetlistBuilder.Key("photonickit"), NetlistBuilder.Number(NetlistLoader.FormatVersion)),
            new(NetlistBuilder.Key("name"), NetlistBuilder.Text(design.Name)),
            new(NetlistBuilder.Key("wavelength_nm"), NetlistBuilder.Number(design.WavelengthNm)),
        };
        if (design.Sweep is { } sweep)
            entries.Add(new(NetlistBuilder.Key("sweep"), NetlistBuilder.Map([
                new(NetlistBuilder.Key("start_nm"), NetlistBuilder.Number(sweep.StartNm)),
                new(NetlistBuilder.Key("stop_nm"), NetlistBuilder.Number(sweep.StopNm)),
                new(NetlistBuilder.Key("points"), NetlistBuilder.Number(sweep.Points))])));
        var models = Models(design);
        if (models.Count > 0)
            entries.Add(new(NetlistBuilder.Key("models"), NetlistBuilder.Map(
                models.Select(m => new KeyValuePair<ScalarNode, Node>(NetlistBuilder.Key(m.Name), NetlistBuilder.Map(Body(m, isModel: true)))).ToList())));
        entries.AddRange(Body(design, isModel: false));
        if (design.Analyses.Count > 0)
            entries.Add(new(NetlistBuilder.Key("analyses"), NetlistBuilder.List(design.Analyses.Select(a => (Node)a.ToNode()))));
        return NetlistBuilder.Map(entries);
    }

    /// <summary>Every model the circuit uses, at any depth, each before the models that use it (a model that uses
    /// itself is written once; the loader reports the cycle).</summary>
    private static List<CircuitModel> Models(CircuitDesign design)
    {
        var ordered = new List<CircuitModel>();
        var seen = new HashSet<CircuitModel>(ReferenceEqualityComparer.Instance);
        var byName = new Dictionary<string, CircuitModel>(StringComparer.Ordinal);
        void Visit(CircuitContents contents)
        {
            foreach (var instance in contents.Instances.OfType<ModelInstance>())
            {
                var model = instance.Model;
                if (byName.TryGetValue(model.Name, out var other) && !ReferenceEquals(other, model))
                    throw new InvalidOperationException($"two different models are named '{model.Name}': give each model its own name");
                byName[model.Name] = model;
                if (!seen.Add(model)) continue;
                Visit(model);
                ordered.Add(model);
            }
        }
        Visit(design);
        return ordered;
    }

    private static List<KeyValuePair<ScalarNode, Node>> Body(CircuitContents contents, bool isModel)
    {
        var instances = contents.Instances.Select(i => new KeyValuePair<ScalarNode, Node>(NetlistBuilder.Key(i.Name), Instance(i))).ToList();
        var list = new List<KeyValuePair<ScalarNode, Node>> { new(NetlistBuilder.Key("instances"), NetlistBuilder.Map(instances)) };
        if (contents.Connections.Count > 0)
            list.Add(new(NetlistBuilder.Key("connections"), NetlistBuilder.Map(contents.Connections
                .Select(c => new KeyValuePair<ScalarNode, Node>(NetlistBuilder.Key(c.A.ToString()), NetlistBuilder.Text(c.B.ToString()))).ToList())));
        if (contents.Ports.Count > 0 || isModel)
            list.Add(new(NetlistBuilder.Key("ports"), NetlistBuilder.Map(contents.Ports
                .Select(p => new KeyValuePair<ScalarNode, Node>(NetlistBuilder.Key(p.Name), NetlistBuilder.Text(p.Target.ToString()))).ToList())));
        return list;
    }

    private static MappingNode Instance(Instance instance)
    {
        var fields = new List<KeyValuePair<ScalarNode, Node>> { new(NetlistBuilder.Key("component"), NetlistBuilder.Text(instance.Component)) };
        var list = instance.SettingEntries().ToList();
        if (list.Count > 0) fields.Add(new(NetlistBuilder.Key("settings"), NetlistBuilder.SettingsNode(list)));
        return NetlistBuilder.Map(fields);
    }
}
