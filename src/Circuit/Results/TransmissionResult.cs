namespace PhotonicKit.Circuit.Results;

/// <summary>
/// The result of a <c>transmission</c> analysis: |S|², phase and group delay between external ports over a
/// wavelength grid (spec §5). Each map is indexed [from][to] by port name, in the order the analysis lists them, and
/// each series has one value per entry of <see cref="WavelengthNm"/>.
/// </summary>
public sealed record TransmissionResult : AnalysisResult
{
    /// <inheritdoc/>
    public override string Type => "transmission";

    /// <summary>The wavelength grid, nm.</summary>
    public required IReadOnlyList<double> WavelengthNm { get; init; }

    /// <summary>Power transmission |S[to, from]|², indexed [from][to][wavelength].</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>> Power { get; init; }

    /// <summary>Phase atan2(Im, Re) of S[to, from] in (−π, π], rad, indexed [from][to][wavelength]; null where
    /// |S| &lt; 1e−9.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double?>>> PhaseRad { get; init; }

    /// <summary>Group delay +dφ/dω of S[to, from], ps, indexed [from][to][wavelength]; null where the phase or its
    /// derivative is undefined.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double?>>> GroupDelayPs { get; init; }
}
