using PhotonicKit.Circuit.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PhotonicKit.Circuit.Netlist;

/// <summary>
/// Reads YAML or JSON text into a <see cref="Node"/> tree through YamlDotNet's event parser, keeping the line
/// and column (1-based) of every node and whether each scalar was quoted. JSON is read by the same parser,
/// so every problem in a JSON file also has a line and column.
/// </summary>
/// <remarks>
/// Anchors and aliases are resolved (an alias yields the anchored node itself); YAML 1.1 merge keys
/// (<c>&lt;&lt;: *base</c>) are merged, keys written in the mapping itself winning. A key written twice in
/// one mapping is an error naming both lines. A syntax error becomes one diagnostic with its line and
/// column; no exception escapes. Problems the parser can read past (a duplicate key: the first is kept; an
/// alias to no anchor: read as null) are recorded and the tree is still returned, so that later checks can
/// report the file's other problems in the same run.
/// </remarks>
public static class NetlistParser
{
    private const string StringTag = "tag:yaml.org,2002:str";

    /// <summary>Parses <paramref name="text"/>; returns the root node, or null (with an error in
    /// <paramref name="bag"/>) when the text is not one well-formed YAML document. Check
    /// <paramref name="bag"/> for errors even when a root is returned.</summary>
    public static Node? Parse(string text, DiagnosticBag bag)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(bag);
        var state = new State(bag);
        var parser = new Parser(new StringReader(text));
        try
        {
            Node? root = null;
            int documents = 0;
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case StreamStart or StreamEnd or DocumentEnd:
                        break;
                    case DocumentStart ds:
                        documents++;
                        if (documents > 1)
                        {
                            bag.Error(MarkOf(ds.Start), "", "the file holds more than one YAML document (a second '---'); a netlist is one document");
                            return null;
                        }
                        state.Anchors.Clear();
                        parser.MoveNext();
                        if (parser.Current is DocumentEnd) break;
                        root = ReadNode(parser, state);
                        break;
                    default:
                        throw new InvalidOperationException($"unexpected YAML event {parser.Current}");
                }
            }
            if (root is null)
            {
                bag.Error(new SourceMark(1, 1), "", "the file is empty: expected a mapping starting with 'photonickit: 1'");
                return null;
            }
            return root;
        }
        catch (TooDeepException ex)
        {
            bag.Error(ex.Mark, "", $"lists and mappings nested more than {MaxDepth} levels deep: a netlist needs a few");
            return null;
        }
        catch (YamlException ex)
        {
            bag.Error(MarkOf(ex.Start), "", "YAML syntax error: " + CleanMessage(ex));
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // The scanner fails this way on some malformed input (e.g. an unclosed flow list at the end of the text).
            var where = parser.Current is { } last ? MarkOf(last.End) : new SourceMark(1, 1);
            bag.Error(where, "", "YAML syntax error: the text after this point cannot be read (an unclosed bracket, brace or quote?)");
            return null;
        }
    }

    private sealed class State(DiagnosticBag bag)
    {
        public DiagnosticBag Bag { get; } = bag;
        public Dictionary<string, Node> Anchors { get; } = new(StringComparer.Ordinal);

        /// <summary>Lists and mappings open around the node being read.</summary>
        public int Depth { get; set; }
    }

    /// <summary>Deepest nesting of lists and mappings read: a netlist needs a handful of levels, and reading is
    /// recursive, so far deeper text (which would exhaust the stack) is refused.</summary>
    public const int MaxDepth = 200;

    private sealed class TooDeepException(SourceMark mark) : Exception
    {
        public SourceMark Mark { get; } = mark;
    }

    private static void Enter(State state, YamlDotNet.Core.Mark start)
    {
        if (++state.Depth > MaxDepth) throw new TooDeepException(MarkOf(start));
    }

    private static Node ReadNode(IParser parser, State state)
    {
        // On entry parser.Current is the node's first event; on exit it is the node's last event.
        switch (parser.Current)
        {
            case Scalar s:
            {
                bool quoted = s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded
                              || (!s.Tag.IsEmpty && s.Tag.Value == StringTag);
                var node = new ScalarNode { Mark = MarkOf(s.Start), Value = s.Value, IsQuoted = quoted };
                Remember(s, node, state);
                return node;
            }
            case AnchorAlias a:
            {
                if (state.Anchors.TryGetValue(a.Value.Value, out var target)) return target;
                state.Bag.Error(MarkOf(a.Start), "", $"alias '*{a.Value.Value}' refers to no anchor defined before it");
                return new ScalarNode { Mark = MarkOf(a.Start), Value = "" };
            }
            case SequenceStart ss:
            {
                Enter(state, ss.Start);
                var items = new List<Node>();
                while (parser.MoveNext() && parser.Current is not SequenceEnd)
                    items.Add(ReadNode(parser, state));
                state.Depth--;
                var node = new SequenceNode { Mark = MarkOf(ss.Start), Items = items };
                Remember(ss, node, state);
                return node;
            }
            case MappingStart ms:
            {
                Enter(state, ms.Start);
                var mapping = ReadMapping(parser, ms, state);
                state.Depth--;
                return mapping;
            }
            default:
                throw new InvalidOperationException($"unexpected YAML event {parser.Current}");
        }
    }

    private static MappingNode ReadMapping(IParser parser, MappingStart start, State state)
    {
        var entries = new List<KeyValuePair<ScalarNode, Node>>();
        var merged = new List<KeyValuePair<ScalarNode, Node>>();
        var seen = new Dictionary<string, ScalarNode>(StringComparer.Ordinal);
        while (parser.MoveNext() && parser.Current is not MappingEnd)
        {
            var keyEvent = parser.Current;
            var keyNode = ReadNode(parser, state);
            parser.MoveNext();
            var value = ReadNode(parser, state);
            if (keyNode is not ScalarNode key)
            {
                state.Bag.Error(keyNode.Mark, "", $"a key must be plain text, got a {keyNode.KindText}");
                continue;
            }
            if (key.Value == "<<" && !key.IsQuoted && keyEvent is Scalar)
            {
                Merge(value, merged, state);
                continue;
            }
            if (seen.TryGetValue(key.Value, out var first))
            {
                state.Bag.Error(key.Mark, key.Value,
                    $"duplicate key '{key.Value}' at lines {first.Mark.Line} and {key.Mark.Line}: each key may appear once in a mapping");
                continue;
            }
            seen.Add(key.Value, key);
            entries.Add(new(key, value));
        }
        foreach (var m in merged)
            if (seen.TryAdd(m.Key.Value, m.Key))
                entries.Add(m);
        var node = new MappingNode { Mark = MarkOf(start.Start), Entries = entries };
        Remember(start, node, state);
        return node;
    }

    private static void Merge(Node value, List<KeyValuePair<ScalarNode, Node>> merged, State state)
    {
        IEnumerable<Node> sources = value is SequenceNode seq ? seq.Items : [value];
        foreach (var source in sources)
        {
            if (source is not MappingNode map)
            {
                state.Bag.Error(source.Mark, "<<", $"a merge key ('<<') takes a mapping or a list of mappings, got a {source.KindText}");
                continue;
            }
            foreach (var e in map.Entries)
                if (!merged.Any(m => m.Key.Value == e.Key.Value))
                    merged.Add(e);
        }
    }

    private static void Remember(NodeEvent e, Node node, State state)
    {
        if (!e.Anchor.IsEmpty) state.Anchors[e.Anchor.Value] = node;
    }

    private static SourceMark MarkOf(Mark m) => new((int)Math.Max(1, m.Line), (int)Math.Max(1, m.Column));

    private static string CleanMessage(YamlException ex)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; the diagnostic already has the place.
        string message = ex.Message;
        int i = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && i >= 0) message = message[(i + 3)..];
        return message.Trim();
    }
}
