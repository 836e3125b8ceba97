#:project ../Circuit/PhotonicKit.Circuit.csproj
#:project ../Reporting/PhotonicKit.Reporting.csproj

// # A ring add-drop filter on a quantum dot's emission
//
// A ring resonator's drop port is a narrow band-pass filter repeating every free spectral range,
// FSR = λ²/(n_g L). Placed after a quantum dot it can pass the zero-phonon line (a few pm wide) and reject most
// of the phonon sideband (a few nm wide) — on chip, without a free-space filter. This example runs the netlist
// examples/netlists/05-ring-filter.yaml through the library, overlays the drop transmission on the dot's
// emission spectrum and integrates what passes.
//
// Run:  dotnet run src/Examples/05-ring-filter.cs -- out/examples
// The same circuit on the command line:  dotnet run --project src/Tool -- run examples/netlists/05-ring-filter.yaml

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

// ## 1. Run the netlist
//
// The file holds the dot (with a `source` analysis: its figures and emission spectrum) and the ring (with a
// `transmission` analysis from in0 to the through and drop ports, 925–935 nm in 0.25 pm steps).
string netlistPath = NotebookPage.ExampleNetlist("05-ring-filter.yaml");
IReadOnlyList<AnalysisResult> RunNetlist(params string[] overrides) => NetlistRunner.RunFile(netlistPath, overrides).Results;
var results = RunNetlist();
var source = (SourceResult)results[0];
var transmission = (TransmissionResult)results[1];
double[] wavelengthNm = [.. transmission.WavelengthNm];
double[] dropPower = [.. transmission.Power["in0"]["drop"]];
double[] throughPower = [.. transmission.Power["in0"]["through"]];
double[] spectrumWavelengthNm = [.. source.SpectrumWavelengthNm!];
double[] spectrumPerNm = [.. source.SpectrumPerNm!];
double zplFraction = source.ZplFraction;
Console.WriteLine($"dot: brightness {source.Brightness:0.000}, B² = {zplFraction:0.0000}, M = {source.Indistinguishability:0.0000}");

// ## 2. The ring's resonances
//
// Drop maxima found on the grid and refined by a parabola through the three highest points.
const double lengthUm = 50, groupIndex = 4.2, coupling = 0.05;
var peaks = new List<(double WavelengthNm, double Drop)>();
for (int k = 1; k < dropPower.Length - 1; k++)
    if (dropPower[k] > 0.5 && dropPower[k] >= dropPower[k - 1] && dropPower[k] > dropPower[k + 1])
    {
        double a = dropPower[k - 1], b = dropPower[k], c = dropPower[k + 1];
        double shift = 0.5 * (a - c) / (a - 2 * b + c);
        peaks.Add((wavelengthNm[k] + shift * (wavelengthNm[k + 1] - wavelengthNm[k]), b));
    }
Console.WriteLine($"\n{"resonance (nm)",15} {"drop",8} {"FSR to next (nm)",17} {"λ²/(n_g L) (nm)",16}");
for (int i = 0; i < peaks.Count; i++)
{
    string fsr = i + 1 < peaks.Count ? $"{peaks[i + 1].WavelengthNm - peaks[i].WavelengthNm,17:0.0000}" : new string(' ', 17);
    double formula = peaks[i].WavelengthNm * peaks[i].WavelengthNm / (groupIndex * lengthUm * 1e3);
    Console.WriteLine($"{peaks[i].WavelengthNm,15:0.0000} {peaks[i].Drop,8:0.0000} {fsr} {formula,16:0.0000}");
}
// Linewidth of the drop resonance at 930 nm: the width at half maximum on the grid.
int centre = Array.IndexOf(wavelengthNm, wavelengthNm.MinBy(w => Math.Abs(w - 930)));
int left = centre, right = centre;
while (dropPower[left] > 0.5 * dropPower[centre]) left--;
while (dropPower[right] > 0.5 * dropPower[centre]) right++;
double fwhmNm = wavelengthNm[right] - wavelengthNm[left];
Console.WriteLine($"drop FWHM at 930 nm ≈ {fwhmNm * 1e3:0.0} pm, finesse ≈ {(peaks.Count > 1 ? (peaks[1].WavelengthNm - peaks[0].WavelengthNm) / fwhmNm : double.NaN):0.0}");

// ## 3. How much of the emission passes?
//
// The dot's spectrum splits into the ZPL and the sideband; EmissionSpectrum gives each part on the ring's
// grid (the same dot: T1 = 200 ps, γ* = 0.1 ns⁻¹, 4 K, default α and ω_c). Trapezoid rule.
var dot = new EmissionSpectrum(930, 1.0 / 200, 0.1e-3, 0, zplFraction, 0.027, 2.2, 4);
double zplPassed = 0, psbPassed = 0, zplTotal = 0, psbTotal = 0;
for (int k = 0; k + 1 < wavelengthNm.Length; k++)
{
    double h = 0.5 * (wavelengthNm[k + 1] - wavelengthNm[k]);
    foreach (int j in new[] { k, k + 1 })
    {
        double zpl = dot.ZeroPhononDensityPerNm(wavelengthNm[j]);
        double psb = dot.DensityPerNm(wavelengthNm[j]) - zpl;
        zplPassed += h * zpl * dropPower[j];
        psbPassed += h * psb * dropPower[j];
        zplTotal += h * zpl;
        psbTotal += h * psb;
    }
}
double passedZplShare = zplPassed / zplTotal, passedPsbShare = psbPassed / psbTotal;
double efficiency = zplPassed + psbPassed;
double mZpl = (1.0 / 200) / (1.0 / 200 + 2 * 0.1e-3);
double filteredM = mZpl * Math.Pow(zplPassed / efficiency, 2);
Console.WriteLine($"\n{"part",10} {"share of emission",18} {"passed by drop",15}");
Console.WriteLine($"{"ZPL",10} {zplTotal,18:0.0000} {passedZplShare,15:0.0000}");
Console.WriteLine($"{"sideband",10} {psbTotal,18:0.0000} {passedPsbShare,15:0.0000}");
Console.WriteLine($"{"total",10} {zplTotal + psbTotal,18:0.0000} {efficiency,15:0.0000}");
Console.WriteLine($"indistinguishability: {source.Indistinguishability:0.0000} before the ring, ≈ {filteredM:0.0000} at the drop port (M_ZPL (B²T_ZPL/η_f)²)");
// The ZPL (2.4 pm) is much narrower than the drop line (~70 pm) and passes almost whole; the sideband passes
// only where it overlaps a resonance — this one and the neighbours one FSR away.

// ## 4. A lossy ring
//
// With propagation loss the drop peak falls below one. The same netlist with `--set ring.loss_db_per_cm=10`:
var lossy = RunNetlist("ring.loss_db_per_cm=10");
double[] lossyDrop = [.. ((TransmissionResult)lossy[1]).Power["in0"]["drop"]];
Console.WriteLine($"\nwith 10 dB/cm: drop at 930 nm = {lossyDrop[centre]:0.0000}");

// ## 5. Plots
double spectrumMax = spectrumPerNm.Max();
var overview = PlotlyChart.Combine([
        PlotlyChart.Line<double, double, string>(x: wavelengthNm.Where((_, k) => k % 10 == 0), y: dropPower.Where((_, k) => k % 10 == 0).Select(p => Math.Log10(Math.Max(p, 1e-12))), Name: "drop |S|²"),
        PlotlyChart.Line<double, double, string>(x: spectrumWavelengthNm, y: spectrumPerNm.Select(s => Math.Log10(Math.Max(s / spectrumMax, 1e-12))), Name: "emission (normalised to peak)"),
    ])
    .WithXAxisStyle<double, double, string>(TitleText: "wavelength (nm)")
    .WithYAxisStyle<double, double, string>(TitleText: "log10")
    .WithSize(900, 380);
var zoomRange = Enumerable.Range(0, wavelengthNm.Length).Where(k => Math.Abs(wavelengthNm[k] - 930) <= 0.15).ToArray();
var zoom = PlotlyChart.Combine([
        PlotlyChart.Line<double, double, string>(x: zoomRange.Select(k => wavelengthNm[k]), y: zoomRange.Select(k => dropPower[k]), Name: "drop |S|²"),
        PlotlyChart.Line<double, double, string>(x: zoomRange.Select(k => wavelengthNm[k]), y: zoomRange.Select(k => throughPower[k]), Name: "through |S|²"),
        PlotlyChart.Line<double, double, string>(x: zoomRange.Select(k => wavelengthNm[k]), y: zoomRange.Select(k => lossyDrop[k]), Name: "drop, 10 dB/cm"),
        PlotlyChart.Line<double, double, string>(x: zoomRange.Select(k => wavelengthNm[k]), y: zoomRange.Select(k => dot.ZeroPhononDensityPerNm(wavelengthNm[k]) / dot.ZeroPhononDensityPerNm(930)), Name: "ZPL (normalised)"),
    ])
    .WithXAxisStyle<double, double, string>(TitleText: "wavelength (nm)")
    .WithYAxisStyle<double, double, string>(TitleText: "power, normalised density")
    .WithSize(900, 380);
string page = NotebookPage.Write(outputFolder, "05-ring-filter", "Ring add-drop filter on a quantum dot's emission",
    ("Drop transmission and the dot's emission spectrum (log scale)", overview),
    ("Around the zero-phonon line", zoom));
Console.WriteLine($"\nwrote {page}");

// ## 6. Checks
// Resonances m and m − 1 of a ring with first-order dispersion satisfy 1/λ = (m + const)/(n_g L) exactly, so
// their spacing is λ_a λ_b/(n_g L) (≈ λ²/(n_g L)). The lossless symmetric ring drops everything on resonance;
// with round-trip amplitude a the drop power is κ⁴a/(1 − t²a)² (Bogaerts et al., Laser Photon. Rev. 6, 47 (2012)).
int at930 = peaks.FindIndex(p => Math.Abs(p.WavelengthNm - 930) < 0.01);
var (la, lb) = (peaks[at930].WavelengthNm, peaks[at930 + 1].WavelengthNm);
double roundTrip = Math.Pow(10, -10 * lengthUm * 1e-4 / 20);
double t2 = 1 - coupling;
var checks = new List<(string What, double Value, double Expected, double Tolerance)>
{
    ("FSR above 930 nm (nm) vs λ_aλ_b/(n_g L)", lb - la, la * lb / (groupIndex * lengthUm * 1e3), 2e-4),
    ("FSR above 930 nm (nm) vs λ²/(n_g L) at 930 nm", lb - la, 930.0 * 930 / (groupIndex * lengthUm * 1e3), 0.01 * 4.12),
    ("drop power at 930 nm, lossless", dropPower[centre], 1, 1e-9),
    ("drop power at 930 nm, 10 dB/cm", lossyDrop[centre], coupling * coupling * roundTrip / Math.Pow(1 - t2 * roundTrip, 2), 1e-9),
    ("emission inside 925–935 nm", zplTotal + psbTotal, 1, 2e-3),
    // The spectrum integrated here is the one the netlist's dot reports (same parameters as the yaml file).
    ("max relative difference to the source analysis' spectrum", spectrumWavelengthNm.Select((w, k) =>
        Math.Abs(dot.DensityPerNm(w) - spectrumPerNm[k]) / spectrumPerNm[k]).Max(), 0, 1e-9),
};
return NotebookPage.Check(checks);
