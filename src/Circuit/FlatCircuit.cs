using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit;

/// <summary>A port of an instance in a flat circuit: instance index and port index within its component.</summary>
public readonly record struct InstancePort(int Instance, int Port);

/// <summary>One component instance of a flattened circuit.</summary>
/// <param name="Name">Hierarchical name, instance names joined by '.' (e.g. <c>mzi1.bs1</c>).</param>
/// <param name="Component">The bound component (validated settings, ports, S(λ)).</param>
/// <param name="Settings">The settings it was bound with, after forwarding and overrides.</param>
/// <param name="Mark">Where the instance is declared.</param>
public sealed record FlatInstance(string Name, BoundComponent Component, IReadOnlyDictionary<string, SettingValue> Settings, SourceMark Mark);

/// <summary>Two instance ports joined by a connection.</summary>
public readonly record struct Connection(InstancePort A, InstancePort B);

/// <summary>An external port of the circuit: its name and the instance port it exports.</summary>
public readonly record struct ExternalPort(string Name, InstancePort Port);

/// <summary>
/// A circuit with the hierarchy removed: every instance bound to its component model, connections between
/// instance ports, and the external ports in the file's order. Ports neither connected nor exported are
/// matched loads. This is what solvers and analyses consume; it never refers back to the netlist text.
/// </summary>
public sealed class FlatCircuit
{
    /// <summary>Creates a flat circuit.</summary>
    public FlatCircuit(IReadOnlyList<FlatInstance> instances, IReadOnlyList<Connection> connections, IReadOnlyList<ExternalPort> externalPorts)
    {
        Instances = instances;
        Connections = connections;
        ExternalPorts = externalPorts;
    }

    /// <summary>The instances, in file order (depth first through models).</summary>
    public IReadOnlyList<FlatInstance> Instances { get; }

    /// <summary>Internal connections.</summary>
    public IReadOnlyList<Connection> Connections { get; }

    /// <summary>External ports, in the order of the file's <c>ports:</c>.</summary>
    public IReadOnlyList<ExternalPort> ExternalPorts { get; }

    /// <summary>Index of the instance called <paramref name="name"/>, or −1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Instances.Count; i++)
            if (Instances[i].Name == name) return i;
        return -1;
    }

    /// <summary>"instance,port" for messages.</summary>
    public string Describe(InstancePort p) => $"{Instances[p.Instance].Name},{Instances[p.Instance].Component.Ports[p.Port]}";

    /// <summary>The network's shape, for solvers.</summary>
    public NetworkTopology Topology(IReadOnlyList<InstancePort>? ports = null) =>
        new(Instances.Select(i => i.Component.Ports.Count).ToArray(),
            Connections.ToArray(),
            (ports ?? ExternalPorts.Select(e => e.Port).ToList()).ToArray());
}

/// <summary>
/// The shape of a network for a solver: how many ports each block has, which block ports are joined, and
/// which block ports are the network's ports (in result order). Block ports in neither list are matched loads.
/// </summary>
/// <param name="PortCounts">Number of ports of each block.</param>
/// <param name="Connections">Joined block-port pairs; each block port appears at most once overall.</param>
/// <param name="External">Block ports that are the network's ports, in order.</param>
public sealed record NetworkTopology(int[] PortCounts, Connection[] Connections, InstancePort[] External);
