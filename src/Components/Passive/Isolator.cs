namespace PhotonicKit.Components.Passive;

/// <summary>
/// An optical isolator, non-reciprocal: S(o2,o1) = 10^(−insertion_loss_db/20) forward and S(o1,o2) = 10^(−isolation_db/20)
/// backward, no reflection. SAX's <c>isolator</c> (flaport/sax, <c>src/sax/models/isolators.py</c>, version 0.17) has the same
/// matrix.
/// </summary>
/// <remarks>The singular values of S are the two amplitudes, so it is passive for every setting (both losses ≥ 0); not
/// reciprocal; unitary only when both are 0 dB (then it is a plain connection). Port order o1, o2.</remarks>
public sealed class IsolatorModel : ComponentModel
{
    private static readonly SettingSpec[] Specs =
    [
        new("insertion_loss_db", SettingKind.Number, "dB", "power loss from o1 to o2") { Default = 0, Min = 0 },
        new("isolation_db", SettingKind.Number, "dB", "power loss from o2 back to o1") { Default = 40, Min = 0 },
    ];

    /// <inheritdoc/>
    public override string Name => "isolator";

    /// <inheritdoc/>
    public override string Summary => "non-reciprocal two-port: o1 → o2 passes, o2 → o1 is isolated";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts { get; } = ["o1", "o2"];

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: false, LosslessWithoutLoss: false);

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        double forward = CommonSettings.AmplitudeFromLossDb(settings.Number("insertion_loss_db"));
        double backward = CommonSettings.AmplitudeFromLossDb(settings.Number("isolation_db"));
        settings.ThrowIfErrors();
        return new Bound(this, forward, backward);
    }

    private sealed class Bound(IsolatorModel model, double forward, double backward) : BoundComponent(model, model.FixedPorts!)
    {
        protected override void Fill(SMatrixSweep s)
        {
            for (int k = 0; k < s.WavelengthCount; k++)
            {
                s.Set(k, 1, 0, forward);
                s.Set(k, 0, 1, backward);
            }
        }
    }
}
