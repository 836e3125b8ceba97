using System.Collections;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Design;

/// <summary>An instance as an analysis or a sweep names it: one of the top-level circuit
/// (<see cref="Instance"/>) or one inside a model's instance (<see cref="ModelInstance.Inner(Instance)"/>, named
/// <c>m1.bs2</c>).</summary>
public abstract class InstanceReference
{
    private protected InstanceReference()
    {
    }

    /// <summary>The instance's name as analyses and overrides write it: instance names joined by <c>.</c>.</summary>
    public abstract string Path { get; }

    /// <summary>The path of one of its settings for a sweep's parameter (<see cref="SweepRequest.Parameter"/>) or an
    /// override: <c>qd.temperature_k</c>.</summary>
    /// <param name="setting">The setting's netlist key, e.g. <c>temperature_k</c>.</param>
    public string Setting(string setting)
    {
        ArgumentException.ThrowIfNullOrEmpty(setting);
        return Path + "." + setting;
    }

    /// <inheritdoc/>
    public override string ToString() => Path;
}

/// <summary>An instance of a component or a model in a circuit built in code (<see cref="CircuitContents.Add(string, CircuitModel, ModelSettings?)"/>
/// and the typed <c>Add</c> of each component). It knows its name and the circuit it belongs to, and gives its ports
/// as <see cref="PortRef"/>s.</summary>
public abstract class Instance : InstanceReference
{
    private protected Instance(CircuitContents owner, string name)
    {
        Owner = owner;
        Name = name;
    }

    /// <summary>The instance's name in its circuit.</summary>
    public string Name { get; }

    /// <summary>The circuit (top level or model) the instance belongs to.</summary>
    public CircuitContents Owner { get; }

    /// <summary>The component's or model's name, as the netlist's <c>component</c> key writes it.</summary>
    public abstract string Component { get; }

    /// <inheritdoc/>
    public override string Path => Name;

    /// <summary>The port <paramref name="name"/> of this instance. Any name is accepted here; one the component does
    /// not have is reported when the circuit is built, as for a file.</summary>
    public PortRef Port(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new PortRef(this, name);
    }

    /// <summary>The settings written at the instance, as the netlist's <c>settings</c> mapping holds them.</summary>
    internal abstract IEnumerable<KeyValuePair<string, object>> SettingEntries();
}

/// <summary>An instance of a built-in component with its typed settings.</summary>
/// <typeparam name="TSettings">The component's settings record.</typeparam>
public abstract class Instance<TSettings> : Instance where TSettings : ComponentSettings
{
    private protected Instance(CircuitContents owner, string name, TSettings settings) : base(owner, name)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
    }

    /// <summary>The instance's settings.</summary>
    public TSettings Settings { get; }

    /// <inheritdoc/>
    public override string Component => Settings.ComponentName;

    internal override IEnumerable<KeyValuePair<string, object>> SettingEntries() =>
        Settings.ToSettings().Select(kv => new KeyValuePair<string, object>(kv.Key, kv.Value));
}

/// <summary>An instance of a sub-circuit (<see cref="CircuitModel"/>): its ports are the model's exported ports.</summary>
public sealed class ModelInstance : Instance
{
    internal ModelInstance(CircuitContents owner, string name, CircuitModel model, ModelSettings? settings) : base(owner, name)
    {
        Model = model;
        Settings = settings ?? [];
    }

    /// <summary>The model.</summary>
    public CircuitModel Model { get; }

    /// <summary>Settings given at this instance: forwarded to the model's instances, or set on a named inner instance.</summary>
    public ModelSettings Settings { get; }

    /// <inheritdoc/>
    public override string Component => Model.Name;

    internal override IEnumerable<KeyValuePair<string, object>> SettingEntries() => Settings;

    /// <summary>The instance <paramref name="inner"/> of the model as it sits inside this instance (<c>m1.bs2</c>),
    /// for an analysis or a sweep.</summary>
    public InstanceReference Inner(Instance inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (!ReferenceEquals(inner.Owner, Model))
            throw new ArgumentException($"'{inner.Name}' is not an instance of the model '{Model.Name}'", nameof(inner));
        return new NestedInstance(Path + "." + inner.Name);
    }

    /// <summary>The instance of a model of a model, named by its path inside this one (for deeper hierarchies:
    /// <c>outer.Inner(arm).Inner(wg)</c> is written <c>outer.Inner(arm, wg)</c>).</summary>
    public InstanceReference Inner(ModelInstance inner, Instance innermost)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(innermost);
        if (!ReferenceEquals(inner.Owner, Model))
            throw new ArgumentException($"'{inner.Name}' is not an instance of the model '{Model.Name}'", nameof(inner));
        return new NestedInstance(Path + "." + inner.Inner(innermost).Path);
    }

    private sealed class NestedInstance(string path) : InstanceReference
    {
        public override string Path { get; } = path;
    }
}

/// <summary>A port of an instance, written <c>"instance,port"</c> in a netlist.</summary>
/// <param name="Instance">The instance the port belongs to.</param>
/// <param name="Name">The port's name, e.g. <c>out0</c>.</param>
public sealed record PortRef(Instance Instance, string Name)
{
    /// <summary>The port as a netlist writes it: <c>bs,out0</c>.</summary>
    public override string ToString() => $"{Instance.Name},{Name}";
}

/// <summary>An external port of a circuit (<see cref="CircuitContents.Export"/>): a name and the instance port it
/// stands for.</summary>
/// <param name="Name">The external port's name, as <c>transmission</c>'s <c>from</c> and <c>to</c> list it.</param>
/// <param name="Target">The instance port.</param>
public sealed record ExternalPort(string Name, PortRef Target)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>
/// Settings given at an instance of a model (docs/netlist.md, "Hierarchy"): a setting is forwarded to every inner
/// instance whose component declares it and does not set it itself; a key naming an inner instance with a
/// <see cref="ModelSettings"/> value sets that instance directly (the nested form).
/// <code>
/// new ModelSettings { ["length_um"] = 120, ["bs2"] = new ModelSettings { ["coupling"] = 0.7 } }
/// </code>
/// </summary>
public sealed class ModelSettings : IEnumerable<KeyValuePair<string, object>>
{
    private readonly List<KeyValuePair<string, object>> _entries = [];

    /// <summary>A forwarded setting (a <see cref="SettingValue"/>: a number, a word, a list) or the settings of an inner
    /// instance (a <see cref="ModelSettings"/>); setting a key again replaces its value.</summary>
    /// <exception cref="KeyNotFoundException">Read for a key that is not given.</exception>
    public object this[string key]
    {
        get
        {
            int at = _entries.FindIndex(e => e.Key == key);
            return at >= 0 ? _entries[at].Value : throw new KeyNotFoundException($"no setting '{key}' is given at this model instance");
        }
        set
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var checkedValue = Checked(value);
            int at = _entries.FindIndex(e => e.Key == key);
            if (at >= 0) _entries[at] = new(key, checkedValue);
            else _entries.Add(new(key, checkedValue));
        }
    }

    /// <summary>Adds a forwarded setting (for collection initialisers).</summary>
    public void Add(string key, SettingValue value) => this[key] = value;

    /// <summary>Adds the settings of an inner instance (for collection initialisers).</summary>
    public void Add(string innerInstance, ModelSettings settings) => this[innerInstance] = settings;

    /// <summary>The number of entries.</summary>
    public int Count => _entries.Count;

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static object Checked(object value) => value switch
    {
        SettingValue or ModelSettings => value,
        double d => new SettingValue.Number(d),
        int i => new SettingValue.Number(i),
        string s => new SettingValue.Word(s),
        double[] list => new SettingValue.NumberList(list),
        null => throw new ArgumentNullException(nameof(value)),
        _ => throw new ArgumentException($"a model instance's setting is a number, a word, a list of numbers or ModelSettings, got {value.GetType().Name}", nameof(value)),
    };
}
