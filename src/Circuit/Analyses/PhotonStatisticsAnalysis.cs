using System.Globalization;
using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
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

    private PhotonStatisticsAnalysis(string keyPath, SourceMark mark, FlatCircuit circuit, List<PhotonSource> sources, List<PhotonDetector> detectors,
        int maxPhotons, int[]? pattern, int maxPatterns, int? samples, int seed, bool marginals) : base(keyPath, mark)
    {
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

    internal static PhotonStatisticsAnalysis? Parse(MappingNode node, string keyPath, AnalysisScope scope)
    {
        var reader = new AnalysisReader(node, keyPath, scope.Bag, ["sources", "detectors", "max_photons", "pattern", "max_patterns", "samples", "seed", "marginals"]);
        var sources = PhotonTransfer.ReadSources(scope, reader, "sources");
        var detectors = PhotonTransfer.ReadDetectors(scope, reader, "detectors");
        int maxPhotons = reader.Integer("max_photons", 1, 2) ?? 2;
        int maxPatterns = reader.Integer("max_patterns", 1, 100_000_000) ?? 10000;
        int? samples = reader.Integer("samples", 0, 10_000_000);
        int seed = reader.Integer("seed", int.MinValue, int.MaxValue) ?? 0;
        bool marginals = reader.Boolean("marginals") ?? false;
        if (sources is null || detectors is null || reader.Bag.HasErrors) return null;
        // With a time_demux the analysis is per frame of N pulses, each pulse of each source its own emission.
        sources = PhotonTransfer.Frame(scope, reader, sources, "photon_statistics", int.MaxValue);
        if (sources is null || reader.Bag.HasErrors) return null;
        if (sources.Count > 16)
        {
            reader.Error("sources", $"at most 16 sources, got {sources.Count}");
            return null;
        }
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
        if (!PhotonTransfer.CheckSize(reader, "photon_statistics", sources, models, maxPhotons)) return null;
        return new PhotonStatisticsAnalysis(keyPath, node.Mark, scope.Circuit, sources, detectors, maxPhotons, pattern, maxPatterns, samples, seed, marginals);
    }

    /// <inheritdoc/>
    public override long EstimateBytes()
    {
        double outcomes = PhotonTransfer.Detectors(_detectors, false, true).Aggregate(1.0, (a, d) => a * d.OutcomeCount);
        return (long)Math.Min(long.MaxValue / 4, 16 * outcomes + 64.0 * Math.Min(outcomes, _maxPatterns) * (1 + _detectors.Count) + 16.0 * (_samples ?? 0) * _detectors.Count)
            + 2 * CircuitEvaluation.EstimateBytes(_circuit, 7 + _sources.Max(s => s.Figures.SpectrumWavelengthNm.Length), 3 * _sources.Count + _detectors.Count);
    }

    /// <inheritdoc/>
    public override JsonObject Run(AnalysisContext context)
    {
        var transfers = PhotonTransfer.Compute(_circuit, _sources, _detectors, context, KeyPath, Mark);
        var overlaps = PhotonTransfer.Overlaps(_sources, transfers, KeyPath, Mark);
        var engine = PhotonTransfer.Engine(_sources, transfers, overlaps, _detectors, clicks: false, darkCounts: true, _maxPhotons);
        var result = NewResult();
        result["sources"] = ResultJson.Strings(PhotonTransfer.ListedNames(_sources));
        result["detectors"] = ResultJson.Strings(_detectors.Select(d => d.Name));
        if (_pattern is not null)
        {
            result["pattern"] = new JsonArray(_pattern.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
            result["probability"] = ResultJson.Number(engine.Probability(_pattern));
            return result;
        }
        var patterns = new JsonArray();
        foreach (var (clicks, probability) in engine.Patterns(_maxPatterns))
            patterns.Add(new JsonObject
            {
                ["clicks"] = new JsonArray(clicks.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
                ["probability"] = ResultJson.Number(probability),
            });
        result["patterns"] = patterns;
        double total = OutcomeSpaceSize(transfers);
        // A count: written as an integer while doubles hold it exactly.
        result["n_patterns_total"] = total < 9e15 ? JsonValue.Create((long)total) : ResultJson.Number(total);
        double sum = 0;
        foreach (double p in engine.Distribution()) sum += p;
        result["probability_sum"] = ResultJson.Number(sum);
        double? frame = PhotonTransfer.FrameRateHz(_sources, context, Mark, KeyPath, "n_fold_rate_hz");
        if (frame is double f)
        {
            var counts = engine.ClickCountDistribution();
            var rates = new JsonObject();
            for (int k = 1; k < counts.Length; k++) rates[k.ToString(CultureInfo.InvariantCulture)] = ResultJson.Number(f * counts[k]);
            result["n_fold_rate_hz"] = rates;
        }
        else result["n_fold_rate_hz"] = null;
        if (_samples is int n)
        {
            var draws = new JsonArray();
            foreach (var sample in engine.Sample(n, _seed)) draws.Add(new JsonArray(sample.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()));
            result["samples"] = draws;
        }
        if (_marginals)
        {
            var marginals = engine.Marginals();
            var obj = new JsonObject();
            for (int d = 0; d < _detectors.Count; d++) obj[_detectors[d].Name] = ResultJson.Numbers(marginals[d]);
            result["marginals"] = obj;
        }
        return result;
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
        foreach (var source in PhotonTransfer.Sources(_sources, _maxPhotons))
        {
            var next = new SortedSet<int>();
            foreach (int t in emitted)
                for (int k = 0; k <= 2; k++)
                    if (source.ProbabilityOf(k) > 0) next.Add(t + k);
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
                for (int v = 0; v <= caps[d]; v++)
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
