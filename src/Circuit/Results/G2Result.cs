namespace PhotonicKit.Circuit.Results;

/// <summary>
/// The result of a <c>g2</c> analysis: the Hanbury Brown–Twiss correlation of one source on two detectors (spec §5);
/// per frame of N pulses through a time_demux.
/// </summary>
public sealed record G2Result : AnalysisResult
{
    /// <inheritdoc/>
    public override string Type => "g2";

    /// <summary>The source instance.</summary>
    public required string Source { get; init; }

    /// <summary>The two detectors [d0, d1].</summary>
    public required IReadOnlyList<string> Detectors { get; init; }

    /// <summary>g2 = ⟨n₀n₁⟩/(⟨n₀⟩⟨n₁⟩) from the photon-number moments after detector efficiency (2p2/μ² for the ideal
    /// setup); null when no light of the source reaches a detector.</summary>
    public double? G2 { get; init; }

    /// <summary>Probability per pulse that both click detectors click, dark counts included.</summary>
    public double CoincidenceProbability { get; init; }
}
