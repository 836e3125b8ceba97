using System.Numerics;

namespace PhotonicKit.Components.Passive;

/// <summary>
/// A pure time delay τ: S(o2,o1) = S(o1,o2) = a·exp(+i 2π c τ/λ) = a·exp(+i ω τ), a = 10^(−loss_db/20).
/// </summary>
/// <remarks>
/// The phase is linear in the angular frequency ω = 2πc/λ, so the group delay +dφ/dω is exactly +τ at
/// every wavelength (netlist-v1 §5 sign convention; a waveguide gives +n_g L/c in the same way).
/// Reciprocal and passive; lossless when <c>loss_db</c> = 0.
/// </remarks>
public sealed class DelayLineModel : ComponentModel
{
    private static readonly SettingSpec[] Specs =
    [
        new("delay_ps", SettingKind.Number, "ps", "time delay τ (group delay +τ)") { Required = true, Min = 0 },
        CommonSettings.LossDb(),
    ];

    /// <inheritdoc/>
    public override string Name => "delay_line";

    /// <inheritdoc/>
    public override string Summary => "dispersion-free time delay: phase ωτ, group delay τ";

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts { get; } = ["o1", "o2"];

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: true, LosslessWithoutLoss: true);

    /// <summary>Phase 2π c τ/λ (rad) of a delay of <paramref name="delayPs"/> at <paramref name="wavelengthNm"/>.</summary>
    public static double Phase(double wavelengthNm, double delayPs) =>
        PhysicalConstants.AngularFrequencyRadPerPs(wavelengthNm) * delayPs;

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        double delayPs = settings.Number("delay_ps");
        double lossDb = settings.Number("loss_db");
        settings.ThrowIfErrors();
        return new Bound(this, delayPs, CommonSettings.AmplitudeFromLossDb(lossDb));
    }

    private sealed class Bound(DelayLineModel model, double delayPs, double amplitude) : BoundComponent(model, model.FixedPorts!)
    {
        protected override void Fill(SMatrixSweep s)
        {
            for (int k = 0; k < s.WavelengthCount; k++)
            {
                var v = Complex.FromPolarCoordinates(amplitude, Phase(s.WavelengthsNm[k], delayPs));
                s.Set(k, 1, 0, v);
                s.Set(k, 0, 1, v);
            }
        }
    }
}
