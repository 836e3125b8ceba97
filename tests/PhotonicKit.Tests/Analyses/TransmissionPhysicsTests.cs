using System.Numerics;
using CsCheck;
using PhotonicKit.Components;
using PhotonicKit.Components.Passive;
using PhotonicKit.Tests.Tool;

namespace PhotonicKit.Tests.Analyses;

public class TransmissionPhysicsTests
{
    [Fact]
    public void MachZehnderPowerFollowsSinSquaredOfHalfThePhaseDifference()
    {
        var r = RunHelper.Result(Netlists.Mzi(100, 110, "  - {type: transmission, from: [in0], to: [out0, out1], sweep: {start_nm: 1500, stop_nm: 1600, points: 41}}"));
        double[] wl = RunHelper.Series(r["wavelength_nm"]);
        double[] bar = RunHelper.Series(r["power"]!["in0"]!["out0"]);
        double[] cross = RunHelper.Series(r["power"]!["in0"]!["out1"]);
        for (int k = 0; k < wl.Length; k++)
        {
            // Upper arm: bs1 out0 → bs2 in0; with [[t, iκ], [iκ, t]] and t = κ = 1/√2:
            // E_out0 = ½(e^{iφ_top} − e^{iφ_bot}) → |E|² = sin²(Δφ/2), and the cross port gets cos².
            double dphi = WaveguideModel.Phase(wl[k], 100, 2.4, 4.2, 1550) - WaveguideModel.Phase(wl[k], 110, 2.4, 4.2, 1550);
            Assert.Equal(Math.Pow(Math.Sin(dphi / 2), 2), bar[k], 1e-12);
            Assert.Equal(Math.Pow(Math.Cos(dphi / 2), 2), cross[k], 1e-12);
        }
    }

    [Fact]
    public void TwoMirrorsGiveTheAiryTransmissionOfAFabryPerot()
    {
        const double R = 0.8, lengthUm = 50;
        string yaml = $"""
            photonickit: 1
            wavelength_nm: 1550
            instances:
              m1: {"{"}component: mirror, settings: {"{"}reflectivity: {R}{"}}"}
              m2: {"{"}component: mirror, settings: {"{"}reflectivity: {R}{"}}"}
              gap: {"{"}component: waveguide, settings: {"{"}length_um: {lengthUm}, n_eff: 3.0, n_g: 3.0{"}}"}
            connections:
              "m1,o2": "gap,o1"
              "gap,o2": "m2,o1"
            ports:
              a: "m1,o1"
              b: "m2,o2"
            analyses:
              - {"{"}type: transmission, from: [a], to: [a, b], sweep: {"{"}start_nm: 1540, stop_nm: 1560, points: 201{"}}"}
            """;
        var r = RunHelper.Result(yaml);
        double[] wl = RunHelper.Series(r["wavelength_nm"]);
        double[] t = RunHelper.Series(r["power"]!["a"]!["b"]);
        double[] back = RunHelper.Series(r["power"]!["a"]!["a"]);
        for (int k = 0; k < wl.Length; k++)
        {
            double delta = 2 * (2 * Math.PI * 3.0 * lengthUm * 1e3 / wl[k]); // round-trip phase; √R reflections are real
            double airy = (1 - R) * (1 - R) / (1 + R * R - 2 * R * Math.Cos(delta));
            Assert.Equal(airy, t[k], 1e-12);
            Assert.Equal(1, t[k] + back[k], 1e-12); // lossless
        }
    }

    [Fact]
    public void WaveguideGroupDelayIsGroupIndexTimesLengthOverC()
    {
        string yaml = """
            photonickit: 1
            wavelength_nm: 930
            instances:
              wg: {component: waveguide, settings: {length_um: 2500, n_eff: 2.4, n_g: 4.2}}
            ports: {o1: "wg,o1", o2: "wg,o2"}
            analyses:
              - {type: transmission, from: [o1], to: [o2], sweep: {start_nm: 920, stop_nm: 940, points: 11}}
            """;
        var r = RunHelper.Result(yaml);
        double expected = 4.2 * 2500e3 / PhysicalConstants.SpeedOfLightNmPerPs;
        foreach (double gd in RunHelper.Series(r["group_delay_ps"]!["o1"]!["o2"]))
            Assert.Equal(expected, gd, expected * 1e-9);
    }

    [Fact]
    public void LongDelayLineGroupDelayDoesNotWrap()
    {
        // 5 ns: far beyond where a single fine-step phase difference wraps.
        string yaml = """
            photonickit: 1
            wavelength_nm: 930
            instances:
              d: {component: delay_line, settings: {delay_ps: 5000}}
            ports: {o1: "d,o1", o2: "d,o2"}
            analyses:
              - {type: transmission, from: [o1], to: [o2]}
            """;
        var r = RunHelper.Result(yaml);
        Assert.Equal(5000, RunHelper.Series(r["group_delay_ps"]!["o1"]!["o2"])[0], 5000 * 1e-8);
    }

    [Fact]
    public void PhaseIsInHalfOpenIntervalAndNullWithWarningBelowThreshold()
    {
        string yaml = """
            photonickit: 1
            wavelength_nm: 930
            instances:
              att: {component: attenuator, settings: {loss_db: 200}}
              ps: {component: phase_shifter, settings: {phase_rad: 3.141592653589793}}
            ports: {a: "att,o1", b: "att,o2", c: "ps,o1", d: "ps,o2"}
            analyses:
              - {type: transmission, from: [a, c], to: [b, d]}
            """;
        var run = RunHelper.Run(yaml);
        var r = run.Document["results"]![0]!;
        Assert.Null(r["phase_rad"]!["a"]!["b"]![0]);
        Assert.Null(r["group_delay_ps"]!["a"]!["b"]![0]);
        Assert.Equal(1e-20, (double)r["power"]!["a"]!["b"]![0]!, 1e-30);
        Assert.Contains(run.Warnings, w => w.Message.Contains("phase_rad") && w.Key.Contains("a.b"));
        double phase = (double)r["phase_rad"]!["c"]!["d"]![0]!;
        Assert.True(phase > -Math.PI && phase <= Math.PI);
        Assert.Equal(Math.PI, phase, 1e-12);
        Assert.DoesNotContain("NaN", run.ToJson());
    }

    [Fact]
    public void SweepAnalysisEqualsRunningEachValueWithSet()
    {
        string analyses = """
              - type: sweep
                parameter: bot.length_um
                values: [110, 111.5, 113]
                analysis: {type: transmission, from: [in0], to: [out0]}
            """;
        var sweep = RunHelper.Result(Netlists.Mzi(100, 110, analyses.TrimEnd()));
        var results = sweep["results"]!.AsArray();
        Assert.Equal(3, results.Count);
        double[] values = [110, 111.5, 113];
        for (int k = 0; k < values.Length; k++)
        {
            var single = RunHelper.Result(Netlists.Mzi(100, values[k], "  - {type: transmission, from: [in0], to: [out0]}"));
            Assert.Equal(single.ToJsonString(), results[k]!.ToJsonString());
        }
    }

    [Fact]
    public void HierarchicalCircuitEqualsItsFlattenedCopy()
    {
        string hierarchical = """
            photonickit: 1
            wavelength_nm: 1550
            models:
              mzi:
                instances:
                  bs1: beam_splitter
                  bs2: beam_splitter
                  top: {component: waveguide, settings: {length_um: 100}}
                  bot: {component: waveguide}
                connections:
                  "bs1,out0": "top,o1"
                  "bs1,out1": "bot,o1"
                  "top,o2": "bs2,in0"
                  "bot,o2": "bs2,in1"
                ports: {in0: "bs1,in0", in1: "bs1,in1", out0: "bs2,out0", out1: "bs2,out1"}
            instances:
              first: {component: mzi, settings: {length_um: 107}}
              second: {component: mzi, settings: {bot: {length_um: 121}, top: {length_um: 90}}}
            connections:
              "first,out0": "second,in0"
              "first,out1": "second,in1"
            ports: {in0: "first,in0", in1: "first,in1", out0: "second,out0", out1: "second,out1"}
            analyses:
              - {type: smatrix, sweep: {start_nm: 1540, stop_nm: 1560, points: 21}}
            """;
        // 'first' forwards length_um = 107 to bot only (top sets its own); 'second' sets both directly.
        string flat = """
            photonickit: 1
            wavelength_nm: 1550
            instances:
              a1: beam_splitter
              a2: beam_splitter
              atop: {component: waveguide, settings: {length_um: 100}}
              abot: {component: waveguide, settings: {length_um: 107}}
              b1: beam_splitter
              b2: beam_splitter
              btop: {component: waveguide, settings: {length_um: 90}}
              bbot: {component: waveguide, settings: {length_um: 121}}
            connections:
              "a1,out0": "atop,o1"
              "a1,out1": "abot,o1"
              "atop,o2": "a2,in0"
              "abot,o2": "a2,in1"
              "a2,out0": "b1,in0"
              "a2,out1": "b1,in1"
              "b1,out0": "btop,o1"
              "b1,out1": "bbot,o1"
              "btop,o2": "b2,in0"
              "bbot,o2": "b2,in1"
            ports: {in0: "a1,in0", in1: "a1,in1", out0: "b2,out0", out1: "b2,out1"}
            analyses:
              - {type: smatrix, sweep: {start_nm: 1540, stop_nm: 1560, points: 21}}
            """;
        var h = RunHelper.Result(hierarchical);
        var f = RunHelper.Result(flat);
        var hre = h["re"]!.AsArray();
        var fre = f["re"]!.AsArray();
        var him = h["im"]!.AsArray();
        var fim = f["im"]!.AsArray();
        for (int k = 0; k < 21; k++)
            for (int o = 0; o < 4; o++)
                for (int i = 0; i < 4; i++)
                {
                    Assert.Equal((double)fre[k]![o]![i]!, (double)hre[k]![o]![i]!, 1e-13);
                    Assert.Equal((double)fim[k]![o]![i]!, (double)him[k]![o]![i]!, 1e-13);
                }
    }

    private static readonly string[] LosslessTwoPorts = ["waveguide", "phase_shifter", "mirror", "delay_line"];

    [Fact]
    public void RandomLosslessReciprocalCircuitsAreUnitaryAndSymmetric()
    {
        // Random netlists of beam splitters and lossless two-ports, joined at random; open ports exported.
        var gen = Gen.Int[2, 7].SelectMany(n => Gen.Int[0, 1000].Array[n * 3], (n, picks) => (n, picks));
        gen.Sample(t =>
        {
            var (yaml, ports) = RandomCircuit(t.n, t.picks, lossDb: 0);
            var r = RunHelper.Result(yaml);
            var m = Matrix(r, 0, ports);
            var identity = MathNet.Numerics.LinearAlgebra.Matrix<Complex>.Build.DenseIdentity(ports);
            Assert.True((m.ConjugateTranspose() * m - identity).FrobeniusNorm() < 1e-9, "lossless circuit not unitary");
            Assert.True((m - m.Transpose()).FrobeniusNorm() < 1e-9, "reciprocal circuit not symmetric");
        }, iter: 40, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    [Fact]
    public void RandomLossyCircuitsArePassive()
    {
        var gen = Gen.Int[2, 7].SelectMany(n => Gen.Int[0, 1000].Array[n * 3], (n, picks) => (n, picks));
        gen.Sample(t =>
        {
            var (yaml, ports) = RandomCircuit(t.n, t.picks, lossDb: 0.7);
            var r = RunHelper.Result(yaml);
            var m = Matrix(r, 0, ports);
            double largest = m.Svd(false).S.Max(z => z.Magnitude);
            Assert.True(largest <= 1 + 1e-12, $"gain: largest singular value {largest}");
        }, iter: 40, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    private static MathNet.Numerics.LinearAlgebra.Matrix<Complex> Matrix(System.Text.Json.Nodes.JsonObject r, int k, int n)
    {
        var m = MathNet.Numerics.LinearAlgebra.Matrix<Complex>.Build.Dense(n, n);
        for (int o = 0; o < n; o++)
            for (int i = 0; i < n; i++)
                m[o, i] = new Complex((double)r["re"]![k]![o]![i]!, (double)r["im"]![k]![o]![i]!);
        return m;
    }

    private static (string Yaml, int Ports) RandomCircuit(int count, int[] picks, double lossDb)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var lines = new List<string> { "photonickit: 1", "wavelength_nm: 1550", "instances:" };
        var freePorts = new List<string>();
        for (int i = 0; i < count; i++)
        {
            int p = picks[3 * i];
            double x = picks[3 * i + 1] / 1000.0;
            if (p % 3 == 0)
            {
                lines.Add($"  u{i}: {{component: beam_splitter, settings: {{coupling: {x.ToString(inv)}, loss_db: {lossDb.ToString(inv)}}}}}");
                freePorts.AddRange([$"u{i},in0", $"u{i},in1", $"u{i},out0", $"u{i},out1"]);
                continue;
            }
            string kind = LosslessTwoPorts[p % LosslessTwoPorts.Length];
            string settings = kind switch
            {
                "waveguide" => $"length_um: {(10 + 90 * x).ToString(inv)}, loss_db_per_cm: {(lossDb * 100).ToString(inv)}",
                "phase_shifter" => $"phase_rad: {(6 * x).ToString(inv)}, loss_db: {lossDb.ToString(inv)}",
                "mirror" => $"reflectivity: {(0.1 + 0.8 * x).ToString(inv)}, loss_db: {lossDb.ToString(inv)}",
                _ => $"delay_ps: {(0.5 + 3 * x).ToString(inv)}, loss_db: {lossDb.ToString(inv)}",
            };
            lines.Add($"  u{i}: {{component: {kind}, settings: {{{settings}}}}}");
            freePorts.AddRange([$"u{i},o1", $"u{i},o2"]);
        }
        // Join random pairs of free ports (loops allowed), export the rest.
        lines.Add("connections:");
        var rng = new Random(picks.Aggregate(17, (a, b) => a * 31 + b));
        var order = freePorts.OrderBy(_ => rng.Next()).ToList();
        int joins = order.Count / 2 - 1;
        int used = 0;
        for (int j = 0; j < joins; j++, used += 2)
            lines.Add($"  \"{order[used]}\": \"{order[used + 1]}\"");
        lines.Add("ports:");
        int external = 0;
        for (int j = used; j < order.Count; j++)
            lines.Add($"  p{external++}: \"{order[j]}\"");
        lines.Add("analyses:");
        lines.Add("  - {type: smatrix}");
        return (string.Join("\n", lines), external);
    }
}

public class NetlistRunnerTests
{
    [Fact]
    public void RunThrowsWithEveryProblemAndRunsValidInput()
    {
        var e = Assert.Throws<PhotonicKit.Circuit.Diagnostics.NetlistException>(() =>
            PhotonicKit.Circuit.Running.NetlistRunner.Run("photonickit: 1\nwavelength_nm: -5\ninstances:\n  w: {component: waveguid}\n", "bad.yaml"));
        Assert.Contains(e.Diagnostics, d => d.Key == "wavelength_nm");
        Assert.Contains(e.Diagnostics, d => d.Message.Contains("did you mean 'waveguide'"));
        var ok = PhotonicKit.Circuit.Running.NetlistRunner.Run(PhotonicKit.Tests.Tool.Netlists.Mzi(), "mzi.yaml", "bot.length_um=100");
        // Equal arms: all light to the cross port.
        Assert.Equal(1, (double)ok.Document["results"]![0]!["power"]!["in0"]!["out1"]![0]!, 1e-12);
    }
}
