using PhotonicKit.Tool;

namespace PhotonicKit.Tests.Tool;

/// <summary>Runs the command line in-process with captured streams, in a scratch directory.</summary>
internal sealed class ToolHarness : IDisposable
{
    public ToolHarness()
    {
        Directory = Path.Combine(Path.GetTempPath(), "photonickit-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string Write(string name, string content)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Invoke(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal static class Netlists
{
    /// <summary>A Mach–Zehnder interferometer of two 50:50 beam splitters and two waveguides.</summary>
    public static string Mzi(double topUm = 100, double bottomUm = 110, string analyses = "  - {type: transmission, from: [in0], to: [out0, out1]}") => $"""
        photonickit: 1
        name: mzi
        wavelength_nm: 1550
        instances:
          bs1: beam_splitter
          bs2: beam_splitter
          top: {"{"}component: waveguide, settings: {"{"}length_um: {topUm}{"}}"}
          bot: {"{"}component: waveguide, settings: {"{"}length_um: {bottomUm}{"}}"}
        connections:
          "bs1,out0": "top,o1"
          "bs1,out1": "bot,o1"
          "top,o2": "bs2,in0"
          "bot,o2": "bs2,in1"
        ports:
          in0: "bs1,in0"
          in1: "bs1,in1"
          out0: "bs2,out0"
          out1: "bs2,out1"
        analyses:
        {analyses}
        """;
}
