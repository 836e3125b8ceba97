namespace PhotonicKit.Components.Detection;

/// <summary>Whether a detector resolves photon number.</summary>
public enum DetectorResolution
{
    /// <summary>Click / no click (<c>threshold</c>).</summary>
    Threshold,
    /// <summary>Photon-number resolving up to <see cref="DetectorSettings.MaxPhotons"/> (<c>pnr</c>).</summary>
    PhotonNumberResolving,
}

/// <summary>Validated settings of a <c>detector</c>, read by the multi-photon layer (docs/physics.md).</summary>
/// <param name="Efficiency">Detection efficiency η in [0, 1]: a loss before an ideal detector.</param>
/// <param name="DarkCountRateHz">Dark-count rate R_dark (Hz, ≥ 0).</param>
/// <param name="GateNs">Detection gate (ns, &gt; 0) over which dark counts accumulate: p_dark = 1 − exp(−R_dark·gate).</param>
/// <param name="DeadTimeNs">Dead time τ_d (ns, ≥ 0): rates become R/(1 + R·τ_d).</param>
/// <param name="JitterPs">Timing jitter, FWHM of the Gaussian timing response (ps, ≥ 0), against the gate: <see cref="InGateFraction"/>.</param>
/// <param name="Resolution">Threshold or photon-number resolving.</param>
/// <param name="MaxPhotons">Largest photon count a pnr detector reports (≥ 1); counts above it are capped.</param>
public sealed record DetectorSettings(double Efficiency, double DarkCountRateHz, double GateNs, double DeadTimeNs,
    double JitterPs, DetectorResolution Resolution, int MaxPhotons)
{
    /// <summary>
    /// Share of the detector's timing response that falls inside the gate: the response is a Gaussian of FWHM
    /// <see cref="JitterPs"/> (σ = FWHM/(2√(2 ln 2))) centred on the photon's arrival and the gate of
    /// <see cref="GateNs"/> is centred on the arrival too, so the share is erf(gate/(2√2 σ)); 1 without jitter.
    /// A click outside the gate is not registered, so the share acts as a loss before the detector.
    /// </summary>
    public double InGateFraction
    {
        get
        {
            if (!(JitterPs > 0)) return 1;
            double sigmaNs = JitterPs * 1e-3 / (2 * Math.Sqrt(2 * Math.Log(2)));
            return Math.Clamp(MathNet.Numerics.SpecialFunctions.Erf(GateNs / (2 * Math.Sqrt(2) * sigmaNs)), 0, 1);
        }
    }

    /// <summary>Probability that a photon arriving at the detector is registered in the gate: η·<see cref="InGateFraction"/>.</summary>
    public double RegisteredFraction => Efficiency * InGateFraction;

    /// <summary>
    /// True when the dead time acts on a pulse train (<c>dead_time_model: pulsed</c>): after a click the detector misses
    /// the pulses that arrive within τ_d (<see cref="BlockedPulses"/>), so a click probability p per pulse at pulse rate f
    /// gives the rate f·p/(1 + K·p) (a renewal process: a click every 1/p live pulses, then K dead ones), with no loss at
    /// all when τ_d ≤ 1/f. Behind a time_demux the analyses follow the pulses the detector actually receives
    /// (<see cref="InPulsePattern"/>). False (the default, spec §5): the continuous-wave form R/(1 + R·τ_d).
    /// </summary>
    public bool PulsedDeadTime { get; init; }

    /// <summary>P_ap: probability that a click is followed by an afterpulse at a random later time (afterpulses decaying slowly
    /// next to the pulse period); 0 without afterpulsing.</summary>
    public double AfterpulseProbability { get; init; }

    /// <summary>τ_ap, ns: the time constant of the exponential delay from a click to its afterpulse (<c>afterpulse_time_ns</c>),
    /// or null for afterpulses at random times (<see cref="DarkCountRateWithAfterpulsesHz"/>). With it the detector is followed
    /// pulse by pulse (<see cref="InPulsePattern"/>): an afterpulse lands in the window of a later pulse with the delay
    /// distribution's weight there, so a click raises the click probability of the next pulses.</summary>
    public double? AfterpulseTimeNs { get; init; }

    /// <summary>
    /// What this detector registers of <paramref name="pattern"/> in the stationary state, with its dead time (acting pulse by
    /// pulse, as with <see cref="PulsedDeadTime"/>) and, when <see cref="AfterpulseTimeNs"/> is given, afterpulses correlated
    /// with the clicks before them (<see cref="PulsedDetection.Stationary"/>).
    /// </summary>
    public PulsedDetectionResult InPulsePattern(PulsePattern pattern) =>
        PulsedDetection.Stationary(pattern, DeadTimeNs, GateNs, AfterpulseTimeNs is null ? 0 : AfterpulseProbability, AfterpulseTimeNs ?? 1);

    /// <summary>The dark-count rate with afterpulses, Hz: R_dark + P_ap·R/(1 − P_ap) for a click rate R (photons and dark
    /// counts, without afterpulses): every click, afterpulses included, is followed by an afterpulse with P_ap.</summary>
    /// <param name="clickRateHz">R, the detector's click rate without afterpulses.</param>
    public double DarkCountRateWithAfterpulsesHz(double clickRateHz) =>
        AfterpulseProbability > 0 ? DarkCountRateHz + AfterpulseProbability / (1 - AfterpulseProbability) * clickRateHz : DarkCountRateHz;

    /// <summary>K: the pulses after a click that arrive within the dead time, ⌈τ_d·f⌉ − 1 (0 when τ_d ≤ 1/f), for pulses
    /// at <paramref name="pulseRateHz"/> (a relative 10⁻¹² is allowed for τ_d·f that should be a whole number).</summary>
    public double BlockedPulses(double pulseRateHz)
    {
        double periods = DeadTimeNs * 1e-9 * pulseRateHz;
        return periods > 0 && double.IsFinite(periods) ? Math.Max(0, Math.Ceiling(periods * (1 - 1e-12)) - 1) : periods > 0 ? double.MaxValue : 0;
    }

    /// <summary>
    /// The registered rate of a detector that clicks with probability <paramref name="clickProbability"/> per pulse at
    /// <paramref name="pulseRateHz"/>, with its dead time: f·p/(1 + K·p) when <see cref="PulsedDeadTime"/>, else
    /// R/(1 + R·τ_d) with R = f·p.
    /// </summary>
    public double RateWithDeadTime(double pulseRateHz, double clickProbability)
    {
        double rate = pulseRateHz * clickProbability;
        if (PulsedDeadTime) return rate / (1 + BlockedPulses(pulseRateHz) * clickProbability);
        return rate / (1 + rate * DeadTimeNs * 1e-9);
    }
}

/// <summary>
/// A single-photon detector on port <c>in</c>. Classically a matched termination: S = 0 (1 × 1), nothing is
/// reflected. Its counting behaviour is carried by <see cref="BoundDetector.Settings"/>.
/// </summary>
/// <remarks>S = 0 is passive and reciprocal, never unitary.</remarks>
public sealed class DetectorModel : ComponentModel
{
    /// <summary>Largest <c>max_photons</c>: the counts 0 … max_photons of one detector are indexed by an int and
    /// held in one array (a marginal, a pattern's radix), so max_photons + 1 is at most the longest .NET array.</summary>
    public const int MaxPhotonsLimit = 0x7FFFFFC7 - 1;

    private static readonly SettingSpec[] Specs =
    [
        new("efficiency", SettingKind.Number, "", "detection efficiency η") { Default = 1, Min = 0, Max = 1 },
        new("dark_count_rate_hz", SettingKind.Number, "Hz", "dark-count rate") { Default = 0, Min = 0 },
        new("gate_ns", SettingKind.Number, "ns", "detection gate: dark counts accumulate over it, jittered clicks outside it are lost") { Default = 1, Min = 0, MinExclusive = true },
        new("dead_time_ns", SettingKind.Number, "ns", "dead time τ_d: a rate R becomes R/(1 + R·τ_d), or with dead_time_model: pulsed f·p/(1 + K·p), K the pulses within τ_d") { Default = 0, Min = 0 },
        new("jitter_ps", SettingKind.Number, "ps", "timing jitter (FWHM); the share of clicks outside the gate is lost") { Default = 0, Min = 0 },
        new("resolution", SettingKind.Choice, "", "threshold (click/no click) or pnr (photon-number resolving)") { DefaultChoice = "threshold", Choices = ["threshold", "pnr"] },
        new("max_photons", SettingKind.Integer, "", "largest photon count a pnr detector reports") { Default = 8, Min = 1, Max = MaxPhotonsLimit },
        // Beyond spec §3 (docs/netlist.md, extensions):
        new("dead_time_model", SettingKind.Choice, "", "continuous: R/(1 + R·τ_d) (spec §5); pulsed: a pulse train at the source's frame rate, no loss when τ_d ≤ 1/f, else f·p/(1 + K·p) with K = ⌈τ_d·f⌉ − 1; behind a time_demux the pulses the detector receives (every N-th pulse, or a gated switch's bursts)") { DefaultChoice = "continuous", Choices = ["continuous", "pulsed"] },
        new("afterpulse_probability", SettingKind.Number, "", "P_ap, probability that a click is followed by an afterpulse, late enough to fall at a random time: afterpulses are extra dark counts at rate P_ap·R/(1 − P_ap), R the detector's click rate; needs the sources' repetition_rate_mhz") { Default = 0, Min = 0, Max = 0.9 },
        new("afterpulse_time_ns", SettingKind.Number, "ns", "τ_ap, time constant of the exponential delay from a click to its afterpulse: the detector is followed pulse by pulse, an afterpulse lands in a later pulse's gate with the delay's weight there, so a click raises the next pulses' click probability; without it afterpulses fall at random times. With dead_time_ns > 0 it needs dead_time_model: pulsed") { Min = 0, MinExclusive = true },
    ];

    /// <inheritdoc/>
    public override string Name => "detector";

    /// <inheritdoc/>
    public override string Summary => "single-photon detector (threshold or photon-number resolving); a matched termination classically";

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts { get; } = ["in"];

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: true, LosslessWithoutLoss: false);

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        var detectorSettings = new DetectorSettings(
            Efficiency: settings.Number("efficiency"),
            DarkCountRateHz: settings.Number("dark_count_rate_hz"),
            GateNs: settings.Number("gate_ns"),
            DeadTimeNs: settings.Number("dead_time_ns"),
            JitterPs: settings.Number("jitter_ps"),
            Resolution: settings.Choice("resolution") == "pnr" ? DetectorResolution.PhotonNumberResolving : DetectorResolution.Threshold,
            MaxPhotons: settings.Integer("max_photons"))
        {
            PulsedDeadTime = settings.Choice("dead_time_model") == "pulsed",
            AfterpulseProbability = settings.Number("afterpulse_probability"),
            AfterpulseTimeNs = settings.OptionalNumber("afterpulse_time_ns"),
        };
        // Followed pulse by pulse, the dead time can only be the pulsed one: the continuous form has no pulses to miss.
        if (settings.Errors.Count == 0 && detectorSettings.AfterpulseTimeNs is double tau && detectorSettings.DeadTimeNs > 0 && !detectorSettings.PulsedDeadTime)
            settings.AddError("afterpulse_time_ns", $"afterpulse_time_ns {tau.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} ns follows the detector pulse by pulse, and dead_time_ns {detectorSettings.DeadTimeNs.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} ns has dead_time_model: continuous: give dead_time_model: pulsed (or dead_time_ns: 0)");
        settings.ThrowIfErrors();
        return new BoundDetector(this, detectorSettings);
    }
}

/// <summary>A bound <c>detector</c>: S = 0 on port <c>in</c>, plus its validated settings.</summary>
public sealed class BoundDetector : BoundComponent
{
    internal BoundDetector(DetectorModel model, DetectorSettings settings) : base(model, model.FixedPorts!)
    {
        Settings = settings;
    }

    /// <summary>The validated settings.</summary>
    public DetectorSettings Settings { get; }

    /// <summary>Leaves S = 0 (a matched termination).</summary>
    protected override void Fill(SMatrixSweep destination)
    {
    }
}
