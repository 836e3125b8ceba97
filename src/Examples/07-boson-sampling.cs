#:project ../Circuit/PhotonicKit.Circuit.csproj
#:project ../Reporting/PhotonicKit.Reporting.csproj

// # Boson sampling with partially distinguishable photons
//
// Four photons enter the first four modes of an 8-mode interferometer drawn at random (Haar measure, fixed seed).
// With perfectly indistinguishable photons the output probabilities are |perm U_s|²/∏s_k!; with fully
// distinguishable ones they are perm(|U_s|²)/∏s_k! — classical, efficiently samplable. Real sources sit in
// between: each pair of photons has HOM visibility M (Tichy, PRA 91, 022316 (2015); Renema et al., PRL 120,
// 220502 (2018)). How far is a sampler with M = 0.9 from the ideal one? We measure the total variation distance
//
//     TVD(p, q) = ½ Σ_s |p(s) − q(s)|
//
// to the ideal distribution against M, with the uniform Gram matrix G_ij = √M (the binary model of Perceval,
// docs/multiphoton.md).
//
// Run:  dotnet run src/Examples/07-boson-sampling.cs -- out/examples

using System.Globalization;
using System.Numerics;
using System.Text;
using PhotonicKit.Circuit.Quantum;
using PhotonicKit.Reporting;
using Plotly.NET;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

string outputFolder = NotebookPage.Start(args);

// ## 1. A Haar-random interferometer
//
// QR decomposition of a matrix of complex Gaussians by Gram–Schmidt; the columns' phases then follow the Haar
// measure (Mezzadri, Notices AMS 54, 592 (2007)). Seed 7.
const int modes = 8, photons = 4;
int[] inputModes = [0, 1, 2, 3];
var unitary = HaarUnitary(modes, new Random(7));
double unitarityError = 0;
for (int i = 0; i < modes; i++)
    for (int j = 0; j < modes; j++)
    {
        Complex dot = 0;
        for (int k = 0; k < modes; k++) dot += Complex.Conjugate(unitary[k, i]) * unitary[k, j];
        unitarityError = Math.Max(unitarityError, (dot - (i == j ? 1 : 0)).Magnitude);
    }
Console.WriteLine($"{modes}-mode Haar-random unitary (seed 7), max |U†U − I| = {unitarityError:E1}");

// ## 2. Output distributions against M
IReadOnlyList<(int[] Counts, double Probability)> Distribution(double visibility) =>
    new MultiPhotonInterference(unitary, inputModes, GramMatrix.Uniform(photons, Math.Sqrt(visibility))).OutputDistribution();
var ideal = Distribution(1);
var distinguishable = Distribution(0);
double Tvd(IReadOnlyList<(int[] Counts, double Probability)> p, IReadOnlyList<(int[] Counts, double Probability)> q)
{
    var qByPattern = q.ToDictionary(x => string.Join(",", x.Counts), x => x.Probability);
    return 0.5 * p.Sum(x => Math.Abs(x.Probability - qByPattern[string.Join(",", x.Counts)]));
}
double[] visibilities = Enumerable.Range(0, 21).Select(k => k / 20.0).ToArray();
var rows = new List<(double M, double ToIdeal, double ToDistinguishable, double Sum)>();
Console.WriteLine($"\n{ideal.Count} output patterns of {photons} photons in {modes} modes");
Console.WriteLine($"{"M",5} {"TVD to ideal",13} {"TVD to dist.",13} {"Σp",10}");
foreach (double m in visibilities)
{
    var p = Distribution(m);
    rows.Add((m, Tvd(p, ideal), Tvd(p, distinguishable), p.Sum(x => x.Probability)));
    if (Math.Round(m * 20) % 2 == 0)
        Console.WriteLine($"{m,5:0.00} {rows[^1].ToIdeal,13:0.00000} {rows[^1].ToDistinguishable,13:0.00000} {rows[^1].Sum,10:0.000000}");
}
// Near M = 1 the distance grows about linearly in 1 − M: each of the n(n − 1)/2 pairs of photons that can
// exchange loses interference ∝ (1 − M), so at a given M the distance grows with the number of photons.

// ## 3. The classical limit, computed independently
//
// For distinguishable photons each photon walks on its own: P(s) = perm(|U_s|²)/∏s_k!, U_s the rows of the
// output pattern (row k repeated s_k times) and the columns of the inputs. A direct permanent over all n!
// permutations, written here without the library:
double ClassicalProbability(int[] counts)
{
    var rowsOfPattern = new List<int>();
    double factorials = 1;
    for (int k = 0; k < counts.Length; k++)
    {
        for (int c = 0; c < counts[k]; c++) rowsOfPattern.Add(k);
        for (int c = 2; c <= counts[k]; c++) factorials *= c;
    }
    double permanent = 0;
    foreach (var sigma in Permutations(photons))
    {
        double product = 1;
        for (int j = 0; j < photons; j++)
        {
            double amplitude = unitary[rowsOfPattern[sigma[j]], inputModes[j]].Magnitude;
            product *= amplitude * amplitude;
        }
        permanent += product;
    }
    return permanent / factorials;
}
double classicalDifference = distinguishable.Max(x => Math.Abs(x.Probability - ClassicalProbability(x.Counts)));
Console.WriteLine($"\nmax |P_library(M = 0) − perm(|U_s|²)/∏s!| over all patterns = {classicalDifference:E2}");

// The most likely patterns, ideal against distinguishable:
var top = ideal.OrderByDescending(x => x.Probability).Take(8).ToList();
var distinguishableByPattern = distinguishable.ToDictionary(x => string.Join(",", x.Counts), x => x.Probability);
Console.WriteLine($"\n{"pattern",18} {"ideal",9} {"distinguishable",16}");
foreach (var (counts, probability) in top)
    Console.WriteLine($"{string.Join("", counts),18} {probability,9:0.00000} {distinguishableByPattern[string.Join(",", counts)],16:0.00000}");

// ## 4. Plots
var tvdChart = PlotlyChart.Combine([
        PlotlyChart.Line<double, double, string>(x: rows.Select(r => r.M), y: rows.Select(r => r.ToIdeal), Name: "TVD to ideal (M = 1)", ShowMarkers: true),
        PlotlyChart.Line<double, double, string>(x: rows.Select(r => r.M), y: rows.Select(r => r.ToDistinguishable), Name: "TVD to distinguishable (M = 0)", ShowMarkers: true),
    ])
    .WithXAxisStyle<double, double, string>(TitleText: "pairwise indistinguishability M")
    .WithYAxisStyle<double, double, string>(TitleText: "total variation distance")
    .WithSize(900, 380);
var patternLabels = top.Select(x => string.Join("", x.Counts)).ToArray();
var middle = Distribution(0.5).ToDictionary(x => string.Join(",", x.Counts), x => x.Probability);
var patternChart = PlotlyChart.Combine([
        PlotlyChart.Line<string, double, string>(x: patternLabels, y: top.Select(x => x.Probability), Name: "M = 1", ShowMarkers: true),
        PlotlyChart.Line<string, double, string>(x: patternLabels, y: top.Select(x => middle[string.Join(",", x.Counts)]), Name: "M = 0.5", ShowMarkers: true),
        PlotlyChart.Line<string, double, string>(x: patternLabels, y: top.Select(x => distinguishableByPattern[string.Join(",", x.Counts)]), Name: "M = 0", ShowMarkers: true),
    ])
    .WithXAxisStyle<double, double, string>(TitleText: "output pattern (photons per mode)")
    .WithYAxisStyle<double, double, string>(TitleText: "probability")
    .WithSize(900, 380);
string page = NotebookPage.Write(outputFolder, "07-boson-sampling", "Boson sampling with partially distinguishable photons (4 photons, 8 modes)",
    ("Total variation distance against indistinguishability", tvdChart),
    ("The eight most likely patterns of the ideal sampler", patternChart));
Console.WriteLine($"\nwrote {page}");

// ## 5. Checks
var checks = new List<(string What, double Value, double Expected, double Tolerance)>
{
    ("TVD to ideal at M = 1", rows[^1].ToIdeal, 0, 1e-12),
    ("max |P(M = 0) − perm(|U_s|²)/∏s!|", classicalDifference, 0, 1e-12),
    ("Σ P over patterns, worst M", rows.Select(r => r.Sum).MaxBy(s => Math.Abs(s - 1)), 1, 1e-10),
    ("patterns = C(n + m − 1, n) = C(11, 4)", ideal.Count, 330, 0),
};
return NotebookPage.Check(checks);

static Complex[,] HaarUnitary(int n, Random random)
{
    double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    var u = new Complex[n, n];
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) u[i, j] = new Complex(Gaussian(), Gaussian());
    // Modified Gram–Schmidt on the columns: Q of the QR decomposition with R's diagonal real and positive.
    for (int j = 0; j < n; j++)
    {
        for (int p = 0; p < j; p++)
        {
            Complex projection = 0;
            for (int i = 0; i < n; i++) projection += Complex.Conjugate(u[i, p]) * u[i, j];
            for (int i = 0; i < n; i++) u[i, j] -= projection * u[i, p];
        }
        double norm = 0;
        for (int i = 0; i < n; i++) norm += u[i, j].Magnitude * u[i, j].Magnitude;
        norm = Math.Sqrt(norm);
        for (int i = 0; i < n; i++) u[i, j] /= norm;
    }
    return u;
}

static IEnumerable<int[]> Permutations(int n)
{
    if (n == 0) { yield return []; yield break; }
    foreach (var smaller in Permutations(n - 1))
        for (int position = 0; position < n; position++)
        {
            var p = new List<int>(smaller);
            p.Insert(position, n - 1);
            yield return p.ToArray();
        }
}
