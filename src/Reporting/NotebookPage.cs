using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Plotly.NET;

namespace PhotonicKit.Reporting;

/// <summary>
/// What the notebook-style examples share: a self-contained page of plots (plotly.js embedded, no network
/// needed) and the closing checks of printed figures against analytic or published values.
/// </summary>
public static class NotebookPage
{
    /// <summary>
    /// Starts an example: invariant culture for everything printed, and the output folder (the first argument,
    /// default <c>out/examples</c>) created. Returns the folder.
    /// </summary>
    public static string Start(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        string folder = args.Length > 0 ? args[0] : "out/examples";
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>
    /// The path of <c>examples/netlists/FILE</c> in the repository, found from the calling source file
    /// (<c>src/Examples/NN-topic.cs</c>) so that an example runs from any working directory.
    /// </summary>
    public static string ExampleNetlist(string fileName, [CallerFilePath] string callerPath = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(callerPath)!, "..", "..", "examples", "netlists", fileName));

    /// <summary>
    /// Writes <c>FOLDER/NAME.html</c>: a title and one heading and plot per chart. Returns the file's path.
    /// </summary>
    public static string Write(string folder, string name, string title, params (string Heading, GenericChart Chart)[] charts)
    {
        ArgumentNullException.ThrowIfNull(charts);
        Directory.CreateDirectory(folder);
        var body = new StringBuilder();
        foreach (var (heading, chart) in charts)
            body.Append("<h2 style=\"font-size: 1.1em\">").Append(WebUtility.HtmlEncode(heading)).Append("</h2>\n")
                .Append(GenericChart.toChartHTML(chart)).Append('\n');
        string path = Path.Combine(folder, name + ".html");
        string encodedTitle = WebUtility.HtmlEncode(title);
        File.WriteAllText(path, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + encodedTitle + "</title>"
            + "<script type=\"text/javascript\">" + HtmlReport.PlotlyScript() + "</script></head>\n<body style=\"font-family: system-ui, sans-serif\">"
            + "<h1 style=\"font-size: 1.4em\">" + encodedTitle + "</h1>\n" + body + "</body></html>\n");
        return path;
    }

    /// <summary>
    /// Prints each check as <c>ok</c> or <c>FAIL</c> with its value, expected value and tolerance; returns the
    /// process exit code: 0 when every value is finite and within its tolerance, 1 otherwise.
    /// </summary>
    public static int Check(IEnumerable<(string What, double Value, double Expected, double Tolerance)> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        bool ok = true;
        Console.WriteLine("\nChecks:");
        foreach (var (what, value, expected, tolerance) in checks)
        {
            bool pass = double.IsFinite(value) && Math.Abs(value - expected) <= tolerance;
            ok &= pass;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {(pass ? "ok  " : "FAIL")} {what}: {value:G6} (expected {expected:G6} ± {tolerance:G2})"));
        }
        if (!ok) Console.Error.WriteLine("error: a figure differs from its expected value beyond the tolerance");
        return ok ? 0 : 1;
    }
}
