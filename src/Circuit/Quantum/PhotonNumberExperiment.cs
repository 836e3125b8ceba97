using PhotonicKit.Circuit.Diagnostics;
using System.Numerics;

namespace PhotonicKit.Circuit.Quantum;

/// <summary>
/// Several pulsed sources with photon-number distributions (0, 1 or 2 photons per pulse) feeding a linear,
/// possibly lossy interferometer T (outputs × inputs) watched by detectors: the distribution of detector outcomes
/// per pulse, single-pattern probabilities, marginals, reproducible samples and exact photon-number moments.
/// </summary>
/// <remarks>
/// <para>
/// The engine sums over the joint photon-number configurations of all sources (independent sources: the product of
/// their distributions) and, for each, over output patterns with <see cref="MultiPhotonInterference"/>. The
/// detectors' efficiencies scale their rows of T by √η; outputs without a detector are losses. Main photons of
/// sources a and b have internal overlap <c>sourceOverlaps[a, b]</c> (a Gram matrix: √M_ab for real overlaps); the
/// extra photon of a two-photon emission is orthogonal to all (distinguishable) or shares its main photon's state.
/// </para>
/// <para>
/// Dark counts are added after the photon statistics, independently per detector. Moments (⟨n_k⟩, ⟨n_k n_l⟩, HOM
/// visibility, g2) are of the photons after detector efficiency, without dark counts or count caps.
/// </para>
/// <para>
/// Work is estimated first (<see cref="EstimateCost"/>) and refused with a <see cref="ComputationTooLargeException"/>
/// beyond <see cref="ComputationLimits"/>.
/// </para>
/// <para>
/// Intermediate results (permutation lists, minors, the distribution) are computed on first use and cached; an
/// instance is not meant for concurrent first use from several threads.
/// </para>
/// </remarks>
public sealed partial class PhotonNumberExperiment
{
    private readonly PhotonNumberSource[] _sources;
    private readonly SourceActivity _activity;
    private readonly GramMatrix _sourceOverlaps;
    private readonly SourceStates _states;
    private readonly DetectorModel[] _detectors;
    private readonly Complex[][] _sourceColumns; // per source: amplitudes at the detectors (efficiency included)
    private readonly ComputationLimits _limits;
    private readonly int[] _radices;
    private readonly long _outcomeCount;
    private double[]? _distribution;
    private List<(double Probability, MultiPhotonInterference? Experiment)>? _configurations;

    /// <summary>Creates the experiment; nothing is computed until a result is asked for.</summary>
    /// <param name="transfer">T[out, in], outputs × inputs, passive.</param>
    /// <param name="sources">The sources, each emitting into the inputs of T.</param>
    /// <param name="sourceOverlaps">Gram matrix of the sources' main-photon internal states (sources × sources).</param>
    /// <param name="detectors">Detectors, each on a distinct output of T; their order is the order of pattern entries.</param>
    /// <param name="limits">Time and memory limits (default <see cref="ComputationLimits.Default"/>).</param>
    /// <param name="blinking">Correlated bright/dark states of the pulses of blinking emitters (see <see cref="BlinkingChain"/>);
    /// sources with <see cref="PhotonNumberSource.OnFraction"/> below 1 outside every chain blink independently.</param>
    public PhotonNumberExperiment(Complex[,] transfer, IReadOnlyList<PhotonNumberSource> sources, GramMatrix sourceOverlaps,
        IReadOnlyList<DetectorModel> detectors, ComputationLimits? limits = null, IReadOnlyList<BlinkingChain>? blinking = null)
        : this(transfer, sources, SourceStates.FromGram(sourceOverlaps ?? throw new ArgumentNullException(nameof(sourceOverlaps))), detectors, limits, blinking)
    {
    }

    /// <summary>Creates the experiment with the sources' photons in the internal states <paramref name="states"/> (pure or
    /// mixed, with incoherent shares); nothing is computed until a result is asked for.</summary>
    /// <param name="transfer">T[out, in], outputs × inputs, passive.</param>
    /// <param name="sources">The sources, each emitting into the inputs of T.</param>
    /// <param name="states">Internal states of the sources' photons (the extra photon of an <see cref="ExtraPhotonModel.Indistinguishable"/>
    /// source shares its source's state).</param>
    /// <param name="detectors">Detectors, each on a distinct output of T; their order is the order of pattern entries.</param>
    /// <param name="limits">Time and memory limits (default <see cref="ComputationLimits.Default"/>).</param>
    /// <param name="blinking">Correlated bright/dark states of the pulses of blinking emitters (see <see cref="BlinkingChain"/>);
    /// sources with <see cref="PhotonNumberSource.OnFraction"/> below 1 outside every chain blink independently.</param>
    public PhotonNumberExperiment(Complex[,] transfer, IReadOnlyList<PhotonNumberSource> sources, SourceStates states,
        IReadOnlyList<DetectorModel> detectors, ComputationLimits? limits = null, IReadOnlyList<BlinkingChain>? blinking = null)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(detectors);
        var sourceOverlaps = states.Overlaps;
        _limits = limits ?? ComputationLimits.Default;
        _sources = sources.ToArray();
        _activity = new SourceActivity(_sources, blinking);
        _detectors = detectors.ToArray();
        _sourceOverlaps = sourceOverlaps;
        _states = states;
        if (sourceOverlaps.Count != _sources.Length)
            throw new ArgumentException($"source overlaps are for {sourceOverlaps.Count} sources but {_sources.Length} are given", nameof(sourceOverlaps));
        if (_sources.Length == 0) throw new ArgumentException("at least one source is needed", nameof(sources));
        if (_detectors.Length == 0) throw new ArgumentException("at least one detector is needed", nameof(detectors));
        int outputs = transfer.GetLength(0), inputs = transfer.GetLength(1);
        var seen = new HashSet<int>();
        foreach (var d in _detectors)
        {
            if (d.Output >= outputs) throw new ArgumentOutOfRangeException(nameof(detectors), d.Output, $"detector output must be in 0 … {outputs - 1}");
            if (!seen.Add(d.Output)) throw new ArgumentException($"two detectors on output {d.Output}", nameof(detectors));
        }
        _sourceColumns = new Complex[_sources.Length][];
        for (int s = 0; s < _sources.Length; s++)
        {
            var e = _sources[s].ModeAmplitudes;
            if (e.Count != inputs) throw new ArgumentException($"source {s} has {e.Count} mode amplitudes, T has {inputs} inputs", nameof(sources));
            var column = new Complex[_detectors.Length];
            for (int d = 0; d < _detectors.Length; d++)
            {
                Complex a = 0;
                for (int i = 0; i < inputs; i++) a += transfer[_detectors[d].Output, i] * e[i];
                column[d] = Math.Sqrt(_detectors[d].Efficiency) * a;
            }
            _sourceColumns[s] = column;
        }
        _radices = _detectors.Select(d => d.OutcomeCount).ToArray();
        double outcomes = _radices.Aggregate(1.0, (a, r) => a * r);
        _outcomeCount = outcomes > long.MaxValue / 2 ? long.MaxValue / 2 : (long)outcomes;
    }

    /// <summary>Detectors in pattern order.</summary>
    public IReadOnlyList<DetectorModel> Detectors => _detectors;

    /// <summary>Number of distinct detector outcomes, ∏ (2 or max_photons + 1).</summary>
    public long OutcomeCount => _outcomeCount;

    /// <summary>
    /// Estimated cost of the distribution (<see cref="Distribution"/>, <see cref="Patterns"/>). The photon statistics
    /// without dark counts come from the cheaper of two computations. Sparse (<see cref="PhotonCounts"/>): per thinned
    /// configuration the cheaper of SLOS (<see cref="Slos.Estimate"/>, × 2^n for the binary model) and per-pattern
    /// permanents, the reports (counts capped, threshold detectors at 1) summed into <see cref="SparseOutcomes"/>.
    /// Dense (threshold or mixed detectors on at most 24 outputs): for each photon-number configuration with n
    /// photons on D detectors, 2^D permanents of order n (all threshold) or Σ_{d ≤ n} C(d+D−1, d) patterns, each a
    /// sum over loss patterns and Gram permutations of permanents costing 2^{n−1}·n, and one array over all outcomes.
    /// With dark counts the whole outcome space is one array, added to the sparse cost; when it does not fit and every
    /// mean dark count is at most ln 2, the known part of the enumeration of the most probable patterns instead
    /// (<see cref="TopPatternsWithDarkCounts"/>, whose visited pairs are counted while it runs).
    /// </summary>
    public CostEstimate EstimateCost()
    {
        if (!SparsePhotons) return EstimateDenseCost();
        var photons = SparseEstimate().Cost;
        if (!HasDarkCounts) return photons;
        if (DenseArrayFits || !TopPatternsPossible) return WithDenseArray(photons);
        var enumeration = TopPatternsNominalCost(10_000);
        return new CostEstimate(photons.Patterns + enumeration.Patterns, photons.Operations + enumeration.Operations, enumeration.MemoryBytes);
    }

    /// <summary>
    /// True when the dense array over the whole outcome space, with dark counts spread into it, fits the limits.
    /// Otherwise, with dark counts, <see cref="Patterns"/> enumerates the most probable patterns exactly
    /// (<see cref="TopPatternsWithDarkCounts"/>, mean dark counts ≤ ln 2) and <see cref="Sample"/> draws the dark
    /// counts per sample.
    /// </summary>
    private bool DenseArrayFits => !SparsePhotons || Fits(WithDenseArray(SparseEstimate().Cost));

    /// <summary>The sparse cost plus one array over the whole outcome space that dark counts are spread into.</summary>
    private CostEstimate WithDenseArray(CostEstimate photons)
    {
        double outcomes = _radices.Aggregate(1.0, (a, r) => a * r);
        double memory = outcomes > Array.MaxLength ? double.PositiveInfinity : photons.MemoryBytes + 8.0 * outcomes;
        return new CostEstimate(photons.Patterns + outcomes, photons.Operations + outcomes * _detectors.Length * 4, memory);
    }

    private bool? _sparsePhotons;

    /// <summary>
    /// True when the photon statistics (before dark counts) come from <see cref="PhotonCounts"/>, false when from the
    /// dense threshold computation (<see cref="MultiPhotonInterference.ClickDistribution"/> per configuration). Always
    /// true for number-resolving detectors only; otherwise the path that fits the limits, the cheaper when both do.
    /// Settable for tests (false only with a threshold detector).
    /// </summary>
    internal bool SparsePhotons
    {
        get => _sparsePhotons ??= ChooseSparsePhotons();
        set
        {
            if (!value && AllResolving) throw new InvalidOperationException("number-resolving detectors only have no dense path");
            _sparsePhotons = value;
            _distribution = null;
        }
    }

    private bool ChooseSparsePhotons()
    {
        if (AllResolving) return true;
        // Both spread dark counts over the same array (priced in both). When neither fits, the sparse statistics
        // alone still serve the click counts, marginals and single patterns with dark counts.
        var photons = SparseEstimate().Cost;
        var sparse = HasDarkCounts ? WithDenseArray(photons) : photons;
        var dense = EstimateDenseCost();
        bool sparseFits = Fits(sparse), denseFits = Fits(dense);
        if (!sparseFits && !denseFits) return Fits(photons) || sparse.Operations <= dense.Operations;
        if (sparseFits != denseFits) return sparseFits;
        return sparse.Operations <= dense.Operations;
    }

    private bool Fits(CostEstimate estimate) => estimate.Operations <= _limits.MaxOperations && estimate.MemoryBytes <= _limits.MaxMemoryBytes;

    private CostEstimate EstimateDenseCost()
    {
        double configurations = ExperimentCount;
        double outcomes = _radices.Aggregate(1.0, (a, r) => a * r);
        // One array holds the whole outcome space; beyond its largest length the request cannot be served.
        double memory = outcomes > Array.MaxLength ? double.PositiveInfinity : 16.0 * outcomes + configurations * 64;
        // Dark counts are spread over the array, D passes of a few operations per outcome.
        var total = new CostEstimate(0, configurations * 10 + (HasDarkCounts ? outcomes * _detectors.Length * 4 : 0), memory);
        bool allThreshold = _detectors.All(d => d.Resolution == DetectorResolution.Threshold);
        int dCount = _detectors.Length;
        if (allThreshold && dCount > 24) return total + new CostEstimate(Math.ScaleB(1.0, dCount), double.PositiveInfinity, 0);
        if (configurations > 1e5)
        {
            // Too many configurations to price one by one: charge each the cost of the largest.
            var largest = Enumerable.Repeat(2, _sources.Length).ToArray();
            int nMax = 2 * _sources.Length;
            double perConfiguration = allThreshold
                ? Math.ScaleB(1.0, dCount) * MaskCost(nMax, dCount)
                : Binomial(nMax + dCount - 1, nMax) * GramTermBound(largest) * MultiPhotonInterference.PermanentCost(nMax);
            return total + new CostEstimate(configurations * Math.ScaleB(1.0, dCount), configurations * perConfiguration, 0);
        }
        foreach (var (counts, _) in Configurations())
        {
            int n = counts.Sum();
            if (n == 0) continue;
            double sigma = GramTermBound(counts) * MixtureBranches(counts);
            if (allThreshold)
            {
                double patterns = Math.ScaleB(1.0, dCount);
                total += new CostEstimate(patterns, patterns * MaskCost(n, dCount), 0);
            }
            else
            {
                for (int detected = 0; detected <= n; detected++)
                {
                    double patterns = Binomial(detected + dCount - 1, detected);
                    double lossPatterns = Binomial(2 * n - detected - 1, n - detected);
                    total += new CostEstimate(patterns, patterns * lossPatterns * sigma * MultiPhotonInterference.PermanentCost(n), 0);
                }
            }
        }
        return total;
    }

    /// <summary>One click mask of <see cref="MultiPhotonInterference.ClickDistribution"/>: the n × n matrix summed over D outputs, one permanent.</summary>
    private static double MaskCost(int n, int dCount) => MultiPhotonInterference.PermanentCost(n) * n + 8.0 * n * n * (dCount + 1);

    /// <summary>
    /// Probabilities of all detector outcomes, indexed in mixed radix (detector 0 the fastest digit, digit d in
    /// 0 … <see cref="DetectorModel.OutcomeCount"/> − 1), dark counts included. Sums to 1. One array over the
    /// whole outcome space: refused with <see cref="ComputationTooLargeException"/> when it cannot be held
    /// (without dark counts <see cref="PhotonCounts"/> holds only what can occur).
    /// </summary>
    public ReadOnlySpan<double> Distribution()
    {
        if (_distribution is not null) return _distribution;
        if (SparsePhotons)
        {
            _limits.Check(HasDarkCounts ? WithDenseArray(SparseEstimate().Cost) : SparseEstimate().Cost);
            if (_outcomeCount > Array.MaxLength)
                throw new ComputationTooLargeException(EstimateCost(), $"more than {Array.MaxLength} detector outcomes (one array)");
            _distribution = DenseFromCounts(PhotonCounts());
            return _distribution;
        }
        _limits.Check(EstimateDenseCost());
        _distribution = DirectDistribution();
        return _distribution;
    }

    /// <summary>
    /// The dense distribution computed per configuration without <see cref="SparseOutcomes"/>: all-threshold clicks by
    /// <see cref="MultiPhotonInterference.ClickDistribution"/> (2^D permanents and a Möbius transform), mixed
    /// detectors pattern by pattern; then dark counts. Threshold or mixed detectors only; no limit check.
    /// </summary>
    internal double[] DirectDistribution()
    {
        if (AllResolving) throw new InvalidOperationException("the direct dense distribution needs a threshold detector");
        var p = new double[_outcomeCount];
        bool allThreshold = _detectors.All(d => d.Resolution == DetectorResolution.Threshold);
        int dCount = _detectors.Length;
        var configurations = ConfigurationExperiments();
        using var progress = Work.Part("photon-number patterns", configurations.Count);
        foreach (var (weight, experiment) in configurations)
        {
            Work.Advance();
            if (experiment is null)
            {
                p[0] += weight;
                continue;
            }
            if (allThreshold)
            {
                double[] clicks = experiment.ClickDistribution();
                for (int mask = 0; mask < clicks.Length; mask++) p[mask] += weight * clicks[mask];
                continue;
            }
            var counts = new int[dCount];
            for (int detected = 0; detected <= experiment.PhotonCount; detected++)
                foreach (var _ in MultiPhotonInterference.Compositions(counts, detected))
                {
                    double q = experiment.Probability(counts);
                    if (q == 0) continue;
                    p[Index(counts, capped: true)] += weight * q;
                }
        }
        for (int d = 0; d < dCount; d++) AddDarkCounts(p, d);
        return p;
    }

    /// <summary>
    /// All outcomes with nonzero probability as (pattern, probability), most probable first, ties by pattern: from
    /// <see cref="PhotonCounts"/> without dark counts, from <see cref="Distribution"/> with them, or, when that array
    /// does not fit and every mean dark count is at most ln 2, by the exact enumeration of
    /// <see cref="TopPatternsWithDarkCounts"/>.
    /// </summary>
    /// <param name="maxPatterns">Largest number of entries returned.</param>
    public IReadOnlyList<(int[] Pattern, double Probability)> Patterns(int maxPatterns = int.MaxValue)
    {
        if (UsesSparseOutcomes) return PhotonCounts().Top(maxPatterns);
        if (_distribution is null && !DenseArrayFits && TopPatternsPossible) return TopPatternsWithDarkCounts(maxPatterns);
        ReadOnlySpan<double> p = Distribution();
        var list = new List<(int[], double)>();
        for (long i = 0; i < p.Length; i++)
            if (p[(int)i] > 0) list.Add((PatternOf(i), p[(int)i]));
        list.Sort((a, b) =>
        {
            int c = b.Item2.CompareTo(a.Item2);
            if (c != 0) return c;
            for (int d = 0; d < a.Item1.Length; d++)
                if (a.Item1[d] != b.Item1[d]) return a.Item1[d].CompareTo(b.Item1[d]);
            return 0;
        });
        return list.Count > maxPatterns ? list.GetRange(0, maxPatterns) : list;
    }

    /// <summary>
    /// Probability of one detector outcome (clicks 0/1 for threshold detectors, capped counts for number-resolving
    /// ones), dark counts included. Without dark counts, for all-threshold detectors or counts below every cap, it is
    /// computed directly (per configuration one pattern or 2^|clicks| permanents) when that is cheaper than the
    /// distribution; otherwise from <see cref="PhotonCounts"/> (with dark counts: Σ over the photon patterns compatible
    /// with it of their probability × each detector's dark-count transition) or <see cref="Distribution"/>.
    /// </summary>
    /// <param name="pattern">One entry per detector.</param>
    public double Probability(IReadOnlyList<int> pattern)
    {
        int[] report = CheckPattern(pattern);
        if (_distribution is not null) return _distribution[(int)Index(report, capped: false)];
        var (route, cost) = PatternRoute(report);
        switch (route)
        {
            case PatternPath.Stored:
                return _outcomes!.Probability(report);
            case PatternPath.Direct:
            {
                _limits.Check(cost);
                bool allThreshold = _detectors.All(d => d.Resolution == DetectorResolution.Threshold);
                bool empty = report.All(c => c == 0);
                int[] clicking = Enumerable.Range(0, report.Length).Where(d => report[d] > 0).ToArray();
                double total = 0;
                foreach (var (weight, experiment) in ConfigurationExperiments())
                {
                    if (experiment is null) total += empty ? weight : 0;
                    else total += weight * (allThreshold ? experiment.ProbabilityClicksExactly(clicking) : experiment.Probability(report));
                }
                return total;
            }
            case PatternPath.Sparse:
                return PhotonCounts().Probability(report);
            case PatternPath.SparseDark:
                _limits.Check(cost);
                return ProbabilityWithDarkCounts(PhotonCounts(), report);
            default:
                return Distribution()[(int)Index(report, capped: false)];
        }
    }

    private int[] CheckPattern(IReadOnlyList<int> pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Count != _detectors.Length) throw new ArgumentException($"a pattern needs {_detectors.Length} entries, got {pattern.Count}", nameof(pattern));
        for (int d = 0; d < pattern.Count; d++)
            if (pattern[d] < 0 || pattern[d] >= _radices[d])
                throw new ArgumentOutOfRangeException(nameof(pattern), pattern[d], $"detector {d} reports 0 … {_radices[d] - 1}");
        return pattern.ToArray();
    }

    /// <summary>How <see cref="Probability"/> computes one pattern.</summary>
    private enum PatternPath
    {
        Stored,
        Direct,
        Sparse,
        SparseDark,
        Dense,
    }

    /// <summary>The route of one pattern and its estimated cost (the cheaper of the direct sum and the distribution).</summary>
    private (PatternPath Path, CostEstimate Cost) PatternRoute(int[] pattern)
    {
        if (HasDarkCounts)
        {
            if (!SparsePhotons) return (PatternPath.Dense, EstimateCost());
            var photons = _outcomes is null ? SparseEstimate().Cost : default;
            return (PatternPath.SparseDark, photons + DarkPassCost(classes: false));
        }
        if (_outcomes is not null) return (PatternPath.Stored, new CostEstimate(1, _detectors.Length, 0));
        bool allThreshold = _detectors.All(d => d.Resolution == DetectorResolution.Threshold);
        bool allBelowCap = Enumerable.Range(0, pattern.Length).All(d =>
            _detectors[d].Resolution == DetectorResolution.PhotonNumberResolving && pattern[d] < _detectors[d].MaxPhotons);
        var whole = (SparsePhotons ? PatternPath.Sparse : PatternPath.Dense, EstimateCost());
        if (!((allThreshold && pattern.Count(c => c > 0) <= 30) || allBelowCap)) return whole;
        var direct = DirectPatternCost(pattern, allThreshold);
        bool directFits = Fits(direct), wholeFits = Fits(whole.Item2);
        if (directFits != wholeFits) return directFits ? (PatternPath.Direct, direct) : whole;
        return direct.Operations <= whole.Item2.Operations ? (PatternPath.Direct, direct) : whole;
    }

    /// <summary>Marginal distribution of each detector's report: [detector][value], dark counts included.</summary>
    /// <remarks>
    /// From <see cref="PhotonCounts"/> when the photon statistics are sparse: each detector's marginal of reported
    /// photon counts convolved with its dark counts (capped); otherwise summed from <see cref="Distribution"/>.
    /// </remarks>
    public double[][] Marginals()
    {
        if (_distribution is null && SparsePhotons)
        {
            var marginals = PhotonCounts().Marginals(_radices);
            for (int d = 0; d < _detectors.Length; d++)
                if (_detectors[d].MeanDarkCounts > 0) marginals[d] = WithDarkCounts(d, marginals[d]);
            return marginals;
        }
        ReadOnlySpan<double> p = Distribution();
        var result = _radices.Select(r => new double[r]).ToArray();
        for (int i = 0; i < p.Length; i++)
        {
            long rest = i;
            for (int d = 0; d < _radices.Length; d++)
            {
                result[d][rest % _radices[d]] += p[i];
                rest /= _radices[d];
            }
        }
        return result;
    }

    /// <summary>
    /// Probability that exactly k detectors report at least one photon (or click), k = 0 … D, dark counts included:
    /// with sparse photon statistics Σ_S P_photon(S) · P(the dark counts of the detectors S leaves silent make
    /// k − |S| of them click), a Poisson-binomial (<see cref="ClickCountsWithDarkCounts"/>).
    /// </summary>
    public double[] ClickCountDistribution()
    {
        if (_distribution is null && SparsePhotons)
        {
            if (!HasDarkCounts) return PhotonCounts().ClickCountDistribution();
            var counts = PhotonCounts();
            _limits.Check(DarkPassCost(classes: true));
            return ClickCountsWithDarkCounts(counts);
        }
        ReadOnlySpan<double> p = Distribution();
        var result = new double[_detectors.Length + 1];
        for (int i = 0; i < p.Length; i++)
        {
            long rest = i;
            int clicking = 0;
            for (int d = 0; d < _radices.Length; d++)
            {
                if (rest % _radices[d] != 0) clicking++;
                rest /= _radices[d];
            }
            result[clicking] += p[i];
        }
        return result;
    }

    /// <summary>
    /// <see cref="ClickCountDistribution()"/> with each detector's click registered only when the detector is ready, with
    /// probability <paramref name="live"/>[d] independent of the pulse (a detector still dead from an earlier click: its
    /// dead time): for a pulse whose clicks are the set S, the registered number is Poisson-binomial over S.
    /// </summary>
    /// <param name="live">Per detector, the probability L_d in [0, 1] that it is ready.</param>
    public double[] ClickCountDistribution(IReadOnlyList<double> live)
    {
        ArgumentNullException.ThrowIfNull(live);
        if (live.Count != _detectors.Length) throw new ArgumentException($"{live.Count} readiness values for {_detectors.Length} detectors", nameof(live));
        foreach (double l in live)
            if (!(l >= 0 && l <= 1)) throw new ArgumentOutOfRangeException(nameof(live), l, "a readiness must lie in [0, 1]");
        if (live.All(l => l == 1)) return ClickCountDistribution();
        if (_distribution is null && SparsePhotons)
        {
            var counts = PhotonCounts();
            if (HasDarkCounts) _limits.Check(DarkPassCost(classes: true));
            return ClickCountsWithDarkCounts(counts, live);
        }
        ReadOnlySpan<double> p = Distribution();
        int dCount = _detectors.Length;
        var result = new double[dCount + 1];
        var poly = new double[dCount + 1];
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] == 0) continue;
            long rest = i;
            Array.Clear(poly);
            poly[0] = 1;
            int degree = 0;
            for (int d = 0; d < _radices.Length; d++)
            {
                if (rest % _radices[d] != 0)
                {
                    double l = live[d];
                    degree++;
                    for (int j = degree; j >= 1; j--) poly[j] = (1 - l) * poly[j] + l * poly[j - 1];
                    poly[0] *= 1 - l;
                }
                rest /= _radices[d];
            }
            for (int j = 0; j <= degree; j++) result[j] += p[i] * poly[j];
        }
        return result;
    }

    /// <summary>
    /// Inverse-CDF draws: for each of <paramref name="count"/> uniforms u of <c>new Random(seed)</c> (scaled by the
    /// total), the first index whose cumulative probability exceeds u (may be one past the last).
    /// </summary>
    private static int[] DrawIndices(ReadOnlySpan<double> probabilities, int count, int seed)
    {
        var cumulative = new double[probabilities.Length];
        double running = 0;
        for (int i = 0; i < probabilities.Length; i++) cumulative[i] = running += probabilities[i];
        var rng = new Random(seed);
        var indices = new int[count];
        for (int s = 0; s < count; s++)
        {
            int index = Array.BinarySearch(cumulative, rng.NextDouble() * running);
            indices[s] = index >= 0 ? index + 1 : ~index;
        }
        return indices;
    }

    /// <summary>
    /// <paramref name="count"/> outcomes drawn independently from the distribution by inversion of the
    /// cumulative distribution with <see cref="Random"/>(<paramref name="seed"/>): the same seed gives the same
    /// samples on every run and machine. With <see cref="UsesSparseOutcomes"/> and number-resolving detectors only
    /// the cumulative runs in the order of <see cref="SparseOutcomes"/> (total count, then rank), otherwise in
    /// mixed-radix order (detector 0 the fastest digit; from the sparse outcomes sorted in that order when the
    /// distribution is sparse, in storage order beyond 2³¹ outcomes). With dark counts and an outcome space too large for one array, each sample draws a
    /// photon report from <see cref="PhotonCounts"/> and then each detector's dark counts.
    /// </summary>
    /// <param name="count">Number of samples, ≥ 0.</param>
    /// <param name="seed">Seed of the generator.</param>
    public int[][] Sample(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (UsesSparseOutcomes) return AllResolving ? PhotonCounts().Sample(count, seed) : SampleInRadixOrder(PhotonCounts(), count, seed);
        if (_distribution is null && !DenseArrayFits) return SampleWithDarkCounts(PhotonCounts(), count, seed);
        ReadOnlySpan<double> p = Distribution();
        var indices = DrawIndices(p, count, seed);
        var samples = new int[count][];
        for (int s = 0; s < count; s++)
        {
            int index = indices[s];
            while (index < p.Length - 1 && p[index] == 0) index++;
            samples[s] = PatternOf(Math.Min(index, p.Length - 1));
        }
        return samples;
    }

    /// <summary>Mean number of photons ⟨n_d⟩ absorbed by detector d per pulse (efficiency included, no dark counts).</summary>
    /// <param name="detector">Detector index.</param>
    public double MeanPhotonNumber(int detector)
    {
        CheckDetector(detector);
        double total = 0;
        foreach (var (weight, experiment) in MomentExperiments())
            if (experiment is not null) total += weight * experiment.MeanPhotonNumber(detector);
        return total;
    }

    /// <summary>⟨n_d n_e⟩ for d ≠ e, ⟨n_d(n_d − 1)⟩ for d = e, per pulse (efficiency included, no dark counts).</summary>
    /// <param name="detectorD">First detector index.</param>
    /// <param name="detectorE">Second detector index.</param>
    public double SecondFactorialMoment(int detectorD, int detectorE)
    {
        CheckDetector(detectorD);
        CheckDetector(detectorE);
        double total = 0;
        foreach (var (weight, experiment) in MomentExperiments())
            if (experiment is not null) total += weight * experiment.SecondFactorialMoment(detectorD, detectorE);
        return total;
    }

    /// <summary>
    /// Normalised cross-correlation ⟨n_d n_e⟩/(⟨n_d⟩⟨n_e⟩) (the g2 of a Hanbury Brown–Twiss setup), independent of
    /// loss; null when a mean photon number is zero.
    /// </summary>
    /// <param name="detectorD">First detector.</param>
    /// <param name="detectorE">Second detector.</param>
    public double? NormalizedCorrelation(int detectorD, int detectorE)
    {
        double denominator = MeanPhotonNumber(detectorD) * MeanPhotonNumber(detectorE);
        if (!(denominator > 0)) return null;
        return SecondFactorialMoment(detectorD, detectorE) / denominator;
    }

    /// <summary>HOM visibility V = 1 − 2⟨n_d n_e⟩/(⟨n_d⟩⟨n_e⟩) (physics.md); null when a mean photon number is zero.</summary>
    /// <param name="detectorD">First detector.</param>
    /// <param name="detectorE">Second detector.</param>
    public double? HomVisibility(int detectorD, int detectorE)
    {
        double? g = NormalizedCorrelation(detectorD, detectorE);
        return g is null ? null : 1 - 2 * g.Value;
    }

    private void CheckDetector(int d)
    {
        if ((uint)d >= (uint)_detectors.Length) throw new ArgumentOutOfRangeException(nameof(d), d, $"detector index must be in 0 … {_detectors.Length - 1}");
    }

    /// <summary>
    /// Joint photon-number configurations with nonzero probability (product of the sources' distributions), source 0
    /// the fastest digit; only the photon numbers each source emits with nonzero probability are visited.
    /// </summary>
    private IEnumerable<(int[] Counts, double Probability)> Configurations()
    {
        int s = _sources.Length;
        var supports = new int[s][];
        for (int k = 0; k < s; k++) supports[k] = Support(k);
        var bright = new double[s];
        var nothing = new bool[s];
        foreach (var digits in MixedRadix(supports.Select(x => x.Length).ToArray()))
        {
            var counts = new int[s];
            for (int k = 0; k < s; k++)
            {
                counts[k] = supports[k][digits[k]];
                bright[k] = _sources[k].ProbabilityOf(counts[k]);
                nothing[k] = counts[k] == 0;
            }
            // Independent sources: the product of their distributions; blinking ones averaged over bright and dark
            // pulses, the pulses of one emitter jointly (SourceActivity).
            double probability = _activity.Weight(bright, nothing);
            if (probability > 0) yield return (counts, probability);
        }
    }

    /// <summary>The photon numbers source <paramref name="k"/> can give: those of nonzero probability, and none when it blinks.</summary>
    private int[] Support(int k) => Enumerable.Range(0, 3).Where(c => _sources[k].ProbabilityOf(c) > 0 || (c == 0 && _activity.Blinks(k))).ToArray();

    /// <summary>Number of joint configurations with nonzero probability, ∏_s (photon numbers source s can emit).</summary>
    public double ConfigurationCount => Enumerable.Range(0, _sources.Length).Aggregate(1.0, (a, k) => a * Support(k).Length);

    /// <summary>Number of interference experiments the configurations make: a source's two photons with a partly shared
    /// extra photon are two (shared and private).</summary>
    private double ExperimentCount => Enumerable.Range(0, _sources.Length).Aggregate(1.0, (a, k) => a * Support(k).Sum(c =>
        c == 2 && _sources[k].ExtraPhoton == ExtraPhotonModel.Partial ? 2 : 1));

    /// <summary>Every digit vector of the mixed radix <paramref name="radices"/> (digit 0 the fastest); the array is reused.</summary>
    private static IEnumerable<int[]> MixedRadix(int[] radices)
    {
        if (radices.Any(r => r == 0)) yield break;
        var digits = new int[radices.Length];
        while (true)
        {
            yield return digits;
            int k = 0;
            while (k < radices.Length && ++digits[k] == radices[k]) digits[k++] = 0;
            if (k == radices.Length) yield break;
        }
    }

    /// <summary>
    /// Estimated cost of the moments: per configuration with n photons, n⁴/4 second minors, permanents of order n − 2.
    /// </summary>
    public CostEstimate EstimateMomentCost()
    {
        double configurations = ExperimentCount;
        double nMax = MaxPhotonCount;
        double perConfiguration = Math.Pow(nMax, 4) / 4 * MultiPhotonInterference.PermanentCost(Math.Max(0, (int)nMax - 2))
            + _detectors.Length * _detectors.Length * Math.Pow(nMax, 4);
        return new CostEstimate(configurations, configurations * perConfiguration, configurations * Math.Pow(nMax, 4) * 16);
    }

    private List<(double Probability, MultiPhotonInterference? Experiment)> MomentExperiments()
    {
        if (_configurations is null) _limits.Check(EstimateMomentCost());
        return ConfigurationExperiments();
    }

    private List<(double Probability, MultiPhotonInterference? Experiment)> ConfigurationExperiments()
    {
        if (_configurations is not null) return _configurations;
        if (ExperimentCount > 1e7)
            throw new ComputationTooLargeException(new CostEstimate(ExperimentCount, ExperimentCount * 10, ExperimentCount * 64),
                "more than 10⁷ photon-number configurations of the sources");
        if (!_states.IsPure && MaxPhotonCount > MultiPhotonInterference.MaxMixedPhotons)
        {
            // What the permutation sum of the largest configuration would take: its n! permutations stored (n indices and a
            // weight each) and, per output pattern, one permanent of order n per permutation.
            int n = MaxPhotonCount;
            double permutations = Math.Exp(MathNet.Numerics.SpecialFunctions.FactorialLn(n));
            throw new ComputationTooLargeException(new CostEstimate(ExperimentCount, permutations * MultiPhotonInterference.PermanentCost(n), permutations * (4.0 * n + 16)),
                string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"the sources emit up to {n} photons in mixed internal states together: the permutation sum of such a configuration runs over {permutations:G3} permutations ({permutations * MultiPhotonInterference.PermanentCost(n):G3} operations per output pattern, {permutations * (4.0 * n + 16) / 1e9:G3} GB to hold them), and is computed for at most {MultiPhotonInterference.MaxMixedPhotons} photons (distinguishability: binary approximates it with the measured overlaps)"));
        }
        var list = new List<(double, MultiPhotonInterference?)>();
        foreach (var (counts, probability) in Configurations())
        {
            if (counts.Sum() == 0)
            {
                list.Add((probability, null));
                continue;
            }
            // An extra photon of share 0 < w < 1 is a mixture: in the main photon's state with probability w, private
            // otherwise. The mixture is taken over whole configurations, because photons in one input mode are normalised
            // together (N_in depends on their overlap) and a probability is not linear in a scaled Gram matrix.
            var partial = Enumerable.Range(0, counts.Length).Where(s => counts[s] == 2 && _sources[s].ExtraPhoton == ExtraPhotonModel.Partial).ToArray();
            for (int mask = 0; mask < 1 << partial.Length; mask++)
            {
                var shared = new bool[counts.Length];
                double branch = probability;
                for (int s = 0; s < counts.Length; s++) shared[s] = _sources[s].ExtraPhoton == ExtraPhotonModel.Indistinguishable;
                for (int k = 0; k < partial.Length; k++)
                {
                    bool inMain = (mask >> k & 1) == 1;
                    shared[partial[k]] = inMain;
                    double w = _sources[partial[k]].ExtraPhotonShare;
                    branch *= inMain ? w : 1 - w;
                }
                list.Add((branch, Build(counts, shared)));
            }
        }
        _configurations = list;
        return list;
    }

    /// <summary>The photons of one configuration: columns at the detectors, spatial-mode overlaps K and Gram matrix G;
    /// <paramref name="extraShared"/>[s] says whether source s's extra photon is in its main photon's state.</summary>
    private MultiPhotonInterference Build(int[] counts, bool[] extraShared)
    {
        var owner = new List<int>();
        var isPrivate = new List<bool>();
        for (int s = 0; s < counts.Length; s++)
            for (int c = 0; c < counts[s]; c++)
            {
                owner.Add(s);
                isPrivate.Add(c > 0 && !extraShared[s]);
            }
        return Build(owner, isPrivate, _sourceColumns);
    }

    /// <summary>The photons (owner source, private or in the source's state) with the given per-source columns at the detectors.</summary>
    private MultiPhotonInterference Build(List<int> owner, List<bool> isPrivate, Complex[][] sourceColumns)
    {
        int n = owner.Count, dCount = _detectors.Length;
        var columns = new Complex[dCount, n];
        var k = new Complex[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int d = 0; d < dCount; d++) columns[d, i] = sourceColumns[owner[i]][d];
            for (int j = 0; j < n; j++)
            {
                Complex overlap = 0;
                var ei = _sources[owner[i]].ModeAmplitudes;
                var ej = _sources[owner[j]].ModeAmplitudes;
                for (int a = 0; a < ei.Count; a++) overlap += Complex.Conjugate(ei[a]) * ej[a];
                k[i, j] = i == j ? Complex.One : overlap;
            }
        }
        return new MultiPhotonInterference(columns, new GramMatrix(k), InternalStates.Of(_states, owner, isPrivate));
    }

    /// <summary>Number of configurations a photon-number configuration is computed as: two for each source that emits a
    /// partly shared extra photon (a mixture of shared and private).</summary>
    private double MixtureBranches(int[] counts)
    {
        double branches = 1;
        for (int s = 0; s < counts.Length; s++)
            if (counts[s] == 2 && _sources[s].ExtraPhoton == ExtraPhotonModel.Partial) branches *= 2;
        return branches;
    }

    /// <summary>Upper bound on the number of permutations with nonzero Gram weight (the permanent of G's nonzero pattern).</summary>
    private double GramTermBound(int[] counts)
    {
        int n = counts.Sum();
        var owner = new List<(int Source, bool Extra)>();
        for (int s = 0; s < counts.Length; s++)
            for (int c = 0; c < counts[s]; c++) owner.Add((s, c > 0));
        bool allOnes = true, identity = true;
        var pattern = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j) { pattern[i * n + j] = 1; continue; }
                // A partly shared extra photon (a mixture) counts as shared: the bound covers both branches.
                bool zero = (owner[i].Extra && _sources[owner[i].Source].ExtraPhoton == ExtraPhotonModel.Distinguishable)
                    || (owner[j].Extra && _sources[owner[j].Source].ExtraPhoton == ExtraPhotonModel.Distinguishable);
                Complex value = zero ? 0 : owner[i].Source == owner[j].Source ? _states.SameSourceOverlap(owner[i].Source) : _sourceOverlaps[owner[i].Source, owner[j].Source];
                if (Complex.Abs(value - 1) > 1e-12) allOnes = false;
                if (Complex.Abs(value) > 1e-14) { identity = false; pattern[i * n + j] = 1; }
            }
        if (allOnes || identity) return 1;
        // Brègman–Minc bound perm ≤ ∏_i (r_i!)^{1/r_i} (r_i = row sums of the 0/1 pattern): O(n²), exact for
        // block-diagonal all-ones patterns.
        double bound = 1;
        for (int i = 0; i < n; i++)
        {
            int r = 0;
            for (int j = 0; j < n; j++) if (pattern[i * n + j] != 0) r++;
            bound *= Math.Exp(MathNet.Numerics.SpecialFunctions.FactorialLn(r) / r);
        }
        return bound;
    }

    private static double Binomial(int n, int k) => k < 0 || k > n ? 0 : Math.Round(MathNet.Numerics.SpecialFunctions.Binomial(n, k));

    private long Index(int[] counts, bool capped)
    {
        long index = 0, stride = 1;
        for (int d = 0; d < counts.Length; d++)
        {
            int value = capped ? _detectors[d].Report(counts[d]) : counts[d];
            index += value * stride;
            stride *= _radices[d];
        }
        return index;
    }

    private int[] PatternOf(long index)
    {
        var pattern = new int[_radices.Length];
        for (int d = 0; d < _radices.Length; d++)
        {
            pattern[d] = (int)(index % _radices[d]);
            index /= _radices[d];
        }
        return pattern;
    }

    /// <summary>Convolves detector d's reports with its dark counts (independent of the light, <see cref="DarkTransition"/>).</summary>
    private void AddDarkCounts(double[] p, int d)
    {
        if (_detectors[d].MeanDarkCounts == 0) return;
        int radix = _radices[d];
        long stride = 1;
        for (int e = 0; e < d; e++) stride *= _radices[e];
        var transition = DarkTransition(d);
        var column = new double[radix];
        long block = stride * radix;
        for (long start = 0; start < p.Length; start += block)
            for (long offset = 0; offset < stride; offset++)
            {
                long baseIndex = start + offset;
                for (int c = 0; c < radix; c++) column[c] = p[baseIndex + c * stride];
                for (int c = 0; c < radix; c++)
                {
                    double value = 0;
                    for (int c0 = 0; c0 <= c; c0++) value += column[c0] * transition[c0, c];
                    p[baseIndex + c * stride] = value;
                }
            }
    }
}
