using System.Globalization;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace PhotonicKit.Tests.Quantum.Reference;

/// <summary>
/// A brute-force test oracle for multi-photon detector statistics, written from second quantisation alone (no
/// permanents): up to four photons, each with its own density matrix over (spatial input × internal mode), enter
/// a linear, possibly lossy circuit that acts on every internal mode separately, and are counted by
/// photon-number-resolving detectors that integrate over the internal modes.
/// </summary>
/// <remarks>
/// <para>
/// Conventions. Internal modes q = 0 … K − 1 (e.g. frequency bins), inputs i = 0 … m − 1, detectors
/// d = 0 … D − 1. <c>transfer[q]</c> is T_q[d, i], the amplitude from input i to detector d in internal mode q.
/// A photon's density matrix ρ_j has dimension m·K, index i·K + q.
/// </para>
/// <para>
/// Input state. With ρ_j = Σ_c λ_{j,c} |v_{j,c}⟩⟨v_{j,c}| (eigen-decomposition), every choice c = (c₁ … c_n) of one
/// component per photon gives |Ψ_c⟩ = ∏_j (Σ_{i,q} v_{j,c_j}(i, q) a†_{i,q})|0⟩, and the input is
/// ρ_in = Σ_c (∏_j λ_{j,c_j}) |Ψ_c⟩⟨Ψ_c| / N, N = Σ_c (∏_j λ_{j,c_j}) ⟨Ψ_c|Ψ_c⟩. Photons sharing an input mode are
/// thus normalised together, not per component; for photons in orthogonal inputs N = 1.
/// </para>
/// <para>
/// Evolution and detection. Each T_q is dilated to an isometry with loss modes (<see cref="LossDilation"/>); every
/// a†_{i,q} becomes a linear form in output creation operators; |Ψ_c⟩ becomes a product of n such forms, expanded in
/// the Fock basis of all output modes (<see cref="SymmetricFockBasis"/>); the probability of a count pattern
/// s = (s₀ … s_{D−1}) sums |⟨n|Ψ_c⟩|² over the Fock states |n⟩ with Σ_q n_{d,q} = s_d, any internal modes and any
/// loss-mode occupations.
/// </para>
/// <para>
/// Cost: the components of all photons but the one of highest rank are enumerated (∏ of their ranks), each choice
/// a product of forms in C(M + n − 1, n) Fock states, M the output modes; the last photon enters through its
/// density matrix. n = 4, D = m = 4, K = 3, rank-12 photons and loss (24 output modes) take about 2 s in the
/// unoptimised test build on a busy machine. The oracle favours being obviously right over being fast and refuses
/// more than <see cref="MaxPhotons"/> photons or <see cref="MaxOutputModes"/> output modes.
/// </para>
/// </remarks>
public static class FockSpaceReference
{
    /// <summary>The most photons the oracle takes.</summary>
    public const int MaxPhotons = 4;

    /// <summary>The most output modes (detected and loss, times internal modes) the oracle takes.</summary>
    public const int MaxOutputModes = 64;

    /// <summary>How far a density matrix may be from Hermitian, trace one and positive semidefinite.</summary>
    public const double DensityTolerance = 1e-10;

    private const string PhotonsParameter = "photons";

    // Components of ρ_j with eigenvalues at or below this are rounding, not physics.
    private const double NegligibleEigenvalue = 1e-14;

    /// <summary>
    /// The probability of every detector count pattern the output Fock space can produce, keyed by
    /// <see cref="PatternKey"/> ("s0,s1,…"). Without loss only patterns with Σs = n occur; with loss every Σs ≤ n
    /// does (photons not detected are lost). The values sum to 1.
    /// </summary>
    /// <param name="transfer">K matrices T_q of equal shape D × m; singular values ≤ 1 + 10⁻¹².</param>
    /// <param name="photons">0 … 4 density matrices of dimension m·K, index i·K + q.</param>
    /// <exception cref="ArgumentException">An argument is malformed or unphysical, or the problem is too large.</exception>
    public static IReadOnlyDictionary<string, double> Distribution(Complex[][,] transfer, IReadOnlyList<Complex[,]> photons)
    {
        (int detectorCount, _, int internalModeCount) = CheckTransfer(transfer);
        // The state is symmetric in the photons, so any order is right; the last photon is summed through its density
        // matrix rather than enumerated (see SumOverComponentChoices), so putting the highest rank last is cheapest.
        List<PhotonComponents> components = [.. CheckPhotons(photons, transfer).OrderBy(photon => photon.Weights.Length)];
        LossDilation circuit = LossDilation.Build(transfer);
        if (circuit.OutputModeCount > MaxOutputModes)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The circuit has {circuit.OutputModeCount} output modes ({circuit.DetectedModeCount} detected, {circuit.LossModeCount} loss, over {internalModeCount} internal modes); the oracle takes at most {MaxOutputModes}."),
                nameof(transfer));

        int photonCount = components.Count;
        double normalisation = InputNormalisation(components, transfer[0].GetLength(1) * internalModeCount);

        var outputBasis = new SymmetricFockBasis(circuit.OutputModeCount, photonCount);
        var patternKeys = new List<string>();
        var patternIndexByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var patternOfState = new int[outputBasis.StateCount(photonCount)];
        var counts = new int[detectorCount];
        for (int state = 0; state < patternOfState.Length; state++)
        {
            Array.Clear(counts);
            foreach (int mode in outputBasis.OccupiedModes(photonCount, state))
            {
                if (mode < circuit.DetectedModeCount)
                    counts[mode / internalModeCount]++;
            }
            string key = PatternKey(counts);
            if (!patternIndexByKey.TryGetValue(key, out int pattern))
            {
                pattern = patternKeys.Count;
                patternIndexByKey.Add(key, pattern);
                patternKeys.Add(key);
            }
            patternOfState[state] = pattern;
        }

        List<PhotonForms> outputForms = [.. components.Select(photon =>
            new PhotonForms(photon.Weights, [.. photon.InputAmplitudes.Select(v => Apply(circuit.Isometry, v))]))];
        double[] patternWeights = SumOverComponentChoices(outputBasis, outputForms, patternOfState, patternKeys.Count);

        var distribution = new Dictionary<string, double>(patternKeys.Count, StringComparer.Ordinal);
        for (int pattern = 0; pattern < patternKeys.Count; pattern++)
            distribution.Add(patternKeys[pattern], patternWeights[pattern] / normalisation);
        return distribution;
    }

    /// <summary>The probability that detector d counts exactly <paramref name="counts"/>[d] photons, for every d.</summary>
    /// <param name="transfer">As in <see cref="Distribution"/>.</param>
    /// <param name="photons">As in <see cref="Distribution"/>.</param>
    /// <param name="counts">One non-negative count per detector.</param>
    public static double Probability(Complex[][,] transfer, IReadOnlyList<Complex[,]> photons, params int[] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        CheckTransfer(transfer);
        int detectorCount = transfer[0].GetLength(0);
        if (counts.Length != detectorCount)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"counts has {counts.Length} entries; the circuit has {detectorCount} detectors."), nameof(counts));
        if (counts.Any(count => count < 0))
            throw new ArgumentException("counts must be non-negative.", nameof(counts));
        return Distribution(transfer, photons).GetValueOrDefault(PatternKey(counts));
    }

    /// <summary>
    /// Threshold (click / no-click) detector statistics from number-resolving ones: the probability that exactly the
    /// detectors in a set click, keyed "c0,c1,…" with c_d = 1 for a click (s_d ≥ 1) and 0 for silence (s_d = 0).
    /// </summary>
    /// <param name="countDistribution">A distribution from <see cref="Distribution"/>.</param>
    public static IReadOnlyDictionary<string, double> ClicksFromCounts(IReadOnlyDictionary<string, double> countDistribution)
    {
        ArgumentNullException.ThrowIfNull(countDistribution);
        var clicks = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach ((string key, double probability) in countDistribution)
        {
            int[] clicked = key.Split(',')
                .Select(count => int.Parse(count, NumberStyles.None, CultureInfo.InvariantCulture) > 0 ? 1 : 0)
                .ToArray();
            string clickKey = PatternKey(clicked);
            clicks[clickKey] = clicks.GetValueOrDefault(clickKey) + probability;
        }
        return clicks;
    }

    /// <summary>Threshold-detector statistics of the circuit and photons; see <see cref="ClicksFromCounts"/>.</summary>
    /// <param name="transfer">As in <see cref="Distribution"/>.</param>
    /// <param name="photons">As in <see cref="Distribution"/>.</param>
    public static IReadOnlyDictionary<string, double> ClickDistribution(Complex[][,] transfer, IReadOnlyList<Complex[,]> photons) =>
        ClicksFromCounts(Distribution(transfer, photons));

    /// <summary>
    /// P(the detectors in <paramref name="clickingDetectors"/> click and all others stay silent) for threshold detectors.
    /// </summary>
    /// <param name="transfer">As in <see cref="Distribution"/>.</param>
    /// <param name="photons">As in <see cref="Distribution"/>.</param>
    /// <param name="clickingDetectors">Distinct detector indices; empty for "no detector clicks".</param>
    public static double ClickProbability(Complex[][,] transfer, IReadOnlyList<Complex[,]> photons, params int[] clickingDetectors)
    {
        ArgumentNullException.ThrowIfNull(clickingDetectors);
        CheckTransfer(transfer);
        int detectorCount = transfer[0].GetLength(0);
        var clicked = new int[detectorCount];
        foreach (int detector in clickingDetectors)
        {
            if (detector < 0 || detector >= detectorCount)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Detector {detector} is outside 0 … {detectorCount - 1}."), nameof(clickingDetectors));
            if (clicked[detector] == 1)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Detector {detector} is listed twice."), nameof(clickingDetectors));
            clicked[detector] = 1;
        }
        return ClickDistribution(transfer, photons).GetValueOrDefault(PatternKey(clicked));
    }

    /// <summary>The dictionary key of a count (or click) pattern: its entries joined by commas, e.g. "1,0,2".</summary>
    public static string PatternKey(IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return string.Join(',', counts.Select(count => count.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The same D × m matrix for each of <paramref name="internalModeCount"/> internal modes (a flat spectrum).</summary>
    public static Complex[][,] FlatTransfer(Complex[,] transfer, int internalModeCount)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        ArgumentOutOfRangeException.ThrowIfLessThan(internalModeCount, 1);
        return Enumerable.Range(0, internalModeCount).Select(_ => (Complex[,])transfer.Clone()).ToArray();
    }

    /// <summary>ρ = |v⟩⟨v| of a normalised pure state.</summary>
    /// <param name="amplitudes">v over (input, internal mode), index i·K + q; ‖v‖ = 1 within 10⁻¹⁰.</param>
    public static Complex[,] DensityFromPure(IReadOnlyList<Complex> amplitudes) => DensityFromMixture([(1.0, amplitudes)]);

    /// <summary>ρ = Σ_k w_k |v_k⟩⟨v_k|, a mixture of normalised (not necessarily orthogonal) pure states.</summary>
    /// <param name="components">Weights w_k ≥ 0 summing to 1, and vectors of one length with ‖v_k‖ = 1.</param>
    public static Complex[,] DensityFromMixture(IReadOnlyList<(double Weight, IReadOnlyList<Complex> Amplitudes)> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (components.Count == 0)
            throw new ArgumentException("A mixture needs at least one component.", nameof(components));
        int dimension = components[0].Amplitudes.Count;
        var density = new Complex[dimension, dimension];
        double totalWeight = 0;
        for (int k = 0; k < components.Count; k++)
        {
            (double weight, IReadOnlyList<Complex> amplitudes) = components[k];
            if (!(weight >= 0) || double.IsInfinity(weight))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Weight {k} is {weight:R}; weights must be finite and ≥ 0."), nameof(components));
            if (amplitudes.Count != dimension)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Vector {k} has {amplitudes.Count} amplitudes; vector 0 has {dimension}."), nameof(components));
            double norm = Math.Sqrt(amplitudes.Sum(a => a.Magnitude * a.Magnitude));
            if (!(Math.Abs(norm - 1) <= DensityTolerance))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Vector {k} has norm {norm:R}; it must be 1 within {DensityTolerance:R}."), nameof(components));
            for (int x = 0; x < dimension; x++)
                for (int y = 0; y < dimension; y++)
                    density[x, y] += weight * amplitudes[x] * Complex.Conjugate(amplitudes[y]);
            totalWeight += weight;
        }
        if (!(Math.Abs(totalWeight - 1) <= DensityTolerance))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The weights sum to {totalWeight:R}; they must sum to 1 within {DensityTolerance:R}."), nameof(components));
        return density;
    }

    /// <summary>A photon in one spatial input with internal state σ: ρ = |i⟩⟨i| ⊗ σ.</summary>
    /// <param name="input">The input i, 0 ≤ i &lt; <paramref name="inputCount"/>.</param>
    /// <param name="inputCount">m, the circuit's inputs.</param>
    /// <param name="internalDensity">σ, K × K (checked where the photon is used).</param>
    public static Complex[,] PhotonInInput(int input, int inputCount, Complex[,] internalDensity)
    {
        ArgumentNullException.ThrowIfNull(internalDensity);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(input);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(input, inputCount);
        int internalModeCount = internalDensity.GetLength(0);
        if (internalDensity.GetLength(1) != internalModeCount)
            throw new ArgumentException("The internal density matrix must be square.", nameof(internalDensity));
        var density = new Complex[inputCount * internalModeCount, inputCount * internalModeCount];
        for (int q = 0; q < internalModeCount; q++)
            for (int r = 0; r < internalModeCount; r++)
                density[input * internalModeCount + q, input * internalModeCount + r] = internalDensity[q, r];
        return density;
    }

    /// <summary>A photon in one spatial input with the pure internal state ψ: ρ = |i⟩⟨i| ⊗ |ψ⟩⟨ψ|.</summary>
    /// <param name="input">The input i, 0 ≤ i &lt; <paramref name="inputCount"/>.</param>
    /// <param name="inputCount">m, the circuit's inputs.</param>
    /// <param name="internalAmplitudes">ψ over the K internal modes, ‖ψ‖ = 1.</param>
    public static Complex[,] PhotonInInput(int input, int inputCount, IReadOnlyList<Complex> internalAmplitudes) =>
        PhotonInInput(input, inputCount, DensityFromPure(internalAmplitudes));

    private static (int DetectorCount, int InputCount, int InternalModeCount) CheckTransfer(Complex[][,] transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        if (transfer.Length == 0)
            throw new ArgumentException("transfer needs one matrix per internal mode, at least one.", nameof(transfer));
        if (transfer[0] is null)
            throw new ArgumentException("transfer[0] is null.", nameof(transfer));
        int detectorCount = transfer[0].GetLength(0), inputCount = transfer[0].GetLength(1);
        if (detectorCount == 0 || inputCount == 0)
            throw new ArgumentException("transfer[0] must have at least one detector row and one input column.", nameof(transfer));
        for (int q = 0; q < transfer.Length; q++)
        {
            Complex[,] matrix = transfer[q] ?? throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"transfer[{q}] is null."), nameof(transfer));
            if (matrix.GetLength(0) != detectorCount || matrix.GetLength(1) != inputCount)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"transfer[{q}] is {matrix.GetLength(0)} × {matrix.GetLength(1)}; transfer[0] is {detectorCount} × {inputCount}."),
                    nameof(transfer));
            foreach (Complex entry in matrix)
            {
                if (!double.IsFinite(entry.Real) || !double.IsFinite(entry.Imaginary))
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"transfer[{q}] has a non-finite entry."), nameof(transfer));
            }
        }
        return (detectorCount, inputCount, transfer.Length);
    }

    private static List<PhotonComponents> CheckPhotons(IReadOnlyList<Complex[,]> photons, Complex[][,] transfer)
    {
        ArgumentNullException.ThrowIfNull(photons);
        if (photons.Count > MaxPhotons)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{photons.Count} photons; the oracle takes at most {MaxPhotons}."), nameof(photons));
        int dimension = transfer[0].GetLength(1) * transfer.Length;
        var components = new List<PhotonComponents>(photons.Count);
        for (int j = 0; j < photons.Count; j++)
        {
            Complex[,] density = photons[j] ?? throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Photon {j} is null."), nameof(photons));
            components.Add(EigenComponents(density, j, dimension));
        }
        return components;
    }

    private static PhotonComponents EigenComponents(Complex[,] density, int photon, int dimension)
    {
        if (density.GetLength(0) != dimension || density.GetLength(1) != dimension)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Photon {photon}'s density matrix is {density.GetLength(0)} × {density.GetLength(1)}; inputs × internal modes is {dimension}."),
                PhotonsParameter);
        Complex trace = Complex.Zero;
        for (int x = 0; x < dimension; x++)
        {
            trace += density[x, x];
            for (int y = 0; y < dimension; y++)
            {
                double asymmetry = (density[x, y] - Complex.Conjugate(density[y, x])).Magnitude;
                if (!(asymmetry <= DensityTolerance))
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"Photon {photon}'s density matrix is not Hermitian: |ρ[{x}, {y}] − conj ρ[{y}, {x}]| = {asymmetry:R} > {DensityTolerance:R}."),
                        PhotonsParameter);
            }
        }
        if (!(Math.Abs(trace.Real - 1) <= DensityTolerance))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Photon {photon}'s density matrix has trace {trace.Real:R}; it must be 1 within {DensityTolerance:R}."),
                PhotonsParameter);

        Matrix<Complex> rho = Matrix<Complex>.Build.DenseOfArray(density);
        var evd = ((rho + rho.ConjugateTranspose()) / 2).Evd(Symmetricity.Hermitian);
        var weights = new List<double>();
        var vectors = new List<Complex[]>();
        for (int c = 0; c < dimension; c++)
        {
            double eigenvalue = evd.EigenValues[c].Real;
            if (eigenvalue < -DensityTolerance)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Photon {photon}'s density matrix has eigenvalue {eigenvalue:R} < 0: it is not positive semidefinite."),
                    PhotonsParameter);
            if (eigenvalue <= NegligibleEigenvalue)
                continue;
            weights.Add(eigenvalue);
            vectors.Add(evd.EigenVectors.Column(c).ToArray());
        }

        // The oracle trusts no library silently: the kept components must rebuild ρ.
        for (int x = 0; x < dimension; x++)
        {
            for (int y = 0; y < dimension; y++)
            {
                Complex rebuilt = Complex.Zero;
                for (int c = 0; c < weights.Count; c++)
                    rebuilt += weights[c] * vectors[c][x] * Complex.Conjugate(vectors[c][y]);
                if ((rebuilt - density[x, y]).Magnitude > DensityTolerance)
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"The eigen-decomposition of photon {photon}'s density matrix does not rebuild ρ[{x}, {y}]."));
            }
        }
        return new PhotonComponents([.. weights], [.. vectors]);
    }

    /// <summary>N = Σ_c ∏_j λ_{j,c_j} ⟨Ψ_c|Ψ_c⟩, computed in the input modes, independently of the circuit.</summary>
    private static double InputNormalisation(List<PhotonComponents> components, int inputModeCount)
    {
        var inputBasis = new SymmetricFockBasis(inputModeCount, components.Count);
        var everyState = new int[inputBasis.StateCount(components.Count)];
        List<PhotonForms> inputForms = [.. components.Select(photon => new PhotonForms(photon.Weights, photon.InputAmplitudes))];
        return SumOverComponentChoices(inputBasis, inputForms, everyState, 1)[0];
    }

    private static Complex[] Apply(Complex[,] isometry, Complex[] inputAmplitudes)
    {
        var output = new Complex[isometry.GetLength(0)];
        for (int o = 0; o < output.Length; o++)
        {
            Complex sum = Complex.Zero;
            for (int x = 0; x < inputAmplitudes.Length; x++)
                sum += isometry[o, x] * inputAmplitudes[x];
            output[o] = sum;
        }
        return output;
    }

    /// <summary>
    /// Σ over component choices c of ∏_j λ_{j,c_j} Σ_{states n in a bin} |⟨n|∏_j F_{j,c_j}|0⟩|², F the linear forms
    /// Σ_o u(o) b†_o of the photons' components in the modes of <paramref name="basis"/>.
    /// </summary>
    /// <remarks>
    /// Photons 0 … n − 2 are enumerated depth first, so the partial product of photons 0 … j − 1 is shared by every
    /// choice for the later ones. The last photon is not enumerated: with P the product of the others and
    /// ⟨n|P·F_c|0⟩ = √(∏n!) Σ_{o ∈ n} P[n − o] u_c(o), the mixture over its components is
    /// Σ_c λ_c |Σ_o P[n − o] u_c(o)|² = Σ_{o,o'} P[n − o] conj(P[n − o']) R[o, o'] with R = Σ_c λ_c u_c u_c† its
    /// density matrix in these modes: one quadratic form of at most n × n terms per state instead of rank(ρ) products.
    /// Arithmetic is on real and imaginary parts apart because the test project builds unoptimised, where every
    /// Complex operator is a call.
    /// </remarks>
    private static double[] SumOverComponentChoices(SymmetricFockBasis basis, List<PhotonForms> photons, int[] binOfFinalState, int binCount)
    {
        int photonCount = photons.Count, modeCount = basis.ModeCount;
        var bins = new double[binCount];
        if (photonCount == 0)
        {
            bins[binOfFinalState[0]] = 1;
            return bins;
        }

        var realByLevel = new double[photonCount][];
        var imaginaryByLevel = new double[photonCount][];
        for (int level = 0; level < photonCount; level++)
        {
            realByLevel[level] = new double[basis.StateCount(level)];
            imaginaryByLevel[level] = new double[basis.StateCount(level)];
        }
        realByLevel[0][0] = 1;

        (int[] offsets, int[] predecessorModes, int[] predecessorStates) = basis.PredecessorTable(photonCount);
        var normSquaredOfState = new double[basis.StateCount(photonCount)];
        for (int state = 0; state < normSquaredOfState.Length; state++)
            normSquaredOfState[state] = basis.OccupationFactorialProduct(photonCount, state);
        PhotonForms last = photons[photonCount - 1];

        Expand(0, 1.0);
        return bins;

        void Expand(int level, double choiceWeight)
        {
            if (level == photonCount - 1)
            {
                AddLastPhoton(choiceWeight);
                return;
            }
            double[] real = realByLevel[level], imaginary = imaginaryByLevel[level];
            double[] nextReal = realByLevel[level + 1], nextImaginary = imaginaryByLevel[level + 1];
            ReadOnlySpan<int> successors = basis.Successors(level);
            PhotonForms photon = photons[level];
            for (int component = 0; component < photon.Weights.Length; component++)
            {
                Array.Clear(nextReal);
                Array.Clear(nextImaginary);
                SparseForm form = photon.Forms[component];
                for (int state = 0; state < real.Length; state++)
                {
                    double cr = real[state], ci = imaginary[state];
                    if (cr == 0 && ci == 0)
                        continue;
                    int row = state * modeCount;
                    for (int k = 0; k < form.Modes.Length; k++)
                    {
                        int target = successors[row + form.Modes[k]];
                        double ur = form.Real[k], ui = form.Imaginary[k];
                        nextReal[target] += cr * ur - ci * ui;
                        nextImaginary[target] += cr * ui + ci * ur;
                    }
                }
                Expand(level + 1, choiceWeight * photon.Weights[component]);
            }
        }

        void AddLastPhoton(double choiceWeight)
        {
            // Captured arrays are copied to locals once: the unoptimised build would reload them from the closure
            // in every iteration of this, the hottest loop.
            double[] real = realByLevel[photonCount - 1], imaginary = imaginaryByLevel[photonCount - 1];
            double[] densityReal = last.DensityReal, densityImaginary = last.DensityImaginary;
            int[] rowStarts = offsets, modes = predecessorModes, states = predecessorStates, binOf = binOfFinalState;
            double[] normSquared = normSquaredOfState, sums = bins;
            int size = modeCount;
            for (int state = 0; state < normSquared.Length; state++)
            {
                double quadraticForm = 0;
                int end = rowStarts[state + 1];
                for (int k = rowStarts[state]; k < end; k++)
                {
                    double ar = real[states[k]], ai = imaginary[states[k]];
                    int rowOffset = modes[k] * size;
                    quadraticForm += (ar * ar + ai * ai) * densityReal[rowOffset + modes[k]];
                    for (int l = k + 1; l < end; l++)
                    {
                        // the (k, l) and (l, k) terms are complex conjugates: 2 Re(a_k conj(a_l) R[o_k, o_l])
                        double br = real[states[l]], bi = imaginary[states[l]];
                        int entry = rowOffset + modes[l];
                        quadraticForm += 2 * ((ar * br + ai * bi) * densityReal[entry] - (ai * br - ar * bi) * densityImaginary[entry]);
                    }
                }
                sums[binOf[state]] += choiceWeight * normSquared[state] * quadraticForm;
            }
        }
    }

    /// <summary>The eigen-decomposition ρ_j = Σ_c λ_c |v_c⟩⟨v_c| with negligible components dropped.</summary>
    private sealed record PhotonComponents(double[] Weights, Complex[][] InputAmplitudes);

    /// <summary>
    /// A photon's components as linear forms in the modes of one basis, and its density matrix there,
    /// R = Σ_c λ_c u_c u_c† (row-major, M × M, real and imaginary parts apart).
    /// </summary>
    private sealed class PhotonForms
    {
        public PhotonForms(double[] weights, Complex[][] amplitudesByComponent)
        {
            Weights = weights;
            Forms = [.. amplitudesByComponent.Select(SparseForm.Of)];
            int modeCount = amplitudesByComponent.Length == 0 ? 0 : amplitudesByComponent[0].Length;
            DensityReal = new double[modeCount * modeCount];
            DensityImaginary = new double[modeCount * modeCount];
            for (int c = 0; c < weights.Length; c++)
            {
                Complex[] u = amplitudesByComponent[c];
                for (int o = 0; o < modeCount; o++)
                {
                    for (int p = 0; p < modeCount; p++)
                    {
                        Complex entry = weights[c] * u[o] * Complex.Conjugate(u[p]);
                        DensityReal[o * modeCount + p] += entry.Real;
                        DensityImaginary[o * modeCount + p] += entry.Imaginary;
                    }
                }
            }
        }

        public double[] Weights { get; }

        public SparseForm[] Forms { get; }

        public double[] DensityReal { get; }

        public double[] DensityImaginary { get; }
    }

    /// <summary>A linear form Σ_o u(o) b†_o with its zero coefficients left out.</summary>
    private sealed record SparseForm(int[] Modes, double[] Real, double[] Imaginary)
    {
        public static SparseForm Of(Complex[] coefficients)
        {
            int[] modes = [.. Enumerable.Range(0, coefficients.Length).Where(o => coefficients[o] != Complex.Zero)];
            return new SparseForm(modes, [.. modes.Select(o => coefficients[o].Real)], [.. modes.Select(o => coefficients[o].Imaginary)]);
        }
    }
}
