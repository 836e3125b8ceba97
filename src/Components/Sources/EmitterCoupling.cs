namespace PhotonicKit.Components.Sources;

/// <summary>
/// How strongly an emitter couples to a guided or cavity mode: β factor, quantum efficiency, cooperativity
/// and Purcell factors. Rates are angular (rad/ps or any common unit: only ratios enter).
/// </summary>
public static class EmitterCoupling
{
    /// <summary>
    /// Radiative β factor β = Γ_mode/(Γ_mode + γ_rad): the share of radiative decay that goes into the mode
    /// (Lodahl, Mahmoodian, Stobbe, Rev. Mod. Phys. 87, 347 (2015), eq. (8)).
    /// </summary>
    /// <param name="modeRate">Γ_mode, decay rate into the mode (≥ 0).</param>
    /// <param name="otherRadiativeRate">γ_rad, radiative decay into every other mode (≥ 0).</param>
    public static double Beta(double modeRate, double otherRadiativeRate)
    {
        RequireNonNegative(modeRate, nameof(modeRate));
        RequireNonNegative(otherRadiativeRate, nameof(otherRadiativeRate));
        double total = modeRate + otherRadiativeRate;
        if (total <= 0) throw new ArgumentException("β is undefined when both radiative rates are zero");
        return modeRate / total;
    }

    /// <summary>Quantum efficiency η_QE = (Γ_mode + γ_rad)/Γ: radiative over total decay.</summary>
    /// <param name="radiativeRate">Γ_mode + γ_rad (≥ 0).</param>
    /// <param name="totalRate">Γ = 1/T1 (&gt; 0, ≥ the radiative rate).</param>
    public static double QuantumEfficiency(double radiativeRate, double totalRate)
    {
        RequireNonNegative(radiativeRate, nameof(radiativeRate));
        if (!(totalRate > 0) || !double.IsFinite(totalRate))
            throw new ArgumentOutOfRangeException(nameof(totalRate), totalRate, "the total decay rate must be > 0");
        if (radiativeRate > totalRate * (1 + 1e-12))
            throw new ArgumentException($"radiative rate {radiativeRate} exceeds the total decay rate {totalRate}");
        return Math.Min(1.0, radiativeRate / totalRate);
    }

    /// <summary>
    /// Cooperativity C = Γ_mode/γ_rad = β/(1 − β) (Arcari et al., Phys. Rev. Lett. 113, 093603 (2014):
    /// β = 98.43 % ↔ C = 62.7).
    /// </summary>
    /// <param name="beta">β in [0, 1).</param>
    public static double Cooperativity(double beta)
    {
        if (!(beta >= 0 && beta < 1))
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "cooperativity needs 0 ≤ β < 1 (β = 1 means C = ∞)");
        return beta / (1 - beta);
    }

    /// <summary>β = C/(1 + C), the inverse of <see cref="Cooperativity"/>.</summary>
    /// <param name="cooperativity">C ≥ 0.</param>
    public static double BetaFromCooperativity(double cooperativity)
    {
        RequireNonNegative(cooperativity, nameof(cooperativity));
        return cooperativity / (1 + cooperativity);
    }

    /// <summary>Cavity energy decay rate κ = ω_c/Q = 2πc/(λ_c Q), in rad/ps.</summary>
    /// <param name="cavityWavelengthNm">λ_c in nm (&gt; 0).</param>
    /// <param name="qFactor">Q (&gt; 0).</param>
    public static double CavityLinewidthRadPerPs(double cavityWavelengthNm, double qFactor)
    {
        RequirePositive(cavityWavelengthNm, nameof(cavityWavelengthNm));
        RequirePositive(qFactor, nameof(qFactor));
        return PhysicalConstants.AngularFrequencyRadPerPs(cavityWavelengthNm) / qFactor;
    }

    /// <summary>
    /// Purcell factor of a cavity, F_P = Γ_mode/γ0 = (3/(4π²)) (λ/n)³ (Q/V) · alignment · κ²/(κ² + 4Δ_c²)
    /// (E. M. Purcell, Phys. Rev. 69, 681 (1946); detuning and orientation factors as in Lodahl et al.,
    /// Rev. Mod. Phys. 87, 347 (2015)). With the mode volume given in units of (λ/n)³ the prefactor is
    /// (3/(4π²)) · Q/V. κ = 2πc/(λ_c Q); Δ_c = ω_emitter − ω_cavity.
    /// </summary>
    /// <param name="qFactor">Quality factor Q (&gt; 0).</param>
    /// <param name="modeVolumeCubicLambdaOverN">V/(λ/n)³ (&gt; 0).</param>
    /// <param name="emitterWavelengthNm">Emitter zero-phonon wavelength (nm).</param>
    /// <param name="cavityWavelengthNm">Cavity resonance (nm).</param>
    /// <param name="dipoleAlignment">|ê·d̂|² × |E(r)/E_max|², in [0, 1].</param>
    public static double CavityPurcellFactor(double qFactor, double modeVolumeCubicLambdaOverN,
        double emitterWavelengthNm, double cavityWavelengthNm, double dipoleAlignment)
    {
        RequirePositive(modeVolumeCubicLambdaOverN, nameof(modeVolumeCubicLambdaOverN));
        RequirePositive(emitterWavelengthNm, nameof(emitterWavelengthNm));
        if (!(dipoleAlignment >= 0 && dipoleAlignment <= 1))
            throw new ArgumentOutOfRangeException(nameof(dipoleAlignment), dipoleAlignment, "expected [0, 1]");
        double kappa = CavityLinewidthRadPerPs(cavityWavelengthNm, qFactor);
        double detuning = PhysicalConstants.AngularFrequencyRadPerPs(emitterWavelengthNm) - PhysicalConstants.AngularFrequencyRadPerPs(cavityWavelengthNm);
        // κ²/(κ² + 4Δ²) as 1/(1 + (2Δ/κ)²): exactly 1 on resonance even when κ² underflows (Q near the double range).
        double ratio = detuning == 0 ? 0 : 2 * detuning / kappa;
        double lorentzian = 1 / (1 + ratio * ratio);
        return 3.0 / (4 * Math.PI * Math.PI) * (qFactor / modeVolumeCubicLambdaOverN) * dipoleAlignment * lorentzian;
    }

    /// <summary>
    /// Decay rate of an emitter coupled to a lossy cavity mode, exact for one excitation: the slower eigenvalue λ of
    /// d/dt (c_e, c_c) = [[−γ/2, −ig], [−ig, −κ/2 − iΔ]] (c_e, c_c), population rate −2 Re λ. The coupling follows from
    /// the rate the Purcell formula gives into the mode, Γ_mode = 4g²κ/(κ² + 4Δ²) (the bad-cavity limit, in which the
    /// total rate is Γ_mode + γ). Where the two differ, the emission is not the single exponential the Purcell formula
    /// assumes: non-exponential, or vacuum Rabi oscillations when g exceeds |κ − γ|/4 (Andreani, Panzarini, Gérard,
    /// PRB 60, 13276 (1999)).
    /// </summary>
    /// <param name="modeRatePerPs">Γ_mode, the Purcell-formula rate into the cavity mode (1/ps, ≥ 0).</param>
    /// <param name="otherRatePerPs">γ, every other decay of the emitter (1/ps, ≥ 0).</param>
    /// <param name="kappaRadPerPs">κ, the cavity's energy decay rate (rad/ps, &gt; 0).</param>
    /// <param name="detuningRadPerPs">Δ = ω_emitter − ω_cavity (rad/ps).</param>
    /// <returns>The population decay rate of the slower eigenmode (1/ps).</returns>
    public static double CavityCoupledDecayRatePerPs(double modeRatePerPs, double otherRatePerPs, double kappaRadPerPs, double detuningRadPerPs)
    {
        RequirePositive(kappaRadPerPs, nameof(kappaRadPerPs));
        if (!(modeRatePerPs >= 0)) throw new ArgumentOutOfRangeException(nameof(modeRatePerPs), modeRatePerPs, "expected ≥ 0");
        if (!(otherRatePerPs >= 0)) throw new ArgumentOutOfRangeException(nameof(otherRatePerPs), otherRatePerPs, "expected ≥ 0");
        double ratio = detuningRadPerPs / kappaRadPerPs;
        // g² = Γ_mode (κ² + 4Δ²)/(4κ), written to stay finite for large κ.
        double g2 = modeRatePerPs * kappaRadPerPs * (1 + 4 * ratio * ratio) / 4;
        var a = new System.Numerics.Complex(-otherRatePerPs / 2, 0);
        var d = new System.Numerics.Complex(-kappaRadPerPs / 2, -detuningRadPerPs);
        var mean = (a + d) / 2;
        var half = (a - d) / 2;
        var root = System.Numerics.Complex.Sqrt(half * half - g2);
        double slower = Math.Max((mean + root).Real, (mean - root).Real);
        return -2 * slower;
    }

    /// <summary>
    /// Purcell factor of a slow-light (photonic-crystal) waveguide, both directions together,
    /// F_wg = Γ_mode/γ0 = (3/(4π)) (λ/n)² (n_g/n)/A_eff (Manga Rao &amp; Hughes, Phys. Rev. B 75, 205437 (2007);
    /// Lodahl et al., Rev. Mod. Phys. 87, 347 (2015)). Example: 930 nm, n = 3.5, n_g = 50, A_eff = 0.1 µm² → 2.408.
    /// </summary>
    /// <param name="wavelengthNm">Emitter wavelength λ (nm).</param>
    /// <param name="refractiveIndex">Refractive index n of the host material.</param>
    /// <param name="groupIndex">Group index n_g of the guided mode.</param>
    /// <param name="effectiveAreaUm2">Effective mode area A_eff at the emitter (µm²).</param>
    public static double WaveguidePurcellFactor(double wavelengthNm, double refractiveIndex, double groupIndex, double effectiveAreaUm2)
    {
        RequirePositive(wavelengthNm, nameof(wavelengthNm));
        RequirePositive(refractiveIndex, nameof(refractiveIndex));
        RequirePositive(groupIndex, nameof(groupIndex));
        RequirePositive(effectiveAreaUm2, nameof(effectiveAreaUm2));
        double lambdaOverNUm = wavelengthNm * 1e-3 / refractiveIndex;
        return 3.0 / (4 * Math.PI) * lambdaOverNUm * lambdaOverNUm * (groupIndex / refractiveIndex) / effectiveAreaUm2;
    }

    /// <summary>β = F/(F + γ_other/γ0), the β factor when the mode rate is F·γ0 and every other channel γ_other.</summary>
    /// <param name="purcellFactor">F = Γ_mode/γ0 ≥ 0.</param>
    /// <param name="otherDecayFraction">γ_other/γ0 ≥ 0 (not both zero).</param>
    public static double BetaFromPurcell(double purcellFactor, double otherDecayFraction) => Beta(purcellFactor, otherDecayFraction);

    /// <summary>Total decay rate Γ = γ0 (F + γ_other/γ0), in the unit of γ0 = 1/bulk lifetime.</summary>
    /// <param name="bulkDecayRate">γ0 &gt; 0.</param>
    /// <param name="purcellFactor">F ≥ 0.</param>
    /// <param name="otherDecayFraction">γ_other/γ0 ≥ 0.</param>
    public static double DecayRateFromPurcell(double bulkDecayRate, double purcellFactor, double otherDecayFraction)
    {
        RequirePositive(bulkDecayRate, nameof(bulkDecayRate));
        RequireNonNegative(purcellFactor, nameof(purcellFactor));
        RequireNonNegative(otherDecayFraction, nameof(otherDecayFraction));
        double rate = bulkDecayRate * (purcellFactor + otherDecayFraction);
        if (!(rate > 0)) throw new ArgumentException("the decay rate is zero: the Purcell factor and other_decay_fraction are both zero");
        return rate;
    }

    internal static void RequirePositive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and > 0");
    }

    internal static void RequireNonNegative(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and ≥ 0");
    }

    internal static void RequireFraction(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [0, 1]");
    }
}
