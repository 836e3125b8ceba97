using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PhotonicKit.Circuit.Quantum;

/// <summary>
/// The full output distribution of n photons that are all in one mixed internal state ρ (identical sources, or the
/// pulses of one source), exactly, from the indistinguishable distributions of every subset of them.
/// </summary>
/// <remarks>
/// <para>
/// The interference formula weights each permutation σ of the photons by J(σ) = ∏ over its cycles of the cycle traces,
/// which for identical photons depend only on the cycle lengths: J(σ) = ∏_c t_{|c|}, t_k = Tr ρ^k (t_1 = 1; a private
/// share of the photon enters as t_k = c^k Tr ρ_coh^k). Write P_σ for the term of σ in the probability of an output
/// pattern (Tichy, PRA 91, 022316 (2015); Shchesnovich, PRA 91, 013844 (2015)); the term of a permutation is the
/// convolution, over how the output counts split, of the terms of its cycles. Convolution makes functions of photon
/// subsets a ring (the subset convolution: (f ⊛ g)(S) = Σ_{A ⊆ S} f(A) ∗ g(S∖A)), and in it
/// </para>
/// <para>
/// X(S) = Σ_{σ ∈ Sym(S)} P_σ = exp_⊛(C)(S), the indistinguishable distribution of the photons of S, where C(S) is the
/// sum over the cyclic permutations of S; hence C = log_⊛(1 + X), and the distribution of the mixed photons is
/// P = Σ_σ J(σ) P_σ = exp_⊛(t ⊙ C)(all photons), with (t ⊙ C)(S) = t_{|S|} C(S) (the exponential formula of
/// combinatorics: a permutation is a set of cycles). With t_k = 1 it is X, with t_k = 0 (k ≥ 2) the distinguishable
/// convolution, with t_k = c^k (k ≥ 2) the binary model.
/// </para>
/// <para>
/// Computation: X(S) for every subset by SLOS, each from the amplitudes of S without its last photon
/// (<see cref="Slos"/>), unnormalised for photons that share an input; then, subsets in order of size,
/// C(S) = X(S) − Σ_{B ∋ min S, B ≠ S} C(B) ∗ X(S∖B) and E(S) = t_{|S|} C(S) + Σ_{B ∋ min S, B ≠ S} t_{|B|} C(B) ∗ E(S∖B),
/// where B is the block (cycle set) of the smallest photon; P = E(all)/N_in with N_in = ∏ over inputs of the cycle index
/// of the photons in it. The arrays of one size are stored [pattern][subset]; a pair of output patterns (u, v) of b and
/// k − b photons serves every S of size k and both block sizes b and k − b, with the values copied into pair order so that
/// each S's sum is a contiguous dot product. The cost is Σ_k C(n, k) Σ_b C(k−1, b−1)·#(b)·#(k − b) multiply–adds
/// (#(k) the patterns of k photons), about 3^n/2 convolutions, against n! permutations for each of the C(n+m−1, n)
/// patterns of the permutation sum. Sums run in a fixed order, so the result does not depend on the number of threads.
/// </para>
/// </remarks>
internal static class IdenticalMixedPhotons
{
    /// <summary>Estimated cost: operations (SLOS of every subset and the pairs' convolutions) and peak memory in bytes.</summary>
    /// <param name="photons">n ≥ 1.</param>
    /// <param name="modes">m ≥ 1.</param>
    public static CostEstimate Estimate(int photons, int modes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(photons, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(modes, 1);
        double Count(int k) => FockDistribution.BinomialDouble(k + modes - 1, k);
        double operations = 0, stored = 0, level = 0;
        for (int k = 1; k <= photons; k++)
        {
            double subsets = FockDistribution.BinomialDouble(photons, k);
            // SLOS: an amplitude layer and a probability layer per subset.
            operations += subsets * Count(k) * 2 * (2.0 * modes + 8.0 * k);
            // Pairs (B ∋ min S, S∖B): two dot-product terms each (C and E); the pair-ordered copies of their values.
            double pairs = 0, copies = 0;
            for (int b = 1; b < k; b++)
            {
                double perS = FockDistribution.BinomialDouble(k - 1, b - 1);
                pairs += perS * Count(b) * Count(k - b);
                copies += subsets * perS * (Count(b) + 2 * Count(k - b)) * 8.0;
            }
            operations += subsets * pairs * 2.0;
            // X, C and E (8 bytes each) and the amplitudes (16 bytes) of every subset; per size, the parts' sums and the copies.
            stored += subsets * Count(k) * 40.0;
            level = Math.Max(level, 2.0 * Parts * 8.0 * subsets * Count(k) + copies);
        }
        double memory = stored + level;
        return new CostEstimate(Count(photons), operations, memory);
    }

    /// <summary>
    /// Probabilities of every output occupation of the photons (photon k in input <paramref name="inputModes"/>[k]),
    /// indexed like <see cref="FockDistribution"/>. For a lossy transfer they sum to the probability of detecting all.
    /// </summary>
    /// <param name="space">Occupations of up to n photons in the transfer's outputs.</param>
    /// <param name="transfer">T[out, in].</param>
    /// <param name="inputModes">Input of each photon (repeats allowed: photons of one source).</param>
    /// <param name="traces">t_k = Tr ρ^k for k = 0 … n (t_1 = 1; t_0 unused).</param>
    /// <param name="threads">Largest number of threads.</param>
    public static double[] Distribution(FockDistribution.Space space, Complex[,] transfer, IReadOnlyList<int> inputModes, IReadOnlyList<double> traces, int threads)
    {
        int n = inputModes.Count, m = space.Modes;
        if (n == 0) return [1.0];
        if (n > 20) throw new ArgumentOutOfRangeException(nameof(inputModes), n, "at most 20 photons (every subset is stored)");
        if (traces.Count < n + 1) throw new ArgumentException($"{traces.Count} cycle traces for {n} photons: t_0 … t_n are needed", nameof(traces));
        var levels = new Levels(n);
        var counts = new int[n + 1];
        for (int k = 0; k <= n; k++) counts[k] = (int)space.Count(k);

        // X(S), the indistinguishable distribution of the photons of S, stored by size k as [pattern][subset].
        var x = new double[n + 1][];
        for (int k = 1; k <= n; k++) x[k] = new double[(long)counts[k] * levels.Subsets[k].Length];
        var columns = new double[n][];
        for (int k = 0; k < n; k++)
        {
            columns[k] = new double[2 * m];
            for (int j = 0; j < m; j++)
            {
                columns[k][2 * j] = transfer[j, inputModes[k]].Real;
                columns[k][2 * j + 1] = transfer[j, inputModes[k]].Imaginary;
            }
        }
        // Subsets of one size in parallel, each from its parent without its last photon (one size smaller).
        var amplitudes = new double[1 << n][];
        amplitudes[0] = [1.0, 0.0];
        for (int size = 1; size <= n; size++)
        {
            int level = size;
            Parallel.ForEach(levels.Subsets[size], new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, s =>
            {
                int last = 31 - BitOperations.LeadingZeroCount((uint)s);
                var previous = amplitudes[s & ~(1 << last)];
                int count = counts[level], width = levels.Subsets[level].Length, column = levels.Index[s];
                var probabilities = new double[count];
                // Unnormalised for photons sharing an input (the sum over all permutations of S, ∏ s_i! times the
                // probabilities): the whole is normalised once at the end by N_in.
                Slos.Layer(space, level, columns[last], previous, probabilities, count, Slos.LayerKind.FinalProbability, 0, 1);
                var xs = x[level];
                for (int r = 0; r < count; r++) xs[(long)r * width + column] = probabilities[r];
                // Only subsets without the last photon are parents (a parent gains a photon after its own last one).
                if (level < n && last < n - 1)
                {
                    var next = new double[2 * count];
                    Slos.Layer(space, level, columns[last], previous, next, count, Slos.LayerKind.Amplitude, 0, 1);
                    amplitudes[s] = next;
                }
            });
            // The amplitudes one size down are no longer needed.
            foreach (int s in levels.Subsets[size - 1]) amplitudes[s] = null!;
        }
        amplitudes = null!;

        // C (cycle parts) and E (mixed distributions) by size. Each pair (u, v) of patterns of b and k − b photons adds,
        // for every (S, B, S∖B) of the recursion, C(B)(u)·X(S∖B)(v) and t_b C(B)(u)·E(S∖B)(v) to the sums of S at u + v.
        // The patterns u are split into a fixed number of parts, each summed in order into its own arrays, so that the
        // result does not depend on the threads.
        var c = new double[n + 1][];
        var e = new double[n + 1][];
        c[1] = x[1];
        e[1] = x[1];
        for (int k = 2; k <= n; k++)
        {
            int width = levels.Subsets[k].Length, count = counts[k], level = k;
            long size = (long)count * width;
            var pairs = levels.Pairs(k);
            // The whole set needs only E = t_n X + Σ_B C(B) ∗ (t_|B| E(S∖B) − t_n X(S∖B)): one sum per pair, over the
            // combined rests, and no C.
            bool whole = k == n;
            int mixedTargets = whole ? 0 : levels.MixedTargets(k);
            var cycleParts = new double[Parts][];
            var mixedParts = new double[Parts][];
            // Per block size b, the values the pairs read, copied into pair order (pattern-major): C(B)(u) for every u, and
            // X(S∖B)(v), E(S∖B)(v) for every v, so that each S's sum over its pairs is a contiguous dot product.
            var gathered = new (double[] C, double[] X, double[] E)[k];
            for (int b = 1; b < k; b++)
            {
                var list = pairs[b];
                var rest = whole ? Combined(traces[b], e[k - b], traces[k], x[k - b]) : x[k - b];
                gathered[b] = (Gather(c[b], counts[b], list.Block), Gather(rest, counts[k - b], list.Rest), whole ? [] : Gather(e[k - b], counts[k - b], list.Rest));
            }
            Parallel.For(0, Parts, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, part =>
            {
                var cycle = new double[size];
                var mixed = new double[size];
                // The pairs (u, v) of sizes (b, k − b) and (k − b, b) are the same pattern pairs: one walk serves both block sizes.
                for (int b = 1; 2 * b <= level; b++)
                {
                    var first = new Side(pairs[b].Starts, gathered[b].C, gathered[b].X, gathered[b].E, traces[b], mixedTargets);
                    Side? second = 2 * b < level
                        ? new Side(pairs[level - b].Starts, gathered[level - b].C, gathered[level - b].X, gathered[level - b].E, traces[level - b], mixedTargets)
                        : null;
                    Accumulate(space, level, b, counts, part, first, second, width, cycle, mixed);
                }
                cycleParts[part] = cycle;
                mixedParts[part] = mixed;
            });
            var ck = k < n ? new double[size] : null;
            var ek = new double[size];
            var xk = x[k];
            double tk = traces[k];
            for (long i = 0; i < size; i++)
            {
                double cycleSum = 0, mixedSum = 0;
                for (int part = 0; part < Parts; part++)
                {
                    cycleSum += cycleParts[part][i];
                    mixedSum += mixedParts[part][i];
                }
                if (whole)
                {
                    ek[i] = tk * xk[i] + cycleSum;
                    continue;
                }
                double cycle = xk[i] - cycleSum;
                ek[i] = tk * cycle + mixedSum;
                if (ck is not null) ck[i] = cycle;
            }
            c[k] = ck!;
            e[k] = ek;
        }
        // N_in = Σ_σ J(σ) over the permutations that keep every photon in its input: ∏ over inputs of the cycle index
        // Z_g = Σ_{j=1}^{g} C(g−1, j−1)(j−1)! t_j Z_{g−j} (the cycle through a given photon has j photons).
        double norm = 1;
        foreach (int g in inputModes.GroupBy(i => i).Select(group => group.Count()))
        {
            var z = new double[g + 1];
            z[0] = 1;
            for (int size = 1; size <= g; size++)
            {
                double arrangements = 1; // C(size − 1, j − 1)(j − 1)! = (size − 1)!/(size − j)!
                for (int j = 1; j <= size; j++)
                {
                    z[size] += arrangements * traces[j] * z[size - j];
                    arrangements *= size - j;
                }
            }
            norm *= z[g];
        }
        var result = e[n];
        if (norm != 1)
            for (int i = 0; i < result.Length; i++) result[i] /= norm;
        return result;
    }

    /// <summary>Fixed number of parts the patterns u of every pair are split into (by rank modulo it).</summary>
    private const int Parts = 4;

    /// <summary>a·e − b·x elementwise (the whole set's combined rests).</summary>
    private static double[] Combined(double a, double[] e, double b, double[] x)
    {
        var result = new double[x.Length];
        for (long i = 0; i < x.Length; i++) result[i] = a * e[i] - b * x[i];
        return result;
    }

    /// <summary>[pattern][pair] copy of a [pattern][subset] array: row r holds source[r][index[p]] for each pair p.</summary>
    private static double[] Gather(double[] source, int patterns, int[] index)
    {
        int width = source.Length / patterns, pairs = index.Length;
        var result = new double[(long)patterns * pairs];
        for (long r = 0; r < patterns; r++)
            for (int p = 0; p < pairs; p++) result[r * pairs + p] = source[r * width + index[p]];
        return result;
    }

    /// <summary>One block size of a walk: its pairs grouped by S, the pair-ordered C of the blocks and X, E of the rests, t_b.</summary>
    private sealed record Side(int[] Starts, double[] C, double[] X, double[] E, double Trace, int MixedTargets);

    /// <summary>
    /// Adds the pattern pairs (u, v), u among the patterns of b photons with rank ≡ <paramref name="part"/> (mod
    /// <see cref="Parts"/>), v among those of k − b, into the sums of u + v: for block size b (u the block's pattern) and,
    /// when given, for block size k − b (v the block's pattern), for each S the sums over its pairs of C(B)·X(S∖B) and
    /// t_|B| C(B)·E(S∖B) from the pair-ordered copies. The rank of u + v is kept while v is walked in rank order by the
    /// suffix sums of its prefix-sum terms (only the digits the colex successor changes are updated).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Accumulate(FockDistribution.Space space, int k, int b, int[] counts, int part, Side first, Side? second,
        int width, double[] cycle, double[] mixed)
    {
        int m = space.Modes, rest = k - b;
        int d = Math.Max(1, m - 1);
        Span<int> pu = stackalloc int[d];
        Span<int> pv = stackalloc int[d];
        Span<long> suffix = stackalloc long[d + 1];
        int firstPairs = first.Starts[^1], secondPairs = second?.Starts[^1] ?? 0, targets = first.Starts.Length - 1;
        ref double cycleBase = ref MemoryMarshal.GetArrayDataReference(cycle);
        ref double mixedBase = ref MemoryMarshal.GetArrayDataReference(mixed);
        for (int u = part; u < counts[b]; u += Parts)
        {
            if (m > 1) space.Unrank(u, b, pu);
            pv.Clear();
            suffix[d] = 0;
            for (int q = d - 1; q >= 0; q--) suffix[q] = suffix[q + 1] + (m > 1 ? space.Binomial(pu[q] + pv[q] + q, q + 1) : 0);
            int vCount = counts[rest];
            for (int v = 0; v < vCount; v++)
            {
                ref double cycleRow = ref Unsafe.Add(ref cycleBase, (nint)(suffix[0] * width));
                ref double mixedRow = ref Unsafe.Add(ref mixedBase, (nint)(suffix[0] * width));
                Add(first, (long)u * firstPairs, (long)v * firstPairs, targets, ref cycleRow, ref mixedRow);
                if (second is not null) Add(second, (long)v * secondPairs, (long)u * secondPairs, targets, ref cycleRow, ref mixedRow);
                if (m == 1) continue;
                // Colex successor of v: raise the smallest digit below its upper bound, reset the lower ones.
                for (int i = 0; i < d; i++)
                {
                    int upper = i + 1 < d ? pv[i + 1] : rest;
                    if (pv[i] < upper)
                    {
                        pv[i]++;
                        for (int q = 0; q < i; q++) pv[q] = 0;
                        for (int q = i; q >= 0; q--) suffix[q] = suffix[q + 1] + space.Binomial(pu[q] + pv[q] + q, q + 1);
                        break;
                    }
                }
            }
        }
    }

    /// <summary>For each S, the dot products of the block row with the rests' X and E rows over S's pairs, into S's sums
    /// (E only for the subsets that need it).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Add(Side side, long blockRow, long restRow, int targets, ref double cycleRow, ref double mixedRow)
    {
        // Rows lie inside the arrays by construction (pattern ranks times the pair count): read without checks.
        ref double c = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(side.C), (nint)blockRow);
        ref double x = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(side.X), (nint)restRow);
        // (Without subsets that need E, as for the whole set, there is no E array to point into.)
        ref double e = ref side.MixedTargets > 0 ? ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(side.E), (nint)restRow) : ref x;
        ref int starts = ref MemoryMarshal.GetArrayDataReference(side.Starts);
        for (int s = 0; s < side.MixedTargets; s++)
        {
            int from = Unsafe.Add(ref starts, s), to = Unsafe.Add(ref starts, s + 1);
            double sx = 0, se = 0;
            int i = from;
            if (Vector256.IsHardwareAccelerated && to - from >= Vector256<double>.Count)
            {
                var vx = Vector256<double>.Zero;
                var ve = Vector256<double>.Zero;
                for (; i + Vector256<double>.Count <= to; i += Vector256<double>.Count)
                {
                    var vc = Vector256.LoadUnsafe(ref c, (nuint)i);
                    vx += vc * Vector256.LoadUnsafe(ref x, (nuint)i);
                    ve += vc * Vector256.LoadUnsafe(ref e, (nuint)i);
                }
                sx = Vector256.Sum(vx);
                se = Vector256.Sum(ve);
            }
            for (; i < to; i++)
            {
                double vc = Unsafe.Add(ref c, i);
                sx += vc * Unsafe.Add(ref x, i);
                se += vc * Unsafe.Add(ref e, i);
            }
            Unsafe.Add(ref cycleRow, s) += sx;
            Unsafe.Add(ref mixedRow, s) += side.Trace * se;
        }
        // The other subsets need only C.
        for (int s = side.MixedTargets; s < targets; s++)
        {
            int from = Unsafe.Add(ref starts, s), to = Unsafe.Add(ref starts, s + 1);
            double sx = 0;
            int i = from;
            if (Vector256.IsHardwareAccelerated && to - from >= Vector256<double>.Count)
            {
                var vx = Vector256<double>.Zero;
                for (; i + Vector256<double>.Count <= to; i += Vector256<double>.Count)
                    vx += Vector256.LoadUnsafe(ref c, (nuint)i) * Vector256.LoadUnsafe(ref x, (nuint)i);
                sx = Vector256.Sum(vx);
            }
            for (; i < to; i++) sx += Unsafe.Add(ref c, i) * Unsafe.Add(ref x, i);
            Unsafe.Add(ref cycleRow, s) += sx;
        }
    }

    /// <summary>The subsets of the n photons by size, and for each size k the pairs (S, B, S∖B) of the recursion.</summary>
    private sealed class Levels
    {
        public Levels(int n)
        {
            N = n;
            Subsets = new int[n + 1][];
            Index = new int[1 << n];
            for (int k = 0; k <= n; k++)
            {
                // The subsets without photon 0 first: only they (and the whole set) need E (see MixedTargets).
                Subsets[k] = Enumerable.Range(0, 1 << n).Where(s => BitOperations.PopCount((uint)s) == k).OrderBy(s => s & 1).ThenBy(s => s).ToArray();
                for (int i = 0; i < Subsets[k].Length; i++) Index[Subsets[k][i]] = i;
            }
        }

        public int N { get; }

        /// <summary>Subsets of each size: those without photon 0 first, each group in increasing order of the bit masks.</summary>
        public int[][] Subsets { get; }

        /// <summary>
        /// How many of the subsets of size k (the first ones) need E: E(S∖B) is read only for B ∋ min S, so S∖B never holds
        /// photon 0 (for the whole set, B ∋ 0; for S without 0, neither has S∖B); E is needed for the subsets without
        /// photon 0 and for the whole set, C for all.
        /// </summary>
        public int MixedTargets(int k) => k == N ? 1 : Subsets[k].Count(s => (s & 1) == 0);

        /// <summary>Position of a subset among the subsets of its size.</summary>
        public int[] Index { get; }

        /// <summary>
        /// For size k, per block size b = 1 … k − 1, the pairs (index of B among size b, index of S∖B among size k − b) for
        /// every B ∋ min S, B ⊆ S, |B| = b, grouped by S (the i-th subset of size k has the pairs Starts[i] … Starts[i + 1] − 1).
        /// </summary>
        public PairList[] Pairs(int k)
        {
            var result = new PairList[k];
            for (int b = 1; b < k; b++)
            {
                var starts = new List<int> { 0 };
                var block = new List<int>();
                var rest = new List<int>();
                foreach (int s in Subsets[k])
                {
                    int low = s & -s, others = s & ~low;
                    for (int r = others; ; r = (r - 1) & others)
                    {
                        int bMask = low | r;
                        if (BitOperations.PopCount((uint)bMask) == b)
                        {
                            block.Add(Index[bMask]);
                            rest.Add(Index[s & ~bMask]);
                        }
                        if (r == 0) break;
                    }
                    starts.Add(block.Count);
                }
                result[b] = new PairList([.. starts], [.. block], [.. rest]);
            }
            return result;
        }
    }

    private sealed record PairList(int[] Starts, int[] Block, int[] Rest);

}
