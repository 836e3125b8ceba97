using System.Numerics;

namespace PhotonicKit.Components.Passive;

/// <summary>
/// A waveguide crossing with ports o1, o2, o3, o4 around it (o1↔o3 and o2↔o4 straight through):
/// with x = 10^(crosstalk_db/10) and a = 10^(−loss_db/20), the through amplitude is a·√(1 − 4x) and each of
/// the two neighbouring ports receives i·a·√x; no reflection; S = Sᵀ.
/// </summary>
/// <remarks>
/// S is circulant in the port order o1, o2, o3, o4, with eigenvalues a(√(1−4x) ± 2i√x) (modulus a) and
/// −a√(1−4x) (twice), so its singular values are a, a, a√(1−4x), a√(1−4x): passive exactly when
/// x ≤ 1/4, i.e. crosstalk_db ≤ 10·log10(1/4) ≈ −6.02 dB (larger values are rejected). The power 2x·a² that
/// leaves neither through nor to a neighbour is lost, so the crossing is unitary only without crosstalk and
/// loss; <see cref="ComponentTraits.LosslessWithoutLoss"/> is therefore false. Reciprocal and passive.
/// </remarks>
public sealed class CrossingModel : ComponentModel
{
    /// <summary>Largest crosstalk (dB) that keeps the crossing passive: 10·log10(1/4).</summary>
    public static readonly double MaxCrosstalkDb = 10 * Math.Log10(0.25);

    private static readonly SettingSpec[] Specs =
    [
        CommonSettings.LossDb(),
        new("crosstalk_db", SettingKind.Number, "dB", "power x = 10^(crosstalk_db/10) sent to each neighbouring port; x ≤ 1/4 keeps the through amplitude √(1 − 4x) real and the crossing passive")
            { Default = -40, Max = MaxCrosstalkDb },
    ];

    /// <inheritdoc/>
    public override string Name => "crossing";

    /// <inheritdoc/>
    public override string Summary => "waveguide crossing with symmetric crosstalk to the neighbouring ports";

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts { get; } = ["o1", "o2", "o3", "o4"];

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: true, LosslessWithoutLoss: false);

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        double lossDb = settings.Number("loss_db");
        double crosstalkDb = settings.Number("crosstalk_db");
        settings.ThrowIfErrors();
        double a = CommonSettings.AmplitudeFromLossDb(lossDb);
        double x = Math.Pow(10, crosstalkDb / 10);
        // Clamp the rounding of 10^(MaxCrosstalkDb/10) just above 1/4.
        double through = a * Math.Sqrt(Math.Max(0, 1 - 4 * x));
        return new Bound(this, through, new Complex(0, a * Math.Sqrt(x)));
    }

    private sealed class Bound(CrossingModel model, double through, Complex neighbour) : BoundComponent(model, model.FixedPorts!)
    {
        protected override void Fill(SMatrixSweep s)
        {
            for (int k = 0; k < s.WavelengthCount; k++)
                for (int p = 0; p < 4; p++)
                {
                    s.Set(k, (p + 2) % 4, p, through);
                    s.Set(k, (p + 1) % 4, p, neighbour);
                    s.Set(k, (p + 3) % 4, p, neighbour);
                }
        }
    }
}
