using PhotonicKit.Circuit.Diagnostics;

namespace PhotonicKit.Circuit.Netlist;

/// <summary>
/// Reads the plain subset of YAML that generated netlists are written in — block mappings and lists, one-line flow
/// mappings and lists, plain and simple double-quoted scalars, comments — straight into a <see cref="Node"/> tree,
/// about ten times faster than the general parser. Anything else (anchors, aliases, tags, merge keys, block
/// scalars, escapes, single quotes, multi-line scalars or flow collections, empty values, duplicate keys, tabs,
/// non-ASCII text, several documents, anything malformed) makes it decline, and the general parser reads the text:
/// it never reports a problem itself, so every diagnostic comes from one place.
/// </summary>
/// <remarks>
/// The tree it returns is the general parser's for the same text, node for node: the same values, the same
/// quoting, and the same line and column (1-based) at every node — a block mapping at its first key, a block list
/// at its first '-', a flow collection at its bracket, a quoted scalar at its quote.
/// </remarks>
internal static class PlainYamlReader
{
    /// <summary>Nesting beyond which it declines (far below <see cref="NetlistParser.MaxDepth"/>, which the general
    /// parser enforces with its message).</summary>
    private const int MaxDepth = 64;

    /// <summary>Longest key it reads (the general parser's limit on a simple key is 1024 characters).</summary>
    private const int MaxKeyLength = 512;

    /// <summary>The tree of <paramref name="text"/>, or null when the text is outside the subset.</summary>
    public static Node? TryRead(string text)
    {
        foreach (char c in text)
            if (c > '~' || (c < ' ' && c != '\n')) return null;
        var reader = new Reader(text);
        try
        {
            return reader.ReadDocument();
        }
        catch (DeclineException)
        {
            return null;
        }
    }

    private sealed class DeclineException : Exception;

    private sealed class Reader(string text)
    {
        private static readonly DeclineException Decline = new();

        /// <summary>Start of each line in the text.</summary>
        private readonly List<int> _lineStarts = LineStarts(text);

        /// <summary>The line being read (0-based).</summary>
        private int _line;

        private int _depth;

        private static List<int> LineStarts(string text)
        {
            var starts = new List<int>(text.Length / 24 + 1) { 0 };
            for (int i = 0; i < text.Length; i++)
                if (text[i] == '\n') starts.Add(i + 1);
            return starts;
        }

        private int LineEnd(int line) => line + 1 < _lineStarts.Count ? _lineStarts[line + 1] - 1 : text.Length;

        private SourceMark MarkAt(int line, int position) => new(line + 1, position - _lineStarts[line] + 1);

        /// <summary>Moves <see cref="_line"/> to the next line with content (not blank, not only a comment);
        /// returns its indentation, or -1 at the end of the text.</summary>
        private int NextContentLine()
        {
            for (; _line < _lineStarts.Count; _line++)
            {
                int start = _lineStarts[_line], end = LineEnd(_line), i = start;
                while (i < end && text[i] == ' ') i++;
                if (i == end || text[i] == '#') continue;
                return i - start;
            }
            return -1;
        }

        public Node ReadDocument()
        {
            int indent = NextContentLine();
            if (indent != 0) throw Decline; // empty, or an indented first line: the general parser decides
            int start = _lineStarts[_line];
            // Directives, document markers and a root that is not a block mapping or list are left to the general parser.
            if (text[start] is '%' || text.AsSpan(start).StartsWith("---") || text.AsSpan(start).StartsWith("...")) throw Decline;
            var root = ReadBlockNode(0, allowIndentless: false);
            if (NextContentLine() != -1) throw Decline;
            return root;
        }

        /// <summary>A block mapping or list starting on the current content line at <paramref name="indent"/>.</summary>
        private Node ReadBlockNode(int indent, bool allowIndentless)
        {
            if (++_depth > MaxDepth) throw Decline;
            int position = _lineStarts[_line] + indent;
            Node node = IsSequenceEntry(position) ? ReadBlockSequence(indent) : ReadBlockMapping(indent, position);
            _depth--;
            return node;
        }

        private bool IsSequenceEntry(int position) =>
            text[position] == '-' && (position + 1 == text.Length || text[position + 1] is ' ' or '\n');

        /// <summary>Entries <c>key: value</c> on lines indented by <paramref name="indent"/>; the first key is at
        /// <paramref name="firstKey"/> (which may follow a list's '- ' on the same line).</summary>
        private MappingNode ReadBlockMapping(int indent, int firstKey)
        {
            var entries = new List<KeyValuePair<ScalarNode, Node>>();
            HashSet<string>? seen = null;
            int line = _line;
            var mark = MarkAt(line, firstKey);
            int position = firstKey;
            while (true)
            {
                int end = LineEnd(_line);
                var key = ReadKey(ref position, end);
                if (IsDuplicate(entries, key.Value, ref seen)) throw Decline;
                // After "key:" either a value on the line or nothing (then a nested block on the next lines).
                Node value;
                SkipSpaces(ref position, end);
                if (position == end || text[position] == '#' && text[position - 1] == ' ')
                {
                    _line++;
                    int inner = NextContentLine();
                    if (inner < 0) throw Decline; // an empty value
                    int innerStart = _lineStarts[_line] + inner;
                    if (inner > indent) value = ReadBlockNode(inner, allowIndentless: false);
                    else if (inner == indent && IsSequenceEntry(innerStart)) value = ReadBlockSequence(indent);
                    else throw Decline; // an empty value
                }
                else
                {
                    if (text[position - 1] != ' ') throw Decline;
                    value = ReadInlineValue(ref position, end);
                    EndOfLine(position, end);
                    _line++;
                }
                entries.Add(new(key, value));
                int next = NextContentLine();
                if (next < indent) break;
                if (next > indent) throw Decline; // a continuation line or a stray indentation
                position = _lineStarts[_line] + indent;
                if (IsSequenceEntry(position)) break; // the list after this mapping inside a list's entry
            }
            var node = new MappingNode { Mark = mark, Entries = entries };
            node.ExpandedSize = Size(entries);
            return node;
        }

        /// <summary>Entries <c>- value</c> at <paramref name="indent"/>.</summary>
        private SequenceNode ReadBlockSequence(int indent)
        {
            var items = new List<Node>();
            var mark = MarkAt(_line, _lineStarts[_line] + indent);
            while (true)
            {
                int start = _lineStarts[_line] + indent, end = LineEnd(_line);
                int position = start + 1;
                SkipSpaces(ref position, end);
                if (position == end || text[position] == '#') throw Decline; // "-" alone: the item on the next lines
                Node item;
                if (text[position] is '{' or '[' or '"' || !HasKeyAhead(position, end))
                {
                    item = ReadInlineValue(ref position, end);
                    EndOfLine(position, end);
                    _line++;
                }
                else
                {
                    // "- key: value": a mapping whose keys line up under the first.
                    if (++_depth > MaxDepth) throw Decline;
                    item = ReadBlockMapping(position - _lineStarts[_line], position);
                    _depth--;
                }
                items.Add(item);
                int next = NextContentLine();
                if (next < indent) break;
                if (next > indent || !IsSequenceEntry(_lineStarts[_line] + indent)) break;
            }
            var node = new SequenceNode { Mark = mark, Items = items };
            long size = 1;
            foreach (var item in items) size += item.ExpandedSize;
            node.ExpandedSize = size;
            return node;
        }

        /// <summary>Whether a plain "key: " starts at <paramref name="position"/>.</summary>
        private bool HasKeyAhead(int position, int end)
        {
            for (int i = position; i < end; i++)
            {
                if (text[i] == '#' && text[i - 1] == ' ') return false;
                if (text[i] == ':' && (i + 1 == end || text[i + 1] == ' ')) return true;
            }
            return false;
        }

        private ScalarNode ReadKey(ref int position, int end)
        {
            ScalarNode key;
            if (text[position] == '"')
            {
                key = ReadQuoted(ref position, end);
                if (position >= end || text[position] != ':') throw Decline;
            }
            else
            {
                int start = position;
                if (!CanStartPlain(position, end)) throw Decline;
                while (position < end && !(text[position] == ':' && (position + 1 == end || text[position + 1] == ' ')))
                {
                    if (text[position] is '#' or ':') throw Decline;
                    position++;
                }
                if (position == end) throw Decline; // not a key
                int last = position;
                while (last > start && text[last - 1] == ' ') last--;
                key = new ScalarNode { Mark = MarkAt(_line, start), Value = text[start..last] };
            }
            if (key.Value.Length > MaxKeyLength) throw Decline;
            if (!key.IsQuoted && key.Value == "<<") throw Decline; // a merge key
            position++; // ':'
            return key;
        }

        /// <summary>A value written on the key's (or the '- ''s) line: a flow collection or a scalar.</summary>
        private Node ReadInlineValue(ref int position, int end)
        {
            switch (text[position])
            {
                case '{':
                case '[':
                    return ReadFlow(ref position, end);
                case '"':
                    return ReadQuoted(ref position, end);
                default:
                {
                    int start = position;
                    if (!CanStartPlain(position, end)) throw Decline;
                    while (position < end && !(text[position] == '#' && text[position - 1] == ' '))
                    {
                        if (text[position] == ':' && (position + 1 == end || text[position + 1] == ' ')) throw Decline;
                        if (text[position] is '#' or ':') throw Decline;
                        position++;
                    }
                    int last = position;
                    while (last > start && text[last - 1] == ' ') last--;
                    return new ScalarNode { Mark = MarkAt(_line, start), Value = text[start..last] };
                }
            }
        }

        /// <summary>A plain scalar may start here: not an indicator (a '-', '?' or ':' only before a non-space).</summary>
        private bool CanStartPlain(int position, int end)
        {
            char c = text[position];
            if (c is ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' or ' ') return false;
            if (c is '-' or '?' or ':') return position + 1 < end && text[position + 1] is not (' ' or ',' or '[' or ']' or '{' or '}');
            return true;
        }

        /// <summary>A flow mapping or list that closes on the same line.</summary>
        private Node ReadFlow(ref int position, int end)
        {
            if (++_depth > MaxDepth) throw Decline;
            var mark = MarkAt(_line, position);
            bool isMapping = text[position] == '{';
            char close = isMapping ? '}' : ']';
            position++;
            SkipSpaces(ref position, end);
            Node node;
            if (isMapping)
            {
                var entries = new List<KeyValuePair<ScalarNode, Node>>();
                HashSet<string>? seen = null;
                while (position < end && text[position] != close)
                {
                    var key = text[position] == '"' ? ReadQuoted(ref position, end) : ReadFlowPlain(ref position, end, isKey: true);
                    if (key.Value.Length > MaxKeyLength || (!key.IsQuoted && key.Value == "<<") || IsDuplicate(entries, key.Value, ref seen)) throw Decline;
                    if (position >= end || text[position] != ':' || position + 1 >= end || text[position + 1] != ' ') throw Decline;
                    position += 2;
                    SkipSpaces(ref position, end);
                    var value = ReadFlowItem(ref position, end);
                    entries.Add(new(key, value));
                    if (!AfterFlowItem(ref position, end, close)) break;
                }
                node = new MappingNode { Mark = mark, Entries = entries };
                node.ExpandedSize = Size(entries);
            }
            else
            {
                var items = new List<Node>();
                while (position < end && text[position] != close)
                {
                    var item = ReadFlowItem(ref position, end);
                    if (position < end && text[position] == ':') throw Decline; // a single-pair mapping in a list
                    items.Add(item);
                    if (!AfterFlowItem(ref position, end, close)) break;
                }
                long size = 1;
                foreach (var item in items) size += item.ExpandedSize;
                node = new SequenceNode { Mark = mark, Items = items };
                node.ExpandedSize = size;
            }
            if (position >= end || text[position] != close) throw Decline;
            position++;
            _depth--;
            return node;
        }

        private Node ReadFlowItem(ref int position, int end)
        {
            if (position >= end) throw Decline;
            return text[position] switch
            {
                '{' or '[' => ReadFlow(ref position, end),
                '"' => ReadQuoted(ref position, end),
                _ => ReadFlowPlain(ref position, end, isKey: false),
            };
        }

        /// <summary>After an item of a flow collection: ", " before the next (true), or the closing bracket (false).</summary>
        private bool AfterFlowItem(ref int position, int end, char close)
        {
            SkipSpaces(ref position, end);
            if (position >= end) throw Decline;
            if (text[position] == close) return false;
            if (text[position] != ',') throw Decline;
            position++;
            SkipSpaces(ref position, end);
            if (position >= end || text[position] is ',' or ']' or '}') throw Decline; // a trailing or doubled comma
            return true;
        }

        /// <summary>A plain scalar inside a flow collection: up to ',', ']', '}', or ": " for a key.</summary>
        private ScalarNode ReadFlowPlain(ref int position, int end, bool isKey)
        {
            int start = position;
            if (!CanStartPlain(position, end)) throw Decline;
            while (position < end && text[position] is not (',' or ']' or '}'))
            {
                if (text[position] == ':')
                {
                    if (isKey && position + 1 < end && text[position + 1] == ' ') break;
                    throw Decline;
                }
                if (text[position] is '#' or '[' or '{' or '"' or '\'') throw Decline;
                position++;
            }
            int last = position;
            while (last > start && text[last - 1] == ' ') last--;
            if (last == start) throw Decline;
            return new ScalarNode { Mark = MarkAt(_line, start), Value = text[start..last] };
        }

        /// <summary>"text" without escapes on one line; <paramref name="position"/> ends after the closing quote.</summary>
        private ScalarNode ReadQuoted(ref int position, int end)
        {
            int open = position;
            int close = text.IndexOf('"', open + 1, end - open - 1);
            if (close < 0) throw Decline;
            var value = text.AsSpan(open + 1, close - open - 1);
            if (value.Contains('\\')) throw Decline;
            position = close + 1;
            return new ScalarNode { Mark = MarkAt(_line, open), Value = value.ToString(), IsQuoted = true };
        }

        /// <summary>Only spaces and a comment may follow a value on its line.</summary>
        private void EndOfLine(int position, int end)
        {
            int start = position;
            SkipSpaces(ref position, end);
            if (position == end) return;
            if (text[position] == '#' && position > start) return;
            throw Decline;
        }

        private void SkipSpaces(ref int position, int end)
        {
            while (position < end && text[position] == ' ') position++;
        }

        /// <summary>Whether <paramref name="key"/> is among the keys before it (a hashed set once a mapping grows).</summary>
        private static bool IsDuplicate(List<KeyValuePair<ScalarNode, Node>> entries, string key, ref HashSet<string>? seen)
        {
            if (seen is null && entries.Count < 16)
            {
                foreach (var e in entries)
                    if (e.Key.Value == key) return true;
                return false;
            }
            if (seen is null)
            {
                seen = new HashSet<string>(entries.Count * 2, StringComparer.Ordinal);
                foreach (var e in entries) seen.Add(e.Key.Value);
            }
            return !seen.Add(key);
        }

        private static long Size(List<KeyValuePair<ScalarNode, Node>> entries)
        {
            long size = 1;
            foreach (var e in entries) size += 1 + e.Value.ExpandedSize;
            return size;
        }
    }
}
