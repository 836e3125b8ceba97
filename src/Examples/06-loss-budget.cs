#:project ../Circuit/PhotonicKit.Circuit.csproj
#:project ../Reporting/PhotonicKit.Reporting.csproj

// # The loss budget of a modular quantum-dot system
//
// A source chip, a fibre and a demultiplexer chip: every interface costs photons, and the end-to-end
// efficiency is the product of all of them. This example runs examples/netlists/06-loss-budget.yaml — a
// chiral quantum dot, a grating coupler into a fibre (0.8 dB of connectors), a grating coupler onto the
// demultiplexer chip, a 4-channel time_demux, 5 mm of 2 dB/cm waveguide per channel and four detectors —
// through the `efficiency` and `figures` analyses, draws the budget as a waterfall and recomputes the
// end-to-end probability by hand from the component formulas (docs/components.md).
//
// Run:  dotnet run src/Examples/06-loss-budget.cs -- out/examples
// The same circuit on the command line:  dotnet run --project src/Tool -- run examples/netlists/06-loss-budget.yaml

using System.Globalization;
using System.Text;
using PhotonicKit.Circuit.Results;
using PhotonicKit.Circuit.Running;
using PhotonicKit.Reporting;
using Plotly.NET;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

string outputFolder = NotebookPage.Start(args);

// ## 1. Run the netlist
//
// Three analyses: `efficiency` to all four detectors (the system's efficiency per pulse), `figures` (the
// source's efficiency chain continued through the circuit) and `efficiency` to detector d0 alone (one channel).
string netlistPath = NotebookPage.ExampleNetlist("06-loss-budget.yaml");
IReadOnlyList<AnalysisResult> RunNetlist(params string[] overrides) => NetlistRunner.RunFile(netlistPath, overrides).Results;
var results = RunNetlist();
var all = (EfficiencyResult)results[0];
var figures = (FiguresResult)results[1];
var channel0 = (EfficiencyResult)results[2];
double probability = all.Probability;
double rateHz = all.RateHz!.Value;
Console.WriteLine($"end to end: probability {probability:0.000000} per pulse, transmission {all.Transmission:0.000000}, rate {rateHz / 1e6:0.000} MHz");

// ## 2. The budget
//
// The efficiency analysis follows the best path from the dot to a detector (a max-product search at the dot's
// line centre) and lists each hop: the dot itself (P(≥ 1 photon) into its right port: β × 0.95), every
// instance on the path with its loss in dB and the probability after it, the detector, and a closing
// `interference` entry for everything the single best path does not capture. Pulse k of each frame of four
// leaves the demultiplexer by channel k with all its photons, and the probability is the average over the four
// pulses. The budget follows the best pulse, through channel 0 (92 %, 0.36 dB); the closing entry takes it to the
// frame average: 0.15 dB with all four detectors (the other channels are a little worse), 6.0 dB for d0 alone
// (it sees one pulse in four).
void PrintBudget(string title, EfficiencyResult efficiency)
{
    Console.WriteLine($"\n{title}");
    Console.WriteLine($"{"instance",14} {"loss (dB)",10} {"P after",10}");
    foreach (var hop in efficiency.Budget)
        Console.WriteLine($"{hop.Instance,14} {hop.LossDb,10:0.0000} {hop.ProbabilityAfter,10:0.000000}");
}
PrintBudget("budget to all four detectors", all);
PrintBudget("budget to d0 alone", channel0);
var budget = all.Budget;
double sumLossDb = budget.Sum(hop => hop.LossDb!.Value);

// The `figures` chain names the same points from the emitter's side: prepared, emitted, collected,
// polarisation-filtered (light collected into both of the dot's ports, 0.9), then the budget's instances with
// their brightness after each, and `detected`. The first instance's factor also takes the share of the right
// port (95 %): the chain's factors multiply to the efficiency probability.
Console.WriteLine($"\n{"chain point",22} {"factor",10} {"brightness",11}");
foreach (var point in figures.Chain)
    Console.WriteLine($"{point.Point,22} {point.Factor,10:0.000000} {point.Brightness,11:0.000000}");

// ## 3. The same number by hand
//
// Every factor from the component formulas (docs/components.md, docs/physics.md):
//   * the dot: ideal π-pulse, η_QE = 1: brightness β = 0.9, of which beta_right_fraction = 0.95 goes right;
//     the left half-port is unconnected and its light is lost;
//   * grating couplers at their centre wavelength: η_peak (0.6 and 0.7); the dot's line (2.3 pm wide) is
//     negligible against their 40 nm bandwidth;
//   * the fibre's connectors: 10^(−0.8/10);
//   * the demultiplexer: channel k carries pulse k of each frame with efficiency η_k, so averaged over the
//     frame a photon reaches the waveguides with the mean of the η_k;
//   * each waveguide: 10^(−2 dB/cm × 0.5 cm/10);
//   * detectors: 0.85, a loss before an ideal detector;
//   * and one interference effect: each grating reflects 10^(−30/10) = 10⁻³ of the power (amplitude i r), so
//     the two gratings and the fibre between them form a weak Fabry–Pérot. The transmitted amplitude is
//     t₁t_f t₂/(1 − (ir)² t_f²) = t₁t_f t₂/(1 + r² t_f²), a power factor 1/(1 + r² t_f²)² ≈ 0.9983.
const double beta = 0.9, rightFraction = 0.95, gcSource = 0.6, gcDemux = 0.7, fibreLossDb = 0.8;
double[] demuxEfficiency = [0.92, 0.90, 0.88, 0.86];
const double waveguideLossDb = 2 * 0.5, detectorEfficiency = 0.85, reflectionDb = -30;
double fibre = Math.Pow(10, -fibreLossDb / 10);
double waveguide = Math.Pow(10, -waveguideLossDb / 10);
double r2 = Math.Pow(10, reflectionDb / 10);
double fabryPerot = 1 / Math.Pow(1 + r2 * fibre, 2);
double demux = demuxEfficiency.Average();
double byHand = beta * rightFraction * gcSource * fibre * gcDemux * demux * waveguide * detectorEfficiency * fabryPerot;
double byHandChannel0 = beta * rightFraction * gcSource * fibre * gcDemux * demuxEfficiency[0] / 4 * waveguide * detectorEfficiency * fabryPerot;
Console.WriteLine($"\n{"factor",34} {"value",10} {"loss (dB)",10}");
foreach (var (name, value) in new[] {
    ("brightness β", beta), ("into the right port", rightFraction), ("source grating coupler", gcSource),
    ("fibre connectors", fibre), ("demux grating coupler", gcDemux), ("demultiplexer (mean η_k)", demux),
    ("chip waveguide (5 mm, 2 dB/cm)", waveguide), ("detector", detectorEfficiency), ("grating Fabry–Pérot", fabryPerot) })
    Console.WriteLine($"{name,34} {value,10:0.000000} {-10 * Math.Log10(value),10:0.0000}");
Console.WriteLine($"{"product",34} {byHand,10:0.000000} {-10 * Math.Log10(byHand),10:0.0000}");
Console.WriteLine($"{"efficiency analysis",34} {probability,10:0.000000} {-10 * Math.Log10(probability),10:0.0000}");

// ## 4. Where to improve
//
// The largest single loss is the source grating (2.2 dB), then the demux grating (1.5 dB). A better source
// coupler (80 %) or a lossier fibre link, with `--set` overrides of the same netlist:
foreach (var (label, overrides) in new[] { ("as designed", Array.Empty<string>()), ("source grating 80 %", new[] { "gc_source.peak_efficiency=0.8" }),
                                            ("fibre link 3 dB", new[] { "fibre.loss_db=3" }) })
{
    var variant = overrides.Length == 0 ? all : (EfficiencyResult)RunNetlist(overrides)[0];
    Console.WriteLine($"{label,22}: probability {variant.Probability:0.000000}, rate {variant.RateHz / 1e6,7:0.000} MHz");
}

// ## 5. Plots
//
// The waterfall starts at 0 dB (one prepared emitter) and subtracts each hop's loss; the last bar is the total.
var labels = budget.Select(hop => hop.Instance == "interference" ? "average over the 4 pulses" : hop.Instance).Append("end to end").ToArray();
var steps = budget.Select(hop => -hop.LossDb!.Value).Append(0.0).ToArray();
var measures = Enumerable.Repeat(StyleParam.WaterfallMeasure.Relative, budget.Count).Append(StyleParam.WaterfallMeasure.Total).ToArray();
var waterfall = PlotlyChart.Waterfall<string, double, string>(x: labels, y: steps, Name: "loss budget", Measure: measures,
        MultiText: steps.Select((s, k) => k == steps.Length - 1 ? $"{10 * Math.Log10(probability):0.00} dB" : $"{s:+0.00;-0.00} dB").ToArray())
    .WithXAxisStyle<double, double, string>(TitleText: "hop (best pulse's path to d0, then the frame average)")
    .WithYAxisStyle<double, double, string>(TitleText: "cumulative gain (dB)")
    .WithSize(900, 420);
var points = budget.Select(hop => hop.Instance).ToArray();
var bars = PlotlyChart.Combine([
        PlotlyChart.Column<double, string, string>(values: budget.Select(hop => hop.ProbabilityAfter), Keys: points, Name: "efficiency budget (4 detectors)"),
        PlotlyChart.Column<double, string, string>(values: channel0.Budget.Select(hop => hop.ProbabilityAfter), Keys: channel0.Budget.Select(hop => hop.Instance).ToArray(), Name: "efficiency budget (d0)"),
    ])
    .WithYAxisStyle<double, double, string>(TitleText: "P(≥ 1 photon) after the hop", AxisType: StyleParam.AxisType.Log)
    .WithSize(900, 380);
string page = NotebookPage.Write(outputFolder, "06-loss-budget", "Loss budget of a modular quantum-dot system",
    ("Loss budget (efficiency analysis, dB)", waterfall),
    ("Probability after each hop", bars));
Console.WriteLine($"\nwrote {page}");

// ## 6. Checks
// The efficiency probability against the product of the component formulas (all four detectors, and channel 0
// alone, which carries a quarter of the pulses); the budget's losses add up to the probability
// (10^(−Σ loss_db/10) = probability, by the budget's definition); the rate is f_rep × probability (no dead time).
var checks = new List<(string What, double Value, double Expected, double Tolerance)>
{
    ("probability to 4 detectors vs product of component formulas", probability, byHand, 1e-4 * byHand),
    ("probability to d0 vs product with η_0/4", channel0.Probability, byHandChannel0, 1e-4 * byHandChannel0),
    ("10^(−Σ loss_db/10) vs probability", Math.Pow(10, -sumLossDb / 10), probability, 1e-9),
    ("rate_hz vs 80 MHz × probability", rateHz, 80e6 * probability, 1e-6 * rateHz),
    ("figures chain: last brightness vs probability", figures.Chain[^1].Brightness, probability, 1e-12),
};
return NotebookPage.Check(checks);
