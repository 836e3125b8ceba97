using System.Numerics;
using CsCheck;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Tests.Sources;

public class FaddeevaTests
{
    private static double RelativeError(Complex actual, Complex expected) => (actual - expected).Magnitude / expected.Magnitude;

    [Fact]
    public void FaddeevaAtOriginIsOne()
    {
        Assert.Equal(1.0, Faddeeva.W(Complex.Zero).Real, 1e-15);
        Assert.Equal(0.0, Faddeeva.W(Complex.Zero).Imaginary, 1e-15);
    }

    // Reference values in 40-digit arithmetic: w(z) = exp(−z²) erfc(−iz) with mpmath 1.3.
    [Theory]
    [InlineData(1, 1, 0.30474420525691259, 0.20821893820283163)]
    [InlineData(1, 0, 0.36787944117144232, 0.60715770584139373)]
    [InlineData(0.5, 0.3, 0.61485153914699102, 0.30312434964735106)]
    [InlineData(3, 0.2, 0.015626770455552117, 0.1996685632186661)]
    [InlineData(-2.5, 1.5, 0.11123345956255827, -0.16323674719804184)]
    [InlineData(5, 5, 0.056965439888176979, 0.055838742775391028)]
    [InlineData(0.001, 0.001, 0.99887162233541125, 0.0011263806715998665)]
    [InlineData(11.9, 0.5, 0.0020098978920371701, 0.047494728375299377)]
    [InlineData(12.1, 0.5, 0.0019434301568680753, 0.046706984270215952)]
    [InlineData(100, 0.01, 5.6427422750508796e-7, 0.0056421779161582479)]
    [InlineData(6, 1e-06, 1.6375340765768394e-8, 0.09539620896910791)]
    [InlineData(-0.7, -0.4, 0.72593418707083556, -1.0952994552430184)]
    [InlineData(2, -1, -0.20532558064658751, 0.14685548503016739)]
    [InlineData(0, -1.5, 18.653886256262734, 0.0)]
    public void FaddeevaMatchesHighPrecisionValues(double x, double y, double re, double im)
    {
        Assert.True(RelativeError(Faddeeva.W(new Complex(x, y)), new Complex(re, im)) < 1e-13);
    }

    [Fact]
    public void RealPartOnTheRealAxisIsTheGaussian()
    {
        foreach (double x in new[] { 0.3, 2.0, 5.0, 8.0, 11.0, 20.0 })
            Assert.Equal(Math.Exp(-x * x), Faddeeva.W(new Complex(x, 0)).Real, Math.Exp(-x * x) * 1e-14);
    }

    [Theory]
    [InlineData(0.5, 0.3)]
    [InlineData(2.0, 0.5)]
    [InlineData(-1.5, 1.0)]
    [InlineData(3.0, 0.2)]
    [InlineData(0.1, 2.0)]
    [InlineData(-4.0, 3.0)]
    public void FaddeevaMatchesDirectIntegral(double x, double y)
    {
        // w(z) = (i/π) ∫ e^{−t²}/(z − t) dt for Im z > 0, by the trapezoid rule: for this analytic integrand the
        // error falls as exp(−2π Im z/h), far below 1e−15 here.
        var z = new Complex(x, y);
        double h = 0.001;
        Complex sum = Complex.Zero;
        for (double t = -10; t <= 10 + h / 2; t += h) sum += Math.Exp(-t * t) / (z - t);
        var integral = new Complex(0, 1 / Math.PI) * sum * h;
        Assert.True(RelativeError(Faddeeva.W(z), integral) < 1e-13, $"w({z}) = {Faddeeva.W(z)}, integral {integral}");
    }

    [Theory]
    [InlineData(1e3, 1)]
    [InlineData(-2e4, 5)]
    [InlineData(50, 50)]
    [InlineData(0, 1e6)]
    public void FaddeevaFollowsLargeArgumentAsymptotics(double x, double y)
    {
        var z = new Complex(x, y);
        var z2 = z * z;
        var asymptotic = new Complex(0, 1 / Math.Sqrt(Math.PI)) / z * (1 + 1 / (2 * z2) + 3 / (4 * z2 * z2) + 15 / (8 * z2 * z2 * z2));
        Assert.True(RelativeError(Faddeeva.W(z), asymptotic) < 1e-13);
    }

    [Fact]
    public void FaddeevaHasMirrorSymmetry() =>
        Gen.Select(Gen.Double[-15, 15], Gen.Double[-3, 15]).Sample((x, y) =>
        {
            var z = new Complex(x, y);
            var w = Faddeeva.W(z);
            // w(−z*) = w(z)*
            Assert.True(RelativeError(Faddeeva.W(new Complex(-x, y)), Complex.Conjugate(w)) < 1e-14);
        }, iter: 2000);

    [Fact]
    public void FaddeevaIsContinuousAcrossTheContinuedFractionCircle()
    {
        for (double angle = 0; angle <= Math.PI; angle += Math.PI / 50)
        {
            var inside = Complex.FromPolarCoordinates(12 - 1e-13, angle);
            var outside = Complex.FromPolarCoordinates(12 + 1e-13, angle);
            double error = RelativeError(Faddeeva.W(inside), Faddeeva.W(outside));
            Assert.True(error < 1e-13, $"angle {angle}: {Faddeeva.W(inside)} vs {Faddeeva.W(outside)}, {error}");
        }
    }

    [Fact]
    public void FaddeevaOnImaginaryAxisIsErfcx()
    {
        foreach (double y in new[] { 0.0, 0.01, 0.5, 1, 3, 7, 11.99, 12, 40, 1e4 })
            Assert.Equal(Faddeeva.Erfcx(y), Faddeeva.W(new Complex(0, y)).Real, Faddeeva.Erfcx(y) * 1e-14);
    }

    [Theory]
    [InlineData(0.5, 0.61569034419292587)]
    [InlineData(2, 0.25539567631050574)]
    [InlineData(10, 0.056140992743822586)]
    [InlineData(30, 0.018795888861416751)]
    public void ErfcxMatchesHighPrecisionValues(double x, double expected) =>
        Assert.Equal(expected, Faddeeva.Erfcx(x), expected * 1e-14);

    [Fact]
    public void ErfcxEqualsScaledErfcWhereThatDoesNotOverflow() =>
        Gen.Double[-5, 5].Sample(x =>
        {
            double direct = Math.Exp(x * x) * MathNet.Numerics.SpecialFunctions.Erfc(x);
            Assert.Equal(direct, Faddeeva.Erfcx(x), direct * 1e-13);
        }, iter: 500);

    [Fact]
    public void ErfcxStaysFiniteAndTendsToOneOverSqrtPiX()
    {
        foreach (double x in new[] { 1e2, 1e5, 1e10, 1e200, 1e307 })
        {
            double scaled = Math.Sqrt(Math.PI) * x * Faddeeva.Erfcx(x);
            Assert.True(double.IsFinite(scaled));
            double u = 1 / (x * x);
            Assert.Equal(1 - u / 2 + 3 * u * u / 4 - 15 * u * u * u / 8, scaled, 1e-14);
        }
        Assert.Equal(0.0, Faddeeva.Erfcx(double.PositiveInfinity));
    }

    [Fact]
    public void ErfcxRefusesArgumentsWhereItOverflows()
    {
        Assert.True(double.IsFinite(Faddeeva.Erfcx(-26.5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Faddeeva.Erfcx(-27));
        Assert.Throws<ArgumentOutOfRangeException>(() => Faddeeva.Erfcx(double.NaN));
        Assert.Throws<ArgumentException>(() => Faddeeva.W(new Complex(double.NaN, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Faddeeva.W(new Complex(0, -30)));
    }
}
