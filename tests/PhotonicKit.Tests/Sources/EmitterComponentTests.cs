using System.Numerics;
using CsCheck;
using PhotonicKit.Components;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Tests.Sources;

public class EmitterComponentTests
{
    private static readonly ComponentContext Context = new(930);

    private static Dictionary<string, SettingValue> Settings(params (string Key, SettingValue Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);

    private static IEmitterComponent BindDot(params (string, SettingValue)[] entries) =>
        (IEmitterComponent)new QuantumDotModel().Bind(Settings(entries), Context);

    private static IEmitterComponent BindCavity(params (string, SettingValue)[] entries) =>
        (IEmitterComponent)new CavitySourceModel().Bind(Settings(entries), Context);

    private static ComponentSettingsException BindFails(ComponentModel model, params (string, SettingValue)[] entries) =>
        Assert.Throws<ComponentSettingsException>(() => model.Bind(Settings(entries), Context));

    [Fact]
    public void BothEmittersAreBuiltInWithTheirPorts()
    {
        Assert.True(ComponentRegistry.BuiltIn.TryGet("quantum_dot", out var dot));
        Assert.True(ComponentRegistry.BuiltIn.TryGet("cavity_source", out var cavity));
        Assert.Equal(["left", "right"], dot.FixedPorts!);
        Assert.Equal(["out"], cavity.FixedPorts!);
    }

    [Fact]
    public void EveryNetlistSourceSettingIsDeclaredWithItsDefault()
    {
        string[] common =
        [
            "wavelength_nm", "lifetime_ps", "bulk_lifetime_ps", "purcell", "q_factor", "mode_volume_cubic_lambda_over_n",
            "cavity_wavelength_nm", "dipole_alignment", "other_decay_fraction", "refractive_index", "beta", "quantum_efficiency",
            "pure_dephasing_per_ns", "spectral_diffusion_ghz", "temperature_k", "phonon_alpha_ps2", "phonon_cutoff_per_ps",
            "zpl_fraction", "psb_transmission", "excitation", "pulse_fwhm_ps", "relaxation_ps", "preparation_efficiency",
            "polarization_filter", "repetition_rate_mhz", "multiphoton_model", "g2", "indistinguishability", "brightness",
        ];
        var dot = new QuantumDotModel().Settings.ToDictionary(s => s.Name);
        var cavity = new CavitySourceModel().Settings.ToDictionary(s => s.Name);
        foreach (var name in common) { Assert.Contains(name, dot.Keys); Assert.Contains(name, cavity.Keys); }
        foreach (var name in new[] { "group_index", "effective_area_um2", "radiative_background", "beta_right_fraction" }) Assert.Contains(name, dot.Keys);
        Assert.Contains("extraction_efficiency", cavity.Keys);
        Assert.Equal(0.5, dot["beta_right_fraction"].Default);
        Assert.Equal(3.5, dot["refractive_index"].Default);
        Assert.Equal(0.027, dot["phonon_alpha_ps2"].Default);
        Assert.Equal(2.2, dot["phonon_cutoff_per_ps"].Default);
        Assert.Equal("ideal", dot["excitation"].DefaultChoice);
        Assert.Equal("distinguishable", dot["multiphoton_model"].DefaultChoice);
        Assert.Equal(1.0, cavity["extraction_efficiency"].Default);
        Assert.Equal(1.0, dot["other_decay_fraction"].Default);
        Assert.False(dot["polarization_filter"].InRange(0));
        Assert.True(dot["polarization_filter"].InRange(1));
    }

    [Theory]
    [InlineData("lifetime_ps", "purcell")]
    [InlineData("lifetime_ps", "bulk_lifetime_ps")]
    [InlineData("temperature_k", "zpl_fraction")]
    [InlineData("beta", "q_factor")]
    [InlineData("beta", "group_index")]
    [InlineData("purcell", "q_factor")]
    [InlineData("q_factor", "group_index")]
    public void ConflictingSettingsAreAnErrorNamingBothKeys(string a, string b)
    {
        var settings = new Dictionary<string, SettingValue>
        {
            ["lifetime_ps"] = 300.0, ["bulk_lifetime_ps"] = 1000.0, ["purcell"] = 5.0, ["temperature_k"] = 4.0, ["zpl_fraction"] = 0.9,
            ["beta"] = 0.9, ["q_factor"] = 1000.0, ["mode_volume_cubic_lambda_over_n"] = 1.0,
            ["group_index"] = 50.0, ["effective_area_um2"] = 0.1, ["radiative_background"] = 0.1,
        };
        // every conflict is reported at once (β against the first geometry named, the cavity)
        var e = Assert.Throws<ComponentSettingsException>(() => new QuantumDotModel().Bind(settings, Context));
        if (b != "group_index" || a != "beta") Assert.Contains(e.Errors, err => err.Key == $"{a} and {b}");
        // and each pair on its own
        var pair = new Dictionary<string, SettingValue> { [a] = settings[a], [b] = settings[b] };
        if (a is "beta" or "purcell" or "q_factor") pair["lifetime_ps"] = 300.0;
        if (b == "purcell" || a == "purcell") pair["bulk_lifetime_ps"] = 1000.0;
        if (a == "q_factor" || b == "q_factor") pair["mode_volume_cubic_lambda_over_n"] = 1.0;
        if (b == "group_index") { pair["effective_area_um2"] = 0.1; pair["radiative_background"] = 0.1; }
        if (!pair.ContainsKey("lifetime_ps") && !pair.ContainsKey("bulk_lifetime_ps")) pair["lifetime_ps"] = 300.0;
        var single = Assert.Throws<ComponentSettingsException>(() => new QuantumDotModel().Bind(pair, Context));
        Assert.Contains(single.Errors, err => err.Key == $"{a} and {b}");
    }

    [Theory]
    [InlineData("resonant", "pulse_fwhm_ps")]
    [InlineData("phonon_assisted", "pulse_fwhm_ps")]
    [InlineData("two_photon", "pulse_fwhm_ps")]
    [InlineData("above_band", "relaxation_ps")]
    public void ExcitationSchemesRequireTheirSettings(string excitation, string required)
    {
        var e = BindFails(new QuantumDotModel(), ("lifetime_ps", 300.0), ("excitation", excitation));
        var error = Assert.Single(e.Errors);
        Assert.Equal(required, error.Key);
        Assert.Contains(excitation, error.Message);
    }

    [Fact]
    public void SettingsWithoutEffectAreIgnoredWithAWarningNamingThem()
    {
        // A sweep over the excitation keeps pulse_fwhm_ps in the file: for `ideal` it is ignored, not an error.
        var ideal = (BoundComponent)BindDot(("lifetime_ps", 300.0), ("pulse_fwhm_ps", 5.0));
        var w = Assert.Single(ideal.Warnings);
        Assert.Equal("pulse_fwhm_ps", w.Key);
        Assert.Contains("ignored", w.Message);
        Assert.Equal(((IEmitterComponent)ideal).Emitter.LifetimePs, BindDot(("lifetime_ps", 300.0)).Emitter.LifetimePs);
        Assert.Contains(((BoundComponent)BindDot(("lifetime_ps", 300.0), ("excitation", "resonant"), ("pulse_fwhm_ps", 5.0), ("relaxation_ps", 5.0))).Warnings, e => e.Key == "relaxation_ps");
        Assert.Contains(((BoundComponent)BindDot(("lifetime_ps", 300.0), ("phonon_alpha_ps2", 0.03))).Warnings, e => e.Key == "phonon_alpha_ps2");
        Assert.Contains(((BoundComponent)BindDot(("lifetime_ps", 300.0), ("dipole_alignment", 0.5))).Warnings, e => e.Key == "dipole_alignment");
        Assert.Empty(((BoundComponent)BindDot(("lifetime_ps", 300.0))).Warnings);
    }

    [Fact]
    public void AnIgnoredSettingIsAWarningAtItsLineInTheResults()
    {
        const string yaml = """
            photonickit: 1
            wavelength_nm: 930
            instances:
              qd: {component: quantum_dot, settings: {lifetime_ps: 300, pulse_fwhm_ps: 5}}
            ports: {left: "qd,left", right: "qd,right"}
            analyses:
              - {type: source, source: qd}
            """;
        var bag = new PhotonicKit.Circuit.Diagnostics.DiagnosticBag("dot.yaml");
        var prepared = PhotonicKit.Circuit.Running.NetlistRunner.Prepare(yaml, "dot.yaml", [], strict: false, bag);
        Assert.NotNull(prepared);
        var warning = Assert.Single(bag.All, d => d.Message.Contains("pulse_fwhm_ps") || d.Key.Contains("pulse_fwhm_ps"));
        Assert.Equal(PhotonicKit.Circuit.Diagnostics.Severity.Warning, warning.Severity);
        Assert.Equal(4, warning.Mark.Line);
    }

    [Fact]
    public void LifetimeMustBeDeterminedOneWay()
    {
        Assert.Contains(BindFails(new QuantumDotModel()).Errors, e => e.Key == "lifetime_ps");
        Assert.Contains(BindFails(new QuantumDotModel(), ("purcell", 5.0)).Errors, e => e.Key == "lifetime_ps");
        Assert.Contains(BindFails(new QuantumDotModel(), ("bulk_lifetime_ps", 1000.0)).Errors, e => e.Key == "bulk_lifetime_ps");
        Assert.Contains(BindFails(new CavitySourceModel(), ("bulk_lifetime_ps", 1000.0), ("q_factor", 1000.0)).Errors, e => e.Key == "mode_volume_cubic_lambda_over_n");
        Assert.Contains(BindFails(new QuantumDotModel(), ("bulk_lifetime_ps", 1000.0), ("group_index", 50.0), ("effective_area_um2", 0.1)).Errors, e => e.Key == "radiative_background");
    }

    [Fact]
    public void NonPhysicalValuesAreRejectedWithTheirReason()
    {
        var beta = Assert.Single(BindFails(new QuantumDotModel(), ("lifetime_ps", 300.0), ("beta", 1.2)).Errors);
        Assert.Equal("beta", beta.Key);
        Assert.Contains("1.2", beta.Message);
        Assert.Contains("[0, 1]", beta.Message);
        Assert.Equal("indistinguishability", Assert.Single(BindFails(new QuantumDotModel(), ("lifetime_ps", 300.0), ("indistinguishability", 1.01)).Errors).Key);
        var g2 = Assert.Single(BindFails(new QuantumDotModel(), ("lifetime_ps", 300.0), ("g2", 0.6)).Errors);
        Assert.Equal("g2", g2.Key);
        Assert.Contains("0.5", g2.Message);
        var brightness = Assert.Single(BindFails(new CavitySourceModel(), ("lifetime_ps", 300.0), ("preparation_efficiency", 0.7), ("brightness", 0.8)).Errors);
        Assert.Equal("brightness", brightness.Key);
        Assert.Contains("0.7", brightness.Message);
    }

    /// <summary>
    /// Non-radiative decay shortens the lifetime when it comes from the bulk lifetime and the Purcell factor: the radiative
    /// rate γ0(F_P + other) over η_QE (Γ_rad/Γ = η_QE). The mode's rate γ0·F_P does not depend on η_QE; its share of the
    /// decays, η_QE·β, does. A measured lifetime_ps is the total lifetime and stays.
    /// </summary>
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(0.2)]
    public void NonRadiativeDecayShortensTheLifetimeFromTheBulkLifetime(double quantumEfficiency)
    {
        const double bulkPs = 1000, purcell = 10, other = 1;
        var dot = BindDot(("bulk_lifetime_ps", bulkPs), ("purcell", purcell), ("quantum_efficiency", quantumEfficiency), ("beta_right_fraction", 1.0));
        double radiativeRate = (purcell + other) / bulkPs;
        Assert.Equal(quantumEfficiency / radiativeRate, dot.Emitter.LifetimePs!.Value, 10);
        // The mode's rate η_QE·β·Γ = γ0·F_P whatever η_QE is; the brightness is the mode's share of the decays.
        Assert.Equal(purcell / bulkPs, dot.Emitter.ModeRateRadPerPs, 12);
        Assert.Equal(quantumEfficiency * purcell / (purcell + other), dot.Figures.Brightness, 12);

        var measured = BindDot(("lifetime_ps", 90.0), ("beta", 0.9), ("quantum_efficiency", quantumEfficiency));
        Assert.Equal(90.0, measured.Emitter.LifetimePs!.Value, 12);
    }

    [Fact]
    public void NoRadiativeDecayWithALifetimeFromTheBulkLifetimeIsRefused()
    {
        var error = Assert.Single(BindFails(new QuantumDotModel(), ("bulk_lifetime_ps", 1000.0), ("purcell", 10.0), ("quantum_efficiency", 0.0)).Errors);
        Assert.Equal("quantum_efficiency", error.Key);
        Assert.Contains("infinite non-radiative rate", error.Message);
    }

    [Fact]
    public void IdealSymmetricDotSplitsItsGuidedPhotonsBetweenBothPorts()
    {
        var f = BindDot(("lifetime_ps", 300.0), ("beta", 0.9), ("quantum_efficiency", 0.8)).Figures;
        Assert.Equal(1.0, f.PreparationEfficiency);
        Assert.Equal(0.72, f.Brightness, 1e-15);
        Assert.Equal(0.36, f.BrightnessByPort["left"], 1e-15);
        Assert.Equal(0.36, f.BrightnessByPort["right"], 1e-15);
        Assert.Equal(0.0, f.G2);
        Assert.Equal(1.0, f.Indistinguishability);
        Assert.Equal(1.0, f.HomVisibility);
        Assert.Null(f.Purcell);
        Assert.Equal(1.0, f.P0 + f.P1 + f.P2, 1e-15);
        Assert.Null(f.CollectedRateHz);
    }

    [Fact]
    public void CavitySourceChainMultipliesEveryFactor()
    {
        var f = BindCavity(("lifetime_ps", 100.0), ("beta", 0.95), ("extraction_efficiency", 0.8), ("polarization_filter", 0.5), ("repetition_rate_mhz", 80.0)).Figures;
        Assert.Equal(0.95 * 0.8 * 0.5, f.Brightness, 1e-15);
        Assert.Equal(f.Brightness, f.BrightnessByPort["out"]);
        Assert.Equal(f.Brightness * 80e6, f.CollectedRateHz!.Value, 1e-6);
        Assert.Equal(["prepared", "emitted", "collected", "polarization_filtered", "sideband_filtered"], f.Chain.Select(c => c.Point));
        Assert.Equal(f.Brightness, f.Chain[^1].Brightness, 1e-15);
    }

    [Fact]
    public void MeasuredOverridesKeepPreparationAtTheEmitterAndBecomeLoss()
    {
        var f = BindCavity(("lifetime_ps", 100.0), ("preparation_efficiency", 0.9), ("g2", 0.03), ("brightness", 0.5), ("indistinguishability", 0.92)).Figures;
        Assert.Equal(0.9, f.AtEmitter.AtLeastOne, 1e-15);
        Assert.Equal(0.03, f.AtEmitter.G2, 1e-12);
        Assert.Equal(0.5, f.Brightness, 1e-12);
        Assert.Equal(0.03, f.G2, 1e-12);
        Assert.Equal(0.92, f.Indistinguishability);
        // HOM: V = M_s(1 − g2 μ_em/2)² − g2
        Assert.Equal(0.92 * Math.Pow(1 - 0.03 * f.AtEmitter.Mean / 2, 2) - 0.03, f.HomVisibility, 1e-14);
        // the collected distribution is the emitter's after a binomial loss
        double eta = f.CollectionEfficiency;
        Assert.Equal(eta * eta * f.AtEmitter.P2, f.P2, 1e-15);
    }

    [Fact]
    public void AboveBandExcitationAddsRelaxationJitterToDephasing()
    {
        var f = BindDot(("lifetime_ps", 400.0), ("pure_dephasing_per_ns", 0.5), ("excitation", "above_band"), ("relaxation_ps", 40.0)).Figures;
        double gamma = 1 / 400.0, dephasing = 0.5e-3, relax = 1 / 40.0;
        Assert.Equal(gamma / (gamma + 2 * dephasing) * relax / (relax + gamma), f.Indistinguishability, 1e-14);
    }

    [Fact]
    public void PhononsLowerIndistinguishabilityUnlessTheSidebandIsFiltered()
    {
        var open = BindDot(("lifetime_ps", 300.0), ("temperature_k", 4.0)).Figures;
        Assert.Equal(0.918, open.ZplFraction, 5e-4);
        Assert.Equal(Math.Pow(open.ZplFraction, 2), open.Indistinguishability, 1e-14);
        Assert.Equal(1.0, open.Brightness, 1e-15);
        var filtered = BindDot(("lifetime_ps", 300.0), ("zpl_fraction", 0.9), ("psb_transmission", 0.0)).Figures;
        Assert.Equal(1.0, filtered.Indistinguishability, 1e-15);
        Assert.Equal(0.9, filtered.Brightness, 1e-15);
    }

    [Fact]
    public void WaveguideGeometryGivesPurcellBetaAndLifetime()
    {
        var dot = BindDot(("bulk_lifetime_ps", 1000.0), ("group_index", 50.0), ("effective_area_um2", 0.1), ("radiative_background", 0.1));
        Assert.Equal(2.408, dot.Figures.Purcell!.Value, 5e-4);
        double fwg = dot.Figures.Purcell.Value;
        Assert.Equal(fwg / (fwg + 0.1), dot.Figures.Beta, 1e-14);
        Assert.Equal(1000 / (fwg + 0.1), dot.Figures.LifetimePs!.Value, 1e-9);
    }

    [Fact]
    public void CavityGeometryGivesPurcellAndLifetimeFromBulk()
    {
        var cavity = BindCavity(("bulk_lifetime_ps", 1000.0), ("q_factor", 2000.0), ("mode_volume_cubic_lambda_over_n", 2.0));
        double fp = 3 * 2000 / (4 * Math.PI * Math.PI * 2.0);
        Assert.Equal(fp, cavity.Emitter.Purcell!.Value, 1e-9);
        Assert.Equal(fp / (fp + 1), cavity.Emitter.Beta, 1e-14);
        Assert.Equal(1000 / (fp + 1), cavity.Emitter.LifetimePs!.Value, 1e-9);
    }

    [Fact]
    public void ResonantExcitationIsWiredToTheMasterEquationSolver()
    {
        var calls = new List<(double, double, double)>();
        ExcitationFigures Solver(double t1, double gs, double fwhm)
        {
            calls.Add((t1, gs, fwhm));
            return new ExcitationFigures(0.96, 0.02, 0.9);
        }
        var resonant = (IEmitterComponent)new QuantumDotModel(Solver).Bind(Settings(("lifetime_ps", 250.0), ("pure_dephasing_per_ns", 0.3),
            ("excitation", "resonant"), ("pulse_fwhm_ps", 6.0)), Context);
        Assert.Empty(calls); // not needed for binding or for the classical S-matrix
        resonant.Figures.ToString();
        Assert.Equal((250.0, 0.3, 6.0), Assert.Single(calls));
        Assert.Equal(0.96, resonant.Figures.PreparationEfficiency, 1e-15);
        Assert.Equal(0.02, resonant.Figures.G2, 1e-12);
        // The photon-number model needs the single-photon part's overlap: M_field/(1 − g2 μ/2)².
        double mu = (1 - Math.Sqrt(1 - 2 * 0.02 * 0.96)) / 0.02;
        double singlePhotonM = 0.9 / Math.Pow(1 - 0.02 * mu / 2, 2);
        Assert.Equal(singlePhotonM, resonant.Figures.Indistinguishability, 1e-12);

        var assisted = (IEmitterComponent)new QuantumDotModel(Solver).Bind(Settings(("lifetime_ps", 250.0),
            ("excitation", "phonon_assisted"), ("pulse_fwhm_ps", 6.0), ("temperature_k", 4.0)), Context);
        Assert.Equal(0.85 * 0.96, assisted.Figures.PreparationEfficiency, 1e-15);
        Assert.Equal(singlePhotonM * Math.Pow(assisted.Figures.ZplFraction, 2), assisted.Figures.Indistinguishability, 1e-12);

        var overridden = (IEmitterComponent)new CavitySourceModel(Solver).Bind(Settings(("lifetime_ps", 250.0),
            ("excitation", "resonant"), ("pulse_fwhm_ps", 6.0), ("preparation_efficiency", 0.5), ("brightness", 0.6)), Context);
        Assert.Equal("brightness", Assert.Single(Assert.Throws<ComponentSettingsException>(() => overridden.Figures).Errors).Key);
    }

    [Fact]
    public void ResonantDotBindsAndScattersWithoutSolvingTheMasterEquation()
    {
        var bound = new QuantumDotModel().Bind(Settings(("lifetime_ps", 250.0), ("beta", 0.9), ("excitation", "resonant"), ("pulse_fwhm_ps", 6.0)), Context);
        var s = bound.Evaluate([930.0]);
        Assert.Equal(0.1, s[0, "right", "left"].Real, 1e-12);
    }

    [Fact]
    public void SymmetricDotScattersAsOneMinusBetaAndMinusBetaOnResonance()
    {
        var s = new QuantumDotModel().Bind(Settings(("lifetime_ps", 250.0), ("beta", 0.8)), Context).Evaluate([930.0, 935.0]);
        Assert.True((s[0, "right", "left"] - new Complex(0.2, 0)).Magnitude < 1e-12);
        Assert.True((s[0, "left", "right"] - new Complex(0.2, 0)).Magnitude < 1e-12);
        Assert.True((s[0, "left", "left"] - new Complex(-0.8, 0)).Magnitude < 1e-12);
        Assert.True((s[0, "right", "right"] - new Complex(-0.8, 0)).Magnitude < 1e-12);
        // far from the line (Δ ≫ Γ) the emitter is transparent
        Assert.True((s[1, "right", "left"] - 1).Magnitude < 1e-3);
    }

    [Fact]
    public void CavitySourceIsAMatchedTermination()
    {
        var s = new CavitySourceModel().Bind(Settings(("lifetime_ps", 100.0)), Context).Evaluate([929.0, 930.0]);
        Assert.Equal(Complex.Zero, s[0, 0, 0]);
        Assert.Equal(Complex.Zero, s[1, 0, 0]);
    }

    [Fact]
    public void BoundDotIsPassiveForRandomSettingsAndReciprocalOnlyWhenSymmetric() =>
        Gen.Select(Gen.Double[1, 2000], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Double[0, 5], Gen.Double[0, 20], Gen.Double[929.99, 930.01])
            .Sample((lifetime, beta, qe, f, dephasing, diffusion, probe) =>
            {
                var s = new QuantumDotModel().Bind(Settings(("lifetime_ps", lifetime), ("beta", beta), ("quantum_efficiency", qe),
                    ("beta_right_fraction", f), ("pure_dephasing_per_ns", dephasing), ("spectral_diffusion_ghz", diffusion)), Context).Evaluate([probe]);
                var m = s.ToMatrix(0);
                double largest = (m.ConjugateTranspose() * m).Evd().EigenValues.Max(e => e.Real);
                Assert.True(largest <= 1 + 1e-12, $"S†S eigenvalue {largest}");
                Assert.True(s[0, 0, 0].Magnitude * s[0, 0, 0].Magnitude + s[0, 1, 0].Magnitude * s[0, 1, 0].Magnitude <= 1 + 1e-12);
                bool reciprocal = (s[0, 1, 0] - s[0, 0, 1]).Magnitude < 1e-12;
                if (Math.Abs(f - 0.5) > 1e-3 && beta * qe > 1e-2) Assert.False(reciprocal);
            }, iter: 300);

    [Fact]
    public void ChiralDotTransmitsBackwardsUntouched()
    {
        var s = new QuantumDotModel().Bind(Settings(("lifetime_ps", 250.0), ("beta", 1.0), ("beta_right_fraction", 1.0)), Context).Evaluate([930.0]);
        Assert.True((s[0, "left", "right"] - 1).Magnitude < 1e-12);
        Assert.True((s[0, "right", "left"] + 1).Magnitude < 1e-12);
        var f = BindDot(("lifetime_ps", 250.0), ("beta", 1.0), ("beta_right_fraction", 1.0)).Figures;
        Assert.Equal(1.0, f.BrightnessByPort["right"]);
        Assert.Equal(0.0, f.BrightnessByPort["left"]);
    }

    [Fact]
    public void FiguresAreProbabilitiesForRandomSettings() =>
        Gen.Select(Gen.Double[10, 2000], Gen.Double[0, 1], Gen.Double[0.01, 1], Gen.Double[0, 1], Gen.Double[0, 20], Gen.Double[0, 30], Gen.Double[0, 1], Gen.Double[0, 0.5])
            .Sample((lifetime, beta, prep, f, dephasing, temperature, psb, g2) =>
            {
                var figures = BindDot(("lifetime_ps", lifetime), ("beta", beta), ("preparation_efficiency", prep), ("beta_right_fraction", f),
                    ("pure_dephasing_per_ns", dephasing), ("temperature_k", temperature), ("psb_transmission", psb), ("g2", g2),
                    ("excitation", "above_band"), ("relaxation_ps", 10.0)).Figures;
                Assert.Equal(1.0, figures.P0 + figures.P1 + figures.P2, 1e-14);
                Assert.True(figures.P0 >= 0 && figures.P1 >= 0 && figures.P2 >= 0);
                Assert.True(figures.Brightness <= figures.PreparationEfficiency + 1e-15);
                Assert.True(figures.BrightnessByPort["left"] <= figures.Brightness + 1e-15 && figures.BrightnessByPort["right"] <= figures.Brightness + 1e-15);
                Assert.InRange(figures.Indistinguishability, 0, 1);
                Assert.True(figures.HomVisibility <= figures.Indistinguishability);
                Assert.Equal(g2, figures.G2, 1e-9);
                for (int i = 1; i < figures.Chain.Length; i++) Assert.True(figures.Chain[i].Brightness <= figures.Chain[i - 1].Brightness + 1e-15);
                Assert.All(figures.SpectrumPerNm, d => Assert.True(double.IsFinite(d) && d >= 0));
            }, iter: 150);

    /// <summary>Two-photon excitation: the source's η_prep, g2 and M_s are the X line's of the biexciton–exciton cascade
    /// (<see cref="BiexcitonCascade"/>) with Γ_X = 1/T1, Γ_XX = 2Γ_X and E_B = 2.5 meV by default.</summary>
    [Fact]
    public void TwoPhotonExcitationComesFromTheBiexcitonCascade()
    {
        var f = BindCavity(("lifetime_ps", 150.0), ("excitation", "two_photon"), ("pulse_fwhm_ps", 8.0)).Figures;
        var line = BiexcitonCascade.Solve(new BiexcitonCascadeParameters(1 / 150.0, 2 / 150.0, 2.5 / PhysicalConstants.ReducedPlanckMeVPs, 0, 0, 8.0)).Exciton.ToOutputFigures();
        Assert.Equal(line.PreparationEfficiency, f.PreparationEfficiency, 1e-12);
        Assert.Equal(line.G2, f.G2, 1e-12);
        Assert.Equal(line.SinglePhotonIndistinguishability, f.Indistinguishability, 1e-12);
        Assert.InRange(f.PreparationEfficiency, 0.95, 1);
        Assert.InRange(f.HomVisibility + f.G2, 0.6, 2.0 / 3 + 1e-9);
    }
    /// <summary>
    /// A cavity far outside weak coupling (Q = 10⁵ with V = 0.5 (λ/n)³ gave T1 = 0.066 ps from the Purcell formula although
    /// the cavity alone keeps light for 1/κ ≈ 49 ps) is computed from the cavity-QED master equation, with a warning naming
    /// q_factor: its photons are those of <see cref="CavityQed"/> for the same g, κ and γ, and its lifetime the slowest
    /// one-excitation decay; with an excitation the master equation does not cover it is refused, naming q_factor. One whose
    /// Purcell formula is a few per cent off the exact one-excitation decay gets a warning with the size of the error; a bad
    /// cavity neither.
    /// </summary>
    [Fact]
    public void ACavityOutsideWeakCouplingIsRefusedAndOneNearItWarned()
    {
        var strong = BindCavity(("bulk_lifetime_ps", 1000.0), ("q_factor", 1e5), ("mode_volume_cubic_lambda_over_n", 0.5));
        var warned = Assert.Single(((BoundComponent)strong).Warnings, w => w.Key == "q_factor");
        Assert.Contains("strong coupling", warned.Message);
        Assert.Contains("1/κ = 49.37 ps", warned.Message);
        Assert.Contains("cavity-QED master equation", warned.Message);
        var parameters = Assert.IsType<CavityQedParameters>(strong.Emitter.CavityQed);
        double kappa = EmitterCoupling.CavityLinewidthRadPerPs(930, 1e5);
        Assert.Equal(kappa, parameters.CavityDecayRadPerPs, 1e-15);
        Assert.True(parameters.CouplingRadPerPs > kappa, "g ≫ κ/4: strong coupling");
        var solved = CavityQed.Solve(parameters);
        Assert.Equal(solved.OutputBrightness, strong.Figures.AtEmitter.AtLeastOne, 12);
        Assert.Equal(solved.ModeShare, strong.Figures.Chain[1].Factor, 12);
        Assert.Equal(solved.OutputBrightness, strong.Figures.Brightness, 12);
        // The dressed states decay at (κ + γ)/2: the slowest one-excitation decay is near 2/(κ + γ), not 0.066 ps.
        Assert.Equal(2 / (kappa + parameters.EmitterDecayRadPerPs), strong.Emitter.LifetimePs!.Value, 1e-6 * strong.Emitter.LifetimePs!.Value);

        var e = BindFails(new CavitySourceModel(), ("bulk_lifetime_ps", 1000.0), ("q_factor", 1e5), ("mode_volume_cubic_lambda_over_n", 0.5),
            ("excitation", "above_band"), ("relaxation_ps", 10.0));
        var error = Assert.Single(e.Errors);
        Assert.Equal("q_factor", error.Key);
        Assert.Contains("strong coupling", error.Message);
        Assert.Contains("above_band", error.Message);

        // Q = 5000, V = 2: Γ_mode/κ ≈ 0.047, so the Purcell formula's rate is about 6 % below the exact decay.
        var near = (BoundComponent)BindCavity(("bulk_lifetime_ps", 1000.0), ("q_factor", 5000.0), ("mode_volume_cubic_lambda_over_n", 2.0));
        var warning = Assert.Single(near.Warnings, w => w.Key == "q_factor");
        Assert.Contains("6.3 % off the exact one-excitation decay", warning.Message);

        var bad = (BoundComponent)BindCavity(("bulk_lifetime_ps", 1000.0), ("q_factor", 500.0), ("mode_volume_cubic_lambda_over_n", 15.0));
        Assert.DoesNotContain(bad.Warnings, w => w.Key == "q_factor");
    }
}
