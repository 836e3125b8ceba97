using System.Reflection;
using PhotonicKit.Circuit.Analyses;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Running;
using PhotonicKit.Components;
using PhotonicKit.Reporting;

namespace PhotonicKit.Tool;

/// <summary>Options of <c>photonickit run</c>.</summary>
internal sealed record RunOptions(string? File, string? JsonPath, string? HtmlPath, string[] Set, bool Strict, bool Quiet,
    string? From = null, double? WavelengthNm = null, string? Sweep = null, string? Models = null, string? Shard = null);

/// <summary><c>run</c> and <c>validate</c>: every check first, then the computation, then atomic outputs.</summary>
internal sealed class RunCommand(ToolConsole console)
{
    /// <summary>Name of the bundled default example, as diagnostics print it.</summary>
    public const string DefaultExampleName = "default-example.yaml";

    public int Run(RunOptions options)
    {
        if (!ReadInput(options.File, out string text, out string fileName)) return ExitCodes.Input;
        var bag = new DiagnosticBag(fileName);
        var read = ReadOptions(options.From, options.WavelengthNm, options.Sweep, options.Models, bag);
        var prepared = read is null ? null : NetlistRunner.Prepare(text, fileName, options.Set, options.Strict, bag, read);

        using var outputs = new OutputSet();
        var targets = new List<(string Full, string Key)>();
        foreach (var (path, key) in new[] { (options.JsonPath, "--json"), (options.HtmlPath, "--html") })
        {
            if (path is null) continue;
            // Never replace the netlist being run, nor write both reports to one file.
            string? clash = SameFile(path, options.File) ? "the netlist being run" : targets.Where(t => SameFile(path, t.Full)).Select(t => $"the {t.Key} output").FirstOrDefault();
            if (clash is not null)
            {
                bag.Error(SourceMark.None, key, $"cannot write '{path}': it is {clash}; give another file");
                continue;
            }
            if (path.Length > 0) targets.Add((path, key));
            if (!outputs.TryAdd(key, path, out string? problem)) bag.Error(SourceMark.None, key, problem!);
        }
        if (options.HtmlPath is not null && NativeBuild.IsNative) bag.Error(SourceMark.None, "--html", NativeBuild.NoHtmlReport);
        ShardSpec? shard = null;
        if (options.Shard is not null)
        {
            shard = ShardSpec.Parse(options.Shard, out string? problem);
            if (shard is null) bag.Error(SourceMark.None, "--shard", problem!);
            if (options.JsonPath is null)
                bag.Error(SourceMark.None, "--shard", "a shard writes its part of the results to --json: give --json PART.json, and join the parts with 'photonickit merge'");
            if (options.HtmlPath is not null)
                bag.Error(SourceMark.None, "--html", "a shard has no report of its own: give --html to 'photonickit merge', which writes the whole run's report");
        }
        if (prepared is null || bag.HasErrors)
        {
            Report(DiagnosticGrouping.Alike(bag.All), options.Quiet);
            return ExitCodes.Input;
        }
        if (shard is ShardSpec spec) return RunShard(options, prepared, spec, Request(options, text), outputs, fileName);
        Report(prepared.Warnings, options.Quiet);
        int printed = prepared.Warnings.Count;

        RunResult result;
        try
        {
            result = ProgressDisplay.Run(console, console.ErrorIsTerminal && !options.Quiet, () => prepared.Execute());
        }
        catch (AnalysisException e)
        {
            console.Error.WriteLine(new Diagnostic(Severity.Error, fileName, e.Mark, e.KeyPath, e.Message));
            return ExitCodes.Input;
        }
        Report(result.Warnings.Skip(printed), options.Quiet);

        // Render everything, then write every file, before replacing any: a failure leaves every target untouched.
        var contents = new List<string>();
        if (options.JsonPath is not null) contents.Add(result.ToJson());
        if (options.HtmlPath is not null) contents.Add(HtmlReport.Render(result.Document, prepared.Circuit));
        try
        {
            outputs.CommitAll(contents);
        }
        catch (OutputException e)
        {
            console.Error.WriteLine(new Diagnostic(Severity.Error, fileName, SourceMark.None, e.Key, e.Message));
            return ExitCodes.Input;
        }
        if (!options.Quiet) Summary.Write(console.Out, result.Document);
        return ExitCodes.Success;
    }

    /// <summary>The request a run records in its parts: the netlist's hash and the options that change results.</summary>
    internal static RunRequest Request(RunOptions options, string text) => new(options.File, RunRequest.HashOf(text), options.Set, options.Strict,
        options.From, options.WavelengthNm, options.Sweep, options.Models, options.Models is { } m && FileKinds.Of(m) is FileKind.Regular ? RunRequest.HashOf(File.ReadAllBytes(m)) : null);

    /// <summary><c>run FILE --shard I/N --json PART</c>: this shard's work, written as its part.</summary>
    private int RunShard(RunOptions options, PreparedRun prepared, ShardSpec shard, RunRequest request, OutputSet outputs, string fileName)
    {
        ShardRun part;
        try
        {
            part = ProgressDisplay.Run(console, console.ErrorIsTerminal && !options.Quiet, () => prepared.ExecuteShard(shard, request));
        }
        catch (AnalysisException e)
        {
            Report(prepared.Warnings, options.Quiet);
            console.Error.WriteLine(new Diagnostic(Severity.Error, fileName, e.Mark, e.KeyPath, e.Message));
            return ExitCodes.Input;
        }
        Report(part.Warnings, options.Quiet);
        try
        {
            outputs.CommitAll([part.ToJson()]);
        }
        catch (OutputException e)
        {
            console.Error.WriteLine(new Diagnostic(Severity.Error, fileName, SourceMark.None, e.Key, e.Message));
            return ExitCodes.Input;
        }
        if (!options.Quiet)
        {
            console.Out.WriteLine($"PhotonicKit {NetlistRunner.Version} — {prepared.Document.Name}, shard {shard}: part written to {options.JsonPath}");
            if (part.Covered.Count == 0) console.Out.WriteLine("  no work falls to this shard (the run divides into fewer pieces than shards); its part says so to the merge");
            foreach (var line in part.Covered) console.Out.WriteLine($"  {line}");
        }
        return ExitCodes.Success;
    }

    public int Validate(string file, bool strict, string? from = null, double? wavelengthNm = null, string? sweep = null, string? models = null)
    {
        if (!ReadInput(file, out string text, out string fileName)) return ExitCodes.Input;
        var bag = new DiagnosticBag(fileName);
        var read = ReadOptions(from, wavelengthNm, sweep, models, bag);
        var prepared = read is null ? null : NetlistRunner.Prepare(text, fileName, [], strict, bag, read);
        Report(DiagnosticGrouping.Alike(bag.All), quiet: false);
        if (prepared is null || bag.HasErrors) return ExitCodes.Input;
        console.Out.WriteLine($"{fileName}: valid ({prepared.Circuit.Instances.Count} instances, {prepared.Circuit.ExternalPorts.Count} external ports, {prepared.Analyses.Count} analyses)");
        return ExitCodes.Success;
    }

    /// <summary><c>export FILE --to sax</c>: the flattened circuit as a SAX netlist (JSON), on stdout or in <paramref name="output"/>.</summary>
    public int Export(string file, string to, string? output, string[] set, string? from, double? wavelengthNm, string? sweep, string? models = null)
    {
        if (!ReadInput(file, out string text, out string fileName)) return ExitCodes.Input;
        var bag = new DiagnosticBag(fileName);
        if (to != "sax")
            bag.Error(SourceMark.None, "--to", $"'{to}' is not a format export writes: expected sax{Suggestions.Hint(to, ["sax"])}");
        using var outputs = new OutputSet();
        if (output is not null)
        {
            if (SameFile(output, file)) bag.Error(SourceMark.None, "--output", $"cannot write '{output}': it is the netlist being exported; give another file");
            else if (!outputs.TryAdd("--output", output, out string? problem)) bag.Error(SourceMark.None, "--output", problem!);
        }
        var read = ReadOptions(from, wavelengthNm, sweep, models, bag);
        var prepared = read is null || bag.HasErrors ? null : NetlistRunner.Prepare(text, fileName, set, strict: false, bag, read);
        var netlist = prepared is null ? null : SaxExport.Export(prepared.Document, bag);
        Report(DiagnosticGrouping.Alike(bag.All), quiet: false);
        if (netlist is null || bag.HasErrors) return ExitCodes.Input;
        string json = netlist.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
        if (output is null)
        {
            console.Out.Write(json);
            return ExitCodes.Success;
        }
        try
        {
            outputs.CommitAll([json]);
        }
        catch (OutputException e)
        {
            console.Error.WriteLine(new Diagnostic(Severity.Error, fileName, SourceMark.None, e.Key, e.Message));
            return ExitCodes.Input;
        }
        return ExitCodes.Success;
    }

    /// <summary>The file's format and wavelengths from <c>--from</c>, <c>--wavelength-nm</c> and <c>--sweep</c>; null (with the
    /// errors in <paramref name="bag"/>) when one of them is not valid.</summary>
    internal static NetlistReadOptions? ReadOptions(string? from, double? wavelengthNm, string? sweep, string? models, DiagnosticBag bag)
    {
        bool ok = true;
        CellMap? map = null;
        if (models is not null)
        {
            map = CellMap.Load(models, bag);
            ok &= map is not null;
        }
        NetlistFormat? format = null;
        if (from is not null)
        {
            format = from switch
            {
                "photonickit" => NetlistFormat.PhotonicKit,
                "sax" => NetlistFormat.Sax,
                "gdsfactory" => NetlistFormat.Gdsfactory,
                _ => null,
            };
            if (format is null)
            {
                bag.Error(SourceMark.None, "--from", $"'{from}' is not a netlist format: expected photonickit, sax or gdsfactory{Suggestions.Hint(from, ["photonickit", "sax", "gdsfactory"])}");
                ok = false;
            }
        }
        if (wavelengthNm is double w && !(w > 0 && double.IsFinite(w)))
        {
            bag.Error(SourceMark.None, "--wavelength-nm", $"{w.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} nm is out of range: expected a wavelength > 0 nm");
            ok = false;
        }
        SweepOverride? grid = null;
        if (sweep is not null)
        {
            grid = SweepOverride.Parse(sweep, out string? problem);
            if (grid is null)
            {
                bag.Error(SourceMark.None, "--sweep", problem!);
                ok = false;
            }
        }
        return ok ? new NetlistReadOptions(format, wavelengthNm, grid, map) : null;
    }

    /// <summary>True when both paths name the same file (compared as full paths).</summary>
    internal static bool SameFile(string path, string? other)
    {
        if (other is null || path.Length == 0 || other.Length == 0) return false;
        try
        {
            return string.Equals(Path.GetFullPath(path), Path.GetFullPath(other), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }

    /// <summary>Errors first, then warnings (unless quiet), as given: lists that also go into results are grouped where
    /// they are made (<see cref="DiagnosticGrouping.Alike"/>), so that stderr and the results hold the same lines.</summary>
    internal void Report(IEnumerable<Diagnostic> diagnostics, bool quiet)
    {
        var list = diagnostics.ToList();
        foreach (var d in list.Where(d => d.Severity == Severity.Error)) console.Error.WriteLine(d);
        if (!quiet)
            foreach (var d in list.Where(d => d.Severity == Severity.Warning)) console.Error.WriteLine(d);
    }

    internal bool ReadInput(string? file, out string text, out string fileName, bool quietly = false)
    {
        if (file is null)
        {
            fileName = DefaultExampleName;
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PhotonicKit.Tool.default-example.yaml")
                ?? throw new InvalidOperationException("the bundled default example is missing from the tool");
            using var reader = new StreamReader(stream);
            text = reader.ReadToEnd();
            return true;
        }
        fileName = file;
        text = "";
        string ext = Path.GetExtension(file).ToLowerInvariant();
        if (ext is not (".yaml" or ".yml" or ".json"))
        {
            if (!quietly) console.Error.WriteLine($"{file}: error: expected a netlist file ending in .yaml, .yml or .json");
            return false;
        }
        if (Directory.Exists(file))
        {
            if (!quietly) console.Error.WriteLine($"{file}: error: cannot read the netlist: it is a directory, expected a file");
            return false;
        }
        var bag = new DiagnosticBag(file);
        if (NetlistText.ReadFile(file, bag) is not { } read)
        {
            if (!quietly) Report(DiagnosticGrouping.Alike(bag.All), quiet: false);
            return false;
        }
        text = read;
        return true;
    }
}
