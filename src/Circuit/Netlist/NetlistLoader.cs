using System.Globalization;
using System.Text.RegularExpressions;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Netlist;

/// <summary>
/// Loads a netlist file (YAML or JSON) into a validated <see cref="NetlistDocument"/>, applying every rule of
/// spec §1 and collecting every problem of the file into a <see cref="DiagnosticBag"/> at once.
/// </summary>
/// <remarks>
/// Diagnostics name the place by its key path: YAML keys from the root joined by '.', list entries by
/// index in brackets (<c>instances.bs.settings.coupling</c>, <c>models.mzi.ports.in0</c>, <c>nets[2].p1</c>,
/// <c>analyses[0].type</c>); problems of a circuit port by the port as written, <c>instance,port</c>, with the
/// hierarchical instance name (<c>mzi1.bs1,in1</c>); overrides by <c>--set PATH</c> (docs/netlist.md).
/// </remarks>
public static partial class NetlistLoader
{
    /// <summary>The netlist format version this loader reads (<c>photonickit: 1</c>).</summary>
    public const int FormatVersion = 1;

    /// <summary>Keys gdsfactory writes that mean nothing here: ignored with a warning.</summary>
    public static IReadOnlyList<string> IgnoredGdsfactoryKeys { get; } = ["placements", "routes", "info", "pdk", "schema", "schema_version", "warnings"];

    private static readonly string[] TopLevelKeys = ["photonickit", "name", "wavelength_nm", "sweep", "models", "instances", "connections", "nets", "ports", "analyses"];
    private static readonly string[] BodyKeys = ["instances", "connections", "nets", "ports"];
    private static readonly string[] InstanceKeys = ["component", "settings"];
    private static readonly string[] SweepKeys = ["start_nm", "stop_nm", "points"];
    private static readonly string[] NetKeys = ["p1", "p2", "name", "settings"];

    /// <summary>Deepest hierarchy of models (a model inside a model … counts each level): flattening is
    /// recursive, and real circuits nest a few levels.</summary>
    public const int MaxModelDepth = 100;

    /// <summary>Most primitive instances a netlist may expand to once its models are flattened. Each takes about
    /// <see cref="BytesPerFlatInstance"/> bytes and <see cref="SecondsPerFlatInstance"/> seconds to bind (measured
    /// on a chain of waveguides), so a million is about 0.6 GB and 15 s; a hierarchy that doubles at each of 30
    /// levels (2 KB of text) would be 10⁹.</summary>
    public const long MaxFlatInstances = 1_000_000;

    /// <summary>Memory of one flattened, bound instance (bytes), for estimates.</summary>
    public const double BytesPerFlatInstance = 640;

    /// <summary>Time to flatten and bind one instance (seconds), for estimates.</summary>
    public const double SecondsPerFlatInstance = 15e-6;

    /// <summary>A count for messages: grouped digits up to 10¹⁵, else 1.2E+30.</summary>
    internal static string Count(double n) =>
        n < 1e15 ? n.ToString("N0", CultureInfo.InvariantCulture) : n.ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>A duration for messages: "3 s", "4.2 min", "3.1 h", "12 days".</summary>
    internal static string Duration(double seconds) => seconds switch
    {
        < 60 => seconds.ToString("0.#", CultureInfo.InvariantCulture) + " s",
        < 3600 => (seconds / 60).ToString("0.#", CultureInfo.InvariantCulture) + " min",
        < 86400 * 3 => (seconds / 3600).ToString("0.#", CultureInfo.InvariantCulture) + " h",
        _ => Count(Math.Round(seconds / 86400)) + " days",
    };

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();

    /// <summary>True when <paramref name="name"/> is a valid instance, model or port name
    /// (<c>[A-Za-z_][A-Za-z0-9_]*</c>).</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <summary>
    /// Reads the file at <paramref name="path"/> and loads it (see <see cref="Load"/>). A missing or unreadable
    /// file is one error.
    /// </summary>
    public static NetlistDocument? LoadFile(string path, DiagnosticBag bag, ComponentRegistry? registry = null, bool strict = false,
        IReadOnlyList<SettingOverride>? overrides = null, NetlistReadOptions? read = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(bag);
        if (NetlistText.ReadFile(path, bag) is not { } text) return null;
        return Load(text, path, bag, registry, strict, overrides, read);
    }

    /// <summary>
    /// Parses and validates a netlist: structure, names, components, settings (by binding each instance,
    /// after forwarding through models and applying <paramref name="overrides"/>), port use, and the size of a
    /// solve over the file's grid. Returns the document, with <see cref="NetlistDocument.Circuit"/> flattened,
    /// or null when any error was found; every problem (errors and warnings, each once) is in
    /// <paramref name="bag"/>.
    /// </summary>
    /// <param name="text">The file's text (YAML or JSON).</param>
    /// <param name="fileName">The file's name: its stem is the default <c>name</c>.</param>
    /// <param name="bag">Receives every error and warning.</param>
    /// <param name="registry">The components instances may use (default <see cref="ComponentRegistry.BuiltIn"/>).</param>
    /// <param name="strict">Make unconnected ports errors instead of warnings (<c>--strict</c>).</param>
    /// <param name="overrides">Settings from <c>--set</c>, checked with the file. An override of
    /// <c>wavelength_nm</c> becomes the document's <see cref="NetlistDocument.WavelengthNm"/>.</param>
    /// <param name="read">The file's format (recognised when not forced) and the command line's wavelengths
    /// (<c>--from</c>, <c>--wavelength-nm</c>, <c>--sweep</c>); a SAX netlist is translated first (docs/interop.md).</param>
    public static NetlistDocument? Load(string text, string fileName, DiagnosticBag bag, ComponentRegistry? registry = null, bool strict = false,
        IReadOnlyList<SettingOverride>? overrides = null, NetlistReadOptions? read = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(bag);
        int errorsBefore = bag.Errors.Count();
        var root = NetlistParser.Parse(text, bag);
        if (root is null) return null;
        root = NetlistImport.Translate(root, fileName, read ?? NetlistReadOptions.Default, bag);
        if (root is null) return null;
        return LoadTree(root, fileName, bag, registry, strict, errorsBefore, overrides);
    }

    /// <summary>Validates an already parsed (or built) node tree; see <see cref="Load"/>.</summary>
    internal static NetlistDocument? LoadTree(Node root, string fileName, DiagnosticBag bag, ComponentRegistry? registry, bool strict, int errorsBefore,
        IReadOnlyList<SettingOverride>? overrides = null)
    {
        registry ??= ComponentRegistry.BuiltIn;
        overrides ??= [];
        var document = new Builder(bag, registry, fileName, strict).Build(root);
        if (document is null) return null;
        double wavelengthNm = document.WavelengthNmWith(overrides);
        if (wavelengthNm != document.WavelengthNm && wavelengthNm > 0) document = document.WithWavelength(wavelengthNm);
        var circuit = document.Flatten(overrides, bag);
        if (circuit is not null)
            // A solve too large for the machine is the grid's doing (sweep.points) or the circuit's (its instances).
            SolveSizeEstimate.Check(document.Sweep?.Points ?? 1, circuit, bag,
                document.Sweep is not null ? document.SweepPointsMark : document.InstancesMark, document.Sweep is not null ? "sweep.points" : "instances");
        if (bag.Errors.Count() > errorsBefore || circuit is null)
        {
            // The analyses' references do not wait for the circuit: wrong names, kinds and counts are reported now.
            Analyses.AnalysisReferences.Check(document, bag);
            return null;
        }
        document.SetCircuit(circuit, overrides);
        return document;
    }

    private sealed class Builder(DiagnosticBag bag, ComponentRegistry registry, string fileName, bool strict)
    {
        private HashSet<string> _modelNames = [];

        public NetlistDocument? Build(Node root)
        {
            if (root is not MappingNode map)
            {
                bag.Error(root.Mark, "", $"expected a mapping of keys (photonickit, wavelength_nm, instances, …), got a {root.KindText}");
                return null;
            }
            CheckKeys(map, "", TopLevelKeys);

            ReadVersion(map);
            string name = Path.GetFileNameWithoutExtension(fileName);
            if (map["name"] is { } nameNode)
            {
                if (nameNode is ScalarNode { IsNull: false, IsBoolean: false } s && s.Value.Length > 0) name = s.Value;
                else bag.Error(nameNode.Mark, "name", $"expected the netlist's name as text, got {Describe(nameNode)}");
            }
            double wavelengthNm = 930;
            if (map["wavelength_nm"] is { } wl)
            {
                if (ReadNumber(wl, "wavelength_nm", "nm", out double w))
                {
                    if (w > 0) wavelengthNm = w;
                    else bag.Error(wl.Mark, "wavelength_nm", $"{F(w)} nm is out of range: expected a wavelength > 0 nm");
                }
            }
            else bag.Error(map.Mark, "wavelength_nm", "required key 'wavelength_nm' is missing (the file's wavelength in nm; or give it on the command line with --wavelength-nm X or --sweep START:STOP:POINTS)");

            var sweep = map["sweep"] is { } sweepNode ? ReadSweep(sweepNode) : null;

            // Model names first, so that instances anywhere can refer to any model.
            var modelsNode = map["models"];
            if (modelsNode is MappingNode modelsMap)
                _modelNames = modelsMap.Entries.Select(e => e.Key.Value).ToHashSet(StringComparer.Ordinal);
            var models = new List<CircuitModelDefinition>();
            if (modelsNode is not null && !IsEmpty(modelsNode))
            {
                if (modelsNode is not MappingNode mm)
                    bag.Error(modelsNode.Mark, "models", $"expected a mapping of model names to sub-circuits, got {Describe(modelsNode)}");
                else
                    foreach (var (keyNode, valueNode) in mm.Entries)
                    {
                        string path = "models." + keyNode.Value;
                        CheckName(keyNode, path, "model");
                        if (registry.Contains(keyNode.Value))
                            bag.Error(keyNode.Mark, path, $"model '{keyNode.Value}' shadows the built-in component '{keyNode.Value}': choose another name");
                        if (valueNode is not MappingNode bodyMap)
                        {
                            bag.Error(valueNode.Mark, path, $"expected a sub-circuit (a mapping with instances, connections, ports), got {Describe(valueNode)}");
                            continue;
                        }
                        var body = ReadBody(bodyMap, path, keyNode.Mark);
                        models.Add(new CircuitModelDefinition(keyNode.Value, body, keyNode.Mark));
                    }
            }

            var topLevel = ReadBody(map, "", null);
            // A hierarchy that cannot be flattened (cyclic, too deep for the recursive flattening, or too large)
            // stops here, with its error, before anything is expanded.
            if (!CheckHierarchy(models, topLevel, out double flatInstances)) return null;
            CheckModelUse(models, topLevel);
            var analyses = ReadAnalyses(map["analyses"]);
            return new NetlistDocument(fileName, name, wavelengthNm, sweep, models, topLevel, analyses, registry, strict) {
                FlatInstanceCount = (long)flatInstances,
                AnalysesMark = map.KeyNode("analyses")?.Mark ?? SourceMark.None,
                InstancesMark = map.KeyNode("instances")?.Mark ?? map.Mark,
                SweepPointsMark = (map["sweep"] as MappingNode)?["points"]?.Mark ?? SourceMark.None,
                AnalysisPositions = Positions(map["analyses"], analyses),
            };
        }

        private void ReadVersion(MappingNode map)
        {
            var v = map["photonickit"];
            if (v is null)
            {
                bag.Error(map.Mark, "photonickit", $"required key 'photonickit' is missing: a netlist starts with 'photonickit: {FormatVersion}' (the format version)");
                return;
            }
            if (!ReadNumber(v, "photonickit", "", out double version)) return;
            if (version != FormatVersion)
                bag.Error(v.Mark, "photonickit", $"format version {F(version)} is not supported: expected {FormatVersion}");
        }

        private WavelengthSweep? ReadSweep(Node node)
        {
            if (node is not MappingNode map)
            {
                bag.Error(node.Mark, "sweep", $"expected a mapping {{start_nm, stop_nm, points}}, got {Describe(node)}");
                return null;
            }
            CheckKeys(map, "sweep", SweepKeys, ignoreGdsfactory: false);
            bool ok = true;
            double Get(string key, string unit)
            {
                if (map[key] is not { } n)
                {
                    bag.Error(map.Mark, "sweep." + key, $"required key '{key}' of the sweep is missing");
                    ok = false;
                    return 0;
                }
                if (!ReadNumber(n, "sweep." + key, unit, out double v)) { ok = false; return 0; }
                return v;
            }
            double start = Get("start_nm", "nm"), stop = Get("stop_nm", "nm"), points = Get("points", "");
            if (!ok) return null;
            var pointsMark = map["points"]!.Mark;
            if (points != Math.Floor(points))
            {
                bag.Error(pointsMark, "sweep.points", $"expected an integer number of points, got {F(points)}");
                return null;
            }
            if (points < 1)
            {
                bag.Error(pointsMark, "sweep.points", $"{F(points)} points: expected at least 1");
                return null;
            }
            if (points > WavelengthSweep.MaxPoints)
            {
                bag.Error(pointsMark, "sweep.points",
                    $"{F(points)} points refused: at most {WavelengthSweep.MaxPoints.ToString("N0", CultureInfo.InvariantCulture)} (the grid alone would take {SolveSizeEstimate.FormatBytes(points * 8)}, and every S-matrix 16 bytes per entry per point)");
                return null;
            }
            if (start <= 0 || stop <= 0)
            {
                bag.Error(map.Mark, "sweep", $"wavelengths must be > 0 nm, got start_nm {F(start)}, stop_nm {F(stop)}");
                return null;
            }
            if (points == 1 && start != stop)
            {
                bag.Error(pointsMark, "sweep.points", $"a sweep of 1 point has start_nm equal to stop_nm, got {F(start)} and {F(stop)}");
                return null;
            }
            if (points > 1 && stop <= start)
            {
                bag.Error(map["stop_nm"]!.Mark, "sweep.stop_nm", $"stop_nm {F(stop)} must be larger than start_nm {F(start)}");
                return null;
            }
            return new WavelengthSweep(start, stop, (int)points);
        }

        private CircuitBody ReadBody(MappingNode map, string path, SourceMark? modelMark)
        {
            bool isModel = modelMark is not null;
            var missingMark = modelMark ?? map.Mark;
            string prefix = path.Length == 0 ? "" : path + ".";
            if (isModel) CheckKeys(map, path, BodyKeys);

            var instances = new List<InstanceDefinition>();
            var instancesNode = map["instances"];
            if (instancesNode is null || IsEmpty(instancesNode) || instancesNode is MappingNode { Entries.Count: 0 })
                bag.Error(instancesNode?.Mark ?? missingMark, prefix + "instances",
                    isModel ? $"model '{path["models.".Length..]}' has no instances" : "the netlist has no instances: expected 'instances:' with at least one");
            else if (instancesNode is not MappingNode im)
                bag.Error(instancesNode.Mark, prefix + "instances", $"expected a mapping of instance names to components, got {Describe(instancesNode)}");
            else
                foreach (var (k, v) in im.Entries)
                    if (ReadInstance(k, v, prefix + "instances." + k.Value) is { } inst) instances.Add(inst);
            // Every declared name, including instances that failed their own checks (already reported), so
            // that references to them are not reported again as unknown.
            var names = new InstanceNames(instancesNode is MappingNode declared ? declared.Entries.Select(e => e.Key.Value).ToList() : []);

            var connections = new List<ConnectionDefinition>();
            var connNode = map["connections"];
            if (connNode is not null && !IsEmpty(connNode))
            {
                if (connNode is not MappingNode cm)
                    bag.Error(connNode.Mark, prefix + "connections", $"expected a mapping \"instance,port\": \"instance,port\", got {Describe(connNode)}");
                else
                    foreach (var (k, v) in cm.Entries)
                    {
                        string p = prefix + "connections." + k.Value;
                        var a = ReadPortRef(k, p, names);
                        var b = ReadPortRef(v, p, names);
                        if (a is not null && b is not null) connections.Add(new ConnectionDefinition(a, b, p));
                    }
            }
            var netsNode = map["nets"];
            if (netsNode is not null && !IsEmpty(netsNode))
            {
                if (netsNode is not SequenceNode ns)
                    bag.Error(netsNode.Mark, prefix + "nets", $"expected a list of {{p1, p2}} entries, got {Describe(netsNode)}");
                else
                    for (int i = 0; i < ns.Items.Count; i++)
                    {
                        string p = $"{prefix}nets[{i}]";
                        if (ns.Items[i] is not MappingNode net)
                        {
                            bag.Error(ns.Items[i].Mark, p, $"expected a mapping {{p1: \"instance,port\", p2: \"instance,port\"}}, got {Describe(ns.Items[i])}");
                            continue;
                        }
                        CheckKeys(net, p, NetKeys, ignoreGdsfactory: false);
                        PortReference? Get(string key)
                        {
                            if (net[key] is { } n) return ReadPortRef(n, p + "." + key, names);
                            bag.Error(net.Mark, p + "." + key, $"required key '{key}' of a net is missing");
                            return null;
                        }
                        var a = Get("p1");
                        var b = Get("p2");
                        if (a is not null && b is not null) connections.Add(new ConnectionDefinition(a, b, p));
                    }
            }

            var ports = new List<PortDefinition>();
            var portsNode = map["ports"];
            if (portsNode is null || IsEmpty(portsNode))
            {
                if (isModel)
                    bag.Error(portsNode?.Mark ?? missingMark, prefix + "ports",
                        $"model '{path["models.".Length..]}' has no ports: a model must export its ports ('ports: {{name: \"instance,port\"}}')");
            }
            else if (portsNode is not MappingNode pm)
                bag.Error(portsNode.Mark, prefix + "ports", $"expected a mapping of port names to \"instance,port\", got {Describe(portsNode)}");
            else
                foreach (var (k, v) in pm.Entries)
                {
                    string p = prefix + "ports." + k.Value;
                    CheckName(k, p, "port");
                    if (ReadPortRef(v, p, names) is { } target) ports.Add(new PortDefinition(k.Value, target, p, k.Mark));
                }
            return new CircuitBody(path, instances, connections, ports);
        }

        private InstanceDefinition? ReadInstance(ScalarNode key, Node value, string path)
        {
            CheckName(key, path, "instance");
            Node? componentNode;
            Node? settingsNode = null;
            if (value is ScalarNode)
                componentNode = value;
            else if (value is MappingNode m)
            {
                CheckKeys(m, path, InstanceKeys);
                componentNode = m["component"];
                settingsNode = m["settings"];
                if (componentNode is null)
                {
                    bag.Error(m.Mark, path + ".component", "required key 'component' is missing (a built-in component or a model)");
                    return null;
                }
            }
            else
            {
                bag.Error(value.Mark, path, $"expected a component name or a mapping {{component, settings}}, got {Describe(value)}");
                return null;
            }
            string componentPath = value is ScalarNode ? path : path + ".component";
            if (componentNode is not ScalarNode { IsNull: false, IsBoolean: false } cs || cs.Value.Length == 0 || cs.TryGetNumber(out _))
            {
                bag.Error(componentNode.Mark, componentPath, $"expected a component name, got {Describe(componentNode)}");
                return null;
            }
            string component = cs.Value;
            if (!registry.Contains(component) && !_modelNames.Contains(component))
            {
                bag.Error(cs.Mark, componentPath,
                    $"unknown component '{component}'{Suggestions.Hint(component, registry.All.Select(c => c.Name).Concat(_modelNames))}");
                return null;
            }
            var settings = SettingsBlock.Empty;
            if (settingsNode is not null && !IsEmpty(settingsNode))
            {
                if (settingsNode is MappingNode sm) settings = ReadSettings(sm, path + ".settings");
                else bag.Error(settingsNode.Mark, path + ".settings", $"expected a mapping of setting names to values, got {Describe(settingsNode)}");
            }
            return new InstanceDefinition(key.Value, component, settings, path, key.Mark);
        }

        private SettingsBlock ReadSettings(MappingNode map, string path)
        {
            var entries = new List<SettingEntry>();
            foreach (var (k, v) in map.Entries)
            {
                string p = path + "." + k.Value;
                if (v is MappingNode nested)
                {
                    entries.Add(new SettingEntry(k.Value, null, ReadSettings(nested, p), p, k.Mark));
                    continue;
                }
                var (value, notANumber) = ReadSettingValue(v, p);
                if (value is not null) entries.Add(new SettingEntry(k.Value, value, null, p, k.Mark) { NotANumber = notANumber });
                else entries.Add(new SettingEntry(k.Value, new SettingValue.Word(""), null, p, k.Mark) { NotANumber = InvalidMarker });
            }
            return new SettingsBlock(entries);
        }

        private (SettingValue? Value, string? NotANumber) ReadSettingValue(Node node, string path)
        {
            switch (node)
            {
                case ScalarNode s when s.TryGetNumber(out double d):
                    return (new SettingValue.Number(d), null);
                case ScalarNode s:
                    return (new SettingValue.Word(s.Value), Describe(s));
                case SequenceNode seq when seq.Items.Count > 0 && seq.Items.All(i => i is SequenceNode):
                {
                    var rows = new List<IReadOnlyList<double>>();
                    bool ok = true;
                    for (int r = 0; r < seq.Items.Count; r++)
                    {
                        var row = ReadNumberList((SequenceNode)seq.Items[r], $"{path}[{r}]");
                        if (row is null) ok = false;
                        else rows.Add(row);
                    }
                    return ok ? (new SettingValue.NumberMatrix(rows), null) : (null, null);
                }
                case SequenceNode seq:
                {
                    var list = ReadNumberList(seq, path);
                    return list is null ? (null, null) : (new SettingValue.NumberList(list), null);
                }
                default:
                    bag.Error(node.Mark, path, $"expected a number, a word or a list of numbers, got {Describe(node)}");
                    return (null, null);
            }
        }

        private List<double>? ReadNumberList(SequenceNode seq, string path)
        {
            var values = new List<double>();
            bool ok = true;
            for (int i = 0; i < seq.Items.Count; i++)
            {
                if (seq.Items[i] is ScalarNode s && s.TryGetNumber(out double d)) values.Add(d);
                else
                {
                    bag.Error(seq.Items[i].Mark, $"{path}[{i}]", $"expected a number, got {Describe(seq.Items[i])}");
                    ok = false;
                }
            }
            return ok ? values : null;
        }

        /// <summary>The instance names declared in one body: in file order for suggestions, hashed for lookups (a
        /// large netlist has thousands of instances and twice as many references).</summary>
        private sealed class InstanceNames(List<string> inOrder)
        {
            private readonly HashSet<string> _set = new(inOrder, StringComparer.Ordinal);

            public List<string> InOrder { get; } = inOrder;

            public bool Contains(string name) => _set.Contains(name);
        }

        private PortReference? ReadPortRef(Node node, string path, InstanceNames instanceNames)
        {
            if (node is not ScalarNode { IsNull: false } s || s.IsBoolean)
            {
                bag.Error(node.Mark, path, $"expected \"instance,port\", got {Describe(node)}");
                return null;
            }
            var parts = s.Value.Split(',');
            if (parts.Length != 2 || !IsValidName(parts[0].Trim()) || !IsValidName(parts[1].Trim()))
            {
                bag.Error(s.Mark, path, $"expected \"instance,port\" (two names joined by a comma), got '{s.Value}'");
                return null;
            }
            var reference = new PortReference(parts[0].Trim(), parts[1].Trim(), s.Mark);
            if (!instanceNames.Contains(reference.Instance))
            {
                bag.Error(s.Mark, path, $"'{reference}' refers to unknown instance '{reference.Instance}'{Suggestions.Hint(reference.Instance, instanceNames.InOrder)}");
                return null;
            }
            return reference;
        }

        /// <summary>Each analysis' index in the file's list (by identity: the same text can appear twice).</summary>
        private static int[] Positions(Node? list, List<MappingNode> analyses)
        {
            if (list is not SequenceNode seq) return [];
            // In file order: an alias repeats its anchor's node, and each use has its own index.
            var positions = new int[analyses.Count];
            int next = 0;
            for (int i = 0; i < seq.Items.Count && next < analyses.Count; i++)
                if (ReferenceEquals(seq.Items[i], analyses[next])) positions[next++] = i;
            for (; next < analyses.Count; next++) positions[next] = -1;
            return positions;
        }

        private List<MappingNode> ReadAnalyses(Node? node)
        {
            var list = new List<MappingNode>();
            if (node is null || IsEmpty(node)) return list;
            if (node is not SequenceNode seq)
            {
                bag.Error(node.Mark, "analyses", $"expected a list of analyses (each a mapping with 'type'), got {Describe(node)}");
                return list;
            }
            for (int i = 0; i < seq.Items.Count; i++)
            {
                string p = $"analyses[{i}]";
                if (seq.Items[i] is not MappingNode m)
                {
                    bag.Error(seq.Items[i].Mark, p, $"expected an analysis (a mapping with 'type'), got {Describe(seq.Items[i])}");
                    continue;
                }
                var type = m["type"];
                if (type is null)
                    bag.Error(m.Mark, p + ".type", "required key 'type' of an analysis is missing (e.g. transmission, smatrix)");
                else if (type is not ScalarNode { IsNull: false, IsBoolean: false } ts || ts.Value.Length == 0 || ts.TryGetNumber(out _))
                    bag.Error(type.Mark, p + ".type", $"expected the analysis type as text, got {Describe(type)}");
                else if (!Analyses.AnalysisParser.Types.Contains(ts.Value))
                    // Checked here, not only when the analyses are parsed, so that a misspelt type is reported
                    // together with the circuit's problems.
                    bag.Error(type.Mark, p + ".type",
                        $"unknown analysis type '{ts.Value}'{Analyses.AnalysisParser.TypeHint(ts.Value)}");
                else list.Add(m);
            }
            return list;
        }

        /// <summary>Reports models that contain themselves, nest more than <see cref="MaxModelDepth"/> levels or
        /// expand to more than <see cref="MaxFlatInstances"/> instances; false when the hierarchy cannot be flattened
        /// (a model that contains itself is reported here and skipped by the flattener, which reports the rest).
        /// Works on the models' instance lists alone, before anything is flattened: each model's height (levels of
        /// models inside it, itself included) and flat size (primitive instances once expanded) are computed once,
        /// by a depth-first walk with its own stack, so a hierarchy written in any order (top-down or bottom-up) and
        /// of any depth is measured without recursion.</summary>
        private bool CheckHierarchy(List<CircuitModelDefinition> models, CircuitBody topLevel, out double flatInstances)
        {
            var byName = models.GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.First());
            var height = new Dictionary<string, int>(StringComparer.Ordinal);
            var size = new Dictionary<string, double>(StringComparer.Ordinal);
            // Instances of models the flattening visits, empty ones included (a doubling chain over an empty model
            // yields no instance but 2^depth expansions).
            var visits = new Dictionary<string, double>(StringComparer.Ordinal);
            var deepest = new Dictionary<string, InstanceDefinition?>(StringComparer.Ordinal);
            var onStack = new HashSet<string>(StringComparer.Ordinal);
            var stack = new List<(CircuitModelDefinition Model, int Next)>();
            var reported = new HashSet<string>();
            foreach (var root in byName.Values)
            {
                if (height.ContainsKey(root.Name)) continue;
                stack.Add((root, 0));
                onStack.Add(root.Name);
                while (stack.Count > 0)
                {
                    var (model, next) = stack[^1];
                    if (next < model.Body.Instances.Count)
                    {
                        stack[^1] = (model, next + 1);
                        var inst = model.Body.Instances[next];
                        if (!byName.TryGetValue(inst.Component, out var inner) || height.ContainsKey(inner.Name)) continue;
                        if (onStack.Contains(inner.Name))
                        {
                            int at = stack.FindIndex(f => f.Model.Name == inner.Name);
                            if (reported.Add(inst.KeyPath))
                                bag.Error(inst.Mark, inst.KeyPath,
                                    $"model '{inner.Name}' contains itself: {string.Join(" → ", stack.Skip(at).Select(f => f.Model.Name).Append(inner.Name))}");
                            continue;
                        }
                        stack.Add((inner, 0));
                        onStack.Add(inner.Name);
                        continue;
                    }
                    // Every inner model is measured (or part of a reported cycle): measure this one.
                    int h = 1;
                    double n = 0, v = 0;
                    InstanceDefinition? down = null;
                    foreach (var inst in model.Body.Instances)
                    {
                        v += 1;
                        if (!byName.ContainsKey(inst.Component))
                        {
                            n += 1;
                            continue;
                        }
                        if (!height.TryGetValue(inst.Component, out int innerHeight)) continue; // a cycle, reported
                        n += size[inst.Component];
                        v += visits[inst.Component];
                        if (innerHeight + 1 > h)
                        {
                            h = innerHeight + 1;
                            down = inst;
                        }
                    }
                    height[model.Name] = h;
                    size[model.Name] = n;
                    visits[model.Name] = v;
                    deepest[model.Name] = down;
                    onStack.Remove(model.Name);
                    stack.RemoveAt(stack.Count - 1);
                }
            }
            flatInstances = topLevel.Instances.Sum(i => size.TryGetValue(i.Component, out double n) ? n : byName.ContainsKey(i.Component) ? 0 : 1);
            // A model that contains itself has no size: what the flattener would expand depends on where it enters the
            // cycle (a doubling chain entered one level above the cycle's start is not what was measured), so nothing
            // of such a hierarchy is expanded.
            if (reported.Count > 0) return false;

            // Too deep: report the longest chain once, at the instance that goes one level too far.
            var tallest = byName.Values.Where(m => height.ContainsKey(m.Name)).OrderByDescending(m => height[m.Name]).FirstOrDefault();
            if (tallest is not null && height[tallest.Name] > MaxModelDepth)
            {
                var chain = new List<string> { tallest.Name };
                InstanceDefinition place = deepest[tallest.Name]!;
                for (var current = tallest; chain.Count <= MaxModelDepth; )
                {
                    place = deepest[current.Name]!;
                    current = byName[place.Component];
                    chain.Add(current.Name);
                }
                bag.Error(place.Mark, place.KeyPath,
                    $"models nested more than {MaxModelDepth} levels deep ({chain[0]} → {chain[1]} → … → {chain[^2]} → {chain[^1]}): at most {MaxModelDepth}");
                return false;
            }
            double expansions = topLevel.Instances.Sum(i => 1 + visits.GetValueOrDefault(i.Component));
            if (flatInstances <= MaxFlatInstances && expansions > MaxFlatInstances)
            {
                var largest = topLevel.Instances.OrderByDescending(i => visits.GetValueOrDefault(i.Component)).First();
                bag.Error(largest.Mark, largest.KeyPath,
                    $"refused before flattening: instance '{largest.Name}' (model {largest.Component}) expands into {Count(visits.GetValueOrDefault(largest.Component))} instances of models (empty ones included, so only {Count(flatInstances)} components result); at most {MaxFlatInstances.ToString("N0", CultureInfo.InvariantCulture)} expansions");
                return false;
            }
            if (flatInstances > MaxFlatInstances)
            {
                var inv = CultureInfo.InvariantCulture;
                var largest = topLevel.Instances.OrderByDescending(i => size.GetValueOrDefault(i.Component, 1)).First();
                double inLargest = size.GetValueOrDefault(largest.Component, 1);
                bag.Error(largest.Mark, largest.KeyPath,
                    $"refused before flattening: instance '{largest.Name}' (model {largest.Component}) expands to {Count(inLargest)} instances, and the netlist to {Count(flatInstances)} " +
                    $"(about {SolveSizeEstimate.FormatBytes(flatInstances * BytesPerFlatInstance)} and {Duration(flatInstances * SecondsPerFlatInstance)} to build); at most {MaxFlatInstances.ToString("N0", inv)} instances once flattened");
                return false;
            }
            return true;
        }

        private void CheckModelUse(List<CircuitModelDefinition> models, CircuitBody topLevel)
        {
            var used = topLevel.Instances.Select(i => i.Component)
                .Concat(models.SelectMany(m => m.Body.Instances.Select(i => i.Component))).ToHashSet();
            foreach (var m in models)
                if (!used.Contains(m.Name))
                    bag.Warning(m.Mark, "models." + m.Name, $"model '{m.Name}' is never used: its settings are not checked");
        }

        private void CheckKeys(MappingNode map, string path, string[] allowed, bool ignoreGdsfactory = true)
        {
            string prefix = path.Length == 0 ? "" : path + ".";
            foreach (var (k, _) in map.Entries)
            {
                if (allowed.Contains(k.Value)) continue;
                if (ignoreGdsfactory && IgnoredGdsfactoryKeys.Contains(k.Value))
                {
                    bag.Warning(k.Mark, prefix + k.Value, $"gdsfactory key '{k.Value}' has no meaning here and is ignored");
                    continue;
                }
                bag.Error(k.Mark, prefix + k.Value, $"unknown key '{k.Value}'{Suggestions.Hint(k.Value, allowed)}");
            }
        }

        private bool CheckName(ScalarNode key, string path, string what)
        {
            if (IsValidName(key.Value)) return true;
            bag.Error(key.Mark, path, $"'{key.Value}' is not a valid {what} name: expected letters, digits and '_', not starting with a digit");
            return false;
        }

        private bool ReadNumber(Node node, string path, string unit, out double value)
        {
            if (node is ScalarNode s && s.TryGetNumber(out value)) return true;
            value = 0;
            bag.Error(node.Mark, path, $"expected a number{(unit.Length > 0 ? " in " + unit : "")}, got {Describe(node)}");
            return false;
        }
    }

    /// <summary>Marks a setting entry whose value was already reported as invalid.</summary>
    internal const string InvalidMarker = "\u0000invalid";

    private static bool IsEmpty(Node node) => node is ScalarNode { IsNull: true };

    /// <summary>A node described for messages: its kind and, for scalars, the text (e.g. <c>quoted text "0.5"</c>).</summary>
    internal static string Describe(Node node) => node switch
    {
        ScalarNode { IsNull: true } => "null",
        ScalarNode { IsBoolean: true } s => $"boolean {s.Value}",
        ScalarNode { IsNonFiniteNumber: true } s => $"{s.Value}, not a finite number",
        ScalarNode { IsQuoted: true } s => $"quoted text \"{s.Value}\"",
        ScalarNode s when s.TryGetNumber(out _) => $"number {s.Value}",
        ScalarNode s => $"text '{s.Value}'",
        _ => $"a {node.KindText}",
    };

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
