namespace PhotonicKit.Circuit.Quantum;

/// <summary>
/// Probabilities of the reports of D detectors that can occur (photon counts capped per detector; a threshold
/// detector is a count capped at 1): every pattern r with
/// Σ_d r_d ≤ N (N the largest number of photons the sources emit together), stored per total k = Σ r as one
/// array indexed by the compact rank of <see cref="FockDistribution"/> (combinatorial number system over the D
/// detectors). A total is stored only when some configuration reaches it, so n lossless photons keep one array of
/// C(n + D − 1, n) entries instead of the ∏ (max_photons + 1) entries of the whole outcome space.
/// </summary>
/// <remarks>
/// Every pass (sums, marginals, the most probable patterns, sampling) visits the totals in increasing order and each
/// total's patterns in increasing rank, so results do not depend on the machine or the thread count.
/// </remarks>
public sealed class SparseOutcomes
{
    private readonly double[]?[] _layers;
    private readonly FockDistribution.Space _space;

    /// <summary>An empty distribution over the reports of <paramref name="detectors"/> detectors with totals up to <paramref name="maxTotal"/>.</summary>
    /// <param name="detectors">Number of detectors D ≥ 1.</param>
    /// <param name="maxTotal">Largest total Σ r stored, ≥ 0.</param>
    public SparseOutcomes(int detectors, int maxTotal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(detectors, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTotal);
        DetectorCount = detectors;
        MaxTotal = maxTotal;
        _layers = new double[]?[maxTotal + 1];
        _space = new FockDistribution.Space(maxTotal, detectors);
    }

    /// <summary>Number of detectors D.</summary>
    public int DetectorCount { get; }

    /// <summary>Largest total count Σ r stored.</summary>
    public int MaxTotal { get; }

    internal FockDistribution.Space Space => _space;

    /// <summary>Number of stored entries (zeros within a stored total included).</summary>
    public long StoredCount
    {
        get
        {
            long n = 0;
            foreach (var layer in _layers) n += layer?.Length ?? 0;
            return n;
        }
    }

    /// <summary>Number of patterns with total <paramref name="total"/>: C(total + D − 1, total).</summary>
    /// <param name="total">Total count.</param>
    public long PatternCount(int total) => _space.Count(total);

    /// <summary>Bytes of the arrays for the totals 0 … <paramref name="maxTotal"/> on <paramref name="detectors"/> detectors, all stored.</summary>
    /// <param name="detectors">Number of detectors.</param>
    /// <param name="maxTotal">Largest total.</param>
    public static double BytesUpTo(int detectors, int maxTotal) => 8.0 * FockDistribution.BinomialDouble(maxTotal + detectors, maxTotal);

    /// <summary>The array of total <paramref name="total"/>, allocated (zeros) on first use.</summary>
    internal double[] Layer(int total)
    {
        var layer = _layers[total];
        if (layer is null)
        {
            long count = _space.Count(total);
            if (count > Array.MaxLength)
                throw new ComputationTooLargeException(new CostEstimate(count, 0, 8.0 * count), $"more than {Array.MaxLength} patterns with {total} counts (one array)");
            layer = _layers[total] = new double[count];
        }
        return layer;
    }

    /// <summary>The array of total <paramref name="total"/>, or null when nothing was stored there.</summary>
    internal double[]? LayerOrNull(int total) => total <= MaxTotal ? _layers[total] : null;

    /// <summary>Stores <paramref name="layer"/> as the array of total <paramref name="total"/> (no copy).</summary>
    internal void Adopt(int total, double[] layer)
    {
        if (layer.LongLength != _space.Count(total)) throw new ArgumentException("layer length does not match the number of patterns", nameof(layer));
        _layers[total] = layer;
    }

    /// <summary>Rank of <paramref name="pattern"/> among the patterns of its total (combinatorial number system).</summary>
    internal long Rank(ReadOnlySpan<int> pattern) => _space.Rank(pattern);

    /// <summary>Probability of the report <paramref name="pattern"/> (one entry per detector; 0 when its total is not stored).</summary>
    /// <param name="pattern">Reported counts.</param>
    public double Probability(ReadOnlySpan<int> pattern)
    {
        if (pattern.Length != DetectorCount) throw new ArgumentException($"a pattern needs {DetectorCount} entries, got {pattern.Length}", nameof(pattern));
        int total = 0;
        foreach (int c in pattern)
        {
            if (c < 0) throw new ArgumentOutOfRangeException(nameof(pattern), c, "counts must be ≥ 0");
            total += c;
        }
        var layer = LayerOrNull(total);
        return layer is null ? 0 : layer[Rank(pattern)];
    }

    /// <summary>Σ of all probabilities (Neumaier-compensated, in storage order).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public double Total()
    {
        double s = 0, c = 0;
        foreach (var layer in _layers)
        {
            if (layer is null) continue;
            foreach (double v in layer)
            {
                double t = s + v;
                c += Math.Abs(s) >= Math.Abs(v) ? (s - t) + v : (v - t) + s;
                s = t;
            }
        }
        return s + c;
    }

    /// <summary>
    /// Visits every stored pattern with nonzero probability in storage order (total, then rank); the span holds the
    /// pattern and is reused between calls.
    /// </summary>
    /// <param name="visit">Called with (total, rank, pattern, probability).</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void ForEachNonzero(PatternVisitor visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        var cursor = new Cursor(_space);
        for (int k = 0; k <= MaxTotal; k++)
        {
            var layer = _layers[k];
            if (layer is null) continue;
            cursor.Start(k, 0);
            for (long r = 0; r < layer.LongLength; r++)
            {
                if (layer[r] != 0) visit(k, r, cursor.Counts, layer[r]);
                if (r + 1 < layer.LongLength) cursor.Next();
            }
        }
    }

    /// <summary>Callback of <see cref="ForEachNonzero"/>.</summary>
    /// <param name="total">Σ of the pattern.</param>
    /// <param name="rank">Rank among the patterns of that total.</param>
    /// <param name="pattern">The pattern (valid during the call only).</param>
    /// <param name="probability">Its probability.</param>
    public delegate void PatternVisitor(int total, long rank, ReadOnlySpan<int> pattern, double probability);

    /// <summary>The pattern of the given total and rank.</summary>
    /// <param name="total">Σ of the pattern.</param>
    /// <param name="rank">Rank among the patterns of that total.</param>
    public int[] PatternOf(int total, long rank)
    {
        var cursor = new Cursor(_space);
        cursor.Start(total, rank);
        return cursor.Counts.ToArray();
    }

    /// <summary>
    /// The <paramref name="maxPatterns"/> most probable patterns of nonzero probability, by probability descending
    /// then pattern ascending (lexicographic, detector 0 first), selected with a bounded heap.
    /// </summary>
    /// <param name="maxPatterns">Largest number of entries returned, ≥ 1.</param>
    public IReadOnlyList<(int[] Pattern, double Probability)> Top(int maxPatterns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPatterns, 1);
        // Min-heap on "goodness": the root is the worst kept entry.
        var heap = new PriorityQueue<(int[] Pattern, double P), (int[] Pattern, double P)>(Comparer<(int[] Pattern, double P)>.Create(Worse));
        ForEachNonzero((_, _, pattern, p) =>
        {
            if (heap.Count < maxPatterns)
            {
                var e = (pattern.ToArray(), p);
                heap.Enqueue(e, e);
                return;
            }
            var worst = heap.Peek();
            if (p < worst.P) return;
            if (p == worst.P && Lexicographic(pattern, worst.Pattern) > 0) return;
            var entry = (pattern.ToArray(), p);
            heap.EnqueueDequeue(entry, entry);
        });
        var list = new List<(int[], double)>(heap.Count);
        while (heap.Count > 0)
        {
            var e = heap.Dequeue();
            list.Add((e.Pattern, e.P));
        }
        list.Reverse();
        return list;
    }

    /// <summary>Orders entries worst first: lower probability, then larger pattern.</summary>
    private static int Worse((int[] Pattern, double P) a, (int[] Pattern, double P) b)
    {
        int c = a.P.CompareTo(b.P);
        return c != 0 ? c : -Lexicographic(a.Pattern, b.Pattern);
    }

    private static int Lexicographic(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        for (int d = 0; d < a.Length; d++)
            if (a[d] != b[d]) return a[d].CompareTo(b[d]);
        return 0;
    }

    /// <summary>Probability that exactly k detectors report at least one count, k = 0 … D.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public double[] ClickCountDistribution()
    {
        var result = new double[DetectorCount + 1];
        var cursor = new Cursor(_space);
        for (int k = 0; k <= MaxTotal; k++)
        {
            var layer = _layers[k];
            if (layer is null) continue;
            cursor.Start(k, 0);
            for (long r = 0; r < layer.LongLength; r++)
            {
                if (layer[r] != 0) result[cursor.Nonzero] += layer[r];
                if (r + 1 < layer.LongLength) cursor.Next();
            }
        }
        return result;
    }

    /// <summary>Marginal distribution of each detector's report: [detector][value], value 0 … <paramref name="outcomeCounts"/>[d] − 1.</summary>
    /// <param name="outcomeCounts">Number of reported values per detector (every stored count must be below it).</param>
    public double[][] Marginals(IReadOnlyList<int> outcomeCounts)
    {
        ArgumentNullException.ThrowIfNull(outcomeCounts);
        if (outcomeCounts.Count != DetectorCount) throw new ArgumentException($"{outcomeCounts.Count} outcome counts for {DetectorCount} detectors", nameof(outcomeCounts));
        var marginals = outcomeCounts.Select(r => new double[r]).ToArray();
        ForEachNonzero((_, _, pattern, p) =>
        {
            for (int d = 0; d < pattern.Length; d++) marginals[d][pattern[d]] += p;
        });
        return marginals;
    }

    /// <summary>
    /// <paramref name="count"/> patterns drawn independently by inversion of the cumulative distribution in storage
    /// order, with <see cref="Random"/>(<paramref name="seed"/>) drawing one uniform per sample: the same seed gives
    /// the same samples on every run and machine.
    /// </summary>
    /// <param name="count">Number of samples, ≥ 0.</param>
    /// <param name="seed">Seed of the generator.</param>
    public int[][] Sample(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        double running = 0;
        foreach (var layer in _layers)
            if (layer is not null)
                foreach (double v in layer) running += v;
        var rng = new Random(seed);
        var targets = new (double U, int Index)[count];
        for (int s = 0; s < count; s++) targets[s] = (rng.NextDouble() * running, s);
        Array.Sort(targets, (a, b) => a.U != b.U ? a.U.CompareTo(b.U) : a.Index.CompareTo(b.Index));
        var samples = new int[count][];
        int next = 0;
        double cumulative = 0;
        int lastTotal = -1;
        long lastRank = 0;
        ForEachNonzero((k, r, pattern, p) =>
        {
            cumulative += p;
            lastTotal = k;
            lastRank = r;
            int[]? copy = null;
            while (next < count && targets[next].U < cumulative)
                samples[targets[next++].Index] = copy ??= pattern.ToArray();
        });
        // Rounding can leave u at the very top: those draws take the last pattern of nonzero probability.
        for (; next < count; next++) samples[targets[next].Index] = lastTotal < 0 ? new int[DetectorCount] : PatternOf(lastTotal, lastRank);
        for (int s = 0; s < count; s++) samples[s] = (int[])samples[s].Clone();
        return samples;
    }

    /// <summary>
    /// Walks the occupations of k photons in m modes in rank order (colex successor of the prefix sums
    /// P_j = t_0 + … + t_j), keeping the occupation in <see cref="Counts"/>.
    /// </summary>
    internal sealed class Cursor
    {
        private readonly FockDistribution.Space _space;
        private readonly int[] _p;
        private readonly int[] _counts;
        private int _k;

        internal Cursor(FockDistribution.Space space)
        {
            _space = space;
            _p = new int[Math.Max(1, space.Modes - 1)];
            _counts = new int[space.Modes];
        }

        internal ReadOnlySpan<int> Counts => _counts;

        /// <summary>Number of modes with a nonzero count.</summary>
        internal int Nonzero { get; private set; }

        internal int[] Prefix => _p;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        internal void Start(int k, long rank)
        {
            _k = k;
            _space.Unrank(rank, k, _p);
            int below = 0;
            int m = _counts.Length;
            Nonzero = 0;
            for (int j = 0; j < m; j++)
            {
                int pj = j < m - 1 ? _p[j] : k;
                _counts[j] = pj - below;
                if (_counts[j] != 0) Nonzero++;
                below = pj;
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        internal void Next()
        {
            int m = _counts.Length;
            for (int i = 0; i < m - 1; i++)
            {
                int upper = i + 1 < m - 1 ? _p[i + 1] : _k;
                if (_p[i] < upper)
                {
                    _p[i]++;
                    for (int q = 0; q < i; q++) _p[q] = 0;
                    // Counts 0 … i+1 change: t_0 = P_0, t_j = P_j − P_{j−1}, t_{i+1} = P_{i+1} − P_i.
                    int nonzero = Nonzero;
                    for (int q = 0; q <= i + 1 && q < m; q++)
                    {
                        int pq = q < m - 1 ? _p[q] : _k;
                        int value = pq - (q == 0 ? 0 : _p[q - 1]);
                        nonzero += (value != 0 ? 1 : 0) - (_counts[q] != 0 ? 1 : 0);
                        _counts[q] = value;
                    }
                    Nonzero = nonzero;
                    return;
                }
            }
        }
    }
}
