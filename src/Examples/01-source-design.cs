#:project ../Circuit/PhotonicKit.Circuit.csproj
#:project ../Reporting/PhotonicKit.Reporting.csproj

// # Designing a single-photon source: β and Purcell factor
//
// A quantum dot emits into the mode we collect only if that mode wins against every other decay channel.
// The figure of merit is the β factor, β = Γ_mode/(Γ_mode + γ_rad), and the lever is the Purcell factor
// F = Γ_mode/γ0 that a nanostructure gives the mode. This example compares the two usual levers:
//
//   * a slow-light photonic-crystal waveguide, where F grows with the group index n_g:
//       F_wg = (3/4π) (λ/n)² (n_g/n) / A_eff          (Manga Rao & Hughes, PRB 75, 205437 (2007))
//   * a micropillar cavity, where F grows with the quality factor Q:
//       F_P  = (3/4π²) (λ/n)³ (Q/V)                    (Purcell, Phys. Rev. 69, 681 (1946))
//
// and in both cases β = F/(F + γ_rad/γ0).
//
// Run:  dotnet run src/Examples/01-source-design.cs -- out/examples

using System.Globalization;
using System.Text;
using PhotonicKit.Circuit.Results;
using PhotonicKit.Circuit.Running;
using PhotonicKit.Components.Sources;
using PhotonicKit.Reporting;
using Plotly.NET;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

string outputFolder = NotebookPage.Start(args);

// ## 1. The waveguide: β against group index
//
// An InAs dot at 930 nm in GaAs (n = 3.5) in a W1 photonic-crystal waveguide with an effective mode area of
// 0.1 µm². The photonic band gap suppresses the other radiative channels to γ_rad/γ0 ≈ 0.1 (measured values
// lie between 0.02 and 0.2, Lodahl et al., RMP 87, 347 (2015)).
const double wavelengthNm = 930, refractiveIndex = 3.5, effectiveAreaUm2 = 0.1, waveguideBackground = 0.1;
double[] groupIndices = [3, 5, 10, 20, 30, 50, 75, 100];
var waveguideRows = new List<(double Ng, double F, double Beta)>();
Console.WriteLine("Photonic-crystal waveguide, 930 nm, n = 3.5, A_eff = 0.1 µm², γ_rad/γ0 = 0.1");
Console.WriteLine($"{"n_g",6} {"F_wg",8} {"β (%)",8}");
foreach (double ng in groupIndices)
{
    double f = EmitterCoupling.WaveguidePurcellFactor(wavelengthNm, refractiveIndex, ng, effectiveAreaUm2);
    double beta = EmitterCoupling.BetaFromPurcell(f, waveguideBackground);
    waveguideRows.Add((ng, f, beta));
    Console.WriteLine($"{ng,6:0} {f,8:0.000} {100 * beta,8:0.00}");
}
// Slow light pays twice: F grows linearly with n_g, so β approaches 1 as 1 − β ≈ (γ_rad/γ0)/F.
// (In a real waveguide backscattering from disorder limits useful n_g to a few tens.)

// ## 2. The micropillar: β against quality factor
//
// A micropillar of about 2 µm diameter has a mode volume near 15 (λ/n)³; on resonance and with the dipole at the
// field maximum. Here the other channels (leaky modes of the pillar) are close to the bulk rate: γ_rad/γ0 ≈ 1.
// The Purcell formula holds in weak coupling, while the cavity empties much faster than the dot decays: its single
// exponential is off the exact decay of emitter and cavity by about Γ_mode/κ (1 % at Q = 2000 here, 7 % at 5000), and
// above Q ≈ 5700 (10 %) a `cavity_source` with this geometry is refused, naming q_factor; at 10⁴ such pillars are at
// the edge of strong coupling (g ≈ κ/4). The table shows the formula's error from the exact one-excitation decay.
const double modeVolume = 15, pillarBackground = 1.0;
double[] qFactors = [200, 500, 1000, 2000, 5000, 10000];
var pillarRows = new List<(double Q, double F, double Beta)>();
Console.WriteLine();
Console.WriteLine("Micropillar, V = 15 (λ/n)³, on resonance, γ_rad/γ0 = 1");
Console.WriteLine($"{"Q",7} {"F_P",8} {"β (%)",8} {"formula off exact (%)",22}");
foreach (double q in qFactors)
{
    double f = EmitterCoupling.CavityPurcellFactor(q, modeVolume, wavelengthNm, wavelengthNm, dipoleAlignment: 1);
    double beta = EmitterCoupling.BetaFromPurcell(f, pillarBackground);
    pillarRows.Add((q, f, beta));
    // 1 ns bulk lifetime: Γ_mode = F_P/1000 per ps, the other channels 1/1000.
    double exact = EmitterCoupling.CavityCoupledDecayRatePerPs(f / 1000, pillarBackground / 1000,
        EmitterCoupling.CavityLinewidthRadPerPs(wavelengthNm, q), 0);
    double formula = (f + pillarBackground) / 1000;
    Console.WriteLine($"{q,7:0} {f,8:0.00} {100 * beta,8:0.00} {100 * Math.Abs(exact - formula) / formula,22:0.0}");
}

// ## 3. The same source as a netlist component
//
// The `cavity_source` component computes the same thing from its geometry settings; its `source` analysis
// reports the Purcell factor, β and the lifetime (1 ns bulk lifetime here).
string netlist = """
    photonickit: 1
    wavelength_nm: 930
    instances:
      pillar:
        component: cavity_source
        settings: {bulk_lifetime_ps: 1000, q_factor: 2000, mode_volume_cubic_lambda_over_n: 15}
    analyses:
      - {type: source, source: pillar}
    """;
var run = NetlistRunner.Run(netlist, "pillar.yaml");
var source = run.Results.OfType<SourceResult>().Single();
double pillarPurcell = source.Purcell!.Value, pillarBeta = source.Beta, pillarLifetimePs = source.LifetimePs!.Value;
Console.WriteLine();
Console.WriteLine($"cavity_source at Q = 2000: F_P = {pillarPurcell:0.00}, β = {100 * pillarBeta:0.00} %, T1 = {pillarLifetimePs:0.0} ps");

// ## 4. Plots, on finer grids than the tables
double[] ngGrid = Enumerable.Range(0, 195).Select(k => 3 + 0.5 * k).ToArray();
double[] fGrid = ngGrid.Select(ng => EmitterCoupling.WaveguidePurcellFactor(wavelengthNm, refractiveIndex, ng, effectiveAreaUm2)).ToArray();
double[] logQGrid = Enumerable.Range(0, 101).Select(k => 2 + 0.025 * k).ToArray();
double[] pillarBetaGrid = logQGrid.Select(lq => EmitterCoupling.BetaFromPurcell(
    EmitterCoupling.CavityPurcellFactor(Math.Pow(10, lq), modeVolume, wavelengthNm, wavelengthNm, 1), pillarBackground)).ToArray();
var waveguideChart = PlotlyChart.Combine([
        PlotlyChart.Line<double, double, string>(x: ngGrid, y: fGrid.Select(f => EmitterCoupling.BetaFromPurcell(f, waveguideBackground)), Name: "β"),
    ])
    .WithXAxisStyle<double, double, string>(TitleText: "group index n_g")
    .WithYAxisStyle<double, double, string>(TitleText: "β")
    .WithSize(900, 340);
var purcellChart = PlotlyChart.Combine([
        PlotlyChart.Line<double, double, string>(x: ngGrid, y: fGrid, Name: "F_wg"),
    ])
    .WithXAxisStyle<double, double, string>(TitleText: "group index n_g")
    .WithYAxisStyle<double, double, string>(TitleText: "Purcell factor F_wg")
    .WithSize(900, 340);
var pillarChart = PlotlyChart.Combine([
        PlotlyChart.Line<double, double, string>(x: logQGrid, y: pillarBetaGrid, Name: "β"),
    ])
    .WithXAxisStyle<double, double, string>(TitleText: "log10 Q")
    .WithYAxisStyle<double, double, string>(TitleText: "β")
    .WithSize(900, 340);
string page = NotebookPage.Write(outputFolder, "01-source-design", "β and Purcell factor: slow-light waveguide and micropillar",
    ("Photonic-crystal waveguide: β against n_g", waveguideChart),
    ("Photonic-crystal waveguide: Purcell factor against n_g", purcellChart),
    ("Micropillar (V = 15 (λ/n)³): β against Q", pillarChart));
Console.WriteLine($"\nwrote {page}");

// ## 5. Checks against published values
var checks = new List<(string What, double Value, double Expected, double Tolerance)>
{
    // Lodahl et al., RMP 87, 347 (2015) and docs/physics.md: 930 nm, n = 3.5, n_g = 50, A_eff = 0.1 µm² → 2.408.
    ("F_wg (930 nm, n 3.5, n_g 50, 0.1 µm²)", EmitterCoupling.WaveguidePurcellFactor(930, 3.5, 50, 0.1), 2.408, 5e-4),
    // Arcari et al., PRL 113, 093603 (2014): β = 98.43 % corresponds to C = Γ_mode/γ_rad = 62.7.
    ("Arcari: C at β = 98.43 %", EmitterCoupling.Cooperativity(0.9843), 62.7, 0.05),
    ("Arcari: β at C = 62.7", EmitterCoupling.BetaFromCooperativity(62.7), 0.9843, 1e-4),
    // The netlist component must agree with the closed form (3/4π²)(Q/V) on resonance, and T1 = T_bulk/(F + 1).
    ("cavity_source F_P at Q = 2000, V = 15", pillarPurcell, 3 / (4 * Math.PI * Math.PI) * 2000 / 15, 1e-9),
    ("cavity_source T1 (ps)", pillarLifetimePs, 1000 / (3 / (4 * Math.PI * Math.PI) * 2000 / 15 + 1), 1e-6),
};
return NotebookPage.Check(checks);
