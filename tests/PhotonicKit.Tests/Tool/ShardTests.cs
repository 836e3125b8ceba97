using System.Diagnostics;
using System.Text.Json.Nodes;
using CsCheck;
using PhotonicKit.Circuit.Running;

namespace PhotonicKit.Tests.Tool;

/// <summary>
/// Sharded runs (docs/cluster.md): <c>run --shard I/N</c> parts joined by <c>merge</c> give the unsharded run's
/// document byte for byte, whatever the shard count and the order of the parts; the merge refuses parts of other
/// runs, duplicates and missing shards, naming each; <c>slurm</c> writes scripts that do the same under a job array.
/// </summary>
public sealed class ShardTests : IDisposable
{
    private readonly ToolHarness _tool = new();

    public void Dispose() => _tool.Dispose();

    /// <summary>
    /// Every way a run divides: a sweep whose inner analysis warns at some values only (g2 with no light on one
    /// detector at couplings 0 and 1), analyses computed whole (with and without warnings), direct-sampling draws, and a
    /// sweep of sweeps whose inner warnings are grouped twice.
    /// </summary>
    private const string Netlist = """
        photonickit: 1
        name: shard-check
        wavelength_nm: 930
        instances:
          a: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 0.9, repetition_rate_mhz: 80}}
          bs: beam_splitter
          d0: detector
          d1: detector
          c: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 0.8, repetition_rate_mhz: 80}}
          e: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 0.8, repetition_rate_mhz: 80}}
          bs2: beam_splitter
          d2: {component: detector, settings: {resolution: pnr}}
          d3: detector
        connections:
          "a,right": "bs,in0"
          "bs,out0": "d0,in"
          "bs,out1": "d1,in"
          "c,right": "bs2,in0"
          "e,right": "bs2,in1"
          "bs2,out0": "d2,in"
          "bs2,out1": "d3,in"
        ports: {in: "bs,in1"}
        analyses:
          - type: sweep
            parameter: bs.coupling
            values: [0, 0.25, 0.5, 1, 0.75, 0, 0.3]
            analysis: {type: g2, source: a, detectors: [d0, d1]}
          - {type: source, source: a}
          - {type: photon_statistics, sources: [c, e], detectors: [d2, d3], distribution: false, samples: 37, seed: 3}
          - type: sweep
            parameter: a.beta
            values: {start: 0.5, stop: 0.9, points: 5}
            analysis:
              type: sweep
              parameter: bs.coupling
              values: [0, 0.5]
              analysis: {type: transmission, from: [in]}
          - {type: transmission, from: [in]}
        """;

    private (string File, byte[] Whole) WholeRun()
    {
        string file = _tool.Write("run.yaml", Netlist);
        var (code, _, err) = _tool.Run("run", file, "--json", _tool.PathOf("whole.json"), "--quiet");
        Assert.True(code == 0, err);
        return (file, File.ReadAllBytes(_tool.PathOf("whole.json")));
    }

    private List<string> Parts(string file, int n, params string[] extra)
    {
        var parts = new List<string>();
        for (int i = 1; i <= n; i++)
        {
            string part = _tool.PathOf($"part-{n}-{i}.json");
            var (code, _, err) = _tool.Run(["run", file, "--shard", $"{i}/{n}", "--json", part, "--quiet", .. extra]);
            Assert.True(code == 0, err);
            parts.Add(part);
        }
        return parts;
    }

    [Fact]
    public void MergedPartsAreTheUnshardedDocumentByteForByteForAnyShardCountAndPartOrder()
    {
        var (file, whole) = WholeRun();
        string text = File.ReadAllText(_tool.PathOf("whole.json"));
        // The run is one that exercises the merge: warnings found at some values of a sweep only, and nested.
        Assert.Contains("(at bs.coupling = 0, 1, 0)", text);
        Assert.Contains("(at all 5 values of a.beta)", text);
        foreach (int n in new[] { 1, 2, 3, 4, 7, 9 })
        {
            var parts = Parts(file, n);
            string merged = _tool.PathOf($"merged-{n}.json");
            var (code, _, err) = _tool.Run(["merge", .. parts, "--json", merged, "--quiet"]);
            Assert.True(code == 0, err);
            Assert.Equal(whole, File.ReadAllBytes(merged));
            parts.Reverse();
            (code, _, err) = _tool.Run(["merge", .. parts, "--json", merged, "--quiet"]);
            Assert.True(code == 0, err);
            Assert.Equal(whole, File.ReadAllBytes(merged));
        }
    }

    [Fact]
    public void APartRecordsTheRequestItsShardAndTheValuesItCovers()
    {
        var (file, _) = WholeRun();
        var parts = Parts(file, 3, "--set", "a.beta=0.8");
        var part = JsonNode.Parse(File.ReadAllText(parts[1]))!.AsObject();
        Assert.Equal(RunRequest.HashOf(Netlist), (string?)part["request"]!["sha256"]);
        Assert.Equal("a.beta=0.8", (string?)part["request"]!["set"]![0]);
        Assert.Equal(2, (int)part["shard"]!["index"]!);
        Assert.Equal(3, (int)part["shard"]!["count"]!);
        // Shard 2 of 3 holds values 3–4 of the first sweep (0.5 and 1), draws 13–24, and the second analysis computed
        // whole (analyses[4]; the first, analyses[1], is shard 1's).
        var pieces = part["pieces"]!.AsArray();
        var sweep = pieces.Single(p => (int)p!["analysis"]! == 0)!;
        Assert.Equal((2, 2), ((int)sweep["first"]!, (int)sweep["count"]!));
        Assert.Equal([0.5, 1.0], sweep["values"]!.AsArray().Select(v => (double)v!));
        var draws = pieces.Single(p => (int)p!["analysis"]! == 2)!;
        Assert.Equal((12, 12), ((int)draws["first"]!, (int)draws["count"]!));
        Assert.Equal(12, draws["result"]!["samples"]!.AsArray().Count);
        Assert.Contains(pieces, p => (string?)p!["key"] == "analyses[4]");
        Assert.DoesNotContain(pieces, p => (string?)p!["key"] == "analyses[1]");
    }

    [Fact]
    public void MergeWritesTheReportWithTheSchematicWhenTheNetlistIsThere()
    {
        var (file, _) = WholeRun();
        var parts = Parts(file, 2);
        var (code, _, err) = _tool.Run(["merge", .. parts, "--html", _tool.PathOf("report.html")]);
        Assert.True(code == 0, err);
        string html = File.ReadAllText(_tool.PathOf("report.html"));
        Assert.Contains("<h2>Circuit</h2>", html);
        Assert.Contains("<svg", html);

        // Without the netlist, the report is written without the schematic, and a warning says why.
        File.Delete(file);
        (code, _, err) = _tool.Run(["merge", .. parts, "--html", _tool.PathOf("report2.html")]);
        Assert.Equal(0, code);
        Assert.Contains("the report has no schematic", err);
        Assert.DoesNotContain("<h2>Circuit</h2>", File.ReadAllText(_tool.PathOf("report2.html")));
    }

    [Fact]
    public void MergeRefusesMissingDuplicatedAndForeignPartsNamingEachAndWritesNothing()
    {
        var (file, _) = WholeRun();
        var parts = Parts(file, 4);
        string output = _tool.PathOf("out.json");

        var (code, _, err) = _tool.Run("merge", parts[0], parts[1], parts[3], "--json", output);
        Assert.Equal(1, code);
        Assert.Contains("shard 3/4 is missing", err);

        (code, _, err) = _tool.Run("merge", parts[0], parts[1], parts[1], parts[2], parts[3], "--json", output);
        Assert.Equal(1, code);
        Assert.Contains("shard 2/4 is given twice", err);

        // Another --set, another netlist text, another shard count, another path to the same netlist.
        string other = _tool.PathOf("other.json");
        Assert.Equal(0, _tool.Run("run", file, "--shard", "3/4", "--json", other, "--quiet", "--set", "a.beta=0.5").Code);
        (code, _, err) = _tool.Run("merge", parts[0], parts[1], other, parts[3], "--json", output);
        Assert.Equal(1, code);
        Assert.Contains($"{other}: error: part: not a part of the same run: it has another --set overrides: [\"a.beta=0.5\"]", err);

        string edited = _tool.Write("edited.yaml", Netlist + "\n# edited\n");
        Assert.Equal(0, _tool.Run("run", edited, "--shard", "3/4", "--json", other, "--quiet").Code);
        (code, _, err) = _tool.Run("merge", parts[0], parts[1], other, parts[3], "--json", output);
        Assert.Equal(1, code);
        Assert.Contains("has another netlist text (SHA-256)", err);

        Assert.Equal(0, _tool.Run("run", file, "--shard", "3/5", "--json", other, "--quiet").Code);
        (code, _, err) = _tool.Run("merge", parts[0], parts[1], other, parts[3], "--json", output);
        Assert.Equal(1, code);
        Assert.Contains("is shard 3/5", err);

        string copy = _tool.Write("copy.yaml", Netlist);
        Assert.Equal(0, _tool.Run("run", copy, "--shard", "3/4", "--json", other, "--quiet").Code);
        (code, _, err) = _tool.Run("merge", parts[0], parts[1], other, parts[3], "--json", output);
        Assert.Equal(1, code);
        Assert.Contains("has another netlist path", err);
        Assert.Contains("run every shard with the same one", err);

        // Not parts at all, and a missing file: all reported in one run.
        string notPart = _tool.Write("not-a-part.json", "{\"photonickit\": 1}");
        string notJson = _tool.Write("not-json.json", "{");
        (code, _, err) = _tool.Run("merge", parts[0], notPart, notJson, _tool.PathOf("gone.json"), "--json", output);
        Assert.Equal(1, code);
        Assert.Contains($"{notPart}: error: part: not a part of a sharded run", err);
        Assert.Contains($"{notJson}: error: part: not JSON", err);
        Assert.Contains("gone.json: error: part: cannot read the part: no such file", err);

        // A part whose pieces were tampered with to overlap its neighbour's.
        var tampered = JsonNode.Parse(File.ReadAllText(parts[2]))!.AsObject();
        tampered["pieces"]![0]!["first"] = (int)tampered["pieces"]![0]!["first"]! - 1;
        string bad = _tool.Write("tampered.json", tampered.ToJsonString());
        (code, _, err) = _tool.Run("merge", parts[0], parts[1], bad, parts[3], "--json", output);
        Assert.Equal(1, code);
        Assert.Contains("the parts do not cover this analysis once", err);

        Assert.False(File.Exists(output));
        Assert.DoesNotContain("internal error", err);
    }

    /// <summary>
    /// Parts changed at random (a key removed, a value replaced by one of another kind or an extreme one, the text cut
    /// short) never break the merge: exit 0 or 1, every line of stderr a diagnostic, and on exit 0 a document without
    /// NaN or Infinity.
    /// </summary>
    [Fact]
    public void MutatedPartsAreRefusedWithDiagnosticsNeverAnInternalError()
    {
        var (file, _) = WholeRun();
        var parts = Parts(file, 3);
        var texts = parts.Select(File.ReadAllText).ToArray();
        var random = new Random(17);
        JsonNode?[] replacements = [null, "x", 0, -1, 1e308, -5e-324, 2147483648.0, true, new JsonArray(), new JsonObject(), new JsonArray(1, "a")];
        var line = new System.Text.RegularExpressions.Regex(@"^[^\n:]+(:\d+:\d+)?: (error|warning): ");
        for (int trial = 0; trial < 300; trial++)
        {
            int which = random.Next(3);
            string mutated;
            if (trial % 10 == 9) mutated = texts[which][..random.Next(texts[which].Length)];
            else
            {
                var root = JsonNode.Parse(texts[which])!;
                var nodes = new List<JsonNode>();
                void Walk(JsonNode? n)
                {
                    if (n is null) return;
                    nodes.Add(n);
                    if (n is JsonObject o) foreach (var (_, v) in o.ToList()) Walk(v);
                    if (n is JsonArray a) foreach (var v in a.ToList()) Walk(v);
                }
                Walk(root);
                var target = nodes[1 + random.Next(nodes.Count - 1)];
                var parent = target.Parent!;
                var replacement = replacements[random.Next(replacements.Length)]?.DeepClone();
                if (parent is JsonObject po)
                {
                    string key = po.First(kv => ReferenceEquals(kv.Value, target)).Key;
                    if (random.Next(3) == 0) po.Remove(key);
                    else po[key] = replacement;
                }
                else if (parent is JsonArray pa)
                {
                    int index = pa.IndexOf(target);
                    if (random.Next(3) == 0) pa.RemoveAt(index);
                    else pa[index] = replacement;
                }
                mutated = root.ToJsonString();
            }
            string path = _tool.Write($"mutated-{which + 1}.json", mutated);
            var given = parts.Select((p, k) => k == which ? path : p).ToArray();
            string output = _tool.PathOf("mutated-out.json");
            var (code, _, err) = _tool.Run(["merge", .. given, "--json", output, "--quiet"]);
            Assert.True(code is 0 or 1, $"exit {code} for {mutated}\n{err}");
            foreach (var l in err.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                Assert.True(line.IsMatch(l), $"not a diagnostic: {l}");
            if (code == 0)
            {
                string text = File.ReadAllText(output);
                Assert.DoesNotContain("NaN", text);
                Assert.DoesNotContain("Infinity", text);
                File.Delete(output);
            }
            else Assert.False(File.Exists(output));
        }
    }

    [Theory]
    [InlineData("0/4", "shard 0 of 4 is out of range")]
    [InlineData("5/4", "shard 5 of 4 is out of range")]
    [InlineData("1/0", "0 shards is out of range")]
    [InlineData("x", "'x' is not a shard: expected I/N")]
    [InlineData("1/2/3", "'1/2/3' is not a shard")]
    public void AShardThatIsNotOneIsAnErrorNamingTheOption(string shard, string message)
    {
        string file = _tool.Write("run.yaml", Netlist);
        var (code, _, err) = _tool.Run("run", file, "--shard", shard, "--json", _tool.PathOf("p.json"));
        Assert.Equal(1, code);
        Assert.Contains($"error: --shard: {message}", err);
        Assert.False(File.Exists(_tool.PathOf("p.json")));
    }

    [Fact]
    public void AShardNeedsJsonAndHasNoReport()
    {
        string file = _tool.Write("run.yaml", Netlist);
        var (code, _, err) = _tool.Run("run", file, "--shard", "1/2", "--html", _tool.PathOf("r.html"));
        Assert.Equal(1, code);
        Assert.Contains("error: --shard: a shard writes its part of the results to --json", err);
        Assert.Contains("error: --html: a shard has no report of its own", err);
    }

    [Fact]
    public void ShardRangesPartitionTheItemsInOrderWithSizesDifferingByAtMostOne()
    {
        Gen.Select(Gen.Int[0, 5000], Gen.Int[1, 300]).Sample((items, n) =>
        {
            int next = 0, smallest = int.MaxValue, largest = 0;
            for (int i = 1; i <= n; i++)
            {
                var (first, count) = new ShardSpec(i, n).Range(items);
                if (first != next || count < 0) return false;
                next += count;
                smallest = Math.Min(smallest, count);
                largest = Math.Max(largest, count);
            }
            return next == items && largest - smallest <= 1;
        });
    }

    /// <summary>The written scripts run as Slurm would run them (one task per SLURM_ARRAY_TASK_ID, then the merge) and
    /// give the unsharded document; submit.sh submits the array and a merge that waits for it with afterok.</summary>
    [Fact]
    public void SlurmScriptsRunTheShardsAndTheMergeAndSubmitTheMergeAfterTheArray()
    {
        if (OperatingSystem.IsWindows()) return;
        var (file, whole) = WholeRun();
        string tool = Path.Combine(AppContext.BaseDirectory, "photonickit");
        string dir = _tool.PathOf("job");
        var (code, output, err) = _tool.Run("slurm", file, "--shards", "3", "--dir", dir, "--tool", tool, "--partition", "short", "--time", "00:10:00", "--cpus", "2");
        Assert.True(code == 0, err);
        Assert.Contains("Submit with: bash", output);
        string shards = File.ReadAllText(Path.Combine(dir, "shards.sbatch"));
        Assert.Contains("#SBATCH --array=1-3", shards);
        Assert.Contains("#SBATCH --partition=short", shards);
        Assert.Contains("#SBATCH --time=00:10:00", shards);
        Assert.Contains("#SBATCH --cpus-per-task=2", shards);
        Assert.Matches(@"#SBATCH --mem=\d+M", shards);

        for (int i = 1; i <= 3; i++)
            Assert.Equal(0, Bash(Path.Combine(dir, "shards.sbatch"), new() { ["SLURM_ARRAY_TASK_ID"] = i.ToString() }).Code);
        var merge = Bash(Path.Combine(dir, "merge.sbatch"), []);
        Assert.True(merge.Code == 0, merge.Err);
        Assert.Equal(whole, File.ReadAllBytes(Path.Combine(dir, "results.json")));
        Assert.True(File.Exists(Path.Combine(dir, "results.html")));

        // A task that fails removes its old part, so the merge names its shard instead of using a stale one.
        File.WriteAllText(file, "photonickit: 1\nname: broken\n");
        Assert.NotEqual(0, Bash(Path.Combine(dir, "shards.sbatch"), new() { ["SLURM_ARRAY_TASK_ID"] = "2" }).Code);
        merge = Bash(Path.Combine(dir, "merge.sbatch"), []);
        Assert.Equal(1, merge.Code);
        Assert.Contains("part-2.json: error: part: cannot read the part: no such file", merge.Err);

        // submit.sh with a stand-in sbatch that records its arguments and answers job ids as --parsable does.
        string bin = Directory.CreateDirectory(_tool.PathOf("bin")).FullName;
        string log = _tool.PathOf("sbatch.log");
        File.WriteAllText(Path.Combine(bin, "sbatch"), $"#!/bin/bash\necho \"$*\" >> '{log}'\nn=$(wc -l < '{log}')\necho \"$((100 + n));cluster\"\n");
        File.SetUnixFileMode(Path.Combine(bin, "sbatch"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var submit = Bash(Path.Combine(dir, "submit.sh"), new() { ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH") });
        Assert.True(submit.Code == 0, submit.Err);
        var calls = File.ReadAllLines(log);
        Assert.Equal(2, calls.Length);
        Assert.Equal($"--parsable {Path.Combine(dir, "shards.sbatch")}", calls[0]);
        Assert.Equal($"--parsable --dependency=afterok:101 --kill-on-invalid-dep=yes {Path.Combine(dir, "merge.sbatch")}", calls[1]);
        Assert.Contains("shards: job 101 (3 array tasks); merge: job 102", submit.Out);
    }

    [Fact]
    public void SlurmChecksTheNetlistAndItsOwnOptionsBeforeWritingAnything()
    {
        string file = _tool.Write("bad.yaml", Netlist.Replace("beta: 0.9", "beta: 1.9"));
        string dir = _tool.PathOf("job");
        var (code, _, err) = _tool.Run("slurm", file, "--shards", "0", "--dir", dir, "--time", "1 hour", "--tool", _tool.PathOf("nothing"));
        Assert.Equal(1, code);
        Assert.Contains("error: --shards: 0 shards is out of range", err);
        Assert.Contains("error: --time: '1 hour' is not a Slurm value", err);
        Assert.Contains("error: --tool:", err);
        Assert.Contains("instances.a.settings.beta", err);
        Assert.False(Directory.Exists(dir));

        // A folder whose path an #SBATCH line cannot carry.
        string good0 = _tool.Write("good0.yaml", Netlist);
        (code, _, err) = _tool.Run("slurm", good0, "--shards", "2", "--dir", _tool.PathOf("my jobs"));
        Assert.Equal(1, code);
        Assert.Contains("error: --dir:", err);
        Assert.False(Directory.Exists(_tool.PathOf("my jobs")));

        // More shards than pieces of work: a warning names the shards that get none.
        string good = _tool.Write("good.yaml", Netlist);
        (code, _, err) = _tool.Run("slurm", good, "--shards", "40", "--dir", dir);
        Assert.Equal(0, code);
        Assert.Contains("warning: --shards: 2 of the 40 shards get no work (shards 14, 27)", err);
    }

    private static (int Code, string Out, string Err) Bash(string script, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var err = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, err.Result);
    }
}
