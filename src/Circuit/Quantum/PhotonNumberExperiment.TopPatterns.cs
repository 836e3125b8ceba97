using System.Globalization;

namespace PhotonicKit.Circuit.Quantum;

/// <summary>
/// The most probable click patterns of threshold detectors with dark counts, exactly, without the dense array over
/// the 2^D outcomes (every one of which is possible once detectors have dark counts).
/// </summary>
/// <remarks>
/// <para>
/// A reported click set R is a photon click set S (probability P(S), from <see cref="PhotonNumberExperiment.PhotonCounts"/>)
/// joined with a set X of dark clicks among the detectors S leaves silent (detector d clicks in the dark with
/// q_d = 1 − e^{−μ_d}, a_d = 1 − q_d). Each pair contributes
/// c(S, X) = P(S) ∏_{d∈X} q_d ∏_{d∉S∪X} a_d = A·P̃(S)·∏_{d∈X} ρ_d with A = ∏_d a_d, P̃(S) = P(S)/∏_{d∈S} a_d and
/// ρ_d = q_d/a_d, and P(R) = Σ_{S ⊆ R} c(S, R∖S).
/// </para>
/// <para>
/// With every q_d ≤ 1/2 (ρ_d ≤ 1) the pairs are visited in decreasing c with one heap: for each S, the subsets X of
/// its silent detectors sorted by decreasing ρ grow by the standard successor rule (append the next detector, or
/// move the last one to the next), which never increases c and reaches every subset once. After the pairs above θ
/// (the heap's top) are summed, a pattern R holding m detectors satisfies
/// seen(R) ≤ P(R) ≤ seen(R) + (N(m) − visited(R))·b(m), where N(m) = Σ_{j ≤ n} C(m, j) bounds the photon sets
/// inside R (n the largest photon click set) and b(m) = min(θ, A·max P̃·ρ_max^{m−n}) bounds one unvisited pair.
/// When the K-th largest lower bound L_K exceeds the bound of every pattern not yet met, the K most probable
/// patterns are among those met whose upper bound reaches L_K; their probabilities are then computed exactly (the
/// sum over the photon sets inside R) and the K largest kept, ties by pattern. The sums run in a fixed order:
/// results do not depend on the machine.
/// </para>
/// </remarks>
public sealed partial class PhotonNumberExperiment
{
    /// <summary>
    /// True when <see cref="TopPatternsWithDarkCounts"/> applies: threshold detectors only, each with dark-click
    /// probability at most 1/2.
    /// </summary>
    private bool TopPatternsPossible =>
        _detectors.All(d => d.Resolution == DetectorResolution.Threshold && PoissonTail(d.MeanDarkCounts, 1) <= 0.5)
        && _detectors.Aggregate(1.0, (a, d) => a * Math.Exp(-d.MeanDarkCounts)) > 1e-290;

    /// <summary>The enumeration's work is known only while it runs; this nominal cost is checked before.</summary>
    private CostEstimate TopPatternsNominalCost(int maxPatterns)
    {
        double k = Math.Min(maxPatterns, 1e8);
        return new CostEstimate(k, 40.0 * k * _detectors.Length, 300.0 * k);
    }

    /// <summary>Largest number of (photon set, dark set) pairs visited before the enumeration is refused.</summary>
    private double TopPatternsPairBudget => Math.Min(_limits.MaxOperations / (60.0 * (_detectors.Length + 8)), _limits.MaxMemoryBytes / 400.0);

    /// <summary>
    /// The <paramref name="maxPatterns"/> most probable reports of threshold detectors with dark counts, by probability
    /// descending then pattern ascending, exact, from the sparse photon statistics (see the type's remarks).
    /// Refused with <see cref="ComputationTooLargeException"/> when more pairs than the limits allow are needed.
    /// </summary>
    /// <param name="maxPatterns">Largest number of entries returned, ≥ 1.</param>
    internal IReadOnlyList<(int[] Pattern, double Probability)> TopPatternsWithDarkCounts(int maxPatterns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPatterns, 1);
        if (!TopPatternsPossible) throw new InvalidOperationException("the enumeration needs threshold detectors with dark-click probabilities ≤ 1/2");
        var counts = PhotonCounts();
        int dCount = _detectors.Length;
        var q = new double[dCount];
        var a = new double[dCount];
        var rho = new double[dCount];
        double bigA = 1;
        for (int d = 0; d < dCount; d++)
        {
            double mean = _detectors[d].MeanDarkCounts;
            q[d] = PoissonTail(mean, 1);
            a[d] = Math.Exp(-mean);
            rho[d] = q[d] / a[d];
            bigA *= a[d];
        }
        // Detectors that can click in the dark, by decreasing ρ (ties by index): the order dark sets grow in.
        int[] order = Enumerable.Range(0, dCount).Where(d => q[d] > 0).OrderByDescending(d => rho[d]).ThenBy(d => d).ToArray();
        double rhoMax = order.Length > 0 ? rho[order[0]] : 0;
        // Photon click sets (storage order) with A·P̃(S), their members in one flat list.
        var flat = new List<int>();
        var offsets = new List<int> { 0 };
        var roots = new List<double>();
        double rootMax = 0;
        int nMax = 0;
        counts.ForEachNonzero((_, _, pattern, p) =>
        {
            double scaled = bigA * p;
            int size = 0;
            for (int d = 0; d < pattern.Length; d++)
                if (pattern[d] != 0)
                {
                    flat.Add(d);
                    size++;
                    scaled /= a[d];
                }
            offsets.Add(flat.Count);
            roots.Add(scaled);
            rootMax = Math.Max(rootMax, scaled);
            nMax = Math.Max(nMax, size);
        });
        int setCount = roots.Count;
        ReadOnlySpan<int> Members(int set) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(flat)[offsets[set]..offsets[set + 1]];
        // Roots enter the heap one at a time in decreasing order: popping one pushes the next, so the heap's top
        // still bounds every pair not yet visited while the heap stays small.
        var rootOrder = Enumerable.Range(0, setCount).ToArray();
        Array.Sort(rootOrder, (x, y) =>
        {
            int c = roots[y].CompareTo(roots[x]);
            return c != 0 ? c : x.CompareTo(y);
        });
        int nextRoot = 0;
        int words = (dCount + 63) / 64;
        var heap = new PriorityQueue<(int Set, int[] Dark, double C), (double, int)>(Comparer<(double C, int Tie)>.Create((x, y) =>
        {
            int c = y.C.CompareTo(x.C);
            return c != 0 ? c : x.Tie.CompareTo(y.Tie);
        }));
        int tie = 0;
        if (setCount > 0)
        {
            int first = rootOrder[nextRoot++];
            heap.Enqueue((first, [], roots[first]), (roots[first], tie++));
        }
        var seen = new Dictionary<ulong[], (double Sum, int Visited, int Size)>(new ArrayComparer());
        double budget = TopPatternsPairBudget;
        long pops = 0, nextCheck = Math.Max(4096, 2L * maxPatterns);
        var key = new ulong[words];
        while (true)
        {
            while (heap.Count > 0 && pops < nextCheck)
            {
                var (s, dark, c) = heap.Dequeue();
                pops++;
                if (dark.Length == 0 && nextRoot < setCount)
                {
                    int root = rootOrder[nextRoot++];
                    heap.Enqueue((root, [], roots[root]), (roots[root], tie++));
                }
                var members = Members(s);
                Array.Clear(key);
                foreach (int d in members) key[d >> 6] |= 1UL << (d & 63);
                foreach (int position in dark) key[order[position] >> 6] |= 1UL << (order[position] & 63);
                ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(seen, key, out bool exists);
                if (!exists)
                {
                    // The dictionary now holds this array as its key: the next pair needs a fresh one.
                    slot = (c, 1, members.Length + dark.Length);
                    key = new ulong[words];
                }
                else slot = (slot.Sum + c, slot.Visited + 1, slot.Size);
                // Successors: the next detector of the order that S leaves silent, appended or replacing the last.
                int last = dark.Length > 0 ? dark[^1] : -1;
                int next = last + 1;
                while (next < order.Length && members.Contains(order[next])) next++;
                if (next >= order.Length || c == 0) continue;
                double grown = c * rho[order[next]];
                if (grown > 0) heap.Enqueue((s, [.. dark, next], grown), (grown, tie++));
                if (dark.Length > 0)
                {
                    int[] moved = (int[])dark.Clone();
                    moved[^1] = next;
                    double value = roots[s];
                    foreach (int position in moved) value *= rho[order[position]];
                    if (value > 0) heap.Enqueue((s, moved, value), (value, tie++));
                }
            }
            double theta = heap.Count > 0 ? heap.Peek().C : 0;
            if (seen.Count >= maxPatterns || heap.Count == 0)
            {
                double PairBound(int m) => Math.Min(theta, rootMax * Math.Pow(rhoMax, Math.Max(0, m - nMax)));
                double SubsetBound(int m)
                {
                    double total = 0;
                    for (int j = 0; j <= Math.Min(nMax, m); j++) total += FockDistribution.BinomialDouble(m, j);
                    return Math.Min(total, setCount);
                }
                var lower = seen.Values.Select(v => v.Sum).ToArray();
                Array.Sort(lower);
                double lk = lower.Length >= maxPatterns ? lower[^maxPatterns] : 0;
                double unseen = 0;
                if (heap.Count > 0)
                    for (int m = 0; m <= dCount; m++) unseen = Math.Max(unseen, SubsetBound(m) * PairBound(m));
                if (heap.Count == 0 || (unseen < lk && lk > 0))
                {
                    // Candidates: every pattern met whose upper bound reaches L_K (patterns of equal probability
                    // stay candidates however far the enumeration goes). Their exact sums cost N(m)·D each.
                    var candidates = new List<ulong[]>();
                    double exactWork = 0;
                    foreach (var (pattern, v) in seen)
                    {
                        double upper = heap.Count == 0 ? v.Sum : v.Sum + Math.Max(0, SubsetBound(v.Size) - v.Visited) * PairBound(v.Size);
                        if (upper < lk) continue;
                        candidates.Add(pattern);
                        exactWork += SubsetBound(v.Size) * (dCount + 8);
                    }
                    if (heap.Count == 0 || exactWork <= _limits.MaxOperations / 10)
                        return ExactTop(counts, candidates, q, a, nMax, maxPatterns);
                }
            }
            if (heap.Count == 0) return ExactTop(counts, seen.Keys.ToList(), q, a, nMax, maxPatterns);
            if (pops + heap.Count + seen.Count > budget)
                throw new ComputationTooLargeException(new CostEstimate(pops + heap.Count, 60.0 * (pops + heap.Count) * (dCount + 8), 400.0 * (heap.Count + seen.Count)),
                    string.Create(CultureInfo.InvariantCulture, $"the {maxPatterns} most probable patterns with dark counts need more than {budget:G3} photon and dark-click set pairs"));
            nextCheck = 2 * pops;
        }
    }

    /// <summary>Exact probabilities of the candidate click sets, the <paramref name="maxPatterns"/> largest by probability then pattern.</summary>
    private List<(int[] Pattern, double Probability)> ExactTop(SparseOutcomes counts, List<ulong[]> candidates, double[] q, double[] a, int nMax, int maxPatterns)
    {
        int dCount = _detectors.Length;
        var list = new List<(int[] Pattern, double Probability)>(candidates.Count);
        var photon = new int[dCount];
        foreach (var bits in candidates)
        {
            var pattern = new int[dCount];
            var members = new List<int>();
            for (int d = 0; d < dCount; d++)
                if ((bits[d >> 6] >> (d & 63) & 1) != 0)
                {
                    pattern[d] = 1;
                    members.Add(d);
                }
            double silent = 1;
            for (int d = 0; d < dCount; d++) if (pattern[d] == 0) silent *= a[d];
            // Σ over photon sets S ⊆ R (|S| ≤ n) of P(S)·∏_{R∖S} q, in the order of the subsets' binary counting.
            double total = 0;
            int m = members.Count;
            void Visit(int start, int size)
            {
                double p = counts.Probability(photon);
                if (p != 0)
                {
                    double w = p;
                    foreach (int d in members) if (photon[d] == 0) w *= q[d];
                    total += w;
                }
                if (size == nMax) return;
                for (int i = start; i < m; i++)
                {
                    photon[members[i]] = 1;
                    Visit(i + 1, size + 1);
                    photon[members[i]] = 0;
                }
            }
            Visit(0, 0);
            list.Add((pattern, total * silent));
        }
        list.Sort((x, y) =>
        {
            int c = y.Probability.CompareTo(x.Probability);
            if (c != 0) return c;
            for (int d = 0; d < dCount; d++)
                if (x.Pattern[d] != y.Pattern[d]) return x.Pattern[d].CompareTo(y.Pattern[d]);
            return 0;
        });
        list.RemoveAll(e => e.Probability == 0);
        return list.Count > maxPatterns ? list.GetRange(0, maxPatterns) : list;
    }

    /// <summary>Structural equality of bit sets.</summary>
    private sealed class ArrayComparer : IEqualityComparer<ulong[]>
    {
        public bool Equals(ulong[]? x, ulong[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(ulong[] obj)
        {
            var hash = new HashCode();
            foreach (ulong v in obj) hash.Add(v);
            return hash.ToHashCode();
        }
    }

    /// <summary>
    /// Samples with dark counts without the dense array: the photon reports drawn from <see cref="PhotonCounts"/>
    /// (<see cref="SparseOutcomes.Sample"/> with the seed), then each detector's dark counts with a second generator
    /// seeded from it (one uniform per detector with dark counts, inverted through its transition), capped.
    /// </summary>
    private int[][] SampleWithDarkCounts(SparseOutcomes counts, int count, int seed)
    {
        var samples = counts.Sample(count, seed);
        var transitions = Enumerable.Range(0, _detectors.Length).Select(d => _detectors[d].MeanDarkCounts > 0 ? DarkTransition(d) : null).ToArray();
        var rng = new Random(SeedOf(seed, int.MaxValue - 1));
        foreach (var report in samples)
            for (int d = 0; d < report.Length; d++)
            {
                if (transitions[d] is not { } t) continue;
                double v = rng.NextDouble(), acc = 0;
                int from = report[d], cap = _radices[d] - 1, to = from;
                for (int r = from; r <= cap; r++)
                {
                    acc += t[from, r];
                    to = r;
                    if (v < acc) break;
                }
                report[d] = to;
            }
        return samples;
    }
}
