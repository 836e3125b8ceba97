using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Solver;

/// <summary>
/// The port bookkeeping shared by the sparse and dense solvers: every block port gets a global index, and
/// every port that carries an unknown or a given amplitude gets a variable index. Variables
/// 0 … <see cref="InternalCount"/>−1 are the incoming amplitudes of connected ports (in global port order);
/// variables <see cref="InternalCount"/> … are the network's external ports, in result order. Matched loads
/// (ports in neither list) have no variable: their incoming amplitude is zero.
/// </summary>
/// <remarks>
/// Row v of the bordered network matrix takes the outgoing amplitude of its <see cref="SourcePort"/>: for an
/// internal variable that is the partner port (a_p = b_q), for an external variable the port itself (b_e).
/// </remarks>
internal sealed class NetworkPorts
{
    public NetworkPorts(NetworkTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(topology.PortCounts);
        ArgumentNullException.ThrowIfNull(topology.Connections);
        ArgumentNullException.ThrowIfNull(topology.External);
        int blocks = topology.PortCounts.Length;
        BlockOffset = new int[blocks + 1];
        for (int b = 0; b < blocks; b++)
        {
            if (topology.PortCounts[b] < 0)
                throw new ArgumentException($"block {b} has a negative port count ({topology.PortCounts[b]})", nameof(topology));
            BlockOffset[b + 1] = checked(BlockOffset[b] + topology.PortCounts[b]);
        }
        int ports = BlockOffset[blocks];
        BlockOfPort = new int[ports];
        for (int b = 0; b < blocks; b++)
            for (int p = BlockOffset[b]; p < BlockOffset[b + 1]; p++) BlockOfPort[p] = b;

        Partner = new int[ports];
        Array.Fill(Partner, -1);
        var use = new string?[ports];
        foreach (var c in topology.Connections)
        {
            int pa = Global(topology, c.A, "connection"), pb = Global(topology, c.B, "connection");
            Claim(use, pa, c.A, $"connection {Show(c.A)}–{Show(c.B)}");
            Claim(use, pb, c.B, $"connection {Show(c.A)}–{Show(c.B)}");
            Partner[pa] = pb;
            Partner[pb] = pa;
        }
        var external = new int[topology.External.Length];
        for (int e = 0; e < external.Length; e++)
        {
            int p = Global(topology, topology.External[e], "external port");
            Claim(use, p, topology.External[e], $"external port {e}");
            external[e] = p;
        }

        VariableOfPort = new int[ports];
        Array.Fill(VariableOfPort, -1);
        var variablePort = new List<int>();
        for (int p = 0; p < ports; p++)
            if (Partner[p] >= 0)
            {
                VariableOfPort[p] = variablePort.Count;
                variablePort.Add(p);
            }
        InternalCount = variablePort.Count;
        foreach (int p in external)
        {
            VariableOfPort[p] = variablePort.Count;
            variablePort.Add(p);
        }
        PortOfVariable = variablePort.ToArray();
        ExternalCount = external.Length;
        BlockCount = blocks;
    }

    /// <summary>Number of blocks.</summary>
    public int BlockCount { get; }

    /// <summary>Global index of block b's port 0; entry [blocks] is the total port count.</summary>
    public int[] BlockOffset { get; }

    /// <summary>Block owning each global port.</summary>
    public int[] BlockOfPort { get; }

    /// <summary>Connected partner of each global port, or −1.</summary>
    public int[] Partner { get; }

    /// <summary>Variable index of each global port, or −1 for a matched load.</summary>
    public int[] VariableOfPort { get; }

    /// <summary>Global port of each variable.</summary>
    public int[] PortOfVariable { get; }

    /// <summary>Number of connected ports (unknown incoming amplitudes).</summary>
    public int InternalCount { get; }

    /// <summary>Number of external ports.</summary>
    public int ExternalCount { get; }

    /// <summary>Total number of variables (internal + external).</summary>
    public int VariableCount => InternalCount + ExternalCount;

    /// <summary>The port whose outgoing amplitude row v of the network matrix takes.</summary>
    public int SourcePort(int variable)
    {
        int p = PortOfVariable[variable];
        return variable < InternalCount ? Partner[p] : p;
    }

    /// <summary>
    /// Structural entries of the bordered network matrix, row by row: for row v, the columns x with
    /// a nonzero block entry S_β[source(v), port(x)] allowed by <paramref name="patterns"/> (null = dense).
    /// The diagonal of internal rows (the identity) is always included.
    /// </summary>
    public List<int>[] RowPattern(IReadOnlyList<bool[]>? patterns)
    {
        int n = VariableCount;
        var rows = new List<int>[n];
        for (int v = 0; v < n; v++)
        {
            var cols = new List<int>();
            int s = SourcePort(v);
            int b = BlockOfPort[s];
            int np = BlockOffset[b + 1] - BlockOffset[b];
            int o = s - BlockOffset[b];
            bool diagonal = false;
            for (int i = 0; i < np; i++)
            {
                int x = VariableOfPort[BlockOffset[b] + i];
                if (x < 0) continue;
                if (patterns is not null && !patterns[b][o * np + i] && !(x == v && v < InternalCount)) continue;
                if (x == v) diagonal = true;
                cols.Add(x);
            }
            if (!diagonal && v < InternalCount) cols.Add(v);
            cols.Sort();
            rows[v] = cols;
        }
        return rows;
    }

    /// <summary>
    /// The blocks on the feedback loops through internal variable <paramref name="variable"/>: the strongly
    /// connected component of the signal-flow graph (x → v when a_v depends on a_x) that contains it, as the
    /// blocks the light passes through (the owners of its ports and of their partners), sorted.
    /// </summary>
    public int[] LoopBlocks(int variable, List<int>[] rowPattern)
    {
        int n = InternalCount;
        // Forward reachability from the variable (edges x → v) and backward reachability; the intersection
        // is its strongly connected component.
        var successors = new List<int>[n];
        for (int v = 0; v < n; v++) successors[v] = [];
        for (int v = 0; v < n; v++)
            foreach (int x in rowPattern[v])
                if (x < n && x != v) successors[x].Add(v);
        var forward = Reach(variable, n, x => successors[x]);
        var backward = Reach(variable, n, v => rowPattern[v].Where(x => x < n && x != v));
        var blocks = new SortedSet<int>();
        for (int v = 0; v < n; v++)
            if (forward[v] && backward[v])
            {
                int p = PortOfVariable[v];
                blocks.Add(BlockOfPort[p]);
                blocks.Add(BlockOfPort[Partner[p]]);
            }
        return blocks.ToArray();
    }

    /// <summary>Checks a set of block sweeps against the topology and returns the common wavelength grid.</summary>
    public double[] CheckBlocks(IReadOnlyList<SMatrixSweep> blocks, IReadOnlyList<string> externalNames)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(externalNames);
        if (blocks.Count != BlockCount)
            throw new ArgumentException($"the topology has {BlockCount} blocks but {blocks.Count} S-matrix sweeps were given", nameof(blocks));
        if (externalNames.Count != ExternalCount)
            throw new ArgumentException($"the topology has {ExternalCount} external ports but {externalNames.Count} names were given", nameof(externalNames));
        if (BlockCount == 0) throw new ArgumentException("the network has no blocks", nameof(blocks));
        var grid = blocks[0].WavelengthsNm;
        for (int b = 0; b < BlockCount; b++)
        {
            var s = blocks[b] ?? throw new ArgumentException($"block {b} has no S-matrix sweep", nameof(blocks));
            int np = BlockOffset[b + 1] - BlockOffset[b];
            if (s.PortCount != np)
                throw new ArgumentException($"block {b} has {np} ports in the topology but its S-matrix has {s.PortCount}", nameof(blocks));
            if (!s.WavelengthsNm.SequenceEqual(grid))
                throw new ArgumentException($"block {b} is on a different wavelength grid than block 0 (all blocks must share one grid)", nameof(blocks));
        }
        return grid.ToArray();
    }

    private static bool[] Reach(int start, int n, Func<int, IEnumerable<int>> next)
    {
        var seen = new bool[n];
        var stack = new Stack<int>();
        seen[start] = true;
        stack.Push(start);
        while (stack.Count > 0)
            foreach (int y in next(stack.Pop()))
                if (!seen[y])
                {
                    seen[y] = true;
                    stack.Push(y);
                }
        return seen;
    }

    private int Global(NetworkTopology topology, InstancePort p, string what)
    {
        if ((uint)p.Instance >= (uint)topology.PortCounts.Length)
            throw new ArgumentException($"{what} refers to block {p.Instance}, but there are {topology.PortCounts.Length} blocks", nameof(topology));
        if ((uint)p.Port >= (uint)topology.PortCounts[p.Instance])
            throw new ArgumentException($"{what} refers to port {p.Port} of block {p.Instance}, which has {topology.PortCounts[p.Instance]} ports", nameof(topology));
        return BlockOffset[p.Instance] + p.Port;
    }

    private static void Claim(string?[] use, int port, InstancePort p, string what)
    {
        if (use[port] is { } earlier)
            throw new ArgumentException($"port {Show(p)} is used twice: by {earlier} and by {what} (each block port may be connected or exported once)", "topology");
        use[port] = what;
    }

    private static string Show(InstancePort p) => $"(block {p.Instance}, port {p.Port})";
}
