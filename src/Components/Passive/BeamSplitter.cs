namespace PhotonicKit.Components.Passive;

/// <summary>
/// An ideal 2×2 beam splitter between inputs (in0, in1) and outputs (out0, out1):
/// S[out, in] = a·[[t, iκ], [iκ, t]] with κ = √coupling, t = √(1 − coupling), a = 10^(−loss_db/20);
/// the same block for light travelling from the outputs back to the inputs (S = Sᵀ), no reflection.
/// </summary>
/// <remarks>Reciprocal and passive; unitary when <c>loss_db</c> = 0. Port order in0, in1, out0, out1.</remarks>
public sealed class BeamSplitterModel : ComponentModel
{
    private static readonly SettingSpec[] Specs =
    [
        CommonSettings.Coupling(required: false, defaultValue: 0.5),
        CommonSettings.LossDb(),
    ];

    /// <inheritdoc/>
    public override string Name => "beam_splitter";

    /// <inheritdoc/>
    public override string Summary => "wavelength-independent 2×2 beam splitter [[t, iκ], [iκ, t]]";

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts { get; } = ["in0", "in1", "out0", "out1"];

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: true, LosslessWithoutLoss: true);

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        double coupling = settings.Number("coupling");
        double lossDb = settings.Number("loss_db");
        settings.ThrowIfErrors();
        return new FixedCoupler(this, coupling, CommonSettings.AmplitudeFromLossDb(lossDb));
    }
}

/// <summary>
/// A 2×2 multimode-interference coupler: a <see cref="BeamSplitterModel"/> with coupling 0.5,
/// S[out, in] = (a/√2)·[[1, i], [i, 1]], a = 10^(−loss_db/20).
/// </summary>
/// <remarks>Reciprocal and passive; unitary when <c>loss_db</c> = 0. Port order in0, in1, out0, out1.</remarks>
public sealed class Mmi2x2Model : ComponentModel
{
    private static readonly SettingSpec[] Specs = [CommonSettings.LossDb()];

    /// <inheritdoc/>
    public override string Name => "mmi2x2";

    /// <inheritdoc/>
    public override string Summary => "2×2 MMI: a 50:50 beam splitter";

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts { get; } = ["in0", "in1", "out0", "out1"];

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: true, LosslessWithoutLoss: true);

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        double lossDb = settings.Number("loss_db");
        settings.ThrowIfErrors();
        return new FixedCoupler(this, 0.5, CommonSettings.AmplitudeFromLossDb(lossDb));
    }
}

/// <summary>A bound wavelength-independent 2×2 coupler (ports in0, in1, out0, out1).</summary>
internal sealed class FixedCoupler(ComponentModel model, double coupling, double amplitude) : BoundComponent(model, model.FixedPorts!)
{
    protected override void Fill(SMatrixSweep s)
    {
        for (int k = 0; k < s.WavelengthCount; k++)
            CommonSettings.SetCoupler(s, k, coupling, amplitude);
    }
}
