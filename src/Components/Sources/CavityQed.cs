using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using PhotonicKit.Components.Sources.Excitation;

namespace PhotonicKit.Components.Sources;

/// <summary>
/// An emitter coupled to one cavity mode (Jaynes–Cummings), in ps and rad/ps. Immutable.
/// </summary>
/// <param name="CouplingRadPerPs">g, the emitter–mode coupling (ħg the interaction energy), ≥ 0.</param>
/// <param name="CavityDecayRadPerPs">κ = ω_c/Q, the mode's energy decay rate, &gt; 0: the collected field is √κ·a.</param>
/// <param name="EmitterDecayRadPerPs">γ, the emitter's decay into everything but the mode (other radiative modes and
/// non-radiative decay), ≥ 0.</param>
/// <param name="PureDephasingPerNs">γ*, ns⁻¹: the emitter's coherence decays at γ/2 + γ* (the dissipator 2γ*·D[σ†σ]), ≥ 0.</param>
/// <param name="DetuningRadPerPs">Δ = ω_emitter − ω_cavity.</param>
/// <param name="PulseFwhmPs">Intensity FWHM of the resonant Gaussian π pulse that drives the emitter, ps; null for an
/// emitter prepared in its excited state at t = 0 (excitation ideal).</param>
public sealed record CavityQedParameters(double CouplingRadPerPs, double CavityDecayRadPerPs, double EmitterDecayRadPerPs,
    double PureDephasingPerNs = 0, double DetuningRadPerPs = 0, double? PulseFwhmPs = null)
{
    /// <summary>The parameters of an emitter whose weak-coupling (Purcell) rate into the mode is
    /// <paramref name="modeRatePerPs"/> = 4g²/κ on resonance (Γ_mode (1 + 4Δ²/κ²)... at detuning Δ the rate is 4g²κ/(κ² + 4Δ²)):
    /// g = √(Γ_mode (κ² + 4Δ²)/(4κ)).</summary>
    /// <param name="modeRatePerPs">Γ_mode, the Purcell formula's rate into the mode at this detuning, /ps.</param>
    /// <param name="otherRatePerPs">γ, decay into everything else, /ps.</param>
    /// <param name="cavityDecayRadPerPs">κ, rad/ps.</param>
    /// <param name="detuningRadPerPs">Δ, rad/ps.</param>
    /// <param name="pureDephasingPerNs">γ*, ns⁻¹.</param>
    /// <param name="pulseFwhmPs">Pulse FWHM, ps, or null (excitation ideal).</param>
    public static CavityQedParameters FromPurcellRate(double modeRatePerPs, double otherRatePerPs, double cavityDecayRadPerPs,
        double detuningRadPerPs, double pureDephasingPerNs, double? pulseFwhmPs)
    {
        double ratio = detuningRadPerPs / cavityDecayRadPerPs;
        double g = Math.Sqrt(modeRatePerPs * cavityDecayRadPerPs * (1 + 4 * ratio * ratio) / 4);
        return new CavityQedParameters(g, cavityDecayRadPerPs, otherRatePerPs, pureDephasingPerNs, detuningRadPerPs, pulseFwhmPs);
    }
}

/// <summary>
/// What one excitation of the emitter–cavity system gives through the cavity's output, from the master equation.
/// </summary>
/// <param name="CavityPhotons">μ_c = κ∫⟨a†a⟩ dt, the mean number of photons leaving through the mode.</param>
/// <param name="OtherDecays">μ_γ = γ∫⟨σ†σ⟩ dt, the mean number of decays of the emitter into everything else.</param>
/// <param name="G2">g2 = κ²∫∫⟨a†(t)a†(s)a(s)a(t)⟩ dt ds / μ_c² over both time orders, = 2p2/μ_c².</param>
/// <param name="Indistinguishability">M = κ²∫∫|⟨a†(s)a(t)⟩|² dt ds / μ_c²: the mean overlap of the output light (the
/// HOM visibility of two such pulses is M − g2).</param>
/// <param name="ExcitationCutoff">K, the number of excitations the Hilbert space kept.</param>
/// <param name="TruncationChange">Largest change of μ_c, μ_γ, the g2 integral or the M integral from K − 1 to K
/// excitations (0 when a single excitation is exact: no drive).</param>
public sealed record CavityQedFigures(double CavityPhotons, double OtherDecays, double G2, double Indistinguishability,
    int ExcitationCutoff, double TruncationChange)
{
    /// <summary>μ = μ_c + μ_γ, every decay of the emitter–cavity system per pulse.</summary>
    public double MeanExcitations => CavityPhotons + OtherDecays;

    /// <summary>β_c = μ_c/μ: the share of the decays that leave through the mode (the Purcell β in weak coupling).</summary>
    public double ModeShare => MeanExcitations > 0 ? CavityPhotons / MeanExcitations : 0;

    /// <summary>P(≥ 1) of the output in the two-photon model, μ_c − g2μ_c²/2.</summary>
    public double OutputBrightness => CavityPhotons - 0.5 * G2 * CavityPhotons * CavityPhotons;

    /// <summary>
    /// The output's figures as the source models carry them: P(≥ 1) = μ_c − g2μ_c²/2, g2, the overlap M and μ_c, so that
    /// the single-photon indistinguishability M_s = Mμ_c²/P(≥1)² makes the HOM visibility M_s(1 − g2μ_c/2)² − g2 the
    /// output's M − g2. An M above 1 by round-off (at most 10⁻⁹) is taken as 1.
    /// </summary>
    public ExcitationFigures ToOutputFigures()
    {
        double m = Indistinguishability is > 1 and <= 1 + 1e-9 ? 1 : Indistinguishability;
        return new ExcitationFigures(OutputBrightness, G2, m) { MeanPhotonNumber = CavityPhotons };
    }
}

/// <summary>
/// Cavity quantum electrodynamics of a two-level emitter in one cavity mode, in any coupling regime, from the master
/// equation dρ/dt = −i[H, ρ] + κD[a]ρ + γD[σ]ρ + 2γ*D[σ†σ]ρ with H = −Δa†a + g(a†σ + σ†a) + (Ω(t)/2)(σ + σ†) in the frame
/// of the emitter (and of the laser, resonant with it). The collected field is the cavity output √κ·a.
/// </summary>
/// <remarks>
/// <para>The Hilbert space keeps K excitations (<see cref="JaynesCummingsSpace"/>); K grows from 2 until the figures
/// change by less than <see cref="TruncationTolerance"/>. A π pulse rarely puts more than two excitations in.</para>
/// <para>During the pulse the state, and the folded two-time integrals (<see cref="CorrelationSystem{TDrive}"/>), are
/// integrated with an adaptive Dormand–Prince scheme. After it the generator L is constant and every remaining integral
/// is closed exactly: populations and the G2 integral from L on the excitation-diagonal blocks (shifted by
/// −ρ_ss·Tr so that it is invertible, which leaves traceless operators unchanged); the G1² integrals from the
/// Lyapunov equations M P + P M† = −vec(a)vec(a)† on the blocks ⟨n−1|·|n⟩ where the Heisenberg-picture a lives, and
/// L̃†Q + QL̃ = −A†PA on the diagonal blocks.</para>
/// <para>Limits (tests): weak coupling (κ ≫ g) gives the Purcell rate 4g²/κ, β = Γ_P/(Γ_P + γ) and the two-level
/// emitter's figures (<see cref="ResonantExcitation"/>); without dephasing and with an ideal preparation the output is one
/// pure photon (M = 1, g2 = 0) whose emission follows the one-excitation amplitudes, with vacuum Rabi oscillations in
/// strong coupling (Andreani, Panzarini, Gérard, PRB 60, 13276 (1999)).</para>
/// </remarks>
public static class CavityQed
{
    /// <summary>Largest change of the figures' integrals when one more excitation is kept, below which the cutoff is accepted.</summary>
    public const double TruncationTolerance = 1e-9;

    /// <summary>Most excitations kept.</summary>
    public const int MaxCutoff = 6;

    private const double RelativeTolerance = 1e-10, AbsoluteScale = 1e-4;

    /// <summary>Largest ratio of the fastest rate (g, Δ, γ*) to the decay κ + γ that is solved: beyond it the free evolution's
    /// linear systems lose the digits the figures need.</summary>
    public const double MaxRateRatio = 1e8;

    /// <summary>Largest (pulse window) × (fastest rate) integrated; beyond it the explicit integration is too stiff.</summary>
    public const double MaxStiffness = 1e6;

    /// <summary>The figures of one excitation (see <see cref="CavityQedFigures"/>).</summary>
    /// <param name="parameters">The emitter, the mode and the pulse.</param>
    /// <exception cref="ArgumentException">A parameter is outside its range (the message names it).</exception>
    public static CavityQedFigures Solve(CavityQedParameters parameters)
    {
        Check(parameters);
        if (parameters.PulseFwhmPs is null) return SolveWithCutoff(parameters, 1) with { TruncationChange = 0 };
        // A π pulse puts a second excitation in often enough that two are never converged to 10⁻⁹: start at three.
        var previous = SolveWithCutoff(parameters, 3);
        for (int k = 4; k <= MaxCutoff; k++)
        {
            var next = SolveWithCutoff(parameters, k);
            double change = Change(previous, next);
            if (change <= TruncationTolerance) return next with { TruncationChange = change };
            previous = next;
        }
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"the pulse (FWHM {parameters.PulseFwhmPs:G6} ps) puts more than {MaxCutoff} excitations into the emitter and the cavity with noticeable probability: the figures do not converge (a shorter pulse)"), nameof(parameters));
    }

    private static readonly SolveCache<CavityQedParameters, CavityQedFigures> Cache = new(Solve);

    /// <summary><see cref="Solve"/>, remembered for the last few hundred parameter sets (a source is bound once per
    /// instance and sweep point, and its figures are asked for by several analyses).</summary>
    /// <param name="parameters">The emitter, the mode and the pulse.</param>
    public static CavityQedFigures SolveCached(CavityQedParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Cache.Get(parameters);
    }

    /// <summary>Why a set of parameters cannot be solved, in words naming the value (null when it can): cheap, for settings checks.</summary>
    /// <param name="parameters">The parameters.</param>
    public static string? Problem(CavityQedParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        static bool Bad(double x) => !double.IsFinite(x) || x < 0;
        if (Bad(parameters.CouplingRadPerPs)) return $"the coupling g = {Format(parameters.CouplingRadPerPs)} rad/ps must be finite and ≥ 0";
        if (!double.IsFinite(parameters.CavityDecayRadPerPs) || !(parameters.CavityDecayRadPerPs > 0)) return $"the cavity decay κ = {Format(parameters.CavityDecayRadPerPs)} rad/ps must be finite and > 0";
        if (Bad(parameters.EmitterDecayRadPerPs)) return $"the emitter's other decay γ = {Format(parameters.EmitterDecayRadPerPs)} /ps must be finite and ≥ 0";
        if (Bad(parameters.PureDephasingPerNs)) return $"the pure dephasing γ* = {Format(parameters.PureDephasingPerNs)} /ns must be finite and ≥ 0";
        if (!double.IsFinite(parameters.DetuningRadPerPs)) return $"the detuning Δ = {Format(parameters.DetuningRadPerPs)} rad/ps must be finite";
        double slowest = parameters.CavityDecayRadPerPs + parameters.EmitterDecayRadPerPs;
        double fastest = Math.Max(Math.Max(parameters.CavityDecayRadPerPs, parameters.EmitterDecayRadPerPs + 2e-3 * parameters.PureDephasingPerNs),
            Math.Max(2 * parameters.CouplingRadPerPs, Math.Abs(parameters.DetuningRadPerPs)));
        if (!(fastest <= MaxRateRatio * slowest))
            return $"the emitter and the cavity keep their light for about 2/(κ + γ) = {Format(2 / slowest)} ps, {Format(fastest / slowest)} times the period of their fastest rate (g, Δ, γ*): beyond the {Format(MaxRateRatio)} the solver handles (the mode is practically closed)";
        if (parameters.PulseFwhmPs is double fwhm)
        {
            if (!double.IsFinite(fwhm) || !(fwhm > 0)) return $"the pulse FWHM {Format(fwhm)} ps must be finite and > 0";
            var pulse = new GaussianPulse(fwhm, Math.PI);
            double span = 2 * pulse.HalfWindow * FastestRate(parameters, pulse);
            if (!(span <= MaxStiffness))
                return $"the pulse window of {Format(2 * pulse.HalfWindow)} ps spans {Format(span)} periods of the fastest rate of the emitter and the cavity (κ, g, Δ, the Rabi frequency); at most {Format(MaxStiffness)} are integrated (a shorter pulse)";
        }
        return null;
    }

    private static void Check(CavityQedParameters parameters)
    {
        if (Problem(parameters) is { } problem) throw new ArgumentException(problem, nameof(parameters));
    }

    private static double FastestRate(CavityQedParameters p, GaussianPulse pulse) =>
        new[] { p.CavityDecayRadPerPs, p.EmitterDecayRadPerPs + 2e-3 * p.PureDephasingPerNs, 2 * p.CouplingRadPerPs, Math.Abs(p.DetuningRadPerPs), pulse.PeakRabiFrequency }.Max();

    private static double Change(CavityQedFigures a, CavityQedFigures b)
    {
        double muA = a.CavityPhotons, muB = b.CavityPhotons;
        return new[]
        {
            Math.Abs(muA - muB),
            Math.Abs(a.OtherDecays - b.OtherDecays),
            Math.Abs(a.G2 * muA * muA - b.G2 * muB * muB),
            Math.Abs(a.Indistinguishability * muA * muA - b.Indistinguishability * muB * muB),
        }.Max();
    }

    /// <summary>The generator without the drive (L0) and the drive's generator per unit Rabi frequency (L1).</summary>
    internal static (JaynesCummingsSpace Space, Liouvillian Free, Liouvillian Drive) Generators(CavityQedParameters p, int cutoff)
    {
        var space = new JaynesCummingsSpace(cutoff);
        var a = space.Annihilation;
        var sigma = space.Lowering;
        var ad = Operators.Adjoint(a);
        var sd = Operators.Adjoint(sigma);
        var h = Operators.Add(
            Operators.Scale(Operators.Multiply(ad, a), -p.DetuningRadPerPs),
            Operators.Scale(Operators.Add(Operators.Multiply(ad, sigma), Operators.Multiply(sd, a)), p.CouplingRadPerPs));
        var collapse = new List<Complex[,]> { Operators.Scale(a, Math.Sqrt(p.CavityDecayRadPerPs)) };
        if (p.EmitterDecayRadPerPs > 0) collapse.Add(Operators.Scale(sigma, Math.Sqrt(p.EmitterDecayRadPerPs)));
        if (p.PureDephasingPerNs > 0) collapse.Add(Operators.Scale(Operators.Multiply(sd, sigma), Math.Sqrt(2e-3 * p.PureDephasingPerNs)));
        var free = Liouvillian.Of(h, collapse);
        var drive = Liouvillian.Of(Operators.Scale(Operators.Add(sigma, sd), 0.5), []);
        return (space, free, drive);
    }

    internal static CavityQedFigures SolveWithCutoff(CavityQedParameters p, int cutoff)
    {
        var (space, free, drive) = Generators(p, cutoff);
        int d = space.Dimension, size = d * d;
        var layout = new CorrelationLayout(size);
        var state = new double[2 * layout.Complexes];
        var s = MemoryMarshal.Cast<double, Complex>(state.AsSpan());
        if (p.PulseFwhmPs is double fwhm)
        {
            var pulse = new GaussianPulse(fwhm, Math.PI);
            var system = new CorrelationSystem<GaussianPulse>(free, drive, pulse, space.Annihilation, space.PhotonNumbers(), space.ExcitedPopulations());
            // Every quantity is at most of order one and the figures need about 10⁻¹⁰ of it: errors are controlled
            // relative to each component or, for the small ones, to 10⁻⁴ (absolute 10⁻¹⁴ per step).
            var scales = new double[state.Length];
            var peaks = new double[state.Length];
            Array.Fill(scales, AbsoluteScale);
            s[0] = 1; // |g,0⟩⟨g,0|
            DormandPrince54.Integrate(ref system, -pulse.HalfWindow, pulse.HalfWindow, state, RelativeTolerance, scales, peaks, 1e-3 / FastestRate(p, pulse));
            s = MemoryMarshal.Cast<double, Complex>(state.AsSpan());
        }
        else
        {
            int excited = JaynesCummingsSpace.Excited(0);
            s[excited * d + excited] = 1;
        }

        var photons = space.PhotonNumbers();
        var tails = new FreeEvolutionTails(free, JaynesCummingsSpace.Manifold, space.Annihilation, photons);
        var rho = s.Slice(layout.Rho, size).ToArray();
        var z = s.Slice(layout.Z1, size).ToArray();
        var zz = s.Slice(layout.Z2, size * size).ToArray();
        double cavity = s[layout.CollectedPopulation].Real + tails.PopulationIntegral(rho, photons);
        double other = s[layout.OtherPopulation].Real + tails.PopulationIntegral(rho, space.ExcitedPopulations());
        double second = s[layout.SecondOrder].Real + tails.SecondOrder(rho, z);
        double first = s[layout.FirstOrderSquared].Real + tails.FirstOrderSquared(rho, zz);

        double kappa = p.CavityDecayRadPerPs;
        double mu = kappa * cavity;
        double g2 = mu > 0 ? 2 * kappa * kappa * second / (mu * mu) : 0;
        double m = mu > 0 ? 2 * kappa * kappa * first / (mu * mu) : 0;
        return new CavityQedFigures(mu, p.EmitterDecayRadPerPs * other, g2, m, cutoff, double.NaN);
    }

    /// <summary>
    /// The cavity's output rate κ⟨a†a⟩(t), /ps, at the given times (ps; t = 0 is the pulse's peak, or the instant of an
    /// ideal preparation). In strong coupling it oscillates at the vacuum Rabi frequency.
    /// </summary>
    /// <param name="parameters">The emitter, the mode and the pulse.</param>
    /// <param name="timesPs">Increasing times, ps.</param>
    public static double[] OutputRate(CavityQedParameters parameters, IReadOnlyList<double> timesPs)
    {
        Check(parameters);
        ArgumentNullException.ThrowIfNull(timesPs);
        for (int i = 1; i < timesPs.Count; i++)
            if (!(timesPs[i] >= timesPs[i - 1])) throw new ArgumentException("times must increase", nameof(timesPs));
        int cutoff = parameters.PulseFwhmPs is null ? 1 : 3;
        var (space, free, drive) = Generators(parameters, cutoff);
        int d = space.Dimension, size = d * d;
        var state = new double[2 * size];
        var s = MemoryMarshal.Cast<double, Complex>(state.AsSpan());
        double start;
        RhoSystem system;
        if (parameters.PulseFwhmPs is double fwhm)
        {
            var pulse = new GaussianPulse(fwhm, Math.PI);
            system = new RhoSystem(free, drive, pulse, true);
            start = -pulse.HalfWindow;
            s[0] = 1;
        }
        else
        {
            system = new RhoSystem(free, drive, default, false);
            start = 0;
            int e = JaynesCummingsSpace.Excited(0);
            s[e * d + e] = 1;
        }
        var scales = new double[state.Length];
        var peaks = new double[state.Length];
        Array.Fill(scales, AbsoluteScale);
        var result = new double[timesPs.Count];
        double t = start;
        double step = 1e-3 / Math.Max(parameters.CavityDecayRadPerPs, Math.Max(parameters.CouplingRadPerPs, 1e-6));
        for (int i = 0; i < timesPs.Count; i++)
        {
            if (timesPs[i] > t)
            {
                DormandPrince54.Integrate(ref system, t, timesPs[i], state, RelativeTolerance, scales, peaks, step);
                t = timesPs[i];
            }
            s = MemoryMarshal.Cast<double, Complex>(state.AsSpan());
            double n = 0;
            for (int k = 0; k < d; k++) n += JaynesCummingsSpace.PhotonNumber(k) * s[k * d + k].Real;
            result[i] = timesPs[i] < start ? 0 : parameters.CavityDecayRadPerPs * n;
        }
        return result;
    }

    /// <summary>The density matrix alone under L0 + Ω(t)L1.</summary>
    private readonly struct RhoSystem(Liouvillian free, Liouvillian drive, GaussianPulse pulse, bool driven) : IOdeSystem
    {
        public int Dimension => 2 * free.Dimension * free.Dimension;

        public void Derivative(double t, ReadOnlySpan<double> state, Span<double> derivative)
        {
            var x = MemoryMarshal.Cast<double, Complex>(state);
            var dx = MemoryMarshal.Cast<double, Complex>(derivative);
            dx.Clear();
            free.MultiplyAdd(Complex.One, x, dx);
            if (driven)
            {
                double omega = pulse.RabiFrequency(t);
                if (omega != 0) drive.MultiplyAdd(omega, x, dx);
            }
        }
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
