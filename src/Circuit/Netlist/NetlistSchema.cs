using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Netlist;

/// <summary>
/// Writes the JSON Schema (draft 2020-12) of netlist format version 1 (spec §1) for a set of components:
/// one definition per component listing its settings with type, unit, default and range. Editors use it
/// for completion and checking; <c>docs/netlist-v1.schema.json</c> is this output for the built-ins.
/// </summary>
/// <remarks>The schema describes the shape of a file; rules across keys (ports used once, forwarding,
/// did-you-mean) are checked by <see cref="NetlistLoader"/> only.</remarks>
public static class NetlistSchema
{
    private const string NamePattern = "^[A-Za-z_][A-Za-z0-9_]*$";
    private const string PortReferencePattern = "^\\s*[A-Za-z_][A-Za-z0-9_]*\\s*,\\s*[A-Za-z_][A-Za-z0-9_]*\\s*$";

    /// <summary>The schema as indented JSON text (LF line ends, final newline), deterministic for a given registry.</summary>
    public static string Generate(ComponentRegistry? registry = null)
    {
        registry ??= ComponentRegistry.BuiltIn;
        using var stream = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var w = new Utf8JsonWriter(stream, options))
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://json-schema.org/draft/2020-12/schema");
            w.WriteString("title", "PhotonicKit netlist, format version 1");
            w.WriteString("description", "A photonic circuit: instances of built-in components or of sub-circuit models, their connections, external ports and analyses (YAML or JSON).");
            w.WriteString("type", "object");
            WriteStrings(w, "required", ["photonickit", "wavelength_nm"]);
            w.WriteStartObject("properties");
            w.WriteStartObject("photonickit");
            w.WriteString("description", "format version");
            w.WriteNumber("const", NetlistLoader.FormatVersion);
            w.WriteEndObject();
            Simple(w, "name", "string", "the netlist's name (default: the file's stem)");
            w.WriteStartObject("wavelength_nm");
            w.WriteString("type", "number");
            w.WriteNumber("exclusiveMinimum", 0);
            w.WriteString("description", "the file's wavelength, nm; every default written \"file's wavelength\" is this value");
            w.WriteEndObject();
            Ref(w, "sweep", "sweep");
            w.WriteStartObject("models");
            w.WriteString("description", "sub-circuits usable as an instance's component");
            w.WriteString("type", "object");
            RefObject(w, "propertyNames", "name");
            RefObject(w, "additionalProperties", "model");
            w.WriteEndObject();
            Ref(w, "instances", "instances");
            Ref(w, "connections", "connections");
            Ref(w, "nets", "nets");
            Ref(w, "ports", "ports");
            w.WriteStartObject("analyses");
            w.WriteString("description", "analyses, each producing one entry of the results, in order");
            w.WriteString("type", "array");
            w.WriteStartObject("items");
            w.WriteString("type", "object");
            WriteStrings(w, "required", ["type"]);
            w.WriteStartObject("properties");
            Simple(w, "type", "string", "analysis type, e.g. transmission, smatrix, source, efficiency, hom, g2, photon_statistics, figures, sweep");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            WriteIgnored(w);
            w.WriteEndObject();
            w.WriteBoolean("additionalProperties", false);

            w.WriteStartObject("$defs");
            w.WriteStartObject("name");
            w.WriteString("type", "string");
            w.WriteString("pattern", NamePattern);
            w.WriteEndObject();
            w.WriteStartObject("port_reference");
            w.WriteString("description", "\"instance,port\"");
            w.WriteString("type", "string");
            w.WriteString("pattern", PortReferencePattern);
            w.WriteEndObject();
            WriteSweep(w);
            WriteBodyParts(w);
            WriteInstance(w, registry);
            foreach (var model in registry.All) WriteComponent(w, model);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteSweep(Utf8JsonWriter w)
    {
        w.WriteStartObject("sweep");
        w.WriteString("description", "linear wavelength grid including both ends");
        w.WriteString("type", "object");
        WriteStrings(w, "required", ["start_nm", "stop_nm", "points"]);
        w.WriteStartObject("properties");
        foreach (var key in new[] { "start_nm", "stop_nm" })
        {
            w.WriteStartObject(key);
            w.WriteString("type", "number");
            w.WriteNumber("exclusiveMinimum", 0);
            w.WriteString("description", "nm");
            w.WriteEndObject();
        }
        w.WriteStartObject("points");
        w.WriteString("type", "integer");
        w.WriteNumber("minimum", 1);
        w.WriteNumber("maximum", WavelengthSweep.MaxPoints);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
    }

    private static void WriteBodyParts(Utf8JsonWriter w)
    {
        w.WriteStartObject("instances");
        w.WriteString("type", "object");
        RefObject(w, "propertyNames", "name");
        RefObject(w, "additionalProperties", "instance");
        w.WriteEndObject();

        w.WriteStartObject("connections");
        w.WriteString("description", "\"instance,port\": \"instance,port\"");
        w.WriteString("type", "object");
        RefObject(w, "propertyNames", "port_reference");
        RefObject(w, "additionalProperties", "port_reference");
        w.WriteEndObject();

        w.WriteStartObject("nets");
        w.WriteString("description", "connections in gdsfactory's spelling");
        w.WriteString("type", "array");
        w.WriteStartObject("items");
        w.WriteString("type", "object");
        WriteStrings(w, "required", ["p1", "p2"]);
        w.WriteStartObject("properties");
        Ref(w, "p1", "port_reference");
        Ref(w, "p2", "port_reference");
        Simple(w, "name", "string", "ignored");
        Simple(w, "settings", "object", "ignored");
        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("ports");
        w.WriteString("description", "external ports, in result order: name: \"instance,port\"");
        w.WriteString("type", "object");
        RefObject(w, "propertyNames", "name");
        RefObject(w, "additionalProperties", "port_reference");
        w.WriteEndObject();

        w.WriteStartObject("model");
        w.WriteString("description", "a sub-circuit; settings given at its instances are forwarded to inner instances that declare them and do not set them");
        w.WriteString("type", "object");
        WriteStrings(w, "required", ["instances", "ports"]);
        w.WriteStartObject("properties");
        Ref(w, "instances", "instances");
        Ref(w, "connections", "connections");
        Ref(w, "nets", "nets");
        Ref(w, "ports", "ports");
        WriteIgnored(w);
        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
    }

    private static void WriteInstance(Utf8JsonWriter w, ComponentRegistry registry)
    {
        w.WriteStartObject("instance");
        w.WriteStartArray("anyOf");
        w.WriteStartObject();
        w.WriteString("description", "a bare component or model name: all settings default");
        w.WriteString("type", "string");
        w.WriteEndObject();
        foreach (var model in registry.All)
        {
            w.WriteStartObject();
            w.WriteString("$ref", "#/$defs/component_" + model.Name);
            w.WriteEndObject();
        }
        w.WriteStartObject();
        w.WriteString("description", "an instance of a model: settings are forwarded, a key naming an inner instance with a mapping sets that instance");
        w.WriteString("type", "object");
        WriteStrings(w, "required", ["component"]);
        w.WriteStartObject("properties");
        w.WriteStartObject("component");
        w.WriteString("$ref", "#/$defs/name");
        w.WriteStartObject("not");
        WriteStrings(w, "enum", registry.All.Select(m => m.Name));
        w.WriteEndObject();
        w.WriteEndObject();
        Simple(w, "settings", "object", "settings forwarded to inner instances, or nested blocks naming inner instances");
        w.WriteStartObject("info");
        w.WriteString("description", "gdsfactory key, ignored with a warning");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteComponent(Utf8JsonWriter w, ComponentModel model)
    {
        w.WriteStartObject("component_" + model.Name);
        w.WriteString("description", $"{model.Summary}; ports: {model.PortsDescription}");
        w.WriteString("type", "object");
        bool anyRequired = model.Settings.Any(s => s.Required);
        WriteStrings(w, "required", anyRequired ? ["component", "settings"] : ["component"]);
        w.WriteStartObject("properties");
        w.WriteStartObject("component");
        w.WriteString("const", model.Name);
        w.WriteEndObject();
        w.WriteStartObject("settings");
        w.WriteString("type", "object");
        w.WriteStartObject("properties");
        foreach (var spec in model.Settings) WriteSetting(w, spec);
        w.WriteEndObject();
        if (anyRequired) WriteStrings(w, "required", model.Settings.Where(s => s.Required).Select(s => s.Name));
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
        w.WriteStartObject("info");
        w.WriteString("description", "gdsfactory key, ignored with a warning");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
    }

    private static void WriteSetting(Utf8JsonWriter w, SettingSpec spec)
    {
        w.WriteStartObject(spec.Name);
        string unit = string.IsNullOrEmpty(spec.Unit) ? "" : $" ({spec.Unit})";
        string def = spec.DefaultDescription is { } dd ? $"; default: {dd}" : "";
        string range = spec.Kind is SettingKind.Number or SettingKind.Integer or SettingKind.NumberOrList ? $"; range {spec.RangeText}" : "";
        w.WriteString("description", spec.Description + unit + def + range);
        switch (spec.Kind)
        {
            case SettingKind.Number:
            case SettingKind.Integer:
                WriteNumberBody(w, spec);
                if (spec.Default is double d) w.WriteNumber("default", d);
                break;
            case SettingKind.Choice:
                WriteStrings(w, "enum", spec.Choices ?? []);
                if (spec.DefaultChoice is { } dc) w.WriteString("default", dc);
                break;
            case SettingKind.NumberOrList:
                w.WriteStartArray("anyOf");
                w.WriteStartObject();
                WriteNumberBody(w, spec);
                w.WriteEndObject();
                w.WriteStartObject();
                w.WriteString("type", "array");
                w.WriteStartObject("items");
                WriteNumberBody(w, spec);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
                if (spec.Default is double dl) w.WriteNumber("default", dl);
                break;
            case SettingKind.Text:
                w.WriteString("type", "string");
                w.WriteNumber("minLength", 1);
                break;
            case SettingKind.Matrix:
                w.WriteString("type", "array");
                w.WriteNumber("minItems", 1);
                w.WriteStartObject("items");
                w.WriteString("type", "array");
                w.WriteStartObject("items");
                w.WriteString("type", "number");
                w.WriteEndObject();
                w.WriteEndObject();
                break;
        }
        w.WriteEndObject();
    }

    private static void WriteNumberBody(Utf8JsonWriter w, SettingSpec spec)
    {
        w.WriteString("type", spec.Kind == SettingKind.Integer ? "integer" : "number");
        if (!double.IsNegativeInfinity(spec.Min)) w.WriteNumber(spec.MinExclusive ? "exclusiveMinimum" : "minimum", spec.Min);
        if (!double.IsPositiveInfinity(spec.Max)) w.WriteNumber(spec.MaxExclusive ? "exclusiveMaximum" : "maximum", spec.Max);
    }

    private static void WriteIgnored(Utf8JsonWriter w)
    {
        foreach (var key in NetlistLoader.IgnoredGdsfactoryKeys)
        {
            w.WriteStartObject(key);
            w.WriteString("description", "gdsfactory key, ignored with a warning");
            w.WriteEndObject();
        }
    }

    private static void Simple(Utf8JsonWriter w, string key, string type, string description)
    {
        w.WriteStartObject(key);
        w.WriteString("type", type);
        w.WriteString("description", description);
        w.WriteEndObject();
    }

    private static void Ref(Utf8JsonWriter w, string key, string def) => RefObject(w, key, def);

    private static void RefObject(Utf8JsonWriter w, string key, string def)
    {
        w.WriteStartObject(key);
        w.WriteString("$ref", "#/$defs/" + def);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string key, IEnumerable<string> values)
    {
        w.WriteStartArray(key);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
