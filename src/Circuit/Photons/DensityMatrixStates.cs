using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using PhotonicKit.Circuit.Quantum;

namespace PhotonicKit.Circuit.Photons;

/// <summary>
/// Source states given as density matrices over one finite orthonormal basis of internal modes (for example the
/// frequencies of a quadrature grid, each entry weighted by √(w_i w_j)): cycle traces are traces of matrix products.
/// Each matrix is normalised to trace 1 here; an optional coherent share c_a makes the rest of the photon private
/// (<see cref="SourceStates"/>). States of rank one are pure, and a set of pure states is served by its Gram matrix.
/// </summary>
public sealed class DensityMatrixStates : SourceStates
{
    private readonly Matrix<Complex>[] _rho;
    private readonly double[] _share;
    private readonly MathNet.Numerics.LinearAlgebra.Vector<Complex>?[] _pure;
    private readonly GramMatrix _overlaps;
    private readonly int[] _classes;
    private readonly int[] _representative; // the first source with the same matrix, share and class
    private readonly Dictionary<string, Complex> _traces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Matrix<Complex>> _products = new(StringComparer.Ordinal);

    /// <summary>Creates the states, checking that each matrix is Hermitian and positive semidefinite with a positive trace.</summary>
    /// <param name="densities">One density matrix per source, all of the same dimension (normalised here).</param>
    /// <param name="coherentShares">c_a in [0, 1] per source (default 1).</param>
    /// <param name="orthogonalClasses">Per source a class; states of different classes are orthogonal whatever their
    /// matrices (photons far apart in time, each sampled relative to its own class). Default: one class.</param>
    public DensityMatrixStates(IReadOnlyList<Complex[,]> densities, IReadOnlyList<double>? coherentShares = null, IReadOnlyList<int>? orthogonalClasses = null)
        : base(densities?.Count ?? 0)
    {
        ArgumentNullException.ThrowIfNull(densities);
        int s = densities.Count;
        _rho = new Matrix<Complex>[s];
        _pure = new MathNet.Numerics.LinearAlgebra.Vector<Complex>?[s];
        _share = coherentShares?.ToArray() ?? Enumerable.Repeat(1.0, s).ToArray();
        if (_share.Length != s) throw new ArgumentException($"{_share.Length} coherent shares for {s} sources", nameof(coherentShares));
        _classes = orthogonalClasses?.ToArray() ?? new int[s];
        if (_classes.Length != s) throw new ArgumentException($"{_classes.Length} classes for {s} sources", nameof(orthogonalClasses));
        int dimension = s == 0 ? 0 : densities[0].GetLength(0);
        for (int a = 0; a < s; a++)
        {
            var d = densities[a] ?? throw new ArgumentException($"density matrix {a} is null", nameof(densities));
            if (d.GetLength(0) != dimension || d.GetLength(1) != dimension)
                throw new ArgumentException($"density matrix {a} is {d.GetLength(0)} × {d.GetLength(1)}; every one must be {dimension} × {dimension}", nameof(densities));
            if (!(_share[a] >= 0 && _share[a] <= 1)) throw new ArgumentOutOfRangeException(nameof(coherentShares), _share[a], $"coherent share {a} must lie in [0, 1]");
            var m = Matrix<Complex>.Build.Dense(dimension, dimension, (i, j) => d[i, j]);
            double trace = m.Trace().Real;
            if (!(trace > 0) || !double.IsFinite(trace)) throw new ArgumentException($"density matrix {a} has trace {trace}; it must be positive", nameof(densities));
            m = m / trace;
            // ‖ρ − ρ†‖ and Tr ρ² = ‖ρ‖² summed directly (MathNet's complex Frobenius norm forms ρ†ρ).
            double asymmetry = 0, purity = 0;
            for (int i = 0; i < dimension; i++)
                for (int j = 0; j < dimension; j++)
                {
                    var x = m[i, j];
                    asymmetry += (x - Complex.Conjugate(m[j, i])).Magnitude * (x - Complex.Conjugate(m[j, i])).Magnitude;
                    purity += x.Real * x.Real + x.Imaginary * x.Imaginary;
                }
            if (Math.Sqrt(asymmetry) > 1e-9)
                throw new ArgumentException($"density matrix {a} is not Hermitian", nameof(densities));
            _rho[a] = m;
            // A matrix equal to an earlier one (identical sources) was checked already: it shares its vector.
            int same = Array.FindIndex(_rho, 0, a, r => r.Equals(m));
            if (same >= 0)
            {
                _pure[a] = _pure[same];
                continue;
            }
            // Tr ρ² = 1 − (a few ulps) for a pure state; an eigen-decomposition then gives its vector. Mixed states are
            // checked positive semidefinite up to dimension 256 (larger ones come from the photon model, positive by
            // construction: the eigen-decomposition would cost more than everything else).
            if (purity > 1 - 1e-10 || dimension <= 256)
            {
                var evd = (m + m.ConjugateTranspose()).Divide(2).Evd(Symmetricity.Hermitian);
                double smallest = evd.EigenValues.Min(e => e.Real), largest = evd.EigenValues.Max(e => e.Real);
                if (smallest < -1e-9) throw new ArgumentException($"density matrix {a} has eigenvalue {smallest:G6} < 0: not a state", nameof(densities));
                if (largest > 1 - 1e-12)
                {
                    int top = 0;
                    for (int q = 1; q < dimension; q++) if (evd.EigenValues[q].Real > evd.EigenValues[top].Real) top = q;
                    _pure[a] = evd.EigenVectors.Column(top);
                }
            }
        }
        IsPure = _pure.All(v => v is not null);
        // Identical photons (the pulses of one source, identical emitters behind identical filters) share their traces.
        _representative = new int[s];
        for (int a = 0; a < s; a++)
        {
            _representative[a] = a;
            for (int b = 0; b < a; b++)
                if (_representative[b] == b && _share[b] == _share[a] && _classes[b] == _classes[a] && _rho[b].Equals(_rho[a]))
                {
                    _representative[a] = b;
                    break;
                }
        }
        var g = new Complex[s, s];
        for (int a = 0; a < s; a++)
            for (int b = 0; b < s; b++)
            {
                if (a == b) { g[a, b] = 1; continue; }
                if (_classes[a] != _classes[b]) continue;
                double shares = Math.Sqrt(_share[a] * _share[b]);
                g[a, b] = IsPure
                    ? shares * _pure[a]!.ConjugateDotProduct(_pure[b]!)
                    : shares * Math.Sqrt(Math.Max(0, TraceOfProduct(_rho[a], _rho[b]).Real));
            }
        _overlaps = IsPure ? new GramMatrix(g) : StructuralGram(g);
    }

    /// <summary>Tr(AB) = Σ_ij A_ij B_ji, without forming the product (n² instead of n³).</summary>
    private static Complex TraceOfProduct(Matrix<Complex> a, Matrix<Complex> b)
    {
        Complex trace = Complex.Zero;
        for (int i = 0; i < a.RowCount; i++)
            for (int j = 0; j < a.ColumnCount; j++) trace += a[i, j] * b[j, i];
        return trace;
    }

    /// <inheritdoc/>
    public override bool SameState(int a, int b) => _representative[a] == _representative[b];

    /// <inheritdoc/>
    public override bool IsPure { get; }

    /// <inheritdoc/>
    public override GramMatrix Overlaps => _overlaps;

    /// <inheritdoc/>
    public override Complex SameSourceOverlap(int source) => _share[source];

    /// <inheritdoc/>
    protected override Complex ComputeCycleTrace(int[] owners)
    {
        if (owners.Any(o => _classes[o] != _classes[owners[0]])) return Complex.Zero;
        double shares = 1;
        foreach (int o in owners) shares *= _share[o];
        var key = owners.Select(o => _representative[o]).ToArray();
        string name = string.Join(",", key);
        lock (_traces)
        {
            if (_traces.TryGetValue(name, out var known)) return shares * known;
            // ρ_{o1}…ρ_{o(k−1)} from the longest product already formed, then the trace of its product with ρ_ok.
            Complex trace = TraceOfProduct(Prefix(key, key.Length - 1), _rho[key[^1]]);
            _traces[name] = trace;
            return shares * trace;
        }
    }

    /// <summary>ρ_{k1} ρ_{k2} … ρ_{k_length}, products of representatives cached by their sequence.</summary>
    private Matrix<Complex> Prefix(int[] key, int length)
    {
        if (length == 1) return _rho[key[0]];
        string name = string.Join(",", key.Take(length));
        if (_products.TryGetValue(name, out var known)) return known;
        var product = Prefix(key, length - 1) * _rho[key[length - 1]];
        _products[name] = product;
        return product;
    }

    /// <summary>A Gram matrix with the zero pattern of the overlaps (for structure and bounds only): the identity where two
    /// sources are orthogonal, otherwise a small uniform positive overlap that keeps it positive definite.</summary>
    internal static GramMatrix StructuralGram(Complex[,] overlaps)
    {
        int s = overlaps.GetLength(0);
        var g = new Complex[s, s];
        double small = s <= 1 ? 0 : 0.5 / (s - 1);
        for (int a = 0; a < s; a++)
            for (int b = 0; b < s; b++)
                g[a, b] = a == b ? 1 : Complex.Abs(overlaps[a, b]) > 1e-14 ? small : 0;
        return new GramMatrix(g);
    }
}
