namespace PhotonicKit.Circuit.Results;

/// <summary>
/// The result of an <c>efficiency</c> analysis: the probability per pulse that the detectors register a photon of one
/// source, the circuit transmission, the loss budget along the best path and the detected rate (spec §5). Through a
/// time_demux the probability, transmission and rate are averages over the pulses of a frame.
/// </summary>
public sealed record EfficiencyResult : AnalysisResult
{
    /// <inheritdoc/>
    public override string Type => "efficiency";

    /// <summary>The source instance.</summary>
    public required string Source { get; init; }

    /// <summary>The detectors, as listed.</summary>
    public required IReadOnlyList<string> Detectors { get; init; }

    /// <summary>Probability per pulse that the detectors register a photon of this source, brightness and detector
    /// efficiency included, dark counts excluded.</summary>
    public double Probability { get; init; }

    /// <summary>Circuit transmission of a photon that has left the source, in [0, 1].</summary>
    public double Transmission { get; init; }

    /// <summary>The loss budget: the source, each instance on the path with the largest product of hop powers (ties:
    /// file order), the detector, and an entry <c>interference</c> closing any gap, so the last
    /// <see cref="LossBudgetEntry.ProbabilityAfter"/> equals <see cref="Probability"/>.</summary>
    public required IReadOnlyList<LossBudgetEntry> Budget { get; init; }

    /// <summary>Detected photon rate, Hz (dead time included); null without <c>repetition_rate_mhz</c>.</summary>
    public double? RateHz { get; init; }
}

/// <summary>One entry of an efficiency analysis' <see cref="EfficiencyResult.Budget"/>.</summary>
public sealed record LossBudgetEntry
{
    /// <summary>The instance (the source, an instance on the path, the detector), or <c>interference</c> closing the
    /// gap to the probability (and <c>incoherent_scattering</c> adding light scattered incoherently by other dots).</summary>
    public required string Instance { get; init; }

    /// <summary>Loss at this entry, dB: −10·log₁₀ of the ratio of this entry's probability to the previous one's;
    /// null where no light is left (an infinite loss).</summary>
    public double? LossDb { get; init; }

    /// <summary>Probability per pulse that a photon of the source is still there after this entry.</summary>
    public double ProbabilityAfter { get; init; }

    /// <summary>The steps that make up this entry, in order (e.g. the causes of the closing <c>interference</c>
    /// entry), the last ending at <see cref="ProbabilityAfter"/>; null when the entry is one step.</summary>
    public IReadOnlyList<LossBudgetPart>? Parts { get; init; }
}

/// <summary>One step of a <see cref="LossBudgetEntry.Parts"/> list.</summary>
public sealed record LossBudgetPart
{
    /// <summary>What the step is: <c>interference</c>, <c>spectral_filtering</c>, <c>detectors_combined</c> or
    /// <c>pulses_averaged</c>.</summary>
    public required string Cause { get; init; }

    /// <summary>Loss of this step, dB; null where no light is left after it.</summary>
    public double? LossDb { get; init; }

    /// <summary>Probability per pulse after this step.</summary>
    public double ProbabilityAfter { get; init; }
}
