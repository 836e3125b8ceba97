#:project ../Circuit/PhotonicKit.Circuit.csproj
#:project ../Reporting/PhotonicKit.Reporting.csproj

// # Four photons from one quantum dot in a Fourier interferometer
//
// A time demultiplexer turns a train of single photons from one quantum dot into N photons arriving at once
// on N spatial modes: the usual source for multi-photon experiments. The N-photon rate is
// R_N = (f/N) ∏_k η_k (f the pulse rate, η_k the end-to-end efficiency of channel k, physics.md). This example
// sends four photons into a 4 × 4 discrete Fourier transform U_jk = i^{jk}/2 and counts them with four
// photon-number-resolving detectors. The Fourier matrix has a suppression law (Tichy et al., PRL 104, 220405
// (2010)): with one indistinguishable photon per input, an output pattern (s_0 … s_3) of all four photons has
// zero probability unless Σ_j j·s_j is a multiple of 4. The pattern "one photon per detector" has
// Σ j = 6: a fourfold coincidence never happens, however bright the source.
//
// Run:  dotnet run src/Examples/04-demux-interferometer.cs -- out/examples
// The same circuit on the command line:  dotnet run --project src/Tool -- run examples/netlists/04-demux-interferometer.yaml

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
// The netlist is the experiment: the dot, the demultiplexer (0.3 … 0.6 dB per channel), delay lines that
// make the four pulses of a frame arrive together, the Fourier `unitary` and four detectors. With one source
// through a time_demux, `photon_statistics` works per frame: pulse k leaves by channel k at time k/f, each
// pulse its own emission of the same dot, and rates are at the frame rate f/4. A photon of pulse k reaches
// the interferometer with probability β·η_demux,k, and is counted with η_det: η_k = β·η_demux,k·η_det.
string netlistPath = NotebookPage.ExampleNetlist("04-demux-interferometer.yaml");
PhotonStatisticsResult RunNetlist(params string[] overrides)
    => NetlistRunner.RunFile(netlistPath, overrides).Results.OfType<PhotonStatisticsResult>().First();
string[] AllPulses(string setting) => [$"qd.{setting}"];
var statistics = RunNetlist();
double[] lossDb = [0.3, 0.4, 0.5, 0.6];
double[] channelEfficiency = [.. lossDb.Select(db => 0.9 * Math.Pow(10, -db / 10) * 0.9)];
const double frameRateHz = 80e6 / 4;
Console.WriteLine($"{"channel",8} {"loss (dB)",10} {"η_k = β·η_demux·η_det",22}");
for (int k = 0; k < 4; k++)
    Console.WriteLine($"{k,8} {lossDb[k],10:0.0} {channelEfficiency[k],22:0.000000}");
double product = channelEfficiency.Aggregate(1.0, (a, b) => a * b);
double fourPhotonRate = frameRateHz * product;
Console.WriteLine($"R_4 = (f/4) ∏η_k = {fourPhotonRate:0} Hz");

// ## 2. The output distribution
//
// Patterns are (counts on d0 … d3). All four photons arrive in the patterns whose counts add up to 4; their
// total probability is ∏η_k whatever the interferometer does (it is lossless), and which of them occur is
// the interferometer's business.
(int[] Clicks, double Probability)[] Patterns(PhotonStatisticsResult stats) =>
    [.. stats.Patterns!.Select(p => (p.Clicks.ToArray(), p.Probability))];
var patterns = Patterns(statistics);
var distinguishableRun = RunNetlist(AllPulses("indistinguishability=0"));
var distinguishable = Patterns(distinguishableRun);
var fourPhoton = AllFourPhotonPatterns().ToArray();
double Lookup((int[] Clicks, double Probability)[] list, int[] clicks) => list.FirstOrDefault(p => p.Clicks.SequenceEqual(clicks)).Probability;
Console.WriteLine($"\n{"pattern",10} {"Σ j·s_j mod 4",14} {"P (M = 1)",12} {"P (M = 0)",12}");
foreach (var clicks in fourPhoton)
    Console.WriteLine($"{"[" + string.Join(",", clicks) + "]",10} {WeightedSum(clicks) % 4,14} {Lookup(patterns, clicks),12:0.000000} {Lookup(distinguishable, clicks),12:0.000000}");
double fourPhotonProbability = fourPhoton.Sum(c => Lookup(patterns, c));
double suppressedMax = fourPhoton.Where(c => WeightedSum(c) % 4 != 0).Max(c => Lookup(patterns, c));
Console.WriteLine($"all four photons detected: {fourPhotonProbability:0.000000} per frame (∏η_k = {product:0.000000}); largest suppressed pattern: {suppressedMax:0.0E+0}");
Console.WriteLine($"probability sum over the {statistics.NPatternsTotal} outcomes: {statistics.ProbabilitySum:0.000000000000}");

// ## 3. Rates
//
// n_fold_rate_hz{k} is the frame rate times P(exactly k detectors report ≥ 1). The fourfold coincidence needs
// one photon in each detector: suppressed for indistinguishable photons; for distinguishable photons each
// photon goes anywhere with probability 1/4 and the four land in different detectors with probability
// 4!/4⁴ = 3/32: R_4-fold = (f/4) ∏η_k · 3/32.
IReadOnlyDictionary<int, double> Rates(PhotonStatisticsResult stats) => stats.NFoldRateHz!;
Console.WriteLine($"\n{"M",6} {"1-fold (Hz)",14} {"2-fold (Hz)",14} {"3-fold (Hz)",14} {"4-fold (Hz)",14}");
double[] overlaps = [0, 0.25, 0.5, 0.75, 0.9, 1];
var fourFold = new List<double>();
foreach (double overlap in overlaps)
{
    var rates = overlap == 1 ? Rates(statistics) : overlap == 0 ? Rates(distinguishableRun)
        : Rates(RunNetlist(AllPulses(FormattableString.Invariant($"indistinguishability={overlap}"))));
    fourFold.Add(rates[4]);
    Console.WriteLine($"{overlap,6:0.00} {rates[1],14:0} {rates[2],14:0} {rates[3],14:0} {rates[4],14:0.0}");
}
// Each detector's mean count is Σ_k η_k |U_jk|² = Σ_k η_k/4: interference moves photons between patterns,
// not between the detectors' averages.
double[] marginalD0 = [.. statistics.Marginals!["d0"]];
double meanD0 = marginalD0.Select((p, n) => n * p).Sum();

// ## 4. Plots
var labels = fourPhoton.Select(c => "[" + string.Join(",", c) + "]").ToArray();
var distribution = PlotlyChart.Combine([
        PlotlyChart.Column<double, string, string>(values: fourPhoton.Select(c => Lookup(patterns, c) / product), Keys: labels, Name: "indistinguishable (M = 1)"),
        PlotlyChart.Column<double, string, string>(values: fourPhoton.Select(c => Lookup(distinguishable, c) / product), Keys: labels, Name: "distinguishable (M = 0)"),
    ])
    .WithXAxisStyle<double, double, string>(TitleText: "counts on d0 … d3 (all four photons detected)")
    .WithYAxisStyle<double, double, string>(TitleText: "P(pattern | 4 photons)")
    .WithSize(900, 400);
var fourFoldChart = PlotlyChart.Line<double, double, string>(x: overlaps, y: fourFold, Name: "4-fold rate", ShowMarkers: true)
    .WithXAxisStyle<double, double, string>(TitleText: "pairwise indistinguishability M")
    .WithYAxisStyle<double, double, string>(TitleText: "fourfold coincidence rate (Hz)")
    .WithSize(900, 360);
string page = NotebookPage.Write(outputFolder, "04-demux-interferometer", "Four demultiplexed photons in a Fourier interferometer",
    ("Four-photon output distribution", distribution), ("Fourfold coincidences against indistinguishability", fourFoldChart));
Console.WriteLine($"\nwrote {page}");

// ## 5. Checks
var checks = new List<(string What, double Value, double Expected, double Tolerance)>
{
    ("four-photon rate f_frame·Σ P(4 photons) vs R_4 = (f/4)∏η_k", frameRateHz * fourPhotonProbability, fourPhotonRate, 1e-9 * fourPhotonRate),
    // Suppressed to the timing precision of the delay lines' numerical group delay: below 1e−6 of the
    // distinguishable photons' fourfold rate.
    ("4-fold rate, M = 1 (Fourier suppression of [1,1,1,1]) (Hz)", fourFold[^1], 0, 1e-6 * fourFold[0]),
    // The delays line the pulses up to the group delay's numerical precision (about 1e−6 ps), which leaves the
    // suppressed patterns at the 1e−9 level rather than exactly zero.
    ("largest suppressed four-photon pattern (Σ j·s_j ≢ 0 mod 4), M = 1", suppressedMax, 0, 1e-8),
    ("4-fold rate, M = 0, vs (f/4)∏η_k · 4!/4⁴ (Hz)", fourFold[0], fourPhotonRate * 24 / 256, 1e-9 * fourPhotonRate),
    ("probability_sum", statistics.ProbabilitySum!.Value, 1, 1e-12),
    ("Σ of the listed patterns", patterns.Sum(p => p.Probability), 1, 1e-12),
    ("mean count on d0 vs Σ η_k/4", meanD0, channelEfficiency.Sum() / 4, 1e-12),
};
return NotebookPage.Check(checks);

static int WeightedSum(int[] clicks) => clicks.Select((s, j) => s * j).Sum();

static IEnumerable<int[]> AllFourPhotonPatterns()
{
    for (int a = 4; a >= 0; a--)
        for (int b = 4 - a; b >= 0; b--)
            for (int c = 4 - a - b; c >= 0; c--)
                yield return [a, b, c, 4 - a - b - c];
}
