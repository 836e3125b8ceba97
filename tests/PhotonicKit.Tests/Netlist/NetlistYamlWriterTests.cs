using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;

namespace PhotonicKit.Tests.Netlist;

public class NetlistYamlWriterTests
{
    private static string RepositoryDirectory() => Repository.Root;

    public static TheoryData<string> Netlists()
    {
        string root = RepositoryDirectory();
        return [.. Directory.GetFiles(Path.Combine(root, "examples", "netlists"), "*.yaml").Concat(Directory.GetFiles(Path.Combine(root, "devices"), "*.yaml"))
            .Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal)];
    }

    /// <summary>What the loader reads from a node: its structure, each scalar's text and how it reads (number, null,
    /// boolean or text; a word reads the same quoted or not).</summary>
    private static string Meaning(Node node) => node switch
    {
        ScalarNode s => (s.KindText == "quoted text" ? "text" : s.KindText) + ":" + s.Value,
        MappingNode m => "{" + string.Join(", ", m.Entries.Select(e => Meaning(e.Key) + ": " + Meaning(e.Value))) + "}",
        SequenceNode l => "[" + string.Join(", ", l.Items.Select(Meaning)) + "]",
        _ => throw new ArgumentException(node.GetType().Name),
    };

    private static MappingNode Parse(string text)
    {
        var bag = new DiagnosticBag("netlist.yaml");
        var root = NetlistParser.Parse(text, bag);
        Assert.False(bag.HasErrors, string.Join("\n", bag.All));
        return Assert.IsType<MappingNode>(root);
    }

    [Theory]
    [MemberData(nameof(Netlists))]
    public void NetlistWrittenAgainReadsBackToTheSameTree(string file)
    {
        var tree = Parse(File.ReadAllText(Path.Combine(RepositoryDirectory(), file)));
        string written = NetlistYamlWriter.Write(tree);
        var reread = Parse(written);
        Assert.Equal(Meaning(tree), Meaning(reread));
        Assert.Equal(written, NetlistYamlWriter.Write(reread));
    }

    [Fact]
    public void WordsThatYamlWouldReadAsSomethingElseAreQuoted()
    {
        string[] words = ["true", "null", "0.5", "1e3", "bs,out0", "a: b", "say \"hi\"", "back\\slash", "~", "", "-x", "#c", ".inf", "m1.bs2.coupling", "µm"];
        var tree = NetlistBuilder.Map([.. words.Select((w, i) => new KeyValuePair<ScalarNode, Node>(NetlistBuilder.Key(w.Length == 0 ? "empty" : w), NetlistBuilder.Text(w)))]);
        var reread = Parse(NetlistYamlWriter.Write(tree));
        Assert.Equal(Meaning(tree), Meaning(reread));
        Assert.All(reread.Entries, e => Assert.Contains(e.Value.KindText, new[] { "text", "quoted text" }));
    }
}
