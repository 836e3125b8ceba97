namespace PhotonicKit.Benchmarks;

internal static class Program
{
    /// <summary>
    /// BenchmarkDotNet's switcher, or <c>netlists DIR</c> to write the benchmark circuits as netlist files for
    /// timing the whole <c>photonickit run</c>.
    /// </summary>
    private static void Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "netlists")
        {
            BenchmarkNetlists.WriteAll(args[1]);
            return;
        }
        if (args.Length == 1 && args[0] == "load-quick")
        {
            LoadQuick.Run();
            return;
        }
        BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
