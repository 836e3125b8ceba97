namespace PhotonicKit.Components.Sources;

/// <summary>
/// Overlaps of single-photon wavepackets (two-photon indistinguishability M) for exponentially decaying
/// emitters. Every rate, linewidth and detuning is angular and in one common unit (rad/ps in PhotonicKit).
/// </summary>
public static class WavepacketOverlap
{
    /// <summary>
    /// Pure dephasing: M = T2/(2T1) = Γ/(Γ + 2γ*), with the coherence decaying at Γ/2 + γ*
    /// (Bylander, Robert-Philip, Abram, Eur. Phys. J. D 22, 295 (2003)).
    /// </summary>
    /// <param name="decayRate">Γ = 1/T1 &gt; 0.</param>
    /// <param name="pureDephasingRate">γ* ≥ 0.</param>
    public static double PureDephasing(double decayRate, double pureDephasingRate)
    {
        EmitterCoupling.RequirePositive(decayRate, nameof(decayRate));
        EmitterCoupling.RequireNonNegative(pureDephasingRate, nameof(pureDephasingRate));
        return decayRate / (decayRate + 2 * pureDephasingRate);
    }

    /// <summary>
    /// Overlap of photons from two independent emitters a and b with Gaussian spreads of their line centres:
    /// W = (Γ_a + Γ_b)/2 + γ*_a + γ*_b, s² = σ_a² + σ_b²,
    /// M_ab = [2Γ_aΓ_b/((Γ_a + Γ_b)W)] · √(π/2)(W/s) · Re w((δ0 + iW)/(√2 s)), w the Faddeeva function;
    /// for s = 0 it is <see cref="BetweenFixedLines"/>. This is the two-time overlap
    /// 2Re∫∫ G1_a(t, t+τ) G1_b*(t, t+τ) of two exponential wavepackets (Kiraz, Atatüre, Imamoglu, PRA 69,
    /// 032305 (2004)) averaged over a Gaussian detuning, which turns the Lorentzian in δ into a Voigt profile
    /// (Thoma et al., PRL 116, 033601 (2016) for the one-source form √π z e^{z²} erfc z, z = (Γ+2γ*)/(2σ)).
    /// </summary>
    /// <param name="decayRateA">Γ_a &gt; 0.</param>
    /// <param name="decayRateB">Γ_b &gt; 0.</param>
    /// <param name="pureDephasingRateA">γ*_a ≥ 0.</param>
    /// <param name="pureDephasingRateB">γ*_b ≥ 0.</param>
    /// <param name="centreDetuning">δ0 = mean ω_b − mean ω_a.</param>
    /// <param name="spreadA">σ_a ≥ 0, standard deviation of a's line centre.</param>
    /// <param name="spreadB">σ_b ≥ 0.</param>
    public static double BetweenEmitters(double decayRateA, double decayRateB, double pureDephasingRateA, double pureDephasingRateB,
        double centreDetuning, double spreadA, double spreadB)
    {
        EmitterCoupling.RequireNonNegative(spreadA, nameof(spreadA));
        EmitterCoupling.RequireNonNegative(spreadB, nameof(spreadB));
        double fixedLines = BetweenFixedLines(decayRateA, decayRateB, pureDephasingRateA, pureDephasingRateB, centreDetuning);
        double s = Math.Sqrt(spreadA * spreadA + spreadB * spreadB);
        if (s == 0) return fixedLines;
        double w = (decayRateA + decayRateB) / 2 + pureDephasingRateA + pureDephasingRateB;
        double prefactor = 2 * decayRateA * decayRateB / (decayRateA + decayRateB);
        var z = new System.Numerics.Complex(centreDetuning, w) / (Math.Sqrt(2) * s);
        // A spread negligible beside W and δ0 (|z| > 1e8, w(z) = i/(√π z) to double precision) is the s → 0 limit.
        if (Faddeeva.IsAsymptotic(z)) return fixedLines;
        return prefactor * Math.Sqrt(Math.PI / 2) / s * Faddeeva.W(z).Real;
    }

    /// <summary>
    /// The s → 0 limit of <see cref="BetweenEmitters"/>: M_ab = 2Γ_aΓ_b W/((Γ_a + Γ_b)(W² + δ0²)),
    /// W = (Γ_a + Γ_b)/2 + γ*_a + γ*_b (Kiraz, Atatüre, Imamoglu, PRA 69, 032305 (2004)).
    /// </summary>
    /// <param name="decayRateA">Γ_a &gt; 0.</param>
    /// <param name="decayRateB">Γ_b &gt; 0.</param>
    /// <param name="pureDephasingRateA">γ*_a ≥ 0.</param>
    /// <param name="pureDephasingRateB">γ*_b ≥ 0.</param>
    /// <param name="detuning">δ0 = ω_b − ω_a.</param>
    public static double BetweenFixedLines(double decayRateA, double decayRateB, double pureDephasingRateA, double pureDephasingRateB, double detuning)
    {
        EmitterCoupling.RequirePositive(decayRateA, nameof(decayRateA));
        EmitterCoupling.RequirePositive(decayRateB, nameof(decayRateB));
        EmitterCoupling.RequireNonNegative(pureDephasingRateA, nameof(pureDephasingRateA));
        EmitterCoupling.RequireNonNegative(pureDephasingRateB, nameof(pureDephasingRateB));
        if (!double.IsFinite(detuning)) throw new ArgumentOutOfRangeException(nameof(detuning), detuning, "detuning must be finite");
        double w = (decayRateA + decayRateB) / 2 + pureDephasingRateA + pureDephasingRateB;
        // The same expression in a form that neither overflows nor divides ∞ by ∞ for extreme rates:
        // 2Γ_aΓ_b/(Γ_a + Γ_b) = 2/(1/Γ_a + 1/Γ_b), and W/(W² + δ0²) with both scaled by max(W, |δ0|).
        double scale = Math.Max(w, Math.Abs(detuning));
        double wr = w / scale, dr = detuning / scale;
        return 2 / (1 / decayRateA + 1 / decayRateB) * (wr / (wr * wr + dr * dr)) / scale;
    }

    /// <summary>
    /// Factor e^{−Γ|τ|} by which a time offset τ between two otherwise identical exponential wavepackets
    /// multiplies their overlap (exact also with pure dephasing): |∫ψ(t)ψ*(t − τ)dt|² for ψ ∝ e^{−Γt/2}.
    /// </summary>
    /// <param name="decayRate">Γ &gt; 0 (rad/ps when τ is in ps).</param>
    /// <param name="timeOffset">τ, any sign.</param>
    public static double TimeOffsetFactor(double decayRate, double timeOffset)
    {
        EmitterCoupling.RequirePositive(decayRate, nameof(decayRate));
        if (!double.IsFinite(timeOffset)) throw new ArgumentOutOfRangeException(nameof(timeOffset), timeOffset, "time offset must be finite");
        return Math.Exp(-decayRate * Math.Abs(timeOffset));
    }

    /// <summary>
    /// Timing jitter from incoherent relaxation into the emitting state at rate γ_r: M = γ_r/(γ_r + Γ)
    /// (Kiraz, Atatüre, Imamoglu, PRA 69, 032305 (2004)).
    /// </summary>
    /// <param name="relaxationRate">γ_r = 1/relaxation time &gt; 0.</param>
    /// <param name="decayRate">Γ &gt; 0.</param>
    public static double RelaxationJitter(double relaxationRate, double decayRate)
    {
        EmitterCoupling.RequirePositive(relaxationRate, nameof(relaxationRate));
        EmitterCoupling.RequirePositive(decayRate, nameof(decayRate));
        return relaxationRate / (relaxationRate + decayRate);
    }

    /// <summary>
    /// Transmission of a spectral filter that passes the zero-phonon line and a share T_PSB of the phonon
    /// sideband: η_f = B² + (1 − B²)T_PSB (Iles-Smith et al., Nat. Photon. 11, 521 (2017)).
    /// </summary>
    /// <param name="zeroPhononFraction">B² in [0, 1].</param>
    /// <param name="sidebandTransmission">T_PSB in [0, 1].</param>
    public static double SidebandFilterEfficiency(double zeroPhononFraction, double sidebandTransmission)
    {
        EmitterCoupling.RequireFraction(zeroPhononFraction, nameof(zeroPhononFraction));
        EmitterCoupling.RequireFraction(sidebandTransmission, nameof(sidebandTransmission));
        return zeroPhononFraction + (1 - zeroPhononFraction) * sidebandTransmission;
    }

    /// <summary>
    /// Indistinguishability with the incoherent phonon sideband partly filtered: M ≈ M_ZPL (B²/η_f)²,
    /// η_f = B² + (1 − B²)T_PSB (unfiltered: M_ZPL·B⁴; Iles-Smith et al., Nat. Photon. 11, 521 (2017)).
    /// Approximation: the sideband is treated as fully distinguishable from everything. Under a cavity that
    /// reshapes the sideband, B² is the mode's zero-phonon share (<see cref="CavityPhononFilter"/>).
    /// </summary>
    /// <param name="zeroPhononIndistinguishability">M_ZPL ≥ 0: an overlap in [0, 1], or the single-photon
    /// indistinguishability M_s of a resonantly driven emitter, which exceeds 1 with re-excitation
    /// (docs/excitation.md); the factor applies to both.</param>
    /// <param name="zeroPhononFraction">B² in (0, 1].</param>
    /// <param name="sidebandTransmission">T_PSB in [0, 1].</param>
    public static double WithPhononSideband(double zeroPhononIndistinguishability, double zeroPhononFraction, double sidebandTransmission)
    {
        EmitterCoupling.RequireNonNegative(zeroPhononIndistinguishability, nameof(zeroPhononIndistinguishability));
        if (!(zeroPhononFraction > 0 && zeroPhononFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(zeroPhononFraction), zeroPhononFraction, "B² must lie in (0, 1]");
        double etaF = SidebandFilterEfficiency(zeroPhononFraction, sidebandTransmission);
        double ratio = zeroPhononFraction / etaF;
        return zeroPhononIndistinguishability * ratio * ratio;
    }
}

/// <summary>Overlap of photons from two bound emitters (the <c>hom</c> analysis between two sources).</summary>
public static class SourceOverlap
{
    /// <summary>
    /// M_ab of single photons from two different sources: √(M_s,a · M_s,b) × D_ab, with the mismatch factor
    /// D_ab = M_ab(Γ, γ*, δ0, σ) / √(M_a M_b) from <see cref="WavepacketOverlap.BetweenEmitters"/>, where
    /// M_a = Γ_a/(Γ_a + 2γ*_a). D_ab carries everything two sources do not share (different lifetimes, the centre
    /// detuning δ0 = ω_b − ω_a from their wavelengths, independent spectral diffusion) and is 1 for two identical
    /// sources without diffusion; M_s carries what each source has on its own (dephasing, jitter, re-excitation,
    /// phonons, or a measured override), so a measured M_s enters as √(M_a M_b) × the detuning factor
    /// (docs/physics.md). Time offsets are applied separately (<see cref="WavepacketOverlap.TimeOffsetFactor"/>).
    /// </summary>
    /// <param name="a">First emitter.</param>
    /// <param name="indistinguishabilityA">M_s of a (<see cref="SourceFigures.Indistinguishability"/>).</param>
    /// <param name="b">Second emitter.</param>
    /// <param name="indistinguishabilityB">M_s of b.</param>
    public static double BetweenSources(EmitterDescription a, double indistinguishabilityA, EmitterDescription b, double indistinguishabilityB)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        EmitterCoupling.RequireFraction(indistinguishabilityA, nameof(indistinguishabilityA));
        EmitterCoupling.RequireFraction(indistinguishabilityB, nameof(indistinguishabilityB));
        double detuning = b.AngularFrequencyRadPerPs - a.AngularFrequencyRadPerPs;
        double between = WavepacketOverlap.BetweenEmitters(a.DecayRateRadPerPs, b.DecayRateRadPerPs, a.PureDephasingRadPerPs, b.PureDephasingRadPerPs,
            detuning, a.SpectralDiffusionRadPerPs, b.SpectralDiffusionRadPerPs);
        // √M_a·√M_b rather than √(M_a·M_b): the product underflows for extreme dephasing. When even that is 0,
        // so is the overlap it normalises (M_ab ≤ √(M_a M_b)).
        double norm = Math.Sqrt(a.DephasingIndistinguishability) * Math.Sqrt(b.DephasingIndistinguishability);
        if (norm == 0) return 0;
        return Math.Sqrt(indistinguishabilityA * indistinguishabilityB) * Math.Min(1, between / norm);
    }
}
