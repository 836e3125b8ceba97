using System.Collections.Immutable;

namespace PhotonicKit.Circuit.Devices;

/// <summary>
/// Presets of published quantum-dot single-photon sources (docs/devices.md): each device's physical parameters
/// with their sources, the netlist (devices/NAME.yaml holds <see cref="PublishedDevice.ToNetlist"/>) and the
/// figures the paper publishes. Parameters a paper does not give are marked "assumption" and listed in
/// docs/devices.md; none is chosen to reproduce a published figure.
/// </summary>
public static class PublishedDevices
{
    private const string BulkLifetime = "assumption: radiative lifetime of an InGaAs quantum dot in bulk GaAs, about 1 ns";
    private const string MicropillarPsb = "assumption: the cavity (Q ~ 10^4, linewidth ~0.1 nm) passes ~5 % of the few-nm-wide phonon sideband";
    private const string MicropillarOutcoupling = "assumption: share of the cavity mode leaving through the top mirror into the first lens, typical micropillar design value";
    private const string LowTemperature = "assumption: cryostat temperature not taken from the paper, 5 K";
    private const string TransformLimited = "assumption: no Markovian pure dephasing (resonant excitation of a gated or low-noise dot)";

    /// <summary>
    /// Arcari et al., "Near-unity coupling efficiency of a quantum emitter to a photonic crystal waveguide",
    /// Phys. Rev. Lett. 113, 093603 (2014): β = 98.43 ± 0.04 %, cooperativity 62.7 ± 1.5 (abstract). β follows
    /// from the waveguide decay rate and the radiation-mode rate the paper measures; the rates here are the
    /// ones that analysis uses (docs/devices.md: the β ↔ rates bookkeeping, not an independent prediction).
    /// </summary>
    public static PublishedDevice Arcari2014 { get; } = new(
        "arcari2014",
        "M. Arcari et al., Phys. Rev. Lett. 113, 093603 (2014)",
        "InAs quantum dot in a GaAs photonic-crystal waveguide; β from the measured decay rates",
        "quantum_dot", 940, "assumption: InAs dots of the sample emit around 910-980 nm; β does not depend on it",
        [
            new("bulk_lifetime_ps", 1000.0, "assumption: normalisation γ0 = 1 ns^-1 of the two rates below; β and C do not depend on it"),
            new("purcell", 6.27, "Arcari 2014 decay-rate analysis: γ_wg = γ_total − γ_rad = 6.37 − 0.10 ns^-1 (values used here, see docs/devices.md)"),
            new("other_decay_fraction", 0.10, "Arcari 2014: radiation-mode rate γ_rad ≈ 0.1 ns^-1 of dots inhibited by the photonic band gap, in units of γ0"),
            new("beta_right_fraction", 0.5, "Arcari 2014: symmetric (non-chiral) coupling, β counts both directions"),
            new("excitation", "ideal", "assumption: the paper excites above band; β does not depend on the excitation"),
        ],
        [
            new("beta", 0.9843, 0.0004, "Arcari 2014, abstract"),
            new("cooperativity", 62.7, 1.5, "Arcari 2014, abstract", "β/(1 − β), computed from the beta field"),
        ]);

    /// <summary>
    /// Somaschi et al., "Near-optimal single-photon sources in the solid state", Nat. Photon. 10, 340 (2016):
    /// electrically controlled InGaAs dot in a connected micropillar, resonant π pulse, cross-polarised
    /// collection; M = 0.9956 ± 0.0045, g2 = 0.0028 ± 0.0012, brightness 0.154 ± 0.015 (abstract).
    /// </summary>
    public static PublishedDevice Somaschi2016 { get; } = new(
        "somaschi2016",
        "N. Somaschi et al., Nat. Photon. 10, 340 (2016)",
        "InGaAs quantum dot in an electrically connected micropillar, resonant π pulse, cross-polarised collection",
        "cavity_source", 925, "assumption: InGaAs dot near 925 nm; the figures below do not depend on it",
        [
            new("bulk_lifetime_ps", 1000.0, BulkLifetime),
            new("purcell", 7.6, "assumption: Purcell factor of the order of those of these connected pillars (5-10), not read from the paper"),
            new("pure_dephasing_per_ns", 0.0, TransformLimited),
            new("temperature_k", 5.0, LowTemperature),
            new("psb_transmission", 0.05, MicropillarPsb),
            new("excitation", "resonant", "Somaschi 2016: strictly resonant pulsed excitation at π"),
            new("pulse_fwhm_ps", 5.0, "assumption: a few-ps Ti:sapphire π pulse, 5 ps"),
            new("extraction_efficiency", 0.7355, "Somaschi 2016, abstract: photon extraction of 65 %, read as β times the out-coupling into the first lens: 0.65/β with β = 7.6/8.6 of the assumed Purcell factor"),
            new("polarization_filter", 0.5, "Somaschi 2016: cross-polarised excitation and collection keep one of two polarisations"),
            new("repetition_rate_mhz", 82.0, "assumption: Ti:sapphire repetition rate"),
        ],
        [
            new("indistinguishability", 0.9956, 0.0045, "Somaschi 2016, abstract"),
            new("g2", 0.0028, 0.0012, "Somaschi 2016, abstract"),
            new("brightness", 0.154, 0.015, "Somaschi 2016, abstract", "first-lens brightness ('measured brightness', with a photon extraction of 65 %), resonant excitation"),
        ]);

    /// <summary>
    /// Ding et al., "On-demand single photons with high extraction efficiency and near-unity indistinguishability
    /// from a resonantly driven quantum dot in a micropillar", Phys. Rev. Lett. 116, 020401 (2016): extraction
    /// 66 %, purity 99.1 % (g2 = 0.009), indistinguishability 98.5 % at π (abstract).
    /// </summary>
    public static PublishedDevice Ding2016 { get; } = new(
        "ding2016",
        "X. Ding et al., Phys. Rev. Lett. 116, 020401 (2016)",
        "InAs quantum dot in a micropillar, s-shell resonant π pulse; extraction counted in both polarisations",
        "cavity_source", 910, "assumption: dot near 910 nm; the figures below do not depend on it",
        [
            new("bulk_lifetime_ps", 1000.0, BulkLifetime),
            new("purcell", 6.3, "assumption: Purcell factor of the order reported for such pillars (5-10), not read from the paper"),
            new("pure_dephasing_per_ns", 0.0, TransformLimited),
            new("temperature_k", 5.0, LowTemperature),
            new("psb_transmission", 0.05, MicropillarPsb),
            new("excitation", "resonant", "Ding 2016: s-shell pulsed resonant excitation at π"),
            new("pulse_fwhm_ps", 3.0, "assumption: ~3 ps Ti:sapphire π pulse"),
            new("extraction_efficiency", 0.8, MicropillarOutcoupling),
            new("polarization_filter", 1.0, "Ding 2016: the extraction efficiency counts both polarisations (cross-polarisation loss corrected)"),
            new("repetition_rate_mhz", 81.0, "assumption (secondary source: the rate budget of Ding 2016 read by a third-party extraction, 81 MHz): no figure depends on it"),
        ],
        [
            new("brightness", 0.66, null, "Ding 2016, abstract", "extraction efficiency into the first lens, both polarisations"),
            new("g2", 0.009, null, "Ding 2016, abstract", "single-photon purity 99.1 % = 1 − g2"),
            new("indistinguishability", 0.985, null, "Ding 2016, abstract"),
        ]);

    /// <summary>
    /// Wang et al., "Towards optimal single-photon sources from polarized microcavities", Nat. Photon. 13, 770
    /// (2019), elliptical micropillar: polarised efficiency 0.60 ± 0.02, purity 0.975 ± 0.005, M = 0.975 ± 0.006.
    /// </summary>
    public static PublishedDevice Wang2019Micropillar { get; } = new(
        "wang2019_micropillar",
        "H. Wang et al., Nat. Photon. 13, 770 (2019), elliptical micropillar",
        "quantum dot in a birefringent elliptical micropillar; excitation in one polarised mode, collection in the other",
        "cavity_source", 910, "assumption: dot near 910 nm; the figures below do not depend on it",
        [
            new("lifetime_ps", 61.0, "Wang 2019, Fig. 2f and text: radiative lifetime ~61.0(1) ps of the dot in the elliptical micropillar (17.87 times faster than the ~1.09 ns of the slab)"),
            new("beta", 0.947, "Wang 2019: mode leakage ~5.3 % of the emission, the rest into the cavity mode"),
            new("pure_dephasing_per_ns", 0.0, TransformLimited),
            new("temperature_k", 4.0, "Wang 2019, Fig. 2b caption: the quantum dot is resonant with the collected mode at 4 K"),
            new("phonon_sideband", "cavity", "Wang 2019: the cavity's quality factor is given, so its Lorentzian shapes the phonon sideband (the paper notes the narrowband pillar suppresses phonon emission)"),
            new("q_factor", 5016.0, "Wang 2019, 'Elliptical micropillar': quality factor 5,016 of the mode M2 (major axis) the dot is resonant with"),
            new("psb_transmission", 1.0, "Wang 2019: no spectral filter on the micropillar's photons (the etalon is used only for the grating)"),
            new("excitation", "resonant", "Wang 2019: coherent resonant π-pulse excitation"),
            new("pulse_fwhm_ps", 3.0, "assumption: ~3 ps Ti:sapphire π pulse (the paper gives no pulse length)"),
            new("quantum_efficiency", 0.82, "Wang 2019: internal quantum efficiency ~82 %, including the preparation at π and the radiative efficiency (the model's own preparation, 0.9997, is counted again)"),
            new("extraction_efficiency", 0.772, "Wang 2019: sidewall scattering loses ~22.8 % of the cavity mode"),
            new("polarization_filter", 0.962, "Wang 2019: degree of polarisation 92.3 %, a loss of 3.8 % at the output polariser aligned with the collected mode"),
            new("repetition_rate_mhz", 76.0, "Wang 2019: pumping repetition rate of 76 MHz"),
        ],
        [
            new("brightness", 0.60, 0.02, "Wang 2019, abstract", "polarised single-photon efficiency"),
            new("g2", 0.025, 0.005, "Wang 2019, abstract", "single-photon purity 0.975 ± 0.005 = 1 − g2"),
            new("indistinguishability", 0.975, 0.006, "Wang 2019, abstract"),
        ]);

    /// <summary>
    /// Wang et al., Nat. Photon. 13, 770 (2019), elliptical Bragg grating: polarised efficiency 0.56 ± 0.02,
    /// purity 0.991 ± 0.003, M = 0.951 ± 0.005.
    /// </summary>
    public static PublishedDevice Wang2019BraggGrating { get; } = new(
        "wang2019_bragg_grating",
        "H. Wang et al., Nat. Photon. 13, 770 (2019), elliptical Bragg grating",
        "quantum dot in a broadband elliptical circular-Bragg-grating cavity, polarisation-orthogonal excitation and collection",
        "cavity_source", 910, "assumption: dot near 910 nm; the figures below do not depend on it",
        [
            new("bulk_lifetime_ps", 1090.0, "Wang 2019, Fig. 2f and text: lifetime of the dots in the slab from the same area, ~1.09 ns"),
            new("purcell", 14.27, "Wang 2019: radiative lifetime 69.1(1) ps, 1090/69.1 = 15.77 times faster than in the slab, less the other decay below"),
            new("other_decay_fraction", 1.5, "assumption: leaky channels (1) plus the weaker orthogonal mode (~0.5); the paper gives no split of the 15.77"),
            new("pure_dephasing_per_ns", 0.0, TransformLimited),
            new("temperature_k", 5.0, "assumption: not given for this device (bath cryostat, lowest 1.5 K; the micropillar dot is tuned at 4 K), 5 K"),
            new("psb_transmission", 0.05, "assumption: the broadband cavity does not filter the sideband; a ~0.1 nm spectral filter passing ~5 % of it"),
            new("excitation", "resonant", "Wang 2019: coherent resonant π-pulse excitation"),
            new("pulse_fwhm_ps", 3.0, "assumption: ~3 ps Ti:sapphire π pulse (the paper gives no pulse length)"),
            new("blinking_on_fraction", 0.65, "Wang 2019: the loss is mainly quantum-dot blinking, 35 % (the dot is 62.5 nm from an etched surface): bright 65 % of the time"),
            new("extraction_efficiency", 0.8, "assumption: share of the grating mode collected by the first lens (NA ~0.7), typical design value"),
            new("polarization_filter", 1.0, "Wang 2019: the photons are collected in the cavity's own polarised mode (no degree of polarisation is given for this device)"),
            new("repetition_rate_mhz", 76.0, "Wang 2019: pumping repetition rate of 76 MHz"),
        ],
        [
            new("brightness", 0.56, 0.02, "Wang 2019, abstract", "polarised single-photon efficiency"),
            new("g2", 0.009, 0.003, "Wang 2019, abstract", "single-photon purity 0.991 ± 0.003 = 1 − g2"),
            new("indistinguishability", 0.951, 0.005, "Wang 2019, abstract"),
        ]);

    /// <summary>
    /// Tomm et al., "A bright and fast source of coherent single photons", Nat. Nanotechnol. 16, 399 (2021):
    /// gated InAs dot in a tunable open microcavity, lifetime 50 ps; 57 % at the output of the final fibre,
    /// 43.5 MHz of photons at 76 MHz, g2 = 2.1 %.
    /// </summary>
    public static PublishedDevice Tomm2021 { get; } = new(
        "tomm2021",
        "N. Tomm et al., Nat. Nanotechnol. 16, 399 (2021)",
        "gated InAs quantum dot in a tunable open microcavity, resonant π pulse, polarisation-selective collection",
        "cavity_source", 930, "assumption: dot near 930 nm; the figures below do not depend on it",
        [
            new("lifetime_ps", 50.0, "Tomm 2021: radiative lifetime 50 ps of the Purcell-enhanced dot"),
            new("beta", 0.95, "assumption: β of the cavity mode for F_P ≈ 19 (50 ps against ~1 ns in bulk), β = F_P/(F_P + 1)"),
            new("pure_dephasing_per_ns", 0.0, "assumption: gated dot in a low-noise heterostructure, no Markovian pure dephasing"),
            new("temperature_k", 4.2, "assumption: liquid-helium bath"),
            new("psb_transmission", 0.05, "assumption: the cavity (linewidth ~0.05 nm) passes ~5 % of the phonon sideband"),
            new("excitation", "resonant", "Tomm 2021: resonant π-pulse excitation, cross-polarised"),
            new("pulse_fwhm_ps", 3.0, "assumption: ps-laser π pulse, 3 ps"),
            new("extraction_efficiency", 0.9, "assumption: share of the cavity mode leaving through the top mirror (mirror transmission dominates the loss)"),
            new("polarization_filter", 1.0, "Tomm 2021: the cavity's polarisation-split modes let the collected mode keep its photons (no 50 % filter)"),
            new("repetition_rate_mhz", 76.0, "Tomm 2021: 76 MHz pulse train"),
        ],
        [
            new("brightness_fibre", 0.57, null, "Tomm 2021, abstract", "end-to-end efficiency at the output of the final fibre, detector excluded; the source analysis reports the cavity output (a later point needs the optics)"),
            new("g2", 0.021, null, "Tomm 2021"),
            new("lifetime_ps", 50, null, "Tomm 2021", "an input of the model, listed for completeness"),
        ]);

    /// <summary>
    /// Uppu et al., "On-chip deterministic operation of quantum dots in dual-mode waveguides for a plug-and-play
    /// single-photon source", Nat. Commun. 11, 3782 (2020): g2 = 0.020 ± 0.005, indistinguishability 96 ± 2 %,
    /// 80 % coupling efficiency into the waveguide (abstract, arXiv:2001.10716).
    /// </summary>
    public static PublishedDevice Uppu2020 { get; } = new(
        "uppu2020",
        "R. Uppu et al., Nat. Commun. 11, 3782 (2020)",
        "gated InAs quantum dot in a dual-mode GaAs nanobeam waveguide, resonant π pulse through the waveguide",
        "quantum_dot", 930, "assumption: dot near 930 nm; the figures below do not depend on it",
        [
            new("bulk_lifetime_ps", 1000.0, BulkLifetime),
            new("purcell", 2.0, "assumption: modest waveguide Purcell factor of a nanobeam, ~2, not read from the paper"),
            new("other_decay_fraction", 0.3, "assumption: radiation-mode rate of a nanobeam, ~0.3 γ0"),
            new("beta_right_fraction", 0.5, "Uppu 2020: both directions of the waveguide mode together"),
            new("pure_dephasing_per_ns", 0.03, "assumption (related device): 0.03 ns^-1, measured at 1.6 K in the same group's waveguide platform that closely follows this work (Wang, Y. et al., npj Quantum Inf. 9, 94 (2023))"),
            new("temperature_k", 1.6, "assumption: closed-cycle cryostat at 1.6 K (the temperature of the same group's follow-up platform, Wang, Y. et al. 2023)"),
            new("psb_transmission", 0.05, "assumption: a narrow spectral filter passes ~5 % of the sideband"),
            new("excitation", "resonant", "Uppu 2020: pulsed resonant π excitation through the orthogonal waveguide mode"),
            new("pulse_fwhm_ps", 18.0, "assumption (related device): the 18 ps stretched pulse of the same group's follow-up platform (Wang, Y. et al., npj Quantum Inf. 9, 94 (2023))"),
            new("repetition_rate_mhz", 72.0, "assumption: mode-locked laser repetition rate"),
        ],
        [
            new("g2", 0.020, 0.005, "Uppu 2020, abstract"),
            new("indistinguishability", 0.96, 0.02, "Uppu 2020, abstract"),
            new("brightness", 0.80, null, "Uppu 2020, abstract", "coupling efficiency into the waveguide (both directions)"),
        ]);

    /// <summary>
    /// Thomas et al., "Bright polarized single-photon source based on a linear dipole", Phys. Rev. Lett. 126,
    /// 233601 (2021): phonon-assisted excitation of a neutral dot's linear dipole in a micropillar; polarised
    /// first-lens brightness 0.50 ± 0.01, purity 0.954 ± 0.001, M = 0.909 ± 0.004; preparation 85 % of resonant.
    /// </summary>
    public static PublishedDevice Thomas2021 { get; } = new(
        "thomas2021",
        "S. E. Thomas et al., Phys. Rev. Lett. 126, 233601 (2021)",
        "neutral InGaAs dot with a linear dipole in a micropillar, phonon-assisted (detuned) excitation",
        "cavity_source", 925, "assumption: dot near 925 nm; the figures below do not depend on it",
        [
            new("bulk_lifetime_ps", 1000.0, BulkLifetime),
            new("purcell", 5.0, "assumption: Purcell factor of the pillar mode, ~5, not read from the paper"),
            new("pure_dephasing_per_ns", 0.0, "assumption: no Markovian pure dephasing"),
            new("temperature_k", 5.0, LowTemperature),
            new("psb_transmission", 0.05, MicropillarPsb),
            new("excitation", "phonon_assisted", "Thomas 2021: longitudinal-acoustic-phonon-assisted excitation; population 85 % of resonant (the model's default share)"),
            new("pulse_fwhm_ps", 15.0, "assumption: ~15 ps detuned pulse"),
            new("extraction_efficiency", 0.8, MicropillarOutcoupling),
            new("polarization_filter", 0.997, "Thomas 2021: degree of linear polarisation 0.994 ± 0.007, share along the collected axis (1 + 0.994)/2"),
            new("repetition_rate_mhz", 79.0, "assumption: Ti:sapphire repetition rate"),
        ],
        [
            new("brightness", 0.50, 0.01, "Thomas 2021, abstract", "polarised first-lens brightness"),
            new("g2", 0.046, 0.001, "Thomas 2021, abstract", "single-photon purity 0.954 ± 0.001 = 1 − g2"),
            new("indistinguishability", 0.909, 0.004, "Thomas 2021, abstract"),
        ]);

    /// <summary>Every preset, in publication order.</summary>
    public static ImmutableArray<PublishedDevice> All { get; } =
        [Arcari2014, Somaschi2016, Ding2016, Wang2019Micropillar, Wang2019BraggGrating, Uppu2020, Tomm2021, Thomas2021];

    /// <summary>The preset of that name (file stem), or null.</summary>
    /// <param name="name">e.g. <c>somaschi2016</c>.</param>
    public static PublishedDevice? Find(string name) => All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));
}
