using System.Globalization;
using System.Numerics;

namespace PhotonicKit.Components.Sources;

/// <summary>
/// The internal (temporal) state of one photon emitted by a two-level emitter that decays exponentially: decay rate Γ
/// from its start time s (the emission time plus the delay of its path), pure dephasing γ*, a line centre δ relative
/// to a common reference frequency, and optionally timing jitter from incoherent relaxation into the emitting level at
/// rate γ_r. Every rate and detuning is angular, rad/ps; times in ps. Immutable.
/// </summary>
/// <remarks>
/// <para>
/// Its two-time density (the first-order coherence of the emitted field, normalised to one photon; time dependence
/// exp(−iωt)) is, for t, t′ ≥ s, ρ(t, t′) = Γ e^{−α(t−s) − ᾱ(t′−s) − γ*|t − t′|} with α = Γ/2 + iδ
/// (Kiraz, Atatüre, Imamoglu, PRA 69, 032305 (2004); Bylander, Robert-Philip, Abram, Eur. Phys. J. D 22, 295 (2003)).
/// With jitter the decay starts at s + x, x exponentially distributed with rate γ_r, and the density is the average
/// over x: Γ e^{−αt − ᾱt′ − γ*|t−t′|}·γ_r e^{γ_r s}(e^{(Γ−γ_r)min(t,t′)} − e^{(Γ−γ_r)s})/(Γ − γ_r).
/// </para>
/// <para>
/// Without dephasing and jitter the photon is pure, ψ(t) = √Γ e^{−α(t−s)} for t ≥ s; otherwise it is mixed, with purity
/// Tr ρ² = Γ/(Γ + 2γ*) for dephasing alone and γ_r/(γ_r + Γ) for jitter alone. <see cref="WavepacketTraces"/> computes
/// the overlaps and the traces of products of such states exactly.
/// </para>
/// </remarks>
public sealed record ExponentialWavepacket
{
    /// <summary>Creates a wavepacket, checking every parameter.</summary>
    /// <param name="decayRateRadPerPs">Γ = 1/T1 &gt; 0, rad/ps.</param>
    /// <param name="pureDephasingRadPerPs">γ* ≥ 0, rad/ps.</param>
    /// <param name="detuningRadPerPs">δ, the line centre relative to the common reference, rad/ps.</param>
    /// <param name="startTimePs">s, when the decay starts (emission time plus path delay), ps.</param>
    /// <param name="relaxationRateRadPerPs">γ_r &gt; 0 of the relaxation into the emitting level (timing jitter), or null for none.</param>
    public ExponentialWavepacket(double decayRateRadPerPs, double pureDephasingRadPerPs = 0, double detuningRadPerPs = 0, double startTimePs = 0,
        double? relaxationRateRadPerPs = null)
    {
        if (!(decayRateRadPerPs > 0) || !double.IsFinite(decayRateRadPerPs))
            throw new ArgumentOutOfRangeException(nameof(decayRateRadPerPs), decayRateRadPerPs, "the decay rate Γ must be positive and finite");
        if (!(pureDephasingRadPerPs >= 0) || !double.IsFinite(pureDephasingRadPerPs))
            throw new ArgumentOutOfRangeException(nameof(pureDephasingRadPerPs), pureDephasingRadPerPs, "the pure dephasing rate γ* must be ≥ 0 and finite");
        if (!double.IsFinite(detuningRadPerPs))
            throw new ArgumentOutOfRangeException(nameof(detuningRadPerPs), detuningRadPerPs, "the detuning must be finite");
        if (!double.IsFinite(startTimePs))
            throw new ArgumentOutOfRangeException(nameof(startTimePs), startTimePs, "the start time must be finite");
        if (relaxationRateRadPerPs is double r && (!(r > 0) || !double.IsFinite(r)))
            throw new ArgumentOutOfRangeException(nameof(relaxationRateRadPerPs), r, "the relaxation rate γ_r must be positive and finite");
        DecayRateRadPerPs = decayRateRadPerPs;
        PureDephasingRadPerPs = pureDephasingRadPerPs;
        DetuningRadPerPs = detuningRadPerPs;
        StartTimePs = startTimePs;
        RelaxationRateRadPerPs = relaxationRateRadPerPs;
    }

    /// <summary>Γ, rad/ps.</summary>
    public double DecayRateRadPerPs { get; }

    /// <summary>γ*, rad/ps.</summary>
    public double PureDephasingRadPerPs { get; }

    /// <summary>δ, rad/ps, relative to the reference frequency of the photons compared.</summary>
    public double DetuningRadPerPs { get; }

    /// <summary>s, ps.</summary>
    public double StartTimePs { get; }

    /// <summary>γ_r, rad/ps, or null without timing jitter.</summary>
    public double? RelaxationRateRadPerPs { get; }

    /// <summary>True when the photon is in a pure state (no dephasing, no jitter).</summary>
    public bool IsPure => PureDephasingRadPerPs == 0 && RelaxationRateRadPerPs is null;

    /// <summary>The same photon starting <paramref name="delayPs"/> later.</summary>
    /// <param name="delayPs">Extra delay, ps (any sign).</param>
    public ExponentialWavepacket Delayed(double delayPs) =>
        new(DecayRateRadPerPs, PureDephasingRadPerPs, DetuningRadPerPs, StartTimePs + delayPs, RelaxationRateRadPerPs);

    /// <summary>The same photon with its line centre moved by <paramref name="offsetRadPerPs"/>.</summary>
    /// <param name="offsetRadPerPs">Shift of the line centre, rad/ps.</param>
    public ExponentialWavepacket Shifted(double offsetRadPerPs) =>
        new(DecayRateRadPerPs, PureDephasingRadPerPs, DetuningRadPerPs + offsetRadPerPs, StartTimePs, RelaxationRateRadPerPs);

    /// <summary>
    /// Pure-state amplitude ψ(t) = √Γ e^{−α(t−s)} for t ≥ s (0 before), α = Γ/2 + iδ.
    /// </summary>
    /// <param name="timePs">t, ps.</param>
    /// <exception cref="InvalidOperationException">The photon is mixed.</exception>
    public Complex Amplitude(double timePs)
    {
        if (!IsPure) throw new InvalidOperationException("a dephased or jittered photon is mixed and has no amplitude");
        if (timePs < StartTimePs) return Complex.Zero;
        double u = timePs - StartTimePs;
        return Math.Sqrt(DecayRateRadPerPs) * Complex.Exp(-new Complex(DecayRateRadPerPs / 2, DetuningRadPerPs) * u);
    }

    /// <summary>The two-time density ρ(t, t′) of the class remarks.</summary>
    /// <param name="timePs">t, ps.</param>
    /// <param name="otherTimePs">t′, ps.</param>
    public Complex Density(double timePs, double otherTimePs)
    {
        double s = StartTimePs, gamma = DecayRateRadPerPs;
        if (timePs < s || otherTimePs < s) return Complex.Zero;
        var alpha = new Complex(gamma / 2, DetuningRadPerPs);
        Complex value = gamma * Complex.Exp(-alpha * (timePs - s) - Complex.Conjugate(alpha) * (otherTimePs - s)
            - PureDephasingRadPerPs * Math.Abs(timePs - otherTimePs));
        if (RelaxationRateRadPerPs is not double r) return value;
        double m = Math.Min(timePs, otherTimePs) - s;
        // γ_r ∫_0^m e^{−γ_r x} e^{Γx} dx, written to stay accurate when Γ ≈ γ_r.
        double z = (gamma - r) * m;
        double integral = Math.Abs(z) < 1e-8 ? r * m * (1 + z / 2) : r * AccurateMath.ExpM1(z) / (gamma - r);
        return value * integral;
    }

    /// <summary>
    /// The spectral density ρ(ω, ω′) = (1/2π)∫∫ρ(t, t′) e^{iωt − iω′t′} dt dt′ at frequencies x = ω − ω_ref,
    /// x′ = ω′ − ω_ref relative to the reference of <see cref="DetuningRadPerPs"/>, optionally averaged over a Gaussian
    /// spread σ of the line centre. With Δ = x − x′ and W = Γ/2 + γ*:
    /// ρ = (Γ/2π) e^{iΔs}/(Γ − iΔ) · [g(x) + conj g(x′)] · γ_r/(γ_r − iΔ), where g(x) = 1/(W − i(x − δ)) for a fixed
    /// line and g(x) = √(π/2)/σ · w((x − δ + iW)/(√2σ)) averaged over the centre (w the Faddeeva function); the jitter
    /// factor is absent without relaxation. The diagonal is the Lorentzian (or Voigt) line, normalised to one photon.
    /// </summary>
    /// <param name="offsetRadPerPs">x, rad/ps from the reference.</param>
    /// <param name="otherOffsetRadPerPs">x′, rad/ps from the reference.</param>
    /// <param name="spreadRadPerPs">σ ≥ 0, rad/ps (0: a fixed line).</param>
    public Complex SpectralDensity(double offsetRadPerPs, double otherOffsetRadPerPs, double spreadRadPerPs = 0)
    {
        double gamma = DecayRateRadPerPs, w = gamma / 2 + PureDephasingRadPerPs;
        double delta = offsetRadPerPs - otherOffsetRadPerPs;
        Complex g(double x)
        {
            double u = x - DetuningRadPerPs;
            if (spreadRadPerPs > 0)
            {
                var z = new Complex(u, w) / (Math.Sqrt(2) * spreadRadPerPs);
                if (!Faddeeva.IsAsymptotic(z)) return Math.Sqrt(Math.PI / 2) / spreadRadPerPs * Faddeeva.W(z);
            }
            return 1 / new Complex(w, -u);
        }
        Complex value = gamma / (2 * Math.PI) * Complex.FromPolarCoordinates(1, delta * StartTimePs) / new Complex(gamma, -delta)
            * (g(offsetRadPerPs) + Complex.Conjugate(g(otherOffsetRadPerPs)));
        if (RelaxationRateRadPerPs is double r) value *= r / new Complex(r, -delta);
        return value;
    }

    /// <summary>
    /// The density as exponential terms on the two sides of the diagonal, for <see cref="WavepacketTraces"/>: for
    /// t ≥ t′ (lower) and t &lt; t′ (upper), ρ(t, t′) = Σ c e^{−a t − b t′} with times measured from
    /// <paramref name="originPs"/>, valid for t, t′ ≥ s; <paramref name="relaxationRate"/> is γ_r (NaN for none).
    /// </summary>
    internal (ExponentialTerm[] Lower, ExponentialTerm[] Upper) Terms(double originPs, double relaxationRate)
    {
        double gamma = DecayRateRadPerPs, g = PureDephasingRadPerPs, s = StartTimePs - originPs;
        var alpha = new Complex(gamma / 2, DetuningRadPerPs);
        var alphaBar = Complex.Conjugate(alpha);
        // Without jitter ρ = Γ e^{Γs} e^{−αt − ᾱt′ − γ*|t−t′|} (t, t′ from the origin).
        var lower = new ExponentialTerm(gamma, alpha + g, alphaBar - g);
        var upper = new ExponentialTerm(gamma, alpha - g, alphaBar + g);
        if (double.IsNaN(relaxationRate))
            return ([lower with { LogScale = gamma * s }], [upper with { LogScale = gamma * s }]);
        // With jitter the factor e^{Γs} becomes γ_r e^{γ_r s}(e^{(Γ−γ_r)min} − e^{(Γ−γ_r)s})/(Γ − γ_r); min = t′ below
        // the diagonal, t above it. The scales e^{γ_r s}, e^{Γs} are kept apart: they cancel against the exponentials.
        double r = relaxationRate, d = gamma - r;
        return (
            [lower with { Coefficient = gamma * r / d, B = lower.B - d, LogScale = r * s }, lower with { Coefficient = -gamma * r / d, LogScale = gamma * s }],
            [upper with { Coefficient = gamma * r / d, A = upper.A - d, LogScale = r * s }, upper with { Coefficient = -gamma * r / d, LogScale = gamma * s }]);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"photon(Γ={DecayRateRadPerPs:G6}, γ*={PureDephasingRadPerPs:G6}, δ={DetuningRadPerPs:G6}, s={StartTimePs:G6} ps{(RelaxationRateRadPerPs is double r ? $", γ_r={r:G6}" : "")})");
}

/// <summary>One exponential term c·e^{L}·e^{−A t − B t′} of a two-time density.</summary>
/// <param name="Coefficient">c.</param>
/// <param name="A">Rate on the first time.</param>
/// <param name="B">Rate on the second time.</param>
/// <param name="LogScale">L, a scale kept apart from c.</param>
internal readonly record struct ExponentialTerm(Complex Coefficient, Complex A, Complex B, double LogScale = 0);
