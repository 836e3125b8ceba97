namespace PhotonicKit.Circuit.Design;

/// <summary>
/// The contents of a circuit built in code, at the top level (<see cref="CircuitDesign"/>) or in a sub-circuit
/// (<see cref="CircuitModel"/>): instances, connections and external ports, in the order they were added (the
/// order a netlist file lists them). Each built-in component has its own <c>Add</c>, taking its settings record and
/// returning an instance with typed ports (<c>c.Add("bs", new BeamSplitter { Coupling = 0.3 }).Out0</c>).
/// </summary>
public abstract partial class CircuitContents
{
    private readonly List<Instance> _instances = [];
    private readonly List<(PortRef A, PortRef B)> _connections = [];
    private readonly List<ExternalPort> _ports = [];

    private protected CircuitContents()
    {
    }

    /// <summary>The instances, in the order added.</summary>
    public IReadOnlyList<Instance> Instances => _instances;

    /// <summary>The connections, in the order made.</summary>
    public IReadOnlyList<(PortRef A, PortRef B)> Connections => _connections;

    /// <summary>The external ports, in the order exported (the order results list them).</summary>
    public IReadOnlyList<ExternalPort> Ports => _ports;

    /// <summary>Adds an instance of the sub-circuit <paramref name="model"/>, with settings given at the instance
    /// (forwarded into the model or, in the nested form, set on a named inner instance).</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="model">The sub-circuit; it is written into the netlist's <c>models</c> under its name.</param>
    /// <param name="settings">Settings at the instance, or null.</param>
    public ModelInstance Add(string name, CircuitModel model, ModelSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return AddInstance(new ModelInstance(this, name, model, settings));
    }

    /// <summary>Joins two instance ports of this circuit (the netlist's <c>connections</c>).</summary>
    /// <exception cref="ArgumentException">A port belongs to an instance of another circuit.</exception>
    public void Connect(PortRef a, PortRef b)
    {
        CheckOwn(a, nameof(a));
        CheckOwn(b, nameof(b));
        _connections.Add((a, b));
    }

    /// <summary>Makes the instance port <paramref name="port"/> the external port <paramref name="name"/> (the
    /// netlist's <c>ports</c>; in a model, the ports its instances have).</summary>
    /// <returns>The external port, for <see cref="TransmissionRequest"/>'s <c>From</c> and <c>To</c>.</returns>
    /// <exception cref="ArgumentException">The port belongs to an instance of another circuit, or the name is taken.</exception>
    public ExternalPort Export(string name, PortRef port)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        CheckOwn(port, nameof(port));
        if (_ports.Any(p => p.Name == name))
            throw new ArgumentException($"an external port named '{name}' is already exported", nameof(name));
        var external = new ExternalPort(name, port);
        _ports.Add(external);
        return external;
    }

    /// <summary>Adds <paramref name="instance"/> (created by a typed <c>Add</c>) and returns it.</summary>
    private protected T AddInstance<T>(T instance) where T : Instance
    {
        ArgumentException.ThrowIfNullOrEmpty(instance.Name);
        if (_instances.Any(i => i.Name == instance.Name))
            throw new ArgumentException($"an instance named '{instance.Name}' is already in the circuit", "name");
        _instances.Add(instance);
        return instance;
    }

    private void CheckOwn(PortRef port, string parameter)
    {
        ArgumentNullException.ThrowIfNull(port, parameter);
        if (!ReferenceEquals(port.Instance.Owner, this))
            throw new ArgumentException($"'{port}' is a port of an instance of another circuit", parameter);
    }
}

/// <summary>
/// A sub-circuit defined in code, used as a component by <see cref="CircuitContents.Add(string, CircuitModel, ModelSettings?)"/>
/// (the netlist's <c>models</c>). Its external ports (<see cref="CircuitContents.Export"/>) are the ports of its
/// instances: <c>m1.Port("in0")</c>.
/// </summary>
public sealed class CircuitModel : CircuitContents
{
    /// <summary>Starts an empty model named <paramref name="name"/> (letters, digits and <c>_</c>; not a built-in's name).</summary>
    public CircuitModel(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The model's name, as instances' <c>component</c> writes it.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
