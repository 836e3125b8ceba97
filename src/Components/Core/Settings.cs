using System.Globalization;

namespace PhotonicKit.Components;

/// <summary>What kind of value a component setting takes.</summary>
public enum SettingKind
{
    /// <summary>A real number (finite).</summary>
    Number,
    /// <summary>An integral number.</summary>
    Integer,
    /// <summary>One word out of a fixed list (<see cref="SettingSpec.Choices"/>).</summary>
    Choice,
    /// <summary>A number, or a list of numbers (per channel).</summary>
    NumberOrList,
    /// <summary>A rectangular matrix of numbers (a list of rows).</summary>
    Matrix,
    /// <summary>Text: a file's path, relative to the netlist.</summary>
    Text,
}

/// <summary>
/// Declares one setting of a component: its key (with the unit in the name), kind, unit, default, allowed
/// range and meaning. The registry, <c>photonickit components</c>, the JSON schema and the netlist
/// validation all read these declarations.
/// </summary>
/// <param name="Name">The key as written in netlists, e.g. <c>length_um</c>.</param>
/// <param name="Kind">The value's kind.</param>
/// <param name="Unit">Unit, e.g. "µm", "dB/cm", "" for dimensionless.</param>
/// <param name="Description">One sentence on its meaning.</param>
public sealed record SettingSpec(string Name, SettingKind Kind, string Unit, string Description)
{
    /// <summary>Numeric default, when the default is a fixed number.</summary>
    public double? Default { get; init; }

    /// <summary>Default of a <see cref="SettingKind.Choice"/> setting.</summary>
    public string? DefaultChoice { get; init; }

    /// <summary>Default described in words when it is not a fixed value (e.g. "file's wavelength").</summary>
    public string? DefaultDescription { get; init; }

    /// <summary>True when the setting has no default and must be given.</summary>
    public bool Required { get; init; }

    /// <summary>Smallest allowed value (inclusive unless <see cref="MinExclusive"/>).</summary>
    public double Min { get; init; } = double.NegativeInfinity;

    /// <summary>Largest allowed value (inclusive unless <see cref="MaxExclusive"/>).</summary>
    public double Max { get; init; } = double.PositiveInfinity;

    /// <summary>Whether <see cref="Min"/> itself is excluded.</summary>
    public bool MinExclusive { get; init; }

    /// <summary>Whether <see cref="Max"/> itself is excluded.</summary>
    public bool MaxExclusive { get; init; }

    /// <summary>Allowed words of a <see cref="SettingKind.Choice"/> setting.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>The allowed range in words, e.g. "[0, 1]" or "> 0".</summary>
    public string RangeText
    {
        get
        {
            if (Kind == SettingKind.Choice) return string.Join(" | ", Choices ?? []);
            bool hasMin = !double.IsNegativeInfinity(Min), hasMax = !double.IsPositiveInfinity(Max);
            string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
            if (hasMin && hasMax) return $"{(MinExclusive ? "(" : "[")}{F(Min)}, {F(Max)}{(MaxExclusive ? ")" : "]")}";
            if (hasMin) return $"{(MinExclusive ? ">" : "≥")} {F(Min)}";
            if (hasMax) return $"{(MaxExclusive ? "<" : "≤")} {F(Max)}";
            return "any finite number";
        }
    }

    /// <summary>True when <paramref name="value"/> lies in the allowed range.</summary>
    public bool InRange(double value)
    {
        if (!double.IsFinite(value)) return false;
        if (MinExclusive ? value <= Min : value < Min) return false;
        if (MaxExclusive ? value >= Max : value > Max) return false;
        return true;
    }
}

/// <summary>A setting's value as given in a netlist or in code.</summary>
public abstract record SettingValue
{
    /// <summary>A single number.</summary>
    public sealed record Number(double Value) : SettingValue
    {
        /// <inheritdoc/>
        public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>A word (for choice settings).</summary>
    public sealed record Word(string Value) : SettingValue
    {
        /// <inheritdoc/>
        public override string ToString() => Value;
    }

    /// <summary>A list of numbers.</summary>
    public sealed record NumberList(IReadOnlyList<double> Values) : SettingValue
    {
        /// <inheritdoc/>
        public override string ToString() => "[" + string.Join(", ", Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";
    }

    /// <summary>A matrix of numbers, as a list of rows.</summary>
    public sealed record NumberMatrix(IReadOnlyList<IReadOnlyList<double>> Rows) : SettingValue
    {
        /// <inheritdoc/>
        public override string ToString() => "[" + string.Join(", ", Rows.Select(r => new NumberList(r).ToString())) + "]";
    }

    /// <summary>Implicit conversion from a number, for settings written in code.</summary>
    public static implicit operator SettingValue(double value) => new Number(value);

    /// <summary>Implicit conversion from a word, for settings written in code.</summary>
    public static implicit operator SettingValue(string value) => new Word(value);
}

/// <summary>One problem with a setting: the key and what is wrong, with the value and what was expected.</summary>
/// <param name="Key">The setting's key (or several keys joined by " and " for a conflict).</param>
/// <param name="Message">The value and what was expected.</param>
public sealed record SettingError(string Key, string Message);

/// <summary>Thrown when settings are invalid; carries every problem found, not just the first.</summary>
public sealed class ComponentSettingsException : Exception
{
    /// <summary>Creates the exception from the list of problems.</summary>
    public ComponentSettingsException(IReadOnlyList<SettingError> errors)
        : base(string.Join("; ", errors.Select(e => $"{e.Key}: {e.Message}")))
    {
        Errors = errors;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<SettingError> Errors { get; }
}
