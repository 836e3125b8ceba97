using System.Text.Json.Nodes;
using PhotonicKit.Circuit;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Running;
using PhotonicKit.Components;
using PhotonicKit.Reporting;

namespace PhotonicKit.Tool;

/// <summary>
/// <c>photonickit merge PART… [--json OUT] [--html OUT]</c>: joins the parts of a sharded run into the document the
/// unsharded run writes (byte-identical), and its report. Every part is read and checked before anything is written.
/// </summary>
internal sealed class MergeCommand(ToolConsole console)
{
    /// <summary>Largest part file read, bytes (1 GiB: a .NET string holds about 2³⁰ characters); a part holds at most its shard's results.</summary>
    public const long MaxPartBytes = 1L << 30;

    public int Run(string[] parts, string? jsonPath, string? htmlPath, bool quiet)
    {
        var bag = new DiagnosticBag("merge");
        var runner = new RunCommand(console);
        if (parts.Length == 0) bag.Error(SourceMark.None, "PART", "no parts given: expected the part files written by 'photonickit run FILE --shard I/N --json PART'");
        var texts = new List<(string Name, string Text)>();
        foreach (var path in parts)
        {
            string? problem = FileKinds.Of(path) switch
            {
                FileKind.Missing => "cannot read the part: no such file (did its shard fail? run it again)",
                FileKind.Directory => "cannot read the part: it is a directory, expected a file",
                FileKind.Regular => null,
                _ => "cannot read the part: expected a regular file",
            };
            if (problem is null)
            {
                try
                {
                    long length = new FileInfo(path).Length;
                    if (length > MaxPartBytes) problem = $"the part is {length / (1 << 20)} MB, more than a part can be ({MaxPartBytes >> 20} MB)";
                    else texts.Add((path, File.ReadAllText(path)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    problem = $"cannot read the part: {e.Message}";
                }
            }
            if (problem is not null) bag.AddRange([new Diagnostic(Severity.Error, path, SourceMark.None, "part", problem)]);
        }

        using var outputs = new OutputSet();
        var targets = new List<(string Full, string Key)>();
        foreach (var (path, key) in new[] { (jsonPath, "--json"), (htmlPath, "--html") })
        {
            if (path is null) continue;
            string? clash = parts.Any(p => RunCommand.SameFile(path, p)) ? "one of the parts being merged"
                : targets.Where(t => RunCommand.SameFile(path, t.Full)).Select(t => $"the {t.Key} output").FirstOrDefault();
            if (clash is not null)
            {
                bag.Error(SourceMark.None, key, $"cannot write '{path}': it is {clash}; give another file");
                continue;
            }
            if (path.Length > 0) targets.Add((path, key));
            if (!outputs.TryAdd(key, path, out string? p)) bag.Error(SourceMark.None, key, p!);
        }
        if (htmlPath is not null && NativeBuild.IsNative) bag.Error(SourceMark.None, "--html", NativeBuild.NoHtmlReport);
        // The parts that could be read are checked even when others could not, so every problem is reported at once.
        RunResult? result = texts.Count == 0 ? null : ShardMerge.Merge(texts, bag);
        if (result is null || bag.HasErrors)
        {
            runner.Report(DiagnosticGrouping.Alike(bag.All), quiet);
            return ExitCodes.Input;
        }

        var contents = new List<string>();
        if (jsonPath is not null) contents.Add(result.ToJson());
        if (htmlPath is not null)
        {
            var circuit = CircuitOf(texts[0].Text, runner, out string? why);
            if (circuit is null && !quiet) console.Error.WriteLine(new Diagnostic(Severity.Warning, "merge", SourceMark.None, "--html", $"the report has no schematic: {why}"));
            contents.Add(HtmlReport.Render(result.Document, circuit));
        }
        try
        {
            outputs.CommitAll(contents);
        }
        catch (OutputException e)
        {
            console.Error.WriteLine(new Diagnostic(Severity.Error, "merge", SourceMark.None, e.Key, e.Message));
            return ExitCodes.Input;
        }
        runner.Report(result.Warnings, quiet);
        if (!quiet) Summary.Write(console.Out, result.Document);
        return ExitCodes.Success;
    }

    /// <summary>
    /// The run's circuit, for the report's schematic: the netlist the parts name, read again with their options when
    /// it is still there with the same text (and <c>--models</c> file); null and why otherwise.
    /// </summary>
    private static FlatCircuit? CircuitOf(string partText, RunCommand runner, out string? why)
    {
        why = null;
        try
        {
            var request = JsonNode.Parse(partText)!["request"]!.AsObject();
            string? file = (string?)request["file"];
            if (!runner.ReadInput(file, out string text, out string fileName, quietly: true))
            {
                why = $"the netlist '{file}' cannot be read here";
                return null;
            }
            if (RunRequest.HashOf(text) != (string?)request["sha256"])
            {
                why = $"the netlist '{file}' has changed since the parts were computed";
                return null;
            }
            string? models = (string?)request["models"];
            if (models is not null && (FileKinds.Of(models) is not FileKind.Regular || RunRequest.HashOf(File.ReadAllBytes(models)) != (string?)request["models_sha256"]))
            {
                why = $"the --models file '{models}' is not here or has changed";
                return null;
            }
            var bag = new DiagnosticBag(fileName);
            var read = RunCommand.ReadOptions((string?)request["from"], (double?)request["wavelength_nm"], (string?)request["sweep"], models, bag);
            var set = request["set"]!.AsArray().Select(x => (string)x!).ToArray();
            var prepared = read is null ? null : NetlistRunner.Prepare(text, fileName, set, (bool)request["strict"]!, bag, read);
            if (prepared is null) why = $"the netlist '{file}' does not load here";
            return prepared?.Circuit;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException or NullReferenceException)
        {
            why = "the parts' request cannot be read back";
            return null;
        }
    }
}
