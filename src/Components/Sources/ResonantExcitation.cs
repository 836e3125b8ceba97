using PhotonicKit.Components.Sources.Excitation;

namespace PhotonicKit.Components.Sources;

/// <summary>Figures of one excitation pulse, computed at the emitter (before any collection loss).</summary>
/// <param name="PreparationEfficiency">η_prep = p_x = P(≥1 photon emitted per pulse) in the photon-number model of
/// a pulsed source (p_n = 0 for n ≥ 3): p_x = p1 + p2 = μ − g2 μ²/2, consistent with <see cref="MeanPhotonNumber"/>
/// μ = p1 + 2p2 and <see cref="G2"/> = 2p2/μ².</param>
/// <param name="G2">Integrated second-order correlation of the emitted light,
/// g2 = Γ² ∫∫ ⟨σ†(t)σ†(s)σ(s)σ(t)⟩ dt ds / μ² over both time orders, which equals 2p2/μ².</param>
/// <param name="Indistinguishability">M: mean wavepacket overlap of the emitted light,
/// M = Γ² ∫∫ |⟨σ†(s)σ(t)⟩|² dt ds / μ² over both time orders (Fischer et al., New J. Phys. 18, 113053 (2016);
/// Kiraz, Atatüre, Imamoglu, PRA 69, 032305 (2004)). It is the normalised interference term of two identical,
/// independent pulses: the HOM visibility is M − g2 (<see cref="HomVisibility"/>). Instantaneous pulse:
/// M = Γ/(Γ + 2γ*). Always in [0, 1].</param>
public sealed record ExcitationFigures(double PreparationEfficiency, double G2, double Indistinguishability)
{
    private readonly double? meanPhotonNumber;

    /// <summary>μ = Γ ∫ ⟨σ†σ⟩(t) dt over the pulse and the decay after it: the mean number of photons emitted per
    /// pulse (exceeds one when the emitter is re-excited during a pulse of about T1). When not set (figures built
    /// from other sources) it follows from the photon-number model: μ = p_x + p2 with
    /// p2 = p_x² g2/(1 − p_x g2 + √(1 − 2 p_x g2)) (the stable form of (1 − p_x g2 − √(1 − 2 p_x g2))/g2).</summary>
    /// <exception cref="InvalidOperationException">Not set and p_x·g2 &gt; 1/2, which the model cannot represent.</exception>
    public double MeanPhotonNumber
    {
        get => meanPhotonNumber ?? ModelMeanPhotonNumber(PreparationEfficiency, G2);
        init => meanPhotonNumber = value;
    }

    /// <summary>Hong–Ou–Mandel visibility of two identical independent pulses on a balanced beam splitter,
    /// V = 1 − 2⟨n_c n_d⟩/(⟨n_c⟩⟨n_d⟩) = M − g2 (time-integrated, normally ordered photon counts).</summary>
    public double HomVisibility => Indistinguishability - G2;

    /// <summary>M_s = M/(1 − g2 μ/2)² = Γ² ∫∫ |⟨σ†(s)σ(t)⟩|² dt ds / p_x²: the single-photon indistinguishability
    /// that makes the model with a distinguishable extra photon (Ollivier et al., PRL 126, 063602 (2021):
    /// V = M_s(1 − g2 μ/2)² − g2) reproduce <see cref="HomVisibility"/> exactly. It exceeds one when the extra
    /// photon of a re-excitation event is partly indistinguishable from the others (computed values exceed one for
    /// γ* = 0 at every pulse length computed, FWHM = 10⁻³ … 100 T1), so it is not a probability; M_s → Γ/(Γ + 2γ*) for an
    /// instantaneous pulse.</summary>
    /// <exception cref="InvalidOperationException">η_prep is not positive.</exception>
    public double SinglePhotonIndistinguishability => PreparationEfficiency > 0
        ? Indistinguishability * MeanPhotonNumber * MeanPhotonNumber / (PreparationEfficiency * PreparationEfficiency)
        : throw new InvalidOperationException("the single-photon indistinguishability needs a preparation efficiency > 0");

    /// <summary>Emitter population ⟨σ†σ⟩ when the drive ends (7.5 standard deviations of Ω(t) after its peak); set by
    /// <see cref="ResonantExcitation.Solve"/>, zero otherwise.</summary>
    public double PopulationAfterPulse { get; init; }

    /// <summary>p1: probability of exactly one photon, μ − g2 μ² (negative values mean the two-photon model cannot
    /// represent the computed μ and g2; see <see cref="IsTwoPhotonModelValid"/>).</summary>
    public double SinglePhotonProbability => MeanPhotonNumber - G2 * MeanPhotonNumber * MeanPhotonNumber;

    /// <summary>p2: probability of two photons, g2 μ²/2.</summary>
    public double TwoPhotonProbability => 0.5 * G2 * MeanPhotonNumber * MeanPhotonNumber;

    /// <summary>True when p1 ≥ 0 and p_x ≤ 1, i.e. the photon-number model with at most two photons per pulse
    /// reproduces μ and g2 (g2 μ ≤ 1).</summary>
    public bool IsTwoPhotonModelValid => SinglePhotonProbability >= 0 && PreparationEfficiency <= 1;

    private static double ModelMeanPhotonNumber(double brightness, double g2)
    {
        double product = brightness * g2;
        if (!(product <= 0.5))
            throw new InvalidOperationException(
                $"brightness × g2 = {product.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)} exceeds 1/2: no two-photon distribution has this P(≥1) and g2");
        double twoPhoton = brightness * brightness * g2 / (1 - product + Math.Sqrt(1 - 2 * product));
        return brightness + twoPhoton;
    }
}

/// <summary>Resonant π-pulse excitation of a two-level emitter by a Gaussian pulse of finite duration.</summary>
public static class ResonantExcitation
{
    /// <summary>Relative tolerance of the adaptive integration (local error per step, per component).</summary>
    internal const double RelativeTolerance = 1e-10;

    /// <summary>Relative tolerance of the coarse first pass that only measures each component's magnitude.</summary>
    internal const double ScoutTolerance = 1e-5;

    /// <summary>Magnitude below which a component is not controlled in the first pass (units of T1, Γ = 1).</summary>
    internal const double ScoutFloor = 1e-40;

    /// <summary>Largest (pulse window) × (fastest rate) handled; beyond it the explicit integration becomes
    /// stiff and slow.</summary>
    internal const double MaxStiffness = 1e6;

    /// <summary>
    /// Driven two-level master equation with two-time correlations (quantum regression theorem).
    /// <para>Model: dρ/dt = −i[H, ρ] + Γ D[σ]ρ + 2γ* D[σ†σ]ρ, H = (ħΩ(t)/2)(σ + σ†) in the rotating frame on
    /// resonance, Ω(t) = Ω₀ exp(−2 ln2 t²/FWHM²) with ∫Ω dt = π, emitter initially in its ground state.
    /// Emission rate Γ⟨σ†σ⟩(t); two-time functions by the quantum regression theorem
    /// (Fischer et al., New J. Phys. 18, 113053 (2016); Kiraz, Atatüre, Imamoglu, PRA 69, 032305 (2004)).</para>
    /// <para>Returns η_prep = μ − g2μ²/2 (P(≥1)), g2 (integrated, = 2p2/μ²) and the wavepacket overlap M;
    /// see <see cref="ExcitationFigures"/> and docs/excitation.md for the definitions. Limits: FWHM → 0 gives
    /// η_prep → 1, g2 → 0.4376·Γ·FWHM, M → Γ/(Γ + 2γ*). Accuracy ≈ 10⁻⁹ relative; about 1 ms per call.</para>
    /// </summary>
    /// <param name="lifetimePs">T1 = 1/Γ, in ps; positive and finite.</param>
    /// <param name="pureDephasingPerNs">γ*, in ns⁻¹ (coherence decays at Γ/2 + γ*); zero or positive, finite.</param>
    /// <param name="pulseFwhmPs">FWHM of the pulse intensity Ω(t)², in ps; positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range, or the pulse is so long
    /// compared with T1 and 1/γ* that (7.5σ window) × (fastest rate) exceeds 10⁶.</exception>
    public static ExcitationFigures Solve(double lifetimePs, double pureDephasingPerNs, double pulseFwhmPs)
    {
        if (!double.IsFinite(lifetimePs) || lifetimePs <= 0)
            throw new ArgumentOutOfRangeException(nameof(lifetimePs), lifetimePs, $"lifetimePs = {Format(lifetimePs)}: the lifetime T1 must be a finite number > 0 ps");
        if (!double.IsFinite(pureDephasingPerNs) || pureDephasingPerNs < 0)
            throw new ArgumentOutOfRangeException(nameof(pureDephasingPerNs), pureDephasingPerNs, $"pureDephasingPerNs = {Format(pureDephasingPerNs)}: the pure dephasing rate γ* must be a finite number ≥ 0 ns⁻¹");
        if (!double.IsFinite(pulseFwhmPs) || pulseFwhmPs <= 0)
            throw new ArgumentOutOfRangeException(nameof(pulseFwhmPs), pulseFwhmPs, $"pulseFwhmPs = {Format(pulseFwhmPs)}: the pulse FWHM must be a finite number > 0 ps");

        if (PulseProblem(lifetimePs, pureDephasingPerNs, pulseFwhmPs) is { } problem)
            throw new ArgumentOutOfRangeException(nameof(pulseFwhmPs), pulseFwhmPs,
                $"pulseFwhmPs = {Format(pulseFwhmPs)} with lifetimePs = {Format(lifetimePs)} and pureDephasingPerNs = {Format(pureDephasingPerNs)}: {problem}");

        // Work in units of T1 (Γ = 1).
        double fwhm = pulseFwhmPs / lifetimePs;
        double coherenceDecay = 0.5 + pureDephasingPerNs * 1e-3 * lifetimePs;
        var pulse = new GaussianPulse(fwhm, Math.PI);
        double fastestRate = Math.Max(Math.Max(1.0, 2 * coherenceDecay), pulse.PeakRabiFrequency);
        return Integrate(pulse, coherenceDecay, fastestRate, RelativeTolerance, out _);
    }

    /// <summary>Shortest pulse handled, in units of T1: below it every figure equals the instantaneous-pulse limit
    /// (η_prep = 1, g2 = 0, M = Γ/(Γ + 2γ*)) within the solver's accuracy, and the Gaussian's exponent
    /// 2 ln2/FWHM² would overflow for far shorter pulses.</summary>
    internal const double MinFwhmOverLifetime = 1e-9;

    /// <summary>
    /// Why <see cref="Solve"/> cannot handle a pulse, in words naming the values (null when it can): a pulse shorter
    /// than <see cref="MinFwhmOverLifetime"/>·T1, or one whose 7.5σ window spans more than
    /// <see cref="MaxStiffness"/> decay or Rabi periods. Cheap (no integration), so settings are checked with it
    /// when they are read. Arguments are assumed positive and finite (γ* ≥ 0).
    /// </summary>
    internal static string? PulseProblem(double lifetimePs, double pureDephasingPerNs, double pulseFwhmPs)
    {
        double fwhm = pulseFwhmPs / lifetimePs;
        if (!(fwhm >= MinFwhmOverLifetime))
            return $"the pulse is {Format(fwhm)} lifetimes long, shorter than the {Format(MinFwhmOverLifetime)} T1 = {Format(MinFwhmOverLifetime * lifetimePs)} ps the solver handles; " +
                   "so short a π-pulse is the instantaneous limit (η_prep = 1, g2 = 0): use excitation ideal";
        double coherenceDecay = 0.5 + pureDephasingPerNs * 1e-3 * lifetimePs;
        var pulse = new GaussianPulse(fwhm, Math.PI);
        double fastestRate = Math.Max(Math.Max(1.0, 2 * coherenceDecay), pulse.PeakRabiFrequency);
        double span = 2 * pulse.HalfWindow * fastestRate;
        if (!(span <= MaxStiffness))
            return $"the pulse spans {Format(span)} decay or Rabi periods; the solver handles at most {Format(MaxStiffness)} (a shorter pulse, a longer lifetime or less dephasing)";
        return null;
    }

    /// <summary>Integrates the pulse in units of T1 with a given tolerance and reports the step statistics.</summary>
    internal static ExcitationFigures Integrate(GaussianPulse pulse, double coherenceDecay, double fastestRate,
        double relativeTolerance, out DormandPrince54.Statistics statistics)
    {
        var system = new EmissionSystem<GaussianPulse>(pulse, coherenceDecay);
        const int size = EmissionState.Size;
        Span<double> state = stackalloc double[size];
        Span<double> scales = stackalloc double[size];
        Span<double> peaks = stackalloc double[size];
        double initialStep = 1e-3 / fastestRate;
        // A coarse pass finds how large each component gets, so that the accurate pass controls errors relative to
        // that size instead of to the round-off-level values in the far tails of the Gaussian.
        state.Clear();
        scales.Fill(ScoutFloor);
        var scout = DormandPrince54.Integrate(ref system, -pulse.HalfWindow, pulse.HalfWindow, state, ScoutTolerance, scales, peaks, initialStep);
        for (int i = 0; i < size; i++) scales[i] = Math.Max(peaks[i], ScoutFloor);
        state.Clear();
        var accurate = DormandPrince54.Integrate(ref system, -pulse.HalfWindow, pulse.HalfWindow, state, relativeTolerance, scales, peaks, initialStep);
        statistics = new DormandPrince54.Statistics(scout.AcceptedSteps + accurate.AcceptedSteps, scout.RejectedSteps + accurate.RejectedSteps);
        return Figures(state, coherenceDecay);
    }

    /// <summary>Closes the integrals with the free decay after the pulse (Ω = 0: populations decay at Γ,
    /// coherences at γ₂) and forms the figures. Γ = 1.</summary>
    internal static ExcitationFigures Figures(ReadOnlySpan<double> s, double coherenceDecay)
    {
        double nEnd = s[EmissionState.N];
        double meanPhotonNumber = s[EmissionState.IntN] + nEnd;
        // ∫∫_{t<s} G2: after the drive the state prepared in |g⟩ stays there, so only t inside the pulse counts;
        // the part of s after the pulse decays at Γ.
        double twoPhotonProbability = s[EmissionState.IntZa] + s[EmissionState.Za];
        // ∫∫_{t<s} G1²: s after the pulse (G1 decays at γ₂, G1² at 2γ₂) plus t after the pulse (G1 = n(t) e^{−γ₂τ}).
        double g1SquaredIntegral = s[EmissionState.IntG1Sq]
            + EmissionState.G1Squared(s) / (2 * coherenceDecay)
            + nEnd * nEnd / (4 * coherenceDecay);

        double mu2 = meanPhotonNumber * meanPhotonNumber;
        double g2 = 2 * twoPhotonProbability / mu2;
        double overlap = 2 * g1SquaredIntegral / mu2;
        double preparation = meanPhotonNumber - twoPhotonProbability;
        return new ExcitationFigures(preparation, g2, overlap)
        {
            MeanPhotonNumber = meanPhotonNumber,
            PopulationAfterPulse = nEnd,
        };
    }

    private static string Format(double value) => value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}
