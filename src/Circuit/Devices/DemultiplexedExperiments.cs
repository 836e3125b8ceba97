using System.Collections.Immutable;

namespace PhotonicKit.Circuit.Devices;

/// <summary>
/// Presets of published multi-photon experiments with one demultiplexed quantum-dot source (docs/devices.md):
/// Wang et al. 2017 (3-, 4- and 5-photon boson sampling in a 9-mode interferometer) and Hummel et al. 2019
/// (four-channel demultiplexer). Each is a <see cref="DemultiplexedExperiment"/>; devices/NAME.yaml holds its
/// <see cref="DemultiplexedExperiment.ToNetlist"/>. Numbers the papers' abstracts do not give are assumptions,
/// fixed before the rates were computed and not changed to approach them.
/// </summary>
public static class DemultiplexedExperiments
{
    private const string Wang2017Reference = "H. Wang et al., Nat. Photon. 11, 361 (2017), arXiv:1612.06956";
    private const string Hummel2019Reference = "T. Hummel et al., Appl. Phys. Lett. 115, 021102 (2019), arXiv:1812.09210";
    private const string Maring2024Reference = "N. Maring et al., \"A versatile single-photon-based quantum computing platform\", Nat. Photon. (2024), published online 26 March 2024";

    /// <summary>
    /// The 9 × 9 unitary of the interferometer of <see cref="Wang2017"/>: a Haar-random unitary (QR of a complex
    /// Gaussian matrix with the phases of R's diagonal removed, Mezzadri 2007; Python random, seed 2017), entries
    /// rounded to 6 decimals. The paper's circuit implements a Haar-random unitary whose measured elements are
    /// shown only as a figure; its 0.99 transmission is applied as √0.99·U, which also keeps the rounded matrix
    /// passive.
    /// </summary>
    public static ImmutableArray<ImmutableArray<double>> Wang2017UnitaryRe { get; } = Rows(new double[][] {
        new[] {0.064218, -0.135003, -0.156105, 0.012209, 0.378407, -0.231783, -0.165488, -0.247634, 0.321189},
        new[] {0.063996, 0.059777, 0.294117, -0.25129, -0.369096, -0.413252, 0.26426, -0.012721, -0.332248},
        new[] {-0.084679, 0.183397, -0.057529, -0.148128, -0.155487, 0.361075, -0.037165, -0.170549, 0.109002},
        new[] {-0.037271, -0.133228, 0.142554, 0.126138, -0.209973, -0.009515, -0.265835, 0.186346, 0.179781},
        new[] {0.191104, 0.215043, -0.027676, -0.477958, -0.17082, 0.234871, -0.17481, 0.121582, 0.024201},
        new[] {-0.216624, -0.08709, 0.05241, 0.120716, -0.076724, 0.034452, 0.575134, 0.206984, 0.301412},
        new[] {-0.478223, -0.016836, 0.060374, -0.08126, -0.027052, 0.321662, 0.148569, 0.131451, -0.002693},
        new[] {-0.146861, 0.129303, 0.129202, 0.41076, 0.053583, -0.114217, -0.142997, -0.04375, -0.1146},
        new[] {0.074019, 0.318802, 0.545225, 0.248681, 0.157744, 0.150491, -0.269717, -0.030743, 0.104206},
    });

    /// <summary>Imaginary part of the unitary of <see cref="Wang2017UnitaryRe"/>.</summary>
    public static ImmutableArray<ImmutableArray<double>> Wang2017UnitaryIm { get; } = Rows(new double[][] {
        new[] {0.194162, 0.316812, -0.494295, 0.143174, 0.13547, 0.198101, 0.304906, 0.033813, -0.098711},
        new[] {0.167423, 0.358319, 0.03837, 0.240881, -0.06176, 0.362782, 0.050166, 0.001494, -0.037739},
        new[] {0.312212, 0.116709, -0.084654, 0.174841, -0.429235, -0.132347, 0.134763, -0.573291, 0.199067},
        new[] {-0.081013, -0.23, -0.289158, 0.401846, -0.437632, 0.092696, -0.288037, 0.138706, -0.394791},
        new[] {-0.097063, 0.422945, -0.262357, -0.218067, 0.148718, -0.29779, -0.240258, 0.163847, -0.240215},
        new[] {-0.441261, 0.197578, -0.129408, 0.183021, 0.169564, -0.182474, 0.115148, -0.269092, -0.15785},
        new[] {0.484343, -0.04239, 0.028063, 0.239302, 0.191804, -0.130512, 0.19355, 0.478086, -0.054091},
        new[] {-0.187701, 0.466704, -0.03232, 0.098798, -0.288016, -0.33372, -0.029529, 0.313546, 0.409304},
        new[] {0.017588, 0.146763, 0.346966, 0.004269, 0.142185, 0.046711, 0.219542, -0.147514, -0.408756},
    });

    private static ImmutableArray<ImmutableArray<double>> Rows(double[][] rows) => [.. rows.Select(r => r.ToImmutableArray())];

    /// <summary>
    /// The source of Wang et al. 2017 as the paper measures it at the output of the single-mode fibre: a quantum
    /// dot in a 2-µm micropillar (Purcell factor 7.63), resonant π pulses at 76 MHz, cross-polarised collection;
    /// about 25.6 million polarised photons per second in the fibre (brightness 25.6/76 per pulse),
    /// g2 = 0.027(1), indistinguishability 0.939(3) at 13 ns (0.923 at the 1.05 µs largest separation of the
    /// demultiplexed photons). The rates of the boson-sampling experiment are computed from these measured
    /// per-photon figures (given as the source's overrides), not from a model of the source.
    /// </summary>
    public static PublishedDevice Wang2017Source { get; } = new(
        "wang2017_source",
        Wang2017Reference,
        "InAs/GaAs quantum dot in a 2-µm micropillar, resonant π pulses, cross-polarised collection into a single-mode fibre",
        "cavity_source", 910, "assumption: dot near 910 nm; the rates do not depend on it",
        [
            new("bulk_lifetime_ps", 1000.0, "assumption: radiative lifetime of an InGaAs quantum dot in bulk GaAs, about 1 ns (sets the wavepacket length only)"),
            new("purcell", 7.63, "Wang 2017, Fig. 1 caption: Purcell factor 7.63(23) at resonance"),
            new("excitation", "resonant", "Wang 2017: pulsed s-shell resonant excitation at π"),
            new("pulse_fwhm_ps", 3.0, "assumption: picosecond laser pulse, ~3 ps (the measured figures below override what it would set)"),
            new("brightness", 25.6 / 76, "Wang 2017: ~25.6 million polarised photons per second at the output of the single-mode fibre at 76 MHz, 25.6/76 per pulse"),
            new("g2", 0.027, "Wang 2017: g2(0) = 0.027(1)"),
            new("indistinguishability", 0.9393, "Wang 2017: photon indistinguishability 0.939(3) at 13 ns and 0.923 at 1.05 µs; derived: the value at zero separation, M0 = 0.939/D(13 ns) with the wandering below (docs/devices.md)"),
            new("spectral_diffusion_ghz", 0.1849, "derived from Wang 2017: wandering width σ = 0.1522 Γ (Γ/2π = 1.214 GHz for the 131 ps lifetime of the bulk lifetime and Purcell factor here) from the two measured overlaps with the Voigt form, M0 D(13 ns) = 0.939 and M0 D(1.05 µs) = 0.923 (docs/devices.md)"),
            new("spectral_diffusion_correlation_ns", 2100.0, "Wang 2017, Fig. 2b: the indistinguishability decays with a time constant of 2.1 µs (the correlation time of the line centre)"),
            new("repetition_rate_mhz", 76.0, "Wang 2017: π pulses at a repetition rate of 76 MHz"),
        ],
        [],
        measuredOverridesAllowed: true);

    /// <summary>Published N-photon boson-sampling rates of Wang et al. 2017 (abstract), in Hz, for N = 3, 4, 5.</summary>
    public static ImmutableDictionary<int, double> Wang2017PublishedRatesHz { get; } =
        ImmutableDictionary.CreateRange([new KeyValuePair<int, double>(3, 4960), new(4, 151), new(5, 4)]);

    /// <summary>
    /// Wang et al., "High-efficiency multiphoton boson sampling", Nat. Photon. 11, 361 (2017): one quantum dot at
    /// 76 MHz; Pockels cells and polarising beam splitters turn its pulse train into 3, 4 or 5 beams (average
    /// efficiency ~84.5 %); a 9-mode interferometer of 36 beam splitters, transmission above 99 %, implementing a
    /// Haar-random unitary; nine silicon avalanche detectors (efficiency ~32 %) registering no-collision events.
    /// Published N-photon sampling rates 4.96 kHz, 151 Hz and 4 Hz for N = 3, 4, 5 (446,084 events in 90 s,
    /// 36,261 in 240 s, 11,660 in 2,900 s). The N-photon experiment is modelled with an N-channel demultiplexer
    /// gated as built (Pockels cells at 0.76 MHz: windows of ⌊76/(0.76 N)⌋ pulses, frames at 0.76 MHz times that) and
    /// detectors with the ~42 ns dead time the paper gives for its silicon detector.
    /// </summary>
    /// <param name="photons">N = 3, 4 or 5.</param>
    /// <exception cref="ArgumentOutOfRangeException">N outside 3 … 5.</exception>
    public static DemultiplexedExperiment Wang2017(int photons)
    {
        if (!Wang2017PublishedRatesHz.TryGetValue(photons, out double rate))
            throw new ArgumentOutOfRangeException(nameof(photons), photons, "Wang 2017 reports 3-, 4- and 5-photon boson sampling");
        return new(
            $"wang2017_boson_sampling_{photons}",
            Wang2017Reference,
            $"{photons}-photon boson sampling: one quantum dot demultiplexed into {photons} channels, a 9-mode interferometer, 9 threshold detectors",
            Wang2017Source,
            null,
            "the source's brightness is stated at the output of the single-mode fibre that feeds the demultiplexer",
            Enumerable.Repeat(0.845, photons),
            "Wang 2017: average efficiency of the Pockels-cell optical switches ~84.5 % (fibre coupling and propagation included)",
            new InterferometerSpec(Wang2017UnitaryRe, Wang2017UnitaryIm,
                "the paper's circuit implements a Haar-random unitary; its measured matrix (Fig. 2c,d) is not available as numbers, so a Haar-random 9-mode unitary (seed 2017) stands in for it",
                new SourcedValue(0.99, "Wang 2017: overall transmission of the interferometer above 99 %")),
            new SourcedValue(0.32, "Wang 2017: nine silicon single-photon avalanche detectors, efficiency ~32 %"),
            [new PublishedFigure($"n_fold_rate_hz.{photons}", rate, null, "Wang 2017, abstract", $"{photons}-photon boson-sampling rate (no-collision events)")])
        {
            GateRateMhz = new SourcedValue(0.76, "Wang 2017: the Pockels cells are operated at 0.76 MHz, so each of the N beams takes a window of consecutive pulses"),
            RiseTimeNs = new SourcedValue(8, "Wang 2017: rise time of 8 ns, shorter than the 13.2 ns pulse period (no pulse lost)"),
            DetectorDeadTimeNs = new SourcedValue(42, "assumption: the ~42 ns dead time the paper gives for its silicon detector, for all nine"),
            Distinguishability = photons > 4
                ? ("binary", "5 pulses × 2 photons of different line centres are beyond the exact permutation sum (9 mixed photons); binary keeps every pair's exact overlap and agrees with the exact sum to 1e-5 for 3 and 4 photons")
                : null,
        };
    }

    /// <summary>
    /// The source of Hummel et al. 2019: a quantum dot in a nanophotonic waveguide, excited above band
    /// ("non-resonant", abstract), one end of the waveguide collected through a grating coupler.
    /// </summary>
    public static PublishedDevice Hummel2019Source { get; } = new(
        "hummel2019_source",
        Hummel2019Reference,
        "InAs quantum dot in a GaAs nanophotonic waveguide, non-resonant excitation",
        "quantum_dot", 930, "assumption: dot near 930 nm; the rates do not depend on it",
        [
            new("lifetime_ps", 1000.0, "assumption: ~1 ns decay in a waveguide without strong slow-light enhancement"),
            new("beta", 0.9, "assumption: β of a planar nanophotonic waveguide, 'near-ideal' in the abstract, taken as 0.9"),
            new("beta_right_fraction", 0.5, "assumption: a symmetric waveguide; the photons going right reach the collected grating coupler"),
            new("temperature_k", 5.0, "assumption: cryostat temperature not taken from the paper, 5 K"),
            new("psb_transmission", 0.05, "assumption: a spectral filter on the exciton line passes ~5 % of the phonon sideband"),
            new("excitation", "above_band", "Hummel 2019, abstract: non-resonant excitation of the quantum dot"),
            new("relaxation_ps", 20.0, "assumption: relaxation into the exciton after above-band excitation, ~20 ps"),
            new("repetition_rate_mhz", 76.0, "assumption: Ti:sapphire repetition rate"),
        ],
        []);

    /// <summary>
    /// Hummel et al., "Efficient demultiplexed single-photon source with a quantum dot coupled to a nanophotonic
    /// waveguide", Appl. Phys. Lett. 115, 021102 (2019): grating-coupler out-coupling into single-mode fibre
    /// &gt; 60 %, a 4-channel electro-optic demultiplexer with end-to-end efficiency &gt; 81 %, four-photon
    /// coincidence rate &gt; 1 Hz under non-resonant excitation (abstract).
    /// </summary>
    public static DemultiplexedExperiment Hummel2019 { get; } = new(
        "hummel2019",
        Hummel2019Reference,
        "one quantum dot in a waveguide, grating coupler to fibre, 4-channel electro-optic demultiplexer, 4 threshold detectors",
        Hummel2019Source,
        new SourcedValue(0.60, "Hummel 2019, abstract: out-coupling from the waveguide into single-mode fibre > 60 % (the bound used)"),
        "grating coupler into single-mode fibre",
        [0.81, 0.81, 0.81, 0.81],
        "Hummel 2019, abstract: demultiplexing into 4 channels with end-to-end efficiency > 81 % into single-mode fibres (the bound used for each channel)",
        null,
        new SourcedValue(0.8, "assumption: superconducting-nanowire detector efficiency, not given in the abstract"),
        [new PublishedFigure("n_fold_rate_hz.4", 1.0, null, "Hummel 2019, abstract", "lower bound: four-photon coincidence rate > 1 Hz")]);

    /// <summary>
    /// The source of Maring et al. 2024 (Quandela's Ascella) as the paper states it: an InAs quantum dot in an electrically
    /// contacted micropillar, a neutral dot under longitudinal-acoustic-phonon-assisted excitation at 80 MHz emitting linearly
    /// polarised photons with 55 % probability into the collection lens, purity above 99 % and indistinguishability ~94 %
    /// (independent of the photons' separation up to 1 µs). Given by these measured figures (no lifetime is stated); the
    /// excitation is then the default, as a source given by its figures needs no pulse.
    /// </summary>
    public static PublishedDevice Maring2024Source { get; } = new(
        "maring2024_source",
        Maring2024Reference,
        "neutral InAs quantum dot in a contacted micropillar, phonon-assisted excitation, linearly polarised photons",
        "cavity_source", 928, "Maring 2024, Methods: the operating wavelength of the single-photon source, 928 nm",
        [
            new("brightness", 0.55, "Maring 2024: linearly polarised single photons with 55 % probability into the collection lens"),
            new("g2", 0.01, "assumption: the paper gives the purity as > 99 %, g2 < 0.01; the bound is used"),
            new("indistinguishability", 0.94, "Maring 2024: indistinguishability ~94 %, independent of the delay between emissions up to 1 µs"),
            new("repetition_rate_mhz", 80.0, "Maring 2024, Fig. 1 caption: the source is operated at a repetition rate of 80 MHz"),
        ],
        [],
        measuredOverridesAllowed: true);

    /// <summary>Published on-chip N-photon rates of Maring et al. 2024, in Hz, for N = 5, 6.</summary>
    public static ImmutableDictionary<int, double> Maring2024PublishedRatesHz { get; } =
        ImmutableDictionary.CreateRange([new KeyValuePair<int, double>(5, 50), new(6, 4)]);

    /// <summary>
    /// Maring et al., "A versatile single-photon-based quantum computing platform", Nat. Photon. (2024): the source
    /// above; an active demultiplexer deflecting the photon stream into six fibres of lengths that synchronise the photons, with
    /// optical shutters selecting the input state; a 12-mode chip (set to the identity for the coincidence rates of Fig. 1b);
    /// superconducting-nanowire detectors. An average total efficiency of ~8 % per photon, source brightness, optical
    /// transmission and detection included; on-chip five- and six-photon rates of 50 Hz and 4 Hz. Modelled as six channels
    /// at f/6 frames, one shut for five photons, every photon to its own detector.
    /// </summary>
    /// <param name="photons">N = 5 or 6.</param>
    /// <exception cref="ArgumentOutOfRangeException">N outside 5 … 6.</exception>
    public static DemultiplexedExperiment Maring2024(int photons)
    {
        if (!Maring2024PublishedRatesHz.TryGetValue(photons, out double rate))
            throw new ArgumentOutOfRangeException(nameof(photons), photons, "Maring 2024 reports on-chip rates for five and six photons");
        const double totalEfficiency = 0.08, lensBrightness = 0.55;
        return new(
            $"maring2024_ascella_{photons}",
            Maring2024Reference,
            $"{photons} photons on chip: one quantum dot demultiplexed into six fibres ({(photons == 6 ? "all open" : "one shut")}), the chip set to the identity, one threshold detector per photon",
            Maring2024Source,
            new SourcedValue(totalEfficiency / lensBrightness, "Maring 2024: average total efficiency ~8 % per photon, 'which includes the single-photon source device brightness, the transmission of all optical components, and the detection efficiencies'; after the 55 % at the collection lens 0.08/0.55 (assumption: the brightness in the total is that 55 %; the split over fibres, demultiplexer, chip and detectors is in the supplement, not reachable)"),
            "everything after the collection lens: fibre coupling, demultiplexer, chip and detectors",
            Enumerable.Range(0, 6).Select(k => k < photons ? 1.0 : 0.0),
            $"Maring 2024: an active demultiplexer deflects the photon stream sequentially into six fibres; its transmission is inside the ~8 % total{(photons < 6 ? "; the sixth channel is shut (optical shutters prepare the input state)" : "")}",
            null,
            new SourcedValue(1.0, "Maring 2024: the detection efficiency is inside the ~8 % total (collection above)"),
            [new PublishedFigure($"n_fold_rate_hz.{photons}", rate, null, "Maring 2024, Results", $"on-chip {photons}-photon coincidence rate")]);
    }

    /// <summary>Every experiment, in publication order (Wang 2017 for N = 3, 4, 5, Hummel 2019, Maring 2024 for N = 5, 6).</summary>
    public static ImmutableArray<DemultiplexedExperiment> All { get; } = [Wang2017(3), Wang2017(4), Wang2017(5), Hummel2019, Maring2024(5), Maring2024(6)];

    /// <summary>The experiment of that name (file stem), or null.</summary>
    /// <param name="name">e.g. <c>hummel2019</c>.</param>
    public static DemultiplexedExperiment? Find(string name) => All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));
}
