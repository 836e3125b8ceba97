using System.Numerics;

namespace PhotonicKit.Components.Passive;

/// <summary>
/// A straight waveguide: S(o2,o1) = S(o1,o2) = a·exp(+i 2π n_eff(λ) L/λ) with first-order dispersion
/// n_eff(λ) = n_eff − (λ − λ0)(n_g − n_eff)/λ0 and a = 10^(−loss_dB_per_cm · L_cm / 20).
/// Reciprocal, passive; lossless when the loss is zero. The group delay is n_g·L/c.
/// </summary>
public sealed class WaveguideModel : ComponentModel
{
    private static readonly SettingSpec[] Specs =
    [
        new("length_um", SettingKind.Number, "µm", "physical length L") { Required = true, Min = 0 },
        new("n_eff", SettingKind.Number, "", "effective index at wavelength0_nm") { Default = 2.4, Min = 0, MinExclusive = true },
        new("n_g", SettingKind.Number, "", "group index") { Default = 4.2, Min = 0, MinExclusive = true },
        new("wavelength0_nm", SettingKind.Number, "nm", "reference wavelength λ0 of n_eff") { DefaultDescription = "file's wavelength", Min = 0, MinExclusive = true },
        new("loss_db_per_cm", SettingKind.Number, "dB/cm", "propagation loss (power)") { Default = 0, Min = 0 },
    ];

    /// <inheritdoc/>
    public override string Name => "waveguide";

    /// <inheritdoc/>
    public override string Summary => "straight waveguide with first-order dispersion and propagation loss";

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts { get; } = ["o1", "o2"];

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: true, LosslessWithoutLoss: true);

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        double lengthUm = settings.Number("length_um");
        double nEff = settings.Number("n_eff");
        double nG = settings.Number("n_g");
        double lambda0Nm = settings.Number("wavelength0_nm", context.FileWavelengthNm);
        double lossDbPerCm = settings.Number("loss_db_per_cm");
        settings.ThrowIfErrors();
        return new Bound(this, lengthUm, nEff, nG, lambda0Nm, lossDbPerCm);
    }

    /// <summary>Field amplitude transmission of a waveguide of length L (µm) with loss in dB/cm.</summary>
    public static double Amplitude(double lengthUm, double lossDbPerCm) => Math.Pow(10, -lossDbPerCm * lengthUm * 1e-4 / 20);

    /// <summary>Propagation phase 2π n_eff(λ) L/λ in rad, with first-order dispersion around λ0.</summary>
    public static double Phase(double wavelengthNm, double lengthUm, double nEff, double nG, double wavelength0Nm)
    {
        double n = nEff - (wavelengthNm - wavelength0Nm) * (nG - nEff) / wavelength0Nm;
        return 2 * Math.PI * n * lengthUm * 1e3 / wavelengthNm;
    }

    private sealed class Bound(WaveguideModel model, double lengthUm, double nEff, double nG, double lambda0Nm, double lossDbPerCm)
        : BoundComponent(model, model.FixedPorts!)
    {
        protected override void Fill(SMatrixSweep s)
        {
            double a = Amplitude(lengthUm, lossDbPerCm);
            for (int k = 0; k < s.WavelengthCount; k++)
            {
                var t = Complex.FromPolarCoordinates(a, Phase(s.WavelengthsNm[k], lengthUm, nEff, nG, lambda0Nm));
                s.Set(k, 1, 0, t);
                s.Set(k, 0, 1, t);
            }
        }
    }
}
