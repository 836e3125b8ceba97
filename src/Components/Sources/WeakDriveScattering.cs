using System.Numerics;

namespace PhotonicKit.Components.Sources;

/// <summary>Coherent weak-drive amplitudes of an emitter in a waveguide, ports (left, right).</summary>
/// <param name="LeftToRight">t_LR = S[right, left].</param>
/// <param name="RightToLeft">t_RL = S[left, right].</param>
/// <param name="Reflection">r = S[left, left] = S[right, right].</param>
public readonly record struct EmitterScattering(Complex LeftToRight, Complex RightToLeft, Complex Reflection);

/// <summary>
/// A two-level emitter side-coupled to a waveguide, driven weakly (linear scatterer), reference planes at the
/// emitter, time dependence exp(−iωt): S = [[r, t_RL], [t_LR, r]] on (left, right) with
/// t_LR = 1 − 2Γ_R/D, t_RL = 1 − 2Γ_L/D, r = −2√(Γ_RΓ_L)/D, D = Γ + 2γ* − 2iΔ, Δ = ω_laser − ω_emitter
/// (input–output theory of a chirally coupled emitter: Lodahl et al., Nature 541, 473 (2017)).
/// Γ_R = f η_QE β Γ, Γ_L = (1 − f) η_QE β Γ. Symmetric (f = ½), γ* = 0, Δ = 0: t = 1 − β, r = −β. Passive for all f; not reciprocal for f ≠ ½.
/// These are the coherent (mean-field) amplitudes; the light scattered incoherently (pure dephasing, spectral diffusion)
/// is given by <see cref="IncoherentScattering"/>.
/// All rates in one angular unit (rad/ps).
/// </summary>
public static class WeakDriveScattering
{
    /// <summary>S-matrix elements at a fixed line centre (no spectral diffusion).</summary>
    /// <param name="rightRate">Γ_R ≥ 0, decay into the right-going mode.</param>
    /// <param name="leftRate">Γ_L ≥ 0.</param>
    /// <param name="decayRate">Γ &gt; 0, total (Γ_R + Γ_L ≤ Γ).</param>
    /// <param name="pureDephasingRate">γ* ≥ 0.</param>
    /// <param name="detuning">Δ = ω_laser − ω_emitter.</param>
    public static EmitterScattering Coefficients(double rightRate, double leftRate, double decayRate, double pureDephasingRate, double detuning)
    {
        Validate(rightRate, leftRate, decayRate, pureDephasingRate);
        var inverseD = 1.0 / new Complex(decayRate + 2 * pureDephasingRate, -2 * detuning);
        return FromInverseDenominator(rightRate, leftRate, inverseD);
    }

    /// <summary>
    /// S-matrix elements of the coherent (mean) field with a Gaussian spread σ of the line centre around
    /// Δ0: each 1/D is replaced by ⟨1/D⟩ (<see cref="MeanInverseDenominator"/>). The transmitted power of a
    /// circuit averages |S|² instead (⟨|t|²⟩ ≠ |⟨t⟩|²); this is the amplitude a classical solve uses.
    /// </summary>
    /// <param name="rightRate">Γ_R ≥ 0.</param>
    /// <param name="leftRate">Γ_L ≥ 0.</param>
    /// <param name="decayRate">Γ &gt; 0.</param>
    /// <param name="pureDephasingRate">γ* ≥ 0.</param>
    /// <param name="meanDetuning">Δ0 = ω_laser − mean ω_emitter.</param>
    /// <param name="spectralDiffusion">σ ≥ 0.</param>
    public static EmitterScattering AveragedCoefficients(double rightRate, double leftRate, double decayRate, double pureDephasingRate,
        double meanDetuning, double spectralDiffusion)
    {
        Validate(rightRate, leftRate, decayRate, pureDephasingRate);
        return FromInverseDenominator(rightRate, leftRate, MeanInverseDenominator(decayRate, pureDephasingRate, meanDetuning, spectralDiffusion));
    }

    /// <summary>
    /// ⟨1/D⟩ over a Gaussian line centre, D = Γ + 2γ* − 2iΔ, Δ ~ N(Δ0, σ²):
    /// ⟨1/D⟩ = (1/2)√(π/2)/σ · w((Δ0 + iW′)/(√2σ)), W′ = (Γ + 2γ*)/2, w the Faddeeva function
    /// (the complex Voigt function; Armstrong, JQSRT 7, 61 (1967)). σ = 0 gives 1/D.
    /// </summary>
    /// <param name="decayRate">Γ &gt; 0.</param>
    /// <param name="pureDephasingRate">γ* ≥ 0.</param>
    /// <param name="meanDetuning">Δ0.</param>
    /// <param name="spectralDiffusion">σ ≥ 0.</param>
    public static Complex MeanInverseDenominator(double decayRate, double pureDephasingRate, double meanDetuning, double spectralDiffusion)
    {
        EmitterCoupling.RequirePositive(decayRate, nameof(decayRate));
        EmitterCoupling.RequireNonNegative(pureDephasingRate, nameof(pureDephasingRate));
        EmitterCoupling.RequireNonNegative(spectralDiffusion, nameof(spectralDiffusion));
        if (!double.IsFinite(meanDetuning)) throw new ArgumentOutOfRangeException(nameof(meanDetuning), meanDetuning, "detuning must be finite");
        double halfWidth = (decayRate + 2 * pureDephasingRate) / 2;
        var z = new Complex(meanDetuning, halfWidth) / (Math.Sqrt(2) * spectralDiffusion);
        // σ = 0, or σ so small beside the width and detuning that w(z) = i/(√π z) to double precision (|z| > 1e8;
        // the next term is 1/(2z²)) and z may overflow: the Lorentzian 1/D.
        if (spectralDiffusion == 0 || Faddeeva.IsAsymptotic(z)) return 1.0 / new Complex(2 * halfWidth, -2 * meanDetuning);
        return 0.5 * Math.Sqrt(Math.PI / 2) / spectralDiffusion * Faddeeva.W(z);
    }

    private static EmitterScattering FromInverseDenominator(double rightRate, double leftRate, Complex inverseD) =>
        new(1 - 2 * rightRate * inverseD, 1 - 2 * leftRate * inverseD, -2 * (Math.Sqrt(rightRate) * Math.Sqrt(leftRate)) * inverseD);

    private static void Validate(double rightRate, double leftRate, double decayRate, double pureDephasingRate)
    {
        EmitterCoupling.RequireNonNegative(rightRate, nameof(rightRate));
        EmitterCoupling.RequireNonNegative(leftRate, nameof(leftRate));
        EmitterCoupling.RequirePositive(decayRate, nameof(decayRate));
        EmitterCoupling.RequireNonNegative(pureDephasingRate, nameof(pureDephasingRate));
        if (rightRate + leftRate > decayRate * (1 + 1e-12))
            throw new ArgumentException($"Γ_R + Γ_L = {rightRate + leftRate:R} exceeds the total decay rate Γ = {decayRate:R}");
    }
}
