using System.Globalization;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Netlist;

/// <summary>
/// Builds a netlist in code, checked by exactly the rules of a file (<see cref="NetlistLoader"/>):
/// <code>
/// var doc = new NetlistBuilder(930)
///     .Instance("bs", "beam_splitter", new() { ["coupling"] = 0.3 })
///     .Instance("d", "detector")
///     .Connect("bs,out0", "d,in")
///     .Port("in0", "bs,in0")
///     .Build(bag);
/// </code>
/// Diagnostics have no line and column; their keys are the same key paths as for a file.
/// </summary>
public sealed class NetlistBuilder
{
    private readonly double _wavelengthNm;
    private readonly CircuitBuilder _top = new();
    private readonly List<(string Name, CircuitBuilder Body)> _models = [];
    private string? _name;
    private (double StartNm, double StopNm, int Points)? _sweep;

    /// <summary>Starts a netlist at the file's wavelength <paramref name="wavelengthNm"/>.</summary>
    public NetlistBuilder(double wavelengthNm) => _wavelengthNm = wavelengthNm;

    /// <summary>Sets the netlist's name (default "netlist").</summary>
    public NetlistBuilder Name(string name)
    {
        _name = name;
        return this;
    }

    /// <summary>Sets the wavelength grid.</summary>
    public NetlistBuilder Sweep(double startNm, double stopNm, int points)
    {
        _sweep = (startNm, stopNm, points);
        return this;
    }

    /// <summary>Adds an instance of a component or model, with optional settings. A <see cref="NestedSettings"/>
    /// value sets an inner instance of a model (nested form).</summary>
    public NetlistBuilder Instance(string name, string component, Dictionary<string, object>? settings = null)
    {
        _top.Instance(name, component, settings);
        return this;
    }

    /// <summary>Joins two instance ports, each written <c>"instance,port"</c>.</summary>
    public NetlistBuilder Connect(string a, string b)
    {
        _top.Connect(a, b);
        return this;
    }

    /// <summary>Exports an instance port (<c>"instance,port"</c>) as external port <paramref name="name"/>.</summary>
    public NetlistBuilder Port(string name, string target)
    {
        _top.Port(name, target);
        return this;
    }

    /// <summary>Defines a sub-circuit model usable as a component.</summary>
    public NetlistBuilder Model(string name, Action<CircuitBuilder> define)
    {
        ArgumentNullException.ThrowIfNull(define);
        var body = new CircuitBuilder();
        define(body);
        _models.Add((name, body));
        return this;
    }

    /// <summary>Validates and returns the document, or null with every problem in <paramref name="bag"/>.</summary>
    public NetlistDocument? Build(DiagnosticBag bag, ComponentRegistry? registry = null, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(bag);
        var entries = new List<KeyValuePair<ScalarNode, Node>>
        {
            new(Key("photonickit"), Number(NetlistLoader.FormatVersion)),
            new(Key("name"), Text(_name ?? "netlist")),
            new(Key("wavelength_nm"), Number(_wavelengthNm)),
        };
        if (_sweep is { } sw)
            entries.Add(new(Key("sweep"), Map([new(Key("start_nm"), Number(sw.StartNm)), new(Key("stop_nm"), Number(sw.StopNm)), new(Key("points"), Number(sw.Points))])));
        if (_models.Count > 0)
            entries.Add(new(Key("models"), Map(_models.Select(m => new KeyValuePair<ScalarNode, Node>(Key(m.Name), Map(m.Body.Entries(isModel: true)))).ToList())));
        entries.AddRange(_top.Entries(isModel: false));
        int errorsBefore = bag.Errors.Count();
        return NetlistLoader.LoadTree(Map(entries), (_name ?? "netlist") + ".yaml", bag, registry, strict, errorsBefore);
    }

    /// <summary>The settings of an inner instance of a model, given at the model's instance (SAX's nested form).</summary>
    public sealed class NestedSettings : Dictionary<string, object>;

    /// <summary>The contents of a circuit (the top level or a model) being built.</summary>
    public sealed class CircuitBuilder
    {
        private readonly List<KeyValuePair<ScalarNode, Node>> _instances = [];
        private readonly List<KeyValuePair<ScalarNode, Node>> _connections = [];
        private readonly List<KeyValuePair<ScalarNode, Node>> _ports = [];

        /// <summary>Adds an instance (see <see cref="NetlistBuilder.Instance"/>).</summary>
        public CircuitBuilder Instance(string name, string component, Dictionary<string, object>? settings = null)
        {
            var fields = new List<KeyValuePair<ScalarNode, Node>> { new(Key("component"), Text(component)) };
            if (settings is { Count: > 0 }) fields.Add(new(Key("settings"), SettingsNode(settings)));
            _instances.Add(new(Key(name), Map(fields)));
            return this;
        }

        /// <summary>Joins two instance ports.</summary>
        public CircuitBuilder Connect(string a, string b)
        {
            _connections.Add(new(Key(a), Text(b)));
            return this;
        }

        /// <summary>Exports an instance port.</summary>
        public CircuitBuilder Port(string name, string target)
        {
            _ports.Add(new(Key(name), Text(target)));
            return this;
        }

        internal List<KeyValuePair<ScalarNode, Node>> Entries(bool isModel)
        {
            var list = new List<KeyValuePair<ScalarNode, Node>> { new(Key("instances"), Map(_instances)) };
            if (_connections.Count > 0) list.Add(new(Key("connections"), Map(_connections)));
            if (_ports.Count > 0 || isModel) list.Add(new(Key("ports"), Map(_ports)));
            return list;
        }
    }

    internal static MappingNode SettingsNode(IEnumerable<KeyValuePair<string, object>> settings) =>
        Map(settings.Select(kv => new KeyValuePair<ScalarNode, Node>(Key(kv.Key), ValueNode(kv.Value))).ToList());

    internal static Node ValueNode(object value) => value switch
    {
        NestedSettings nested => SettingsNode(nested),
        IEnumerable<KeyValuePair<string, object>> nested => SettingsNode(nested),
        SettingValue.Number n => Number(n.Value),
        SettingValue.Word w => Text(w.Value),
        SettingValue.NumberList l => List(l.Values.Select(v => (Node)Number(v))),
        SettingValue.NumberMatrix m => List(m.Rows.Select(r => ValueNode(new SettingValue.NumberList(r)))),
        double d => Number(d),
        int i => Number(i),
        string s => Text(s),
        double[] a => ValueNode(new SettingValue.NumberList(a)),
        double[][] rows => ValueNode(new SettingValue.NumberMatrix(rows)),
        _ => throw new ArgumentException($"a setting value must be a number, a word, a list or matrix of numbers or NestedSettings, got {value.GetType().Name}", nameof(value)),
    };

    internal static ScalarNode Key(string text) => new() { Mark = SourceMark.None, Value = text, IsQuoted = true };

    internal static ScalarNode Text(string text) => new() { Mark = SourceMark.None, Value = text, IsQuoted = true };

    /// <summary>An unquoted scalar, as a file writes <c>true</c>.</summary>
    internal static ScalarNode Plain(string text) => new() { Mark = SourceMark.None, Value = text, IsQuoted = false };

    internal static ScalarNode Number(double value) =>
        new() { Mark = SourceMark.None, Value = value.ToString("R", CultureInfo.InvariantCulture), IsQuoted = false };

    internal static MappingNode Map(List<KeyValuePair<ScalarNode, Node>> entries) => new() { Mark = SourceMark.None, Entries = entries };

    internal static SequenceNode List(IEnumerable<Node> items) => new() { Mark = SourceMark.None, Items = items.ToList() };
}
