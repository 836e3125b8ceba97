using System.Numerics;

namespace PhotonicKit.Components.Passive;

/// <summary>
/// A directional coupler described by its coupled-mode phase θ(λ), dispersive to second order (SAX's <c>coupler</c>,
/// flaport/sax <c>src/sax/models/couplers.py</c>, version 0.17):
/// with Δλ = λ − λ0 in µm,
/// Δn(λ) = delta_n + delta_n_slope_per_um·Δλ + ½·delta_n_curvature_per_um2·Δλ²,
/// κ0(λ) = phase0_rad + phase_slope_per_um·Δλ + ½·phase_curvature_per_um2·Δλ²,
/// θ(λ) = κ0(λ) + π·Δn(λ)·L/λ (L = length_um, λ in µm), and
/// S[out, in] = a·[[cos θ, −i sin θ], [−i sin θ, cos θ]], a = 10^(−loss_db/20), reciprocal, no reflection.
/// </summary>
/// <remarks>
/// θ is the accumulated coupling phase of the even and odd supermodes' beating: κ0 the coupling picked up in the bends
/// before and after the straight section, πΔn L/λ the beating over it (Δn the supermodes' index difference). The power
/// sent across is sin²θ, so the coupler is unitary at every θ when <c>loss_db</c> = 0 and passive for every setting:
/// cos and sin of a real θ never exceed 1, and no finite setting can make it non-passive. Port order in0, in1, out0,
/// out1.
/// </remarks>
public sealed class DispersiveCouplerModel : ComponentModel
{
    private static readonly SettingSpec[] Specs =
    [
        new("length_um", SettingKind.Number, "µm", "length L of the straight coupling section") { Default = 0, Min = 0 },
        new("wavelength0_nm", SettingKind.Number, "nm", "reference wavelength λ0 of the expansions") { DefaultDescription = "file's wavelength", Min = 0, MinExclusive = true },
        new("phase0_rad", SettingKind.Number, "rad", "coupling phase κ0 at λ0 outside the straight section (bends)") { Default = 0 },
        new("phase_slope_per_um", SettingKind.Number, "rad/µm", "dκ0/dλ") { Default = 0 },
        new("phase_curvature_per_um2", SettingKind.Number, "rad/µm²", "d²κ0/dλ²") { Default = 0 },
        new("delta_n", SettingKind.Number, "", "index difference Δn of the even and odd supermodes at λ0") { Default = 0 },
        new("delta_n_slope_per_um", SettingKind.Number, "1/µm", "dΔn/dλ") { Default = 0 },
        new("delta_n_curvature_per_um2", SettingKind.Number, "1/µm²", "d²Δn/dλ²") { Default = 0 },
        CommonSettings.LossDb(),
    ];

    /// <inheritdoc/>
    public override string Name => "dispersive_coupler";

    /// <inheritdoc/>
    public override string Summary => "2×2 coupler from its coupled-mode phase θ(λ), dispersive to second order (SAX's coupler)";

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts { get; } = ["in0", "in1", "out0", "out1"];

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: true, LosslessWithoutLoss: true);

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        var p = new DispersiveCouplerPhase(
            settings.Number("length_um"),
            settings.Number("wavelength0_nm", context.FileWavelengthNm),
            settings.Number("phase0_rad"),
            settings.Number("phase_slope_per_um"),
            settings.Number("phase_curvature_per_um2"),
            settings.Number("delta_n"),
            settings.Number("delta_n_slope_per_um"),
            settings.Number("delta_n_curvature_per_um2"));
        double lossDb = settings.Number("loss_db");
        settings.ThrowIfErrors();
        return new Bound(this, p, CommonSettings.AmplitudeFromLossDb(lossDb));
    }

    private sealed class Bound(DispersiveCouplerModel model, DispersiveCouplerPhase phase, double amplitude) : BoundComponent(model, model.FixedPorts!)
    {
        protected override void Fill(SMatrixSweep s)
        {
            for (int k = 0; k < s.WavelengthCount; k++)
            {
                double theta = phase.ThetaRad(s.WavelengthsNm[k]);
                var through = new Complex(amplitude * Math.Cos(theta), 0);
                var cross = new Complex(0, -amplitude * Math.Sin(theta));
                for (int input = 0; input < 2; input++)
                    for (int output = 0; output < 2; output++)
                    {
                        var v = input == output ? through : cross;
                        s.Set(k, 2 + output, input, v);
                        s.Set(k, input, 2 + output, v);
                    }
            }
        }
    }
}

/// <summary>The coupled-mode phase θ(λ) of a <see cref="DispersiveCouplerModel"/> (its settings, lengths in µm).</summary>
/// <param name="LengthUm">L, µm.</param>
/// <param name="Wavelength0Nm">λ0, nm.</param>
/// <param name="Phase0Rad">κ0 at λ0.</param>
/// <param name="PhaseSlopePerUm">dκ0/dλ, rad/µm.</param>
/// <param name="PhaseCurvaturePerUm2">d²κ0/dλ², rad/µm².</param>
/// <param name="DeltaN">Δn at λ0.</param>
/// <param name="DeltaNSlopePerUm">dΔn/dλ, 1/µm.</param>
/// <param name="DeltaNCurvaturePerUm2">d²Δn/dλ², 1/µm².</param>
public readonly record struct DispersiveCouplerPhase(double LengthUm, double Wavelength0Nm, double Phase0Rad, double PhaseSlopePerUm,
    double PhaseCurvaturePerUm2, double DeltaN, double DeltaNSlopePerUm, double DeltaNCurvaturePerUm2)
{
    /// <summary>θ(λ) = κ0(λ) + π·Δn(λ)·L/λ with both expansions in Δλ = λ − λ0 (µm); SAX's coupler's formula.</summary>
    /// <param name="wavelengthNm">λ, nm.</param>
    public double ThetaRad(double wavelengthNm)
    {
        double wavelengthUm = wavelengthNm * 1e-3;
        double dl = wavelengthUm - Wavelength0Nm * 1e-3;
        double deltaN = DeltaN + DeltaNSlopePerUm * dl + 0.5 * DeltaNCurvaturePerUm2 * dl * dl;
        double kappa0 = Phase0Rad + PhaseSlopePerUm * dl + 0.5 * PhaseCurvaturePerUm2 * dl * dl;
        return kappa0 + Math.PI * deltaN / wavelengthUm * LengthUm;
    }
}
