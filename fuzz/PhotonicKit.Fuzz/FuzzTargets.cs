using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Running;
using PhotonicKit.Components;

namespace PhotonicKit.Fuzz;

/// <summary>A property of the tool that an input broke: the fuzzer records the input as a crash.</summary>
public sealed class FuzzFailure(string message) : Exception(message);

/// <summary>
/// The properties the fuzzer checks on any bytes (docs/robustness.md): the loader never throws (every problem is a
/// diagnostic), and <c>photonickit run</c> exits 0 or 1 — never 2, never a crash — with every line of stderr in the
/// form <c>FILE[:LINE:COL]: error|warning: …</c> and no NaN or Infinity in the results. The same targets replay
/// the regression inputs in the tests.
/// </summary>
public static partial class FuzzTargets
{
    /// <summary>Largest input the <c>run</c> target computes: the fuzzer's budget per input stays small.</summary>
    public const int MaxRunInputBytes = 16 * 1024;

    /// <summary>Largest estimated memory of a run the <c>run</c> target computes (64 MB): bigger requests are
    /// valid but too slow for a fuzzing budget of a few milliseconds per input.</summary>
    public const long MaxRunBytes = 64L * 1024 * 1024;

    [GeneratedRegex(@"^[^\s:]+(:\d+:\d+)?: (error|warning): |^internal error: ")]
    private static partial Regex DiagnosticLine();

    /// <summary>The loader: decode, parse, validate and flatten. Any exception is a failure.</summary>
    public static void Load(ReadOnlySpan<byte> data)
    {
        var bag = new DiagnosticBag("fuzz.yaml");
        if (NetlistText.Decode(data, bag) is not { } text) return;
        // A netlist of another tool (SAX, gdsfactory) has no wavelength: give it one, so that its translation is loaded too.
        var document = NetlistLoader.Load(text, "fuzz.yaml", bag, read: Foreign(text) ? new NetlistReadOptions(WavelengthNm: 1550) : null);
        if (document is not null && bag.HasErrors) throw new FuzzFailure("a document was returned with errors");
        foreach (var d in bag.All)
            if (d.ToString().Contains('\n')) throw new FuzzFailure($"a diagnostic spans lines: {d}");
    }

    /// <summary><c>photonickit run FILE</c> in-process on the input written to a scratch file: exit 0 or 1 only.</summary>
    public static void Run(ReadOnlySpan<byte> data)
    {
        if (data.Length > MaxRunInputBytes) return;
        var bag = new DiagnosticBag("fuzz.yaml");
        if (NetlistText.Decode(data, bag) is not { } text) return;
        // Too heavy for the budget (but valid): the budgets themselves are tested elsewhere.
        var prepared = NetlistRunner.Prepare(text, "fuzz.yaml", [], strict: false, bag, Foreign(text) ? new NetlistReadOptions(WavelengthNm: 1550) : null);
        if (prepared is not null && prepared.EstimatedBytes > MaxRunBytes) return;

        // A folder per call: property tests run this target on several threads.
        string dir = Path.Combine(Path.GetTempPath(), "photonickit-fuzz", Path.GetRandomFileName());
        Directory.CreateDirectory(dir);
        try
        {
            Check(data, dir);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Text without PhotonicKit's own version key: read as another tool's netlist, which has no wavelength.</summary>
    private static bool Foreign(string text) => !text.Contains("photonickit", StringComparison.Ordinal);

    private static void Check(ReadOnlySpan<byte> data, string dir)
    {
        string file = Path.Combine(dir, "fuzz.yaml"), json = Path.Combine(dir, "out.json");
        File.WriteAllBytes(file, data.ToArray());
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] args = Foreign(System.Text.Encoding.UTF8.GetString(data)) ? ["run", file, "--json", json, "--wavelength-nm", "1550"] : ["run", file, "--json", json];
        int code = Tool.Program.Invoke(args, stdout, stderr);
        string err = stderr.ToString();
        if (code is not (0 or 1)) throw new FuzzFailure($"exit {code}:\n{err}");
        foreach (var line in err.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            if (!DiagnosticLine().IsMatch(line)) throw new FuzzFailure($"a line of stderr is not a diagnostic: {line}");
        if (code == 1)
        {
            if (File.Exists(json)) throw new FuzzFailure("exit 1 left an output file");
            if (!err.Contains(": error: ", StringComparison.Ordinal)) throw new FuzzFailure($"exit 1 without an error:\n{err}");
            return;
        }
        string results = File.ReadAllText(json);
        if (results.Contains("NaN", StringComparison.Ordinal) || results.Contains("Infinity", StringComparison.Ordinal))
            throw new FuzzFailure("NaN or Infinity in the results");
        _ = JsonNode.Parse(results) ?? throw new FuzzFailure("the results are not JSON");
    }

    /// <summary>An AFL dictionary of the format's words: keys, component and setting names, analysis types.</summary>
    public static IEnumerable<string> Dictionary()
    {
        var words = new SortedSet<string>(StringComparer.Ordinal)
        {
            "photonickit", "name", "wavelength_nm", "sweep", "start_nm", "stop_nm", "points", "models", "instances",
            "component", "settings", "connections", "nets", "p1", "p2", "ports", "analyses", "type", "from", "to",
            "source", "sources", "detectors", "parameter", "values", "start", "stop", "analysis", "delay_ps",
            "max_photons", "pattern", "max_patterns", "samples", "seed", "marginals", "distribution",
            "transmission", "smatrix", "efficiency", "hom", "g2", "photon_statistics", "figures",
            "true", "false", "null", "~", ".nan", ".inf", "1e308", "5e-324", "-0", "<<", "&a", "*a", "---", "{", "}", "[", "]", ",", ": ", "\"",
        };
        foreach (var model in ComponentRegistry.BuiltIn.All)
        {
            words.Add(model.Name);
            foreach (var s in model.Settings)
            {
                words.Add(s.Name);
                foreach (var c in s.Choices ?? []) words.Add(c);
            }
        }
        int i = 0;
        foreach (var w in words)
            yield return $"w{i++}=\"{w.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
    }
}
