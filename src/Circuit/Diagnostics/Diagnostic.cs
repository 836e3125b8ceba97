namespace PhotonicKit.Circuit.Diagnostics;

/// <summary>A position in a netlist file (1-based line and column).</summary>
public readonly record struct SourceMark(int Line, int Column)
{
    /// <summary>No position (for problems not tied to a place in a file).</summary>
    public static SourceMark None => new(0, 0);

    /// <summary>True for a real position.</summary>
    public bool IsKnown => Line > 0;
}

/// <summary>Whether a diagnostic stops the run.</summary>
public enum Severity
{
    /// <summary>Invalid input: nothing is computed, exit code 1.</summary>
    Error,
    /// <summary>Questionable but valid input; <c>--strict</c> makes some of these errors.</summary>
    Warning,
}

/// <summary>
/// One problem found in a netlist or a request, printed as <c>FILE:LINE:COL: error: KEY: message</c>
/// (spec §6). <see cref="Key"/> names the key, instance or port (e.g. <c>instances.bs.settings.coupling</c>
/// or <c>bs,in1</c>).
/// </summary>
public sealed record Diagnostic(Severity Severity, string File, SourceMark Mark, string Key, string Message)
{
    /// <summary>The line as printed on stderr and stored in the results' <c>warnings</c>: always one line, control
    /// characters from the input (a newline in a <c>--set</c> value or a quoted key) written as escapes.</summary>
    public override string ToString()
    {
        string where = Mark.IsKnown ? $"{OneLine(File)}:{Mark.Line}:{Mark.Column}" : OneLine(File);
        string level = Severity == Severity.Error ? "error" : "warning";
        return string.IsNullOrEmpty(Key) ? $"{where}: {level}: {OneLine(Message)}" : $"{where}: {level}: {OneLine(Key)}: {OneLine(Message)}";
    }

    /// <summary><paramref name="text"/> with control characters written as escapes (<c>\n</c>, <c>\r</c>, <c>\t</c>,
    /// <c>\u001b</c>), so that a diagnostic is one line and cannot move the terminal's cursor.</summary>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029')) return text;
        var b = new System.Text.StringBuilder(text.Length + 8);
        foreach (char c in text)
            b.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return b.ToString();
    }
}

/// <summary>Warnings reported as one line per kind (spec §6: stderr and the results' <c>warnings</c> hold the same lines).</summary>
public static class DiagnosticGrouping
{
    /// <summary>How many warnings with one message, at different keys, make one line.</summary>
    public const int GroupFrom = 3;

    /// <summary>How many of the other keys a grouped line names.</summary>
    public const int KeysShown = 3;

    /// <summary>
    /// <paramref name="diagnostics"/> with every warning whose message (in the same file) is found at
    /// <see cref="GroupFrom"/> or more keys written once, at the first key, with the count and the first few other
    /// keys: <c>bs1,in2: unconnected port, treated as a matched load (and 11 more alike: bs2,in2; bs3,in2; bs4,in2; …)</c>.
    /// Errors are kept one per line (each needs its own fix). Order is that of first appearance; applying it twice
    /// gives the same lines.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Alike(IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var list = diagnostics as IReadOnlyList<Diagnostic> ?? diagnostics.ToList();
        var keysOf = new Dictionary<(string File, string Message), List<Diagnostic>>();
        foreach (var d in list)
        {
            if (d.Severity != Severity.Warning) continue;
            if (!keysOf.TryGetValue((d.File, d.Message), out var same)) keysOf[(d.File, d.Message)] = same = [];
            if (!same.Any(x => x.Key == d.Key)) same.Add(d);
        }
        if (keysOf.Values.All(g => g.Count < GroupFrom)) return list;
        var result = new List<Diagnostic>(list.Count);
        var written = new HashSet<(string, string)>();
        foreach (var d in list)
        {
            if (d.Severity != Severity.Warning || keysOf[(d.File, d.Message)] is not { Count: >= GroupFrom } same)
            {
                result.Add(d);
                continue;
            }
            if (!written.Add((d.File, d.Message))) continue;
            var others = same.Skip(1).Select(x => OneKey(x.Key)).ToList();
            string shown = string.Join("; ", others.Take(KeysShown)) + (others.Count > KeysShown ? "; …" : "");
            result.Add(d with { Message = $"{d.Message} (and {others.Count} more alike: {shown})" });
        }
        return result;
    }

    private static string OneKey(string key) => key.Length == 0 ? "(file)" : key;
}

/// <summary>Collects every problem of one load or run, so all are reported at once.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>Creates a bag for problems in <paramref name="file"/> (the name printed in front of each).</summary>
    public DiagnosticBag(string file) => File = file;

    /// <summary>The file name printed in front of each diagnostic.</summary>
    public string File { get; }

    /// <summary>Every diagnostic, in the order found.</summary>
    public IReadOnlyList<Diagnostic> All => _items;

    /// <summary>The errors.</summary>
    public IEnumerable<Diagnostic> Errors => _items.Where(d => d.Severity == Severity.Error);

    /// <summary>The warnings.</summary>
    public IEnumerable<Diagnostic> Warnings => _items.Where(d => d.Severity == Severity.Warning);

    /// <summary>True when any error was recorded.</summary>
    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);

    /// <summary>Records an error.</summary>
    public void Error(SourceMark mark, string key, string message) => _items.Add(new Diagnostic(Severity.Error, File, mark, key, message));

    /// <summary>Records a warning.</summary>
    public void Warning(SourceMark mark, string key, string message) => _items.Add(new Diagnostic(Severity.Warning, File, mark, key, message));

    /// <summary>Adds diagnostics found elsewhere.</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);
}

/// <summary>Thrown when input is invalid; carries every diagnostic (exit code 1 in the tool).</summary>
public sealed class NetlistException : Exception
{
    /// <summary>Creates the exception from the diagnostics found.</summary>
    public NetlistException(IReadOnlyList<Diagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics.Where(d => d.Severity == Severity.Error)))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every diagnostic (errors and the warnings found with them).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
