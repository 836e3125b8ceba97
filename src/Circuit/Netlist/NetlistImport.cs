using System.Globalization;
using PhotonicKit.Circuit.Diagnostics;

namespace PhotonicKit.Circuit.Netlist;

/// <summary>The formats a netlist file can be read in.</summary>
public enum NetlistFormat
{
    /// <summary>PhotonicKit's own format (netlist format v1).</summary>
    PhotonicKit,
    /// <summary>A SAX netlist dict (flat, or recursive: named netlists plus the top one) written as YAML or JSON.</summary>
    Sax,
    /// <summary>gdsfactory's <c>get_netlist()</c> output or a <c>.pic.yml</c> schematic (not read yet).</summary>
    Gdsfactory,
}

/// <summary>A wavelength grid given on the command line (<c>--sweep START:STOP:POINTS</c>, nm).</summary>
/// <param name="StartNm">First wavelength, nm.</param>
/// <param name="StopNm">Last wavelength, nm.</param>
/// <param name="Points">Number of wavelengths.</param>
public sealed record SweepOverride(double StartNm, double StopNm, int Points)
{
    /// <summary>Parses <c>START:STOP:POINTS</c>; null with a reason when it is not of that form.</summary>
    /// <param name="text">The option's value.</param>
    /// <param name="problem">Why it was not read.</param>
    public static SweepOverride? Parse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        var parts = text.Split(':');
        if (parts.Length == 3
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double start) && double.IsFinite(start)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double stop) && double.IsFinite(stop)
            && int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int points))
            return new SweepOverride(start, stop, points);
        problem = $"'{text}' is not START:STOP:POINTS (wavelengths in nm and a number of points, e.g. 1500:1600:201)";
        return null;
    }
}

/// <summary>How a file is read: its format (null: recognised from its keys) and the wavelengths given on the command line.</summary>
/// <param name="From">The format, forced with <c>--from</c>; null to recognise it.</param>
/// <param name="WavelengthNm">The wavelength from <c>--wavelength-nm</c> (overrides a file's own).</param>
/// <param name="Sweep">The grid from <c>--sweep</c> (overrides a file's own).</param>
/// <param name="Models">The map of cells to built-ins from <c>--models</c>, consulted before the built-in tables.</param>
public sealed record NetlistReadOptions(NetlistFormat? From = null, double? WavelengthNm = null, SweepOverride? Sweep = null, CellMap? Models = null)
{
    /// <summary>Read as PhotonicKit's format unless recognised otherwise, with the file's own wavelengths.</summary>
    public static NetlistReadOptions Default { get; } = new();
}

/// <summary>
/// Brings a netlist written for another tool into PhotonicKit's format, node by node, so that every later check names
/// the line of the original file: SAX netlists (flat or recursive) with SAX's model names, port names and defaults, and
/// the command line's wavelengths for files that have none (docs/interop.md).
/// </summary>
internal static class NetlistImport
{
    private static readonly string[] PhotonicKitOnlyKeys = ["photonickit", "wavelength_nm", "sweep", "models", "analyses"];

    /// <summary>The file's format: forced, or recognised from its keys.</summary>
    public static NetlistFormat Recognise(Node root, NetlistFormat? forced)
    {
        if (forced is { } f) return f;
        if (root is not MappingNode map) return NetlistFormat.PhotonicKit;
        if (PhotonicKitOnlyKeys.Any(k => map[k] is not null)) return NetlistFormat.PhotonicKit;
        if (IsGdsfactoryNetlist(map)) return NetlistFormat.Gdsfactory;
        if (IsSaxNetlist(map) || IsRecursive(map)) return NetlistFormat.Sax;
        return NetlistFormat.PhotonicKit;
    }

    /// <summary>gdsfactory's get_netlist() output: instances with component and info, nets, placements, ports, name, warnings.</summary>
    private static bool IsGdsfactoryNetlist(MappingNode map) =>
        map["instances"] is MappingNode instances
        && map.Entries.All(e => e.Key.Value is "instances" or "nets" or "connections" or "placements" or "ports" or "name" or "warnings" or "schema" or "schema_version" or "pdk" or "info" or "settings" or "routes" or "default_settings" or "schematic_placements")
        && (instances.Entries.Any(e => e.Value is MappingNode m && m["info"] is not null) || map["warnings"] is not null || map["name"] is not null || map["routes"] is not null
            || map["default_settings"] is not null || map["schematic_placements"] is not null);

    private static bool IsSaxNetlist(MappingNode map) =>
        map["instances"] is MappingNode instances
        && instances.Entries.All(e => e.Value is ScalarNode { IsNull: false } || e.Value is MappingNode m && m["component"] is not null && m["info"] is null)
        && map.Entries.All(e => e.Key.Value is "instances" or "connections" or "ports" or "nets" or "placements" or "settings");

    private static bool IsRecursive(MappingNode map) =>
        map.Entries.Count > 0 && map.Entries.All(e => e.Value is MappingNode m && IsSaxNetlist(m));

    /// <summary>
    /// The tree to load: a PhotonicKit file with the command line's wavelengths applied, or a foreign netlist translated.
    /// Null (with errors in <paramref name="bag"/>) when it cannot be.
    /// </summary>
    public static Node? Translate(Node root, string fileName, NetlistReadOptions options, DiagnosticBag bag)
    {
        var format = Recognise(root, options.From);
        switch (format)
        {
            case NetlistFormat.PhotonicKit:
                return root is MappingNode map ? WithWavelengths(map, options) : root;
            case NetlistFormat.Gdsfactory:
                return new GdsfactoryReader(bag, fileName, options).Read(root);
            default:
                return new SaxReader(bag, fileName, options).Read(root);
        }
    }

    /// <summary>A PhotonicKit file with <c>wavelength_nm</c> and <c>sweep</c> replaced by the command line's.</summary>
    private static MappingNode WithWavelengths(MappingNode map, NetlistReadOptions options)
    {
        if (options.WavelengthNm is null && options.Sweep is null) return map;
        var entries = map.Entries.Where(e => !(options.WavelengthNm is not null && e.Key.Value == "wavelength_nm") && !(options.Sweep is not null && e.Key.Value == "sweep")).ToList();
        int at = Math.Min(entries.Count, entries.FindIndex(e => e.Key.Value == "photonickit") + 1);
        entries.InsertRange(at, WavelengthEntries(options, map.Mark));
        return new MappingNode { Mark = map.Mark, Entries = entries };
    }

    private static List<KeyValuePair<ScalarNode, Node>> WavelengthEntries(NetlistReadOptions options, SourceMark mark)
    {
        var entries = new List<KeyValuePair<ScalarNode, Node>>();
        double? wavelength = options.WavelengthNm ?? (options.Sweep is { } s ? (s.StartNm + s.StopNm) / 2 : null);
        if (wavelength is double w) entries.Add(Entry("wavelength_nm", Number(w, mark), mark));
        if (options.Sweep is { } sweep)
            entries.Add(Entry("sweep", Map(mark, Entry("start_nm", Number(sweep.StartNm, mark), mark), Entry("stop_nm", Number(sweep.StopNm, mark), mark),
                Entry("points", Number(sweep.Points, mark), mark)), mark));
        return entries;
    }

    /// <summary>"instance,port" with the port renamed by the instance's port map (unchanged when it has none or the port is
    /// not in it, so that the loader names a wrong port as written).</summary>
    private static ScalarNode Renamed(ScalarNode reference, Func<string, IReadOnlyDictionary<string, string>?> portsOf)
    {
        int comma = reference.Value.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0) return reference;
        string instance = reference.Value[..comma].Trim(), port = reference.Value[(comma + 1)..].Trim();
        if (portsOf(instance) is not { } ports || !ports.TryGetValue(port, out var mapped)) return reference;
        return new ScalarNode { Mark = reference.Mark, Value = instance + "," + mapped, IsQuoted = reference.IsQuoted };
    }

    internal static KeyValuePair<ScalarNode, Node> Entry(string key, Node value, SourceMark mark) => new(new ScalarNode { Mark = mark, Value = key }, value);

    internal static ScalarNode Number(double value, SourceMark mark) => new() { Mark = mark, Value = value.ToString("R", CultureInfo.InvariantCulture) };

    internal static ScalarNode Text(string value, SourceMark mark) => new() { Mark = mark, Value = value, IsQuoted = true };

    internal static MappingNode Map(SourceMark mark, params KeyValuePair<ScalarNode, Node>[] entries) => new() { Mark = mark, Entries = entries };

    /// <summary>Reads gdsfactory's get_netlist() output (docs/interop.md, "gdsfactory").</summary>
    private sealed class GdsfactoryReader(DiagnosticBag bag, string fileName, NetlistReadOptions options)
    {
        public Node? Read(Node root)
        {
            if (root is not MappingNode map || map["instances"] is not MappingNode instances)
            {
                bag.Error(root.Mark, "", $"expected gdsfactory's get_netlist() output (a mapping with instances, nets, ports), got {NetlistLoader.Describe(root)}");
                return null;
            }
            // A templated schematic: gdsfactory fills its instances' settings from default_settings (Jinja) when it builds the
            // circuit, so the file alone does not give them.
            if (map.KeyNode("default_settings") is { } template)
            {
                bag.Error(template.Mark, "default_settings", "a templated .pic.yml schematic: gdsfactory fills its instances' settings from default_settings when it builds the circuit, so this file does not hold them; build it with gdsfactory and run the built circuit's get_netlist() output");
                return null;
            }
            // A .pic.yml schematic's routes: each link is a connection; the routed waveguide's length is decided by gdsfactory's
            // layout and is not in the file, so the link is direct (a warning says so).
            var routeLinks = new List<KeyValuePair<ScalarNode, Node>>();
            int routed = 0;
            if (map["routes"] is MappingNode routes)
                foreach (var (routeName, route) in routes.Entries)
                {
                    if (route is MappingNode r && r["links"] is MappingNode links)
                    {
                        routeLinks.AddRange(links.Entries);
                        routed += links.Entries.Count;
                    }
                    else bag.Error(route.Mark, $"routes.{routeName.Value}", $"expected a route with 'links' (\"instance,port\": \"instance,port\"), got {NetlistLoader.Describe(route)}");
                }
            else if (map["routes"] is { } badRoutes) bag.Error(badRoutes.Mark, "routes", $"expected a mapping of routes, got {NetlistLoader.Describe(badRoutes)}");
            var cells = new Dictionary<string, GdsCell>(StringComparer.Ordinal);
            var translated = new List<KeyValuePair<ScalarNode, Node>>();
            var ignoredSettings = new SortedSet<string>(StringComparer.Ordinal);
            var unmapped = new Dictionary<string, List<ScalarNode>>(StringComparer.Ordinal);
            int crossSectioned = 0;
            var cellModels = new Dictionary<string, MappingNode>(StringComparer.Ordinal);
            foreach (var (name, value) in instances.Entries)
            {
                string path = "instances." + name.Value;
                var instance = value as MappingNode;
                var componentNode = value as ScalarNode ?? instance?["component"] as ScalarNode;
                if (componentNode is null)
                {
                    bag.Error(value.Mark, path + ".component", $"expected the instance's cell name, got {NetlistLoader.Describe(value)}");
                    continue;
                }
                if (options.Models?.Cells.TryGetValue(componentNode.Value, out var mapped0) == true)
                {
                    var used = new HashSet<string>(StringComparer.Ordinal);
                    if (mapped0.Circuit is { } circuit && !cellModels.ContainsKey(mapped0.Component))
                        cellModels[mapped0.Component] = CellMap.CircuitModel(circuit, name.Mark);
                    var mappedSettings = mapped0.Circuit is null
                        ? options.Models.SettingsFor(mapped0, instance?["settings"] as MappingNode, instance?["info"] as MappingNode, path, name.Mark, bag, used)
                        : options.Models.CircuitSettingsFor(mapped0, instance?["settings"] as MappingNode, instance?["info"] as MappingNode, path, name.Mark, bag, used);
                    if (mappedSettings is null) continue;
                    cells[name.Value] = new GdsCell(mapped0.Component, mapped0.Ports, used, (_, _, _, _, _) => []);
                    foreach (var (key, v) in (instance?["settings"] as MappingNode)?.Entries ?? [])
                        if (!used.Contains(key.Value) && !(v is ScalarNode { IsNull: true })) ignoredSettings.Add(key.Value);
                    var mappedBody = new List<KeyValuePair<ScalarNode, Node>> { Entry("component", new ScalarNode { Mark = componentNode.Mark, Value = mapped0.Component }, componentNode.Mark) };
                    if (mappedSettings.Count > 0) mappedBody.Add(Entry("settings", Map(value.Mark, [.. mappedSettings]), value.Mark));
                    translated.Add(new(name, Map(value.Mark, [.. mappedBody])));
                    continue;
                }
                if (!GdsfactoryCells.Table.TryGetValue(componentNode.Value, out var cell))
                {
                    if (!unmapped.TryGetValue(componentNode.Value, out var list)) unmapped[componentNode.Value] = list = [];
                    list.Add(name);
                    continue;
                }
                var settings = instance?["settings"] as MappingNode;
                var info = instance?["info"] as MappingNode;
                var mapped = cell.Map(settings, info, path, name.Mark, bag);
                if (mapped is null) continue;
                bool fromCrossSection = false;
                if (cell.Component == "waveguide" && options.Models is { CrossSections.Count: > 0 } models)
                {
                    if (models.CrossSectionFor(settings, path, name.Mark, bag) is not { } section) continue;
                    mapped.AddRange(section);
                    fromCrossSection = true;
                    crossSectioned++;
                }
                cells[name.Value] = cell;
                foreach (var (key, v) in settings?.Entries ?? [])
                    if (!cell.UsedSettings.Contains(key.Value) && !(fromCrossSection && key.Value == "cross_section") && !(v is ScalarNode { IsNull: true })) ignoredSettings.Add(key.Value);
                var body = new List<KeyValuePair<ScalarNode, Node>> { Entry("component", new ScalarNode { Mark = componentNode.Mark, Value = cell.Component }, componentNode.Mark) };
                if (mapped.Count > 0) body.Add(Entry("settings", Map(settings?.Mark ?? value.Mark, [.. mapped]), settings?.Mark ?? value.Mark));
                translated.Add(new(name, Map(value.Mark, [.. body])));
            }
            foreach (var (cell, names) in unmapped)
            {
                string known = string.Join(", ", GdsfactoryCells.Table.Keys.Order(StringComparer.Ordinal));
                bool grating = GdsfactoryCells.GratingCouplers.Contains(cell);
                string why = grating
                    ? $"gdsfactory's '{cell}' is given by its geometry (period, fill, taper), which does not fix its efficiency or passband: PhotonicKit does not guess them"
                    : GdsfactoryCells.GeometryOnly.Contains(cell)
                    ? $"gdsfactory's '{cell}' is given by its geometry (gap, lengths), which does not fix its coupling: PhotonicKit does not guess one"
                    : $"gdsfactory's cell '{cell}' has no PhotonicKit model{Suggestions.Hint(cell, GdsfactoryCells.Table.Keys.Concat(options.Models?.Cells.Keys ?? []))} (cells read: {known})";
                string todo = grating
                    ? "map it with --models FILE.yaml to the built-in grating_coupler with your measured peak_efficiency, center_nm and bandwidth_3db_nm (ports: {o1: wg}; docs/interop.md, \"Cells of your own\")"
                    : "map it to a built-in with --models FILE.yaml (docs/interop.md, \"Cells of your own\")";
                bag.Error(names[0].Mark, $"instances.{names[0].Value}.component",
                    $"{why}; used by {names.Count} instance{(names.Count == 1 ? "" : "s")} ({string.Join(", ", names.Take(3).Select(n => $"'{n.Value}'"))}{(names.Count > 3 ? ", …" : "")}): {todo}");
            }
            if (options.WavelengthNm is null && options.Sweep is null)
                bag.Error(map.Mark, "--wavelength-nm", "a gdsfactory netlist has no wavelength: give it on the command line with --wavelength-nm X or --sweep START:STOP:POINTS (nm)");
            if (bag.HasErrors) return null;

            string name0 = map["name"] is ScalarNode { IsNull: false } n && NetlistLoader.IsValidName(n.Value) ? n.Value
                : Path.GetFileNameWithoutExtension(fileName) is { Length: > 0 } stem && NetlistLoader.IsValidName(stem) ? stem : "gdsfactory";
            var entries = new List<KeyValuePair<ScalarNode, Node>>
            {
                Entry("photonickit", Number(NetlistLoader.FormatVersion, map.Mark), map.Mark),
                Entry("name", Text(name0, map.Mark), map.Mark),
            };
            entries.AddRange(WavelengthEntries(options, map.Mark));
            if (cellModels.Count > 0)
                entries.Add(Entry("models", Map(map.Mark, [.. cellModels.Select(m => Entry(m.Key, m.Value, m.Value.Mark))]), map.Mark));
            entries.Add(new(map.KeyNode("instances")!, Map(instances.Mark, [.. translated])));
            if (map["nets"] is SequenceNode nets)
                entries.Add(new(map.KeyNode("nets")!, new SequenceNode
                {
                    Mark = nets.Mark,
                    Items = [.. nets.Items.Select(item => Net(item) is MappingNode net
                        ? Map(net.Mark, [.. net.Entries.Where(e => e.Key.Value is "p1" or "p2").Select(e => e.Value is ScalarNode v ? new KeyValuePair<ScalarNode, Node>(e.Key, PortRef(v, cells)) : e)])
                        : item)],
                }));
            else if (map["nets"] is { } other) entries.Add(new(map.KeyNode("nets")!, other));
            var allConnections = ((map["connections"] as MappingNode)?.Entries ?? []).Concat(routeLinks).ToList();
            if (allConnections.Count > 0)
                entries.Add(Entry("connections", Map(map.KeyNode("connections")?.Mark ?? map.KeyNode("routes")!.Mark,
                    [.. allConnections.Select(e => new KeyValuePair<ScalarNode, Node>(PortRef(e.Key, cells), e.Value is ScalarNode v ? PortRef(v, cells) : e.Value))]), map.Mark));
            if (map["schematic_placements"] is not null && map["nets"] is SequenceNode { Items.Count: > 0 } schematicNets)
                bag.Warning(map.KeyNode("nets")!.Mark, "nets", $"{schematicNets.Items.Count} net{(schematicNets.Items.Count == 1 ? " of a schematic is" : "s of a schematic are")} read as direct connections: a schematic does not hold the routed waveguides' lengths (gdsfactory decides them when it lays the circuit out); run the laid-out circuit's get_netlist() output for them");
            if (routed > 0)
                bag.Warning(map.KeyNode("routes")!.Mark, "routes", $"{routed} route link{(routed == 1 ? " is" : "s are")} read as direct connections: a .pic.yml does not hold the routed waveguides' lengths (gdsfactory decides them when it lays the circuit out); run the laid-out circuit's get_netlist() output for them");
            // A grating coupler's fiber side is where the light enters and leaves the chip: a fiber port of an instance mapped
            // to the built-in grating_coupler that the file neither connects nor names (get_netlist() lists only waveguide
            // ports) becomes a port of the circuit, "{instance}_fiber".
            var portEntries = map["ports"] is MappingNode ports0
                ? ports0.Entries.Select(e => new KeyValuePair<ScalarNode, Node>(e.Key, e.Value is ScalarNode v ? PortRef(v, cells) : e.Value)).ToList()
                : null;
            var fiberPorts = FiberPorts(cells, map, portEntries, allConnections);
            if (fiberPorts.Count > 0)
            {
                portEntries ??= [];
                portEntries.AddRange(fiberPorts.Select(f => Entry(f.Port, Text(f.Instance + ",fiber", f.Mark), f.Mark)));
                bag.Warning(fiberPorts[0].Mark, "ports", $"{fiberPorts.Count} grating coupler fiber port{(fiberPorts.Count == 1 ? " that the file neither connects nor names is a port" : "s that the file neither connects nor names are ports")} of the circuit: {string.Join(", ", fiberPorts.Take(4).Select(f => f.Port))}{(fiberPorts.Count > 4 ? ", …" : "")}");
            }
            if (portEntries is not null)
                entries.Add(new(map.KeyNode("ports") ?? new ScalarNode { Mark = map.Mark, Value = "ports" }, Map(map["ports"]?.Mark ?? map.Mark, [.. portEntries])));
            var skipped = map.Entries.Where(e => e.Key.Value is "placements" or "schematic_placements" or "warnings" or "schema" or "schema_version" or "pdk" or "info" or "settings").Select(e => e.Key.Value).ToList();
            bag.Warning(map.Mark, "", $"read as gdsfactory's {(map["routes"] is not null ? ".pic.yml schematic" : map["schematic_placements"] is not null ? "schematic" : "get_netlist() output")} ({translated.Count} instance{(translated.Count == 1 ? "" : "s")} as {string.Join(", ", cells.Values.Select(c => c.Component).Distinct().Order(StringComparer.Ordinal))})"
                + (skipped.Count > 0 ? $"; {string.Join(", ", skipped)} ignored (layout)" : "")
                + (ignoredSettings.Count > 0 ? $"; settings not read (layout{(options.Models is null ? "" : ", or not used by the models map")}): {string.Join(", ", ignoredSettings)}" : "")
                + (crossSectioned > 0
                    ? $"; waveguides, bends and tapers are PhotonicKit waveguides of their length with the indices and loss of their cross-section from the models map ({crossSectioned} instance{(crossSectioned == 1 ? "" : "s")}; docs/interop.md)"
                    : "; waveguides, bends and tapers are PhotonicKit waveguides of their length with n_eff 2.4, n_g 4.2 at the file's wavelength (docs/interop.md)"));
            return new MappingNode { Mark = map.Mark, Entries = entries };
        }

        /// <summary>The fiber ports of instances that became grating_coupler and that no net, connection or port uses.</summary>
        private static List<(string Instance, string Port, SourceMark Mark)> FiberPorts(Dictionary<string, GdsCell> cells, MappingNode map,
            List<KeyValuePair<ScalarNode, Node>>? ports, List<KeyValuePair<ScalarNode, Node>> connections)
        {
            var gratings = cells.Where(c => c.Value.Component == "grating_coupler").Select(c => c.Key).ToList();
            if (gratings.Count == 0) return [];
            var used = new HashSet<string>(StringComparer.Ordinal);
            void Use(Node? node)
            {
                if (node is ScalarNode { IsNull: false } s) used.Add(PortRef(s, cells).Value.Replace(" ", "", StringComparison.Ordinal));
            }
            foreach (var net in ((map["nets"] as SequenceNode)?.Items ?? []).Select(Net).OfType<MappingNode>())
            {
                Use(net["p1"]);
                Use(net["p2"]);
            }
            foreach (var (key, value) in connections)
            {
                Use(key);
                Use(value);
            }
            foreach (var (_, value) in ports ?? [])
                if (value is ScalarNode { IsNull: false } s) used.Add(s.Value.Replace(" ", "", StringComparison.Ordinal));
            var names = new HashSet<string>((ports ?? []).Select(p => p.Key.Value), StringComparer.Ordinal);
            var instances = (MappingNode)map["instances"]!;
            return [.. gratings.Order(StringComparer.Ordinal)
                .Where(g => !used.Contains(g + ",fiber") && !names.Contains(g + "_fiber"))
                .Select(g => (g, g + "_fiber", instances.KeyNode(g)!.Mark))];
        }

        /// <summary>A net as {p1, p2}: get_netlist() writes it so, gdsfactory's schematics as a pair ["instance,port", "instance,port"].</summary>
        private static Node Net(Node item) => item is SequenceNode { Items: [ScalarNode a, ScalarNode b] } pair
            ? Map(pair.Mark, Entry("p1", a, a.Mark), Entry("p2", b, b.Mark))
            : item;

        private static ScalarNode PortRef(ScalarNode reference, Dictionary<string, GdsCell> cells) =>
            Renamed(reference, instance => cells.TryGetValue(instance, out var cell) ? cell.Ports : null);
    }

    /// <summary>Reads a SAX netlist (docs/interop.md, "SAX").</summary>
    private sealed class SaxReader(DiagnosticBag bag, string fileName, NetlistReadOptions options)
    {
        private const string TopLevel = "top_level";
        private HashSet<string> _netlists = new(StringComparer.Ordinal);
        private MappingNode? _all;
        private readonly List<KeyValuePair<ScalarNode, Node>> _helpers = [];
        private readonly SortedSet<string> _helperModels = new(StringComparer.Ordinal);

        // The run's wavelengths (the smatrix that a SAX file runs uses the sweep, else the one wavelength): SAX normalises its
        // MMIs' responses over the wavelengths it evaluates.
        private readonly double[] _grid = options.Sweep is { Points: >= 1 } sw && sw.StartNm > 0 && sw.StopNm >= sw.StartNm
            ? new WavelengthSweep(sw.StartNm, sw.StopNm, sw.Points).WavelengthsNm()
            : options.WavelengthNm is double w && w > 0 ? [w] : [];

        public Node? Read(Node root)
        {
            if (root is not MappingNode map)
            {
                bag.Error(root.Mark, "", $"expected a SAX netlist (a mapping with instances, connections, ports), got a {root.KindText}");
                return null;
            }
            MappingNode top;
            var models = new List<KeyValuePair<ScalarNode, Node>>();
            string kind;
            if (map["instances"] is null && IsRecursive(map))
            {
                // A recursive netlist: named netlists, the top one "top_level" or the one no other uses.
                _netlists = map.Entries.Select(e => e.Key.Value).ToHashSet(StringComparer.Ordinal);
                _all = map;
                var used = map.Entries.SelectMany(e => ((MappingNode)((MappingNode)e.Value)["instances"]!).Entries)
                    .Select(i => i.Value is ScalarNode s ? s.Value : ((i.Value as MappingNode)?["component"] as ScalarNode)?.Value)
                    .Where(n => n is not null).ToHashSet(StringComparer.Ordinal);
                var roots = map.Entries.Where(e => !used.Contains(e.Key.Value)).ToList();
                var topEntry = map.Entries.FirstOrDefault(e => e.Key.Value == TopLevel);
                if (topEntry.Key is null)
                {
                    if (roots.Count != 1)
                    {
                        bag.Error(map.Mark, "", $"a recursive SAX netlist needs its top netlist named '{TopLevel}' or exactly one netlist that no other uses; {(roots.Count == 0 ? "every netlist is used by another" : "these are used by none: " + string.Join(", ", roots.Select(r => r.Key.Value)))}");
                        return null;
                    }
                    topEntry = roots[0];
                }
                top = (MappingNode)topEntry.Value;
                foreach (var (key, value) in map.Entries)
                {
                    if (key.Value == topEntry.Key.Value) continue;
                    if (!NetlistLoader.IsValidName(key.Value))
                    {
                        bag.Error(key.Mark, key.Value, $"netlist name '{key.Value}' is not usable as a model name: expected letters, digits and '_', not starting with a digit");
                        continue;
                    }
                    models.Add(new(key, Body((MappingNode)value, key.Value + ".")));
                }
                kind = $"a recursive SAX netlist ({map.Entries.Count} netlists, top '{topEntry.Key.Value}')";
            }
            else
            {
                top = map;
                kind = "a SAX netlist";
            }
            var body = Body(top, "");
            if (bag.HasErrors) return null;
            var entries = new List<KeyValuePair<ScalarNode, Node>>
            {
                Entry("photonickit", Number(NetlistLoader.FormatVersion, map.Mark), map.Mark),
                Entry("name", Text(Path.GetFileNameWithoutExtension(fileName) is { Length: > 0 } stem && NetlistLoader.IsValidName(stem) ? stem : "sax", map.Mark), map.Mark),
            };
            if (options.WavelengthNm is null && options.Sweep is null)
            {
                bag.Error(map.Mark, "--wavelength-nm", $"{kind} has no wavelength: give it on the command line with --wavelength-nm X or --sweep START:STOP:POINTS (nm)");
                return null;
            }
            entries.AddRange(WavelengthEntries(options, map.Mark));
            models.AddRange(_helpers);
            if (models.Count > 0) entries.Add(Entry("models", Map(map.Mark, [.. models]), map.Mark));
            entries.AddRange(body.Entries);
            bag.Warning(map.Mark, "", $"read as {kind}, with SAX's model names, port names and defaults (straight: n_eff 2.34, n_g 3.4, λ0 1550 nm); docs/interop.md says how each model is mapped");
            return new MappingNode { Mark = map.Mark, Entries = entries };
        }

        /// <summary>instances, connections, nets, ports of one netlist, with SAX's models and ports mapped.</summary>
        private MappingNode Body(MappingNode netlist, string prefix)
        {
            var entries = new List<KeyValuePair<ScalarNode, Node>>();
            var instanceModels = new Dictionary<string, SaxModel?>(StringComparer.Ordinal);
            var ignored = netlist.Entries.Where(e => e.Key.Value is "placements" or "settings").Select(e => e.Key.Value).ToList();
            if (ignored.Count > 0)
                bag.Warning(netlist.Mark, prefix + ignored[0], $"{string.Join(" and ", ignored)} ignored: they do not change the circuit's S-matrix here");
            if (netlist["instances"] is MappingNode instances)
            {
                var translated = new List<KeyValuePair<ScalarNode, Node>>();
                foreach (var (name, value) in instances.Entries)
                {
                    string path = prefix + "instances." + name.Value;
                    var componentNode = value is ScalarNode s ? s : (value as MappingNode)?["component"] as ScalarNode;
                    if (componentNode is null)
                    {
                        bag.Error(value.Mark, path + ".component", $"expected the instance's component (a SAX model or a netlist name), got {NetlistLoader.Describe(value)}");
                        continue;
                    }
                    var settings = (value as MappingNode)?["settings"];
                    if (settings is not null and not MappingNode && !(settings is ScalarNode { IsNull: true }))
                    {
                        bag.Error(settings.Mark, path + ".settings", $"expected a mapping of settings, got {NetlistLoader.Describe(settings)}");
                        continue;
                    }
                    var settingsMap = settings as MappingNode;
                    if (_netlists.Contains(componentNode.Value))
                    {
                        instanceModels[name.Value] = null;
                        var inner = new List<KeyValuePair<ScalarNode, Node>> { Entry("component", componentNode, componentNode.Mark) };
                        // SAX forwards a setting given here to the models inside that take it (a key naming an inner instance
                        // sets that instance), and ignores it otherwise (gdsfactory writes a cell's layout parameters here).
                        if (settingsMap is { Entries.Count: > 0 })
                        {
                            foreach (var (key, v) in settingsMap.Entries)
                                if (!(NamesInstance(componentNode.Value, key.Value) && v is MappingNode)
                                    && !InnerModelsTaking(componentNode.Value, key.Value, new HashSet<string>(StringComparer.Ordinal)))
                                    bag.Warning(key.Mark, path + ".settings." + key.Value, $"ignored: no model inside the netlist '{componentNode.Value}' takes '{key.Value}' (SAX ignores it too)");
                            var forwarded = Forwarded(componentNode.Value, settingsMap.Entries, path + ".settings", settingsMap.Mark, new HashSet<string>(StringComparer.Ordinal));
                            if (forwarded.Count > 0) inner.Add(Entry("settings", Map(settingsMap.Mark, [.. forwarded]), settingsMap.Mark));
                        }
                        translated.Add(new(name, Map(value.Mark, [.. inner])));
                        continue;
                    }
                    if (options.Models?.Cells.TryGetValue(componentNode.Value, out var mapped0) == true)
                    {
                        if (mapped0.Circuit is { } circuit && !_helpers.Any(h => h.Key.Value == mapped0.Component))
                            _helpers.Add(Entry(mapped0.Component, CellMap.CircuitModel(circuit, name.Mark), name.Mark));
                        var mappedSettings = mapped0.Circuit is null
                            ? options.Models.SettingsFor(mapped0, settingsMap, null, path, name.Mark, bag, new HashSet<string>(StringComparer.Ordinal))
                            : options.Models.CircuitSettingsFor(mapped0, settingsMap, null, path, name.Mark, bag, new HashSet<string>(StringComparer.Ordinal));
                        if (mappedSettings is null) continue;
                        instanceModels[name.Value] = new SaxModel(mapped0.Cell, mapped0.Ports, (_, _, _, _) => (mapped0.Component, []));
                        var mappedBody = new List<KeyValuePair<ScalarNode, Node>> { Entry("component", new ScalarNode { Mark = componentNode.Mark, Value = mapped0.Component }, componentNode.Mark) };
                        if (mappedSettings.Count > 0) mappedBody.Add(Entry("settings", Map(value.Mark, [.. mappedSettings]), value.Mark));
                        translated.Add(new(name, Map(value.Mark, [.. mappedBody])));
                        continue;
                    }
                    if (!SaxModels.Table.TryGetValue(componentNode.Value, out var model))
                    {
                        string known = SaxModels.Unsupported.TryGetValue(componentNode.Value, out var why)
                            ? why
                            : $"'{componentNode.Value}' is neither one of SAX's models that PhotonicKit reads ({string.Join(", ", SaxModels.Table.Keys.Order(StringComparer.Ordinal))}) nor a netlist of this file{Suggestions.Hint(componentNode.Value, SaxModels.Table.Keys.Concat(_netlists))}";
                        bag.Error(componentNode.Mark, path + ".component", known + "; map it to a built-in with --models FILE.yaml (docs/interop.md)");
                        continue;
                    }
                    instanceModels[name.Value] = model;
                    var (component, mapped) = model.Map(settingsMap, path, bag, _grid);
                    if (component is SaxModels.PhaseShifterModel or SaxModels.SplitterModel) _helperModels.Add(component);
                    var body = new List<KeyValuePair<ScalarNode, Node>> { Entry("component", new ScalarNode { Mark = componentNode.Mark, Value = component }, componentNode.Mark) };
                    if (mapped.Count > 0) body.Add(Entry("settings", Map(settingsMap?.Mark ?? value.Mark, [.. mapped]), settingsMap?.Mark ?? value.Mark));
                    translated.Add(new(name, Map(value.Mark, [.. body])));
                }
                entries.Add(new(netlist.KeyNode("instances")!, Map(instances.Mark, [.. translated])));
            }
            else if (netlist["instances"] is { } other)
                bag.Error(other.Mark, prefix + "instances", $"expected a mapping of instance names to components, got {NetlistLoader.Describe(other)}");

            if (netlist["connections"] is MappingNode connections)
                entries.Add(new(netlist.KeyNode("connections")!, Map(connections.Mark,
                    [.. connections.Entries.Select(e => new KeyValuePair<ScalarNode, Node>(PortRef(e.Key, instanceModels), e.Value is ScalarNode v ? PortRef(v, instanceModels) : e.Value))])));
            else if (netlist["connections"] is { } c) entries.Add(new(netlist.KeyNode("connections")!, c));
            if (netlist["nets"] is SequenceNode nets)
                entries.Add(new(netlist.KeyNode("nets")!, new SequenceNode
                {
                    Mark = nets.Mark,
                    Items = [.. nets.Items.Select(item => item is MappingNode net
                        ? Map(net.Mark, [.. net.Entries.Select(e => e.Key.Value is "p1" or "p2" && e.Value is ScalarNode v ? new KeyValuePair<ScalarNode, Node>(e.Key, PortRef(v, instanceModels)) : e)])
                        : item)],
                }));
            else if (netlist["nets"] is { } n) entries.Add(new(netlist.KeyNode("nets")!, n));
            if (netlist["ports"] is MappingNode ports)
                entries.Add(new(netlist.KeyNode("ports")!, Map(ports.Mark,
                    [.. ports.Entries.Select(e => new KeyValuePair<ScalarNode, Node>(e.Key, e.Value is ScalarNode v ? PortRef(v, instanceModels) : e.Value))])));
            else if (netlist["ports"] is { } p) entries.Add(new(netlist.KeyNode("ports")!, p));
            foreach (var helper in _helperModels)
                if (!_helpers.Any(h => h.Key.Value == helper))
                    _helpers.Add(Entry(helper, helper == SaxModels.SplitterModel ? SaxModels.SplitterBody(netlist.Mark) : SaxModels.PhaseShifterBody(netlist.Mark), netlist.Mark));
            return new MappingNode { Mark = netlist.Mark, Entries = entries };
        }

        /// <summary>True when <paramref name="key"/> is the name of an instance of the netlist <paramref name="netlist"/>.</summary>
        private bool NamesInstance(string netlist, string key) =>
            _all?[netlist] is MappingNode body && body["instances"] is MappingNode instances && instances[key] is not null;

        /// <summary>
        /// SAX's forwarding of the settings <paramref name="given"/> at an instance of the netlist <paramref name="netlist"/>,
        /// as PhotonicKit's nested settings (which take precedence over the inner instances' own): a key naming an inner
        /// instance, with a mapping value, sets that instance; any other key sets every instance inside, at any depth, whose
        /// SAX model takes it, over the instance's own value and over an instance's key (SAX's update_settings changes every
        /// setting of that name below the circuit). Each inner instance reached is translated again with its settings so
        /// changed; one whose translation would change component is an error naming the setting.
        /// </summary>
        private List<KeyValuePair<ScalarNode, Node>> Forwarded(string netlist, IReadOnlyList<KeyValuePair<ScalarNode, Node>> given, string path, SourceMark mark, HashSet<string> seen)
        {
            var result = new List<KeyValuePair<ScalarNode, Node>>();
            if (!seen.Add(netlist) || _all?[netlist] is not MappingNode body || body["instances"] is not MappingNode instances) return result;
            var globals = given.Where(e => !(instances[e.Key.Value] is not null && e.Value is MappingNode)).ToList();
            foreach (var (innerName, value) in instances.Entries)
            {
                var componentNode = value as ScalarNode ?? (value as MappingNode)?["component"] as ScalarNode;
                if (componentNode is null) continue;
                var own = (value as MappingNode)?["settings"] as MappingNode;
                var specific = given.FirstOrDefault(e => e.Key.Value == innerName.Value && e.Value is MappingNode).Value as MappingNode;
                // The instance's own keys changed for it: its specific block first, then every global key (which wins).
                var changes = new List<KeyValuePair<ScalarNode, Node>>(specific?.Entries ?? []);
                string innerPath = path + "." + innerName.Value;
                if (_netlists.Contains(componentNode.Value))
                {
                    foreach (var g in globals)
                    {
                        changes.RemoveAll(c => c.Key.Value == g.Key.Value);
                        changes.Add(g);
                    }
                    var nested = Forwarded(componentNode.Value, changes, innerPath, mark, new HashSet<string>(seen, StringComparer.Ordinal));
                    if (nested.Count > 0) result.Add(Entry(innerName.Value, Map(mark, [.. nested]), mark));
                    continue;
                }
                if (!SaxModels.Table.TryGetValue(componentNode.Value, out var model) || !SaxModels.Known.TryGetValue(componentNode.Value, out var takes)) continue;
                foreach (var g in globals.Where(g => takes.Contains(g.Key.Value)))
                {
                    changes.RemoveAll(c => c.Key.Value == g.Key.Value);
                    changes.Add(g);
                }
                if (changes.Count == 0) continue;
                var settings = Map(own?.Mark ?? mark, [.. (own?.Entries ?? []).Where(e => changes.All(c => c.Key.Value != e.Key.Value)), .. changes]);
                // The instance's own settings were translated (and their problems said) in its netlist: only what the
                // forwarded settings bring is reported here.
                var (before, _) = model.Map(own, innerPath, new DiagnosticBag(bag.File), _grid);
                var translation = new DiagnosticBag(bag.File);
                var (after, mapped) = model.Map(settings, innerPath, translation, _grid);
                var changed = changes.SelectMany(c => new[] { c.Key.Mark, c.Value.Mark }).ToHashSet();
                bag.AddRange(translation.All.Where(d => d.Severity == Severity.Error || changed.Contains(d.Mark)));
                if (after != before)
                {
                    var key = changes[0].Key;
                    bag.Error(key.Mark, innerPath, $"the settings forwarded to '{innerName.Value}' ({string.Join(", ", changes.Select(c => c.Key.Value))}) make its SAX model '{componentNode.Value}' a different PhotonicKit component ({after}, not {before}), which a forwarded setting cannot: set them on the instance in the netlist '{netlist}'");
                    continue;
                }
                result.Add(Entry(innerName.Value, Map(mark, [.. mapped]), mark));
            }
            return result;
        }

        /// <summary>True when an instance inside the netlist <paramref name="netlist"/> (at any depth) uses a SAX model that takes
        /// <paramref name="key"/> (or a component that is neither, which might).</summary>
        private bool InnerModelsTaking(string netlist, string key, HashSet<string> seen)
        {
            if (!seen.Add(netlist) || _all?[netlist] is not MappingNode body || body["instances"] is not MappingNode instances) return false;
            foreach (var (_, value) in instances.Entries)
            {
                string? component = (value as ScalarNode)?.Value ?? ((value as MappingNode)?["component"] as ScalarNode)?.Value;
                if (component is null) continue;
                if (_netlists.Contains(component)) { if (InnerModelsTaking(component, key, seen)) return true; continue; }
                if (!SaxModels.Known.TryGetValue(component, out var known) || known.Contains(key)) return true;
            }
            return false;
        }

        /// <summary>"instance,port" with the port renamed from SAX's model to the PhotonicKit component it maps to.</summary>
        private static ScalarNode PortRef(ScalarNode reference, Dictionary<string, SaxModel?> models) =>
            Renamed(reference, instance => models.TryGetValue(instance, out var model) ? model?.Ports : null);
    }
}
