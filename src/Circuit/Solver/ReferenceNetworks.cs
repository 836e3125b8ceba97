using System.Numerics;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Solver;

/// <summary>A network ready for the solver: topology, one sweep per block, block and external port names.</summary>
internal sealed record BuiltNetwork(NetworkTopology Topology, SMatrixSweep[] Blocks, string[] BlockNames, string[] ExternalNames);

/// <summary>
/// Builders of the reference circuits used by the solver's tests and benchmarks (a coupled-resonator chain
/// and a Clements mesh), written with directly built block matrices in the conventions of the built-in
/// components: a 4-port coupler has ports in0, in1, out0, out1 with S(out0,in0) = S(out1,in1) = t,
/// S(out1,in0) = S(out0,in1) = iκ, t = √(1−c), κ = √c, and is reciprocal; a 2-port section has
/// S(o2,o1) = S(o1,o2) = a·e^{iφ(λ)}.
/// </summary>
internal static class ReferenceNetworks
{
    /// <summary>A lossless (up to <paramref name="amplitude"/>) 4-port coupler of power coupling <paramref name="coupling"/>.</summary>
    public static SMatrixSweep Coupler(double coupling, ReadOnlySpan<double> wavelengthsNm, double amplitude = 1)
    {
        var s = new SMatrixSweep(["in0", "in1", "out0", "out1"], wavelengthsNm);
        var t = new Complex(amplitude * Math.Sqrt(1 - coupling), 0);
        var ik = new Complex(0, amplitude * Math.Sqrt(coupling));
        for (int k = 0; k < s.WavelengthCount; k++)
        {
            s.Set(k, 2, 0, t); s.Set(k, 0, 2, t);
            s.Set(k, 3, 1, t); s.Set(k, 1, 3, t);
            s.Set(k, 3, 0, ik); s.Set(k, 0, 3, ik);
            s.Set(k, 2, 1, ik); s.Set(k, 1, 2, ik);
        }
        return s;
    }

    /// <summary>A 2-port propagation section of optical length <paramref name="opticalLengthUm"/> (n_eff·L): φ = 2π·n_eff·L/λ.</summary>
    public static SMatrixSweep Section(double opticalLengthUm, ReadOnlySpan<double> wavelengthsNm, double amplitude = 1)
    {
        var s = new SMatrixSweep(["o1", "o2"], wavelengthsNm);
        for (int k = 0; k < s.WavelengthCount; k++)
        {
            var t = Complex.FromPolarCoordinates(amplitude, 2 * Math.PI * opticalLengthUm * 1e3 / wavelengthsNm[k]);
            s.Set(k, 1, 0, t);
            s.Set(k, 0, 1, t);
        }
        return s;
    }

    /// <summary>A 2-port phase shifter with a wavelength-independent phase.</summary>
    public static SMatrixSweep PhaseShifter(double phaseRad, ReadOnlySpan<double> wavelengthsNm)
    {
        var s = new SMatrixSweep(["o1", "o2"], wavelengthsNm);
        var t = Complex.FromPolarCoordinates(1, phaseRad);
        for (int k = 0; k < s.WavelengthCount; k++)
        {
            s.Set(k, 1, 0, t);
            s.Set(k, 0, 1, t);
        }
        return s;
    }

    /// <summary>
    /// A coupled-resonator optical waveguide of <paramref name="rings"/> rings. Ring j is two couplers a_j, b_j
    /// and two half-ring sections (the <c>ring_add_drop</c> layout): a_j.out1 → h1_j → b_j.in1,
    /// b_j.out1 → h2_j → a_j.in1. Neighbouring rings are joined through their bus arms, b_j.out0 → a_{j+1}.in0
    /// and a_{j+1}.out0 → b_j.in0, so light dropped by ring j is coupled into ring j+1 and what ring j+1 does
    /// not take returns to ring j: every ring and every junction is a feedback loop. External ports:
    /// in = a_0.in0, through = a_0.out0, drop = b_{N−1}.out0, add = b_{N−1}.in0.
    /// </summary>
    public static BuiltNetwork Crow(int rings, ReadOnlySpan<double> wavelengthsNm, double coupling = 0.1, double ringOpticalLengthUm = 42.0, double amplitude = 1)
    {
        if (rings < 1) throw new ArgumentOutOfRangeException(nameof(rings), rings, "at least one ring");
        var blocks = new List<SMatrixSweep>();
        var names = new List<string>();
        var connections = new List<Connection>();
        int Add(string name, SMatrixSweep s)
        {
            names.Add(name);
            blocks.Add(s);
            return blocks.Count - 1;
        }
        var coupler = Coupler(coupling, wavelengthsNm, amplitude);
        var half = Section(ringOpticalLengthUm / 2, wavelengthsNm, amplitude);
        int previousB = -1, firstA = -1;
        for (int j = 0; j < rings; j++)
        {
            // Blocks with equal matrices share one sweep object: the solver only reads them.
            int a = Add($"a{j}", coupler), h1 = Add($"h1_{j}", half), b = Add($"b{j}", coupler), h2 = Add($"h2_{j}", half);
            connections.Add(new(new(a, 3), new(h1, 0)));
            connections.Add(new(new(h1, 1), new(b, 1)));
            connections.Add(new(new(b, 3), new(h2, 0)));
            connections.Add(new(new(h2, 1), new(a, 1)));
            if (previousB >= 0)
            {
                connections.Add(new(new(previousB, 2), new(a, 0)));
                connections.Add(new(new(a, 2), new(previousB, 0)));
            }
            else firstA = a;
            previousB = b;
        }
        var external = new InstancePort[] { new(firstA, 0), new(firstA, 2), new(previousB, 2), new(previousB, 0) };
        var topology = new NetworkTopology(blocks.Select(s => s.PortCount).ToArray(), connections.ToArray(), external);
        return new BuiltNetwork(topology, blocks.ToArray(), names.ToArray(), ["in", "through", "drop", "add"]);
    }

    /// <summary>
    /// A Clements rectangular mesh of Mach–Zehnder interferometers on <paramref name="modes"/> modes
    /// (W. R. Clements et al., Optica 3, 1460 (2016)): <paramref name="modes"/> columns, column c holding MZIs
    /// on mode pairs (i, i+1) with i ≡ c (mod 2). Each MZI is an external phase shifter φ on its upper input,
    /// a 50:50 coupler, an internal phase shifter θ on its upper arm, and a second 50:50 coupler; phases are
    /// drawn from <paramref name="seed"/>. A 2-port dispersive section of <paramref name="armOpticalLengthUm"/>
    /// sits in every θ arm so the mesh depends on wavelength. External ports in0 … in{m−1}, out0 … out{m−1}.
    /// </summary>
    public static BuiltNetwork ClementsMesh(int modes, ReadOnlySpan<double> wavelengthsNm, int seed = 1, double armOpticalLengthUm = 10.0)
    {
        if (modes < 2) throw new ArgumentOutOfRangeException(nameof(modes), modes, "at least two modes");
        var random = new Random(seed);
        var blocks = new List<SMatrixSweep>();
        var names = new List<string>();
        var connections = new List<Connection>();
        var inputs = new InstancePort?[modes];
        var current = new InstancePort?[modes];
        int Add(string name, SMatrixSweep s)
        {
            names.Add(name);
            blocks.Add(s);
            return blocks.Count - 1;
        }
        void Attach(int mode, InstancePort blockInput)
        {
            if (current[mode] is { } dangling) connections.Add(new(dangling, blockInput));
            else inputs[mode] = blockInput;
        }
        var coupler = Coupler(0.5, wavelengthsNm);
        var arm = Section(armOpticalLengthUm, wavelengthsNm);
        for (int column = 0; column < modes; column++)
            for (int i = column % 2; i + 1 < modes; i += 2)
            {
                string tag = $"{column}_{i}";
                int phi = Add($"phi{tag}", PhaseShifter(random.NextDouble() * 2 * Math.PI, wavelengthsNm));
                int bs1 = Add($"bs1_{tag}", coupler);
                int theta = Add($"theta{tag}", PhaseShifter(random.NextDouble() * Math.PI, wavelengthsNm));
                int armBlock = Add($"arm{tag}", arm);
                int bs2 = Add($"bs2_{tag}", coupler);
                Attach(i, new(phi, 0));
                connections.Add(new(new(phi, 1), new(bs1, 0)));
                Attach(i + 1, new(bs1, 1));
                connections.Add(new(new(bs1, 2), new(theta, 0)));
                connections.Add(new(new(theta, 1), new(armBlock, 0)));
                connections.Add(new(new(armBlock, 1), new(bs2, 0)));
                connections.Add(new(new(bs1, 3), new(bs2, 1)));
                current[i] = new(bs2, 2);
                current[i + 1] = new(bs2, 3);
            }
        var external = new List<InstancePort>();
        var externalNames = new List<string>();
        for (int i = 0; i < modes; i++) { external.Add(inputs[i]!.Value); externalNames.Add($"in{i}"); }
        for (int i = 0; i < modes; i++) { external.Add(current[i]!.Value); externalNames.Add($"out{i}"); }
        var topology = new NetworkTopology(blocks.Select(s => s.PortCount).ToArray(), connections.ToArray(), external.ToArray());
        return new BuiltNetwork(topology, blocks.ToArray(), names.ToArray(), externalNames.ToArray());
    }

    /// <summary>An evenly spaced wavelength grid of <paramref name="points"/> points from start to stop, in nm.</summary>
    public static double[] Grid(double startNm, double stopNm, int points) =>
        points == 1 ? [startNm] : Enumerable.Range(0, points).Select(k => startNm + (stopNm - startNm) * k / (points - 1)).ToArray();
}
