namespace PhotonicKit.Components.Passive;

/// <summary>
/// A 1×2 multimode-interference splitter: S(out0,in0) = S(out1,in0) = a/√2, a = 10^(−loss_db/20), and the
/// same from each output back to in0 (S = Sᵀ); no reflection, no coupling between out0 and out1.
/// </summary>
/// <remarks>
/// Light entering the outputs in the antisymmetric combination (out0 − out1)/√2 is radiated, so the matrix
/// is never unitary (singular values a, a, 0); reciprocal and passive. Port order in0, out0, out1.
/// </remarks>
public sealed class Mmi1x2Model : ComponentModel
{
    private static readonly SettingSpec[] Specs = [CommonSettings.LossDb()];

    /// <inheritdoc/>
    public override string Name => "mmi1x2";

    /// <inheritdoc/>
    public override string Summary => "1×2 MMI splitter: equal in-phase split, antisymmetric input radiated";

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts { get; } = ["in0", "out0", "out1"];

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: true, LosslessWithoutLoss: false);

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        double lossDb = settings.Number("loss_db");
        settings.ThrowIfErrors();
        return new Bound(this, CommonSettings.AmplitudeFromLossDb(lossDb) / Math.Sqrt(2));
    }

    private sealed class Bound(Mmi1x2Model model, double split) : BoundComponent(model, model.FixedPorts!)
    {
        protected override void Fill(SMatrixSweep s)
        {
            for (int k = 0; k < s.WavelengthCount; k++)
                for (int output = 1; output <= 2; output++)
                {
                    s.Set(k, output, 0, split);
                    s.Set(k, 0, output, split);
                }
        }
    }
}
