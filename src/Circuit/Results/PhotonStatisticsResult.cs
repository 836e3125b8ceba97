namespace PhotonicKit.Circuit.Results;

/// <summary>
/// The result of a <c>photon_statistics</c> analysis: the distribution of detection patterns of several sources on
/// several detectors (spec §5). Which fields are present depends on the request: with <c>pattern</c> only
/// <see cref="Pattern"/> and <see cref="Probability"/>; with <c>distribution: false</c> only
/// <see cref="NPatternsTotal"/> and <see cref="Samples"/>; otherwise <see cref="Patterns"/>,
/// <see cref="NPatternsTotal"/>, <see cref="ProbabilitySum"/>, <see cref="NFoldRateHz"/>, and <see cref="Samples"/>
/// and <see cref="Marginals"/> when asked for. An absent field is null here.
/// </summary>
public sealed record PhotonStatisticsResult : AnalysisResult
{
    /// <inheritdoc/>
    public override string Type => "photon_statistics";

    /// <summary>The sources, as listed.</summary>
    public required IReadOnlyList<string> Sources { get; init; }

    /// <summary>The detectors, as listed; the order of every pattern's entries.</summary>
    public required IReadOnlyList<string> Detectors { get; init; }

    /// <summary>The requested pattern (one count per detector); null unless the analysis asked for one.</summary>
    public IReadOnlyList<int>? Pattern { get; init; }

    /// <summary>Probability per pulse (per frame through a time_demux) of <see cref="Pattern"/>; null unless a pattern was asked for.</summary>
    public double? Probability { get; init; }

    /// <summary>The most probable patterns, sorted by probability descending then clicks ascending, at most
    /// <c>max_patterns</c>; null with <c>pattern</c> or <c>distribution: false</c>.</summary>
    public IReadOnlyList<ClickPattern>? Patterns { get; init; }

    /// <summary>The number of patterns in the whole outcome space, zeros included (an integer while doubles hold it
    /// exactly); null with <c>pattern</c>.</summary>
    public double? NPatternsTotal { get; init; }

    /// <summary>The sum of the probabilities over the whole outcome space; null unless the distribution was computed.</summary>
    public double? ProbabilitySum { get; init; }

    /// <summary>Rates f_frame·P(exactly k detectors click), Hz, keyed by k = 1 … number of detectors; null without
    /// <c>repetition_rate_mhz</c> or unless the distribution was computed.</summary>
    public IReadOnlyDictionary<int, double>? NFoldRateHz { get; init; }

    /// <summary>The drawn patterns in draw order (one count per detector each); null unless <c>samples</c> was asked for.</summary>
    public IReadOnlyList<IReadOnlyList<int>>? Samples { get; init; }

    /// <summary>Each detector's distribution of counts (detector → P(n) for n = 0, 1, …); null unless
    /// <c>marginals</c> was asked for.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>>? Marginals { get; init; }
}

/// <summary>One entry of <see cref="PhotonStatisticsResult.Patterns"/>.</summary>
public sealed record ClickPattern
{
    /// <summary>One count per listed detector, in order (capped at max_photons for a photon-number-resolving detector,
    /// 0 or 1 for a threshold detector).</summary>
    public required IReadOnlyList<int> Clicks { get; init; }

    /// <summary>Probability per pulse (per frame through a time_demux) of this pattern.</summary>
    public double Probability { get; init; }
}
