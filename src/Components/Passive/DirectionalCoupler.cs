using System.Globalization;

namespace PhotonicKit.Components.Passive;

/// <summary>
/// A directional coupler whose power coupling varies linearly with wavelength:
/// coupling(λ) = coupling + coupling_slope_per_nm·(λ − λ0), and at each λ
/// S[out, in] = a·[[t, iκ], [iκ, t]] with κ = √coupling(λ), t = √(1 − coupling(λ)), a = 10^(−loss_db/20),
/// reciprocal (the same block from outputs back to inputs), no reflection.
/// </summary>
/// <remarks>
/// coupling(λ) outside [0, 1] at an evaluated wavelength throws <see cref="CouplingOutOfRangeException"/>
/// carrying λ (binding happens before the grid is known). Reciprocal and passive; unitary when
/// <c>loss_db</c> = 0. Port order in0, in1, out0, out1.
/// </remarks>
public sealed class DirectionalCouplerModel : ComponentModel
{
    private static readonly SettingSpec[] Specs =
    [
        CommonSettings.Coupling(required: true, description: "power fraction κ² sent to the cross port at wavelength0_nm"),
        new("coupling_slope_per_nm", SettingKind.Number, "1/nm", "d coupling/dλ: coupling(λ) = coupling + slope·(λ − λ0)") { Default = 0 },
        new("wavelength0_nm", SettingKind.Number, "nm", "reference wavelength λ0 of coupling") { DefaultDescription = "file's wavelength", Min = 0, MinExclusive = true },
        CommonSettings.LossDb(),
    ];

    /// <inheritdoc/>
    public override string Name => "directional_coupler";

    /// <inheritdoc/>
    public override string Summary => "2×2 coupler with coupling linear in wavelength";

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
        double slopePerNm = settings.Number("coupling_slope_per_nm");
        double lambda0Nm = settings.Number("wavelength0_nm", context.FileWavelengthNm);
        double lossDb = settings.Number("loss_db");
        settings.ThrowIfErrors();
        return new BoundDirectionalCoupler(this, coupling, slopePerNm, lambda0Nm, CommonSettings.AmplitudeFromLossDb(lossDb));
    }
}

/// <summary>A bound <c>directional_coupler</c>: exposes coupling(λ) and the wavelengths where it is valid.</summary>
public sealed class BoundDirectionalCoupler : BoundComponent
{
    private readonly double _amplitude;

    internal BoundDirectionalCoupler(DirectionalCouplerModel model, double coupling, double slopePerNm, double wavelength0Nm, double amplitude)
        : base(model, model.FixedPorts!)
    {
        CouplingAtWavelength0 = coupling;
        CouplingSlopePerNm = slopePerNm;
        Wavelength0Nm = wavelength0Nm;
        _amplitude = amplitude;
    }

    /// <summary>The <c>coupling</c> setting: the coupling at <see cref="Wavelength0Nm"/>.</summary>
    public double CouplingAtWavelength0 { get; }

    /// <summary>The <c>coupling_slope_per_nm</c> setting.</summary>
    public double CouplingSlopePerNm { get; }

    /// <summary>The reference wavelength λ0 (nm).</summary>
    public double Wavelength0Nm { get; }

    /// <summary>coupling(λ) = coupling + coupling_slope_per_nm·(λ − λ0), not range-checked.</summary>
    public double CouplingAt(double wavelengthNm) => CouplingAtWavelength0 + CouplingSlopePerNm * (wavelengthNm - Wavelength0Nm);

    /// <summary>
    /// The closed wavelength interval (nm) on which coupling(λ) ∈ [0, 1]; unbounded (±∞) when the slope is 0.
    /// Lets a caller check a grid before computing anything.
    /// </summary>
    public (double MinNm, double MaxNm) ValidWavelengthRangeNm
    {
        get
        {
            if (CouplingSlopePerNm == 0) return (double.NegativeInfinity, double.PositiveInfinity);
            double atZero = Wavelength0Nm + (0 - CouplingAtWavelength0) / CouplingSlopePerNm;
            double atOne = Wavelength0Nm + (1 - CouplingAtWavelength0) / CouplingSlopePerNm;
            return (Math.Min(atZero, atOne), Math.Max(atZero, atOne));
        }
    }

    /// <summary>Writes S; throws <see cref="CouplingOutOfRangeException"/> at the first λ where coupling(λ) ∉ [0, 1].</summary>
    protected override void Fill(SMatrixSweep s)
    {
        for (int k = 0; k < s.WavelengthCount; k++)
        {
            double lambdaNm = s.WavelengthsNm[k];
            double coupling = CouplingAt(lambdaNm);
            if (!(coupling >= 0 && coupling <= 1))
            {
                var c = CultureInfo.InvariantCulture;
                throw new CouplingOutOfRangeException(lambdaNm, coupling,
                    $"coupling(λ) = coupling + coupling_slope_per_nm·(λ − wavelength0_nm) with coupling = {CouplingAtWavelength0.ToString("R", c)}, " +
                    $"coupling_slope_per_nm = {CouplingSlopePerNm.ToString("R", c)}, wavelength0_nm = {Wavelength0Nm.ToString("R", c)}; " +
                    $"valid for λ in [{ValidWavelengthRangeNm.MinNm.ToString("R", c)}, {ValidWavelengthRangeNm.MaxNm.ToString("R", c)}] nm");
            }
            CommonSettings.SetCoupler(s, k, coupling, _amplitude);
        }
    }
}
