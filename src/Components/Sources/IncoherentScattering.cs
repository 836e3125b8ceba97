using System.Numerics;

namespace PhotonicKit.Components.Sources;

/// <summary>
/// What a weakly driven emitter re-emits incoherently, per unit drive |g|², g = √Γ_R·a_left + √Γ_L·a_right (a the
/// photon-flux amplitudes incident at the ports left and right): the emission not in the coherent (mean) field, into
/// all of the emitter's decay channels together. The guided share into the right (left) mode is Γ_R/Γ (Γ_L/Γ), and
/// the two guided parts are one coherent superposition √Γ_R·right + √Γ_L·left (they come from the same dipole).
/// </summary>
/// <param name="DephasingPerDrive">8γ*⟨1/|D|²⟩, in units of 1/rate: light made incoherent by pure dephasing. Its spectrum
/// is the emitter's own line (a Lorentzian of FWHM Γ + 2γ* at the line centre), whatever the drive frequency.</param>
/// <param name="DiffusionPerDrive">4Γ(⟨1/|D|²⟩ − |⟨1/D⟩|²), in units of 1/rate: coherent scattering at each line centre that
/// is incoherent with the mean field because the line centre wanders (quasi-static Gaussian spectral diffusion). Its
/// frequency is the drive's.</param>
public readonly record struct IncoherentEmission(double DephasingPerDrive, double DiffusionPerDrive)
{
    /// <summary>The sum of both parts, in units of 1/rate.</summary>
    public double TotalPerDrive => DephasingPerDrive + DiffusionPerDrive;
}

/// <summary>
/// Guided powers an emitter scatters incoherently, per photon entering a port, ports (left, right), in the indexing of
/// the S-matrix (<c>[out, in]</c>): <c>LeftToRight</c> leaves by <c>right</c> for a photon that entered by <c>left</c>.
/// </summary>
/// <param name="LeftToRight">Entering left (right-going), leaving right.</param>
/// <param name="RightToLeft">Entering right (left-going), leaving left.</param>
/// <param name="LeftToLeft">Entering left, leaving left (incoherent back-scattering).</param>
/// <param name="RightToRight">Entering right, leaving right.</param>
public readonly record struct EmitterIncoherentPowers(double LeftToRight, double RightToLeft, double LeftToLeft, double RightToRight);

/// <summary>
/// Incoherent scattering of a two-level emitter side-coupled to a waveguide under weak drive, beside the coherent
/// amplitudes of <see cref="WeakDriveScattering"/>. From the optical Bloch equations at weak drive (Rabi frequency
/// Ω = 2g, detuning Δ, Γ₂ = Γ/2 + γ*): ρ_ee = 2|g|²Γ₂/(Γ(Γ₂² + Δ²)) and ⟨σ⟩ = −2ig/D, D = Γ + 2γ* − 2iΔ, so the emission
/// Γρ_ee = 4|g|²(Γ + 2γ*)/|D|² is coherent (Γ|⟨σ⟩|²) for a share Γ/(Γ + 2γ*), independent of Δ, and incoherent for the
/// rest, 8γ*|g|²/|D|². Per photon entering from guided direction Y and leaving into X this is
/// P_XY = 8Γ_XΓ_Yγ*/(Γ|D|²) (Auffèves-Garnier, Simon, Gérard, Poizat, PRA 75, 053823 (2007): with β = 0.9, γ* = Γ/2,
/// on resonance, f = ½: T = |t|² + P = 0.3025 + 0.2025 = 0.505, R = 0.2025 + 0.2025 = 0.405, the remaining 0.09 the
/// (1 − β) share of the emitted light). With quasi-static Gaussian spectral diffusion (line centre Δ ~ N(Δ0, σ²)) the
/// powers are averaged over the line centre: ⟨1/|D|²⟩ = Re⟨1/D⟩/(Γ + 2γ*) (since Re(1/D) = (Γ + 2γ*)/|D|²), with ⟨1/D⟩
/// the complex Voigt average of <see cref="WeakDriveScattering.MeanInverseDenominator"/>; besides, the coherent scattering
/// of each line centre differs from the mean field by −2√Γ_X g(1/D − ⟨1/D⟩), whose power 4Γ_X|g|²(⟨1/|D|²⟩ − |⟨1/D⟩|²)
/// is incoherent with the mean field. Per photon: T + R + (1 − η_QE β)·Γρ_ee = 1 (flux conservation).
/// All rates in one angular unit (rad/ps).
/// </summary>
public static class IncoherentScattering
{
    /// <summary>Incoherent emission per unit drive |g|² (<see cref="IncoherentEmission"/>).</summary>
    /// <param name="decayRate">Γ &gt; 0, total decay rate.</param>
    /// <param name="pureDephasingRate">γ* ≥ 0.</param>
    /// <param name="meanDetuning">Δ0 = ω_drive − mean ω_emitter.</param>
    /// <param name="spectralDiffusion">σ ≥ 0, standard deviation of the line centre (angular).</param>
    public static IncoherentEmission EmissionPerDrive(double decayRate, double pureDephasingRate, double meanDetuning, double spectralDiffusion)
    {
        var (meanSquare, variance) = ScaledMoments(decayRate, pureDephasingRate, meanDetuning, spectralDiffusion);
        double width = decayRate + 2 * pureDephasingRate;
        return new IncoherentEmission(pureDephasingRate == 0 ? 0 : 8 * (pureDephasingRate / width) * (meanSquare / width),
            variance == 0 ? 0 : 4 * (decayRate / width) * (variance / width));
    }

    /// <summary>
    /// Guided incoherent emission per unit |ĝ|², ĝ = √f·a_left + √(1 − f)·a_right (f = Γ_R/Γ_mode, so |g|² = Γ_mode|ĝ|²):
    /// (Γ_mode/Γ)·Γ_mode·<see cref="EmissionPerDrive"/>, written with dimensionless ratios so that it stays finite for any
    /// rates (it is at most 4): dephasing 8(Γ_mode/Γ)(Γ_mode/Γ′)(γ*/Γ′)·Γ′²⟨1/|D|²⟩, diffusion
    /// 4(Γ_mode/Γ′)²·Γ′²(⟨1/|D|²⟩ − |⟨1/D⟩|²), Γ′ = Γ + 2γ*.
    /// </summary>
    /// <param name="modeRate">Γ_mode = Γ_R + Γ_L ≥ 0.</param>
    /// <param name="decayRate">Γ &gt; 0 (Γ_mode ≤ Γ).</param>
    /// <param name="pureDephasingRate">γ* ≥ 0.</param>
    /// <param name="meanDetuning">Δ0 = ω_drive − mean ω_emitter.</param>
    /// <param name="spectralDiffusion">σ ≥ 0.</param>
    public static IncoherentEmission GuidedEmissionPerCoupledPower(double modeRate, double decayRate, double pureDephasingRate, double meanDetuning, double spectralDiffusion)
    {
        EmitterCoupling.RequireNonNegative(modeRate, nameof(modeRate));
        var (meanSquare, variance) = ScaledMoments(decayRate, pureDephasingRate, meanDetuning, spectralDiffusion);
        double width = decayRate + 2 * pureDephasingRate, toWidth = Math.Min(1, modeRate / width), share = Math.Min(1, modeRate / decayRate);
        return new IncoherentEmission(8 * share * toWidth * (pureDephasingRate / width) * meanSquare, 4 * toWidth * toWidth * variance);
    }

    /// <summary>Γ′²⟨1/|D|²⟩ = Re(Γ′⟨1/D⟩) and Γ′²(⟨1/|D|²⟩ − |⟨1/D⟩|²), both dimensionless in [0, 1], Γ′ = Γ + 2γ*.</summary>
    private static (double MeanSquare, double Variance) ScaledMoments(double decayRate, double pureDephasingRate, double meanDetuning, double spectralDiffusion)
    {
        var mean = WeakDriveScattering.MeanInverseDenominator(decayRate, pureDephasingRate, meanDetuning, spectralDiffusion);
        var scaled = (decayRate + 2 * pureDephasingRate) * mean;
        double meanSquare = Math.Clamp(scaled.Real, 0, 1);
        // σ = 0: ⟨1/|D|²⟩ = |1/D|² exactly; otherwise the difference of two positive numbers, kept non-negative.
        double variance = spectralDiffusion == 0 ? 0 : Math.Max(0, meanSquare - (scaled * Complex.Conjugate(scaled)).Real);
        return double.IsFinite(meanSquare) && double.IsFinite(variance) ? (meanSquare, variance) : (0, 0);
    }

    /// <summary>
    /// Guided powers scattered incoherently per photon entering each port: P_XY = Γ_YΓ_X/Γ·(8γ*⟨1/|D|²⟩ +
    /// 4Γ(⟨1/|D|²⟩ − |⟨1/D⟩|²)), with the coupling Γ_Y of the entering photon (Γ_R for one entering by <c>left</c>) and the
    /// share Γ_X of the port it leaves by. γ* = 0 and σ = 0 give zero.
    /// </summary>
    /// <param name="rightRate">Γ_R ≥ 0, decay into the right-going mode.</param>
    /// <param name="leftRate">Γ_L ≥ 0.</param>
    /// <param name="decayRate">Γ &gt; 0 (Γ_R + Γ_L ≤ Γ).</param>
    /// <param name="pureDephasingRate">γ* ≥ 0.</param>
    /// <param name="meanDetuning">Δ0 = ω_drive − mean ω_emitter.</param>
    /// <param name="spectralDiffusion">σ ≥ 0.</param>
    public static EmitterIncoherentPowers Powers(double rightRate, double leftRate, double decayRate, double pureDephasingRate,
        double meanDetuning, double spectralDiffusion)
    {
        EmitterCoupling.RequireNonNegative(rightRate, nameof(rightRate));
        EmitterCoupling.RequireNonNegative(leftRate, nameof(leftRate));
        EmitterCoupling.RequirePositive(decayRate, nameof(decayRate));
        if (rightRate + leftRate > decayRate * (1 + 1e-12))
            throw new ArgumentException($"Γ_R + Γ_L = {rightRate + leftRate:R} exceeds the total decay rate Γ = {decayRate:R}");
        // Γ_YΓ_X/Γ·(8γ*⟨1/|D|²⟩ + 4Γ·Var) = (Γ_Y/Γ′)(Γ_X/Γ′)·(8(γ*/Γ)·Γ′²⟨1/|D|²⟩ + 4Γ′²Var), finite for any rates.
        var (meanSquare, variance) = ScaledMoments(decayRate, pureDephasingRate, meanDetuning, spectralDiffusion);
        double width = decayRate + 2 * pureDephasingRate, right = rightRate / width, left = leftRate / width;
        double perDrive = 8 * (pureDephasingRate / decayRate) * meanSquare + 4 * variance;
        return new EmitterIncoherentPowers(
            LeftToRight: right * right * perDrive,
            RightToLeft: left * left * perDrive,
            LeftToLeft: right * left * perDrive,
            RightToRight: left * right * perDrive);
    }
}
