using System.Globalization;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace PhotonicKit.Circuit.Quantum;

/// <summary>
/// Gram matrix of the internal (spectral, temporal, polarisation) states of n photons,
/// G[i, j] = ⟨ψ_i|ψ_j⟩: Hermitian, positive semidefinite, unit diagonal. G = all ones means indistinguishable
/// photons, G = I fully distinguishable ones. For partially distinguishable photons with pairwise
/// indistinguishability M_ij (HOM visibility of the pair), |G_ij| = √M_ij.
/// </summary>
/// <remarks>
/// Validated once at construction: the diagonal must be 1 and G Hermitian within 1e−9, and the smallest
/// eigenvalue must be ≥ −1e−9·n (a rounding tolerance); otherwise the constructor throws with the smallest
/// eigenvalue in the message. Immutable.
/// </remarks>
public sealed class GramMatrix
{
    /// <summary>Tolerance on Hermiticity, the unit diagonal and (times n) the smallest eigenvalue.</summary>
    public const double Tolerance = 1e-9;

    private readonly Complex[] _entries;

    /// <summary>Creates a validated Gram matrix from its entries G[i, j] = ⟨ψ_i|ψ_j⟩.</summary>
    /// <param name="overlaps">A square Hermitian positive-semidefinite matrix with unit diagonal.</param>
    /// <exception cref="ArgumentException">The matrix is not square, not Hermitian, has a diagonal entry other
    /// than 1, or is not positive semidefinite (the message gives the smallest eigenvalue).</exception>
    public GramMatrix(Complex[,] overlaps)
    {
        ArgumentNullException.ThrowIfNull(overlaps);
        int n = overlaps.GetLength(0);
        if (overlaps.GetLength(1) != n)
            throw new ArgumentException($"a Gram matrix must be square, got {n} × {overlaps.GetLength(1)}", nameof(overlaps));
        Count = n;
        _entries = new Complex[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                Complex g = overlaps[i, j];
                if (!double.IsFinite(g.Real) || !double.IsFinite(g.Imaginary))
                    throw new ArgumentException($"Gram matrix entry [{i}, {j}] is not finite", nameof(overlaps));
                _entries[i * n + j] = g;
            }
        for (int i = 0; i < n; i++)
        {
            if (Complex.Abs(this[i, i] - 1.0) > Tolerance)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Gram matrix diagonal entry [{i}, {i}] = {this[i, i]} must be 1 (normalised photon states)"), nameof(overlaps));
            for (int j = i + 1; j < n; j++)
                if (Complex.Abs(this[i, j] - Complex.Conjugate(this[j, i])) > Tolerance)
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"Gram matrix is not Hermitian: G[{i}, {j}] = {this[i, j]} but G[{j}, {i}] = {this[j, i]}"), nameof(overlaps));
        }
        if (n > 0)
        {
            var matrix = Matrix<Complex>.Build.Dense(n, n, (i, j) => this[i, j]);
            var evd = matrix.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Hermitian);
            double smallest = evd.EigenValues.Select(e => e.Real).Min();
            if (smallest < -Tolerance * Math.Max(1, n))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Gram matrix is not positive semidefinite: smallest eigenvalue {smallest:G6} (allowed ≥ {-Tolerance * Math.Max(1, n):G3}); no set of photon states has these overlaps"), nameof(overlaps));
            SmallestEigenvalue = smallest;
        }
        else
        {
            SmallestEigenvalue = 0;
        }
        IsAllOnes = _entries.All(g => Complex.Abs(g - 1.0) <= 1e-12);
        bool identity = true;
        for (int i = 0; i < n && identity; i++)
            for (int j = 0; j < n; j++)
                if (i != j && Complex.Abs(this[i, j]) > 1e-12) { identity = false; break; }
        IsIdentity = identity;
    }

    /// <summary>Number of photons n.</summary>
    public int Count { get; }

    /// <summary>G[i, j] = ⟨ψ_i|ψ_j⟩.</summary>
    public Complex this[int i, int j] => _entries[i * Count + j];

    /// <summary>The smallest eigenvalue found at validation (≥ −1e−9·n).</summary>
    public double SmallestEigenvalue { get; }

    /// <summary>True when every entry is 1 within 1e−12: all photons indistinguishable.</summary>
    public bool IsAllOnes { get; }

    /// <summary>True when every off-diagonal entry is 0 within 1e−12: all photons distinguishable.</summary>
    public bool IsIdentity { get; }

    /// <summary>n indistinguishable photons (all entries 1).</summary>
    /// <param name="n">Number of photons, ≥ 0.</param>
    public static GramMatrix Indistinguishable(int n) => Uniform(n, 1.0);

    /// <summary>n fully distinguishable photons (the identity).</summary>
    /// <param name="n">Number of photons, ≥ 0.</param>
    public static GramMatrix Distinguishable(int n) => Uniform(n, 0.0);

    /// <summary>
    /// Uniform overlaps G[i, j] = <paramref name="overlap"/> for i ≠ j. With overlap = √M this is the pure-state
    /// equivalent of the binary model in which each photon is, with probability √M, in one common mode and otherwise
    /// in a mode of its own (pairwise HOM visibility M).
    /// </summary>
    /// <param name="n">Number of photons, ≥ 0.</param>
    /// <param name="overlap">Real overlap in [−1/(n−1), 1] (PSD range).</param>
    public static GramMatrix Uniform(int n, double overlap)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "photon count must be ≥ 0");
        var g = new Complex[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                g[i, j] = i == j ? Complex.One : overlap;
        return new GramMatrix(g);
    }

    /// <summary>
    /// Gram matrix of photons with pairwise indistinguishabilities M_ij (real, in [0, 1]), G[i, j] = √M_ij
    /// (physics.md, "Photon-number model"); checked positive semidefinite.
    /// </summary>
    /// <param name="indistinguishability">Symmetric n × n matrix of pairwise indistinguishabilities; the diagonal is ignored.</param>
    public static GramMatrix FromIndistinguishability(double[,] indistinguishability)
    {
        ArgumentNullException.ThrowIfNull(indistinguishability);
        int n = indistinguishability.GetLength(0);
        if (indistinguishability.GetLength(1) != n)
            throw new ArgumentException($"indistinguishability matrix must be square, got {n} × {indistinguishability.GetLength(1)}", nameof(indistinguishability));
        var g = new Complex[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j) { g[i, j] = 1; continue; }
                double m = indistinguishability[i, j];
                if (!(m >= 0 && m <= 1))
                    throw new ArgumentOutOfRangeException(nameof(indistinguishability), m, $"indistinguishability [{i}, {j}] = {m.ToString(CultureInfo.InvariantCulture)} must lie in [0, 1]");
                g[i, j] = Math.Sqrt(m);
            }
        return new GramMatrix(g);
    }

    /// <summary>A copy of the entries as a 2-D array.</summary>
    public Complex[,] ToArray()
    {
        var g = new Complex[Count, Count];
        for (int i = 0; i < Count; i++)
            for (int j = 0; j < Count; j++)
                g[i, j] = this[i, j];
        return g;
    }
}
