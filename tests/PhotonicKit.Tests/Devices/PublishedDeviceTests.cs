using System.Globalization;
using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Devices;

namespace PhotonicKit.Tests.Devices;

/// <summary>
/// Each published device modelled from its physical parameters through its netlist file and the <c>source</c>
/// analysis, checked against the paper's figures within the published 1σ (else ±5 %). Figures the model does
/// not reproduce are listed in <see cref="KnownDiscrepancies"/> and docs/devices.md with their likely cause.
/// </summary>
public class PublishedDeviceTests
{
    /// <summary>(device, field) pairs the model does not reproduce within tolerance (docs/devices.md explains each).</summary>
    public static readonly (string Device, string Field)[] KnownDiscrepancies =
    [
        ("somaschi2016", "g2"),
        ("somaschi2016", "brightness"),
        ("somaschi2016", "indistinguishability"),
        ("wang2019_micropillar", "brightness"),
        ("wang2019_micropillar", "indistinguishability"),
        ("wang2019_bragg_grating", "brightness"),
        ("wang2019_bragg_grating", "g2"),
        ("wang2019_bragg_grating", "indistinguishability"),
        ("tomm2021", "g2"),
        ("thomas2021", "brightness"),
        ("thomas2021", "g2"),
        ("thomas2021", "indistinguishability"),
    ];

    public static TheoryData<string> DeviceNames()
    {
        var data = new TheoryData<string>();
        foreach (var d in PublishedDevices.All) data.Add(d.Name);
        return data;
    }

    private static void AssertPublished(PublishedDevice device, params string[] fields)
    {
        var result = DeviceFiles.SourceResult(device.Name);
        DeviceFigures.AssertWithin(result, device.Reference, fields.Select(f => ExpectedFigure.From(DeviceFiles.Published(device, f))).ToArray());
    }

    [Fact]
    public void Arcari2014BetaAndCooperativityFollowFromTheDecayRates()
    {
        var device = PublishedDevices.Arcari2014;
        var result = DeviceFiles.SourceResult(device.Name);
        AssertPublished(device, "beta");
        double beta = (double)result["beta"]!;
        var cooperativity = DeviceFiles.Published(device, "cooperativity");
        Assert.InRange(beta / (1 - beta), cooperativity.Value - cooperativity.Tolerance, cooperativity.Value + cooperativity.Tolerance);
        // Total rate γ0(F + γ_rad/γ0) = 6.37 ns⁻¹: T1 = 157.0 ps.
        Assert.Equal(1000 / 6.37, (double)result["lifetime_ps"]!, 9);
        // Ideal preparation, no multi-photon: the guided share splits evenly between the two directions.
        Assert.Equal(beta / 2, (double)result["brightness_port"]!["right"]!, 12);
    }

    [Fact]
    public void Ding2016ExtractionPurityAndIndistinguishabilityAreReproduced() =>
        AssertPublished(PublishedDevices.Ding2016, "brightness", "g2", "indistinguishability");

    [Fact]
    public void Wang2019MicropillarPurityIsReproduced() => AssertPublished(PublishedDevices.Wang2019Micropillar, "g2");

    [Theory]
    [InlineData("wang2019_micropillar", 61.0)]
    [InlineData("wang2019_bragg_grating", 69.1)]
    public void Wang2019LifetimesAreThePapersFromItsSlabLifetimeAndPurcellSplit(string name, double publishedLifetimePs)
    {
        // The settings hold the slab lifetime (1.09 ns) and the split of the measured speed-up into the cavity
        // mode and the other decay, rounded to 4 digits: the computed lifetime must be the measured one (Fig. 2f)
        // within the rounding, 0.1 %.
        var result = DeviceFiles.SourceResult(name);
        Assert.InRange((double)result["lifetime_ps"]!, publishedLifetimePs * 0.999, publishedLifetimePs * 1.001);
    }

    /// <summary>
    /// The coupling, g2 and M of Uppu 2020: g2 and M with the pulse (18 ps) and pure dephasing (0.03 ns⁻¹) measured on the
    /// same group's follow-up platform (assumptions from a related device, docs/devices.md), not with values of this one.
    /// </summary>
    [Fact]
    public void Uppu2020CouplingPurityAndIndistinguishabilityAreReproduced() =>
        AssertPublished(PublishedDevices.Uppu2020, "brightness", "g2", "indistinguishability");

    [Fact]
    public void Tomm2021CavityOutputExceedsThePublishedFibreOutputEfficiency()
    {
        var device = PublishedDevices.Tomm2021;
        var result = DeviceFiles.SourceResult(device.Name);
        Assert.Equal(50, (double)result["lifetime_ps"]!, 12);
        // The fibre output (57 %) is later in the efficiency chain than the cavity output the source reports,
        // so the computed brightness must be at least the published end-to-end efficiency.
        Assert.True((double)result["brightness"]! >= DeviceFiles.Published(device, "brightness_fibre").Value,
            $"cavity-output brightness {(double)result["brightness"]!} below the fibre-output efficiency 0.57");
    }

    [Fact]
    public void Thomas2021PhononAssistedPreparationIsEightyFivePercentOfResonant()
    {
        // Thomas et al. measure a population inversion 85 % as high as resonant excitation; the model's
        // phonon-assisted share applied to the resonant solve of the same dot and pulse must give that ratio.
        var device = PublishedDevices.Thomas2021;
        var phonon = DeviceFiles.SourceResult(device.Name);
        var resonant = Analyses.RunHelper.Result(DeviceFiles.Text(device.Name).Replace("excitation: phonon_assisted", "excitation: resonant", StringComparison.Ordinal));
        double ratio = (double)phonon["preparation_efficiency"]! / (double)resonant["preparation_efficiency"]!;
        Assert.InRange(ratio, 0.85 * 0.95, 0.85 * 1.05);
    }

    [Theory]
    [MemberData(nameof(DeviceNames))]
    public void DeviceFileHoldsThePresetNetlist(string name)
    {
        var device = PublishedDevices.Find(name)!;
        Assert.True(File.Exists(DeviceFiles.PathOf(name)), $"devices/{name}.yaml is missing");
        Assert.Equal(device.ToNetlist().ReplaceLineEndings("\n"), DeviceFiles.Text(name).ReplaceLineEndings("\n"));
    }

    [Theory]
    [MemberData(nameof(DeviceNames))]
    public void EverySettingHasASourceAndNoneIsAMeasuredOverride(string name)
    {
        var device = PublishedDevices.Find(name)!;
        Assert.NotEmpty(device.Figures);
        foreach (var s in device.Settings)
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Source), $"{name}.{s.Key} has no source");
            Assert.DoesNotContain(s.Key, new[] { "g2", "indistinguishability", "brightness", "preparation_efficiency" });
        }
        // In the file, every setting line carries its source as a comment.
        var lines = DeviceFiles.Text(name).Split('\n');
        foreach (var s in device.Settings)
            Assert.Contains(lines, l => l.TrimStart().StartsWith(s.Key + ":", StringComparison.Ordinal) && l.Contains('#', StringComparison.Ordinal));
    }

    [Fact]
    public void MeasuredOverridesAreRefusedByThePreset()
    {
        var e = Assert.Throws<ArgumentException>(() => new PublishedDevice("x", "r", "d", "cavity_source", 930, "w",
            [new DeviceSetting("g2", 0.01, "paper")], []));
        Assert.Contains("g2", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeviceNames))]
    public void LifetimeAndBetaFollowFromThePurcellFactor(string name)
    {
        var device = PublishedDevices.Find(name)!;
        if (!device.SettingsDictionary.ContainsKey("purcell")) return;
        var result = DeviceFiles.SourceResult(name);
        double f = DeviceFiles.Number(device, "purcell");
        double other = DeviceFiles.NumberOr(device, "other_decay_fraction", 1);
        double bulk = DeviceFiles.Number(device, "bulk_lifetime_ps");
        Assert.Equal(bulk / (f + other), (double)result["lifetime_ps"]!, 9);
        Assert.Equal(f / (f + other), (double)result["beta"]!, 12);
    }

    [Theory]
    [MemberData(nameof(DeviceNames))]
    public void BrightnessIsTheLossChainAppliedToTheEmittedPhotonNumbers(string name)
    {
        // Independent bookkeeping: P(≥1) at the emitter and g2 give p1, p2 (two photons at most); the chain
        // η = η_QE·β·extraction·polarisation·sideband filter (η_f = B² + (1 − B²)T_PSB) keeps a single photon with
        // probability η and a pair with at least one photon with probability 1 − (1 − η)²; a blinking dot is bright a share
        // p_on of the pulses.
        var device = PublishedDevices.Find(name)!;
        var result = DeviceFiles.SourceResult(name);
        double px = (double)result["preparation_efficiency"]!, g2 = (double)result["g2"]!, b2 = (double)result["zpl_fraction"]!;
        double p2 = g2 == 0 ? 0 : (1 - px * g2 - Math.Sqrt(1 - 2 * px * g2)) / g2;
        double p1 = px - p2;
        double etaF = b2 + (1 - b2) * DeviceFiles.NumberOr(device, "psb_transmission", 1);
        double eta = (double)result["beta"]! * DeviceFiles.NumberOr(device, "quantum_efficiency", 1) * DeviceFiles.NumberOr(device, "extraction_efficiency", 1)
            * DeviceFiles.NumberOr(device, "polarization_filter", 1) * etaF;
        Assert.Equal(DeviceFiles.NumberOr(device, "blinking_on_fraction", 1) * (eta * p1 + (1 - (1 - eta) * (1 - eta)) * p2), (double)result["brightness"]!, 9);
    }

    [Fact]
    public void KnownDiscrepanciesAreStillOutsideTolerance()
    {
        // When the model improves and a figure comes within tolerance, this fails: move it to its device's
        // test and update docs/devices.md.
        foreach (var (name, field) in KnownDiscrepancies)
        {
            var device = PublishedDevices.Find(name)!;
            var comparison = DeviceFigures.Compare(DeviceFiles.SourceResult(name), [ExpectedFigure.From(DeviceFiles.Published(device, field))]).Single();
            Assert.True(comparison.Computed is not null, $"{name}.{field} missing from the result");
            Assert.False(comparison.Passed, $"{name}.{field} is now within tolerance:\n{DeviceFigures.Table([comparison])}");
        }
    }

    [Theory]
    [MemberData(nameof(DeviceNames))]
    public void DocumentedComputedFiguresAreTheCurrentResults(string name)
    {
        // The table of docs/devices.md quotes each computed figure (3 to 5 significant digits) in its device's
        // rows; a model change that moves a figure makes the table stale and fails here.
        string docs = File.ReadAllText(Path.Combine(DeviceFiles.Root, "docs", "devices.md"));
        int start = docs.IndexOf($"(`devices/{name}.yaml`)", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/devices.md has no table row for devices/{name}.yaml");
        int end = docs.IndexOf("(`devices/", start + 1, StringComparison.Ordinal);
        if (end < 0) end = docs.IndexOf("\n\n", start, StringComparison.Ordinal);
        string rows = docs[start..end];
        var result = DeviceFiles.SourceResult(name);
        foreach (var figure in PublishedDevices.Find(name)!.Figures)
        {
            if (result[figure.Field] is not JsonValue v || !v.TryGetValue<double>(out double computed)) continue;
            string[] forms = ["G3", "G4", "G5"];
            Assert.True(forms.Any(f => rows.Contains(computed.ToString(f, CultureInfo.InvariantCulture), StringComparison.Ordinal)),
                $"docs/devices.md, {name}: computed {figure.Field} = {computed.ToString("G6", CultureInfo.InvariantCulture)} is not in the table");
        }
    }

    [Fact]
    public void DocumentationListsEveryDevice()
    {
        string docs = File.ReadAllText(Path.Combine(DeviceFiles.Root, "docs", "devices.md"));
        foreach (var d in PublishedDevices.All) Assert.Contains($"devices/{d.Name}.yaml", docs, StringComparison.Ordinal);
    }
}
