using System.CommandLine;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;

namespace PhotonicKit.Tool;

/// <summary>The <c>photonickit</c> command: run, validate, export, merge, slurm, components (spec §6).</summary>
public static class Program
{
    /// <summary>Entry point: exit 0 on success, 1 for a problem with the input or request, 2 for an internal failure.</summary>
    public static int Main(string[] args) => Invoke(args, Console.Out, Console.Error, !Console.IsErrorRedirected);

    /// <summary>Runs the command line with the given streams (used by tests).</summary>
    public static int Invoke(string[] args, TextWriter stdout, TextWriter stderr, bool errorIsTerminal = false)
    {
        var console = new ToolConsole(stdout, stderr, errorIsTerminal);
        var root = new RootCommand("PhotonicKit: quantum-dot photonic circuits from netlist files.");

        var file = new Argument<string?>("FILE") { Description = "Netlist (.yaml, .yml, .json); without it, the bundled default example", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<string?>("--json") { Description = "Write the results document to this file" };
        var html = new Option<string?>("--html") { Description = "Write a self-contained HTML report to this file" };
        var set = new Option<string[]>("--set") { Description = "Override a setting: path.setting=value (repeatable)", DefaultValueFactory = _ => [] };
        var strict = new Option<bool>("--strict") { Description = "Treat unconnected ports as errors" };
        var quiet = new Option<bool>("--quiet") { Description = "Print only errors" };
        Option<string?> From() => new("--from") { Description = "Read the file as this format: photonickit, sax or gdsfactory (default: recognised from its keys)" };
        Option<double?> Wavelength() => new("--wavelength-nm") { Description = "The wavelength, nm, for a file without one (overrides a file's own)" };
        Option<string?> Sweep() => new("--sweep") { Description = "A wavelength grid START:STOP:POINTS, nm (overrides a file's own)" };
        Option<string?> Models() => new("--models") { Description = "A map of the cells of gdsfactory or SAX netlists to built-in components (YAML)" };
        var models = Models();
        var from = From();
        var wavelength = Wavelength();
        var sweep = Sweep();
        var shard = new Option<string?>("--shard") { Description = "Compute only shard I of N (I/N, from 1) into the part file given by --json; join the parts with 'merge'" };
        var run = new Command("run", "Check a netlist, compute its analyses, print a summary");
        run.Arguments.Add(file);
        run.Options.Add(json);
        run.Options.Add(html);
        run.Options.Add(set);
        run.Options.Add(strict);
        run.Options.Add(quiet);
        run.Options.Add(from);
        run.Options.Add(wavelength);
        run.Options.Add(sweep);
        run.Options.Add(models);
        run.Options.Add(shard);
        run.SetAction(pr => Guard(console, pr.GetValue(quiet), () => new RunCommand(console).Run(new RunOptions(
            pr.GetValue(file), pr.GetValue(json), pr.GetValue(html), pr.GetValue(set) ?? [], pr.GetValue(strict), pr.GetValue(quiet),
            pr.GetValue(from), pr.GetValue(wavelength), pr.GetValue(sweep), pr.GetValue(models), pr.GetValue(shard)))));

        var mergeParts = new Argument<string[]>("PART") { Description = "The part files of every shard (run FILE --shard I/N --json PART)", Arity = ArgumentArity.OneOrMore };
        var mergeJson = new Option<string?>("--json") { Description = "Write the whole run's results document (as run --json writes it) to this file" };
        var mergeHtml = new Option<string?>("--html") { Description = "Write the whole run's HTML report to this file" };
        var mergeQuiet = new Option<bool>("--quiet") { Description = "Print only errors" };
        var merge = new Command("merge", "Join the parts of a sharded run into its results; refuses parts of another run, duplicates and missing shards");
        merge.Arguments.Add(mergeParts);
        merge.Options.Add(mergeJson);
        merge.Options.Add(mergeHtml);
        merge.Options.Add(mergeQuiet);
        merge.SetAction(pr => Guard(console, pr.GetValue(mergeQuiet), () => new MergeCommand(console).Run(
            pr.GetValue(mergeParts) ?? [], pr.GetValue(mergeJson), pr.GetValue(mergeHtml), pr.GetValue(mergeQuiet))));

        var slurmFile = new Argument<string>("FILE") { Description = "Netlist to run on the cluster" };
        var slurmShards = new Option<int>("--shards") { Description = "Number of shards (array tasks)", Required = true };
        var slurmDir = new Option<string?>("--dir") { Description = "Folder for the scripts, parts, logs and results (default: FILE's name + .slurm)" };
        var slurmPartition = new Option<string?>("--partition") { Description = "Slurm partition" };
        var slurmTime = new Option<string?>("--time") { Description = "Time limit per task, as sbatch takes it (e.g. 02:00:00)" };
        var slurmMem = new Option<string?>("--mem") { Description = "Memory per task, as sbatch takes it (default: the run's estimate plus the runtime)" };
        var slurmCpus = new Option<int?>("--cpus") { Description = "CPUs per task" };
        var slurmTool = new Option<string?>("--tool") { Description = "The photonickit executable the jobs run (default: this one)" };
        var slurmSubmit = new Option<bool>("--submit") { Description = "Submit the array and the merge job with sbatch" };
        var slurmSet = new Option<string[]>("--set") { Description = "Override a setting: path.setting=value (repeatable)", DefaultValueFactory = _ => [] };
        var slurmStrict = new Option<bool>("--strict") { Description = "Treat unconnected ports as errors" };
        var slurmFrom = From();
        var slurmWavelength = Wavelength();
        var slurmSweep = Sweep();
        var slurmModels = Models();
        var slurm = new Command("slurm", "Write (and with --submit, submit) a Slurm job array of a run's shards and a merge job that waits for them");
        slurm.Arguments.Add(slurmFile);
        foreach (var o in new Option[] { slurmShards, slurmDir, slurmPartition, slurmTime, slurmMem, slurmCpus, slurmTool, slurmSubmit, slurmSet, slurmStrict, slurmFrom, slurmWavelength, slurmSweep, slurmModels })
            slurm.Options.Add(o);
        slurm.SetAction(pr => Guard(console, false, () => new SlurmCommand(console).Run(new SlurmOptions(
            new RunOptions(pr.GetValue(slurmFile), null, null, pr.GetValue(slurmSet) ?? [], pr.GetValue(slurmStrict), false,
                pr.GetValue(slurmFrom), pr.GetValue(slurmWavelength), pr.GetValue(slurmSweep), pr.GetValue(slurmModels)),
            pr.GetValue(slurmShards), pr.GetValue(slurmDir), pr.GetValue(slurmPartition), pr.GetValue(slurmTime), pr.GetValue(slurmMem),
            pr.GetValue(slurmCpus), pr.GetValue(slurmSubmit), pr.GetValue(slurmTool)))));

        var validateFile = new Argument<string>("FILE") { Description = "Netlist to check" };
        var validateStrict = new Option<bool>("--strict") { Description = "Treat unconnected ports as errors" };
        var validateFrom = From();
        var validateWavelength = Wavelength();
        var validateSweep = Sweep();
        var validateModels = Models();
        var validate = new Command("validate", "Run every check of 'run' without computing; exit 0 or 1");
        validate.Arguments.Add(validateFile);
        validate.Options.Add(validateStrict);
        validate.Options.Add(validateFrom);
        validate.Options.Add(validateWavelength);
        validate.Options.Add(validateSweep);
        validate.Options.Add(validateModels);
        validate.SetAction(pr => Guard(console, false, () => new RunCommand(console).Validate(pr.GetValue(validateFile)!, pr.GetValue(validateStrict),
            pr.GetValue(validateFrom), pr.GetValue(validateWavelength), pr.GetValue(validateSweep), pr.GetValue(validateModels))));

        var exportFile = new Argument<string>("FILE") { Description = "Netlist to export (any format run reads)" };
        var exportTo = new Option<string>("--to") { Description = "The format to write: sax", Required = true };
        var exportOutput = new Option<string?>("--output") { Description = "Write to this file instead of the standard output" };
        var exportSet = new Option<string[]>("--set") { Description = "Override a setting: path.setting=value (repeatable)", DefaultValueFactory = _ => [] };
        var exportFrom = From();
        var exportWavelength = Wavelength();
        var exportSweep = Sweep();
        var exportModels = Models();
        var export = new Command("export", "Write the flattened circuit in another tool's format (sax: a SAX netlist, JSON)");
        export.Arguments.Add(exportFile);
        export.Options.Add(exportTo);
        export.Options.Add(exportOutput);
        export.Options.Add(exportSet);
        export.Options.Add(exportFrom);
        export.Options.Add(exportWavelength);
        export.Options.Add(exportSweep);
        export.Options.Add(exportModels);
        export.SetAction(pr => Guard(console, false, () => new RunCommand(console).Export(pr.GetValue(exportFile)!, pr.GetValue(exportTo)!, pr.GetValue(exportOutput),
            pr.GetValue(exportSet) ?? [], pr.GetValue(exportFrom), pr.GetValue(exportWavelength), pr.GetValue(exportSweep), pr.GetValue(exportModels))));

        var componentsJson = new Option<bool>("--json") { Description = "List as JSON" };
        var componentNames = new Argument<string[]>("NAME") { Description = "Only these components (all when none is given)", Arity = ArgumentArity.ZeroOrMore };
        var components = new Command("components", "List the built-in components: ports, settings, units, defaults, ranges");
        components.Arguments.Add(componentNames);
        components.Options.Add(componentsJson);
        components.SetAction(pr => Guard(console, false, () => ComponentsCommand.Run(console, pr.GetValue(componentsJson), pr.GetValue(componentNames) ?? [])));

        root.Subcommands.Add(run);
        root.Subcommands.Add(validate);
        root.Subcommands.Add(export);
        root.Subcommands.Add(merge);
        root.Subcommands.Add(slurm);
        root.Subcommands.Add(components);

        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            var parsed = root.Parse(args);
            // Problems with the command line are input errors in the tool's one format (spec §6), not the parser's
            // own text and help page.
            if (parsed.Errors.Count > 0) return CommandLineErrors(console, parsed);
            return parsed.Invoke(config);
        }
        catch (Exception e)
        {
            return InternalError(console, e);
        }
    }

    /// <summary>Prints each problem of the command line as <c>photonickit: error: KEY: message</c> (KEY the
    /// unknown token, or the command), with the closest option as a suggestion; exit 1.</summary>
    private static int CommandLineErrors(ToolConsole console, ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        string name = command is RootCommand ? "photonickit" : $"photonickit {command.Name}";
        var options = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Append("--help").Distinct().ToList();
        var unmatched = parsed.UnmatchedTokens.ToList();
        foreach (var token in unmatched)
        {
            string what = token.StartsWith('-') ? "unknown option" : command is RootCommand ? "unknown command" : "unexpected argument";
            string hint = token.StartsWith('-')
                ? Suggestions.HintOrList(token, options, "options")
                : command is RootCommand ? Suggestions.HintOrList(token, command.Subcommands.Select(c => c.Name), "commands") : "";
            console.Error.WriteLine(new Diagnostic(Severity.Error, "photonickit", SourceMark.None, token, $"{what} for '{name}'{hint}"));
        }
        foreach (var error in parsed.Errors)
        {
            // Unmatched tokens are reported above, with a suggestion.
            if (unmatched.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal))) continue;
            console.Error.WriteLine(new Diagnostic(Severity.Error, "photonickit", SourceMark.None, name, error.Message.TrimEnd('.') + $" (see '{name} --help')"));
        }
        return ExitCodes.Input;
    }

    private static int Guard(ToolConsole console, bool quiet, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e)
        {
            return InternalError(console, e);
        }
    }

    private static int InternalError(ToolConsole console, Exception e)
    {
        console.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
        if (Environment.GetEnvironmentVariable("PHOTONICKIT_DEBUG") == "1") console.Error.WriteLine(e.ToString());
        return ExitCodes.Internal;
    }
}

/// <summary>Exit codes of spec §6.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;
    /// <summary>A problem with the user's input or request.</summary>
    public const int Input = 1;
    /// <summary>An internal failure.</summary>
    public const int Internal = 2;
}

/// <summary>The tool's streams: stdout for the summary and listings, stderr for errors, warnings and progress.</summary>
internal sealed class ToolConsole(TextWriter output, TextWriter error, bool errorIsTerminal)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Progress goes to stderr only when it is a terminal.</summary>
    public bool ErrorIsTerminal { get; } = errorIsTerminal;
}
