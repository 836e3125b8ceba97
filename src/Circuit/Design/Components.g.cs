// Generated from ComponentRegistry.BuiltIn by tests/PhotonicKit.Tests/Design/TypedComponentsGenerator.cs: do not edit.
// After changing a component or its settings, run the tests with PHOTONICKIT_UPDATE_GENERATED=1 and commit this file.
#nullable enable
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Design;

/// <summary>The settings of the built-in component <c>waveguide</c>: straight waveguide with first-order dispersion and propagation loss. Ports: o1, o2.</summary>
public sealed record Waveguide : ComponentSettings
{
    private static readonly string[] FixedPorts = ["o1", "o2"];

    /// <inheritdoc/>
    public override string ComponentName => "waveguide";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Physical length L (<c>length_um</c>, in µm; required; range ≥ 0).</summary>
    public double? LengthUm { get; init; }

    /// <summary>Effective index at wavelength0_nm (<c>n_eff</c>; default 2.4; range &gt; 0).</summary>
    public double? NEff { get; init; }

    /// <summary>Group index (<c>n_g</c>; default 4.2; range &gt; 0).</summary>
    public double? NG { get; init; }

    /// <summary>Reference wavelength λ0 of n_eff (<c>wavelength0_nm</c>, in nm; default: file's wavelength; range &gt; 0).</summary>
    public double? Wavelength0Nm { get; init; }

    /// <summary>Propagation loss (power) (<c>loss_db_per_cm</c>, in dB/cm; default 0; range ≥ 0).</summary>
    public double? LossDbPerCm { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (LengthUm is { } @lengthUm) settings.Add(new("length_um", new SettingValue.Number(@lengthUm)));
        if (NEff is { } @nEff) settings.Add(new("n_eff", new SettingValue.Number(@nEff)));
        if (NG is { } @nG) settings.Add(new("n_g", new SettingValue.Number(@nG)));
        if (Wavelength0Nm is { } @wavelength0Nm) settings.Add(new("wavelength0_nm", new SettingValue.Number(@wavelength0Nm)));
        if (LossDbPerCm is { } @lossDbPerCm) settings.Add(new("loss_db_per_cm", new SettingValue.Number(@lossDbPerCm)));
    }
}

/// <summary>The settings of the built-in component <c>delay_line</c>: dispersion-free time delay: phase ωτ, group delay τ. Ports: o1, o2.</summary>
public sealed record DelayLine : ComponentSettings
{
    private static readonly string[] FixedPorts = ["o1", "o2"];

    /// <inheritdoc/>
    public override string ComponentName => "delay_line";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Time delay τ (group delay +τ) (<c>delay_ps</c>, in ps; required; range ≥ 0).</summary>
    public double? DelayPs { get; init; }

    /// <summary>Insertion loss (power); every entry of S is multiplied by 10^(−loss_db/20) (<c>loss_db</c>, in dB; default 0; range ≥ 0).</summary>
    public double? LossDb { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (DelayPs is { } @delayPs) settings.Add(new("delay_ps", new SettingValue.Number(@delayPs)));
        if (LossDb is { } @lossDb) settings.Add(new("loss_db", new SettingValue.Number(@lossDb)));
    }
}

/// <summary>The settings of the built-in component <c>phase_shifter</c>: wavelength-independent phase shift. Ports: o1, o2.</summary>
public sealed record PhaseShifter : ComponentSettings
{
    private static readonly string[] FixedPorts = ["o1", "o2"];

    /// <inheritdoc/>
    public override string ComponentName => "phase_shifter";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Phase φ added in transmission (<c>phase_rad</c>, in rad; required).</summary>
    public double? PhaseRad { get; init; }

    /// <summary>Insertion loss (power); every entry of S is multiplied by 10^(−loss_db/20) (<c>loss_db</c>, in dB; default 0; range ≥ 0).</summary>
    public double? LossDb { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (PhaseRad is { } @phaseRad) settings.Add(new("phase_rad", new SettingValue.Number(@phaseRad)));
        if (LossDb is { } @lossDb) settings.Add(new("loss_db", new SettingValue.Number(@lossDb)));
    }
}

/// <summary>The settings of the built-in component <c>attenuator</c>: neutral power attenuation without phase. Ports: o1, o2.</summary>
public sealed record Attenuator : ComponentSettings
{
    private static readonly string[] FixedPorts = ["o1", "o2"];

    /// <inheritdoc/>
    public override string ComponentName => "attenuator";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Power loss; S(o2,o1) = 10^(−loss_db/20) (<c>loss_db</c>, in dB; required; range ≥ 0).</summary>
    public double? LossDb { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (LossDb is { } @lossDb) settings.Add(new("loss_db", new SettingValue.Number(@lossDb)));
    }
}

/// <summary>The settings of the built-in component <c>beam_splitter</c>: wavelength-independent 2×2 beam splitter [[t, iκ], [iκ, t]]. Ports: in0, in1, out0, out1.</summary>
public sealed record BeamSplitter : ComponentSettings
{
    private static readonly string[] FixedPorts = ["in0", "in1", "out0", "out1"];

    /// <inheritdoc/>
    public override string ComponentName => "beam_splitter";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Power fraction κ² sent to the cross port (<c>coupling</c>; default 0.5; range [0, 1]).</summary>
    public double? Coupling { get; init; }

    /// <summary>Insertion loss (power); every entry of S is multiplied by 10^(−loss_db/20) (<c>loss_db</c>, in dB; default 0; range ≥ 0).</summary>
    public double? LossDb { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (Coupling is { } @coupling) settings.Add(new("coupling", new SettingValue.Number(@coupling)));
        if (LossDb is { } @lossDb) settings.Add(new("loss_db", new SettingValue.Number(@lossDb)));
    }
}

/// <summary>The settings of the built-in component <c>directional_coupler</c>: 2×2 coupler with coupling linear in wavelength. Ports: in0, in1, out0, out1.</summary>
public sealed record DirectionalCoupler : ComponentSettings
{
    private static readonly string[] FixedPorts = ["in0", "in1", "out0", "out1"];

    /// <inheritdoc/>
    public override string ComponentName => "directional_coupler";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Power fraction κ² sent to the cross port at wavelength0_nm (<c>coupling</c>; required; range [0, 1]).</summary>
    public double? Coupling { get; init; }

    /// <summary>d coupling/dλ: coupling(λ) = coupling + slope·(λ − λ0) (<c>coupling_slope_per_nm</c>, in 1/nm; default 0).</summary>
    public double? CouplingSlopePerNm { get; init; }

    /// <summary>Reference wavelength λ0 of coupling (<c>wavelength0_nm</c>, in nm; default: file's wavelength; range &gt; 0).</summary>
    public double? Wavelength0Nm { get; init; }

    /// <summary>Insertion loss (power); every entry of S is multiplied by 10^(−loss_db/20) (<c>loss_db</c>, in dB; default 0; range ≥ 0).</summary>
    public double? LossDb { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (Coupling is { } @coupling) settings.Add(new("coupling", new SettingValue.Number(@coupling)));
        if (CouplingSlopePerNm is { } @couplingSlopePerNm) settings.Add(new("coupling_slope_per_nm", new SettingValue.Number(@couplingSlopePerNm)));
        if (Wavelength0Nm is { } @wavelength0Nm) settings.Add(new("wavelength0_nm", new SettingValue.Number(@wavelength0Nm)));
        if (LossDb is { } @lossDb) settings.Add(new("loss_db", new SettingValue.Number(@lossDb)));
    }
}

/// <summary>The settings of the built-in component <c>dispersive_coupler</c>: 2×2 coupler from its coupled-mode phase θ(λ), dispersive to second order (SAX's coupler). Ports: in0, in1, out0, out1.</summary>
public sealed record DispersiveCoupler : ComponentSettings
{
    private static readonly string[] FixedPorts = ["in0", "in1", "out0", "out1"];

    /// <inheritdoc/>
    public override string ComponentName => "dispersive_coupler";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Length L of the straight coupling section (<c>length_um</c>, in µm; default 0; range ≥ 0).</summary>
    public double? LengthUm { get; init; }

    /// <summary>Reference wavelength λ0 of the expansions (<c>wavelength0_nm</c>, in nm; default: file's wavelength; range &gt; 0).</summary>
    public double? Wavelength0Nm { get; init; }

    /// <summary>Coupling phase κ0 at λ0 outside the straight section (bends) (<c>phase0_rad</c>, in rad; default 0).</summary>
    public double? Phase0Rad { get; init; }

    /// <summary>dκ0/dλ (<c>phase_slope_per_um</c>, in rad/µm; default 0).</summary>
    public double? PhaseSlopePerUm { get; init; }

    /// <summary>d²κ0/dλ² (<c>phase_curvature_per_um2</c>, in rad/µm²; default 0).</summary>
    public double? PhaseCurvaturePerUm2 { get; init; }

    /// <summary>Index difference Δn of the even and odd supermodes at λ0 (<c>delta_n</c>; default 0).</summary>
    public double? DeltaN { get; init; }

    /// <summary>dΔn/dλ (<c>delta_n_slope_per_um</c>, in 1/µm; default 0).</summary>
    public double? DeltaNSlopePerUm { get; init; }

    /// <summary>d²Δn/dλ² (<c>delta_n_curvature_per_um2</c>, in 1/µm²; default 0).</summary>
    public double? DeltaNCurvaturePerUm2 { get; init; }

    /// <summary>Insertion loss (power); every entry of S is multiplied by 10^(−loss_db/20) (<c>loss_db</c>, in dB; default 0; range ≥ 0).</summary>
    public double? LossDb { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (LengthUm is { } @lengthUm) settings.Add(new("length_um", new SettingValue.Number(@lengthUm)));
        if (Wavelength0Nm is { } @wavelength0Nm) settings.Add(new("wavelength0_nm", new SettingValue.Number(@wavelength0Nm)));
        if (Phase0Rad is { } @phase0Rad) settings.Add(new("phase0_rad", new SettingValue.Number(@phase0Rad)));
        if (PhaseSlopePerUm is { } @phaseSlopePerUm) settings.Add(new("phase_slope_per_um", new SettingValue.Number(@phaseSlopePerUm)));
        if (PhaseCurvaturePerUm2 is { } @phaseCurvaturePerUm2) settings.Add(new("phase_curvature_per_um2", new SettingValue.Number(@phaseCurvaturePerUm2)));
        if (DeltaN is { } @deltaN) settings.Add(new("delta_n", new SettingValue.Number(@deltaN)));
        if (DeltaNSlopePerUm is { } @deltaNSlopePerUm) settings.Add(new("delta_n_slope_per_um", new SettingValue.Number(@deltaNSlopePerUm)));
        if (DeltaNCurvaturePerUm2 is { } @deltaNCurvaturePerUm2) settings.Add(new("delta_n_curvature_per_um2", new SettingValue.Number(@deltaNCurvaturePerUm2)));
        if (LossDb is { } @lossDb) settings.Add(new("loss_db", new SettingValue.Number(@lossDb)));
    }
}

/// <summary>The settings of the built-in component <c>mmi1x2</c>: 1×2 MMI splitter: equal in-phase split, antisymmetric input radiated. Ports: in0, out0, out1.</summary>
public sealed record Mmi1x2 : ComponentSettings
{
    private static readonly string[] FixedPorts = ["in0", "out0", "out1"];

    /// <inheritdoc/>
    public override string ComponentName => "mmi1x2";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Insertion loss (power); every entry of S is multiplied by 10^(−loss_db/20) (<c>loss_db</c>, in dB; default 0; range ≥ 0).</summary>
    public double? LossDb { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (LossDb is { } @lossDb) settings.Add(new("loss_db", new SettingValue.Number(@lossDb)));
    }
}

/// <summary>The settings of the built-in component <c>mmi2x2</c>: 2×2 MMI: a 50:50 beam splitter. Ports: in0, in1, out0, out1.</summary>
public sealed record Mmi2x2 : ComponentSettings
{
    private static readonly string[] FixedPorts = ["in0", "in1", "out0", "out1"];

    /// <inheritdoc/>
    public override string ComponentName => "mmi2x2";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Insertion loss (power); every entry of S is multiplied by 10^(−loss_db/20) (<c>loss_db</c>, in dB; default 0; range ≥ 0).</summary>
    public double? LossDb { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (LossDb is { } @lossDb) settings.Add(new("loss_db", new SettingValue.Number(@lossDb)));
    }
}

/// <summary>The settings of the built-in component <c>mmi1x2_gaussian</c>: 1×2 MMI splitter with a Gaussian spectral response (SAX's mmi1x2). Ports: in0, out0, out1.</summary>
public sealed record Mmi1x2Gaussian : ComponentSettings
{
    private static readonly string[] FixedPorts = ["in0", "out0", "out1"];

    /// <inheritdoc/>
    public override string ComponentName => "mmi1x2_gaussian";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Centre λc of the Gaussian response (<c>center_nm</c>, in nm; default: file's wavelength; range &gt; 0).</summary>
    public double? CenterNm { get; init; }

    /// <summary>Full width at half maximum w of the response (as λc ± w/2 in frequency) (<c>fwhm_nm</c>, in nm; default 200; range &gt; 0).</summary>
    public double? FwhmNm { get; init; }

    /// <summary>Wavelength λr where the response is 1 (SAX: the evaluated wavelength nearest the centre) (<c>reference_nm</c>, in nm; default: center_nm; range &gt; 0).</summary>
    public double? ReferenceNm { get; init; }

    /// <summary>Insertion loss (power) at the reference wavelength (<c>loss_db</c>, in dB; default 0; range ≥ 0).</summary>
    public double? LossDb { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (CenterNm is { } @centerNm) settings.Add(new("center_nm", new SettingValue.Number(@centerNm)));
        if (FwhmNm is { } @fwhmNm) settings.Add(new("fwhm_nm", new SettingValue.Number(@fwhmNm)));
        if (ReferenceNm is { } @referenceNm) settings.Add(new("reference_nm", new SettingValue.Number(@referenceNm)));
        if (LossDb is { } @lossDb) settings.Add(new("loss_db", new SettingValue.Number(@lossDb)));
    }
}

/// <summary>The settings of the built-in component <c>mmi2x2_gaussian</c>: 2×2 MMI with Gaussian through and cross responses (SAX's mmi2x2). Ports: in0, in1, out0, out1.</summary>
public sealed record Mmi2x2Gaussian : ComponentSettings
{
    private static readonly string[] FixedPorts = ["in0", "in1", "out0", "out1"];

    /// <inheritdoc/>
    public override string ComponentName => "mmi2x2_gaussian";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Centre of the through paths' Gaussian response (<c>center_nm</c>, in nm; default: file's wavelength; range &gt; 0).</summary>
    public double? CenterNm { get; init; }

    /// <summary>Full width at half maximum w of both responses (as centre ± w/2 in frequency) (<c>fwhm_nm</c>, in nm; default 200; range &gt; 0).</summary>
    public double? FwhmNm { get; init; }

    /// <summary>Wavelength where the through response is 1 (SAX: the evaluated wavelength nearest its centre) (<c>reference_nm</c>, in nm; default: center_nm; range &gt; 0).</summary>
    public double? ReferenceNm { get; init; }

    /// <summary>Through paths' insertion loss (power) at their reference (<c>loss_db</c>, in dB; default 0; range ≥ 0).</summary>
    public double? LossDb { get; init; }

    /// <summary>Power fraction of the through paths (<c>through_fraction</c>; default 0.5; range [0, 1]).</summary>
    public double? ThroughFraction { get; init; }

    /// <summary>Centre of the cross paths' response (SAX: wl0 + shift) (<c>cross_center_nm</c>, in nm; default: center_nm; range &gt; 0).</summary>
    public double? CrossCenterNm { get; init; }

    /// <summary>Wavelength where the cross response is 1 (<c>cross_reference_nm</c>, in nm; default: cross_center_nm; range &gt; 0).</summary>
    public double? CrossReferenceNm { get; init; }

    /// <summary>Cross paths' insertion loss (power) at their reference (<c>cross_loss_db</c>, in dB; default: loss_db; range ≥ 0).</summary>
    public double? CrossLossDb { get; init; }

    /// <summary>Power fraction of the cross paths (<c>cross_fraction</c>; default 0.5; range [0, 1]).</summary>
    public double? CrossFraction { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (CenterNm is { } @centerNm) settings.Add(new("center_nm", new SettingValue.Number(@centerNm)));
        if (FwhmNm is { } @fwhmNm) settings.Add(new("fwhm_nm", new SettingValue.Number(@fwhmNm)));
        if (ReferenceNm is { } @referenceNm) settings.Add(new("reference_nm", new SettingValue.Number(@referenceNm)));
        if (LossDb is { } @lossDb) settings.Add(new("loss_db", new SettingValue.Number(@lossDb)));
        if (ThroughFraction is { } @throughFraction) settings.Add(new("through_fraction", new SettingValue.Number(@throughFraction)));
        if (CrossCenterNm is { } @crossCenterNm) settings.Add(new("cross_center_nm", new SettingValue.Number(@crossCenterNm)));
        if (CrossReferenceNm is { } @crossReferenceNm) settings.Add(new("cross_reference_nm", new SettingValue.Number(@crossReferenceNm)));
        if (CrossLossDb is { } @crossLossDb) settings.Add(new("cross_loss_db", new SettingValue.Number(@crossLossDb)));
        if (CrossFraction is { } @crossFraction) settings.Add(new("cross_fraction", new SettingValue.Number(@crossFraction)));
    }
}

/// <summary>The settings of the built-in component <c>crossing</c>: waveguide crossing with symmetric crosstalk to the neighbouring ports. Ports: o1, o2, o3, o4.</summary>
public sealed record Crossing : ComponentSettings
{
    private static readonly string[] FixedPorts = ["o1", "o2", "o3", "o4"];

    /// <inheritdoc/>
    public override string ComponentName => "crossing";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Insertion loss (power); every entry of S is multiplied by 10^(−loss_db/20) (<c>loss_db</c>, in dB; default 0; range ≥ 0).</summary>
    public double? LossDb { get; init; }

    /// <summary>Power x = 10^(crosstalk_db/10) sent to each neighbouring port; x ≤ 1/4 keeps the through amplitude √(1 − 4x) real and the crossing passive (<c>crosstalk_db</c>, in dB; default -40; range ≤ -6.020599913279624).</summary>
    public double? CrosstalkDb { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (LossDb is { } @lossDb) settings.Add(new("loss_db", new SettingValue.Number(@lossDb)));
        if (CrosstalkDb is { } @crosstalkDb) settings.Add(new("crosstalk_db", new SettingValue.Number(@crosstalkDb)));
    }
}

/// <summary>The settings of the built-in component <c>mirror</c>: partially reflecting mirror. Ports: o1, o2.</summary>
public sealed record Mirror : ComponentSettings
{
    private static readonly string[] FixedPorts = ["o1", "o2"];

    /// <inheritdoc/>
    public override string ComponentName => "mirror";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Power reflectivity R (<c>reflectivity</c>; required; range [0, 1]).</summary>
    public double? Reflectivity { get; init; }

    /// <summary>Insertion loss (power); every entry of S is multiplied by 10^(−loss_db/20) (<c>loss_db</c>, in dB; default 0; range ≥ 0).</summary>
    public double? LossDb { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (Reflectivity is { } @reflectivity) settings.Add(new("reflectivity", new SettingValue.Number(@reflectivity)));
        if (LossDb is { } @lossDb) settings.Add(new("loss_db", new SettingValue.Number(@lossDb)));
    }
}

/// <summary>The settings of the built-in component <c>grating_coupler</c>: fibre grating coupler with a Gaussian passband and back-reflection. Ports: wg, fiber.</summary>
public sealed record GratingCoupler : ComponentSettings
{
    private static readonly string[] FixedPorts = ["wg", "fiber"];

    /// <inheritdoc/>
    public override string ComponentName => "grating_coupler";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Power coupling η_peak at center_nm (<c>peak_efficiency</c>; default 0.6; range [0, 1]).</summary>
    public double? PeakEfficiency { get; init; }

    /// <summary>Centre wavelength λ_c of the passband (<c>center_nm</c>, in nm; default: file's wavelength; range &gt; 0).</summary>
    public double? CenterNm { get; init; }

    /// <summary>Full width Δλ of the passband at half power (<c>bandwidth_3db_nm</c>, in nm; default 40; range &gt; 0).</summary>
    public double? Bandwidth3dbNm { get; init; }

    /// <summary>Power reflection r² = 10^(back_reflection_db/10) at both ports (<c>back_reflection_db</c>, in dB; default -30; range ≤ 0).</summary>
    public double? BackReflectionDb { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (PeakEfficiency is { } @peakEfficiency) settings.Add(new("peak_efficiency", new SettingValue.Number(@peakEfficiency)));
        if (CenterNm is { } @centerNm) settings.Add(new("center_nm", new SettingValue.Number(@centerNm)));
        if (Bandwidth3dbNm is { } @bandwidth3dbNm) settings.Add(new("bandwidth_3db_nm", new SettingValue.Number(@bandwidth3dbNm)));
        if (BackReflectionDb is { } @backReflectionDb) settings.Add(new("back_reflection_db", new SettingValue.Number(@backReflectionDb)));
    }
}

/// <summary>The settings of the built-in component <c>terminator</c>: one-port absorber with an optional residual reflection. Ports: o1.</summary>
public sealed record Terminator : ComponentSettings
{
    private static readonly string[] FixedPorts = ["o1"];

    /// <inheritdoc/>
    public override string ComponentName => "terminator";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Power reflectivity R back into the port (<c>reflectivity</c>; default 0; range [0, 1]).</summary>
    public double? Reflectivity { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (Reflectivity is { } @reflectivity) settings.Add(new("reflectivity", new SettingValue.Number(@reflectivity)));
    }
}

/// <summary>The settings of the built-in component <c>isolator</c>: non-reciprocal two-port: o1 → o2 passes, o2 → o1 is isolated. Ports: o1, o2.</summary>
public sealed record Isolator : ComponentSettings
{
    private static readonly string[] FixedPorts = ["o1", "o2"];

    /// <inheritdoc/>
    public override string ComponentName => "isolator";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Power loss from o1 to o2 (<c>insertion_loss_db</c>, in dB; default 0; range ≥ 0).</summary>
    public double? InsertionLossDb { get; init; }

    /// <summary>Power loss from o2 back to o1 (<c>isolation_db</c>, in dB; default 40; range ≥ 0).</summary>
    public double? IsolationDb { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (InsertionLossDb is { } @insertionLossDb) settings.Add(new("insertion_loss_db", new SettingValue.Number(@insertionLossDb)));
        if (IsolationDb is { } @isolationDb) settings.Add(new("isolation_db", new SettingValue.Number(@isolationDb)));
    }
}

/// <summary>The settings of the built-in component <c>ring_all_pass</c>: all-pass ring resonator (closed form of a beam splitter closed on a waveguide). Ports: in0, out0.</summary>
public sealed record RingAllPass : ComponentSettings
{
    private static readonly string[] FixedPorts = ["in0", "out0"];

    /// <inheritdoc/>
    public override string ComponentName => "ring_all_pass";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Ring circumference L (<c>length_um</c>, in µm; required; range &gt; 0).</summary>
    public double? LengthUm { get; init; }

    /// <summary>Power fraction κ² coupled between bus and ring (<c>coupling</c>; required; range [0, 1]).</summary>
    public double? Coupling { get; init; }

    /// <summary>Effective index of the ring waveguide at wavelength0_nm (<c>n_eff</c>; default 2.4; range &gt; 0).</summary>
    public double? NEff { get; init; }

    /// <summary>Group index of the ring waveguide (<c>n_g</c>; default 4.2; range &gt; 0).</summary>
    public double? NG { get; init; }

    /// <summary>Reference wavelength λ0 of n_eff (<c>wavelength0_nm</c>, in nm; default: file's wavelength; range &gt; 0).</summary>
    public double? Wavelength0Nm { get; init; }

    /// <summary>Propagation loss in the ring (power) (<c>loss_db_per_cm</c>, in dB/cm; default 0; range ≥ 0).</summary>
    public double? LossDbPerCm { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (LengthUm is { } @lengthUm) settings.Add(new("length_um", new SettingValue.Number(@lengthUm)));
        if (Coupling is { } @coupling) settings.Add(new("coupling", new SettingValue.Number(@coupling)));
        if (NEff is { } @nEff) settings.Add(new("n_eff", new SettingValue.Number(@nEff)));
        if (NG is { } @nG) settings.Add(new("n_g", new SettingValue.Number(@nG)));
        if (Wavelength0Nm is { } @wavelength0Nm) settings.Add(new("wavelength0_nm", new SettingValue.Number(@wavelength0Nm)));
        if (LossDbPerCm is { } @lossDbPerCm) settings.Add(new("loss_db_per_cm", new SettingValue.Number(@lossDbPerCm)));
    }
}

/// <summary>The settings of the built-in component <c>ring_add_drop</c>: add-drop ring resonator (closed form of two beam splitters joined by two half rings). Ports: in0, out0, add, drop.</summary>
public sealed record RingAddDrop : ComponentSettings
{
    private static readonly string[] FixedPorts = ["in0", "out0", "add", "drop"];

    /// <inheritdoc/>
    public override string ComponentName => "ring_add_drop";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Ring circumference L (<c>length_um</c>, in µm; required; range &gt; 0).</summary>
    public double? LengthUm { get; init; }

    /// <summary>Power fraction κ₁² coupled between the in0/out0 bus and the ring (<c>coupling</c>; required; range [0, 1]).</summary>
    public double? Coupling { get; init; }

    /// <summary>Power fraction κ₂² coupled between the add/drop bus and the ring (<c>coupling_drop</c>; default: coupling; range [0, 1]).</summary>
    public double? CouplingDrop { get; init; }

    /// <summary>Effective index of the ring waveguide at wavelength0_nm (<c>n_eff</c>; default 2.4; range &gt; 0).</summary>
    public double? NEff { get; init; }

    /// <summary>Group index of the ring waveguide (<c>n_g</c>; default 4.2; range &gt; 0).</summary>
    public double? NG { get; init; }

    /// <summary>Reference wavelength λ0 of n_eff (<c>wavelength0_nm</c>, in nm; default: file's wavelength; range &gt; 0).</summary>
    public double? Wavelength0Nm { get; init; }

    /// <summary>Propagation loss in the ring (power) (<c>loss_db_per_cm</c>, in dB/cm; default 0; range ≥ 0).</summary>
    public double? LossDbPerCm { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (LengthUm is { } @lengthUm) settings.Add(new("length_um", new SettingValue.Number(@lengthUm)));
        if (Coupling is { } @coupling) settings.Add(new("coupling", new SettingValue.Number(@coupling)));
        if (CouplingDrop is { } @couplingDrop) settings.Add(new("coupling_drop", new SettingValue.Number(@couplingDrop)));
        if (NEff is { } @nEff) settings.Add(new("n_eff", new SettingValue.Number(@nEff)));
        if (NG is { } @nG) settings.Add(new("n_g", new SettingValue.Number(@nG)));
        if (Wavelength0Nm is { } @wavelength0Nm) settings.Add(new("wavelength0_nm", new SettingValue.Number(@wavelength0Nm)));
        if (LossDbPerCm is { } @lossDbPerCm) settings.Add(new("loss_db_per_cm", new SettingValue.Number(@lossDbPerCm)));
    }
}

/// <summary>The settings of the built-in component <c>unitary</c>: user-given passive m-mode transfer matrix. Ports: in0 … in{m−1}, out0 … out{m−1}.</summary>
public sealed record Unitary : ComponentSettings
{
    /// <inheritdoc/>
    public override string ComponentName => "unitary";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => null;

    /// <summary>Real part of M, m rows of m numbers (row = output, column = input) (<c>matrix_re</c>; required).</summary>
    public IReadOnlyList<IReadOnlyList<double>>? MatrixRe { get; init; }

    /// <summary>Imaginary part of M, m rows of m numbers (<c>matrix_im</c>; required).</summary>
    public IReadOnlyList<IReadOnlyList<double>>? MatrixIm { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (MatrixRe is { } @matrixRe) settings.Add(new("matrix_re", new SettingValue.NumberMatrix(@matrixRe)));
        if (MatrixIm is { } @matrixIm) settings.Add(new("matrix_im", new SettingValue.NumberMatrix(@matrixIm)));
    }
}

/// <summary>The settings of the built-in component <c>sparameters</c>: S-parameters from a Touchstone file (.sNp), interpolated over the file's band. Ports: o1 … oN, the file's ports in order; with port_naming: file, the names its comments give them.</summary>
public sealed record SParameters : ComponentSettings
{
    /// <inheritdoc/>
    public override string ComponentName => "sparameters";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => null;

    /// <summary>A Touchstone file (.sNp, version 1.x or 2.0), its path relative to the netlist (<c>file</c>; required).</summary>
    public string? File { get; init; }

    /// <summary>Numbered: ports o1 … oN in the file's order; file: the names the file's comments give them (! Port[n] = name) (<c>port_naming</c>; default numbered; numbered | file).</summary>
    public PortNaming? PortNaming { get; init; }

    /// <summary>Check: a point with gain is an error; enforce: such points are scaled to the largest singular value 1 (<c>passivity</c>; default check; check | enforce).</summary>
    public Passivity? Passivity { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (File is { } @file) settings.Add(new("file", new SettingValue.Word(@file)));
        if (PortNaming is { } @portNaming) settings.Add(new("port_naming", new SettingValue.Word(SettingWords.Word(@portNaming))));
        if (Passivity is { } @passivity) settings.Add(new("passivity", new SettingValue.Word(SettingWords.Word(@passivity))));
    }
}

/// <summary>The settings of the built-in component <c>time_demux</c>: time demultiplexer: pulse k leaves at out(k mod N). Ports: in, out0 … out{N−1}.</summary>
public sealed record TimeDemux : ComponentSettings
{
    /// <inheritdoc/>
    public override string ComponentName => "time_demux";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => null;

    /// <summary>Number of output channels N (<c>channels</c>; required; range ≥ 1).</summary>
    public int? Channels { get; init; }

    /// <summary>Power transmission η_k into each channel: one number for all, or a list of N (<c>efficiency</c>; default 1; range [0, 1]).</summary>
    public NumberOrList? Efficiency { get; init; }

    /// <summary>f_g, repetition rate of a switch slower than the pulse train (Pockels cells): each period 1/f_g is cut into N windows of M = ⌊f_rep/(N f_g)⌋ pulses, window k to out k; a frame is the j-th pulse of every window; without it the switch routes pulse by pulse (<c>gate_rate_mhz</c>, in MHz; optional; range &gt; 0).</summary>
    public double? GateRateMhz { get; init; }

    /// <summary>Switching time t_r: the pulses within t_r after a switch edge placed just after a pulse are lost (⌈t_r f_rep⌉ − 1 per window); pulse by pulse it must be shorter than 1/f_rep (<c>rise_time_ns</c>, in ns; default 0; range ≥ 0).</summary>
    public double? RiseTimeNs { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (Channels is { } @channels) settings.Add(new("channels", new SettingValue.Number(@channels)));
        if (Efficiency is { } @efficiency) settings.Add(new("efficiency", @efficiency.Value));
        if (GateRateMhz is { } @gateRateMhz) settings.Add(new("gate_rate_mhz", new SettingValue.Number(@gateRateMhz)));
        if (RiseTimeNs is { } @riseTimeNs) settings.Add(new("rise_time_ns", new SettingValue.Number(@riseTimeNs)));
    }
}

/// <summary>The settings of the built-in component <c>quantum_dot</c>: quantum-dot emitter in a waveguide: a single-photon source, or a weak-drive coherent scatterer. Ports: left, right.</summary>
public sealed record QuantumDot : ComponentSettings
{
    private static readonly string[] FixedPorts = ["left", "right"];

    /// <inheritdoc/>
    public override string ComponentName => "quantum_dot";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Emitter zero-phonon line (<c>wavelength_nm</c>, in nm; default: file's wavelength; range &gt; 0).</summary>
    public double? WavelengthNm { get; init; }

    /// <summary>T1, Γ = 1/T1; conflicts with purcell/bulk_lifetime_ps; not needed by a source given by its measured brightness, g2 and indistinguishability (<c>lifetime_ps</c>, in ps; optional; range (0, 1E+300]).</summary>
    public double? LifetimePs { get; init; }

    /// <summary>Radiative lifetime in bulk, γ0 = 1/bulk_lifetime_ps; with purcell or a geometry gives the radiative rate Γ_rad = γ0(F_P + other_decay_fraction) and Γ = Γ_rad/quantum_efficiency (<c>bulk_lifetime_ps</c>, in ps; optional; range &gt; 0).</summary>
    public double? BulkLifetimePs { get; init; }

    /// <summary>Purcell factor F_P = Γ_mode/γ0 (or computed from a geometry) (<c>purcell</c>; optional; range ≥ 0).</summary>
    public double? Purcell { get; init; }

    /// <summary>Cavity quality factor Q (<c>q_factor</c>; optional; range &gt; 0).</summary>
    public double? QFactor { get; init; }

    /// <summary>Cavity mode volume V/(λ/n)³ (<c>mode_volume_cubic_lambda_over_n</c>, in (λ/n)³; optional; range &gt; 0).</summary>
    public double? ModeVolumeCubicLambdaOverN { get; init; }

    /// <summary>Cavity resonance (<c>cavity_wavelength_nm</c>, in nm; default: = wavelength_nm; range &gt; 0).</summary>
    public double? CavityWavelengthNm { get; init; }

    /// <summary>Orientation and position factor of the dipole in the cavity field (<c>dipole_alignment</c>; default 1; range [0, 1]).</summary>
    public double? DipoleAlignment { get; init; }

    /// <summary>γ_other/γ0, decay into every channel but the mode, in units of the bulk rate (<c>other_decay_fraction</c>; default 1; range ≥ 0).</summary>
    public double? OtherDecayFraction { get; init; }

    /// <summary>Slow-light waveguide group index n_g (<c>group_index</c>; optional; range &gt; 0).</summary>
    public double? GroupIndex { get; init; }

    /// <summary>Slow-light waveguide effective mode area A_eff at the emitter (<c>effective_area_um2</c>, in µm²; optional; range &gt; 0).</summary>
    public double? EffectiveAreaUm2 { get; init; }

    /// <summary>γ_rad/γ0, radiative decay out of the waveguide mode; required with the waveguide geometry (<c>radiative_background</c>; optional; range ≥ 0).</summary>
    public double? RadiativeBackground { get; init; }

    /// <summary>n in the Purcell formulas (<c>refractive_index</c>; default 3.5; range ≥ 1).</summary>
    public double? RefractiveIndex { get; init; }

    /// <summary>Radiative β = Γ_mode/(Γ_mode + γ_rad); conflicts with purcell or a geometry (<c>beta</c>; default: from purcell or the geometry, else 1; range [0, 1]).</summary>
    public double? Beta { get; init; }

    /// <summary>Share f of guided emission going right (1 = chiral) (<c>beta_right_fraction</c>; default 0.5; range [0, 1]).</summary>
    public double? BetaRightFraction { get; init; }

    /// <summary>η_QE = radiative/total decay: the mode takes η_QE·β of the decays; with bulk_lifetime_ps, non-radiative decay shortens the lifetime (Γ = Γ_rad/η_QE); a measured lifetime_ps is the total one (<c>quantum_efficiency</c>; default 1; range [0, 1]).</summary>
    public double? QuantumEfficiency { get; init; }

    /// <summary>γ*, extra decay rate of the coherence: 1/T2 = Γ/2 + γ* (<c>pure_dephasing_per_ns</c>, in ns⁻¹; default 0; range ≥ 0).</summary>
    public double? PureDephasingPerNs { get; init; }

    /// <summary>Standard deviation of the line-centre frequency (cyclic; σ = 2π·value) (<c>spectral_diffusion_ghz</c>, in GHz; default 0; range ≥ 0).</summary>
    public double? SpectralDiffusionGhz { get; init; }

    /// <summary>τ_w, correlation time of the line centre (spectral wandering, an Ornstein–Uhlenbeck process): photons Δt apart have centres correlated by e^(−Δt/τ_w); without it the photons of one source share their centre (<c>spectral_diffusion_correlation_ns</c>, in ns; optional; range &gt; 0).</summary>
    public double? SpectralDiffusionCorrelationNs { get; init; }

    /// <summary>Temperature of the phonon bath; gives zpl_fraction (<c>temperature_k</c>, in K; optional; range ≥ 0).</summary>
    public double? TemperatureK { get; init; }

    /// <summary>α of J(ω) = α ω³ exp(−ω²/ω_c²) (<c>phonon_alpha_ps2</c>, in ps²; default 0.027; range ≥ 0).</summary>
    public double? PhononAlphaPs2 { get; init; }

    /// <summary>ω_c of J(ω) (<c>phonon_cutoff_per_ps</c>, in rad/ps; default 2.2; range &gt; 0).</summary>
    public double? PhononCutoffPerPs { get; init; }

    /// <summary>B², share of emission in the zero-phonon line; conflicts with temperature_k (<c>zpl_fraction</c>; default: 1 without temperature_k; range (0, 1]).</summary>
    public double? ZplFraction { get; init; }

    /// <summary>Share of the phonon sideband a filter outside the netlist passes (<c>psb_transmission</c>; default 1; range [0, 1]).</summary>
    public double? PsbTransmission { get; init; }

    /// <summary>Excitation scheme (<c>excitation</c>; default ideal; ideal | resonant | phonon_assisted | two_photon | above_band).</summary>
    public Excitation? Excitation { get; init; }

    /// <summary>FWHM of the Gaussian pulse intensity; required for resonant, phonon_assisted, two_photon (<c>pulse_fwhm_ps</c>, in ps; optional; range &gt; 0).</summary>
    public double? PulseFwhmPs { get; init; }

    /// <summary>two_photon: which photon of the biexciton–exciton cascade the source collects, x (X → G) or xx (XX → X); wavelength_nm is that line's (<c>line</c>; default x; x | xx).</summary>
    public Line? Line { get; init; }

    /// <summary>two_photon: E_B, the biexciton binding energy (the XX line is E_B below the X line; the laser, at half the XX energy, is E_B/2 from each one-photon step) (<c>biexciton_binding_mev</c>, in meV; default 2.5; range &gt; 0).</summary>
    public double? BiexcitonBindingMev { get; init; }

    /// <summary>two_photon: T1 of the biexciton (decay into both excitons); lifetime_ps (or the Purcell settings) gives the exciton's (<c>biexciton_lifetime_ps</c>, in ps; default: T1/2, the radiative cascade's; range &gt; 0).</summary>
    public double? BiexcitonLifetimePs { get; init; }

    /// <summary>two_photon: δ, the exciton's fine-structure splitting; above 0 the source collects the photons polarised along the laser, with the dot's axes at 45° to it (<c>fine_structure_splitting_uev</c>, in µeV; default 0; range ≥ 0).</summary>
    public double? FineStructureSplittingUev { get; init; }

    /// <summary>Relaxation time into the emitting state; required for above_band (<c>relaxation_ps</c>, in ps; optional; range &gt; 0).</summary>
    public double? RelaxationPs { get; init; }

    /// <summary>Overrides the computed η_prep (<c>preparation_efficiency</c>; default: 1 for ideal and above_band; computed for resonant and two_photon; 0.85 × resonant for phonon_assisted; range [1E-150, 1]).</summary>
    public double? PreparationEfficiency { get; init; }

    /// <summary>Transmission of a polarisation filter on the collected light (<c>polarization_filter</c>; default 1; range (0, 1]).</summary>
    public double? PolarizationFilter { get; init; }

    /// <summary>Pulse rate; without it, rates are null (<c>repetition_rate_mhz</c>, in MHz; optional; range &gt; 0).</summary>
    public double? RepetitionRateMhz { get; init; }

    /// <summary>r_b, leaked excitation-laser photons per pulse collected with the source's photons, as a share of the photons of a bright pulse (n_b = r_b·μ at the emitter, after the same losses): distinguishable from the emitter's photons, it raises g2 and lowers the HOM visibility of the photon analyses (<c>laser_background_ratio</c>; default 0; range [0, 1]).</summary>
    public double? LaserBackgroundRatio { get; init; }

    /// <summary>Average power of the excitation laser at the emitter: with laser_extinction_db, the leaked laser light instead of laser_background_ratio (N_L = P/(f·hc/λ) photons per pulse; needs repetition_rate_mhz) (<c>laser_power_uw</c>, in µW; optional; range ≥ 0).</summary>
    public double? LaserPowerUw { get; init; }

    /// <summary>Suppression of the excitation laser in the collected mode (cross-polarisation, side excitation, filtering): N_L·10^(−ER/10) laser photons per pulse are collected with the source's photons (<c>laser_extinction_db</c>, in dB; optional; range ≥ 0).</summary>
    public double? LaserExtinctionDb { get; init; }

    /// <summary>Photon statistics of the leaked laser light per pulse: coherent (Poisson, a phase-randomised laser pulse) or thermal (Bose–Einstein) (<c>laser_background_statistics</c>; default coherent; coherent | thermal).</summary>
    public LaserBackgroundStatistics? LaserBackgroundStatistics { get; init; }

    /// <summary>p_on, share of time in the bright state (blinking, charge-state occupancy): a pulse in the dark state gives no photon; 1 = no blinking (<c>blinking_on_fraction</c>; default 1; range (0, 1]).</summary>
    public double? BlinkingOnFraction { get; init; }

    /// <summary>τ_b, correlation time of the bright/dark switching: a pulse Δt later is bright with P = p_on + (1 − p_on)e^(−Δt/τ_b) after a bright one; 0 = pulses independent (<c>blinking_correlation_ns</c>, in ns; default 0; range ≥ 0).</summary>
    public double? BlinkingCorrelationNs { get; init; }

    /// <summary>Internal state of the extra photon of a two-photon emission (<c>multiphoton_model</c>; default distinguishable; distinguishable | indistinguishable | master_equation).</summary>
    public MultiphotonModelChoice? MultiphotonModel { get; init; }

    /// <summary>Measured g2, overrides the computed value (with brightness and indistinguishability and no lifetime: a source given by its measured figures) (<c>g2</c>; optional; range ≥ 0).</summary>
    public double? G2 { get; init; }

    /// <summary>Measured M_s, overrides the computed value; above 1 only with multiphoton_model master_equation (a partly indistinguishable extra photon) (<c>indistinguishability</c>; optional; range ≥ 0).</summary>
    public double? Indistinguishability { get; init; }

    /// <summary>Measured P(≥ 1 photon) collected per pulse, overrides the computed value (<c>brightness</c>; optional; range [0, 1]).</summary>
    public double? Brightness { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (WavelengthNm is { } @wavelengthNm) settings.Add(new("wavelength_nm", new SettingValue.Number(@wavelengthNm)));
        if (LifetimePs is { } @lifetimePs) settings.Add(new("lifetime_ps", new SettingValue.Number(@lifetimePs)));
        if (BulkLifetimePs is { } @bulkLifetimePs) settings.Add(new("bulk_lifetime_ps", new SettingValue.Number(@bulkLifetimePs)));
        if (Purcell is { } @purcell) settings.Add(new("purcell", new SettingValue.Number(@purcell)));
        if (QFactor is { } @qFactor) settings.Add(new("q_factor", new SettingValue.Number(@qFactor)));
        if (ModeVolumeCubicLambdaOverN is { } @modeVolumeCubicLambdaOverN) settings.Add(new("mode_volume_cubic_lambda_over_n", new SettingValue.Number(@modeVolumeCubicLambdaOverN)));
        if (CavityWavelengthNm is { } @cavityWavelengthNm) settings.Add(new("cavity_wavelength_nm", new SettingValue.Number(@cavityWavelengthNm)));
        if (DipoleAlignment is { } @dipoleAlignment) settings.Add(new("dipole_alignment", new SettingValue.Number(@dipoleAlignment)));
        if (OtherDecayFraction is { } @otherDecayFraction) settings.Add(new("other_decay_fraction", new SettingValue.Number(@otherDecayFraction)));
        if (GroupIndex is { } @groupIndex) settings.Add(new("group_index", new SettingValue.Number(@groupIndex)));
        if (EffectiveAreaUm2 is { } @effectiveAreaUm2) settings.Add(new("effective_area_um2", new SettingValue.Number(@effectiveAreaUm2)));
        if (RadiativeBackground is { } @radiativeBackground) settings.Add(new("radiative_background", new SettingValue.Number(@radiativeBackground)));
        if (RefractiveIndex is { } @refractiveIndex) settings.Add(new("refractive_index", new SettingValue.Number(@refractiveIndex)));
        if (Beta is { } @beta) settings.Add(new("beta", new SettingValue.Number(@beta)));
        if (BetaRightFraction is { } @betaRightFraction) settings.Add(new("beta_right_fraction", new SettingValue.Number(@betaRightFraction)));
        if (QuantumEfficiency is { } @quantumEfficiency) settings.Add(new("quantum_efficiency", new SettingValue.Number(@quantumEfficiency)));
        if (PureDephasingPerNs is { } @pureDephasingPerNs) settings.Add(new("pure_dephasing_per_ns", new SettingValue.Number(@pureDephasingPerNs)));
        if (SpectralDiffusionGhz is { } @spectralDiffusionGhz) settings.Add(new("spectral_diffusion_ghz", new SettingValue.Number(@spectralDiffusionGhz)));
        if (SpectralDiffusionCorrelationNs is { } @spectralDiffusionCorrelationNs) settings.Add(new("spectral_diffusion_correlation_ns", new SettingValue.Number(@spectralDiffusionCorrelationNs)));
        if (TemperatureK is { } @temperatureK) settings.Add(new("temperature_k", new SettingValue.Number(@temperatureK)));
        if (PhononAlphaPs2 is { } @phononAlphaPs2) settings.Add(new("phonon_alpha_ps2", new SettingValue.Number(@phononAlphaPs2)));
        if (PhononCutoffPerPs is { } @phononCutoffPerPs) settings.Add(new("phonon_cutoff_per_ps", new SettingValue.Number(@phononCutoffPerPs)));
        if (ZplFraction is { } @zplFraction) settings.Add(new("zpl_fraction", new SettingValue.Number(@zplFraction)));
        if (PsbTransmission is { } @psbTransmission) settings.Add(new("psb_transmission", new SettingValue.Number(@psbTransmission)));
        if (Excitation is { } @excitation) settings.Add(new("excitation", new SettingValue.Word(SettingWords.Word(@excitation))));
        if (PulseFwhmPs is { } @pulseFwhmPs) settings.Add(new("pulse_fwhm_ps", new SettingValue.Number(@pulseFwhmPs)));
        if (Line is { } @line) settings.Add(new("line", new SettingValue.Word(SettingWords.Word(@line))));
        if (BiexcitonBindingMev is { } @biexcitonBindingMev) settings.Add(new("biexciton_binding_mev", new SettingValue.Number(@biexcitonBindingMev)));
        if (BiexcitonLifetimePs is { } @biexcitonLifetimePs) settings.Add(new("biexciton_lifetime_ps", new SettingValue.Number(@biexcitonLifetimePs)));
        if (FineStructureSplittingUev is { } @fineStructureSplittingUev) settings.Add(new("fine_structure_splitting_uev", new SettingValue.Number(@fineStructureSplittingUev)));
        if (RelaxationPs is { } @relaxationPs) settings.Add(new("relaxation_ps", new SettingValue.Number(@relaxationPs)));
        if (PreparationEfficiency is { } @preparationEfficiency) settings.Add(new("preparation_efficiency", new SettingValue.Number(@preparationEfficiency)));
        if (PolarizationFilter is { } @polarizationFilter) settings.Add(new("polarization_filter", new SettingValue.Number(@polarizationFilter)));
        if (RepetitionRateMhz is { } @repetitionRateMhz) settings.Add(new("repetition_rate_mhz", new SettingValue.Number(@repetitionRateMhz)));
        if (LaserBackgroundRatio is { } @laserBackgroundRatio) settings.Add(new("laser_background_ratio", new SettingValue.Number(@laserBackgroundRatio)));
        if (LaserPowerUw is { } @laserPowerUw) settings.Add(new("laser_power_uw", new SettingValue.Number(@laserPowerUw)));
        if (LaserExtinctionDb is { } @laserExtinctionDb) settings.Add(new("laser_extinction_db", new SettingValue.Number(@laserExtinctionDb)));
        if (LaserBackgroundStatistics is { } @laserBackgroundStatistics) settings.Add(new("laser_background_statistics", new SettingValue.Word(SettingWords.Word(@laserBackgroundStatistics))));
        if (BlinkingOnFraction is { } @blinkingOnFraction) settings.Add(new("blinking_on_fraction", new SettingValue.Number(@blinkingOnFraction)));
        if (BlinkingCorrelationNs is { } @blinkingCorrelationNs) settings.Add(new("blinking_correlation_ns", new SettingValue.Number(@blinkingCorrelationNs)));
        if (MultiphotonModel is { } @multiphotonModel) settings.Add(new("multiphoton_model", new SettingValue.Word(SettingWords.Word(@multiphotonModel))));
        if (G2 is { } @g2) settings.Add(new("g2", new SettingValue.Number(@g2)));
        if (Indistinguishability is { } @indistinguishability) settings.Add(new("indistinguishability", new SettingValue.Number(@indistinguishability)));
        if (Brightness is { } @brightness) settings.Add(new("brightness", new SettingValue.Number(@brightness)));
    }
}

/// <summary>The settings of the built-in component <c>cavity_source</c>: quantum-dot emitter in a micropillar or open cavity: a single-photon source; a matched termination otherwise. Ports: out.</summary>
public sealed record CavitySource : ComponentSettings
{
    private static readonly string[] FixedPorts = ["out"];

    /// <inheritdoc/>
    public override string ComponentName => "cavity_source";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Emitter zero-phonon line (<c>wavelength_nm</c>, in nm; default: file's wavelength; range &gt; 0).</summary>
    public double? WavelengthNm { get; init; }

    /// <summary>T1, Γ = 1/T1; conflicts with purcell/bulk_lifetime_ps; not needed by a source given by its measured brightness, g2 and indistinguishability (<c>lifetime_ps</c>, in ps; optional; range (0, 1E+300]).</summary>
    public double? LifetimePs { get; init; }

    /// <summary>Radiative lifetime in bulk, γ0 = 1/bulk_lifetime_ps; with purcell or a geometry gives the radiative rate Γ_rad = γ0(F_P + other_decay_fraction) and Γ = Γ_rad/quantum_efficiency (<c>bulk_lifetime_ps</c>, in ps; optional; range &gt; 0).</summary>
    public double? BulkLifetimePs { get; init; }

    /// <summary>Purcell factor F_P = Γ_mode/γ0 (or computed from a geometry) (<c>purcell</c>; optional; range ≥ 0).</summary>
    public double? Purcell { get; init; }

    /// <summary>Cavity quality factor Q (<c>q_factor</c>; optional; range &gt; 0).</summary>
    public double? QFactor { get; init; }

    /// <summary>Cavity mode volume V/(λ/n)³ (<c>mode_volume_cubic_lambda_over_n</c>, in (λ/n)³; optional; range &gt; 0).</summary>
    public double? ModeVolumeCubicLambdaOverN { get; init; }

    /// <summary>Cavity resonance (<c>cavity_wavelength_nm</c>, in nm; default: = wavelength_nm; range &gt; 0).</summary>
    public double? CavityWavelengthNm { get; init; }

    /// <summary>Orientation and position factor of the dipole in the cavity field (<c>dipole_alignment</c>; default 1; range [0, 1]).</summary>
    public double? DipoleAlignment { get; init; }

    /// <summary>γ_other/γ0, decay into every channel but the mode, in units of the bulk rate (<c>other_decay_fraction</c>; default 1; range ≥ 0).</summary>
    public double? OtherDecayFraction { get; init; }

    /// <summary>n in the Purcell formulas (<c>refractive_index</c>; default 3.5; range ≥ 1).</summary>
    public double? RefractiveIndex { get; init; }

    /// <summary>Radiative β = Γ_mode/(Γ_mode + γ_rad); conflicts with purcell or a geometry (<c>beta</c>; default: from purcell or the geometry, else 1; range [0, 1]).</summary>
    public double? Beta { get; init; }

    /// <summary>η_QE = radiative/total decay: the mode takes η_QE·β of the decays; with bulk_lifetime_ps, non-radiative decay shortens the lifetime (Γ = Γ_rad/η_QE); a measured lifetime_ps is the total one (<c>quantum_efficiency</c>; default 1; range [0, 1]).</summary>
    public double? QuantumEfficiency { get; init; }

    /// <summary>γ*, extra decay rate of the coherence: 1/T2 = Γ/2 + γ* (<c>pure_dephasing_per_ns</c>, in ns⁻¹; default 0; range ≥ 0).</summary>
    public double? PureDephasingPerNs { get; init; }

    /// <summary>Standard deviation of the line-centre frequency (cyclic; σ = 2π·value) (<c>spectral_diffusion_ghz</c>, in GHz; default 0; range ≥ 0).</summary>
    public double? SpectralDiffusionGhz { get; init; }

    /// <summary>τ_w, correlation time of the line centre (spectral wandering, an Ornstein–Uhlenbeck process): photons Δt apart have centres correlated by e^(−Δt/τ_w); without it the photons of one source share their centre (<c>spectral_diffusion_correlation_ns</c>, in ns; optional; range &gt; 0).</summary>
    public double? SpectralDiffusionCorrelationNs { get; init; }

    /// <summary>Temperature of the phonon bath; gives zpl_fraction (<c>temperature_k</c>, in K; optional; range ≥ 0).</summary>
    public double? TemperatureK { get; init; }

    /// <summary>α of J(ω) = α ω³ exp(−ω²/ω_c²) (<c>phonon_alpha_ps2</c>, in ps²; default 0.027; range ≥ 0).</summary>
    public double? PhononAlphaPs2 { get; init; }

    /// <summary>ω_c of J(ω) (<c>phonon_cutoff_per_ps</c>, in rad/ps; default 2.2; range &gt; 0).</summary>
    public double? PhononCutoffPerPs { get; init; }

    /// <summary>B², share of emission in the zero-phonon line; conflicts with temperature_k (<c>zpl_fraction</c>; default: 1 without temperature_k; range (0, 1]).</summary>
    public double? ZplFraction { get; init; }

    /// <summary>Share of the phonon sideband a filter outside the netlist passes (<c>psb_transmission</c>; default 1; range [0, 1]).</summary>
    public double? PsbTransmission { get; init; }

    /// <summary>Bulk: the emitted sideband has its bulk weight 1 − B²; cavity: the cavity's Lorentzian (q_factor, cavity_wavelength_nm) filters it and the mode's zero-phonon share rises to B²/(B² + (1 − B²)r); needs temperature_k and q_factor (<c>phonon_sideband</c>; default bulk; bulk | cavity).</summary>
    public PhononSideband? PhononSideband { get; init; }

    /// <summary>Excitation scheme (<c>excitation</c>; default ideal; ideal | resonant | phonon_assisted | two_photon | above_band).</summary>
    public Excitation? Excitation { get; init; }

    /// <summary>FWHM of the Gaussian pulse intensity; required for resonant, phonon_assisted, two_photon (<c>pulse_fwhm_ps</c>, in ps; optional; range &gt; 0).</summary>
    public double? PulseFwhmPs { get; init; }

    /// <summary>two_photon: which photon of the biexciton–exciton cascade the source collects, x (X → G) or xx (XX → X); wavelength_nm is that line's (<c>line</c>; default x; x | xx).</summary>
    public Line? Line { get; init; }

    /// <summary>two_photon: E_B, the biexciton binding energy (the XX line is E_B below the X line; the laser, at half the XX energy, is E_B/2 from each one-photon step) (<c>biexciton_binding_mev</c>, in meV; default 2.5; range &gt; 0).</summary>
    public double? BiexcitonBindingMev { get; init; }

    /// <summary>two_photon: T1 of the biexciton (decay into both excitons); lifetime_ps (or the Purcell settings) gives the exciton's (<c>biexciton_lifetime_ps</c>, in ps; default: T1/2, the radiative cascade's; range &gt; 0).</summary>
    public double? BiexcitonLifetimePs { get; init; }

    /// <summary>two_photon: δ, the exciton's fine-structure splitting; above 0 the source collects the photons polarised along the laser, with the dot's axes at 45° to it (<c>fine_structure_splitting_uev</c>, in µeV; default 0; range ≥ 0).</summary>
    public double? FineStructureSplittingUev { get; init; }

    /// <summary>Relaxation time into the emitting state; required for above_band (<c>relaxation_ps</c>, in ps; optional; range &gt; 0).</summary>
    public double? RelaxationPs { get; init; }

    /// <summary>Overrides the computed η_prep (<c>preparation_efficiency</c>; default: 1 for ideal and above_band; computed for resonant and two_photon; 0.85 × resonant for phonon_assisted; range [1E-150, 1]).</summary>
    public double? PreparationEfficiency { get; init; }

    /// <summary>Transmission of a polarisation filter on the collected light (<c>polarization_filter</c>; default 1; range (0, 1]).</summary>
    public double? PolarizationFilter { get; init; }

    /// <summary>Share of the cavity mode that reaches `out` (<c>extraction_efficiency</c>; default 1; range [0, 1]).</summary>
    public double? ExtractionEfficiency { get; init; }

    /// <summary>Pulse rate; without it, rates are null (<c>repetition_rate_mhz</c>, in MHz; optional; range &gt; 0).</summary>
    public double? RepetitionRateMhz { get; init; }

    /// <summary>r_b, leaked excitation-laser photons per pulse collected with the source's photons, as a share of the photons of a bright pulse (n_b = r_b·μ at the emitter, after the same losses): distinguishable from the emitter's photons, it raises g2 and lowers the HOM visibility of the photon analyses (<c>laser_background_ratio</c>; default 0; range [0, 1]).</summary>
    public double? LaserBackgroundRatio { get; init; }

    /// <summary>Average power of the excitation laser at the emitter: with laser_extinction_db, the leaked laser light instead of laser_background_ratio (N_L = P/(f·hc/λ) photons per pulse; needs repetition_rate_mhz) (<c>laser_power_uw</c>, in µW; optional; range ≥ 0).</summary>
    public double? LaserPowerUw { get; init; }

    /// <summary>Suppression of the excitation laser in the collected mode (cross-polarisation, side excitation, filtering): N_L·10^(−ER/10) laser photons per pulse are collected with the source's photons (<c>laser_extinction_db</c>, in dB; optional; range ≥ 0).</summary>
    public double? LaserExtinctionDb { get; init; }

    /// <summary>Photon statistics of the leaked laser light per pulse: coherent (Poisson, a phase-randomised laser pulse) or thermal (Bose–Einstein) (<c>laser_background_statistics</c>; default coherent; coherent | thermal).</summary>
    public LaserBackgroundStatistics? LaserBackgroundStatistics { get; init; }

    /// <summary>p_on, share of time in the bright state (blinking, charge-state occupancy): a pulse in the dark state gives no photon; 1 = no blinking (<c>blinking_on_fraction</c>; default 1; range (0, 1]).</summary>
    public double? BlinkingOnFraction { get; init; }

    /// <summary>τ_b, correlation time of the bright/dark switching: a pulse Δt later is bright with P = p_on + (1 − p_on)e^(−Δt/τ_b) after a bright one; 0 = pulses independent (<c>blinking_correlation_ns</c>, in ns; default 0; range ≥ 0).</summary>
    public double? BlinkingCorrelationNs { get; init; }

    /// <summary>Internal state of the extra photon of a two-photon emission (<c>multiphoton_model</c>; default distinguishable; distinguishable | indistinguishable | master_equation).</summary>
    public MultiphotonModelChoice? MultiphotonModel { get; init; }

    /// <summary>Measured g2, overrides the computed value (with brightness and indistinguishability and no lifetime: a source given by its measured figures) (<c>g2</c>; optional; range ≥ 0).</summary>
    public double? G2 { get; init; }

    /// <summary>Measured M_s, overrides the computed value; above 1 only with multiphoton_model master_equation (a partly indistinguishable extra photon) (<c>indistinguishability</c>; optional; range ≥ 0).</summary>
    public double? Indistinguishability { get; init; }

    /// <summary>Measured P(≥ 1 photon) collected per pulse, overrides the computed value (<c>brightness</c>; optional; range [0, 1]).</summary>
    public double? Brightness { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (WavelengthNm is { } @wavelengthNm) settings.Add(new("wavelength_nm", new SettingValue.Number(@wavelengthNm)));
        if (LifetimePs is { } @lifetimePs) settings.Add(new("lifetime_ps", new SettingValue.Number(@lifetimePs)));
        if (BulkLifetimePs is { } @bulkLifetimePs) settings.Add(new("bulk_lifetime_ps", new SettingValue.Number(@bulkLifetimePs)));
        if (Purcell is { } @purcell) settings.Add(new("purcell", new SettingValue.Number(@purcell)));
        if (QFactor is { } @qFactor) settings.Add(new("q_factor", new SettingValue.Number(@qFactor)));
        if (ModeVolumeCubicLambdaOverN is { } @modeVolumeCubicLambdaOverN) settings.Add(new("mode_volume_cubic_lambda_over_n", new SettingValue.Number(@modeVolumeCubicLambdaOverN)));
        if (CavityWavelengthNm is { } @cavityWavelengthNm) settings.Add(new("cavity_wavelength_nm", new SettingValue.Number(@cavityWavelengthNm)));
        if (DipoleAlignment is { } @dipoleAlignment) settings.Add(new("dipole_alignment", new SettingValue.Number(@dipoleAlignment)));
        if (OtherDecayFraction is { } @otherDecayFraction) settings.Add(new("other_decay_fraction", new SettingValue.Number(@otherDecayFraction)));
        if (RefractiveIndex is { } @refractiveIndex) settings.Add(new("refractive_index", new SettingValue.Number(@refractiveIndex)));
        if (Beta is { } @beta) settings.Add(new("beta", new SettingValue.Number(@beta)));
        if (QuantumEfficiency is { } @quantumEfficiency) settings.Add(new("quantum_efficiency", new SettingValue.Number(@quantumEfficiency)));
        if (PureDephasingPerNs is { } @pureDephasingPerNs) settings.Add(new("pure_dephasing_per_ns", new SettingValue.Number(@pureDephasingPerNs)));
        if (SpectralDiffusionGhz is { } @spectralDiffusionGhz) settings.Add(new("spectral_diffusion_ghz", new SettingValue.Number(@spectralDiffusionGhz)));
        if (SpectralDiffusionCorrelationNs is { } @spectralDiffusionCorrelationNs) settings.Add(new("spectral_diffusion_correlation_ns", new SettingValue.Number(@spectralDiffusionCorrelationNs)));
        if (TemperatureK is { } @temperatureK) settings.Add(new("temperature_k", new SettingValue.Number(@temperatureK)));
        if (PhononAlphaPs2 is { } @phononAlphaPs2) settings.Add(new("phonon_alpha_ps2", new SettingValue.Number(@phononAlphaPs2)));
        if (PhononCutoffPerPs is { } @phononCutoffPerPs) settings.Add(new("phonon_cutoff_per_ps", new SettingValue.Number(@phononCutoffPerPs)));
        if (ZplFraction is { } @zplFraction) settings.Add(new("zpl_fraction", new SettingValue.Number(@zplFraction)));
        if (PsbTransmission is { } @psbTransmission) settings.Add(new("psb_transmission", new SettingValue.Number(@psbTransmission)));
        if (PhononSideband is { } @phononSideband) settings.Add(new("phonon_sideband", new SettingValue.Word(SettingWords.Word(@phononSideband))));
        if (Excitation is { } @excitation) settings.Add(new("excitation", new SettingValue.Word(SettingWords.Word(@excitation))));
        if (PulseFwhmPs is { } @pulseFwhmPs) settings.Add(new("pulse_fwhm_ps", new SettingValue.Number(@pulseFwhmPs)));
        if (Line is { } @line) settings.Add(new("line", new SettingValue.Word(SettingWords.Word(@line))));
        if (BiexcitonBindingMev is { } @biexcitonBindingMev) settings.Add(new("biexciton_binding_mev", new SettingValue.Number(@biexcitonBindingMev)));
        if (BiexcitonLifetimePs is { } @biexcitonLifetimePs) settings.Add(new("biexciton_lifetime_ps", new SettingValue.Number(@biexcitonLifetimePs)));
        if (FineStructureSplittingUev is { } @fineStructureSplittingUev) settings.Add(new("fine_structure_splitting_uev", new SettingValue.Number(@fineStructureSplittingUev)));
        if (RelaxationPs is { } @relaxationPs) settings.Add(new("relaxation_ps", new SettingValue.Number(@relaxationPs)));
        if (PreparationEfficiency is { } @preparationEfficiency) settings.Add(new("preparation_efficiency", new SettingValue.Number(@preparationEfficiency)));
        if (PolarizationFilter is { } @polarizationFilter) settings.Add(new("polarization_filter", new SettingValue.Number(@polarizationFilter)));
        if (ExtractionEfficiency is { } @extractionEfficiency) settings.Add(new("extraction_efficiency", new SettingValue.Number(@extractionEfficiency)));
        if (RepetitionRateMhz is { } @repetitionRateMhz) settings.Add(new("repetition_rate_mhz", new SettingValue.Number(@repetitionRateMhz)));
        if (LaserBackgroundRatio is { } @laserBackgroundRatio) settings.Add(new("laser_background_ratio", new SettingValue.Number(@laserBackgroundRatio)));
        if (LaserPowerUw is { } @laserPowerUw) settings.Add(new("laser_power_uw", new SettingValue.Number(@laserPowerUw)));
        if (LaserExtinctionDb is { } @laserExtinctionDb) settings.Add(new("laser_extinction_db", new SettingValue.Number(@laserExtinctionDb)));
        if (LaserBackgroundStatistics is { } @laserBackgroundStatistics) settings.Add(new("laser_background_statistics", new SettingValue.Word(SettingWords.Word(@laserBackgroundStatistics))));
        if (BlinkingOnFraction is { } @blinkingOnFraction) settings.Add(new("blinking_on_fraction", new SettingValue.Number(@blinkingOnFraction)));
        if (BlinkingCorrelationNs is { } @blinkingCorrelationNs) settings.Add(new("blinking_correlation_ns", new SettingValue.Number(@blinkingCorrelationNs)));
        if (MultiphotonModel is { } @multiphotonModel) settings.Add(new("multiphoton_model", new SettingValue.Word(SettingWords.Word(@multiphotonModel))));
        if (G2 is { } @g2) settings.Add(new("g2", new SettingValue.Number(@g2)));
        if (Indistinguishability is { } @indistinguishability) settings.Add(new("indistinguishability", new SettingValue.Number(@indistinguishability)));
        if (Brightness is { } @brightness) settings.Add(new("brightness", new SettingValue.Number(@brightness)));
    }
}

/// <summary>The settings of the built-in component <c>detector</c>: single-photon detector (threshold or photon-number resolving); a matched termination classically. Ports: in.</summary>
public sealed record Detector : ComponentSettings
{
    private static readonly string[] FixedPorts = ["in"];

    /// <inheritdoc/>
    public override string ComponentName => "detector";

    /// <inheritdoc/>
    public override IReadOnlyList<string>? PortNames => FixedPorts;

    /// <summary>Detection efficiency η (<c>efficiency</c>; default 1; range [0, 1]).</summary>
    public double? Efficiency { get; init; }

    /// <summary>Dark-count rate (<c>dark_count_rate_hz</c>, in Hz; default 0; range ≥ 0).</summary>
    public double? DarkCountRateHz { get; init; }

    /// <summary>Detection gate: dark counts accumulate over it, jittered clicks outside it are lost (<c>gate_ns</c>, in ns; default 1; range &gt; 0).</summary>
    public double? GateNs { get; init; }

    /// <summary>Dead time τ_d: a rate R becomes R/(1 + R·τ_d), or with dead_time_model: pulsed f·p/(1 + K·p), K the pulses within τ_d (<c>dead_time_ns</c>, in ns; default 0; range ≥ 0).</summary>
    public double? DeadTimeNs { get; init; }

    /// <summary>Timing jitter (FWHM); the share of clicks outside the gate is lost (<c>jitter_ps</c>, in ps; default 0; range ≥ 0).</summary>
    public double? JitterPs { get; init; }

    /// <summary>Threshold (click/no click) or pnr (photon-number resolving) (<c>resolution</c>; default threshold; threshold | pnr).</summary>
    public Resolution? Resolution { get; init; }

    /// <summary>Largest photon count a pnr detector reports (<c>max_photons</c>; default 8; range [1, 2147483590]).</summary>
    public int? MaxPhotons { get; init; }

    /// <summary>Continuous: R/(1 + R·τ_d) (spec §5); pulsed: a pulse train at the source's frame rate, no loss when τ_d ≤ 1/f, else f·p/(1 + K·p) with K = ⌈τ_d·f⌉ − 1; behind a time_demux the pulses the detector receives (every N-th pulse, or a gated switch's bursts) (<c>dead_time_model</c>; default continuous; continuous | pulsed).</summary>
    public DeadTimeModel? DeadTimeModel { get; init; }

    /// <summary>P_ap, probability that a click is followed by an afterpulse, late enough to fall at a random time: afterpulses are extra dark counts at rate P_ap·R/(1 − P_ap), R the detector's click rate; needs the sources' repetition_rate_mhz (<c>afterpulse_probability</c>; default 0; range [0, 0.9]).</summary>
    public double? AfterpulseProbability { get; init; }

    /// <summary>τ_ap, time constant of the exponential delay from a click to its afterpulse: the detector is followed pulse by pulse, an afterpulse lands in a later pulse's gate with the delay's weight there, so a click raises the next pulses' click probability; without it afterpulses fall at random times. With dead_time_ns &gt; 0 it needs dead_time_model: pulsed (<c>afterpulse_time_ns</c>, in ns; optional; range &gt; 0).</summary>
    public double? AfterpulseTimeNs { get; init; }

    private protected override void Write(List<KeyValuePair<string, SettingValue>> settings)
    {
        if (Efficiency is { } @efficiency) settings.Add(new("efficiency", new SettingValue.Number(@efficiency)));
        if (DarkCountRateHz is { } @darkCountRateHz) settings.Add(new("dark_count_rate_hz", new SettingValue.Number(@darkCountRateHz)));
        if (GateNs is { } @gateNs) settings.Add(new("gate_ns", new SettingValue.Number(@gateNs)));
        if (DeadTimeNs is { } @deadTimeNs) settings.Add(new("dead_time_ns", new SettingValue.Number(@deadTimeNs)));
        if (JitterPs is { } @jitterPs) settings.Add(new("jitter_ps", new SettingValue.Number(@jitterPs)));
        if (Resolution is { } @resolution) settings.Add(new("resolution", new SettingValue.Word(SettingWords.Word(@resolution))));
        if (MaxPhotons is { } @maxPhotons) settings.Add(new("max_photons", new SettingValue.Number(@maxPhotons)));
        if (DeadTimeModel is { } @deadTimeModel) settings.Add(new("dead_time_model", new SettingValue.Word(SettingWords.Word(@deadTimeModel))));
        if (AfterpulseProbability is { } @afterpulseProbability) settings.Add(new("afterpulse_probability", new SettingValue.Number(@afterpulseProbability)));
        if (AfterpulseTimeNs is { } @afterpulseTimeNs) settings.Add(new("afterpulse_time_ns", new SettingValue.Number(@afterpulseTimeNs)));
    }
}

/// <summary>An instance of <c>waveguide</c> in a circuit built in code, with its ports (o1, o2).</summary>
public sealed partial class WaveguideInstance : Instance<Waveguide>
{
    internal WaveguideInstance(CircuitContents owner, string name, Waveguide settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>o1</c>.</summary>
    public PortRef O1 => Port("o1");

    /// <summary>The port <c>o2</c>.</summary>
    public PortRef O2 => Port("o2");
}

/// <summary>An instance of <c>delay_line</c> in a circuit built in code, with its ports (o1, o2).</summary>
public sealed partial class DelayLineInstance : Instance<DelayLine>
{
    internal DelayLineInstance(CircuitContents owner, string name, DelayLine settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>o1</c>.</summary>
    public PortRef O1 => Port("o1");

    /// <summary>The port <c>o2</c>.</summary>
    public PortRef O2 => Port("o2");
}

/// <summary>An instance of <c>phase_shifter</c> in a circuit built in code, with its ports (o1, o2).</summary>
public sealed partial class PhaseShifterInstance : Instance<PhaseShifter>
{
    internal PhaseShifterInstance(CircuitContents owner, string name, PhaseShifter settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>o1</c>.</summary>
    public PortRef O1 => Port("o1");

    /// <summary>The port <c>o2</c>.</summary>
    public PortRef O2 => Port("o2");
}

/// <summary>An instance of <c>attenuator</c> in a circuit built in code, with its ports (o1, o2).</summary>
public sealed partial class AttenuatorInstance : Instance<Attenuator>
{
    internal AttenuatorInstance(CircuitContents owner, string name, Attenuator settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>o1</c>.</summary>
    public PortRef O1 => Port("o1");

    /// <summary>The port <c>o2</c>.</summary>
    public PortRef O2 => Port("o2");
}

/// <summary>An instance of <c>beam_splitter</c> in a circuit built in code, with its ports (in0, in1, out0, out1).</summary>
public sealed partial class BeamSplitterInstance : Instance<BeamSplitter>
{
    internal BeamSplitterInstance(CircuitContents owner, string name, BeamSplitter settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>in0</c>.</summary>
    public PortRef In0 => Port("in0");

    /// <summary>The port <c>in1</c>.</summary>
    public PortRef In1 => Port("in1");

    /// <summary>The port <c>out0</c>.</summary>
    public PortRef Out0 => Port("out0");

    /// <summary>The port <c>out1</c>.</summary>
    public PortRef Out1 => Port("out1");
}

/// <summary>An instance of <c>directional_coupler</c> in a circuit built in code, with its ports (in0, in1, out0, out1).</summary>
public sealed partial class DirectionalCouplerInstance : Instance<DirectionalCoupler>
{
    internal DirectionalCouplerInstance(CircuitContents owner, string name, DirectionalCoupler settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>in0</c>.</summary>
    public PortRef In0 => Port("in0");

    /// <summary>The port <c>in1</c>.</summary>
    public PortRef In1 => Port("in1");

    /// <summary>The port <c>out0</c>.</summary>
    public PortRef Out0 => Port("out0");

    /// <summary>The port <c>out1</c>.</summary>
    public PortRef Out1 => Port("out1");
}

/// <summary>An instance of <c>dispersive_coupler</c> in a circuit built in code, with its ports (in0, in1, out0, out1).</summary>
public sealed partial class DispersiveCouplerInstance : Instance<DispersiveCoupler>
{
    internal DispersiveCouplerInstance(CircuitContents owner, string name, DispersiveCoupler settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>in0</c>.</summary>
    public PortRef In0 => Port("in0");

    /// <summary>The port <c>in1</c>.</summary>
    public PortRef In1 => Port("in1");

    /// <summary>The port <c>out0</c>.</summary>
    public PortRef Out0 => Port("out0");

    /// <summary>The port <c>out1</c>.</summary>
    public PortRef Out1 => Port("out1");
}

/// <summary>An instance of <c>mmi1x2</c> in a circuit built in code, with its ports (in0, out0, out1).</summary>
public sealed partial class Mmi1x2Instance : Instance<Mmi1x2>
{
    internal Mmi1x2Instance(CircuitContents owner, string name, Mmi1x2 settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>in0</c>.</summary>
    public PortRef In0 => Port("in0");

    /// <summary>The port <c>out0</c>.</summary>
    public PortRef Out0 => Port("out0");

    /// <summary>The port <c>out1</c>.</summary>
    public PortRef Out1 => Port("out1");
}

/// <summary>An instance of <c>mmi2x2</c> in a circuit built in code, with its ports (in0, in1, out0, out1).</summary>
public sealed partial class Mmi2x2Instance : Instance<Mmi2x2>
{
    internal Mmi2x2Instance(CircuitContents owner, string name, Mmi2x2 settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>in0</c>.</summary>
    public PortRef In0 => Port("in0");

    /// <summary>The port <c>in1</c>.</summary>
    public PortRef In1 => Port("in1");

    /// <summary>The port <c>out0</c>.</summary>
    public PortRef Out0 => Port("out0");

    /// <summary>The port <c>out1</c>.</summary>
    public PortRef Out1 => Port("out1");
}

/// <summary>An instance of <c>mmi1x2_gaussian</c> in a circuit built in code, with its ports (in0, out0, out1).</summary>
public sealed partial class Mmi1x2GaussianInstance : Instance<Mmi1x2Gaussian>
{
    internal Mmi1x2GaussianInstance(CircuitContents owner, string name, Mmi1x2Gaussian settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>in0</c>.</summary>
    public PortRef In0 => Port("in0");

    /// <summary>The port <c>out0</c>.</summary>
    public PortRef Out0 => Port("out0");

    /// <summary>The port <c>out1</c>.</summary>
    public PortRef Out1 => Port("out1");
}

/// <summary>An instance of <c>mmi2x2_gaussian</c> in a circuit built in code, with its ports (in0, in1, out0, out1).</summary>
public sealed partial class Mmi2x2GaussianInstance : Instance<Mmi2x2Gaussian>
{
    internal Mmi2x2GaussianInstance(CircuitContents owner, string name, Mmi2x2Gaussian settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>in0</c>.</summary>
    public PortRef In0 => Port("in0");

    /// <summary>The port <c>in1</c>.</summary>
    public PortRef In1 => Port("in1");

    /// <summary>The port <c>out0</c>.</summary>
    public PortRef Out0 => Port("out0");

    /// <summary>The port <c>out1</c>.</summary>
    public PortRef Out1 => Port("out1");
}

/// <summary>An instance of <c>crossing</c> in a circuit built in code, with its ports (o1, o2, o3, o4).</summary>
public sealed partial class CrossingInstance : Instance<Crossing>
{
    internal CrossingInstance(CircuitContents owner, string name, Crossing settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>o1</c>.</summary>
    public PortRef O1 => Port("o1");

    /// <summary>The port <c>o2</c>.</summary>
    public PortRef O2 => Port("o2");

    /// <summary>The port <c>o3</c>.</summary>
    public PortRef O3 => Port("o3");

    /// <summary>The port <c>o4</c>.</summary>
    public PortRef O4 => Port("o4");
}

/// <summary>An instance of <c>mirror</c> in a circuit built in code, with its ports (o1, o2).</summary>
public sealed partial class MirrorInstance : Instance<Mirror>
{
    internal MirrorInstance(CircuitContents owner, string name, Mirror settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>o1</c>.</summary>
    public PortRef O1 => Port("o1");

    /// <summary>The port <c>o2</c>.</summary>
    public PortRef O2 => Port("o2");
}

/// <summary>An instance of <c>grating_coupler</c> in a circuit built in code, with its ports (wg, fiber).</summary>
public sealed partial class GratingCouplerInstance : Instance<GratingCoupler>
{
    internal GratingCouplerInstance(CircuitContents owner, string name, GratingCoupler settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>wg</c>.</summary>
    public PortRef Wg => Port("wg");

    /// <summary>The port <c>fiber</c>.</summary>
    public PortRef Fiber => Port("fiber");
}

/// <summary>An instance of <c>terminator</c> in a circuit built in code, with its ports (o1).</summary>
public sealed partial class TerminatorInstance : Instance<Terminator>
{
    internal TerminatorInstance(CircuitContents owner, string name, Terminator settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>o1</c>.</summary>
    public PortRef O1 => Port("o1");
}

/// <summary>An instance of <c>isolator</c> in a circuit built in code, with its ports (o1, o2).</summary>
public sealed partial class IsolatorInstance : Instance<Isolator>
{
    internal IsolatorInstance(CircuitContents owner, string name, Isolator settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>o1</c>.</summary>
    public PortRef O1 => Port("o1");

    /// <summary>The port <c>o2</c>.</summary>
    public PortRef O2 => Port("o2");
}

/// <summary>An instance of <c>ring_all_pass</c> in a circuit built in code, with its ports (in0, out0).</summary>
public sealed partial class RingAllPassInstance : Instance<RingAllPass>
{
    internal RingAllPassInstance(CircuitContents owner, string name, RingAllPass settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>in0</c>.</summary>
    public PortRef In0 => Port("in0");

    /// <summary>The port <c>out0</c>.</summary>
    public PortRef Out0 => Port("out0");
}

/// <summary>An instance of <c>ring_add_drop</c> in a circuit built in code, with its ports (in0, out0, add, drop).</summary>
public sealed partial class RingAddDropInstance : Instance<RingAddDrop>
{
    internal RingAddDropInstance(CircuitContents owner, string name, RingAddDrop settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>in0</c>.</summary>
    public PortRef In0 => Port("in0");

    /// <summary>The port <c>out0</c>.</summary>
    public PortRef Out0 => Port("out0");

    /// <summary>The port <c>add</c>.</summary>
    public PortRef Add => Port("add");

    /// <summary>The port <c>drop</c>.</summary>
    public PortRef Drop => Port("drop");
}

/// <summary>An instance of <c>unitary</c> in a circuit built in code, with its ports (in0 … in{m−1}, out0 … out{m−1}).</summary>
public sealed partial class UnitaryInstance : Instance<Unitary>
{
    internal UnitaryInstance(CircuitContents owner, string name, Unitary settings) : base(owner, name, settings)
    {
    }
}

/// <summary>An instance of <c>sparameters</c> in a circuit built in code, with its ports (o1 … oN, the file's ports in order; with port_naming: file, the names its comments give them).</summary>
public sealed partial class SParametersInstance : Instance<SParameters>
{
    internal SParametersInstance(CircuitContents owner, string name, SParameters settings) : base(owner, name, settings)
    {
    }
}

/// <summary>An instance of <c>time_demux</c> in a circuit built in code, with its ports (in, out0 … out{N−1}).</summary>
public sealed partial class TimeDemuxInstance : Instance<TimeDemux>
{
    internal TimeDemuxInstance(CircuitContents owner, string name, TimeDemux settings) : base(owner, name, settings)
    {
    }
}

/// <summary>An instance of <c>quantum_dot</c> in a circuit built in code, with its ports (left, right).</summary>
public sealed partial class QuantumDotInstance : Instance<QuantumDot>
{
    internal QuantumDotInstance(CircuitContents owner, string name, QuantumDot settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>left</c>.</summary>
    public PortRef Left => Port("left");

    /// <summary>The port <c>right</c>.</summary>
    public PortRef Right => Port("right");
}

/// <summary>An instance of <c>cavity_source</c> in a circuit built in code, with its ports (out).</summary>
public sealed partial class CavitySourceInstance : Instance<CavitySource>
{
    internal CavitySourceInstance(CircuitContents owner, string name, CavitySource settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>out</c>.</summary>
    public PortRef Out => Port("out");
}

/// <summary>An instance of <c>detector</c> in a circuit built in code, with its ports (in).</summary>
public sealed partial class DetectorInstance : Instance<Detector>
{
    internal DetectorInstance(CircuitContents owner, string name, Detector settings) : base(owner, name, settings)
    {
    }

    /// <summary>The port <c>in</c>.</summary>
    public PortRef In => Port("in");
}

public abstract partial class CircuitContents
{
    /// <summary>Adds an instance of <c>waveguide</c> (straight waveguide with first-order dispersion and propagation loss) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public WaveguideInstance Add(string name, Waveguide settings) => AddInstance(new WaveguideInstance(this, name, settings));

    /// <summary>Adds an instance of <c>delay_line</c> (dispersion-free time delay: phase ωτ, group delay τ) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public DelayLineInstance Add(string name, DelayLine settings) => AddInstance(new DelayLineInstance(this, name, settings));

    /// <summary>Adds an instance of <c>phase_shifter</c> (wavelength-independent phase shift) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public PhaseShifterInstance Add(string name, PhaseShifter settings) => AddInstance(new PhaseShifterInstance(this, name, settings));

    /// <summary>Adds an instance of <c>attenuator</c> (neutral power attenuation without phase) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public AttenuatorInstance Add(string name, Attenuator settings) => AddInstance(new AttenuatorInstance(this, name, settings));

    /// <summary>Adds an instance of <c>beam_splitter</c> (wavelength-independent 2×2 beam splitter [[t, iκ], [iκ, t]]) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public BeamSplitterInstance Add(string name, BeamSplitter settings) => AddInstance(new BeamSplitterInstance(this, name, settings));

    /// <summary>Adds an instance of <c>directional_coupler</c> (2×2 coupler with coupling linear in wavelength) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public DirectionalCouplerInstance Add(string name, DirectionalCoupler settings) => AddInstance(new DirectionalCouplerInstance(this, name, settings));

    /// <summary>Adds an instance of <c>dispersive_coupler</c> (2×2 coupler from its coupled-mode phase θ(λ), dispersive to second order (SAX's coupler)) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public DispersiveCouplerInstance Add(string name, DispersiveCoupler settings) => AddInstance(new DispersiveCouplerInstance(this, name, settings));

    /// <summary>Adds an instance of <c>mmi1x2</c> (1×2 MMI splitter: equal in-phase split, antisymmetric input radiated) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public Mmi1x2Instance Add(string name, Mmi1x2 settings) => AddInstance(new Mmi1x2Instance(this, name, settings));

    /// <summary>Adds an instance of <c>mmi2x2</c> (2×2 MMI: a 50:50 beam splitter) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public Mmi2x2Instance Add(string name, Mmi2x2 settings) => AddInstance(new Mmi2x2Instance(this, name, settings));

    /// <summary>Adds an instance of <c>mmi1x2_gaussian</c> (1×2 MMI splitter with a Gaussian spectral response (SAX's mmi1x2)) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public Mmi1x2GaussianInstance Add(string name, Mmi1x2Gaussian settings) => AddInstance(new Mmi1x2GaussianInstance(this, name, settings));

    /// <summary>Adds an instance of <c>mmi2x2_gaussian</c> (2×2 MMI with Gaussian through and cross responses (SAX's mmi2x2)) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public Mmi2x2GaussianInstance Add(string name, Mmi2x2Gaussian settings) => AddInstance(new Mmi2x2GaussianInstance(this, name, settings));

    /// <summary>Adds an instance of <c>crossing</c> (waveguide crossing with symmetric crosstalk to the neighbouring ports) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public CrossingInstance Add(string name, Crossing settings) => AddInstance(new CrossingInstance(this, name, settings));

    /// <summary>Adds an instance of <c>mirror</c> (partially reflecting mirror) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public MirrorInstance Add(string name, Mirror settings) => AddInstance(new MirrorInstance(this, name, settings));

    /// <summary>Adds an instance of <c>grating_coupler</c> (fibre grating coupler with a Gaussian passband and back-reflection) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public GratingCouplerInstance Add(string name, GratingCoupler settings) => AddInstance(new GratingCouplerInstance(this, name, settings));

    /// <summary>Adds an instance of <c>terminator</c> (one-port absorber with an optional residual reflection) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public TerminatorInstance Add(string name, Terminator settings) => AddInstance(new TerminatorInstance(this, name, settings));

    /// <summary>Adds an instance of <c>isolator</c> (non-reciprocal two-port: o1 → o2 passes, o2 → o1 is isolated) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public IsolatorInstance Add(string name, Isolator settings) => AddInstance(new IsolatorInstance(this, name, settings));

    /// <summary>Adds an instance of <c>ring_all_pass</c> (all-pass ring resonator (closed form of a beam splitter closed on a waveguide)) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public RingAllPassInstance Add(string name, RingAllPass settings) => AddInstance(new RingAllPassInstance(this, name, settings));

    /// <summary>Adds an instance of <c>ring_add_drop</c> (add-drop ring resonator (closed form of two beam splitters joined by two half rings)) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public RingAddDropInstance Add(string name, RingAddDrop settings) => AddInstance(new RingAddDropInstance(this, name, settings));

    /// <summary>Adds an instance of <c>unitary</c> (user-given passive m-mode transfer matrix) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public UnitaryInstance Add(string name, Unitary settings) => AddInstance(new UnitaryInstance(this, name, settings));

    /// <summary>Adds an instance of <c>sparameters</c> (S-parameters from a Touchstone file (.sNp), interpolated over the file's band) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public SParametersInstance Add(string name, SParameters settings) => AddInstance(new SParametersInstance(this, name, settings));

    /// <summary>Adds an instance of <c>time_demux</c> (time demultiplexer: pulse k leaves at out(k mod N)) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public TimeDemuxInstance Add(string name, TimeDemux settings) => AddInstance(new TimeDemuxInstance(this, name, settings));

    /// <summary>Adds an instance of <c>quantum_dot</c> (quantum-dot emitter in a waveguide: a single-photon source, or a weak-drive coherent scatterer) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public QuantumDotInstance Add(string name, QuantumDot settings) => AddInstance(new QuantumDotInstance(this, name, settings));

    /// <summary>Adds an instance of <c>cavity_source</c> (quantum-dot emitter in a micropillar or open cavity: a single-photon source; a matched termination otherwise) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public CavitySourceInstance Add(string name, CavitySource settings) => AddInstance(new CavitySourceInstance(this, name, settings));

    /// <summary>Adds an instance of <c>detector</c> (single-photon detector (threshold or photon-number resolving); a matched termination classically) with its settings.</summary>
    /// <param name="name">The instance's name (letters, digits and <c>_</c>, not starting with a digit).</param>
    /// <param name="settings">The settings; those left null take the component's defaults.</param>
    public DetectorInstance Add(string name, Detector settings) => AddInstance(new DetectorInstance(this, name, settings));
}

/// <summary>The words of the setting <c>dead_time_model</c>.</summary>
public enum DeadTimeModel
{
    /// <summary><c>continuous</c>.</summary>
    Continuous,
    /// <summary><c>pulsed</c>.</summary>
    Pulsed,
}

/// <summary>The words of the setting <c>excitation</c>.</summary>
public enum Excitation
{
    /// <summary><c>ideal</c>.</summary>
    Ideal,
    /// <summary><c>resonant</c>.</summary>
    Resonant,
    /// <summary><c>phonon_assisted</c>.</summary>
    PhononAssisted,
    /// <summary><c>two_photon</c>.</summary>
    TwoPhoton,
    /// <summary><c>above_band</c>.</summary>
    AboveBand,
}

/// <summary>The words of the setting <c>laser_background_statistics</c>.</summary>
public enum LaserBackgroundStatistics
{
    /// <summary><c>coherent</c>.</summary>
    Coherent,
    /// <summary><c>thermal</c>.</summary>
    Thermal,
}

/// <summary>The words of the setting <c>line</c>.</summary>
public enum Line
{
    /// <summary><c>x</c>.</summary>
    X,
    /// <summary><c>xx</c>.</summary>
    Xx,
}

/// <summary>The words of the setting <c>multiphoton_model</c>.</summary>
public enum MultiphotonModelChoice
{
    /// <summary><c>distinguishable</c>.</summary>
    Distinguishable,
    /// <summary><c>indistinguishable</c>.</summary>
    Indistinguishable,
    /// <summary><c>master_equation</c>.</summary>
    MasterEquation,
}

/// <summary>The words of the setting <c>passivity</c>.</summary>
public enum Passivity
{
    /// <summary><c>check</c>.</summary>
    Check,
    /// <summary><c>enforce</c>.</summary>
    Enforce,
}

/// <summary>The words of the setting <c>phonon_sideband</c>.</summary>
public enum PhononSideband
{
    /// <summary><c>bulk</c>.</summary>
    Bulk,
    /// <summary><c>cavity</c>.</summary>
    Cavity,
}

/// <summary>The words of the setting <c>port_naming</c>.</summary>
public enum PortNaming
{
    /// <summary><c>numbered</c>.</summary>
    Numbered,
    /// <summary><c>file</c>.</summary>
    File,
}

/// <summary>The words of the setting <c>resolution</c>.</summary>
public enum Resolution
{
    /// <summary><c>threshold</c>.</summary>
    Threshold,
    /// <summary><c>pnr</c>.</summary>
    Pnr,
}

/// <summary>The netlist words of the choice settings' enums.</summary>
internal static class SettingWords
{
    public static string Word(DeadTimeModel value) => value switch
    {
        DeadTimeModel.Continuous => "continuous",
        DeadTimeModel.Pulsed => "pulsed",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a DeadTimeModel"),
    };

    public static string Word(Excitation value) => value switch
    {
        Excitation.Ideal => "ideal",
        Excitation.Resonant => "resonant",
        Excitation.PhononAssisted => "phonon_assisted",
        Excitation.TwoPhoton => "two_photon",
        Excitation.AboveBand => "above_band",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a Excitation"),
    };

    public static string Word(LaserBackgroundStatistics value) => value switch
    {
        LaserBackgroundStatistics.Coherent => "coherent",
        LaserBackgroundStatistics.Thermal => "thermal",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a LaserBackgroundStatistics"),
    };

    public static string Word(Line value) => value switch
    {
        Line.X => "x",
        Line.Xx => "xx",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a Line"),
    };

    public static string Word(MultiphotonModelChoice value) => value switch
    {
        MultiphotonModelChoice.Distinguishable => "distinguishable",
        MultiphotonModelChoice.Indistinguishable => "indistinguishable",
        MultiphotonModelChoice.MasterEquation => "master_equation",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a MultiphotonModelChoice"),
    };

    public static string Word(Passivity value) => value switch
    {
        Passivity.Check => "check",
        Passivity.Enforce => "enforce",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a Passivity"),
    };

    public static string Word(PhononSideband value) => value switch
    {
        PhononSideband.Bulk => "bulk",
        PhononSideband.Cavity => "cavity",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a PhononSideband"),
    };

    public static string Word(PortNaming value) => value switch
    {
        PortNaming.Numbered => "numbered",
        PortNaming.File => "file",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a PortNaming"),
    };

    public static string Word(Resolution value) => value switch
    {
        Resolution.Threshold => "threshold",
        Resolution.Pnr => "pnr",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a Resolution"),
    };
}
