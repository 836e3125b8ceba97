using System.Numerics;
using CsCheck;
using PhotonicKit.Circuit.Quantum;
using static PhotonicKit.Tests.Quantum.QuantumTestMath;

namespace PhotonicKit.Tests.Quantum;

/// <summary>The vectorised, multithreaded Glynn kernel behind <see cref="Permanent.Of(ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/>.</summary>
public class PermanentKernelTests
{
    /// <summary>Ryser's formula perm(A) = (−1)^n Σ_{S ⊆ cols} (−1)^{|S|} ∏_i Σ_{j∈S} A[i, j], written independently of Glynn's.</summary>
    private static Complex Ryser(double[] re, double[] im, int n)
    {
        Complex total = Complex.Zero;
        var rowSums = new Complex[n];
        for (int subset = 1; subset < 1 << n; subset++)
        {
            Array.Clear(rowSums);
            for (int j = 0; j < n; j++)
            {
                if (((subset >> j) & 1) == 0) continue;
                for (int i = 0; i < n; i++) rowSums[i] += new Complex(re[i * n + j], im[i * n + j]);
            }
            Complex p = Complex.One;
            for (int i = 0; i < n; i++) p *= rowSums[i];
            total += (BitOperations.PopCount((uint)subset) & 1) != 0 ? -p : p;
        }
        return (n & 1) != 0 ? -total : total;
    }

    private static (double[] Re, double[] Im) RandomMatrix(int n, Random rng)
    {
        var re = new double[n * n];
        var im = new double[n * n];
        for (int q = 0; q < n * n; q++)
        {
            re[q] = rng.NextDouble() - 0.5;
            im[q] = rng.NextDouble() - 0.5;
        }
        return (re, im);
    }

    [Fact]
    public void RandomMatricesUpToOrderTwelveAgreeWithRyser()
    {
        var rng = new Random(2024);
        for (int n = 2; n <= 12; n++)
        {
            var (re, im) = RandomMatrix(n, rng);
            Complex expected = Ryser(re, im, n);
            Complex actual = Permanent.Of(re, im, n);
            Assert.True(Complex.Abs(actual - expected) <= 1e-11 * Complex.Abs(expected), $"n = {n}: {actual} vs {expected}");
            double real = Permanent.OfReal(re, n);
            double realExpected = Ryser(re, new double[n * n], n).Real;
            Assert.True(Math.Abs(real - realExpected) <= 1e-11 * Math.Abs(realExpected), $"n = {n}: {real} vs {realExpected}");
        }
    }

    [Fact]
    public void RandomMatricesUpToOrderNineAgreeWithTheSumOverPermutations()
    {
        var rng = new Random(77);
        for (int n = 7; n <= 9; n++)
        {
            var (re, im) = RandomMatrix(n, rng);
            var a = new Complex[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    a[i, j] = new Complex(re[i * n + j], im[i * n + j]);
            Complex expected = NaivePermanent(a);
            Complex actual = Permanent.Of(re, im, n);
            Assert.True(Complex.Abs(actual - expected) <= 1e-12 * Complex.Abs(expected), $"n = {n}: {actual} vs {expected}");
        }
    }

    [Fact]
    public void PropertyAgreesWithRyserOnRandomOrders()
    {
        Gen.Int[2, 13].SelectMany(n => Gen.Double[-1, 1].Array[2 * n * n].Select(v => (n, v))).Sample(t =>
        {
            var (n, v) = t;
            double[] re = v[..(n * n)], im = v[(n * n)..];
            Complex expected = Ryser(re, im, n);
            Complex actual = Permanent.Of(re, im, n);
            // Both sums are bounded by the sum of absolute terms, ≤ n! ∏ max|a|; compare on that scale.
            double scale = 1.0;
            for (int k = 2; k <= n; k++) scale *= k;
            Assert.True(Complex.Abs(actual - expected) <= 1e-12 * scale, $"n = {n}: {actual} vs {expected}");
        }, iter: 30);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(22)]
    public void ResultIsBitIdenticalForOneAndTwoThreads(int n)
    {
        var (re, im) = RandomMatrix(n, new Random(n));
        Complex one = Permanent.Of(re, im, n, 1);
        Complex two = Permanent.Of(re, im, n, 2);
        Complex four = Permanent.Of(re, im, n, 4);
        Assert.Equal(one.Real, two.Real);
        Assert.Equal(one.Imaginary, two.Imaginary);
        Assert.Equal(one.Real, four.Real);
        Assert.Equal(one.Imaginary, four.Imaginary);
        Assert.Equal(Permanent.OfReal(re, n, 1), Permanent.OfReal(re, n, 2));
    }

    [Fact]
    public void RankOneMatrixOfOrder28HasPermanentNFactorialTimesTheProducts()
    {
        // perm(u vᵀ) = n! ∏ u_i ∏ v_j. Unit-modulus entries with random phases keep the Glynn terms
        // (Σ δ_i u_i)^n well below 2^{n−1} n!, so double precision can reach 1e−9 relative.
        const int n = 28;
        var rng = new Random(28);
        var u = new Complex[n];
        var v = new Complex[n];
        for (int k = 0; k < n; k++)
        {
            u[k] = Complex.FromPolarCoordinates(1, 2 * Math.PI * rng.NextDouble());
            v[k] = Complex.FromPolarCoordinates(1, 2 * Math.PI * rng.NextDouble());
        }
        var re = new double[n * n];
        var im = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                Complex a = u[i] * v[j];
                re[i * n + j] = a.Real;
                im[i * n + j] = a.Imaginary;
            }
        // 28! = 304888344611713860501504000000 exactly; as a double to 1 ulp.
        double factorial = (double)BigInteger.Parse("304888344611713860501504000000");
        // The phase of ∏u ∏v is the sum of the phases; accumulate angles instead of multiplying unit numbers.
        double phase = 0;
        for (int k = 0; k < n; k++) phase += u[k].Phase + v[k].Phase;
        Complex expected = Complex.FromPolarCoordinates(factorial, phase);
        Complex actual = Permanent.Of(re, im, n);
        double relative = Complex.Abs(actual - expected) / factorial;
        Assert.True(relative <= 1e-9, $"relative error {relative:E3}: {actual} vs {expected}");
    }

    [Fact]
    public void BlockDiagonalUnitaryOfOrder28IsTheProductOfItsBlockPermanents()
    {
        // Seven 4 × 4 Haar blocks on the diagonal, rows and columns then shuffled (a permanent is invariant under
        // row and column permutations): perm = ∏ perm(block), each block by the sum over its 24 permutations.
        const int n = 28, b = 4;
        var rng = new Random(7);
        var full = new Complex[n, n];
        Complex expected = Complex.One;
        for (int k = 0; k < n / b; k++)
        {
            Complex[,] block = HaarUnitary(b, rng);
            expected *= NaivePermanent(block);
            for (int i = 0; i < b; i++)
                for (int j = 0; j < b; j++)
                    full[k * b + i, k * b + j] = block[i, j];
        }
        int[] rows = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).ToArray();
        int[] cols = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).ToArray();
        var re = new double[n * n];
        var im = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                re[i * n + j] = full[rows[i], cols[j]].Real;
                im[i * n + j] = full[rows[i], cols[j]].Imaginary;
            }
        Complex actual = Permanent.Of(re, im, n);
        double relative = Complex.Abs(actual - expected) / Complex.Abs(expected);
        Assert.True(relative <= 1e-9, $"relative error {relative:E3}: {actual} vs {expected}");
    }

    [Fact]
    public void RealKernelOfOrder24MatchesBlockDiagonalProduct()
    {
        // Real blocks 3 × 3 with entries in [0, 1): perm of the block-diagonal matrix is the product of the
        // 3 × 3 permanents written out by hand.
        const int n = 24, b = 3;
        var rng = new Random(3);
        var a = new double[n * n];
        double expected = 1;
        for (int k = 0; k < n / b; k++)
        {
            var m = new double[b, b];
            for (int i = 0; i < b; i++)
                for (int j = 0; j < b; j++)
                    a[(k * b + i) * n + k * b + j] = m[i, j] = 0.5 + rng.NextDouble();
            expected *= m[0, 0] * (m[1, 1] * m[2, 2] + m[1, 2] * m[2, 1])
                      + m[0, 1] * (m[1, 0] * m[2, 2] + m[1, 2] * m[2, 0])
                      + m[0, 2] * (m[1, 0] * m[2, 1] + m[1, 1] * m[2, 0]);
        }
        double actual = Permanent.OfReal(a, n);
        Assert.True(Math.Abs(actual - expected) <= 1e-9 * expected, $"{actual} vs {expected}");
    }

    [Fact]
    public void ThreadCountBelowOneIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Permanent.Of(new double[4], new double[4], 2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Permanent.OfReal(new double[4], 2, 0));
    }
}
