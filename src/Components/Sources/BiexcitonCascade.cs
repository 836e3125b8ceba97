using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using PhotonicKit.Components.Sources.Excitation;

namespace PhotonicKit.Components.Sources;

/// <summary>Which photon of the biexciton–exciton cascade a source collects.</summary>
public enum CascadeLine
{
    /// <summary>The exciton photon, X → G (the second photon of the cascade).</summary>
    Exciton,
    /// <summary>The biexciton photon, XX → X (the first photon of the cascade).</summary>
    Biexciton,
}

/// <summary>
/// The biexciton–exciton cascade of a quantum dot under two-photon resonant excitation, in ps and rad/ps. Immutable.
/// </summary>
/// <param name="ExcitonDecayPerPs">Γ_X = 1/T1 of the exciton, &gt; 0.</param>
/// <param name="BiexcitonDecayPerPs">Γ_XX = 1/T1 of the biexciton (into both excitons together), &gt; 0.</param>
/// <param name="BindingEnergyRadPerPs">E_B/ħ, the biexciton binding energy: the XX photon is E_B below the X photon and
/// the laser, at half the biexciton energy, is E_B/2 from each single-photon step, &gt; 0.</param>
/// <param name="FineStructureSplittingRadPerPs">δ/ħ, the fine-structure splitting of the exciton; 0 keeps one exciton
/// level, otherwise the two excitons X_H and X_V are kept (<see cref="BiexcitonCascade"/>), ≥ 0.</param>
/// <param name="PureDephasingPerNs">γ*, ns⁻¹: each single-photon coherence decays faster by γ* (the dissipator
/// 2γ*D[n_X + 2n_XX]), ≥ 0.</param>
/// <param name="PulseFwhmPs">Intensity FWHM of the Gaussian two-photon π pulse, ps; null for a dot prepared in |XX⟩ at
/// t = 0.</param>
/// <param name="FineStructureAxisRad">θ, the angle from the laser's and the collected linear polarisation (H) to one of
/// the dot's fine-structure axes; π/4 (the default) is where the splitting acts most.</param>
public sealed record BiexcitonCascadeParameters(double ExcitonDecayPerPs, double BiexcitonDecayPerPs, double BindingEnergyRadPerPs,
    double FineStructureSplittingRadPerPs = 0, double PureDephasingPerNs = 0, double? PulseFwhmPs = null,
    double FineStructureAxisRad = Math.PI / 4)
{
    /// <summary>Whether the two excitons are kept (δ ≠ 0).</summary>
    public bool ResolvesPolarisation => FineStructureSplittingRadPerPs != 0;
}

/// <summary>What one pulse gives on one line of the cascade.</summary>
/// <param name="Photons">μ = Γ∫⟨n⟩ dt, the line's photons per pulse in both polarisations (n = n_XX for the XX line, the
/// exciton population for the X line).</param>
/// <param name="CollectedPhotons">μ_c = ∫⟨A†A⟩ dt for the collected operator A: = <paramref name="Photons"/> with one
/// exciton level, the H-polarised share (about half) with two.</param>
/// <param name="G2">g2 = ∫∫⟨A†(t)A†(s)A(s)A(t)⟩ dt ds / μ_c² over both time orders.</param>
/// <param name="Indistinguishability">M = ∫∫|⟨A†(s)A(t)⟩|² dt ds / μ_c² over the full plane.</param>
public sealed record CascadeLineFigures(double Photons, double CollectedPhotons, double G2, double Indistinguishability)
{
    /// <summary>η_prep of the line: P(≥ 1) = μ − g2μ²/2 in the two-photon model.</summary>
    public double PreparationEfficiency => Photons - 0.5 * G2 * Photons * Photons;

    /// <summary>The line's figures as the source models carry them (P(≥ 1), g2, M, μ); an M above 1 by round-off (at most
    /// 10⁻⁹) is taken as 1.</summary>
    public ExcitationFigures ToOutputFigures()
    {
        double m = Indistinguishability is > 1 and <= 1 + 1e-9 ? 1 : Indistinguishability;
        return new ExcitationFigures(Math.Min(1, PreparationEfficiency), G2, m) { MeanPhotonNumber = Photons };
    }
}

/// <summary>What one pulse gives on both lines of the cascade.</summary>
/// <param name="BiexcitonPreparation">⟨XX|ρ|XX⟩ at the end of the pulse (1 for a dot prepared in |XX⟩).</param>
/// <param name="Biexciton">The XX line.</param>
/// <param name="Exciton">The X line.</param>
public sealed record BiexcitonCascadeFigures(double BiexcitonPreparation, CascadeLineFigures Biexciton, CascadeLineFigures Exciton)
{
    /// <summary>The figures of one line.</summary>
    /// <param name="line">The line.</param>
    public CascadeLineFigures Of(CascadeLine line) => line == CascadeLine.Biexciton ? Biexciton : Exciton;
}

/// <summary>
/// The biexciton–exciton cascade of a quantum dot, G ← X ← XX, driven by a two-photon resonant Gaussian π pulse, from
/// the Lindblad master equation with the quantum regression theorem.
/// </summary>
/// <remarks>
/// <para>Levels and frame. With one exciton level (δ = 0) the basis is G, X, XX; with a fine-structure splitting δ it is
/// G, X_H, X_V, XX, where X_H and X_V are the excitons whose dipoles lie along the laser's linear polarisation H and
/// across it. In the frame of the laser, tuned to half the biexciton energy (ω_L = E_XX/2 = E_X − E_B/2, ħ = 1),
/// H(t) = (E_B/2) n_X + H_FSS + (Ω(t)/2)(|G⟩⟨X_H| + |X_H⟩⟨XX| + h.c.), with n_X the exciton projector and
/// H_FSS = (δ/2)[cos 2θ (|X_H⟩⟨X_H| − |X_V⟩⟨X_V|) + sin 2θ (|X_H⟩⟨X_V| + |X_V⟩⟨X_H|)] (θ from H to a dot axis): each
/// single-photon step is detuned by ±E_B/2, the two-photon step is resonant. Both steps have the same Rabi frequency
/// Ω(t) = Ω₀ exp(−2 ln2 t²/τ²), τ the intensity FWHM.</para>
/// <para>Pulse area. Adiabatic elimination of X (|Ω| ≪ E_B) leaves G and XX coupled by Ω_eff = Ω²/E_B with equal Stark
/// shifts −Ω²/(2E_B), so the two-photon area is θ₂ = ∫Ω(t)² dt / E_B = Ω₀² τ √(π/(4 ln2)) / E_B; the π pulse has
/// θ₂ = π. When the pulse's bandwidth (4 ln2/τ) approaches E_B, X is populated during the pulse and the preparation of
/// XX falls (Müller et al., Nat. Photon. 8, 224 (2014) and Stufler et al., PRB 73, 125304 (2006) for the scheme).</para>
/// <para>Dissipators. XX → X: Γ_XX D[|X⟩⟨XX|] (two excitons: (Γ_XX/2)(D[|X_H⟩⟨XX|] + D[|X_V⟩⟨XX|])); X → G: Γ_X D[|G⟩⟨X|]
/// for each exciton; pure dephasing 2γ* D[n_X + 2n_XX], a fluctuation of the exciton energy that moves the biexciton by
/// twice as much, so that the G–X and X–XX coherences lose γ* each (and G–XX 4γ*). The source's β and collection act
/// downstream, as for the other schemes.</para>
/// <para>Collected operators. XX line: A = √Γ_XX |X⟩⟨XX| (two excitons: √(Γ_XX/2) |X_H⟩⟨XX|, the H photon). X line:
/// A = √Γ_X |G⟩⟨X| (two excitons: √Γ_X |G⟩⟨X_H|, the H photon, emitted by the H component of an exciton that precesses
/// between X_H and X_V at δ: the quantum beat of the first-order coherence). For each, μ_c = ∫⟨A†A⟩, g2 = G2/μ_c² with
/// G2 = ∫∫⟨A†(t)A†(s)A(s)A(t)⟩ and M = ∫∫|⟨A†(s)A(t)⟩|²/μ_c² over the full plane, two-time functions from the quantum
/// regression theorem (Carmichael, Statistical Methods in Quantum Optics 1, §1.5).</para>
/// <para>Numerics. During the pulse the state and the folded two-time integrals are integrated with an adaptive
/// Dormand–Prince scheme (<see cref="CorrelationSystem{TDrive}"/>); after it the generator is constant and the rest is
/// closed exactly (<see cref="FreeEvolutionTails"/>: a generator shifted by −ρ_ss·Tr, ρ_ss = |G⟩⟨G|, and Lyapunov equations
/// in Kronecker form).</para>
/// <para>Limits (tests). A dot prepared in |XX⟩ with δ = 0 and no dephasing: μ = 1 and g2 = 0 on each line and
/// M = Γ_XX/(Γ_XX + Γ_X) on both (Simon and Poizat, PRL 94, 030502 (2005), for the X photon; the two photons form one
/// pure state entangled in time, so by its Schmidt decomposition each alone has the same purity). With δ and the H photon
/// collected, M = Γ_XX/(Γ_XX + Γ_X)·[1 − ½ sin²2θ δ²/(R² + δ²)] with R = Γ_X for the X line and Γ_X + Γ_XX for the XX line.</para>
/// </remarks>
public static class BiexcitonCascade
{
    private const double RelativeTolerance = 1e-10, AbsoluteScale = 1e-4;

    /// <summary>Largest (pulse window) × (fastest rate) integrated; beyond it the explicit integration is too stiff.</summary>
    public const double MaxStiffness = 1e6;

    /// <summary>Largest ratio of the fastest rate to the slowest decay that is solved.</summary>
    public const double MaxRateRatio = 1e8;

    /// <summary>Index of G in the basis (the steady state).</summary>
    private const int Ground = 0;

    /// <summary>Peak single-photon Rabi frequency Ω₀ of the two-photon π pulse: Ω₀² τ √(π/(4 ln2)) = π E_B.</summary>
    /// <param name="bindingEnergyRadPerPs">E_B/ħ, rad/ps.</param>
    /// <param name="pulseFwhmPs">τ, the intensity FWHM, ps.</param>
    public static double PeakRabiFrequency(double bindingEnergyRadPerPs, double pulseFwhmPs) =>
        Math.Sqrt(Math.PI * bindingEnergyRadPerPs / (pulseFwhmPs * Math.Sqrt(Math.PI / (4 * Math.Log(2)))));

    /// <summary>Largest ratio of the pulse's bandwidth 4 ln2/τ to E_B/ħ: a shorter two-photon π pulse has almost no area on
    /// either one-photon step (∫Ω dt ∝ √(E_B τ)) and prepares next to nothing.</summary>
    public const double MaxBandwidthOverBinding = 100;

    /// <summary>Why a set of parameters cannot be solved, in words naming the value (null when it can).</summary>
    /// <param name="parameters">The parameters.</param>
    public static string? Problem(BiexcitonCascadeParameters parameters) => Diagnose(parameters).Message;

    /// <summary>The problem of a set of parameters and the parameter it is about: exciton_decay, biexciton_decay, binding,
    /// splitting, dephasing, axis, rates (their ratio) or pulse.</summary>
    internal static (string? Message, string Parameter) Diagnose(BiexcitonCascadeParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        static bool Positive(double x) => double.IsFinite(x) && x > 0;
        static bool NonNegative(double x) => double.IsFinite(x) && x >= 0;
        var p = parameters;
        if (!Positive(p.ExcitonDecayPerPs)) return ($"the exciton decay rate Γ_X = {Format(p.ExcitonDecayPerPs)} /ps must be finite and > 0", "exciton_decay");
        if (!Positive(p.BiexcitonDecayPerPs)) return ($"the biexciton decay rate Γ_XX = {Format(p.BiexcitonDecayPerPs)} /ps must be finite and > 0", "biexciton_decay");
        if (!Positive(p.BindingEnergyRadPerPs)) return ($"the binding energy E_B/ħ = {Format(p.BindingEnergyRadPerPs)} rad/ps must be finite and > 0", "binding");
        if (!NonNegative(p.FineStructureSplittingRadPerPs)) return ($"the fine-structure splitting δ/ħ = {Format(p.FineStructureSplittingRadPerPs)} rad/ps must be finite and ≥ 0", "splitting");
        if (!NonNegative(p.PureDephasingPerNs)) return ($"the pure dephasing γ* = {Format(p.PureDephasingPerNs)} /ns must be finite and ≥ 0", "dephasing");
        if (!double.IsFinite(p.FineStructureAxisRad)) return ($"the fine-structure axis angle {Format(p.FineStructureAxisRad)} rad must be finite", "axis");
        double slowest = Math.Min(p.ExcitonDecayPerPs, p.BiexcitonDecayPerPs);
        double fastest = FastestFreeRate(p);
        if (!(fastest <= MaxRateRatio * slowest))
            return ($"the cascade lasts about 1/min(Γ_X, Γ_XX) = {Format(1 / slowest)} ps, {Format(fastest / slowest)} times the period of its fastest rate (E_B, δ, γ*, the decays): beyond the {Format(MaxRateRatio)} the solver handles", "rates");
        if (p.PulseFwhmPs is double fwhm)
        {
            if (!Positive(fwhm)) return ($"the pulse FWHM {Format(fwhm)} ps must be finite and > 0", "pulse");
            double bandwidth = 4 * Math.Log(2) / fwhm;
            if (!(bandwidth <= MaxBandwidthOverBinding * p.BindingEnergyRadPerPs))
                return ($"the pulse's bandwidth 4 ln2/τ = {Format(bandwidth)} rad/ps is more than {Format(MaxBandwidthOverBinding)} times E_B/ħ = {Format(p.BindingEnergyRadPerPs)} rad/ps: so short a pulse has almost no area on either one-photon step and prepares next to nothing (a two-photon π pulse needs a bandwidth below E_B)", "pulse");
            var pulse = Pulse(p.BindingEnergyRadPerPs, fwhm);
            double span = 2 * pulse.HalfWindow * Math.Max(fastest, pulse.PeakRabiFrequency);
            if (!(span <= MaxStiffness))
                return ($"the pulse window of {Format(2 * pulse.HalfWindow)} ps spans {Format(span)} periods of the cascade's fastest rate (E_B, δ, the Rabi frequency); at most {Format(MaxStiffness)} are integrated (a shorter pulse)", "pulse");
        }
        return (null, "");
    }

    private static double FastestFreeRate(BiexcitonCascadeParameters p) => new[]
    {
        0.5 * p.BindingEnergyRadPerPs, p.FineStructureSplittingRadPerPs, 4e-3 * p.PureDephasingPerNs, p.ExcitonDecayPerPs, p.BiexcitonDecayPerPs,
    }.Max();

    private static GaussianPulse Pulse(double bindingEnergy, double fwhm)
    {
        double omega0 = PeakRabiFrequency(bindingEnergy, fwhm);
        return new GaussianPulse(fwhm, omega0 * fwhm * Math.Sqrt(Math.PI / (2 * Math.Log(2))));
    }

    /// <summary>The figures of one pulse on both lines (see <see cref="BiexcitonCascadeFigures"/>).</summary>
    /// <param name="parameters">The dot and the pulse.</param>
    /// <exception cref="ArgumentException">A parameter is outside its range (the message names it).</exception>
    public static BiexcitonCascadeFigures Solve(BiexcitonCascadeParameters parameters)
    {
        if (Problem(parameters) is { } problem) throw new ArgumentException(problem, nameof(parameters));
        var model = new Model(parameters);
        var (xx, preparation) = SolveLine(parameters, model, CascadeLine.Biexciton);
        var (x, _) = SolveLine(parameters, model, CascadeLine.Exciton);
        return new BiexcitonCascadeFigures(preparation, xx, x);
    }

    private static readonly SolveCache<BiexcitonCascadeParameters, BiexcitonCascadeFigures> Cache = new(Solve);

    /// <summary><see cref="Solve"/>, remembered for the last few hundred parameter sets.</summary>
    /// <param name="parameters">The dot and the pulse.</param>
    public static BiexcitonCascadeFigures SolveCached(BiexcitonCascadeParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Cache.Get(parameters);
    }

    /// <summary>The operators of the cascade in its basis.</summary>
    private sealed class Model
    {
        public Model(BiexcitonCascadeParameters p)
        {
            bool two = p.ResolvesPolarisation;
            Dimension = two ? 4 : 3;
            int d = Dimension, xh = 1, xv = two ? 2 : -1, xx = d - 1;
            Biexciton = xx;
            Manifolds = two ? [0, 1, 1, 2] : [0, 1, 2];
            var h = new Complex[d, d];
            h[xh, xh] = 0.5 * p.BindingEnergyRadPerPs;
            if (two)
            {
                double half = 0.5 * p.FineStructureSplittingRadPerPs, c = Math.Cos(2 * p.FineStructureAxisRad), s = Math.Sin(2 * p.FineStructureAxisRad);
                h[xv, xv] = 0.5 * p.BindingEnergyRadPerPs;
                h[xh, xh] += half * c;
                h[xv, xv] -= half * c;
                h[xh, xv] = half * s;
                h[xv, xh] = half * s;
            }
            var drive = new Complex[d, d];
            drive[Ground, xh] = drive[xh, Ground] = 0.5;
            drive[xh, xx] = drive[xx, xh] = 0.5;

            var collapse = new List<Complex[,]>();
            int[] excitons = two ? [xh, xv] : [xh];
            double branch = p.BiexcitonDecayPerPs / excitons.Length;
            foreach (int e in excitons)
            {
                collapse.Add(Projector(d, e, xx, Math.Sqrt(branch)));
                collapse.Add(Projector(d, Ground, e, Math.Sqrt(p.ExcitonDecayPerPs)));
            }
            if (p.PureDephasingPerNs > 0)
            {
                var dephasing = new Complex[d, d];
                double amplitude = Math.Sqrt(2e-3 * p.PureDephasingPerNs);
                foreach (int e in excitons) dephasing[e, e] = amplitude;
                dephasing[xx, xx] = 2 * amplitude;
                collapse.Add(dephasing);
            }
            Free = Liouvillian.Of(h, collapse);
            Drive = Liouvillian.Of(drive, []);

            BiexcitonCollected = Projector(d, xh, xx, 1);
            BiexcitonCollectedRate = branch;
            ExcitonCollected = Projector(d, Ground, xh, 1);
            ExcitonCollectedRate = p.ExcitonDecayPerPs;
            BiexcitonNumber = new double[d];
            BiexcitonNumber[xx] = 1;
            ExcitonNumber = new double[d];
            foreach (int e in excitons) ExcitonNumber[e] = 1;
            ExcitonHNumber = new double[d];
            ExcitonHNumber[xh] = 1;
        }

        public int Dimension { get; }
        public int Biexciton { get; }
        public int[] Manifolds { get; }
        public Liouvillian Free { get; }
        public Liouvillian Drive { get; }
        public Complex[,] BiexcitonCollected { get; }
        public double BiexcitonCollectedRate { get; }
        public Complex[,] ExcitonCollected { get; }
        public double ExcitonCollectedRate { get; }
        /// <summary>Diagonal of n_XX (= A†A/rate of the XX line).</summary>
        public double[] BiexcitonNumber { get; }
        /// <summary>Diagonal of the exciton projector.</summary>
        public double[] ExcitonNumber { get; }
        /// <summary>Diagonal of |X_H⟩⟨X_H| (= A†A/rate of the X line).</summary>
        public double[] ExcitonHNumber { get; }

        private static Complex[,] Projector(int d, int row, int column, double amplitude)
        {
            var m = new Complex[d, d];
            m[row, column] = amplitude;
            return m;
        }
    }

    private static (CascadeLineFigures Line, double Preparation) SolveLine(BiexcitonCascadeParameters p, Model model, CascadeLine line)
    {
        bool biexciton = line == CascadeLine.Biexciton;
        var collected = biexciton ? model.BiexcitonCollected : model.ExcitonCollected;
        double rate = biexciton ? model.BiexcitonCollectedRate : model.ExcitonCollectedRate;
        double lineRate = biexciton ? p.BiexcitonDecayPerPs : p.ExcitonDecayPerPs;
        var collectedNumber = biexciton ? model.BiexcitonNumber : model.ExcitonHNumber;
        var lineNumber = biexciton ? model.BiexcitonNumber : model.ExcitonNumber;

        int d = model.Dimension, size = d * d;
        var layout = new CorrelationLayout(size);
        var state = new double[2 * layout.Complexes];
        var s = MemoryMarshal.Cast<double, Complex>(state.AsSpan());
        if (p.PulseFwhmPs is double fwhm)
        {
            var pulse = Pulse(p.BindingEnergyRadPerPs, fwhm);
            var system = new CorrelationSystem<GaussianPulse>(model.Free, model.Drive, pulse, collected, collectedNumber, lineNumber);
            var scales = new double[state.Length];
            var peaks = new double[state.Length];
            Array.Fill(scales, AbsoluteScale);
            s[Ground * d + Ground] = 1;
            double fastest = Math.Max(FastestFreeRate(p), pulse.PeakRabiFrequency);
            DormandPrince54.Integrate(ref system, -pulse.HalfWindow, pulse.HalfWindow, state, RelativeTolerance, scales, peaks, 1e-3 / fastest);
            s = MemoryMarshal.Cast<double, Complex>(state.AsSpan());
        }
        else s[model.Biexciton * d + model.Biexciton] = 1;

        var tails = new FreeEvolutionTails(model.Free, i => model.Manifolds[i], collected, collectedNumber);
        var rho = s.Slice(layout.Rho, size).ToArray();
        var z = s.Slice(layout.Z1, size).ToArray();
        var zz = s.Slice(layout.Z2, size * size).ToArray();
        double population = s[layout.CollectedPopulation].Real + tails.PopulationIntegral(rho, collectedNumber);
        double linePopulation = s[layout.OtherPopulation].Real + tails.PopulationIntegral(rho, lineNumber);
        double second = s[layout.SecondOrder].Real + tails.SecondOrder(rho, z);
        double first = s[layout.FirstOrderSquared].Real + tails.FirstOrderSquared(rho, zz);

        double mu = rate * population;
        double g2 = mu > 0 ? 2 * rate * rate * second / (mu * mu) : 0;
        double m = mu > 0 ? 2 * rate * rate * first / (mu * mu) : 0;
        double preparation = rho[model.Biexciton * d + model.Biexciton].Real;
        return (new CascadeLineFigures(lineRate * linePopulation, mu, g2, m), preparation);
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
