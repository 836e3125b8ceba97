using System.Numerics;

namespace PhotonicKit.Components.Passive;

/// <summary>
/// A partially reflecting mirror between o1 and o2:
/// S = a·[[√R, i√(1−R)], [i√(1−R), √R]] (rows/columns o1, o2), R = reflectivity, a = 10^(−loss_db/20).
/// </summary>
/// <remarks>Reciprocal and passive; unitary when <c>loss_db</c> = 0 (the beam-splitter form with reflection
/// on the diagonal).</remarks>
public sealed class MirrorModel : ComponentModel
{
    private static readonly SettingSpec[] Specs =
    [
        new("reflectivity", SettingKind.Number, "", "power reflectivity R") { Required = true, Min = 0, Max = 1 },
        CommonSettings.LossDb(),
    ];

    /// <inheritdoc/>
    public override string Name => "mirror";

    /// <inheritdoc/>
    public override string Summary => "partially reflecting mirror";

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts { get; } = ["o1", "o2"];

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: true, LosslessWithoutLoss: true);

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        double reflectivity = settings.Number("reflectivity");
        double lossDb = settings.Number("loss_db");
        settings.ThrowIfErrors();
        double a = CommonSettings.AmplitudeFromLossDb(lossDb);
        return new Bound(this, a * Math.Sqrt(reflectivity), new Complex(0, a * Math.Sqrt(1 - reflectivity)));
    }

    private sealed class Bound(MirrorModel model, double reflection, Complex transmission) : BoundComponent(model, model.FixedPorts!)
    {
        protected override void Fill(SMatrixSweep s)
        {
            for (int k = 0; k < s.WavelengthCount; k++)
            {
                s.Set(k, 0, 0, reflection);
                s.Set(k, 1, 1, reflection);
                s.Set(k, 1, 0, transmission);
                s.Set(k, 0, 1, transmission);
            }
        }
    }
}
