using System.Numerics;
using CsCheck;
using PhotonicKit.Circuit.Quantum;
using static PhotonicKit.Tests.Quantum.QuantumTestMath;

namespace PhotonicKit.Tests.Quantum;

public class PermanentTests
{
    [Fact]
    public void EmptyMatrixHasPermanentOne()
    {
        Assert.Equal(Complex.One, Permanent.Of([], [], 0));
        Assert.Equal(1.0, Permanent.OfReal([], 0));
        Assert.Equal(Complex.One, Permanent.OfRepeatedRows([], [], 0, []));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(15)]
    public void AllOnesMatrixHasPermanentNFactorial(int n)
    {
        // Glynn terms for J reach n^n ≫ n!, so the sum cancels: the tolerance reflects that, not a loose check.
        var ones = Enumerable.Repeat(1.0, n * n).ToArray();
        double factorial = Enumerable.Range(1, n).Aggregate(1.0, (a, b) => a * b);
        Assert.Equal(factorial, Permanent.OfReal(ones, n), factorial * 1e-11);
        Assert.Equal(factorial, Permanent.Of(ones, new double[n * n], n).Real, factorial * 1e-11);
        // One distinct row repeated n times, and n identical rows split into two groups.
        Assert.Equal(factorial, Permanent.OfRepeatedRowsReal(Enumerable.Repeat(1.0, n).ToArray(), 1, [n]), factorial * 1e-13);
        if (n >= 2)
            Assert.Equal(factorial, Permanent.OfRepeatedRowsReal(Enumerable.Repeat(1.0, 2 * n).ToArray(), 2, [1, n - 1]), factorial * 1e-12);
    }

    [Fact]
    public void KnownIntegerMatrices()
    {
        // perm [[1,2],[3,4]] = 1·4 + 2·3 = 10; perm [[1,2,3],[4,5,6],[7,8,9]] = 450 (sum of the six products).
        Assert.Equal(10.0, Permanent.OfReal(new double[,] { { 1, 2 }, { 3, 4 } }), 12);
        Assert.Equal(450.0, Permanent.OfReal(new double[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } }), 10);
        // The number of derangements of n is perm(J − I): 1, 2, 9, 44, 265 for n = 2…6 (derangement counts D(n)).
        int[] derangements = [1, 2, 9, 44, 265, 1854];
        for (int n = 2; n <= 7; n++)
        {
            var a = new double[n * n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a[i * n + j] = i == j ? 0 : 1;
            Assert.Equal(derangements[n - 2], Permanent.OfReal(a, n), 1e-9);
        }
    }

    [Fact]
    public void ComplexMatricesAgreeWithTheSumOverPermutations()
    {
        Gen.Int[1, 8].SelectMany(n => Gen.Double[-2, 2].Array[2 * n * n].Select(v => (n, v))).Sample(t =>
        {
            var (n, v) = t;
            var a = new Complex[n, n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a[i, j] = new Complex(v[2 * (i * n + j)], v[2 * (i * n + j) + 1]);
            Complex expected = NaivePermanent(a);
            Complex actual = Permanent.Of(a);
            double scale = 1 + NaivePermanentOfAbs(a);
            Assert.True(Complex.Abs(expected - actual) <= 1e-11 * scale, $"n={n}: {actual} vs {expected}");
        }, iter: 60);
    }

    private static double NaivePermanentOfAbs(Complex[,] a)
    {
        int n = a.GetLength(0);
        var abs = new Complex[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) abs[i, j] = a[i, j].Magnitude;
        return NaivePermanent(abs).Real;
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void FourierMatrixPermanentMatchesTheDefinition(int n)
    {
        // Unnormalised Fourier matrices against the definition. By hand, perm(F3) = Σ_σ ω^{Σ_j j σ(j)}: three
        // permutations give ω and three give ω², so 3(ω + ω²) = −3; perm(F2) = 1·(−1) + 1·1 = 0, and 0 also for n = 4, 6.
        var f = Fourier(n, false);
        Complex expected = NaivePermanent(f);
        Assert.Equal(expected.Real, Permanent.Of(f).Real, 1e-9);
        Assert.Equal(expected.Imaginary, Permanent.Of(f).Imaginary, 1e-9);
        if (n == 3) Assert.Equal(-3.0, expected.Real, 1e-12);
        if (n % 2 == 0) Assert.Equal(0.0, Complex.Abs(expected), 1e-9);
    }

    [Fact]
    public void RepeatedRowFormEqualsThePlainPermanentOfTheExpandedMatrix()
    {
        var gen = Gen.Int[0, 3].Array[1, 5].Where(s => s.Sum() is >= 1 and <= 8)
            .SelectMany(s => Gen.Double[-1.5, 1.5].Array[2 * s.Length * s.Sum()].Select(v => (s, v)));
        gen.Sample(t =>
        {
            var (mult, v) = t;
            int rows = mult.Length, n = mult.Sum();
            var re = new double[rows * n];
            var im = new double[rows * n];
            for (int i = 0; i < rows * n; i++) { re[i] = v[2 * i]; im[i] = v[2 * i + 1]; }
            var full = new Complex[n, n];
            int r = 0;
            for (int k = 0; k < rows; k++)
                for (int c = 0; c < mult[k]; c++, r++)
                    for (int j = 0; j < n; j++) full[r, j] = new Complex(re[k * n + j], im[k * n + j]);
            Complex expected = NaivePermanent(full);
            Complex actual = Permanent.OfRepeatedRows(re, im, rows, mult);
            double scale = 1 + NaivePermanentOfAbs(full);
            Assert.True(Complex.Abs(expected - actual) <= 1e-11 * scale, $"mult=[{string.Join(",", mult)}]: {actual} vs {expected}");
        }, iter: 100);
    }

    [Fact]
    public void DiagonalFactorsScaleThePermanentByTheirProduct()
    {
        // perm(D1 A D2) = ∏ d1_i ∏ d2_j perm(A): each term of the permanent takes one entry per row and column.
        Gen.Int[1, 9].SelectMany(n => Gen.Double[-1, 1].Array[2 * n * n + 4 * n].Select(v => (n, v))).Sample(t =>
        {
            var (n, v) = t;
            var a = new Complex[n, n];
            var b = new Complex[n, n];
            var d1 = new Complex[n];
            var d2 = new Complex[n];
            for (int i = 0; i < n; i++)
            {
                d1[i] = new Complex(v[2 * n * n + 2 * i], v[2 * n * n + 2 * i + 1]);
                d2[i] = new Complex(v[2 * n * n + 2 * n + 2 * i], v[2 * n * n + 2 * n + 2 * i + 1]);
            }
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    a[i, j] = new Complex(v[2 * (i * n + j)], v[2 * (i * n + j) + 1]);
                    b[i, j] = d1[i] * a[i, j] * d2[j];
                }
            Complex factor = Complex.One;
            for (int i = 0; i < n; i++) factor *= d1[i] * d2[i];
            Complex expected = factor * Permanent.Of(a);
            Complex actual = Permanent.Of(b);
            Assert.True(Complex.Abs(expected - actual) <= 1e-12 * (1 + Complex.Abs(expected)) * Math.Pow(2, n), $"{actual} vs {expected}");
        }, iter: 60);
    }

    [Fact]
    public void RealVariantAgreesWithComplexVariant()
    {
        Gen.Int[1, 12].SelectMany(n => Gen.Double[-1, 1].Array[n * n].Select(v => (n, v))).Sample(t =>
        {
            var (n, v) = t;
            double real = Permanent.OfReal(v, n);
            Complex complex = Permanent.Of(v, new double[n * n], n);
            Assert.Equal(complex.Real, real, 1e-11 * (1 + Math.Abs(real)));
            Assert.Equal(0.0, complex.Imaginary, 1e-15);
        }, iter: 40);
    }

    [Fact]
    public void LargeOrderSpansSeveralBlocksAndStaysExactOnAllOnes()
    {
        // n = 17 uses 2^16 terms, four blocks: perm(J) = 17! = 355687428096000.
        int n = 17;
        Assert.Equal(355687428096000.0, Permanent.OfReal(Enumerable.Repeat(1.0, n * n).ToArray(), n), 355687428096000.0 * 1e-12);
    }

    [Fact]
    public void LogFactorialDoesNotOverflowWhereTheFactorialDoes()
    {
        double ln = MathNet.Numerics.SpecialFunctions.FactorialLn(200);
        // ln 200! = 863.2319871924054 (Stirling series to many terms; 200! ≈ 7.886578673647905e374).
        Assert.Equal(863.2319871924054, ln, 1e-9);
        Assert.True(double.IsFinite(ln));
    }

    [Fact]
    public void BadShapesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => Permanent.Of(new double[5], new double[5], 2));
        Assert.Throws<ArgumentException>(() => Permanent.OfRepeatedRows(new double[4], new double[4], 2, [1, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Permanent.OfRepeatedRows(new double[2], new double[2], 2, [-1, 2]));
    }
}
