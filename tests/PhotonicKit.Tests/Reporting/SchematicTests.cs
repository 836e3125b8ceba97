using System.Globalization;
using System.Text.RegularExpressions;
using PhotonicKit.Circuit.Running;
using PhotonicKit.Reporting;
using PhotonicKit.Tests.Tool;

namespace PhotonicKit.Tests.Reporting;

/// <summary>The circuit schematic of the HTML report: every instance, port and connection drawn, no two boxes overlapping.</summary>
public class SchematicTests
{
    private static (double X, double Y, double W, double H)[] Boxes(string svg) =>
        Regex.Matches(svg, "<rect x=\"([-0-9.]+)\" y=\"([-0-9.]+)\" width=\"([0-9.]+)\" height=\"([0-9.]+)\"")
            .Select(m => (P(m.Groups[1].Value), P(m.Groups[2].Value), P(m.Groups[3].Value), P(m.Groups[4].Value))).ToArray();

    private static double P(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void AnMziIsDrawnWithEveryInstancePortAndConnectionAndNoOverlaps()
    {
        var bag = new PhotonicKit.Circuit.Diagnostics.DiagnosticBag("mzi.yaml");
        var prepared = NetlistRunner.Prepare(Netlists.Mzi(), "mzi.yaml", [], false, bag)!;
        string svg = Schematic.Svg(prepared.Circuit)!;
        Assert.Equal(4, Regex.Matches(svg, "class=\"instance\"").Count);
        Assert.Equal(4, Regex.Matches(svg, "class=\"port\"").Count);
        Assert.Equal(4, Regex.Matches(svg, "class=\"connection\"").Count);
        Assert.Equal(4, Regex.Matches(svg, "class=\"port-link\"").Count);
        Assert.Contains("<title>bs1,out0 — top,o1</title>", svg);
        Assert.Contains("<title>port in0 = bs1,in0</title>", svg);
        foreach (var name in new[] { "bs1", "bs2", "top", "bot" }) Assert.Contains($">{name}</text>", svg);
        var boxes = Boxes(svg);
        Assert.Equal(8, boxes.Length);
        for (int i = 0; i < boxes.Length; i++)
            for (int j = i + 1; j < boxes.Length; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                bool apart = a.X + a.W <= b.X || b.X + b.W <= a.X || a.Y + a.H <= b.Y || b.Y + b.H <= a.Y;
                Assert.True(apart, $"boxes {i} and {j} overlap");
            }
        // Inputs to the left of the circuit, outputs to the right: the port boxes are drawn after the instances, in0 first.
        var ports = boxes[4..];
        var instanceBoxes = boxes[..4];
        Assert.True(ports[0].X + ports[0].W <= instanceBoxes.Min(b => b.X), "in0 stands left of every instance");
        Assert.True(ports[2].X >= instanceBoxes.Max(b => b.X + b.W), "out0 stands right of every instance");
    }

    [Fact]
    public void ALargeCircuitIsNotDrawnAndTheReportSaysSo()
    {
        var bag = new PhotonicKit.Circuit.Diagnostics.DiagnosticBag("chain.yaml");
        int n = Schematic.MaxInstances + 1;
        string instances = string.Join("\n", Enumerable.Range(0, n).Select(i => $"  w{i}: {{component: waveguide, settings: {{length_um: 1}}}}"));
        string connections = string.Join("\n", Enumerable.Range(0, n - 1).Select(i => $"  \"w{i},o2\": \"w{i + 1},o1\""));
        string yaml = $"photonickit: 1\nwavelength_nm: 1550\ninstances:\n{instances}\nconnections:\n{connections}\nports: {{a: \"w0,o1\", b: \"w{n - 1},o2\"}}\n";
        var prepared = NetlistRunner.Prepare(yaml, "chain.yaml", [], false, bag)!;
        Assert.Null(Schematic.Svg(prepared.Circuit));
        string html = HtmlReport.Render(prepared.Execute().Document, prepared.Circuit);
        Assert.Contains($"{n} instances: the schematic is drawn for at most {Schematic.MaxInstances}.", html);
    }
}
