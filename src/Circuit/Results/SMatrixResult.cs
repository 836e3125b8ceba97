namespace PhotonicKit.Circuit.Results;

/// <summary>
/// The result of an <c>smatrix</c> analysis: the circuit's S-matrix over its external ports at each wavelength of
/// the grid (spec §5), as real and imaginary parts indexed [wavelength][out][in] (always three levels).
/// </summary>
public sealed record SMatrixResult : AnalysisResult
{
    /// <inheritdoc/>
    public override string Type => "smatrix";

    /// <summary>The wavelength grid, nm.</summary>
    public required IReadOnlyList<double> WavelengthNm { get; init; }

    /// <summary>The external ports, in the order of the file's <c>ports:</c>; the indices of <see cref="Re"/> and <see cref="Im"/>.</summary>
    public required IReadOnlyList<string> Ports { get; init; }

    /// <summary>Real part of S, indexed [wavelength][out][in].</summary>
    public required IReadOnlyList<IReadOnlyList<IReadOnlyList<double>>> Re { get; init; }

    /// <summary>Imaginary part of S, indexed [wavelength][out][in].</summary>
    public required IReadOnlyList<IReadOnlyList<IReadOnlyList<double>>> Im { get; init; }
}
