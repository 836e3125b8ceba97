using System.Globalization;
using System.Runtime.InteropServices;

namespace PhotonicKit.Circuit.Quantum;

/// <summary>
/// The most probable reports of detectors with dark counts, exactly, without the dense array over the whole outcome
/// space (every outcome up to the caps is possible once detectors have dark counts).
/// </summary>
/// <remarks>
/// <para>
/// Detector d with mean dark count μ_d reports r_d = min(s_d + X_d, cap_d) for photon report s_d (cap 1 for a
/// threshold detector). When s_d &lt; cap_d the dark count enters as one of the options x = 0 … j_d (j_d = cap_d − s_d)
/// with weights w(x) = P(X = x) for x &lt; j_d and P(X ≥ j_d) for x = j_d, reporting s_d + x; at the cap, or without
/// dark counts, the report is s_d. Each pair of a photon report s (probability P(s), from
/// <see cref="PhotonNumberExperiment.PhotonCounts"/>) and options x has weight c(s, x) = P(s) ∏_d w_d(x_d), and
/// P(r) = Σ over the photon reports s ≤ r of the one pair that reports r.
/// </para>
/// <para>
/// With every μ_d ≤ ln 2, x = 0 is each detector's heaviest option and the ratios ρ_{d,x} = w(x)/w(0) ≤ 1 fall with x.
/// The pairs are visited in decreasing c with one heap: the root of s has every x = 0; a pair's raised detectors form
/// a list in the order of decreasing ρ_{d,1} (ties by index), and a pair's successors raise its last detector's option
/// by one, append the next detector at option 1, or (at option 1) move the last detector to the next one. That never
/// increases c and reaches every pair once. Roots enter the heap one at a time in decreasing order, so after the
/// pairs above θ (the heap's top) are summed, a report r with m nonzero entries satisfies
/// seen(r) ≤ P(r) ≤ seen(r) + (N(m) − visited(r))·b(m): N(m) = C(n + m, n) bounds the photon reports s ≤ r (n the
/// largest photon total; Σ_{j ≤ n} C(m, j) when every cap is 1), and b(m) = min(θ, max root · ρ_max^{m−k}) bounds
/// one unvisited pair (k the largest number of detectors a photon report reaches; the other m − k must be raised).
/// When the K-th largest lower bound L_K exceeds the bound of every report not yet met, the K most probable reports are among those met whose upper bound
/// reaches L_K; their probabilities are then computed exactly (Σ over the photon reports s ≤ r of
/// P(s) ∏_d P(dark counts take s_d to r_d)) and the K largest kept, ties by pattern. The sums run in a fixed order:
/// results do not depend on the machine.
/// </para>
/// </remarks>
public sealed partial class PhotonNumberExperiment
{
    /// <summary>
    /// True when <see cref="TopPatternsWithDarkCounts"/> applies: every detector's mean dark count at most ln 2
    /// (dark-click probability ≤ 1/2) and reported values below 256.
    /// </summary>
    private bool TopPatternsPossible =>
        _detectors.All(d => d.MeanDarkCounts <= Math.Log(2) && d.OutcomeCount <= 256)
        && _detectors.Aggregate(1.0, (a, d) => a * Math.Exp(-d.MeanDarkCounts)) > 1e-290;

    /// <summary>
    /// The enumeration's known part, checked before it starts: the photon reports copied flat with their roots and
    /// sorted (about 28 + 8·n bytes and 30·log₂ operations each), and the candidates of <paramref name="maxPatterns"/>
    /// patterns. The pairs it visits are known only while it runs (<see cref="TopPatternsPairBudget"/>).
    /// </summary>
    private CostEstimate TopPatternsNominalCost(int maxPatterns)
    {
        double k = Math.Min(maxPatterns, 1e8), stored = SparseEstimate().Stored;
        return new CostEstimate(k, 40.0 * k * _detectors.Length + 30.0 * stored * Math.Log2(stored + 2),
            300.0 * k + stored * (28.0 + 8.0 * MaxPhotonCount) + SparseEstimate().Cost.MemoryBytes);
    }

    /// <summary>Largest number of (photon report, dark options) pairs visited before the enumeration is refused.</summary>
    private double TopPatternsPairBudget => Math.Min(_limits.MaxOperations / (60.0 * (_detectors.Length + 8)), _limits.MaxMemoryBytes / 400.0);

    /// <summary>One detector's dark-count options above 0 for a photon report s_d: ratios w(x)/w(0), x = 1 … cap − s_d.</summary>
    private double[] DarkRatios(int d, int photons)
    {
        double mean = _detectors[d].MeanDarkCounts;
        int j = _radices[d] - 1 - photons;
        var ratios = new double[Math.Max(0, j)];
        double w0 = Math.Exp(-mean), term = w0;
        for (int x = 1; x <= j; x++)
        {
            term *= mean / x;
            ratios[x - 1] = (x < j ? term : PoissonTail(mean, j)) / w0;
        }
        return ratios;
    }

    /// <summary>
    /// The <paramref name="maxPatterns"/> most probable reports with dark counts, by probability descending then
    /// pattern ascending, exact, from the sparse photon statistics (see the type's remarks). Refused with
    /// <see cref="ComputationTooLargeException"/> when more pairs than the limits allow are needed.
    /// </summary>
    /// <param name="maxPatterns">Largest number of entries returned, ≥ 1.</param>
    internal IReadOnlyList<(int[] Pattern, double Probability)> TopPatternsWithDarkCounts(int maxPatterns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPatterns, 1);
        if (!TopPatternsPossible) throw new InvalidOperationException("the enumeration needs mean dark counts ≤ ln 2 and reports below 256");
        var counts = PhotonCounts();
        _limits.Check(TopPatternsNominalCost(maxPatterns));
        int dCount = _detectors.Length;
        var caps = _radices.Select(r => r - 1).ToArray();
        var dark = _detectors.Select(d => d.MeanDarkCounts > 0).ToArray();
        double bigA = 1;
        for (int d = 0; d < dCount; d++) if (dark[d]) bigA *= Math.Exp(-_detectors[d].MeanDarkCounts);
        // Ratios by detector and photon report, computed once.
        var ratios = new double[dCount][][];
        double rhoMax = 0;
        for (int d = 0; d < dCount; d++)
        {
            ratios[d] = new double[caps[d] + 1][];
            for (int sd = 0; sd <= caps[d]; sd++)
            {
                ratios[d][sd] = dark[d] ? DarkRatios(d, sd) : [];
                foreach (double r in ratios[d][sd]) rhoMax = Math.Max(rhoMax, r);
            }
        }
        // Order of raised detectors: decreasing ρ_{d,1} for the detector's photon report, ties by index.
        int Compare(int d1, int s1, int d2, int s2)
        {
            int c = ratios[d2][s2][0].CompareTo(ratios[d1][s1][0]);
            return c != 0 ? c : d1.CompareTo(d2);
        }
        // Detectors without photons that can be raised, in that order.
        int[] free = Enumerable.Range(0, dCount).Where(d => dark[d] && caps[d] > 0).ToArray();
        Array.Sort(free, (x, y) => Compare(x, 0, y, 0));
        var freePosition = new int[dCount];
        Array.Fill(freePosition, -1);
        for (int i = 0; i < free.Length; i++) freePosition[free[i]] = i;
        // Photon reports (storage order): their nonzero entries flat, with their roots.
        var flatDetector = new List<int>();
        var flatCount = new List<int>();
        var offsets = new List<int> { 0 };
        var roots = new List<double>();
        double rootMax = 0;
        int supportMax = 0, totalMax = 0;
        counts.ForEachNonzero((total, _, pattern, p) =>
        {
            double root = bigA * p;
            int size = 0;
            for (int d = 0; d < pattern.Length; d++)
            {
                if (pattern[d] == 0) continue;
                flatDetector.Add(d);
                flatCount.Add(pattern[d]);
                size++;
                // A detector at its cap does not see its dark counts: its factor e^{−μ} leaves the root.
                if (dark[d] && pattern[d] >= caps[d]) root /= Math.Exp(-_detectors[d].MeanDarkCounts);
            }
            offsets.Add(flatDetector.Count);
            roots.Add(root);
            rootMax = Math.Max(rootMax, root);
            supportMax = Math.Max(supportMax, size);
            totalMax = Math.Max(totalMax, total);
        });
        int setCount = roots.Count;
        var rootOrder = Enumerable.Range(0, setCount).ToArray();
        Array.Sort(rootOrder, (x, y) =>
        {
            int c = roots[y].CompareTo(roots[x]);
            return c != 0 ? c : x.CompareTo(y);
        });
        int PhotonsAt(int set, int d)
        {
            var detectors = CollectionsMarshal.AsSpan(flatDetector)[offsets[set]..offsets[set + 1]];
            int i = detectors.IndexOf(d);
            return i < 0 ? 0 : flatCount[offsets[set] + i];
        }
        // The detector after d (or the first, d = −1) in the raise order of photon report `set`, or −1.
        int Next(int set, int d)
        {
            int sd = d < 0 ? 0 : PhotonsAt(set, d);
            int candidate = -1;
            // Detectors without photons: the free order, skipping those this report reaches.
            int start;
            if (d < 0) start = 0;
            else if (sd == 0) start = freePosition[d] + 1;
            else
            {
                int lo = 0, hi = free.Length;
                while (lo < hi)
                {
                    int mid = (lo + hi) / 2;
                    if (Compare(free[mid], 0, d, sd) <= 0) lo = mid + 1;
                    else hi = mid;
                }
                start = lo;
            }
            for (int i = start; i < free.Length; i++)
                if (PhotonsAt(set, free[i]) == 0)
                {
                    candidate = free[i];
                    break;
                }
            // Detectors with photons below their cap.
            for (int k = offsets[set]; k < offsets[set + 1]; k++)
            {
                int e = flatDetector[k], se = flatCount[k];
                if (!dark[e] || se >= caps[e]) continue;
                if (d >= 0 && Compare(e, se, d, sd) <= 0) continue;
                if (candidate < 0 || Compare(e, se, candidate, PhotonsAt(set, candidate)) < 0) candidate = e;
            }
            return candidate;
        }
        var heap = new PriorityQueue<(int Set, (int Detector, int Level)[] Raised, double C), (double, long)>(Comparer<(double C, long Tie)>.Create((x, y) =>
        {
            int c = y.C.CompareTo(x.C);
            return c != 0 ? c : x.Tie.CompareTo(y.Tie);
        }));
        long tie = 0;
        int nextRoot = 0;
        if (setCount > 0)
        {
            int first = rootOrder[nextRoot++];
            heap.Enqueue((first, [], roots[first]), (roots[first], tie++));
        }
        int words = (dCount + 7) / 8;
        var seen = new Dictionary<ulong[], (double Sum, int Visited, int Support)>(new ArrayComparer());
        double budget = TopPatternsPairBudget;
        long pops = 0, nextCheck = Math.Max(4096, 2L * maxPatterns);
        var key = new ulong[words];
        var report = new int[dCount];
        while (true)
        {
            while (heap.Count > 0 && pops < nextCheck)
            {
                var (set, raised, c) = heap.Dequeue();
                pops++;
                if (raised.Length == 0 && nextRoot < setCount)
                {
                    int root = rootOrder[nextRoot++];
                    heap.Enqueue((root, [], roots[root]), (roots[root], tie++));
                }
                Array.Clear(report);
                for (int k = offsets[set]; k < offsets[set + 1]; k++) report[flatDetector[k]] = flatCount[k];
                foreach (var (d, level) in raised) report[d] += level;
                Array.Clear(key);
                int support = 0;
                for (int d = 0; d < dCount; d++)
                    if (report[d] != 0)
                    {
                        key[d >> 3] |= (ulong)report[d] << (8 * (d & 7));
                        support++;
                    }
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(seen, key, out bool exists);
                if (!exists)
                {
                    // The dictionary now holds this array as its key: the next pair needs a fresh one.
                    slot = (c, 1, support);
                    key = new ulong[words];
                }
                else slot = (slot.Sum + c, slot.Visited + 1, slot.Support);
                if (c == 0) continue;
                int lastDetector = raised.Length > 0 ? raised[^1].Detector : -1;
                int lastLevel = raised.Length > 0 ? raised[^1].Level : 0;
                if (raised.Length > 0)
                {
                    // Raise the last detector's option by one.
                    var options = ratios[lastDetector][PhotonsAt(set, lastDetector)];
                    if (lastLevel < options.Length)
                    {
                        var up = ((int, int)[])raised.Clone();
                        up[^1] = (lastDetector, lastLevel + 1);
                        double value = c / options[lastLevel - 1] * options[lastLevel];
                        if (value > 0) heap.Enqueue((set, up, value), (value, tie++));
                    }
                }
                int next = Next(set, lastDetector);
                if (next < 0) continue;
                double rhoNext = ratios[next][PhotonsAt(set, next)][0];
                double grown = c * rhoNext;
                if (grown > 0) heap.Enqueue((set, [.. raised, (next, 1)], grown), (grown, tie++));
                if (raised.Length > 0 && lastLevel == 1)
                {
                    var moved = ((int, int)[])raised.Clone();
                    moved[^1] = (next, 1);
                    double value = roots[set];
                    foreach (var (d, level) in moved) value *= ratios[d][PhotonsAt(set, d)][level - 1];
                    if (value > 0) heap.Enqueue((set, moved, value), (value, tie++));
                }
            }
            double theta = heap.Count > 0 ? heap.Peek().C : 0;
            if (seen.Count >= maxPatterns || heap.Count == 0)
            {
                double PairBound(int m) => Math.Min(theta, rootMax * Math.Pow(rhoMax, Math.Max(0, m - supportMax)));
                double ReportBound(int m)
                {
                    // Photon reports s ≤ r on m detectors with Σ s ≤ n: subsets of at most n detectors when every
                    // cap is 1, otherwise at most C(n + m, n) compositions.
                    double bound = 0;
                    if (caps.All(c => c == 1))
                        for (int j = 0; j <= Math.Min(totalMax, m); j++) bound += FockDistribution.BinomialDouble(m, j);
                    else bound = FockDistribution.BinomialDouble(totalMax + m, totalMax);
                    return Math.Min(bound, setCount);
                }
                var lower = seen.Values.Select(v => v.Sum).ToArray();
                Array.Sort(lower);
                double lk = lower.Length >= maxPatterns ? lower[^maxPatterns] : 0;
                double unseen = 0;
                if (heap.Count > 0)
                    for (int m = 0; m <= dCount; m++) unseen = Math.Max(unseen, ReportBound(m) * PairBound(m));
                if (heap.Count == 0 || (unseen < lk && lk > 0))
                {
                    // Candidates: every report met whose upper bound reaches L_K (reports of equal probability stay
                    // candidates however far the enumeration goes). Their exact sums cost N(m)·D each.
                    var candidates = new List<ulong[]>();
                    double exactWork = 0;
                    foreach (var (pattern, v) in seen)
                    {
                        double upper = heap.Count == 0 ? v.Sum : v.Sum + Math.Max(0, ReportBound(v.Support) - v.Visited) * PairBound(v.Support);
                        if (upper < lk) continue;
                        candidates.Add(pattern);
                        exactWork += ReportBound(v.Support) * (dCount + 8);
                    }
                    if (heap.Count == 0 || exactWork <= _limits.MaxOperations / 10)
                        return ExactTop(counts, candidates, totalMax, maxPatterns);
                }
            }
            if (pops + heap.Count + seen.Count > budget)
                throw new ComputationTooLargeException(new CostEstimate(pops + heap.Count, 60.0 * (pops + heap.Count) * (dCount + 8), 400.0 * (heap.Count + seen.Count)),
                    string.Create(CultureInfo.InvariantCulture, $"the {maxPatterns} most probable patterns with dark counts need more than {budget:G3} pairs of photon reports and dark counts"));
            nextCheck = 2 * pops;
        }
    }

    /// <summary>Exact probabilities of the candidate reports (packed one byte per detector), the <paramref name="maxPatterns"/> largest.</summary>
    private List<(int[] Pattern, double Probability)> ExactTop(SparseOutcomes counts, List<ulong[]> candidates, int totalMax, int maxPatterns)
    {
        int dCount = _detectors.Length;
        var transitions = Enumerable.Range(0, dCount).Select(DarkTransition).ToArray();
        var list = new List<(int[] Pattern, double Probability)>(candidates.Count);
        var photon = new int[dCount];
        foreach (var packed in candidates)
        {
            var pattern = new int[dCount];
            var support = new List<int>();
            for (int d = 0; d < dCount; d++)
            {
                pattern[d] = (int)(packed[d >> 3] >> (8 * (d & 7)) & 0xFF);
                if (pattern[d] != 0) support.Add(d);
            }
            // Σ over the photon reports s ≤ r (total ≤ n) of P(s) ∏_d T_d(s_d → r_d), s in lexicographic order.
            double total = 0;
            void Visit(int index, int remaining)
            {
                if (index == support.Count)
                {
                    double p = counts.Probability(photon);
                    if (p == 0) return;
                    for (int d = 0; d < dCount && p != 0; d++) p *= transitions[d][photon[d], pattern[d]];
                    total += p;
                    return;
                }
                int e = support[index];
                for (int v = 0; v <= Math.Min(pattern[e], remaining); v++)
                {
                    photon[e] = v;
                    Visit(index + 1, remaining - v);
                }
                photon[e] = 0;
            }
            Visit(0, totalMax);
            list.Add((pattern, total));
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

    /// <summary>Structural equality of packed reports.</summary>
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
