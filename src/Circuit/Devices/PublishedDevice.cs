using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace PhotonicKit.Circuit.Devices;

/// <summary>One setting of a published device: its netlist key, its value and where the value comes from.</summary>
/// <param name="Key">The netlist setting key (netlist format §4), e.g. <c>lifetime_ps</c>.</param>
/// <param name="Value">A number (<see cref="double"/>) or a choice (<see cref="string"/>).</param>
/// <param name="Source">The paper, figure/table/page, or "assumption: …" with the reason when the paper does not give it.</param>
public sealed record DeviceSetting(string Key, object Value, string Source)
{
    /// <summary>True when the value is not taken from the device's paper (its source starts with "assumption").</summary>
    public bool IsAssumption => Source.StartsWith("assumption", StringComparison.Ordinal);

    /// <summary>The value as it is written in a netlist (numbers in invariant culture, shortest round-trip form).</summary>
    public string ValueText => Value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => s,
        _ => throw new InvalidOperationException($"setting '{Key}': value of type {Value.GetType().Name} is neither a number nor a choice"),
    };
}

/// <summary>A figure a paper publishes for its device, with its 1σ uncertainty when the paper gives one.</summary>
/// <param name="Field">The <c>source</c> result field it corresponds to (<c>brightness</c>, <c>g2</c>, <c>indistinguishability</c>, <c>beta</c>, <c>lifetime_ps</c>, …).</param>
/// <param name="Value">The published value, in the units of that field (fractions, not per cent).</param>
/// <param name="Uncertainty">The published 1σ uncertainty, or null when the paper gives none.</param>
/// <param name="Source">Where the figure is stated (paper, abstract/figure/table).</param>
/// <param name="Note">What the published number measures when it is not exactly the field (e.g. "purity 1 − g2").</param>
public sealed record PublishedFigure(string Field, double Value, double? Uncertainty, string Source, string? Note = null)
{
    /// <summary>Relative tolerance used when the paper gives no uncertainty: ±5 %.</summary>
    public const double DefaultRelativeTolerance = 0.05;

    /// <summary>The tolerance of a comparison: the published 1σ, else 5 % of the value.</summary>
    public double Tolerance => Uncertainty ?? DefaultRelativeTolerance * Math.Abs(Value);
}

/// <summary>
/// A published quantum-dot source modelled from its physical parameters: a <c>quantum_dot</c> or
/// <c>cavity_source</c> with the settings of the paper (each with its source), and the figures the paper
/// publishes for comparison. Measured overrides (<c>g2</c>, <c>indistinguishability</c>, <c>brightness</c>) are
/// never among the settings: the figures are computed, not restated.
/// </summary>
public sealed class PublishedDevice
{
    private static readonly HashSet<string> ForbiddenOverrides = ["g2", "indistinguishability", "brightness"];

    /// <summary>Creates a device; the settings may not contain measured overrides.</summary>
    /// <param name="name">Netlist name and file stem (devices/NAME.yaml), snake_case.</param>
    /// <param name="reference">Full citation of the paper.</param>
    /// <param name="description">What the device is, one line.</param>
    /// <param name="component"><c>quantum_dot</c> or <c>cavity_source</c>.</param>
    /// <param name="wavelengthNm">Emission wavelength, nm.</param>
    /// <param name="wavelengthSource">Where the wavelength comes from.</param>
    /// <param name="settings">Settings with their sources.</param>
    /// <param name="figures">Published figures.</param>
    /// <param name="measuredOverridesAllowed">
    /// True only for the source of a multi-photon experiment whose rates are computed from the paper's measured
    /// per-photon figures (brightness at a stated point, g2, M); a device whose own figures are compared is
    /// never given its figures as overrides.
    /// </param>
    /// <exception cref="ArgumentException">An override setting (unless allowed), an unknown component or a duplicate key.</exception>
    public PublishedDevice(string name, string reference, string description, string component, double wavelengthNm,
        string wavelengthSource, IEnumerable<DeviceSetting> settings, IEnumerable<PublishedFigure> figures, bool measuredOverridesAllowed = false)
    {
        if (component is not ("quantum_dot" or "cavity_source"))
            throw new ArgumentException($"component '{component}' is not a source (quantum_dot or cavity_source)", nameof(component));
        if (!(wavelengthNm > 0) || !double.IsFinite(wavelengthNm))
            throw new ArgumentOutOfRangeException(nameof(wavelengthNm), wavelengthNm, "wavelength_nm must be finite and > 0");
        Name = name;
        Reference = reference;
        Description = description;
        Component = component;
        WavelengthNm = wavelengthNm;
        WavelengthSource = wavelengthSource;
        Settings = [.. settings];
        Figures = [.. figures];
        UsesMeasuredFigures = measuredOverridesAllowed && Settings.Any(x => ForbiddenOverrides.Contains(x.Key));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in Settings)
        {
            if (!measuredOverridesAllowed && ForbiddenOverrides.Contains(s.Key))
                throw new ArgumentException($"setting '{s.Key}' is a measured override: a published device states its figures from physical parameters only", nameof(settings));
            if (!seen.Add(s.Key)) throw new ArgumentException($"setting '{s.Key}' is given twice", nameof(settings));
        }
    }

    /// <summary>Netlist name and file stem (devices/NAME.yaml).</summary>
    public string Name { get; }
    /// <summary>True when the settings hold measured figures (g2, indistinguishability, brightness) as overrides.</summary>
    public bool UsesMeasuredFigures { get; }
    /// <summary>Full citation of the paper.</summary>
    public string Reference { get; }
    /// <summary>What the device is.</summary>
    public string Description { get; }
    /// <summary><c>quantum_dot</c> or <c>cavity_source</c>.</summary>
    public string Component { get; }
    /// <summary>Emission wavelength, nm (the netlist's <c>wavelength_nm</c>).</summary>
    public double WavelengthNm { get; }
    /// <summary>Where the wavelength comes from.</summary>
    public string WavelengthSource { get; }
    /// <summary>The source's settings, each with its source.</summary>
    public ImmutableArray<DeviceSetting> Settings { get; }
    /// <summary>Figures the paper publishes.</summary>
    public ImmutableArray<PublishedFigure> Figures { get; }

    /// <summary>The settings as a dictionary key → value (double or string), in file order.</summary>
    public IReadOnlyDictionary<string, object> SettingsDictionary => Settings.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);

    /// <summary>The instance name of the source in the netlist.</summary>
    public const string SourceInstance = "qd";

    /// <summary>
    /// The netlist text: the source with every setting commented with its source, its ports exported, and a
    /// <c>source</c> analysis. devices/NAME.yaml holds exactly this text.
    /// </summary>
    public string ToNetlist()
    {
        var b = new StringBuilder();
        b.Append("# ").Append(Reference).Append('\n');
        b.Append("# ").Append(Description).Append('\n');
        b.Append("# Every setting is commented with its source; \"assumption\" marks values the paper does not give\n");
        b.Append("# (listed in docs/devices.md). Generated from PhotonicKit.Circuit.Devices.PublishedDevices; keep in step.\n");
        b.Append("photonickit: 1\n");
        b.Append("name: ").Append(Name).Append('\n');
        b.Append("wavelength_nm: ").Append(WavelengthNm.ToString("R", CultureInfo.InvariantCulture))
            .Append("   # ").Append(WavelengthSource).Append('\n');
        b.Append("instances:\n");
        b.Append("  ").Append(SourceInstance).Append(":\n");
        b.Append("    component: ").Append(Component).Append('\n');
        b.Append("    settings:\n");
        foreach (var s in Settings)
            b.Append("      ").Append(s.Key).Append(": ").Append(s.ValueText).Append("   # ").Append(s.Source).Append('\n');
        b.Append("ports:\n");
        if (Component == "quantum_dot")
        {
            b.Append("  left: \"").Append(SourceInstance).Append(",left\"\n");
            b.Append("  right: \"").Append(SourceInstance).Append(",right\"\n");
        }
        else
        {
            b.Append("  out: \"").Append(SourceInstance).Append(",out\"\n");
        }
        b.Append("analyses:\n");
        b.Append("  - {type: source, source: ").Append(SourceInstance).Append("}\n");
        return b.ToString();
    }
}
