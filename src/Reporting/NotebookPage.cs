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
    /// <remarks>Code without a source file (a notebook cell) finds <c>examples/netlists/FILE</c> in the current directory
    /// or the nearest folder above it that has one.</remarks>
    public static string ExampleNetlist(string fileName, [CallerFilePath] string callerPath = "")
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (callerPath.Length > 0 && File.Exists(callerPath))
            return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(callerPath)!, "..", "..", "examples", "netlists", fileName));
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "examples", "netlists", fileName);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"examples/netlists/{fileName} is not in {Directory.GetCurrentDirectory()} or any folder above it: run the notebook from the repository", fileName);
    }

    /// <summary>
    /// Where <see cref="Write"/> also sends each chart, as an HTML fragment: a notebook sets it to show the charts
    /// inline (for example <c>NotebookPage.Display = html =&gt; display(HTML(html));</c> in a .NET Interactive C# cell).
    /// The first fragment sent is plotly.js itself, embedded, so the charts render without a network; null (the default)
    /// writes the page only.
    /// </summary>
    public static Action<string>? Display
    {
        get => _display;
        set
        {
            _display = value;
            _plotlySent = false;
        }
    }

    private static Action<string>? _display;
    private static bool _plotlySent;

    /// <summary>
    /// Writes <c>FOLDER/NAME.html</c>: a title and one heading and plot per chart, and shows the charts through
    /// <see cref="Display"/> when it is set. Returns the file's path.
    /// </summary>
    public static string Write(string folder, string name, string title, params (string Heading, GenericChart Chart)[] charts)
    {
        ArgumentNullException.ThrowIfNull(charts);
        Directory.CreateDirectory(folder);
        var body = new StringBuilder();
        foreach (var (heading, chart) in charts)
            body.Append("<h2 style=\"font-size: 1.1em\">").Append(WebUtility.HtmlEncode(heading)).Append("</h2>\n")
                .Append(GenericChart.toChartHTML(chart)).Append('\n');
        if (_display is { } show)
        {
            if (!_plotlySent) show("<script type=\"text/javascript\">" + HtmlReport.PlotlyScript() + "</script>");
            _plotlySent = true;
            foreach (var (heading, chart) in charts)
                show("<h3>" + WebUtility.HtmlEncode(heading) + "</h3>\n" + GenericChart.toChartHTML(chart));
        }
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
