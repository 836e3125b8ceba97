using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Quantum;
using PhotonicKit.Circuit.Results;

namespace PhotonicKit.Circuit.Analyses;

/// <summary>
/// <c>photon_statistics</c>: the distribution of detector outcomes per pulse for several sources (dark counts
/// included; threshold detectors report 0/1, pnr detectors counts capped at their max_photons), one pattern's
/// probability, n-fold rates, reproducible samples and marginals (spec §5, docs/analyses.md).
/// </summary>
public sealed class PhotonStatisticsAnalysis : Analysis
{
    private readonly FlatCircuit _circuit;
    private readonly List<PhotonSource> _sources;
    private readonly List<PhotonDetector> _detectors;
    private readonly int _maxPhotons;
    private readonly int[]? _pattern;
    private readonly int _maxPatterns;
    private readonly int? _samples;
    private readonly int _seed;
    private readonly bool _marginals;
    private readonly bool _distribution;
    private readonly bool _binary; // the binary (Gram) approximation of partial distinguishability, chosen explicitly

    private PhotonStatisticsAnalysis(string keyPath, SourceMark mark, FlatCircuit circuit, List<PhotonSource> sources, List<PhotonDetector> detectors,
        int maxPhotons, int[]? pattern, int maxPatterns, int? samples, int seed, bool marginals, bool distribution, bool binary) : base(keyPath, mark)
    {
        _binary = binary;
        _distribution = distribution;
        _circuit = circuit;
        _sources = sources;
        _detectors = detectors;
        _maxPhotons = maxPhotons;
        _pattern = pattern;
        _maxPatterns = maxPatterns;
        _samples = samples;
        _seed = seed;
        _marginals = marginals;
    }

    /// <inheritdoc/>
    public override string Type => "photon_statistics";

    /// <summary>The keys this analysis takes besides <c>type</c>.</summary>
    internal static readonly string[] Keys = ["sources", "detectors", "max_photons", "pattern", "max_patterns", "samples", "seed", "marginals", "distribution", "distinguishability"];

    internal static PhotonStatisticsAnalysis? Parse(MappingNode node, string keyPath, AnalysisScope scope)
    {
        var reader = new AnalysisReader(node, keyPath, scope.Bag, Keys);
        var sources = PhotonTransfer.ReadSources(scope, reader, "sources");
        var detectors = PhotonTransfer.ReadDetectors(scope, reader, "detectors");
        int maxPhotons = reader.Integer("max_photons", 1, 2) ?? 2;
        int maxPatterns = reader.Integer("max_patterns", 1, 100_000_000) ?? 10000;
        int? samples = reader.Integer("samples", 0, 10_000_000);
        int seed = reader.Integer("seed", int.MinValue, int.MaxValue) ?? 0;
        bool marginals = reader.Boolean("marginals") ?? false;
        bool distribution = reader.Boolean("distribution") ?? true;
        bool binary = false;
        if (reader.Has("distinguishability"))
        {
            string? model = reader.Text("distinguishability");
            if (model is "binary") binary = true;
            else if (model is not null and not "exact") reader.Error("distinguishability", $"'{model}' is not a model: expected exact (the default) or binary");
        }
        if (!distribution && (samples is null || reader.Has("pattern") || marginals))
            reader.Error("distribution", "false draws samples only: give samples, and neither pattern nor marginals");
        if (sources is null || detectors is null || reader.Bag.HasErrors) return null;
        // With a time_demux the analysis is per frame of N pulses, each pulse of each source its own emission.
        sources = PhotonTransfer.Frame(scope, reader, sources, "photon_statistics", int.MaxValue, maxChannels: 64);
        if (sources is null || reader.Bag.HasErrors) return null;
        var models = PhotonTransfer.Detectors(detectors, clicks: false, darkCounts: true);
        int[]? pattern = null;
        if (reader.Has("pattern"))
        {
            if (reader["pattern"] is not SequenceNode seq || seq.Items.Count != detectors.Count)
            {
                reader.Error("pattern", $"expected a list of {detectors.Count} counts, one per detector");
                return null;
            }
            pattern = new int[detectors.Count];
            for (int d = 0; d < detectors.Count; d++)
            {
                int top = models[d].OutcomeCount - 1;
                if (seq.Items[d] is ScalarNode s && s.TryGetNumber(out double v) && v == Math.Floor(v) && v >= 0 && v <= top) pattern[d] = (int)v;
                else
                {
                    reader.Bag.Error(seq.Items[d].Mark, $"{reader.Path("pattern")}[{d}]",
                        string.Create(CultureInfo.InvariantCulture, $"'{detectors[d].Name}' reports a whole number in 0 … {top}"));
                    return null;
                }
            }
        }
        if (!distribution && sources.FirstOrDefault(x => x.Figures.LaserBackground is not null) is { } leaking)
        {
            string setting = leaking.Emitter.Emitter.LaserPowerUw > 0 ? "laser_power_uw" : "laser_background_ratio";
            reader.Error("distribution", $"false draws each source's photons alone in its input, and the leaked laser light of '{leaking.Instance}' ({setting}) shares it: compute the distribution (distribution: true, the default) with samples, or leave out {setting}");
            return null;
        }
        if (!CheckSize(reader, sources, models, maxPhotons, pattern, distribution ? null : samples)) return null;
        if (marginals && !CheckMarginals(reader, detectors, models)) return null;
        if (!PhotonTransfer.CheckAfterpulsing(reader, sources, detectors)) return null;
        return new PhotonStatisticsAnalysis(keyPath, node.Mark, scope.Circuit, sources, detectors, maxPhotons, pattern, maxPatterns, samples, seed, marginals, distribution, binary);
    }

    /// <inheritdoc/>
    internal override IReadOnlyCollection<string> ListedSources => PhotonTransfer.ListedNames(_sources).ToArray();

    /// <inheritdoc/>
    public override long EstimateBytes()
    {
        var models = PhotonTransfer.Detectors(_detectors, false, true);
        double outcomes = models.Aggregate(1.0, (a, d) => a * d.OutcomeCount);
        double engine = RequestEstimate(PlaceholderEngine(_sources, models, _maxPhotons), _pattern, _distribution ? null : _samples).MemoryBytes;
        // Each drawn sample is kept as a JSON array of counts and then written as text: about 160 + 100 bytes per
        // detector at the peak (measured: 3.9 GB for 10⁷ samples on two detectors).
        double marginals = _marginals ? models.Sum(m => (double)m.OutcomeCount) * BytesPerMarginalValue : 0;
        return (long)Math.Min(long.MaxValue / 4, engine + marginals + 64.0 * Math.Min(outcomes, _maxPatterns) * (1 + _detectors.Count) + (160.0 + 100.0 * _detectors.Count) * (_samples ?? 0))
            + 2 * CircuitEvaluation.EstimateBytes(_circuit, PhotonTransfer.LineSamples + _sources.Max(s => s.Figures.SpectrumWavelengthNm.Length), 3 * _sources.Count + _detectors.Count);
    }

    /// <summary>
    /// The engine for the size check, before the circuit is solved: each source reaches the detectors through a
    /// lossless unit column (discrete-Fourier columns, orthogonal while there are no more sources than detectors),
    /// and the sources' photons overlap uniformly with g = √(min_s M_s) (all ones when every M_s = 1). The run repeats
    /// the check with the real transfer and overlaps.
    /// </summary>
    private static PhotonNumberExperiment PlaceholderEngine(IReadOnlyList<PhotonSource> sources, IReadOnlyList<DetectorModel> models, int maxPhotons)
    {
        int sCount = sources.Count, dCount = models.Count;
        var t = new Complex[dCount, sCount];
        for (int s = 0; s < sCount; s++)
            for (int d = 0; d < dCount; d++) t[d, s] = Complex.FromPolarCoordinates(1 / Math.Sqrt(dCount), 2 * Math.PI * d * s / dCount);
        double m = sources.Min(s => s.Figures.MainPhotonIndistinguishability);
        var gram = m >= 1 - 1e-12 ? GramMatrix.Indistinguishable(sCount) : GramMatrix.Uniform(sCount, Math.Sqrt(Math.Clamp(m, 0, 1)));
        // Leaked laser light counts as more photons, as in the run.
        var (engineSources, leaking) = PhotonTransfer.WithBackground(sources, maxPhotons);
        return new PhotonNumberExperiment(t, engineSources, SourceStates.WithOrthogonal(SourceStates.FromGram(gram), leaking), models);
    }

    /// <summary>The estimate of what the request computes: one pattern, samples only, or the whole distribution.</summary>
    private static CostEstimate RequestEstimate(PhotonNumberExperiment engine, int[]? pattern, int? samplesOnly) =>
        pattern is not null ? engine.EstimatePatternCost(pattern)
        : samplesOnly is int n ? engine.EstimateDirectSamplingCost(n)
        : engine.EstimateCost();

    /// <summary>Most values the marginals may list in all: one per count each detector can report (max_photons + 1
    /// for a pnr detector), each a double, a JSON node and its text, about <see cref="BytesPerMarginalValue"/> bytes.</summary>
    public const long MaxMarginalValues = 10_000_000;

    /// <summary>Memory of one listed marginal value at the peak (double, JSON node, text), bytes.</summary>
    private const double BytesPerMarginalValue = 100;

    /// <summary>Refuses marginals longer than <see cref="MaxMarginalValues"/> (a pnr detector's max_photons sets the
    /// length of its marginal), with the estimate, before any computation.</summary>
    private static bool CheckMarginals(AnalysisReader reader, IReadOnlyList<PhotonDetector> detectors, IReadOnlyList<DetectorModel> models)
    {
        double values = models.Sum(m => (double)m.OutcomeCount);
        if (values <= MaxMarginalValues) return true;
        int widest = Enumerable.Range(0, models.Count).MaxBy(d => models[d].OutcomeCount);
        reader.Error("marginals", string.Create(CultureInfo.InvariantCulture,
            $"refused before starting: the marginals list every count each detector can report, {values:N0} values in all ('{detectors[widest].Name}' reports 0 … {models[widest].OutcomeCount - 1}, its max_photons), about {SolveSizeEstimate.FormatBytes(values * BytesPerMarginalValue)} with their JSON text; at most {MaxMarginalValues:N0} values (lower max_photons, or leave out marginals)"));
        return false;
    }

    /// <summary>Records a refusal, with the estimate, when the request exceeds the limits (spec §6: before any computation).</summary>
    private static bool CheckSize(AnalysisReader reader, IReadOnlyList<PhotonSource> sources, IReadOnlyList<DetectorModel> models, int maxPhotons, int[]? pattern, int? samplesOnly)
    {
        var engine = PlaceholderEngine(sources, models, maxPhotons);
        if (samplesOnly is not null && engine.DirectSamplingRestriction() is { } reason && reason.Contains("multiphoton_model", StringComparison.Ordinal))
        {
            reader.Error("distribution", $"false needs the sampler, and {reason}");
            return false;
        }
        CostEstimate estimate;
        try
        {
            estimate = RequestEstimate(engine, pattern, samplesOnly);
            ComputationLimits.Default.Check(estimate);
            return true;
        }
        catch (ComputationTooLargeException e)
        {
            string hint = pattern is not null || samplesOnly is not null ? "list fewer sources or detectors"
                : "list fewer sources or detectors, ask for one pattern, or draw samples only (samples: N with distribution: false)";
            reader.Bag.Error(reader.Mark, reader.KeyPath, string.Create(CultureInfo.InvariantCulture,
                $"the 'photon_statistics' analysis is too large: {e.Message}; {hint}"));
            return false;
        }
    }

    /// <inheritdoc/>
    public override AnalysisResult Run(AnalysisContext context) => Compute(context, 0, _samples ?? 0);

    /// <inheritdoc/>
    internal override ShardSplit Split => !_distribution && _samples is >= 1 ? ShardSplit.Draws : ShardSplit.Whole;

    /// <inheritdoc/>
    internal override int SplitItems => Split == ShardSplit.Draws ? _samples!.Value : 1;

    /// <inheritdoc/>
    internal override JsonObject RunItems(AnalysisContext context, int first, int count, List<IReadOnlyList<Diagnostic>> itemWarnings) =>
        Split == ShardSplit.Draws ? ResultWriter.Write(Compute(context, first, count)) : base.RunItems(context, first, count, itemWarnings);

    /// <summary>The result, with draws [<paramref name="first"/>, <paramref name="first"/> + <paramref name="draws"/>)
    /// when only samples are drawn (each draw seeded from (seed, its index), so any range equals that part of the whole).</summary>
    private PhotonStatisticsResult Compute(AnalysisContext context, int first, int draws)
    {
        var computed = PhotonTransfer.Compute(_circuit, _sources, _detectors, context, KeyPath, Mark);
        PhotonTransfer.WarnIncoherentScattering(_sources, computed, context, KeyPath, Mark);
        var (states, transfers) = PhotonTransfer.States(_sources, computed, _detectors, context, KeyPath, Mark);
        if (_binary) states = PhotonStates.Binary(states, KeyPath, Mark);
        var engine = PhotonTransfer.Engine(_sources, transfers, states, _detectors, clicks: false, darkCounts: true, _maxPhotons);
        var result = new PhotonStatisticsResult
        {
            Sources = PhotonTransfer.ListedNames(_sources).ToArray(),
            Detectors = _detectors.Select(d => d.Name).ToArray(),
        };
        try
        {
            if (_pattern is not null)
                return result with { Pattern = [.. _pattern], Probability = ResultValues.Finite(engine.Probability(_pattern)) };
            double total = OutcomeSpaceSize(transfers);
            if (!_distribution)
            {
                if (engine.DirectSamplingRestriction() is { } reason)
                    throw new AnalysisException(KeyPath, Mark, $"photon_statistics with distribution: false cannot sample these sources: {reason}");
                return result with { NPatternsTotal = ResultValues.Finite(total), Samples = engine.SampleDirect(first, draws, _seed) };
            }
            result = result with
            {
                Patterns = engine.Patterns(_maxPatterns).Select(p => new ClickPattern { Clicks = p.Pattern, Probability = p.Probability }).ToArray(),
                NPatternsTotal = ResultValues.Finite(total),
                ProbabilitySum = ResultValues.Finite(engine.ProbabilitySum()),
            };
            double? frame = PhotonTransfer.FrameRateHz(_sources, context, Mark, KeyPath, "n_fold_rate_hz");
            if (frame is double f)
            {
                // Rates with dead time: a detector registers a click only when it is ready, L_d = R′_d/R_d of its own click
                // rate R_d = f·p_d (R/(1 + Rτ_d), or f·p/(1 + K·p) for the pulsed form), independently of the frame.
                double[]? live = null;
                if (_detectors.Any(d => d.Settings.DeadTimeNs > 0))
                {
                    // Each detector's click probability, from the same photons seen by threshold detectors (two outcomes
                    // each, whatever max_photons a resolving one has).
                    var marginals = PhotonTransfer.Engine(_sources, transfers, states, _detectors, clicks: true, darkCounts: true, _maxPhotons).Marginals();
                    // A detector followed pulse by pulse registers the share of its clicks that its pattern of pulses leaves it ready for.
                    var channels = _detectors.Any(d => d.Settings.DeadTimeNs > 0 && DetectorPulseTrains.FollowsPulses(d.Settings, _sources))
                        ? DetectorPulseTrains.ChannelClicks(_sources, transfers, states, _detectors, _maxPhotons, blinking: true, background: true) : default;
                    live = new double[_detectors.Count];
                    for (int d = 0; d < _detectors.Count; d++)
                    {
                        var settings = _detectors[d].Settings;
                        double click = Math.Clamp(1 - marginals[d][0], 0, 1);
                        if (settings.DeadTimeNs > 0 && DetectorPulseTrains.FollowsPulses(settings, _sources)
                            && DetectorPulseTrains.Pattern(_sources, channels.Reaches[d], channels.Clicks[d], f) is { } pattern)
                            live[d] = DetectorPulseTrains.RegisteredShare(pattern, settings.InPulsePattern(pattern));
                        else
                            live[d] = click > 0 ? Math.Clamp(settings.RateWithDeadTime(f, click) / (f * click), 0, 1) : 1;
                    }
                }
                var counts = live is null ? engine.ClickCountDistribution() : engine.ClickCountDistribution(live);
                var rates = new OrderedDictionary<int, double>();
                for (int k = 1; k < counts.Length; k++) rates[k] = f * counts[k];
                result = result with { NFoldRateHz = rates };
            }
            if (_samples is int n) result = result with { Samples = engine.Sample(n, _seed) };
            if (_marginals)
            {
                var marginals = engine.Marginals();
                var byDetector = new OrderedDictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
                for (int d = 0; d < _detectors.Count; d++) byDetector[_detectors[d].Name] = marginals[d];
                result = result with { Marginals = byDetector };
            }
            return result;
        }
        catch (ComputationTooLargeException e)
        {
            throw new AnalysisException(KeyPath, Mark, $"photon_statistics with the circuit's transfer and overlaps: {e.Message}", e);
        }
    }

    /// <summary>
    /// The number of detection patterns the sources can produce, zeros included (spec §5): a pattern counts when
    /// some achievable number t of detected photons gives it — for photon-number-resolving detectors Σs = t (or
    /// Σs ≤ t when a detector sits at its cap), for threshold detectors j clicks with 1 ≤ j ≤ t (or none with
    /// t = 0). The achievable t are the sums of the sources' possible photon numbers; loss (a detection
    /// probability below one) adds every smaller t, dark counts every larger one. For n lossless photons on m
    /// resolving detectors this is C(n + m − 1, n).
    /// </summary>
    private double OutcomeSpaceSize(IReadOnlyList<SourceTransfer> transfers)
    {
        var emitted = new SortedSet<int> { 0 };
        // The sources' photons (none in a dark pulse of a blinking source) and their leaked laser light.
        foreach (var source in PhotonTransfer.WithBackground(_sources, _maxPhotons).Sources)
        {
            var next = new SortedSet<int>();
            foreach (int t in emitted)
                for (int k = 0; k <= 2; k++)
                    if (source.AveragedProbabilityOf(k) > 0) next.Add(t + k);
            emitted = next;
        }
        int most = emitted.Max;
        bool lossy = false;
        for (int s = 0; s < _sources.Count; s++)
        {
            double reach = 0;
            for (int d = 0; d < _detectors.Count; d++)
                reach += transfers[s].Column[d].Magnitude * transfers[s].Column[d].Magnitude * _detectors[d].Settings.Efficiency;
            if (reach < 1 - 1e-12) lossy = true;
            if (_sources[s].Figures.LaserBackground is null) continue;
            // The leaked laser light may be passed less than the photons (a filter narrower than the laser pulse).
            double laserReach = 0;
            for (int d = 0; d < _detectors.Count; d++)
                laserReach += transfers[s].BackgroundColumn[d].Magnitude * transfers[s].BackgroundColumn[d].Magnitude * _detectors[d].Settings.Efficiency;
            if (laserReach < 1 - 1e-12) lossy = true;
        }
        bool dark = _detectors.Any(d => d.Settings.DarkCountRateHz > 0);
        bool Achievable(int t) => (dark && t >= emitted.Min) || (t <= most && (lossy ? t >= 0 : emitted.Contains(t)));
        var caps = PhotonTransfer.Detectors(_detectors, false, true).Select(d => d.OutcomeCount - 1).ToArray();
        bool[] threshold = _detectors.Select(d => d.Settings.Resolution == Components.Detection.DetectorResolution.Threshold).ToArray();
        // Count patterns by dynamic programming over detectors: state = (detected total so far, any resolving
        // detector at its cap); the threshold detectors contribute their click count.
        int limit = dark ? caps.Sum() : most;
        var counts = new Dictionary<(int Sum, int Clicks, bool Capped), double> { [(0, 0, false)] = 1 };
        for (int d = 0; d < caps.Length; d++)
        {
            var next = new Dictionary<(int, int, bool), double>();
            foreach (var ((sum, clicks, capped), n) in counts)
                // Without dark counts no pattern holds more than `limit` photons: stop there, not at the cap (which
                // may be a pnr detector's max_photons of 10⁹).
                for (int v = 0, top = dark ? caps[d] : Math.Min(caps[d], Math.Max(limit, 0) - sum - clicks); v <= top; v++)
                {
                    var key = threshold[d] ? (sum, clicks + v, capped) : (sum + v, clicks, capped || (v == caps[d] && v > 0));
                    if (key.Item1 + key.Item2 > Math.Max(limit, 0) && !dark) continue;
                    next[key] = next.GetValueOrDefault(key) + n;
                }
            counts = next;
        }
        double total = 0;
        foreach (var ((sum, clicks, capped), n) in counts)
        {
            bool possible = false;
            for (int t = sum + clicks; t <= Math.Max(limit, sum + clicks) && !possible; t++)
            {
                if (!Achievable(t)) continue;
                int rest = t - sum; // photons left for the threshold detectors (or piled on a capped counter)
                bool thresholdOk = clicks == 0 ? rest == 0 || capped : rest >= clicks;
                possible = thresholdOk;
            }
            if (possible) total += n;
        }
        return total;
    }
}
