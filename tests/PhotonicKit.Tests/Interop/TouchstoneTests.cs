using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using PhotonicKit.Components;
using PhotonicKit.Components.Passive;
using PhotonicKit.Tests.Tool;

namespace PhotonicKit.Tests.Interop;

/// <summary>
/// Touchstone files: the reader against the numbers written in real files (scikit-rf's ntwk1.s2p, a measured Mini-Circuits
/// 4-port; sources in Interop/data/README.md) and in files made here in every layout, and the <c>sparameters</c> component
/// in netlists: exact at the file's points, interpolated in magnitude and phase between them, refused outside its band and
/// when it has gain.
/// </summary>
public class TouchstoneTests
{
    private static string DataFile(string name) => InteropData.File(name);

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    [Fact]
    public void ScikitRfsTwoPortIsReadAsWritten()
    {
        var t = Touchstone.Read(DataFile("skrf-ntwk1.s2p"));
        Assert.Equal(2, t.Ports);
        Assert.Equal(91, t.FrequenciesHz.Length);
        Assert.Equal(1e9, t.FrequenciesHz[0]);
        Assert.Equal(10e9, t.FrequenciesHz[^1], 1e-3);
        // "1.0 0.0217920488 -0.151514165 0.926746562 -0.170089428 …" in the order S11 S21 S12 S22.
        Assert.Equal(new Complex(0.0217920488, -0.151514165), t.Matrices[0][0, 0]);
        Assert.Equal(new Complex(0.926746562, -0.170089428), t.Matrices[0][1, 0]);
        Assert.Equal(new Complex(0.0234769169, -0.121728077), t.Matrices[0][1, 1]);
        // The last line: 10.0 … S22 = −0.667177736 − 0.0670406733i.
        Assert.Equal(new Complex(-0.667177736, -0.0670406733), t.Matrices[^1][1, 1]);
    }

    [Fact]
    public void AMeasuredFourPortInDecibelsIsReadRowByRow()
    {
        var t = Touchstone.Read(DataFile("minicircuits-zx10q-2-19-first20.s4p"));
        Assert.Equal(4, t.Ports);
        Assert.Equal(20, t.FrequenciesHz.Length);
        Assert.Equal(10e6, t.FrequenciesHz[0]);
        // First frequency, second row, third value pair: S23 = −5.567401E+001 dB at 1.106705E+002°.
        var expected = Complex.FromPolarCoordinates(Math.Pow(10, -55.67401 / 20), 110.6705 * Math.PI / 180);
        Assert.True(Complex.Abs(t.Matrices[0][1, 2] - expected) < 1e-15);
        // Row 3 starts with S31 = −4.954064E-002 dB at −1.792085°.
        expected = Complex.FromPolarCoordinates(Math.Pow(10, -0.04954064 / 20), -1.792085 * Math.PI / 180);
        Assert.True(Complex.Abs(t.Matrices[0][2, 0] - expected) < 1e-15);
    }

    [Theory]
    [InlineData("RI")]
    [InlineData("MA")]
    [InlineData("DB")]
    public void EveryFormatAndLayoutGivesTheMatrixWritten(string format)
    {
        var m = new Complex[3, 3];
        var random = new Random(7);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) m[i, j] = Complex.FromPolarCoordinates(0.1 + 0.3 * random.NextDouble(), Math.PI * (2 * random.NextDouble() - 1));
        string Pair(Complex z) => format switch
        {
            "RI" => $"{F(z.Real)} {F(z.Imaginary)}",
            "MA" => $"{F(z.Magnitude)} {F(z.Phase * 180 / Math.PI)}",
            _ => $"{F(20 * Math.Log10(z.Magnitude))} {F(z.Phase * 180 / Math.PI)}",
        };
        // Version 1, three ports: rows, wrapped after two pairs here, with comments.
        var v1 = new System.Text.StringBuilder($"! made by the test\n# THz S {format} R 50\n");
        foreach (double f in new[] { 190.0, 195.0 })
        {
            v1.Append(F(f));
            for (int i = 0; i < 3; i++) v1.Append(' ').Append(Pair(m[i, 0])).Append(' ').Append(Pair(m[i, 1])).Append(" ! row\n ").Append(Pair(m[i, 2])).Append('\n');
        }
        var a = Touchstone.Parse(v1.ToString(), ".s3p");
        // Version 2.0, lower triangle of a symmetric matrix.
        var sym = (Complex[,])m.Clone();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < i; j++) sym[j, i] = sym[i, j];
        string v2 = $"[Version] 2.0\n# GHz S {format} R 50\n[Number of Ports] 3\n[Number of Frequencies] 1\n[Matrix Format] Lower\n[Network Data]\n193000 "
            + $"{Pair(sym[0, 0])}\n{Pair(sym[1, 0])} {Pair(sym[1, 1])}\n{Pair(sym[2, 0])} {Pair(sym[2, 1])} {Pair(sym[2, 2])}\n[End]\n";
        var b = Touchstone.Parse(v2, ".ts");
        Assert.Equal([190e12, 195e12], a.FrequenciesHz);
        Assert.Equal(193e12, b.FrequenciesHz[0]);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                Assert.True(Complex.Abs(a.Matrices[1][i, j] - m[i, j]) < 1e-12, $"{format} v1 S{i + 1}{j + 1}");
                Assert.True(Complex.Abs(b.Matrices[0][i, j] - sym[i, j]) < 1e-12, $"{format} v2 S{i + 1}{j + 1}");
            }
        // A version 2.0 two-port in 12_21 order is row by row; 21_12 is version 1's S11 S21 S12 S22.
        var twelve = Touchstone.Parse("[Version] 2.0\n# Hz S RI R 50\n[Number of Ports] 2\n[Two-Port Data Order] 12_21\n[Network Data]\n1 1 0 2 0 3 0 4 0\n[End]", ".ts");
        Assert.Equal(new Complex(2, 0), twelve.Matrices[0][0, 1]);
        var v1Two = Touchstone.Parse("# Hz S RI R 50\n1 1 0 2 0 3 0 4 0\n", ".s2p");
        Assert.Equal(new Complex(2, 0), v1Two.Matrices[0][1, 0]);
    }

    [Theory]
    [InlineData("# GHz Y RI R 50\n1 0 0\n", ".s1p", "Y-parameters are not read")]
    [InlineData("# GHz S RI R 50\n1 0 0 0\n", ".s1p", "not a multiple of 3")]
    [InlineData("# GHz S RI R 50\n2 0 0\n1 0 0\n", ".s1p", "line 3: frequency 1 does not increase")]
    [InlineData("# PHz S RI R 50\n1 0 0\n", ".s1p", "'PHz' in the option line")]
    [InlineData("# GHz S RI R 50\n1 0 x\n", ".s1p", "line 2: 'x' is not a number")]
    [InlineData("# GHz S RI R 50\n1 0 0\n", ".txt", "the number of ports is not known")]
    public void WhatIsNotTouchstoneIsAnErrorWithTheLine(string text, string extension, string message)
    {
        var e = Assert.Throws<FormatException>(() => Touchstone.Parse(text, extension));
        Assert.Contains(message, e.Message);
    }

    private static string Netlist(string file, string passivity = "") => $$$"""
        photonickit: 1
        wavelength_nm: 1550
        instances:
          d: {component: sparameters, settings: {file: {{{file}}}{{{passivity}}}}}
        ports: {a: "d,o1", b: "d,o2"}
        analyses:
          - {type: smatrix, sweep: {start_nm: 1545, stop_nm: 1555, points: 3}}
        """;

    private static Complex S(JsonNode result, int k, int o, int i) => InteropData.S(result, k, o, i);

    [Fact]
    public void ASparametersComponentIsExactAtTheFilesPointsAndInterpolatesMagnitudeAndPhaseBetween()
    {
        using var h = new ToolHarness();
        // Points at 1545 and 1555 nm (frequencies from λ); the middle of the sweep, 1550 nm, lies between them.
        double f1 = PhysicalConstants.SpeedOfLightNmPerPs * 1e12 / 1555, f2 = PhysicalConstants.SpeedOfLightNmPerPs * 1e12 / 1545;
        var t1 = Complex.FromPolarCoordinates(0.9, 3.0);
        var t2 = Complex.FromPolarCoordinates(0.7, -3.0); // the phase wraps between them: unwrapped −3 → 2π − 3
        string Line(double f, Complex t) => $"{F(f)} 0 0 {F(t.Real)} {F(t.Imaginary)} {F(t.Real)} {F(t.Imaginary)} 0 0";
        Directory.CreateDirectory(h.PathOf("data"));
        File.WriteAllText(h.PathOf("data/wg.s2p"), $"# Hz S RI R 50\n{Line(f1, t1)}\n{Line(f2, t2)}\n");
        string file = h.Write("net.yaml", Netlist("data/wg.s2p"));
        var (code, _, err) = h.Run("run", file, "--json", h.PathOf("out.json"));
        Assert.True(code == 0, err);
        var result = JsonNode.Parse(File.ReadAllText(h.PathOf("out.json")))!["results"]![0]!;
        Assert.True(Complex.Abs(S(result, 0, 1, 0) - t2) < 1e-12); // 1545 nm = f2
        Assert.True(Complex.Abs(S(result, 2, 1, 0) - t1) < 1e-12); // 1555 nm = f1
        double f = PhysicalConstants.SpeedOfLightNmPerPs * 1e12 / 1550, w = (f - f1) / (f2 - f1);
        var middle = Complex.FromPolarCoordinates(0.9 + w * (0.7 - 0.9), 3.0 + w * (2 * Math.PI - 3.0 - 3.0));
        Assert.True(Complex.Abs(S(result, 1, 1, 0) - middle) < 1e-12, $"{S(result, 1, 1, 0)} against {middle}");

        // Outside the band: refused before computing, naming the instance and the file's band.
        string wide = h.Write("wide.yaml", Netlist("data/wg.s2p").Replace("start_nm: 1545", "start_nm: 1540"));
        var (code2, _, err2) = h.Run("run", wide);
        Assert.Equal(1, code2);
        Assert.Matches("error: [^\\n]*d: file 'data/wg.s2p' covers λ from 1545 to 1555 nm", err2);
    }

    [Fact]
    public void PortNamesInTheFilesCommentsAreReadAndUsedWhenAsked()
    {
        // As HFSS writes them: "! Port[n] = name" comment lines in the header; other comments and trailing ones are ignored.
        const string named = "! Touchstone file exported\n! Port[1] = bus_in\n!  port [2]=  drop \n# GHz S RI R 50\n193000 0 0 0.6 0.1 0.6 0.1 0 0 ! Port[3] = x\n194000 0 0 0.5 0 0.5 0 0 0\n";
        var data = Touchstone.Parse(named, ".s2p");
        Assert.Equal(["bus_in", "drop"], data.PortNames);
        Assert.Empty(Touchstone.Parse("# GHz S RI R 50\n193000 0 0 1 0 1 0 0 0\n", ".s2p").PortNames);
        Assert.Equal([null, "b"], Touchstone.Parse("! Port[2] = b\n# GHz S RI R 50\n193000 0 0 1 0 1 0 0 0\n", ".s2p").PortNames);

        using var h = new ToolHarness();
        File.WriteAllText(h.PathOf("named.s2p"), named);
        string Net(string file, string ports, string extra = "") => $$$"""
            photonickit: 1
            wavelength_nm: 1550
            instances:
              d: {component: sparameters, settings: {file: {{{file}}}{{{extra}}}}}
            ports: {{{ports}}}
            analyses:
              - {type: smatrix}
            """;
        // port_naming: file connects by the file's names, and gives the same S as o1, o2 by default.
        var (code, _, err) = h.Run("run", h.Write("byname.yaml", Net("named.s2p", "{a: \"d,bus_in\", b: \"d,drop\"}", ", port_naming: file")), "--json", h.PathOf("byname.json"));
        Assert.True(code == 0, err);
        var (code2, _, err2) = h.Run("run", h.Write("numbered.yaml", Net("named.s2p", "{a: \"d,o1\", b: \"d,o2\"}")), "--json", h.PathOf("numbered.json"));
        Assert.True(code2 == 0, err2);
        var byName = JsonNode.Parse(File.ReadAllText(h.PathOf("byname.json")))!["results"]![0]!;
        var numbered = JsonNode.Parse(File.ReadAllText(h.PathOf("numbered.json")))!["results"]![0]!;
        Assert.Equal(numbered["re"]!.ToJsonString(), byName["re"]!.ToJsonString());
        Assert.Equal(numbered["im"]!.ToJsonString(), byName["im"]!.ToJsonString());
        // Without port_naming: file, the names are not ports.
        var (code3, _, err3) = h.Run("run", h.Write("wrong.yaml", Net("named.s2p", "{a: \"d,bus_in\", b: \"d,o2\"}")));
        Assert.Equal(1, code3);
        Assert.Contains("has no port 'bus_in'", err3);

        // Names that cannot be ports, or no names, are errors naming the setting and what is wrong.
        File.WriteAllText(h.PathOf("bad.s3p"), "! Port[1] = in 1\n! Port[2] = out\n! Port[3] = out\n# GHz S RI R 50\n193000 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
        var (code4, _, err4) = h.Run("run", h.Write("bad.yaml", Net("bad.s3p", "{a: \"d,o1\"}", ", port_naming: file")));
        Assert.Equal(1, code4);
        Assert.Contains("error: instances.d.settings.port_naming: 'bad.s3p' does not name its ports so that they can be used: 'in 1' is not a port name (letters, digits and _, not starting with a digit); 'out' names 2 ports; port_naming: numbered calls them o1 … o3", err4);
        File.WriteAllText(h.PathOf("plain.s2p"), "# GHz S RI R 50\n193000 0 0 1 0 1 0 0 0\n194000 0 0 1 0 1 0 0 0\n");
        var (code5, _, err5) = h.Run("run", h.Write("plain.yaml", Net("plain.s2p", "{a: \"d,o1\"}", ", port_naming: file")));
        Assert.Equal(1, code5);
        Assert.Contains("error: instances.d.settings.port_naming: 'plain.s2p' names none of its 2 ports (no comment '! Port[n] = name')", err5);
    }

    [Fact]
    public void GainIsRefusedNamingTheFrequencyUnlessEnforcedAndAMissingFileIsNamed()
    {
        using var h = new ToolHarness();
        File.WriteAllText(h.PathOf("gain.s2p"), "# THz S RI R 50\n190 0 0 1.2 0 1.2 0 0 0\n200 0 0 0.5 0 0.5 0 0 0\n");
        string file = h.Write("net.yaml", Netlist("gain.s2p").Replace("start_nm: 1545, stop_nm: 1555, points: 3", "start_nm: 1500, stop_nm: 1570, points: 5"));
        var (code, _, err) = h.Run("run", file);
        Assert.Equal(1, code);
        Assert.Matches(@"net\.yaml:\d+:\d+: error: instances\.d\.settings\.file: 'gain\.s2p' has gain at 190000 GHz[^\n]*largest singular value is 1\.2 > 1", err);
        string enforced = h.Write("enforced.yaml", Netlist("gain.s2p", ", passivity: enforce").Replace("start_nm: 1545, stop_nm: 1555, points: 3", "start_nm: 1500, stop_nm: 1570, points: 5"));
        var (code2, _, err2) = h.Run("run", enforced, "--json", h.PathOf("out.json"));
        Assert.True(code2 == 0, err2);
        string missing = h.Write("missing.yaml", Netlist("nope.s2p"));
        var (code3, _, err3) = h.Run("run", missing);
        Assert.Equal(1, code3);
        Assert.Contains("error: instances.d.settings.file: cannot read 'nope.s2p'", err3);
        // A device would never end: refused before reading.
        if (OperatingSystem.IsLinux())
        {
            string device = h.Write("device.yaml", Netlist("/dev/zero"));
            var (code4, _, err4) = h.Run("run", device);
            Assert.Equal(1, code4);
            Assert.Contains("it is a character device, not a regular file", err4);
        }
    }
}
