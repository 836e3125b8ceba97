using System.Diagnostics;
using System.Globalization;
using System.Text;
using PhotonicKit.Circuit.Analyses;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Running;
using PhotonicKit.Components;

namespace PhotonicKit.Tool;

/// <summary>Options of <c>photonickit slurm</c>: the run's own options and the cluster's.</summary>
internal sealed record SlurmOptions(RunOptions Run, int Shards, string? Directory, string? Partition, string? Time, string? Memory, int? Cpus, bool Submit, string? Tool = null);

/// <summary>
/// <c>photonickit slurm FILE --shards N</c>: checks the netlist as <c>run</c> does, then writes a Slurm job array of
/// the N shards (<c>shards.sbatch</c>), a merge job (<c>merge.sbatch</c>) and <c>submit.sh</c>, which submits the
/// array and the merge with <c>--dependency=afterok</c> on it; <c>--submit</c> runs <c>submit.sh</c>.
/// </summary>
internal sealed class SlurmCommand(ToolConsole console)
{
    /// <summary>Memory the runtime needs beside the run's own estimate, MiB.</summary>
    public const int RuntimeMiB = 512;

    public int Run(SlurmOptions options)
    {
        var runner = new RunCommand(console);
        var run = options.Run;
        if (!runner.ReadInput(run.File, out string text, out string fileName)) return ExitCodes.Input;
        var bag = new DiagnosticBag(fileName);
        if (options.Shards is < 1 or > ShardSpec.MaxCount)
            bag.Error(SourceMark.None, "--shards", $"{options.Shards} shards is out of range: expected 1 to {ShardSpec.MaxCount.ToString("N0", CultureInfo.InvariantCulture)}");
        if (options.Cpus is int c && c < 1) bag.Error(SourceMark.None, "--cpus", $"{c} CPUs is out of range: expected at least 1");
        foreach (var (value, key) in new[] { (options.Partition, "--partition"), (options.Time, "--time"), (options.Memory, "--mem") })
            if (value is not null && (value.Length == 0 || value.Any(ch => char.IsWhiteSpace(ch) || char.IsControl(ch) || ch is '\'' or '"' or '\\' or '$' or '`')))
                bag.Error(SourceMark.None, key, $"'{value}' is not a Slurm value: expected one word without spaces or quotes (e.g. {Example(key)})");
        if (options.Tool is { } t && FileKinds.Of(t) is not FileKind.Regular)
            bag.Error(SourceMark.None, "--tool", $"'{t}' is not a file: expected the photonickit executable the jobs run");
        if (run.File is null) bag.Error(SourceMark.None, "FILE", "give the netlist to run on the cluster (the jobs read it from there)");
        var read = RunCommand.ReadOptions(run.From, run.WavelengthNm, run.Sweep, run.Models, bag);
        var prepared = read is null ? null : NetlistRunner.Prepare(text, fileName, run.Set, run.Strict, bag, read);
        runner.Report(DiagnosticGrouping.Alike(bag.All), quiet: false);
        if (prepared is null || bag.HasErrors) return ExitCodes.Input;

        string file = Path.GetFullPath(run.File!);
        string dir = Path.GetFullPath(options.Directory ?? Path.GetFileNameWithoutExtension(file) + ".slurm");
        // #SBATCH lines are not a shell: a path there cannot be quoted reliably, and % starts a file-name pattern.
        if (dir.Any(ch => char.IsWhiteSpace(ch) || char.IsControl(ch) || ch is '"' or '\'' or '%' or '\\'))
        {
            console.Error.WriteLine(new Diagnostic(Severity.Error, fileName, SourceMark.None, "--dir",
                $"'{dir}' holds a space, quote or %, which the #SBATCH --output lines of the scripts cannot carry: give a folder without them (--dir)"));
            return ExitCodes.Input;
        }
        var inv = CultureInfo.InvariantCulture;
        int n = options.Shards;
        var empty = Enumerable.Range(1, n).Where(i => new ShardSpec(i, n).Share(prepared.Analyses).All(x => x.Count == 0)).ToList();
        if (empty.Count > 0)
            console.Error.WriteLine(new Diagnostic(Severity.Warning, fileName, SourceMark.None, "--shards",
                $"{empty.Count} of the {n} shards get no work ({Describe(empty)}): the run divides into {Pieces(prepared.Analyses).ToString(inv)} pieces (sweep values, draws, whole analyses); they still write a part"));

        string[] command = options.Tool is { } tool ? [Path.GetFullPath(tool)] : Executable();
        var forwarded = new List<string>();
        foreach (var s in run.Set) forwarded.AddRange(["--set", s]);
        if (run.Strict) forwarded.Add("--strict");
        if (run.From is not null) forwarded.AddRange(["--from", run.From]);
        if (run.WavelengthNm is double w) forwarded.AddRange(["--wavelength-nm", w.ToString("R", inv)]);
        if (run.Sweep is not null) forwarded.AddRange(["--sweep", run.Sweep]);
        if (run.Models is not null) forwarded.AddRange(["--models", Path.GetFullPath(run.Models)]);
        // Each task checks the run against 75 % of the memory .NET sees, and under a Slurm memory limit (cgroups) .NET sees
        // 75 % of that limit: the limit must be at least the estimate / 0.5625, plus the runtime.
        long mib = (long)Math.Ceiling(prepared.EstimatedBytes / (NetlistRunner.MemoryShareLimit * 0.75) / (1 << 20)) + RuntimeMiB;
        string memory = options.Memory ?? $"{Math.Max(1024, mib).ToString(inv)}M";
        string name = JobName(prepared.Document.Name);

        var header = new StringBuilder();
        void Directives(string jobName, string output)
        {
            header.Append("#SBATCH --job-name=").Append(jobName).Append('\n');
            header.Append("#SBATCH --output=").Append(output).Append('\n');
            header.Append("#SBATCH --mem=").Append(memory).Append('\n');
            if (options.Cpus is int cpus) header.Append("#SBATCH --cpus-per-task=").Append(cpus.ToString(inv)).Append('\n');
            if (options.Partition is not null) header.Append("#SBATCH --partition=").Append(options.Partition).Append('\n');
            if (options.Time is not null) header.Append("#SBATCH --time=").Append(options.Time).Append('\n');
        }
        string memoryNote = options.Memory is null
            ? $"# --mem: PhotonicKit's estimate for the whole run ({SolveSizeEstimate.FormatBytes(prepared.EstimatedBytes)}) over the share of a memory limit a task may use (75 % of the 75 % .NET sees), plus {RuntimeMiB} MiB for the runtime.\n"
            : "";

        header.Append("#!/bin/bash\n");
        header.Append($"# PhotonicKit {NetlistRunner.Version}: the {n} shards of {Comment(file)}, one per array task.\n");
        header.Append("# Written by 'photonickit slurm'; submit.sh submits it with the merge job. Each task writes part-I.json;\n");
        header.Append("# a task that fails leaves no part, and the merge names its shard.\n");
        header.Append(memoryNote);
        Directives(name, Path.Combine(dir, "logs", "shard-%a.log"));
        header.Append($"#SBATCH --array=1-{n.ToString(inv)}\n");
        header.Append("set -euo pipefail\n");
        header.Append($"part={Quote(Path.Combine(dir, "part-"))}\"${{SLURM_ARRAY_TASK_ID}}.json\"\n");
        header.Append("rm -f \"$part\"\n");
        header.Append("exec ").Append(string.Join(' ', command.Select(Quote))).Append(" run ").Append(Quote(file))
            .Append($" --shard \"${{SLURM_ARRAY_TASK_ID}}/{n.ToString(inv)}\" --json \"$part\"");
        foreach (var f in forwarded) header.Append(' ').Append(Quote(f));
        header.Append('\n');
        string shards = header.ToString();

        header.Clear();
        header.Append("#!/bin/bash\n");
        header.Append($"# PhotonicKit {NetlistRunner.Version}: joins the {n} parts of {Comment(file)} into results.json and results.html,\n");
        header.Append("# byte-identical to the unsharded run's --json. submit.sh starts it once every shard has succeeded (afterok).\n");
        header.Append(memoryNote);
        Directives(name + "-merge", Path.Combine(dir, "logs", "merge.log"));
        header.Append("set -euo pipefail\n");
        header.Append("parts=()\n");
        header.Append($"for i in $(seq 1 {n.ToString(inv)}); do parts+=({Quote(Path.Combine(dir, "part-"))}\"$i.json\"); done\n");
        header.Append("exec ").Append(string.Join(' ', command.Select(Quote))).Append(" merge \"${parts[@]}\" --json ")
            .Append(Quote(Path.Combine(dir, "results.json"))).Append(" --html ").Append(Quote(Path.Combine(dir, "results.html"))).Append('\n');
        string merge = header.ToString();

        string submit =
            "#!/bin/bash\n" +
            $"# Submits the {n} shards of {Comment(file)} as a job array, and the merge to run once all of them have succeeded.\n" +
            "set -euo pipefail\n" +
            $"array=$(sbatch --parsable {Quote(Path.Combine(dir, "shards.sbatch"))})\n" +
            "array=${array%%;*}\n" +
            $"merge=$(sbatch --parsable --dependency=afterok:\"$array\" --kill-on-invalid-dep=yes {Quote(Path.Combine(dir, "merge.sbatch"))})\n" +
            "merge=${merge%%;*}\n" +
            $"echo \"shards: job $array ({n.ToString(inv)} array tasks); merge: job $merge, once every shard has succeeded\"\n" +
            $"echo \"results: {Comment(Path.Combine(dir, "results.json"))} and results.html; logs in {Comment(Path.Combine(dir, "logs"))}\"\n";

        try
        {
            System.IO.Directory.CreateDirectory(Path.Combine(dir, "logs"));
            foreach (var (fileNameOut, content) in new[] { ("shards.sbatch", shards), ("merge.sbatch", merge), ("submit.sh", submit) })
            {
                string path = Path.Combine(dir, fileNameOut);
                File.WriteAllText(path, content);
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine(new Diagnostic(Severity.Error, fileName, SourceMark.None, "--dir", $"cannot write the scripts in '{dir}': {e.Message}"));
            return ExitCodes.Input;
        }
        console.Out.WriteLine($"PhotonicKit {NetlistRunner.Version} — {prepared.Document.Name}: {n} shards, scripts in {dir}");
        console.Out.WriteLine($"  shards.sbatch  the job array: task I runs 'photonickit run --shard I/{n}' into part-I.json");
        console.Out.WriteLine("  merge.sbatch   joins the parts into results.json and results.html");
        console.Out.WriteLine("  submit.sh      submits both, the merge after every shard has succeeded (afterok)");
        if (!options.Submit)
        {
            console.Out.WriteLine($"Submit with: bash {Path.Combine(dir, "submit.sh")}");
            return ExitCodes.Success;
        }
        return Submit(Path.Combine(dir, "submit.sh"), fileName);
    }

    /// <summary>Runs <c>submit.sh</c> and relays its output; exit 1 with its error when <c>sbatch</c> fails or is missing.</summary>
    private int Submit(string script, string fileName)
    {
        if (!OnPath("sbatch"))
        {
            console.Error.WriteLine(new Diagnostic(Severity.Error, fileName, SourceMark.None, "--submit",
                $"sbatch is not on PATH, so nothing was submitted: run 'bash {script}' on a machine of the cluster"));
            return ExitCodes.Input;
        }
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        console.Out.Write(output);
        if (process.ExitCode == 0) return ExitCodes.Success;
        console.Error.WriteLine(new Diagnostic(Severity.Error, fileName, SourceMark.None, "--submit",
            $"submitting failed (exit {process.ExitCode}): {error.Result.Trim().ReplaceLineEndings(" ")}"));
        return ExitCodes.Input;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(d => File.Exists(Path.Combine(d, program)));

    private static long Pieces(IReadOnlyList<Analysis> analyses) => analyses.Sum(a => (long)a.SplitItems);

    private static string Describe(List<int> shards) =>
        shards.Count <= 5 ? "shard" + (shards.Count > 1 ? "s " : " ") + string.Join(", ", shards) : $"shards {shards[0]}, {shards[1]}, … {shards[^1]}";

    /// <summary>The command that runs this tool: its own executable, or <c>dotnet</c> with its assembly.</summary>
    private static string[] Executable()
    {
        string process = Environment.ProcessPath ?? "photonickit";
        string name = Path.GetFileNameWithoutExtension(process);
        // Under the dotnet host the tool is its assembly next to the host's arguments; a native build is one file.
        return name == "dotnet" ? [process, Path.Combine(AppContext.BaseDirectory, typeof(SlurmCommand).Assembly.GetName().Name + ".dll")] : [process];
    }

    private static string JobName(string name)
    {
        var sb = new StringBuilder("pk-");
        foreach (char ch in name)
            if (sb.Length < 40) sb.Append(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_');
        return sb.ToString();
    }

    private static string Example(string key) => key switch { "--partition" => "compute", "--time" => "02:00:00", _ => "4G" };

    /// <summary><paramref name="s"/> quoted for bash.</summary>
    internal static string Quote(string s) => "'" + s.Replace("'", "'\"'\"'") + "'";

    /// <summary><paramref name="s"/> safe inside a comment or an echo in double quotes.</summary>
    private static string Comment(string s) => new(s.Select(ch => char.IsControl(ch) || ch is '"' or '$' or '`' or '\\' ? '_' : ch).ToArray());
}
