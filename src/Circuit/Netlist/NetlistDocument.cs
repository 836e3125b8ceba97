using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Netlist;

/// <summary>
/// A validated netlist file as plain data (spec §1): the top-level circuit, its sub-circuit models, the
/// wavelength grid and the raw analyses. Built by <see cref="NetlistLoader"/>; turned into the flat circuit
/// solvers consume by <see cref="Flatten"/>. Immutable.
/// </summary>
public sealed class NetlistDocument
{
    internal NetlistDocument(string fileName, string name, double wavelengthNm, WavelengthSweep? sweep,
        IReadOnlyList<CircuitModelDefinition> models, CircuitBody topLevel, IReadOnlyList<MappingNode> analyses,
        ComponentRegistry registry, bool strict)
    {
        FileName = fileName;
        Name = name;
        WavelengthNm = wavelengthNm;
        Sweep = sweep;
        Models = models;
        TopLevel = topLevel;
        Analyses = analyses;
        Registry = registry;
        Strict = strict;
    }

    private FlatCircuit? _circuit;

    /// <summary>Primitive instances the circuit expands to once flattened, counted from the models' instance lists
    /// before flattening (for size estimates: a parameter sweep builds this many per value).</summary>
    public long FlatInstanceCount { get; internal init; }

    /// <summary>Where the <c>analyses</c> key is written (for problems of the analyses as a whole).</summary>
    internal SourceMark AnalysesMark { get; init; }

    /// <summary>Where the <c>instances</c> key is written.</summary>
    internal SourceMark InstancesMark { get; init; }

    /// <summary>Where the file's <c>sweep.points</c> is written (none without a sweep).</summary>
    internal SourceMark SweepPointsMark { get; init; }

    /// <summary>
    /// The flat circuit, as checked by the loader (with the overrides it was given). Solvers and analyses use
    /// this; a parameter sweep calls <see cref="Flatten"/> per value instead.
    /// </summary>
    public FlatCircuit Circuit => _circuit ?? throw new InvalidOperationException("the document has not been validated");

    /// <summary>The overrides <see cref="Circuit"/> was flattened with (from <c>--set</c>).</summary>
    public IReadOnlyList<SettingOverride> Overrides { get; private set; } = [];

    internal void SetCircuit(FlatCircuit circuit, IReadOnlyList<SettingOverride> overrides)
    {
        if (_circuit is not null) throw new InvalidOperationException("the circuit is set once");
        _circuit = circuit;
        Overrides = overrides;
    }

    internal NetlistDocument WithWavelength(double wavelengthNm) =>
        new(FileName, Name, wavelengthNm, Sweep, Models, TopLevel, Analyses, Registry, Strict) { FlatInstanceCount = FlatInstanceCount, AnalysesMark = AnalysesMark, InstancesMark = InstancesMark, SweepPointsMark = SweepPointsMark };

    /// <summary>The file name diagnostics are reported against.</summary>
    public string FileName { get; }

    /// <summary>The netlist's name (<c>name:</c>, default the file's stem).</summary>
    public string Name { get; }

    /// <summary>The file's wavelength (<c>wavelength_nm</c>, or its <c>--set</c> override), used for every default
    /// written "file's wavelength".</summary>
    public double WavelengthNm { get; }

    /// <summary>The file's wavelength grid (<c>sweep:</c>), or null.</summary>
    public WavelengthSweep? Sweep { get; }

    /// <summary>Sub-circuit models in file order.</summary>
    public IReadOnlyList<CircuitModelDefinition> Models { get; }

    /// <summary>The top-level circuit: instances, connections (both <c>connections</c> and <c>nets</c>) and external ports.</summary>
    public CircuitBody TopLevel { get; }

    /// <summary>The <c>analyses:</c> entries, unparsed: each a mapping with a text <c>type</c>.</summary>
    public IReadOnlyList<MappingNode> Analyses { get; }

    /// <summary>Each of <see cref="Analyses"/>' index in the file's <c>analyses:</c> list (entries that are not analyses
    /// are left out of <see cref="Analyses"/>).</summary>
    internal IReadOnlyList<int> AnalysisPositions { get; init; } = [];

    /// <summary>The components the netlist was validated against.</summary>
    public ComponentRegistry Registry { get; }

    /// <summary>True when unconnected ports are errors (<c>--strict</c>) rather than warnings.</summary>
    public bool Strict { get; }

    /// <summary>The file's wavelengths: the sweep's grid, or the single <see cref="WavelengthNm"/>.</summary>
    public double[] WavelengthsNm() => Sweep?.WavelengthsNm() ?? [WavelengthNm];

    /// <summary>The model called <paramref name="name"/>, or null.</summary>
    public CircuitModelDefinition? FindModel(string name)
    {
        foreach (var m in Models)
            if (m.Name == name) return m;
        return null;
    }

    /// <summary>
    /// Removes the hierarchy: binds every instance (after forwarding model settings and applying
    /// <paramref name="overrides"/>) and joins connections, giving the circuit solvers consume. Records every
    /// problem in <paramref name="bag"/> and returns null when any is an error. Cheap enough to call once per
    /// value of a parameter sweep (no re-parsing). The loader's overrides (<see cref="Overrides"/>) are not
    /// applied again: pass them along with the new ones (<c>[.. document.Overrides, newOverride]</c>).
    /// </summary>
    /// <param name="overrides">Settings applied as if written at the named instance (<c>--set</c>, <c>sweep</c>).</param>
    /// <param name="bag">Receives errors, and warnings when <paramref name="reportWarnings"/>.</param>
    /// <param name="reportWarnings">False to leave out the warnings (unconnected ports), e.g. when a sweep
    /// re-flattens a circuit whose warnings were already reported.</param>
    public FlatCircuit? Flatten(IReadOnlyList<SettingOverride> overrides, DiagnosticBag bag, bool reportWarnings = true)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(bag);
        var local = new DiagnosticBag(bag.File);
        var circuit = new NetlistFlattener(this, local).Run(overrides);
        foreach (var d in local.All)
            if (d.Severity == Severity.Error || reportWarnings) bag.AddRange([d]);
        return local.HasErrors ? null : circuit;
    }

    /// <summary>
    /// Why the override path <paramref name="path"/> (<c>instance.setting</c>, instance names joined by '.') names
    /// no setting, from the document's structure alone (no binding): an unknown instance, a primitive used as a
    /// model, a setting its component lacks, or a setting at a model instance that nothing inside declares. Null
    /// when the path reaches a setting (its value is checked when the circuit is built). The words are those of
    /// the flattener's own errors, so a parameter sweep reports a bad path once, at <c>parameter</c>.
    /// </summary>
    internal string? OverridePathProblem(string path)
    {
        var parts = path.Split('.');
        if (parts.Any(p => !NetlistLoader.IsValidName(p)))
            return $"expected a path of names joined by '.', e.g. 'mzi1.bs1.coupling', got '{path}'";
        if (parts.Length == 1)
            return parts[0] == "wavelength_nm" ? null : $"expected a path 'instance.setting' (or 'wavelength_nm'), got '{path}'";
        var body = TopLevel;
        string where = "at the top level";
        for (int i = 0; i < parts.Length - 1; i++)
        {
            var instance = body.Instances.FirstOrDefault(x => x.Name == parts[i]);
            if (instance is null) return $"no instance '{parts[i]}' {where}{Suggestions.Hint(parts[i], body.Instances.Select(x => x.Name))}";
            if (Registry.TryGet(instance.Component, out var component))
            {
                if (i < parts.Length - 2)
                    return $"'{parts[i]}' is a {component.Name}, not a model: '{parts[i + 1]}' cannot name an inner instance";
                return component.Settings.Any(x => x.Name == parts[^1]) ? null
                    : $"'{component.Name}' has no setting '{parts[^1]}'{Suggestions.Hint(parts[^1], component.Settings.Select(x => x.Name))}";
            }
            if (FindModel(instance.Component) is not { } model) return null; // reported by the loader
            if (i == parts.Length - 2)
            {
                var declared = DeclaredSettings(model);
                bool namesInstance = model.Body.Instances.Any(x => x.Name == parts[^1]);
                return declared.Contains(parts[^1]) ? null
                    : $"setting '{parts[^1]}' reaches no instance: nothing inside model '{model.Name}' ({string.Join('.', parts.Take(i + 1))}) declares it" +
                      (namesInstance ? $" ('{parts[^1]}' is an instance: name one of its settings after it)" : Suggestions.Hint(parts[^1], declared));
            }
            body = model.Body;
            where = $"inside model '{model.Name}' ({string.Join('.', parts.Take(i + 1))})";
        }
        return null;
    }

    /// <summary>The settings declared by the primitive instances inside <paramref name="model"/>, at any depth.</summary>
    private HashSet<string> DeclaredSettings(CircuitModelDefinition model)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal) { model.Name };
        var pending = new Stack<CircuitModelDefinition>([model]);
        while (pending.TryPop(out var m))
            foreach (var instance in m.Body.Instances)
            {
                if (Registry.TryGet(instance.Component, out var component)) declared.UnionWith(component.Settings.Select(x => x.Name));
                else if (FindModel(instance.Component) is { } inner && seen.Add(inner.Name)) pending.Push(inner);
            }
        return declared;
    }

    /// <summary>The file's wavelength after an override of <c>wavelength_nm</c> among <paramref name="overrides"/>, if any.</summary>
    public double WavelengthNmWith(IReadOnlyList<SettingOverride> overrides)
    {
        double wavelengthNm = WavelengthNm;
        foreach (var o in overrides)
            if (o.Path == "wavelength_nm" && o.Value is SettingValue.Number n) wavelengthNm = n.Value;
        return wavelengthNm;
    }
}

/// <summary>A linear wavelength grid including both ends (<c>sweep: {start_nm, stop_nm, points}</c>).</summary>
/// <param name="StartNm">First wavelength, nm.</param>
/// <param name="StopNm">Last wavelength, nm (equal to <paramref name="StartNm"/> when <paramref name="Points"/> is 1).</param>
/// <param name="Points">Number of wavelengths, ≥ 1.</param>
public sealed record WavelengthSweep(double StartNm, double StopNm, int Points)
{
    /// <summary>Largest number of points a sweep may have.</summary>
    public const int MaxPoints = 1_000_000;

    /// <summary>The grid: start + k·(stop − start)/(points − 1), both ends exact.</summary>
    public double[] WavelengthsNm()
    {
        var grid = new double[Points];
        if (Points == 1)
        {
            grid[0] = StartNm;
            return grid;
        }
        double step = (StopNm - StartNm) / (Points - 1);
        for (int k = 0; k < Points; k++) grid[k] = StartNm + k * step;
        grid[^1] = StopNm;
        return grid;
    }
}

/// <summary>A sub-circuit under <c>models:</c>, usable as an instance's <c>component</c>.</summary>
/// <param name="Name">The model's name.</param>
/// <param name="Body">Its instances, connections and (required) ports.</param>
/// <param name="Mark">Where the name is written.</param>
public sealed record CircuitModelDefinition(string Name, CircuitBody Body, SourceMark Mark);

/// <summary>The contents of a circuit: the top level of the file or one model.</summary>
/// <param name="Path">Key path of the circuit in the file: "" for the top level, <c>models.NAME</c> for a model.</param>
/// <param name="Instances">Instances in file order.</param>
/// <param name="Connections">Connections in file order, <c>connections</c> first, then <c>nets</c>.</param>
/// <param name="Ports">Exported ports in file order.</param>
public sealed record CircuitBody(string Path, IReadOnlyList<InstanceDefinition> Instances, IReadOnlyList<ConnectionDefinition> Connections, IReadOnlyList<PortDefinition> Ports)
{
    /// <summary>The prefix of key paths inside this body: "" or <c>models.NAME.</c>.</summary>
    public string KeyPrefix => Path.Length == 0 ? "" : Path + ".";
}

/// <summary>One instance: its name, component (a built-in or a model) and settings.</summary>
/// <param name="Name">Instance name.</param>
/// <param name="Component">Component or model name.</param>
/// <param name="Settings">The settings written at the instance.</param>
/// <param name="KeyPath">Key path of the instance, e.g. <c>instances.bs</c> or <c>models.mzi.instances.bs1</c>.</param>
/// <param name="Mark">Where the instance's name is written.</param>
public sealed record InstanceDefinition(string Name, string Component, SettingsBlock Settings, string KeyPath, SourceMark Mark);

/// <summary>Settings written at one instance, in file order. Each entry is a value or (at an instance of a
/// model) a nested block for an inner instance.</summary>
/// <param name="Entries">The entries.</param>
public sealed record SettingsBlock(IReadOnlyList<SettingEntry> Entries)
{
    /// <summary>No settings.</summary>
    public static SettingsBlock Empty { get; } = new([]);
}

/// <summary>One setting as written: a value, or a nested block naming an inner instance (SAX's nested form).</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value (null for a nested block).</param>
/// <param name="Nested">The inner instance's settings (null for a value).</param>
/// <param name="KeyPath">Dotted key path, e.g. <c>instances.bs.settings.coupling</c>.</param>
/// <param name="Mark">Where the key is written.</param>
public sealed record SettingEntry(string Key, SettingValue? Value, SettingsBlock? Nested, string KeyPath, SourceMark Mark)
{
    /// <summary>Why a numeric setting cannot take this value (e.g. <c>quoted text "0.5"</c>, <c>boolean true</c>),
    /// or null when it is a number or list of numbers.</summary>
    public string? NotANumber { get; init; }
}

/// <summary>A reference <c>"instance,port"</c> to a port of an instance in the same circuit.</summary>
/// <param name="Instance">Instance name.</param>
/// <param name="Port">Port name.</param>
/// <param name="Mark">Where the reference is written.</param>
public sealed record PortReference(string Instance, string Port, SourceMark Mark)
{
    /// <summary>The reference as written in netlists: <c>instance,port</c>.</summary>
    public override string ToString() => $"{Instance},{Port}";
}

/// <summary>Two instance ports joined, from <c>connections</c> or <c>nets</c>.</summary>
/// <param name="A">One end.</param>
/// <param name="B">The other end.</param>
/// <param name="KeyPath">Where it is written, e.g. <c>connections.bs,out0</c> or <c>nets[0]</c>.</param>
public sealed record ConnectionDefinition(PortReference A, PortReference B, string KeyPath);

/// <summary>An exported port: its name and the instance port it exports.</summary>
/// <param name="Name">External port name.</param>
/// <param name="Target">The instance port.</param>
/// <param name="KeyPath">Where it is written, e.g. <c>ports.in0</c>.</param>
/// <param name="Mark">Where the port's name is written.</param>
public sealed record PortDefinition(string Name, PortReference Target, string KeyPath, SourceMark Mark);

/// <summary>
/// A setting applied as if written at an instance: <c>--set path.setting=value</c> and the <c>sweep</c>
/// analysis. <see cref="Path"/> is instance names joined by '.' with the setting last (<c>mzi1.bs1.coupling</c>);
/// a setting at an instance of a model is forwarded like one written in the file. The single path
/// <c>wavelength_nm</c> replaces the file's wavelength.
/// </summary>
/// <param name="Path">Instance names and setting joined by '.'.</param>
/// <param name="Value">The value.</param>
public sealed record SettingOverride(string Path, SettingValue Value)
{
    /// <summary>
    /// Reads <c>PATH=VALUE</c> as given to <c>--set</c>. VALUE is read like a value in a netlist file: a plain
    /// number, a word, a list <c>[0.9, 0.8]</c> or a matrix <c>[[1, 0], [0, 1]]</c>. Returns null and sets
    /// <paramref name="error"/> when the text cannot be read.
    /// </summary>
    public static SettingOverride? TryParse(string assignment, out string? error)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        error = null;
        int eq = assignment.IndexOf('=');
        if (eq <= 0 || eq == assignment.Length - 1)
        {
            error = $"expected PATH=VALUE (e.g. mzi1.bs1.coupling=0.3), got '{assignment}'";
            return null;
        }
        string path = assignment[..eq].Trim();
        string text = assignment[(eq + 1)..].Trim();
        var bag = new DiagnosticBag("--set");
        var node = NetlistParser.Parse(text, bag);
        if (node is null || bag.HasErrors)
        {
            error = $"cannot read the value '{text}' of {path}";
            return null;
        }
        SettingValue? value = node switch
        {
            ScalarNode sc when sc.TryGetNumber(out double d) => new SettingValue.Number(d),
            ScalarNode { IsNull: false, IsBoolean: false, IsNonFiniteNumber: false } sc => new SettingValue.Word(sc.Value),
            SequenceNode seq when seq.Items.Count > 0 && seq.Items.All(i => i is SequenceNode) => ToMatrix(seq),
            SequenceNode seq => Numbers(seq) is { } list ? new SettingValue.NumberList(list) : null,
            _ => null,
        };
        if (value is null)
        {
            error = $"expected a number, a word, a list of numbers or a list of rows for {path}, got '{text}'";
            return null;
        }
        return new SettingOverride(path, value);

        static List<double>? Numbers(SequenceNode seq)
        {
            var result = new List<double>();
            foreach (var item in seq.Items)
            {
                if (item is not ScalarNode sc || !sc.TryGetNumber(out double d)) return null;
                result.Add(d);
            }
            return result;
        }

        static SettingValue? ToMatrix(SequenceNode seq)
        {
            var rows = new List<IReadOnlyList<double>>();
            foreach (var row in seq.Items)
            {
                if (Numbers((SequenceNode)row) is not { } r) return null;
                rows.Add(r);
            }
            return new SettingValue.NumberMatrix(rows);
        }
    }
}
