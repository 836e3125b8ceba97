using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Running;

namespace PhotonicKit.Tests.Examples;

/// <summary>The netlists under examples/netlists run through the library and give their documented figures.</summary>
public sealed class ExampleNetlistTests
{
    private static string NetlistFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PhotonicKit.sln"))) dir = dir.Parent;
        Assert.True(dir is not null, "repository root (PhotonicKit.sln) not found above " + AppContext.BaseDirectory);
        return Path.Combine(dir!.FullName, "examples", "netlists");
    }

    private static JsonArray Run(string fileName, params string[] overrides)
    {
        string path = Path.Combine(NetlistFolder(), fileName);
        var bag = new DiagnosticBag(path);
        var run = NetlistRunner.Prepare(File.ReadAllText(path), path, overrides, strict: false, bag);
        Assert.True(run is not null, string.Join("\n", bag.All));
        return run!.Execute().Document["results"]!.AsArray();
    }

    private static double[] Series(JsonNode? node) => node!.AsArray().Select(v => (double)v!).ToArray();

    public static TheoryData<string> NetlistFiles() =>
        new(Directory.GetFiles(NetlistFolder(), "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(NetlistFiles))]
    public void EveryExampleNetlistRunsWithoutErrors(string fileName)
    {
        var results = Run(fileName);
        Assert.NotEmpty(results);
    }

    [Fact]
    public void RingFilterDropsEverythingOnResonanceAndRepeatsEveryFreeSpectralRange()
    {
        var transmission = Run("05-ring-filter.yaml")[1]!;
        double[] wavelengthNm = Series(transmission["wavelength_nm"]);
        double[] drop = Series(transmission["power"]!["in0"]!["drop"]);
        double[] through = Series(transmission["power"]!["in0"]!["through"]);
        int centre = Array.IndexOf(wavelengthNm, 930.0);
        Assert.True(centre >= 0, "930 nm is on the grid");
        // Lossless, symmetric add-drop ring on resonance: all power to drop, none through.
        Assert.Equal(1.0, drop[centre], 9);
        Assert.Equal(0.0, through[centre], 9);
        // Power conservation of a lossless ring: drop + through = 1 at every wavelength.
        for (int k = 0; k < wavelengthNm.Length; k++) Assert.Equal(1.0, drop[k] + through[k], 9);
        // The next resonance above 930 nm: 1/λ_m = (m + const)/(n_g L) gives λ_a λ_b/(n_g L) for the spacing.
        int next = centre + 1;
        while (!(drop[next] > drop[next - 1] && drop[next] >= drop[next + 1] && drop[next] > 0.5)) next++;
        double spacing = wavelengthNm[next] - 930.0;
        double expected = 930.0 * wavelengthNm[next] / (4.2 * 50e3);
        Assert.InRange(spacing, expected - 0.0005, expected + 0.0005);
    }

    [Fact]
    public void RingFilterDotHasBrightnessBetaWithIdealExcitation()
    {
        var source = Run("05-ring-filter.yaml")[0]!;
        // Ideal excitation, η_QE = 1, no sideband filter: the brightness is β = 0.9, g2 = 0.
        Assert.Equal(0.9, (double)source["brightness"]!, 12);
        Assert.Equal(0.0, (double)source["g2"]!, 12);
    }

    [Fact]
    public void LossyRingFilterDropPowerFollowsTheAddDropFormula()
    {
        var transmission = Run("05-ring-filter.yaml", "ring.loss_db_per_cm=10")[1]!;
        double[] wavelengthNm = Series(transmission["wavelength_nm"]);
        double drop = Series(transmission["power"]!["in0"]!["drop"])[Array.IndexOf(wavelengthNm, 930.0)];
        // κ⁴ a/(1 − t² a)² with a the round-trip amplitude (Bogaerts et al., Laser Photon. Rev. 6, 47 (2012)).
        double a = Math.Pow(10, -10 * 50e-4 / 20), kappa2 = 0.05, t2 = 0.95;
        Assert.Equal(kappa2 * kappa2 * a / Math.Pow(1 - t2 * a, 2), drop, 9);
    }
}
