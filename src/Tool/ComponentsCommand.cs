using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Results;
using PhotonicKit.Components;

namespace PhotonicKit.Tool;

/// <summary><c>photonickit components [--json]</c>: the built-in components from the registry.</summary>
internal static class ComponentsCommand
{
    public static int Run(ToolConsole console, bool json)
    {
        var registry = ComponentRegistry.BuiltIn;
        if (json)
        {
            console.Out.Write(ResultJson.Write(ToJson(registry)));
            return ExitCodes.Success;
        }
        foreach (var model in registry.All)
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
    public static JsonArray ToJson(ComponentRegistry registry)
    {
        var list = new JsonArray();
        foreach (var model in registry.All)
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
                settings.Add(o);
            }
            list.Add(new JsonObject
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
