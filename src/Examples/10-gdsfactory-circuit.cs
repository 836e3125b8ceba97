#:project ../Circuit/PhotonicKit.Circuit.csproj
#:project ../Reporting/PhotonicKit.Reporting.csproj

// # Circuits from gdsfactory: read as they are, checked against their own lengths
//
// gdsfactory lays out photonic chips in Python, and `get_netlist()` writes the circuit of a layout: instances of
// its cells with their settings and `info` (a bend's path length), the nets that join their ports, and the
// external ports. PhotonicKit reads that file as it is (docs/interop.md). This example takes two files from
// gdsfactory's repository, unchanged:
//
//   * examples/netlists/10-gdsfactory-mzi.yml: `gf.components.mzi`, two mmi1x2 joined by arms of straights and
//     bends (gdsfactory/samples/netlists/mzi.yml);
//   * examples/netlists/10-gdsfactory-ring_single.yml: `gf.components.ring_single`, an all-pass ring
//     (tests/test-data-regression/test_netlists_ring_single_.yml).
//
// Both come from commit b99d83c of github.com/gdsfactory/gdsfactory. The MZI runs as it is; the ring's coupler is
// given by its gap alone, so examples/netlists/10-gdsfactory-models.yml maps it to a coupler of chosen coupling
// and gives the waveguides a loss. Every result is then checked against the transfer computed here from the
// lengths written in the files, traced through their nets.
//
// Run:  dotnet run src/Examples/10-gdsfactory-circuit.cs -- out/examples
// The same circuits on the command line:
//   dotnet run --project src/Tool -- run examples/netlists/10-gdsfactory-mzi.yml --sweep 1540:1560:201
//   dotnet run --project src/Tool -- run examples/netlists/10-gdsfactory-ring_single.yml --models examples/netlists/10-gdsfactory-models.yml --sweep 1540:1560:201

using System.Globalization;
using System.Numerics;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Results;
using PhotonicKit.Circuit.Running;
using PhotonicKit.Reporting;
using Plotly.NET;
using Plotly.NET.CSharp;
using YamlDotNet.RepresentationModel;
using PlotlyChart = Plotly.NET.CSharp.Chart;

string outputFolder = NotebookPage.Start(args);

// ## 1. Read a gdsfactory netlist
//
// A file without a wavelength takes one from the reader's options (the command line's `--wavelength-nm` or
// `--sweep`); `--models` is `Models` here. What the reader did not use (placements, layout settings such as
// `cross_section`) it says in a warning. Waveguides, bends and tapers become PhotonicKit waveguides of their
// length with n_eff 2.4 and n_g 4.2 at the sweep's centre, unless a models map says otherwise.
var said = new HashSet<string>(); // each reader's warning printed once, however often a file is run
// Without analyses a run is one `smatrix` over the file's ports: its typed result has the S-matrix entry by port names.
SMatrixResult Run(string fileName, NetlistReadOptions options, params string[] overrides)
{
    string path = NotebookPage.ExampleNetlist(fileName);
    var bag = new DiagnosticBag(path);
    var prepared = NetlistRunner.Prepare(File.ReadAllText(path), path, overrides, strict: false, bag, options)
        ?? throw new NetlistException(bag.All.ToArray());
    foreach (var warning in prepared.Warnings)
        if (said.Add(fileName + warning.Message)) Console.WriteLine($"  {fileName}: {warning.Message}");
    return prepared.Execute().Results.OfType<SMatrixResult>().Single();
}

var sweep = new SweepOverride(1540, 1560, 201);
var mzi = Run("10-gdsfactory-mzi.yml", new NetlistReadOptions(Sweep: sweep));
double[] mziWavelengths = [.. mzi.WavelengthNm];
Complex[] mziThrough = mzi.Entry("o2", "o1");

// ## 2. The same circuit from its lengths
//
// The independent calculation reads the file with a plain YAML reader: each straight's `length` setting and each
// bend's `info.length`, and the nets. Walking from the first mmi1x2's outputs through the chain of two-port cells
// gives each arm's length; the MZI is then (e^{iφ_upper} + e^{iφ_lower})/2 (each mmi1x2 sends 1/√2 to each
// output), with φ = 2π n_eff(λ) L/λ and n_eff(λ) = 2.4 − (λ − 1550 nm)(4.2 − 2.4)/1550 nm.
(Dictionary<string, double> Lengths, Dictionary<string, string> Partner) ReadNets(string fileName)
{
    var yaml = new YamlStream();
    using (var reader = new StreamReader(NotebookPage.ExampleNetlist(fileName))) yaml.Load(reader);
    var root = (YamlMappingNode)yaml.Documents[0].RootNode;
    var lengths = new Dictionary<string, double>();
    foreach (var (key, value) in ((YamlMappingNode)root["instances"]).Children)
    {
        var instance = (YamlMappingNode)value;
        string cell = ((YamlScalarNode)instance["component"]).Value!;
        if (cell != "straight" && !cell.StartsWith("bend", StringComparison.Ordinal)) continue;
        var holder = (YamlMappingNode)instance[cell == "straight" ? "settings" : "info"];
        lengths[((YamlScalarNode)key).Value!] = double.Parse(((YamlScalarNode)holder["length"]).Value!, CultureInfo.InvariantCulture);
    }
    var partner = new Dictionary<string, string>();
    foreach (var net in ((YamlSequenceNode)root["nets"]).Children.Cast<YamlMappingNode>())
    {
        string a = ((YamlScalarNode)net["p1"]).Value!, b = ((YamlScalarNode)net["p2"]).Value!;
        (partner[a], partner[b]) = (b, a);
    }
    return (lengths, partner);
}
// From a port, through two-port waveguides (o1 ↔ o2), to the first port of another cell.
(double LengthUm, string End) Trace(string start, Dictionary<string, double> lengths, Dictionary<string, string> partner)
{
    double total = 0;
    string at = partner[start];
    while (lengths.TryGetValue(at[..at.IndexOf(',')], out double length))
    {
        total += length;
        string instance = at[..at.IndexOf(',')];
        at = partner[instance + (at.EndsWith(",o1", StringComparison.Ordinal) ? ",o2" : ",o1")];
    }
    return (total, at);
}
double Phase(double wavelengthNm, double lengthUm) => 2 * Math.PI * (2.4 - (wavelengthNm - 1550) * (4.2 - 2.4) / 1550) * lengthUm * 1e3 / wavelengthNm;

var (mziLengths, mziNets) = ReadNets("10-gdsfactory-mzi.yml");
var (upperUm, upperEnd) = Trace("cp1,o2", mziLengths, mziNets);
var (lowerUm, lowerEnd) = Trace("cp1,o3", mziLengths, mziNets);
Console.WriteLine($"\nMZI arms traced through the nets: upper {upperUm:0.###} µm to {upperEnd}, lower {lowerUm:0.###} µm to {lowerEnd}, ΔL = {upperUm - lowerUm:0.###} µm");
Complex[] mziExpected = mziWavelengths.Select(w => (Complex.FromPolarCoordinates(1, Phase(w, upperUm)) + Complex.FromPolarCoordinates(1, Phase(w, lowerUm))) / 2).ToArray();
double mziDeviation = mziThrough.Select((s, k) => Complex.Abs(s - mziExpected[k])).Max();
Console.WriteLine($"max |S(o2←o1) − (e^(iφu) + e^(iφl))/2| over 1540–1560 nm: {mziDeviation:0.0e+0}");
Console.WriteLine($"|S(o2←o1)|² at 1540, 1550, 1560 nm: {mziThrough[0].Magnitude * mziThrough[0].Magnitude:0.000000}, {mziThrough[100].Magnitude * mziThrough[100].Magnitude:0.000000}, {mziThrough[200].Magnitude * mziThrough[200].Magnitude:0.000000}");

// ## 3. Tuning one arm
//
// The upper arm is shorter by 0.124 µm, a phase of 2π n_eff ΔL/λ ≈ −1.2 rad: two thirds of the light pass at
// 1550 nm, and the band changes little (the fringes are λ²/(n_g |ΔL|), several µm, apart). Lengthening the upper
// arm's short straight `sxt` (as a heater would, in phase) switches it: `--set sxt.length_um=…` (the
// `overrides` here) acts on the translated circuit, with PhotonicKit's setting names. At 1550 nm the output follows
// cos²(π n_eff (ΔL + x)/λ).
double[] extraUm = Enumerable.Range(0, 61).Select(k => k * 0.01).ToArray();
double sxtUm = mziLengths["sxt"];
double[] tuned = extraUm.Select(x =>
{
    var result = Run("10-gdsfactory-mzi.yml", new NetlistReadOptions(WavelengthNm: 1550), string.Create(CultureInfo.InvariantCulture, $"sxt.length_um={sxtUm + x:R}"));
    return result.Entry("o2", "o1")[0].Magnitude * result.Entry("o2", "o1")[0].Magnitude;
}).ToArray();
double[] tunedExpected = extraUm.Select(x => Math.Pow(Math.Cos(Math.PI * 2.4 * (upperUm + x - lowerUm) * 1e3 / 1550), 2)).ToArray();
int off = Array.IndexOf(tuned, tuned.Min());
Console.WriteLine($"\nextra length for the first minimum: {extraUm[off]:0.00} µm (λ/(2 n_eff) − ΔL = {1550e-3 / (2 * 2.4) - (upperUm - lowerUm):0.000} µm), |S|² there {tuned[off]:0.0000}");

// ## 4. A ring with its coupler given by a map
//
// gdsfactory's ring_single has a `coupler_ring` known by its gap; PhotonicKit does not guess a coupling from a gap
// and refuses it, naming the cell. The models map makes it a point coupler of coupling κ = 0.003 (bus o1 → o4 the
// through path), and its `cross_sections` give the straights and bends of the file's `strip` cross-section 3 dB/cm
// and n_eff = 2.4 at 1550 nm whatever the sweep. The loop, traced from the coupler's o3 back to its o2,
// has length L; with t = √(1 − κ) and a = 10^(−3 dB/cm · L/20) the all-pass ring is
// S(o2←o1) = (t − a e^{iφ})/(1 − t a e^{iφ}), with dips at the resonances n_eff(λ) L = m λ. With the waveguide's
// linear n_eff these are λ_m = n_g/(m/L + (n_g − n_eff)/λ0) exactly.
var models = new DiagnosticBag("10-gdsfactory-models.yml");
var map = CellMap.Load(NotebookPage.ExampleNetlist("10-gdsfactory-models.yml"), models) ?? throw new NetlistException(models.All.ToArray());
var ring = Run("10-gdsfactory-ring_single.yml", new NetlistReadOptions(Sweep: new SweepOverride(1540, 1560, 4001), Models: map));
double[] ringWavelengths = [.. ring.WavelengthNm];
Complex[] ringThrough = ring.Entry("o2", "o1");
var (ringLengths, ringNets) = ReadNets("10-gdsfactory-ring_single.yml");
string coupler = ringNets.Keys.First(k => k.StartsWith("coupler_ring", StringComparison.Ordinal))[..^3];
var (loopUm, loopEnd) = Trace(coupler + ",o3", ringLengths, ringNets);
double t = Math.Sqrt(1 - 0.003), a = Math.Pow(10, -3 * loopUm * 1e-4 / 20);
Complex[] ringExpected = ringWavelengths.Select(w => Complex.FromPolarCoordinates(a, Phase(w, loopUm))).Select(e => (t - e) / (1 - t * e)).ToArray();
double ringDeviation = ringThrough.Select((s, k) => Complex.Abs(s - ringExpected[k])).Max();
Console.WriteLine($"\nring loop traced through the nets: {loopUm:0.###} µm back to {loopEnd}; t = {t:0.000000}, a = {a:0.000000}");
Console.WriteLine($"max |S(o2←o1) − (t − a e^(iφ))/(1 − t a e^(iφ))| over 1540–1560 nm: {ringDeviation:0.0e+0}");
double[] ringPower = ringThrough.Select(s => s.Magnitude * s.Magnitude).ToArray();
var dips = Enumerable.Range(1, ringPower.Length - 2).Where(k => ringPower[k] < ringPower[k - 1] && ringPower[k] <= ringPower[k + 1] && ringPower[k] < 0.5).ToArray();
var predicted = Enumerable.Range(1, 1000).Select(m => 4.2 / (m / (loopUm * 1e3) + (4.2 - 2.4) / 1550)).Where(l => l > 1540 && l < 1560).Order().ToArray();
Console.WriteLine($"{"dip (nm)",12} {"λ_m (nm)",12} {"|S|²",10}");
foreach (var (k, m) in dips.Zip(predicted)) Console.WriteLine($"{ringWavelengths[k],12:0.000} {m,12:0.0000} {ringPower[k],10:0.0000}");
double fsrNm = dips.Length > 1 ? ringWavelengths[dips[1]] - ringWavelengths[dips[0]] : double.NaN;
Console.WriteLine($"FSR between the dips: {fsrNm:0.000} nm; λ²/(n_g L) at 1550 nm: {1550.0 * 1550 / (4.2 * loopUm * 1e3):0.000} nm");

// Around the first resonance, in 0.5 pm steps: the dip's depth and width are those of the formula too.
double resonanceNm = predicted[0];
var zoom = Run("10-gdsfactory-ring_single.yml", new NetlistReadOptions(Sweep: new SweepOverride(resonanceNm - 0.1, resonanceNm + 0.1, 401), Models: map));
double[] zoomWavelengths = [.. zoom.WavelengthNm];
double[] zoomPower = zoom.Entry("o2", "o1").Select(s => s.Magnitude * s.Magnitude).ToArray();
double[] zoomExpected = zoomWavelengths.Select(w => Complex.FromPolarCoordinates(a, Phase(w, loopUm))).Select(e => (t - e) / (1 - t * e)).Select(s => s.Magnitude * s.Magnitude).ToArray();
double depth = ((t - a) / (1 - t * a)) * ((t - a) / (1 - t * a));
Console.WriteLine($"around λ_1 = {resonanceNm:0.0000} nm: minimum |S|² {zoomPower.Min():0.000000} (on resonance ((t − a)/(1 − t a))² = {depth:0.000000})");

// ## 5. Plots
var mziChart = PlotlyChart.Combine([
        PlotlyChart.Line<double, double, string>(x: extraUm, y: tuned, Name: "PhotonicKit, gdsfactory's MZI with sxt lengthened"),
        PlotlyChart.Point<double, double, string>(x: extraUm, y: tunedExpected, Name: "cos²(π n_eff (ΔL + x)/λ)"),
    ])
    .WithXAxisStyle<double, double, string>(TitleText: "extra length of the upper arm x (µm)")
    .WithYAxisStyle<double, double, string>(TitleText: "|S(o2←o1)|² at 1550 nm")
    .WithSize(900, 380);
var ringChart = PlotlyChart.Combine([
        PlotlyChart.Line<double, double, string>(x: ringWavelengths, y: ringPower, Name: "PhotonicKit, gdsfactory's ring_single with the map"),
        PlotlyChart.Point<double, double, string>(x: ringWavelengths.Where((_, k) => k % 20 == 0), y: ringExpected.Where((_, k) => k % 20 == 0).Select(s => s.Magnitude * s.Magnitude), Name: "|(t − a e^{iφ})/(1 − t a e^{iφ})|²"),
    ])
    .WithXAxisStyle<double, double, string>(TitleText: "wavelength (nm)")
    .WithYAxisStyle<double, double, string>(TitleText: "|S(o2←o1)|²")
    .WithSize(900, 380);
var zoomChart = PlotlyChart.Combine([
        PlotlyChart.Line<double, double, string>(x: zoomWavelengths, y: zoomPower, Name: "PhotonicKit"),
        PlotlyChart.Point<double, double, string>(x: zoomWavelengths.Where((_, k) => k % 8 == 0), y: zoomExpected.Where((_, k) => k % 8 == 0), Name: "|(t − a e^{iφ})/(1 − t a e^{iφ})|²"),
    ])
    .WithXAxisStyle<double, double, string>(TitleText: "wavelength (nm)")
    .WithYAxisStyle<double, double, string>(TitleText: "|S(o2←o1)|²")
    .WithSize(900, 380);
string page = NotebookPage.Write(outputFolder, "10-gdsfactory-circuit", "Circuits from gdsfactory, checked against their own lengths",
    ("gdsfactory's MZI, one arm lengthened", mziChart), ("gdsfactory's ring_single, coupler and loss from a models map", ringChart),
    ("The ring around its first resonance", zoomChart));
Console.WriteLine($"\nwrote {page}");

// ## 6. Checks
var checks = new List<(string What, double Value, double Expected, double Tolerance)>
{
    ("MZI: both arms end at the second mmi1x2 (1 = yes)", upperEnd.StartsWith("cp2,", StringComparison.Ordinal) && lowerEnd.StartsWith("cp2,", StringComparison.Ordinal) ? 1 : 0, 1, 0),
    ("MZI: max |S − (e^(iφu) + e^(iφl))/2| over 1540–1560 nm", mziDeviation, 0, 1e-12),
    ("MZI tuned: max ||S|² − cos²(π n_eff (ΔL + x)/λ)| at 1550 nm", tuned.Select((p, k) => Math.Abs(p - tunedExpected[k])).Max(), 0, 1e-12),
    ("ring: the loop returns to the coupler's o2 (1 = yes)", loopEnd == coupler + ",o2" ? 1 : 0, 1, 0),
    // Near a resonance the ring amplifies rounding by about 1/(1 − t a) ≈ 350.
    ("ring: max |S − (t − a e^(iφ))/(1 − t a e^(iφ))| over 1540–1560 nm", ringDeviation, 0, 1e-12 / (1 - t * a)),
    ("ring: as many dips as resonances λ_m in the band", dips.Length, predicted.Length, 0),
    ("ring: minimum |S|² around λ_1 against ((t − a)/(1 − t a))², within the 0.5 pm step", zoomPower.Min(), depth, 1e-3),
    ("ring: max |dip − λ_m| (nm), within the 5 pm step", dips.Zip(predicted).Select(p => Math.Abs(ringWavelengths[p.First] - p.Second)).DefaultIfEmpty(double.NaN).Max(), 0, 0.0025),
};
return NotebookPage.Check(checks);
