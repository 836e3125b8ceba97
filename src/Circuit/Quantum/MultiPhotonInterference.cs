using System.Globalization;
using System.Numerics;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace PhotonicKit.Circuit.Quantum;

/// <summary>
/// n photons with internal states given by a Gram matrix G, injected into the input modes of a linear, possibly
/// lossy interferometer with transfer matrix T (outputs × inputs): output-pattern probabilities, click
/// probabilities of threshold detectors and photon-number moments, all exact.
/// </summary>
/// <remarks>
/// <para>
/// Photon j occupies a spatial input mode whose amplitudes at the outputs form column j of C (for photon j in
/// input in_j, C[k, j] = T[k, in_j]); K[i, j] is the overlap of the spatial input modes of photons i and j (1 for
/// the same input, 0 for different inputs). The input state is ∏_j b_j†|0⟩/√N_in with
/// N_in = perm(K ∘ G) = Σ over permutations keeping photons within their input mode of ∏_j G[σ(j), j].
/// </para>
/// <para>
/// Probability of output occupation s (M = rows of C, row k repeated s_k times), Tichy, PRA 91, 022316 (2015);
/// Shchesnovich, PRA 91, 013844 (2015):
/// P(s) = (1/(∏ s_k! · N_in)) Σ_σ (∏_j G[σ(j), j]) perm(M ∘ M*_σ), (M*_σ)[k, j] = conj(M[k, σ(j)]).
/// Indistinguishable photons reduce to |perm M|²/(∏ s_k! N_in), distinguishable ones to perm(|M|²)/(∏ s_k! N_in).
/// Loss: E = K − CᴴC (photon space; E = I − T_inᴴT_in for one photon per input) is positive semidefinite for a
/// passive T; a dilation with loss rows L, LᴴL = E, makes the extended columns orthonormal, and the probability of
/// s with r = n − Σs photons lost sums the extended probabilities over the loss patterns.
/// </para>
/// <para>
/// Generating function (threshold clicks, moments): with (H_k)[i, j] = conj(C[k, i]) C[k, j],
/// F(x, y) = Σ_s P(s, lost) ∏_k x_k^{s_k} y^{lost} = perm((Σ_k x_k H_k + y E) ∘ G)/N_in. P(all photons in K) = F(1_K, 0),
/// P(no photon reaches K) = F(1_K̄, 1), P(clicks exactly on C) = Σ_{Z⊆C} (−1)^{|C|−|Z|} F(1_Z, 1). Moments are its
/// derivatives at x = y = 1, where the matrix is K ∘ G: ⟨n_k⟩ = Σ_ij (H_k∘G)_ij perm((K∘G) without i, j)/N_in and
/// ⟨n_k n_l⟩ (k ≠ l; ⟨n_k(n_k−1)⟩ for k = l) from the second minors; these are independent of uniform loss in
/// the ratios ⟨n_k n_l⟩/(⟨n_k⟩⟨n_l⟩).
/// </para>
/// <para>
/// Intermediate results (permutation lists, minors, the distribution) are computed on first use and cached; an
/// instance is not meant for concurrent first use from several threads.
/// </para>
/// </remarks>
public sealed class MultiPhotonInterference
{
    private const double ZeroTolerance = 1e-14;

    private readonly int _n;
    private readonly int _m;
    private readonly double[] _cRe; // m × n, row-major
    private readonly double[] _cIm;
    private readonly double[] _lossRe; // d × n
    private readonly double[] _lossIm;
    private readonly int _lossRank;
    private readonly Complex[] _eMatrix; // n × n
    private readonly Complex[] _kg; // K ∘ G, n × n (pure photons)
    private readonly Complex[] _k; // K, n × n
    private readonly GramMatrix? _gram; // pure photons
    private readonly InternalStates _states;
    private readonly double _nIn;
    private int[]? _permutations; // flattened nonzero-weight permutations
    private Complex[]? _permutationWeights;
    private Complex[]? _firstMinors;
    private Complex[]? _secondMinors;

    /// <summary>
    /// Photons injected into input modes of <paramref name="transfer"/>: photon j enters input
    /// <paramref name="inputModes"/>[j] (several photons may share an input).
    /// </summary>
    /// <param name="transfer">T[out, in], outputs × inputs, passive (singular values ≤ 1).</param>
    /// <param name="inputModes">Input index of each photon.</param>
    /// <param name="gram">Gram matrix of the photons' internal states (order = number of photons).</param>
    public MultiPhotonInterference(Complex[,] transfer, IReadOnlyList<int> inputModes, GramMatrix gram)
        : this(ColumnsOf(transfer, inputModes), SameModeOverlaps(inputModes), gram)
    {
    }

    /// <summary>Photons in input modes of <paramref name="transfer"/> with internal states that may be mixed.</summary>
    /// <param name="transfer">T[out, in], outputs × inputs, passive.</param>
    /// <param name="inputModes">Input index of each photon.</param>
    /// <param name="states">The photons' internal states.</param>
    public MultiPhotonInterference(Complex[,] transfer, IReadOnlyList<int> inputModes, InternalStates states)
        : this(ColumnsOf(transfer, inputModes), SameModeOverlaps(inputModes), states)
    {
    }

    /// <summary>
    /// Photons in arbitrary (normalised) spatial modes: column j of <paramref name="photonColumns"/> holds photon j's
    /// amplitudes at the outputs, <paramref name="modeOverlaps"/> the overlaps K[i, j] of the photons' spatial input
    /// modes (all ones within a source, for example). Passivity requires K − CᴴC ⪰ 0.
    /// </summary>
    /// <param name="photonColumns">C[out, photon], outputs × n.</param>
    /// <param name="modeOverlaps">Gram matrix K of the spatial input modes.</param>
    /// <param name="gram">Gram matrix G of the internal states.</param>
    public MultiPhotonInterference(Complex[,] photonColumns, GramMatrix modeOverlaps, GramMatrix gram)
        : this(photonColumns, modeOverlaps, InternalStates.Pure(gram ?? throw new ArgumentNullException(nameof(gram))))
    {
    }

    /// <summary>
    /// Photons in arbitrary spatial modes with internal states that may be mixed: the permutation weights of the
    /// interference formula are then the products of the cycle traces Tr(ρ_{c1} ρ_{c2} …) over the cycles of the permutation
    /// (class remarks), which reduce to ∏_j G[σ(j), j] for pure photons. Mixed photons cost a sum over the n! permutations
    /// with nonzero weight (at most 9 photons).
    /// </summary>
    /// <param name="photonColumns">C[out, photon], outputs × n.</param>
    /// <param name="modeOverlaps">Gram matrix K of the spatial input modes.</param>
    /// <param name="states">The photons' internal states.</param>
    public MultiPhotonInterference(Complex[,] photonColumns, GramMatrix modeOverlaps, InternalStates states)
    {
        ArgumentNullException.ThrowIfNull(photonColumns);
        ArgumentNullException.ThrowIfNull(modeOverlaps);
        ArgumentNullException.ThrowIfNull(states);
        var gram = states.Gram;
        _m = photonColumns.GetLength(0);
        _n = photonColumns.GetLength(1);
        if (states.Count != _n)
            throw new ArgumentException($"the internal states are for {states.Count} photons but {_n} photons are injected", nameof(states));
        if (modeOverlaps.Count != _n)
            throw new ArgumentException($"the mode-overlap matrix is for {modeOverlaps.Count} photons but {_n} photons are injected", nameof(modeOverlaps));
        if (_n > 30)
            throw new ArgumentOutOfRangeException(nameof(photonColumns), _n, "at most 30 photons are supported");
        if (gram is null && _n > MaxMixedPhotons)
            throw new ArgumentOutOfRangeException(nameof(states), _n, $"at most {MaxMixedPhotons} photons in mixed internal states are supported (a sum over n! permutations)");
        _gram = gram;
        _states = states;
        _cRe = new double[_m * _n];
        _cIm = new double[_m * _n];
        for (int k = 0; k < _m; k++)
            for (int j = 0; j < _n; j++)
            {
                Complex c = photonColumns[k, j];
                if (!double.IsFinite(c.Real) || !double.IsFinite(c.Imaginary))
                    throw new ArgumentException($"transfer amplitude [{k}, {j}] is not finite", nameof(photonColumns));
                _cRe[k * _n + j] = c.Real;
                _cIm[k * _n + j] = c.Imaginary;
            }

        _kg = new Complex[_n * _n];
        _k = new Complex[_n * _n];
        _eMatrix = new Complex[_n * _n];
        for (int i = 0; i < _n; i++)
            for (int j = 0; j < _n; j++)
            {
                _k[i * _n + j] = modeOverlaps[i, j];
                _kg[i * _n + j] = gram is null ? Complex.Zero : modeOverlaps[i, j] * gram[i, j];
                Complex cc = Complex.Zero;
                for (int k = 0; k < _m; k++) cc += Complex.Conjugate(C(k, i)) * C(k, j);
                _eMatrix[i * _n + j] = modeOverlaps[i, j] - cc;
            }
        (_lossRe, _lossIm, _lossRank) = LossRows(_eMatrix, _n);
        _nIn = gram is not null ? BlockPermanent(_kg, _n) : MixedNormalization();
        if (!(_nIn > 0))
            throw new ArgumentException("the input state has zero norm (N_in = perm(K ∘ G) = 0)", nameof(gram));
    }

    /// <summary>Number of photons n.</summary>
    public int PhotonCount => _n;

    /// <summary>Number of outputs m (rows of T).</summary>
    public int OutputCount => _m;

    /// <summary>Normalisation N_in = perm(K ∘ G) of the input state.</summary>
    public double InputNormalization => _nIn;

    /// <summary>Rank of the loss matrix E = K − CᴴC (number of loss modes of the dilation; 0 when lossless).</summary>
    public int LossRank => _lossRank;

    /// <summary>Largest number of photons in mixed internal states per experiment.</summary>
    public const int MaxMixedPhotons = 9;

    /// <summary>The Gram matrix of the photons, or null when their internal states are mixed.</summary>
    public GramMatrix? Gram => _gram;

    /// <summary>The photons' internal states.</summary>
    public InternalStates States => _states;

    /// <summary>
    /// Probability that the outputs hold exactly <paramref name="counts"/> photons (Σ counts ≤ n; the remaining
    /// photons are lost). A pattern with more photons than injected has probability 0.
    /// </summary>
    /// <param name="counts">Photon number at each output, length m.</param>
    public double Probability(ReadOnlySpan<int> counts)
    {
        if (counts.Length != _m) throw new ArgumentException($"a pattern needs {_m} counts, got {counts.Length}", nameof(counts));
        int detected = 0;
        for (int k = 0; k < _m; k++)
        {
            if (counts[k] < 0) throw new ArgumentOutOfRangeException(nameof(counts), counts[k], $"photon count at output {k} must be ≥ 0");
            detected += counts[k];
        }
        if (detected > _n) return 0.0;
        int lost = _n - detected;
        if (lost > 0 && _lossRank == 0) return 0.0;

        // Distinct rows of the extended matrix: outputs with s_k > 0, then loss modes.
        int detectedRows = 0;
        for (int k = 0; k < _m; k++) if (counts[k] > 0) detectedRows++;
        int rowCount = detectedRows + (lost > 0 ? _lossRank : 0);
        var re = new double[rowCount * _n];
        var im = new double[rowCount * _n];
        var mult = new int[rowCount];
        int r = 0;
        for (int k = 0; k < _m; k++)
        {
            if (counts[k] == 0) continue;
            _cRe.AsSpan(k * _n, _n).CopyTo(re.AsSpan(r * _n));
            _cIm.AsSpan(k * _n, _n).CopyTo(im.AsSpan(r * _n));
            mult[r++] = counts[k];
        }
        if (lost == 0) return ExtendedProbability(re, im, mult);

        for (int q = 0; q < _lossRank; q++)
        {
            _lossRe.AsSpan(q * _n, _n).CopyTo(re.AsSpan((detectedRows + q) * _n));
            _lossIm.AsSpan(q * _n, _n).CopyTo(im.AsSpan((detectedRows + q) * _n));
        }
        double total = 0;
        foreach (var _ in Compositions(mult, detectedRows, _lossRank, lost))
            total += ExtendedProbability(re, im, mult);
        return total;
    }

    /// <summary>
    /// The full output distribution: every pattern s with Σs ≤ n over the m outputs (lost photons summed over),
    /// in lexicographic order of the number of detected photons then the counts. The probabilities sum to 1.
    /// </summary>
    public IReadOnlyList<(int[] Counts, double Probability)> OutputDistribution()
    {
        var result = new List<(int[], double)>();
        var counts = new int[_m];
        for (int detected = 0; detected <= _n; detected++)
        {
            if (detected < _n && _lossRank == 0) continue;
            foreach (var _ in Compositions(counts, detected))
                result.Add(((int[])counts.Clone(), Probability(counts)));
        }
        return result;
    }

    /// <summary>
    /// The generating function F(x, y) = perm((Σ_k x_k H_k + y E) ∘ G)/N_in = Σ P(s, lost) ∏ x_k^{s_k} y^{lost}.
    /// </summary>
    /// <param name="outputWeights">x_k for each output (length m).</param>
    /// <param name="lossWeight">y, the weight of a lost photon.</param>
    public double GeneratingFunction(ReadOnlySpan<double> outputWeights, double lossWeight)
    {
        if (outputWeights.Length != _m) throw new ArgumentException($"{_m} output weights needed, got {outputWeights.Length}", nameof(outputWeights));
        int n = _n;
        var re = new double[n * n];
        var im = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                Complex a = lossWeight * _eMatrix[i * n + j];
                for (int k = 0; k < _m; k++)
                    if (outputWeights[k] != 0) a += outputWeights[k] * Complex.Conjugate(C(k, i)) * C(k, j);
                if (_gram is not null) a *= _gram[i, j];
                re[i * n + j] = a.Real;
                im[i * n + j] = a.Imaginary;
            }
        if (_gram is null) return MixedPermanent(re, im) / _nIn;
        return Permanent.Of(re, im, n).Real / _nIn;
    }

    /// <summary>Probability that every photon arrives in the outputs <paramref name="outputs"/> (none lost): perm(H_K ∘ G)/N_in.</summary>
    /// <param name="outputs">The output set K.</param>
    public double ProbabilityAllIn(IEnumerable<int> outputs) => Clamp(GeneratingFunction(Indicator(outputs, false), 0.0));

    /// <summary>Probability that no photon reaches the outputs <paramref name="outputs"/>: perm((H_K̄ + E) ∘ G)/N_in.</summary>
    /// <param name="outputs">The output set K.</param>
    public double ProbabilityNoneIn(IEnumerable<int> outputs) => Clamp(GeneratingFunction(Indicator(outputs, true), 1.0));

    /// <summary>
    /// Probability that ideal threshold detectors on every output click exactly on <paramref name="clicking"/>
    /// (inclusion–exclusion, Σ_{Z⊆C} (−1)^{|C|−|Z|} perm((H_Z + E) ∘ G)/N_in).
    /// </summary>
    /// <param name="clicking">The set C of outputs whose detectors click.</param>
    public double ProbabilityClicksExactly(IEnumerable<int> clicking)
    {
        int[] c = clicking.Distinct().ToArray();
        foreach (int k in c)
            if ((uint)k >= (uint)_m) throw new ArgumentOutOfRangeException(nameof(clicking), k, $"output index must be in 0 … {_m - 1}");
        if (c.Length > 30) throw new ArgumentOutOfRangeException(nameof(clicking), c.Length, "at most 30 clicking outputs");
        double total = 0;
        var x = new double[_m];
        for (int mask = 0; mask < (1 << c.Length); mask++)
        {
            Array.Clear(x);
            int size = 0;
            for (int b = 0; b < c.Length; b++)
                if ((mask >> b & 1) != 0) { x[c[b]] = 1; size++; }
            double f = GeneratingFunction(x, 1.0);
            total += ((c.Length - size) & 1) == 0 ? f : -f;
        }
        return Clamp(total);
    }

    /// <summary>
    /// Distribution of ideal threshold-detector click patterns on all m outputs: entry [mask] is the probability
    /// that exactly the outputs in the bit mask click (2^m permanents, then a Möbius transform).
    /// </summary>
    public double[] ClickDistribution()
    {
        if (_m > 24) throw new ArgumentOutOfRangeException(nameof(OutputCount), _m, "click distributions over more than 24 outputs are not supported");
        int size = 1 << _m;
        var p = new double[size];
        var x = new double[_m];
        for (int mask = 0; mask < size; mask++)
        {
            for (int k = 0; k < _m; k++) x[k] = (mask >> k) & 1;
            p[mask] = GeneratingFunction(x, 1.0);
        }
        for (int b = 0; b < _m; b++)
            for (int mask = 0; mask < size; mask++)
                if ((mask >> b & 1) != 0) p[mask] -= p[mask ^ (1 << b)];
        // More clicks than photons is impossible: the transform's rounding residue there is set to its exact 0.
        for (int mask = 0; mask < size; mask++) p[mask] = System.Numerics.BitOperations.PopCount((uint)mask) > _n ? 0 : Clamp(p[mask]);
        return p;
    }

    /// <summary>Mean photon number ⟨n_k⟩ at output <paramref name="output"/> (first derivative of F at 1).</summary>
    /// <param name="output">Output index k.</param>
    public double MeanPhotonNumber(int output)
    {
        CheckOutput(output);
        if (_n == 0) return 0;
        Complex[] minors = FirstMinors();
        Complex total = 0;
        for (int i = 0; i < _n; i++)
            for (int j = 0; j < _n; j++)
                total += HG(output, i, j) * minors[i * _n + j];
        return total.Real / _nIn;
    }

    /// <summary>
    /// Second factorial moment: ⟨n_k n_l⟩ for k ≠ l, ⟨n_k(n_k − 1)⟩ for k = l (second derivative of F at 1).
    /// </summary>
    /// <param name="outputK">Output index k.</param>
    /// <param name="outputL">Output index l.</param>
    public double SecondFactorialMoment(int outputK, int outputL)
    {
        CheckOutput(outputK);
        CheckOutput(outputL);
        if (_n < 2) return 0;
        Complex[] minors = SecondMinors();
        int n = _n;
        Complex total = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                Complex x = HG(outputK, i, j);
                if (x == Complex.Zero) continue;
                for (int i2 = 0; i2 < n; i2++)
                {
                    if (i2 == i) continue;
                    for (int j2 = 0; j2 < n; j2++)
                    {
                        if (j2 == j) continue;
                        total += x * HG(outputL, i2, j2) * minors[_gram is null ? ((i * n + j) * n + i2) * n + j2 : SecondMinorIndex(i, i2, j, j2)];
                    }
                }
            }
        return total.Real / _nIn;
    }

    /// <summary>
    /// Cost of <see cref="OutputDistribution"/>: patterns Σ_{d ≤ n} C(d+m−1, d) (only d = n when lossless), each
    /// summing loss patterns and Gram permutations of repeated-row permanents.
    /// </summary>
    public CostEstimate EstimateDistributionCost()
    {
        double patterns = 0, operations = 0;
        double sigma = _gram is not null && (_gram.IsAllOnes || _gram.IsIdentity) ? 1 : GramTermEstimate();
        for (int d = _lossRank == 0 ? _n : 0; d <= _n; d++)
        {
            double p = Binomial(d + _m - 1, d);
            double lossPatterns = Binomial(_n - d + _lossRank - 1, _n - d);
            patterns += p;
            operations += p * lossPatterns * sigma * PermanentCost(_n);
        }
        return new CostEstimate(patterns, operations, patterns * (8.0 + 4.0 * _m + 32));
    }

    /// <summary>Operations for one permanent of order n by Glynn's formula: 2^{n−1}·n.</summary>
    /// <param name="n">Order.</param>
    public static double PermanentCost(int n) => n == 0 ? 1 : Math.ScaleB(1.0, n - 1) * n;

    private double GramTermEstimate()
    {
        var (perms, _) = NonzeroPermutations();
        return perms.Length / Math.Max(1, _n);
    }

    private static double Binomial(int n, int k) => k < 0 || k > n ? 0 : Math.Round(SpecialFunctions.Binomial(n, k));

    private Complex C(int k, int j) => new(_cRe[k * _n + j], _cIm[k * _n + j]);

    private Complex HG(int k, int i, int j) => _gram is null
        ? Complex.Conjugate(C(k, i)) * C(k, j)
        : Complex.Conjugate(C(k, i)) * C(k, j) * _gram[i, j];

    private void CheckOutput(int k)
    {
        if ((uint)k >= (uint)_m) throw new ArgumentOutOfRangeException(nameof(k), k, $"output index must be in 0 … {_m - 1}");
    }

    private double[] Indicator(IEnumerable<int> outputs, bool complement)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var x = new double[_m];
        if (complement) Array.Fill(x, 1.0);
        foreach (int k in outputs)
        {
            if ((uint)k >= (uint)_m) throw new ArgumentOutOfRangeException(nameof(outputs), k, $"output index must be in 0 … {_m - 1}");
            x[k] = complement ? 0.0 : 1.0;
        }
        return x;
    }

    private static double Clamp(double p) => p < 0 ? 0 : p > 1 ? 1 : p;

    /// <summary>
    /// Probability of an extended pattern (distinct rows with multiplicities summing to n, detected and loss rows),
    /// the 1/∏s! folded into the rows as (s!)^{−1/(2s)} per copy so that no factorial is ever formed.
    /// </summary>
    private double ExtendedProbability(double[] rowsRe, double[] rowsIm, int[] mult)
    {
        int n = _n;
        int rows = mult.Length;
        var re = new double[rows * n];
        var im = new double[rows * n];
        for (int r = 0; r < rows; r++)
        {
            if (mult[r] == 0) continue;
            double scale = Math.Exp(-SpecialFunctions.FactorialLn(mult[r]) / (2.0 * mult[r]));
            bool nonzero = false;
            for (int j = 0; j < n; j++)
            {
                re[r * n + j] = scale * rowsRe[r * n + j];
                im[r * n + j] = scale * rowsIm[r * n + j];
                if (Math.Abs(re[r * n + j]) + Math.Abs(im[r * n + j]) > ZeroTolerance) nonzero = true;
            }
            if (!nonzero) return 0.0; // a photon cannot reach a row with no amplitude from any photon
        }

        if (_gram is { IsAllOnes: true })
        {
            Complex amplitude = Permanent.OfRepeatedRows(re, im, rows, mult);
            return Clamp((amplitude.Real * amplitude.Real + amplitude.Imaginary * amplitude.Imaginary) / _nIn);
        }
        if (_gram is { IsIdentity: true })
        {
            var abs2 = new double[rows * n];
            for (int i = 0; i < abs2.Length; i++) abs2[i] = re[i] * re[i] + im[i] * im[i];
            return Clamp(Permanent.OfRepeatedRowsReal(abs2, rows, mult) / _nIn);
        }

        var (perms, weights) = NonzeroPermutations();
        var pRe = new double[rows * n];
        var pIm = new double[rows * n];
        double total = 0;
        for (int t = 0; t < weights.Length; t++)
        {
            ReadOnlySpan<int> sigma = perms.AsSpan(t * n, n);
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < n; j++)
                {
                    // M[k, j] · conj(M[k, σ(j)])
                    double ar = re[r * n + j], ai = im[r * n + j];
                    double br = re[r * n + sigma[j]], bi = -im[r * n + sigma[j]];
                    pRe[r * n + j] = ar * br - ai * bi;
                    pIm[r * n + j] = ar * bi + ai * br;
                }
            Complex perm = Permanent.OfRepeatedRows(pRe, pIm, rows, mult);
            total += (weights[t] * perm).Real;
        }
        return Clamp(total / _nIn);
    }

    /// <summary>Permutations σ with ∏_j G[σ(j), j] ≠ 0, found depth-first with pruning of zero branches.</summary>
    private (int[] Permutations, Complex[] Weights) NonzeroPermutations()
    {
        if (_permutations is not null) return (_permutations, _permutationWeights!);
        int n = _n;
        var perms = new List<int>();
        var weights = new List<Complex>();
        var sigma = new int[n];
        var used = new bool[n];
        var cycle = new int[n];
        var seen = new bool[n];
        var inverse = new int[n];
        void Visit(int j, Complex weight)
        {
            if (j == n)
            {
                if (_gram is null)
                {
                    weight = CycleWeight(sigma, inverse, cycle, seen);
                    if (Complex.Abs(weight) <= ZeroTolerance * ZeroTolerance) return;
                }
                perms.AddRange(sigma);
                weights.Add(weight);
                if (weights.Count > 50_000_000)
                    throw new ComputationTooLargeException(new CostEstimate(0, double.PositiveInfinity, 0), "more than 5·10⁷ nonzero Gram-matrix permutations");
                return;
            }
            for (int i = 0; i < n; i++)
            {
                if (used[i]) continue;
                Complex g = _gram is null ? (_states.Orthogonal(i, j) ? Complex.Zero : Complex.One) : _gram[i, j];
                if (Complex.Abs(g) <= ZeroTolerance) continue;
                used[i] = true;
                sigma[j] = i;
                Visit(j + 1, weight * g);
                used[i] = false;
            }
        }
        Visit(0, Complex.One);
        _permutations = perms.ToArray();
        _permutationWeights = weights.ToArray();
        return (_permutations, _permutationWeights);
    }

    /// <summary>
    /// J(σ) = ∏ over the cycles of σ of Tr(ρ_{c}ρ_{σ⁻¹(c)}ρ_{σ⁻²(c)} …), the weight that is ∏_j G[σ(j), j] for pure photons.
    /// </summary>
    private Complex CycleWeight(int[] sigma, int[] inverse, int[] cycle, bool[] seen)
    {
        int n = sigma.Length;
        for (int j = 0; j < n; j++) inverse[sigma[j]] = j;
        Array.Clear(seen);
        Complex weight = Complex.One;
        for (int start = 0; start < n && weight != Complex.Zero; start++)
        {
            if (seen[start]) continue;
            int length = 0;
            for (int c = start; !seen[c]; c = inverse[c])
            {
                seen[c] = true;
                cycle[length++] = c;
            }
            if (length > 1) weight *= _states.CycleTrace(cycle.AsSpan(0, length));
        }
        return weight;
    }

    /// <summary>N_in = Σ_σ J(σ) ∏_j K[σ(j), j] for mixed photons.</summary>
    private double MixedNormalization()
    {
        var (perms, weights) = NonzeroPermutations();
        int n = _n;
        Complex total = Complex.Zero;
        for (int t = 0; t < weights.Length; t++)
        {
            Complex product = weights[t];
            for (int j = 0; j < n && product != Complex.Zero; j++) product *= _k[perms[t * n + j] * n + j];
            total += product;
        }
        return total.Real;
    }

    /// <summary>Σ_σ J(σ) ∏_j A[σ(j), j] for mixed photons (A given by parts, n × n).</summary>
    private double MixedPermanent(double[] re, double[] im)
    {
        var (perms, weights) = NonzeroPermutations();
        int n = _n;
        Complex total = Complex.Zero;
        for (int t = 0; t < weights.Length; t++)
        {
            Complex product = weights[t];
            for (int j = 0; j < n && product != Complex.Zero; j++)
            {
                int i = perms[t * n + j];
                product *= new Complex(re[i * n + j], im[i * n + j]);
            }
            total += product;
        }
        return total.Real;
    }

    /// <summary>
    /// For mixed photons, S1[i, j] = Σ_{σ(j) = i} J(σ) ∏_{o ≠ j} K[σ(o), o] and
    /// S2[i, j, i2, j2] = Σ_{σ(j) = i, σ(j2) = i2} J(σ) ∏_{o ∉ {j, j2}} K[σ(o), o]: the derivatives of the generating
    /// function at x = y = 1 that give the moments.
    /// </summary>
    private (Complex[] First, Complex[] Second) MixedMinors()
    {
        if (_firstMinors is not null && _secondMinors is not null) return (_firstMinors, _secondMinors);
        var (perms, weights) = NonzeroPermutations();
        int n = _n;
        var first = new Complex[n * n];
        var second = new Complex[n * n * n * n];
        var k = new Complex[n];
        for (int t = 0; t < weights.Length; t++)
        {
            int zeros = 0;
            Complex nonzero = weights[t];
            for (int o = 0; o < n; o++)
            {
                k[o] = _k[perms[t * n + o] * n + o];
                if (k[o] == Complex.Zero) zeros++;
                else nonzero *= k[o];
            }
            if (zeros > 2) continue;
            for (int j = 0; j < n; j++)
            {
                int i = perms[t * n + j];
                int zerosWithout = zeros - (k[j] == Complex.Zero ? 1 : 0);
                Complex without = k[j] == Complex.Zero ? nonzero : nonzero / k[j];
                if (zerosWithout == 0) first[i * n + j] += without;
                for (int j2 = 0; j2 < n; j2++)
                {
                    if (j2 == j) continue;
                    int zerosBoth = zerosWithout - (k[j2] == Complex.Zero ? 1 : 0);
                    if (zerosBoth != 0) continue;
                    Complex both = k[j2] == Complex.Zero ? without : without / k[j2];
                    second[((i * n + j) * n + perms[t * n + j2]) * n + j2] += both;
                }
            }
        }
        _firstMinors = first;
        _secondMinors = second;
        return (first, second);
    }

    private Complex[] FirstMinors()
    {
        if (_gram is null) return MixedMinors().First;
        if (_firstMinors is not null) return _firstMinors;
        int n = _n;
        var minors = new Complex[n * n];
        var sub = new Complex[(n - 1) * (n - 1)];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                FillMinor(sub, i, -1, j, -1);
                minors[i * n + j] = PermanentOf(sub, n - 1);
            }
        _firstMinors = minors;
        return minors;
    }

    private int SecondMinorIndex(int i, int i2, int j, int j2)
    {
        int a = Math.Min(i, i2), b = Math.Max(i, i2), c = Math.Min(j, j2), d = Math.Max(j, j2);
        return ((a * _n + b) * _n + c) * _n + d;
    }

    private Complex[] SecondMinors()
    {
        if (_gram is null) return MixedMinors().Second;
        if (_secondMinors is not null) return _secondMinors;
        int n = _n;
        var minors = new Complex[n * n * n * n];
        var sub = new Complex[(n - 2) * (n - 2)];
        for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++)
                for (int c = 0; c < n; c++)
                    for (int d = c + 1; d < n; d++)
                    {
                        FillMinor(sub, a, b, c, d);
                        minors[SecondMinorIndex(a, b, c, d)] = PermanentOf(sub, n - 2);
                    }
        _secondMinors = minors;
        return minors;
    }

    /// <summary>(K ∘ G) without rows r1, r2 and columns c1, c2 (−1 = none).</summary>
    private void FillMinor(Complex[] sub, int r1, int r2, int c1, int c2)
    {
        int n = _n;
        int t = 0;
        for (int i = 0; i < n; i++)
        {
            if (i == r1 || i == r2) continue;
            for (int j = 0; j < n; j++)
            {
                if (j == c1 || j == c2) continue;
                sub[t++] = _kg[i * n + j];
            }
        }
    }

    /// <summary>
    /// Permanent of a matrix that is block-diagonal up to a permutation (K ∘ G: photons in different input modes
    /// do not overlap): the product over connected blocks, an all-ones block of size r giving r! directly.
    /// </summary>
    private static double BlockPermanent(Complex[] a, int n)
    {
        var component = new int[n];
        Array.Fill(component, -1);
        double product = 1;
        for (int start = 0; start < n; start++)
        {
            if (component[start] >= 0) continue;
            var members = new List<int> { start };
            component[start] = start;
            for (int t = 0; t < members.Count; t++)
            {
                int i = members[t];
                for (int j = 0; j < n; j++)
                    if (component[j] < 0 && (Complex.Abs(a[i * n + j]) > 0 || Complex.Abs(a[j * n + i]) > 0))
                    {
                        component[j] = start;
                        members.Add(j);
                    }
            }
            members.Sort();
            int r = members.Count;
            bool allOnes = true;
            var block = new Complex[r * r];
            for (int p = 0; p < r; p++)
                for (int q = 0; q < r; q++)
                {
                    block[p * r + q] = a[members[p] * n + members[q]];
                    if (Complex.Abs(block[p * r + q] - 1.0) > 1e-12) allOnes = false;
                }
            if (allOnes)
                for (int k = 2; k <= r; k++) product *= k;
            else
                product *= PermanentOf(block, r).Real;
        }
        return product;
    }

    private static Complex PermanentOf(Complex[] a, int n)
    {
        var re = new double[n * n];
        var im = new double[n * n];
        for (int i = 0; i < n * n; i++)
        {
            re[i] = a[i].Real;
            im[i] = a[i].Imaginary;
        }
        return Permanent.Of(re, im, n);
    }

    /// <summary>Loss rows L (rank × n) with LᴴL = E, from the eigen-decomposition of E; checks passivity.</summary>
    private static (double[] Re, double[] Im, int Rank) LossRows(Complex[] e, int n)
    {
        if (n == 0) return ([], [], 0);
        var matrix = Matrix<Complex>.Build.Dense(n, n, (i, j) => e[i * n + j]);
        var evd = matrix.Evd(Symmetricity.Hermitian);
        double scale = 0;
        for (int i = 0; i < n; i++) scale = Math.Max(scale, Math.Abs(e[i * n + i].Real));
        double smallest = evd.EigenValues.Select(v => v.Real).Min();
        if (smallest < -1e-9)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"the transfer matrix is not passive: K − CᴴC has eigenvalue {smallest:G6} < 0 (a singular value of T exceeds 1)"));
        var rows = new List<int>();
        for (int q = 0; q < n; q++)
            if (evd.EigenValues[q].Real > 1e-12) rows.Add(q);
        var re = new double[rows.Count * n];
        var im = new double[rows.Count * n];
        for (int r = 0; r < rows.Count; r++)
        {
            int q = rows[r];
            double amplitude = Math.Sqrt(evd.EigenValues[q].Real);
            for (int j = 0; j < n; j++)
            {
                Complex v = Complex.Conjugate(evd.EigenVectors[j, q]) * amplitude;
                re[r * n + j] = v.Real;
                im[r * n + j] = v.Imaginary;
            }
        }
        return (re, im, rows.Count);
    }

    /// <summary>
    /// Enumerates, in place, every way of writing <paramref name="total"/> as an ordered sum over the
    /// <paramref name="length"/> slots of <paramref name="slots"/> starting at <paramref name="offset"/>
    /// (C(total+length−1, total) compositions, the first being all in the first slot).
    /// </summary>
    internal static IEnumerable<bool> Compositions(int[] slots, int offset, int length, int total)
    {
        if (length == 0)
        {
            if (total == 0) yield return true;
            yield break;
        }
        Array.Clear(slots, offset, length);
        slots[offset] = total;
        int last = offset + length - 1;
        while (true)
        {
            yield return true;
            int j = last - 1;
            while (j >= offset && slots[j] == 0) j--;
            if (j < offset) yield break;
            slots[j]--;
            int carried = slots[last];
            slots[last] = 0;
            slots[j + 1] = carried + 1;
        }
    }

    /// <summary>All compositions of <paramref name="total"/> over the whole array.</summary>
    internal static IEnumerable<bool> Compositions(int[] slots, int total) => Compositions(slots, 0, slots.Length, total);

    private static Complex[,] ColumnsOf(Complex[,] transfer, IReadOnlyList<int> inputModes)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        ArgumentNullException.ThrowIfNull(inputModes);
        int m = transfer.GetLength(0), inputs = transfer.GetLength(1);
        var c = new Complex[m, inputModes.Count];
        for (int j = 0; j < inputModes.Count; j++)
        {
            int input = inputModes[j];
            if ((uint)input >= (uint)inputs)
                throw new ArgumentOutOfRangeException(nameof(inputModes), input, $"photon {j}: input mode must be in 0 … {inputs - 1}");
            for (int k = 0; k < m; k++) c[k, j] = transfer[k, input];
        }
        return c;
    }

    private static GramMatrix SameModeOverlaps(IReadOnlyList<int> inputModes)
    {
        ArgumentNullException.ThrowIfNull(inputModes);
        int n = inputModes.Count;
        var k = new Complex[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                k[i, j] = inputModes[i] == inputModes[j] ? Complex.One : Complex.Zero;
        return new GramMatrix(k);
    }
}
