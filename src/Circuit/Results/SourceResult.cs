namespace PhotonicKit.Circuit.Results;

/// <summary>
/// The result of a <c>source</c> analysis: the per-pulse figures of one emitter collected into its own ports (spec §5).
/// </summary>
public sealed record SourceResult : AnalysisResult
{
    /// <inheritdoc/>
    public override string Type => "source";

    /// <summary>The emitting instance (a quantum_dot or cavity_source).</summary>
    public required string Source { get; init; }

    /// <summary>Radiative lifetime of the emitter in the circuit, ps; null for a source given by its measured figures
    /// without <c>lifetime_ps</c>.</summary>
    public double? LifetimePs { get; init; }

    /// <summary>Purcell factor; null when the source defines none (no <c>bulk_lifetime_ps</c> with <c>purcell</c>,
    /// no cavity or waveguide geometry).</summary>
    public double? Purcell { get; init; }

    /// <summary>Radiative β: the fraction of the emission into the collected mode.</summary>
    public double Beta { get; init; }

    /// <summary>B²: the fraction of the emission in the zero-phonon line.</summary>
    public double ZplFraction { get; init; }

    /// <summary>η_prep: P(≥ 1 photon) per pulse at the emitter.</summary>
    public double PreparationEfficiency { get; init; }

    /// <summary>P(≥ 1 photon) per pulse collected into all the source's ports.</summary>
    public double Brightness { get; init; }

    /// <summary>P(≥ 1 photon) per pulse leaving each port of the source, by port name (ordinal order).</summary>
    public required IReadOnlyDictionary<string, double> BrightnessPort { get; init; }

    /// <summary>Mean number of collected photons per pulse, p1 + 2p2.</summary>
    public double MeanPhotonNumber { get; init; }

    /// <summary>Probability per pulse of no photon collected.</summary>
    public double P0 { get; init; }

    /// <summary>Probability per pulse of exactly one photon collected.</summary>
    public double P1 { get; init; }

    /// <summary>Probability per pulse of two photons collected.</summary>
    public double P2 { get; init; }

    /// <summary>g2 = 2p2/μ² of the collected light (unchanged by loss).</summary>
    public double G2 { get; init; }

    /// <summary>M_s: the single-photon wavepacket overlap of two photons of the source.</summary>
    public double Indistinguishability { get; init; }

    /// <summary>HOM visibility of two photons of the source on a balanced beam splitter, M_s(1 − g2 μ_em/2)² − g2.</summary>
    public double HomVisibility { get; init; }

    /// <summary>Wavelengths of the emission spectrum, nm; null when the source has no lifetime (<see cref="LifetimePs"/> null).</summary>
    public IReadOnlyList<double>? SpectrumWavelengthNm { get; init; }

    /// <summary>Emission spectrum at <see cref="SpectrumWavelengthNm"/>, per nm; null when the source has no lifetime.</summary>
    public IReadOnlyList<double>? SpectrumPerNm { get; init; }
}
