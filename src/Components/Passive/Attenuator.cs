namespace PhotonicKit.Components.Passive;

/// <summary>
/// A neutral attenuator: S(o2,o1) = S(o1,o2) = a = 10^(−loss_db/20), no phase, no reflection.
/// Reciprocal and passive; lossless (the identity transmission) when <c>loss_db</c> = 0.
/// </summary>
public sealed class AttenuatorModel : ComponentModel
{
    private static readonly SettingSpec[] Specs =
    [
        new("loss_db", SettingKind.Number, "dB", "power loss; S(o2,o1) = 10^(−loss_db/20)") { Required = true, Min = 0 },
    ];

    /// <inheritdoc/>
    public override string Name => "attenuator";

    /// <inheritdoc/>
    public override string Summary => "neutral power attenuation without phase";

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts { get; } = ["o1", "o2"];

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: true, LosslessWithoutLoss: true);

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        double lossDb = settings.Number("loss_db");
        settings.ThrowIfErrors();
        return new Bound(this, CommonSettings.AmplitudeFromLossDb(lossDb));
    }

    private sealed class Bound(AttenuatorModel model, double amplitude) : BoundComponent(model, model.FixedPorts!)
    {
        protected override void Fill(SMatrixSweep s)
        {
            for (int k = 0; k < s.WavelengthCount; k++)
            {
                s.Set(k, 1, 0, amplitude);
                s.Set(k, 0, 1, amplitude);
            }
        }
    }
}
