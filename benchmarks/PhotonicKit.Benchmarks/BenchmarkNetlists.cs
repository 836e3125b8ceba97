using System.Globalization;
using System.Text;

namespace PhotonicKit.Benchmarks;

/// <summary>
/// The classical benchmark circuits as netlist files (the same topologies as the solver benchmarks'
/// <c>ReferenceNetworks</c>, built from the built-in <c>beam_splitter</c> and <c>waveguide</c>), so the whole
/// command — start-up, parsing, validation, solve and JSON — can be timed.
/// </summary>
internal static class BenchmarkNetlists
{
    public static void WriteAll(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (int rings in new[] { 255, 1023 })
            foreach (int points in new[] { 1, 1000 })
                File.WriteAllText(Path.Combine(directory, $"crow-{rings}-{points}.yaml"), Crow(rings, points));
        File.WriteAllText(Path.Combine(directory, "clements-16-1000.yaml"), Clements(16, 1000));
        File.WriteAllText(Path.Combine(directory, "source-sweep-100.yaml"), SourceSweep);
    }

    /// <summary>A 100-point sweep of the <c>source</c> analysis of a resonantly driven dot (one master-equation
    /// solve per point) over the pulse length.</summary>
    public const string SourceSweep = """
        photonickit: 1
        name: source-sweep
        wavelength_nm: 930
        instances:
          qd: {component: quantum_dot, settings: {lifetime_ps: 200, beta: 0.9, excitation: resonant, pulse_fwhm_ps: 10, temperature_k: 4}}
        ports: {a: "qd,left", b: "qd,right"}
        analyses:
          - type: sweep
            parameter: qd.pulse_fwhm_ps
            values: {start: 1, stop: 100, points: 100}
            analysis: {type: source, source: qd}

        """;

    /// <summary>A chain of coupled rings: each ring two couplers (power coupling 0.1) and two half-ring
    /// waveguides; neighbouring rings joined through their couplers in both directions.</summary>
    public static string Crow(int rings, int points)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"photonickit: 1\nname: crow-{rings}\nwavelength_nm: 1550");
        if (points > 1) sb.AppendLine("sweep: {start_nm: 1549, stop_nm: 1551, points: " + points.ToString(CultureInfo.InvariantCulture) + "}");
        sb.AppendLine("instances:");
        for (int j = 0; j < rings; j++)
        {
            sb.AppendLine($"  a{j}: {{component: beam_splitter, settings: {{coupling: 0.1}}}}");
            sb.AppendLine($"  b{j}: {{component: beam_splitter, settings: {{coupling: 0.1}}}}");
            sb.AppendLine($"  h{j}: {{component: waveguide, settings: {{length_um: 8.75, loss_db_per_cm: 1}}}}");
            sb.AppendLine($"  k{j}: {{component: waveguide, settings: {{length_um: 8.75, loss_db_per_cm: 1}}}}");
        }
        sb.AppendLine("connections:");
        for (int j = 0; j < rings; j++)
        {
            sb.AppendLine($"  \"a{j},out1\": \"h{j},o1\"");
            sb.AppendLine($"  \"h{j},o2\": \"b{j},in1\"");
            sb.AppendLine($"  \"b{j},out1\": \"k{j},o1\"");
            sb.AppendLine($"  \"k{j},o2\": \"a{j},in1\"");
            if (j > 0)
            {
                sb.AppendLine($"  \"b{j - 1},out0\": \"a{j},in0\"");
                sb.AppendLine($"  \"a{j},out0\": \"b{j - 1},in0\"");
            }
        }
        sb.AppendLine($"ports:\n  in: \"a0,in0\"\n  through: \"a0,out0\"\n  drop: \"b{rings - 1},out0\"\n  add: \"b{rings - 1},in0\"");
        sb.AppendLine("analyses:\n  - {type: transmission, from: [in], to: [through, drop]}");
        return sb.ToString();
    }

    /// <summary>A 16 × 16 Clements mesh (Clements et al., Optica 3, 1460 (2016)) of MZIs, each an external phase
    /// shifter, a 50:50 splitter, an internal phase shifter with a waveguide arm, and a second splitter.</summary>
    public static string Clements(int modes, int points)
    {
        var random = new Random(1);
        var sb = new StringBuilder();
        var connections = new StringBuilder();
        sb.AppendLine($"photonickit: 1\nname: clements-{modes}\nwavelength_nm: 1550");
        sb.AppendLine("sweep: {start_nm: 1540, stop_nm: 1560, points: " + points.ToString(CultureInfo.InvariantCulture) + "}");
        sb.AppendLine("instances:");
        var current = new string?[modes];
        var inputs = new StringBuilder();
        int mzi = 0;
        for (int column = 0; column < modes; column++)
        {
            for (int i = column % 2; i + 1 < modes; i += 2)
            {
                string p = $"m{mzi}";
                string phi = (2 * Math.PI * random.NextDouble()).ToString("R", CultureInfo.InvariantCulture);
                string theta = (Math.PI * random.NextDouble()).ToString("R", CultureInfo.InvariantCulture);
                sb.AppendLine($"  {p}e: {{component: phase_shifter, settings: {{phase_rad: {phi}}}}}");
                sb.AppendLine($"  {p}s: beam_splitter");
                sb.AppendLine($"  {p}t: {{component: phase_shifter, settings: {{phase_rad: {theta}}}}}");
                sb.AppendLine($"  {p}w: {{component: waveguide, settings: {{length_um: 4.0}}}}");
                sb.AppendLine($"  {p}c: beam_splitter");
                sb.AppendLine($"  {p}l: {{component: waveguide, settings: {{length_um: 4.0}}}}");
                Link(connections, inputs, current, i, $"{p}e,o1");
                Link(connections, inputs, current, i + 1, $"{p}s,in1");
                connections.AppendLine($"  \"{p}e,o2\": \"{p}s,in0\"");
                connections.AppendLine($"  \"{p}s,out0\": \"{p}t,o1\"");
                connections.AppendLine($"  \"{p}t,o2\": \"{p}w,o1\"");
                connections.AppendLine($"  \"{p}w,o2\": \"{p}c,in0\"");
                connections.AppendLine($"  \"{p}s,out1\": \"{p}l,o1\"");
                connections.AppendLine($"  \"{p}l,o2\": \"{p}c,in1\"");
                current[i] = $"{p}c,out0";
                current[i + 1] = $"{p}c,out1";
                mzi++;
            }
        }
        var ports = new StringBuilder("ports:\n");
        for (int i = 0; i < modes; i++)
        {
            ports.AppendLine($"  out{i}: \"{current[i]}\"");
        }
        sb.Append("connections:\n").Append(connections).Append(ports).Append(inputs);
        sb.AppendLine("analyses:\n  - {type: smatrix}");
        return sb.ToString();
    }

    /// <summary>Joins the mode's current end to <paramref name="input"/>, or exports it as in{mode} at the mesh's edge.</summary>
    private static void Link(StringBuilder connections, StringBuilder inputs, string?[] current, int mode, string input)
    {
        if (current[mode] is { } previous) connections.AppendLine($"  \"{previous}\": \"{input}\"");
        else inputs.AppendLine($"  in{mode}: \"{input}\"");
    }
}
