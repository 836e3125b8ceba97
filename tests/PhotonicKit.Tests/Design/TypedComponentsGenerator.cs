using System.Globalization;
using System.Text;
using PhotonicKit.Components;

namespace PhotonicKit.Tests.Design;

/// <summary>
/// Writes src/Circuit/Design/Components.g.cs from the registry's setting declarations: a settings record per
/// component (a property per setting, in its unit, documented from the declaration), an instance class with a
/// property per fixed port, a typed <c>Add</c> per component, and an enum per choice setting.
/// <see cref="TypedComponentsTests"/> checks that the committed file is what this writes.
/// </summary>
public static class TypedComponentsGenerator
{
    public const string RelativePath = "src/Circuit/Design/Components.g.cs";

    public static string Generate(ComponentRegistry registry)
    {
        var w = new StringBuilder();
        w.Append("""
            // Generated from ComponentRegistry.BuiltIn by tests/PhotonicKit.Tests/Design/TypedComponentsGenerator.cs: do not edit.
            // After changing a component or its settings, run the tests with PHOTONICKIT_UPDATE_GENERATED=1 and commit this file.
            #nullable enable
            using PhotonicKit.Components;

            namespace PhotonicKit.Circuit.Design;

            """);
        var enums = ChoiceEnums(registry);
        foreach (var model in registry.All) WriteSettingsRecord(w, model, enums);
        foreach (var model in registry.All) WriteInstanceClass(w, model);
        w.Append('\n').Append("public abstract partial class CircuitContents\n{\n");
        bool first = true;
        foreach (var model in registry.All)
        {
            if (!first) w.Append('\n');
            first = false;
            string type = TypeName(model);
            w.Append($"    /// <summary>Adds an instance of <c>{model.Name}</c> ({Xml(model.Summary)}) with its settings.</summary>\n");
            w.Append("    /// <param name=\"name\">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>\n");
            w.Append("    /// <param name=\"settings\">The settings; those left null take the component's defaults.</param>\n");
            w.Append($"    public {type}Instance Add(string name, {type} settings) => AddInstance(new {type}Instance(this, name, settings));\n");
        }
        w.Append("}\n");
        foreach (var (name, choices, settingName) in enums.Select(e => (e.Value.EnumName, e.Value.Choices, e.Key.Setting)).DistinctBy(e => e.EnumName).OrderBy(e => e.EnumName, StringComparer.Ordinal))
        {
            w.Append('\n').Append($"/// <summary>The words of the setting <c>{settingName}</c>.</summary>\n");
            w.Append($"public enum {name}\n{{\n");
            foreach (var choice in choices)
                w.Append($"    /// <summary><c>{choice}</c>.</summary>\n    {Pascal(choice)},\n");
            w.Append("}\n");
        }
        w.Append("\n/// <summary>The netlist words of the choice settings' enums.</summary>\ninternal static class SettingWords\n{\n");
        first = true;
        foreach (var (name, choices) in enums.Values.DistinctBy(e => e.EnumName).OrderBy(e => e.EnumName, StringComparer.Ordinal))
        {
            if (!first) w.Append('\n');
            first = false;
            w.Append($"    public static string Word({name} value) => value switch\n    {{\n");
            foreach (var choice in choices) w.Append($"        {name}.{Pascal(choice)} => \"{choice}\",\n");
            w.Append($"        _ => throw new ArgumentOutOfRangeException(nameof(value), value, \"not a {name}\"),\n    }};\n");
        }
        w.Append("}\n");
        return w.ToString();
    }

    /// <summary>The settings record's name: the model's class name without <c>Model</c> (<c>SParametersModel</c> →
    /// <c>SParameters</c>).</summary>
    public static string TypeName(ComponentModel model)
    {
        string name = model.GetType().Name;
        return name.EndsWith("Model", StringComparison.Ordinal) ? name[..^"Model".Length] : Pascal(model.Name);
    }

    /// <summary><c>lifetime_ps</c> → <c>LifetimePs</c>.</summary>
    public static string Pascal(string snake) =>
        string.Concat(snake.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>An enum per choice setting: shared by the components whose setting of that name has the same words.</summary>
    private static Dictionary<(string Component, string Setting), (string EnumName, IReadOnlyList<string> Choices)> ChoiceEnums(ComponentRegistry registry)
    {
        var taken = typeof(ComponentRegistry).Assembly.GetExportedTypes().Concat(typeof(PhotonicKit.Circuit.FlatCircuit).Assembly.GetExportedTypes())
            .Where(t => t.Namespace != "PhotonicKit.Circuit.Design").Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<(string, string), (string, IReadOnlyList<string>)>();
        var settings = registry.All.SelectMany(m => m.Settings.Where(s => s.Kind == SettingKind.Choice).Select(s => (Model: m, Setting: s))).ToList();
        foreach (var group in settings.GroupBy(x => x.Setting.Name))
        {
            bool shared = group.Select(x => string.Join("|", x.Setting.Choices!)).Distinct().Count() == 1;
            foreach (var (model, setting) in group)
            {
                string name = (shared ? "" : TypeName(model)) + Pascal(setting.Name);
                if (taken.Contains(name)) name += "Choice";
                result[(model.Name, setting.Name)] = (name, setting.Choices!);
            }
        }
        return result;
    }

    private static void WriteSettingsRecord(StringBuilder w, ComponentModel model, Dictionary<(string, string), (string EnumName, IReadOnlyList<string> Choices)> enums)
    {
        string type = TypeName(model);
        w.Append('\n');
        w.Append($"/// <summary>The settings of the built-in component <c>{model.Name}</c>: {Xml(model.Summary)}. Ports: {Xml(model.PortsDescription)}.</summary>\n");
        w.Append($"public sealed record {type} : ComponentSettings\n{{\n");
        if (model.FixedPorts is { } ports)
            w.Append($"    private static readonly string[] FixedPorts = [{string.Join(", ", ports.Select(p => $"\"{p}\""))}];\n\n");
        w.Append($"    /// <inheritdoc/>\n    public override string ComponentName => \"{model.Name}\";\n\n");
        w.Append($"    /// <inheritdoc/>\n    public override IReadOnlyList<string>? PortNames => {(model.FixedPorts is null ? "null" : "FixedPorts")};\n");
        foreach (var s in model.Settings)
        {
            w.Append('\n');
            w.Append($"    /// <summary>{Xml(Sentence(s.Description))} (<c>{s.Name}</c>{(s.Unit.Length > 0 ? $", in {Xml(s.Unit)}" : "")}; {Xml(Default(s))}{Xml(Range(s))}).</summary>\n");
            w.Append($"    public {PropertyType(model, s, enums)}? {Pascal(s.Name)} {{ get; init; }}\n");
        }
        w.Append('\n').Append("    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)\n    {\n");
        foreach (var s in model.Settings)
        {
            string local = "@" + char.ToLowerInvariant(Pascal(s.Name)[0]) + Pascal(s.Name)[1..];
            string value = s.Kind switch
            {
                SettingKind.Number => $"new SettingValue.Number({local})",
                SettingKind.Integer => $"new SettingValue.Number({local})",
                SettingKind.Choice => $"new SettingValue.Word(SettingWords.Word({local}))",
                SettingKind.NumberOrList => $"{local}.Value",
                SettingKind.Matrix => $"new SettingValue.NumberMatrix({local})",
                SettingKind.Text => $"new SettingValue.Word({local})",
                _ => throw new InvalidOperationException($"no C# type for a setting of kind {s.Kind}"),
            };
            w.Append($"        if ({Pascal(s.Name)} is {{ }} {local}) settings.Add(new(\"{s.Name}\", {value}));\n");
        }
        if (model.Settings.Count == 0) w.Append("        _ = settings;\n");
        w.Append("    }\n}\n");
    }

    private static void WriteInstanceClass(StringBuilder w, ComponentModel model)
    {
        string type = TypeName(model);
        w.Append('\n');
        w.Append($"/// <summary>An instance of <c>{model.Name}</c> in a circuit built in code, with its ports ({Xml(model.PortsDescription)}).</summary>\n");
        w.Append($"public sealed partial class {type}Instance : Instance<{type}>\n{{\n");
        w.Append($"    internal {type}Instance(CircuitContents owner, string name, {type} settings) : base(owner, name, settings)\n    {{\n    }}\n");
        foreach (var port in model.FixedPorts ?? [])
            w.Append('\n').Append($"    /// <summary>The port <c>{port}</c>.</summary>\n    public PortRef {Pascal(port)} => Port(\"{port}\");\n");
        w.Append("}\n");
    }

    private static string PropertyType(ComponentModel model, SettingSpec s, Dictionary<(string, string), (string EnumName, IReadOnlyList<string> Choices)> enums) => s.Kind switch
    {
        SettingKind.Number => "double",
        SettingKind.Integer => "int",
        SettingKind.Choice => enums[(model.Name, s.Name)].EnumName,
        SettingKind.NumberOrList => "NumberOrList",
        SettingKind.Matrix => "IReadOnlyList<IReadOnlyList<double>>",
        SettingKind.Text => "string",
        _ => throw new InvalidOperationException($"no C# type for a setting of kind {s.Kind}"),
    };

    private static string Default(SettingSpec s)
    {
        var inv = CultureInfo.InvariantCulture;
        if (s.Required) return "required";
        if (s.Default is { } d) return "default " + d.ToString("R", inv);
        if (s.DefaultChoice is { } c) return "default " + c;
        if (s.DefaultDescription is { } text) return "default: " + text;
        return "optional";
    }

    private static string Range(SettingSpec s)
    {
        if (s.Kind == SettingKind.Choice) return "; " + s.RangeText;
        if (s.Kind is SettingKind.Text or SettingKind.Matrix) return "";
        string range = s.RangeText;
        return range == "any finite number" ? "" : "; range " + range;
    }

    /// <summary>The description with its first word capitalised, unless that word is a symbol (<c>f_g</c>, <c>n_eff</c>, <c>n</c>).</summary>
    private static string Sentence(string text)
    {
        string first = new([.. text.TakeWhile(char.IsLetterOrDigit)]);
        bool word = (first.Length > 1 || first == "a") && first.All(char.IsAsciiLetterLower) && (first.Length == text.Length || text[first.Length] != '_');
        return word ? char.ToUpperInvariant(text[0]) + text[1..] : text;
    }

    private static string Xml(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
