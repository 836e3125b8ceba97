using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PhotonicKit.Circuit.Quantum;

/// <summary>
/// Vectorised, multithreaded evaluation of Glynn's sum Σ_δ (∏ δ_i) ∏_j (Σ_i δ_i A[i, j]) over the 2^{n−1} sign
/// vectors with δ₀ = +1 (Glynn, Eur. J. Combin. 31, 1887 (2010)), without the 2^{−(n−1)} prefactor.
/// </summary>
/// <remarks>
/// <para>
/// Lanes: with L = 2^b SIMD lanes (b = 3 for Vector512, 2 for Vector256), the signs of the last b rows are fixed
/// per lane (lane ℓ negates row n−b+k when bit k of ℓ is set) and the remaining m = n−1−b free rows are visited
/// in a reflected Gray code h ↦ h ⊕ (h ≫ 1), identical for all lanes. Every Gray step flips one row for all
/// lanes at once, so the column sums of the L lanes advance in lock-step with a broadcast update; the L lanes
/// together cover every sign vector exactly once.
/// </para>
/// <para>
/// Chunks: the range of h is split into 2^{m−k} chunks of 2^k consecutive indices, k depending only on n. Each
/// chunk recomputes its column sums from scratch (bounding the drift of the running sums), its lane results are
/// reduced in a fixed order, and the chunk results are added with Kahan compensation in chunk order. The result
/// therefore does not depend on the number of threads or on which thread evaluated which chunk.
/// </para>
/// </remarks>
internal static class PermanentKernels
{
    /// <summary>Smallest order handled by the SIMD kernels (smaller ones use the scalar kernel).</summary>
    internal const int MinVectorOrder = 8;

    /// <summary>Smallest order for which more than one thread is used.</summary>
    internal const int MinParallelOrder = 16;

    /// <summary>Lane bits of the widest accelerated vector type: 3 (Vector512), 2 (Vector256) or 0 (scalar).</summary>
    internal static readonly int LaneBits =
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? 3 : Vector256.IsHardwareAccelerated ? 2 : 0;

    /// <summary>Human-readable name of the kernel selected on this machine.</summary>
    internal static string Description => LaneBits switch
    {
        3 => "Vector512 (8 lanes of double), Glynn Gray code",
        2 => "Vector256 (4 lanes of double), Glynn Gray code",
        _ => "scalar, Glynn Gray code",
    };

    /// <summary>log2 of the Gray-code indices per chunk for m free rows: at least 2^10, at most 2^16 chunks.</summary>
    private static int ChunkBits(int m) => Math.Min(m, Math.Max(10, m - 16));

    /// <summary>Complex Glynn sum (no prefactor), order n ≥ 2.</summary>
    internal static void GlynnSum(ReadOnlySpan<double> re, ReadOnlySpan<double> im, int n, int threads, out double sumRe, out double sumIm)
    {
        int laneBits = n >= MinVectorOrder ? LaneBits : 0;
        int m = n - 1 - laneBits;
        int k = ChunkBits(m);
        long chunkSize = 1L << k;
        int chunks = 1 << (m - k);
        if (chunks == 1)
        {
            // One chunk (n ≤ 14 with Vector512): no copies, no threads.
            if (laneBits == 3)
            {
                int nn = n * n;
                Span<double> twice = stackalloc double[2 * nn];
                for (int q = 0; q < nn; q++)
                {
                    twice[q] = 2.0 * re[q];
                    twice[nn + q] = 2.0 * im[q];
                }
                Chunk512(re, im, twice[..nn], twice[nn..], n, 0, chunkSize, out sumRe, out sumIm);
            }
            else if (laneBits == 2) Chunk256(re, im, n, 0, chunkSize, out sumRe, out sumIm);
            else
            {
                Span<double> scratch = stackalloc double[2 * n];
                Permanent.GlynnBlock(re, im, n, 0, chunkSize, scratch, out sumRe, out sumIm);
            }
            return;
        }
        double[] a = re.ToArray();
        double[] b = im.ToArray();
        double[] twiceRe = new double[a.Length], twiceIm = new double[b.Length];
        for (int q = 0; q < a.Length; q++)
        {
            twiceRe[q] = 2.0 * a[q];
            twiceIm[q] = 2.0 * b[q];
        }
        var resRe = new double[chunks];
        var resIm = new double[chunks];
        void Run(int c)
        {
            double r, i;
            if (laneBits == 3) Chunk512(a, b, twiceRe, twiceIm, n, c * chunkSize, chunkSize, out r, out i);
            else if (laneBits == 2) Chunk256(a, b, n, c * chunkSize, chunkSize, out r, out i);
            else
            {
                Span<double> scratch = stackalloc double[2 * n];
                Permanent.GlynnBlock(a, b, n, c * chunkSize, chunkSize, scratch, out r, out i);
            }
            resRe[c] = r;
            resIm[c] = i;
        }
        ForEachChunk(chunks, n, threads, Run);
        double sr = 0, si = 0, cr = 0, ci = 0;
        for (int c = 0; c < chunks; c++)
        {
            KahanAdd(ref sr, ref cr, resRe[c]);
            KahanAdd(ref si, ref ci, resIm[c]);
        }
        sumRe = sr;
        sumIm = si;
    }

    /// <summary>Real Glynn sum (no prefactor), order n ≥ 2.</summary>
    internal static double GlynnSumReal(ReadOnlySpan<double> values, int n, int threads)
    {
        int laneBits = n >= MinVectorOrder ? LaneBits : 0;
        int m = n - 1 - laneBits;
        int k = ChunkBits(m);
        long chunkSize = 1L << k;
        int chunks = 1 << (m - k);
        if (chunks == 1)
        {
            if (laneBits == 3) return Chunk512Real(values, n, 0, chunkSize);
            if (laneBits == 2) return Chunk256Real(values, n, 0, chunkSize);
            Span<double> scratch = stackalloc double[n];
            return Permanent.GlynnBlockReal(values, n, 0, chunkSize, scratch);
        }
        double[] a = values.ToArray();
        var res = new double[chunks];
        void Run(int c)
        {
            if (laneBits == 3) res[c] = Chunk512Real(a, n, c * chunkSize, chunkSize);
            else if (laneBits == 2) res[c] = Chunk256Real(a, n, c * chunkSize, chunkSize);
            else
            {
                Span<double> scratch = stackalloc double[n];
                res[c] = Permanent.GlynnBlockReal(a, n, c * chunkSize, chunkSize, scratch);
            }
        }
        ForEachChunk(chunks, n, threads, Run);
        double s = 0, comp = 0;
        for (int c = 0; c < chunks; c++) KahanAdd(ref s, ref comp, res[c]);
        return s;
    }

    private static void ForEachChunk(int chunks, int n, int threads, Action<int> run)
    {
        int workers = Math.Min(threads, chunks);
        if (workers <= 1 || n < MinParallelOrder)
        {
            for (int c = 0; c < chunks; c++) run(c);
            return;
        }
        int next = -1;
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
        Parallel.For(0, workers, options, _ =>
        {
            int c;
            while ((c = Interlocked.Increment(ref next)) < chunks) run(c);
        });
    }

    // ---------------------------------------------------------------- Vector512, complex

    private static void Chunk512(ReadOnlySpan<double> re, ReadOnlySpan<double> im, ReadOnlySpan<double> twiceRe, ReadOnlySpan<double> twiceIm, int n, long first, long count, out double sumRe, out double sumIm)
    {
        const int laneBits = 3;
        int m = n - 1 - laneBits;
        Span<Vector512<double>> colRe = stackalloc Vector512<double>[n];
        Span<Vector512<double>> colIm = stackalloc Vector512<double>[n];
        long gray = first ^ (first >> 1);
        // Scalar part: row 0 and the m free rows with the signs of the first Gray index.
        for (int j = 0; j < n; j++)
        {
            double sr = 0, si = 0;
            for (int i = 0; i <= m; i++)
            {
                bool negative = i > 0 && ((gray >> (i - 1)) & 1) != 0;
                sr += negative ? -re[i * n + j] : re[i * n + j];
                si += negative ? -im[i * n + j] : im[i * n + j];
            }
            colRe[j] = Vector512.Create(sr);
            colIm[j] = Vector512.Create(si);
        }
        // Lane part: row m+1+q negated in the lanes whose bit q is set.
        for (int q = 0; q < laneBits; q++)
        {
            Vector512<double> sign = LaneSign512(q);
            int row = m + 1 + q;
            for (int j = 0; j < n; j++)
            {
                colRe[j] = Vector512.FusedMultiplyAdd(sign, Vector512.Create(re[row * n + j]), colRe[j]);
                colIm[j] = Vector512.FusedMultiplyAdd(sign, Vector512.Create(im[row * n + j]), colIm[j]);
            }
        }
        Vector512<double> accRe = Vector512<double>.Zero, accIm = Vector512<double>.Zero;
        Vector512<double> sgn = Vector512.Create((BitOperations.PopCount((ulong)gray) & 1) != 0 ? -1.0 : 1.0);
        long g = first;
        long end = first + count;
        Product512(colRe, colIm, n, out Vector512<double> pr, out Vector512<double> pi);
        ref Vector512<double> cRe = ref MemoryMarshal.GetReference(colRe);
        ref Vector512<double> cIm = ref MemoryMarshal.GetReference(colIm);
        ref double twoRe = ref MemoryMarshal.GetReference(twiceRe);
        ref double twoIm = ref MemoryMarshal.GetReference(twiceIm);
        while (true)
        {
            accRe = Vector512.FusedMultiplyAdd(sgn, pr, accRe);
            accIm = Vector512.FusedMultiplyAdd(sgn, pi, accIm);
            sgn = -sgn;
            g++;
            if (g >= end) break;
            int bit = BitOperations.TrailingZeroCount(g);
            gray ^= 1L << bit;
            int offset = (bit + 1) * n;
            // Flip row bit+1 in every lane (subtract twice the row when its sign became −1) and form the new
            // product in the same pass over the columns.
            if (((gray >> bit) & 1) != 0)
                UpdateAndMultiply512<Subtract>(ref cRe, ref cIm, ref Unsafe.Add(ref twoRe, offset), ref Unsafe.Add(ref twoIm, offset), n, out pr, out pi);
            else
                UpdateAndMultiply512<Add>(ref cRe, ref cIm, ref Unsafe.Add(ref twoRe, offset), ref Unsafe.Add(ref twoIm, offset), n, out pr, out pi);
        }
        Vector512<double> parity = LaneParity512();
        sumRe = ReduceInOrder(accRe * parity);
        sumIm = ReduceInOrder(accIm * parity);
    }

    private interface IAddOrSubtract
    {
        static abstract Vector512<double> Apply(Vector512<double> a, Vector512<double> b);
    }

    private readonly struct Add : IAddOrSubtract
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Apply(Vector512<double> a, Vector512<double> b) => a + b;
    }

    private readonly struct Subtract : IAddOrSubtract
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Apply(Vector512<double> a, Vector512<double> b) => a - b;
    }

    /// <summary>col[j] ← col[j] ± broadcast(row[j]) for all j, returning ∏_j col[j] (four product chains).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateAndMultiply512<TOp>(ref Vector512<double> cRe, ref Vector512<double> cIm, ref double rowRe, ref double rowIm,
        int n, out Vector512<double> pr, out Vector512<double> pi) where TOp : struct, IAddOrSubtract
    {
        Vector512<double> r0 = Unsafe.Add(ref cRe, 0) = TOp.Apply(Unsafe.Add(ref cRe, 0), Vector512.Create(Unsafe.Add(ref rowRe, 0)));
        Vector512<double> i0 = Unsafe.Add(ref cIm, 0) = TOp.Apply(Unsafe.Add(ref cIm, 0), Vector512.Create(Unsafe.Add(ref rowIm, 0)));
        Vector512<double> r1 = Unsafe.Add(ref cRe, 1) = TOp.Apply(Unsafe.Add(ref cRe, 1), Vector512.Create(Unsafe.Add(ref rowRe, 1)));
        Vector512<double> i1 = Unsafe.Add(ref cIm, 1) = TOp.Apply(Unsafe.Add(ref cIm, 1), Vector512.Create(Unsafe.Add(ref rowIm, 1)));
        Vector512<double> r2 = Unsafe.Add(ref cRe, 2) = TOp.Apply(Unsafe.Add(ref cRe, 2), Vector512.Create(Unsafe.Add(ref rowRe, 2)));
        Vector512<double> i2 = Unsafe.Add(ref cIm, 2) = TOp.Apply(Unsafe.Add(ref cIm, 2), Vector512.Create(Unsafe.Add(ref rowIm, 2)));
        Vector512<double> r3 = Unsafe.Add(ref cRe, 3) = TOp.Apply(Unsafe.Add(ref cRe, 3), Vector512.Create(Unsafe.Add(ref rowRe, 3)));
        Vector512<double> i3 = Unsafe.Add(ref cIm, 3) = TOp.Apply(Unsafe.Add(ref cIm, 3), Vector512.Create(Unsafe.Add(ref rowIm, 3)));
        int j = 4;
        for (; j + 3 < n; j += 4)
        {
            Vector512<double> a0 = Unsafe.Add(ref cRe, j) = TOp.Apply(Unsafe.Add(ref cRe, j), Vector512.Create(Unsafe.Add(ref rowRe, j)));
            Vector512<double> b0 = Unsafe.Add(ref cIm, j) = TOp.Apply(Unsafe.Add(ref cIm, j), Vector512.Create(Unsafe.Add(ref rowIm, j)));
            Mul(ref r0, ref i0, a0, b0);
            Vector512<double> a1 = Unsafe.Add(ref cRe, j + 1) = TOp.Apply(Unsafe.Add(ref cRe, j + 1), Vector512.Create(Unsafe.Add(ref rowRe, j + 1)));
            Vector512<double> b1 = Unsafe.Add(ref cIm, j + 1) = TOp.Apply(Unsafe.Add(ref cIm, j + 1), Vector512.Create(Unsafe.Add(ref rowIm, j + 1)));
            Mul(ref r1, ref i1, a1, b1);
            Vector512<double> a2 = Unsafe.Add(ref cRe, j + 2) = TOp.Apply(Unsafe.Add(ref cRe, j + 2), Vector512.Create(Unsafe.Add(ref rowRe, j + 2)));
            Vector512<double> b2 = Unsafe.Add(ref cIm, j + 2) = TOp.Apply(Unsafe.Add(ref cIm, j + 2), Vector512.Create(Unsafe.Add(ref rowIm, j + 2)));
            Mul(ref r2, ref i2, a2, b2);
            Vector512<double> a3 = Unsafe.Add(ref cRe, j + 3) = TOp.Apply(Unsafe.Add(ref cRe, j + 3), Vector512.Create(Unsafe.Add(ref rowRe, j + 3)));
            Vector512<double> b3 = Unsafe.Add(ref cIm, j + 3) = TOp.Apply(Unsafe.Add(ref cIm, j + 3), Vector512.Create(Unsafe.Add(ref rowIm, j + 3)));
            Mul(ref r3, ref i3, a3, b3);
        }
        for (; j < n; j++)
        {
            Vector512<double> a0 = Unsafe.Add(ref cRe, j) = TOp.Apply(Unsafe.Add(ref cRe, j), Vector512.Create(Unsafe.Add(ref rowRe, j)));
            Vector512<double> b0 = Unsafe.Add(ref cIm, j) = TOp.Apply(Unsafe.Add(ref cIm, j), Vector512.Create(Unsafe.Add(ref rowIm, j)));
            Mul(ref r0, ref i0, a0, b0);
        }
        Mul(ref r0, ref i0, r1, i1);
        Mul(ref r2, ref i2, r3, i3);
        Mul(ref r0, ref i0, r2, i2);
        pr = r0;
        pi = i0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Product512(Span<Vector512<double>> colRe, Span<Vector512<double>> colIm, int n,
        out Vector512<double> pr, out Vector512<double> pi)
    {
        // Four independent multiplication chains hide the latency of the complex products.
        Vector512<double> r0 = colRe[0], i0 = colIm[0];
        Vector512<double> r1 = colRe[1], i1 = colIm[1];
        Vector512<double> r2 = colRe[2], i2 = colIm[2];
        Vector512<double> r3 = colRe[3], i3 = colIm[3];
        int j = 4;
        for (; j + 3 < n; j += 4)
        {
            Mul(ref r0, ref i0, colRe[j], colIm[j]);
            Mul(ref r1, ref i1, colRe[j + 1], colIm[j + 1]);
            Mul(ref r2, ref i2, colRe[j + 2], colIm[j + 2]);
            Mul(ref r3, ref i3, colRe[j + 3], colIm[j + 3]);
        }
        for (; j < n; j++) Mul(ref r0, ref i0, colRe[j], colIm[j]);
        Mul(ref r0, ref i0, r1, i1);
        Mul(ref r2, ref i2, r3, i3);
        Mul(ref r0, ref i0, r2, i2);
        pr = r0;
        pi = i0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mul(ref Vector512<double> r, ref Vector512<double> i, Vector512<double> a, Vector512<double> b)
    {
        Vector512<double> nr = Avx512F.FusedMultiplySubtract(r, a, i * b);
        i = Vector512.FusedMultiplyAdd(r, b, i * a);
        r = nr;
    }

    private static Vector512<double> LaneSign512(int q)
    {
        Span<double> s = stackalloc double[8];
        for (int l = 0; l < 8; l++) s[l] = ((l >> q) & 1) != 0 ? -1.0 : 1.0;
        return Vector512.Create((ReadOnlySpan<double>)s);
    }

    private static Vector512<double> LaneParity512()
    {
        Span<double> s = stackalloc double[8];
        for (int l = 0; l < 8; l++) s[l] = (BitOperations.PopCount((uint)l) & 1) != 0 ? -1.0 : 1.0;
        return Vector512.Create((ReadOnlySpan<double>)s);
    }

    private static double ReduceInOrder(Vector512<double> v)
    {
        double s = 0;
        for (int l = 0; l < 8; l++) s += v.GetElement(l);
        return s;
    }

    // ---------------------------------------------------------------- Vector512, real

    private static double Chunk512Real(ReadOnlySpan<double> a, int n, long first, long count)
    {
        const int laneBits = 3;
        int m = n - 1 - laneBits;
        Span<Vector512<double>> col = stackalloc Vector512<double>[n];
        long gray = first ^ (first >> 1);
        for (int j = 0; j < n; j++)
        {
            double s = 0;
            for (int i = 0; i <= m; i++)
            {
                bool negative = i > 0 && ((gray >> (i - 1)) & 1) != 0;
                s += negative ? -a[i * n + j] : a[i * n + j];
            }
            col[j] = Vector512.Create(s);
        }
        for (int q = 0; q < laneBits; q++)
        {
            Vector512<double> sign = LaneSign512(q);
            int row = m + 1 + q;
            for (int j = 0; j < n; j++) col[j] = Vector512.FusedMultiplyAdd(sign, Vector512.Create(a[row * n + j]), col[j]);
        }
        Vector512<double> acc = Vector512<double>.Zero;
        Vector512<double> sgn = Vector512.Create((BitOperations.PopCount((ulong)gray) & 1) != 0 ? -1.0 : 1.0);
        long g = first;
        long end = first + count;
        ref double aBase = ref MemoryMarshal.GetReference(a);
        while (true)
        {
            Vector512<double> p0 = col[0], p1 = col[1], p2 = col[2], p3 = col[3];
            int j = 4;
            for (; j + 3 < n; j += 4)
            {
                p0 *= col[j];
                p1 *= col[j + 1];
                p2 *= col[j + 2];
                p3 *= col[j + 3];
            }
            for (; j < n; j++) p0 *= col[j];
            acc = Vector512.FusedMultiplyAdd(sgn, (p0 * p1) * (p2 * p3), acc);
            sgn = -sgn;
            g++;
            if (g >= end) break;
            int bit = BitOperations.TrailingZeroCount(g);
            gray ^= 1L << bit;
            int offset = (bit + 1) * n;
            Vector512<double> factor = Vector512.Create(((gray >> bit) & 1) != 0 ? -2.0 : 2.0);
            for (j = 0; j < n; j++)
                col[j] = Vector512.FusedMultiplyAdd(factor, Vector512.Create(Unsafe.Add(ref aBase, offset + j)), col[j]);
        }
        return ReduceInOrder(acc * LaneParity512());
    }

    // ---------------------------------------------------------------- Vector256, complex

    private static void Chunk256(ReadOnlySpan<double> re, ReadOnlySpan<double> im, int n, long first, long count, out double sumRe, out double sumIm)
    {
        const int laneBits = 2;
        int m = n - 1 - laneBits;
        Span<Vector256<double>> colRe = stackalloc Vector256<double>[n];
        Span<Vector256<double>> colIm = stackalloc Vector256<double>[n];
        long gray = first ^ (first >> 1);
        for (int j = 0; j < n; j++)
        {
            double sr = 0, si = 0;
            for (int i = 0; i <= m; i++)
            {
                bool negative = i > 0 && ((gray >> (i - 1)) & 1) != 0;
                sr += negative ? -re[i * n + j] : re[i * n + j];
                si += negative ? -im[i * n + j] : im[i * n + j];
            }
            colRe[j] = Vector256.Create(sr);
            colIm[j] = Vector256.Create(si);
        }
        for (int q = 0; q < laneBits; q++)
        {
            Vector256<double> sign = LaneSign256(q);
            int row = m + 1 + q;
            for (int j = 0; j < n; j++)
            {
                colRe[j] = Vector256.FusedMultiplyAdd(sign, Vector256.Create(re[row * n + j]), colRe[j]);
                colIm[j] = Vector256.FusedMultiplyAdd(sign, Vector256.Create(im[row * n + j]), colIm[j]);
            }
        }
        Vector256<double> accRe = Vector256<double>.Zero, accIm = Vector256<double>.Zero;
        Vector256<double> sgn = Vector256.Create((BitOperations.PopCount((ulong)gray) & 1) != 0 ? -1.0 : 1.0);
        long g = first;
        long end = first + count;
        while (true)
        {
            Vector256<double> r0 = colRe[0], i0 = colIm[0], r1 = colRe[1], i1 = colIm[1];
            Vector256<double> r2 = colRe[2], i2 = colIm[2], r3 = colRe[3], i3 = colIm[3];
            int j = 4;
            for (; j + 3 < n; j += 4)
            {
                Mul(ref r0, ref i0, colRe[j], colIm[j]);
                Mul(ref r1, ref i1, colRe[j + 1], colIm[j + 1]);
                Mul(ref r2, ref i2, colRe[j + 2], colIm[j + 2]);
                Mul(ref r3, ref i3, colRe[j + 3], colIm[j + 3]);
            }
            for (; j < n; j++) Mul(ref r0, ref i0, colRe[j], colIm[j]);
            Mul(ref r0, ref i0, r1, i1);
            Mul(ref r2, ref i2, r3, i3);
            Mul(ref r0, ref i0, r2, i2);
            accRe = Vector256.FusedMultiplyAdd(sgn, r0, accRe);
            accIm = Vector256.FusedMultiplyAdd(sgn, i0, accIm);
            sgn = -sgn;
            g++;
            if (g >= end) break;
            int bit = BitOperations.TrailingZeroCount(g);
            gray ^= 1L << bit;
            int offset = (bit + 1) * n;
            Vector256<double> factor = Vector256.Create(((gray >> bit) & 1) != 0 ? -2.0 : 2.0);
            for (j = 0; j < n; j++)
            {
                colRe[j] = Vector256.FusedMultiplyAdd(factor, Vector256.Create(re[offset + j]), colRe[j]);
                colIm[j] = Vector256.FusedMultiplyAdd(factor, Vector256.Create(im[offset + j]), colIm[j]);
            }
        }
        Vector256<double> parity = LaneParity256();
        sumRe = ReduceInOrder(accRe * parity);
        sumIm = ReduceInOrder(accIm * parity);
    }

    private static double Chunk256Real(ReadOnlySpan<double> a, int n, long first, long count)
    {
        const int laneBits = 2;
        int m = n - 1 - laneBits;
        Span<Vector256<double>> col = stackalloc Vector256<double>[n];
        long gray = first ^ (first >> 1);
        for (int j = 0; j < n; j++)
        {
            double s = 0;
            for (int i = 0; i <= m; i++)
            {
                bool negative = i > 0 && ((gray >> (i - 1)) & 1) != 0;
                s += negative ? -a[i * n + j] : a[i * n + j];
            }
            col[j] = Vector256.Create(s);
        }
        for (int q = 0; q < laneBits; q++)
        {
            Vector256<double> sign = LaneSign256(q);
            int row = m + 1 + q;
            for (int j = 0; j < n; j++) col[j] = Vector256.FusedMultiplyAdd(sign, Vector256.Create(a[row * n + j]), col[j]);
        }
        Vector256<double> acc = Vector256<double>.Zero;
        Vector256<double> sgn = Vector256.Create((BitOperations.PopCount((ulong)gray) & 1) != 0 ? -1.0 : 1.0);
        long g = first;
        long end = first + count;
        while (true)
        {
            Vector256<double> p0 = col[0], p1 = col[1], p2 = col[2], p3 = col[3];
            int j = 4;
            for (; j + 3 < n; j += 4)
            {
                p0 *= col[j];
                p1 *= col[j + 1];
                p2 *= col[j + 2];
                p3 *= col[j + 3];
            }
            for (; j < n; j++) p0 *= col[j];
            acc = Vector256.FusedMultiplyAdd(sgn, (p0 * p1) * (p2 * p3), acc);
            sgn = -sgn;
            g++;
            if (g >= end) break;
            int bit = BitOperations.TrailingZeroCount(g);
            gray ^= 1L << bit;
            int offset = (bit + 1) * n;
            Vector256<double> factor = Vector256.Create(((gray >> bit) & 1) != 0 ? -2.0 : 2.0);
            for (j = 0; j < n; j++) col[j] = Vector256.FusedMultiplyAdd(factor, Vector256.Create(a[offset + j]), col[j]);
        }
        return ReduceInOrder(acc * LaneParity256());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mul(ref Vector256<double> r, ref Vector256<double> i, Vector256<double> a, Vector256<double> b)
    {
        Vector256<double> nr = Vector256.FusedMultiplyAdd(r, a, -(i * b));
        i = Vector256.FusedMultiplyAdd(r, b, i * a);
        r = nr;
    }

    private static Vector256<double> LaneSign256(int q)
    {
        Span<double> s = stackalloc double[4];
        for (int l = 0; l < 4; l++) s[l] = ((l >> q) & 1) != 0 ? -1.0 : 1.0;
        return Vector256.Create((ReadOnlySpan<double>)s);
    }

    private static Vector256<double> LaneParity256()
    {
        Span<double> s = stackalloc double[4];
        for (int l = 0; l < 4; l++) s[l] = (BitOperations.PopCount((uint)l) & 1) != 0 ? -1.0 : 1.0;
        return Vector256.Create((ReadOnlySpan<double>)s);
    }

    private static double ReduceInOrder(Vector256<double> v) => ((v.GetElement(0) + v.GetElement(1)) + v.GetElement(2)) + v.GetElement(3);

    private static void KahanAdd(ref double sum, ref double compensation, double value)
    {
        double y = value - compensation;
        double t = sum + y;
        compensation = (t - sum) - y;
        sum = t;
    }
}
