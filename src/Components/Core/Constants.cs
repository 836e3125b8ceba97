namespace PhotonicKit.Components;

/// <summary>Physical constants (CODATA 2018, exact where SI defines them).</summary>
public static class PhysicalConstants
{
    /// <summary>Speed of light in vacuum, m/s.</summary>
    public const double SpeedOfLightMPerS = 299_792_458.0;

    /// <summary>Speed of light in nm/ps (= µm/ns·… ; 299 792.458 nm per ps).</summary>
    public const double SpeedOfLightNmPerPs = 299_792.458;

    /// <summary>Planck constant, J·s (exact in the SI).</summary>
    public const double PlanckConstantJs = 6.626_070_15e-34;

    /// <summary>Reduced Planck constant ħ = h/2π in meV·ps (h and e exact in the SI): an energy E in meV is the angular
    /// frequency E/ħ in rad/ps.</summary>
    public const double ReducedPlanckMeVPs = 0.658_211_956_9;

    /// <summary>Energy of one photon of wavelength <paramref name="wavelengthNm"/>, J: hc/λ.</summary>
    public static double PhotonEnergyJ(double wavelengthNm) => PlanckConstantJs * SpeedOfLightMPerS / (wavelengthNm * 1e-9);

    /// <summary>Angular frequency ω = 2πc/λ in rad/ps for a wavelength in nm.</summary>
    public static double AngularFrequencyRadPerPs(double wavelengthNm) => 2 * Math.PI * SpeedOfLightNmPerPs / wavelengthNm;
}
