using System.Globalization;

namespace PhotonicKit.Components;

/// <summary>
/// Reads a component's settings against its <see cref="SettingSpec"/> declarations, collecting every problem
/// (unknown key, wrong kind, out of range, missing required, conflicts) instead of stopping at the first.
/// A model's <c>BindCore</c> reads all values, adds cross-setting errors, then calls <see cref="ThrowIfErrors"/>
/// before it builds anything from them.
/// </summary>
public sealed class SettingsReader
{
    private readonly IReadOnlyDictionary<string, SettingValue> _given;
    private readonly Dictionary<string, SettingSpec> _specs;
    private readonly List<SettingError> _errors = [];
    private readonly List<SettingError> _warnings = [];

    /// <summary>Creates a reader; unknown keys are recorded as errors at once.</summary>
    public SettingsReader(IReadOnlyDictionary<string, SettingValue> given, IReadOnlyList<SettingSpec> specs, string componentName)
    {
        _given = given;
        _specs = specs.ToDictionary(s => s.Name, StringComparer.Ordinal);
        ComponentName = componentName;
        foreach (var key in given.Keys)
            if (!_specs.ContainsKey(key))
                _errors.Add(new SettingError(key, $"'{componentName}' has no setting '{key}' (settings: {string.Join(", ", specs.Select(s => s.Name))})"));
    }

    /// <summary>The component whose settings these are.</summary>
    public string ComponentName { get; }

    /// <summary>Problems found so far.</summary>
    public IReadOnlyList<SettingError> Errors => _errors;

    /// <summary>True when the setting was given explicitly.</summary>
    public bool Has(string name) => _given.ContainsKey(name);

    /// <summary>Remarks that do not stop the binding (a setting that has no effect with the others, ignored).</summary>
    public IReadOnlyList<SettingError> Warnings => _warnings;

    /// <summary>Records a remark that does not stop the binding; the netlist reports it as a warning at the setting.</summary>
    public void AddWarning(string key, string message) => _warnings.Add(new SettingError(key, message));

    /// <summary>Records a problem (for cross-setting checks such as conflicts).</summary>
    public void AddError(string key, string message) => _errors.Add(new SettingError(key, message));

    /// <summary>Records a conflict between two settings that determine the same thing, if both are given.</summary>
    public void Conflict(string keyA, string keyB, string what)
    {
        if (Has(keyA) && Has(keyB))
            AddError($"{keyA} and {keyB}", $"both given, but they determine the same {what}: give one");
    }

    /// <summary>Throws <see cref="ComponentSettingsException"/> when any problem was recorded.</summary>
    public void ThrowIfErrors()
    {
        if (_errors.Count > 0) throw new ComponentSettingsException(_errors.ToArray());
    }

    /// <summary>A number setting: the given value, else its declared default, else <paramref name="fallback"/>
    /// (for defaults that depend on context, such as the file's wavelength). Records an error when missing,
    /// of the wrong kind, or out of range, and then returns a harmless placeholder.</summary>
    public double Number(string name, double? fallback = null)
    {
        var spec = Spec(name);
        if (_given.TryGetValue(name, out var v))
        {
            if (v is not SettingValue.Number n)
            {
                AddError(name, $"expected a number{UnitText(spec)}, got '{v}'");
                return Placeholder(spec);
            }
            if (spec.Kind == SettingKind.Integer && n.Value != Math.Floor(n.Value))
            {
                AddError(name, $"expected an integer, got {F(n.Value)}");
                return Placeholder(spec);
            }
            if (!spec.InRange(n.Value))
            {
                AddError(name, $"{F(n.Value)}{UnitText(spec)} is out of range: expected {spec.RangeText}");
                return Placeholder(spec);
            }
            return n.Value;
        }
        if (spec.Default is double d) return d;
        if (fallback is double f) return f;
        AddError(name, $"required setting of '{ComponentName}' is missing ({spec.Description}{UnitText(spec)})");
        return Placeholder(spec);
    }

    /// <summary>A number setting that may be absent: null when neither given nor defaulted.</summary>
    public double? OptionalNumber(string name) => Has(name) || Spec(name).Default.HasValue ? Number(name) : null;

    /// <summary>An integer setting (given, else default, else an error).</summary>
    public int Integer(string name)
    {
        double v = Number(name);
        return v > int.MaxValue ? int.MaxValue : v < int.MinValue ? int.MinValue : (int)v;
    }

    /// <summary>A text setting (a file's path): given as text, required (no default).</summary>
    public string Text(string name)
    {
        var spec = Spec(name);
        if (_given.TryGetValue(name, out var v))
        {
            if (v is SettingValue.Word { Value.Length: > 0 } w) return w.Value;
            AddError(name, $"expected {spec.Description}, got '{v}'");
            return "";
        }
        AddError(name, $"required setting of '{ComponentName}' is missing ({spec.Description})");
        return "";
    }

    /// <summary>A choice setting (given, else default), checked against its allowed words.</summary>
    public string Choice(string name)
    {
        var spec = Spec(name);
        if (_given.TryGetValue(name, out var v))
        {
            if (v is SettingValue.Word w && spec.Choices is { } choices && choices.Contains(w.Value)) return w.Value;
            AddError(name, $"expected one of {spec.RangeText}, got '{v}'");
            return spec.DefaultChoice ?? spec.Choices?[0] ?? "";
        }
        if (spec.DefaultChoice is { } dc) return dc;
        AddError(name, $"required setting of '{ComponentName}' is missing (one of {spec.RangeText})");
        return spec.Choices?[0] ?? "";
    }

    /// <summary>A setting that is one number for all channels or a list of <paramref name="count"/> numbers.</summary>
    public double[] NumberOrList(string name, int count)
    {
        var spec = Spec(name);
        if (_given.TryGetValue(name, out var v) && v is SettingValue.NumberList list)
        {
            if (list.Values.Count != count)
            {
                AddError(name, $"expected one number or a list of {count} numbers, got a list of {list.Values.Count}");
                return Enumerable.Repeat(Placeholder(spec), Math.Max(count, 0)).ToArray();
            }
            var result = new double[count];
            for (int i = 0; i < count; i++)
            {
                result[i] = list.Values[i];
                if (!spec.InRange(result[i]))
                {
                    AddError(name, $"entry {i} = {F(result[i])}{UnitText(spec)} is out of range: expected {spec.RangeText}");
                    result[i] = Placeholder(spec);
                }
            }
            return result;
        }
        double one = Number(name);
        return Enumerable.Repeat(one, Math.Max(count, 0)).ToArray();
    }

    /// <summary>A matrix setting as rows; records an error when missing, ragged or not numeric.</summary>
    public double[][]? Matrix(string name)
    {
        var spec = Spec(name);
        if (!_given.TryGetValue(name, out var v))
        {
            if (!spec.Required) return null;
            AddError(name, $"required setting of '{ComponentName}' is missing ({spec.Description})");
            return null;
        }
        if (v is not SettingValue.NumberMatrix m)
        {
            AddError(name, $"expected a matrix (a list of rows of numbers), got '{v}'");
            return null;
        }
        var rows = m.Rows.Select(r => r.ToArray()).ToArray();
        if (rows.Length == 0 || rows.Any(r => r.Length != rows[0].Length))
        {
            AddError(name, "expected a non-empty rectangular matrix (every row the same length)");
            return null;
        }
        return rows;
    }

    private SettingSpec Spec(string name) =>
        _specs.TryGetValue(name, out var s) ? s : throw new InvalidOperationException($"'{ComponentName}' reads undeclared setting '{name}'");

    private static double Placeholder(SettingSpec spec)
    {
        if (spec.Default is double d) return d;
        if (!double.IsNegativeInfinity(spec.Min) && !double.IsPositiveInfinity(spec.Max)) return (spec.Min + spec.Max) / 2;
        if (!double.IsNegativeInfinity(spec.Min)) return spec.Min + 1;
        if (!double.IsPositiveInfinity(spec.Max)) return spec.Max - 1;
        return 0;
    }

    private static string UnitText(SettingSpec spec) => string.IsNullOrEmpty(spec.Unit) ? "" : $" {spec.Unit}";

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
