using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Solver;

/// <summary>One-call entry to the exact network solver (<see cref="SolvePlan"/>).</summary>
public static class NetworkSolver
{
    /// <summary>
    /// Computes the network's S-matrix over its external ports at every wavelength: builds a
    /// <see cref="SolvePlan"/> from the topology and the blocks' nonzero patterns, then solves. To solve the
    /// same topology many times (a parameter sweep), create the plan once and call
    /// <see cref="SolvePlan.Solve"/> instead.
    /// </summary>
    /// <param name="topology">Port counts, connections and external ports.</param>
    /// <param name="blocks">One sweep per block, in topology order, all on the same wavelength grid.</param>
    /// <param name="externalNames">Names of the external ports, in topology order.</param>
    /// <param name="maxDegreeOfParallelism">Cores to use; −1 (or any value ≤ 0) for all. The result does not depend on it.</param>
    /// <exception cref="SingularNetworkException">The network has no unique solution at some wavelength.</exception>
    public static SMatrixSweep Solve(NetworkTopology topology, IReadOnlyList<SMatrixSweep> blocks, IReadOnlyList<string> externalNames, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(blocks);
        if (topology.PortCounts.Length != blocks.Count)
            throw new ArgumentException($"the topology has {topology.PortCounts.Length} blocks but {blocks.Count} S-matrix sweeps were given", nameof(blocks));
        var patterns = new bool[blocks.Count][];
        for (int b = 0; b < blocks.Count; b++)
        {
            var block = blocks[b] ?? throw new ArgumentException($"block {b} has no S-matrix sweep", nameof(blocks));
            if (block.PortCount != topology.PortCounts[b])
                throw new ArgumentException($"block {b} has {topology.PortCounts[b]} ports in the topology but its S-matrix has {block.PortCount}", nameof(blocks));
            patterns[b] = SolvePlan.PatternOf(block);
        }
        return SolvePlan.Create(topology, patterns).SolveCore(blocks, externalNames, maxDegreeOfParallelism, patternsFromBlocks: true);
    }
}
