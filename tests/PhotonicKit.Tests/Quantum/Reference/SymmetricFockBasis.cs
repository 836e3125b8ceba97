namespace PhotonicKit.Tests.Quantum.Reference;

/// <summary>
/// The bosonic Fock basis of up to <see cref="PhotonCount"/> photons in <see cref="ModeCount"/> modes, level by level.
/// A basis state with k photons is the sorted tuple (o₁ ≤ … ≤ o_k) of the modes its photons occupy, i.e. the
/// monomial b†_{o₁}⋯b†_{o_k}|0⟩ of commuting creation operators. Multiplying a state of level k − 1 by one
/// creation operator b†_o is a table look-up (<see cref="Successors"/>), so a product of linear forms
/// ∏_j (Σ_o u_j(o) b†_o)|0⟩ is built one factor at a time in arrays of size C(M + k − 1, k); the inverse table
/// (<see cref="PredecessorTable"/>) reads off the coefficients of the last factor's product directly.
/// </summary>
/// <remarks>
/// Coefficients kept in this basis are those of the monomials, not of normalised Fock states:
/// b†_{o₁}⋯b†_{o_k}|0⟩ = √(∏_o n_o!) |n⟩, so the probability of |n⟩ is |c|² ∏_o n_o!
/// (<see cref="OccupationFactorialProduct"/>).
/// </remarks>
internal sealed class SymmetricFockBasis
{
    // Each mode takes one byte of a packed key, which is unique within a level because all tuples of one level
    // have the same length.
    private const int BitsPerMode = 8;

    private readonly int[][][] _tuplesByLevel;
    private readonly int[][] _successorsByLevel;
    private readonly int[][] _predecessorOffsetsByLevel;
    private readonly int[][] _predecessorStatesByLevel;
    private readonly int[][] _predecessorModesByLevel;

    /// <summary>Builds every level 0 … <paramref name="photonCount"/> and the tables that link them.</summary>
    /// <param name="modeCount">M, 1 ≤ M &lt; 256.</param>
    /// <param name="photonCount">The highest level, 0 ≤ n ≤ 8.</param>
    public SymmetricFockBasis(int modeCount, int photonCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(modeCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(modeCount, 1 << BitsPerMode);
        ArgumentOutOfRangeException.ThrowIfNegative(photonCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(photonCount, 64 / BitsPerMode);
        ModeCount = modeCount;
        PhotonCount = photonCount;

        _tuplesByLevel = new int[photonCount + 1][][];
        _tuplesByLevel[0] = [[]];
        _successorsByLevel = new int[photonCount][];
        _predecessorOffsetsByLevel = new int[photonCount + 1][];
        _predecessorStatesByLevel = new int[photonCount + 1][];
        _predecessorModesByLevel = new int[photonCount + 1][];
        _predecessorOffsetsByLevel[0] = [0, 0];
        _predecessorStatesByLevel[0] = [];
        _predecessorModesByLevel[0] = [];
        for (int level = 1; level <= photonCount; level++)
        {
            // Appending only modes ≥ the last one enumerates each sorted tuple exactly once.
            var tuples = new List<int[]>();
            foreach (int[] shorter in _tuplesByLevel[level - 1])
            {
                int first = shorter.Length == 0 ? 0 : shorter[^1];
                for (int mode = first; mode < modeCount; mode++)
                    tuples.Add([.. shorter, mode]);
            }
            _tuplesByLevel[level] = [.. tuples];

            var indexByKey = new Dictionary<ulong, int>(tuples.Count);
            for (int index = 0; index < tuples.Count; index++)
                indexByKey.Add(PackedKey(tuples[index]), index);

            int[][] previous = _tuplesByLevel[level - 1];
            var successors = new int[previous.Length * modeCount];
            var extended = new int[level];
            for (int index = 0; index < previous.Length; index++)
            {
                for (int mode = 0; mode < modeCount; mode++)
                {
                    InsertSorted(previous[index], mode, extended);
                    successors[index * modeCount + mode] = indexByKey[PackedKey(extended)];
                }
            }
            _successorsByLevel[level - 1] = successors;
            BuildPredecessors(level, previous.Length, tuples.Count, successors);
        }
    }

    /// <summary>M, the number of modes.</summary>
    public int ModeCount { get; }

    /// <summary>n, the highest level built.</summary>
    public int PhotonCount { get; }

    /// <summary>The number of basis states with <paramref name="level"/> photons, C(M + k − 1, k).</summary>
    public int StateCount(int level) => _tuplesByLevel[level].Length;

    /// <summary>The sorted modes occupied by basis state <paramref name="index"/> of <paramref name="level"/>.</summary>
    public IReadOnlyList<int> OccupiedModes(int level, int index) => _tuplesByLevel[level][index];

    /// <summary>
    /// The table b†_o · state: entry [index · M + o] is the index at level <paramref name="fromLevel"/> + 1 of the
    /// monomial obtained by multiplying state <paramref name="index"/> of <paramref name="fromLevel"/> by b†_o.
    /// </summary>
    public ReadOnlySpan<int> Successors(int fromLevel) => _successorsByLevel[fromLevel];

    /// <summary>
    /// The inverse of <see cref="Successors"/>: for each state F of <paramref name="level"/> and each distinct mode o it
    /// occupies, the index at level − 1 of F with one photon fewer in o. The coefficient of F in P · Σ_o u(o) b†_o is
    /// therefore Σ over these pairs of P[F − o] u(o). Compressed rows: the pairs of F are entries
    /// offsets[F] … offsets[F + 1] − 1 of modes and states.
    /// </summary>
    public (int[] Offsets, int[] Modes, int[] States) PredecessorTable(int level) =>
        (_predecessorOffsetsByLevel[level], _predecessorModesByLevel[level], _predecessorStatesByLevel[level]);

    /// <summary>∏_o n_o! of a basis state: the squared norm of its monomial b†_{o₁}⋯b†_{o_k}|0⟩.</summary>
    public double OccupationFactorialProduct(int level, int index)
    {
        int[] modes = _tuplesByLevel[level][index];
        double product = 1;
        int run = 0;
        for (int position = 0; position < modes.Length; position++)
        {
            // modes are sorted, so a mode occupied r times is a run of length r and contributes r!
            run = position > 0 && modes[position] == modes[position - 1] ? run + 1 : 1;
            product *= run;
        }
        return product;
    }

    // Inverts the successor table: S · b†_o = F makes (o, S) a predecessor pair of F, once per distinct mode of F.
    private void BuildPredecessors(int level, int previousCount, int stateCount, int[] successors)
    {
        var offsets = new int[stateCount + 1];
        foreach (int state in successors)
            offsets[state + 1]++;
        for (int state = 0; state < stateCount; state++)
            offsets[state + 1] += offsets[state];
        var modes = new int[successors.Length];
        var states = new int[successors.Length];
        var filled = new int[stateCount];
        for (int previous = 0; previous < previousCount; previous++)
        {
            for (int mode = 0; mode < ModeCount; mode++)
            {
                int state = successors[previous * ModeCount + mode];
                int slot = offsets[state] + filled[state]++;
                modes[slot] = mode;
                states[slot] = previous;
            }
        }
        _predecessorOffsetsByLevel[level] = offsets;
        _predecessorModesByLevel[level] = modes;
        _predecessorStatesByLevel[level] = states;
    }

    private static void InsertSorted(int[] sorted, int mode, int[] destination)
    {
        int position = 0;
        while (position < sorted.Length && sorted[position] <= mode)
        {
            destination[position] = sorted[position];
            position++;
        }
        destination[position] = mode;
        for (; position < sorted.Length; position++)
            destination[position + 1] = sorted[position];
    }

    private static ulong PackedKey(int[] sortedModes)
    {
        ulong key = 0;
        foreach (int mode in sortedModes)
            key = (key << BitsPerMode) | (uint)mode;
        return key;
    }
}
