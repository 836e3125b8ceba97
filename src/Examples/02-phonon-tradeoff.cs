#:project ../Circuit/PhotonicKit.Circuit.csproj
#:project ../Reporting/PhotonicKit.Reporting.csproj

// # Phonons: efficiency against indistinguishability
//
// Longitudinal-acoustic phonons dress every quantum-dot photon: a share B² of the emission is in the sharp
// zero-phonon line (ZPL), the rest in a broad phonon sideband (PSB) that carries which-phonon information and
// so is distinguishable. A spectral filter that removes the sideband raises the indistinguishability M but
// throws photons away. In the polaron model (Iles-Smith et al., Nat. Photon. 11, 521 (2017)) with the
// sideband passed with transmission T_PSB:
//
//     B² = exp(−∫ J(ω)/ω² coth(ħω/2k_BT) dω),   J(ω) = α ω³ exp(−ω²/ω_c²)
//     η_f = B² + (1 − B²) T_PSB
//     M   ≈ M_ZPL (B²/η_f)²              (unfiltered: M_ZPL · B⁴)
//
// Run:  dotnet run src/Examples/02-phonon-tradeoff.cs -- out/examples

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

// ## 1. How much light is in the zero-phonon line?
//
// InGaAs dots in GaAs: α = 0.027 ps², ω_c = 2.2 ps⁻¹ (a dot of a few nm). B² falls with temperature as more
// phonons are thermally populated.
const double alphaPs2 = 0.027, cutoffRadPerPs = 2.2;
double[] temperaturesK = [0, 4, 10, 20, 30];
Console.WriteLine($"{"T (K)",6} {"B²",8}");
foreach (double t in temperaturesK)
    Console.WriteLine($"{t,6:0} {PhononBath.ZeroPhononFraction(alphaPs2, cutoffRadPerPs, t),8:0.0000}");

// ## 2. An ideal sideband filter, through the library
//
// A dot with T1 = 200 ps and a little pure dephasing (γ* = 0.1 ns⁻¹), so M_ZPL = Γ/(Γ + 2γ*) = 5/5.2. The
// netlist's `psb_transmission` setting is a filter outside the chip that passes T_PSB of the sideband and all
// of the ZPL; each run overrides it with `--set`-style arguments, as on the command line.
const string netlist = """
    photonickit: 1
    wavelength_nm: 930
    instances:
      qd: {component: quantum_dot, settings: {lifetime_ps: 200, beta: 1, pure_dephasing_per_ns: 0.1, temperature_k: 4}}
    ports: {left: "qd,left", right: "qd,right"}
    analyses:
      - {type: source, source: qd}
    """;
(double Brightness, double M, double ZplFraction) RunDot(double temperatureK, double psbTransmission)
{
    string[] overrides = [$"qd.temperature_k={temperatureK.ToString(CultureInfo.InvariantCulture)}",
                          $"qd.psb_transmission={psbTransmission.ToString(CultureInfo.InvariantCulture)}"];
    var run = NetlistRunner.Run(netlist, "dot.yaml", overrides);
    var result = run.Results.OfType<SourceResult>().Single();
    return (result.Brightness, result.Indistinguishability, result.ZplFraction);
}

double[] psbTransmissions = Enumerable.Range(0, 11).Select(k => 1 - 0.1 * k).ToArray();
var tradeoffCharts = new List<GenericChart>();
(double Brightness, double M, double ZplFraction) unfiltered4K = default, filtered4K = default;
foreach (double t in new double[] { 4, 10, 20 })
{
    Console.WriteLine($"\nT = {t} K: the trade-off as the filter removes more of the sideband");
    Console.WriteLine($"{"T_PSB",6} {"η_f",8} {"M",8}");
    var points = psbTransmissions.Select(tp => (Tp: tp, Figures: RunDot(t, tp))).ToList();
    foreach (var (tp, f) in points) Console.WriteLine($"{tp,6:0.0} {f.Brightness,8:0.0000} {f.M,8:0.0000}");
    tradeoffCharts.Add(PlotlyChart.Line<double, double, string>(x: points.Select(p => p.Figures.Brightness), y: points.Select(p => p.Figures.M),
        Name: $"{t} K", ShowMarkers: true));
    if (t == 4) (unfiltered4K, filtered4K) = (points[0].Figures, points[^1].Figures);
}
// With β = 1 and ideal excitation the brightness printed is η_f itself.

// ## 3. A real filter: a Gaussian band-pass of decreasing width
//
// A band-pass filter centred on the ZPL passes part of the sideband, and, once it becomes as narrow as the
// line itself, part of the ZPL too. We integrate the library's emission spectrum (EmissionSpectrum, at 4 K)
// through a Gaussian transmission exp(−4 ln2 (ω − ω0)²/w²) to find the two shares.
double b2 = PhononBath.ZeroPhononFraction(alphaPs2, cutoffRadPerPs, 4);
double decayRate = 1.0 / 200, pureDephasing = 0.1e-3; // rad/ps
var spectrum = new EmissionSpectrum(930, decayRate, pureDephasing, 0, b2, alphaPs2, cutoffRadPerPs, 4);
double omega0 = 2 * Math.PI * 299792.458 / 930; // rad/ps, c in nm/ps
const int gridPoints = 200001;
const double halfSpanRadPerPs = 10;
double step = 2 * halfSpanRadPerPs / (gridPoints - 1);
var zpl = new double[gridPoints];
var psb = new double[gridPoints];
for (int k = 0; k < gridPoints; k++)
{
    double w = omega0 - halfSpanRadPerPs + k * step;
    zpl[k] = spectrum.ZeroPhononDensityPerRadPerPs(w);
    psb[k] = spectrum.SidebandDensityPerRadPerPs(w);
}
double Integrate(double[] density, double fwhmRadPerPs)
{
    double sum = 0;
    for (int k = 0; k < gridPoints; k++)
    {
        double x = (k * step - halfSpanRadPerPs) / fwhmRadPerPs;
        double filter = double.IsPositiveInfinity(fwhmRadPerPs) ? 1 : Math.Exp(-4 * Math.Log(2) * x * x);
        sum += (k == 0 || k == gridPoints - 1 ? 0.5 : 1) * density[k] * filter;
    }
    return sum * step;
}
double zplTotal = Integrate(zpl, double.PositiveInfinity), psbTotal = Integrate(psb, double.PositiveInfinity);
double mZpl = decayRate / (decayRate + 2 * pureDephasing);
double nmToRadPerPs = omega0 / 930; // |dω/dλ| at 930 nm
double[] filterWidthsNm = [5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01];
Console.WriteLine($"\nGaussian band-pass at 4 K (ZPL FWHM {(decayRate + 2 * pureDephasing) / nmToRadPerPs * 1e3:0.00} pm)");
Console.WriteLine($"{"FWHM (nm)",10} {"T_ZPL",8} {"T_PSB",8} {"η_f",8} {"M",8}");
var filterRows = new List<(double WidthNm, double Efficiency, double M)>();
foreach (double widthNm in filterWidthsNm)
{
    double tZpl = Integrate(zpl, widthNm * nmToRadPerPs) / zplTotal;
    double tPsb = Integrate(psb, widthNm * nmToRadPerPs) / psbTotal;
    double efficiency = b2 * tZpl + (1 - b2) * tPsb;
    // Sideband photons count as distinguishable; the ZPL keeps M_ZPL while the filter is wider than the line.
    double m = mZpl * Math.Pow(b2 * tZpl / efficiency, 2);
    filterRows.Add((widthNm, efficiency, m));
    Console.WriteLine($"{widthNm,10:0.###} {tZpl,8:0.0000} {tPsb,8:0.0000} {efficiency,8:0.0000} {m,8:0.0000}");
}
// Below ~0.1 nm the filter starts to cut the ZPL itself: efficiency drops with no further gain in M (this
// simple model does not credit the narrowed ZPL with a higher M_ZPL; for a line broadened only by Γ it is not).
tradeoffCharts.Add(PlotlyChart.Line<double, double, string>(x: filterRows.Select(r => r.Efficiency), y: filterRows.Select(r => r.M),
    Name: "4 K, Gaussian filter", ShowMarkers: true));

// ## 4. A cavity does better: it funnels the emission into the zero-phonon line
//
// A filter throws the sideband away after it has been emitted. A cavity of linewidth κ instead speeds up
// emission only where its Lorentzian density of states overlaps the spectrum: the zero-phonon line gets the full
// Purcell factor F_P, the few-meV-wide sideband only its overlap r with the cavity line (Grange et al., PRL 118,
// 253602 (2017)). The mode's photons are then zero-phonon with probability B²/(B² + (1 − B²)r). This is the
// `cavity_source` extension `phonon_sideband: cavity`; the cavity's Q sets κ = 2πc/(λQ). To compare with the
// filters above, the dot is the same (T1 = 200 ps, γ* = 0.1 ns⁻¹, 4 K) and every photon goes into the mode
// (β = 1), with no filter at all: given lifetime_ps and beta, only the composition of the mode's photons changes.
// The cavity must stay in weak coupling, emptying much faster than the dot decays: at Q = 3·10⁴ it keeps light for
// 1/κ = 15 ps against T1 = 200 ps, and the Purcell formula's single exponential is already about 8 % off the exact decay
// (the tool warns); at Q = 10⁵ (1/κ = 49 ps) it is 66 % off, and the source comes from the cavity-QED master equation
// instead (example 01), with a warning naming q_factor.
const string cavityNetlist = """
    photonickit: 1
    wavelength_nm: 930
    instances:
      qd:
        component: cavity_source
        settings: {lifetime_ps: 200, beta: 1, pure_dephasing_per_ns: 0.1, temperature_k: 4,
                   phonon_sideband: cavity, q_factor: 1000}
    ports: {out: "qd,out"}
    analyses:
      - {type: source, source: qd}
    """;
double[] qFactors = [100, 300, 1000, 3000, 10000, 30000];
Console.WriteLine($"\nCavity at 4 K, β = 1: the mode's zero-phonon share and M against Q (no filter)");
Console.WriteLine($"{"Q",8} {"ZPL share",10} {"lifetime",9} {"β",8} {"M",8} {"M_ZPL·share²",13}");
var cavityRows = new List<(double Q, double Share, double Beta, double M, double Expected)>();
foreach (double q in qFactors)
{
    var run = NetlistRunner.Run(cavityNetlist, "cavity.yaml", [$"qd.q_factor={q.ToString(CultureInfo.InvariantCulture)}"]);
    var result = run.Results.OfType<SourceResult>().Single();
    double share = result.ZplFraction, lifetime = result.LifetimePs!.Value;
    // ideal preparation: M_ZPL = Γ/(Γ + 2γ*) with this cavity's Γ, and the sideband the mode carries is distinguishable
    double gamma = 1 / lifetime, expected = gamma / (gamma + 2 * pureDephasing) * share * share;
    cavityRows.Add((q, share, result.Beta, result.Indistinguishability, expected));
    Console.WriteLine($"{q,8:0} {share,10:0.0000} {lifetime,9:0.0} {result.Beta,8:0.0000} {cavityRows[^1].M,8:0.0000} {expected,13:0.0000}");
}
// The efficiency stays 1 while M climbs from about M_ZPL·B⁴ towards M_ZPL: the top right corner of the trade-off,
// which a filter reaches only by giving up the sideband's share of the photons. With other decay channels (β < 1,
// e.g. bulk_lifetime_ps with purcell and other_decay_fraction) the suppressed sideband is partly emitted into them
// instead, and the efficiency drops slightly with Q.
tradeoffCharts.Add(PlotlyChart.Line<double, double, string>(x: cavityRows.Select(r => r.Beta), y: cavityRows.Select(r => r.M),
    Name: "4 K, cavity Q = 10²…3·10⁴ (no filter)", ShowMarkers: true));

// ## 5. Plots
var tradeoff = PlotlyChart.Combine(tradeoffCharts)
    .WithXAxisStyle<double, double, string>(TitleText: "efficiency η_f (brightness with β = 1)")
    .WithYAxisStyle<double, double, string>(TitleText: "indistinguishability M")
    .WithSize(900, 420);
var widthChart = PlotlyChart.Combine([
        PlotlyChart.Line<double, double, string>(x: filterRows.Select(r => Math.Log10(r.WidthNm)), y: filterRows.Select(r => r.Efficiency), Name: "η_f", ShowMarkers: true),
        PlotlyChart.Line<double, double, string>(x: filterRows.Select(r => Math.Log10(r.WidthNm)), y: filterRows.Select(r => r.M), Name: "M", ShowMarkers: true),
    ])
    .WithXAxisStyle<double, double, string>(TitleText: "log10 filter FWHM (nm)")
    .WithYAxisStyle<double, double, string>(TitleText: "η_f, M")
    .WithSize(900, 360);
string page = NotebookPage.Write(outputFolder, "02-phonon-tradeoff", "Phonon sideband filtering: efficiency against indistinguishability",
    ("Trade-off as T_PSB goes from 1 to 0 (library), with a Gaussian filter, and under a cavity of rising Q", tradeoff),
    ("Gaussian band-pass at 4 K: efficiency and M against filter width", widthChart));
Console.WriteLine($"\nwrote {page}");

// ## 6. Checks
var checks = new List<(string What, double Value, double Expected, double Tolerance)>
{
    // docs/physics.md (α = 0.027 ps², ω_c = 2.2 ps⁻¹): B² = 0.918 at 4 K, and exp(−α ω_c²/2) = 0.937 at 0 K.
    ("B² at 4 K", PhononBath.ZeroPhononFraction(alphaPs2, cutoffRadPerPs, 4), 0.918, 5e-4),
    ("B² at 0 K = exp(−α ω_c²/2)", PhononBath.ZeroPhononFraction(alphaPs2, cutoffRadPerPs, 0), Math.Exp(-alphaPs2 * cutoffRadPerPs * cutoffRadPerPs / 2), 1e-12),
    // Unfiltered, the library's M must be M_ZPL·B⁴; fully filtered, M_ZPL with efficiency B².
    ("unfiltered M at 4 K = M_ZPL·B⁴", unfiltered4K.M, mZpl * b2 * b2, 1e-6),
    ("filtered M at 4 K = M_ZPL", filtered4K.M, mZpl, 1e-6),
    ("filtered η_f at 4 K = B²", filtered4K.Brightness, b2, 1e-6),
    // The sampled sideband must carry 1 − B² of the emission (it is normalised to that in closed form).
    ("∫ sideband over ±10 rad/ps", psbTotal, 1 - b2, 1e-3),
    // The cavity's M is M_ZPL times the square of the mode's zero-phonon share, at every Q.
    ("cavity M − M_ZPL·share², largest deviation over Q", cavityRows.Max(r => Math.Abs(r.M - r.Expected)), 0, 1e-9),
    // A narrower cavity passes less sideband: the share rises with Q, from above B² towards 1.
    ("cavity ZPL shares that fail to rise with Q", Enumerable.Range(1, cavityRows.Count - 1).Count(i => !(cavityRows[i].Share > cavityRows[i - 1].Share)), 0, 0),
    ("cavity ZPL share at Q = 100 above B² (1 = yes)", cavityRows[0].Share > b2 ? 1 : 0, 1, 0),
    ("cavity ZPL share at Q = 3·10⁴ above 0.995 (1 = yes)", cavityRows[^1].Share > 0.995 ? 1 : 0, 1, 0),
};
return NotebookPage.Check(checks);
