using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Design;

/// <summary>
/// The settings of one built-in component, typed: one sealed record per component of
/// <see cref="ComponentRegistry.BuiltIn"/> (<see cref="QuantumDot"/>, <see cref="BeamSplitter"/>, …), whose
/// properties are the component's settings in their units (<c>lifetime_ps</c> is <c>LifetimePs</c>). A property left
/// null is not written, so the component's own default applies, exactly as for a key left out of a netlist file.
/// Values are checked when the circuit is built, by the same rules and with the same messages as a file.
/// </summary>
public abstract record ComponentSettings
{
    private protected ComponentSettings()
    {
    }

    /// <summary>The component's name in netlists, e.g. <c>beam_splitter</c>.</summary>
    public abstract string ComponentName { get; }

    /// <summary>The component's port names when they do not depend on its settings; null for <c>unitary</c>,
    /// <c>time_demux</c> and <c>sparameters</c>, whose ports follow from their settings.</summary>
    public abstract IReadOnlyList<string>? PortNames { get; }

    /// <summary>The settings that are set, as netlist keys and values, in the component's documentation order.</summary>
    public IReadOnlyList<KeyValuePair<string, SettingValue>> ToSettings()
    {
        var settings = new List<KeyValuePair<string, SettingValue>>();
        Write(settings);
        return settings;
    }

    /// <summary>Adds every setting that is set to <paramref name="settings"/>.</summary>
    private protected abstract void Write(List<KeyValuePair<string, SettingValue>> settings);
}

/// <summary>A setting that takes one number or a list of numbers (per channel), such as a
/// <c>time_demux</c>'s <c>efficiency</c>; converts implicitly from a number and from an array of numbers.</summary>
public sealed record NumberOrList
{
    private NumberOrList(SettingValue value) => Value = value;

    /// <summary>The value as written in a netlist: a <see cref="SettingValue.Number"/> or a <see cref="SettingValue.NumberList"/>.</summary>
    public SettingValue Value { get; }

    /// <summary>One number for every channel.</summary>
    public static implicit operator NumberOrList(double value) => new(new SettingValue.Number(value));

    /// <summary>One number per channel.</summary>
    public static implicit operator NumberOrList(double[] values) => new(new SettingValue.NumberList([.. values ?? throw new ArgumentNullException(nameof(values))]));

    /// <inheritdoc/>
    public override string ToString() => Value.ToString()!;
}
