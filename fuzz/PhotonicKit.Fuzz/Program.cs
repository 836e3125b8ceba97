using SharpFuzz;

namespace PhotonicKit.Fuzz;

/// <summary>
/// The fuzzing harness (docs/robustness.md). <c>load</c> and <c>run</c> are AFL++ targets through SharpFuzz
/// (the assemblies instrumented by <c>sharpfuzz</c>, the harness started by <c>afl-fuzz</c>; fuzz/run.sh does
/// both); <c>replay FILE|DIR…</c> runs the targets on saved inputs without a fuzzer (exit 1 when any fails);
/// <c>dictionary</c> prints an AFL dictionary of the format's words.
/// </summary>
public static class Program
{
    /// <summary>Entry point: <c>load</c>, <c>run</c>, <c>replay TARGET PATH…</c> or <c>dictionary</c>.</summary>
    public static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "load":
                Fuzzer.OutOfProcess.Run(stream => FuzzTargets.Load(ReadAll(stream)));
                return 0;
            case "run":
                Fuzzer.OutOfProcess.Run(stream => FuzzTargets.Run(ReadAll(stream)));
                return 0;
            case "replay" when args.Length >= 3 && args[1] is "load" or "run":
                return Replay(args[1], args[2..]);
            case "dictionary":
                foreach (var line in FuzzTargets.Dictionary()) Console.WriteLine(line);
                return 0;
            default:
                Console.Error.WriteLine("usage: PhotonicKit.Fuzz load | run | replay load|run FILE|DIR… | dictionary");
                return 2;
        }
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static int Replay(string target, string[] paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p).Where(f => !Path.GetFileName(f).StartsWith("README", StringComparison.Ordinal)) : [p]).Order(StringComparer.Ordinal).ToList();
        int failed = 0;
        foreach (var file in files)
        {
            try
            {
                if (target == "load") FuzzTargets.Load(File.ReadAllBytes(file));
                else FuzzTargets.Run(File.ReadAllBytes(file));
                Console.WriteLine($"ok      {file}");
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine($"FAILED  {file}: {e.GetType().Name}: {e.Message}");
            }
        }
        Console.WriteLine($"replay {target}: {files.Count - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
