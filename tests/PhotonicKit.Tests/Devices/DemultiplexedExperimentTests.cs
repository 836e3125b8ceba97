using System.Globalization;
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
        foreach (string s in new[] { e.Collection.Source, e.DemuxSource, e.DetectorEfficiency.Source }.Concat(e.Source.Settings.Select(x => x.Source)))
            Assert.False(string.IsNullOrWhiteSpace(s), $"{name}: a value has no source");
        var lines = DeviceFiles.Text(name).Split('\n');
        foreach (string key in e.Source.Settings.Select(s => s.Key).Append("efficiency").Append("collection"))
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

    /// <summary>The text with the source excited ideally (p1 = preparation 1, p2 = 0): the resonant pulse width removed.</summary>
    private static string IdealExcitation(string text) => string.Join('\n', text.Split('\n')
        .Where(l => !l.TrimStart().StartsWith("pulse_fwhm_ps:", StringComparison.Ordinal))
        .Select(l => l.Replace("excitation: resonant", "excitation: ideal", StringComparison.Ordinal)));

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Wang2017RateIsTheProductFormulaTimesTheCollisionFreeProbability(int photons)
    {
        // Without multi-photon emission (the source excited ideally: p2 = 0) an N-photon sample needs the N
        // photons of a frame on N distinct threshold detectors: R_N = (f/N)·∏η_k·C_N, where
        // C_N = Σ_S |Perm(U[S, 0…N−1])|² over N-subsets S of the 9 outputs (indistinguishable photons, lossless U;
        // the losses are uniform and commute with U). Permanents are computed here by brute force over
        // permutations. The source's M = 0.990 (phonon sideband) moves the rate by a few per cent: ±5 %.
        var e = DemultiplexedExperiments.Wang2017(photons);
        var source = NetlistRunner.Run(IdealExcitation(e.Source.ToNetlist()), "ideal.yaml").Document["results"]![0]!.AsObject();
        Assert.Equal(0, (double)source["p2"]!);
        double b = (double)source["brightness"]!;
        double[] eta = Enumerable.Range(0, photons).Select(k => b * e.ChannelTransmission(k)).ToArray();
        double collisionFree = CollisionFreeProbability(e.Interferometer!, photons);
        Assert.InRange(collisionFree, 0, 1);
        double expected = DemultiplexedSourceRate.NPhotonRateHz(e.RepetitionRateMhz, eta) * collisionFree;
        var run = NetlistRunner.Run(IdealExcitation(DeviceFiles.Text(e.Name)), e.Name + "-ideal.yaml").Document["results"]![0]!;
        double computed = (double)run["n_fold_rate_hz"]![photons.ToString(CultureInfo.InvariantCulture)]!;
        Assert.InRange(computed, expected * 0.95, expected * 1.05);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Wang2017TwoPhotonPulsesStandInForLostPhotons(int photons)
    {
        // With resonant excitation a pulse holds two photons with probability p2. When pulse i of a frame loses
        // its photon (probability 1 − p1·η) and pulse j holds a detected pair, the frame can still give an N-fold
        // coincidence. To first order in p2 the relative excess over the p2 = 0 rate is
        //   (p2/p1²)·(1 − p1·η)·Σ_{i≠j} C'_ij / C_N,
        // where the extra photon of the pair is distinguishable from every other photon (docs/physics.md, the
        // default) and the rest are indistinguishable: C'_ij = Σ_T |Perm(U[T, A_i])|²·Σ_{b∉T} |U_bj|² over
        // (N−1)-subsets T of the outputs, A_i = the inputs without i. This first-order count leaves out the
        // partial distinguishability (M = 0.990) of the other photons, frames in which the pair and all N pulses
        // are detected with one collision, and higher orders; the model comes out 1.25–1.4 times the estimate,
        // so the check is on sign and size: within a factor 2.
        var e = DemultiplexedExperiments.Wang2017(photons);
        var source = SourceResult(e.Source);
        double p1 = (double)source["p1"]!, p2 = (double)source["p2"]!;
        Assert.True(p2 > 0);
        string key = photons.ToString(CultureInfo.InvariantCulture);
        double ideal = (double)NetlistRunner.Run(IdealExcitation(DeviceFiles.Text(e.Name)), "ideal.yaml").Document["results"]![0]!["n_fold_rate_hz"]![key]!;
        double idealBrightness = (double)NetlistRunner.Run(IdealExcitation(e.Source.ToNetlist()), "ideal.yaml").Document["results"]![0]!["brightness"]!;
        // Compare at equal single-photon brightness: the ideal source's p1 differs slightly from the resonant one's.
        double idealAtP1 = ideal * Math.Pow(p1 / idealBrightness, photons);
        double excess = NFoldRate(e.Name, photons) / idealAtP1 - 1;
        double eta = e.ChannelTransmission(0);
        double cN = CollisionFreeProbability(e.Interferometer!, Enumerable.Range(0, photons).ToArray());
        double pairs = 0;
        for (int i = 0; i < photons; i++)
            for (int j = 0; j < photons; j++)
                if (i != j) pairs += PairCollisionFreeProbability(e.Interferometer!, Enumerable.Range(0, photons).Where(k => k != i).ToArray(), j);
        double estimate = p2 / (p1 * p1) * (1 - p1 * eta) * pairs / cN;
        Assert.InRange(excess, 0.5 * estimate, 2 * estimate);
    }

    [Fact]
    public void Wang2017PhotonNumberDependenceComesCloserToThePublishedRatesWithBunching()
    {
        // The per-photon efficiency each published rate implies, η_N = (N·R_N/f)^(1/N) with the bare product
        // formula, falls by ~9 % per added photon (0.058, 0.053, 0.048): the formula misses the collision-free
        // probability of the 9-mode interferometer. Implied through the frame model instead,
        // η_N = η_model·(R_N,published/R_N,model)^(1/N), the spread must shrink to less than half.
        var rates = DemultiplexedExperiments.Wang2017PublishedRatesHz;
        double f = 76e6;
        var plain = rates.Keys.Order().Select(n => Math.Pow(n * rates[n] / f, 1.0 / n)).ToArray();
        var e5 = DemultiplexedExperiments.Wang2017(5);
        double eta = (double)SourceResult(e5.Source)["brightness"]! * e5.ChannelTransmission(0);
        var model = rates.Keys.Order().Select(n => eta * Math.Pow(rates[n] / NFoldRate($"wang2017_boson_sampling_{n}", n), 1.0 / n)).ToArray();
        double Spread(double[] v) => v.Max() / v.Min() - 1;
        Assert.InRange(Spread(plain), 0.15, 0.25);
        Assert.True(Spread(model) < 0.5 * Spread(plain), $"frame-model spread {Spread(model):G3} against plain {Spread(plain):G3}");
    }

    [Fact]
    public void Wang2017RatesWithTheAssumedEfficienciesAreStillOutsideTolerance()
    {
        // docs/devices.md: with the assumed fibre, demultiplexer and detector efficiencies the computed rates are
        // 3–5 times the published ones. When sourced values bring one within ±5 %, this fails: move it to a
        // reproduction test and update the table.
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

    [Fact]
    public void InvalidExperimentsAreRefused()
    {
        var src = DemultiplexedExperiments.Hummel2019Source;
        var ok = new SourcedValue(0.5, "x");
        Assert.Throws<ArgumentException>(() => new DemultiplexedExperiment("x", "r", "d", src, ok, "c", [0.5], "s", null, ok, []));
        Assert.Throws<ArgumentException>(() => new DemultiplexedExperiment("x", "r", "d", src, ok, "c", [0.5, 1.5], "s", null, ok, []));
        Assert.Throws<ArgumentException>(() => new DemultiplexedExperiment("x", "r", "d", src, new SourcedValue(-0.1, "x"), "c", [0.5, 0.5], "s", null, ok, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => DemultiplexedExperiments.Wang2017(6));
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
    private static double CollisionFreeProbability(InterferometerSpec ifm, int photons) =>
        CollisionFreeProbability(ifm, Enumerable.Range(0, photons).ToArray());

    /// <summary>Σ over N-subsets S of the outputs of |Perm(U[S, inputs])|², inputs listing one column per photon (repeats allowed).</summary>
    private static double CollisionFreeProbability(InterferometerSpec ifm, int[] inputs)
    {
        int m = ifm.Modes, photons = inputs.Length;
        double total = 0;
        foreach (var rows in Subsets(m, photons)) total += SubsetPermanentSquared(ifm, rows, inputs);
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
