using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using static PhotonicKit.Tests.Netlist.TestComponents;

namespace PhotonicKit.Tests.Netlist;

public class NetlistBuilderTests
{
    [Fact]
    public void BuiltNetlistFlattensLikeTheSameFile()
    {
        var bag = new DiagnosticBag("code");
        var built = new NetlistBuilder(930)
            .Name("mzi-pair")
            .Model("mzi", m => m
                .Instance("bs1", "splitter").Instance("bs2", "splitter")
                .Instance("top", "waveguide", new() { ["length_um"] = 10.0 }).Instance("bot", "waveguide")
                .Connect("bs1,out0", "top,o1").Connect("bs1,out1", "bot,o1").Connect("top,o2", "bs2,in0").Connect("bot,o2", "bs2,in1")
                .Port("in0", "bs1,in0").Port("in1", "bs1,in1").Port("out0", "bs2,out0").Port("out1", "bs2,out1"))
            .Instance("m1", "mzi", new() { ["length_um"] = 20.0, ["bs2"] = new NetlistBuilder.NestedSettings { ["coupling"] = 0.7 } })
            .Instance("d", "detector")
            .Connect("m1,out0", "d,in")
            .Port("a", "m1,in0").Port("b", "m1,in1").Port("c", "m1,out1")
            .Build(bag, Registry);
        Assert.True(built is not null, Dump(bag));
        Assert.Equal("mzi-pair", built.Name);
        var c = built.Flatten([], bag)!;
        Assert.Equal(["m1.bs1", "m1.bs2", "m1.top", "m1.bot", "d"], c.Instances.Select(i => i.Name));
        Assert.Equal("0.7", c.Instances[1].Settings["coupling"].ToString());
        Assert.Equal("20", c.Instances[3].Settings["length_um"].ToString());
        Assert.Empty(bag.All);
    }

    [Fact]
    public void BuiltNetlistIsCheckedByTheFileRules()
    {
        var bag = new DiagnosticBag("code");
        var built = new NetlistBuilder(930)
            .Instance("bs", "splitter", new() { ["couplng"] = 0.3 })
            .Instance("wg", "wavegide")
            .Port("a", "bs,in0")
            .Build(bag, Registry);
        Assert.Null(built);
        Assert.Equal(["instances.wg.component", "instances.bs.settings.couplng"], bag.Errors.Select(e => e.Key));
        Assert.All(bag.Errors, e => Assert.False(e.Mark.IsKnown));
        Assert.Contains("did you mean 'coupling'?", bag.Errors.Last().Message);
    }
}
