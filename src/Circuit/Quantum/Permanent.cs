using System.Numerics;

namespace PhotonicKit.Circuit.Quantum;

/// <summary>
/// Permanents of square matrices, perm(A) = Σ_σ ∏_j A[σ(j), j], the amplitude kernel of multi-photon
/// interference.
/// </summary>
/// <remarks>
/// <para>
/// The plain form uses Glynn's formula (Glynn, Eur. J. Combin. 31, 1887 (2010); the "BB/FG" formula of
/// Balasubramanian, Bax–Franklin and Glynn):
/// perm(A) = 2^{−(n−1)} Σ_{δ ∈ {±1}^n, δ₀ = +1} (∏_i δ_i) ∏_j (Σ_i δ_i A[i, j]).
/// The sign vectors are visited in Gray-code order so that consecutive terms differ in one row, and the column
/// sums are updated in O(n): 2^{n−1} terms of O(n) each. The terms are processed in blocks whose column sums are
/// recomputed from scratch (bounding the drift of the running sums), and block results are added with Kahan
/// compensation.
/// </para>
/// <para>
/// The repeated-row form takes the distinct rows r_k of a matrix and their multiplicities s_k (Σ s_k = n).
/// Grouping the sign vectors by the number t_k of negative signs among the copies of row k gives
/// perm(A) = 2^{−n} Σ_{0 ≤ t_k ≤ s_k} ∏_k (−1)^{t_k} C(s_k, t_k) ∏_j (Σ_k (s_k − 2 t_k) r_k[j]),
/// costing ∏(s_k + 1) terms instead of 2^{n−1} (halved by the symmetry t ↔ s − t), visited in a reflected
/// mixed-radix Gray code so that each step updates the column sums in O(n). The alternating binomial sum cancels strongly
/// for large multiplicities (tens of photons in one row lose about log10 of the largest term over the result in
/// digits); a single distinct row is evaluated exactly as s! ∏_j r[j].
/// </para>
/// <para>
/// Matrices are row-major spans of length n·n (element (i, j) at i·n + j), complex ones split into real and
/// imaginary parts. The plain form runs on SIMD lanes (Vector512, else Vector256): each lane holds a fixed sign
/// pattern of the last rows and all lanes follow the same Gray code over the other rows, so one broadcast row
/// update advances every lane. The Gray-code range is cut into chunks that depend only on n, evaluated on up to
/// <see cref="DefaultThreads"/> threads and added in chunk order (Kahan), so the result is bit-identical for any
/// thread count. Orders below 8 use the scalar block kernel (<see cref="GlynnBlock"/>).
/// </para>
/// </remarks>
public static class Permanent
{
    /// <summary>Largest order accepted by the 2^{n−1}-term forms (the term index is a 64-bit integer).</summary>
    public const int MaxOrder = 62;

    /// <summary>
    /// Permanent of an n × n complex matrix given as row-major real and imaginary parts (Glynn's formula,
    /// Gray-code order). perm of the 0 × 0 matrix is 1.
    /// </summary>
    /// <param name="re">Real parts, row-major, length n·n.</param>
    /// <param name="im">Imaginary parts, row-major, length n·n.</param>
    /// <param name="n">Order of the matrix.</param>
    public static Complex Of(ReadOnlySpan<double> re, ReadOnlySpan<double> im, int n) => Of(re, im, n, DefaultThreads);

    /// <summary>
    /// Permanent of an n × n complex matrix (as <see cref="Of(ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/>)
    /// using at most <paramref name="maxThreads"/> threads. The result is bit-identical for every thread count:
    /// the Gray-code range is cut into chunks that depend only on n, and the chunk sums are added in chunk order.
    /// </summary>
    /// <param name="re">Real parts, row-major, length n·n.</param>
    /// <param name="im">Imaginary parts, row-major, length n·n.</param>
    /// <param name="n">Order of the matrix.</param>
    /// <param name="maxThreads">Largest number of threads to use (≥ 1).</param>
    public static Complex Of(ReadOnlySpan<double> re, ReadOnlySpan<double> im, int n, int maxThreads)
    {
        CheckSquare(re.Length, n, nameof(re));
        CheckSquare(im.Length, n, nameof(im));
        CheckThreads(maxThreads);
        if (n == 0) return Complex.One;
        if (n == 1) return new Complex(re[0], im[0]);
        PermanentKernels.GlynnSum(re, im, n, maxThreads, out double sumRe, out double sumIm);
        double scale = Math.ScaleB(1.0, -(n - 1));
        return new Complex(sumRe * scale, sumIm * scale);
    }

    /// <summary>Number of threads used by the overloads without a thread count: <see cref="Environment.ProcessorCount"/>.</summary>
    public static int DefaultThreads => Environment.ProcessorCount;

    /// <summary>The plain-form kernel selected on this machine (vector width and lanes), for reports and benchmarks.</summary>
    public static string KernelDescription => PermanentKernels.Description;

    /// <summary>Permanent of an n × n real matrix, row-major (Glynn's formula, Gray-code order). perm of 0 × 0 is 1.</summary>
    /// <param name="a">Entries, row-major, length n·n.</param>
    /// <param name="n">Order of the matrix.</param>
    public static double OfReal(ReadOnlySpan<double> a, int n) => OfReal(a, n, DefaultThreads);

    /// <summary>
    /// Permanent of an n × n real matrix using at most <paramref name="maxThreads"/> threads; bit-identical for
    /// every thread count (see <see cref="Of(ReadOnlySpan{double}, ReadOnlySpan{double}, int, int)"/>).
    /// </summary>
    /// <param name="a">Entries, row-major, length n·n.</param>
    /// <param name="n">Order of the matrix.</param>
    /// <param name="maxThreads">Largest number of threads to use (≥ 1).</param>
    public static double OfReal(ReadOnlySpan<double> a, int n, int maxThreads)
    {
        CheckSquare(a.Length, n, nameof(a));
        CheckThreads(maxThreads);
        if (n == 0) return 1.0;
        if (n == 1) return a[0];
        return PermanentKernels.GlynnSumReal(a, n, maxThreads) * Math.ScaleB(1.0, -(n - 1));
    }

    /// <summary>Permanent of a complex matrix (a copy into split storage; convenience for small matrices).</summary>
    /// <param name="a">A square matrix.</param>
    public static Complex Of(Complex[,] a)
    {
        ArgumentNullException.ThrowIfNull(a);
        int n = a.GetLength(0);
        if (a.GetLength(1) != n) throw new ArgumentException($"the matrix is {n} × {a.GetLength(1)}, a permanent needs a square matrix", nameof(a));
        var re = new double[n * n];
        var im = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                re[i * n + j] = a[i, j].Real;
                im[i * n + j] = a[i, j].Imaginary;
            }
        return Of(re, im, n);
    }

    /// <summary>Permanent of a real matrix (a copy into row-major storage; convenience for small matrices).</summary>
    /// <param name="a">A square matrix.</param>
    public static double OfReal(double[,] a)
    {
        ArgumentNullException.ThrowIfNull(a);
        int n = a.GetLength(0);
        if (a.GetLength(1) != n) throw new ArgumentException($"the matrix is {n} × {a.GetLength(1)}, a permanent needs a square matrix", nameof(a));
        var flat = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                flat[i * n + j] = a[i, j];
        return OfReal(flat, n);
    }

    /// <summary>
    /// Permanent of the n × n complex matrix whose rows are the <paramref name="rowCount"/> distinct rows given,
    /// row k repeated <paramref name="multiplicities"/>[k] times (Σ multiplicities = n). Cost ∏(s_k + 1)·n·rowCount;
    /// n ≥ 16 distinct rows each used once go to <see cref="Of(ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/>.
    /// </summary>
    /// <param name="re">Real parts of the distinct rows, row-major, length rowCount·n.</param>
    /// <param name="im">Imaginary parts of the distinct rows, row-major, length rowCount·n.</param>
    /// <param name="rowCount">Number of distinct rows given.</param>
    /// <param name="multiplicities">How often each row appears (≥ 0, summing to the column count n).</param>
    public static Complex OfRepeatedRows(ReadOnlySpan<double> re, ReadOnlySpan<double> im, int rowCount, ReadOnlySpan<int> multiplicities)
    {
        int n = CheckRepeated(re.Length, im.Length, rowCount, multiplicities);
        if (n == 0) return Complex.One;

        // Drop rows that do not appear; a single distinct row has the closed form s! ∏ r_j.
        Span<int> used = rowCount <= 256 ? stackalloc int[rowCount] : new int[rowCount];
        int usedCount = 0;
        for (int k = 0; k < rowCount; k++)
            if (multiplicities[k] > 0) used[usedCount++] = k;
        if (usedCount == 1)
        {
            int k = used[0];
            Complex product = Complex.One;
            for (int j = 0; j < n; j++) product *= new Complex(re[k * n + j], im[k * n + j]);
            return product * Factorial(n);
        }
        if (usedCount == n && n >= 16)
        {
            // Every row once: the vectorised, multi-threaded Glynn kernel of an ordinary permanent.
            var squareRe = new double[n * n];
            var squareIm = new double[n * n];
            for (int q = 0; q < n; q++)
            {
                re.Slice(used[q] * n, n).CopyTo(squareRe.AsSpan(q * n));
                im.Slice(used[q] * n, n).CopyTo(squareIm.AsSpan(q * n));
            }
            return Of(squareRe, squareIm, n);
        }

        var t = new int[usedCount];
        var direction = new int[usedCount];
        var weight = new double[usedCount];
        Span<double> sumRe = n <= 128 ? stackalloc double[n] : new double[n];
        Span<double> sumIm = n <= 128 ? stackalloc double[n] : new double[n];
        for (int q = 0; q < usedCount; q++)
        {
            direction[q] = 1;
            weight[q] = 1.0; // C(s, 0) with sign +
        }
        // All t_k = 0: column sums Σ_k s_k r_k[j].
        for (int j = 0; j < n; j++)
        {
            double sr = 0, si = 0;
            for (int q = 0; q < usedCount; q++)
            {
                int k = used[q];
                sr += multiplicities[k] * re[k * n + j];
                si += multiplicities[k] * im[k * n + j];
            }
            sumRe[j] = sr;
            sumIm[j] = si;
        }

        // The term for (t) equals the term for (s − t); visiting t_0 ≤ s_0/2 only, with weight 2 below the
        // middle, halves the work. Digit 0 is the slowest digit so that this restriction is a prefix.
        int s0 = multiplicities[used[0]];
        double totalRe = 0, totalIm = 0, cRe = 0, cIm = 0;
        while (true)
        {
            double coefficient = 1.0;
            for (int q = 0; q < usedCount; q++) coefficient *= weight[q];
            if (2 * t[0] < s0) coefficient *= 2.0;
            ProductOfSums(sumRe, sumIm, out double pr, out double pi);
            KahanAdd(ref totalRe, ref cRe, coefficient * pr);
            KahanAdd(ref totalIm, ref cIm, coefficient * pi);

            // Reflected mixed-radix Gray code over digits 1..usedCount−1 (fastest = last), then digit 0.
            int moved = -1;
            for (int q = usedCount - 1; q >= 0; q--)
            {
                int limit = q == 0 ? s0 / 2 : multiplicities[used[q]];
                int next = t[q] + direction[q];
                if (next >= 0 && next <= limit)
                {
                    moved = q;
                    break;
                }
                direction[q] = -direction[q];
            }
            if (moved < 0) break;
            int row = used[moved];
            int s = multiplicities[row];
            int step = direction[moved];
            int from = t[moved];
            int to = from + step;
            t[moved] = to;
            // C(s, t) with sign (−1)^t, updated by the ratio C(s, t±1)/C(s, t).
            weight[moved] = step > 0 ? -weight[moved] * (s - from) / to : -weight[moved] * (from) / (s - to);
            double factor = -2.0 * step; // (s − 2t) changes by −2 per unit increase of t
            for (int j = 0; j < n; j++)
            {
                sumRe[j] += factor * re[row * n + j];
                sumIm[j] += factor * im[row * n + j];
            }
        }
        double scale = Math.ScaleB(1.0, -n);
        return new Complex(totalRe * scale, totalIm * scale);
    }

    /// <summary>
    /// Permanent of the n × n real matrix whose rows are the distinct rows given, row k repeated
    /// <paramref name="multiplicities"/>[k] times (see <see cref="OfRepeatedRows(ReadOnlySpan{double}, ReadOnlySpan{double}, int, ReadOnlySpan{int})"/>).
    /// </summary>
    /// <param name="a">Distinct rows, row-major, length rowCount·n.</param>
    /// <param name="rowCount">Number of distinct rows given.</param>
    /// <param name="multiplicities">How often each row appears (≥ 0, summing to the column count n).</param>
    public static double OfRepeatedRowsReal(ReadOnlySpan<double> a, int rowCount, ReadOnlySpan<int> multiplicities)
    {
        double[] zeros = new double[a.Length];
        return OfRepeatedRows(a, zeros, rowCount, multiplicities).Real;
    }

    /// <summary>
    /// Sum of the Glynn terms with Gray-code indices first … first+count−1 (index g has sign pattern
    /// gray = g ⊕ (g ≫ 1), bit b of gray negating row b+1), without the 2^{−(n−1)} prefactor. The column sums are
    /// recomputed from the first index, so blocks are independent and may run in any order or in parallel.
    /// </summary>
    /// <param name="re">Real parts, row-major n·n.</param>
    /// <param name="im">Imaginary parts, row-major n·n.</param>
    /// <param name="n">Order, 2 … <see cref="MaxOrder"/>.</param>
    /// <param name="first">First Gray-code index.</param>
    /// <param name="count">Number of consecutive indices.</param>
    /// <param name="scratch">Work space of at least 2n doubles.</param>
    /// <param name="sumRe">Real part of the block sum.</param>
    /// <param name="sumIm">Imaginary part of the block sum.</param>
    internal static void GlynnBlock(ReadOnlySpan<double> re, ReadOnlySpan<double> im, int n, long first, long count,
        Span<double> scratch, out double sumRe, out double sumIm)
    {
        Span<double> colRe = scratch[..n];
        Span<double> colIm = scratch.Slice(n, n);
        long gray = first ^ (first >> 1);
        colRe.Clear();
        colIm.Clear();
        for (int i = 0; i < n; i++)
        {
            double sign = i > 0 && ((gray >> (i - 1)) & 1) != 0 ? -1.0 : 1.0;
            ReadOnlySpan<double> rowRe = re.Slice(i * n, n);
            ReadOnlySpan<double> rowIm = im.Slice(i * n, n);
            for (int j = 0; j < n; j++)
            {
                colRe[j] += sign * rowRe[j];
                colIm[j] += sign * rowIm[j];
            }
        }
        double accRe = 0, accIm = 0;
        long g = first;
        long end = first + count;
        while (true)
        {
            ProductOfSums(colRe, colIm, out double pr, out double pi);
            if ((BitOperations.PopCount((ulong)gray) & 1) != 0)
            {
                accRe -= pr;
                accIm -= pi;
            }
            else
            {
                accRe += pr;
                accIm += pi;
            }
            g++;
            if (g >= end) break;
            int bit = BitOperations.TrailingZeroCount(g);
            gray ^= 1L << bit;
            int row = bit + 1;
            double factor = ((gray >> bit) & 1) != 0 ? -2.0 : 2.0;
            ReadOnlySpan<double> rRe = re.Slice(row * n, n);
            ReadOnlySpan<double> rIm = im.Slice(row * n, n);
            for (int j = 0; j < n; j++)
            {
                colRe[j] += factor * rRe[j];
                colIm[j] += factor * rIm[j];
            }
        }
        sumRe = accRe;
        sumIm = accIm;
    }

    /// <summary>Real counterpart of <see cref="GlynnBlock"/>; <paramref name="scratch"/> holds at least n doubles.</summary>
    internal static double GlynnBlockReal(ReadOnlySpan<double> a, int n, long first, long count, Span<double> scratch)
    {
        Span<double> col = scratch[..n];
        long gray = first ^ (first >> 1);
        col.Clear();
        for (int i = 0; i < n; i++)
        {
            double sign = i > 0 && ((gray >> (i - 1)) & 1) != 0 ? -1.0 : 1.0;
            ReadOnlySpan<double> row = a.Slice(i * n, n);
            for (int j = 0; j < n; j++) col[j] += sign * row[j];
        }
        double acc = 0;
        long g = first;
        long end = first + count;
        while (true)
        {
            double p = col[0];
            for (int j = 1; j < n; j++) p *= col[j];
            acc += (BitOperations.PopCount((ulong)gray) & 1) != 0 ? -p : p;
            g++;
            if (g >= end) break;
            int bit = BitOperations.TrailingZeroCount(g);
            gray ^= 1L << bit;
            double factor = ((gray >> bit) & 1) != 0 ? -2.0 : 2.0;
            ReadOnlySpan<double> r = a.Slice((bit + 1) * n, n);
            for (int j = 0; j < n; j++) col[j] += factor * r[j];
        }
        return acc;
    }

    /// <summary>n! as a double: exact products up to 170 (the largest finite one), +∞ beyond.</summary>
    private static double Factorial(int n)
    {
        double f = 1;
        for (int k = 2; k <= n; k++) f *= k;
        return f;
    }

    private static void ProductOfSums(ReadOnlySpan<double> colRe, ReadOnlySpan<double> colIm, out double pr, out double pi)
    {
        double r = colRe[0], i = colIm[0];
        for (int j = 1; j < colRe.Length; j++)
        {
            double a = colRe[j], b = colIm[j];
            double nr = r * a - i * b;
            i = r * b + i * a;
            r = nr;
        }
        pr = r;
        pi = i;
    }

    private static void KahanAdd(ref double sum, ref double compensation, double value)
    {
        double y = value - compensation;
        double t = sum + y;
        compensation = (t - sum) - y;
        sum = t;
    }

    private static void CheckSquare(int length, int n, string name)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "the order of a permanent must be ≥ 0");
        if (n > MaxOrder) throw new ArgumentOutOfRangeException(nameof(n), n, $"permanents of order above {MaxOrder} are not supported (2^(n−1) terms)");
        if (length != n * n) throw new ArgumentException($"a {n} × {n} matrix needs {n * n} entries, got {length}", name);
    }

    private static void CheckThreads(int maxThreads)
    {
        if (maxThreads < 1) throw new ArgumentOutOfRangeException(nameof(maxThreads), maxThreads, "the thread count must be ≥ 1");
    }

    private static int CheckRepeated(int reLength, int imLength, int rowCount, ReadOnlySpan<int> multiplicities)
    {
        if (rowCount < 0) throw new ArgumentOutOfRangeException(nameof(rowCount), rowCount, "the row count must be ≥ 0");
        if (multiplicities.Length != rowCount) throw new ArgumentException($"{multiplicities.Length} multiplicities for {rowCount} rows", nameof(multiplicities));
        int n = 0;
        for (int k = 0; k < rowCount; k++)
        {
            if (multiplicities[k] < 0) throw new ArgumentOutOfRangeException(nameof(multiplicities), multiplicities[k], $"multiplicity of row {k} must be ≥ 0");
            n += multiplicities[k];
        }
        if (reLength != rowCount * n || imLength != rowCount * n)
            throw new ArgumentException($"{rowCount} rows of {n} columns (the multiplicities sum to {n}) need {rowCount * n} entries, got {reLength} and {imLength}");
        return n;
    }
}
