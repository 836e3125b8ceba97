using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PhotonicKit.Circuit.Results;

/// <summary>
/// Writes a results document deterministically: keys in insertion order, numbers in the shortest form that
/// reads back to the same double (spec §5), and never NaN or Infinity — a non-finite number reaching the writer
/// is a bug upstream (undefined values are JSON null with a warning) and throws.
/// </summary>
public static class ResultJson
{
    /// <summary>Serialises <paramref name="node"/> with two-space indentation and a trailing newline.</summary>
    public static string Write(JsonNode? node)
    {
        var sb = new StringBuilder();
        WriteNode(sb, node, 0, "$");
        sb.Append('\n');
        return sb.ToString();
    }

    /// <summary>The shortest text that parses back to exactly <paramref name="value"/> (finite values only).</summary>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"non-finite number {value} cannot be written to JSON", nameof(value));
        if (value == 0) return "0"; // also −0: JSON readers treat it as 0
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        int e = text.IndexOf('E');
        if (e < 0) return text;
        // "1E-07" and "1E+21" → "1e-7" and "1e21": no sign or leading zeros the exponent does not need.
        int digits = e + 1;
        bool negative = text[digits] == '-';
        if (text[digits] is '-' or '+') digits++;
        while (digits < text.Length - 1 && text[digits] == '0') digits++;
        return string.Concat(text.AsSpan(0, e), negative ? "e-" : "e", text.AsSpan(digits));
    }

    /// <summary>A JSON number node, or null for a non-finite value (callers add the warning).</summary>
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    /// <summary>A JSON array of numbers, each null where non-finite.</summary>
    public static JsonArray Numbers(ReadOnlySpan<double> values)
    {
        var a = new JsonArray();
        foreach (var v in values) a.Add(Number(v));
        return a;
    }

    /// <summary>A JSON array of strings.</summary>
    public static JsonArray Strings(IEnumerable<string> values)
    {
        var a = new JsonArray();
        foreach (var v in values) a.Add((JsonNode?)JsonValue.Create(v));
        return a;
    }

    private static void WriteNode(StringBuilder sb, JsonNode? node, int depth, string path)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                if (obj.Count == 0) { sb.Append("{}"); break; }
                sb.Append('{');
                bool first = true;
                foreach (var (key, value) in obj)
                {
                    sb.Append(first ? "\n" : ",\n");
                    first = false;
                    Indent(sb, depth + 1);
                    WriteString(sb, key);
                    sb.Append(": ");
                    WriteNode(sb, value, depth + 1, path + "." + key);
                }
                sb.Append('\n');
                Indent(sb, depth);
                sb.Append('}');
                break;
            case JsonArray arr:
                if (arr.Count == 0) { sb.Append("[]"); break; }
                if (arr.All(x => x is null or JsonValue))
                {
                    // Arrays of scalars on one line: results hold long numeric series.
                    sb.Append('[');
                    for (int i = 0; i < arr.Count; i++)
                    {
                        if (i > 0) sb.Append(", ");
                        WriteNode(sb, arr[i], depth + 1, $"{path}[{i}]");
                    }
                    sb.Append(']');
                    break;
                }
                sb.Append('[');
                for (int i = 0; i < arr.Count; i++)
                {
                    sb.Append(i == 0 ? "\n" : ",\n");
                    Indent(sb, depth + 1);
                    WriteNode(sb, arr[i], depth + 1, $"{path}[{i}]");
                }
                sb.Append('\n');
                Indent(sb, depth);
                sb.Append(']');
                break;
            case JsonValue val:
                WriteValue(sb, val, path);
                break;
            default:
                throw new InvalidOperationException($"unexpected JSON node at {path}");
        }
    }

    private static void WriteValue(StringBuilder sb, JsonValue val, string path)
    {
        if (val.GetValueKind() == System.Text.Json.JsonValueKind.Number && val.TryGetValue(out System.Text.Json.JsonElement element))
        {
            // A number read back from a document this writer wrote (a sharded run's part): integers as they were
            // written, other numbers in the shortest form, so the text is unchanged.
            if (!element.TryGetDouble(out double x) || !double.IsFinite(x)) throw new InvalidOperationException($"non-finite number at {path}");
            string raw = element.GetRawText();
            sb.Append(raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0 ? raw : FormatNumber(x));
            return;
        }
        if (val.TryGetValue(out double d))
        {
            if (!double.IsFinite(d)) throw new InvalidOperationException($"non-finite number at {path}");
            sb.Append(FormatNumber(d));
        }
        else if (val.TryGetValue(out int i)) sb.Append(i.ToString(CultureInfo.InvariantCulture));
        else if (val.TryGetValue(out long l)) sb.Append(l.ToString(CultureInfo.InvariantCulture));
        else if (val.TryGetValue(out bool b)) sb.Append(b ? "true" : "false");
        else if (val.TryGetValue(out string? s)) WriteString(sb, s);
        else if (val.TryGetValue(out float f)) sb.Append(FormatNumber(f));
        else throw new InvalidOperationException($"unsupported JSON value at {path}");
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    private static void Indent(StringBuilder sb, int depth) => sb.Append(' ', depth * 2);
}
