using System.Numerics;

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

    /// <summary>S[<paramref name="output"/> ← <paramref name="input"/>] at every wavelength of <see cref="WavelengthNm"/>.</summary>
    /// <param name="output">An external port (one of <see cref="Ports"/>).</param>
    /// <param name="input">An external port (one of <see cref="Ports"/>).</param>
    /// <exception cref="ArgumentException">A port that is not one of <see cref="Ports"/>.</exception>
    public Complex[] Entry(string output, string input)
    {
        int o = IndexOf(output, nameof(output)), i = IndexOf(input, nameof(input));
        var values = new Complex[WavelengthNm.Count];
        for (int k = 0; k < values.Length; k++) values[k] = new Complex(Re[k][o][i], Im[k][o][i]);
        return values;
    }

    private int IndexOf(string port, string parameter)
    {
        ArgumentNullException.ThrowIfNull(port, parameter);
        for (int p = 0; p < Ports.Count; p++)
            if (Ports[p] == port) return p;
        throw new ArgumentException($"'{port}' is not an external port of the circuit: its ports are {string.Join(", ", Ports)}", parameter);
    }
}
