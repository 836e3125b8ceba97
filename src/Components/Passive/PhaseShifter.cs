using System.Numerics;

namespace PhotonicKit.Components.Passive;

/// <summary>
/// A wavelength-independent phase shift: S(o2,o1) = S(o1,o2) = a·exp(+iφ), a = 10^(−loss_db/20).
/// Reciprocal and passive; lossless when <c>loss_db</c> = 0. No group delay (the phase does not depend on ω).
/// </summary>
public sealed class PhaseShifterModel : ComponentModel
{
    private static readonly SettingSpec[] Specs =
    [
        new("phase_rad", SettingKind.Number, "rad", "phase φ added in transmission") { Required = true },
        CommonSettings.LossDb(),
    ];

    /// <inheritdoc/>
    public override string Name => "phase_shifter";

    /// <inheritdoc/>
    public override string Summary => "wavelength-independent phase shift";

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts { get; } = ["o1", "o2"];

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: true, LosslessWithoutLoss: true);

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        double phaseRad = settings.Number("phase_rad");
        double lossDb = settings.Number("loss_db");
        settings.ThrowIfErrors();
        return new Bound(this, Complex.FromPolarCoordinates(CommonSettings.AmplitudeFromLossDb(lossDb), phaseRad));
    }

    private sealed class Bound(PhaseShifterModel model, Complex transmission) : BoundComponent(model, model.FixedPorts!)
    {
        protected override void Fill(SMatrixSweep s)
        {
            for (int k = 0; k < s.WavelengthCount; k++)
            {
                s.Set(k, 1, 0, transmission);
                s.Set(k, 0, 1, transmission);
            }
        }
    }
}
