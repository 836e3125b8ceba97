using System.Diagnostics;
using PhotonicKit.Tool;

namespace PhotonicKit.Tests.Tool;

/// <summary>
/// <c>--json</c>/<c>--html</c> replace only regular files (or create new ones), write every output before
/// replacing any, and report a full disk or a refused permission as exit 1 naming the path (spec §6).
/// </summary>
public class OutputSafetyTests
{
    private static (int Code, string Output) Shell(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    private static bool IsRoot => OperatingSystem.IsLinux() && Shell("id", "-u").Output.Trim() == "0";

    /// <summary>A tmpfs of <paramref name="kilobytes"/> KB mounted at a new folder of the harness (root only:
    /// nothing else can make a real full disk); unmounted when disposed.</summary>
    private sealed class SmallDisk : IDisposable
    {
        public SmallDisk(ToolHarness h, int kilobytes)
        {
            Path = h.PathOf("small");
            Directory.CreateDirectory(Path);
            var (code, output) = Shell("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", Path);
            Mounted = code == 0;
            Problem = output;
        }

        public string Path { get; }

        public bool Mounted { get; }

        public string Problem { get; }

        public void Dispose()
        {
            if (Mounted) Shell("umount", Path);
        }
    }

    private static string Mzi(ToolHarness h) =>
        h.Write("mzi.yaml", Netlists.Mzi(analyses: "  - {type: transmission, from: [in0], to: [out0, out1], sweep: {start_nm: 1540, stop_nm: 1560, points: 2001}}"));

    [SkippableFact]
    public void FullDiskForTheSecondOutputLeavesTheFirstUntouched()
    {
        // The original fault: `--json a.json --html b.html` on a nearly full disk replaced a.json, then exited 2.
        // 400 KB: the results (about 250 KB) fit, the HTML report with its embedded plotly.js (about 4 MB) does not.
        Skip.IfNot(IsRoot, "mounting a small tmpfs needs root");
        using var h = new ToolHarness();
        using var disk = new SmallDisk(h, 400);
        Skip.IfNot(disk.Mounted, $"mount refused: {disk.Problem}");
        string json = System.IO.Path.Combine(disk.Path, "a.json");
        File.WriteAllText(json, "previous");
        var (code, output, err) = h.Run("run", Mzi(h), "--json", json, "--html", System.IO.Path.Combine(disk.Path, "b.html"));
        Assert.Equal(1, code);
        Assert.Matches(@"mzi\.yaml: error: --html: cannot write '[^']*small/b\.html': no space left on the device \([\d.]+ MB to write\); no output was replaced", err);
        Assert.DoesNotContain("internal error", err);
        Assert.Equal("", output);
        Assert.Equal("previous", File.ReadAllText(json));
        Assert.Equal(["a.json"], Directory.GetFiles(disk.Path).Select(System.IO.Path.GetFileName));
    }

    [SkippableFact]
    public void FullDiskIsAnUnwritableOutputNotAnInternalError()
    {
        Skip.IfNot(IsRoot, "mounting a small tmpfs needs root");
        using var h = new ToolHarness();
        using var disk = new SmallDisk(h, 64);
        Skip.IfNot(disk.Mounted, $"mount refused: {disk.Problem}");
        var (code, _, err) = h.Run("run", Mzi(h), "--json", System.IO.Path.Combine(disk.Path, "a.json"));
        Assert.Equal(1, code);
        Assert.Contains("error: --json: cannot write", err);
        Assert.Contains("small/a.json': no space left on the device", err);
        Assert.Empty(Directory.GetFiles(disk.Path));
    }

    [Fact]
    public void WriteFailureOfAnyOutputReplacesNone()
    {
        // The same fault without a real disk: the second temporary file fails as a full disk does (ENOSPC).
        using var h = new ToolHarness();
        string first = h.Write("a.json", "previous a");
        string second = h.Write("b.html", "previous b");
        var outputs = new OutputSet(path => path.Contains("b.html", StringComparison.Ordinal)
            ? throw new IOException("No space left on device", 28)
            : new FileStream(path, FileMode.Truncate, FileAccess.Write));
        Assert.True(outputs.TryAdd("--json", first, out var p1), p1);
        Assert.True(outputs.TryAdd("--html", second, out var p2), p2);
        var e = Assert.Throws<OutputException>(() => outputs.CommitAll(["new a", "new b"]));
        outputs.Dispose();
        Assert.Equal("--html", e.Key);
        Assert.Contains($"cannot write '{second}': no space left on the device (5 bytes to write); no output was replaced", e.Message);
        Assert.Equal("previous a", File.ReadAllText(first));
        Assert.Equal("previous b", File.ReadAllText(second));
        Assert.Equal(2, Directory.GetFiles(h.Directory).Length);
    }

    [Fact]
    public void BothOutputsAreReplacedTogetherAndNoTemporaryFileRemains()
    {
        using var h = new ToolHarness();
        string json = h.Write("a.json", "previous");
        string html = h.PathOf("b.html");
        var (code, _, err) = h.Run("run", Mzi(h), "--json", json, "--html", html, "--quiet");
        Assert.True(code == 0, err);
        Assert.StartsWith("{", File.ReadAllText(json));
        Assert.Contains("<html", File.ReadAllText(html), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Directory.GetFiles(h.Directory, "*.tmp"));
    }

    [SkippableFact]
    public void CharacterDeviceIsRefusedBeforeWorkAndKept()
    {
        // The original fault: as root, `--json /dev/full` exited 0 and turned the device into a regular file
        // (so `--json /dev/null` would have destroyed /dev/null). A copy of /dev/full's node is used here.
        Skip.IfNot(IsRoot, "mknod needs root");
        using var h = new ToolHarness();
        string device = h.PathOf("full");
        Assert.Equal(0, Shell("mknod", device, "c", "1", "7").Code);
        var (code, output, err) = h.Run("run", Mzi(h), "--json", device);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains($"mzi.yaml: error: --json: cannot write '{device}': it is a character device: only a regular file (or a new path) is replaced", err);
        Assert.StartsWith("c", Shell("stat", "-c", "%A", device).Output);
    }

    [SkippableFact]
    public void FifoIsRefusedBeforeWorkAndKept()
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "named pipes are made with mkfifo");
        using var h = new ToolHarness();
        string fifo = h.PathOf("pipe.json");
        Assert.Equal(0, Shell("mkfifo", fifo).Code);
        var (code, output, err) = h.Run("run", Mzi(h), "--html", fifo);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains($"error: --html: cannot write '{fifo}': it is a FIFO (named pipe): only a regular file (or a new path) is replaced", err);
        Assert.StartsWith("p", Shell("stat", "-c", "%A", fifo).Output);
    }

    [Fact]
    public void SymbolicLinkIsRefusedAndNeitherItNorItsTargetIsReplaced()
    {
        using var h = new ToolHarness();
        string target = h.Write("real.json", "previous");
        string link = h.PathOf("link.json");
        File.CreateSymbolicLink(link, target);
        var (code, _, err) = h.Run("run", Mzi(h), "--json", link);
        Assert.Equal(1, code);
        Assert.Contains($"error: --json: cannot write '{link}': it is a symbolic link to '{target}': only a regular file (or a new path) is replaced; give the file it points to", err);
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal("previous", File.ReadAllText(target));
    }

    [Fact]
    public void DirectoryAndReadOnlyFileAreRefused()
    {
        using var h = new ToolHarness();
        string dir = h.PathOf("out.json");
        Directory.CreateDirectory(dir);
        string readOnly = h.Write("ro.json", "keep");
        File.SetAttributes(readOnly, FileAttributes.ReadOnly);
        var (code, _, err) = h.Run("run", Mzi(h), "--json", dir, "--html", readOnly);
        Assert.Equal(1, code);
        Assert.Contains($"--json: cannot write '{dir}': it is a directory: only a regular file (or a new path) is replaced", err);
        Assert.Contains($"--html: cannot write '{readOnly}': it is read-only: permission denied", err);
        Assert.Equal("keep", File.ReadAllText(readOnly));
    }

    [SkippableFact]
    public void ReadOnlyFileSystemIsRefusedBeforeWork()
    {
        Skip.IfNot(IsRoot, "mounting a read-only tmpfs needs root");
        using var h = new ToolHarness();
        string path = h.PathOf("ro");
        Directory.CreateDirectory(path);
        var (mounted, problem) = Shell("mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", path);
        Skip.IfNot(mounted == 0, $"mount refused: {problem}");
        try
        {
            var (code, output, err) = h.Run("run", Mzi(h), "--json", Path.Combine(path, "a.json"));
            Assert.Equal(1, code);
            Assert.Equal("", output);
            Assert.Contains($"--json: cannot write '{Path.Combine(path, "a.json")}': no new file can be created in '{path}'", err);
        }
        finally
        {
            Shell("umount", path);
        }
    }
}
