namespace PhotonicKit.Circuit.Results;

/// <summary>
/// The result of a <c>hom</c> analysis: Hong–Ou–Mandel interference of two sources (or the demultiplexed pulses of
/// one) on two detectors (spec §5).
/// </summary>
public sealed record HomResult : AnalysisResult
{
    /// <inheritdoc/>
    public override string Type => "hom";

    /// <summary>The sources [a, b] as listed (one source through a time_demux).</summary>
    public required IReadOnlyList<string> Sources { get; init; }

    /// <summary>The two detectors [d0, d1].</summary>
    public required IReadOnlyList<string> Detectors { get; init; }

    /// <summary>V = 1 − 2⟨n₀n₁⟩/(⟨n₀⟩⟨n₁⟩) from photon-number moments after detector efficiency, without dark counts,
    /// at zero extra delay (the circuit's own delays included); null when no light reaches a detector.</summary>
    public double? Visibility { get; init; }

    /// <summary>M_s: the single-photon overlap of the interfering photons as they reach the detectors.</summary>
    public double Indistinguishability { get; init; }

    /// <summary>M_s inferred back from the visibility, (V + g2)/(1 − g2); null when the visibility is null, outside
    /// [−1, 1], or the sources' g2 is not below 1.</summary>
    public double? IndistinguishabilityFromVisibility { get; init; }

    /// <summary>Probability per pulse that both click detectors click at zero extra delay, dark counts included.</summary>
    public double CoincidenceProbability { get; init; }

    /// <summary>The scan of extra delay on source a, ps (default [0]).</summary>
    public required IReadOnlyList<double> DelayPs { get; init; }

    /// <summary>Coincidence probability per pulse at each delay of <see cref="DelayPs"/>.</summary>
    public required IReadOnlyList<double> Coincidences { get; init; }
}
