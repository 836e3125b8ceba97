#:project ../Circuit/PhotonicKit.Circuit.csproj
#:project ../Reporting/PhotonicKit.Reporting.csproj

// # Sources given by their measured figures, and what a temporal shape changes
//
// A source described only by its measured brightness, g2 and indistinguishability M (the three numbers Perceval's
// `Source` takes) has no temporal shape: PhotonicKit gives each photon a common mode with weight c = √M and a mode of
// its own otherwise (docs/photons.md). Two such photons overlap M exactly, as measured; three or more interfere with
// the products of the c's (the cycle trace of three photons is M^{3/2}). Photons whose M comes from pure dephasing
// (a line broadened by γ*, M = Γ/(Γ + 2γ*)) have the same pairs but other cycles: Tr ρ³ = 2M²/(1 + M), Tr ρ⁴ and so on
// (Tichy, PRA 91, 022316 (2015); Shchesnovich, PRA 91, 013844 (2015)).
//
// The circuit (examples/netlists/09-measured-sources.yaml): four sources given by their measured figures into a
// four-mode Fourier interferometer. The example runs it as written and with dephased sources of the same M, and
// compares the two-photon HOM (equal) and the four-photon pattern (2,2,0,0)-type bunching (different), each against
// the permutation formula with the cycle traces of its model.
//
// Run:  dotnet run src/Examples/09-measured-sources.cs -- out/examples
// The same circuit on the command line:  dotnet run --project src/Tool -- run examples/netlists/09-measured-sources.yaml

using System.Globalization;
using System.Numerics;
using PhotonicKit.Circuit.Results;
using PhotonicKit.Circuit.Running;
using PhotonicKit.Components.Sources;
using PhotonicKit.Reporting;
using Plotly.NET;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

string outputFolder = NotebookPage.Start(args);
string netlistPath = NotebookPage.ExampleNetlist("09-measured-sources.yaml");
string measuredText = File.ReadAllText(netlistPath);
static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

// ## 1. The same M, two models
//
// The measured sources as written (M set for all four with --set), and the same netlist with each source given a
// lifetime and the pure dephasing that makes M: γ* = Γ(1/M − 1)/2.
const double lifetimePs = 100, gamma = 1 / lifetimePs;
double[] ms = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
int[] bunched = [0, 0, 2, 2];
var rows = new List<(double M, double HomMeasured, double HomDephased, double PMeasured, double PDephased)>();
Console.WriteLine($"{"M",5} {"V measured",11} {"V dephased",11} {"P(0,0,2,2) measured",20} {"dephased",10} {"difference",11}");
foreach (double m in ms)
{
    var set = Enumerable.Range(0, 4).Select(q => $"q{q}.indistinguishability={F(m)}").ToArray();
    var measured = NetlistRunner.Run(measuredText, netlistPath, set).Results;
    double dephasingPerNs = gamma * (1 / m - 1) / 2 * 1e3;
    string dephasedText = measuredText.Replace("brightness: 1, g2: 0, indistinguishability: 0.5",
        $"lifetime_ps: {F(lifetimePs)}, pure_dephasing_per_ns: {F(dephasingPerNs)}");
    var dephased = NetlistRunner.Run(dephasedText, netlistPath).Results;
    // (A pattern of zero probability, as (0,0,2,2) is for indistinguishable photons here, is not listed.)
    double Pattern(IReadOnlyList<AnalysisResult> results) =>
        results.OfType<PhotonStatisticsResult>().First().Patterns!.FirstOrDefault(p => p.Clicks.SequenceEqual(bunched))?.Probability ?? 0;
    double Visibility(IReadOnlyList<AnalysisResult> results) => results.OfType<HomResult>().First().Visibility!.Value;
    var row = (m, Visibility(measured), Visibility(dephased), Pattern(measured), Pattern(dephased));
    rows.Add(row);
    string difference = row.Item5 > 0 ? ((row.Item4 - row.Item5) / row.Item5).ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture) : "—";
    Console.WriteLine($"{m,5:0.00} {row.Item2,11:0.00000} {row.Item3,11:0.00000} {row.Item4,20:0.000000} {row.Item5,10:0.000000} {difference,11}");
}
// Two photons: V = M in both. Four photons: the bunched pattern differs by about 10 % at M = 0.5 and the difference
// vanishes as M → 1, where both are the indistinguishable case (in which this pattern is suppressed altogether).

// ## 2. Independently: the permutation formula with each model's cycle traces
//
// P(s) = (1/∏ s_k!) Σ_{σ,τ} J(σ⁻¹τ) ∏_l U[o_l, σ(l)] conj U[o_l, τ(l)], o the outputs of the pattern listed with
// repetition and J the product over cycles of t_k: t_k = c^k with c = √M for the measured model (k ≥ 2), t_k = Tr ρ^k
// of the dephased wavepacket (WavepacketTraces) for the other.
var u = new Complex[4, 4];
for (int k = 0; k < 4; k++)
    for (int j = 0; j < 4; j++) u[k, j] = Complex.FromPolarCoordinates(0.5, 2 * Math.PI * j * k / 4);
IEnumerable<int[]> Permutations(int[] items) => items.Length <= 1 ? [items]
    : items.SelectMany((x, i) => Permutations([.. items[..i], .. items[(i + 1)..]]).Select(rest => (int[])[x, .. rest]));
double CycleWeight(int[] pi, double[] t)
{
    double weight = 1;
    var seen = new bool[pi.Length];
    for (int s = 0; s < pi.Length; s++)
    {
        if (seen[s]) continue;
        int length = 0;
        for (int c = s; !seen[c]; c = pi[c]) { seen[c] = true; length++; }
        weight *= t[length];
    }
    return weight;
}
double Formula(int[] pattern, double[] t)
{
    var outputs = pattern.SelectMany((count, mode) => Enumerable.Repeat(mode, count)).ToArray();
    double factorials = pattern.Aggregate(1.0, (a, c) => a * Enumerable.Range(1, c).Aggregate(1.0, (f, x) => f * x));
    Complex total = 0;
    foreach (var sigma in Permutations([0, 1, 2, 3]))
        foreach (var tau in Permutations([0, 1, 2, 3]))
        {
            var inverse = new int[4];
            for (int i = 0; i < 4; i++) inverse[sigma[i]] = i;
            Complex product = CycleWeight([.. Enumerable.Range(0, 4).Select(i => inverse[tau[i]])], t);
            for (int l = 0; l < 4; l++) product *= u[outputs[l], sigma[l]] * Complex.Conjugate(u[outputs[l], tau[l]]);
            total += product;
        }
    return total.Real / factorials;
}
double[] MeasuredTraces(double m) => [1, 1, .. Enumerable.Range(2, 3).Select(k => Math.Pow(Math.Sqrt(m), k))];
double[] DephasedTraces(double m)
{
    var photon = new ExponentialWavepacket(gamma, gamma * (1 / m - 1) / 2);
    return [1, 1, .. Enumerable.Range(2, 3).Select(k => WavepacketTraces.CycleTrace(Enumerable.Repeat(photon, k).ToArray()).Real)];
}
var half = DephasedTraces(0.5);
Console.WriteLine($"\nM = 0.5: Tr ρ³ = {half[3]:0.00000} (2M²/(1 + M) = {2 * 0.25 / 1.5:0.00000}) against M^(3/2) = {Math.Pow(0.5, 1.5):0.00000}; Tr ρ⁴ = {half[4]:0.00000} against M² = 0.25");

// ## 3. Plot
var chart = PlotlyChart.Combine([
        PlotlyChart.Line<double, double, string>(x: rows.Select(r => r.M), y: rows.Select(r => r.PMeasured), Name: "measured figures (common mode with weight √M)", ShowMarkers: true),
        PlotlyChart.Line<double, double, string>(x: rows.Select(r => r.M), y: rows.Select(r => r.PDephased), Name: "dephased photons of the same M", ShowMarkers: true),
    ])
    .WithXAxisStyle<double, double, string>(TitleText: "indistinguishability M of two photons")
    .WithYAxisStyle<double, double, string>(TitleText: "P(0,0,2,2) per pulse")
    .WithSize(800, 380);
string page = NotebookPage.Write(outputFolder, "09-measured-sources", "Sources given by their measured figures, and what a temporal shape changes",
    ("Four photons on a Fourier interferometer: the same two-photon M, different four-photon bunching", chart));
Console.WriteLine($"\nwrote {page}");

// ## 4. Checks
var checks = new List<(string What, double Value, double Expected, double Tolerance)>();
foreach (var r in rows)
{
    checks.Add(($"V of the measured sources at M = {r.M} (= M)", r.HomMeasured, r.M, 1e-9));
    checks.Add(($"V of the dephased sources at M = {r.M} (= M)", r.HomDephased, r.M, 1e-6));
    checks.Add(($"P(0,0,2,2) of the measured sources at M = {r.M} vs the formula with t_k = M^(k/2)", r.PMeasured, Formula(bunched, MeasuredTraces(r.M)), 1e-10));
    checks.Add(($"P(0,0,2,2) of the dephased sources at M = {r.M} vs the formula with Tr ρ^k", r.PDephased, Formula(bunched, DephasedTraces(r.M)), 1e-6));
}
checks.Add(("the models differ at M = 0.5 by more than 1 % (1 = yes)", Math.Abs(rows[0].PMeasured / rows[0].PDephased - 1) > 0.01 ? 1 : 0, 1, 0));
checks.Add(("and agree at M = 1", rows[^1].PMeasured, rows[^1].PDephased, 1e-10));
checks.Add(("P(0,0,2,2) = 0 for indistinguishable photons (the suppression law)", rows[^1].PMeasured, 0, 1e-12));
return NotebookPage.Check(checks);
