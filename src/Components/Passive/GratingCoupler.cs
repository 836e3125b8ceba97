using System.Globalization;
using System.Numerics;

namespace PhotonicKit.Components.Passive;

/// <summary>
/// A fibre grating coupler with a Gaussian passband:
/// S(fiber,wg) = S(wg,fiber) = √(η_peak·exp(−4 ln2 (λ − λ_c)²/Δλ²)) (real amplitude, Δλ the 3 dB bandwidth)
/// and back-reflections S(wg,wg) = S(fiber,fiber) = i·10^(back_reflection_db/20).
/// </summary>
/// <remarks>
/// S = i r·I + T·σx is normal with singular values |i r ± T| = √(r² + T²), so it is passive exactly when
/// η_peak + 10^(back_reflection_db/10) ≤ 1 (checked at binding). Reciprocal and passive; not lossless in
/// general (unitary only at λ_c when the inequality is an equality).
/// </remarks>
public sealed class GratingCouplerModel : ComponentModel
{
    private static readonly SettingSpec[] Specs =
    [
        new("peak_efficiency", SettingKind.Number, "", "power coupling η_peak at center_nm") { Default = 0.6, Min = 0, Max = 1 },
        new("center_nm", SettingKind.Number, "nm", "centre wavelength λ_c of the passband") { DefaultDescription = "file's wavelength", Min = 0, MinExclusive = true },
        new("bandwidth_3db_nm", SettingKind.Number, "nm", "full width Δλ of the passband at half power") { Default = 40, Min = 0, MinExclusive = true },
        new("back_reflection_db", SettingKind.Number, "dB", "power reflection r² = 10^(back_reflection_db/10) at both ports") { Default = -30, Max = 0 },
    ];

    /// <inheritdoc/>
    public override string Name => "grating_coupler";

    /// <inheritdoc/>
    public override string Summary => "fibre grating coupler with a Gaussian passband and back-reflection";

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts { get; } = ["wg", "fiber"];

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: true, LosslessWithoutLoss: false);

    /// <summary>Power transmission η_peak·exp(−4 ln2 (λ − λ_c)²/Δλ²) of a Gaussian passband.</summary>
    public static double PowerTransmission(double wavelengthNm, double peakEfficiency, double centerNm, double bandwidth3dbNm)
    {
        double detuning = (wavelengthNm - centerNm) / bandwidth3dbNm;
        return peakEfficiency * Math.Exp(-4 * Math.Log(2) * detuning * detuning);
    }

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        double peak = settings.Number("peak_efficiency");
        double centerNm = settings.Number("center_nm", context.FileWavelengthNm);
        double bandwidthNm = settings.Number("bandwidth_3db_nm");
        double backDb = settings.Number("back_reflection_db");
        double reflectedPower = Math.Pow(10, backDb / 10);
        if (settings.Errors.Count == 0 && peak + reflectedPower > 1)
        {
            var c = CultureInfo.InvariantCulture;
            settings.AddError("peak_efficiency and back_reflection_db",
                $"peak_efficiency {peak.ToString("R", c)} + 10^(back_reflection_db/10) = {reflectedPower.ToString("R", c)} " +
                $"(back_reflection_db {backDb.ToString("R", c)}) sums to {(peak + reflectedPower).ToString("R", c)}, more than 1: " +
                "expected peak_efficiency + 10^(back_reflection_db/10) ≤ 1 (a passive coupler)");
        }
        settings.ThrowIfErrors();
        return new Bound(this, peak, centerNm, bandwidthNm, new Complex(0, Math.Pow(10, backDb / 20)));
    }

    private sealed class Bound(GratingCouplerModel model, double peak, double centerNm, double bandwidthNm, Complex reflection)
        : BoundComponent(model, model.FixedPorts!)
    {
        protected override void Fill(SMatrixSweep s)
        {
            for (int k = 0; k < s.WavelengthCount; k++)
            {
                double t = Math.Sqrt(PowerTransmission(s.WavelengthsNm[k], peak, centerNm, bandwidthNm));
                s.Set(k, 1, 0, t);
                s.Set(k, 0, 1, t);
                s.Set(k, 0, 0, reflection);
                s.Set(k, 1, 1, reflection);
            }
        }
    }
}
