using PhotonicKit.Components;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PhotonicKit.Circuit.Quantum;

/// <summary>
/// Dark counts on top of the sparse photon statistics (<see cref="PhotonNumberExperiment.PhotonCounts"/>), without
/// the dense array over the whole outcome space: marginals, the number of clicking detectors, single patterns and
/// the probability sum, all exact.
/// </summary>
/// <remarks>
/// <para>
/// Dark counts are independent of the light and between detectors (physics.md, "Multi-photon interference"): detector
/// d adds X_d ~ Poisson(μ_d), μ_d = R·gate, to its photon count s_d and reports min(s_d + X_d, cap_d) (cap 1 for a
/// threshold detector, whose dark click probability is then p_dark = P(X ≥ 1) = 1 − e^{−μ}). Given the photon report
/// s, the reports are independent with the transition T_d(s → r) = P(X = r − s) for r &lt; cap, P(X ≥ cap − s) for
/// r = cap.
/// </para>
/// <para>
/// Number of clicking detectors: a detector with s_d ≥ 1 reports ≥ 1 whatever its dark counts; one with s_d = 0
/// clicks with q_d = 1 − e^{−μ_d}. So P(k) = Σ_S P_photon(S) · PB_{D∖S}(k − |S|), PB the Poisson-binomial
/// distribution of the silent detectors' dark clicks. Detectors with equal μ form classes; PB depends only on how
/// many detectors of each class S contains, so the photon probability is first summed per class-count vector and
/// PB is the convolution of one binomial per class, each built by multiplying (e^{−μ} + q z) factors (all terms
/// positive, no cancellation).
/// </para>
/// </remarks>
public sealed partial class PhotonNumberExperiment
{
    /// <summary>
    /// Detector d's dark-count transition T[s, r] = P(report r | photon report s), s, r = 0 … cap:
    /// P(X = r − s) below the cap, P(X ≥ cap − s) at it, X ~ Poisson(R·gate).
    /// </summary>
    private double[,] DarkTransition(int d)
    {
        double mean = _detectors[d].MeanDarkCounts;
        int radix = _radices[d], cap = radix - 1;
        var t = new double[radix, radix];
        var pmf = new double[radix];
        double term = Math.Exp(-mean);
        for (int c = 0; c < radix; c++)
        {
            pmf[c] = term;
            term *= mean / (c + 1);
        }
        for (int s = 0; s < radix; s++)
        {
            for (int r = s; r < cap; r++) t[s, r] = pmf[r - s];
            t[s, cap] = PoissonTail(mean, cap - s);
        }
        return t;
    }

    /// <summary>
    /// P(X ≥ j) for X ~ Poisson(<paramref name="mean"/>): 1 − Σ_{e &lt; j} P(X = e) when that sum is below one half,
    /// otherwise the tail summed term by term (no cancellation for small means; j = 1 is −expm1(−μ)).
    /// </summary>
    internal static double PoissonTail(double mean, int j)
    {
        if (j <= 0) return 1;
        if (mean == 0) return 0;
        if (j == 1) return -ExpM1(-mean);
        double term = Math.Exp(-mean), head = 0;
        for (int e = 0; e < j; e++)
        {
            head += term;
            term *= mean / (e + 1);
        }
        if (head < 0.5) return Math.Clamp(1 - head, 0, 1);
        // term is now P(X = j); the ratios mean/(e + 1) fall below 1 from here on (j > mean when head ≥ 1/2).
        double tail = 0;
        for (int e = j; e < j + 100_000 && term > 1e-18 * tail; e++)
        {
            tail += term;
            term *= mean / (e + 1);
        }
        return Math.Clamp(tail, 0, 1);
    }

    /// <summary>e^x − 1 without cancellation (<see cref="AccurateMath.ExpM1"/>).</summary>
    internal static double ExpM1(double x) => AccurateMath.ExpM1(x);

    /// <summary>Detector d's marginal of photon reports, spread by its dark counts.</summary>
    private double[] WithDarkCounts(int d, double[] photonMarginal)
    {
        var t = DarkTransition(d);
        int radix = _radices[d];
        var result = new double[radix];
        for (int r = 0; r < radix; r++)
        {
            double value = 0;
            for (int s = 0; s <= r; s++) value += photonMarginal[s] * t[s, r];
            result[r] = value;
        }
        return result;
    }

    /// <summary>
    /// Cost of one pass over the stored photon patterns (D operations each) and, for the click counts, of one
    /// Poisson-binomial of D terms per class-count vector (at most the number of stored patterns).
    /// </summary>
    private CostEstimate DarkPassCost(bool classes)
    {
        double stored = SparseEstimate().Stored, dCount = _detectors.Length;
        var cost = new CostEstimate(0, 2 * stored * dCount, 0);
        if (!classes) return cost;
        var sizes = _detectors.GroupBy(d => d.MeanDarkCounts).Select(g => (double)g.Count() + 1).ToArray();
        double vectors = Math.Min(stored, sizes.Aggregate(1.0, (a, b) => a * b));
        return cost + new CostEstimate(0, vectors * dCount * dCount, vectors * (48.0 + 4 * sizes.Length));
    }

    /// <summary>P(exactly k detectors report ≥ 1), k = 0 … D, with dark counts, from the photon statistics; with
    /// <paramref name="live"/>, each detector's click is registered only with its probability live[d] of being ready.</summary>
    private double[] ClickCountsWithDarkCounts(SparseOutcomes counts, IReadOnlyList<double>? live = null)
    {
        int dCount = _detectors.Length;
        // Detectors of one class share their dark-count mean and readiness: the registered clicks of a class with n of its
        // detectors reached by photons are Binomial(n, L) ⊗ Binomial(size − n, q·L), q = 1 − e^(−mean).
        var keys = new List<(double Mean, double Live)>();
        var classOf = new int[dCount];
        for (int d = 0; d < dCount; d++)
        {
            var key = (_detectors[d].MeanDarkCounts, live?[d] ?? 1.0);
            int c = keys.IndexOf(key);
            if (c < 0)
            {
                c = keys.Count;
                keys.Add(key);
            }
            classOf[d] = c;
        }
        int classes = keys.Count;
        var sizes = new int[classes];
        foreach (int c in classOf) sizes[c]++;
        // Photon probability per vector (number of photon-clicking detectors in each class), in first-seen order.
        var mass = new Dictionary<int[], double>(new VectorComparer());
        var scratch = new int[classes];
        counts.ForEachNonzero((_, _, pattern, p) =>
        {
            Array.Clear(scratch);
            for (int d = 0; d < pattern.Length; d++)
                if (pattern[d] != 0) scratch[classOf[d]]++;
            ref double slot = ref CollectionsMarshal.GetValueRefOrNullRef(mass, scratch);
            if (Unsafe.IsNullRef(ref slot)) mass.Add((int[])scratch.Clone(), p);
            else slot += p;
        });
        // Binomial(n, q) as a polynomial in the registered clicks, by class and n, built on first use; q given as
        // (1 − q, q) to keep small dark-count probabilities exact.
        var silent = new double[]?[classes][];
        var reached = new double[]?[classes][];
        for (int c = 0; c < classes; c++)
        {
            silent[c] = new double[]?[sizes[c] + 1];
            reached[c] = new double[]?[sizes[c] + 1];
        }
        static double[] Binomial(int n, double a, double b)
        {
            var poly = new double[n + 1];
            poly[0] = 1;
            for (int m = 1; m <= n; m++)
            {
                for (int j = m; j >= 1; j--) poly[j] = a * poly[j] + b * poly[j - 1];
                poly[0] *= a;
            }
            return poly;
        }
        double[] Silent(int c, int n)
        {
            if (silent[c][n] is { } known) return known;
            double q = -ExpM1(-keys[c].Mean), l = keys[c].Live;
            return silent[c][n] = l == 1 ? Binomial(n, Math.Exp(-keys[c].Mean), q) : Binomial(n, 1 - q * l, q * l);
        }
        double[] Reached(int c, int n) => reached[c][n] ??= Binomial(n, 1 - keys[c].Live, keys[c].Live);
        var result = new double[dCount + 1];
        var product = new double[dCount + 1];
        var next = new double[dCount + 1];
        void Multiply(double[] poly, ref int degree)
        {
            if (poly.Length == 1 && poly[0] == 1) return;
            Array.Clear(next, 0, degree + poly.Length);
            for (int i = 0; i <= degree; i++)
            {
                double x = product[i];
                if (x == 0) continue;
                for (int j = 0; j < poly.Length; j++) next[i + j] += x * poly[j];
            }
            degree += poly.Length - 1;
            Array.Copy(next, product, degree + 1);
        }
        foreach (var (vector, p) in mass)
        {
            int clicking = 0, degree = 0;
            Array.Clear(product);
            product[0] = 1;
            for (int c = 0; c < classes; c++)
            {
                if (keys[c].Live == 1) clicking += vector[c];
                else Multiply(Reached(c, vector[c]), ref degree);
                Multiply(Silent(c, sizes[c] - vector[c]), ref degree);
            }
            for (int j = 0; j <= degree; j++) result[clicking + j] += p * product[j];
        }
        return result;
    }

    /// <summary>Structural equality of class-count vectors.</summary>
    private sealed class VectorComparer : IEqualityComparer<int[]>
    {
        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] obj)
        {
            var hash = new HashCode();
            foreach (int v in obj) hash.Add(v);
            return hash.ToHashCode();
        }
    }

    /// <summary>
    /// P(report r) with dark counts: Σ over stored photon reports s ≤ r (entry by entry) of P_photon(s) ∏_d T_d(s_d → r_d).
    /// </summary>
    private double ProbabilityWithDarkCounts(SparseOutcomes counts, int[] report)
    {
        var transitions = Enumerable.Range(0, _detectors.Length).Select(DarkTransition).ToArray();
        double total = 0;
        counts.ForEachNonzero((_, _, pattern, p) =>
        {
            double w = p;
            for (int d = 0; d < pattern.Length && w != 0; d++)
                w = pattern[d] > report[d] ? 0 : w * transitions[d][pattern[d], report[d]];
            total += w;
        });
        return total;
    }

    /// <summary>
    /// Samples by inversion of the cumulative over the nonzero patterns of <paramref name="counts"/> in mixed-radix
    /// order (detector 0 the fastest digit): the draws of the dense array's inversion with the same seed. Patterns are
    /// held as (mixed-radix index, probability), 16 bytes each. Beyond one array's worth of outcomes (where no dense
    /// array was ever drawn from) the cumulative runs in storage order instead (<see cref="SparseOutcomes.Sample"/>).
    /// </summary>
    private int[][] SampleInRadixOrder(SparseOutcomes counts, int count, int seed)
    {
        if (_outcomeCount > Array.MaxLength) return counts.Sample(count, seed);
        var keys = new List<long>();
        var probabilities = new List<double>();
        var scratch = new int[_detectors.Length];
        counts.ForEachNonzero((_, _, pattern, p) =>
        {
            pattern.CopyTo(scratch);
            keys.Add(Index(scratch, capped: false));
            probabilities.Add(p);
        });
        var keyArray = keys.ToArray();
        var pArray = probabilities.ToArray();
        Array.Sort(keyArray, pArray);
        var indices = DrawIndices(pArray, count, seed);
        var samples = new int[count][];
        for (int s = 0; s < count; s++)
            samples[s] = keyArray.Length == 0 ? new int[_detectors.Length] : PatternOf(keyArray[Math.Min(indices[s], keyArray.Length - 1)]);
        return samples;
    }
}
