namespace PhotonicKit.Components.Sources;

/// <summary>
/// The validated physical description of one emitter (a bound <c>quantum_dot</c> or <c>cavity_source</c>):
/// every setting resolved to a value, in the units of its name; rates also given angular in rad/ps.
/// Immutable.
/// </summary>
public sealed record EmitterDescription
{
    /// <summary>True for a <c>cavity_source</c> (one port <c>out</c>), false for a <c>quantum_dot</c> (left, right).</summary>
    public required bool IsCavitySource { get; init; }
    /// <summary>Zero-phonon-line wavelength, nm.</summary>
    public required double WavelengthNm { get; init; }
    /// <summary>T1 = 1/Γ, ps; null for a source given only by its measured figures (<see cref="HasTemporalShape"/>).</summary>
    public required double? LifetimePs { get; init; }
    /// <summary>Purcell factor F_P = Γ_mode/γ0 (given or from a geometry); null when no setting defines it.</summary>
    public required double? Purcell { get; init; }
    /// <summary>Radiative β factor.</summary>
    public required double Beta { get; init; }
    /// <summary>η_QE, radiative over total decay.</summary>
    public required double QuantumEfficiency { get; init; }
    /// <summary>f, share of guided emission going right (1 for a cavity source, whose one port takes all).</summary>
    public required double BetaRightFraction { get; init; }
    /// <summary>γ*, ns⁻¹ as set.</summary>
    public required double PureDephasingPerNs { get; init; }
    /// <summary>Spectral diffusion, cyclic GHz as set.</summary>
    public required double SpectralDiffusionGhz { get; init; }
    /// <summary>τ_w, ns: correlation time of the line centre (an Ornstein–Uhlenbeck process); null when the photons of the
    /// emitter share their centre whatever their separation (quasi-static diffusion).</summary>
    public double? SpectralDiffusionCorrelationNs { get; init; }
    /// <summary>Phonon-bath temperature, K, when the phonon model is used; else null.</summary>
    public required double? TemperatureK { get; init; }
    /// <summary>α of J(ω), ps².</summary>
    public required double PhononAlphaPs2 { get; init; }
    /// <summary>ω_c of J(ω), rad/ps.</summary>
    public required double PhononCutoffRadPerPs { get; init; }
    /// <summary>B², share of the emission in the zero-phonon line (given or from the phonon model).</summary>
    public required double ZplFraction { get; init; }
    /// <summary>
    /// The cavity line that shapes the emitted sideband (<c>phonon_sideband: cavity</c>), or null for the bulk
    /// sideband; with it, <see cref="ZplFraction"/> is the mode's zero-phonon share B²/(B² + (1 − B²)r).
    /// </summary>
    public CavityLine? SidebandCavity { get; init; }
    /// <summary>r, the share of the sideband the cavity passes relative to the zero-phonon line (<see cref="CavityPhononFilter.SidebandShareInMode"/>); null without <see cref="SidebandCavity"/>.</summary>
    public double? SidebandShareInMode { get; init; }
    /// <summary>T_PSB, share of the phonon sideband passed by a filter outside the netlist.</summary>
    public required double PsbTransmission { get; init; }
    /// <summary>η_f = B² + (1 − B²)T_PSB, the transmission of that filter.</summary>
    public required double SidebandFilterEfficiency { get; init; }
    /// <summary>Excitation scheme.</summary>
    public required ExcitationScheme Excitation { get; init; }
    /// <summary>Pulse intensity FWHM, ps (pulsed schemes only).</summary>
    public required double? PulseFwhmPs { get; init; }
    /// <summary>Relaxation time into the emitting state, ps (above_band only).</summary>
    public required double? RelaxationPs { get; init; }
    /// <summary>Given η_prep, or null for the scheme's value.</summary>
    public required double? PreparationEfficiencyOverride { get; init; }
    /// <summary>Transmission of the polarisation filter.</summary>
    public required double PolarizationFilter { get; init; }
    /// <summary>
    /// The emitter and its cavity mode for the cavity-QED master equation (<see cref="Sources.CavityQed"/>), set when a
    /// <c>cavity_source</c>'s coupling is outside weak coupling (the Purcell formula's decay more than
    /// <see cref="EmitterSettings.WeakCouplingTolerance"/> off the exact one-excitation decay); null otherwise. With it the
    /// source's brightness, g2 and indistinguishability come from the master equation, and <see cref="LifetimePs"/> is the
    /// slowest one-excitation decay.
    /// </summary>
    public CavityQedParameters? CavityQed { get; init; }
    /// <summary>
    /// The biexciton–exciton cascade (<see cref="BiexcitonCascade"/>), set for excitation two_photon with a lifetime: the
    /// source's η_prep, g2 and indistinguishability are then those of <see cref="Line"/>, and <see cref="LifetimePs"/> is
    /// that line's upper level's (T1 of X, or of XX for the XX line); null otherwise.
    /// </summary>
    public BiexcitonCascadeParameters? Cascade { get; init; }
    /// <summary>The photon of the cascade the source collects (with <see cref="Cascade"/>).</summary>
    public CascadeLine Line { get; init; }
    /// <summary>Share of the cavity mode that reaches <c>out</c> (1 for a quantum_dot).</summary>
    public required double ExtractionEfficiency { get; init; }
    /// <summary>Pulse repetition rate, MHz, or null.</summary>
    public required double? RepetitionRateMhz { get; init; }
    /// <summary>r_b: leaked laser photons per pulse as a share of the photons of a bright pulse (0: none).</summary>
    public double LaserBackgroundRatio { get; init; }
    /// <summary>Average excitation-laser power at the emitter, µW (0: the leaked light is given by <see cref="LaserBackgroundRatio"/>).</summary>
    public double LaserPowerUw { get; init; }
    /// <summary>Suppression of the laser in the collected mode, dB (with <see cref="LaserPowerUw"/>).</summary>
    public double LaserExtinctionDb { get; init; }
    /// <summary>True when the leaked laser light is thermal (Bose–Einstein) rather than coherent (Poisson).</summary>
    public bool ThermalLaserBackground { get; init; }
    /// <summary>
    /// τ, ps, the intensity FWHM of the laser pulse whose leaked light reaches the circuit when its spectrum is known: resonant
    /// excitation, a transform-limited Gaussian pulse centred on the zero-phonon line (<see cref="LaserPulseSpectrum"/>).
    /// Null otherwise (no pulse, or a laser detuned from the line by an amount the settings do not give: phonon_assisted,
    /// two_photon, above_band); the leaked light then sees the circuit as the photons do.
    /// </summary>
    public double? LaserPulseFwhmPs => Excitation == ExcitationScheme.Resonant ? PulseFwhmPs : null;
    /// <summary>p_on: share of time the emitter spends in its bright state (blinking, charge-state occupancy); 1 without blinking.</summary>
    public double BlinkingOnFraction { get; init; } = 1;
    /// <summary>τ_b, ns: correlation time of the bright/dark switching (a telegraph process); 0 makes every pulse independent.</summary>
    public double BlinkingCorrelationNs { get; init; }
    /// <summary>Internal state of the extra photon of a two-photon emission.</summary>
    public required MultiphotonModel Multiphoton { get; init; }
    /// <summary>Measured g2, or null.</summary>
    public required double? G2Override { get; init; }
    /// <summary>Measured M_s, or null.</summary>
    public required double? IndistinguishabilityOverride { get; init; }
    /// <summary>Measured collected P(≥ 1) per pulse, or null.</summary>
    public required double? BrightnessOverride { get; init; }

    /// <summary>
    /// False for a source given only by its measured brightness, g2 and indistinguishability (no lifetime setting):
    /// its photons have purity M_s and no temporal shape or linewidth, and they see the circuit at the line centre.
    /// Everything that needs a shape (<see cref="DecayRateRadPerPs"/>, <see cref="Spectrum"/>, <see cref="ScatteringAt"/>)
    /// is then undefined.
    /// </summary>
    public bool HasTemporalShape => LifetimePs is not null;

    /// <summary>Γ = 1/T1, rad/ps.</summary>
    /// <exception cref="InvalidOperationException">The source is given by measured figures only (<see cref="HasTemporalShape"/> is false).</exception>
    public double DecayRateRadPerPs => LifetimePs is double t ? 1 / t : throw NoShape("a decay rate");
    /// <summary>γ*, rad/ps (= ns⁻¹/1000).</summary>
    public double PureDephasingRadPerPs => PureDephasingPerNs * 1e-3;
    /// <summary>σ = 2π × spectral_diffusion_ghz, rad/ps.</summary>
    public double SpectralDiffusionRadPerPs => 2 * Math.PI * SpectralDiffusionGhz * 1e-3;
    /// <summary>Zero-phonon angular frequency ω = 2πc/λ, rad/ps.</summary>
    public double AngularFrequencyRadPerPs => PhysicalConstants.AngularFrequencyRadPerPs(WavelengthNm);
    /// <summary>Γ_mode = η_QE β Γ, decay into the guided (or cavity) mode, rad/ps.</summary>
    public double ModeRateRadPerPs => QuantumEfficiency * Beta * DecayRateRadPerPs;
    /// <summary>Γ_R = f η_QE β Γ, rad/ps.</summary>
    public double RightRateRadPerPs => BetaRightFraction * ModeRateRadPerPs;
    /// <summary>Γ_L = (1 − f) η_QE β Γ, rad/ps.</summary>
    public double LeftRateRadPerPs => (1 - BetaRightFraction) * ModeRateRadPerPs;
    /// <summary>Cooperativity C = β/(1 − β), or null for β = 1.</summary>
    public double? Cooperativity => Beta < 1 ? EmitterCoupling.Cooperativity(Beta) : null;
    /// <summary>Pure-dephasing-limited indistinguishability Γ/(Γ + 2γ*).</summary>
    public double DephasingIndistinguishability => WavepacketOverlap.PureDephasing(DecayRateRadPerPs, PureDephasingRadPerPs);

    /// <summary>The normalised emission spectrum (zero-phonon Voigt line plus one-phonon sideband).</summary>
    /// <exception cref="InvalidOperationException">The source is given by measured figures only.</exception>
    public EmissionSpectrum Spectrum() => !HasTemporalShape ? throw NoShape("an emission spectrum") : new(WavelengthNm, DecayRateRadPerPs, PureDephasingRadPerPs, SpectralDiffusionRadPerPs,
        ZplFraction, PhononAlphaPs2, PhononCutoffRadPerPs, TemperatureK ?? 0, SidebandCavity);

    /// <summary>
    /// Weak-drive coherent amplitudes at a probe wavelength (<see cref="WeakDriveScattering.AveragedCoefficients"/>),
    /// Δ = 2πc(1/λ − 1/λ_emitter), spectral diffusion averaged into ⟨1/D⟩.
    /// </summary>
    /// <param name="probeWavelengthNm">Wavelength of the weak classical probe, nm.</param>
    /// <exception cref="InvalidOperationException">The source is given by measured figures only.</exception>
    public EmitterScattering ScatteringAt(double probeWavelengthNm)
    {
        if (!HasTemporalShape) throw NoShape("a scattering response");
        double detuning = PhysicalConstants.AngularFrequencyRadPerPs(probeWavelengthNm) - AngularFrequencyRadPerPs;
        return WeakDriveScattering.AveragedCoefficients(RightRateRadPerPs, LeftRateRadPerPs, DecayRateRadPerPs,
            PureDephasingRadPerPs, detuning, SpectralDiffusionRadPerPs);
    }

    private static InvalidOperationException NoShape(string what) =>
        new($"an emitter given only by its measured figures (no lifetime_ps) has no {what}");

    /// <summary>
    /// Incoherent emission per unit drive |g|² at a probe wavelength (<see cref="IncoherentScattering.EmissionPerDrive"/>),
    /// Δ = 2πc(1/λ − 1/λ_emitter), in ps (rates in rad/ps).
    /// </summary>
    /// <param name="probeWavelengthNm">Wavelength of the weak classical probe, nm.</param>
    public IncoherentEmission IncoherentEmissionAt(double probeWavelengthNm)
    {
        double detuning = PhysicalConstants.AngularFrequencyRadPerPs(probeWavelengthNm) - AngularFrequencyRadPerPs;
        return IncoherentScattering.EmissionPerDrive(DecayRateRadPerPs, PureDephasingRadPerPs, detuning, SpectralDiffusionRadPerPs);
    }

    /// <summary>
    /// Guided incoherent emission per unit |ĝ|² at a probe wavelength, ĝ = √f·a_left + √(1 − f)·a_right
    /// (<see cref="IncoherentScattering.GuidedEmissionPerCoupledPower"/>), dimensionless.
    /// </summary>
    /// <param name="probeWavelengthNm">Wavelength of the weak classical probe, nm.</param>
    public IncoherentEmission GuidedIncoherentEmissionAt(double probeWavelengthNm)
    {
        double detuning = PhysicalConstants.AngularFrequencyRadPerPs(probeWavelengthNm) - AngularFrequencyRadPerPs;
        return IncoherentScattering.GuidedEmissionPerCoupledPower(ModeRateRadPerPs, DecayRateRadPerPs, PureDephasingRadPerPs, detuning, SpectralDiffusionRadPerPs);
    }

    /// <summary>True when the emitter, as a scatterer, scatters some light incoherently (γ* &gt; 0 or spectral diffusion).</summary>
    public bool ScattersIncoherently => HasTemporalShape && !IsCavitySource && ModeRateRadPerPs > 0 && (PureDephasingPerNs > 0 || SpectralDiffusionGhz > 0);
}
