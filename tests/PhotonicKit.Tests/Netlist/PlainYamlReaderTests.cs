using System.Text;
using System.Text.RegularExpressions;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Running;

namespace PhotonicKit.Tests.Netlist;

/// <summary>
/// The plain-YAML reader returns exactly the general parser's tree (values, quoting, line and column of every node)
/// or declines; it is checked against the general parser on every netlist of the repository, every YAML block of
/// the docs, a large generated netlist and written edge cases.
/// </summary>
public class PlainYamlReaderTests
{
    /// <summary>Whether the plain reader read <paramref name="text"/>; when it did, its tree is the general parser's.</summary>
    private static bool ReadsLikeTheGeneralParser(string text, string what)
    {
        var plain = PlainYamlReader.TryRead(text);
        if (plain is null) return false;
        var bag = new DiagnosticBag("f.yaml");
        var general = NetlistParser.ParseGeneral(text, bag);
        Assert.True(bag.All.Count() == 0, $"{what}: the plain reader accepted text the general parser reports: {string.Join("; ", bag.All)}");
        Assert.NotNull(general);
        AssertSameTree(general!, plain, what + ": root");
        return true;
    }

    private static void AssertSameTree(Node expected, Node actual, string path)
    {
        Assert.True(expected.GetType() == actual.GetType(), $"{path}: {expected.KindText} read as {actual.KindText}");
        Assert.True(expected.Mark == actual.Mark, $"{path}: at {expected.Mark} read at {actual.Mark}");
        switch (expected)
        {
            case ScalarNode s:
                var a = (ScalarNode)actual;
                Assert.True(s.Value == a.Value && s.IsQuoted == a.IsQuoted, $"{path}: {s} read as {a}");
                break;
            case SequenceNode seq:
                var items = ((SequenceNode)actual).Items;
                Assert.True(seq.Items.Count == items.Count, $"{path}: {seq.Items.Count} items read as {items.Count}");
                for (int i = 0; i < items.Count; i++) AssertSameTree(seq.Items[i], items[i], $"{path}[{i}]");
                break;
            case MappingNode map:
                var entries = ((MappingNode)actual).Entries;
                Assert.True(map.Entries.Count == entries.Count, $"{path}: {map.Entries.Count} entries read as {entries.Count}");
                for (int i = 0; i < entries.Count; i++)
                {
                    AssertSameTree(map.Entries[i].Key, entries[i].Key, $"{path} key {i}");
                    AssertSameTree(map.Entries[i].Value, entries[i].Value, $"{path}.{map.Entries[i].Key.Value}");
                }
                break;
        }
    }

    private static string RepositoryRoot() => Repository.Root;

    [Fact]
    public void EveryNetlistOfTheRepositoryReadsAsTheGeneralParserReadsIt()
    {
        string root = RepositoryRoot();
        int files = 0, read = 0;
        foreach (var file in Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj" or "out" or ".git")) continue;
            string extension = Path.GetExtension(file);
            var texts = new List<string>();
            if (extension is ".yaml" or ".yml" or ".json") texts.Add(File.ReadAllText(file));
            else if (extension == ".md")
                texts.AddRange(Regex.Matches(File.ReadAllText(file), "```yaml\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value));
            else continue;
            foreach (var text in texts)
            {
                files++;
                if (ReadsLikeTheGeneralParser(text, relative)) read++;
            }
        }
        Assert.True(files > 40, $"only {files} netlists found");
        // Most hand-written netlists are in the plain subset; the rest use anchors, single quotes, empty values...
        Assert.True(read > files / 3, $"the plain reader read only {read} of {files}");
    }

    [Fact]
    public void AGeneratedNetlistOfFourThousandInstancesReadsAsTheGeneralParserReadsIt()
    {
        string crow = Crow(1023);
        Assert.True(ReadsLikeTheGeneralParser(crow, "crow"));
    }

    [Fact]
    public void AGeneratedNetlistLoadsToTheSameCircuitAndWarningsAsThroughTheGeneralParser()
    {
        // The 1023-ring chain with its last ring's ports left open: warnings about unconnected ports, in order.
        string text = Crow(1023).Replace("  add: \"b1022,in0\"\n", "", StringComparison.Ordinal);
        var viaPlain = new DiagnosticBag("crow.yaml");
        var prepared = NetlistRunner.Prepare(text, "crow.yaml", [], strict: false, viaPlain)!;
        Assert.NotNull(prepared);
        Assert.Equal(4092, prepared.Circuit.Instances.Count);
        Assert.Equal(6136, prepared.Circuit.Connections.Count);
        var root = NetlistParser.ParseGeneral(text, new DiagnosticBag("crow.yaml"))!;
        var viaGeneral = new DiagnosticBag("crow.yaml");
        var document = NetlistLoader.LoadTree(root, "crow.yaml", viaGeneral, registry: null, strict: false, errorsBefore: 0)!;
        Assert.Equal(viaGeneral.All.Select(d => d.ToString()), viaPlain.All.Select(d => d.ToString()));
        Assert.Single(viaPlain.Warnings);
        Assert.Equal(document.Circuit.Instances.Select(i => i.Name), prepared.Circuit.Instances.Select(i => i.Name));
        Assert.Equal(document.Circuit.Connections, prepared.Circuit.Connections);
        Assert.Equal(document.Circuit.ExternalPorts, prepared.Circuit.ExternalPorts);
    }

    [Theory]
    [InlineData("a: 1\nb:\n  c: \"2\"\n  d: [1, -2.5e3, x y]\n")]
    [InlineData("# comment\n\na: 1 # trailing\nb:\n\n  # inside\n  c: {x: 1, y: {z: \"q\"}}   \n")]
    [InlineData("a:\n- 1\n- {t: x}\n- [1, 2]\nb: 2\n")]
    [InlineData("a:\n  - type: x\n    from: [in]\n  - type: y\n    sweep: {start_nm: 1, stop_nm: 2, points: 3}\nc: d\n")]
    [InlineData("\"a,b\": \"c,d\"\nk: v\n")]
    [InlineData("a: {}\nb: []\nc: -1\nd: ~\ne: null\nf: true\ng: \"\"\n")]
    [InlineData("a: x:y\n")]
    [InlineData("a: 'single'\n")]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("a:\nb: 1\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("a: {x: 1, x: 2}\n")]
    [InlineData("a: [1,\n  2]\n")]
    [InlineData("a: b\n  c\n")]
    [InlineData("a: \"x\\ty\"\n")]
    [InlineData("a: |\n  text\n")]
    [InlineData("--- \na: 1\n")]
    [InlineData("a: 1\n---\nb: 2\n")]
    [InlineData("<<: {a: 1}\nb: 2\n")]
    [InlineData("a: !!str 1\n")]
    [InlineData("a: [x: 1]\n")]
    [InlineData("a: {x: 1,}\n")]
    [InlineData("a: {x}\n")]
    [InlineData("  a: 1\n  b: 2\n")]
    [InlineData("a:\n  b: 1\n c: 2\n")]
    [InlineData("- 1\n- 2\n")]
    [InlineData("a: b #c\nd: e#f\n")]
    [InlineData("a: [1, 2] x\n")]
    [InlineData("? a\n: 1\n")]
    [InlineData("a:  \t1\n")]
    [InlineData("a: \"µm\"\n")]
    [InlineData("a: 1\r\nb: 2\r\n")]
    [InlineData("{a: 1}\n")]
    [InlineData("a: b: c\n")]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void WrittenCasesReadAsTheGeneralParserReadsThemOrAreLeftToIt(string text) =>
        ReadsLikeTheGeneralParser(text, text);

    [Theory]
    [InlineData("a: 1\nb:\n  c: \"2\"\n  d: [1, -2.5e3, x y]\n")]
    [InlineData("a:\n  - type: x\n    from: [in]\n  - {type: y}\n")]
    [InlineData("\"a,b\": \"c,d\"\n")]
    public void PlainNetlistsAreReadByThePlainReader(string text) => Assert.True(ReadsLikeTheGeneralParser(text, text));

    /// <summary>A chain of <paramref name="rings"/> coupled rings as a generator writes it (4 instances a ring).</summary>
    private static string Crow(int rings)
    {
        var sb = new StringBuilder($"photonickit: 1\nname: crow-{rings}\nwavelength_nm: 1550\ninstances:\n");
        for (int j = 0; j < rings; j++)
        {
            sb.Append($"  a{j}: {{component: beam_splitter, settings: {{coupling: 0.1}}}}\n");
            sb.Append($"  b{j}: {{component: beam_splitter, settings: {{coupling: 0.1}}}}\n");
            sb.Append($"  h{j}: {{component: waveguide, settings: {{length_um: 8.75, loss_db_per_cm: 1}}}}\n");
            sb.Append($"  k{j}: {{component: waveguide, settings: {{length_um: 8.75, loss_db_per_cm: 1}}}}\n");
        }
        sb.Append("connections:\n");
        for (int j = 0; j < rings; j++)
        {
            sb.Append($"  \"a{j},out1\": \"h{j},o1\"\n  \"h{j},o2\": \"b{j},in1\"\n  \"b{j},out1\": \"k{j},o1\"\n  \"k{j},o2\": \"a{j},in1\"\n");
            if (j > 0) sb.Append($"  \"b{j - 1},out0\": \"a{j},in0\"\n  \"a{j},out0\": \"b{j - 1},in0\"\n");
        }
        sb.Append($"ports:\n  in: \"a0,in0\"\n  through: \"a0,out0\"\n  drop: \"b{rings - 1},out0\"\n  add: \"b{rings - 1},in0\"\n");
        sb.Append("analyses:\n  - {type: transmission, from: [in], to: [through, drop]}\n");
        return sb.ToString();
    }
}
