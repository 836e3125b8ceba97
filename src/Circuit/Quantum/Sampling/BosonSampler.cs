using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace PhotonicKit.Circuit.Quantum.Sampling;

/// <summary>
/// Exact sampling of output photon-number patterns of single photons through a linear, possibly lossy
/// interferometer, with partial distinguishability in the binary model. Indistinguishable photons are sampled by
/// Clifford &amp; Clifford's algorithm B ("The classical complexity of boson sampling", SODA 2018,
/// arXiv:1706.01260): O(n·2^n) operations per sample plus O(m n²) for the output weights.
/// </summary>
/// <remarks>
/// <para>
/// Algorithm B: with A the m × n matrix of the photons' output amplitudes (orthonormal columns), permute the columns
/// uniformly at random and draw outputs r_1, r_2, … in turn; r_k is drawn with weight
/// w_i = |perm A[(r_1 … r_{k−1}, i), (1 … k)]|², computed by the Laplace expansion along the last row,
/// w_i = |Σ_l A[i, l] perm B^{(l)}|², where B^{(l)} is the (k−1) × (k−1) matrix of rows r_1 … r_{k−1} and the first
/// k columns without column l. All k minors come from one Glynn sum over the 2^{k−2} sign vectors of the rows:
/// ∏_{j≠l} (column sum j) is a product of a prefix and a suffix product.
/// </para>
/// <para>
/// Loss: for C = T[:, inputs], E = I − CᴴC is positive semidefinite for a passive T; with E = V D Vᴴ the rows
/// L = D^{1/2} Vᴴ are appended to C as n loss modes, so the extended columns are orthonormal. Photons drawn in a
/// loss mode are dropped from the returned counts.
/// </para>
/// <para>
/// Binary model of partial distinguishability (<see cref="BinaryDistinguishabilityModel"/>): each photon is,
/// independently with probability √M, in the common internal mode; the others are each in an orthogonal mode of
/// their own and do not interfere, so each is drawn on its own from |A[i, j]|² (extended, including loss). The
/// indistinguishable ones are sampled together by algorithm B.
/// </para>
/// <para>
/// Reproducibility: sample q of a batch uses its own generator seeded from (seed, q) by SplitMix64, so a batch is
/// the same for any number of threads.
/// </para>
/// </remarks>
public sealed class BosonSampler
{
    private const double PassivityTolerance = 1e-9;
    private readonly int _m;       // detected outputs
    private readonly int _modes;   // outputs + loss modes
    private readonly int _n;
    private readonly Complex[] _a; // _modes × n, row-major
    private readonly double _commonProbability;

    /// <summary>
    /// Single photons entering distinct inputs <paramref name="inputModes"/> of <paramref name="transfer"/>.
    /// </summary>
    /// <param name="transfer">T[out, in], outputs × inputs, passive (lossy allowed).</param>
    /// <param name="inputModes">Distinct input index of each photon.</param>
    /// <param name="indistinguishability">Pairwise indistinguishability M in [0, 1] (binary model; 1: all indistinguishable).</param>
    public BosonSampler(Complex[,] transfer, IReadOnlyList<int> inputModes, double indistinguishability = 1.0)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        ArgumentNullException.ThrowIfNull(inputModes);
        if (!(indistinguishability >= 0 && indistinguishability <= 1))
            throw new ArgumentOutOfRangeException(nameof(indistinguishability), indistinguishability, "indistinguishability must lie in [0, 1]");
        _m = transfer.GetLength(0);
        int inputs = transfer.GetLength(1);
        _n = inputModes.Count;
        if (_n > 40) throw new ArgumentOutOfRangeException(nameof(inputModes), _n, "at most 40 photons are supported (2^(n−2) terms per step)");
        var seen = new HashSet<int>();
        foreach (int i in inputModes)
        {
            if (i < 0 || i >= inputs) throw new ArgumentOutOfRangeException(nameof(inputModes), i, $"input {i} does not exist; the transfer matrix has inputs 0 … {inputs - 1}");
            if (!seen.Add(i)) throw new ArgumentException($"input {i} is used twice; the sampler takes one photon per input", nameof(inputModes));
        }
        var c = Matrix<Complex>.Build.Dense(_m, _n, (k, j) => transfer[k, inputModes[j]]);
        foreach (Complex v in c.Enumerate())
            if (!double.IsFinite(v.Real) || !double.IsFinite(v.Imaginary))
                throw new ArgumentException("the transfer matrix has entries that are not finite", nameof(transfer));

        // Loss dilation: E = I − CᴴC = V D Vᴴ, L = D^{1/2} Vᴴ.
        var e = Matrix<Complex>.Build.DenseIdentity(_n) - c.ConjugateTranspose() * c;
        e = (e + e.ConjugateTranspose()) / 2;
        var evd = e.Evd(Symmetricity.Hermitian);
        var lossRows = new List<Complex[]>();
        for (int q = 0; q < _n; q++)
        {
            double d = evd.EigenValues[q].Real;
            if (d < -PassivityTolerance)
                throw new ArgumentException($"the transfer matrix is not passive for these inputs (I − CᴴC has eigenvalue {d:G4})", nameof(transfer));
            if (d <= PassivityTolerance) continue;
            double s = Math.Sqrt(d);
            var row = new Complex[_n];
            for (int j = 0; j < _n; j++) row[j] = s * Complex.Conjugate(evd.EigenVectors[j, q]);
            lossRows.Add(row);
        }
        _modes = _m + lossRows.Count;
        _a = new Complex[_modes * _n];
        for (int k = 0; k < _m; k++)
            for (int j = 0; j < _n; j++)
                _a[k * _n + j] = c[k, j];
        for (int q = 0; q < lossRows.Count; q++)
            for (int j = 0; j < _n; j++)
                _a[(_m + q) * _n + j] = lossRows[q][j];
        _commonProbability = Math.Sqrt(indistinguishability);
    }

    /// <summary>Number of photons injected.</summary>
    public int PhotonCount => _n;

    /// <summary>Number of detected outputs (length of a sample).</summary>
    public int OutputCount => _m;

    /// <summary>Number of loss modes added by the dilation (0 for a lossless transfer on these inputs).</summary>
    public int LossModeCount => _modes - _m;

    /// <summary>Draws one output pattern (photon number per detected output; lost photons are not counted).</summary>
    /// <param name="random">Random source.</param>
    public int[] Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var counts = new int[_modes];
        var common = new List<int>(_n);
        for (int j = 0; j < _n; j++)
        {
            bool inCommonMode = _commonProbability >= 1 || random.NextDouble() < _commonProbability;
            if (inCommonMode) common.Add(j);
            else counts[DrawSingle(j, random)]++;
        }
        SampleIndistinguishable(common, counts, random);
        return counts[.._m];
    }

    /// <summary>
    /// Draws <paramref name="count"/> patterns; pattern q uses a generator seeded from (<paramref name="seed"/>, q),
    /// so the batch does not depend on <paramref name="maxThreads"/>.
    /// </summary>
    /// <param name="count">Number of samples (≥ 0).</param>
    /// <param name="seed">Seed of the batch.</param>
    /// <param name="maxThreads">Largest number of threads (0: all processors).</param>
    public int[][] Sample(int count, ulong seed, int maxThreads = 0)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "the number of samples must be ≥ 0");
        if (maxThreads < 0) throw new ArgumentOutOfRangeException(nameof(maxThreads), maxThreads, "the thread count must be ≥ 0 (0: all processors)");
        var result = new int[count][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxThreads == 0 ? Environment.ProcessorCount : maxThreads };
        Parallel.For(0, count, options, q => result[q] = Sample(new Random(SeedOf(seed, q))));
        return result;
    }

    private static int SeedOf(ulong seed, int index)
    {
        // SplitMix64 of the pair, folded to a non-negative int for System.Random.
        ulong z = seed + 0x9E3779B97F4A7C15UL * (ulong)(index + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    private int DrawSingle(int photon, Random random)
    {
        double total = 0;
        for (int i = 0; i < _modes; i++) total += Norm(_a[i * _n + photon]);
        double u = random.NextDouble() * total;
        double s = 0;
        for (int i = 0; i < _modes; i++)
        {
            s += Norm(_a[i * _n + photon]);
            if (u < s) return i;
        }
        return LastNonzero(photon);
    }

    private int LastNonzero(int photon)
    {
        for (int i = _modes - 1; i >= 0; i--)
            if (Norm(_a[i * _n + photon]) > 0) return i;
        return 0;
    }

    private void SampleIndistinguishable(List<int> photons, int[] counts, Random random)
    {
        int k0 = photons.Count;
        if (k0 == 0) return;
        // Uniformly random column order (Fisher–Yates).
        int[] cols = photons.ToArray();
        for (int q = k0 - 1; q > 0; q--)
        {
            int r = random.Next(q + 1);
            (cols[q], cols[r]) = (cols[r], cols[q]);
        }
        var rows = new int[k0];
        var minors = new Complex[k0];
        var weights = new double[_modes];
        for (int k = 1; k <= k0; k++)
        {
            Minors(rows, k - 1, cols, k, minors);
            double total = 0;
            for (int i = 0; i < _modes; i++)
            {
                Complex amplitude = Complex.Zero;
                for (int l = 0; l < k; l++) amplitude += _a[i * _n + cols[l]] * minors[l];
                weights[i] = Norm(amplitude);
                total += weights[i];
            }
            double u = random.NextDouble() * total;
            double s = 0;
            int chosen = -1;
            for (int i = 0; i < _modes; i++)
            {
                s += weights[i];
                if (u < s)
                {
                    chosen = i;
                    break;
                }
            }
            if (chosen < 0)
                for (int i = _modes - 1; i >= 0 && chosen < 0; i--)
                    if (weights[i] > 0) chosen = i;
            rows[k - 1] = Math.Max(chosen, 0);
        }
        for (int q = 0; q < k0; q++) counts[rows[q]]++;
    }

    /// <summary>
    /// perm of the (rowCount) × (rowCount) matrices A[rows, cols[0 … colCount−1] without column l], for every l
    /// (colCount = rowCount + 1), from one Glynn sum: 2^{−(r−1)} Σ_δ (∏δ) ∏_{j≠l} (Σ_i δ_i A[rows_i, cols_j]).
    /// </summary>
    private void Minors(int[] rows, int rowCount, int[] cols, int colCount, Complex[] minors)
    {
        if (rowCount == 0)
        {
            minors[0] = Complex.One;
            return;
        }
        var sums = new Complex[colCount];
        var prefix = new Complex[colCount + 1];
        var acc = new Complex[colCount];
        for (int j = 0; j < colCount; j++)
        {
            Complex s = Complex.Zero;
            for (int i = 0; i < rowCount; i++) s += _a[rows[i] * _n + cols[j]];
            sums[j] = s;
        }
        long terms = 1L << (rowCount - 1);
        long gray = 0;
        double sign = 1;
        for (long g = 0; ; )
        {
            prefix[0] = Complex.One;
            for (int j = 0; j < colCount; j++) prefix[j + 1] = prefix[j] * sums[j];
            Complex suffix = Complex.One;
            for (int l = colCount - 1; l >= 0; l--)
            {
                acc[l] += sign * (prefix[l] * suffix);
                suffix *= sums[l];
            }
            g++;
            if (g >= terms) break;
            int bit = System.Numerics.BitOperations.TrailingZeroCount(g);
            gray ^= 1L << bit;
            int row = rows[bit + 1];
            double factor = ((gray >> bit) & 1) != 0 ? -2.0 : 2.0;
            for (int j = 0; j < colCount; j++) sums[j] += factor * _a[row * _n + cols[j]];
            sign = -sign;
        }
        double scale = Math.ScaleB(1.0, -(rowCount - 1));
        for (int l = 0; l < colCount; l++) minors[l] = acc[l] * scale;
    }

    private static double Norm(Complex z) => z.Real * z.Real + z.Imaginary * z.Imaginary;
}
