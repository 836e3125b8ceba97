using System.Globalization;
using CsCheck;
using System.Numerics;
using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Devices;
using PhotonicKit.Circuit.Running;

namespace PhotonicKit.Tests.Devices;

/// <summary>
/// The multi-photon experiments of docs/devices.md run through their netlist files (one demultiplexed source,
/// <c>photon_statistics</c> per frame) and checked against the published rates and against independent
/// arithmetic written here: the product of per-channel click probabilities (Hummel 2019) and the collision-free
/// probability of the 9-mode interferometer from permanents (Wang 2017).
/// </summary>
public class DemultiplexedExperimentTests
{
    public static TheoryData<string> ExperimentNames()
    {
        var data = new TheoryData<string>();
        foreach (var e in DemultiplexedExperiments.All) data.Add(e.Name);
        return data;
    }

    private static readonly Dictionary<string, JsonObject> Results = [];

    /// <summary>Runs devices/NAME.yaml through the public path (NetlistRunner.RunFile) once per test run.</summary>
    internal static JsonObject Statistics(string name)
    {
        lock (Results)
        {
            if (!Results.TryGetValue(name, out var r))
            {
                r = NetlistRunner.RunFile(DeviceFiles.PathOf(name)).Document["results"]![0]!.AsObject();
                Results[name] = r;
            }
            return r;
        }
    }

    private static double NFoldRate(string name, int n) => (double)Statistics(name)["n_fold_rate_hz"]![n.ToString(CultureInfo.InvariantCulture)]!;

    private static JsonObject SourceResult(PublishedDevice source) =>
        NetlistRunner.Run(source.ToNetlist(), source.Name + ".yaml").Document["results"]![0]!.AsObject();

    [Theory]
    [MemberData(nameof(ExperimentNames))]
    public void ExperimentFileHoldsThePresetNetlist(string name)
    {
        var e = DemultiplexedExperiments.Find(name)!;
        Assert.True(File.Exists(DeviceFiles.PathOf(name)), $"devices/{name}.yaml is missing");
        Assert.Equal(e.ToNetlist().ReplaceLineEndings("\n"), DeviceFiles.Text(name).ReplaceLineEndings("\n"));
    }

    [Theory]
    [MemberData(nameof(ExperimentNames))]
    public void EveryNumberHasASourceAndTheFileCommentsIt(string name)
    {
        var e = DemultiplexedExperiments.Find(name)!;
        Assert.NotEmpty(e.Figures);
        foreach (string s in new[] { e.Collection?.Source ?? e.CollectionElement, e.DemuxSource, e.DetectorEfficiency.Source }.Concat(e.Source.Settings.Select(x => x.Source)))
            Assert.False(string.IsNullOrWhiteSpace(s), $"{name}: a value has no source");
        var lines = DeviceFiles.Text(name).Split('\n');
        var keys = e.Source.Settings.Select(s => s.Key).Append("efficiency");
        foreach (string key in e.Collection is null ? keys : keys.Append("collection"))
            Assert.Contains(lines, l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal) && l.Contains('#', StringComparison.Ordinal));
    }

    [Fact]
    public void Hummel2019FourPhotonRateMeetsThePublishedBound()
    {
        var e = DemultiplexedExperiments.Hummel2019;
        var figure = e.Figures.Single(f => f.Field == "n_fold_rate_hz.4");
        double rate4 = NFoldRate(e.Name, 4);
        // Published as a lower bound: "four-photon coincidence rates of > 1 Hz".
        Assert.True(rate4 >= figure.Value, $"four-photon rate {rate4} Hz below the published > {figure.Value} Hz");
    }

    [Fact]
    public void Hummel2019RatesAreThePerFrameProductOfIndependentChannelClicks()
    {
        // Independent arithmetic: each pulse of a frame feeds its own channel and detector, so the channels click
        // independently with q_k = B_right·T_k (above-band excitation here gives p2 = 0, so a click needs the one
        // photon to survive). P(exactly j of N click) for equal q_k is binomial; R_N = (f/N)·∏q_k is
        // DemultiplexedSourceRate.NPhotonRateHz.
        var e = DemultiplexedExperiments.Hummel2019;
        var source = SourceResult(e.Source);
        Assert.Equal(0, (double)source["p2"]!);
        double b = (double)source["brightness_port"]!["right"]!;
        double[] q = Enumerable.Range(0, e.PhotonCount).Select(k => b * e.ChannelTransmission(k)).ToArray();
        double expected4 = DemultiplexedSourceRate.NPhotonRateHz(e.RepetitionRateMhz, q);
        Assert.Equal(expected4, NFoldRate(e.Name, 4), expected4 * 1e-9);
        int n = e.PhotonCount;
        double frame = e.RepetitionRateMhz * 1e6 / n;
        for (int j = 1; j <= n; j++)
        {
            double binomial = Binomial(n, j) * Math.Pow(q[0], j) * Math.Pow(1 - q[0], n - j);
            Assert.Equal(frame * binomial, NFoldRate(e.Name, j), frame * binomial * 1e-9);
        }
    }

    /// <summary>The netlist text with one setting of the source set to another value (its comment kept).</summary>
    private static string WithSetting(string text, string key, string value) => string.Join('\n', text.Split('\n').Select(l =>
    {
        string t = l.TrimStart();
        if (!t.StartsWith(key + ":", StringComparison.Ordinal)) return l;
        int hash = l.IndexOf('#', StringComparison.Ordinal);
        return l[..(l.Length - t.Length)] + key + ": " + value + (hash < 0 ? "" : "   " + l[hash..]);
    }));

    private static double Rate(string text, int photons) =>
        (double)NetlistRunner.Run(text, "variant.yaml").Document["results"]![0]!["n_fold_rate_hz"]![photons.ToString(CultureInfo.InvariantCulture)]!;

    /// <summary>η_k of Wang 2017 from the paper's numbers: fibre brightness 25.6/76 × demux × interferometer × detector.</summary>
    private static double[] Wang2017ChannelEfficiencies(DemultiplexedExperiment e) =>
        Enumerable.Range(0, e.PhotonCount).Select(k => (double)e.Source.SettingsDictionary["brightness"] * e.ChannelTransmission(k)).ToArray();

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Wang2017RateIsTheProductFormulaTimesTheCollisionFreeProbability(int photons)
    {
        // For single (g2 = 0), indistinguishable (M = 1) photons an N-photon sample needs the N photons of a frame
        // on N distinct threshold detectors: R_N = (f/N)·∏η_k·C_N, with C_N = Σ_S |Perm(U[S, 0…N−1])|² over
        // N-subsets S of the 9 outputs (the losses are uniform and commute with U). The permanents are computed
        // here by brute force over permutations, independently of the engine.
        // The detectors' dead time is left out here (it thins the clicks, tested on its own), and frames come at the gated
        // switch's rate f_g·M instead of f/N.
        var e = DemultiplexedExperiments.Wang2017(photons);
        string text = WithSetting(WithSetting(WithSetting(DeviceFiles.Text(e.Name), "g2", "0"), "indistinguishability", "1"), "spectral_diffusion_ghz", "0")
            .Replace(", dead_time_ns: 42", "", StringComparison.Ordinal);
        double collisionFree = CollisionFreeProbability(e.Interferometer!, photons);
        Assert.InRange(collisionFree, 0, 1);
        double frames = e.FrameRateHz / (e.RepetitionRateMhz * 1e6 / photons);
        double expected = DemultiplexedSourceRate.NPhotonRateHz(e.RepetitionRateMhz, Wang2017ChannelEfficiencies(e)) * frames * collisionFree;
        Assert.Equal(expected, Rate(text, photons), expected * 1e-6);
        // Fully distinguishable photons: C_N = Σ_S Perm(|U[S, 0…N−1]|²).
        double distinguishable = DemultiplexedSourceRate.NPhotonRateHz(e.RepetitionRateMhz, Wang2017ChannelEfficiencies(e)) * frames * CollisionFreeProbability(e.Interferometer!, photons, distinguishable: true);
        double computedDistinguishable = Rate(WithSetting(text, "indistinguishability", "0"), photons);
        Assert.Equal(distinguishable, computedDistinguishable, distinguishable * 1e-6);
        // The measured overlaps (0.939 at 13 ns, falling with the photons' separation) lie between the two (bosonic bunching
        // lowers the no-collision rate here).
        double partial = Rate(WithSetting(DeviceFiles.Text(e.Name), "g2", "0").Replace(", dead_time_ns: 42", "", StringComparison.Ordinal), photons);
        Assert.InRange(partial, Math.Min(expected, distinguishable), Math.Max(expected, distinguishable));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Wang2017TwoPhotonPulsesStandInForLostPhotons(int photons)
    {
        // A pulse holds two photons with probability p2 (g2 = 0.027). When pulse i of a frame loses its photon
        // (probability 1 − p1·η) and pulse j holds a detected pair, the frame can still give an N-fold coincidence.
        // To first order in p2 the relative excess over the g2 = 0 rate is
        //   (p2/p1²)·(1 − p1·η)·Σ_{i≠j} C'_ij / C_N,
        // where the extra photon of the pair is distinguishable from every other photon (docs/physics.md, the
        // default) and the rest are indistinguishable: C'_ij = Σ_T |Perm(U[T, A_i])|²·Σ_{b∉T} |U_bj|² over
        // (N−1)-subsets T of the outputs, A_i = the inputs without i. M = 1 in both runs. The count leaves out
        // frames in which the pair and all N pulses are detected with one collision, and higher orders: the
        // check is on sign and size, within a factor 2.
        var e = DemultiplexedExperiments.Wang2017(photons);
        var source = SourceResult(e.Source);
        double p1 = (double)source["p1"]!, p2 = (double)source["p2"]!;
        Assert.True(p2 > 0);
        string indistinguishable = WithSetting(WithSetting(DeviceFiles.Text(e.Name), "indistinguishability", "1"), "spectral_diffusion_ghz", "0");
        double single = Rate(WithSetting(indistinguishable, "g2", "0"), photons);
        // The g2 = 0 source keeps P(≥1) = 25.6/76 all in p1: compare at equal p1.
        double singleAtP1 = single * Math.Pow(p1 / (p1 + p2), photons);
        double excess = Rate(indistinguishable, photons) / singleAtP1 - 1;
        double eta = e.ChannelTransmission(0);
        double cN = CollisionFreeProbability(e.Interferometer!, photons);
        double pairs = 0;
        for (int i = 0; i < photons; i++)
            for (int j = 0; j < photons; j++)
                if (i != j) pairs += PairCollisionFreeProbability(e.Interferometer!, Enumerable.Range(0, photons).Where(k => k != i).ToArray(), j);
        double estimate = p2 / (p1 * p1) * (1 - p1 * eta) * pairs / cN;
        Assert.InRange(excess, 0.5 * estimate, 2 * estimate);
    }

    /// <summary>
    /// Overlap of two photons of one source whose centres differ by a Gaussian of standard deviation s, relative to the
    /// shared-centre value, for transform-limited exponential wavepackets of decay rate Γ: the average of the fixed-detuning
    /// overlap Γ²/(Γ² + δ²) over δ ~ N(0, s²), by the trapezoid rule over ±12 s (independent of the engine's Faddeeva
    /// function).
    /// </summary>
    private static double GaussianAveragedLorentzian(double gammaRadPerPs, double sRadPerPs)
    {
        const int points = 40001;
        double h = 24.0 / (points - 1), sum = 0;
        for (int i = 0; i < points; i++)
        {
            double x = -12 + i * h, delta = sRadPerPs * x;
            double weight = (i == 0 || i == points - 1 ? 0.5 : 1) * Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI);
            sum += weight * gammaRadPerPs * gammaRadPerPs / (gammaRadPerPs * gammaRadPerPs + delta * delta);
        }
        return sum * h;
    }

    [Fact]
    public void Wang2017WanderingReproducesTheTwoMeasuredOverlapsAndPredictsTheThird()
    {
        // docs/devices.md: σ and the zero-separation overlap M0 of the source are derived from the paper's two measured
        // overlaps (0.939 at 13 ns, 0.923 at 1.05 µs) with its 2.1 µs time constant as τ_w, through
        // M(Δt) = M0·D(s), s² = 2σ²(1 − e^(−Δt/τ_w)). Evaluated here by an independent quadrature, the derived settings
        // give back the two inputs (to the rounding of the settings, far inside the ±0.003 of the measurement) and the
        // paper's third measured point, 0.900(3) at 14.7 µs, which the derivation did not use.
        var source = DemultiplexedExperiments.Wang2017Source;
        double m0 = DeviceFiles.Number(source, "indistinguishability");
        double sigma = 2 * Math.PI * DeviceFiles.Number(source, "spectral_diffusion_ghz") * 1e-3;
        double tauPs = DeviceFiles.Number(source, "spectral_diffusion_correlation_ns") * 1e3;
        double gamma = DeviceFiles.Number(source, "purcell") / DeviceFiles.Number(source, "bulk_lifetime_ps");
        double At(double separationPs) => m0 * GaussianAveragedLorentzian(gamma, Math.Sqrt(2 * sigma * sigma * (1 - Math.Exp(-separationPs / tauPs))));
        Assert.Equal(0.939, At(13e3), 0.0002);
        Assert.Equal(0.923, At(1.05e6), 0.0002);
        Assert.InRange(At(14.7e6), 0.900 - 0.003, 0.900 + 0.003);
        // The 5-photon frame's outermost photons are 4 windows of 20 pulses apart: the paper's 80 pulses, 1.05 µs.
        var e = DemultiplexedExperiments.Wang2017(5);
        Assert.Equal(1.05e6, (e.PhotonCount - 1) * e.WindowPulses * e.PulseSpacingPs, 0.01e6);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Wang2017BinaryOverlapsAgreeWithTheExactPermutationSum(int photons)
    {
        // The 5-photon file uses distinguishability: binary (its 10 mixed photons are beyond the exact sum). Where both run,
        // they agree to 1e-4 relative: the wandering photons' overlaps are all near 0.93, where the binary model's cycles
        // are close to the exact traces.
        var e = DemultiplexedExperiments.Wang2017(photons);
        string text = DeviceFiles.Text(e.Name);
        string binary = text.Replace("max_patterns: 5}", "max_patterns: 5, distinguishability: binary}", StringComparison.Ordinal);
        Assert.NotEqual(text, binary);
        double exact = NFoldRate(e.Name, photons);
        Assert.Equal(exact, Rate(binary, photons), exact * 1e-4);
    }

    [Fact]
    public void Wang2017RatesShareOnePerPhotonFactorThroughTheFrameModelButNotThroughTheBareProduct()
    {
        // If a model describes how the rates depend on N, the per-photon factor by which the measured rates fall
        // short of it, κ_N = (R_N,published/R_N,model)^(1/N), is the same for N = 3, 4, 5. Through the frame
        // model (the paper's brightness, demultiplexer, interferometer and detector efficiencies, its g2 and M,
        // bunching in the 9-mode interferometer) the three κ_N agree within ±5 % of their mean; through the bare
        // product R_N = (f/N)·η^N with the same η they do not (they fall by ~9 % per photon).
        var rates = DemultiplexedExperiments.Wang2017PublishedRatesHz;
        int[] ns = [.. rates.Keys.Order()];
        var frame = ns.Select(n => Math.Pow(rates[n] / NFoldRate($"wang2017_boson_sampling_{n}", n), 1.0 / n)).ToArray();
        var bare = ns.Select(n =>
        {
            var e = DemultiplexedExperiments.Wang2017(n);
            return Math.Pow(rates[n] / DemultiplexedSourceRate.NPhotonRateHz(e.RepetitionRateMhz, Wang2017ChannelEfficiencies(e)), 1.0 / n);
        }).ToArray();
        static double WorstDeviation(double[] v) => v.Max(x => Math.Abs(x / v.Average() - 1));
        Assert.True(WorstDeviation(frame) <= PublishedFigure.DefaultRelativeTolerance,
            $"frame model: κ = {string.Join(", ", frame.Select(x => x.ToString("G4", CultureInfo.InvariantCulture)))}");
        Assert.True(WorstDeviation(bare) > PublishedFigure.DefaultRelativeTolerance,
            $"bare product: κ = {string.Join(", ", bare.Select(x => x.ToString("G4", CultureInfo.InvariantCulture)))}");
        // All three are below 1: the measured rates are lower than the main text's efficiencies give.
        Assert.All(frame, k => Assert.InRange(k, 0.6, 0.9));
    }

    [Fact]
    public void Wang2017RatesAreStillOutsideTolerance()
    {
        // docs/devices.md: with the paper's per-photon efficiencies, switch, detector dead time and the measured decay of the
        // overlap with the photons' separation the computed rates are 2.3–3.3 times the published ones (a per-photon factor
        // ~0.77 is missing). When the model or sourced values bring one within
        // ±5 %, this fails: move it to a reproduction test and update the table.
        foreach (int n in new[] { 3, 4, 5 })
        {
            var e = DemultiplexedExperiments.Wang2017(n);
            var c = DeviceFigures.Compare(Statistics(e.Name), [ExpectedFigure.From(e.Figures.Single())]).Single();
            Assert.True(c.Computed is not null, $"{e.Name}: n_fold_rate_hz.{n} missing");
            Assert.False(c.Passed, $"{e.Name} is now within tolerance:\n{DeviceFigures.Table([c])}");
        }
    }

    [Theory]
    [MemberData(nameof(ExperimentNames))]
    public void DocumentedComputedRatesAreTheCurrentResults(string name)
    {
        string docs = File.ReadAllText(Path.Combine(DeviceFiles.Root, "docs", "devices.md"));
        int start = docs.IndexOf($"(`devices/{name}.yaml`)", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/devices.md has no table row for devices/{name}.yaml");
        int end = docs.IndexOf('\n', start);
        string row = docs[start..end];
        foreach (var figure in DemultiplexedExperiments.Find(name)!.Figures)
        {
            int n = int.Parse(figure.Field[(figure.Field.LastIndexOf('.') + 1)..], CultureInfo.InvariantCulture);
            double computed = NFoldRate(name, n);
            Assert.True(new[] { "G3", "G4", "N0" }.Any(fmt => row.Contains(computed.ToString(fmt, CultureInfo.InvariantCulture), StringComparison.Ordinal)),
                $"docs/devices.md, {name}: computed {figure.Field} = {computed.ToString("G6", CultureInfo.InvariantCulture)} is not in its row");
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void Maring2024RatesAreTheFrameRateTimesTheProductOfChannelClicks(int photons)
    {
        // Independent arithmetic: with the chip set to the identity each open channel's photon reaches its own detector and
        // the channels click independently, each with c = p1·t + p2·(1 − (1 − t)²) for the photon numbers p1, p2 at the
        // collection lens and the transmission t after it (0.08/0.55); the shut channel never clicks. Frames come at f/6.
        var e = DemultiplexedExperiments.Maring2024(photons);
        var source = SourceResult(e.Source);
        double p1 = (double)source["p1"]!, p2 = (double)source["p2"]!;
        Assert.Equal((double)e.Source.SettingsDictionary["brightness"], p1 + p2, 12);
        double frame = e.RepetitionRateMhz * 1e6 / 6;
        Assert.Equal(frame, e.FrameRateHz, 1e-6);
        double expected = frame * Enumerable.Range(0, 6).Select(k =>
        {
            double t = e.ChannelTransmission(k);
            return p1 * t + p2 * (1 - (1 - t) * (1 - t));
        }).Where(c => c > 0).Aggregate(1.0, (a, c) => a * c);
        // Tolerance: 1e-9 relative or 1e-13 of the frame rate, the rounding floor of the click probabilities' inclusion–exclusion sum.
        Assert.Equal(expected, NFoldRate(e.Name, photons), Math.Max(expected * 1e-9, frame * 1e-13));
        // At g2 = 0 this is the paper's own arithmetic, (f/6)·(0.08)^N: ~8 % per photon, the source included.
        double paper = frame * Math.Pow(0.08, photons);
        Assert.Equal(paper, Rate(WithSetting(DeviceFiles.Text(e.Name), "g2", "0"), photons), Math.Max(paper * 1e-9, frame * 1e-13));
    }

    [Fact]
    public void Maring2024RatesFallShortByOneSmallPerPhotonFactor()
    {
        // docs/devices.md: from the paper's "~8 %" per photon the five- and six-photon rates are 0.884 and 0.886 of the
        // published 50 Hz and 4 Hz, outside ±5 %. Both ask for the same per-photon factor κ_N = (R_published/R_model)^(1/N),
        // 1.02–1.03 (a total of ~0.082 rather than 0.080, within the paper's "~"): asserted here, so that a change of the
        // model or of the registered values that moves either shows.
        var kappa = new List<double>();
        foreach (var (n, published) in DemultiplexedExperiments.Maring2024PublishedRatesHz.OrderBy(x => x.Key))
        {
            var e = DemultiplexedExperiments.Maring2024(n);
            var c = DeviceFigures.Compare(Statistics(e.Name), [ExpectedFigure.From(e.Figures.Single())]).Single();
            Assert.False(c.Passed, $"{e.Name} is now within tolerance:\n{DeviceFigures.Table([c])}");
            kappa.Add(Math.Pow(published / NFoldRate(e.Name, n), 1.0 / n));
        }
        Assert.All(kappa, k => Assert.InRange(k, 1.0, 1.05));
        Assert.InRange(kappa.Max() / kappa.Min(), 1.0, 1.01);
    }

    [Fact]
    public void AnyChannelEfficienciesGiveTheProductOfChannelClicksPerFrame()
    {
        // Random demultiplexers (2 … 5 channels, efficiencies in [0, 1]), collection and detector efficiencies
        // on the Hummel source (p2 = 0): through the netlist, R_N = (f/N)·∏ B_right·T_k exactly, to 1e-9 relative
        // or 1e-13 of the frame rate absolute (the click probabilities come from an inclusion–exclusion sum
        // over detector subsets, whose rounding floor is of that order; exactly-N probabilities far below it,
        // from channels of ~1e-40 efficiency, come out as 0).
        double b = (double)SourceResult(DemultiplexedExperiments.Hummel2019Source)["brightness_port"]!["right"]!;
        Gen.Select(Gen.Double[0, 1].Array[2, 5], Gen.Double[0.05, 1], Gen.Double[0.05, 1]).Sample((demux, collection, detector) =>
        {
            var e = new DemultiplexedExperiment("random", "r", "d", DemultiplexedExperiments.Hummel2019Source,
                new SourcedValue(collection, "test"), "collection", demux, "test", null, new SourcedValue(detector, "test"), []);
            double[] q = Enumerable.Range(0, demux.Length).Select(k => b * e.ChannelTransmission(k)).ToArray();
            double expected = DemultiplexedSourceRate.NPhotonRateHz(e.RepetitionRateMhz, q);
            double frameHz = e.RepetitionRateMhz * 1e6 / demux.Length;
            Assert.Equal(expected, Rate(e.ToNetlist(), demux.Length), Math.Max(frameHz * 1e-13, expected * 1e-9));
        }, iter: 12, threads: 1);
    }

    [Fact]
    public void OnlyTheExperimentSourceUsesMeasuredFigures()
    {
        Assert.True(DemultiplexedExperiments.Wang2017Source.UsesMeasuredFigures);
        Assert.True(DemultiplexedExperiments.Maring2024Source.UsesMeasuredFigures);
        Assert.False(DemultiplexedExperiments.Hummel2019Source.UsesMeasuredFigures);
        Assert.All(PublishedDevices.All, d => Assert.False(d.UsesMeasuredFigures, d.Name));
    }

    [Fact]
    public void InvalidExperimentsAreRefused()
    {
        var src = DemultiplexedExperiments.Hummel2019Source;
        var ok = new SourcedValue(0.5, "x");
        Assert.Throws<ArgumentException>(() => new DemultiplexedExperiment("x", "r", "d", src, ok, "c", [0.5], "s", null, ok, []));
        Assert.Contains("channel 1", Assert.Throws<ArgumentException>(() => new DemultiplexedExperiment("x", "r", "d", src, ok, "c", [0.5, 1.5], "s", null, ok, [])).Message, StringComparison.Ordinal);
        Assert.Equal("collection", Assert.Throws<ArgumentException>(() => new DemultiplexedExperiment("x", "r", "d", src, new SourcedValue(0, "x"), "c", [0.5, 0.5], "s", null, ok, [])).ParamName);
        Assert.Equal("detectorEfficiency", Assert.Throws<ArgumentException>(() => new DemultiplexedExperiment("x", "r", "d", src, ok, "c", [0.5, 0.5], "s", null, new SourcedValue(double.NaN, "x"), [])).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => DemultiplexedExperiments.Wang2017(6));
        var small = new InterferometerSpec([[1.0, 0.0], [0.0, 1.0]], [[0.0, 0.0], [0.0, 0.0]], "identity", new SourcedValue(1, "x"));
        Assert.Contains("at least 3 modes", Assert.Throws<ArgumentException>(() =>
            new DemultiplexedExperiment("x", "r", "d", src, ok, "c", [0.5, 0.5, 0.5], "s", small, ok, [])).Message, StringComparison.Ordinal);
        var noRate = new PublishedDevice("n", "r", "d", "quantum_dot", 930, "w", [new DeviceSetting("lifetime_ps", 1000.0, "x")], []);
        Assert.Contains("repetition_rate_mhz", Assert.Throws<ArgumentException>(() =>
            new DemultiplexedExperiment("x", "r", "d", noRate, ok, "c", [0.5, 0.5], "s", null, ok, [])).Message, StringComparison.Ordinal);
    }

    private static double Binomial(int n, int k)
    {
        double c = 1;
        for (int i = 1; i <= k; i++) c = c * (n - k + i) / i;
        return c;
    }

    /// <summary>
    /// Probability that indistinguishable photons in <paramref name="inputs"/> plus one distinguishable photon in
    /// <paramref name="extraInput"/> all leave by distinct outputs: Σ_T |Perm(U[T, inputs])|²·Σ_{b∉T} |U_b,extra|².
    /// </summary>
    private static double PairCollisionFreeProbability(InterferometerSpec ifm, int[] inputs, int extraInput)
    {
        double total = 0;
        foreach (var rows in Subsets(ifm.Modes, inputs.Length))
        {
            double outside = 0;
            for (int b = 0; b < ifm.Modes; b++)
                if (!rows.Contains(b)) outside += ifm.UnitaryRe[b][extraInput] * ifm.UnitaryRe[b][extraInput] + ifm.UnitaryIm[b][extraInput] * ifm.UnitaryIm[b][extraInput];
            total += SubsetPermanentSquared(ifm, rows, inputs) * outside;
        }
        return total;
    }

    /// <summary>Σ over N-subsets S of the outputs of |Perm(U[S, 0…N−1])|², U the unscaled unitary.</summary>
    private static double CollisionFreeProbability(InterferometerSpec ifm, int photons, bool distinguishable = false) =>
        CollisionFreeProbability(ifm, Enumerable.Range(0, photons).ToArray(), distinguishable);

    /// <summary>Σ over N-subsets S of the outputs of |Perm(U[S, inputs])|², inputs listing one column per photon (repeats allowed).</summary>
    /// <remarks>With <paramref name="distinguishable"/>: Σ_S Perm(|U[S, inputs]|²) instead.</remarks>
    private static double CollisionFreeProbability(InterferometerSpec ifm, int[] inputs, bool distinguishable = false)
    {
        int m = ifm.Modes, photons = inputs.Length;
        double total = 0;
        foreach (var rows in Subsets(m, photons))
        {
            if (!distinguishable)
            {
                total += SubsetPermanentSquared(ifm, rows, inputs);
                continue;
            }
            var a = new Complex[photons, photons];
            for (int i = 0; i < photons; i++)
                for (int j = 0; j < photons; j++)
                {
                    double re = ifm.UnitaryRe[rows[i]][inputs[j]], im = ifm.UnitaryIm[rows[i]][inputs[j]];
                    a[i, j] = re * re + im * im;
                }
            total += Permanent(a, photons).Real;
        }
        return total;
    }

    private static double SubsetPermanentSquared(InterferometerSpec ifm, int[] rows, int[] inputs)
    {
        int n = inputs.Length;
        var a = new Complex[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) a[i, j] = new Complex(ifm.UnitaryRe[rows[i]][inputs[j]], ifm.UnitaryIm[rows[i]][inputs[j]]);
        double p = Permanent(a, n).Magnitude;
        return p * p;
    }

    private static IEnumerable<int[]> Subsets(int m, int k)
    {
        var idx = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return (int[])idx.Clone();
            int i = k - 1;
            while (i >= 0 && idx[i] == m - k + i) i--;
            if (i < 0) yield break;
            idx[i]++;
            for (int j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
        }
    }

    /// <summary>Perm(A) = Σ_σ ∏_i A[i, σ(i)] by enumerating permutations (n ≤ 5 here).</summary>
    private static Complex Permanent(Complex[,] a, int n)
    {
        var perm = Enumerable.Range(0, n).ToArray();
        Complex sum = Complex.Zero;
        void Recurse(int pos)
        {
            if (pos == n)
            {
                Complex prod = Complex.One;
                for (int i = 0; i < n; i++) prod *= a[i, perm[i]];
                sum += prod;
                return;
            }
            for (int i = pos; i < n; i++)
            {
                (perm[pos], perm[i]) = (perm[i], perm[pos]);
                Recurse(pos + 1);
                (perm[pos], perm[i]) = (perm[i], perm[pos]);
            }
        }
        Recurse(0);
        return sum;
    }
}
