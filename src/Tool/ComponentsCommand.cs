using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Results;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Components;

namespace PhotonicKit.Tool;

/// <summary><c>photonickit components [NAME ...] [--json]</c>: the built-in components from the registry, all or the
/// ones named.</summary>
internal static class ComponentsCommand
{
    public static int Run(ToolConsole console, bool json, IReadOnlyList<string> names)
    {
        var registry = ComponentRegistry.BuiltIn;
        var all = registry.All.ToList();
        // Every unknown name is reported, with the closest built-in one; nothing is listed then. (A mistyped option
        // reaches here as a name, since names may follow the command.)
        var unknown = names.Where(n => all.All(m => m.Name != n)).Distinct().ToList();
        foreach (var name in unknown)
            console.Error.WriteLine(new Diagnostic(Severity.Error, "photonickit", SourceMark.None, name, name.StartsWith('-')
                ? $"unknown option for 'photonickit components'{Suggestions.HintOrList(name, ["--json", "--help"], "options")}"
                : $"not a built-in component{Suggestions.HintOrList(name, all.Select(m => m.Name), "built-in components")}"));
        if (unknown.Count > 0) return ExitCodes.Input;
        var models = names.Count == 0 ? all : names.Distinct().Select(n => all.First(m => m.Name == n)).ToList();
        if (json)
        {
            console.Out.Write(ResultJson.Write(ToJson(models)));
            return ExitCodes.Success;
        }
        foreach (var model in models)
        {
            console.Out.WriteLine($"{model.Name} — {model.Summary}");
            console.Out.WriteLine($"  ports: {model.PortsDescription}");
            var t = model.Traits;
            console.Out.WriteLine($"  passive: {YesNo(t.Passive)}, reciprocal: {YesNo(t.Reciprocal)}, lossless without loss: {YesNo(t.LosslessWithoutLoss)}");
            foreach (var s in model.Settings)
            {
                string def = s.Required ? "required" : $"default {DefaultText(s)}";
                string unit = string.IsNullOrEmpty(s.Unit) ? "" : $" [{s.Unit}]";
                console.Out.WriteLine($"  {s.Name}{unit}: {s.Description}; {def}; range {s.RangeText}");
            }
            console.Out.WriteLine();
        }
        return ExitCodes.Success;
    }

    /// <summary>The registry as JSON: name, summary, ports, traits and settings of each component.</summary>
    public static JsonArray ToJson(ComponentRegistry registry) => ToJson(registry.All);

    /// <summary>The given components as JSON, like <see cref="ToJson(ComponentRegistry)"/>.</summary>
    public static JsonArray ToJson(IEnumerable<ComponentModel> models)
    {
        var list = new JsonArray();
        foreach (var model in models)
        {
            var settings = new JsonArray();
            foreach (var s in model.Settings)
            {
                var o = new JsonObject
                {
                    ["name"] = s.Name,
                    ["kind"] = s.Kind.ToString().ToLowerInvariant(),
                    ["unit"] = s.Unit,
                    ["description"] = s.Description,
                    ["required"] = s.Required,
                };
                if (s.Default is double d) o["default"] = d;
                else if (s.DefaultChoice is { } c) o["default"] = c;
                else if (s.DefaultDescription is { } dd) o["default_description"] = dd;
                if (!double.IsNegativeInfinity(s.Min)) o["min"] = s.Min;
                if (!double.IsPositiveInfinity(s.Max)) o["max"] = s.Max;
                if (s.MinExclusive) o["min_exclusive"] = true;
                if (s.MaxExclusive) o["max_exclusive"] = true;
                if (s.Choices is { } choices) o["choices"] = ResultJson.Strings(choices);
                o["range"] = s.RangeText;
                settings.Add((JsonNode?)o);
            }
            list.Add((JsonNode?)new JsonObject
            {
                ["name"] = model.Name,
                ["summary"] = model.Summary,
                ["ports"] = model.FixedPorts is { } fp ? ResultJson.Strings(fp) : null,
                ["ports_description"] = model.PortsDescription,
                ["passive"] = model.Traits.Passive,
                ["reciprocal"] = model.Traits.Reciprocal,
                ["lossless_without_loss"] = model.Traits.LosslessWithoutLoss,
                ["settings"] = settings,
            });
        }
        return list;
    }

    private static string DefaultText(SettingSpec s) =>
        s.Default is double d ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : s.DefaultChoice ?? s.DefaultDescription ?? "none";

    private static string YesNo(bool b) => b ? "yes" : "no";
}
