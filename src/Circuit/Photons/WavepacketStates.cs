using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using PhotonicKit.Circuit.Quantum;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Circuit.Photons;

/// <summary>
/// Source states of exponentially decaying emitters seen through a circuit that is flat over their lines (a complex gain
/// and a delay per path): each source's photon is an <see cref="ExponentialWavepacket"/> (its start time includes the
/// delay of its path, its detuning is relative to a common reference), with a coherent share c_a (the rest, such as
/// the phonon sideband, private) and a Gaussian spread σ_a of its line centre that the photons of one
/// centre group (one emitter) share. Overlaps and cycle traces are exact
/// (<see cref="WavepacketTraces"/>); a spread between different emitters is averaged in closed form for pairs (the Voigt
/// overlap) and by Gauss–Hermite quadrature over the emitters' centres for longer cycles.
/// </summary>
public sealed class WavepacketStates : SourceStates
{
    private readonly ExponentialWavepacket[] _photons;
    private readonly double[] _share;
    private readonly double[] _spread;
    private readonly int[] _group;
    private readonly double[] _emissionPs;
    private readonly double[] _wanderingPs;
    private readonly GramMatrix _overlaps;

    /// <summary>Creates the states.</summary>
    /// <param name="photons">Each source's photon.</param>
    /// <param name="coherentShares">c_a in [0, 1] per source.</param>
    /// <param name="spreadsRadPerPs">σ_a ≥ 0, rad/ps, standard deviation of each source's line centre.</param>
    /// <param name="centreGroups">Per source, the emitter whose line centre it shares (pulses of one emitter share it).</param>
    /// <param name="emissionTimesPs">Per source, its emission time, ps (pulse k of a frame: its time in the frame); with
    /// <paramref name="wanderingPs"/>, photons of one emitter emitted Δt apart have centres correlated by e^(−Δt/τ_w).</param>
    /// <param name="wanderingPs">Per source, τ_w, ps, the correlation time of its emitter's line centre (spectral wandering);
    /// +∞ (or null for all) when the photons of one emitter share their centre whatever their separation.</param>
    public WavepacketStates(IReadOnlyList<ExponentialWavepacket> photons, IReadOnlyList<double> coherentShares,
        IReadOnlyList<double> spreadsRadPerPs, IReadOnlyList<int> centreGroups, IReadOnlyList<double>? emissionTimesPs = null,
        IReadOnlyList<double>? wanderingPs = null) : base(photons?.Count ?? 0)
    {
        ArgumentNullException.ThrowIfNull(photons);
        ArgumentNullException.ThrowIfNull(coherentShares);
        ArgumentNullException.ThrowIfNull(spreadsRadPerPs);
        ArgumentNullException.ThrowIfNull(centreGroups);
        int s = photons.Count;
        if (coherentShares.Count != s || spreadsRadPerPs.Count != s || centreGroups.Count != s)
            throw new ArgumentException("one coherent share, spread and centre group per source is needed");
        _photons = photons.ToArray();
        _share = coherentShares.ToArray();
        _spread = spreadsRadPerPs.ToArray();
        _group = centreGroups.ToArray();
        _emissionPs = emissionTimesPs?.ToArray() ?? new double[s];
        _wanderingPs = wanderingPs?.ToArray() ?? Enumerable.Repeat(double.PositiveInfinity, s).ToArray();
        if (_emissionPs.Length != s || _wanderingPs.Length != s) throw new ArgumentException("one emission time and correlation time per source is needed");
        if (_wanderingPs.Any(t => !(t > 0))) throw new ArgumentOutOfRangeException(nameof(wanderingPs), "correlation times must be > 0 (+∞ for a shared centre)");
        for (int a = 0; a < s; a++)
        {
            if (!(_share[a] >= 0 && _share[a] <= 1)) throw new ArgumentOutOfRangeException(nameof(coherentShares), _share[a], $"coherent share {a} must lie in [0, 1]");
            if (!(_spread[a] >= 0) || !double.IsFinite(_spread[a])) throw new ArgumentOutOfRangeException(nameof(spreadsRadPerPs), _spread[a], $"spread {a} must be ≥ 0 and finite");
        }
        // A spread matters only between emitters: photons of one emitter share their centre.
        bool spreadBetweenEmitters = false;
        for (int a = 0; a < s; a++)
            for (int b = 0; b < s; b++)
                if (_group[a] != _group[b] && (_spread[a] > 0 || _spread[b] > 0)) spreadBetweenEmitters = true;
        // Photons of one wandering emitter emitted at different times have centres that differ at random too.
        for (int a = 0; a < s; a++)
            for (int b = 0; b < s; b++)
                if (_group[a] == _group[b] && _spread[a] > 0 && CentreCorrelation(a, b) < 1) spreadBetweenEmitters = true;
        IsPure = _photons.All(p => p.IsPure) && !spreadBetweenEmitters;
        var g = new Complex[s, s];
        for (int a = 0; a < s; a++)
            for (int b = 0; b < s; b++)
            {
                if (a == b) { g[a, b] = 1; continue; }
                double shares = Math.Sqrt(_share[a] * _share[b]);
                g[a, b] = IsPure
                    ? shares * WavepacketTraces.AmplitudeOverlap(_photons[a], _photons[b])
                    : shares * Math.Sqrt(Math.Max(0, PairTrace(a, b)));
            }
        _overlaps = IsPure ? new GramMatrix(g) : DensityMatrixStates.StructuralGram(g);
    }

    /// <inheritdoc/>
    public override bool IsPure { get; }

    /// <inheritdoc/>
    public override GramMatrix Overlaps => _overlaps;

    /// <summary>Agreement of two start times, in lifetimes, below which they count as the same: the circuit's group delays
    /// are accurate to about 10⁻⁶ ps, 10⁻⁸ of a 100 ps lifetime (a difference δ changes an overlap by about Γδ/2).</summary>
    private const double SameStartLifetimes = 1e-8;

    /// <summary>Relative agreement of two coherent shares below which they count as the same (they come from spectral sums).</summary>
    private const double SameShare = 1e-12;

    /// <inheritdoc/>
    /// <remarks>The same wavepacket (start times within 10⁻⁸ lifetimes), share (to 10⁻¹²) and spread, and no spread between
    /// them (one emitter, or none).</remarks>
    public override bool SameState(int a, int b)
    {
        if (a == b) return true;
        var (p, q) = (_photons[a], _photons[b]);
        return p.DecayRateRadPerPs == q.DecayRateRadPerPs && p.PureDephasingRadPerPs == q.PureDephasingRadPerPs
            && p.DetuningRadPerPs == q.DetuningRadPerPs && p.RelaxationRateRadPerPs == q.RelaxationRateRadPerPs
            && Math.Abs(p.StartTimePs - q.StartTimePs) * p.DecayRateRadPerPs <= SameStartLifetimes
            && Math.Abs(_share[a] - _share[b]) <= SameShare * Math.Max(_share[a], _share[b]) && _spread[a] == _spread[b] && (_group[a] == _group[b] || _spread[a] == 0)
            && (_spread[a] == 0 || CentreCorrelation(a, b) == 1);
    }

    /// <summary>The correlation of the line centres of sources a and b: 0 between emitters, e^(−Δt/τ_w) between photons of one
    /// emitter emitted Δt apart (1 without wandering).</summary>
    private double CentreCorrelation(int a, int b)
    {
        if (_group[a] != _group[b]) return 0;
        double tau = _wanderingPs[a], dt = Math.Abs(_emissionPs[a] - _emissionPs[b]);
        return double.IsPositiveInfinity(tau) || dt == 0 ? 1 : Math.Exp(-dt / tau);
    }

    /// <summary>The photon of source <paramref name="source"/>.</summary>
    /// <param name="source">Source index.</param>
    public ExponentialWavepacket Photon(int source) => _photons[source];

    /// <inheritdoc/>
    public override Complex SameSourceOverlap(int source) => _share[source];

    /// <summary>Tr(ρ_aρ_b) of the coherent parts (shares excluded), the spread of different emitters averaged (Voigt).</summary>
    private double PairTrace(int a, int b)
    {
        var (p, q) = (_photons[a], _photons[b]);
        bool between = _group[a] != _group[b] && (_spread[a] > 0 || _spread[b] > 0);
        // Photons of one emitter emitted Δt apart: their centres differ by a Gaussian of variance 2σ²(1 − e^(−Δt/τ_w)).
        double wandering = _group[a] == _group[b] && _spread[a] > 0 ? 2 * _spread[a] * _spread[a] * (1 - CentreCorrelation(a, b)) : 0;
        if (!between && wandering == 0) return WavepacketTraces.PairTrace(p, q);
        if (p.RelaxationRateRadPerPs is null && q.RelaxationRateRadPerPs is null)
        {
            (double sa, double sb) = between ? (_spread[a], _spread[b]) : (Math.Sqrt(wandering / 2), Math.Sqrt(wandering / 2));
            double voigt = WavepacketOverlap.BetweenEmitters(p.DecayRateRadPerPs, q.DecayRateRadPerPs, p.PureDephasingRadPerPs, q.PureDephasingRadPerPs,
                q.DetuningRadPerPs - p.DetuningRadPerPs, sa, sb);
            double delay = q.StartTimePs - p.StartTimePs;
            return voigt * Math.Exp(-(delay >= 0 ? p.DecayRateRadPerPs : q.DecayRateRadPerPs) * Math.Abs(delay));
        }
        return Math.Max(0, AveragedOverCentres([a, b]).Real);
    }

    /// <inheritdoc/>
    protected override Complex ComputeCycleTrace(int[] owners)
    {
        double shares = 1;
        foreach (int o in owners) shares *= _share[o];
        if (shares == 0) return Complex.Zero;
        if (owners.Length == 2 && owners[0] != owners[1]) return shares * PairTrace(owners[0], owners[1]);
        return shares * AveragedOverCentres(owners);
    }

    /// <summary>
    /// Tr(ρ_{o1} … ρ_{ok}) averaged over the line centres of the emitters in the cycle that have a spread (photons of one
    /// emitter move together), by a product Gauss–Hermite rule with 16 … 64 nodes per emitter (more for spreads wider
    /// than the lines). A cycle within one emitter does not depend on its centre and is computed once.
    /// </summary>
    private Complex AveragedOverCentres(int[] owners)
    {
        if (owners.Any(a => _spread[a] > 0 && owners.Any(b => _group[b] == _group[a] && CentreCorrelation(a, b) < 1))) return AveragedOverWandering(owners);
        var groups = owners.Select(o => _group[o]).Distinct().Where(g => owners.Any(o => _group[o] == g && _spread[o] > 0)).ToArray();
        var photons = owners.Select(o => _photons[o]).ToArray();
        if (groups.Length == 0 || owners.All(o => _group[o] == _group[owners[0]])) return WavepacketTraces.CycleTrace(photons);
        double widthMin = photons.Min(p => p.DecayRateRadPerPs / 2 + p.PureDephasingRadPerPs);
        double spreadMax = owners.Max(o => _spread[o]);
        int nodes = (int)Math.Clamp(16 + 4 * Math.Ceiling(spreadMax / widthMin), 16, 64);
        var (x, w) = GaussHermite(nodes);
        var index = new int[groups.Length];
        var shifted = new ExponentialWavepacket[photons.Length];
        Complex total = Complex.Zero;
        while (true)
        {
            double weight = 1;
            for (int g = 0; g < groups.Length; g++) weight *= w[index[g]];
            for (int i = 0; i < photons.Length; i++)
            {
                int g = Array.IndexOf(groups, _group[owners[i]]);
                shifted[i] = g < 0 ? photons[i] : photons[i].Shifted(Math.Sqrt(2) * _spread[owners[i]] * x[index[g]]);
            }
            total += weight * WavepacketTraces.CycleTrace(shifted);
            int d = 0;
            while (d < groups.Length && ++index[d] == nodes) index[d++] = 0;
            if (d == groups.Length) break;
        }
        return total;
    }

    /// <summary>Most cycle traces one average over wandering line centres may take (a product rule over its dimensions).</summary>
    public const double MaxWanderingNodes = 4e6;

    /// <summary>
    /// Tr(ρ_{o1} … ρ_{ok}) averaged over line centres that are jointly Gaussian with covariance σ_iσ_j·corr(i, j) (photons of
    /// one wandering emitter at different times partly correlated, different emitters independent). A cycle trace does not
    /// change when every photon's centre moves by the same amount, so the covariance is projected onto shifts that sum to
    /// zero, C′ = PCP with P = I − 11ᵀ/k, and averaged by a product Gauss–Hermite rule along the eigenvectors of C′ whose
    /// spread is not negligible (√λ above 10⁻⁷ of the narrowest line), with 4 nodes where √λ is below 5 % of the narrowest line, 8 below 20 %, else 16 … 64 (more for spreads wider than
    /// the lines). A common wandering of one emitter's photons, the dominant part when τ_w is long, costs nothing.
    /// </summary>
    private Complex AveragedOverWandering(int[] owners)
    {
        int k = owners.Length;
        var photons = owners.Select(o => _photons[o]).ToArray();
        var c = Matrix<double>.Build.Dense(k, k, (i, j) => _spread[owners[i]] * _spread[owners[j]] * CentreCorrelation(owners[i], owners[j]));
        var p = Matrix<double>.Build.DenseIdentity(k) - Matrix<double>.Build.Dense(k, k, 1.0 / k);
        var projected = p * c * p;
        projected = (projected + projected.Transpose()) / 2;
        var evd = projected.Evd(Symmetricity.Symmetric);
        double widthMin = photons.Min(x => x.DecayRateRadPerPs / 2 + x.PureDephasingRadPerPs);
        var dims = Enumerable.Range(0, k).Where(d => Math.Sqrt(Math.Max(0, evd.EigenValues[d].Real)) > 1e-7 * widthMin).ToArray();
        if (dims.Length == 0) return WavepacketTraces.CycleTrace(photons);
        var scale = dims.Select(d => Math.Sqrt(2 * evd.EigenValues[d].Real)).ToArray();
        // An n-point rule errs by about (√λ/width)^(2n): 4 nodes suffice below 5 % of the narrowest line, 8 below 20 %.
        var counts = dims.Select(d =>
        {
            double ratio = Math.Sqrt(evd.EigenValues[d].Real) / widthMin;
            return ratio < 0.05 ? 4 : ratio < 0.2 ? 8 : (int)Math.Clamp(16 + 4 * Math.Ceiling(ratio), 16, 64);
        }).ToArray();
        double evaluations = counts.Aggregate(1.0, (a, n) => a * n);
        if (evaluations > MaxWanderingNodes)
            throw new ComputationTooLargeException(new CostEstimate(evaluations, evaluations * k * 20, 0),
                $"the average of a {k}-photon cycle over wandering line centres needs {evaluations:G3} trace evaluations (more than {MaxWanderingNodes:G3}): the centres spread over many linewidths between the photons");
        var rules = counts.Select(GaussHermite).ToArray();
        var index = new int[dims.Length];
        var shifted = new ExponentialWavepacket[k];
        Complex total = Complex.Zero;
        while (true)
        {
            double weight = 1;
            for (int d = 0; d < dims.Length; d++) weight *= rules[d].Weights[index[d]];
            for (int i = 0; i < k; i++)
            {
                double shift = 0;
                for (int d = 0; d < dims.Length; d++) shift += evd.EigenVectors[i, dims[d]] * scale[d] * rules[d].Nodes[index[d]];
                shifted[i] = photons[i].Shifted(shift);
            }
            total += weight * WavepacketTraces.CycleTrace(shifted);
            int e = 0;
            while (e < dims.Length && ++index[e] == counts[e]) index[e++] = 0;
            if (e == dims.Length) break;
        }
        return total;
    }

    /// <summary>Nodes x_i and weights w_i/√π of the n-point Gauss–Hermite rule (Golub–Welsch), so that Σ w_i f(x_i) ≈ E[f(Z/√2)], Z standard normal.</summary>
    private static (double[] Nodes, double[] Weights) GaussHermite(int n)
    {
        var jacobi = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i + 1 < n; i++) jacobi[i, i + 1] = jacobi[i + 1, i] = Math.Sqrt((i + 1) / 2.0);
        var evd = jacobi.Evd(Symmetricity.Symmetric);
        var nodes = new double[n];
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            nodes[i] = evd.EigenValues[i].Real;
            double v = evd.EigenVectors[0, i];
            weights[i] = v * v; // ∫e^{−x²}dx = √π times v², divided by √π
        }
        return (nodes, weights);
    }
}
