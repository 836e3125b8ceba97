using System.Globalization;
using PhotonicKit.Circuit.Diagnostics;

namespace PhotonicKit.Circuit.Netlist;

/// <summary>
/// A node of a parsed netlist document (YAML or JSON), with its position, so that every later check can name
/// the line and column. Built by the netlist parser; read by validation and by the analyses' own parsers.
/// </summary>
public abstract class Node
{
    /// <summary>Where the node starts.</summary>
    public required SourceMark Mark { get; init; }

    /// <summary>Nodes this one stands for with every alias inside it written out (itself included; 1 for a
    /// scalar): set by the parser as it reads lists and mappings, to refuse alias bombs.</summary>
    internal long ExpandedSize { get; set; } = 1;

    /// <summary>A short word for the node's kind in messages: "number", "text", "mapping", "list", "null", "boolean".</summary>
    public abstract string KindText { get; }
}

/// <summary>A scalar as written. <see cref="IsQuoted"/> distinguishes <c>"1.0"</c> (text) from <c>1.0</c> (number).</summary>
public sealed class ScalarNode : Node
{
    /// <summary>The text of the scalar.</summary>
    public required string Value { get; init; }

    /// <summary>True for a single- or double-quoted scalar (or a block scalar): never a number.</summary>
    public bool IsQuoted { get; init; }

    /// <summary>True for a plain scalar that YAML reads as null (<c>null</c>, <c>~</c>, empty).</summary>
    public bool IsNull => !IsQuoted && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>True for a plain YAML boolean.</summary>
    public bool IsBoolean => !IsQuoted && Value is "true" or "false" or "True" or "False" or "TRUE" or "FALSE";

    /// <summary>A plain scalar that reads as a finite number (YAML 1.2 core schema; no .nan, .inf).</summary>
    public bool TryGetNumber(out double value)
    {
        value = 0;
        if (IsQuoted || IsNull || IsBoolean) return false;
        if (Value.Length == 0) return false;
        if (!double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return false;
        return double.IsFinite(value);
    }

    /// <summary>A plain scalar that spells a non-finite number (<c>.nan</c>, <c>.inf</c>, <c>-.inf</c>, …).</summary>
    public bool IsNonFiniteNumber =>
        !IsQuoted && Value.ToLowerInvariant() is ".nan" or ".inf" or "+.inf" or "-.inf" or "nan" or "inf" or "-inf" or "infinity" or "-infinity";

    /// <inheritdoc/>
    public override string KindText =>
        IsNull ? "null" : IsBoolean ? "boolean" : TryGetNumber(out _) ? "number" : IsQuoted ? "quoted text" : "text";

    /// <inheritdoc/>
    public override string ToString() => IsQuoted ? $"\"{Value}\"" : Value;
}

/// <summary>A mapping, keys in file order (duplicates are rejected by the parser).</summary>
public sealed class MappingNode : Node
{
    /// <summary>The entries in file order.</summary>
    public required IReadOnlyList<KeyValuePair<ScalarNode, Node>> Entries { get; init; }

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public Node? this[string key] => Entries.FirstOrDefault(e => e.Key.Value == key).Value;

    /// <summary>The key node of <paramref name="key"/>, or null.</summary>
    public ScalarNode? KeyNode(string key) => Entries.FirstOrDefault(e => e.Key.Value == key).Key;

    /// <inheritdoc/>
    public override string KindText => "mapping";
}

/// <summary>A list.</summary>
public sealed class SequenceNode : Node
{
    /// <summary>The items in order.</summary>
    public required IReadOnlyList<Node> Items { get; init; }

    /// <inheritdoc/>
    public override string KindText => "list";
}
