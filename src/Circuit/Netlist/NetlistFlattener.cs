using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Netlist;

/// <summary>
/// Removes the hierarchy of a <see cref="NetlistDocument"/>: expands every instance of a model into its inner
/// instances (names joined by '.'), forwards settings, applies overrides, binds every primitive instance, and
/// joins the connections. Checks port use (once connected or once exported, never both) on the way.
/// </summary>
/// <remarks>
/// Precedence at one inner instance, highest first: a nested block naming it (SAX's nested form, and
/// overrides, which are nested blocks from the top), its own settings in the model, then settings forwarded
/// from the enclosing model instances (which reach only instances that do not set the key themselves).
/// </remarks>
internal sealed class NetlistFlattener(NetlistDocument document, DiagnosticBag bag)
{
    private readonly HashSet<(SourceMark, string, string)> _reported = [];
    private readonly List<FlatInstance> _instances = [];
    private readonly List<Connection> _connections = [];
    private readonly HashSet<string> _modelStack = new(StringComparer.Ordinal);
    // Per component model, made once: a netlist binds thousands of instances of a few models.
    private readonly Dictionary<ComponentModel, (Dictionary<string, SettingSpec> Specs, HashSet<string> Names)> _settingsOf = new(ReferenceEqualityComparer.Instance);
    private ComponentContext _context = new(document.WavelengthNm) { BaseDirectory = BaseDirectoryOf(document.FileName) };

    /// <summary>The directory of the netlist file (file settings are relative to it); null for text without a directory.</summary>
    private static string? BaseDirectoryOf(string fileName)
    {
        try
        {
            string? directory = Path.GetDirectoryName(Path.GetFullPath(fileName));
            return string.IsNullOrEmpty(directory) ? null : directory;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    public FlatCircuit? Run(IReadOnlyList<SettingOverride> overrides)
    {
        var top = BuildOverrides(overrides);
        foreach (var (name, given) in top.NestedEntries)
            if (!document.TopLevel.Instances.Any(i => i.Name == name))
                Error(given.Where!.Mark, given.Where.KeyPath,
                    $"no instance '{name}' at the top level{Suggestions.Hint(name, document.TopLevel.Instances.Select(i => i.Name))}");
        foreach (var (key, val) in top.Values)
            Error(val.Origin.Mark, val.Origin.KeyPath, $"expected a path 'instance.setting' (or 'wavelength_nm'), got '{key}'");

        var table = ExpandBody(document.TopLevel, "", top.Nested, []);
        var external = table.Ports.Select(p => new ExternalPort(p.Name, p.Port)).ToList();
        return new FlatCircuit(_instances, _connections, external);
    }

    private Given BuildOverrides(IReadOnlyList<SettingOverride> overrides)
    {
        var top = new Given();
        foreach (var o in overrides)
        {
            string keyPath = "--set " + o.Path;
            var parts = o.Path.Split('.');
            if (parts.Any(p => !NetlistLoader.IsValidName(p)))
            {
                Error(SourceMark.None, keyPath, $"expected a path of names joined by '.', e.g. 'mzi1.bs1.coupling', got '{o.Path}'");
                continue;
            }
            if (parts.Length == 1 && parts[0] == "wavelength_nm")
            {
                if (o.Value is SettingValue.Number { Value: > 0 } n) _context = _context with { FileWavelengthNm = n.Value };
                else Error(SourceMark.None, keyPath, $"expected a wavelength > 0 nm, got '{o.Value}'");
                continue;
            }
            var g = top;
            for (int i = 0; i < parts.Length - 1; i++)
            {
                if (!g.Nested.TryGetValue(parts[i], out var inner))
                {
                    inner = new Given { Where = new Origin("--set " + string.Join('.', parts.Take(i + 1)), SourceMark.None, parts[i]) };
                    g.Nested[parts[i]] = inner;
                }
                g = inner;
            }
            g.Values[parts[^1]] = new Val(o.Value, new Origin(keyPath, SourceMark.None, parts[^1]), false);
        }
        return top;
    }

    private sealed record PortTable(List<(string Name, InstancePort Port)> Ports, HashSet<string> Broken, HashSet<string> DeclaredSettings)
    {
        public bool TryGet(string name, out InstancePort port)
        {
            foreach (var p in Ports)
                if (p.Name == name)
                {
                    port = p.Port;
                    return true;
                }
            port = default;
            return false;
        }
    }

    private PortTable ExpandBody(CircuitBody body, string flatPrefix, IReadOnlyDictionary<string, Given> nested, List<Val> forwarded)
    {
        var tables = new Dictionary<string, PortTable?>(StringComparer.Ordinal);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var inst in body.Instances)
        {
            nested.TryGetValue(inst.Name, out var direct);
            var t = ExpandInstance(inst, flatPrefix + inst.Name, direct, forwarded);
            tables[inst.Name] = t;
            if (t is not null) declared.UnionWith(t.DeclaredSettings);
        }

        // How each port was used, described only when a second use is reported; keyed by the resolved port, which
        // names one instance port as (instance, port name) does here.
        var used = new Dictionary<InstancePort, PortUse>();
        // Null: the reference names an instance or model port that failed (already reported), so it is
        // neither an error nor a connection, but its other end still counts as used.
        bool? Resolve(PortReference r, string keyPath, out InstancePort port)
        {
            port = default;
            if (!tables.TryGetValue(r.Instance, out var t) || t is null) return null;
            if (t.TryGet(r.Port, out port)) return true;
            if (t.Broken.Contains(r.Port)) return null;
            var inst = body.Instances.First(i => i.Name == r.Instance);
            Error(r.Mark, keyPath, $"instance '{r.Instance}' ({inst.Component}) has no port '{r.Port}'{Suggestions.Hint(r.Port, t.Ports.Select(p => p.Name).Concat(t.Broken))}");
            return false;
        }

        // Marks a connected port used; false (reported) when it was used before.
        bool Use(PortReference r, InstancePort port, string keyPath)
        {
            if (used.TryGetValue(port, out var previous))
            {
                Error(r.Mark, keyPath, $"port '{r}' is already {previous}: a port is connected once or exported once");
                return false;
            }
            used[port] = new PortUse(null, r.Mark);
            return true;
        }

        foreach (var c in body.Connections)
        {
            bool? okA = Resolve(c.A, c.KeyPath, out var a);
            bool? okB = Resolve(c.B, c.KeyPath, out var b);
            if (okA == true && okB == true && a == b)
            {
                Error(c.B.Mark, c.KeyPath, $"'{c.A}' is connected to itself");
                continue;
            }
            bool ok = okA == true && okB == true;
            if (okA == true) ok &= Use(c.A, a, c.KeyPath);
            if (okB == true) ok &= Use(c.B, b, c.KeyPath);
            if (ok) _connections.Add(new Connection(a, b));
        }

        var exported = new List<(string, InstancePort)>();
        var broken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in body.Ports)
        {
            if (Resolve(p.Target, p.KeyPath, out var port) != true)
            {
                broken.Add(p.Name);
                continue;
            }
            if (used.TryGetValue(port, out var previous))
            {
                Error(p.Target.Mark, p.KeyPath, $"port '{p.Target}' is already {previous}: a port is connected once or exported once");
                broken.Add(p.Name);
                continue;
            }
            used[port] = new PortUse(p.Name, p.Target.Mark);
            exported.Add((p.Name, port));
        }

        foreach (var inst in body.Instances)
        {
            if (tables[inst.Name] is not { } t) continue;
            foreach (var (portName, port) in t.Ports)
                if (!used.ContainsKey(port))
                {
                    string key = $"{flatPrefix}{inst.Name},{portName}";
                    const string message = "unconnected port, treated as a matched load";
                    if (document.Strict) Error(inst.Mark, key, message + " (an error with --strict)");
                    else Warning(inst.Mark, key, message);
                }
        }
        return new PortTable(exported, broken, declared);
    }

    /// <summary>A port's first use: connected (<paramref name="ExportedAs"/> null) or exported, written at <paramref name="Mark"/>.</summary>
    private readonly record struct PortUse(string? ExportedAs, SourceMark Mark)
    {
        public override string ToString() =>
            (ExportedAs is null ? "connected" : $"exported as '{ExportedAs}'") + $" at line {Mark.Line}, column {Mark.Column}";
    }

    private PortTable? ExpandInstance(InstanceDefinition def, string flatName, Given? direct, List<Val> forwarded)
    {
        var own = Given.From(def.Settings);
        var effective = Given.Merge(own, direct);
        if (document.Registry.TryGet(def.Component, out var model))
            return BindPrimitive(def, flatName, model, effective, forwarded);
        var circuitModel = document.FindModel(def.Component);
        if (circuitModel is null || _modelStack.Contains(circuitModel.Name)) return null; // reported by the loader
        return ExpandModel(def, flatName, circuitModel, effective, forwarded);
    }

    private PortTable? ExpandModel(InstanceDefinition def, string flatName, CircuitModelDefinition circuitModel, Given effective, List<Val> forwarded)
    {
        var innerNames = circuitModel.Body.Instances.Select(i => i.Name).ToList();
        var nested = new Dictionary<string, Given>(StringComparer.Ordinal);
        foreach (var (key, g) in effective.NestedEntries)
        {
            if (innerNames.Contains(key)) nested[key] = g;
            else
                Error(g.Where!.Mark, g.Where.KeyPath,
                    $"model '{circuitModel.Name}' has no instance '{key}' to take these settings{Suggestions.Hint(key, innerNames)}");
        }

        var here = new List<Val>();
        foreach (var (_, v) in effective.Values)
        {
            if (v.Origin.NotANumber == NetlistLoader.InvalidMarker) continue;
            here.Add(v);
        }
        var down = new List<Val>(here);
        foreach (var f in forwarded)
            down.Add(effective.Values.ContainsKey(f.Origin.Key) ? f with { Shadowed = true } : f);

        _modelStack.Add(circuitModel.Name);
        var inner = ExpandBody(circuitModel.Body, flatName + ".", nested, down);
        _modelStack.Remove(circuitModel.Name);

        foreach (var v in here)
        {
            if (!v.Origin.Declared)
                Error(v.Origin.Mark, v.Origin.KeyPath,
                    $"setting '{v.Origin.Key}' reaches no instance: nothing inside model '{circuitModel.Name}' ({flatName}) declares it{Suggestions.Hint(v.Origin.Key, inner.DeclaredSettings.Concat(innerNames))}");
            else if (!v.Origin.Used)
                Warning(v.Origin.Mark, v.Origin.KeyPath,
                    $"setting '{v.Origin.Key}' has no effect in {flatName}: every instance inside that declares it sets it itself");
        }
        return inner;
    }

    private PortTable? BindPrimitive(InstanceDefinition def, string flatName, ComponentModel model, Given effective, List<Val> forwarded)
    {
        string where = flatName.Contains('.') ? $" (in {flatName})" : "";
        foreach (var (key, g) in effective.NestedEntries)
            Error(g.Where!.Mark, g.Where.KeyPath,
                $"'{def.Name}' is a {model.Name}, not a model: '{key}' cannot name an inner instance{Suggestions.Hint(key, model.Settings.Select(s => s.Name))}");

        var (specs, settingNames) = SettingsOf(model);
        var given = new Dictionary<string, Val>(StringComparer.Ordinal);
        var suppressed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, v) in effective.Values)
        {
            if (!specs.ContainsKey(key))
            {
                Error(v.Origin.Mark, v.Origin.KeyPath, $"'{model.Name}' has no setting '{key}'{Suggestions.Hint(key, specs.Keys)}");
                continue;
            }
            given[key] = v;
        }
        foreach (var f in forwarded)
        {
            if (!specs.ContainsKey(f.Origin.Key)) continue;
            f.Origin.Declared = true;
            if (f.Shadowed || given.ContainsKey(f.Origin.Key)) continue;
            f.Origin.Used = true;
            given[f.Origin.Key] = f;
        }

        var values = new Dictionary<string, SettingValue>(StringComparer.Ordinal);
        foreach (var (key, v) in given)
        {
            var spec = specs[key];
            if (v.Origin.NotANumber == NetlistLoader.InvalidMarker)
            {
                suppressed.Add(key);
                continue;
            }
            if (v.Origin.NotANumber is { } what && spec.Kind is not (SettingKind.Choice or SettingKind.Text))
            {
                string unit = string.IsNullOrEmpty(spec.Unit) ? "" : $" in {spec.Unit}";
                Error(v.Origin.Mark, v.Origin.KeyPath, $"expected a number{unit}, got {what}");
                suppressed.Add(key);
                continue;
            }
            values[key] = v.Value;
        }

        BoundComponent bound;
        try
        {
            bound = model.Bind(values, _context);
        }
        catch (ComponentSettingsException ex)
        {
            foreach (var e in ex.Errors)
            {
                string first = e.Key.Split(" and ")[0];
                if (suppressed.Contains(first)) continue;
                if (given.TryGetValue(first, out var v) && values.ContainsKey(first))
                {
                    bool isForwarded = !effective.Values.ContainsKey(first);
                    string note = isForwarded ? $" (forwarded to {flatName})" : where;
                    Error(v.Origin.Mark, v.Origin.KeyPath, MessageFor(e) + note);
                }
                else
                    Error(def.Mark, $"{def.KeyPath}.settings.{first}", MessageFor(e) + where);
            }
            // Ports that do not depend on the settings are still known: references to them are neither errors nor
            // connections, and references to other names are reported now rather than after the settings are fixed.
            return model.FixedPorts is { } fixedPorts
                ? new PortTable([], fixedPorts.ToHashSet(StringComparer.Ordinal), settingNames)
                : null;
        }
        foreach (var w in bound.Warnings)
        {
            string first = w.Key.Split(" and ")[0];
            if (given.TryGetValue(first, out var v))
            {
                bool isForwarded = !effective.Values.ContainsKey(first);
                bag.Warning(v.Origin.Mark, v.Origin.KeyPath, MessageFor(w) + (isForwarded ? $" (forwarded to {flatName})" : where));
            }
            else bag.Warning(def.Mark, $"{def.KeyPath}.settings.{first}", MessageFor(w) + where);
        }
        _instances.Add(new FlatInstance(flatName, bound, values, def.Mark));
        int index = _instances.Count - 1;
        var ports = bound.Ports.Select((p, i) => (p, new InstancePort(index, i))).ToList();
        return new PortTable(ports, [], settingNames);
    }

    /// <summary>The model's settings by name, and their names (shared by every instance of the model; read only).</summary>
    private (Dictionary<string, SettingSpec> Specs, HashSet<string> Names) SettingsOf(ComponentModel model)
    {
        if (!_settingsOf.TryGetValue(model, out var settings))
        {
            settings = (model.Settings.ToDictionary(s => s.Name, StringComparer.Ordinal), model.Settings.Select(s => s.Name).ToHashSet(StringComparer.Ordinal));
            _settingsOf[model] = settings;
        }
        return settings;
    }

    private static string MessageFor(SettingError e) => e.Key.Contains(" and ") ? $"{e.Key}: {e.Message}" : e.Message;

    private void Error(SourceMark mark, string key, string message)
    {
        if (_reported.Add((mark, key, message))) bag.Error(mark, key, message);
    }

    private void Warning(SourceMark mark, string key, string message)
    {
        if (_reported.Add((mark, key, message))) bag.Warning(mark, key, message);
    }

    /// <summary>Where a setting was written, and whether it reached any instance.</summary>
    private sealed class Origin(string keyPath, SourceMark mark, string key)
    {
        public string KeyPath { get; } = keyPath;
        public SourceMark Mark { get; } = mark;
        public string Key { get; } = key;
        public string? NotANumber { get; init; }
        public bool Declared { get; set; }
        public bool Used { get; set; }
    }

    private sealed record Val(SettingValue Value, Origin Origin, bool Shadowed);

    /// <summary>Settings arriving at one instance: values, and nested blocks for its inner instances.</summary>
    private sealed class Given
    {
        public OrderedDictionary<string, Val> Values { get; } = new(StringComparer.Ordinal);
        private OrderedDictionary<string, Given>? _nested;

        /// <summary>Nested blocks by inner instance name (made when first written: most instances have none).</summary>
        public OrderedDictionary<string, Given> Nested => _nested ??= new(StringComparer.Ordinal);

        /// <summary>The nested blocks, for reading.</summary>
        public IEnumerable<KeyValuePair<string, Given>> NestedEntries => (IEnumerable<KeyValuePair<string, Given>>?)_nested ?? [];

        public bool TryGetNested(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Given given)
        {
            given = null;
            return _nested is not null && _nested.TryGetValue(key, out given);
        }
        public Origin? Where { get; init; }

        public static Given From(SettingsBlock block, Origin? where = null)
        {
            var g = new Given { Where = where };
            foreach (var e in block.Entries)
            {
                var origin = new Origin(e.KeyPath, e.Mark, e.Key) { NotANumber = e.NotANumber };
                if (e.Nested is not null) g.Nested[e.Key] = From(e.Nested, origin);
                else g.Values[e.Key] = new Val(e.Value!, origin, false);
            }
            return g;
        }

        /// <summary><paramref name="high"/> over <paramref name="low"/>, nested blocks merged key by key.</summary>
        public static Given Merge(Given low, Given? high)
        {
            if (high is null) return low;
            var g = new Given { Where = high.Where ?? low.Where };
            foreach (var (k, v) in low.Values) g.Values[k] = v;
            foreach (var (k, v) in high.Values) g.Values[k] = v;
            foreach (var (k, v) in low.NestedEntries) g.Nested[k] = v;
            foreach (var (k, v) in high.NestedEntries) g.Nested[k] = low.TryGetNested(k, out var l) ? Merge(l, v) : v;
            return g;
        }
    }
}
