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
/// of the photons in it. E is needed only for the subsets without photon 0, and the C of the largest subsets with
/// photon 0 not at all (<see cref="Rests"/>). For the block sizes b and k − b of one size k, the sums are products of a
/// left matrix (rows: the patterns u of b photons) and a right one (rows: the patterns v of k − b photons) whose
/// columns are the pairs (B, S∖B) of every S, summed over each S's columns in registers and added at the rank of u + v
/// (<see cref="Convolve"/>). The cost is about Σ_k C(n, k) Σ_b C(k−1, b−1)·#(b)·#(k − b) multiply–adds (#(k) the
/// patterns of k photons), about 3^n/2 convolutions, against n! permutations for each of the C(n+m−1, n) patterns of the
/// permutation sum. Every sum runs in a fixed order, so the result does not depend on the number of threads.
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
        double Choose(int x, int y) => FockDistribution.BinomialDouble(x, y);
        int n = photons, eliminated = Math.Max(0, Math.Min(Eliminated, n - 2));
        double operations = 0, stored = 0, level = 0;
        for (int k = 1; k <= n; k++)
        {
            double subsets = Choose(n, k);
            // SLOS: one layer per subset (amplitudes and probabilities in one pass).
            operations += subsets * Count(k) * (2.0 * modes + 8.0 * k);
            // The subsets whose C and E are summed: C for all but those with photon 0 of the eliminated sizes, E for those
            // without photon 0; the whole set once. Pairs (B ∋ min S, S∖B) per subset; the products' left and right matrices.
            double withoutZero = Choose(n - 1, k);
            double sums = k == n ? 1 : (k >= n - eliminated ? withoutZero : subsets) + withoutZero;
            double pairs = 0, copies = 0;
            for (int b = 1; b < k; b++)
            {
                double perS = Choose(k - 1, b - 1);
                pairs += perS * Count(b) * Count(k - b);
                copies += sums * perS * (Count(b) + Count(k - b)) * 8.0;
            }
            operations += sums * pairs;
            // The rests of the subsets without photon 0: Σ over P ⊊ T with |P| ≤ J.
            if (k < n)
                for (int p = 1; p <= Math.Min(eliminated, k - 1); p++)
                    operations += withoutZero * Choose(k, p) * Count(p) * Count(k - p);
            // X, C, E and the rests (8 bytes each) and the amplitudes (16 bytes) of every subset; per size, the sums and the products.
            stored += subsets * Count(k) * 48.0;
            level = Math.Max(level, 2.0 * 8.0 * subsets * Count(k) + copies);
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
            // One buffer of probabilities per thread, copied into X's column of the subset.
            Parallel.ForEach(levels.Subsets[size], new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
                () => new double[counts[level]], (s, _, probabilities) =>
            {
                int last = 31 - BitOperations.LeadingZeroCount((uint)s);
                var previous = amplitudes[s & ~(1 << last)];
                int count = counts[level], width = levels.Subsets[level].Length, column = levels.Index[s];
                // Unnormalised for photons sharing an input (the sum over all permutations of S, ∏ s_i! times the
                // probabilities): the whole is normalised once at the end by N_in.
                // Only subsets without the last photon are parents (a parent gains a photon after its own last one); they
                // keep their amplitudes from the same pass.
                if (level < n && last < n - 1)
                {
                    var next = new double[2 * count];
                    Slos.Layer(space, level, columns[last], previous, next, count, Slos.LayerKind.AmplitudeAndProbability, 0, 1, probabilities);
                    amplitudes[s] = next;
                }
                else
                    Slos.Layer(space, level, columns[last], previous, probabilities, count, Slos.LayerKind.FinalProbability, 0, 1);
                var xs = x[level];
                for (int r = 0; r < count; r++) xs[(long)r * width + column] = probabilities[r];
                return probabilities;
            }, _ => { });
            // The amplitudes one size down are no longer needed.
            foreach (int s in levels.Subsets[size - 1]) amplitudes[s] = null!;
        }
        amplitudes = null!;

        // C (cycle parts) and E (mixed distributions) by size. For every (S, B, S∖B) of the recursion, the pairs (u, v) of
        // patterns of B and S∖B add C(B)(u)·X(S∖B)(v) and t_|B| C(B)(u)·E(S∖B)(v) to the sums of S at u + v. For block
        // sizes b and k − b together, these are products of a left matrix (rows: the patterns u of b photons; columns: the
        // pairs of every S in order) and a right one (rows: the patterns v of k − b photons), summed over each S's columns
        // and added at the rank of u + v (see Convolve).
        // The subsets with photon 0 of the largest sizes (n − J … n − 1) need no C: the whole set's sum reads their X instead,
        // against corrected rests (see Rests).
        int eliminated = Math.Max(0, Math.Min(Eliminated, n - 2));
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        var c = new double[n + 1][];
        var e = new double[n + 1][];
        c[1] = x[1];
        // E of one photon is X, kept for the subsets without photon 0 only (like every E).
        int singles = levels.MixedTargets(1);
        e[1] = new double[(long)counts[1] * singles];
        for (int r = 0; r < counts[1]; r++)
            for (int s = 0; s < singles; s++) e[1][r * singles + s] = x[1][r * n + s];
        for (int k = 2; k < n; k++)
        {
            int width = levels.Subsets[k].Length, count = counts[k];
            var pairs = levels.Pairs(k);
            // E is needed for the subsets without photon 0 (the first ones), C for all but those with photon 0 of the
            // eliminated sizes.
            int mixedTargets = levels.MixedTargets(k);
            int cycleTargets = k >= n - eliminated ? mixedTargets : width;
            var pairings = new List<Pairing>();
            for (int b = 1; 2 * b <= k; b++)
            {
                // The pairs of block size b (B has the u photons) and, unless b = k − b, of block size k − b (B has the v photons).
                var first = pairs[b];
                var second = 2 * b < k ? pairs[k - b] : null;
                // Cycle sums: C(B)(u)·X(S∖B)(v) and X(S∖B)(u)·C(B)(v).
                var cycleProduct = Product.Build(counts[b], counts[k - b], cycleTargets, first, second,
                    c[b], 1, second is null ? null : x[b], 1, x[k - b], c[k - b], threads);
                // Mixed sums: t_b C(B)(u)·E(S∖B)(v) and t_{k−b} E(S∖B)(u)·C(B)(v).
                var mixedProduct = Product.Build(counts[b], counts[k - b], mixedTargets, first, second,
                    c[b], traces[b], second is null ? null : e[b], traces[k - b], e[k - b], c[k - b], threads);
                pairings.Add(new Pairing(b, cycleProduct, mixedProduct));
            }
            // C and E are stored for the subsets that need them, which come first: [pattern][those subsets].
            var cycleSums = new double[(long)count * cycleTargets];
            var mixedSums = new double[(long)count * mixedTargets];
            Sum(space, k, pairings, counts, cycleSums, cycleTargets, mixedSums, mixedTargets, threads);
            var xk = x[k];
            double tk = traces[k];
            ForRows(count, options, r =>
            {
                for (int s = 0; s < cycleTargets; s++)
                {
                    long i = (long)r * cycleTargets + s;
                    double cycleValue = xk[(long)r * width + s] - cycleSums[i];
                    if (s < mixedTargets) mixedSums[(long)r * mixedTargets + s] += tk * cycleValue;
                    cycleSums[i] = cycleValue;
                }
            });
            c[k] = cycleSums;
            e[k] = mixedSums;
        }
        double[] result;
        if (n == 1)
            result = x[1];
        else
        {
            // The whole set: E = t_n X + Σ_{B ∋ 0} K(B) ∗ R(S∖B), K(B) = X(B) for the eliminated sizes and C(B) otherwise.
            var rests = Rests(space, levels, counts, x, e, traces, eliminated, threads);
            var pairs = levels.Pairs(n);
            var pairings = new List<Pairing>();
            for (int b = 1; 2 * b <= n; b++)
            {
                var first = pairs[b];
                var second = 2 * b < n ? pairs[n - b] : null;
                var blockOfFirst = b >= n - eliminated ? x[b] : c[b];
                var blockOfSecond = n - b >= n - eliminated ? x[n - b] : c[n - b];
                pairings.Add(new Pairing(b, Product.Build(counts[b], counts[n - b], 1, first, second,
                    blockOfFirst, 1, second is null ? null : rests[b], 1, rests[n - b], blockOfSecond, threads), null));
            }
            var sums = new double[counts[n]];
            Sum(space, n, pairings, counts, sums, 1, null, 0, threads);
            double tn = traces[n];
            var xn = x[n];
            for (int i = 0; i < sums.Length; i++) sums[i] += tn * xn[i];
            result = sums;
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
        if (norm != 1)
            for (int i = 0; i < result.Length; i++) result[i] /= norm;
        return result;
    }

    /// <summary>
    /// Largest number J of subset sizes (n − J … n − 1) whose subsets with photon 0 need no C: the whole set reads their X
    /// against corrected rests instead (<see cref="Rests"/>). Two is the least work for 6–12 photons.
    /// </summary>
    private const int Eliminated = 2;

    /// <summary>
    /// The rests R(T) of the whole set's sum, for the subsets T without photon 0 of every size ([pattern][those subsets],
    /// which come first among the subsets of a size): R(T) = t_{n−|T|} E(T) − t_n X(T) − Σ_{P ⊊ T, 1 ≤ |P| ≤ J} X(T∖P) ∗ R(P).
    /// </summary>
    /// <remarks>
    /// The whole set is E = t_n X + Σ_{B ∋ 0} C(B) ∗ (t_|B| E(S∖B) − t_n X(S∖B)). For |B| = n − 1, C(B) = X(B) − Σ_{B' ∋ 0,
    /// B' ⊊ B} C(B') ∗ X(B∖B') moves the blocks' C onto the smaller blocks: Σ_{|B| = n−1} C(B) ∗ R(S∖B) = Σ_{|B| = n−1} X(B) ∗
    /// R(S∖B) − Σ_{B'} C(B') ∗ Σ_{j ∈ S∖B'} X(S∖B'∖j) ∗ R({j}). Done for the sizes n − 1, …, n − J in turn, the blocks of
    /// those sizes enter with X, and every smaller block's rest loses Σ_{P ⊊ T, |P| ≤ J} X(T∖P) ∗ R(P) (with J = n − 1 this
    /// is R = X⁻¹ ⊛ (t E − t_n X) and no C with photon 0 is left). It trades the C of the largest subsets with photon 0,
    /// the most expensive, for sums over small P.
    /// </remarks>
    private static double[][] Rests(FockDistribution.Space space, Levels levels, int[] counts, double[][] x, double[][] e,
        IReadOnlyList<double> traces, int eliminated, int threads)
    {
        int n = levels.N;
        var rests = new double[n][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        for (int t = 1; t < n; t++)
        {
            int width = levels.Subsets[t].Length, count = counts[t], targets = levels.MixedTargets(t);
            var sums = new double[(long)count * targets];
            var pairings = new List<Pairing>();
            for (int b = 1; 2 * b <= t && b <= eliminated; b++)
            {
                // P of b photons (pattern u) against T∖P (pattern v) and, when t − b ≤ J, P of t − b photons (pattern v).
                var first = levels.Parts(t, targets, b);
                var second = 2 * b < t && t - b <= eliminated ? levels.Parts(t, targets, t - b) : null;
                pairings.Add(new Pairing(b, Product.Build(counts[b], counts[t - b], targets, first, second,
                    rests[b], 1, second is null ? null : x[b], 1, x[t - b], second is null ? x[t - b] : rests[t - b], threads), null));
            }
            if (pairings.Count > 0) Sum(space, t, pairings, counts, sums, targets, null, 0, threads);
            double weight = traces[n - t], whole = traces[n];
            var xt = x[t];
            var et = e[t];
            ForRows(count, options, r =>
            {
                for (int s = 0; s < targets; s++)
                {
                    long i = (long)r * targets + s;
                    sums[i] = weight * et[i] - whole * xt[(long)r * width + s] - sums[i];
                }
            });
            rests[t] = sums;
        }
        return rests;
    }

    /// <summary>Calls <paramref name="row"/> for every output row 0 … count − 1, in blocks of rows in parallel.</summary>
    private static void ForRows(int count, ParallelOptions options, Action<int> row) =>
        Parallel.For(0, (count + 1023) / 1024, options, block =>
        {
            int end = Math.Min(count, (block + 1) * 1024);
            for (int r = block * 1024; r < end; r++) row(r);
        });

    /// <summary>
    /// Adds the pairings' sums into the outputs (see <see cref="Convolve"/>): the output rows are split into ranges, each
    /// summed by one task in a fixed order, so that the result does not depend on the threads (or on the number of ranges).
    /// </summary>
    private static void Sum(FockDistribution.Space space, int k, List<Pairing> pairings, int[] counts,
        double[] cycle, int cycleWidth, double[]? mixed, int mixedWidth, int threads)
    {
        int count = counts[k];
        // One range per thread: a cut between ranges splits blocks of u, whose pairs are then computed on both sides.
        int ranges = Math.Max(1, Math.Min(count, threads));
        Parallel.For(0, ranges, new ParallelOptions { MaxDegreeOfParallelism = ranges }, range =>
        {
            long from = (long)count * range / ranges, to = (long)count * (range + 1) / ranges;
            foreach (var pairing in pairings)
                Convolve(space, k, pairing, counts, from, to, cycle, cycleWidth, mixed, mixedWidth);
        });
    }

    /// <summary>Patterns u per register block of <see cref="Convolve"/>.</summary>
    private const int URows = 4;

    /// <summary>Patterns v per register block of <see cref="Convolve"/> (two vectors of four).</summary>
    private const int VColumns = 8;

    /// <summary>Bytes of the right matrices' columns that one chunk of patterns v keeps in cache.</summary>
    private const int ChunkBytes = 160 * 1024;

    /// <summary>
    /// Sums over the pairs of one or two block sizes as a product: Left[u][column] (rows padded to a multiple of
    /// <see cref="URows"/> with zeros), RightT[column][v] (rows padded to a multiple of <see cref="VColumns"/>, and a tail so
    /// that a block of v may start anywhere), the columns
    /// of target subset s being Starts[s] … Starts[s + 1] − 1.
    /// </summary>
    private sealed record Product(double[] Left, double[] RightT, int Columns, int VPadded, int[] Starts)
    {
        /// <summary>Number of target subsets.</summary>
        public int Targets => Starts.Length - 1;

        /// <summary>
        /// For the first <paramref name="targets"/> subsets of size k, with u the patterns of b photons and v those of
        /// k − b: the first side's pairs (B of b photons, pattern u) give Left = leftBlock[u][B]·leftBlockScale and
        /// Right = rightRest[v][S∖B]; the second side's (B of k − b photons, pattern v; none when b = k − b) give
        /// Left = leftRest[u][S∖B]·leftRestScale and Right = rightBlock[v][B]. Rows are filled in parallel.
        /// </summary>
        public static Product Build(int rows, int vRows, int targets, PairList first, PairList? second,
            double[] leftBlock, double leftBlockScale, double[]? leftRest, double leftRestScale, double[] rightRest, double[] rightBlock, int threads)
        {
            var starts = new int[targets + 1];
            for (int s = 0; s <= targets; s++) starts[s] = first.Starts[s] + (second?.Starts[s] ?? 0);
            int columns = starts[targets];
            int uPadded = (rows + URows - 1) / URows * URows, vPadded = (vRows + VColumns - 1) / VColumns * VColumns;
            // Per column: which array it reads on each side, at which subset index.
            var fromFirst = new bool[columns];
            var leftIndex = new int[columns];
            var rightIndex = new int[columns];
            for (int s = 0; s < targets; s++)
            {
                int column = starts[s];
                for (int p = first.Starts[s]; p < first.Starts[s + 1]; p++, column++)
                    (fromFirst[column], leftIndex[column], rightIndex[column]) = (true, first.Block[p], first.Rest[p]);
                if (second is null) continue;
                for (int p = second.Starts[s]; p < second.Starts[s + 1]; p++, column++)
                    (fromFirst[column], leftIndex[column], rightIndex[column]) = (false, second.Rest[p], second.Block[p]);
            }
            var left = new double[(long)uPadded * columns];
            var right = new double[(long)columns * vPadded + VColumns];
            // Each array is [pattern][subset] over the first subsets of its size (those it holds).
            int leftBlockWidth = leftBlock.Length / rows, leftRestWidth = leftRest is null ? 0 : leftRest.Length / rows;
            int rightRestWidth = rightRest.Length / vRows, rightBlockWidth = rightBlock.Length / vRows;
            var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
            Parallel.For(0, rows, options, u =>
            {
                long at = (long)u * columns;
                for (int column = 0; column < columns; column++)
                    left[at + column] = fromFirst[column]
                        ? leftBlockScale * leftBlock[(long)u * leftBlockWidth + leftIndex[column]]
                        : leftRestScale * leftRest![(long)u * leftRestWidth + leftIndex[column]];
            });
            // The right matrix is written column-major in blocks of patterns v, so that reads and writes stay near.
            const int block = 64;
            Parallel.For(0, (vRows + block - 1) / block, options, chunk =>
            {
                int from = chunk * block, to = Math.Min(vRows, from + block);
                for (int column = 0; column < columns; column++)
                {
                    var (source, width) = fromFirst[column] ? (rightRest, rightRestWidth) : (rightBlock, rightBlockWidth);
                    int index = rightIndex[column];
                    long at = (long)column * vPadded;
                    for (int v = from; v < to; v++) right[at + v] = source[(long)v * width + index];
                }
            });
            return new Product(left, right, columns, vPadded, starts);
        }
    }

    /// <summary>The products of one block-size pairing (b, k − b): the cycle sums of every subset and the mixed sums of
    /// those that need E (none for the whole set).</summary>
    private sealed record Pairing(int B, Product Cycle, Product? Mixed);

    /// <summary>
    /// For the pairing's products, adds Σ over the columns of s of Left[u][column]·RightT[column][v] to
    /// output[rank(u + v)][s] (the cycle sums into <paramref name="cycle"/>, the mixed ones into <paramref name="mixed"/>)
    /// for every target s and every pair (u, v) of patterns of b and k − b photons whose sum has a rank in
    /// [<paramref name="from"/>, <paramref name="to"/>). The patterns v are taken in chunks whose columns stay in cache;
    /// within a chunk, blocks of <see cref="URows"/> × <see cref="VColumns"/> pairs accumulate in registers (each loaded
    /// value serves four or eight products).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Ranks: the rank of u + v is Σ_q C(P_q(u) + P_q(v) + q, q + 1) over the prefix sums P_q, and it increases with the rank
    /// of v (and of u): for a block of consecutive u, the v whose sums fall in the range form one interval, found by
    /// bisection. Walking v in rank order (colex), a step raises one digit j of P(v) and resets the ones below to zero, and
    /// the next steps raise j − 1, j − 2, … in turn; so keeping, per u, the partial sums of the digits from j up, each step
    /// costs one binomial: the sum from j is the sum from j + 1 plus the new digit's term, and the digits below j add u's
    /// own terms (precomputed). The steps (j and the new digit) depend on v only and are found once per chunk for all u.
    /// </para>
    /// <para>
    /// Every output element is summed by the one range that holds its row, over the pairings, chunks and blocks in order:
    /// the order does not depend on how the rows are split.
    /// </para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Convolve(FockDistribution.Space space, int k, Pairing pairing, int[] counts, long from, long to,
        double[] cycle, int cycleWidth, double[]? mixed, int mixedWidth)
    {
        int b = pairing.B, m = space.Modes, rest = k - b, uCount = counts[b], vCount = counts[rest];
        int columns = pairing.Cycle.Columns + (pairing.Mixed?.Columns ?? 0);
        int chunk = Math.Max(VColumns, ChunkBytes / (8 * Math.Max(1, columns)) / VColumns * VColumns);
        int d = Math.Max(1, m - 1);
        Span<int> pu = stackalloc int[d];
        Span<int> pv = stackalloc int[d];
        Span<long> suffix = stackalloc long[d + 1];
        Span<long> low = stackalloc long[d + 1];
        Span<double> tile = stackalloc double[URows * VColumns];
        // The interval of v of each block of u.
        int blocks = (uCount + URows - 1) / URows;
        var first = new int[blocks];
        var last = new int[blocks];
        for (int block = 0; block < blocks; block++)
        {
            if (m == 1)
            {
                (first[block], last[block]) = (0, from == 0 && to > 0 ? vCount : 0);
                continue;
            }
            int u0 = block * URows, u1 = Math.Min(uCount, u0 + URows) - 1;
            // The lowest v reaching `from` is lowest for the highest u; the first v reaching `to` is lowest for the lowest u.
            space.Unrank(u1, b, pu);
            first[block] = FirstReaching(space, pu, rest, vCount, from, pv);
            space.Unrank(u0, b, pu);
            last[block] = FirstReaching(space, pu, rest, vCount, to, pv);
        }
        var ranks = new long[URows * chunk];
        var stepDigit = new int[chunk];
        var stepValue = new int[chunk];
        for (int v0 = 0; v0 < vCount; v0 += chunk)
        {
            int vEnd = Math.Min(vCount, v0 + chunk);
            bool stepsFound = false;
            for (int block = 0; block < blocks; block++)
            {
                int start = Math.Max(v0, first[block]), stop = Math.Min(vEnd, last[block]);
                if (start >= stop) continue;
                int u0 = block * URows, rows = Math.Min(URows, uCount - u0);
                if (m == 1)
                {
                    Array.Clear(ranks);
                }
                else
                {
                    if (!stepsFound)
                    {
                        // The colex steps from v0 through the chunk (shared by every block).
                        space.Unrank(v0, rest, pv);
                        for (int t = 1; t < vEnd - v0; t++)
                        {
                            int j = 0;
                            while (pv[j] >= (j + 1 < d ? pv[j + 1] : rest)) j++;
                            pv[j]++;
                            for (int q = 0; q < j; q++) pv[q] = 0;
                            stepDigit[t] = j;
                            stepValue[t] = pv[j];
                        }
                        stepsFound = true;
                    }
                    for (int i = 0; i < rows; i++)
                    {
                        var row = ranks.AsSpan(i * chunk, vEnd - v0);
                        space.Unrank(u0 + i, b, pu);
                        space.Unrank(start, rest, pv);
                        suffix[d] = 0;
                        for (int q = d - 1; q >= 0; q--) suffix[q] = suffix[q + 1] + space.Binomial(pu[q] + pv[q] + q, q + 1);
                        low[0] = 0;
                        for (int q = 0; q < d; q++) low[q + 1] = low[q] + space.Binomial(pu[q] + q, q + 1);
                        row[start - v0] = suffix[0];
                        for (int t = start - v0 + 1; t < stop - v0; t++)
                        {
                            int j = stepDigit[t];
                            long sum = suffix[j + 1] + space.Binomial(pu[j] + stepValue[t] + j, j + 1);
                            suffix[j] = sum;
                            row[t] = sum + low[j];
                        }
                    }
                }
                Block(pairing.Cycle, u0, rows, v0, start, stop, chunk, ranks, tile, from, to, cycle, cycleWidth);
                if (pairing.Mixed is { } mixedProduct) Block(mixedProduct, u0, rows, v0, start, stop, chunk, ranks, tile, from, to, mixed!, mixedWidth);
            }
        }
    }

    /// <summary>The first pattern v (of <paramref name="rest"/> photons) with rank(u + v) ≥ <paramref name="target"/>, or
    /// <paramref name="vCount"/> if none (rank(u + v) increases with v).</summary>
    private static int FirstReaching(FockDistribution.Space space, ReadOnlySpan<int> pu, int rest, int vCount, long target, Span<int> pv)
    {
        int low = 0, high = vCount;
        while (low < high)
        {
            int middle = low + (high - low) / 2;
            space.Unrank(middle, rest, pv);
            long rank = 0;
            for (int q = 0; q < pu.Length; q++) rank += space.Binomial(pu[q] + pv[q] + q, q + 1);
            if (rank >= target) high = middle;
            else low = middle + 1;
        }
        return low;
    }

    /// <summary>One block of patterns u (from <paramref name="u0"/>) against a chunk of patterns v of one product: the
    /// register blocks' sums over each target's columns, added at the ranks of u + v.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block(Product product, int u0, int rows, int v0, int start, int stop, int chunk, long[] ranks, Span<double> tile,
        long from, long to, double[] output, int width)
    {
        int columns = product.Columns, vPadded = product.VPadded, targets = product.Targets;
        if (columns == 0) return;
        ref double left0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(product.Left), (nint)((long)u0 * columns));
        ref double left1 = ref Unsafe.Add(ref left0, columns);
        ref double left2 = ref Unsafe.Add(ref left1, columns);
        ref double left3 = ref Unsafe.Add(ref left2, columns);
        ref double rightBase = ref MemoryMarshal.GetArrayDataReference(product.RightT);
        ref int starts = ref MemoryMarshal.GetArrayDataReference(product.Starts);
        ref double outputBase = ref MemoryMarshal.GetArrayDataReference(output);
        ref long rankBase = ref MemoryMarshal.GetArrayDataReference(ranks);
        ref double tileBase = ref MemoryMarshal.GetReference(tile);
        // Register blocks at fixed positions in the chunk (the order of the sums must not depend on the interval).
        for (int v = v0 + (start - v0) / VColumns * VColumns; v < stop; v += VColumns)
        {
            int jFrom = Math.Max(0, start - v), jTo = Math.Min(VColumns, stop - v);
            ref double right = ref Unsafe.Add(ref rightBase, v);
            for (int s = 0; s < targets; s++)
            {
                var a00 = Vector256<double>.Zero; var a01 = Vector256<double>.Zero;
                var a10 = Vector256<double>.Zero; var a11 = Vector256<double>.Zero;
                var a20 = Vector256<double>.Zero; var a21 = Vector256<double>.Zero;
                var a30 = Vector256<double>.Zero; var a31 = Vector256<double>.Zero;
                int end = Unsafe.Add(ref starts, s + 1);
                for (int column = Unsafe.Add(ref starts, s); column < end; column++)
                {
                    ref double row = ref Unsafe.Add(ref right, (nint)((long)column * vPadded));
                    var r0 = Vector256.LoadUnsafe(ref row);
                    var r1 = Vector256.LoadUnsafe(ref row, 4);
                    var l = Vector256.Create(Unsafe.Add(ref left0, column));
                    a00 = MultiplyAdd(l, r0, a00); a01 = MultiplyAdd(l, r1, a01);
                    l = Vector256.Create(Unsafe.Add(ref left1, column));
                    a10 = MultiplyAdd(l, r0, a10); a11 = MultiplyAdd(l, r1, a11);
                    l = Vector256.Create(Unsafe.Add(ref left2, column));
                    a20 = MultiplyAdd(l, r0, a20); a21 = MultiplyAdd(l, r1, a21);
                    l = Vector256.Create(Unsafe.Add(ref left3, column));
                    a30 = MultiplyAdd(l, r0, a30); a31 = MultiplyAdd(l, r1, a31);
                }
                a00.StoreUnsafe(ref tileBase); a01.StoreUnsafe(ref tileBase, 4);
                a10.StoreUnsafe(ref tileBase, 8); a11.StoreUnsafe(ref tileBase, 12);
                a20.StoreUnsafe(ref tileBase, 16); a21.StoreUnsafe(ref tileBase, 20);
                a30.StoreUnsafe(ref tileBase, 24); a31.StoreUnsafe(ref tileBase, 28);
                for (int i = 0; i < rows; i++)
                {
                    ref long rank = ref Unsafe.Add(ref rankBase, i * chunk + v - v0);
                    for (int j = jFrom; j < jTo; j++)
                    {
                        // Pairs of the block's other u may fall outside the range: they belong to another.
                        long r = Unsafe.Add(ref rank, j);
                        if ((ulong)(r - from) >= (ulong)(to - from)) continue;
                        Unsafe.Add(ref outputBase, (nint)(r * width + s)) += Unsafe.Add(ref tileBase, i * VColumns + j);
                    }
                }
            }
        }
    }

    /// <summary>a·b + c, fused where the processor has it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        System.Runtime.Intrinsics.X86.Fma.IsSupported ? System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a, b, c) : a * b + c;

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
        /// <summary>
        /// For the first <paramref name="targets"/> subsets T of size t, every P ⊆ T of <paramref name="size"/> photons:
        /// the pairs (index of P among its size, index of T∖P), grouped by T.
        /// </summary>
        public PairList Parts(int t, int targets, int size)
        {
            var starts = new List<int> { 0 };
            var block = new List<int>();
            var rest = new List<int>();
            for (int i = 0; i < targets; i++)
            {
                int s = Subsets[t][i];
                for (int p = s; ; p = (p - 1) & s)
                {
                    if (BitOperations.PopCount((uint)p) == size)
                    {
                        block.Add(Index[p]);
                        rest.Add(Index[s & ~p]);
                    }
                    if (p == 0) break;
                }
                starts.Add(block.Count);
            }
            return new PairList([.. starts], [.. block], [.. rest]);
        }
    }

    private sealed record PairList(int[] Starts, int[] Block, int[] Rest);

}
