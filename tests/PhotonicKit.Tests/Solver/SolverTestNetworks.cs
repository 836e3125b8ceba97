using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using PhotonicKit.Circuit;
using PhotonicKit.Components;

namespace PhotonicKit.Tests.Solver;

/// <summary>Random and hand-made networks for the solver tests, built directly from block matrices.</summary>
internal static class SolverTestNetworks
{
    /// <summary>A random unitary (QR of a complex Gaussian matrix with the phases of R's diagonal removed).</summary>
    public static Matrix<Complex> RandomUnitary(int n, Random random)
    {
        var z = Matrix<Complex>.Build.Dense(n, n, (_, _) => new Complex(Gaussian(random), Gaussian(random)));
        var qr = z.QR();
        var q = qr.Q;
        for (int j = 0; j < n; j++)
        {
            var d = qr.R[j, j];
            var phase = d.Magnitude == 0 ? Complex.One : d / d.Magnitude;
            for (int i = 0; i < n; i++) q[i, j] *= phase;
        }
        return q;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public static SMatrixSweep Sweep(IReadOnlyList<Matrix<Complex>> perWavelength, double[] wavelengthsNm)
    {
        int n = perWavelength[0].RowCount;
        var s = new SMatrixSweep(Enumerable.Range(0, n).Select(i => $"p{i}").ToArray(), wavelengthsNm);
        for (int k = 0; k < wavelengthsNm.Length; k++)
            for (int o = 0; o < n; o++)
                for (int i = 0; i < n; i++)
                    s.Set(k, o, i, perWavelength[k][o, i]);
        return s;
    }

    public static SMatrixSweep Constant(Complex[,] matrix, double[] wavelengthsNm) =>
        Sweep(Enumerable.Repeat(Matrix<Complex>.Build.DenseOfArray(matrix), wavelengthsNm.Length).ToList(), wavelengthsNm);

    /// <summary>
    /// A random network: blocks of the given port counts, each a random unitary (kind 0), a random coupler
    /// or section (sparse patterns), optionally made lossy (singular values scaled into [0, 1]) and optionally
    /// reciprocal (U·Uᵀ is symmetric and unitary). Ports are shuffled; the first pairs are connected
    /// (same-block pairs make loops), then a few are external, the rest matched loads.
    /// </summary>
    public static (NetworkTopology Topology, SMatrixSweep[] Blocks, string[] Names) Random(int[] portCounts, int seed, double connectedFraction, bool lossy, bool reciprocal, int wavelengths = 2)
    {
        var random = new Random(seed);
        var grid = Enumerable.Range(0, wavelengths).Select(k => 1550.0 + k).ToArray();
        var blocks = new SMatrixSweep[portCounts.Length];
        for (int b = 0; b < portCounts.Length; b++)
        {
            int n = portCounts[b];
            var mats = new List<Matrix<Complex>>();
            int kind = random.Next(2);
            for (int k = 0; k < wavelengths; k++)
            {
                Matrix<Complex> u;
                if (kind == 1 && n == 2)
                {
                    var t = Complex.FromPolarCoordinates(1, random.NextDouble() * 2 * Math.PI);
                    u = Matrix<Complex>.Build.DenseOfArray(new[,] { { Complex.Zero, t }, { t, Complex.Zero } });
                }
                else if (kind == 1 && n == 4)
                {
                    double c = random.NextDouble();
                    var phase = Complex.FromPolarCoordinates(1, random.NextDouble() * 2 * Math.PI);
                    var tt = phase * Math.Sqrt(1 - c);
                    var ik = phase * new Complex(0, Math.Sqrt(c));
                    u = Matrix<Complex>.Build.Dense(4, 4);
                    u[2, 0] = u[0, 2] = u[3, 1] = u[1, 3] = tt;
                    u[3, 0] = u[0, 3] = u[2, 1] = u[1, 2] = ik;
                }
                else
                {
                    u = RandomUnitary(n, random);
                    if (reciprocal) u = u * u.Transpose();
                }
                if (lossy)
                {
                    // Scale by a contraction that keeps the pattern (and symmetry): a scalar in [0, 1].
                    u = u * new Complex(random.NextDouble(), 0);
                }
                mats.Add(u);
            }
            blocks[b] = Sweep(mats, grid);
        }

        int total = portCounts.Sum();
        var all = new List<InstancePort>();
        for (int b = 0; b < portCounts.Length; b++)
            for (int p = 0; p < portCounts[b]; p++) all.Add(new(b, p));
        for (int i = all.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (all[i], all[j]) = (all[j], all[i]);
        }
        int pairs = (int)(connectedFraction * total / 2);
        var connections = new List<Connection>();
        for (int i = 0; i < pairs; i++) connections.Add(new(all[2 * i], all[2 * i + 1]));
        int remaining = total - 2 * pairs;
        int externals = Math.Min(remaining, 1 + random.Next(8));
        var external = all.Skip(2 * pairs).Take(externals).ToArray();
        var topology = new NetworkTopology(portCounts, connections.ToArray(), external);
        return (topology, blocks, external.Select((_, e) => $"e{e}").ToArray());
    }
}
