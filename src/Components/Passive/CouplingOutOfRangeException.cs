using System.Globalization;

namespace PhotonicKit.Components.Passive;

/// <summary>
/// Thrown when a wavelength-dependent coupling leaves [0, 1] at a wavelength where the S-matrix is evaluated.
/// Settings are bound before the wavelength grid is known, so this is raised at evaluation; the circuit names
/// the instance with <see cref="WithInstance"/>.
/// </summary>
public sealed class CouplingOutOfRangeException : Exception
{
    /// <summary>Creates the exception for a coupling value at a wavelength.</summary>
    /// <param name="wavelengthNm">The evaluated wavelength λ (nm).</param>
    /// <param name="coupling">coupling(λ), outside [0, 1].</param>
    /// <param name="detail">How coupling(λ) was obtained (settings and formula).</param>
    /// <param name="instanceName">The netlist instance, when known.</param>
    public CouplingOutOfRangeException(double wavelengthNm, double coupling, string detail, string? instanceName = null)
        : base(Format(wavelengthNm, coupling, detail, instanceName))
    {
        WavelengthNm = wavelengthNm;
        Coupling = coupling;
        Detail = detail;
        InstanceName = instanceName;
    }

    /// <summary>The wavelength (nm) at which the coupling is out of range.</summary>
    public double WavelengthNm { get; }

    /// <summary>The coupling value there.</summary>
    public double Coupling { get; }

    /// <summary>How the coupling was computed, with the settings' values.</summary>
    public string Detail { get; }

    /// <summary>The netlist instance, when known.</summary>
    public string? InstanceName { get; }

    /// <summary>The same error, naming <paramref name="instanceName"/>.</summary>
    public CouplingOutOfRangeException WithInstance(string instanceName) => new(WavelengthNm, Coupling, Detail, instanceName);

    private static string Format(double wavelengthNm, double coupling, string detail, string? instanceName)
    {
        var c = CultureInfo.InvariantCulture;
        string who = instanceName is null ? "" : $"{instanceName}: ";
        return $"{who}coupling(λ) = {coupling.ToString("R", c)} at λ = {wavelengthNm.ToString("R", c)} nm is outside [0, 1] ({detail})";
    }
}
