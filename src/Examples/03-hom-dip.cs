#:project ../Circuit/PhotonicKit.Circuit.csproj
#:project ../Reporting/PhotonicKit.Reporting.csproj

// # The Hong–Ou–Mandel dip against delay mismatch
//
// Two single photons meeting on a 50:50 beam splitter leave together when they are indistinguishable: the
// coincidences between the two outputs vanish. How far they vanish measures the photons' overlap, and
// scanning a delay between them traces the dip: for exponential wavepackets of decay rate Γ the overlap falls
// as M·e^{−Γ|τ|}, so the coincidences rise as (1 − M e^{−Γ|τ|})/2 times the two photons' detection
// probabilities. This example runs two netlists through the `hom` analysis:
//
//   * examples/netlists/03-hom-dip.yaml: two identical quantum dots, one on each input;
//   * examples/netlists/03-hom-dip-demux.yaml: one dot with g2 = 2 % whose consecutive pulses a time_demux
//     sends to the two inputs, a 1/f_rep delay line bringing pulse 0 onto pulse 1 (Ollivier et al., PRL 126,
//     063602 (2021)). The scanned delay is then the delay line's mismatch.
//
// Run:  dotnet run src/Examples/03-hom-dip.cs -- out/examples
// The same circuits on the command line:  dotnet run --project src/Tool -- run examples/netlists/03-hom-dip.yaml

using System.Globalization;
using System.Text;
using PhotonicKit.Circuit.Results;
using PhotonicKit.Circuit.Running;
using PhotonicKit.Reporting;
using Plotly.NET;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

string outputFolder = NotebookPage.Start(args);

// ## 1. Run the netlists
//
// Each file holds a `source` analysis of its dot and a `hom` analysis scanning an extra delay on the first
// photon from −1 to +1 ns in 10 ps steps (`delay_ps: {start: -1000, stop: 1000, points: 201}`).
// Each run's results are typed records: the source's figures and the HOM scan.
(SourceResult Dot, HomResult Hom) RunNetlist(string fileName, params string[] overrides)
{
    string path = NotebookPage.ExampleNetlist(fileName);
    var run = NetlistRunner.RunFile(path, overrides);
    return (run.Results.OfType<SourceResult>().First(), run.Results.OfType<HomResult>().First());
}
var (dotA, homTwo) = RunNetlist("03-hom-dip.yaml");
var (dotDemux, homDemux) = RunNetlist("03-hom-dip-demux.yaml");
var (dotDetuned, homDetuned) = RunNetlist("03-hom-dip.yaml", "qb.wavelength_nm=930.002");
double[] delayPs = [.. homTwo.DelayPs];
double[] coincidencesTwo = [.. homTwo.Coincidences];
double[] coincidencesDemux = [.. homDemux.Coincidences];
double[] coincidencesDetuned = [.. homDetuned.Coincidences];

Console.WriteLine($"{"setup",28} {"g2",7} {"M_s",9} {"V(0)",9} {"M from V",9} {"C(0)",10} {"C(±1 ns)",10}");
foreach (var (name, dot, hom) in new[] { ("two dots", dotA, homTwo), ("one dot, time_demux", dotDemux, homDemux), ("two dots, qb detuned 2 pm", dotDetuned, homDetuned) })
{
    Console.WriteLine($"{name,28} {dot.G2,7:0.0000} {dot.Indistinguishability,9:0.000000} {hom.Visibility,9:0.000000} " +
                      $"{hom.IndistinguishabilityFromVisibility,9:0.000000} {hom.CoincidenceProbability,10:0.000000} {hom.Coincidences[^1],10:0.000000}");
}
// The detuned pair: 2 pm at 930 nm is 0.69 GHz, comparable to the 0.8 GHz radiative linewidth, and the
// overlap of the two Lorentzian lines drops accordingly.

// ## 2. The dip
//
// Ideal identical sources (g2 = 0, same line): the Gram entry of the two photons is √(M e^{−Γ|τ|}) and the
// coincidence probability on a 50:50 splitter is η_aη_b (1 − M e^{−Γ|τ|})/2, with η = β × detector efficiency
// the probability that a photon is detected, M = Γ/(Γ + 2γ*) (Bylander et al., EPJD 22, 295 (2003)).
const double lifetimePs = 200, dephasingPerNs = 0.1, beta = 0.9, detectorEfficiency = 0.9;
double gamma = 1 / lifetimePs;
double m = gamma / (gamma + 2 * dephasingPerNs * 1e-3);
double eta = beta * detectorEfficiency;
double[] expectedTwo = delayPs.Select(t => eta * eta * (1 - m * Math.Exp(-gamma * Math.Abs(t))) / 2).ToArray();
Console.WriteLine($"\n{"delay (ps)",11} {"C two dots",12} {"η²(1−Me^−Γ|τ|)/2",18} {"C demux",10} {"C detuned",10}");
for (int k = 0; k < delayPs.Length; k += 20)
    Console.WriteLine($"{delayPs[k],11:0} {coincidencesTwo[k],12:0.000000} {expectedTwo[k],18:0.000000} {coincidencesDemux[k],10:0.000000} {coincidencesDetuned[k],10:0.000000}");

// ## 3. A source with multi-photon emission
//
// With g2 > 0 the extra photon of a two-photon emission gives coincidences that no delay removes, and the
// visibility at zero delay is V = M_s(1 − g2 μ/2)² − g2 (Ollivier et al. 2021), μ the mean photon number
// at the emitter. With ideal π-pulse preparation p0 = 0, so p1 + p2 = 1, μ = 1 + p2 and
// g2 = 2p2/μ²: p2 solves g2 p2² + 2(g2 − 1) p2 + g2 = 0 (the root below one).
const double g2 = 0.02;
double p2 = ((1 - g2) - Math.Sqrt((1 - g2) * (1 - g2) - g2 * g2)) / g2;
double mu = 1 + p2;
double ollivier = m * Math.Pow(1 - g2 * mu / 2, 2) - g2;
Console.WriteLine($"\np2 = {p2:0.000000}, μ = {mu:0.000000}: Ollivier V = {ollivier:0.000000}, hom V = {homDemux.Visibility:0.000000}, M − g2 = {m - g2:0.000000}");
// The dip's shape stays exponential: C(τ) = A − B e^{−Γ|τ|}, so (C(τ) − C(0))/(C(τ_max) − C(0)) depends on
// Γ alone.
int zero = Array.IndexOf(delayPs, 0.0);
double edge = delayPs[^1];
double shapeError = delayPs.Select((t, k) => Math.Abs((coincidencesDemux[k] - coincidencesDemux[zero]) / (coincidencesDemux[^1] - coincidencesDemux[zero])
    - (1 - Math.Exp(-gamma * Math.Abs(t))) / (1 - Math.Exp(-gamma * edge)))).Max();
int minimum = Array.IndexOf(coincidencesDemux, coincidencesDemux.Min());

// ## 4. Plot
var dip = PlotlyChart.Combine([
        PlotlyChart.Line<double, double, string>(x: delayPs, y: coincidencesTwo, Name: "two dots (hom analysis)"),
        PlotlyChart.Point<double, double, string>(x: delayPs.Where((_, k) => k % 5 == 0), y: expectedTwo.Where((_, k) => k % 5 == 0), Name: "η²(1 − M e^{−Γ|τ|})/2"),
        PlotlyChart.Line<double, double, string>(x: delayPs, y: coincidencesDemux, Name: "one dot, time_demux, g2 = 2 %"),
        PlotlyChart.Line<double, double, string>(x: delayPs, y: coincidencesDetuned, Name: "two dots, 2 pm detuning"),
    ])
    .WithXAxisStyle<double, double, string>(TitleText: "extra delay τ (ps)")
    .WithYAxisStyle<double, double, string>(TitleText: "coincidence probability per pulse (frame)")
    .WithSize(900, 420);
string page = NotebookPage.Write(outputFolder, "03-hom-dip", "Hong–Ou–Mandel dip against delay mismatch", ("Coincidences against delay", dip));
Console.WriteLine($"\nwrote {page}");

// ## 5. Checks
var checks = new List<(string What, double Value, double Expected, double Tolerance)>
{
    ("two dots: V(0) vs M = Γ/(Γ + 2γ*)", homTwo.Visibility!.Value, m, 1e-9),
    ("two dots: max |C(τ) − η²(1 − M e^{−Γ|τ|})/2| over the scan", delayPs.Select((_, k) => Math.Abs(coincidencesTwo[k] - expectedTwo[k])).Max(), 0, 1e-6),
    ("time_demux: V(0) vs M(1 − g2 μ/2)² − g2 (Ollivier et al. 2021)", homDemux.Visibility!.Value, ollivier, 1e-6),
    ("time_demux: the dip's minimum at zero mismatch (ps)", delayPs[minimum], 0, 1e-9),
    ("time_demux: max deviation of the dip from the e^{−Γ|τ|} shape", shapeError, 0, 1e-6),
};
return NotebookPage.Check(checks);
