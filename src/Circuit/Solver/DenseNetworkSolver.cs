using System.Globalization;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Solver;

/// <summary>
/// The dense reference solver: S = S_ee + S_ei (I − P·S_ii)⁻¹ P·S_ie with the internal system factorised by
/// LU with partial pivoting (MathNet.Numerics) at each wavelength. Independent of the sparse
/// <see cref="SolvePlan"/> (no shared numeric code), it checks it in tests and takes over the wavelengths where
/// the sparse elimination meets a small pivot. Cost O(n³) per wavelength in the n internal ports, so it
/// refuses networks with more than <see cref="MaxInternalPorts"/>.
/// </summary>
public static class DenseNetworkSolver
{
    /// <summary>The largest number of internal (connected) ports the dense solver accepts.</summary>
    public const int MaxInternalPorts = 2000;

    /// <summary>Computes the network's S-matrix over its external ports at every wavelength.</summary>
    /// <param name="topology">Port counts, connections and external ports.</param>
    /// <param name="blocks">One sweep per block, all on the same wavelength grid.</param>
    /// <param name="externalNames">Names of the external ports, in topology order.</param>
    /// <exception cref="ArgumentException">More than <see cref="MaxInternalPorts"/> internal ports, or inconsistent inputs.</exception>
    /// <exception cref="SingularNetworkException">The equations are singular at some wavelength.</exception>
    public static SMatrixSweep Solve(NetworkTopology topology, IReadOnlyList<SMatrixSweep> blocks, IReadOnlyList<string> externalNames)
    {
        var ports = new NetworkPorts(topology);
        var grid = ports.CheckBlocks(blocks, externalNames);
        var result = new SMatrixSweep(externalNames, grid);
        for (int k = 0; k < grid.Length; k++)
        {
            if (!TrySolveAt(ports, blocks, k, result.Real(k), result.Imaginary(k), out int bad))
            {
                var loop = ports.LoopBlocks(bad, ports.RowPattern(null));
                throw new SingularNetworkException(loop, grid[k],
                    $"at {grid[k].ToString("R", CultureInfo.InvariantCulture)} nm the network equations are singular (a lossless closed loop on resonance has no steady state); blocks on the loop: {string.Join(", ", loop.Select(b => b.ToString(CultureInfo.InvariantCulture)))}");
            }
        }
        return result;
    }

    /// <summary>
    /// Solves one wavelength into the row-major result spans. Returns false when an LU pivot is below
    /// <see cref="SolvePlan.PivotTolerance"/> times its column scale, with the internal variable of that column.
    /// </summary>
    internal static bool TrySolveAt(NetworkPorts ports, IReadOnlyList<SMatrixSweep> blocks, int k, Span<double> outRe, Span<double> outIm, out int badVariable)
    {
        int ni = ports.InternalCount, m = ports.ExternalCount;
        if (ni > MaxInternalPorts)
            throw new ArgumentException($"the network has {ni} internal ports; the dense solver handles at most {MaxInternalPorts} (use SolvePlan, the sparse solver)", nameof(ports));
        badVariable = -1;

        // Entry (v, x) of the bordered matrix: block β = owner of v's source port, S_β[source(v), port(x)].
        Complex Entry(int v, int x)
        {
            int s = ports.SourcePort(v), px = ports.PortOfVariable[x];
            int b = ports.BlockOfPort[s];
            if (ports.BlockOfPort[px] != b) return Complex.Zero;
            int first = ports.BlockOffset[b];
            return blocks[b][k, s - first, px - first];
        }

        var a = Matrix<Complex>.Build.Dense(ni, ni);
        var pSie = Matrix<Complex>.Build.Dense(ni, m);
        var sEi = Matrix<Complex>.Build.Dense(m, ni);
        var sEe = Matrix<Complex>.Build.Dense(m, m);
        for (int v = 0; v < ni; v++)
        {
            for (int x = 0; x < ni; x++) a[v, x] = (v == x ? Complex.One : Complex.Zero) - Entry(v, x);
            for (int e = 0; e < m; e++) pSie[v, e] = Entry(v, ni + e);
        }
        for (int e = 0; e < m; e++)
        {
            for (int x = 0; x < ni; x++) sEi[e, x] = Entry(ni + e, x);
            for (int f = 0; f < m; f++) sEe[e, f] = Entry(ni + e, ni + f);
        }

        var s = sEe;
        if (ni > 0)
        {
            // Scale of each variable: the largest term entering its row or column, the identity included.
            var columnScale = new double[ni];
            Array.Fill(columnScale, 1.0);
            for (int v = 0; v < ni; v++)
                for (int x = 0; x < ni; x++)
                {
                    double mag = Entry(v, x).Magnitude;
                    if (mag > columnScale[x]) columnScale[x] = mag;
                    if (mag > columnScale[v]) columnScale[v] = mag;
                }
            var lu = a.LU();
            var u = lu.U;
            for (int i = 0; i < ni; i++)
            {
                double pivot = u[i, i].Magnitude;
                if (!(pivot >= SolvePlan.PivotTolerance * columnScale[i]) || pivot == 0)
                {
                    badVariable = i;
                    return false;
                }
            }
            s = sEe + sEi * lu.Solve(pSie);
        }
        for (int e = 0; e < m; e++)
            for (int f = 0; f < m; f++)
            {
                var z = s[e, f];
                if (!double.IsFinite(z.Real) || !double.IsFinite(z.Imaginary))
                {
                    badVariable = 0;
                    return false;
                }
                outRe[e * m + f] = z.Real;
                outIm[e * m + f] = z.Imaginary;
            }
        return true;
    }
}
