using System.Numerics;
using CsCheck;
using MathNet.Numerics.LinearAlgebra;
using PhotonicKit.Circuit;
using PhotonicKit.Circuit.Solver;
using PhotonicKit.Components;
using static PhotonicKit.Tests.Solver.SolverTestNetworks;

namespace PhotonicKit.Tests.Solver;

public class SolverTests
{
    private static readonly double[] OneWavelength = [1550.0];

    private static void AssertClose(Complex expected, Complex actual, double tolerance, string what)
    {
        double error = (expected - actual).Magnitude;
        Assert.True(error <= tolerance, $"{what}: expected {expected}, got {actual} (|Δ| = {error:E3})");
    }

    private static void AssertSweepsAgree(SMatrixSweep expected, SMatrixSweep actual, double tolerance)
    {
        Assert.Equal(expected.PortCount, actual.PortCount);
        Assert.Equal(expected.WavelengthCount, actual.WavelengthCount);
        for (int k = 0; k < expected.WavelengthCount; k++)
            for (int o = 0; o < expected.PortCount; o++)
                for (int i = 0; i < expected.PortCount; i++)
                    AssertClose(expected[k, o, i], actual[k, o, i], tolerance, $"S[{o},{i}] at λ index {k}");
    }

    private static readonly Gen<(int[] PortCounts, int Seed, double Connected, bool Lossy, bool Reciprocal)> RandomNetworks =
        Gen.Select(Gen.Int[1, 4].Array[1, 125], Gen.Int[0, int.MaxValue], Gen.Double[0.3, 1.0], Gen.Bool, Gen.Bool);

    [Fact]
    public void SparseEliminationAgreesWithDenseLuOnRandomNetworksWithLoops()
    {
        RandomNetworks.Sample(c =>
        {
            var (topology, blocks, names) = Random(c.PortCounts, c.Seed, c.Connected, c.Lossy, c.Reciprocal);
            var dense = DenseNetworkSolver.Solve(topology, blocks, names);
            AssertSweepsAgree(dense, NetworkSolver.Solve(topology, blocks, names), 1e-10);
            AssertSweepsAgree(dense, SolvePlan.Create(topology).Solve(blocks, names), 1e-10);
        }, iter: 60, threads: 1);
    }

    [Fact]
    public void LosslessRandomNetworksWithoutLoadsAreUnitary()
    {
        Gen.Select(Gen.Int[1, 4].Array[2, 60], Gen.Int[0, int.MaxValue]).Sample(c =>
        {
            // Every port connected or external: no matched loads, so a lossless network conserves power.
            var (topology, blocks, names) = Random(c.Item1, c.Item2, 1.0, lossy: false, reciprocal: false);
            int total = c.Item1.Sum();
            if (total % 2 == 1) return;
            // Open two connections to make external ports.
            var connections = topology.Connections.Skip(2).ToArray();
            var external = topology.Connections.Take(2).SelectMany(x => new[] { x.A, x.B }).ToArray();
            var open = new NetworkTopology(topology.PortCounts, connections, external);
            var ext = external.Select((_, e) => $"e{e}").ToArray();
            var s = NetworkSolver.Solve(open, blocks, ext);
            for (int k = 0; k < s.WavelengthCount; k++)
            {
                var m = s.ToMatrix(k);
                var gram = m.ConjugateTranspose() * m;
                for (int i = 0; i < m.RowCount; i++)
                    for (int j = 0; j < m.RowCount; j++)
                        AssertClose(i == j ? Complex.One : Complex.Zero, gram[i, j], 1e-9, $"(S†S)[{i},{j}]");
            }
        }, iter: 40, threads: 1);
    }

    [Fact]
    public void ReciprocalBlocksGiveSymmetricNetworkMatrix()
    {
        Gen.Select(Gen.Int[1, 4].Array[1, 80], Gen.Int[0, int.MaxValue], Gen.Double[0.3, 1.0], Gen.Bool).Sample(c =>
        {
            var (topology, blocks, names) = Random(c.Item1, c.Item2, c.Item3, c.Item4, reciprocal: true);
            var s = NetworkSolver.Solve(topology, blocks, names);
            for (int k = 0; k < s.WavelengthCount; k++)
                for (int o = 0; o < s.PortCount; o++)
                    for (int i = 0; i < o; i++)
                        AssertClose(s[k, o, i], s[k, i, o], 1e-10, $"S[{o},{i}] vs S[{i},{o}]");
        }, iter: 40, threads: 1);
    }

    [Fact]
    public void PassiveBlocksGiveContractiveNetworkMatrix()
    {
        Gen.Select(Gen.Int[1, 4].Array[1, 80], Gen.Int[0, int.MaxValue], Gen.Double[0.3, 1.0], Gen.Bool).Sample(c =>
        {
            var (topology, blocks, names) = Random(c.Item1, c.Item2, c.Item3, c.Item4, reciprocal: false);
            var s = NetworkSolver.Solve(topology, blocks, names);
            for (int k = 0; k < s.WavelengthCount; k++)
            {
                // S†S ≤ 1 ⇔ largest singular value ≤ 1.
                // Eigenvalues of the Hermitian S†S from its real symmetric embedding [[Re, −Im], [Im, Re]].
                var h = s.ToMatrix(k).ConjugateTranspose() * s.ToMatrix(k);
                int n = h.RowCount;
                var embedding = Matrix<double>.Build.Dense(2 * n, 2 * n, (i, j) =>
                {
                    var z = h[i % n, j % n];
                    return (i < n) == (j < n) ? z.Real : (i < n ? -z.Imaginary : z.Imaginary);
                });
                double largest = n == 0 ? 0 : embedding.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Max(z => z.Real);
                Assert.True(largest <= 1 + 1e-10, $"largest eigenvalue of S†S {largest}");
            }
        }, iter: 40, threads: 1);
    }

    [Fact]
    public void ChainOfTwoTwoPortsEqualsRedhefferStarProduct()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 20; trial++)
        {
            // Random passive 2-ports with reflections: A (ports 0 = left, 1 = right), B likewise; A.1–B.0.
            var a = RandomUnitary(2, random) * new Complex(0.3 + 0.7 * random.NextDouble(), 0);
            var b = RandomUnitary(2, random);
            var topology = new NetworkTopology([2, 2], [new(new(0, 1), new(1, 0))], [new(0, 0), new(1, 1)]);
            var s = NetworkSolver.Solve(topology, [Sweep([a], OneWavelength), Sweep([b], OneWavelength)], ["left", "right"]);

            // Star product (Redheffer 1959): multiple reflections between A's right and B's left port.
            var loop = 1 / (1 - a[1, 1] * b[0, 0]);
            var s11 = a[0, 0] + a[0, 1] * b[0, 0] * loop * a[1, 0];
            var s21 = b[1, 0] * loop * a[1, 0];
            var s12 = a[0, 1] * loop * b[0, 1];
            var s22 = b[1, 1] + b[1, 0] * a[1, 1] * loop * b[0, 1];
            AssertClose(s11, s[0, 0, 0], 1e-12, "S11");
            AssertClose(s21, s[0, 1, 0], 1e-12, "S21");
            AssertClose(s12, s[0, 0, 1], 1e-12, "S12");
            AssertClose(s22, s[0, 1, 1], 1e-12, "S22");
        }
    }

    private static Complex[,] Mirror(double reflectivity)
    {
        var r = new Complex(Math.Sqrt(reflectivity), 0);
        var it = new Complex(0, Math.Sqrt(1 - reflectivity));
        return new[,] { { r, it }, { it, r } };
    }

    private static Complex[,] Propagation(double phaseRad, double amplitude = 1)
    {
        var t = Complex.FromPolarCoordinates(amplitude, phaseRad);
        return new[,] { { Complex.Zero, t }, { t, Complex.Zero } };
    }

    private static NetworkTopology FabryPerotTopology() =>
        new([2, 2, 2], [new(new(0, 1), new(1, 0)), new(new(1, 1), new(2, 0))], [new(0, 0), new(2, 1)]);

    [Fact]
    public void FabryPerotBetweenLosslessMirrorsFollowsAiryFormula()
    {
        foreach (double r in new[] { 0.1, 0.5, 0.9, 0.99 })
            for (int j = 0; j <= 40; j++)
            {
                double onePass = j * Math.PI / 40 + 0.013;
                double delta = 2 * onePass; // round-trip phase
                var blocks = new[] { Constant(Mirror(r), OneWavelength), Constant(Propagation(onePass), OneWavelength), Constant(Mirror(r), OneWavelength) };
                var s = NetworkSolver.Solve(FabryPerotTopology(), blocks, ["in", "out"]);
                double airy = (1 - r) * (1 - r) / (1 + r * r - 2 * r * Math.Cos(delta));
                Assert.Equal(airy, s[0, 1, 0].Magnitude * s[0, 1, 0].Magnitude, 1e-12);
                Assert.Equal(1 - airy, s[0, 0, 0].Magnitude * s[0, 0, 0].Magnitude, 1e-12);
            }
    }

    [Fact]
    public void RingAllPassEqualsAnalyticTransfer()
    {
        foreach (double amplitude in new[] { 1.0, 0.97 })
            foreach (double coupling in new[] { 0.05, 0.3 })
                for (int j = 0; j < 50; j++)
                {
                    double phase = j * 2 * Math.PI / 50 + 0.001;
                    double t = Math.Sqrt(1 - coupling), kappa = Math.Sqrt(coupling);
                    var coupler = new Complex[4, 4];
                    coupler[2, 0] = coupler[0, 2] = coupler[3, 1] = coupler[1, 3] = t;
                    coupler[3, 0] = coupler[0, 3] = coupler[2, 1] = coupler[1, 2] = new Complex(0, kappa);
                    // coupler out1 → delay → coupler in1
                    var topology = new NetworkTopology([4, 2], [new(new(0, 3), new(1, 0)), new(new(1, 1), new(0, 1))], [new(0, 0), new(0, 2)]);
                    var s = NetworkSolver.Solve(topology, [Constant(coupler, OneWavelength), Constant(Propagation(phase, amplitude), OneWavelength)], ["in0", "out0"]);
                    // Yariv, Electron. Lett. 36, 321 (2000): (t − a e^{iφ}) / (1 − t a e^{iφ}).
                    var roundTrip = Complex.FromPolarCoordinates(amplitude, phase);
                    var expected = (t - roundTrip) / (1 - t * roundTrip);
                    AssertClose(expected, s[0, 1, 0], 1e-12, $"all-pass at φ = {phase}");
                    AssertClose(Complex.Zero, s[0, 0, 0], 0, "no reflection");
                }
    }

    [Fact]
    public void UnconnectedPortsAreMatchedLoadsThatAbsorb()
    {
        // Add-drop ring with add and drop left unconnected: the through port is
        // (t1 − t2 a e^{iφ}) / (1 − t1 t2 a e^{iφ}), and the power that would leave at drop is lost.
        double c1 = 0.2, c2 = 0.3, phase = 0.4;
        var wavelengths = OneWavelength;
        var a = ReferenceNetworks.Coupler(c1, wavelengths);
        var b = ReferenceNetworks.Coupler(c2, wavelengths);
        var h = Constant(Propagation(phase / 2), wavelengths);
        var topology = new NetworkTopology([4, 2, 4, 2],
            [new(new(0, 3), new(1, 0)), new(new(1, 1), new(2, 1)), new(new(2, 3), new(3, 0)), new(new(3, 1), new(0, 1))],
            [new(0, 0), new(0, 2)]);
        var s = NetworkSolver.Solve(topology, [a, h, b, h], ["in0", "out0"]);
        double t1 = Math.Sqrt(1 - c1), t2 = Math.Sqrt(1 - c2);
        var e = Complex.FromPolarCoordinates(1, phase);
        AssertClose((t1 - t2 * e) / (1 - t1 * t2 * e), s[0, 1, 0], 1e-12, "through");

        // The same ring with the drop port exported: the power sums to one, so the load took |drop|².
        var withDrop = topology with { External = [new(0, 0), new(0, 2), new(2, 2)] };
        var full = NetworkSolver.Solve(withDrop, [a, h, b, h], ["in0", "out0", "drop"]);
        double through = full[0, 1, 0].Magnitude * full[0, 1, 0].Magnitude, drop = full[0, 2, 0].Magnitude * full[0, 2, 0].Magnitude;
        Assert.Equal(1.0, through + drop, 12);
        Assert.True(drop > 0.01);
        Assert.Equal(through, s[0, 1, 0].Magnitude * s[0, 1, 0].Magnitude, 12);

        // A single coupler with in1 and out1 unconnected transmits only t.
        var lone = NetworkSolver.Solve(new NetworkTopology([4], [], [new(0, 0), new(0, 2)]), [a], ["in0", "out0"]);
        AssertClose(new Complex(t1, 0), lone[0, 1, 0], 1e-15, "coupler through");
        AssertClose(Complex.Zero, lone[0, 0, 0], 0, "coupler reflection");
    }

    [Fact]
    public void WaveguideClosedOnItselfOnResonanceIsSingularAndNamesItsBlock()
    {
        // Block 0: an isolated two-port block joined to itself, round-trip phase 2π·3; block 1 carries the
        // external ports and is not part of the loop.
        var blocks = new[] { Constant(Propagation(6 * Math.PI), OneWavelength), Constant(Propagation(0.3), OneWavelength) };
        var topology = new NetworkTopology([2, 2], [new(new(0, 1), new(0, 0))], [new(1, 0), new(1, 1)]);
        var ex = Assert.Throws<SingularNetworkException>(() => NetworkSolver.Solve(topology, blocks, ["a", "b"]));
        Assert.Equal([0], ex.Blocks);
        Assert.Equal(1550.0, ex.WavelengthNm);
        Assert.Contains("1550", ex.Message);
        var dense = Assert.Throws<SingularNetworkException>(() => DenseNetworkSolver.Solve(topology, blocks, ["a", "b"]));
        Assert.Equal([0], dense.Blocks);

        // Off resonance the same loop is fine and does not affect the external path.
        blocks[0] = Constant(Propagation(1.0), OneWavelength);
        var s = NetworkSolver.Solve(topology, blocks, ["a", "b"]);
        AssertClose(Complex.FromPolarCoordinates(1, 0.3), s[0, 1, 0], 1e-15, "through");
    }

    [Fact]
    public void ResonantCavityBetweenPerfectMirrorsIsSingularAndNamesTheCavity()
    {
        var grid = new[] { 1549.0, 1550.0 };
        // Round trip e^{2iφ} with φ = π at the second wavelength only.
        var cavity = Sweep([Matrix<Complex>.Build.DenseOfArray(Propagation(0.7)), Matrix<Complex>.Build.DenseOfArray(Propagation(Math.PI))], grid);
        var blocks = new[] { Constant(Mirror(1), grid), cavity, Constant(Mirror(1), grid) };
        var ex = Assert.Throws<SingularNetworkException>(() => NetworkSolver.Solve(FabryPerotTopology(), blocks, ["in", "out"]));
        Assert.Equal([0, 1, 2], ex.Blocks);
        Assert.Equal(1550.0, ex.WavelengthNm);
        Assert.Throws<SingularNetworkException>(() => SolvePlan.Create(FabryPerotTopology()).Solve(blocks, ["in", "out"]));
        Assert.Throws<SingularNetworkException>(() => DenseNetworkSolver.Solve(FabryPerotTopology(), blocks, ["in", "out"]));
    }

    [Fact]
    public void SmallPivotFallsBackToPivotingSolverWhenNetworkIsRegular()
    {
        // A 3-port block whose ports 0 and 1 are joined: a0 = S10 a0 + S11 a1 + S12 a2, a1 = S00 a0 + S01 a1 + S02 a2.
        // With S10 = 1 the first diagonal of I − P S_ii is exactly zero, yet the 2×2 system is regular.
        var grid = new[] { 1550.0, 1551.0 };
        Matrix<Complex> Block(Complex s10) => Matrix<Complex>.Build.DenseOfArray(new[,]
        {
            { new Complex(0, 0.5), 0, 0.3 },
            { s10, new Complex(0, 0.5), 0.2 },
            { 0.3, 0.2, 0.1 },
        });
        var mats = new[] { Block(1), Block(0.4) };
        var topology = new NetworkTopology([3], [new(new(0, 0), new(0, 1))], [new(0, 2)]);
        var s = NetworkSolver.Solve(topology, [Sweep(mats, grid)], ["e"]);
        for (int k = 0; k < 2; k++)
        {
            var m = mats[k];
            // Cramer's rule on [[1 − S10, −S11], [−S00, 1 − S01]]·[a0, a1] = [S12, S02] (a2 = 1).
            Complex a11 = 1 - m[1, 0], a12 = -m[1, 1], a21 = -m[0, 0], a22 = 1 - m[0, 1];
            var det = a11 * a22 - a12 * a21;
            var a0 = (m[1, 2] * a22 - a12 * m[0, 2]) / det;
            var a1 = (a11 * m[0, 2] - a21 * m[1, 2]) / det;
            AssertClose(m[2, 2] + m[2, 0] * a0 + m[2, 1] * a1, s[k, 0, 0], 1e-14, $"λ index {k}");
        }
    }

    [Fact]
    public void ResultIsBitIdenticalWhateverTheCoreCount()
    {
        var grid = ReferenceNetworks.Grid(1549, 1551, 97);
        var crow = ReferenceNetworks.Crow(40, grid, amplitude: 0.999);
        var plan = SolvePlan.Create(crow.Topology, crow.Blocks.Select(SolvePlan.PatternOf).ToList());
        var one = plan.Solve(crow.Blocks, crow.ExternalNames, maxDegreeOfParallelism: 1);
        var all = plan.Solve(crow.Blocks, crow.ExternalNames, maxDegreeOfParallelism: -1);
        for (int k = 0; k < grid.Length; k++)
        {
            Assert.True(one.Real(k).SequenceEqual(all.Real(k)));
            Assert.True(one.Imaginary(k).SequenceEqual(all.Imaginary(k)));
        }
    }

    [Fact]
    public void CoupledRingChainIsUnitaryReciprocalAndMatchesDense()
    {
        var grid = ReferenceNetworks.Grid(1549, 1551, 7);
        var crow = ReferenceNetworks.Crow(20, grid);
        var s = NetworkSolver.Solve(crow.Topology, crow.Blocks, crow.ExternalNames);
        AssertSweepsAgree(DenseNetworkSolver.Solve(crow.Topology, crow.Blocks, crow.ExternalNames), s, 1e-10);
        for (int k = 0; k < grid.Length; k++)
        {
            var m = s.ToMatrix(k);
            var gram = m.ConjugateTranspose() * m;
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 4; j++)
                {
                    AssertClose(i == j ? Complex.One : Complex.Zero, gram[i, j], 1e-10, $"(S†S)[{i},{j}]");
                    AssertClose(m[i, j], m[j, i], 1e-10, "reciprocity");
                }
        }
    }

    [Fact]
    public void ClementsMeshIsUnitaryAndMatchesDense()
    {
        var grid = ReferenceNetworks.Grid(1549, 1551, 3);
        var mesh = ReferenceNetworks.ClementsMesh(8, grid, seed: 3);
        var s = NetworkSolver.Solve(mesh.Topology, mesh.Blocks, mesh.ExternalNames);
        AssertSweepsAgree(DenseNetworkSolver.Solve(mesh.Topology, mesh.Blocks, mesh.ExternalNames), s, 1e-10);
        for (int k = 0; k < grid.Length; k++)
        {
            var m = s.ToMatrix(k);
            var gram = m.ConjugateTranspose() * m;
            for (int i = 0; i < 16; i++)
                for (int j = 0; j < 16; j++)
                    AssertClose(i == j ? Complex.One : Complex.Zero, gram[i, j], 1e-10, $"(S†S)[{i},{j}]");
            // Feed-forward mesh: no reflection, no input-to-input coupling.
            for (int i = 0; i < 8; i++)
                for (int j = 0; j < 8; j++)
                    AssertClose(Complex.Zero, m[i, j], 1e-14, "in→in");
        }
    }

    [Fact]
    public void EliminationWorkGrowsLinearlyWithRingCount()
    {
        var plan100 = SolvePlan.Create(ReferenceNetworks.Crow(100, OneWavelength).Topology);
        var plan400 = SolvePlan.Create(ReferenceNetworks.Crow(400, OneWavelength).Topology);
        double ratio = (double)plan400.OperationCount / plan100.OperationCount;
        Assert.InRange(ratio, 3.6, 4.4);
        Assert.InRange((double)plan400.StoredEntries / plan100.StoredEntries, 3.6, 4.4);
    }

    [Fact]
    public void DenseSolverRefusesLargeNetworksWithAClearMessage()
    {
        var crow = ReferenceNetworks.Crow(200, OneWavelength);
        var ex = Assert.Throws<ArgumentException>(() => DenseNetworkSolver.Solve(crow.Topology, crow.Blocks, crow.ExternalNames));
        Assert.Contains("2000", ex.Message);
    }

    [Fact]
    public void InconsistentInputsAreRejected()
    {
        var wg = Constant(Propagation(0.1), OneWavelength);
        // A port connected twice.
        var twice = new NetworkTopology([2, 2], [new(new(0, 1), new(1, 0)), new(new(0, 1), new(1, 1))], [new(0, 0)]);
        Assert.Contains("used twice", Assert.Throws<ArgumentException>(() => SolvePlan.Create(twice)).Message);
        // A port index out of range.
        var outOfRange = new NetworkTopology([2], [], [new(0, 2)]);
        Assert.Throws<ArgumentException>(() => SolvePlan.Create(outOfRange));
        // Wrong number of blocks and a port count mismatch.
        var ok = new NetworkTopology([2, 2], [new(new(0, 1), new(1, 0))], [new(0, 0), new(1, 1)]);
        Assert.Throws<ArgumentException>(() => NetworkSolver.Solve(ok, [wg], ["a", "b"]));
        Assert.Throws<ArgumentException>(() => NetworkSolver.Solve(ok, [wg, ReferenceNetworks.Coupler(0.5, OneWavelength)], ["a", "b"]));
        // Non-finite entries.
        var bad = new SMatrixSweep(["o1", "o2"], OneWavelength);
        bad.Set(0, 1, 0, new Complex(double.NaN, 0));
        Assert.Throws<ArgumentException>(() => SolvePlan.Create(ok).Solve([wg, bad], ["a", "b"]));
        // A nonzero outside the pattern the plan was made with.
        var plan = SolvePlan.Create(ok, [SolvePlan.PatternOf(wg), SolvePlan.PatternOf(wg)]);
        var reflecting = Constant(Mirror(0.5), OneWavelength);
        Assert.Contains("pattern", Assert.Throws<ArgumentException>(() => plan.Solve([wg, reflecting], ["a", "b"])).Message);
    }
    [Fact]
    public void NetworksWithoutExternalPortsOrWavelengthsGiveEmptyResults()
    {
        // A lossy ring closed on itself: regular, but nothing to report.
        var ring = new NetworkTopology([2], [new(new(0, 1), new(0, 0))], []);
        var s = NetworkSolver.Solve(ring, [Constant(Propagation(0, 0.5), OneWavelength)], []);
        Assert.Equal(0, s.PortCount);
        Assert.Equal(1, s.WavelengthCount);

        var chain = new NetworkTopology([2, 2], [new(new(0, 1), new(1, 0))], [new(0, 0), new(1, 1)]);
        var none = new SMatrixSweep(["o1", "o2"], ReadOnlySpan<double>.Empty);
        var empty = NetworkSolver.Solve(chain, [none, none], ["a", "b"]);
        Assert.Equal(0, empty.WavelengthCount);
        Assert.Equal(2, empty.PortCount);
    }
    [Fact]
    public void ResonantLoopInNetworkTooLargeForDenseCheckIsReportedWithItsBlocks()
    {
        // 200 coupled rings (> 2000 internal ports) plus one two-port block closed on itself on resonance.
        var crow = ReferenceNetworks.Crow(200, OneWavelength);
        int loop = crow.Blocks.Length;
        var topology = new NetworkTopology([.. crow.Topology.PortCounts, 2],
            [.. crow.Topology.Connections, new(new(loop, 1), new(loop, 0))], crow.Topology.External);
        SMatrixSweep[] blocks = [.. crow.Blocks, Constant(Propagation(2 * Math.PI), OneWavelength)];
        var ex = Assert.Throws<SingularNetworkException>(() => NetworkSolver.Solve(topology, blocks, crow.ExternalNames));
        Assert.Equal([loop], ex.Blocks);
        Assert.Contains("too large", ex.Message);
    }
}
