using PhotonicKit.Circuit.Diagnostics;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using PhotonicKit.Circuit.Quantum.Sampling;

namespace PhotonicKit.Circuit.Quantum;

/// <summary>
/// The distribution of the detectors' reports over the patterns that can occur (<see cref="SparseOutcomes"/>), per
/// configuration by SLOS where the photons allow it, counts coarse-grained into reports (capped at max_photons, at 1
/// for threshold detectors), and exact sampling without the distribution.
/// </summary>
/// <remarks>
/// <para>
/// Uniform loss. With orthogonal source modes, C the detector columns of the sources (D × S, efficiencies included)
/// and τ = λ_max(CᴴC) ≤ 1, C = √τ·C′ with C′ passive: a loss τ common to all inputs commutes with the passive
/// network, so each emitted photon survives independently with probability τ (binomial thinning of every source's
/// photon number) and then enters C′. A source's state after thinning is none, its main photon, main and extra
/// photon, or its extra photon only (merged with "main only" when the extra photon shares the main photon's state).
/// The loss that remains, E = I − C′ᴴC′, is dilated with r = rank E loss modes L = D_E^{1/2}V_Eᴴ (E = V_E D_E V_Eᴴ)
/// appended below C′; for a lossless interferometer with equal detector efficiencies r = 0.
/// </para>
/// <para>
/// Per thinned configuration, the photons in the common internal state (main photons, and extra photons that share
/// it) go through SLOS on [C′; L] when their Gram matrix is all ones (Heurtel et al., Quantum 7, 931 (2023)) or
/// uniform with one photon per source (binary model, <see cref="BinaryDistinguishabilityModel"/>, M = g²); the loss
/// modes are summed out; extra photons orthogonal to all others are added classically (convolution with
/// |C′[d, s]|² and the loss 1 − Σ_d |C′[d, s]|²). Other configurations, or ones where it is cheaper, use one
/// permanent sum per pattern (<see cref="MultiPhotonInterference.Probability"/>) with C′. Counts are capped per
/// detector and accumulated, configurations in a fixed order, into <see cref="SparseOutcomes"/>.
/// </para>
/// </remarks>
public sealed partial class PhotonNumberExperiment
{
    private const double Tolerance = 1e-12;
    private SparseOutcomes? _outcomes;
    private Thinning? _thinning;

    /// <summary>Largest number of threads of the SLOS runs (0: all processors); the results do not depend on it.</summary>
    internal int MaxThreads { get; set; }

    /// <summary>Whether photons all in one mixed state may use <see cref="IdenticalMixedPhotons"/> (true) or always the
    /// permutation sum per pattern (false, for comparing the two).</summary>
    internal bool IdenticalMixedAllowed { get; set; } = true;

    /// <summary>Number of configurations computed by <see cref="IdenticalMixedPhotons"/> so far.</summary>
    internal int IdenticalMixedRuns { get; private set; }

    /// <summary>True when every detector resolves photon numbers.</summary>
    private bool AllResolving => _detectors.All(d => d.Resolution == DetectorResolution.PhotonNumberResolving);

    /// <summary>True when some detector has dark counts.</summary>
    private bool HasDarkCounts => _detectors.Any(d => d.MeanDarkCounts > 0);

    /// <summary>
    /// True when the outcome distribution is kept as <see cref="SparseOutcomes"/> (no detector with dark counts, and
    /// the sparse computation chosen: always for number-resolving detectors only, for threshold or mixed detectors
    /// unless the dense one is cheaper); otherwise it is a dense array over all ∏ (max_photons + 1 or 2) outcomes.
    /// </summary>
    public bool UsesSparseOutcomes => !HasDarkCounts && SparsePhotons;

    /// <summary>Largest number of photons the sources emit together (Σ_s the largest photon number of nonzero probability).</summary>
    public int MaxPhotonCount => _sources.Sum(s => s.P2 > 0 ? 2 : s.P1 > 0 ? 1 : 0);

    /// <summary>
    /// Sum of the probabilities of all outcomes (1 up to rounding). Dark counts only move probability between
    /// outcomes, so with sparse photon statistics it is the total of <see cref="PhotonCounts"/>.
    /// </summary>
    public double ProbabilitySum()
    {
        if (SparsePhotons) return PhotonCounts().Total();
        double sum = 0;
        foreach (double p in Distribution()) sum += p;
        return sum;
    }

    /// <summary>
    /// The distribution of the detectors' reports without dark counts, over the patterns that can occur: counts
    /// capped at max_photons, a threshold detector's count capped at 1 (a click is the coarse-graining count ≥ 1 → 1
    /// of the photon-number distribution). Computed once, after its estimate (the sparse part of
    /// <see cref="EstimateCost"/>) is checked against the limits.
    /// </summary>
    public SparseOutcomes PhotonCounts()
    {
        if (_outcomes is not null) return _outcomes;
        _limits.Check(SparseEstimate().Cost);
        var thinning = GetThinning();
        int maxTotal = MaxPhotonCount;
        var outcomes = new SparseOutcomes(_detectors.Length, maxTotal);
        // Progress by each configuration's estimated operations (the estimate the limits were checked against).
        using var progress = Work.Part("photon-number patterns", SparseEstimate().Cost.Operations);
        foreach (var (states, weight) in ThinnedConfigurations(thinning))
        {
            var plan = Plan(thinning, states);
            var layers = Compute(thinning, states, plan);
            Fold(outcomes, layers, weight);
            Work.Advance(plan.Cost.Operations);
        }
        _outcomes = outcomes;
        return outcomes;
    }

    // ------------------------------------------------------------------ cost

    private (CostEstimate Cost, double Stored)? _sparseEstimate;

    /// <summary>Cost of <see cref="PhotonCounts"/> and the number of entries it stores.</summary>
    private (CostEstimate Cost, double Stored) SparseEstimate() => _sparseEstimate ??= EstimateSparseCost();

    private (CostEstimate Cost, double Stored) EstimateSparseCost()
    {
        var thinning = GetThinning();
        int dCount = _detectors.Length;
        double configurations = ThinnedConfigurationCount(thinning);
        int maxTotal = MaxPhotonCount;
        bool capsBind = _detectors.Any(d => d.OutcomeCount - 1 < maxTotal);
        bool lossy = thinning.Tau < 1 || thinning.LossRank > 0;
        // Stored totals: each configuration's photon number, all smaller ones with loss or binding caps.
        var totals = new SortedSet<int>();
        CostEstimate work = default;
        if (configurations > 1e5)
        {
            // Every source with both photons: the extra photon shared (state 2) where the source's extra photon can be in
            // the main photon's state, private (state 4) otherwise, the costlier where it may be either.
            var full = _sources.Select(x => x.ExtraPhotonShare > 0 ? 2 : 4).ToArray();
            var plan = Plan(thinning, full);
            if (_sources.Any(x => x.ExtraPhotonShare is > 0 and < 1))
            {
                var other = _sources.Select(x => x.ExtraPhotonShare < 1 ? 4 : 2).ToArray();
                var alternative = Plan(thinning, other);
                if (alternative.Cost.Operations > plan.Cost.Operations) plan = alternative;
            }
            work = new CostEstimate(configurations * plan.Cost.Patterns, configurations * plan.Cost.Operations, plan.Cost.MemoryBytes);
            for (int k = 0; k <= maxTotal; k++) totals.Add(k);
        }
        else
            foreach (var (states, _) in ThinnedConfigurations(thinning))
            {
                var plan = Plan(thinning, states);
                work += plan.Cost;
                int n = plan.PhotonCount;
                if (lossy || capsBind || plan.Classical.Count > 0) for (int k = 0; k <= n; k++) totals.Add(k);
                else totals.Add(n);
            }
        double stored = totals.Sum(k => FockDistribution.BinomialDouble(k + dCount - 1, k));
        double memory = work.MemoryBytes + 8.0 * stored;
        return (new CostEstimate(work.Patterns, work.Operations + configurations * 10 + stored * dCount, memory), stored);
    }

    /// <summary>
    /// Estimated cost of <see cref="Probability"/> for <paramref name="pattern"/>: the cheaper of the direct sum (per
    /// configuration with n photons, one permanent sum over the loss patterns of the undetected photons, or
    /// 2^|clicks| for threshold detectors; without dark counts, all threshold or counts below the caps) and the
    /// distribution it is read from (with dark counts: the photon statistics and one pass over them).
    /// </summary>
    /// <param name="pattern">One entry per detector.</param>
    public CostEstimate EstimatePatternCost(IReadOnlyList<int> pattern) => PatternRoute(CheckPattern(pattern)).Cost;

    /// <summary>Cost of the direct sum of one pattern over the configurations (no dark counts).</summary>
    private CostEstimate DirectPatternCost(int[] pattern, bool allThreshold)
    {
        int detected = pattern.Sum();
        int clicks = pattern.Count(c => c > 0);
        double configurations = ConfigurationCount;
        CostEstimate PerConfiguration(int[] counts)
        {
            int n = counts.Sum();
            if (n == 0) return new CostEstimate(1, 1, 0);
            double sigma = GramTermBound(counts) * MixtureBranches(counts);
            if (allThreshold) return new CostEstimate(1, Math.ScaleB(1.0, clicks) * sigma * MultiPhotonInterference.PermanentCost(n) * n, 64.0 * n * n);
            if (detected > n) return new CostEstimate(1, n, 0);
            int lost = n - detected;
            double lossPatterns = Binomial(lost + n - 1, lost);
            return new CostEstimate(1, lossPatterns * sigma * MultiPhotonInterference.PermanentCost(n) + 64.0 * n * n * n, 64.0 * n * n);
        }
        if (configurations > 1e5)
        {
            var one = PerConfiguration(Enumerable.Repeat(2, _sources.Length).ToArray());
            return new CostEstimate(configurations, configurations * one.Operations, one.MemoryBytes + configurations * 64);
        }
        CostEstimate total = default;
        foreach (var (counts, _) in Configurations()) total += PerConfiguration(counts);
        return total + new CostEstimate(0, 0, configurations * 64);
    }

    // ------------------------------------------------------------------ thinning

    /// <summary>The uniform loss τ taken out of the network, the passive rest C′ with its loss rows.</summary>
    private sealed record Thinning(double Tau, Complex[][] Columns, Complex[,] Extended, int LossRank);

    private Thinning GetThinning()
    {
        if (_thinning is not null) return _thinning;
        int s = _sources.Length, dCount = _detectors.Length;
        bool orthogonal = true;
        for (int a = 0; a < s && orthogonal; a++)
            for (int b = a + 1; b < s && orthogonal; b++)
            {
                Complex overlap = 0;
                var ea = _sources[a].ModeAmplitudes;
                var eb = _sources[b].ModeAmplitudes;
                for (int i = 0; i < ea.Count; i++) overlap += Complex.Conjugate(ea[i]) * eb[i];
                if (Complex.Abs(overlap) > Tolerance) orthogonal = false;
            }
        var c = Matrix<Complex>.Build.Dense(dCount, s, (d, k) => _sourceColumns[k][d]);
        var ctc = c.ConjugateTranspose() * c;
        ctc = (ctc + ctc.ConjugateTranspose()) / 2;
        double tau = 1;
        if (orthogonal)
        {
            double lambdaMax = ctc.Evd(Symmetricity.Hermitian).EigenValues.Max(v => v.Real);
            if (lambdaMax > Tolerance && lambdaMax < 1 - Tolerance) tau = lambdaMax;
        }
        double scale = 1 / Math.Sqrt(tau);
        var columns = _sourceColumns.Select(col => col.Select(v => v * scale).ToArray()).ToArray();
        // Loss rows of the rest: E = K − C′ᴴC′ (K the source-mode overlaps) = V D Vᴴ, L = D^{1/2} Vᴴ.
        var e = Matrix<Complex>.Build.Dense(s, s, (a, b) =>
        {
            Complex k = 0;
            var ea = _sources[a].ModeAmplitudes;
            var eb = _sources[b].ModeAmplitudes;
            for (int i = 0; i < ea.Count; i++) k += Complex.Conjugate(ea[i]) * eb[i];
            return k;
        }) - ctc / tau;
        e = (e + e.ConjugateTranspose()) / 2;
        var evd = e.Evd(Symmetricity.Hermitian);
        var lossRows = new List<Complex[]>();
        double threshold = 1e-10;
        for (int q = 0; q < s; q++)
        {
            double d = evd.EigenValues[q].Real;
            if (d <= threshold) continue;
            double root = Math.Sqrt(d);
            var row = new Complex[s];
            for (int j = 0; j < s; j++) row[j] = root * Complex.Conjugate(evd.EigenVectors[j, q]);
            lossRows.Add(row);
        }
        var extended = new Complex[dCount + lossRows.Count, s];
        for (int j = 0; j < s; j++)
        {
            for (int d = 0; d < dCount; d++) extended[d, j] = columns[j][d];
            for (int q = 0; q < lossRows.Count; q++) extended[dCount + q, j] = lossRows[q][j];
        }
        _thinning = new Thinning(tau, columns, extended, lossRows.Count);
        return _thinning;
    }

    // Source states after thinning: 0 none, 1 main photon (or an extra photon alone in the main photon's state),
    // 2 main and extra photon in the main photon's state, 3 a private extra photon only, 4 main and private extra photon.
    // An extra photon of share w is in the main photon's state with probability w and private otherwise.
    private (int State, double Probability)[] ThinnedStates(int s, double tau)
    {
        var src = _sources[s];
        double p0 = src.P0, p1 = src.P1, p2 = src.P2, t = tau, u = 1 - tau, w = src.ExtraPhotonShare;
        double none = p0 + p1 * u + p2 * u * u;
        double main = p1 * t + p2 * t * u + w * p2 * u * t;
        double bothShared = w * p2 * t * t;
        double bothPrivate = (1 - w) * p2 * t * t;
        double extraOnly = (1 - w) * p2 * u * t;
        var list = new List<(int, double)>();
        if (none > 0) list.Add((0, none));
        if (main > 0) list.Add((1, main));
        if (bothShared > 0) list.Add((2, bothShared));
        if (extraOnly > 0) list.Add((3, extraOnly));
        if (bothPrivate > 0) list.Add((4, bothPrivate));
        return list.ToArray();
    }

    private double ThinnedConfigurationCount(Thinning thinning) =>
        Enumerable.Range(0, _sources.Length).Aggregate(1.0, (a, s) => a * ThinnedSupport(s, thinning.Tau).Length);

    /// <summary>The thinned states of source <paramref name="s"/> with their probabilities when it is bright; a blinking
    /// source can also give none (state 0) when dark.</summary>
    private (int State, double Probability)[] ThinnedSupport(int s, double tau)
    {
        var states = ThinnedStates(s, tau);
        return _activity.Blinks(s) && !states.Any(x => x.State == 0) ? [(0, 0.0), .. states] : states;
    }

    private IEnumerable<(int[] States, double Probability)> ThinnedConfigurations(Thinning thinning)
    {
        int s = _sources.Length;
        var supports = Enumerable.Range(0, s).Select(k => ThinnedSupport(k, thinning.Tau)).ToArray();
        var bright = new double[s];
        var nothing = new bool[s];
        foreach (var digits in MixedRadix(supports.Select(x => x.Length).ToArray()))
        {
            var states = new int[s];
            for (int k = 0; k < s; k++)
            {
                states[k] = supports[k][digits[k]].State;
                bright[k] = supports[k][digits[k]].Probability;
                nothing[k] = states[k] == 0;
            }
            double probability = _activity.Weight(bright, nothing);
            if (probability > 0) yield return (states, probability);
        }
    }

    // ------------------------------------------------------------------ one configuration

    private enum Method
    {
        Slos,
        SlosBinary,
        IdenticalMixed,
        Permanents,
    }

    /// <summary>How one thinned configuration is computed: the photons in the common state (by source, repeats for
    /// extra photons sharing it), the classical extra photons, the method and its cost.</summary>
    private sealed record ConfigurationPlan(List<int> Common, List<int> Classical, List<int> Owner, List<bool> IsPrivate,
        Method Method, double Overlap, CostEstimate Cost)
    {
        public int PhotonCount => Owner.Count;
    }

    private ConfigurationPlan Plan(Thinning thinning, int[] states)
    {
        var common = new List<int>();
        var classical = new List<int>();
        var owner = new List<int>();
        var isPrivate = new List<bool>();
        for (int s = 0; s < states.Length; s++)
        {
            bool main = states[s] is 1 or 2 or 4, extra = states[s] is 2 or 3 or 4;
            bool extraShares = states[s] == 2;
            if (main)
            {
                common.Add(s);
                owner.Add(s);
                isPrivate.Add(false);
            }
            if (extra)
            {
                if (extraShares) common.Add(s);
                else classical.Add(s);
                owner.Add(s);
                isPrivate.Add(!extraShares);
            }
        }
        int n = owner.Count, dCount = _detectors.Length, modes = dCount + thinning.LossRank;
        // Gram matrix of the common photons: all ones, uniform (one photon per source), or general.
        bool allOnes = true, uniform = true, repeats = common.Distinct().Count() != common.Count;
        double g = common.Count > 1 ? _sourceOverlaps[common[0], common[1]].Real : 1;
        for (int i = 0; i < common.Count; i++)
            for (int j = i + 1; j < common.Count; j++)
            {
                Complex v = common[i] == common[j] ? _states.SameSourceOverlap(common[i]) : _sourceOverlaps[common[i], common[j]];
                if (Complex.Abs(v - 1) > Tolerance) allOnes = false;
                if (Complex.Abs(v - g) > Tolerance) uniform = false;
            }
        bool lossy = thinning.LossRank > 0;
        // Permanents: every pattern of every detected total, a sum over loss patterns and Gram permutations.
        double permanentPatterns = 0, permanentOps = 0;
        if (n > 0)
        {
            double sigma = GramTermBound(owner);
            for (int detected = lossy || classical.Count > 0 ? 0 : n; detected <= n; detected++)
            {
                double patterns = Binomial(detected + dCount - 1, detected);
                double lossPatterns = Binomial(2 * n - detected - 1, n - detected);
                permanentPatterns += patterns;
                permanentOps += patterns * (lossPatterns * sigma * MultiPhotonInterference.PermanentCost(n) + 4.0 * dCount);
            }
        }
        double layerBytes = 0;
        for (int k = 0; k <= n; k++) layerBytes += 8.0 * FockDistribution.BinomialDouble(k + dCount - 1, k);
        var permanents = new CostEstimate(permanentPatterns, permanentOps + 1e3 * n * n * n, layerBytes + 64.0 * n * n * (dCount + n));
        bool slosPossible = n > 0 && _states.IsPure && (allOnes || (uniform && !repeats && g >= 0 && common.Count <= 24));
        if (slosPossible)
        {
            bool binary = !(allOnes || g == 0);
            var one = binary ? Slos.EstimateBinary(common.Count, modes) : Slos.Estimate(common.Count, modes);
            double ops = one.Operations + (lossy ? one.Patterns * modes : 0);
            // Classical photons: one pass over each layer per photon, D predecessors per pattern.
            for (int c = 1; c <= classical.Count; c++)
                for (int k = 0; k <= common.Count + c; k++) ops += FockDistribution.BinomialDouble(k + dCount - 1, k) * (2.0 * dCount);
            var slos = new CostEstimate(one.Patterns, ops, one.MemoryBytes + 2 * layerBytes);
            if (slos.Operations <= permanents.Operations)
                return new ConfigurationPlan(common, classical, owner, isPrivate, allOnes ? Method.Slos : Method.SlosBinary, g, slos);
        }
        // Mixed photons all in one state: the subset-convolution formula (IdenticalMixedPhotons).
        // (Cycle traces of mixed photons are computed for at most MaxMixedPhotons photons, as for the permutation sum.)
        if (IdenticalMixedAllowed && n > 0 && !_states.IsPure && common.Count > 1 && common.Count <= MultiPhotonInterference.MaxMixedPhotons
            && common.All(x => _states.SameState(common[0], x)))
        {
            var one = IdenticalMixedPhotons.Estimate(common.Count, modes);
            double ops = one.Operations + (lossy ? one.Patterns * modes : 0);
            for (int c = 1; c <= classical.Count; c++)
                for (int k = 0; k <= common.Count + c; k++) ops += FockDistribution.BinomialDouble(k + dCount - 1, k) * (2.0 * dCount);
            var identical = new CostEstimate(one.Patterns, ops, one.MemoryBytes + 2 * layerBytes);
            if (identical.Operations <= permanents.Operations)
                return new ConfigurationPlan(common, classical, owner, isPrivate, Method.IdenticalMixed, g, identical);
        }
        return new ConfigurationPlan(common, classical, owner, isPrivate, Method.Permanents, g, permanents);
    }

    private double GramTermBound(List<int> owner)
    {
        // The same bound as for photon-number configurations, on the photons' owners.
        var counts = new int[_sources.Length];
        foreach (int s in owner) counts[s]++;
        return GramTermBound(counts);
    }

    /// <summary>Uncapped count distribution of one thinned configuration, per detected total k (arrays over Space(n, D)).</summary>
    private double[]?[] Compute(Thinning thinning, int[] states, ConfigurationPlan plan)
    {
        int n = plan.PhotonCount, dCount = _detectors.Length;
        var space = new FockDistribution.Space(n, dCount);
        var layers = new double[]?[n + 1];
        if (n == 0)
        {
            layers[0] = [1.0];
            return layers;
        }
        var unlimited = new ComputationLimits(double.PositiveInfinity, double.PositiveInfinity);
        if (plan.Method == Method.Permanents)
        {
            var experiment = Build(plan.Owner, plan.IsPrivate, thinning.Columns);
            var counts = new int[dCount];
            for (int detected = experiment.LossRank == 0 ? n : 0; detected <= n; detected++)
            {
                var layer = new double[space.Count(detected)];
                foreach (var _ in MultiPhotonInterference.Compositions(counts, detected))
                    layer[space.Rank(counts)] = experiment.Probability(counts);
                layers[detected] = layer;
            }
            return layers;
        }
        int q = plan.Common.Count;
        if (q == 0) layers[0] = [1.0];
        else if (plan.Method == Method.IdenticalMixed)
        {
            var traces = new double[q + 1];
            traces[0] = traces[1] = 1;
            for (int k = 2; k <= q; k++) traces[k] = _states.CycleTrace(Enumerable.Repeat(plan.Common[0], k).ToArray()).Real;
            int modes = dCount + thinning.LossRank;
            var full = new FockDistribution.Space(q, modes);
            var probabilities = IdenticalMixedPhotons.Distribution(full, thinning.Extended, plan.Common, traces,
                MaxThreads == 0 ? Environment.ProcessorCount : MaxThreads);
            IdenticalMixedRuns++;
            if (thinning.LossRank == 0) layers[q] = probabilities;
            else Marginalize(new FockDistribution(q, modes, probabilities), space, dCount, layers);
        }
        else
        {
            FockDistribution fd = plan.Method == Method.Slos
                ? Slos.OutputDistribution(thinning.Extended, plan.Common, unlimited, MaxThreads)
                : Slos.OutputDistribution(thinning.Extended, plan.Common, plan.Overlap * plan.Overlap, unlimited, MaxThreads);
            if (thinning.LossRank == 0) layers[q] = fd.ProbabilityArray;
            else Marginalize(fd, space, dCount, layers);
        }
        foreach (int s in plan.Classical) layers = AddClassical(layers, space, thinning.Columns[s]);
        return layers;
    }

    /// <summary>Sums the loss modes (the last modes of <paramref name="fd"/>) out, per detected total.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Marginalize(FockDistribution fd, FockDistribution.Space space, int dCount, double[]?[] layers)
    {
        int n = fd.PhotonCount, modes = fd.ModeCount;
        var full = new FockDistribution.Space(n, modes);
        var cursor = new SparseOutcomes.Cursor(full);
        ReadOnlySpan<double> p = fd.Probabilities;
        cursor.Start(n, 0);
        int[] prefix = cursor.Prefix;
        for (int r = 0; r < p.Length; r++)
        {
            if (p[r] != 0)
            {
                // Detected part: prefix sums P_0 … P_{D−2} are those of the detectors; P_{D−1} is their total.
                int k = prefix[dCount - 1];
                long rank = 0;
                for (int j = 0; j < dCount - 1; j++) rank += space.Binomial(prefix[j] + j, j + 1);
                (layers[k] ??= new double[space.Count(k)])[rank] += p[r];
            }
            if (r + 1 < p.Length) cursor.Next();
        }
    }

    /// <summary>Adds one photon that interferes with none of the others: it reaches detector d with probability |c_d|², else is lost.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static double[]?[] AddClassical(double[]?[] layers, FockDistribution.Space space, Complex[] column)
    {
        int m = space.Modes;
        var w = column.Select(v => v.Real * v.Real + v.Imaginary * v.Imaginary).ToArray();
        double lost = Math.Max(0, 1 - w.Sum());
        var next = new double[]?[layers.Length];
        var cursor = new SparseOutcomes.Cursor(space);
        var suffix = new long[m + 1];
        for (int k = 0; k < layers.Length; k++)
        {
            // Stays: the photon is lost.
            if (layers[k] is { } same && lost > 0)
            {
                var target = next[k] ??= new double[same.Length];
                for (int r = 0; r < same.Length; r++) target[r] += lost * same[r];
            }
            if (k == 0 || layers[k - 1] is not { } below) continue;
            var layer = next[k] ??= new double[space.Count(k)];
            cursor.Start(k, 0);
            int[] prefix = cursor.Prefix;
            for (long r = 0; r < layer.LongLength; r++)
            {
                var t = cursor.Counts;
                // rank(t) − rank(t − e_j) = Σ_{i = j}^{m−2} C(P_i + i − 1, i).
                suffix[m - 1] = 0;
                for (int i = m - 2; i >= 0; i--) suffix[i] = suffix[i + 1] + space.Binomial(prefix[i] + i - 1, i);
                double acc = 0;
                for (int j = 0; j < m; j++)
                    if (t[j] > 0) acc += w[j] * below[r - suffix[j]];
                layer[r] += acc;
                if (r + 1 < layer.LongLength) cursor.Next();
            }
        }
        return next;
    }

    /// <summary>Adds weight × the configuration's counts, capped per detector, to <paramref name="outcomes"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Fold(SparseOutcomes outcomes, double[]?[] layers, double weight)
    {
        int dCount = _detectors.Length;
        var caps = _detectors.Select(d => d.OutcomeCount - 1).ToArray();
        for (int k = 0; k < layers.Length; k++)
        {
            if (layers[k] is not { } layer) continue;
            if (caps.All(c => c >= k))
            {
                var target = outcomes.LayerOrNull(k);
                if (target is null)
                {
                    // 0 + w·p = w·p: scaling in place gives the same numbers as accumulating.
                    for (int r = 0; r < layer.Length; r++) layer[r] *= weight;
                    outcomes.Adopt(k, layer);
                }
                else
                    for (int r = 0; r < layer.Length; r++) target[r] += weight * layer[r];
                continue;
            }
            var space = new FockDistribution.Space(k, dCount);
            var cursor = new SparseOutcomes.Cursor(space);
            var capped = new int[dCount];
            cursor.Start(k, 0);
            for (long r = 0; r < layer.LongLength; r++)
            {
                if (layer[r] != 0)
                {
                    var t = cursor.Counts;
                    int total = 0;
                    for (int d = 0; d < dCount; d++) total += capped[d] = Math.Min(t[d], caps[d]);
                    outcomes.Layer(total)[outcomes.Rank(capped)] += weight * layer[r];
                }
                if (r + 1 < layer.LongLength) cursor.Next();
            }
        }
    }

    /// <summary>The dense mixed-radix distribution of the counts with every detector's dark counts added.</summary>
    private double[] DenseFromCounts(SparseOutcomes counts)
    {
        var p = new double[_outcomeCount];
        counts.ForEachNonzero((_, _, pattern, probability) => p[Index(pattern.ToArray(), capped: true)] += probability);
        for (int d = 0; d < _detectors.Length; d++) AddDarkCounts(p, d);
        return p;
    }

    // ------------------------------------------------------------------ sampling without the distribution

    /// <summary>
    /// Why <see cref="SampleDirect(int, int, int)"/> cannot serve these sources, or null when it can: it needs extra photons that
    /// are orthogonal to all others (or no two-photon emission), main photons with a uniform real overlap (the binary
    /// model), orthogonal source modes and at most 40 photons.
    /// </summary>
    public string? DirectSamplingRestriction()
    {
        int s = _sources.Length;
        if (MaxPhotonCount > 40) return $"at most 40 photons can be sampled; the sources emit up to {MaxPhotonCount}";
        if (!_states.IsPure) return "the photons are in mixed internal states (the sampler draws pure photons of the binary model)";
        for (int a = 0; a < s; a++)
            if (_sources[a].P2 > 0 && _sources[a].ExtraPhotonShare > 0)
                return _sources[a].ExtraPhoton == ExtraPhotonModel.Indistinguishable
                    ? $"source {a} emits two photons in one state (multiphoton_model: indistinguishable), which the sampler does not treat"
                    : $"source {a} emits an extra photon that partly shares the main photon's state (multiphoton_model: master_equation), which the sampler does not treat";
        var emitting = Enumerable.Range(0, s).Where(a => _sources[a].P1 + _sources[a].P2 > 0).ToArray();
        Complex? g = null;
        foreach (int a in emitting)
            foreach (int b in emitting)
            {
                if (b <= a) continue;
                Complex overlap = 0;
                var ea = _sources[a].ModeAmplitudes;
                var eb = _sources[b].ModeAmplitudes;
                for (int i = 0; i < ea.Count; i++) overlap += Complex.Conjugate(ea[i]) * eb[i];
                if (Complex.Abs(overlap) > Tolerance) return "the sources' input modes overlap";
                g ??= _sourceOverlaps[a, b];
                if (Complex.Abs(_sourceOverlaps[a, b] - g.Value) > 1e-9 || Math.Abs(g.Value.Imaginary) > 1e-9 || g.Value.Real < 0)
                    return "the sources' photons do not all overlap equally (the sampler uses the binary model of distinguishability)";
            }
        return null;
    }

    /// <summary>
    /// Estimated cost of <see cref="SampleDirect(int, int, int)"/>: per sample, Clifford &amp; Clifford's algorithm B on n photons
    /// (Σ_k k·2^{k−2} complex products for the minors, (D + n)·k for the weights) and O(D·S) for the rest.
    /// </summary>
    /// <param name="count">Number of samples.</param>
    public CostEstimate EstimateDirectSamplingCost(int count)
    {
        int n = MaxPhotonCount, dCount = _detectors.Length, s = _sources.Length;
        double perSample = 0;
        for (int k = 1; k <= n; k++) perSample += 8.0 * k * Math.ScaleB(1.0, Math.Max(0, k - 2)) + 8.0 * (dCount + n) * k;
        perSample += 4.0 * dCount * s;
        double samplers = Math.Min(ConfigurationCount, Math.Max(1, count));
        return new CostEstimate(count, count * perSample + samplers * 50.0 * (dCount + n) * n * n, 16.0 * (dCount + n) * n * Math.Min(samplers, 64) + 8.0 * count * dCount);
    }

    /// <summary>
    /// <paramref name="count"/> exact samples of the detectors' reports without computing the distribution: per
    /// sample, each source's photon number is drawn from (p0, p1, p2); the main photons are drawn together by
    /// <see cref="BosonSampler"/> (algorithm B with loss dilation, binary model M = g² for the uniform overlap g);
    /// each extra photon, orthogonal to all others, lands on detector d with probability |C[d, s]|²; dark counts
    /// are added (Poisson for number-resolving detectors, a click with p_dark for threshold ones) and the counts
    /// capped. Sample q uses its own generator seeded from (seed, q).
    /// </summary>
    /// <param name="count">Number of samples, ≥ 0.</param>
    /// <param name="seed">Seed of the batch.</param>
    public int[][] SampleDirect(int count, int seed) => SampleDirect(0, count, seed);

    /// <summary>
    /// Draws <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1 of the batch of
    /// <see cref="SampleDirect(int, int)"/> with <paramref name="seed"/>: each draw has its own generator, so the
    /// draws of consecutive ranges, joined, are the batch's (a sharded run's samples, <c>run --shard</c>).
    /// </summary>
    /// <param name="first">Index of the first draw, ≥ 0.</param>
    /// <param name="count">Number of draws, ≥ 0.</param>
    /// <param name="seed">Seed of the batch.</param>
    public int[][] SampleDirect(int first, int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (DirectSamplingRestriction() is { } reason) throw new InvalidOperationException($"exact sampling is not available: {reason}");
        _limits.Check(EstimateDirectSamplingCost(count));
        int s = _sources.Length, dCount = _detectors.Length;
        var transfer = new Complex[dCount, s];
        for (int k = 0; k < s; k++)
            for (int d = 0; d < dCount; d++) transfer[d, k] = _sourceColumns[k][d];
        double g = 1;
        for (int a = 0; a < s && g == 1; a++)
            for (int b = a + 1; b < s; b++)
                if (_sources[a].P1 + _sources[a].P2 > 0 && _sources[b].P1 + _sources[b].P2 > 0)
                {
                    g = _sourceOverlaps[a, b].Real;
                    break;
                }
        double indistinguishability = Math.Clamp(g * g, 0, 1);
        var samplers = new Dictionary<string, BosonSampler>(StringComparer.Ordinal);
        var samples = new int[count][];
        var photons = new int[s];
        using var progress = Work.Part("samples", count);
        for (int q = 0; q < count; q++)
        {
            if ((q & 255) == 255) Work.Advance(256);
            var random = new Random(SeedOf(seed, first + q));
            var main = new List<int>();
            var bright = _activity.Any ? _activity.DrawBright(random) : null;
            for (int k = 0; k < s; k++)
            {
                double u = random.NextDouble();
                photons[k] = bright is not null && !bright[k] ? 0 : u < _sources[k].P0 ? 0 : u < _sources[k].P0 + _sources[k].P1 ? 1 : 2;
                if (photons[k] > 0) main.Add(k);
            }
            var counts = new int[dCount];
            if (main.Count > 0)
            {
                string key = string.Join(",", main);
                if (!samplers.TryGetValue(key, out var sampler))
                    samplers[key] = sampler = new BosonSampler(transfer, main, indistinguishability);
                var drawn = sampler.Sample(random);
                for (int d = 0; d < dCount; d++) counts[d] = drawn[d];
            }
            for (int k = 0; k < s; k++)
            {
                if (photons[k] < 2) continue;
                double u = random.NextDouble(), acc = 0;
                for (int d = 0; d < dCount; d++)
                {
                    Complex c = _sourceColumns[k][d];
                    acc += c.Real * c.Real + c.Imaginary * c.Imaginary;
                    if (u < acc)
                    {
                        counts[d]++;
                        break;
                    }
                }
            }
            for (int d = 0; d < dCount; d++)
            {
                double mean = _detectors[d].MeanDarkCounts;
                if (mean > 0)
                {
                    double u = random.NextDouble(), term = Math.Exp(-mean), acc = term;
                    int extra = 0;
                    while (u >= acc && extra < 1000)
                    {
                        extra++;
                        term *= mean / extra;
                        acc += term;
                    }
                    counts[d] += extra;
                }
                counts[d] = _detectors[d].Report(counts[d]);
            }
            samples[q] = counts;
        }
        return samples;
    }

    private static int SeedOf(int seed, int index)
    {
        // SplitMix64 of the pair, folded to a non-negative int for System.Random.
        ulong z = unchecked((ulong)(uint)seed + 0x9E3779B97F4A7C15UL * (ulong)(index + 1));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
