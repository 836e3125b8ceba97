#:project ../Circuit/PhotonicKit.Circuit.csproj
#:project ../Reporting/PhotonicKit.Reporting.csproj

// # Filtering the zero-phonon line: efficiency against indistinguishability, and a four-photon experiment
//
// Pure dephasing broadens a dot's zero-phonon line beyond its lifetime limit: with γ* = Γ/2 the line's
// half-width is W = Γ/2 + γ* = Γ and two photons overlap only M = Γ/(Γ + 2γ*) = 1/2. A filter narrower than the
// line keeps the part of each photon that is coherent over a longer time: the filtered photons are purer, but fewer.
// PhotonicKit follows each photon through the circuit as a state (docs/photons.md), so the same netlist answers both
// halves of the question: how much light and how indistinguishable (one photon), and what that does to interference
// of four photons.
//
// The circuit (examples/netlists/08-filter-tradeoff.yaml): four such dots (T1 = 100 ps), each behind the drop port of
// an identical ring tuned to its line, then a four-mode Fourier interferometer. For indistinguishable photons the
// pattern with one photon on every detector is forbidden there (the suppression law of Tichy et al., PRL 104,
// 220405 (2010): Σ_k k·s_k = 6 is not a multiple of 4); for distinguishable photons it has 4!/4⁴ = 9.4 % of the
// four-photon events. The ring's coupling sets the filter's width.
//
// Run:  dotnet run src/Examples/08-filter-tradeoff.cs -- out/examples
// The same circuit on the command line:  dotnet run --project src/Tool -- run examples/netlists/08-filter-tradeoff.yaml

using System.Numerics;
using PhotonicKit.Circuit.Results;
using PhotonicKit.Circuit.Running;
using PhotonicKit.Components;
using PhotonicKit.Components.Sources;
using PhotonicKit.Reporting;
using Plotly.NET;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

string outputFolder = NotebookPage.Start(args);
string netlistPath = NotebookPage.ExampleNetlist("08-filter-tradeoff.yaml");

// ## 1. The photons and the filters
//
// The drop port of a symmetric lossless ring is, near resonance, a Lorentzian of half-width
// κ = c·coupling/(n_g L √(1 − coupling)) (Bogaerts et al., Laser Photon. Rev. 6, 47 (2012)). On a Lorentzian line
// of half-width W it passes κ/(κ + W) of the photons.
const double gamma = 1.0 / 100, dephasing = 5e-3, lengthNm = 38750, groupIndex = 4.2;
double w = gamma / 2 + dephasing;
double Kappa(double coupling) => PhysicalConstants.SpeedOfLightNmPerPs * coupling / (groupIndex * lengthNm * Math.Sqrt(1 - coupling));
double[] couplings = [0.0008, 0.0015, 0.003, 0.006, 0.012, 0.05];

// ## 2. Sweep the filter's width
//
// For each coupling: the `figures` of one photon at the detectors (its detection probability and its
// indistinguishability there) and P(1,1,1,1) per pulse of the four sources.
Console.WriteLine($"{"coupling",9} {"κ/W",7} {"η",8} {"κ/(κ+W)",8} {"M",8} {"P(1,1,1,1)",12} {"P/P_dist",9} {"4-fold / s",11}");
var rows = new List<(double Coupling, double Eta, double M, double P1111, double Suppression, double Rate)>();
foreach (double c in couplings)
{
    var results = NetlistRunner.RunFile(netlistPath, $"rings.coupling={c.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}").Results;
    var figures = (FiguresResult)results[0];
    double eta = figures.Chain[^1].Brightness;
    double m = figures.Indistinguishability;
    double p1111 = ((PhotonStatisticsResult)results[1]).Probability!.Value;
    // Distinguishable photons: each reaches each detector with η/4, one per detector in 4! ways.
    double distinguishable = 24 * Math.Pow(eta / 4, 4);
    rows.Add((c, eta, m, p1111, p1111 / distinguishable, 80e6 * p1111));
    Console.WriteLine($"{c,9:0.0000} {Kappa(c) / w,7:0.000} {eta,8:0.0000} {Kappa(c) / (Kappa(c) + w),8:0.0000} {m,8:0.0000} {p1111,12:0.000E+0} {p1111 / distinguishable,9:0.0000} {80e6 * p1111,11:0}");
}
// A narrow filter (κ ≪ W) passes few photons but almost pure ones: M → 1, the forbidden pattern disappears
// (P/P_dist → 0) — yet the four-fold rate falls as η⁴. A wide filter keeps every photon and M = 1/2.

// ## 3. Without a filter
//
// The unfiltered photons of the four dots: the suppression of the forbidden pattern follows from their cycle traces
// Tr ρ^k (k = 2, 3, 4), which WavepacketTraces computes exactly (Tr ρ² = M, Tr ρ³ = 2M²/(1 + M)). P(1,1,1,1) on the
// Fourier interferometer is Σ_{σ,τ} ∏_l U[l, σ(l)] conj U[l, τ(l)] · t(cycle type of σ⁻¹τ) (Tichy, PRA 91,
// 022316 (2015)).
var photon = new ExponentialWavepacket(gamma, dephasing);
double[] traces = [1, 1, .. Enumerable.Range(2, 3).Select(k => WavepacketTraces.CycleTrace(Enumerable.Repeat(photon, k).ToArray()).Real)];
var u = new Complex[4, 4];
for (int k = 0; k < 4; k++)
    for (int j = 0; j < 4; j++) u[k, j] = Complex.FromPolarCoordinates(0.5, 2 * Math.PI * j * k / 4);
IEnumerable<int[]> Permutations(int[] items) => items.Length <= 1 ? [items]
    : items.SelectMany((x, i) => Permutations([.. items[..i], .. items[(i + 1)..]]).Select(rest => (int[])[x, .. rest]));
// The weight of a permutation π of four identical photons: the product of Tr ρ^k over its cycles of length k.
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
double FourPhoton(double[] t)
{
    Complex total = 0;
    foreach (var sigma in Permutations([0, 1, 2, 3]))
        foreach (var tau in Permutations([0, 1, 2, 3]))
        {
            var inverse = new int[4];
            for (int i = 0; i < 4; i++) inverse[sigma[i]] = i;
            Complex product = CycleWeight([.. Enumerable.Range(0, 4).Select(i => inverse[tau[i]])], t);
            for (int l = 0; l < 4; l++) product *= u[l, sigma[l]] * Complex.Conjugate(u[l, tau[l]]);
            total += product;
        }
    return total.Real;
}
double unfiltered = FourPhoton(traces);
Console.WriteLine($"\nunfiltered photons (M = {traces[2]:0.0000}, Tr ρ³ = {traces[3]:0.0000}, Tr ρ⁴ = {traces[4]:0.0000}): P(1,1,1,1) = {unfiltered:0.00000}, P/P_dist = {unfiltered / (24 / 256.0):0.0000}");

// ## 4. The filtered photons, independently
//
// Near its resonance the ring's drop port is the Lorentzian κ/(κ − iω) (the η column above agrees with κ/(κ + W) to
// six digits). The filtered photon's spectral density ρ̃(ω, ω′) = f(ω)ρ(ω, ω′)conj f(ω′), with
// ρ = (Γ/2π)(2W − iΔ)/((Γ − iΔ)(W − iω)(W + iω′)), decays as ω⁻⁴: on a uniform grid its traces converge fast. With
// them, the four-photon pattern is the formula of section 3 times η⁴.
double[] FilteredTraces(double kappa)
{
    const int n = 801;
    double reach = 40 * w, h = 2 * reach / (n - 1);
    var x = Enumerable.Range(0, n).Select(i => -reach + i * h).ToArray();
    var f = x.Select(v => kappa / new Complex(kappa, -v)).ToArray();
    var rho = new Complex[n, n];
    double trace = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
        {
            double delta = x[i] - x[j];
            rho[i, j] = h * f[i] * Complex.Conjugate(f[j]) * gamma / (2 * Math.PI) * new Complex(2 * w, -delta)
                / (new Complex(gamma, -delta) * new Complex(w, -x[i]) * new Complex(w, x[j]));
            if (i == j) trace += rho[i, i].Real;
        }
    var r = MathNet.Numerics.LinearAlgebra.Matrix<Complex>.Build.DenseOfArray(rho) / trace;
    var r2 = r * r;
    var r3 = r2 * r;
    return [1, 1, r2.Trace().Real, r3.Trace().Real, (r3 * r).Trace().Real];
}
var middle = rows.First(r => r.Coupling == 0.003);
double[] filteredTraces = FilteredTraces(Kappa(0.003));
double independentPattern = Math.Pow(middle.Eta, 4) * FourPhoton(filteredTraces);
Console.WriteLine($"\ncoupling 0.003, independently: M = {filteredTraces[2]:0.0000} (netlist {middle.M:0.0000}), P(1,1,1,1) = {independentPattern:0.000E+0} (netlist {middle.P1111:0.000E+0})");

// ## 5. Plots
var etaLine = PlotlyChart.Line<double, double, string>(x: rows.Select(r => r.Eta), y: rows.Select(r => r.M), Name: "M at the detectors", ShowMarkers: true);
var tradeoff = etaLine
    .WithXAxisStyle<double, double, string>(TitleText: "photons passed by the filter, η")
    .WithYAxisStyle<double, double, string>(TitleText: "indistinguishability M")
    .WithSize(800, 380);
var fourPhoton = PlotlyChart.Combine([
        PlotlyChart.Line<double, double, string>(x: rows.Select(r => Kappa(r.Coupling) / w), y: rows.Select(r => r.Suppression), Name: "P(1,1,1,1) / distinguishable", ShowMarkers: true),
        PlotlyChart.Line<double, double, string>(x: rows.Select(r => Kappa(r.Coupling) / w), y: rows.Select(r => Math.Pow(r.Eta, 4)), Name: "four-photon detection rate, η⁴ of the unfiltered", ShowMarkers: true),
    ])
    .WithXAxisStyle<double, double, string>(TitleText: "filter half-width / line half-width, κ/W", AxisType: StyleParam.AxisType.Log)
    .WithYAxisStyle<double, double, string>(TitleText: "ratio")
    .WithSize(800, 380);
string page = NotebookPage.Write(outputFolder, "08-filter-tradeoff", "Filtering the zero-phonon line: efficiency, indistinguishability and four-photon interference",
    ("Indistinguishability against the share of photons a ring filter passes", tradeoff),
    ("Four photons on a Fourier interferometer: how much the forbidden pattern is suppressed, and how many four-photon events remain", fourPhoton));
Console.WriteLine($"\nwrote {page}");

// ## 6. Checks
// The passed share against the Lorentzian-filter formula κ/(κ + W); M rises and η falls as the filter narrows; M and
// the four-photon pattern at coupling 0.003 against the independent Lorentzian-filter traces of section 4.
var checks = new List<(string What, double Value, double Expected, double Tolerance)>();
foreach (var r in rows.Where(r => r.Coupling <= 0.012))
    checks.Add(($"η at coupling {r.Coupling} vs κ/(κ + W)", r.Eta, Kappa(r.Coupling) / (Kappa(r.Coupling) + w), 0.01 * r.Eta));
checks.Add(("M rises monotonically as the filter narrows (1 = yes)", rows.Zip(rows.Skip(1)).All(p => p.First.M > p.Second.M) ? 1 : 0, 1, 0));
checks.Add(("η falls monotonically as the filter narrows (1 = yes)", rows.Zip(rows.Skip(1)).All(p => p.First.Eta < p.Second.Eta) ? 1 : 0, 1, 0));
checks.Add(("M at coupling 0.003 vs the Lorentzian-filtered photon", middle.M, filteredTraces[2], 1e-3));
checks.Add(("P(1,1,1,1) at coupling 0.003 vs η⁴ × the filtered cycle traces", middle.P1111, independentPattern, 2e-3 * independentPattern));
return NotebookPage.Check(checks);
