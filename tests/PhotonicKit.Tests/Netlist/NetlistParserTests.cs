using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;

namespace PhotonicKit.Tests.Netlist;

public class NetlistParserTests
{
    private static Node? Parse(string text, out DiagnosticBag bag)
    {
        bag = new DiagnosticBag("f.yaml");
        return NetlistParser.Parse(text, bag);
    }

    [Fact]
    public void ScalarsKeepOneBasedPositionAndQuoting()
    {
        var root = (MappingNode)Parse("a: 1\nb:\n  c: \"2\"\n  d: '3'\n", out var bag)!;
        Assert.Empty(bag.All);
        var a = (ScalarNode)root["a"]!;
        Assert.Equal(new SourceMark(1, 4), a.Mark);
        Assert.False(a.IsQuoted);
        Assert.True(a.TryGetNumber(out double v) && v == 1);
        var b = (MappingNode)root["b"]!;
        var c = (ScalarNode)b["c"]!;
        Assert.Equal(new SourceMark(3, 6), c.Mark);
        Assert.True(c.IsQuoted);
        Assert.False(c.TryGetNumber(out _));
        Assert.True(((ScalarNode)b["d"]!).IsQuoted);
        Assert.Equal(new SourceMark(3, 3), b.KeyNode("c")!.Mark);
    }

    [Fact]
    public void DuplicateKeyIsAnErrorNamingBothLines()
    {
        Parse("a: 1\nb: 2\na: 3\n", out var bag);
        var e = TestComponents.SingleError(bag);
        Assert.Equal(new SourceMark(3, 1), e.Mark);
        Assert.Equal("a", e.Key);
        Assert.Contains("lines 1 and 3", e.Message);
    }

    [Fact]
    public void DuplicateKeyInNestedFlowMappingIsFound()
    {
        Parse("x: {p: 1, q: 2, p: 3}\n", out var bag);
        var e = TestComponents.SingleError(bag);
        Assert.Equal(new SourceMark(1, 17), e.Mark);
        Assert.Contains("lines 1 and 1", e.Message);
    }

    [Fact]
    public void AliasesAndMergeKeysAreResolved()
    {
        var root = (MappingNode)Parse("base: &b {x: 1, y: 2}\nuse: *b\nmerged:\n  <<: *b\n  y: 5\n", out var bag)!;
        Assert.Empty(bag.All);
        Assert.Same(root["base"], root["use"]);
        var merged = (MappingNode)root["merged"]!;
        Assert.Equal("1", ((ScalarNode)merged["x"]!).Value);
        Assert.Equal("5", ((ScalarNode)merged["y"]!).Value);
        Assert.Equal(2, merged.Entries.Count);
    }

    [Fact]
    public void SyntaxErrorIsOneDiagnosticWithPosition()
    {
        var root = Parse("a: [1, 2\nb: 3\n", out var bag);
        Assert.Null(root);
        var e = TestComponents.SingleError(bag);
        Assert.True(e.Mark.IsKnown);
        Assert.StartsWith("YAML syntax error", e.Message);
        Assert.DoesNotContain("(Line:", e.Message);
    }

    [Fact]
    public void BadIndentationIsOneDiagnostic()
    {
        var root = Parse("a:\n  b: 1\n c: 2\n", out var bag);
        Assert.Null(root);
        Assert.Single(bag.Errors);
    }

    [Fact]
    public void JsonIsReadWithPositions()
    {
        var root = (MappingNode)Parse("{\n  \"a\": 1.5,\n  \"b\": \"x\"\n}\n", out var bag)!;
        Assert.Empty(bag.All);
        var a = (ScalarNode)root["a"]!;
        Assert.Equal(new SourceMark(2, 8), a.Mark);
        Assert.False(a.IsQuoted);
        Assert.True(((ScalarNode)root["b"]!).IsQuoted);
    }

    [Fact]
    public void EmptyFileAndSecondDocumentAreErrors()
    {
        Assert.Null(Parse("", out var bag1));
        Assert.Contains("empty", TestComponents.SingleError(bag1).Message);
        Assert.Null(Parse("a: 1\n---\nb: 2\n", out var bag2));
        Assert.Equal(2, TestComponents.SingleError(bag2).Mark.Line);
    }

    [Fact]
    public void UndefinedAliasIsAnError()
    {
        Parse("a: *nothing\n", out var bag);
        Assert.Contains("*nothing", Assert.Single(bag.Errors).Message);
    }
}

public class NetlistParserJsonTests
{
    [Fact]
    public void TabIndentedJsonIsRead()
    {
        var bag = new DiagnosticBag("f.json");
        var root = NetlistParser.Parse("{\n\t\"a\": {\n\t\t\"b\": [1, 2]\n\t},\n\t\"c\": \"x\"\n}\n", bag);
        Assert.True(root is MappingNode, string.Join("\n", bag.All));
        Assert.Equal(new SourceMark(3, 8), ((MappingNode)((MappingNode)root)["a"]!)["b"]!.Mark);
    }

    [Fact]
    public void JsonSyntaxErrorHasAPosition()
    {
        var bag = new DiagnosticBag("f.json");
        Assert.Null(NetlistParser.Parse("{\n  \"a\": 1,\n  \"b\": [1, 2\n}\n", bag));
        var e = Assert.Single(bag.Errors);
        Assert.True(e.Mark.Line >= 3, e.ToString());
    }
}
