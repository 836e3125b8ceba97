using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Numerics.Tensors;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Solver;

/// <summary>
/// The exact network solver, split into a symbolic phase done once per topology (this object) and a numeric
/// phase done per wavelength (<see cref="Solve"/>).
/// </summary>
/// <remarks>
/// <para>Unknowns are the incoming amplitudes a of the connected block ports. Outgoing amplitudes are
/// b = S_block·a and a connection p–q sets a_p = b_q, a_q = b_p, so with P the connection permutation
/// (I − P·S_ii)·a_i = P·S_ie·a_e and the network's matrix is S = S_ee + S_ei (I − P·S_ii)⁻¹ P·S_ie
/// (the connection-scattering formulation of K. C. Gupta, R. Garg, R. Chadha, <i>Computer-Aided Design of
/// Microwave Circuits</i>, Artech House 1981, ch. 3; used for photonics by Caphe and SAX).</para>
/// <para>The solver writes the bordered matrix M = [[I − P S_ii, −P S_ie], [S_ei, S_ee]] and eliminates the
/// internal variables in a fill-reducing order (greedy Markowitz / minimum degree), leaving the Schur
/// complement S_ee + S_ei (I − P S_ii)⁻¹ P S_ie in the external block. The elimination order, the fill
/// pattern and every multiply–subtract are compiled into index arrays here; the numeric phase only walks
/// them. Pivots are not chosen at numeric time: a pivot smaller than 1e−12 times its row/column scale sends
/// that wavelength to the dense reference (<see cref="DenseNetworkSolver"/>), and a network that is singular
/// there too raises <see cref="SingularNetworkException"/>. See docs/solver.md.</para>
/// <para>A plan is immutable: one plan may serve concurrent <see cref="Solve"/> calls.</para>
/// </remarks>
public sealed class SolvePlan
{
    /// <summary>Relative pivot threshold: a pivot below this times its row/column scale is treated as zero.</summary>
    public const double PivotTolerance = 1e-12;

    private readonly NetworkPorts _ports;
    private readonly bool[][]? _patterns;
    private readonly List<int>[] _rowPattern;

    // Assembly: per block, a run of (entry offset in the block's n×n matrix, destination position, sign ±1).
    private readonly int[] _asmBlockStart;
    private readonly int[] _asmOffset;
    private readonly int[] _asmPosition;
    private readonly double[] _asmSign;
    private readonly int[] _identityPositions;

    // Row and column of each assembled block entry, for the pivot scales.
    private readonly int[] _asmRow;
    private readonly int[] _asmColumn;

    // Elimination program.
    private readonly int[] _stepVariable;
    private readonly int[] _stepPivot;
    private readonly int[] _stepRowStart;
    private readonly int[] _stepColumnStart;
    private readonly long[] _stepTargetStart;
    private readonly int[] _lowerPositions;
    private readonly int[] _upperPositions;
    private readonly int[] _targets;

    private readonly int[] _externalPositions;

    private SolvePlan(NetworkTopology topology, bool[][]? patterns)
    {
        Topology = topology;
        _ports = new NetworkPorts(topology);
        _patterns = patterns;
        if (patterns is not null)
        {
            if (patterns.Length != _ports.BlockCount)
                throw new ArgumentException($"{patterns.Length} sparsity patterns were given for {_ports.BlockCount} blocks", nameof(patterns));
            for (int b = 0; b < patterns.Length; b++)
            {
                int np = _ports.BlockOffset[b + 1] - _ports.BlockOffset[b];
                if (patterns[b] is null || patterns[b].Length != np * np)
                    throw new ArgumentException($"the sparsity pattern of block {b} must have {np * np} entries (its {np} × {np} matrix, row-major)", nameof(patterns));
            }
        }
        _rowPattern = _ports.RowPattern(patterns);

        int n = _ports.VariableCount, ni = _ports.InternalCount;
        var pattern = new EliminationPattern(n);
        for (int v = 0; v < n; v++)
            foreach (int x in _rowPattern[v]) pattern.Add(v, x);

        // Assembly program, grouped by block so each block's matrix is read in one pass.
        var asmOffset = new List<int>();
        var asmPosition = new List<int>();
        var asmSign = new List<double>();
        var asmRow = new List<int>();
        var asmColumn = new List<int>();
        _asmBlockStart = new int[_ports.BlockCount + 1];
        var rowOfSource = new int[_ports.BlockOffset[^1]];
        Array.Fill(rowOfSource, -1);
        for (int v = 0; v < n; v++) rowOfSource[_ports.SourcePort(v)] = v;
        for (int b = 0; b < _ports.BlockCount; b++)
        {
            int first = _ports.BlockOffset[b], np = _ports.BlockOffset[b + 1] - first;
            for (int o = 0; o < np; o++)
            {
                int v = rowOfSource[first + o];
                if (v < 0) continue;
                for (int i = 0; i < np; i++)
                {
                    int x = _ports.VariableOfPort[first + i];
                    if (x < 0 || (patterns is not null && !patterns[b][o * np + i])) continue;
                    asmOffset.Add(o * np + i);
                    asmPosition.Add(pattern.Find(v, x));
                    asmSign.Add(v < ni ? -1.0 : 1.0);
                    asmRow.Add(v);
                    asmColumn.Add(x);
                }
            }
            _asmBlockStart[b + 1] = asmOffset.Count;
        }
        _asmOffset = asmOffset.ToArray();
        _asmPosition = asmPosition.ToArray();
        _asmSign = asmSign.ToArray();
        _asmRow = asmRow.ToArray();
        _asmColumn = asmColumn.ToArray();
        _identityPositions = new int[ni];
        for (int v = 0; v < ni; v++) _identityPositions[v] = pattern.Find(v, v);

        // Symbolic elimination with a greedy Markowitz order: (rows − 1)(columns − 1) of each remaining
        // internal diagonal, ties by variable index so the plan is the same on every run.
        var eliminated = new bool[n];
        var cost = new long[ni];
        var queue = new PriorityQueue<int, (long Cost, int Variable)>(ni);
        for (int v = 0; v < ni; v++)
        {
            cost[v] = Markowitz(v);
            queue.Enqueue(v, (cost[v], v));
        }
        _stepVariable = new int[ni];
        _stepPivot = new int[ni];
        _stepRowStart = new int[ni + 1];
        _stepColumnStart = new int[ni + 1];
        _stepTargetStart = new long[ni + 1];
        var lower = new List<int>(2 * n);
        var upper = new List<int>(2 * n);
        var targets = new List<int>(4 * n);
        var rows = new int[16];
        var cols = new int[16];
        var colPositions = new int[16];
        for (int step = 0; step < ni; step++)
        {
            int k;
            while (true)
            {
                queue.TryDequeue(out k, out var priority);
                if (!eliminated[k] && priority.Cost == cost[k]) break;
            }
            eliminated[k] = true;
            int nr = 0, nc = 0, pivot = -1;
            EnsureLength(ref rows, pattern.ColumnLength(k));
            EnsureLength(ref cols, pattern.RowLength(k));
            EnsureLength(ref colPositions, pattern.RowLength(k));
            foreach (int r in pattern.ColumnRows(k)) if (r != k) rows[nr++] = r;
            var rowColumns = pattern.RowColumns(k);
            var rowPositions = pattern.RowPositions(k);
            for (int i = 0; i < rowColumns.Length; i++)
            {
                if (rowColumns[i] == k) pivot = rowPositions[i];
                else
                {
                    cols[nc] = rowColumns[i];
                    colPositions[nc++] = rowPositions[i];
                }
            }
            Array.Sort(rows, 0, nr);
            Array.Sort(cols, colPositions, 0, nc);
            _stepVariable[step] = k;
            _stepPivot[step] = pivot;
            for (int j = 0; j < nc; j++) upper.Add(colPositions[j]);
            for (int a = 0; a < nr; a++)
            {
                int r = rows[a];
                pattern.Scatter(r);
                lower.Add(pattern.FindScattered(k));
                for (int j = 0; j < nc; j++)
                {
                    int pos = pattern.FindScattered(cols[j]);
                    if (pos < 0) pos = pattern.Add(r, cols[j]);
                    targets.Add(pos);
                }
                pattern.RemoveFromRow(r, k);
                if (targets.Count > Array.MaxLength / 2)
                    throw new InvalidOperationException($"the elimination of this network needs more than {Array.MaxLength / 2} operations per wavelength; it is too densely connected for the sparse solver");
            }
            for (int j = 0; j < nc; j++) pattern.RemoveFromColumn(cols[j], k);
            pattern.Clear(k);
            _stepRowStart[step + 1] = lower.Count;
            _stepColumnStart[step + 1] = upper.Count;
            _stepTargetStart[step + 1] = targets.Count;
            for (int a = 0; a < nr; a++) Requeue(rows[a]);
            for (int j = 0; j < nc; j++) Requeue(cols[j]);
        }
        _lowerPositions = lower.ToArray();
        _upperPositions = upper.ToArray();
        _targets = targets.ToArray();
        StoredEntries = pattern.Count;
        OperationCount = targets.Count;

        int m = _ports.ExternalCount;
        _externalPositions = new int[m * m];
        for (int e = 0; e < m; e++)
            for (int f = 0; f < m; f++)
                _externalPositions[e * m + f] = pattern.Find(ni + e, ni + f);
        Renumber();

        // Storage positions in order of first use by the numeric program, so that each step touches nearby
        // memory (the symbolic phase numbers fill in creation order, scattered over the whole matrix).
        void Renumber()
        {
            var map = new int[StoredEntries];
            Array.Fill(map, -1);
            int next = 0;
            void Visit(int[] array)
            {
                for (int i = 0; i < array.Length; i++)
                {
                    if (array[i] < 0) continue;
                    if (map[array[i]] < 0) map[array[i]] = next++;
                    array[i] = map[array[i]];
                }
            }
            Visit(_asmPosition);
            Visit(_identityPositions);
            // The elimination steps in order: pivot, lower, upper, targets of each.
            for (int step = 0; step < ni; step++)
            {
                Touch(ref _stepPivot[step]);
                for (int a = _stepRowStart[step]; a < _stepRowStart[step + 1]; a++) Touch(ref _lowerPositions[a]);
                for (int j = _stepColumnStart[step]; j < _stepColumnStart[step + 1]; j++) Touch(ref _upperPositions[j]);
                for (long t = _stepTargetStart[step]; t < _stepTargetStart[step + 1]; t++) Touch(ref _targets[t]);
            }
            Visit(_externalPositions);

            void Touch(ref int position)
            {
                if (map[position] < 0) map[position] = next++;
                position = map[position];
            }
        }

        long Markowitz(int v) => (long)(pattern.RowLength(v) - 1) * (pattern.ColumnLength(v) - 1);

        static void EnsureLength(ref int[] array, int length)
        {
            if (array.Length < length) array = new int[Math.Max(length, 2 * array.Length)];
        }

        void Requeue(int v)
        {
            if (v >= ni || eliminated[v]) return;
            long c = Markowitz(v);
            if (c == cost[v]) return;
            cost[v] = c;
            queue.Enqueue(v, (c, v));
        }
    }

    /// <summary>The topology this plan solves.</summary>
    public NetworkTopology Topology { get; }

    /// <summary>Number of connected block ports (unknowns eliminated per wavelength).</summary>
    public int InternalPortCount => _ports.InternalCount;

    /// <summary>Number of external ports (size of the result matrix).</summary>
    public int ExternalPortCount => _ports.ExternalCount;

    /// <summary>Entries stored per wavelength: the network matrix plus the fill created by the elimination.</summary>
    public int StoredEntries { get; }

    /// <summary>Complex multiply–subtract operations per wavelength in the elimination.</summary>
    public long OperationCount { get; }

    /// <summary>Creates the plan for a topology with every block matrix treated as dense.</summary>
    /// <param name="topology">Port counts, connections and external ports.</param>
    public static SolvePlan Create(NetworkTopology topology) => new(topology, null);

    /// <summary>
    /// Creates the plan for a topology whose block matrices are zero outside known patterns (a waveguide has
    /// no reflection, a directional coupler no same-side coupling), which halves the work on typical circuits.
    /// </summary>
    /// <param name="topology">Port counts, connections and external ports.</param>
    /// <param name="patterns">For each block, its n×n row-major pattern (<c>[out·n + in]</c>), true where the
    /// entry may be nonzero. <see cref="Solve"/> refuses blocks with a nonzero entry outside it.</param>
    public static SolvePlan Create(NetworkTopology topology, IReadOnlyList<bool[]> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        return new(topology, patterns.Select(p => p?.ToArray()!).ToArray());
    }

    /// <summary>The pattern of nonzero entries of a sweep: true where S[out, in] ≠ 0 at any wavelength.</summary>
    public static bool[] PatternOf(SMatrixSweep block)
    {
        ArgumentNullException.ThrowIfNull(block);
        int nn = block.PortCount * block.PortCount;
        var pattern = new bool[nn];
        for (int k = 0; k < block.WavelengthCount; k++)
        {
            var re = block.Real(k);
            var im = block.Imaginary(k);
            for (int j = 0; j < nn; j++)
                if (re[j] != 0 || im[j] != 0) pattern[j] = true;
        }
        return pattern;
    }

    /// <summary>
    /// Computes the network's S-matrix over its external ports at every wavelength of the blocks' grid.
    /// Wavelengths are solved independently and in parallel; the result does not depend on the core count.
    /// </summary>
    /// <param name="blocks">One sweep per block, in topology order, all on the same wavelength grid.</param>
    /// <param name="externalNames">Names of the external ports, in topology order.</param>
    /// <param name="maxDegreeOfParallelism">Cores to use; −1 (or any value ≤ 0) for all.</param>
    /// <exception cref="SingularNetworkException">The network has no unique solution at some wavelength
    /// (the first such wavelength is reported, with the blocks on the loop).</exception>
    public SMatrixSweep Solve(IReadOnlyList<SMatrixSweep> blocks, IReadOnlyList<string> externalNames, int maxDegreeOfParallelism = -1) =>
        SolveCore(blocks, externalNames, maxDegreeOfParallelism, patternsFromBlocks: false);

    /// <summary>As <see cref="Solve"/>; with <paramref name="patternsFromBlocks"/> the plan's patterns are
    /// known to come from these blocks, so only finiteness is checked.</summary>
    internal SMatrixSweep SolveCore(IReadOnlyList<SMatrixSweep> blocks, IReadOnlyList<string> externalNames, int maxDegreeOfParallelism, bool patternsFromBlocks)
    {
        var grid = _ports.CheckBlocks(blocks, externalNames);
        CheckValues(blocks, patternsFromBlocks);
        int wavelengths = grid.Length;
        var result = new SMatrixSweep(externalNames, grid);
        var failedStep = new int[wavelengths];
        if (wavelengths <= 1 || maxDegreeOfParallelism == 1)
        {
            var ws = new Workspace(this);
            for (int k = 0; k < wavelengths; k++) SolveChecked(k, ws);
        }
        else
        {
            // One workspace per worker; workers take the next wavelength from a shared counter. Which worker
            // solves a wavelength does not change its arithmetic, so the result is the same on any core count.
            int workers = Math.Min(wavelengths, maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount);
            int next = -1;
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
            {
                var ws = new Workspace(this);
                for (int k = Interlocked.Increment(ref next); k < wavelengths; k = Interlocked.Increment(ref next))
                    SolveChecked(k, ws);
            });
        }
        // Small pivots: retry each such wavelength with the pivoting dense solver, in wavelength order, so
        // the exception (if any) is the same whatever the core count.
        for (int k = 0; k < wavelengths; k++)
        {
            if (failedStep[k] < 0) continue;
            int variable = _stepVariable[failedStep[k]];
            if (_ports.InternalCount > DenseNetworkSolver.MaxInternalPorts)
                throw Singular(variable, grid[k],
                    $"a pivot of the network equations vanished (below {PivotTolerance.ToString(CultureInfo.InvariantCulture)} relative) and the network, with {_ports.InternalCount} internal ports, is too large for the pivoting dense check (at most {DenseNetworkSolver.MaxInternalPorts})");
            if (!DenseNetworkSolver.TrySolveAt(_ports, blocks, k, result.Real(k), result.Imaginary(k), out _))
                throw Singular(variable, grid[k], "the network equations are singular (a lossless closed loop on resonance has no steady state)");
        }
        return result;

        void SolveChecked(int k, Workspace ws) => failedStep[k] = SolveAt(blocks, k, ws, result);
    }

    private SingularNetworkException Singular(int variable, double wavelengthNm, string why)
    {
        var blocks = _ports.LoopBlocks(variable, _rowPattern);
        string list = string.Join(", ", blocks.Select(b => b.ToString(CultureInfo.InvariantCulture)));
        return new SingularNetworkException(blocks, wavelengthNm,
            $"at {wavelengthNm.ToString("R", CultureInfo.InvariantCulture)} nm {why}; blocks on the loop: {list}");
    }

    /// <summary>
    /// Rejects a non-finite entry anywhere in the blocks, or (unless the patterns were taken from these very
    /// blocks) a nonzero outside the plan's patterns. Each block's storage is one contiguous run over all
    /// wavelengths (<see cref="SMatrixSweep"/> remarks), checked with a vectorised scan.
    /// </summary>
    private void CheckValues(IReadOnlyList<SMatrixSweep> blocks, bool patternsFromBlocks)
    {
        for (int b = 0; b < blocks.Count; b++)
        {
            var s = blocks[b];
            int nn = s.PortCount * s.PortCount;
            if (nn == 0 || s.WavelengthCount == 0) continue;
            var re = MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetReference(s.Real(0)), nn * s.WavelengthCount);
            var im = MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetReference(s.Imaginary(0)), nn * s.WavelengthCount);
            var pattern = patternsFromBlocks ? null : _patterns?[b];
            if (TensorPrimitives.IsFiniteAll(re) && TensorPrimitives.IsFiniteAll(im) && pattern is null) continue;
            for (int j = 0, entry = 0; j < re.Length; j++, entry = entry + 1 == nn ? 0 : entry + 1)
            {
                if (!double.IsFinite(re[j]) || !double.IsFinite(im[j]))
                    throw new ArgumentException($"block {b} has a non-finite S-matrix entry {Where(s, j)}", nameof(blocks));
                if (pattern is not null && !pattern[entry] && (re[j] != 0 || im[j] != 0))
                    throw new ArgumentException($"block {b} has a nonzero {Where(s, j)} outside the sparsity pattern the plan was made with", nameof(blocks));
            }
        }
    }

    private static string Where(SMatrixSweep s, int flatIndex)
    {
        int nn = s.PortCount * s.PortCount, entry = flatIndex % nn;
        return $"S[{entry / s.PortCount}, {entry % s.PortCount}] at {s.WavelengthsNm[flatIndex / nn].ToString("R", CultureInfo.InvariantCulture)} nm";
    }

    /// <summary>Numeric phase at one wavelength; returns −1 on success or the elimination step whose pivot vanished.</summary>
    private int SolveAt(IReadOnlyList<SMatrixSweep> blocks, int k, Workspace ws, SMatrixSweep result)
    {
        var re = ws.Re;
        var im = ws.Im;
        Array.Clear(re);
        Array.Clear(im);
        foreach (int p in _identityPositions) re[p] = 1;

        // Assembly, and the pivot scales: the largest term that entered each row and column, the identity
        // included, so that 1 − e^{i2πk} (a cancellation to rounding level) counts as a vanished pivot.
        var scale = ws.Scale;
        scale.AsSpan(0, _ports.InternalCount).Fill(1);
        scale.AsSpan(_ports.InternalCount).Clear();
        for (int b = 0; b < blocks.Count; b++)
        {
            int start = _asmBlockStart[b], end = _asmBlockStart[b + 1];
            if (start == end) continue;
            ReadOnlySpan<double> sr = blocks[b].Real(k), si = blocks[b].Imaginary(k);
            for (int j = start; j < end; j++)
            {
                int pos = _asmPosition[j], off = _asmOffset[j];
                double xr = sr[off], xi = si[off], sign = _asmSign[j];
                re[pos] += sign * xr;
                im[pos] += sign * xi;
                double a2 = xr * xr + xi * xi;
                int r = _asmRow[j], c = _asmColumn[j];
                if (a2 > scale[r]) scale[r] = a2;
                if (a2 > scale[c]) scale[c] = a2;
            }
        }

        int failed = Eliminate(re, im, scale);
        if (failed >= 0) return failed;

        int m = _ports.ExternalCount;
        var outRe = result.Real(k);
        var outIm = result.Imaginary(k);
        for (int j = 0; j < m * m; j++)
        {
            int pos = _externalPositions[j];
            outRe[j] = pos < 0 ? 0 : re[pos];
            outIm[j] = pos < 0 ? 0 : im[pos];
        }
        return -1;
    }

    private int Eliminate(double[] re, double[] im, double[] scale)
    {
        const double tolerance2 = PivotTolerance * PivotTolerance;
        // Every position in the program is below StoredEntries (the workspace length) by construction, so the
        // inner loop reads and writes through unchecked references.
        ref double reBase = ref MemoryMarshal.GetArrayDataReference(re);
        ref double imBase = ref MemoryMarshal.GetArrayDataReference(im);
        ref int lower = ref MemoryMarshal.GetArrayDataReference(_lowerPositions);
        ref int upper = ref MemoryMarshal.GetArrayDataReference(_upperPositions);
        ref int targets = ref MemoryMarshal.GetArrayDataReference(_targets);
        for (int step = 0; step < _stepVariable.Length; step++)
        {
            int p = _stepPivot[step];
            double pr = re[p], pi = im[p];
            double m2 = pr * pr + pi * pi;
            if (!(m2 >= tolerance2 * scale[_stepVariable[step]]) || m2 == 0) return step;
            double ir = pr / m2, ii = -pi / m2;
            int r0 = _stepRowStart[step], r1 = _stepRowStart[step + 1];
            int c0 = _stepColumnStart[step], nc = _stepColumnStart[step + 1] - c0;
            nint t = (nint)_stepTargetStart[step];
            ref int up = ref Unsafe.Add(ref upper, c0);
            for (int a = r0; a < r1; a++, t += nc)
            {
                int lp = Unsafe.Add(ref lower, a);
                double xr = Unsafe.Add(ref reBase, lp), xi = Unsafe.Add(ref imBase, lp);
                if (xr == 0 && xi == 0) continue;
                double lr = xr * ir - xi * ii, li = xr * ii + xi * ir;
                ref int tgt = ref Unsafe.Add(ref targets, t);
                for (int c = 0; c < nc; c++)
                {
                    int u = Unsafe.Add(ref up, c), d = Unsafe.Add(ref tgt, c);
                    double ur = Unsafe.Add(ref reBase, u), ui = Unsafe.Add(ref imBase, u);
                    Unsafe.Add(ref reBase, d) -= lr * ur - li * ui;
                    Unsafe.Add(ref imBase, d) -= lr * ui + li * ur;
                }
            }
        }
        return -1;
    }

    private sealed class Workspace(SolvePlan plan)
    {
        public readonly double[] Re = new double[plan.StoredEntries];
        public readonly double[] Im = new double[plan.StoredEntries];
        public readonly double[] Scale = new double[plan._ports.VariableCount];
    }
}
