using System.Text;
using System.Text.RegularExpressions;

namespace PhotonicKit.Circuit.Netlist;

/// <summary>
/// Writes a netlist's node tree as YAML that reads back to the same tree: block mappings and lists for the structure,
/// flow style (<c>{coupling: 0.5}</c>, <c>[qd1, qd2]</c>) for the short leaves, numbers as written, words plain where
/// YAML reads them as the same text and double-quoted otherwise (<c>"bs,out0"</c>, <c>"true"</c> as a word).
/// </summary>
internal static partial class NetlistYamlWriter
{
    private const int FlowWidth = 100;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.]*$")]
    private static partial Regex PlainWord();

    /// <summary>Keys of a netlist's structure, written one entry a line even when short.</summary>
    private static readonly HashSet<string> BlockKeys = new(StringComparer.Ordinal) { "models", "instances", "connections", "nets", "analyses" };

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
        { "null", "true", "false", "nan", "inf", "infinity", "yes", "no", "on", "off", "y", "n" };

    /// <summary>The YAML text of <paramref name="root"/>.</summary>
    public static string Write(MappingNode root)
    {
        var text = new StringBuilder();
        WriteMapping(root, 0, text);
        return text.ToString();
    }

    private static void WriteMapping(MappingNode map, int indent, StringBuilder text)
    {
        foreach (var (key, value) in map.Entries)
        {
            string head = new string(' ', indent) + Scalar(key) + ":";
            bool block = BlockKeys.Contains(key.Value) && value is MappingNode { Entries.Count: > 0 } or SequenceNode { Items.Count: > 0 };
            if (!block && Flow(value, head.Length + 1) is { } flow)
                text.Append(head).Append(' ').Append(flow).Append('\n');
            else if (value is MappingNode inner)
            {
                text.Append(head).Append('\n');
                WriteMapping(inner, indent + 2, text);
            }
            else
            {
                text.Append(head).Append('\n');
                WriteSequence((SequenceNode)value, indent + 2, text);
            }
        }
    }

    private static void WriteSequence(SequenceNode list, int indent, StringBuilder text)
    {
        string dash = new string(' ', indent) + "- ";
        foreach (var item in list.Items)
        {
            if (Flow(item, dash.Length) is { } flow)
                text.Append(dash).Append(flow).Append('\n');
            else if (item is MappingNode map)
            {
                // The first key on the dash's line, the others under it.
                var body = new StringBuilder();
                WriteMapping(map, indent + 2, body);
                text.Append(dash).Append(body.ToString(indent + 2, body.Length - indent - 2));
            }
            else
            {
                text.Append(dash.TrimEnd()).Append('\n');
                WriteSequence((SequenceNode)item, indent + 2, text);
            }
        }
    }

    /// <summary>The node in flow style when it is a scalar, or a short list or mapping of at most two levels.</summary>
    private static string? Flow(Node node, int column)
    {
        if (node is ScalarNode s) return Scalar(s);
        if (Depth(node) > 2) return null;
        string flow = FlowText(node);
        return column + flow.Length <= FlowWidth ? flow : null;
    }

    private static int Depth(Node node) => node switch
    {
        MappingNode m => 1 + m.Entries.Select(e => Depth(e.Value)).DefaultIfEmpty(0).Max(),
        SequenceNode l => 1 + l.Items.Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    private static string FlowText(Node node) => node switch
    {
        ScalarNode s => Scalar(s),
        MappingNode m => "{" + string.Join(", ", m.Entries.Select(e => Scalar(e.Key) + ": " + FlowText(e.Value))) + "}",
        SequenceNode l => "[" + string.Join(", ", l.Items.Select(FlowText)) + "]",
        _ => throw new ArgumentException($"a node of kind {node.KindText} has no YAML form", nameof(node)),
    };

    /// <summary>A scalar as written: plain numbers and booleans, plain words where they read back as the same words,
    /// double-quoted (JSON escapes) otherwise.</summary>
    private static string Scalar(ScalarNode scalar)
    {
        string value = scalar.Value;
        if (!scalar.IsQuoted) return value;
        if (PlainWord().IsMatch(value) && !Reserved.Contains(value)) return value;
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return quoted.Append('"').ToString();
    }
}
