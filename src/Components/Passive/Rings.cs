using System.Numerics;

namespace PhotonicKit.Components.Passive;

/// <summary>Setting declarations and cancellation-free arithmetic shared by the two ring resonators.</summary>
internal static class RingSettings
{
    /// <summary>1 − a·exp(iφ) without cancellation: (1 − a) + 2a·sin²(φ/2) − i·a·sin φ.</summary>
    public static Complex OneMinusRoundTrip(double oneMinusA, double a, double phaseRad)
    {
        double half = Math.Sin(phaseRad / 2);
        return new Complex(oneMinusA + 2 * a * half * half, -a * Math.Sin(phaseRad));
    }

    /// <summary>1 − a for the amplitude a = 10^(−loss_db_per_cm·L_cm/20) of a ring of length L, accurate when a → 1.</summary>
    public static double OneMinusAmplitude(double lengthUm, double lossDbPerCm) =>
        -AccurateMath.ExpM1(-lossDbPerCm * lengthUm * 1e-4 / 20 * Math.Log(10));

    /// <summary>1 − t = coupling/(1 + t) for t = √(1 − coupling), accurate when the coupling is small.</summary>
    public static double OneMinusSelfCoupling(double coupling) => coupling / (1 + Math.Sqrt(1 - coupling));

    public static SettingSpec LengthUm() =>
        new("length_um", SettingKind.Number, "µm", "ring circumference L") { Required = true, Min = 0, MinExclusive = true };

    public static SettingSpec[] Waveguide() =>
    [
        new("n_eff", SettingKind.Number, "", "effective index of the ring waveguide at wavelength0_nm") { Default = 2.4, Min = 0, MinExclusive = true },
        new("n_g", SettingKind.Number, "", "group index of the ring waveguide") { Default = 4.2, Min = 0, MinExclusive = true },
        new("wavelength0_nm", SettingKind.Number, "nm", "reference wavelength λ0 of n_eff") { DefaultDescription = "file's wavelength", Min = 0, MinExclusive = true },
        new("loss_db_per_cm", SettingKind.Number, "dB/cm", "propagation loss in the ring (power)") { Default = 0, Min = 0 },
    ];
}

/// <summary>
/// An all-pass ring resonator (one bus waveguide), ports in0 and out0, in closed form:
/// S(out0,in0) = S(in0,out0) = (t − w)/(1 − t·w), S(in0,in0) = S(out0,out0) = 0, with t = √(1 − coupling),
/// w = a·exp(+iφ) the round trip, a = 10^(−loss_db_per_cm·L_cm/20), φ = 2π n_eff(λ) L/λ
/// (first-order dispersion as <c>waveguide</c>).
/// </summary>
/// <remarks>
/// <para>Derivation: the primitive construction is a <c>beam_splitter</c> (coupling) whose out1 feeds a
/// <c>waveguide</c> of length L back into its in1, with in0 and out0 external. With b the field entering in1,
/// out1 = iκ + t·b, b = w·out1 and out0 = t + iκ·b, so b = iκw/(1 − tw) and
/// out0 = t − κ²w/(1 − tw) = (t − w)/(1 − tw) (using t² + κ² = 1). By reciprocity of both parts the same holds
/// from out0 to in0, and no light returns to the port it entered.</para>
/// <para>Resonances at φ = 2πm, free spectral range λ²/(n_g L), on-resonance power (t − a)²/(1 − ta)², full
/// width at half depth (1 − ta)λ²/(π n_g L √(ta)) (W. Bogaerts et al., "Silicon microring resonators",
/// Laser Photonics Rev. 6, 47 (2012), with r = t). Reciprocal and passive; all-pass (unitary)
/// when the ring is lossless. With coupling = 0 the ring is disconnected and S(out0,in0) = 1.</para>
/// </remarks>
public sealed class RingAllPassModel : ComponentModel
{
    private static readonly SettingSpec[] Specs =
    [
        RingSettings.LengthUm(),
        CommonSettings.Coupling(required: true, description: "power fraction κ² coupled between bus and ring"),
        .. RingSettings.Waveguide(),
    ];

    /// <inheritdoc/>
    public override string Name => "ring_all_pass";

    /// <inheritdoc/>
    public override string Summary => "all-pass ring resonator (closed form of a beam splitter closed on a waveguide)";

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts { get; } = ["in0", "out0"];

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: true, LosslessWithoutLoss: true);

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        double lengthUm = settings.Number("length_um");
        double coupling = settings.Number("coupling");
        double nEff = settings.Number("n_eff");
        double nG = settings.Number("n_g");
        double lambda0Nm = settings.Number("wavelength0_nm", context.FileWavelengthNm);
        double lossDbPerCm = settings.Number("loss_db_per_cm");
        settings.ThrowIfErrors();
        return new Bound(this, lengthUm, coupling, nEff, nG, lambda0Nm, lossDbPerCm);
    }

    private sealed class Bound(RingAllPassModel model, double lengthUm, double coupling, double nEff, double nG, double lambda0Nm, double lossDbPerCm)
        : BoundComponent(model, model.FixedPorts!)
    {
        protected override void Fill(SMatrixSweep s)
        {
            double t = Math.Sqrt(1 - coupling);
            double oneMinusT = RingSettings.OneMinusSelfCoupling(coupling);
            double a = WaveguideModel.Amplitude(lengthUm, lossDbPerCm);
            double oneMinusA = RingSettings.OneMinusAmplitude(lengthUm, lossDbPerCm);
            for (int k = 0; k < s.WavelengthCount; k++)
            {
                double phi = WaveguideModel.Phase(s.WavelengthsNm[k], lengthUm, nEff, nG, lambda0Nm);
                var w = Complex.FromPolarCoordinates(a, phi);
                var oneMinusW = RingSettings.OneMinusRoundTrip(oneMinusA, a, phi);
                // (t − w)/(1 − tw) written as ((1 − w) − (1 − t))/((1 − w) + (1 − t)w): near a lossless, weakly
                // coupled resonance both parts are small and are formed here without cancellation.
                var denominator = oneMinusW + oneMinusT * w;
                var through = denominator == Complex.Zero ? t : (oneMinusW - oneMinusT) / denominator;
                s.Set(k, 1, 0, through);
                s.Set(k, 0, 1, through);
            }
        }
    }
}

/// <summary>
/// An add-drop ring resonator (two bus waveguides), ports in0, out0, add, drop, in closed form. With
/// t₁ = √(1 − coupling), κ₁ = √coupling, t₂ = √(1 − coupling_drop), κ₂ = √coupling_drop, the half-ring factor
/// h = √a·exp(+iφ/2) and the round trip w = h² = a·exp(+iφ) (a and φ of the full circumference as
/// <c>waveguide</c>):
/// S(out0,in0) = (t₁ − t₂w)/(1 − t₁t₂w), S(drop,add) = (t₂ − t₁w)/(1 − t₁t₂w),
/// S(drop,in0) = S(out0,add) = −κ₁κ₂h/(1 − t₁t₂w), the same entries transposed (S = Sᵀ), all others 0.
/// </summary>
/// <remarks>
/// <para>Derivation: the primitive construction is c1 = beam_splitter(coupling), c2 = beam_splitter(coupling_drop),
/// c1.out1 → waveguide(L/2) → c2.in1, c2.out1 → waveguide(L/2) → c1.in1, with in0 = c1.in0, out0 = c1.out0,
/// add = c2.in0, drop = c2.out0. For light entering in0, with b the field entering c1.in1:
/// c1.out1 = iκ₁ + t₁b, c2.in1 = h·c1.out1, c2.out1 = t₂·c2.in1, b = h·c2.out1, so b = iκ₁t₂w/(1 − t₁t₂w);
/// out0 = t₁ + iκ₁b and drop = iκ₂·c2.in1 give the entries above. Entering add is the same with the two
/// couplers exchanged; light entering out0 or drop runs the ring the other way (reciprocity).</para>
/// <para>Powers: |S(out0,in0)|² = (t₂²a² − 2t₁t₂a cos φ + t₁²)/(1 − 2t₁t₂a cos φ + (t₁t₂a)²),
/// |S(drop,in0)|² = (1 − t₁²)(1 − t₂²)a/(1 − 2t₁t₂a cos φ + (t₁t₂a)²), resonance width
/// (1 − t₁t₂a)λ²/(π n_g L √(t₁t₂a)) (W. Bogaerts et al., Laser Photonics Rev. 6, 47 (2012)).
/// Reciprocal and passive; unitary when the ring is lossless. With both couplings 0 the ring is disconnected
/// (through 1, drop 0).</para>
/// </remarks>
public sealed class RingAddDropModel : ComponentModel
{
    private static readonly SettingSpec[] Specs =
    [
        RingSettings.LengthUm(),
        CommonSettings.Coupling(required: true, description: "power fraction κ₁² coupled between the in0/out0 bus and the ring"),
        new("coupling_drop", SettingKind.Number, "", "power fraction κ₂² coupled between the add/drop bus and the ring") { DefaultDescription = "coupling", Min = 0, Max = 1 },
        .. RingSettings.Waveguide(),
    ];

    /// <inheritdoc/>
    public override string Name => "ring_add_drop";

    /// <inheritdoc/>
    public override string Summary => "add-drop ring resonator (closed form of two beam splitters joined by two half rings)";

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts { get; } = ["in0", "out0", "add", "drop"];

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: true, LosslessWithoutLoss: true);

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        double lengthUm = settings.Number("length_um");
        double coupling = settings.Number("coupling");
        double couplingDrop = settings.Number("coupling_drop", coupling);
        double nEff = settings.Number("n_eff");
        double nG = settings.Number("n_g");
        double lambda0Nm = settings.Number("wavelength0_nm", context.FileWavelengthNm);
        double lossDbPerCm = settings.Number("loss_db_per_cm");
        settings.ThrowIfErrors();
        return new Bound(this, lengthUm, coupling, couplingDrop, nEff, nG, lambda0Nm, lossDbPerCm);
    }

    private sealed class Bound(RingAddDropModel model, double lengthUm, double coupling, double couplingDrop,
        double nEff, double nG, double lambda0Nm, double lossDbPerCm) : BoundComponent(model, model.FixedPorts!)
    {
        private const int In0 = 0, Out0 = 1, Add = 2, Drop = 3;

        protected override void Fill(SMatrixSweep s)
        {
            double t1 = Math.Sqrt(1 - coupling), t2 = Math.Sqrt(1 - couplingDrop);
            double u1 = RingSettings.OneMinusSelfCoupling(coupling), u2 = RingSettings.OneMinusSelfCoupling(couplingDrop);
            double oneMinusT1T2 = u1 + t1 * u2;
            double kappaProduct = Math.Sqrt(coupling) * Math.Sqrt(couplingDrop);
            double a = WaveguideModel.Amplitude(lengthUm, lossDbPerCm);
            double oneMinusA = RingSettings.OneMinusAmplitude(lengthUm, lossDbPerCm);
            double halfAmplitude = WaveguideModel.Amplitude(lengthUm / 2, lossDbPerCm);
            for (int k = 0; k < s.WavelengthCount; k++)
            {
                double phi = WaveguideModel.Phase(s.WavelengthsNm[k], lengthUm, nEff, nG, lambda0Nm);
                var h = Complex.FromPolarCoordinates(halfAmplitude, phi / 2);
                var w = Complex.FromPolarCoordinates(a, phi);
                var oneMinusW = RingSettings.OneMinusRoundTrip(oneMinusA, a, phi);
                // 1 − t₁t₂w = (1 − w) + (1 − t₁t₂)w and t₁ − t₂w = (1 − w) + (1 − t₂)w − (1 − t₁): no cancellation
                // near a lossless, weakly coupled resonance.
                var denominator = oneMinusW + oneMinusT1T2 * w;
                Complex through, throughAdd, drop;
                if (denominator == Complex.Zero)
                {
                    // Only when both couplings vanish and the ring is lossless: a disconnected ring.
                    (through, throughAdd, drop) = (t1, t2, Complex.Zero);
                }
                else
                {
                    through = (oneMinusW + u2 * w - u1) / denominator;
                    throughAdd = (oneMinusW + u1 * w - u2) / denominator;
                    drop = -kappaProduct * h / denominator;
                }
                Symmetric(s, k, Out0, In0, through);
                Symmetric(s, k, Drop, Add, throughAdd);
                Symmetric(s, k, Drop, In0, drop);
                Symmetric(s, k, Out0, Add, drop);
            }
        }

        private static void Symmetric(SMatrixSweep s, int k, int a, int b, Complex value)
        {
            s.Set(k, a, b, value);
            s.Set(k, b, a, value);
        }
    }
}
