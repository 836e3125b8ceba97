using System.Globalization;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Netlist;

/// <summary>One cell of a <see cref="CellMap"/>: the built-in it becomes, its ports, and its settings (numbers, or
/// <c>"{key}"</c> taking the instance's setting or info of that name).</summary>
/// <param name="Cell">The cell's name.</param>
/// <param name="Component">The built-in component.</param>
/// <param name="Ports">Cell port → component port (ports not listed keep their names).</param>
/// <param name="Settings">The component's settings as written in the map.</param>
/// <param name="Mark">Where the cell is in the map.</param>
public sealed record CellMapping(string Cell, string Component, IReadOnlyDictionary<string, string> Ports, MappingNode? Settings, SourceMark Mark)
{
    /// <summary>The circuit the cell becomes, when the map gives one instead of a single component (then
    /// <see cref="Component"/> is the name of the model it becomes and <see cref="Ports"/> keeps the cell's port names).</summary>
    public CellCircuit? Circuit { get; init; }
}

/// <summary>A cell mapped to a circuit of built-ins (a coupler with its arcs, a PDK cell with its parts): its instances,
/// their connections and the ports that are the cell's ports.</summary>
/// <param name="Instances">Name, built-in component and settings (numbers, or <c>"{key}"</c> references) of each part.</param>
/// <param name="Connections">Pairs of <c>"instance,port"</c>.</param>
/// <param name="Ports">The cell's port → <c>"instance,port"</c>.</param>
public sealed record CellCircuit(IReadOnlyList<(string Name, string Component, MappingNode? Settings)> Instances,
    IReadOnlyList<(string A, string B)> Connections, IReadOnlyDictionary<string, string> Ports);

/// <summary>
/// A map from the cells of another tool's netlists (a PDK's cells in gdsfactory, a model name in SAX) to PhotonicKit's
/// built-ins, read from the file given with <c>--models</c> (docs/interop.md, "Cells of your own"):
/// <code>
/// cells:
///   coupler_ring:
///     component: directional_coupler
///     ports: {o1: in0, o2: in1, o3: out1, o4: out0}
///     settings: {coupling: 0.08}
///   rib_straight:
///     component: waveguide
///     settings: {length_um: "{length}", n_eff: 2.62, n_g: 3.9}
/// </code>
/// A cell may instead become a circuit of built-ins (<c>circuit:</c> with instances, connections and ports; see
/// <see cref="CellCircuit"/>), which the netlist gets as a model. A cell in the map takes precedence over the built-in
/// tables of gdsfactory's and SAX's names. An optional
/// <c>cross_sections</c> gives the waveguide indices and loss of each of gdsfactory's cross-sections by name, for the
/// straights, bends and tapers of gdsfactory's table:
/// <code>
/// cross_sections:
///   strip: {n_eff: 2.44, n_g: 4.18, wavelength0_nm: 1550, loss_db_per_cm: 2}
/// </code>
/// </summary>
public sealed class CellMap
{
    /// <summary>The waveguide settings a cross-section may give.</summary>
    public static readonly IReadOnlyList<string> CrossSectionSettings = ["n_eff", "n_g", "wavelength0_nm", "loss_db_per_cm"];

    private CellMap(string file, IReadOnlyDictionary<string, CellMapping> cells, IReadOnlyDictionary<string, MappingNode> crossSections)
    {
        File = file;
        Cells = cells;
        CrossSections = crossSections;
    }

    /// <summary>Cross-section name → the waveguide settings (<see cref="CrossSectionSettings"/>) as written in the map;
    /// empty when the map has no <c>cross_sections</c>.</summary>
    public IReadOnlyDictionary<string, MappingNode> CrossSections { get; }

    /// <summary>The map's file, as diagnostics name it.</summary>
    public string File { get; }

    /// <summary>Cell name → mapping.</summary>
    public IReadOnlyDictionary<string, CellMapping> Cells { get; }

    /// <summary>Reads the map at <paramref name="path"/>; null (with errors naming the map's file, line and key in
    /// <paramref name="bag"/>) when it cannot be used.</summary>
    /// <param name="path">The map's file.</param>
    /// <param name="bag">Receives the problems.</param>
    /// <param name="registry">The components cells may become (default the built-ins).</param>
    public static CellMap? Load(string path, DiagnosticBag bag, ComponentRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(bag);
        registry ??= ComponentRegistry.BuiltIn;
        var own = new DiagnosticBag(path);
        var map = NetlistText.ReadFile(path, own) is { } text ? Parse(text, path, own, registry) : null;
        bag.AddRange(own.All);
        return own.HasErrors ? null : map;
    }

    /// <summary>Reads a map from its text (see <see cref="Load"/>).</summary>
    /// <param name="text">The map (YAML or JSON).</param>
    /// <param name="file">Its name, for diagnostics.</param>
    /// <param name="bag">Receives the problems (a bag for the map's file).</param>
    /// <param name="registry">The components cells may become.</param>
    public static CellMap? Parse(string text, string file, DiagnosticBag bag, ComponentRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(bag);
        registry ??= ComponentRegistry.BuiltIn;
        var root = NetlistParser.Parse(text, bag);
        if (root is null) return null;
        if (root is not MappingNode top || (top["cells"] is not MappingNode && top["cross_sections"] is not MappingNode))
        {
            bag.Error(root.Mark, "cells", "expected a models map: a mapping with 'cells', each cell a mapping with component, ports and settings, and optionally 'cross_sections' (docs/interop.md)");
            return null;
        }
        foreach (var (key, _) in top.Entries)
            if (key.Value is not ("cells" or "cross_sections"))
                bag.Error(key.Mark, key.Value, $"unknown key '{key.Value}' in a models map: expected 'cells' and 'cross_sections'{Suggestions.Hint(key.Value, ["cells", "cross_sections"])}");
        var crossSections = ReadCrossSections(top, bag);
        var cellsNode = top["cells"] as MappingNode ?? new MappingNode { Mark = top.Mark, Entries = [] };
        if (top["cells"] is { } badCells && top["cells"] is not MappingNode && badCells is not ScalarNode { IsNull: true })
            bag.Error(badCells.Mark, "cells", $"expected a mapping of cells, got {NetlistLoader.Describe(badCells)}");
        var cells = new Dictionary<string, CellMapping>(StringComparer.Ordinal);
        foreach (var (name, value) in cellsNode.Entries)
        {
            string path = "cells." + name.Value;
            if (value is not MappingNode cell)
            {
                bag.Error(value.Mark, path, $"expected a mapping with component, ports and settings, got {NetlistLoader.Describe(value)}");
                continue;
            }
            foreach (var (key, _) in cell.Entries)
                if (key.Value is not ("component" or "ports" or "settings" or "circuit"))
                    bag.Error(key.Mark, path + "." + key.Value, $"unknown key '{key.Value}': expected component, ports, settings, or circuit{Suggestions.Hint(key.Value, ["component", "ports", "settings", "circuit"])}");
            if (cell["circuit"] is { } circuitNode)
            {
                foreach (var key in new[] { "component", "ports", "settings" })
                    if (cell.KeyNode(key) is { } extra)
                        bag.Error(extra.Mark, path + "." + key, $"a cell mapped to a circuit takes no '{key}': its ports are the circuit's ports, and settings belong to the circuit's instances");
                if (ReadCircuit(circuitNode, path + ".circuit", bag, registry) is { } circuit)
                    cells[name.Value] = new CellMapping(name.Value, ModelName(name.Value), circuit.Ports.Keys.ToDictionary(k => k, k => k, StringComparer.Ordinal), null, name.Mark) { Circuit = circuit };
                continue;
            }
            if (cell["component"] is not ScalarNode { IsNull: false } component)
            {
                bag.Error(cell.Mark, path + ".component", "required key 'component' is missing: the built-in the cell becomes (or 'circuit', a circuit of built-ins)");
                continue;
            }
            if (!registry.TryGet(component.Value, out var model))
            {
                bag.Error(component.Mark, path + ".component", $"'{component.Value}' is not a built-in component{Suggestions.Hint(component.Value, registry.All.Select(m => m.Name))}");
                continue;
            }
            var ports = new Dictionary<string, string>(StringComparer.Ordinal);
            if (cell["ports"] is MappingNode portMap)
                foreach (var (from, to) in portMap.Entries)
                {
                    if (to is not ScalarNode { IsNull: false } target)
                    {
                        bag.Error(to.Mark, $"{path}.ports.{from.Value}", $"expected a port of '{model.Name}', got {NetlistLoader.Describe(to)}");
                        continue;
                    }
                    if (model.FixedPorts is { } fixedPorts && !fixedPorts.Contains(target.Value))
                        bag.Error(target.Mark, $"{path}.ports.{from.Value}", $"'{model.Name}' has no port '{target.Value}': its ports are {string.Join(", ", fixedPorts)}{Suggestions.Hint(target.Value, fixedPorts)}");
                    ports[from.Value] = target.Value;
                }
            else if (cell["ports"] is { } other && other is not ScalarNode { IsNull: true })
                bag.Error(other.Mark, path + ".ports", $"expected a mapping of the cell's ports to '{model.Name}''s, got {NetlistLoader.Describe(other)}");
            var settings = cell["settings"] as MappingNode;
            if (cell["settings"] is { } s && settings is null && s is not ScalarNode { IsNull: true })
                bag.Error(s.Mark, path + ".settings", $"expected a mapping of '{model.Name}''s settings, got {NetlistLoader.Describe(s)}");
            cells[name.Value] = new CellMapping(name.Value, model.Name, ports, settings, name.Mark);
        }
        return bag.HasErrors ? null : new CellMap(file, cells, crossSections);
    }

    /// <summary>The name of the model a cell mapped to a circuit becomes: <c>cell_</c> and the cell's name with every character
    /// that cannot be in a name replaced by '_' (never a built-in's name).</summary>
    internal static string ModelName(string cell) =>
        "cell_" + new string([.. cell.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_')]);

    /// <summary>A cell's <c>circuit</c>: instances of built-ins with settings, connections and ports, each checked.</summary>
    private static CellCircuit? ReadCircuit(Node node, string path, DiagnosticBag bag, ComponentRegistry registry)
    {
        if (node is not MappingNode circuit)
        {
            bag.Error(node.Mark, path, $"expected a circuit: a mapping with instances, connections and ports, got {NetlistLoader.Describe(node)}");
            return null;
        }
        int errors = bag.Errors.Count();
        foreach (var (key, _) in circuit.Entries)
            if (key.Value is not ("instances" or "connections" or "ports"))
                bag.Error(key.Mark, path + "." + key.Value, $"unknown key '{key.Value}': a circuit has instances, connections and ports{Suggestions.Hint(key.Value, ["instances", "connections", "ports"])}");
        var instances = new List<(string, string, MappingNode?)>();
        var fixedPorts = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal);
        if (circuit["instances"] is not MappingNode instanceMap || instanceMap.Entries.Count == 0)
            bag.Error(circuit.Mark, path + ".instances", "a circuit needs instances: a mapping of names to {component, settings}");
        else
            foreach (var (name, value) in instanceMap.Entries)
            {
                string at = path + ".instances." + name.Value;
                if (!NetlistLoader.IsValidName(name.Value)) bag.Error(name.Mark, at, $"'{name.Value}' is not an instance name: expected letters, digits and '_', not starting with a digit");
                var component = value as ScalarNode ?? (value as MappingNode)?["component"] as ScalarNode;
                if (component is null || component.IsNull)
                {
                    bag.Error(value.Mark, at + ".component", "expected the instance's built-in component");
                    continue;
                }
                if (!registry.TryGet(component.Value, out var model))
                {
                    bag.Error(component.Mark, at + ".component", $"'{component.Value}' is not a built-in component{Suggestions.Hint(component.Value, registry.All.Select(m => m.Name))}");
                    continue;
                }
                var settings = (value as MappingNode)?["settings"];
                if (settings is not null and not MappingNode && settings is not ScalarNode { IsNull: true })
                    bag.Error(settings.Mark, at + ".settings", $"expected a mapping of '{model.Name}''s settings, got {NetlistLoader.Describe(settings)}");
                foreach (var (key, _) in (value as MappingNode)?.Entries ?? [])
                    if (key.Value is not ("component" or "settings")) bag.Error(key.Mark, at + "." + key.Value, $"unknown key '{key.Value}': expected component, settings");
                instances.Add((name.Value, model.Name, settings as MappingNode));
                fixedPorts[name.Value] = model.FixedPorts;
            }
        bool PortRef(Node reference, string at, out string text)
        {
            text = (reference as ScalarNode)?.Value ?? "";
            int comma = text.IndexOf(',', StringComparison.Ordinal);
            if (reference is not ScalarNode || comma < 0)
            {
                bag.Error(reference.Mark, at, $"expected \"instance,port\", got {NetlistLoader.Describe(reference)}");
                return false;
            }
            string instance = text[..comma].Trim(), port = text[(comma + 1)..].Trim();
            text = instance + "," + port;
            if (!fixedPorts.TryGetValue(instance, out var ports))
            {
                bag.Error(reference.Mark, at, $"'{instance}' is not an instance of this circuit{Suggestions.Hint(instance, fixedPorts.Keys)}");
                return false;
            }
            if (ports is not null && !ports.Contains(port))
            {
                bag.Error(reference.Mark, at, $"'{instance}' has no port '{port}': its ports are {string.Join(", ", ports)}{Suggestions.Hint(port, ports)}");
                return false;
            }
            return true;
        }
        var connections = new List<(string, string)>();
        if (circuit["connections"] is MappingNode connectionMap)
        {
            foreach (var (a, b) in connectionMap.Entries)
                if (PortRef(a, path + ".connections", out string from) & PortRef(b, path + ".connections." + a.Value, out string to)) connections.Add((from, to));
        }
        else if (circuit["connections"] is { } badConnections && badConnections is not ScalarNode { IsNull: true })
            bag.Error(badConnections.Mark, path + ".connections", $"expected a mapping of \"instance,port\" pairs, got {NetlistLoader.Describe(badConnections)}");
        var ports = new Dictionary<string, string>(StringComparer.Ordinal);
        if (circuit["ports"] is not MappingNode portMap || portMap.Entries.Count == 0)
            bag.Error(circuit.Mark, path + ".ports", "a circuit needs ports: the cell's port names, each to \"instance,port\"");
        else
            foreach (var (port, target) in portMap.Entries)
            {
                if (!NetlistLoader.IsValidName(port.Value)) bag.Error(port.Mark, path + ".ports." + port.Value, $"'{port.Value}' is not a port name: expected letters, digits and '_', not starting with a digit");
                if (PortRef(target, path + ".ports." + port.Value, out string text)) ports[port.Value] = text;
            }
        return bag.Errors.Count() > errors ? null : new CellCircuit(instances, connections, ports);
    }

    /// <summary>
    /// The model a cell mapped to a circuit becomes, as a netlist model body placed at <paramref name="mark"/> (diagnostics
    /// name the netlist's line): its instances with their components only (their settings are given per instance of the
    /// cell, <see cref="CircuitSettingsFor"/>), its connections and its ports.
    /// </summary>
    internal static MappingNode CircuitModel(CellCircuit circuit, SourceMark mark)
    {
        ScalarNode Text(string value) => new() { Mark = mark, Value = value };
        MappingNode Map(IEnumerable<KeyValuePair<ScalarNode, Node>> entries) => new() { Mark = mark, Entries = [.. entries] };
        return Map([
            new(Text("instances"), Map(circuit.Instances.Select(i => new KeyValuePair<ScalarNode, Node>(Text(i.Name), Map([new(Text("component"), Text(i.Component))]))))),
            new(Text("connections"), Map(circuit.Connections.Select(c => new KeyValuePair<ScalarNode, Node>(Text(c.A), Text(c.B))))),
            new(Text("ports"), Map(circuit.Ports.Select(p => new KeyValuePair<ScalarNode, Node>(Text(p.Key), Text(p.Value))))),
        ]);
    }

    /// <summary>
    /// The settings of one instance of a cell mapped to a circuit, in the nested form (inner instance → its settings):
    /// each part's numbers as written and its <c>"{key}"</c> references taken from this instance, as for a single component
    /// (<see cref="SettingsFor"/>); null when a reference cannot be had.
    /// </summary>
    internal List<KeyValuePair<ScalarNode, Node>>? CircuitSettingsFor(CellMapping cell, MappingNode? settings, MappingNode? info, string instancePath,
        SourceMark instanceMark, DiagnosticBag bag, ISet<string> used)
    {
        var result = new List<KeyValuePair<ScalarNode, Node>>();
        bool ok = true;
        foreach (var (name, component, partSettings) in cell.Circuit!.Instances)
        {
            var part = cell with { Component = component, Settings = partSettings, Circuit = null };
            var values = SettingsFor(part, settings, info, instancePath, instanceMark, bag, used);
            if (values is null) ok = false;
            else if (values.Count > 0) result.Add(new(new ScalarNode { Mark = instanceMark, Value = name }, new MappingNode { Mark = instanceMark, Entries = values }));
        }
        return ok ? result : null;
    }

    /// <summary>The map's <c>cross_sections</c>: each a mapping of waveguide settings with numbers.</summary>
    private static Dictionary<string, MappingNode> ReadCrossSections(MappingNode top, DiagnosticBag bag)
    {
        var result = new Dictionary<string, MappingNode>(StringComparer.Ordinal);
        if (top["cross_sections"] is not { } node || node is ScalarNode { IsNull: true }) return result;
        if (node is not MappingNode sections)
        {
            bag.Error(node.Mark, "cross_sections", $"expected a mapping of cross-section names to waveguide settings ({string.Join(", ", CrossSectionSettings)}), got {NetlistLoader.Describe(node)}");
            return result;
        }
        foreach (var (name, value) in sections.Entries)
        {
            string path = "cross_sections." + name.Value;
            if (value is not MappingNode settings)
            {
                bag.Error(value.Mark, path, $"expected a mapping of waveguide settings ({string.Join(", ", CrossSectionSettings)}), got {NetlistLoader.Describe(value)}");
                continue;
            }
            foreach (var (key, v) in settings.Entries)
            {
                if (!CrossSectionSettings.Contains(key.Value))
                    bag.Error(key.Mark, path + "." + key.Value, $"'{key.Value}' is not a setting a cross-section gives: expected {string.Join(", ", CrossSectionSettings)}{Suggestions.Hint(key.Value, CrossSectionSettings)}");
                else if (v is not ScalarNode s || !s.TryGetNumber(out _))
                    bag.Error(v.Mark, path + "." + key.Value, $"expected a number, got {NetlistLoader.Describe(v)}");
            }
            result[name.Value] = settings;
        }
        return result;
    }

    /// <summary>
    /// The waveguide settings of a straight, bend or taper of gdsfactory's table from its <c>cross_section</c> setting
    /// (gdsfactory's default, <c>strip</c>, when it has none), placed at the instance's cross_section (diagnostics name the
    /// netlist's line); an empty list when the map has no cross-sections; null with an error naming the instance when
    /// the map does not give its cross-section.
    /// </summary>
    internal List<KeyValuePair<ScalarNode, Node>>? CrossSectionFor(MappingNode? settings, string instancePath, SourceMark instanceMark, DiagnosticBag bag)
    {
        if (CrossSections.Count == 0) return [];
        var node = settings?["cross_section"];
        string known = string.Join(", ", CrossSections.Keys.Order(StringComparer.Ordinal));
        if (node is not null && node is not ScalarNode { IsNull: false })
        {
            bag.Error(node.Mark, instancePath + ".settings.cross_section", $"the cross-section is {NetlistLoader.Describe(node)}, not a name, so the models map {File} (cross_sections: {known}) cannot give its indices: name it, or map the cell under 'cells'");
            return null;
        }
        string name = (node as ScalarNode)?.Value ?? "strip";
        if (!CrossSections.TryGetValue(name, out var section))
        {
            bag.Error(node?.Mark ?? instanceMark, instancePath + (node is null ? "" : ".settings.cross_section"),
                node is null
                    ? $"has no cross_section, and the models map {File} does not give gdsfactory's default, 'strip' (cross_sections: {known})"
                    : $"cross-section '{name}' is not in the models map {File} (cross_sections: {known}){Suggestions.Hint(name, CrossSections.Keys)}");
            return null;
        }
        var mark = node?.Mark ?? instanceMark;
        return [.. section.Entries.Select(e => new KeyValuePair<ScalarNode, Node>(new ScalarNode { Mark = mark, Value = e.Key.Value }, Remark(e.Value, mark)))];
    }

    /// <summary>
    /// The component's settings for one instance of the cell: the map's numbers and lists as written, and each
    /// <c>"{key}"</c> (or <c>"{settings.key}"</c>, <c>"{info.key}"</c>) replaced by the instance's number of that name, at its
    /// line. A reference the instance does not have is an error naming the instance, the cell and the map.
    /// </summary>
    internal List<KeyValuePair<ScalarNode, Node>>? SettingsFor(CellMapping cell, MappingNode? settings, MappingNode? info, string instancePath,
        SourceMark instanceMark, DiagnosticBag bag, ISet<string> used)
    {
        var result = new List<KeyValuePair<ScalarNode, Node>>();
        bool ok = true;
        foreach (var (key, value) in cell.Settings?.Entries ?? [])
        {
            var newKey = new ScalarNode { Mark = instanceMark, Value = key.Value };
            if (value is ScalarNode { IsQuoted: true } text && text.Value.Length > 2 && text.Value[0] == '{' && text.Value[^1] == '}')
            {
                string reference = text.Value[1..^1].Trim();
                var (source, name) = reference.StartsWith("info.", StringComparison.Ordinal) ? (info, reference[5..])
                    : reference.StartsWith("settings.", StringComparison.Ordinal) ? (settings, reference[9..])
                    : (settings?[reference] is not null ? settings : info, reference);
                if (source?[name] is ScalarNode found && found.TryGetNumber(out double number))
                {
                    used.Add(name);
                    result.Add(new(new ScalarNode { Mark = source.KeyNode(name)!.Mark, Value = key.Value }, NetlistImport.Number(number, found.Mark)));
                    continue;
                }
                bag.Error(instanceMark, instancePath, string.Create(CultureInfo.InvariantCulture,
                    $"the models map {File} sets '{key.Value}' of cell '{cell.Cell}' from \"{{{reference}}}\", but this instance has no number of that name in its settings or info"));
                ok = false;
                continue;
            }
            result.Add(new(newKey, Remark(value, instanceMark)));
        }
        return ok ? result : null;
    }

    /// <summary>A copy of a value from the map placed at the instance (diagnostics name the netlist's file and line).</summary>
    private static Node Remark(Node node, SourceMark mark) => node switch
    {
        ScalarNode s => new ScalarNode { Mark = mark, Value = s.Value, IsQuoted = s.IsQuoted },
        SequenceNode q => new SequenceNode { Mark = mark, Items = [.. q.Items.Select(i => Remark(i, mark))] },
        MappingNode m => new MappingNode { Mark = mark, Entries = [.. m.Entries.Select(e => new KeyValuePair<ScalarNode, Node>(new ScalarNode { Mark = mark, Value = e.Key.Value }, Remark(e.Value, mark)))] },
        _ => node,
    };
}
