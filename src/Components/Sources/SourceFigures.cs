using System.Collections.Immutable;

namespace PhotonicKit.Components.Sources;

/// <summary>One point of the efficiency chain of a source.</summary>
/// <param name="Point">Name: <c>prepared</c>, <c>emitted</c>, <c>collected</c>, <c>polarization_filtered</c>,
/// <c>sideband_filtered</c>.</param>
/// <param name="Factor">The transmission factor of this step.</param>
/// <param name="Brightness">P(≥ 1 photon) per pulse after this step.</param>
public sealed record EfficiencyStep(string Point, double Factor, double Brightness);

/// <summary>
/// Per-pulse figures of an emitting source, the fields of the <c>source</c> analysis (netlist format §5).
/// Photon numbers are truncated at two per pulse (docs/physics.md, photon-number model). Immutable.
/// </summary>
public sealed record SourceFigures
{
    /// <summary>T1, ps; null for a source given only by its measured figures (<see cref="EmitterDescription.HasTemporalShape"/>).</summary>
    public required double? LifetimePs { get; init; }
    /// <summary>Purcell factor, null when no setting defines it.</summary>
    public required double? Purcell { get; init; }
    /// <summary>Radiative β.</summary>
    public required double Beta { get; init; }
    /// <summary>B².</summary>
    public required double ZplFraction { get; init; }
    /// <summary>η_prep = P(≥ 1 photon) at the emitter.</summary>
    public required double PreparationEfficiency { get; init; }
    /// <summary>P(≥ 1 photon) per pulse collected into all ports together.</summary>
    public required double Brightness { get; init; }
    /// <summary>P(≥ 1 photon) per pulse leaving each port (left/right split by f; <c>out</c> for a cavity source).</summary>
    public required ImmutableDictionary<string, double> BrightnessByPort { get; init; }
    /// <summary>Mean number of collected photons per pulse, p1 + 2p2.</summary>
    public required double MeanPhotonNumber { get; init; }
    /// <summary>P(0) collected.</summary>
    public required double P0 { get; init; }
    /// <summary>P(1) collected.</summary>
    public required double P1 { get; init; }
    /// <summary>P(2) collected.</summary>
    public required double P2 { get; init; }
    /// <summary>g2 = 2p2/μ² (unchanged by loss).</summary>
    public required double G2 { get; init; }
    /// <summary>M_s, the single-photon indistinguishability of the model of Ollivier et al. (PRL 126, 063602 (2021)),
    /// which makes V = M_s(1 − g2 μ_em/2)² − g2 hold. Reported as computed: for resonant excitation it is
    /// M μ²/p_x² from the master equation and exceeds 1 when the extra photon of a re-excitation event is partly
    /// indistinguishable (docs/excitation.md), so it is not an overlap of two photon states.</summary>
    public required double Indistinguishability { get; init; }
    /// <summary>HOM visibility V = M_s(1 − g2 μ_em/2)² − g2; for resonant excitation without overrides the master
    /// equation's M − g2.</summary>
    public required double HomVisibility { get; init; }
    /// <summary>M_main: overlap Tr(ρ_aρ_b) of the main photons of two pulses (the photon of a one-photon emission and the
    /// first of a two-photon emission), in [0, 1]; the multi-photon analyses build the photon states from it.</summary>
    public required double MainPhotonIndistinguishability { get; init; }
    /// <summary>w: probability that the extra photon of a two-photon emission is in the main photons' state (otherwise it
    /// is orthogonal to every other photon), in [0, 1]: 0 for <c>distinguishable</c>, 1 for <c>indistinguishable</c>,
    /// and for <c>master_equation</c> the value with (p_x + w p2)² M_main = M_s p_x², so that the multi-photon model
    /// reproduces <see cref="HomVisibility"/> (docs/excitation.md).</summary>
    public required double ExtraPhotonShare { get; init; }
    /// <summary>Spectrum abscissae, nm, ascending (non-uniform); empty for a source given only by its measured figures.</summary>
    public required ImmutableArray<double> SpectrumWavelengthNm { get; init; }
    /// <summary>Normalised emission density per nm at each abscissa.</summary>
    public required ImmutableArray<double> SpectrumPerNm { get; init; }
    /// <summary>Pulse rate, MHz, or null.</summary>
    public required double? RepetitionRateMhz { get; init; }
    /// <summary>Collected photon rate (P(≥ 1) × f_rep) in Hz, or null without a repetition rate.</summary>
    public double? CollectedRateHz => RepetitionRateMhz is double f ? Brightness * f * 1e6 : null;
    /// <summary>Number distribution at the emitter (p_x = η_prep).</summary>
    public required PhotonNumberDistribution AtEmitter { get; init; }
    /// <summary>Number distribution collected into all ports.</summary>
    public required PhotonNumberDistribution Collected { get; init; }
    /// <summary>Transmission η from the emitter to all ports together (the product of the chain after <c>prepared</c>).</summary>
    public required double CollectionEfficiency { get; init; }
    /// <summary>Transmission from the emitter to each port.</summary>
    public required ImmutableDictionary<string, double> CollectionEfficiencyByPort { get; init; }
    /// <summary>The efficiency chain, in order.</summary>
    public required ImmutableArray<EfficiencyStep> Chain { get; init; }
    /// <summary>Internal state of the extra photon of a two-photon emission.</summary>
    public required MultiphotonModel Multiphoton { get; init; }
    /// <summary>p_on, the share of pulses the emitter is bright for (blinking); 1 without blinking. <see cref="Brightness"/>,
    /// <see cref="MeanPhotonNumber"/>, <see cref="P0"/>–<see cref="P2"/> and the chain include it; <see cref="G2"/>,
    /// <see cref="Indistinguishability"/>, <see cref="HomVisibility"/> and <see cref="AtEmitter"/> describe the photons of a
    /// bright pulse.</summary>
    public double OnFraction { get; init; } = 1;
    /// <summary>τ_b, ns, the correlation time of the bright/dark switching; 0 when pulses blink independently.</summary>
    public double BlinkingCorrelationNs { get; init; }
    /// <summary>
    /// The leaked excitation-laser photons of a pulse at the emitter (n_b = r_b·μ, Poisson or Bose–Einstein, photon numbers
    /// above two counted as two), suffering the collection and circuit losses of the source's photons; null without
    /// background. The photon analyses add them as photons distinguishable from every emitted photon.
    /// </summary>
    public PhotonNumberDistribution? LaserBackground { get; init; }

    /// <summary>g2 of the light of a bright pulse with its leaked laser light, (2p2 + 2μn_b + 2p2_b)/(μ + n_b)² (losses do not
    /// change it); <see cref="G2"/> without background.</summary>
    public double G2WithBackground => G2WithBackgroundThrough(1);

    /// <summary>
    /// g2 of the light of a bright pulse with its leaked laser light where the circuit passes a share r of the laser light for
    /// every share of the photons it passes (r = T_b/T, the laser's spectrally averaged transmission over the photons'):
    /// thinning the photons by T and the background by T_b = rT, (2p2T² + 2μT·n_bT_b + 2p2_bT_b²)/(μT + n_bT_b)² =
    /// (2p2 + 2μ·rn_b + 2r²p2_b)/(μ + rn_b)²; <see cref="G2WithBackground"/> at r = 1.
    /// </summary>
    /// <param name="relativeTransmission">r ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="relativeTransmission"/> is negative or not finite.</exception>
    public double G2WithBackgroundThrough(double relativeTransmission)
    {
        if (!(relativeTransmission >= 0) || !double.IsFinite(relativeTransmission))
            throw new ArgumentOutOfRangeException(nameof(relativeTransmission), relativeTransmission, "the laser light's transmission relative to the photons' must be a finite number ≥ 0");
        if (LaserBackground is not { } b) return AtEmitter.G2;
        double r = relativeTransmission, mu = AtEmitter.Mean, nb = r * b.Mean, total = mu + nb;
        return total > 0 ? (2 * AtEmitter.P2 + 2 * mu * nb + 2 * r * r * b.P2) / (total * total) : 0;
    }
}

/// <summary>Computes <see cref="SourceFigures"/> from an <see cref="EmitterDescription"/>.</summary>
public static class SourceFigureCalculator
{
    /// <summary>Default η_prep of phonon-assisted excitation relative to resonant π-pulse excitation with the
    /// same pulse (netlist format §4): phonon-assisted preparation trades a lower population for robustness.</summary>
    public const double PhononAssistedPreparationShare = 0.85;

    /// <summary>
    /// Figures of one pulse: excitation → (η_prep, g2, M_ZPL), phonon sideband → M_s and a filter loss, then the
    /// loss chain η_QE·β · extraction · polarisation filter · sideband filter, each a loss on the number
    /// distribution; measured overrides replace their figure (docs/physics.md).
    /// </summary>
    /// <param name="emitter">The emitter.</param>
    /// <param name="ports">Port names of the component (left, right or out).</param>
    /// <param name="resonantSolver">(lifetime_ps, pure_dephasing_per_ns, pulse_fwhm_ps) → figures of a resonant pulse.</param>
    /// <exception cref="ComponentSettingsException">A measured override contradicts the computed preparation.</exception>
    public static SourceFigures Compute(EmitterDescription emitter, IReadOnlyList<string> ports,
        Func<double, double, double, ExcitationFigures> resonantSolver)
    {
        ArgumentNullException.ThrowIfNull(emitter);
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(resonantSolver);
        // A source given by its measured figures has no lifetime: its M_s is the measured one (and its excitation one
        // that the master equation is not needed for, checked with its settings).
        // Outside weak coupling a cavity source's emission comes from the cavity-QED master equation: the photons at the
        // emitter are then those leaving through the mode (P(≥1), g2 and M of the cavity output), the chain's "emitted"
        // step shows the share β_c of the decays that leave through the mode, and η_prep is P(≥1)/β_c (at most 1).
        var cavity = emitter.CavityQed is { } cq && emitter.HasTemporalShape ? CavityQed.SolveCached(cq) : null;
        (double preparation, double g2, double zplM) = !emitter.HasTemporalShape ? (1.0, 0.0, 1.0)
            : cavity is not null ? Solved(emitter, resonantSolver, emitter.Excitation == ExcitationScheme.PhononAssisted ? PhononAssistedPreparationShare : 1.0)
            : emitter.Excitation switch
        {
            ExcitationScheme.Resonant => Solved(emitter, resonantSolver, 1.0),
            ExcitationScheme.PhononAssisted => Solved(emitter, resonantSolver, PhononAssistedPreparationShare),
            ExcitationScheme.TwoPhoton when emitter.Cascade is not null => Solved(emitter, resonantSolver, 1.0),
            ExcitationScheme.AboveBand => (1.0, 0.0, emitter.DephasingIndistinguishability * WavepacketOverlap.RelaxationJitter(1 / emitter.RelaxationPs!.Value, emitter.DecayRateRadPerPs)),
            _ => (1.0, 0.0, emitter.DephasingIndistinguishability),
        };
        // η_prep of a cavity source from the master equation: P(≥1) of the output over the share of decays through the mode.
        double cavityPreparation = cavity is null ? preparation : Math.Min(1, cavity.ModeShare > 0 ? preparation / cavity.ModeShare : 1);
        preparation = emitter.PreparationEfficiencyOverride ?? preparation;
        g2 = emitter.G2Override ?? g2;
        if (preparation * g2 > 0.5)
            throw Error(emitter.G2Override is not null ? "g2" : "excitation",
                $"g2 {g2:R} with a preparation efficiency of {preparation:R} gives P(≥1)·g2 = {preparation * g2:R} > 0.5: no pulse of at most two photons has these figures");
        var atEmitter = PhotonNumberDistribution.FromBrightnessAndG2(preparation, g2);
        // A measured g2 or preparation with the master equation's pulse: the light's whole-field overlap M = M_s p_x²/μ² is
        // what the pulse gives; the single-photon part's M_s follows from it with the measured distribution (otherwise
        // M_s of the computed distribution with the measured one could describe light with M > 1).
        if ((NeedsResonantSolver(emitter) || cavity is not null || emitter.Cascade is not null) && emitter.HasTemporalShape && (emitter.G2Override is not null || emitter.PreparationEfficiencyOverride is not null))
        {
            var solved = SolvedDistribution(emitter, resonantSolver);
            double fieldM = zplM * Square(solved.AtLeastOne / solved.Mean);
            zplM = fieldM * Square(atEmitter.Mean / atEmitter.AtLeastOne);
        }

        double indistinguishability = emitter.IndistinguishabilityOverride
            ?? WavepacketOverlap.WithPhononSideband(zplM, emitter.ZplFraction, emitter.PsbTransmission);
        // The overlap of two single photons of this emitter: its own dephasing (and jitter), and the sideband; under a
        // resonant pulse the purity of the one-photon sector of the master equation (ResonantPhoton). (A source given by
        // its measured figures has no shape that bounds it.)
        double photonBound = !emitter.HasTemporalShape ? 1 : WavepacketOverlap.WithPhononSideband(
            cavity is not null || emitter.Cascade is not null ? 1
            : emitter.Excitation == ExcitationScheme.AboveBand
                ? emitter.DephasingIndistinguishability * WavepacketOverlap.RelaxationJitter(1 / emitter.RelaxationPs!.Value, emitter.DecayRateRadPerPs)
                : NeedsResonantSolver(emitter) ? ResonantPhoton.PurityOf(emitter.LifetimePs!.Value, emitter.PureDephasingPerNs, emitter.PulseFwhmPs!.Value)
                : emitter.DephasingIndistinguishability,
            emitter.ZplFraction, emitter.PsbTransmission);
        var (mainM, extraShare) = PhotonOverlaps(emitter, indistinguishability, photonBound, atEmitter);

        EfficiencyStep[] steps;
        double collection;
        double onFraction = emitter.BlinkingOnFraction;
        if (emitter.BrightnessOverride is double measuredOverall)
        {
            // A measured brightness is averaged over bright and dark periods: a bright pulse gives measured/p_on.
            double measured = measuredOverall / onFraction;
            if (measured > preparation * (1 + 1e-12))
                throw Error("brightness", onFraction < 1
                    ? $"{measuredOverall:R} with blinking_on_fraction {onFraction:R} means {measured:R} per bright pulse, above the preparation efficiency {preparation:R}: collected P(≥1) cannot exceed P(≥1) at the emitter (a measured brightness already includes the dark periods)"
                    : $"{measured:R} exceeds the preparation efficiency {preparation:R}: collected P(≥1) cannot exceed P(≥1) at the emitter (lower brightness or raise preparation_efficiency)");
            collection = atEmitter.TransmissionFor(Math.Min(measured, preparation));
            steps =
            [
                new("prepared", preparation, preparation),
                new("emitted", 1, preparation),
                new("collected", collection, atEmitter.AfterLoss(collection).AtLeastOne),
                new("polarization_filtered", 1, atEmitter.AfterLoss(collection).AtLeastOne),
                new("sideband_filtered", 1, atEmitter.AfterLoss(collection).AtLeastOne),
            ];
        }
        else
        {
            double[] factors =
            [
                cavity is null ? emitter.QuantumEfficiency * emitter.Beta : 1,
                emitter.ExtractionEfficiency,
                emitter.PolarizationFilter,
                emitter.SidebandFilterEfficiency,
            ];
            string[] names = ["emitted", "collected", "polarization_filtered", "sideband_filtered"];
            steps = new EfficiencyStep[factors.Length + 1];
            double prepared = cavity is null ? preparation : cavityPreparation;
            steps[0] = new("prepared", prepared, prepared);
            collection = 1;
            for (int i = 0; i < factors.Length; i++)
            {
                collection *= factors[i];
                steps[i + 1] = new(names[i], i == 0 && cavity is not null ? cavity.ModeShare : factors[i], atEmitter.AfterLoss(collection).AtLeastOne);
            }
        }

        // Blinking: a pulse in the dark state gives nothing, so every probability of the pulse is averaged over the states
        // (the photons of a bright pulse, AtEmitter, are unchanged). The chain gets a step for it after the preparation.
        if (onFraction < 1)
            steps = [steps[0], new("bright_state", onFraction, steps[0].Brightness * onFraction), .. steps.Skip(1).Select(x => x with { Brightness = x.Brightness * onFraction })];
        var collected = atEmitter.AfterLoss(collection).Blinking(onFraction);
        var share = PortShares(emitter, ports);
        var collectionByPort = share.ToImmutableDictionary(kv => kv.Key, kv => collection * kv.Value);
        var brightnessByPort = collectionByPort.ToImmutableDictionary(kv => kv.Key, kv => atEmitter.AfterLoss(kv.Value).AtLeastOne * onFraction);
        var (wavelengths, density) = emitter.HasTemporalShape ? emitter.Spectrum().Sample() : ([], []);

        return new SourceFigures
        {
            LifetimePs = emitter.LifetimePs,
            Purcell = emitter.Purcell,
            Beta = cavity is null ? emitter.Beta : Math.Min(1, cavity.ModeShare / emitter.QuantumEfficiency),
            ZplFraction = emitter.ZplFraction,
            PreparationEfficiency = cavity is null || emitter.PreparationEfficiencyOverride is not null ? preparation : cavityPreparation,
            Brightness = collected.AtLeastOne,
            BrightnessByPort = brightnessByPort,
            MeanPhotonNumber = collected.Mean,
            P0 = collected.P0,
            P1 = collected.P1,
            P2 = collected.P2,
            G2 = atEmitter.G2,
            Indistinguishability = indistinguishability,
            HomVisibility = HongOuMandel.Visibility(indistinguishability, atEmitter.G2, atEmitter.Mean),
            SpectrumWavelengthNm = wavelengths,
            SpectrumPerNm = density,
            RepetitionRateMhz = emitter.RepetitionRateMhz,
            AtEmitter = atEmitter,
            Collected = collected,
            CollectionEfficiency = collection,
            CollectionEfficiencyByPort = collectionByPort,
            Chain = [.. steps],
            Multiphoton = emitter.Multiphoton,
            MainPhotonIndistinguishability = mainM,
            ExtraPhotonShare = extraShare,
            OnFraction = onFraction,
            BlinkingCorrelationNs = emitter.BlinkingCorrelationNs,
            LaserBackground = Background(emitter, atEmitter, collection),
        };
    }

    /// <summary>
    /// The main photons' overlap M_main and the extra photon's share w that the multi-photon model uses for a source with
    /// single-photon indistinguishability M_s (<paramref name="indistinguishability"/>). Distinguishable extra photon:
    /// M_main = M_s, w = 0; indistinguishable: M_main = M_s, w = 1 (both with M_main at most 1). Master equation: M_main is
    /// the overlap M_1 of single photons of this emitter (<paramref name="photonBound"/>: the purity of the master equation's
    /// one-photon sector, <see cref="ResonantPhoton.Purity"/>, with the sideband factor) brought into the range [M, min(M_s, 1)] that w ∈ [0, 1] allows (M = M_s p_x²/μ² the whole-field overlap),
    /// and w = p_x(√(M_s/M_main) − 1)/p2, which makes the model's whole-field overlap (p_x + w p2)² M_main equal
    /// M_s p_x², i.e. reproduces V = M_s(1 − g2μ/2)² − g2 exactly (docs/excitation.md).
    /// </summary>
    private static (double MainM, double ExtraShare) PhotonOverlaps(EmitterDescription emitter, double indistinguishability, double photonBound,
        PhotonNumberDistribution atEmitter)
    {
        string key = emitter.IndistinguishabilityOverride is not null ? "indistinguishability" : "multiphoton_model";
        if (emitter.Multiphoton != MultiphotonModel.MasterEquation)
        {
            if (indistinguishability > 1 && emitter.IndistinguishabilityOverride is not null)
                throw Error("indistinguishability", $"{indistinguishability:R} exceeds 1: with multiphoton_model {Name(emitter.Multiphoton)} it is the overlap of two photon states, at most 1 (multiphoton_model: master_equation gives the extra photon a partial overlap and allows M_s > 1)");
            // A computed M_s above 1 (re-excitation with an explicit distinguishable or indistinguishable extra photon)
            // cannot be a photon state's purity: the photons get overlap 1 and the analyses that use them warn.
            return (Math.Min(1, indistinguishability), emitter.Multiphoton == MultiphotonModel.Indistinguishable ? 1 : 0);
        }
        double px = atEmitter.AtLeastOne, p2 = atEmitter.P2;
        // The whole-field overlap M = M_s p_x²/μ² (μ = p_x + p2) is the least M_main can be (w = 1); M_s the most (w = 0).
        double fieldM = px > 0 ? indistinguishability * Square(px / (px + p2)) : 0;
        if (fieldM > 1 + 1e-9)
            throw Error(key, $"M_s = {indistinguishability:R} with p_x = {px:R} and p2 = {p2:R} gives a whole-field overlap M = M_s p_x²/(p_x + p2)² = {fieldM:R} > 1, which no light has");
        if (px <= 0 || p2 <= 0) return (Math.Min(1, indistinguishability), 0);
        double mainM = Math.Min(Math.Min(1, indistinguishability), Math.Max(photonBound, fieldM));
        if (mainM <= 0) return (0, 0);
        double share = px * (Math.Sqrt(indistinguishability / mainM) - 1) / p2;
        return (mainM, Math.Clamp(share, 0, 1));
    }

    private static double Square(double x) => x * x;

    /// <summary>Most leaked laser photons per pulse at the emitter: the photon-number model stops at two per source, and above
    /// this the cut-off three-photon share exceeds 1.7 % of the two-photon one (n_b/3 for a coherent pulse; n_b/(1 + n_b),
    /// 4.8 %, for thermal light).</summary>
    public const double MaxLaserBackgroundPhotons = 0.05;

    /// <summary>
    /// Leaked laser photons per pulse at the emitter, as the engine carries them (through the same collection and circuit as
    /// the source's photons): r_b·μ, or, from the laser's power and the extinction in the collected mode,
    /// N_L·10^(−ER/10)/η_c with N_L = P/(f·hc/λ) the laser pulse's photons, so that N_L·10^(−ER/10) of them are collected.
    /// </summary>
    public static double LaserBackgroundPhotonsAtEmitter(EmitterDescription emitter, PhotonNumberDistribution atEmitter, double collectionEfficiency)
    {
        if (emitter.LaserPowerUw > 0)
        {
            if (emitter.RepetitionRateMhz is not double f || !(collectionEfficiency > 0)) return 0;
            double laserPhotons = emitter.LaserPowerUw * 1e-6 / (f * 1e6 * PhysicalConstants.PhotonEnergyJ(emitter.WavelengthNm));
            return laserPhotons * Math.Pow(10, -emitter.LaserExtinctionDb / 10) / collectionEfficiency;
        }
        return emitter.LaserBackgroundRatio * atEmitter.Mean;
    }

    private static PhotonNumberDistribution? Background(EmitterDescription emitter, PhotonNumberDistribution atEmitter, double collectionEfficiency)
    {
        if (emitter.LaserBackgroundRatio <= 0 && emitter.LaserPowerUw <= 0) return null;
        if (emitter.LaserPowerUw > 0 && !(collectionEfficiency > 0))
            throw Error("laser_power_uw", "the source's photons are not collected (collection efficiency 0), so the leaked laser light, given as collected with them, has nowhere to go: give laser_background_ratio, or a source that is collected");
        double n = LaserBackgroundPhotonsAtEmitter(emitter, atEmitter, collectionEfficiency);
        if (!double.IsFinite(n))
            throw Error("laser_power_uw and repetition_rate_mhz", $"{emitter.LaserPowerUw:G6} µW at {emitter.RepetitionRateMhz:G6} MHz is more laser photons per pulse than double precision holds");
        if (n > MaxLaserBackgroundPhotons)
            throw emitter.LaserPowerUw > 0
                ? Error("laser_power_uw and laser_extinction_db", $"{emitter.LaserPowerUw:G6} µW at {emitter.RepetitionRateMhz:G6} MHz is {n * collectionEfficiency / Math.Pow(10, -emitter.LaserExtinctionDb / 10):G4} laser photons per pulse; {emitter.LaserExtinctionDb:G6} dB of extinction leaves {n * collectionEfficiency:G4} of them in the collected mode, {n:G4} per pulse at the emitter, more than the {MaxLaserBackgroundPhotons} the two-photon model holds (pulses of three or more photons would be cut off): the extinction must be at least {emitter.LaserExtinctionDb + 10 * Math.Log10(n / MaxLaserBackgroundPhotons):F1} dB")
                : Error("laser_background_ratio", $"{emitter.LaserBackgroundRatio:R} of a bright pulse's {atEmitter.Mean:G6} photons is {n:G4} leaked laser photons per pulse, more than the {MaxLaserBackgroundPhotons} the two-photon model holds (pulses of three or more photons would be cut off)");
        if (n == 0) return null;
        double p0, p1;
        if (emitter.ThermalLaserBackground)
        {
            p0 = 1 / (1 + n);
            p1 = n / ((1 + n) * (1 + n));
        }
        else
        {
            p0 = Math.Exp(-n);
            p1 = n * p0;
        }
        return new PhotonNumberDistribution(p0, p1, Math.Max(0, 1 - p0 - p1));
    }

    private static string Name(MultiphotonModel model) => model switch
    {
        MultiphotonModel.Indistinguishable => "indistinguishable",
        MultiphotonModel.MasterEquation => "master_equation",
        _ => "distinguishable",
    };

    /// <summary>
    /// M_s of the source's photons after a circuit that changes the main photons' overlap to
    /// <paramref name="mainPhotonOverlap"/> (a filter, a delay): M_s = M_main' (1 + w p2/p_x)² at the emitter, the value
    /// for which the model of Ollivier et al. with a distinguishable extra photon gives the same HOM visibility as the
    /// multi-photon model with the extra photon's share w. Without a partial extra photon it is M_main'.
    /// </summary>
    /// <param name="figures">The source's figures.</param>
    /// <param name="mainPhotonOverlap">Overlap Tr(ρ_aρ_b) of two main photons, in [0, 1].</param>
    public static double SinglePhotonIndistinguishability(SourceFigures figures, double mainPhotonOverlap)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var d = figures.AtEmitter;
        if (figures.Multiphoton != MultiphotonModel.MasterEquation || d.AtLeastOne <= 0) return mainPhotonOverlap;
        double factor = 1 + figures.ExtraPhotonShare * d.P2 / d.AtLeastOne;
        return mainPhotonOverlap * factor * factor;
    }

    /// <summary>True when the figures need the resonant master-equation solver.</summary>
    public static bool NeedsResonantSolver(EmitterDescription emitter) =>
        emitter.Excitation is ExcitationScheme.Resonant or ExcitationScheme.PhononAssisted;

    /// <summary>Largest excess of a solved η_prep over 1 taken as the solver's round-off.</summary>
    private const double PreparationRoundOff = 1e-8;

    /// <summary>The photon-number distribution at the emitter the master equation gives (before any measured override).</summary>
    private static PhotonNumberDistribution SolvedDistribution(EmitterDescription emitter, Func<double, double, double, ExcitationFigures> solver)
    {
        // The solver's own distribution (M_s is defined with it, before the phonon-assisted share of the preparation).
        var (preparation, g2, _) = Solved(emitter, solver, 1.0);
        return PhotonNumberDistribution.FromBrightnessAndG2(preparation, g2);
    }

    private static (double Preparation, double G2, double M) Solved(EmitterDescription emitter,
        Func<double, double, double, ExcitationFigures> solver, double preparationShare)
    {
        var figures = emitter.CavityQed is { } cavity
            ? CavityQed.SolveCached(cavity).ToOutputFigures()
            : emitter.Cascade is { } cascade ? BiexcitonCascade.SolveCached(cascade).Of(emitter.Line).ToOutputFigures()
            : solver(emitter.LifetimePs!.Value, emitter.PureDephasingPerNs, emitter.PulseFwhmPs!.Value);
        // The integration is accurate to about 1e-9 relative: a preparation a hair above 1 (short pulses, whose
        // limit is exactly 1) is round-off, not a non-physical result.
        if (figures.PreparationEfficiency is > 1 and <= 1 + PreparationRoundOff)
            figures = figures with { PreparationEfficiency = 1 };
        if (!(figures.PreparationEfficiency is >= 0 and <= 1) || !(figures.G2 >= 0) || !double.IsFinite(figures.G2)
            || !(figures.Indistinguishability is >= 0 and <= 1)
            || !double.IsFinite(figures.SinglePhotonIndistinguishability))
            throw new InvalidOperationException($"the resonant-excitation solver returned non-physical figures {figures}");
        // The photon-number model (Ollivier et al. 2021) uses the overlap of the single-photon part,
        // M_s = M_field μ²/p_x², not the whole-field overlap (which already contains the g2 penalty and would count it
        // twice in V = M_s(1 − g2 μ/2)² − g2). With re-excitation the extra photon is partly indistinguishable and M_s
        // exceeds 1 (docs/excitation.md); it is reported as it is, so that V equals the master equation's M_field − g2,
        // and the multi-photon analyses give the extra photon the partial overlap that this requires.
        return (preparationShare * figures.PreparationEfficiency, figures.G2, figures.SinglePhotonIndistinguishability);
    }

    private static Dictionary<string, double> PortShares(EmitterDescription emitter, IReadOnlyList<string> ports)
    {
        if (emitter.IsCavitySource || ports.Count == 1) return ports.ToDictionary(p => p, _ => 1.0);
        return new Dictionary<string, double>
        {
            [ports[0]] = 1 - emitter.BetaRightFraction,
            [ports[1]] = emitter.BetaRightFraction,
        };
    }

    private static ComponentSettingsException Error(string key, string message) => new([new SettingError(key, message)]);
}
