using System.Globalization;
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
/// </remarks>
public sealed class SolvePlan
{
    /// <summary>Relative pivot threshold: a pivot below this times its row/column scale is treated as zero.</summary>
    public const double PivotTolerance = 1e-12;

    private readonly NetworkPorts _ports;
    private readonly bool[][]? _patterns;
    private readonly List<int>[] _rowPattern;

    // Assembly: per block, a run of (entry offset in the block's n×n matrix, destination position, negate).
    private readonly int[] _asmBlockStart;
    private readonly int[] _asmOffset;
    private readonly int[] _asmPosition;
    private readonly bool[] _asmNegate;
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
        var rowSets = new HashSet<int>[n];
        var columnSets = new HashSet<int>[n];
        for (int v = 0; v < n; v++)
        {
            rowSets[v] = [];
            columnSets[v] = [];
        }
        var positions = new Dictionary<long, int>();
        for (int v = 0; v < n; v++)
            foreach (int x in _rowPattern[v])
            {
                positions[Key(v, x, n)] = positions.Count;
                columnSets[v].Add(x);
                rowSets[x].Add(v);
            }

        // Assembly program, grouped by block so each block's matrix is read in one pass.
        var asmOffset = new List<int>();
        var asmPosition = new List<int>();
        var asmNegate = new List<bool>();
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
                    asmPosition.Add(positions[Key(v, x, n)]);
                    asmNegate.Add(v < ni);
                    asmRow.Add(v);
                    asmColumn.Add(x);
                }
            }
            _asmBlockStart[b + 1] = asmOffset.Count;
        }
        _asmOffset = asmOffset.ToArray();
        _asmPosition = asmPosition.ToArray();
        _asmNegate = asmNegate.ToArray();
        _asmRow = asmRow.ToArray();
        _asmColumn = asmColumn.ToArray();
        _identityPositions = new int[ni];
        for (int v = 0; v < ni; v++) _identityPositions[v] = positions[Key(v, v, n)];

        // Symbolic elimination with a greedy Markowitz order: (rows − 1)(columns − 1) of each remaining
        // internal diagonal, ties by variable index so the plan is the same on every run.
        var eliminated = new bool[n];
        var cost = new long[ni];
        var queue = new PriorityQueue<int, (long Cost, int Variable)>();
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
        var lower = new List<int>();
        var upper = new List<int>();
        var targets = new List<int>();
        var rows = new List<int>();
        var cols = new List<int>();
        for (int step = 0; step < ni; step++)
        {
            int k;
            while (true)
            {
                queue.TryDequeue(out k, out var priority);
                if (!eliminated[k] && priority.Cost == cost[k]) break;
            }
            eliminated[k] = true;
            rows.Clear();
            cols.Clear();
            foreach (int r in rowSets[k]) if (r != k) rows.Add(r);
            foreach (int c in columnSets[k]) if (c != k) cols.Add(c);
            rows.Sort();
            cols.Sort();
            _stepVariable[step] = k;
            _stepPivot[step] = positions[Key(k, k, n)];
            foreach (int r in rows) lower.Add(positions[Key(r, k, n)]);
            foreach (int c in cols) upper.Add(positions[Key(k, c, n)]);
            foreach (int r in rows)
                foreach (int c in cols)
                {
                    long key = Key(r, c, n);
                    if (!positions.TryGetValue(key, out int pos))
                    {
                        pos = positions.Count;
                        positions.Add(key, pos);
                        columnSets[r].Add(c);
                        rowSets[c].Add(r);
                    }
                    targets.Add(pos);
                }
            if (targets.Count > Array.MaxLength / 2)
                throw new InvalidOperationException($"the elimination of this network needs more than {Array.MaxLength / 2} operations per wavelength; it is too densely connected for the sparse solver");
            foreach (int r in rows) columnSets[r].Remove(k);
            foreach (int c in cols) rowSets[c].Remove(k);
            rowSets[k].Clear();
            columnSets[k].Clear();
            _stepRowStart[step + 1] = lower.Count;
            _stepColumnStart[step + 1] = upper.Count;
            _stepTargetStart[step + 1] = targets.Count;
            foreach (int r in rows) Requeue(r);
            foreach (int c in cols) Requeue(c);
        }
        _lowerPositions = lower.ToArray();
        _upperPositions = upper.ToArray();
        _targets = targets.ToArray();
        StoredEntries = positions.Count;
        OperationCount = targets.Count;

        int m = _ports.ExternalCount;
        _externalPositions = new int[m * m];
        for (int e = 0; e < m; e++)
            for (int f = 0; f < m; f++)
                _externalPositions[e * m + f] = positions.TryGetValue(Key(ni + e, ni + f, n), out int pos) ? pos : -1;

        long Markowitz(int v) => (long)(rowSets[v].Count - 1) * (columnSets[v].Count - 1);

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
    /// <param name="maxDegreeOfParallelism">Cores to use; −1 for all.</param>
    /// <exception cref="SingularNetworkException">The network has no unique solution at some wavelength
    /// (the first such wavelength is reported, with the blocks on the loop).</exception>
    public SMatrixSweep Solve(IReadOnlyList<SMatrixSweep> blocks, IReadOnlyList<string> externalNames, int maxDegreeOfParallelism = -1)
    {
        var grid = _ports.CheckBlocks(blocks, externalNames);
        CheckValues(blocks);
        int wavelengths = grid.Length;
        var result = new SMatrixSweep(externalNames, grid);
        var failedStep = new int[wavelengths];
        if (wavelengths == 1 || maxDegreeOfParallelism == 1)
        {
            var ws = new Workspace(this);
            for (int k = 0; k < wavelengths; k++) failedStep[k] = SolveAt(blocks, k, ws, result);
        }
        else
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
            Parallel.For(0, wavelengths, options, () => new Workspace(this),
                (k, _, ws) =>
                {
                    failedStep[k] = SolveAt(blocks, k, ws, result);
                    return ws;
                },
                _ => { });
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
    }

    private SingularNetworkException Singular(int variable, double wavelengthNm, string why)
    {
        var blocks = _ports.LoopBlocks(variable, _rowPattern);
        string list = string.Join(", ", blocks.Select(b => b.ToString(CultureInfo.InvariantCulture)));
        return new SingularNetworkException(blocks, wavelengthNm,
            $"at {wavelengthNm.ToString("R", CultureInfo.InvariantCulture)} nm {why}; blocks on the loop: {list}");
    }

    private void CheckValues(IReadOnlyList<SMatrixSweep> blocks)
    {
        for (int b = 0; b < blocks.Count; b++)
        {
            var s = blocks[b];
            int nn = s.PortCount * s.PortCount;
            var pattern = _patterns?[b];
            for (int k = 0; k < s.WavelengthCount; k++)
            {
                var re = s.Real(k);
                var im = s.Imaginary(k);
                for (int j = 0; j < nn; j++)
                {
                    if (!double.IsFinite(re[j]) || !double.IsFinite(im[j]))
                        throw new ArgumentException($"block {b} has a non-finite S-matrix entry S[{j / s.PortCount}, {j % s.PortCount}] at {s.WavelengthsNm[k].ToString("R", CultureInfo.InvariantCulture)} nm", nameof(blocks));
                    if (pattern is not null && !pattern[j] && (re[j] != 0 || im[j] != 0))
                        throw new ArgumentException($"block {b} has a nonzero S[{j / s.PortCount}, {j % s.PortCount}] at {s.WavelengthsNm[k].ToString("R", CultureInfo.InvariantCulture)} nm outside the sparsity pattern the plan was made with", nameof(blocks));
                }
            }
        }
    }

    /// <summary>Numeric phase at one wavelength; returns −1 on success or the elimination step whose pivot vanished.</summary>
    private int SolveAt(IReadOnlyList<SMatrixSweep> blocks, int k, Workspace ws, SMatrixSweep result)
    {
        var re = ws.Re;
        var im = ws.Im;
        Array.Clear(re);
        Array.Clear(im);
        foreach (int p in _identityPositions) re[p] = 1;
        for (int b = 0; b < blocks.Count; b++)
        {
            int start = _asmBlockStart[b], end = _asmBlockStart[b + 1];
            if (start == end) continue;
            ReadOnlySpan<double> sr = blocks[b].Real(k), si = blocks[b].Imaginary(k);
            for (int j = start; j < end; j++)
            {
                int pos = _asmPosition[j], off = _asmOffset[j];
                if (_asmNegate[j])
                {
                    re[pos] -= sr[off];
                    im[pos] -= si[off];
                }
                else
                {
                    re[pos] += sr[off];
                    im[pos] += si[off];
                }
            }
        }

        // Pivot scales: the largest term that entered each row and column, the identity included, so that
        // 1 − e^{i2πk} (a cancellation to rounding level) counts as a vanished pivot.
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
                int off = _asmOffset[j];
                double a2 = sr[off] * sr[off] + si[off] * si[off];
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
        var lower = _lowerPositions;
        var upper = _upperPositions;
        var targets = _targets;
        for (int step = 0; step < _stepVariable.Length; step++)
        {
            int p = _stepPivot[step];
            double pr = re[p], pi = im[p];
            double m2 = pr * pr + pi * pi;
            if (!(m2 >= tolerance2 * scale[_stepVariable[step]]) || m2 == 0) return step;
            double ir = pr / m2, ii = -pi / m2;
            int r0 = _stepRowStart[step], r1 = _stepRowStart[step + 1];
            int c0 = _stepColumnStart[step], nc = _stepColumnStart[step + 1] - c0;
            long t = _stepTargetStart[step];
            for (int a = r0; a < r1; a++, t += nc)
            {
                int lp = lower[a];
                double xr = re[lp], xi = im[lp];
                if (xr == 0 && xi == 0) continue;
                double lr = xr * ir - xi * ii, li = xr * ii + xi * ir;
                var tgt = targets.AsSpan((int)t, nc);
                var up = upper.AsSpan(c0, nc);
                for (int c = 0; c < tgt.Length; c++)
                {
                    int u = up[c], d = tgt[c];
                    double ur = re[u], ui = im[u];
                    re[d] -= lr * ur - li * ui;
                    im[d] -= lr * ui + li * ur;
                }
            }
        }
        return -1;
    }

    private static long Key(int row, int column, int n) => (long)row * n + column;

    private sealed class Workspace(SolvePlan plan)
    {
        public readonly double[] Re = new double[plan.StoredEntries];
        public readonly double[] Im = new double[plan.StoredEntries];
        public readonly double[] Scale = new double[plan._ports.VariableCount];
    }
}
