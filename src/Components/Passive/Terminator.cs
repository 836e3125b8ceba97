namespace PhotonicKit.Components.Passive;

/// <summary>
/// A one-port termination (an absorber at a port that is not used): S(o1,o1) = √R, R = reflectivity, a real amplitude.
/// SAX's <c>terminator</c> (flaport/sax, <c>src/sax/models/terminators.py</c>, version 0.17) has the same matrix.
/// </summary>
/// <remarks>Passive for every R in [0, 1] (|S| = √R ≤ 1), reciprocal (a 1 × 1 matrix), lossless only at R = 1. R = 0 is a
/// matched load, as an unconnected port is, without the warning an unconnected port gives.</remarks>
public sealed class TerminatorModel : ComponentModel
{
    private static readonly SettingSpec[] Specs =
    [
        new("reflectivity", SettingKind.Number, "", "power reflectivity R back into the port") { Default = 0, Min = 0, Max = 1 },
    ];

    /// <inheritdoc/>
    public override string Name => "terminator";

    /// <inheritdoc/>
    public override string Summary => "one-port absorber with an optional residual reflection";

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts { get; } = ["o1"];

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: true, LosslessWithoutLoss: false);

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        double reflectivity = settings.Number("reflectivity");
        settings.ThrowIfErrors();
        return new Bound(this, Math.Sqrt(reflectivity));
    }

    private sealed class Bound(TerminatorModel model, double reflection) : BoundComponent(model, model.FixedPorts!)
    {
        protected override void Fill(SMatrixSweep s)
        {
            for (int k = 0; k < s.WavelengthCount; k++) s.Set(k, 0, 0, reflection);
        }
    }
}
