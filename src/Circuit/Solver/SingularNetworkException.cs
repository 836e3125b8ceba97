namespace PhotonicKit.Circuit.Solver;

/// <summary>
/// The network equations have no unique solution at a wavelength (a lossless closed loop on resonance, for
/// example). Carries the blocks involved and the wavelength so the tool can name the loop's instances.
/// </summary>
public sealed class SingularNetworkException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SingularNetworkException(IReadOnlyList<int> blocks, double wavelengthNm, string message) : base(message)
    {
        Blocks = blocks;
        WavelengthNm = wavelengthNm;
    }

    /// <summary>Indices of the blocks (instances) in the singular part of the network.</summary>
    public IReadOnlyList<int> Blocks { get; }

    /// <summary>The wavelength at which the pivot vanished, in nm.</summary>
    public double WavelengthNm { get; }
}
