using Newtonsoft.Json;

namespace PhotonicKit.Reporting;

/// <summary>
/// Writes the chart library's dynamic objects (traces, layouts, axes: <c>DynamicObj</c>) as JSON objects from their
/// property list, in the order and with the null handling of Json.NET's own path for dynamic objects, which goes
/// through the C# runtime binder. Without the binder the report also renders in a NativeAOT build of the tool,
/// where the binder cannot compile its expression trees.
/// </summary>
internal sealed class DynamicObjJsonConverter : JsonConverter
{
    /// <summary>Adds the converter to the chart library's serializer settings (once).</summary>
    public static void Register()
    {
        var converters = global::Globals.JSON_CONFIG.Converters;
        lock (converters)
            if (!converters.Any(c => c is DynamicObjJsonConverter)) converters.Add(new DynamicObjJsonConverter());
    }

    public override bool CanConvert(Type objectType) => typeof(DynamicObj.DynamicObj).IsAssignableFrom(objectType);

    public override bool CanRead => false;

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
        throw new NotSupportedException("chart objects are only written");

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
            return;
        }
        writer.WriteStartObject();
        // GetDynamicMemberNames is GetProperties(true)'s keys, and TryGetMember reads the same values.
        foreach (var (name, member) in ((DynamicObj.DynamicObj)value).GetProperties(true))
        {
            if (member is null && serializer.NullValueHandling == NullValueHandling.Ignore) continue;
            writer.WritePropertyName(name);
            if (member is null) writer.WriteNull();
            else serializer.Serialize(writer, member);
        }
        writer.WriteEndObject();
    }
}
