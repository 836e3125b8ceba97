using CsCheck;
using PhotonicKit.Components;

namespace PhotonicKit.Tests.Components;

public class AccurateMathTests
{
    [Fact]
    public void ExpM1OfSmallArgumentsMatchesItsTaylorSeries()
    {
        // |x| ≤ 10⁻³: x + x²/2 + x³/6 + x⁴/24 + x⁵/120 is exact to below 10⁻¹⁸ relative.
        Gen.Double[-1e-3, 1e-3].Where(x => x != 0).Sample(x =>
        {
            double series = x + x * x / 2 + x * x * x / 6 + x * x * x * x / 24 + x * x * x * x * x / 120;
            Assert.Equal(series, AccurateMath.ExpM1(x), Math.Abs(series) * 2e-15); // a few ulps, where Exp(x) − 1 is off by up to 1e−16/|x|
        });
        // where the library's own double.ExpM1 (Exp(x) − 1) is wrong in the eighth digit
        Assert.Equal(1e-9 + 5e-19, AccurateMath.ExpM1(1e-9), 1e-24);
        Assert.Equal(-1e-12 + 5e-25, AccurateMath.ExpM1(-1e-12), 1e-27);
    }

    [Fact]
    public void ExpM1OfLargeArgumentsIsExpMinusOneAndItsLimitsAreExact()
    {
        Gen.Double[-30, 30].Where(x => Math.Abs(x) > 1).Sample(x =>
            Assert.Equal(Math.Exp(x) - 1, AccurateMath.ExpM1(x), Math.Abs(Math.Exp(x) - 1) * 1e-14));
        Assert.Equal(0.0, AccurateMath.ExpM1(0));
        Assert.Equal(-1.0, AccurateMath.ExpM1(-800));
        Assert.Equal(double.PositiveInfinity, AccurateMath.ExpM1(800));
        Assert.Equal(5e-324, AccurateMath.ExpM1(5e-324));
        Assert.True(double.IsNaN(AccurateMath.ExpM1(double.NaN)));
    }
}
