using System.Numerics;

namespace PhotonicKit.Circuit.Quantum;

/// <summary>
/// Full output distributions of indistinguishable photons by strong linear-optical simulation (SLOS; Heurtel et al.,
/// "Strong simulation of linear optical processes", Quantum 7, 931 (2023)): the creation operators of the photons
/// are applied one at a time, so every output pattern of k photons is built from the patterns of k − 1 photons,
/// in O(n·C(n+m−1, n)) operations instead of one permanent per pattern.
/// </summary>
/// <remarks>
/// <para>
/// With photon k entering input i_k, the output state is ∏_k (Σ_j T[j, i_k] a_j†)|0⟩/√(∏ s_i!) (s_i photons in
/// input i). Writing the product of the first k factors as Σ_t c_k(t) ∏_j (a_j†)^{t_j}, the coefficients obey
/// c_k(t) = Σ_{j: t_j &gt; 0} T[j, i_k] c_{k−1}(t − e_j), c_0 = 1, and the probability of output occupation t is
/// P(t) = |c_n(t)|² ∏_j t_j! / ∏_i s_i! (= |perm T[t, s]|²/(∏ t_j! ∏ s_i!)). For a lossy T the probabilities
/// are those of detecting all n photons and sum to less than one.
/// </para>
/// <para>
/// States are indexed compactly by the combinatorial number system (see <see cref="FockDistribution"/>): the
/// prefix sums P_j = t_0 + … + t_j (j &lt; m−1) are nondecreasing and rank(t) = Σ_j C(P_j + j, j + 1) is a
/// bijection onto 0 … C(k+m−1, k) − 1. Removing a photon from mode j lowers P_i by one for i ≥ j, so the ranks of
/// all predecessors follow from rank(t) − rank(t − e_j) = Σ_{i ≥ j} C(P_i + i − 1, i), suffix sums that the
/// colex successor changes only below the digit it raises (amortised O(1) updates, O(m) reads per state). Each layer is computed by
/// "pulling" from the previous one, every entry written once, so the result is identical for any thread count.
/// Memory: two layers of complex coefficients (16 bytes per state) and, at the end, 8 bytes per output pattern.
/// </para>
/// <para>
/// Partial distinguishability composes as a mixture: under the binary model (<see cref="BinaryDistinguishabilityModel"/>)
/// each subset A of photons is indistinguishable and the others are each in their own internal mode. Photons in
/// orthogonal internal modes do not interfere, so P_A is the convolution (over how the output counts split) of the
/// SLOS distribution of the photons in A with the independent single-photon distributions |T[j, i_k]|² of the
/// others; the total is Σ_A p^{|A|}(1−p)^{n−|A|} P_A. The same holds for any Gram matrix that is a mixture of
/// block-diagonal (orthogonal-group) states: one SLOS run per group, convolved.
/// </para>
/// </remarks>
public static class Slos
{
    /// <summary>
    /// Estimated cost of <see cref="OutputDistribution(Complex[,], IReadOnlyList{int}, ComputationLimits?, int)"/>: patterns C(n+m−1, n), operations Σ_k C(k+m−1, k)·(2m + 8k),
    /// and peak memory in bytes (two coefficient layers, then the final probabilities).
    /// </summary>
    /// <param name="photons">Number of photons n ≥ 0.</param>
    /// <param name="outputs">Number of output modes m ≥ 1.</param>
    public static CostEstimate Estimate(int photons, int outputs)
    {
        if (photons < 0) throw new ArgumentOutOfRangeException(nameof(photons), photons, "the photon number must be ≥ 0");
        if (outputs < 1) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "the number of output modes must be ≥ 1");
        double operations = 0, memory = 0;
        for (int k = 1; k <= photons; k++)
        {
            double ck = FockDistribution.BinomialDouble(k + outputs - 1, k);
            double previous = FockDistribution.BinomialDouble(k + outputs - 2, k - 1);
            operations += ck * (2.0 * outputs + 8.0 * k);
            double layerBytes = 16.0 * previous + (k == photons ? 8.0 : 16.0) * ck;
            memory = Math.Max(memory, layerBytes);
        }
        return new CostEstimate(FockDistribution.BinomialDouble(photons + outputs - 1, photons), operations, memory + 8.0 * outputs * (photons + outputs + 1));
    }

    /// <summary>
    /// Probabilities of every output occupation of n indistinguishable photons (photon k in input
    /// <paramref name="inputModes"/>[k]) through <paramref name="transfer"/>, indexed by <see cref="FockDistribution.Rank"/>.
    /// Refused with <see cref="ComputationTooLargeException"/> before any allocation when <see cref="Estimate"/>
    /// exceeds <paramref name="limits"/>.
    /// </summary>
    /// <param name="transfer">T[out, in], outputs × inputs (lossy allowed; probabilities then sum to the survival probability).</param>
    /// <param name="inputModes">Input index of each photon (repeats allowed).</param>
    /// <param name="limits">Operation and memory limits (default <see cref="ComputationLimits.Default"/>).</param>
    /// <param name="maxThreads">Largest number of threads (default: all processors); the result does not depend on it.</param>
    public static FockDistribution OutputDistribution(Complex[,] transfer, IReadOnlyList<int> inputModes, ComputationLimits? limits = null, int maxThreads = 0)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        ArgumentNullException.ThrowIfNull(inputModes);
        int m = transfer.GetLength(0);
        int inputs = transfer.GetLength(1);
        int n = inputModes.Count;
        if (m < 1) throw new ArgumentException("the transfer matrix has no output modes", nameof(transfer));
        if (maxThreads < 0) throw new ArgumentOutOfRangeException(nameof(maxThreads), maxThreads, "the thread count must be ≥ 0 (0: all processors)");
        int threads = maxThreads == 0 ? Environment.ProcessorCount : maxThreads;
        var inputCounts = new int[inputs];
        for (int k = 0; k < n; k++)
        {
            int i = inputModes[k];
            if (i < 0 || i >= inputs) throw new ArgumentOutOfRangeException(nameof(inputModes), i, $"photon {k} enters input {i}, but the transfer matrix has inputs 0 … {inputs - 1}");
            inputCounts[i]++;
        }
        for (int j = 0; j < m; j++)
            for (int i = 0; i < inputs; i++)
                if (!double.IsFinite(transfer[j, i].Real) || !double.IsFinite(transfer[j, i].Imaginary))
                    throw new ArgumentException($"transfer amplitude [{j}, {i}] is not finite", nameof(transfer));

        CostEstimate estimate = Estimate(n, m);
        if (estimate.Patterns > Array.MaxLength)
            throw new ComputationTooLargeException(estimate, $"more than {Array.MaxLength} output patterns (one array)");
        (limits ?? ComputationLimits.Default).Check(estimate);

        var space = new FockDistribution.Space(n, m);
        return new FockDistribution(n, m, Indistinguishable(space, transfer, inputModes, threads));
    }

    /// <summary>
    /// Estimated cost of the binary-model distribution (<see cref="OutputDistribution(Complex[,], IReadOnlyList{int}, double, ComputationLimits?, int)"/>):
    /// SLOS for every subset of the photons (each from its parent without its last photon) and the classical additions of
    /// the recursion over the photons; peak memory the subsets' distributions at the widest step.
    /// </summary>
    /// <param name="photons">Number of photons n ≥ 0.</param>
    /// <param name="outputs">Number of output modes m ≥ 1.</param>
    public static CostEstimate EstimateBinary(int photons, int outputs)
    {
        if (photons < 0) throw new ArgumentOutOfRangeException(nameof(photons), photons, "the photon number must be ≥ 0");
        if (outputs < 1) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "the number of output modes must be ≥ 1");
        double Count(int k) => FockDistribution.BinomialDouble(k + outputs - 1, k);
        double operations = 0, memory = 0;
        for (int k = 1; k <= photons; k++)
        {
            double subsets = FockDistribution.BinomialDouble(photons, k);
            operations += subsets * Count(k) * 2 * (2.0 * outputs + 8.0 * k);
            memory += subsets * Count(k) * 24.0;
        }
        // Step j (photons j … n − 1 decided): 2^j subsets A of the first j photons, each on |A| + n − j photons.
        for (int j = 0; j < photons; j++)
            for (int a = 0; a <= j; a++)
                operations += FockDistribution.BinomialDouble(j, a) * Count(a + photons - j) * (2.0 * outputs + 4);
        return new CostEstimate(Count(photons), operations, memory);
    }

    /// <summary>
    /// Output distribution of single photons under the binary model of partial distinguishability
    /// (<see cref="BinaryDistinguishabilityModel"/>): Σ_A p^{|A|}(1−p)^{n−|A|} P_A with p = √M, where P_A is the
    /// SLOS distribution of the photons in A with every other photon added classically, by
    /// P_{k}(t) = Σ_{j: t_j &gt; 0} |T[j, i]|² P_{k−1}(t − e_j) (the same recurrence on probabilities).
    /// The sum is taken photon by photon from the last: with R_n(A) = P_A for every subset A,
    /// R_j(A) = p·R_{j+1}(A ∪ {j}) + (1 − p)·R_{j+1}(A) ∗ |T[·, i_j]|² for A ⊆ {0 … j − 1}, and the result is R_0(∅);
    /// every subset's P_A comes from SLOS on its parent's amplitudes. The estimate (<see cref="EstimateBinary"/>) is checked
    /// against the limits first.
    /// </summary>
    /// <param name="transfer">T[out, in], outputs × inputs (lossy allowed: probabilities of detecting every photon).</param>
    /// <param name="inputModes">Input index of each photon (repeats allowed).</param>
    /// <param name="indistinguishability">Pairwise indistinguishability M in [0, 1].</param>
    /// <param name="limits">Operation and memory limits (default <see cref="ComputationLimits.Default"/>).</param>
    /// <param name="maxThreads">Largest number of threads (default: all processors); the result does not depend on it.</param>
    public static FockDistribution OutputDistribution(Complex[,] transfer, IReadOnlyList<int> inputModes, double indistinguishability,
        ComputationLimits? limits = null, int maxThreads = 0)
    {
        if (!(indistinguishability >= 0 && indistinguishability <= 1))
            throw new ArgumentOutOfRangeException(nameof(indistinguishability), indistinguishability, "indistinguishability must lie in [0, 1]");
        if (indistinguishability == 1) return OutputDistribution(transfer, inputModes, limits, maxThreads);
        ArgumentNullException.ThrowIfNull(transfer);
        ArgumentNullException.ThrowIfNull(inputModes);
        int n = inputModes.Count;
        if (n > 24) throw new ArgumentOutOfRangeException(nameof(inputModes), n, "the binary model sums 2^n subsets; at most 24 photons");
        int m = transfer.GetLength(0);
        if (m < 1) throw new ArgumentException("the transfer matrix has no output modes", nameof(transfer));
        if (maxThreads < 0) throw new ArgumentOutOfRangeException(nameof(maxThreads), maxThreads, "the thread count must be ≥ 0 (0: all processors)");
        int threads = maxThreads == 0 ? Environment.ProcessorCount : maxThreads;
        for (int k = 0; k < n; k++)
            if (inputModes[k] < 0 || inputModes[k] >= transfer.GetLength(1))
                throw new ArgumentOutOfRangeException(nameof(inputModes), inputModes[k], $"photon {k} enters input {inputModes[k]}, but the transfer matrix has inputs 0 … {transfer.GetLength(1) - 1}");
        var estimate = EstimateBinary(n, m);
        if (estimate.Patterns > Array.MaxLength)
            throw new ComputationTooLargeException(estimate, $"more than {Array.MaxLength} output patterns (one array)");
        (limits ?? ComputationLimits.Default).Check(estimate);

        var space = new FockDistribution.Space(n, m);
        double p = Math.Sqrt(indistinguishability);
        var columns = new double[n][];
        var weights = new double[n][];
        for (int k = 0; k < n; k++)
        {
            columns[k] = new double[2 * m];
            weights[k] = new double[m];
            for (int j = 0; j < m; j++)
            {
                Complex t = transfer[j, inputModes[k]];
                columns[k][2 * j] = t.Real;
                columns[k][2 * j + 1] = t.Imaginary;
                weights[k][j] = t.Real * t.Real + t.Imaginary * t.Imaginary;
            }
        }
        if (p == 0)
        {
            // Distinguishable photons: each added classically.
            double[] d = [1.0];
            for (int k = 0; k < n; k++)
            {
                var next = new double[(int)space.Count(k + 1)];
                Layer(space, k + 1, weights[k], d, next, next.Length, LayerKind.Classical, 0, threads);
                d = next;
            }
            return new FockDistribution(n, m, d);
        }
        // R_n(A) = P_A for every subset, by size, each from its parent's amplitudes (the parent lacks A's last photon).
        var r = new double[1 << n][];
        var amplitudes = new double[1 << n][];
        amplitudes[0] = [1.0, 0.0];
        r[0] = [1.0];
        var bySize = Enumerable.Range(1, (1 << n) - 1).GroupBy(a => BitOperations.PopCount((uint)a)).OrderBy(g => g.Key);
        foreach (var level in bySize)
        {
            int size = level.Key;
            int count = (int)space.Count(size);
            Parallel.ForEach(level, new ParallelOptions { MaxDegreeOfParallelism = threads }, a =>
            {
                int last = 31 - BitOperations.LeadingZeroCount((uint)a);
                var parent = amplitudes[a & ~(1 << last)];
                var probabilities = new double[count];
                // Only subsets without the last photon are parents; they keep their amplitudes from the same pass.
                if (size < n && last < n - 1)
                {
                    var next = new double[2 * count];
                    Layer(space, size, columns[last], parent, next, count, LayerKind.AmplitudeAndProbability, LogInputNorm(inputModes, a), 1, probabilities);
                    amplitudes[a] = next;
                }
                else
                    Layer(space, size, columns[last], parent, probabilities, count, LayerKind.FinalProbability, LogInputNorm(inputModes, a), 1);
                r[a] = probabilities;
            });
            foreach (int a in Enumerable.Range(1, (1 << n) - 1).Where(x => BitOperations.PopCount((uint)x) == size - 1)) amplitudes[a] = null!;
        }
        amplitudes = null!;
        // Photon j joins the indistinguishable set (p) or is added classically (1 − p), from the last photon to the first.
        for (int j = n - 1; j >= 0; j--)
        {
            int decided = n - j, photon = j;
            var next = new double[1 << j][];
            Parallel.For(0, 1 << j, new ParallelOptions { MaxDegreeOfParallelism = threads }, a =>
            {
                int size = BitOperations.PopCount((uint)a) + decided;
                var joined = r[a | (1 << photon)];
                var apart = r[a];
                var classical = new double[(int)space.Count(size)];
                Layer(space, size, weights[photon], apart, classical, classical.Length, LayerKind.Classical, 0, 1);
                for (int i = 0; i < classical.Length; i++) classical[i] = p * joined[i] + (1 - p) * classical[i];
                next[a] = classical;
            });
            r = next;
        }
        return new FockDistribution(n, m, r[0]);
    }

    /// <summary>log ∏_i s_i! over the inputs of the photons in <paramref name="subset"/> (photons entering one input).</summary>
    private static double LogInputNorm(IReadOnlyList<int> inputModes, int subset)
    {
        var counts = new Dictionary<int, int>();
        for (int k = 0; k < inputModes.Count; k++)
            if (((subset >> k) & 1) != 0) counts[inputModes[k]] = counts.GetValueOrDefault(inputModes[k]) + 1;
        double log = 0;
        foreach (int c in counts.Values) log += LogFactorial(c);
        return log;
    }

    /// <summary>Probabilities (by rank) of the indistinguishable photons entering <paramref name="photonInputs"/>.</summary>
    private static double[] Indistinguishable(FockDistribution.Space space, Complex[,] transfer, IReadOnlyList<int> photonInputs, int threads)
    {
        int n = photonInputs.Count;
        int m = space.Modes;
        if (n == 0) return [1.0];
        var inputCounts = new Dictionary<int, int>();
        foreach (int i in photonInputs) inputCounts[i] = inputCounts.GetValueOrDefault(i) + 1;
        double logNorm = 0;
        foreach (int c in inputCounts.Values) logNorm += LogFactorial(c);
        double[] previous = [1.0, 0.0]; // interleaved (re, im) per state
        var column = new double[2 * m];
        for (int k = 1; k <= n; k++)
        {
            int input = photonInputs[k - 1];
            for (int j = 0; j < m; j++)
            {
                column[2 * j] = transfer[j, input].Real;
                column[2 * j + 1] = transfer[j, input].Imaginary;
            }
            int count = (int)space.Count(k);
            bool last = k == n;
            double[] current = new double[last ? count : 2 * count];
            Layer(space, k, column, previous, current, count, last ? LayerKind.FinalProbability : LayerKind.Amplitude, logNorm, threads);
            previous = current;
        }
        return previous;
    }

    internal enum LayerKind
    {
        Amplitude,
        FinalProbability,
        Classical,
        /// <summary>Amplitudes into the current layer and, in the same pass, the final probabilities into the extra array.</summary>
        AmplitudeAndProbability,
    }

    // Hot loops of a short-lived command: compiled optimised at once rather than through tiering.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static void Layer(FockDistribution.Space space, int k, double[] column, double[] previous,
        double[] current, int count, LayerKind kind, double logInputNorm, int threads, double[]? probabilities = null)
    {
        if (kind == LayerKind.AmplitudeAndProbability && probabilities is null)
            throw new ArgumentNullException(nameof(probabilities), "the probabilities' array is needed with AmplitudeAndProbability");
        const int chunkSize = 1 << 14;
        int chunks = (count + chunkSize - 1) / chunkSize;
        int m = space.Modes;
        // Factorials for the final probabilities: ∏ t_j! / ∏ s_i!.
        var factorial = new double[k + 1];
        factorial[0] = 1;
        for (int q = 1; q <= k; q++) factorial[q] = factorial[q - 1] * q;
        double inputNorm = Math.Exp(-logInputNorm);
        bool last = kind == LayerKind.FinalProbability;
        bool classical = kind == LayerKind.Classical;
        bool both = kind == LayerKind.AmplitudeAndProbability;
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        void Run(int c)
        {
            int first = c * chunkSize;
            int end = Math.Min(count, first + chunkSize);
            Span<int> p = stackalloc int[Math.Max(1, m - 1)];
            // suffix[j] = Σ_{i=j}^{m−2} C(P_i + i − 1, i) = rank(t) − rank(t − e_j) (Pascal's rule applied to the
            // terms C(P_i + i, i + 1) that change when P_i drops by one).
            Span<long> suffix = stackalloc long[m];
            space.Unrank(first, k, p);
            suffix[m - 1] = 0;
            for (int i = m - 2; i >= 0; i--) suffix[i] = suffix[i + 1] + space.Binomial(p[i] + i - 1, i);
            for (int r = first; r < end; r++)
            {
                double accRe = 0, accIm = 0;
                int below = 0;
                double weight = 1;
                for (int j = 0; j < m; j++)
                {
                    int pj = j < m - 1 ? p[j] : k;
                    int tj = pj - below;
                    below = pj;
                    if (tj == 0) continue;
                    long predecessor = r - suffix[j];
                    if (classical)
                    {
                        accRe += column[j] * previous[predecessor];
                        continue;
                    }
                    double a = previous[2 * predecessor], b = previous[2 * predecessor + 1];
                    double ur = column[2 * j], ui = column[2 * j + 1];
                    accRe += ur * a - ui * b;
                    accIm += ur * b + ui * a;
                    weight *= factorial[tj];
                }
                if (classical) current[r] = accRe;
                else if (last) current[r] = (accRe * accRe + accIm * accIm) * weight * inputNorm;
                else
                {
                    current[2 * r] = accRe;
                    current[2 * r + 1] = accIm;
                    if (both) probabilities![r] = (accRe * accRe + accIm * accIm) * weight * inputNorm;
                }
                // Colex successor: the smallest i with P_i < P_{i+1} (P_{m−1} = k) is raised, lower ones reset;
                // only the suffix sums at and below i change.
                for (int i = 0; i < m - 1; i++)
                {
                    int upper = i + 1 < m - 1 ? p[i + 1] : k;
                    if (p[i] < upper)
                    {
                        p[i]++;
                        for (int q = 0; q < i; q++) p[q] = 0;
                        for (int q = i; q >= 0; q--) suffix[q] = suffix[q + 1] + space.Binomial(p[q] + q - 1, q);
                        break;
                    }
                }
            }
        }
        if (threads <= 1 || chunks <= 1)
        {
            for (int c = 0; c < chunks; c++) Run(c);
            return;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, Run);
    }

    private static double LogFactorial(int n)
    {
        double s = 0;
        for (int q = 2; q <= n; q++) s += Math.Log(q);
        return s;
    }
}

/// <summary>
/// Probabilities of every occupation of n photons in m modes, indexed by a compact rank (combinatorial number
/// system): with prefix sums P_j = t_0 + … + t_j for j &lt; m − 1, rank(t) = Σ_j C(P_j + j, j + 1), a bijection onto
/// 0 … C(n+m−1, n) − 1.
/// </summary>
public sealed class FockDistribution
{
    private readonly double[] _probabilities;
    private readonly Space _space;

    internal FockDistribution(int photons, int modes, double[] probabilities)
    {
        PhotonCount = photons;
        ModeCount = modes;
        _probabilities = probabilities;
        _space = new Space(photons, modes);
    }

    /// <summary>Number of photons n.</summary>
    public int PhotonCount { get; }

    /// <summary>Number of modes m.</summary>
    public int ModeCount { get; }

    /// <summary>Number of occupation patterns, C(n+m−1, n).</summary>
    public int Count => _probabilities.Length;

    /// <summary>Probabilities indexed by <see cref="Rank"/>.</summary>
    public ReadOnlySpan<double> Probabilities => _probabilities;

    /// <summary>The probability array itself (no copy), for callers in this assembly that take it over.</summary>
    internal double[] ProbabilityArray => _probabilities;

    /// <summary>Sum of all probabilities (1 for a lossless transfer matrix, the all-detected probability otherwise), Kahan-summed.</summary>
    public double Total
    {
        get
        {
            double s = 0, c = 0;
            foreach (double v in _probabilities)
            {
                double y = v - c;
                double t = s + y;
                c = (t - s) - y;
                s = t;
            }
            return s;
        }
    }

    /// <summary>Probability of the occupation <paramref name="counts"/> (length m, summing to n).</summary>
    /// <param name="counts">Photon number per mode.</param>
    public double Probability(ReadOnlySpan<int> counts) => _probabilities[Rank(counts)];

    /// <summary>Index of an occupation pattern (length m, entries ≥ 0 summing to n).</summary>
    /// <param name="counts">Photon number per mode.</param>
    public int Rank(ReadOnlySpan<int> counts)
    {
        if (counts.Length != ModeCount) throw new ArgumentException($"{counts.Length} counts for {ModeCount} modes", nameof(counts));
        int total = 0;
        for (int j = 0; j < ModeCount; j++)
        {
            if (counts[j] < 0) throw new ArgumentOutOfRangeException(nameof(counts), counts[j], $"count of mode {j} must be ≥ 0");
            total += counts[j];
        }
        if (total != PhotonCount) throw new ArgumentException($"the counts sum to {total}, the distribution is for {PhotonCount} photons", nameof(counts));
        return (int)_space.Rank(counts);
    }

    /// <summary>Occupation pattern of index <paramref name="rank"/> (inverse of <see cref="Rank"/>).</summary>
    /// <param name="rank">Index, 0 … <see cref="Count"/> − 1.</param>
    /// <param name="counts">Receives the photon number per mode (length m).</param>
    public void Unrank(int rank, Span<int> counts)
    {
        if (rank < 0 || rank >= Count) throw new ArgumentOutOfRangeException(nameof(rank), rank, $"the rank must lie in 0 … {Count - 1}");
        if (counts.Length != ModeCount) throw new ArgumentException($"{counts.Length} counts for {ModeCount} modes", nameof(counts));
        Span<int> p = stackalloc int[Math.Max(1, ModeCount - 1)];
        _space.Unrank(rank, PhotonCount, p);
        int below = 0;
        for (int j = 0; j < ModeCount; j++)
        {
            int pj = j < ModeCount - 1 ? p[j] : PhotonCount;
            counts[j] = pj - below;
            below = pj;
        }
    }

    /// <summary>C(x, y) as a double (0 outside 0 ≤ y ≤ x).</summary>
    internal static double BinomialDouble(int x, int y)
    {
        if (y < 0 || x < 0 || y > x) return 0;
        y = Math.Min(y, x - y);
        double c = 1;
        for (int q = 1; q <= y; q++) c = c * (x - y + q) / q;
        return Math.Round(c);
    }

    /// <summary>Binomial table and colex unranking for occupations of up to n photons in m modes.</summary>
    internal sealed class Space
    {
        private readonly long[] _binomial;
        private readonly int _width;

        internal Space(int photons, int modes)
        {
            Photons = photons;
            Modes = modes;
            _width = modes + 1;
            int rows = photons + modes + 1;
            _binomial = new long[rows * _width];
            for (int x = 0; x < rows; x++)
                for (int y = 0; y <= modes; y++)
                {
                    long v = y == 0 ? 1 : x == 0 ? 0 : _binomial[(x - 1) * _width + y - 1] + _binomial[(x - 1) * _width + y];
                    _binomial[x * _width + y] = v < 0 ? long.MaxValue : v;
                }
        }

        internal int Photons { get; }

        internal int Modes { get; }

        /// <summary>C(x, y) for 0 ≤ y ≤ m, x ≤ n + m; 0 for x &lt; y or x &lt; 0.</summary>
        internal long Binomial(int x, int y) => x < 0 ? 0 : _binomial[x * _width + y];

        /// <summary>Number of occupations of k photons: C(k + m − 1, m − 1).</summary>
        internal long Count(int k) => Binomial(k + Modes - 1, Modes - 1);

        /// <summary>Rank of a valid occupation among those of its total (combinatorial number system); no checks.</summary>
        internal long Rank(ReadOnlySpan<int> counts)
        {
            long rank = 0;
            int prefix = 0;
            for (int j = 0; j < counts.Length - 1; j++)
            {
                prefix += counts[j];
                rank += Binomial(prefix + j, j + 1);
            }
            return rank;
        }

        /// <summary>Prefix sums P (length m − 1) of the occupation of k photons with the given rank.</summary>
        internal void Unrank(long rank, int k, Span<int> p)
        {
            int upper = k;
            for (int i = Modes - 2; i >= 0; i--)
            {
                int value = upper;
                while (value > 0 && Binomial(value + i, i + 1) > rank) value--;
                rank -= Binomial(value + i, i + 1);
                p[i] = value;
                upper = value;
            }
        }
    }
}
