using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using CsCheck;
using MathNet.Numerics.LinearAlgebra;
using PhotonicKit.Circuit.Analyses;
using PhotonicKit.Circuit.Running;
using PhotonicKit.Components;
using PhotonicKit.Fuzz;

namespace PhotonicKit.Tests.Tool;

/// <summary>
/// Property tests over random circuits of passive built-ins, joined at random and written as netlists: the
/// solved S-matrix is passive (every singular value ≤ 1), reciprocal (S = Sᵀ), conserves flux when every part
/// is lossless (S†S = I), and is byte-identical from run to run. docs/robustness.md lists them.
/// </summary>
public class RandomCircuitPropertyTests
{
    private sealed record Part(string Component, string Settings, bool Lossless);

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>One passive, reciprocal built-in with random settings; lossless when <paramref name="lossless"/>
    /// (no loss settings, and only components lossless without them).</summary>
    private static Gen<Part> PartGen(bool lossless)
    {
        var loss = lossless ? Gen.Const(0.0) : Gen.Double[0, 3];
        // Couplings and reflectivities away from 0 and 1: a loop closed through a splitter that couples 1e-10 of
        // the light is a resonator of finesse ~1e10, whose solve loses ten digits to conditioning (a property
        // of the circuit, not of the solver).
        var split = Gen.Double[0.01, 0.99];
        var parts = new List<Gen<Part>>
        {
            Gen.Select(Gen.Double[0, 200], Gen.Double[1.5, 3.5], loss).Select((l, n, a) => new Part("waveguide", $"length_um: {F(l)}, n_eff: {F(n)}, loss_db_per_cm: {F(a * 10)}", a == 0)),
            Gen.Select(split, loss).Select((c, a) => new Part("beam_splitter", $"coupling: {F(c)}, loss_db: {F(a)}", a == 0)),
            Gen.Select(Gen.Double[-10, 10], loss).Select((p, a) => new Part("phase_shifter", $"phase_rad: {F(p)}, loss_db: {F(a)}", a == 0)),
            Gen.Select(split, loss).Select((r, a) => new Part("mirror", $"reflectivity: {F(r)}, loss_db: {F(a)}", a == 0)),
            Gen.Select(Gen.Double[0, 50], loss).Select((d, a) => new Part("delay_line", $"delay_ps: {F(d)}, loss_db: {F(a)}", a == 0)),
            loss.Select(a => new Part("mmi2x2", $"loss_db: {F(a)}", a == 0)),
            Gen.Select(Gen.Double[0.01, 0.99], Gen.Double[10, 100], loss).Select((c, l, a) => new Part("ring_all_pass", $"coupling: {F(c)}, length_um: {F(l)}, loss_db_per_cm: {F(a)}", a == 0)),
            Gen.Select(split, loss).Select((c, a) => new Part("directional_coupler", $"coupling: {F(c)}, loss_db: {F(a)}", a == 0)),
        };
        if (!lossless)
        {
            parts.Add(Gen.Double[0, 20].Select(a => new Part("attenuator", $"loss_db: {F(a)}", false)));
            parts.Add(Gen.Double[-60, -10].Select(x => new Part("crossing", $"crosstalk_db: {F(x)}", false)));
            parts.Add(Gen.Const(new Part("mmi1x2", "loss_db: 0", false)));
            parts.Add(Gen.Double[5, 80].Select(b => new Part("grating_coupler", $"bandwidth_3db_nm: {F(b)}", false)));
        }
        return Gen.OneOf(parts.ToArray());
    }

    private static IReadOnlyList<string> PortsOf(string component) =>
        ComponentRegistry.BuiltIn.TryGet(component, out var model) && model.FixedPorts is { } ports ? ports : throw new InvalidOperationException(component);

    /// <summary>A random circuit: 1–6 parts, a random matching of some of their ports as connections (the
    /// <paramref name="pairs"/> stream picks them), every other port exported.</summary>
    private static Gen<string> CircuitGen(bool lossless) =>
        Gen.Select(PartGen(lossless).Array[1, 6], Gen.Int[0, int.MaxValue].Array[0, 12]).Select((parts, picks) =>
        {
            var ports = new List<string>();
            var instances = new List<string>();
            for (int i = 0; i < parts.Length; i++)
            {
                instances.Add($"  x{i}: {{component: {parts[i].Component}, settings: {{{parts[i].Settings}}}}}");
                ports.AddRange(PortsOf(parts[i].Component).Select(p => $"x{i},{p}"));
            }
            var free = new List<string>(ports);
            var connections = new List<string>();
            for (int k = 0; k + 1 < picks.Length && free.Count >= 4; k += 2)
            {
                string a = free[picks[k] % free.Count];
                free.Remove(a);
                string b = free[picks[k + 1] % free.Count];
                free.Remove(b);
                connections.Add($"  \"{a}\": \"{b}\"");
            }
            var exported = free.Select((p, i) => $"  e{i}: \"{p}\"");
            return "photonickit: 1\nwavelength_nm: 1550\ninstances:\n" + string.Join("\n", instances)
                + (connections.Count > 0 ? "\nconnections:\n" + string.Join("\n", connections) : "")
                + "\nports:\n" + string.Join("\n", exported)
                + "\nanalyses:\n  - {type: smatrix, sweep: {start_nm: 1549, stop_nm: 1551, points: 3}}\n";
        });

    /// <summary>The S-matrices of the run, one per wavelength; null for a singular network (a lossless resonator
    /// exactly on resonance), which is an input error, not a property failure.</summary>
    private static List<Matrix<Complex>>? Solve(string netlist, out string json)
    {
        json = "";
        RunResult result;
        try
        {
            result = NetlistRunner.Run(netlist, "random.yaml");
        }
        catch (AnalysisException e) when (e.Message.Contains("singular", StringComparison.Ordinal))
        {
            return null;
        }
        json = result.ToJson();
        var smatrix = result.Document["results"]![0]!;
        var re = smatrix["re"]!.AsArray();
        var im = smatrix["im"]!.AsArray();
        var list = new List<Matrix<Complex>>();
        for (int k = 0; k < re.Count; k++)
        {
            int n = re[k]!.AsArray().Count;
            list.Add(Matrix<Complex>.Build.Dense(n, n, (i, j) => new Complex((double)re[k]![i]![j]!, (double)im[k]![i]![j]!)));
        }
        return list;
    }

    [Fact]
    public void RandomPassiveCircuitsArePassiveReciprocalAndDeterministic()
    {
        int solved = 0;
        CircuitGen(lossless: false).Sample(netlist =>
        {
            var matrices = Solve(netlist, out string json);
            if (matrices is null) return;
            Interlocked.Increment(ref solved);
            foreach (var s in matrices)
            {
                if (s.RowCount == 0) continue;
                double largest = s.Svd(computeVectors: false).S.Max(v => v.Magnitude);
                Assert.True(largest <= 1 + 1e-9, $"gain: largest singular value {largest}\n{netlist}");
                double asymmetry = (s - s.Transpose()).Enumerate().Select(v => v.Magnitude).DefaultIfEmpty(0).Max();
                Assert.True(asymmetry <= 1e-9, $"not reciprocal: max |S − Sᵀ| = {asymmetry}\n{netlist}");
            }
            Solve(netlist, out string again);
            Assert.Equal(json, again);
        }, iter: 300, seed: null);
        Assert.True(solved > 200, $"only {solved} of 300 random circuits were solved");
    }

    [Fact]
    public void RandomLosslessCircuitsConserveFlux()
    {
        int solved = 0;
        CircuitGen(lossless: true).Sample(netlist =>
        {
            var matrices = Solve(netlist, out _);
            if (matrices is null) return;
            Interlocked.Increment(ref solved);
            foreach (var s in matrices)
            {
                var defect = s.ConjugateTranspose() * s - Matrix<Complex>.Build.DenseIdentity(s.RowCount);
                double worst = defect.Enumerate().Select(v => v.Magnitude).DefaultIfEmpty(0).Max();
                Assert.True(worst <= 1e-8, $"S†S ≠ I: max deviation {worst}\n{netlist}");
            }
        }, iter: 300);
        Assert.True(solved > 200, $"only {solved} of 300 random circuits were solved");
    }
}

/// <summary>
/// Random mutations of valid netlists (the fuzzing seeds): whatever the mutation, loading never throws and
/// <c>photonickit run</c> exits 0 or 1 with every stderr line a diagnostic — the fuzzer's own targets
/// (fuzz/PhotonicKit.Fuzz), run here on every test run; fuzz/regressions holds the inputs the fuzzer found.
/// </summary>
public class NetlistMutationPropertyTests
{
    private static string RepositoryFile(params string[] parts) => Repository.PathOf(parts);

    private static readonly string[] Seeds = Directory.GetFiles(RepositoryFile("fuzz", "seeds")).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();

    private static readonly string[] Words = [.. FuzzTargets.Dictionary().Select(d => d[(d.IndexOf('"') + 1)..^1].Replace("\\\"", "\"", StringComparison.Ordinal))];

    private static readonly string[] Extremes = ["0", "-0", "-1", "1e308", "-1e308", "5e-324", "1e-300", "1.7976931348623157e308", ".nan", ".inf", "null", "true", "\"1\"", "[]", "{}", "[[1e308]]", "99999999999", "2147483648", "0x10", "1_000"];

    /// <summary>One mutation of a netlist's text, chosen and placed by the integers.</summary>
    private static string Mutate(string text, int kind, int where, int which)
    {
        var lines = text.Split('\n').ToList();
        int line = where % lines.Count;
        switch (kind % 10)
        {
            case 0: // replace a number with an extreme value
            {
                var numbers = System.Text.RegularExpressions.Regex.Matches(text, @"(?<=[:\[, ])-?\d+(\.\d+)?(e-?\d+)?");
                if (numbers.Count == 0) return text;
                var m = numbers[where % numbers.Count];
                return text[..m.Index] + Extremes[which % Extremes.Length] + text[(m.Index + m.Length)..];
            }
            case 1: lines.RemoveAt(line); break;
            case 2: lines.Insert(line, lines[which % lines.Count]); break;
            case 3:
            {
                int other = which % lines.Count;
                (lines[line], lines[other]) = (lines[other], lines[line]);
                break;
            }
            case 4: // a word of the format where a word was
            {
                var words = System.Text.RegularExpressions.Regex.Matches(lines[line], "[a-z_][a-z0-9_]*");
                if (words.Count == 0) return text;
                var w = words[which % words.Count];
                lines[line] = lines[line][..w.Index] + Words[where % Words.Length] + lines[line][(w.Index + w.Length)..];
                break;
            }
            case 5: return text[..(where % (text.Length + 1))];
            case 6: // a character inserted
            {
                int at = where % (text.Length + 1);
                const string punctuation = "{}[],:&*!|>'\"#\t\n-?%@`";
                return text[..at] + punctuation[which % punctuation.Length] + text[at..];
            }
            case 7: // a value repeated by alias
                lines[line] = System.Text.RegularExpressions.Regex.Replace(lines[line], @"\{", "&a" + which % 3 + " {", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
                lines.Insert(Math.Min(lines.Count, line + 1), lines[line].Split(':')[0] + "_copy: *a" + which % 3);
                break;
            case 8: lines[line] = new string(' ', which % 5) + lines[line].TrimStart(); break;
            default: lines.Insert(line, Words[which % Words.Length] + ": " + Extremes[where % Extremes.Length]); break;
        }
        return string.Join('\n', lines);
    }

    private static Gen<string> MutantGen(int maxMutations, string[]? seeds = null)
    {
        seeds ??= Seeds;
        return Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Select(Gen.Int[0, 9], Gen.Int[0, 100_000], Gen.Int[0, 100_000]).Array[1, maxMutations])
            .Select((seed, mutations) => mutations.Aggregate(seeds[seed], (text, m) => Mutate(text, m.Item1, m.Item2, m.Item3)));
    }

    /// <summary>The SAX and gdsfactory netlists of the interop tests, as published.</summary>
    private static readonly string[] ForeignSeeds = Directory.GetFiles(RepositoryFile("tests", "PhotonicKit.Tests", "Interop", "data"), "*.yml")
        .Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();

    [Fact]
    public void MutatedSaxAndGdsfactoryNetlistsNeverBreakTheImportersAndRunToExitZeroOrOne()
    {
        Assert.True(ForeignSeeds.Length >= 5);
        MutantGen(4, ForeignSeeds).Sample(text => FuzzTargets.Load(System.Text.Encoding.UTF8.GetBytes(text)), iter: 1500);
        MutantGen(3, ForeignSeeds).Sample(text => FuzzTargets.Run(System.Text.Encoding.UTF8.GetBytes(text)), iter: 200);
    }

    [Fact]
    public void MutatedNetlistsNeverBreakTheLoader()
    {
        MutantGen(6).Sample(text => FuzzTargets.Load(System.Text.Encoding.UTF8.GetBytes(text)), iter: 3000);
    }

    [Fact]
    public void MutatedNetlistsRunToExitZeroOrOneWithKeyedMessages()
    {
        MutantGen(3).Sample(text => FuzzTargets.Run(System.Text.Encoding.UTF8.GetBytes(text)), iter: 400);
    }

    [Fact]
    public void FuzzingSeedsAreValidNetlists()
    {
        // The mutations start from valid files, so that most mutants get past the parser.
        Assert.True(Seeds.Length >= 6);
        foreach (var seed in Seeds)
        {
            var result = NetlistRunner.Run(seed, "seed.yaml");
            Assert.NotEmpty(result.Document["results"]!.AsArray());
        }
    }

    public static TheoryData<string> Regressions() =>
        [.. Directory.GetFiles(RepositoryFile("fuzz", "regressions")).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Regressions))]
    public void InputsTheFuzzerFoundStayFixed(string name)
    {
        byte[] input = File.ReadAllBytes(RepositoryFile("fuzz", "regressions", name));
        FuzzTargets.Load(input);
        FuzzTargets.Run(input);
    }
}
