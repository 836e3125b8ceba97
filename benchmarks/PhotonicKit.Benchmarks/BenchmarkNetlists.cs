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
        // The 4 × 4 S-matrix at one wavelength: what benchmarks/scipy/crow.py computes.
        File.WriteAllText(Path.Combine(directory, "crow-1023-smatrix.yaml"), Crow(1023, 1, "{type: smatrix}"));
        File.WriteAllText(Path.Combine(directory, "clements-16-1000.yaml"), Clements(16, 1000));
        File.WriteAllText(Path.Combine(directory, "source-sweep-100.yaml"), SourceSweep);
        // photon_statistics: full count distributions, single patterns, and one exact sample.
        File.WriteAllText(Path.Combine(directory, "photon-statistics-8-16.yaml"), PhotonStatistics(8, 16, "max_patterns: 10"));
        File.WriteAllText(Path.Combine(directory, "photon-statistics-10-20.yaml"), PhotonStatistics(10, 20, "max_patterns: 10"));
        foreach (int n in new[] { 24, 28 })
            File.WriteAllText(Path.Combine(directory, $"photon-statistics-pattern-{n}.yaml"),
                PhotonStatistics(n, n, "pattern: [" + string.Join(", ", Enumerable.Repeat("1", n)) + "]"));
        File.WriteAllText(Path.Combine(directory, "photon-statistics-sample-20-60.yaml"), PhotonStatistics(20, 60, "samples: 1\n    distribution: false"));
        // Threshold detectors: 4 photons on 64 outputs (2^64 click patterns, 679 120 that can occur), without and
        // with dark counts (1 kHz in a 1 ns gate on every detector).
        File.WriteAllText(Path.Combine(directory, "photon-statistics-threshold-4-64.yaml"),
            PhotonStatistics(4, 64, "max_patterns: 10", "resolution: threshold"));
        File.WriteAllText(Path.Combine(directory, "photon-statistics-dark-4-64.yaml"),
            PhotonStatistics(4, 64, "max_patterns: 10", "resolution: threshold, dark_count_rate_hz: 1000"));
        // Mixed photons: the same sources with pure dephasing γ* = 0.5556 ns⁻¹ (M = Γ/(Γ + 2γ*) = 0.9 at T1 = 100 ps).
        foreach (var (n, m) in new[] { (3, 12), (4, 8), (4, 12), (6, 12), (8, 16) })
            File.WriteAllText(Path.Combine(directory, $"photon-statistics-mixed-{n}-{m}.yaml"),
                PhotonStatistics(n, m, "max_patterns: 10", sourceSettings: DephasedSource));
    }

    /// <summary>Settings of a dephased source with M = 0.9 (T1 = 100 ps, γ* = 0.5556 ns⁻¹), β = 1, emitting to the right.</summary>
    public const string DephasedSource = "lifetime_ps: 100, pure_dephasing_per_ns: 0.5556, beta: 1, beta_right_fraction: 1, repetition_rate_mhz: 80";

    /// <summary>
    /// <paramref name="photons"/> ideal single-photon sources (a <c>quantum_dot</c> with β = 1 emitting only to the
    /// right, ideal excitation: p1 = 1, M = 1) into the first inputs of an m-mode Haar-random <c>unitary</c>
    /// (seed 11), a photon-number-resolving detector with max_photons = n on every output, one
    /// <c>photon_statistics</c> analysis with the given extra keys.
    /// </summary>
    /// <param name="photons">Number of sources n.</param>
    /// <param name="modes">Modes m of the unitary, one detector each.</param>
    /// <param name="extraKeys">YAML lines added to the analysis.</param>
    /// <param name="detectorSettings">The detectors' settings (default: pnr with max_photons = n).</param>
    /// <param name="sourceSettings">The sources' settings (default: ideal, T1 = 100 ps, β = 1, emitting to the right).</param>
    public static string PhotonStatistics(int photons, int modes, string extraKeys, string? detectorSettings = null, string? sourceSettings = null)
    {
        sourceSettings ??= "lifetime_ps: 100, beta: 1, beta_right_fraction: 1, repetition_rate_mhz: 80";
        detectorSettings ??= $"resolution: pnr, max_photons: {photons}";
        var u = HaarUnitary(modes, new Random(11));
        var sb = new StringBuilder();
        sb.AppendLine($"photonickit: 1\nname: photon-statistics-{photons}-{modes}\nwavelength_nm: 930\ninstances:");
        for (int s = 0; s < photons; s++)
            sb.AppendLine($"  q{s}: {{component: quantum_dot, settings: {{{sourceSettings}}}}}");
        sb.AppendLine("  u:\n    component: unitary\n    settings:");
        foreach (var (key, part) in new[] { ("matrix_re", 0), ("matrix_im", 1) })
        {
            sb.AppendLine($"      {key}:");
            for (int i = 0; i < modes; i++)
                sb.AppendLine("        - [" + string.Join(", ", Enumerable.Range(0, modes).Select(j =>
                    (part == 0 ? u[i, j].Real : u[i, j].Imaginary).ToString("R", CultureInfo.InvariantCulture))) + "]");
        }
        for (int d = 0; d < modes; d++)
            sb.AppendLine($"  d{d}: {{component: detector, settings: {{{detectorSettings}}}}}");
        sb.AppendLine("connections:");
        for (int s = 0; s < photons; s++) sb.AppendLine($"  \"q{s},right\": \"u,in{s}\"");
        for (int d = 0; d < modes; d++) sb.AppendLine($"  \"u,out{d}\": \"d{d},in\"");
        sb.AppendLine("ports:");
        for (int s = 0; s < photons; s++) sb.AppendLine($"  l{s}: \"q{s},left\"");
        for (int i = photons; i < modes; i++) sb.AppendLine($"  in{i}: \"u,in{i}\"");
        sb.AppendLine("analyses:\n  - type: photon_statistics");
        sb.AppendLine("    sources: [" + string.Join(", ", Enumerable.Range(0, photons).Select(s => $"q{s}")) + "]");
        sb.AppendLine("    detectors: [" + string.Join(", ", Enumerable.Range(0, modes).Select(d => $"d{d}")) + "]");
        sb.AppendLine("    " + extraKeys);
        return sb.ToString();
    }

    /// <summary>Haar-random unitary: Gram–Schmidt on complex Gaussian columns (Mezzadri, Notices AMS 54, 592 (2007)).</summary>
    internal static System.Numerics.Complex[,] HaarUnitary(int m, Random rng)
    {
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var u = new System.Numerics.Complex[m, m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++) u[i, j] = new System.Numerics.Complex(Gaussian(), Gaussian());
        for (int j = 0; j < m; j++)
        {
            for (int pass = 0; pass < 2; pass++)
                for (int k = 0; k < j; k++)
                {
                    System.Numerics.Complex dot = 0;
                    for (int i = 0; i < m; i++) dot += System.Numerics.Complex.Conjugate(u[i, k]) * u[i, j];
                    for (int i = 0; i < m; i++) u[i, j] -= dot * u[i, k];
                }
            double norm = 0;
            for (int i = 0; i < m; i++) norm += u[i, j].Magnitude * u[i, j].Magnitude;
            norm = Math.Sqrt(norm);
            for (int i = 0; i < m; i++) u[i, j] /= norm;
        }
        return u;
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
    /// waveguides; neighbouring rings joined through their couplers in both directions. The analysis is a
    /// <c>transmission</c> from in to through and drop unless <paramref name="analysis"/> (a flow mapping) is given.</summary>
    public static string Crow(int rings, int points, string analysis = "{type: transmission, from: [in], to: [through, drop]}")
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
        sb.AppendLine("analyses:\n  - " + analysis);
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
