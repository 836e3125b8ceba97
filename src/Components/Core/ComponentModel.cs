namespace PhotonicKit.Components;

/// <summary>What a component's S-matrix is known to satisfy (docs/components.md; checked by tests).</summary>
/// <param name="Passive">S†S ≤ 1 at every wavelength for every valid setting (no gain).</param>
/// <param name="Reciprocal">S = Sᵀ.</param>
/// <param name="LosslessWithoutLoss">Unitary when its loss settings are zero.</param>
public sealed record ComponentTraits(bool Passive, bool Reciprocal, bool LosslessWithoutLoss);

/// <summary>What a component needs to know of the file it sits in.</summary>
/// <param name="FileWavelengthNm">The file's top-level <c>wavelength_nm</c>: every default written
/// "file's wavelength" uses it, never a sweep point.</param>
public sealed record ComponentContext(double FileWavelengthNm)
{
    /// <summary>The directory of the netlist file, against which a component's file settings (e.g. a Touchstone file)
    /// are resolved; null for the current directory.</summary>
    public string? BaseDirectory { get; init; }
}

/// <summary>
/// A built-in component: its name, ports and declared settings, and a way to bind settings into a
/// <see cref="BoundComponent"/> that evaluates S(λ). Models are stateless; everything a bound instance
/// needs is validated once in <see cref="Bind"/>.
/// </summary>
public abstract class ComponentModel
{
    /// <summary>The component's name in netlists, e.g. <c>waveguide</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One sentence on what it models.</summary>
    public abstract string Summary { get; }

    /// <summary>Declared settings, in documentation order.</summary>
    public abstract IReadOnlyList<SettingSpec> Settings { get; }

    /// <summary>Port names when they do not depend on settings; null otherwise (see <see cref="PortsDescription"/>).</summary>
    public abstract IReadOnlyList<string>? FixedPorts { get; }

    /// <summary>The ports in words, e.g. "o1, o2" or "in0 … in{m−1}, out0 … out{m−1}".</summary>
    public virtual string PortsDescription => string.Join(", ", FixedPorts ?? []);

    /// <summary>Invariants the model satisfies.</summary>
    public abstract ComponentTraits Traits { get; }

    /// <summary>
    /// Validates <paramref name="settings"/> and returns the bound component. Throws
    /// <see cref="ComponentSettingsException"/> listing every problem.
    /// </summary>
    public BoundComponent Bind(IReadOnlyDictionary<string, SettingValue> settings, ComponentContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        var reader = new SettingsReader(settings, Settings, Name);
        var bound = BindCore(reader, context);
        reader.ThrowIfErrors();
        bound.Warnings = reader.Warnings.ToArray();
        bound.GivenSettings = settings;
        return bound;
    }

    /// <summary>Reads every setting through <paramref name="settings"/>, adds cross-setting errors, calls
    /// <see cref="SettingsReader.ThrowIfErrors"/>, then builds the bound component.</summary>
    protected abstract BoundComponent BindCore(SettingsReader settings, ComponentContext context);
}

/// <summary>A component with validated settings: its ports and its S-matrix as a function of wavelength.</summary>
public abstract class BoundComponent
{
    /// <summary>Creates a bound component of <paramref name="model"/> with the given ports.</summary>
    protected BoundComponent(ComponentModel model, IReadOnlyList<string> ports)
    {
        Model = model;
        Ports = ports;
    }

    /// <summary>The model this was bound from.</summary>
    public ComponentModel Model { get; }

    /// <summary>Port names, in matrix order.</summary>
    public IReadOnlyList<string> Ports { get; }

    /// <summary>Remarks from binding that did not stop it (settings ignored because they have no effect).</summary>
    public IReadOnlyList<SettingError> Warnings { get; internal set; } = [];

    /// <summary>The settings it was bound with (for messages).</summary>
    internal IReadOnlyDictionary<string, SettingValue> GivenSettings { get; set; } = new Dictionary<string, SettingValue>();

    /// <summary>S[out, in] at each wavelength (nm) of <paramref name="wavelengthsNm"/>. Throws
    /// <see cref="ComponentSettingsException"/> (keyed by the model's name) when an entry is not a finite number:
    /// settings inside their ranges whose phase or amplitude overflows at these wavelengths (a delay of 1e308 ps).</summary>
    public SMatrixSweep Evaluate(ReadOnlySpan<double> wavelengthsNm)
    {
        var s = new SMatrixSweep(Ports, wavelengthsNm);
        Fill(s);
        CheckFinite(s);
        return s;
    }

    private void CheckFinite(SMatrixSweep sweep)
    {
        int n = sweep.PortCount;
        for (int k = 0; k < sweep.WavelengthCount; k++)
        {
            var re = sweep.Real(k);
            var im = sweep.Imaginary(k);
            for (int e = 0; e < re.Length; e++)
            {
                if (double.IsFinite(re[e]) && double.IsFinite(im[e])) continue;
                var given = string.Join(", ", GivenSettings.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"));
                throw new ComponentSettingsException([new SettingError(Model.Name,
                    $"the {Model.Name}'s S[{sweep.Ports[e / n]}, {sweep.Ports[e % n]}] at {sweep.WavelengthsNm[k].ToString("R", System.Globalization.CultureInfo.InvariantCulture)} nm " +
                    $"is not a finite number: its settings ({given}) are beyond double precision")]);
            }
        }
    }

    /// <summary>Writes S[out, in] at every wavelength of <paramref name="destination"/> (all zero on entry).</summary>
    protected abstract void Fill(SMatrixSweep destination);
}
