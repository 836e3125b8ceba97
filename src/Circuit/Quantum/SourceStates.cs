using System.Collections.Concurrent;
using System.Numerics;

namespace PhotonicKit.Circuit.Quantum;

/// <summary>
/// The internal (temporal, spectral) states of the photons of several sources, as the multi-photon engine needs them:
/// for pure states their Gram matrix; in general the cycle traces Tr(ρ_1 ρ_2 … ρ_k) of any sequence of photons, which
/// weight the permutations in the interference formula (Tichy, PRA 91, 022316 (2015); Shchesnovich, PRA 91, 013844
/// (2015)). Photons of one source (the two photons of a two-photon emission in a shared state) are distinct photons in
/// the same state: a cycle may name a source more than once.
/// </summary>
/// <remarks>
/// A photon may be partly <i>incoherent</i>: with probability 1 − c_a it is in a private internal mode, orthogonal to every
/// other photon and to the other photons' private modes (the phonon sideband, or a part of the light the circuit reshapes
/// in a way the model keeps apart). For pure coherent parts this is the Gram matrix G_ab = √(c_a c_b)⟨ψ_a|ψ_b⟩ (a ≠ b) with
/// unit diagonal; two photons of source a overlap c_a. A cycle of length k ≥ 2 carries the product of the c's of its photons.
/// </remarks>
public abstract class SourceStates
{
    private readonly ConcurrentDictionary<string, Complex> _cycles = new(StringComparer.Ordinal);

    /// <summary>Creates the states of <paramref name="count"/> sources.</summary>
    /// <param name="count">Number of sources.</param>
    protected SourceStates(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count = count;
    }

    /// <summary>Number of sources.</summary>
    public int Count { get; }

    /// <summary>True when every photon's state is pure (up to its incoherent share): the engine then works with <see cref="Overlaps"/>.</summary>
    public abstract bool IsPure { get; }

    /// <summary>
    /// For pure states the Gram matrix of the sources' photons, G_ab = ⟨ψ_a|ψ_b⟩ with the incoherent shares folded in; for
    /// mixed states a matrix with the same zero pattern (|G_ab|² = |Tr ρ_aρ_b|), used only for structure and cost bounds.
    /// </summary>
    public abstract GramMatrix Overlaps { get; }

    /// <summary>Overlap of two distinct photons both in source <paramref name="source"/>'s state: c_a for pure states (1 without an incoherent share).</summary>
    /// <param name="source">Source index.</param>
    public abstract Complex SameSourceOverlap(int source);

    /// <summary>
    /// True when the photons of sources <paramref name="a"/> and <paramref name="b"/> are in the same state, so that every
    /// cycle trace is unchanged when one replaces the other (identical emitters behind identical paths, the pulses of one
    /// source). False when it is not known; photons of one source are always in the same state.
    /// </summary>
    /// <param name="a">Source index.</param>
    /// <param name="b">Source index.</param>
    public virtual bool SameState(int a, int b) => a == b;

    /// <summary>Tr(ρ_{o1} ρ_{o2} … ρ_{ok}) of distinct photons of the sources <paramref name="owners"/>, in this cyclic order; 1 for k = 1.</summary>
    /// <param name="owners">Source of each photon along the cycle.</param>
    public Complex CycleTrace(ReadOnlySpan<int> owners)
    {
        if (owners.Length == 0) throw new ArgumentException("a cycle has at least one photon", nameof(owners));
        foreach (int o in owners)
            if ((uint)o >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(owners), o, $"source index must be in 0 … {Count - 1}");
        if (owners.Length == 1) return Complex.One;
        if (IsPure)
        {
            Complex product = Complex.One;
            for (int i = 0; i < owners.Length; i++)
            {
                int a = owners[i], b = owners[(i + 1) % owners.Length];
                product *= a == b ? SameSourceOverlap(a) : Overlaps[a, b];
            }
            return product;
        }
        string key = CanonicalKey(owners);
        if (_cycles.TryGetValue(key, out var cached)) return cached;
        var value = ComputeCycleTrace(owners.ToArray());
        _cycles[key] = value;
        return value;
    }

    /// <summary>Tr(ρ_{o1} … ρ_{ok}) for k ≥ 2 (mixed states), incoherent shares included.</summary>
    /// <param name="owners">Source of each photon along the cycle.</param>
    protected abstract Complex ComputeCycleTrace(int[] owners);

    /// <summary>Pure states given by their Gram matrix (every photon fully coherent unless <paramref name="sameSourceOverlaps"/> says otherwise).</summary>
    /// <param name="gram">G_ab = ⟨ψ_a|ψ_b⟩.</param>
    /// <param name="sameSourceOverlaps">Overlap of two photons of one source (default 1 for every source).</param>
    public static SourceStates FromGram(GramMatrix gram, IReadOnlyList<double>? sameSourceOverlaps = null) => new PureSourceStates(gram, sameSourceOverlaps);

    /// <summary>The states of the sources <paramref name="kept"/> of <paramref name="states"/>, in that order.</summary>
    /// <param name="states">All sources' states.</param>
    /// <param name="kept">Indices of the sources kept.</param>
    public static SourceStates Subset(SourceStates states, IReadOnlyList<int> kept) => new SubsetStates(states, kept);

    /// <summary>
    /// <paramref name="states"/> followed by <paramref name="extra"/> sources whose photons are each in a state of their own,
    /// pure and orthogonal to every other source's (light that interferes with nothing else, such as leaked laser light):
    /// a cycle through one of them and any other source is 0, and photons of one of them are in one state.
    /// </summary>
    /// <param name="states">The first sources' states.</param>
    /// <param name="extra">Number of orthogonal sources appended.</param>
    public static SourceStates WithOrthogonal(SourceStates states, int extra) => extra == 0 ? states : new OrthogonalExtension(states, extra);

    /// <summary>The rotation of the cycle that is smallest in lexicographic order, as a key (cycle traces are invariant under rotation).</summary>
    private static string CanonicalKey(ReadOnlySpan<int> owners)
    {
        int k = owners.Length, best = 0;
        for (int start = 1; start < k; start++)
        {
            for (int i = 0; i < k; i++)
            {
                int x = owners[(start + i) % k], y = owners[(best + i) % k];
                if (x == y) continue;
                if (x < y) best = start;
                break;
            }
        }
        var parts = new string[k];
        for (int i = 0; i < k; i++) parts[i] = owners[(best + i) % k].ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Join(",", parts);
    }

    private sealed class OrthogonalExtension : SourceStates
    {
        private readonly SourceStates _inner;
        private readonly GramMatrix _overlaps;

        public OrthogonalExtension(SourceStates inner, int extra) : base(inner.Count + extra)
        {
            _inner = inner;
            var g = new Complex[Count, Count];
            for (int a = 0; a < Count; a++)
                for (int b = 0; b < Count; b++)
                    g[a, b] = a < inner.Count && b < inner.Count ? inner.Overlaps[a, b] : a == b ? Complex.One : Complex.Zero;
            _overlaps = new GramMatrix(g);
        }

        public override bool IsPure => _inner.IsPure;

        public override GramMatrix Overlaps => _overlaps;

        public override Complex SameSourceOverlap(int source) => source < _inner.Count ? _inner.SameSourceOverlap(source) : Complex.One;

        public override bool SameState(int a, int b) => a < _inner.Count && b < _inner.Count ? _inner.SameState(a, b) : a == b;

        protected override Complex ComputeCycleTrace(int[] owners)
        {
            if (owners.All(o => o < _inner.Count)) return _inner.CycleTrace(owners);
            return owners.All(o => o == owners[0]) ? Complex.One : Complex.Zero;
        }
    }

    private sealed class SubsetStates : SourceStates
    {
        private readonly SourceStates _all;
        private readonly int[] _kept;
        private readonly GramMatrix _overlaps;

        public SubsetStates(SourceStates all, IReadOnlyList<int> kept) : base(kept.Count)
        {
            _all = all;
            _kept = kept.ToArray();
            var g = new Complex[_kept.Length, _kept.Length];
            for (int a = 0; a < _kept.Length; a++)
                for (int b = 0; b < _kept.Length; b++) g[a, b] = all.Overlaps[_kept[a], _kept[b]];
            _overlaps = new GramMatrix(g);
        }

        public override bool IsPure => _all.IsPure;

        public override GramMatrix Overlaps => _overlaps;

        public override Complex SameSourceOverlap(int source) => _all.SameSourceOverlap(_kept[source]);

        protected override Complex ComputeCycleTrace(int[] owners) => _all.CycleTrace(owners.Select(o => _kept[o]).ToArray());
    }

    private sealed class PureSourceStates : SourceStates
    {
        private readonly GramMatrix _gram;
        private readonly double[] _same;

        public PureSourceStates(GramMatrix gram, IReadOnlyList<double>? same) : base(gram.Count)
        {
            _gram = gram;
            _same = same?.ToArray() ?? Enumerable.Repeat(1.0, gram.Count).ToArray();
            if (_same.Length != gram.Count) throw new ArgumentException($"{_same.Length} same-source overlaps for {gram.Count} sources", nameof(same));
            foreach (double v in _same)
                if (!(v >= 0 && v <= 1 + 1e-12)) throw new ArgumentOutOfRangeException(nameof(same), v, "a same-source overlap must lie in [0, 1]");
        }

        public override bool IsPure => true;

        public override GramMatrix Overlaps => _gram;

        public override Complex SameSourceOverlap(int source) => _same[source];

        protected override Complex ComputeCycleTrace(int[] owners) => throw new InvalidOperationException("pure states use the Gram matrix");
    }
}

/// <summary>
/// The internal states of the n photons of one multi-photon experiment: a Gram matrix when they are pure, otherwise
/// each photon's source in a <see cref="SourceStates"/> (photons of one source are distinct photons in its state) and
/// whether it is private (orthogonal to every other photon, such as a distinguishable extra photon of a two-photon
/// emission). Immutable.
/// </summary>
public sealed class InternalStates
{
    private readonly SourceStates? _sources;
    private readonly int[] _owners;
    private readonly bool[] _private;

    private InternalStates(GramMatrix? gram, SourceStates? sources, int[] owners, bool[] isPrivate)
    {
        Gram = gram;
        _sources = sources;
        _owners = owners;
        _private = isPrivate;
        Count = gram?.Count ?? owners.Length;
    }

    /// <summary>Pure photons with the Gram matrix <paramref name="gram"/>.</summary>
    /// <param name="gram">G_ij = ⟨ψ_i|ψ_j⟩.</param>
    public static InternalStates Pure(GramMatrix gram)
    {
        ArgumentNullException.ThrowIfNull(gram);
        return new InternalStates(gram, null, [], []);
    }

    /// <summary>Photons of the given sources (repeats: distinct photons in the same state); private photons overlap nothing.</summary>
    /// <param name="sources">The sources' states.</param>
    /// <param name="owners">Source of each photon.</param>
    /// <param name="isPrivate">Per photon: orthogonal to all others.</param>
    public static InternalStates Of(SourceStates sources, IReadOnlyList<int> owners, IReadOnlyList<bool> isPrivate)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(owners);
        ArgumentNullException.ThrowIfNull(isPrivate);
        if (owners.Count != isPrivate.Count) throw new ArgumentException($"{owners.Count} owners but {isPrivate.Count} private flags", nameof(isPrivate));
        foreach (int o in owners)
            if ((uint)o >= (uint)sources.Count) throw new ArgumentOutOfRangeException(nameof(owners), o, $"source index must be in 0 … {sources.Count - 1}");
        int n = owners.Count;
        if (!sources.IsPure) return new InternalStates(null, sources, owners.ToArray(), isPrivate.ToArray());
        var g = new Complex[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                g[i, j] = i == j ? Complex.One
                    : isPrivate[i] || isPrivate[j] ? Complex.Zero
                    : owners[i] == owners[j] ? sources.SameSourceOverlap(owners[i])
                    : sources.Overlaps[owners[i], owners[j]];
        return new InternalStates(new GramMatrix(g), null, [], []);
    }

    /// <summary>Number of photons n.</summary>
    public int Count { get; }

    /// <summary>The Gram matrix when the photons are pure; null for mixed photons.</summary>
    public GramMatrix? Gram { get; }

    /// <summary>True when the photons are pure.</summary>
    public bool IsPure => Gram is not null;

    /// <summary>Tr(ρ_{p1} … ρ_{pk}) of the photons <paramref name="photons"/> in this cyclic order (1 for one photon).</summary>
    /// <param name="photons">Photon indices along the cycle.</param>
    public Complex CycleTrace(ReadOnlySpan<int> photons)
    {
        if (photons.Length == 1) return Complex.One;
        if (Gram is { } g)
        {
            Complex product = Complex.One;
            for (int i = 0; i < photons.Length; i++) product *= g[photons[i], photons[(i + 1) % photons.Length]];
            return product;
        }
        Span<int> owners = stackalloc int[photons.Length];
        for (int i = 0; i < photons.Length; i++)
        {
            if (_private[photons[i]]) return Complex.Zero;
            owners[i] = _owners[photons[i]];
        }
        return _sources!.CycleTrace(owners);
    }

    /// <summary>True when photons i ≠ j are orthogonal (Tr ρ_iρ_j = 0), so that no cycle through both in a row contributes.</summary>
    internal bool Orthogonal(int i, int j)
    {
        if (i == j) return false;
        if (Gram is { } g) return Complex.Abs(g[i, j]) <= 1e-14;
        if (_private[i] || _private[j]) return true;
        int a = _owners[i], b = _owners[j];
        return a != b && Complex.Abs(_sources!.Overlaps[a, b]) <= 1e-14;
    }
}
