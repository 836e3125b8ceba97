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
            var evd = (m + m.ConjugateTranspose()).Divide(2).Evd(Symmetricity.Hermitian);
            double smallest = evd.EigenValues.Min(e => e.Real), largest = evd.EigenValues.Max(e => e.Real);
            if ((m - m.ConjugateTranspose()).FrobeniusNorm() > 1e-9)
                throw new ArgumentException($"density matrix {a} is not Hermitian", nameof(densities));
            if (smallest < -1e-9) throw new ArgumentException($"density matrix {a} has eigenvalue {smallest:G6} < 0: not a state", nameof(densities));
            _rho[a] = m;
            if (largest > 1 - 1e-12)
            {
                int top = 0;
                for (int q = 1; q < dimension; q++) if (evd.EigenValues[q].Real > evd.EigenValues[top].Real) top = q;
                _pure[a] = evd.EigenVectors.Column(top);
            }
        }
        IsPure = _pure.All(v => v is not null);
        var g = new Complex[s, s];
        for (int a = 0; a < s; a++)
            for (int b = 0; b < s; b++)
            {
                if (a == b) { g[a, b] = 1; continue; }
                if (_classes[a] != _classes[b]) continue;
                double shares = Math.Sqrt(_share[a] * _share[b]);
                g[a, b] = IsPure
                    ? shares * _pure[a]!.ConjugateDotProduct(_pure[b]!)
                    : shares * Math.Sqrt(Math.Max(0, (_rho[a] * _rho[b]).Trace().Real));
            }
        _overlaps = IsPure ? new GramMatrix(g) : StructuralGram(g);
    }

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
        var product = _rho[owners[0]];
        double shares = _share[owners[0]];
        for (int i = 1; i < owners.Length; i++)
        {
            product = product * _rho[owners[i]];
            shares *= _share[owners[i]];
        }
        return shares * product.Trace();
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
