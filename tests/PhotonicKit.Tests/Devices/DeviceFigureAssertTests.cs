using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Devices;
using Xunit.Sdk;

namespace PhotonicKit.Tests.Devices;

public class DeviceFigureAssertTests
{
    private static JsonObject Result() => new()
    {
        ["brightness"] = 0.50,
        ["g2"] = 0.02,
        ["purcell"] = null,
        ["brightness_port"] = new JsonObject { ["right"] = 0.25 },
    };

    [Fact]
    public void FiguresInsideTheirTolerancePass()
    {
        DeviceFigures.AssertWithin(Result(),
            new ExpectedFigure("brightness", 0.505, 0.01),
            ExpectedFigure.Relative("g2", 0.021, 0.05),
            new ExpectedFigure("brightness_port.right", 0.25, 0));
    }

    [Fact]
    public void FailureListsEveryFigureAsATable()
    {
        var e = Assert.Throws<XunitException>(() => DeviceFigures.AssertWithin(Result(), "demo device",
            new ExpectedFigure("brightness", 0.60, 0.02),
            new ExpectedFigure("g2", 0.02, 0.001),
            new ExpectedFigure("purcell", 5, 0.5),
            new ExpectedFigure("hom_visibility", 0.9, 0.01)));
        string[] lines = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("demo device: 3 of 4 figures outside tolerance", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^field\s+expected\s+computed\s+difference\s+tolerance", lines[1]);
        var brightness = lines.Single(l => l.StartsWith("brightness", StringComparison.Ordinal));
        Assert.Matches(@"brightness\s+0\.6\s+0\.5\s+-0\.1\s+±0\.02\s+FAIL", brightness);
        Assert.Matches(@"^g2\s+0\.02\s+0\.02\s+0\s+±0\.001\s+ok", lines.Single(l => l.StartsWith("g2", StringComparison.Ordinal)));
        // A null field and an absent field are reported as missing, never as a number.
        Assert.Matches(@"^purcell\s+5\s+missing\s+-\s+±0\.5\s+FAIL", lines.Single(l => l.StartsWith("purcell", StringComparison.Ordinal)));
        Assert.Matches(@"^hom_visibility\s+0\.9\s+missing", lines.Single(l => l.StartsWith("hom_visibility", StringComparison.Ordinal)));
    }

    [Fact]
    public void ToleranceIsInclusiveAndNonFiniteComputedValuesFail()
    {
        var rows = DeviceFigures.Compare(new JsonObject { ["a"] = 1.5, ["b"] = 2.0 },
            [new ExpectedFigure("a", 1.0, 0.5), new ExpectedFigure("b", 2.0, 0)]);
        Assert.All(rows, r => Assert.True(r.Passed));
        Assert.False(new FigureComparison("x", 1, double.NaN, 10).Passed);
        Assert.False(new FigureComparison("x", 1, double.PositiveInfinity, double.MaxValue).Passed);
    }

    [Fact]
    public void InvalidToleranceIsRefusedNamingTheField()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DeviceFigures.Compare(Result(), [new ExpectedFigure("g2", 0.02, -1)]));
        Assert.Contains("g2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PublishedFigureWithoutUncertaintyGetsFivePercent()
    {
        Assert.Equal(0.033, ExpectedFigure.From(new PublishedFigure("brightness", 0.66, null, "paper")).Tolerance, 12);
        Assert.Equal(0.02, ExpectedFigure.From(new PublishedFigure("brightness", 0.60, 0.02, "paper")).Tolerance, 12);
    }
}
