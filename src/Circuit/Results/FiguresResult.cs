namespace PhotonicKit.Circuit.Results;

/// <summary>
/// The result of a <c>figures</c> analysis: the efficiency chain of one source from preparation to detection, and
/// the g2, indistinguishability, HOM visibility and rate of the photons reaching the detectors after the circuit's
/// spectral filtering (spec §5). Without detectors in the circuit the chain ends at the source.
/// </summary>
public sealed record FiguresResult : AnalysisResult
{
    /// <inheritdoc/>
    public override string Type => "figures";

    /// <summary>The source instance.</summary>
    public required string Source { get; init; }

    /// <summary>The detectors (by default every detector of the circuit; empty when it has none).</summary>
    public required IReadOnlyList<string> Detectors { get; init; }

    /// <summary>P(≥ 1 photon) per pulse collected, as in the <c>source</c> analysis.</summary>
    public double Brightness { get; init; }

    /// <summary>The chain: <c>prepared</c>, <c>emitted</c>, <c>collected</c>, <c>polarization_filtered</c> (and the
    /// other steps of the source), each budget instance, <c>detected</c>; the factors multiply to the last brightness.</summary>
    public required IReadOnlyList<ChainStep> Chain { get; init; }

    /// <summary>g2 of the light reaching the detectors (leaked laser light included).</summary>
    public double G2 { get; init; }

    /// <summary>M_s of the photons reaching the detectors, after spectral filtering.</summary>
    public double Indistinguishability { get; init; }

    /// <summary>HOM visibility of two such photons on a balanced beam splitter.</summary>
    public double HomVisibility { get; init; }

    /// <summary>Detected rate, Hz (the collected rate without detectors); null without <c>repetition_rate_mhz</c>.</summary>
    public double? RateHz { get; init; }
}

/// <summary>One point of a figures analysis' <see cref="FiguresResult.Chain"/>.</summary>
public sealed record ChainStep
{
    /// <summary>The point of the chain: a step of the source, an instance on the path, <c>interference</c> or <c>detected</c>.</summary>
    public required string Point { get; init; }

    /// <summary>The ratio of this point's brightness to the previous one's (0 after a point with none).</summary>
    public double Factor { get; init; }

    /// <summary>P(≥ 1 photon) per pulse still there at this point.</summary>
    public double Brightness { get; init; }

    /// <summary>The steps that make up this point, in order, as the efficiency budget's parts; null when it is one step.</summary>
    public IReadOnlyList<ChainPart>? Parts { get; init; }
}

/// <summary>One step of a <see cref="ChainStep.Parts"/> list.</summary>
public sealed record ChainPart
{
    /// <summary>What the step is.</summary>
    public required string Cause { get; init; }

    /// <summary>The ratio of the brightness after this step to the one before it (0 after none).</summary>
    public double Factor { get; init; }

    /// <summary>P(≥ 1 photon) per pulse after this step.</summary>
    public double Brightness { get; init; }
}
