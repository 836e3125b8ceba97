using System.Globalization;
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
/// Anchors and aliases are resolved (an alias yields the anchored node itself, so the tree is not copied);
/// every alias is counted as the nodes it stands for, and a document whose aliases would add more than
/// <see cref="MaxAliasNodes"/> nodes (a "billion laughs" bomb of a few hundred bytes) is refused as it is read,
/// before anything walks the tree. YAML 1.1 merge keys
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
        // Generated netlists (thousands of instances) are plain YAML: read them directly; anything else, and every
        // problem, goes through the general parser.
        return PlainYamlReader.TryRead(text) ?? ParseGeneral(text, bag);
    }

    /// <summary>Parses <paramref name="text"/> with the general YAML parser (see <see cref="Parse"/>).</summary>
    internal static Node? ParseGeneral(string text, DiagnosticBag bag)
    {
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
        catch (AliasBombException ex)
        {
            var inv = CultureInfo.InvariantCulture;
            bag.Error(ex.Mark, ex.Key,
                $"refused while reading: alias '*{ex.Alias}' stands for {ex.Nodes.ToString("N0", inv)} nodes; with the aliases before it the file would grow by {Math.Min(state.AliasNodes, long.MaxValue / 2).ToString("N0", inv)} nodes (about {SolveSizeEstimate.FormatBytes(Math.Min(state.AliasNodes, long.MaxValue / 2) * (double)BytesPerNode)} once read), more than the {MaxAliasNodes.ToString("N0", inv)} aliases may add: write the repeated part out, or share less");
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


        /// <summary>Nodes the aliases read so far stand for: what the file would hold with every alias written out.</summary>
        public long AliasNodes { get; set; }

        /// <summary>Key path of the entry being read (for messages), innermost last.</summary>
        public List<string> Keys { get; } = [];

        public long SizeOf(Node node) => node.ExpandedSize;
    }

    /// <summary>Most nodes that aliases may add to a document, counted as if every alias were written out: a
    /// netlist shares a few settings blocks, while a few hundred bytes of nested aliases can stand for 10⁹ nodes
    /// (each becomes objects and key paths when the netlist is checked, about <see cref="BytesPerNode"/> bytes).</summary>
    public const long MaxAliasNodes = 1_000_000;

    /// <summary>Memory one node of a netlist takes once read and checked (node, key path, setting entry), bytes:
    /// the unit of the alias refusal's estimate.</summary>
    public const long BytesPerNode = 200;

    private sealed class AliasBombException(SourceMark mark, string key, string alias, long nodes) : Exception
    {
        public SourceMark Mark { get; } = mark;
        public string Key { get; } = key;
        public string Alias { get; } = alias;
        public long Nodes { get; } = nodes;
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
                if (state.Anchors.TryGetValue(a.Value.Value, out var target))
                {
                    long nodes = state.SizeOf(target);
                    state.AliasNodes = state.AliasNodes > long.MaxValue - nodes ? long.MaxValue : state.AliasNodes + nodes;
                    if (state.AliasNodes > MaxAliasNodes)
                        throw new AliasBombException(MarkOf(a.Start), string.Join('.', state.Keys), a.Value.Value, nodes);
                    return target;
                }
                state.Bag.Error(MarkOf(a.Start), "", $"alias '*{a.Value.Value}' refers to no anchor defined before it");
                return new ScalarNode { Mark = MarkOf(a.Start), Value = "" };
            }
            case SequenceStart ss:
            {
                Enter(state, ss.Start);
                var items = new List<Node>();
                long size = 1;
                string key = state.Keys.Count > 0 ? state.Keys[^1] : "";
                while (parser.MoveNext() && parser.Current is not SequenceEnd)
                {
                    if (state.Keys.Count > 0) state.Keys[^1] = $"{key}[{items.Count}]";
                    var item = ReadNode(parser, state);
                    size = Saturate(size, state.SizeOf(item));
                    items.Add(item);
                }
                if (state.Keys.Count > 0) state.Keys[^1] = key;
                state.Depth--;
                var node = new SequenceNode { Mark = MarkOf(ss.Start), Items = items };
                node.ExpandedSize = size;
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
            state.Keys.Add(keyNode is ScalarNode k ? k.Value : "?");
            var value = ReadNode(parser, state);
            state.Keys.RemoveAt(state.Keys.Count - 1);
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
        long size = 1;
        foreach (var e in entries) size = Saturate(size, 1 + state.SizeOf(e.Value));
        node.ExpandedSize = size;
        Remember(start, node, state);
        return node;
    }

    private static long Saturate(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

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
