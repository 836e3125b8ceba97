using System.Globalization;
using System.Numerics;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Photons;
using PhotonicKit.Circuit.Quantum;
using PhotonicKit.Components;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Circuit.Analyses;

/// <summary>
/// The photons of the listed sources as they reach the detectors: their internal states (the engine's
/// <see cref="SourceStates"/>) and their amplitudes at the detectors.
/// </summary>
/// <remarks>
/// <para>
/// Each photon that leaves a source is in its zero-phonon line with probability B²/η_f and in the phonon sideband
/// otherwise; the sideband is incoherent (broad, a coherence time of picoseconds) and is kept private, orthogonal to
/// everything. The zero-phonon photon is an exponentially decaying wavepacket (<see cref="ExponentialWavepacket"/>) with
/// the emitter's decay, pure dephasing, detuning and jitter, starting at its emission time plus the delay of its path.
/// </para>
/// <para>
/// Where every path is a complex gain and a delay over the line (<see cref="SourceTransfer.Flatness"/> below
/// <see cref="FlatTolerance"/>), the photons at the detectors are these wavepackets and every overlap is exact
/// (<see cref="WavepacketStates"/>). Otherwise the circuit filters them: each zero-phonon photon is sampled on the
/// frequencies of its line, multiplied by its path's response f(ω) (the transfer to the detector that receives most of
/// it, with each path's delay taken out), and the photons' overlaps are traces of these filtered density matrices
/// (<see cref="DensityMatrixStates"/>). The transfer to another detector d is then U_d·f(ω); the part of the light that
/// does not have this shape (a circuit that filters differently towards different detectors) is kept private as well,
/// with a warning when it exceeds 1 % at a detector.
/// </para>
/// </remarks>
internal static class PhotonStates
{
    /// <summary>Mean square relative change of a transfer over the line below which it counts as flat (amplitude changes below 10⁻⁴).</summary>
    public const double FlatTolerance = 1e-8;

    /// <summary>Largest difference of arrival times, ps, of photons without a temporal shape (the accuracy of the circuit's group delays is about 10⁻⁶ ps).</summary>
    private const double SameArrivalPs = 1e-3;

    /// <summary>Photons whose arrival times differ by more than this many lifetimes are orthogonal (overlap below e^{−100}).</summary>
    private const double SeparateLifetimes = 100;

    /// <summary>The photons' states and their amplitudes at the detectors (the transfers with their columns' phases those of
    /// the filtered model).</summary>
    /// <param name="sources">The listed sources (or the pulses of a frame).</param>
    /// <param name="transfers">Their transfers to the detectors.</param>
    /// <param name="context">Where warnings go (null: none).</param>
    /// <param name="keyPath">Key path of the analysis, for warnings.</param>
    /// <param name="mark">Position of the analysis, for warnings.</param>
    /// <param name="detectorNames">Detector names, for warnings.</param>
    /// <param name="extraDelayPsOnFirst">An extra delay on the first source's photons, ps (a HOM delay scan).</param>
    public static (SourceStates States, List<SourceTransfer> Transfers) Build(IReadOnlyList<PhotonSource> sources, IReadOnlyList<SourceTransfer> transfers,
        AnalysisContext? context, string keyPath, SourceMark mark, IReadOnlyList<string> detectorNames, double extraDelayPsOnFirst = 0)
    {
        int s = sources.Count;
        if (context is not null)
            foreach (var source in sources.DistinctBy(x => x.Name))
                if (source.Figures.Multiphoton != MultiphotonModel.MasterEquation && source.Figures.Indistinguishability > 1)
                    context.Warnings.Warning(mark, keyPath, string.Create(CultureInfo.InvariantCulture,
                        $"'{source.Name}' has M_s = {source.Figures.Indistinguishability:G6} > 1 (its extra photon is partly indistinguishable), which no photon state of the multiphoton_model it uses can have: its photons get overlap 1 and the multi-photon results fall below its hom_visibility; multiphoton_model: master_equation gives the extra photon the partial overlap that reproduces it"));
        if (!sources[0].Emitter.Emitter.HasTemporalShape) return (Shapeless(sources, transfers, keyPath, mark, extraDelayPsOnFirst), transfers.ToList());
        double reference = sources[0].Emitter.Emitter.AngularFrequencyRadPerPs;
        var photons = new ExponentialWavepacket[s];
        var shapes = new ResonantPhoton?[s];
        var shares = new double[s];
        // Photons from the master equation are sampled on the circuit's frequency grid (flat or not); without one they
        // fall back to pure wavepackets with the share √M_main (exact pairs, binary cycles).
        bool gridded = transfers.All(t => t.Grid is not null && t.Grid.ReferenceRadPerPs == transfers[0].Grid!.ReferenceRadPerPs
            && t.Grid.OffsetsRadPerPs.AsSpan().SequenceEqual(transfers[0].Grid!.OffsetsRadPerPs));
        for (int a = 0; a < s; a++)
        {
            double start = sources[a].EmissionTimePs + transfers[a].GroupDelayPs + (a == 0 ? extraDelayPsOnFirst : 0);
            double emitted;
            if (gridded && MasterEquationPhoton(sources[a]) is { } shape)
            {
                var e0 = sources[a].Emitter.Emitter;
                photons[a] = new ExponentialWavepacket(e0.DecayRateRadPerPs, e0.PureDephasingRadPerPs, e0.AngularFrequencyRadPerPs - reference, start);
                shapes[a] = shape;
                // Two main photons overlap c²·Tr ρ² = M_main: c = B²/η_f unless M_main was brought into the range the
                // extra photon's share allows (SourceFigures.MainPhotonIndistinguishability).
                emitted = Math.Min(1, Math.Sqrt(Math.Clamp(sources[a].Figures.MainPhotonIndistinguishability, 0, 1) / shape.Purity));
            }
            else (photons[a], emitted) = ZeroPhononPhoton(sources[a], reference, start);
            // The circuit changes the zero-phonon share of the photon (a filter that passes the line but not the sideband raises it).
            var e = sources[a].Emitter.Emitter;
            double atSource = e.ZplFraction / e.SidebandFilterEfficiency;
            shares[a] = atSource > 0 ? Math.Clamp(emitted * transfers[a].ZeroPhononShare / atSource, 0, 1) : 0;
        }
        var groups = sources.Select(x => x.Index).ToArray();
        var spreads = sources.Select(x => x.Emitter.Emitter.SpectralDiffusionRadPerPs).ToArray();
        var emission = sources.Select(x => x.EmissionTimePs).ToArray();
        var wandering = sources.Select(x => x.Emitter.Emitter.SpectralDiffusionCorrelationNs is double t ? t * 1e3 : double.PositiveInfinity).ToArray();
        bool flat = transfers.All(t => t.Flatness <= FlatTolerance || t.Grid is null);
        if (flat && shapes.All(x => x is null)) return (new WavepacketStates(photons, shares, spreads, groups, emission, wandering), transfers.ToList());
        // Photons sampled on the grid (filtered, or the master equation's) keep one emitter's photons on one centre: refused
        // where two of them, emitted at different times, can meet at a detector.
        bool Meet(int a, int b) => Enumerable.Range(0, transfers[a].Column.Length).Any(d => transfers[a].Column[d] != Complex.Zero && transfers[b].Column[d] != Complex.Zero);
        for (int a = 0; a < s; a++)
            for (int b = 0; b < a; b++)
                if (groups[a] == groups[b] && spreads[a] > 0 && !double.IsPositiveInfinity(wandering[a]) && emission[a] != emission[b] && Meet(a, b))
                    throw new AnalysisException(keyPath, mark, string.Create(CultureInfo.InvariantCulture,
                        $"'{sources[a].Instance}' wanders (spectral_diffusion_correlation_ns) and its photons emitted {Math.Abs(emission[a] - emission[b]) * 1e-3:G4} ns apart meet at a detector and are {(flat ? "the master equation's photons of a pulse" : "filtered by the circuit")}, which are compared on one line centre: the wandering between them is modelled for photons through a circuit flat over their line, without resonant excitation's own photon (give a measured indistinguishability, or leave out spectral_diffusion_correlation_ns for a shared centre)"));
        // A flat circuit does not reshape the master equation's photons: every other frequency of the grid samples them
        // well enough (the sinh grid resolves the line in steps of 14 % of its half-width), at an eighth of the cost.
        if (flat && transfers[0].Grid!.Count % 2 == 1) transfers = transfers.Select(Coarser).ToList();
        return Filtered(sources, transfers, photons, shapes, shares, groups, spreads, context, keyPath, mark, detectorNames);
    }

    /// <summary>The transfer on every other frequency of its grid (an odd number of points: the same sinh grid with twice the step).</summary>
    private static SourceTransfer Coarser(SourceTransfer t)
    {
        var g = t.Grid!;
        var coarse = SpectralGrid.Sinh(g.ReferenceRadPerPs, g.CentreOffsetRadPerPs, g.ScaleRadPerPs, g.U[0], g.U[^1], (g.Count + 1) / 2);
        return t with { Grid = coarse, GridAmplitudes = [.. t.GridAmplitudes.Where((_, i) => i % 2 == 0)] };
    }

    /// <summary>
    /// The photon of a source excited by a resonant (or phonon-assisted) pulse, from the master equation's one-photon
    /// sector, when its indistinguishability is not a measured override; null otherwise.
    /// </summary>
    internal static ResonantPhoton? MasterEquationPhoton(PhotonSource source)
    {
        var e = source.Emitter.Emitter;
        if (!e.HasTemporalShape || e.IndistinguishabilityOverride is not null || e.CavityQed is not null || !SourceFigureCalculator.NeedsResonantSolver(e)) return null;
        return ResonantPhoton.Of(e.LifetimePs!.Value, e.PureDephasingPerNs, e.PulseFwhmPs!.Value);
    }

    /// <summary>
    /// The zero-phonon photon of a source (its detuning relative to <paramref name="referenceRadPerPs"/>) and the share
    /// c₀ of the emitted photon (after the sideband filter outside the netlist) that is in it. With the emitter's own pure
    /// dephasing (and jitter for above-band excitation) when M_s comes from these, c₀ = B²/η_f, so that M_s = c₀²·Tr ρ².
    /// Otherwise (resonant or phonon-assisted excitation from the master equation, or a measured indistinguishability)
    /// the photon is pure with c₀ = √M_s: two photons overlap M_s exactly, longer cycles get the binary model's product
    /// of the c's.
    /// </summary>
    public static (ExponentialWavepacket Photon, double EmittedShare) ZeroPhononPhoton(PhotonSource source, double referenceRadPerPs, double startTimePs)
    {
        var e = source.Emitter.Emitter;
        double gamma = e.DecayRateRadPerPs, detuning = e.AngularFrequencyRadPerPs - referenceRadPerPs;
        double ratio = e.ZplFraction / e.SidebandFilterEfficiency;
        // Only ideal and above-band excitation make the two-level exponential with the emitter's own dephasing: a
        // two_photon source is a line of the biexciton cascade, whose M (time entanglement, fine-structure beat) is not that.
        bool physical = e.IndistinguishabilityOverride is null && e.CavityQed is null && e.Excitation is ExcitationScheme.Ideal or ExcitationScheme.AboveBand;
        if (physical)
        {
            double? relaxation = e.Excitation == ExcitationScheme.AboveBand && e.RelaxationPs is double t ? 1 / t : null;
            return (new ExponentialWavepacket(gamma, e.PureDephasingRadPerPs, detuning, startTimePs, relaxation), ratio);
        }
        // The overlap M_s of the master equation or of a measurement, whatever makes it (dephasing, the sideband, re-excitation):
        // a pure wavepacket in a common mode with c₀ = √M_s, the rest of the photon in its own mode, so that two photons
        // overlap M_s exactly (the binary model for cycles of three or more photons).
        double m = Math.Clamp(source.Figures.MainPhotonIndistinguishability, 0, 1);
        return (new ExponentialWavepacket(gamma, 0, detuning, startTimePs), Math.Sqrt(m));
    }

    /// <summary>
    /// Photons of sources given only by their measured figures (all of them, at one line centre: the analyses check it):
    /// each is in one common mode φ with weight c = √M_s and otherwise in a state of its own, orthogonal to every other
    /// photon, ρ = c|φ⟩⟨φ| + (1 − c)ρ_own, so that two photons of one source overlap c² = M_s (the purity) and photons of
    /// sources a and b overlap c_a c_b. Every cycle trace Tr(ρ_a ρ_b … ρ_k) is then the product c_a c_b … c_k, which the
    /// pure states √c φ + √(1 − c) χ_a with the Gram matrix G_ab = √(c_a c_b) reproduce exactly: the exact model of such
    /// photons is this Gram matrix (Perceval's source model of indistinguishability).
    /// </summary>
    private static SourceStates Shapeless(IReadOnlyList<PhotonSource> sources, IReadOnlyList<SourceTransfer> transfers, string keyPath, SourceMark mark,
        double extraDelayPs)
    {
        int s = sources.Count;
        // Their overlap at different arrival times (pulses k/f_rep apart, paths of different delays) depends on the shape they lack.
        var arrival = Enumerable.Range(0, s).Select(a => sources[a].EmissionTimePs + transfers[a].GroupDelayPs + (a == 0 ? extraDelayPs : 0)).ToArray();
        for (int a = 1; a < s; a++)
            if (Math.Abs(arrival[a] - arrival[0]) > SameArrivalPs)
                throw new AnalysisException(keyPath, mark, string.Create(CultureInfo.InvariantCulture,
                    $"the photons of '{sources[0].Name}' and '{sources[a].Name}' reach the detectors {Math.Abs(arrival[a] - arrival[0]):G6} ps apart, and they are given by measured figures without a temporal shape: how much they overlap depends on their length; give lifetime_ps"));
        // The light that non-source dots scatter incoherently is not in the photon's state: only the coherent share interferes.
        var c = Enumerable.Range(0, s).Select(a => Math.Sqrt(Math.Clamp(sources[a].Figures.MainPhotonIndistinguishability, 0, 1)) * transfers[a].ZeroPhononShare).ToArray();
        var g = new Complex[s, s];
        for (int a = 0; a < s; a++)
            for (int b = 0; b < s; b++) g[a, b] = a == b ? Complex.One : Math.Sqrt(c[a] * c[b]);
        // Two photons of one source: each link of their cycle is ⟨ψ|ψ'⟩ = c, so that their overlap is c² = M_s.
        return SourceStates.FromGram(new GramMatrix(g), c);
    }

    /// <summary>
    /// The binary (Gram) approximation of mixed photons, chosen explicitly (`distinguishability: binary`): pure states with
    /// the real overlaps G_ab = √Tr(ρ_aρ_b) of the exact pairs, so that every pair interferes as before but cycles of three
    /// or more photons get ∏√Tr(ρ_aρ_b) instead of their traces (for identical dephased photons M^{3/2} instead of
    /// 2M²/(1 + M): 4.4 % on P(1,1,1) of a tritter at M = 1/2). It makes the fast paths of identical photons available
    /// (SLOS per subset, exact sampling).
    /// </summary>
    public static SourceStates Binary(SourceStates states, string keyPath, SourceMark mark)
    {
        if (states.IsPure) return states;
        int s = states.Count;
        var g = new Complex[s, s];
        var same = new double[s];
        for (int a = 0; a < s; a++)
        {
            same[a] = Math.Sqrt(Overlap(states, a, a));
            for (int b = 0; b < s; b++) g[a, b] = a == b ? Complex.One : Math.Sqrt(Overlap(states, a, b));
        }
        try
        {
            return SourceStates.FromGram(new GramMatrix(g), same);
        }
        catch (ArgumentException e)
        {
            throw new AnalysisException(keyPath, mark, $"the binary model does not fit these photons: the square roots of their pairwise overlaps are not a Gram matrix ({e.Message}); use distinguishability: exact", e);
        }
    }

    /// <summary>Tr(ρ_aρ_b) of photons of sources a and b at the detectors, incoherent shares included; for a = b two photons of the same source.</summary>
    public static double Overlap(SourceStates states, int a, int b) => Math.Clamp(states.CycleTrace([a, b]).Real, 0, 1);

    private static (SourceStates, List<SourceTransfer>) Filtered(IReadOnlyList<PhotonSource> sources, IReadOnlyList<SourceTransfer> transfers,
        ExponentialWavepacket[] photons, ResonantPhoton?[] shapes, double[] zeroPhononShares, int[] groups, double[] spreads, AnalysisContext? context, string keyPath, SourceMark mark, IReadOnlyList<string> detectorNames)
    {
        int s = sources.Count;
        var grid = transfers[0].Grid!;
        // The photons of one emitter share their line centre; an independent spread matters only between emitters.
        bool spreadBetween = Enumerable.Range(0, s).Any(a => Enumerable.Range(0, s).Any(b => groups[a] != groups[b] && (spreads[a] > 0 || spreads[b] > 0)));
        // Photons that arrive many lifetimes apart are orthogonal; the others are compared on the grid with their relative delays.
        double slowest = photons.Min(p => p.DecayRateRadPerPs);
        var order = Enumerable.Range(0, s).OrderBy(a => photons[a].StartTimePs).ToArray();
        var classes = new int[s];
        for (int k = 1; k < s; k++)
            classes[order[k]] = photons[order[k]].StartTimePs - photons[order[k - 1]].StartTimePs > SeparateLifetimes / slowest ? classes[order[k - 1]] + 1 : classes[order[k - 1]];
        var classStart = new Dictionary<int, double>();
        for (int a = 0; a < s; a++) classStart[classes[a]] = Math.Min(classStart.GetValueOrDefault(classes[a], double.PositiveInfinity), photons[a].StartTimePs);

        int n = grid.Count;
        // Mixed filtered photons are n × n matrices, and their cycle traces products of them (a few cached per cycle).
        bool anyMixed = Enumerable.Range(0, s).Any(a => !photons[a].IsPure || (spreadBetween && spreads[a] > 0));
        if (anyMixed)
            ComputationLimits.Default.Check(new CostEstimate(0, (double)s * n * n * n * 8, 16.0 * n * n * (s + 8)));
        var shares = (double[])zeroPhononShares.Clone();
        var vectors = new Complex[s][];
        var densities = new Complex[s][,];
        var adjusted = new List<SourceTransfer>(s);
        bool pure = true;
        for (int a = 0; a < s; a++)
        {
            var t = transfers[a];
            int dCount = t.Column.Length;
            if (t.Grid is null || t.Grid.Count != n || !t.Grid.OffsetsRadPerPs.AsSpan().SequenceEqual(grid.OffsetsRadPerPs) || t.Grid.ReferenceRadPerPs != grid.ReferenceRadPerPs)
                throw new InvalidOperationException("the filtered photons of one analysis are sampled on one grid");
            var photon = new ExponentialWavepacket(photons[a].DecayRateRadPerPs, photons[a].PureDephasingRadPerPs,
                photons[a].DetuningRadPerPs + (sources[0].Emitter.Emitter.AngularFrequencyRadPerPs - grid.ReferenceRadPerPs),
                photons[a].StartTimePs - classStart[classes[a]], photons[a].RelaxationRateRadPerPs);
            double spread = spreadBetween ? spreads[a] : 0;
            // The master equation's photon on the grid: ρ(x_i, x_j).
            var shaped = shapes[a] is { } shape ? ShapeOnGrid(shape, grid, photon.DetuningRadPerPs, spread) : null;
            Complex density(int i, int j) => shaped is not null
                ? shaped[i, j] * Complex.FromPolarCoordinates(1, (grid.OffsetsRadPerPs[i] - grid.OffsetsRadPerPs[j]) * photon.StartTimePs)
                : photon.SpectralDensity(grid.OffsetsRadPerPs[i], grid.OffsetsRadPerPs[j], spread);
            // The line density q_i = w_i ρ(x_i, x_i) weights the fit of each path to one spectral shape.
            var q = new double[n];
            for (int i = 0; i < n; i++) q[i] = grid.WeightsRadPerPs[i] * density(i, i).Real;
            // Paths with their delays taken out (the delays are in the photon's start time and the detectors' own).
            double centreOffset = sources[a].Emitter.Emitter.AngularFrequencyRadPerPs - grid.ReferenceRadPerPs;
            var x = new Complex[dCount][];
            var power = new double[dCount];
            int strongest = 0;
            for (int d = 0; d < dCount; d++)
            {
                x[d] = new Complex[n];
                for (int i = 0; i < n; i++)
                {
                    x[d][i] = t.GridAmplitudes[i][d] * Complex.FromPolarCoordinates(1, -(grid.OffsetsRadPerPs[i] - centreOffset) * t.DetectorDelaysPs[d]);
                    power[d] += q[i] * (x[d][i] * Complex.Conjugate(x[d][i])).Real;
                }
                if (power[d] > power[strongest]) strongest = d;
            }
            var f = x[strongest];
            double fNorm = 0;
            for (int i = 0; i < n; i++) fNorm += q[i] * (f[i] * Complex.Conjugate(f[i])).Real;
            if (!(fNorm > 0))
            {
                // The photon reaches no detector (its amplitudes are all zero): its state is the unfiltered one.
                f = Enumerable.Repeat(Complex.One, n).ToArray();
                fNorm = q.Sum();
            }
            var column = (Complex[])t.Column.Clone();
            double coherent = 0, total = power.Sum();
            for (int d = 0; d < dCount; d++)
            {
                Complex u = Complex.Zero;
                for (int i = 0; i < n; i++) u += q[i] * Complex.Conjugate(f[i]) * x[d][i];
                u = fNorm > 0 ? u / fNorm : Complex.Zero;
                double kept = (u * Complex.Conjugate(u)).Real * fNorm;
                coherent += kept;
                if (power[d] > 1e-12 * total && kept < 0.99 * power[d] && context is not null)
                    context.Warnings.Warning(mark, keyPath, string.Create(CultureInfo.InvariantCulture,
                        $"the circuit shapes the photons of '{sources[a].Name}' differently towards '{detectorNames[d]}' than towards '{detectorNames[strongest]}': {100 * (1 - kept / power[d]):G3} % of the light at '{detectorNames[d]}' does not share that spectral shape and is treated as distinguishable"));
                if (column[d] != Complex.Zero && u != Complex.Zero) column[d] = column[d].Magnitude * u / u.Magnitude;
            }
            shares[a] = Math.Clamp(shares[a] * (total > 0 ? coherent / total : 1), 0, 1);
            adjusted.Add(t with { Column = column });
            if (shaped is null && photon.IsPure && spread == 0)
            {
                // ψ(x_i)√w_i f_i, with ψ(x) = √(Γ/2π) e^{ixs}/(Γ/2 − i(x − δ)).
                var v = new Complex[n];
                double norm = 0;
                for (int i = 0; i < n; i++)
                {
                    double xi = grid.OffsetsRadPerPs[i];
                    Complex psi = Math.Sqrt(photon.DecayRateRadPerPs / (2 * Math.PI)) * Complex.FromPolarCoordinates(1, xi * photon.StartTimePs)
                        / new Complex(photon.DecayRateRadPerPs / 2, -(xi - photon.DetuningRadPerPs));
                    v[i] = psi * Math.Sqrt(grid.WeightsRadPerPs[i]) * f[i];
                    norm += (v[i] * Complex.Conjugate(v[i])).Real;
                }
                for (int i = 0; i < n; i++) v[i] /= Math.Sqrt(norm);
                vectors[a] = v;
            }
            else
            {
                pure = false;
                var rho = new Complex[n, n];
                for (int i = 0; i < n; i++)
                    for (int j = 0; j <= i; j++)
                    {
                        Complex value = Math.Sqrt(grid.WeightsRadPerPs[i] * grid.WeightsRadPerPs[j])
                            * density(i, j) * f[i] * Complex.Conjugate(f[j]);
                        rho[i, j] = value;
                        rho[j, i] = Complex.Conjugate(value);
                    }
                densities[a] = rho;
            }
        }
        if (pure)
        {
            var g = new Complex[s, s];
            for (int a = 0; a < s; a++)
                for (int b = 0; b < s; b++)
                {
                    if (a == b) { g[a, b] = 1; continue; }
                    if (classes[a] != classes[b]) continue;
                    Complex overlap = Complex.Zero;
                    for (int i = 0; i < n; i++) overlap += Complex.Conjugate(vectors[a][i]) * vectors[b][i];
                    g[a, b] = Math.Sqrt(shares[a] * shares[b]) * overlap;
                }
            return (SourceStates.FromGram(new GramMatrix(g), shares), adjusted);
        }
        for (int a = 0; a < s; a++)
            if (densities[a] is null)
            {
                var v = vectors[a];
                var rho = new Complex[n, n];
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < n; j++) rho[i, j] = v[i] * Complex.Conjugate(v[j]);
                densities[a] = rho;
            }
        return (new DensityMatrixStates(densities, shares, classes), adjusted);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(ResonantPhoton, double, double, double, int, double, double, double, double), Complex[,]> ShapeCache = new();

    /// <summary>ρ(x_i, x_j) of a master-equation photon on a grid (pulse peak at time zero), kept for the next analyses that
    /// use the same grid (a sinh grid is fixed by its reference, centre, scale, range and size).</summary>
    private static Complex[,] ShapeOnGrid(ResonantPhoton shape, SpectralGrid grid, double detuningRadPerPs, double spreadRadPerPs)
    {
        if (ShapeCache.Count > 64) ShapeCache.Clear();
        var key = (shape, grid.ReferenceRadPerPs, grid.CentreOffsetRadPerPs, grid.ScaleRadPerPs, grid.Count, grid.U[0], grid.U[^1], detuningRadPerPs, spreadRadPerPs);
        return ShapeCache.GetOrAdd(key, _ => shape.SpectralDensity(grid.OffsetsRadPerPs, detuningRadPerPs, 0, spreadRadPerPs));
    }
}
