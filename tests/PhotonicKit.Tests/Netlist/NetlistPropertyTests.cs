using CsCheck;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using static PhotonicKit.Tests.Netlist.TestComponents;

namespace PhotonicKit.Tests.Netlist;

public class NetlistPropertyTests
{
    /// <summary>Plain Levenshtein distance (no transpositions), written independently of the code under test.</summary>
    private static int Levenshtein(string a, string b)
    {
        var prev = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            var cur = new int[b.Length + 1];
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            prev = cur;
        }
        return prev[b.Length];
    }

    private static readonly Gen<string> Word = Gen.String[Gen.Char['a', 'd'], 0, 7];

    [Fact]
    public void DistanceIsAMetricBoundedByLevenshtein()
    {
        Gen.Select(Word, Word, Word).Sample((a, b, c) =>
        {
            int ab = Suggestions.Distance(a, b);
            Assert.Equal(ab, Suggestions.Distance(b, a));
            Assert.Equal(a == b, ab == 0);
            Assert.True(ab <= Levenshtein(a, b));
            Assert.True(ab >= Math.Abs(a.Length - b.Length));
            // A swap of two adjacent characters costs one.
            if (a.Length >= 2 && a[0] != a[1]) Assert.Equal(1, Suggestions.Distance(a, $"{a[1]}{a[0]}{a[2..]}"));
        }, iter: 2000);
    }

    [Fact]
    public void SuggestionsFindTransposedAndMisspeltNames()
    {
        Assert.Equal("length_um", Suggestions.Closest("lenght_um", ["n_eff", "length_um", "loss_db_per_cm"]));
        Assert.Equal("instances", Suggestions.Closest("Instances", ["instances", "ports"]));
        Assert.Null(Suggestions.Closest("zzz", ["instances", "ports"]));
    }

    [Fact]
    public void SweepGridIsUniformAndIncludesBothEnds()
    {
        Gen.Select(Gen.Double[100, 2000], Gen.Double[0.001, 100], Gen.Int[2, 5000]).Sample((start, width, points) =>
        {
            var grid = new WavelengthSweep(start, start + width, points).WavelengthsNm();
            Assert.Equal(points, grid.Length);
            Assert.Equal(start, grid[0]);
            Assert.Equal(start + width, grid[^1]);
            double step = width / (points - 1);
            for (int k = 1; k < grid.Length; k++)
                Assert.Equal(step, grid[k] - grid[k - 1], step * 1e-6 + 1e-9);
        }, iter: 200);
    }

    [Fact]
    public void ChainOfModelsFlattensIntoOneInstancePerUseAndAllPortsUsedOnce()
    {
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 5]).Sample((armsPerModel, uses) =>
        {
            var model = new System.Text.StringBuilder("photonickit: 1\nwavelength_nm: 930\nmodels:\n  chain:\n    instances:\n");
            for (int i = 0; i < armsPerModel; i++) model.Append($"      w{i}: waveguide\n");
            model.Append("    connections:\n");
            for (int i = 0; i + 1 < armsPerModel; i++) model.Append($"      \"w{i},o2\": \"w{i + 1},o1\"\n");
            model.Append($"    ports: {{a: \"w0,o1\", b: \"w{armsPerModel - 1},o2\"}}\ninstances:\n");
            for (int u = 0; u < uses; u++) model.Append($"  c{u}: {{component: chain, settings: {{length_um: {u + 1}}}}}\n");
            model.Append("connections:\n");
            for (int u = 0; u + 1 < uses; u++) model.Append($"  \"c{u},b\": \"c{u + 1},a\"\n");
            model.Append($"ports: {{in: \"c0,a\", out: \"c{uses - 1},b\"}}\n");

            var (doc, bag) = Load(model.ToString());
            Assert.True(doc is not null, Dump(bag));
            var c = doc.Flatten([], new DiagnosticBag("t"))!;
            Assert.Equal(armsPerModel * uses, c.Instances.Count);
            Assert.Equal(armsPerModel * uses - 1, c.Connections.Count);
            for (int u = 0; u < uses; u++)
                for (int i = 0; i < armsPerModel; i++)
                    Assert.Equal(new PhotonicKit.Components.SettingValue.Number(u + 1), c.Instances[c.IndexOf($"c{u}.w{i}")].Settings["length_um"]);
            var ends = c.Connections.SelectMany(k => new[] { k.A, k.B }).Concat(c.ExternalPorts.Select(p => p.Port)).ToList();
            Assert.Equal(2 * c.Instances.Count, ends.Distinct().Count());
            Assert.Empty(bag.All);
        }, iter: 30);
    }
}
