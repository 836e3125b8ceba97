namespace PhotonicKit.Components.Sources;

/// <summary>How the emitter is brought into its emitting state each pulse.</summary>
public enum ExcitationScheme
{
    /// <summary>Deterministic preparation, no re-excitation: η_prep = 1, g2 = 0.</summary>
    Ideal,
    /// <summary>Resonant π pulse of finite duration (driven two-level master equation).</summary>
    Resonant,
    /// <summary>Detuned pulse with longitudinal-acoustic-phonon-assisted preparation.</summary>
    PhononAssisted,
    /// <summary>Two-photon resonant excitation of the biexciton.</summary>
    TwoPhoton,
    /// <summary>Above-band (or p-shell) excitation with incoherent relaxation into the emitting state.</summary>
    AboveBand,
}

/// <summary>The internal state of the extra photon of a two-photon emission.</summary>
public enum MultiphotonModel
{
    /// <summary>In its own orthogonal mode (the noise photon of Ollivier et al. 2021).</summary>
    Distinguishable,
    /// <summary>In the common mode of the single photons.</summary>
    Indistinguishable,
    /// <summary>In the common mode with probability w and in its own orthogonal mode otherwise, with w chosen so that
    /// the photon-number model reproduces the HOM visibility of the source's M_s (the master equation's M − g2 for
    /// resonant excitation; docs/excitation.md). The default for resonant excitation.</summary>
    MasterEquation,
}

/// <summary>
/// The settings of <c>quantum_dot</c> and <c>cavity_source</c> (netlist format §4) and their reading into an
/// <see cref="EmitterDescription"/>: every conflict, missing companion and non-physical value is reported
/// with the keys involved.
/// </summary>
internal static class EmitterSettings
{
    public static readonly string[] CavityGeometryKeys = ["q_factor", "mode_volume_cubic_lambda_over_n"];
    public static readonly string[] CavityDetailKeys = ["cavity_wavelength_nm", "dipole_alignment"];
    public static readonly string[] WaveguideGeometryKeys = ["group_index", "effective_area_um2", "radiative_background"];
    private static readonly string[] ExcitationChoices = ["ideal", "resonant", "phonon_assisted", "two_photon", "above_band"];
    private static readonly string[] BackgroundChoices = ["coherent", "thermal"];
    private static readonly string[] MultiphotonChoices = ["distinguishable", "indistinguishable", "master_equation"];
    private static readonly string[] SidebandChoices = ["bulk", "cavity"];
    private static readonly string[] LineChoices = ["x", "xx"];

    /// <summary>The settings of the biexciton–exciton cascade, which apply with excitation two_photon only.</summary>
    public static readonly string[] CascadeKeys = ["line", "biexciton_binding_mev", "biexciton_lifetime_ps", "fine_structure_splitting_uev"];

    /// <summary>Default biexciton binding energy, meV: typical of self-assembled InGaAs dots (2–3 meV; docs/excitation.md).</summary>
    public const double DefaultBiexcitonBindingMeV = 2.5;

    /// <summary>Longest lifetime: Γ = 1/T1 and the rates made from it (β·Γ split between the ports, in rad/s)
    /// stay normal doubles above 1e−300; longer lifetimes make them underflow to 0.</summary>
    public const double MaxLifetimePs = 1e300;

    /// <summary>Smallest preparation efficiency: g2 = 2p2/μ² divides by μ² ∝ η_prep², which must stay a normal
    /// double (η_prep² ≥ 1e−300).</summary>
    public const double MinPreparationEfficiency = 1e-150;

    /// <summary>Widest sampled emission line, rad/ps: the zero-phonon line is sampled on 401 points over
    /// ω0 ± (20·(Γ + 2γ*)/2 + 6σ) (EmissionSpectrum.Sample), and each point (from + span·i/400) must stay finite.</summary>
    public const double MaxLineHalfSpanRadPerPs = double.MaxValue / (2 * 400);

    /// <summary>Most pulses of a frame through a time_demux (the analyses' limit): pulse k is emitted at k/f_rep.</summary>
    private const int MaxFramePulses = 64;

    public static SettingSpec[] Specs(bool cavitySource)
    {
        var specs = new List<SettingSpec>
        {
            new("wavelength_nm", SettingKind.Number, "nm", "emitter zero-phonon line") { DefaultDescription = "file's wavelength", Min = 0, MinExclusive = true },
            new("lifetime_ps", SettingKind.Number, "ps", "T1, Γ = 1/T1; conflicts with purcell/bulk_lifetime_ps; not needed by a source given by its measured brightness, g2 and indistinguishability") { Min = 0, MinExclusive = true, Max = MaxLifetimePs },
            new("bulk_lifetime_ps", SettingKind.Number, "ps", "radiative lifetime in bulk, γ0 = 1/bulk_lifetime_ps; with purcell or a geometry gives the radiative rate Γ_rad = γ0(F_P + other_decay_fraction) and Γ = Γ_rad/quantum_efficiency") { Min = 0, MinExclusive = true },
            new("purcell", SettingKind.Number, "", "Purcell factor F_P = Γ_mode/γ0 (or computed from a geometry)") { Min = 0 },
            new("q_factor", SettingKind.Number, "", "cavity quality factor Q") { Min = 0, MinExclusive = true },
            new("mode_volume_cubic_lambda_over_n", SettingKind.Number, "(λ/n)³", "cavity mode volume V/(λ/n)³") { Min = 0, MinExclusive = true },
            new("cavity_wavelength_nm", SettingKind.Number, "nm", "cavity resonance") { DefaultDescription = "= wavelength_nm", Min = 0, MinExclusive = true },
            new("dipole_alignment", SettingKind.Number, "", "orientation and position factor of the dipole in the cavity field") { Default = 1, Min = 0, Max = 1 },
            new("other_decay_fraction", SettingKind.Number, "", "γ_other/γ0, decay into every channel but the mode, in units of the bulk rate") { Default = 1, Min = 0 },
        };
        if (!cavitySource)
        {
            specs.Add(new("group_index", SettingKind.Number, "", "slow-light waveguide group index n_g") { Min = 0, MinExclusive = true });
            specs.Add(new("effective_area_um2", SettingKind.Number, "µm²", "slow-light waveguide effective mode area A_eff at the emitter") { Min = 0, MinExclusive = true });
            specs.Add(new("radiative_background", SettingKind.Number, "", "γ_rad/γ0, radiative decay out of the waveguide mode; required with the waveguide geometry") { Min = 0 });
        }
        specs.AddRange(
        [
            new("refractive_index", SettingKind.Number, "", "n in the Purcell formulas") { Default = 3.5, Min = 1 },
            new("beta", SettingKind.Number, "", "radiative β = Γ_mode/(Γ_mode + γ_rad); conflicts with purcell or a geometry") { DefaultDescription = "from purcell or the geometry, else 1", Min = 0, Max = 1 },
        ]);
        if (!cavitySource)
            specs.Add(new("beta_right_fraction", SettingKind.Number, "", "share f of guided emission going right (1 = chiral)") { Default = 0.5, Min = 0, Max = 1 });
        specs.AddRange(
        [
            new("quantum_efficiency", SettingKind.Number, "", "η_QE = radiative/total decay: the mode takes η_QE·β of the decays; with bulk_lifetime_ps, non-radiative decay shortens the lifetime (Γ = Γ_rad/η_QE); a measured lifetime_ps is the total one") { Default = 1, Min = 0, Max = 1 },
            new("pure_dephasing_per_ns", SettingKind.Number, "ns⁻¹", "γ*, extra decay rate of the coherence: 1/T2 = Γ/2 + γ*") { Default = 0, Min = 0 },
            new("spectral_diffusion_ghz", SettingKind.Number, "GHz", "standard deviation of the line-centre frequency (cyclic; σ = 2π·value)") { Default = 0, Min = 0 },
            new("spectral_diffusion_correlation_ns", SettingKind.Number, "ns", "τ_w, correlation time of the line centre (spectral wandering, an Ornstein–Uhlenbeck process): photons Δt apart have centres correlated by e^(−Δt/τ_w); without it the photons of one source share their centre") { Min = 0, MinExclusive = true },
            new("temperature_k", SettingKind.Number, "K", "temperature of the phonon bath; gives zpl_fraction") { Min = 0 },
            new("phonon_alpha_ps2", SettingKind.Number, "ps²", "α of J(ω) = α ω³ exp(−ω²/ω_c²)") { Default = 0.027, Min = 0 },
            new("phonon_cutoff_per_ps", SettingKind.Number, "rad/ps", "ω_c of J(ω)") { Default = 2.2, Min = 0, MinExclusive = true },
            new("zpl_fraction", SettingKind.Number, "", "B², share of emission in the zero-phonon line; conflicts with temperature_k") { DefaultDescription = "1 without temperature_k", Min = 0, MinExclusive = true, Max = 1 },
            new("psb_transmission", SettingKind.Number, "", "share of the phonon sideband a filter outside the netlist passes") { Default = 1, Min = 0, Max = 1 },
        ]);
        if (cavitySource)
            specs.Add(new("phonon_sideband", SettingKind.Choice, "", "bulk: the emitted sideband has its bulk weight 1 − B²; cavity: the cavity's Lorentzian (q_factor, cavity_wavelength_nm) filters it and the mode's zero-phonon share rises to B²/(B² + (1 − B²)r); needs temperature_k and q_factor") { DefaultChoice = "bulk", Choices = SidebandChoices });
        specs.AddRange(
        [
            new("excitation", SettingKind.Choice, "", "excitation scheme") { DefaultChoice = "ideal", Choices = ExcitationChoices },
            new("pulse_fwhm_ps", SettingKind.Number, "ps", "FWHM of the Gaussian pulse intensity; required for resonant, phonon_assisted, two_photon") { Min = 0, MinExclusive = true },
            new("line", SettingKind.Choice, "", "two_photon: which photon of the biexciton–exciton cascade the source collects, x (X → G) or xx (XX → X); wavelength_nm is that line's") { DefaultChoice = "x", Choices = LineChoices },
            new("biexciton_binding_mev", SettingKind.Number, "meV", "two_photon: E_B, the biexciton binding energy (the XX line is E_B below the X line; the laser, at half the XX energy, is E_B/2 from each one-photon step)") { Default = DefaultBiexcitonBindingMeV, DefaultDescription = "2.5, typical of InGaAs dots", Min = 0, MinExclusive = true },
            new("biexciton_lifetime_ps", SettingKind.Number, "ps", "two_photon: T1 of the biexciton (decay into both excitons); lifetime_ps (or the Purcell settings) gives the exciton's") { DefaultDescription = "T1/2, the radiative cascade's", Min = 0, MinExclusive = true },
            new("fine_structure_splitting_uev", SettingKind.Number, "µeV", "two_photon: δ, the exciton's fine-structure splitting; above 0 the source collects the photons polarised along the laser, with the dot's axes at 45° to it") { Default = 0, Min = 0 },
            new("relaxation_ps", SettingKind.Number, "ps", "relaxation time into the emitting state; required for above_band") { Min = 0, MinExclusive = true },
            new("preparation_efficiency", SettingKind.Number, "", "overrides the computed η_prep") { DefaultDescription = "1 for ideal and above_band; computed for resonant and two_photon; 0.85 × resonant for phonon_assisted", Min = MinPreparationEfficiency, Max = 1 },
            new("polarization_filter", SettingKind.Number, "", "transmission of a polarisation filter on the collected light") { Default = 1, Min = 0, MinExclusive = true, Max = 1 },
        ]);
        if (cavitySource)
            specs.Add(new("extraction_efficiency", SettingKind.Number, "", "share of the cavity mode that reaches `out`") { Default = 1, Min = 0, Max = 1 });
        specs.AddRange(
        [
            new("repetition_rate_mhz", SettingKind.Number, "MHz", "pulse rate; without it, rates are null") { Min = 0, MinExclusive = true },
            new("laser_background_ratio", SettingKind.Number, "", "r_b, leaked excitation-laser photons per pulse collected with the source's photons, as a share of the photons of a bright pulse (n_b = r_b·μ at the emitter, after the same losses): distinguishable from the emitter's photons, it raises g2 and lowers the HOM visibility of the photon analyses") { Default = 0, Min = 0, Max = 1 },
            new("laser_power_uw", SettingKind.Number, "µW", "average power of the excitation laser at the emitter: with laser_extinction_db, the leaked laser light instead of laser_background_ratio (N_L = P/(f·hc/λ) photons per pulse; needs repetition_rate_mhz)") { Min = 0 },
            new("laser_extinction_db", SettingKind.Number, "dB", "suppression of the excitation laser in the collected mode (cross-polarisation, side excitation, filtering): N_L·10^(−ER/10) laser photons per pulse are collected with the source's photons") { Min = 0 },
            new("laser_background_statistics", SettingKind.Choice, "", "photon statistics of the leaked laser light per pulse: coherent (Poisson, a phase-randomised laser pulse) or thermal (Bose–Einstein)") { DefaultChoice = "coherent", Choices = BackgroundChoices },
            new("blinking_on_fraction", SettingKind.Number, "", "p_on, share of time in the bright state (blinking, charge-state occupancy): a pulse in the dark state gives no photon; 1 = no blinking") { Default = 1, Min = 0, MinExclusive = true, Max = 1 },
            new("blinking_correlation_ns", SettingKind.Number, "ns", "τ_b, correlation time of the bright/dark switching: a pulse Δt later is bright with P = p_on + (1 − p_on)e^(−Δt/τ_b) after a bright one; 0 = pulses independent") { Default = 0, Min = 0 },
            new("multiphoton_model", SettingKind.Choice, "", "internal state of the extra photon of a two-photon emission") { DefaultChoice = "distinguishable", DefaultDescription = "master_equation for resonant and phonon_assisted excitation, distinguishable otherwise", Choices = MultiphotonChoices },
            new("g2", SettingKind.Number, "", "measured g2, overrides the computed value (with brightness and indistinguishability and no lifetime: a source given by its measured figures)") { Min = 0 },
            new("indistinguishability", SettingKind.Number, "", "measured M_s, overrides the computed value; above 1 only with multiphoton_model master_equation (a partly indistinguishable extra photon)") { Min = 0 },
            new("brightness", SettingKind.Number, "", "measured P(≥ 1 photon) collected per pulse, overrides the computed value") { Min = 0, Max = 1 },
        ]);
        return specs.ToArray();
    }

    /// <summary>Relative difference between the exact one-excitation decay of emitter and cavity and the Purcell
    /// formula's rate above which a source gets a warning that its figures carry that error.</summary>
    public const double WeakCouplingTolerance = 0.01;

    /// <summary>Relative difference above which a source is refused: the emission is then far from the single exponential
    /// the source models assume.</summary>
    public const double WeakCouplingLimit = 0.1;

    /// <summary>
    /// Checks whether a cavity's coupling to the emitter is weak: the closed-form source models take the emission as one
    /// exponential at the Purcell rate Γ_mode + γ, which holds while the cavity empties much faster than the emitter decays
    /// (the relative error is about Γ_mode/κ; <see cref="EmitterCoupling.CavityCoupledDecayRatePerPs"/>). Within
    /// <see cref="WeakCouplingTolerance"/> nothing changes (null); up to <see cref="WeakCouplingLimit"/> a warning says how
    /// far off the lifetime is. Beyond that limit, for excitation ideal, resonant and phonon_assisted, the source is computed
    /// from the cavity-QED master equation (<see cref="CavityQed"/>; its parameters and the exact decay are returned, with a
    /// warning that says so and what stays approximate); for the other schemes it is refused, naming q_factor.
    /// </summary>
    private static (CavityQedParameters Parameters, double ExactDecayRate)? CheckWeakCoupling(SettingsReader s, double decayRate, double modeRate,
        double wavelengthNm, double cavityWavelengthNm, double qFactor, ExcitationScheme excitation, string excitationWord,
        double pureDephasingPerNs, double? pulseFwhmPs)
    {
        double kappa = EmitterCoupling.CavityLinewidthRadPerPs(cavityWavelengthNm, qFactor);
        double detuning = PhysicalConstants.AngularFrequencyRadPerPs(wavelengthNm) - PhysicalConstants.AngularFrequencyRadPerPs(cavityWavelengthNm);
        if (!(kappa > 0) || !double.IsFinite(kappa) || !(modeRate > 0)) return null;
        double other = Math.Max(0, decayRate - modeRate);
        double exact = EmitterCoupling.CavityCoupledDecayRatePerPs(modeRate, other, kappa, detuning);
        double difference = Math.Abs(exact - decayRate) / decayRate;
        if (!(difference > WeakCouplingTolerance)) return null;
        double ratio = detuning / kappa;
        double g = Math.Sqrt(modeRate * kappa * (1 + 4 * ratio * ratio) / 4);
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        string numbers = string.Create(culture,
            $"{qFactor:R} gives a cavity linewidth κ = {kappa:G4} rad/ps (1/κ = {1 / kappa:G4} ps) and, with the rate into the cavity mode of {modeRate:G4} /ps (T1 = {1 / decayRate:G4} ps), a coupling g = {g:G4} rad/ps");
        string regime = g > Math.Abs(kappa - other) / 4 ? "strong coupling (vacuum Rabi oscillations)" : "the intermediate regime (non-exponential emission)";
        if (difference > WeakCouplingLimit && excitation is ExcitationScheme.Ideal or ExcitationScheme.Resonant or ExcitationScheme.PhononAssisted)
        {
            if (excitation != ExcitationScheme.Ideal && pulseFwhmPs is null) return null; // the missing pulse is reported with it
            var parameters = CavityQedParameters.FromPurcellRate(modeRate, other, kappa, detuning, pureDephasingPerNs,
                excitation == ExcitationScheme.Ideal ? null : pulseFwhmPs);
            if (CavityQed.Problem(parameters) is { } problem)
            {
                s.AddError("q_factor", $"{numbers}: the emitter and the cavity are in {regime}, and the cavity-QED master equation cannot be solved: {problem}");
                return null;
            }
            s.AddWarning("q_factor", string.Create(culture,
                $"{numbers}: outside weak coupling ({regime}: the Purcell formula's decay is {100 * difference:G3} % off the exact one-excitation decay, {exact:G4} /ps), so brightness, g2 and indistinguishability come from the cavity-QED master equation; the photons' temporal shape and spectrum in the circuit are those of a single exponential at the slowest one-excitation decay (T1 = {1 / exact:G4} ps)"));
            return (parameters, exact);
        }
        if (difference > WeakCouplingLimit)
            s.AddError("q_factor", string.Create(culture,
                $"{numbers}: the emitter and the cavity are in {regime}, where the Purcell formula's decay is off by {100 * difference:G3} % (the exact one-excitation decay is {exact:G4} /ps). The cavity-QED master equation covers excitation ideal, resonant and phonon_assisted, not {excitationWord}: lower q_factor, or the Purcell factor (mode_volume_cubic_lambda_over_n, purcell, lifetime_ps or beta), or one of those excitations"));
        else
            s.AddWarning("q_factor", string.Create(culture,
                $"{numbers}: the Purcell formula's decay is {100 * difference:G2} % off the exact one-excitation decay of emitter and cavity ({exact:G4} /ps), and the source's figures carry that error (weak coupling is assumed up to {100 * WeakCouplingLimit:G2} %; beyond it the cavity-QED master equation is used)"));
        return null;
    }

    /// <summary>
    /// Checks that values inside the declared ranges can be computed together: the optical angular frequency
    /// 2πc/λ, the relaxation rate 1/τ, and the emission line the spectrum samples (ω0 ± (20·(Γ + 2γ*)/2 + 6σ) on
    /// 401 points, <see cref="MaxLineHalfSpanRadPerPs"/>). Each problem names the setting and the number that overflows.
    /// </summary>
    private static void CheckComputable(SettingsReader s, double wavelengthNm, double? relaxationPs)
    {
        double omega0 = PhysicalConstants.AngularFrequencyRadPerPs(wavelengthNm);
        if (!(omega0 <= MaxLineHalfSpanRadPerPs))
            s.AddError("wavelength_nm", $"{wavelengthNm:R} nm gives an optical angular frequency 2πc/λ = {omega0:R} rad/ps beyond what the emission spectrum can sample in double precision: expected a wavelength of at least {PhysicalConstants.AngularFrequencyRadPerPs(1) / MaxLineHalfSpanRadPerPs:G3} nm");
        if (relaxationPs is double tau && !double.IsFinite(1 / tau))
            s.AddError("relaxation_ps", $"{tau:R} ps gives a relaxation rate 1/τ beyond double precision: expected at least {1 / double.MaxValue:R} ps");
    }

    /// <summary>The emission line the spectrum samples, ω0 ± (20·(Γ + 2γ*)/2 + 6σ) on 401 points, must fit
    /// <see cref="MaxLineHalfSpanRadPerPs"/>; the error names the setting that widens it most
    /// (<paramref name="decayKey"/> for Γ: lifetime_ps, purcell or the geometry).</summary>
    private static void CheckLineSpan(SettingsReader s, double decayRatePerPs, string decayKey, double pureDephasingPerNs, double spectralDiffusionGhz)
    {
        // Rates in rad/ps, each factor applied before the next so that no intermediate overflows.
        double dephasing = pureDephasingPerNs * 1e-3;
        double diffusion = 2 * Math.PI * (spectralDiffusionGhz * 1e-3);
        double halfSpan = 20 * (decayRatePerPs / 2 + dephasing) + 6 * diffusion;
        if (halfSpan <= MaxLineHalfSpanRadPerPs) return;
        string key = 20 * dephasing >= 6 * diffusion && 20 * dephasing >= 10 * decayRatePerPs ? "pure_dephasing_per_ns"
            : 6 * diffusion >= 10 * decayRatePerPs ? "spectral_diffusion_ghz" : decayKey;
        s.AddError(key, $"the emission line (Γ = {decayRatePerPs:R} /ps, γ* = {pureDephasingPerNs:R} /ns, σ = {spectralDiffusionGhz:R} GHz) is sampled over ω0 ± (10Γ + 20γ* + 6·2πσ) = ±{halfSpan:G3} rad/ps, beyond what 401 points hold in double precision (±{MaxLineHalfSpanRadPerPs:G3} rad/ps)");
    }

    /// <summary>The measured figures that, given together and without any lifetime setting, define a source without a
    /// temporal shape (netlist format §7).</summary>
    public static readonly string[] MeasuredFigureKeys = ["brightness", "g2", "indistinguishability"];

    /// <summary>Settings that shape the emission line, which a source given by its measured figures does not have.</summary>
    private static readonly string[] LineShapeKeys = ["pure_dephasing_per_ns", "spectral_diffusion_ghz", "temperature_k", "zpl_fraction", "psb_transmission", "phonon_sideband"];

    /// <summary>
    /// A source given by its measured figures: the excitation must not need the master equation (which needs T1), the
    /// line-shape settings have no effect, and a note says once what its photons are.
    /// </summary>
    private static void CheckMeasuredFigures(SettingsReader s, ExcitationScheme excitation, string excitationName, double brightness, double g2, double indistinguishability)
    {
        if (excitation is ExcitationScheme.Resonant or ExcitationScheme.PhononAssisted)
            s.AddError("lifetime_ps", $"required with excitation {excitationName}: the preparation efficiency comes from the master equation of the pulse, which needs T1 (a source given by its measured brightness, g2 and indistinguishability needs no lifetime with excitation ideal, the default)");
        foreach (var key in LineShapeKeys.Where(s.Has))
            s.AddWarning(key, "has no effect on a source given by its measured brightness, g2 and indistinguishability without lifetime_ps (its photons have no line shape) and is ignored; give lifetime_ps to use it");
        s.AddWarning("lifetime_ps", string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"not given: the source is given by its measured figures (brightness {brightness:R}, g2 {g2:R}, indistinguishability {indistinguishability:R}); its photons have purity {Math.Min(1, indistinguishability):R} and no temporal shape, and they see the circuit at the line centre (circuit delays and filtering within the line do not change them). Give lifetime_ps for a delay scan or spectral filtering"));
    }

    /// <summary>Reads and cross-checks the settings; the caller throws on errors before using the result.</summary>
    public static EmitterDescription Read(SettingsReader s, ComponentContext context, bool cavitySource)
    {
        double wavelengthNm = s.Number("wavelength_nm", context.FileWavelengthNm);
        double? lifetimePs = s.OptionalNumber("lifetime_ps");
        double? bulkLifetimePs = s.OptionalNumber("bulk_lifetime_ps");
        double? purcellGiven = s.OptionalNumber("purcell");
        double? qFactor = s.OptionalNumber("q_factor");
        double? modeVolume = s.OptionalNumber("mode_volume_cubic_lambda_over_n");
        double cavityWavelengthNm = s.Number("cavity_wavelength_nm", wavelengthNm);
        double dipoleAlignment = s.Number("dipole_alignment");
        double otherDecayFraction = s.Number("other_decay_fraction");
        double? groupIndex = cavitySource ? null : s.OptionalNumber("group_index");
        double? effectiveAreaUm2 = cavitySource ? null : s.OptionalNumber("effective_area_um2");
        double? radiativeBackground = cavitySource ? null : s.OptionalNumber("radiative_background");
        double refractiveIndex = s.Number("refractive_index");
        double? betaGiven = s.OptionalNumber("beta");
        double rightFraction = cavitySource ? 1.0 : s.Number("beta_right_fraction");
        double quantumEfficiency = s.Number("quantum_efficiency");
        double pureDephasingPerNs = s.Number("pure_dephasing_per_ns");
        double spectralDiffusionGhz = s.Number("spectral_diffusion_ghz");
        double? wanderingNs = s.OptionalNumber("spectral_diffusion_correlation_ns");
        if (wanderingNs is not null && spectralDiffusionGhz == 0)
            s.AddWarning("spectral_diffusion_correlation_ns", "has no effect without spectral diffusion (spectral_diffusion_ghz is 0) and is ignored");
        double? temperatureK = s.OptionalNumber("temperature_k");
        double phononAlphaPs2 = s.Number("phonon_alpha_ps2");
        double phononCutoffRadPerPs = s.Number("phonon_cutoff_per_ps");
        double? zplGiven = s.OptionalNumber("zpl_fraction");
        double psbTransmission = s.Number("psb_transmission");
        bool cavitySideband = cavitySource && s.Choice("phonon_sideband") == "cavity";
        string excitationName = s.Choice("excitation");
        var excitation = excitationName switch
        {
            "resonant" => ExcitationScheme.Resonant,
            "phonon_assisted" => ExcitationScheme.PhononAssisted,
            "two_photon" => ExcitationScheme.TwoPhoton,
            "above_band" => ExcitationScheme.AboveBand,
            _ => ExcitationScheme.Ideal,
        };
        double? pulseFwhmPs = s.OptionalNumber("pulse_fwhm_ps");
        double? relaxationPs = s.OptionalNumber("relaxation_ps");
        double? preparationOverride = s.OptionalNumber("preparation_efficiency");
        bool biexcitonLine = s.Choice("line") == "xx";
        double bindingMeV = s.Number("biexciton_binding_mev");
        double? biexcitonLifetimePs = s.OptionalNumber("biexciton_lifetime_ps");
        double fineStructureUeV = s.Number("fine_structure_splitting_uev");
        double polarizationFilter = s.Number("polarization_filter");
        double extractionEfficiency = cavitySource ? s.Number("extraction_efficiency") : 1.0;
        double? repetitionRateMhz = s.OptionalNumber("repetition_rate_mhz");
        var multiphoton = s.Choice("multiphoton_model") switch
        {
            "indistinguishable" => MultiphotonModel.Indistinguishable,
            "master_equation" => MultiphotonModel.MasterEquation,
            // Not given: the master equation's partial overlap of a re-excitation photon for resonant excitation.
            // The master equation's pulse (resonant and phonon-assisted) gives M_s > 1 with re-excitation: by default its extra
            // photon gets the partial overlap that reproduces the pulse's V.
            _ when !s.Has("multiphoton_model") && excitationName is "resonant" or "phonon_assisted" => MultiphotonModel.MasterEquation,
            _ => MultiphotonModel.Distinguishable,
        };
        double backgroundRatio = s.Number("laser_background_ratio");
        bool thermalBackground = s.Choice("laser_background_statistics") == "thermal";
        double? laserPowerUw = s.OptionalNumber("laser_power_uw"), laserExtinctionDb = s.OptionalNumber("laser_extinction_db");
        if (laserPowerUw is not null || laserExtinctionDb is not null)
        {
            if (laserPowerUw is null) s.AddError("laser_power_uw", "required with laser_extinction_db: the leaked light is the laser's photons per pulse times 10^(−ER/10)");
            if (laserExtinctionDb is null) s.AddError("laser_extinction_db", "required with laser_power_uw: the leaked light is the laser's photons per pulse times 10^(−ER/10)");
            if (s.Has("laser_background_ratio"))
                s.AddError("laser_background_ratio and laser_power_uw", "two descriptions of the leaked laser light: give laser_background_ratio, or laser_power_uw with laser_extinction_db");
            if (repetitionRateMhz is null)
                s.AddError("laser_power_uw and repetition_rate_mhz", "the laser's photons per pulse are its power over the repetition rate: give repetition_rate_mhz");
        }
        if (backgroundRatio == 0 && laserPowerUw is null && s.Has("laser_background_statistics"))
            s.AddWarning("laser_background_statistics", "has no effect without laser_background_ratio or laser_power_uw and is ignored");
        double onFraction = s.Number("blinking_on_fraction");
        double blinkingCorrelationNs = s.Number("blinking_correlation_ns");
        if (onFraction == 1 && blinkingCorrelationNs > 0)
            s.AddWarning("blinking_correlation_ns", "has no effect without blinking (blinking_on_fraction is 1) and is ignored");
        double? g2Override = s.OptionalNumber("g2");
        double? indistinguishabilityOverride = s.OptionalNumber("indistinguishability");
        double? brightnessOverride = s.OptionalNumber("brightness");

        CheckComputable(s, wavelengthNm, relaxationPs);

        // A source given only by its measured figures: no lifetime setting of any kind, and all three figures.
        bool byFigures = !s.Has("lifetime_ps") && !s.Has("bulk_lifetime_ps") && !s.Has("purcell")
            && !CavityGeometryKeys.Any(s.Has) && !(!cavitySource && WaveguideGeometryKeys.Any(s.Has)) && MeasuredFigureKeys.All(s.Has);

        // Which geometry, if any, gives the Purcell factor. With the cavity sideband, q_factor alone (no mode
        // volume) gives only the cavity's linewidth, and the Purcell factor comes from purcell or lifetime_ps/beta.
        bool linewidthOnly = cavitySideband && s.Has("q_factor") && !s.Has("mode_volume_cubic_lambda_over_n");
        string? cavityKey = linewidthOnly ? null : CavityGeometryKeys.FirstOrDefault(s.Has);
        string? waveguideKey = cavitySource ? null : WaveguideGeometryKeys.FirstOrDefault(s.Has);
        string? geometryKey = cavityKey ?? waveguideKey;
        if (cavityKey is not null && waveguideKey is not null)
            s.AddError($"{cavityKey} and {waveguideKey}", "a cavity geometry and a slow-light waveguide geometry both determine the Purcell factor: give one");
        if (cavityKey is not null)
            foreach (var key in CavityGeometryKeys.Where(k => !s.Has(k)))
                s.AddError(key, $"required with the cavity geometry ({cavityKey} is given)");
        else
            foreach (var key in CavityDetailKeys.Where(s.Has))
            {
                if (linewidthOnly && key == "cavity_wavelength_nm") continue; // it places the cavity line that filters the sideband
                s.AddWarning(key, linewidthOnly
                    ? "has no effect without a cavity geometry (q_factor and mode_volume_cubic_lambda_over_n); with phonon_sideband: cavity, q_factor alone sets only the linewidth, and it is ignored"
                    : "has no effect without a cavity geometry (q_factor and mode_volume_cubic_lambda_over_n) and is ignored");
            }
        if (cavitySideband)
        {
            if (!s.Has("q_factor"))
                s.AddError("phonon_sideband", "cavity needs q_factor: the cavity's linewidth κ = 2πc/(λ_c Q) sets how much of the phonon sideband it passes");
            if (!s.Has("temperature_k"))
                s.AddError("phonon_sideband", "cavity needs temperature_k: the phonon model gives the sideband's shape, which the cavity filters (zpl_fraction alone gives only its weight)");
        }
        if (waveguideKey is not null)
            foreach (var key in WaveguideGeometryKeys.Where(k => !s.Has(k)))
                s.AddError(key, $"required with the slow-light waveguide geometry ({waveguideKey} is given)");
        if (waveguideKey is not null) s.Conflict("other_decay_fraction", "radiative_background", "decay out of the mode");

        s.Conflict("lifetime_ps", "purcell", "lifetime");
        s.Conflict("lifetime_ps", "bulk_lifetime_ps", "lifetime");
        if (geometryKey is not null)
        {
            s.Conflict("purcell", geometryKey, "Purcell factor");
            s.Conflict("beta", geometryKey, "β");
        }
        s.Conflict("beta", "purcell", "β (β = purcell/(purcell + other_decay_fraction))");
        s.Conflict("temperature_k", "zpl_fraction", "zero-phonon fraction");
        if (!s.Has("temperature_k"))
            foreach (var key in new[] { "phonon_alpha_ps2", "phonon_cutoff_per_ps" }.Where(s.Has))
                s.AddWarning(key, "has no effect without temperature_k (the phonon model) and is ignored");

        double zplFraction = zplGiven ?? 1.0;
        if (temperatureK is double tk && s.Errors.Count == 0)
        {
            zplFraction = PhononBath.ZeroPhononFraction(phononAlphaPs2, phononCutoffRadPerPs, tk);
            // The bath's integral is in u = ω/ω_c with a = ħω_c/(2k_B T): a must be a finite, non-zero double.
            double a = PhononBath.HbarOverBoltzmannPsK * phononCutoffRadPerPs / (2 * tk);
            if (double.IsNaN(zplFraction) || (tk > 0 && !(a > 0 && double.IsFinite(a) && double.IsFinite(1 / a))))
                s.AddError("temperature_k", $"{tk:R} K with phonon_cutoff_per_ps {phononCutoffRadPerPs:R} cannot be evaluated in double precision: the phonon integral needs ħω_c/(2k_B T) = {a:R} to be a finite, non-zero number (use 0 K for the zero-temperature limit)");
            else if (!(zplFraction > 0))
                s.AddError("temperature_k", $"the phonon model gives a zero-phonon fraction of {zplFraction:R} at {tk:R} K with phonon_alpha_ps2 {phononAlphaPs2:R} and phonon_cutoff_per_ps {phononCutoffRadPerPs:R}: no zero-phonon line is left");
        }

        // With the cavity sideband, the mode takes the zero-phonon line and the part r of the sideband that the
        // cavity line passes: its rate is γ0·F_P·m, m = B² + (1 − B²)r, and its photons are zero-phonon with B²/m.
        double modeRateFactor = 1;
        CavityLine? sidebandCavity = null;
        double? sidebandShare = null;
        if (cavitySideband && s.Errors.Count == 0 && qFactor is double qLine && temperatureK is double tLine)
        {
            sidebandCavity = CavityLine.FromQualityFactor(cavityWavelengthNm, qLine);
            double r = CavityPhononFilter.SidebandShareInMode(wavelengthNm, sidebandCavity, phononAlphaPs2, phononCutoffRadPerPs, tLine);
            if (!double.IsFinite(r) || !double.IsFinite(CavityPhononFilter.ModeRateFactor(zplFraction, r)))
                s.AddError("q_factor", $"{qLine:R} with cavity_wavelength_nm {cavityWavelengthNm:R}: the cavity's share of the phonon sideband ({r:R}) is not a finite number");
            else
            {
                sidebandShare = r;
                modeRateFactor = CavityPhononFilter.ModeRateFactor(zplFraction, r);
                zplFraction = CavityPhononFilter.ModeZeroPhononFraction(zplFraction, r);
            }
        }

        // Purcell factor and the rest of the decay.
        double? purcell = purcellGiven;
        double otherFraction = waveguideKey is not null ? radiativeBackground ?? 1 : otherDecayFraction;
        if (s.Errors.Count == 0)
        {
            if (cavityKey is not null && qFactor is double q && modeVolume is double v)
                purcell = EmitterCoupling.CavityPurcellFactor(q, v, wavelengthNm, cavityWavelengthNm, dipoleAlignment);
            else if (waveguideKey is not null && groupIndex is double ng && effectiveAreaUm2 is double area)
                purcell = EmitterCoupling.WaveguidePurcellFactor(wavelengthNm, refractiveIndex, ng, area);
        }

        double decayRate = 1.0;
        if (lifetimePs is double t1)
        {
            decayRate = 1 / t1;
            if (!double.IsFinite(decayRate))
                s.AddError("lifetime_ps", $"{t1:R} ps gives a decay rate 1/T1 beyond double precision: expected a lifetime of at least {1 / double.MaxValue:R} ps");
        }
        else if (bulkLifetimePs is double tBulk)
        {
            if (purcell is double fZpl)
            {
                double f = fZpl * modeRateFactor;
                string source = geometryKey is not null ? $"the geometry ({geometryKey} …)" : "purcell";
                if (!double.IsFinite(f) || !double.IsFinite((f + otherFraction) / tBulk) || !((f + otherFraction) / tBulk > 0 || f + otherFraction == 0))
                    s.AddError(geometryKey ?? "purcell", double.IsFinite(f)
                        ? $"{source} gives a Purcell factor of {f:R}, and with bulk_lifetime_ps {tBulk:R} a decay rate beyond double precision"
                        : $"{source} gives a Purcell factor beyond double precision");
                // γ0(F_P + other) is the radiative rate; non-radiative decay adds to it so that Γ_rad/Γ = η_QE.
                else if (f + otherFraction > 0 && quantumEfficiency > 0)
                {
                    decayRate = (f + otherFraction) / tBulk / quantumEfficiency;
                    if (!double.IsFinite(decayRate))
                    {
                        s.AddError("quantum_efficiency", $"{quantumEfficiency:R} makes the decay rate γ0(F_P + other)/η_QE beyond double precision: expected a quantum efficiency of at least {(f + otherFraction) / tBulk / double.MaxValue:R}");
                        decayRate = 1.0;
                    }
                }
                else if (f + otherFraction > 0)
                    s.AddError("quantum_efficiency", "0 with a lifetime from bulk_lifetime_ps: the radiative rate γ0(F_P + other) would need an infinite non-radiative rate; give quantum_efficiency > 0, or the measured lifetime_ps");
                else s.AddError(waveguideKey is not null ? "radiative_background" : "other_decay_fraction", $"the Purcell factor is 0 and the other decay is 0: the emitter never decays");
            }
            else if (!s.Has("purcell") && geometryKey is null)
                s.AddError("bulk_lifetime_ps", "gives the lifetime only with purcell or a geometry (q_factor and mode_volume_cubic_lambda_over_n, or group_index, effective_area_um2 and radiative_background); or give lifetime_ps instead");
        }
        else if (!s.Has("lifetime_ps") && !byFigures)
        {
            var missingFigures = MeasuredFigureKeys.Where(k => !s.Has(k)).ToArray();
            s.AddError("lifetime_ps", purcell is not null || s.Has("purcell") || geometryKey is not null
                ? "the lifetime is undetermined: give lifetime_ps, or bulk_lifetime_ps with the Purcell factor"
                : missingFigures.Length < MeasuredFigureKeys.Length
                    ? $"required setting is missing: give lifetime_ps (or bulk_lifetime_ps with purcell or a geometry), or all of brightness, g2 and indistinguishability for a source given by its measured figures ({string.Join(" and ", missingFigures)} missing)"
                    : "required setting is missing: give lifetime_ps, or bulk_lifetime_ps with purcell or a geometry, or brightness, g2 and indistinguishability for a source given by its measured figures");
        }
        if (byFigures) CheckMeasuredFigures(s, excitation, excitationName, brightnessOverride!.Value, g2Override!.Value, indistinguishabilityOverride!.Value);

        if (s.Errors.Count == 0 && !byFigures)
            CheckLineSpan(s, decayRate, lifetimePs is not null ? "lifetime_ps" : geometryKey ?? (s.Has("purcell") ? "purcell" : "bulk_lifetime_ps"), pureDephasingPerNs, spectralDiffusionGhz);

        double beta = 1.0;
        if (betaGiven is double b) beta = b;
        else if (purcell is double fZpl && s.Errors.Count == 0)
        {
            double f = fZpl * modeRateFactor;
            if (f + otherFraction > 0) beta = EmitterCoupling.BetaFromPurcell(f, otherFraction);
            else if (lifetimePs is not null) s.AddError(waveguideKey is not null ? "radiative_background" : "other_decay_fraction", "β is undefined: the Purcell factor and the other decay are both 0");
        }

        // Excitation companions.
        bool pulsed = excitation is ExcitationScheme.Resonant or ExcitationScheme.PhononAssisted or ExcitationScheme.TwoPhoton;
        string excitationWord = s.Has("excitation") ? $"excitation {excitationName}" : "excitation ideal (the default)";

        // With a cavity linewidth known, the Purcell formula (a single exponential at Γ_mode + γ) holds only in weak coupling:
        // beyond 1 % the source comes from the cavity-QED master equation (or is refused for the schemes it does not cover).
        var strongCoupling = qFactor is double qCheck && s.Errors.Count == 0 && !byFigures
            ? CheckWeakCoupling(s, decayRate, quantumEfficiency * beta * decayRate, wavelengthNm, cavityWavelengthNm, qCheck,
                excitation, excitationWord, pureDephasingPerNs, pulseFwhmPs)
            : null;
        CavityQedParameters? cavityQed = strongCoupling?.Parameters;
        double lifetimeDecayRate = strongCoupling?.ExactDecayRate ?? decayRate;
        if (cavityQed is not null && preparationOverride is double givenPreparation)
            s.AddError("preparation_efficiency", $"{givenPreparation:R} cannot be combined with a cavity outside weak coupling: the cavity-QED master equation gives the photons leaving the cavity, not a preparation of the emitter alone (leave preparation_efficiency out, or give the measured brightness)");
        if (pulsed && pulseFwhmPs is null) s.AddError("pulse_fwhm_ps", $"required with {excitationWord}");
        if (!pulsed && pulseFwhmPs is not null) s.AddWarning("pulse_fwhm_ps", $"has no effect with {excitationWord} and is ignored; it applies to resonant, phonon_assisted and two_photon");
        if (excitation is ExcitationScheme.Resonant or ExcitationScheme.PhononAssisted && pulseFwhmPs is double fwhmPs && s.Errors.Count == 0 && !byFigures
            && cavityQed is null && ResonantExcitation.PulseProblem(1 / decayRate, pureDephasingPerNs, fwhmPs) is { } pulseProblem)
            s.AddError("pulse_fwhm_ps", $"{fwhmPs:R} ps with a lifetime of {1 / decayRate:R} ps: {pulseProblem}");
        if (excitation == ExcitationScheme.AboveBand && relaxationPs is null) s.AddError("relaxation_ps", $"required with {excitationWord}");
        if (excitation != ExcitationScheme.AboveBand && relaxationPs is not null) s.AddWarning("relaxation_ps", $"has no effect with {excitationWord} and is ignored; it applies to above_band");
        BiexcitonCascadeParameters? cascade = null;
        if (excitation != ExcitationScheme.TwoPhoton)
            foreach (var key in CascadeKeys.Where(s.Has))
                s.AddWarning(key, $"has no effect with {excitationWord} and is ignored; it applies to two_photon");
        else if (byFigures)
            foreach (var key in CascadeKeys.Where(s.Has))
                s.AddWarning(key, "has no effect for a source given by its measured brightness, g2 and indistinguishability and is ignored");
        else if (pulseFwhmPs is double cascadePulsePs && s.Errors.Count == 0 && cavityQed is null)
        {
            double biexcitonRate = biexcitonLifetimePs is double txx ? 1 / txx : 2 * decayRate;
            cascade = new BiexcitonCascadeParameters(decayRate, biexcitonRate, bindingMeV / PhysicalConstants.ReducedPlanckMeVPs,
                fineStructureUeV * 1e-3 / PhysicalConstants.ReducedPlanckMeVPs, pureDephasingPerNs, cascadePulsePs);
            var (cascadeProblem, parameter) = BiexcitonCascade.Diagnose(cascade);
            if (cascadeProblem is not null)
            {
                string key = parameter switch
                {
                    "biexciton_decay" => s.Has("biexciton_lifetime_ps") ? "biexciton_lifetime_ps" : "lifetime_ps",
                    "binding" => "biexciton_binding_mev",
                    "splitting" => "fine_structure_splitting_uev",
                    "dephasing" => "pure_dephasing_per_ns",
                    "pulse" => "pulse_fwhm_ps",
                    "exciton_decay" => "lifetime_ps",
                    _ => "excitation",
                };
                s.AddError(key, $"with excitation two_photon (pulse_fwhm_ps {cascadePulsePs:R}, biexciton_binding_mev {bindingMeV:R}): {cascadeProblem}");
                cascade = null;
            }
            else if (biexcitonLine) lifetimeDecayRate = biexcitonRate;
        }

        // Pulses cannot repeat faster than the light they carry oscillates (c/λ); this also keeps every rate in Hz finite.
        double opticalFrequencyMhz = PhysicalConstants.SpeedOfLightMPerS * 1e3 / wavelengthNm;
        if (repetitionRateMhz is double fRep && !(fRep < opticalFrequencyMhz))
            s.AddError("repetition_rate_mhz", $"{fRep:R} MHz is not below the optical frequency c/λ = {opticalFrequencyMhz:G4} MHz at {wavelengthNm:R} nm: a pulse train cannot repeat faster than one optical cycle");
        // Pulse k of a frame (up to 64 through a time_demux) is emitted at k/f_rep: those times must be finite.
        else if (repetitionRateMhz is double fSlow && !(MaxFramePulses * (1e6 / fSlow) <= double.MaxValue))
            s.AddError("repetition_rate_mhz", $"{fSlow:R} MHz gives a pulse period 1/f_rep beyond double precision over a frame of {MaxFramePulses} pulses: expected at least {MaxFramePulses * 1e6 / double.MaxValue:G3} MHz");

        double sidebandFilter = s.Errors.Count == 0 ? WavepacketOverlap.SidebandFilterEfficiency(zplFraction, psbTransmission) : 1;

        // A measured g2 with the known preparation efficiency (resonant excitation is checked once solved).
        double? knownPreparation = preparationOverride ?? (excitation is ExcitationScheme.Ideal or ExcitationScheme.TwoPhoton or ExcitationScheme.AboveBand ? 1.0 : null);
        if (g2Override is double g && knownPreparation is double px && px * g > 0.5)
            s.AddError("g2", $"{g:R} with a preparation efficiency of {px:R} gives P(≥1)·g2 = {px * g:R} > 0.5: no pulse of at most two photons has these figures (g2 ≤ {0.5 / px:R})");

        return new EmitterDescription
        {
            IsCavitySource = cavitySource,
            WavelengthNm = wavelengthNm,
            LifetimePs = byFigures ? null : 1 / lifetimeDecayRate,
            CavityQed = cavityQed,
            Cascade = cascade,
            Line = biexcitonLine ? CascadeLine.Biexciton : CascadeLine.Exciton,
            Purcell = purcell,
            Beta = beta,
            QuantumEfficiency = quantumEfficiency,
            BetaRightFraction = rightFraction,
            PureDephasingPerNs = pureDephasingPerNs,
            SpectralDiffusionGhz = spectralDiffusionGhz,
            SpectralDiffusionCorrelationNs = spectralDiffusionGhz > 0 ? wanderingNs : null,
            TemperatureK = temperatureK,
            PhononAlphaPs2 = phononAlphaPs2,
            PhononCutoffRadPerPs = phononCutoffRadPerPs,
            ZplFraction = zplFraction,
            SidebandCavity = sidebandCavity,
            SidebandShareInMode = sidebandShare,
            PsbTransmission = psbTransmission,
            SidebandFilterEfficiency = sidebandFilter,
            Excitation = excitation,
            PulseFwhmPs = pulseFwhmPs,
            RelaxationPs = relaxationPs,
            PreparationEfficiencyOverride = preparationOverride,
            PolarizationFilter = polarizationFilter,
            ExtractionEfficiency = extractionEfficiency,
            RepetitionRateMhz = repetitionRateMhz,
            LaserBackgroundRatio = backgroundRatio,
            LaserPowerUw = laserPowerUw ?? 0,
            LaserExtinctionDb = laserExtinctionDb ?? 0,
            ThermalLaserBackground = thermalBackground,
            BlinkingOnFraction = onFraction,
            BlinkingCorrelationNs = onFraction < 1 ? blinkingCorrelationNs : 0,
            Multiphoton = multiphoton,
            G2Override = g2Override,
            IndistinguishabilityOverride = indistinguishabilityOverride,
            BrightnessOverride = brightnessOverride,
        };
    }
}
