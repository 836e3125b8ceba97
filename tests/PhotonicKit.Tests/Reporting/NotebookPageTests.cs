using PhotonicKit.Reporting;
using Plotly.NET;
using Xunit;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace PhotonicKit.Tests.Reporting;

/// <summary>What the examples and their notebooks share: the page, the charts shown inline, and the example netlists
/// found from code that has no source file.</summary>
[Collection(nameof(NotebookPageTests))] // NotebookPage.Display is process-wide
public sealed class NotebookPageTests
{
    private static GenericChart Line(string name) =>
        PlotlyChart.Line<double, double, string>(x: new[] { 1.0, 2.0 }, y: new[] { 3.0, 4.0 }, Name: name);

    [Fact]
    public void ChartsGoToTheDisplayWithPlotlyOnceAndToThePage()
    {
        var shown = new List<string>();
        string folder = Directory.CreateTempSubdirectory().FullName;
        try
        {
            NotebookPage.Display = shown.Add;
            NotebookPage.Write(folder, "a", "A", ("First", Line("one")), ("Second", Line("two")));
            NotebookPage.Write(folder, "b", "B", ("Third", Line("three")));
        }
        finally
        {
            NotebookPage.Display = null;
        }
        // plotly.js first and only once, then one fragment per chart, each with its heading and its trace.
        Assert.Equal(4, shown.Count);
        Assert.StartsWith("<script", shown[0], StringComparison.Ordinal);
        Assert.Contains(HtmlReport.PlotlyScript(), shown[0], StringComparison.Ordinal);
        string[] headings = ["First", "Second", "Third"], traces = ["one", "two", "three"];
        for (int k = 0; k < 3; k++)
        {
            Assert.StartsWith($"<h3>{headings[k]}</h3>", shown[k + 1], StringComparison.Ordinal);
            Assert.Contains($"\"name\":\"{traces[k]}\"", shown[k + 1], StringComparison.Ordinal);
            Assert.DoesNotContain("<script type=\"text/javascript\">" + HtmlReport.PlotlyScript()[..100], shown[k + 1], StringComparison.Ordinal);
        }
        Assert.Contains("\"name\":\"one\"", File.ReadAllText(Path.Combine(folder, "a.html")), StringComparison.Ordinal);
        Directory.Delete(folder, true);
    }

    [Fact]
    public void WithoutADisplayOnlyThePageIsWritten()
    {
        string folder = Directory.CreateTempSubdirectory().FullName;
        string path = NotebookPage.Write(folder, "c", "C", ("Only", Line("only")));
        Assert.True(File.Exists(path));
        Directory.Delete(folder, true);
    }

    [Fact]
    public void CodeWithoutASourceFileFindsTheExampleNetlistsAboveTheCurrentFolder()
    {
        string repository = Repository.Root;
        // An example program finds them from its own source file, src/Examples/NN-topic.cs.
        string fromSource = NotebookPage.ExampleNetlist("03-hom-dip.yaml", Path.Combine(repository, "src", "Examples", "03-hom-dip.cs"));
        Assert.Equal(Path.Combine(repository, "examples", "netlists", "03-hom-dip.yaml"), fromSource);
        // The tests run in their output folder, below the repository, as a notebook runs in notebooks/; a notebook
        // cell has no source file.
        Assert.StartsWith(repository, Directory.GetCurrentDirectory(), StringComparison.Ordinal);
        Assert.Equal(fromSource, NotebookPage.ExampleNetlist("03-hom-dip.yaml", callerPath: ""));
        var missing = Assert.Throws<FileNotFoundException>(() => NotebookPage.ExampleNetlist("no-such.yaml", callerPath: ""));
        Assert.Contains("examples/netlists/no-such.yaml", missing.Message, StringComparison.Ordinal);
    }
}
