using System.Numerics;
using CsCheck;
using PhotonicKit.Circuit.Quantum;
using static PhotonicKit.Tests.Quantum.QuantumTestMath;

namespace PhotonicKit.Tests.Quantum;

/// <summary>
/// The count distribution of photon-number-resolving detectors (SLOS per configuration, uniform loss as thinning,
/// loss modes summed out, classical extra photons) against an independent reference: the sum over the sources'
/// photon-number configurations of per-pattern permanent probabilities (<see cref="MultiPhotonInterference"/>),
/// capped and accumulated here.
/// </summary>
public class SparseOutcomesTests
{
    private sealed record Case(Complex[,] Transfer, PhotonNumberSource[] Sources, GramMatrix Overlaps, DetectorModel[] Detectors);

    /// <summary>
    /// Random small cases: 1–3 sources (random p0/p1/p2, extra photon either model), a Haar unitary of 2–5 modes,
    /// detectors on all outputs with one efficiency (uniform loss) or on some outputs with random efficiencies,
    /// overlaps all ones, uniform or a random Gram matrix, caps 1–3.
    /// </summary>
    private static Case RandomCase(int seed, bool darkCounts)
    {
        var rng = new Random(seed);
        int s = 1 + rng.Next(3);
        int m = Math.Max(s, 2) + rng.Next(3);
        var u = HaarUnitary(m, rng);
        bool uniformLoss = rng.Next(2) == 0;
        int dCount = uniformLoss ? m : Math.Max(1, m - rng.Next(2));
        double eta = uniformLoss ? 0.3 + 0.7 * rng.NextDouble() : 0;
        var detectors = new DetectorModel[dCount];
        for (int d = 0; d < dCount; d++)
            detectors[d] = new DetectorModel(d, uniformLoss ? eta : 0.2 + 0.8 * rng.NextDouble(), DetectorResolution.PhotonNumberResolving,
                maxPhotons: 1 + rng.Next(3), darkCountRateHz: darkCounts ? 2e7 * rng.NextDouble() : 0, gateNs: 5);
        var sources = new PhotonNumberSource[s];
        for (int k = 0; k < s; k++)
        {
            double p1 = rng.NextDouble(), p2 = rng.Next(2) == 0 ? 0 : 0.3 * rng.NextDouble() * (1 - p1);
            var extra = rng.Next(2) == 0 ? ExtraPhotonModel.Distinguishable : ExtraPhotonModel.Indistinguishable;
            sources[k] = PhotonNumberSource.IntoInput(Math.Max(0, 1 - p1 - p2), p1, p2, k, m, extra);
        }
        GramMatrix overlaps = rng.Next(3) switch
        {
            0 => GramMatrix.Indistinguishable(s),
            1 => GramMatrix.Uniform(s, rng.NextDouble()),
            _ => new GramMatrix(RandomGram(s, 2, rng)),
        };
        return new Case(u, sources, overlaps, detectors);
    }

    /// <summary>Reference: Σ over configurations of P(config)·P(pattern | config) by permanents, counts capped.</summary>
    private static Dictionary<string, double> Reference(Case c)
    {
        int s = c.Sources.Length, dCount = c.Detectors.Length;
        var result = new Dictionary<string, double>();
        var counts = new int[s];
        for (int code = 0; code < (int)Math.Pow(3, s); code++)
        {
            int rest = code, n = 0;
            double weight = 1;
            for (int k = 0; k < s; k++)
            {
                counts[k] = rest % 3;
                rest /= 3;
                weight *= c.Sources[k].ProbabilityOf(counts[k]);
                n += counts[k];
            }
            if (weight == 0) continue;
            if (n == 0)
            {
                Add(result, new int[dCount], weight);
                continue;
            }
            var owner = new List<int>();
            var extra = new List<bool>();
            for (int k = 0; k < s; k++)
                for (int q = 0; q < counts[k]; q++) { owner.Add(k); extra.Add(q > 0); }
            var columns = new Complex[dCount, n];
            var kMatrix = new Complex[n, n];
            var g = new Complex[n, n];
            for (int i = 0; i < n; i++)
            {
                for (int d = 0; d < dCount; d++)
                    columns[d, i] = Math.Sqrt(c.Detectors[d].Efficiency) * c.Transfer[c.Detectors[d].Output, owner[i]];
                for (int j = 0; j < n; j++)
                {
                    kMatrix[i, j] = owner[i] == owner[j] ? 1 : 0;
                    bool orthogonal = (extra[i] && c.Sources[owner[i]].ExtraPhoton == ExtraPhotonModel.Distinguishable)
                        || (extra[j] && c.Sources[owner[j]].ExtraPhoton == ExtraPhotonModel.Distinguishable);
                    g[i, j] = i == j ? 1 : orthogonal ? 0 : c.Overlaps[owner[i], owner[j]];
                }
            }
            var experiment = new MultiPhotonInterference(columns, new GramMatrix(kMatrix), new GramMatrix(g));
            foreach (var pattern in Patterns(dCount, n))
            {
                double p = experiment.Probability(pattern);
                var capped = pattern.Select((v, d) => Math.Min(v, c.Detectors[d].MaxPhotons)).ToArray();
                Add(result, capped, weight * p);
            }
        }
        return result;
    }

    private static void Add(Dictionary<string, double> map, int[] pattern, double p)
    {
        string key = string.Join(",", pattern);
        map[key] = map.GetValueOrDefault(key) + p;
    }

    /// <summary>Every pattern of at most <paramref name="total"/> counts on <paramref name="d"/> detectors.</summary>
    private static IEnumerable<int[]> Patterns(int d, int total)
    {
        var p = new int[d];
        while (true)
        {
            if (p.Sum() <= total) yield return (int[])p.Clone();
            int k = 0;
            while (k < d && ++p[k] > total) p[k++] = 0;
            if (k == d) yield break;
        }
    }

    [Fact]
    public void CountDistributionAgreesWithPermanentSumsOverConfigurations()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var c = RandomCase(seed, darkCounts: false);
            var engine = new PhotonNumberExperiment(c.Transfer, c.Sources, c.Overlaps, c.Detectors);
            Assert.True(engine.UsesSparseOutcomes);
            var reference = Reference(c);
            var counts = engine.PhotonCounts();
            foreach (var (key, p) in reference)
            {
                var pattern = key.Split(',').Select(int.Parse).ToArray();
                Assert.Equal(p, counts.Probability(pattern), 1e-12);
                Assert.Equal(p, engine.Probability(pattern), 1e-12);
            }
            // Nothing outside the reference's support, and the total is one.
            int stored = 0;
            counts.ForEachNonzero((_, _, pattern, p) =>
            {
                stored++;
                if (!reference.ContainsKey(string.Join(",", pattern.ToArray()))) Assert.True(p < 1e-15, $"unexpected pattern with p = {p}");
            });
            Assert.True(stored <= reference.Count);
            Assert.Equal(1.0, engine.ProbabilitySum(), 1e-12);
        }, iter: 60);
    }

    [Fact]
    public void DarkCountsSpreadTheCountDistributionLikeAnIndependentPoissonConvolution()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var c = RandomCase(seed, darkCounts: true);
            var engine = new PhotonNumberExperiment(c.Transfer, c.Sources, c.Overlaps, c.Detectors);
            Assert.False(engine.UsesSparseOutcomes);
            var light = Reference(c);
            var radices = c.Detectors.Select(d => d.MaxPhotons + 1).ToArray();
            ReadOnlySpan<double> dense = engine.Distribution();
            double sum = 0;
            for (int index = 0; index < dense.Length; index++)
            {
                var report = new int[radices.Length];
                long rest = index;
                for (int d = 0; d < radices.Length; d++) { report[d] = (int)(rest % radices[d]); rest /= radices[d]; }
                double expected = 0;
                foreach (var (key, p) in light)
                {
                    var photons = key.Split(',').Select(int.Parse).ToArray();
                    double q = p;
                    for (int d = 0; d < radices.Length && q != 0; d++)
                        q *= DarkKernel(c.Detectors[d].MeanDarkCounts, photons[d], report[d], c.Detectors[d].MaxPhotons);
                    expected += q;
                }
                Assert.Equal(expected, dense[index], 1e-12);
                sum += dense[index];
            }
            Assert.Equal(1.0, sum, 1e-12);
            Assert.Equal(1.0, engine.ProbabilitySum(), 1e-12);
        }, iter: 25);
    }

    /// <summary>P(report r | c photons) with Poisson(mean) dark counts and the cap: min(c + k, cap) = r.</summary>
    private static double DarkKernel(double mean, int photons, int report, int cap)
    {
        double Poisson(int k) => k < 0 ? 0 : Math.Exp(-mean + k * Math.Log(Math.Max(mean, 1e-300)) - MathNet.Numerics.SpecialFunctions.FactorialLn(k));
        if (mean == 0) return Math.Min(photons, cap) == report ? 1 : 0;
        if (report < cap) return Poisson(report - photons);
        double below = 0;
        for (int k = 0; k < cap - photons; k++) below += Poisson(k);
        return photons >= cap ? 1 : 1 - below;
    }

    [Fact]
    public void MarginalsClickCountsAndTopPatternsFollowFromTheStoredPatterns()
    {
        var c = RandomCase(12345, darkCounts: false);
        var engine = new PhotonNumberExperiment(c.Transfer, c.Sources, c.Overlaps, c.Detectors);
        var all = new List<(int[] Pattern, double P)>();
        engine.PhotonCounts().ForEachNonzero((_, _, pattern, p) => all.Add((pattern.ToArray(), p)));
        var sorted = all.OrderByDescending(e => e.P).ThenBy(e => string.Join(",", e.Pattern.Select(v => v.ToString("D3")))).ToList();
        var top = engine.Patterns(5);
        Assert.Equal(Math.Min(5, sorted.Count), top.Count);
        for (int i = 0; i < top.Count; i++)
        {
            Assert.Equal(sorted[i].Pattern, top[i].Pattern);
            Assert.Equal(sorted[i].P, top[i].Probability);
        }
        var marginals = engine.Marginals();
        var clicks = engine.ClickCountDistribution();
        for (int d = 0; d < c.Detectors.Length; d++)
            for (int v = 0; v < marginals[d].Length; v++)
                Assert.Equal(all.Where(e => e.Pattern[d] == v).Sum(e => e.P), marginals[d][v], 1e-13);
        for (int k = 0; k < clicks.Length; k++)
            Assert.Equal(all.Where(e => e.Pattern.Count(x => x > 0) == k).Sum(e => e.P), clicks[k], 1e-13);
    }

    [Fact]
    public void SamplesFromTheCountDistributionAreReproducibleAndFollowIt()
    {
        var u = HaarUnitary(4, new Random(3));
        var sources = Enumerable.Range(0, 3).Select(k => PhotonNumberSource.IntoInput(0.2, 0.7, 0.1, k, 4)).ToArray();
        var detectors = Enumerable.Range(0, 4).Select(d => new DetectorModel(d, 0.8, DetectorResolution.PhotonNumberResolving, maxPhotons: 2)).ToArray();
        var engine = new PhotonNumberExperiment(u, sources, GramMatrix.Uniform(3, 0.9), detectors);
        const int n = 20000;
        var first = engine.Sample(n, seed: 5);
        Assert.Equal(first.Select(x => string.Join(",", x)), engine.Sample(n, seed: 5).Select(x => string.Join(",", x)));
        CheckFrequencies(engine, first);
    }

    [Fact]
    public void DirectSamplesFollowTheExactDistributionWithLossDistinguishabilityNoiseAndDarkCounts()
    {
        var u = HaarUnitary(4, new Random(9));
        var sources = Enumerable.Range(0, 3).Select(k => PhotonNumberSource.IntoInput(0.1, 0.8, 0.1, k, 4)).ToArray();
        var detectors = Enumerable.Range(0, 3).Select(d => new DetectorModel(d, 0.7 + 0.1 * d, DetectorResolution.PhotonNumberResolving,
            maxPhotons: 2, darkCountRateHz: d == 0 ? 2e7 : 0, gateNs: 5)).ToArray();
        var engine = new PhotonNumberExperiment(u, sources, GramMatrix.Uniform(3, Math.Sqrt(0.8)), detectors);
        Assert.Null(engine.DirectSamplingRestriction());
        const int n = 20000;
        var samples = engine.SampleDirect(n, seed: 11);
        Assert.Equal(samples.Select(x => string.Join(",", x)), engine.SampleDirect(n, seed: 11).Select(x => string.Join(",", x)));
        // Each draw has its own generator: ranges drawn apart (the shards of a run) join into the batch.
        var joined = engine.SampleDirect(0, 7000, 11).Concat(engine.SampleDirect(7000, 1, 11)).Concat(engine.SampleDirect(7001, n - 7001, 11));
        Assert.Equal(samples.Select(x => string.Join(",", x)), joined.Select(x => string.Join(",", x)));
        CheckFrequencies(engine, samples);
    }

    /// <summary>Every pattern of probability above 1 % is drawn with its frequency within 5 standard deviations.</summary>
    private static void CheckFrequencies(PhotonNumberExperiment engine, int[][] samples)
    {
        var frequency = samples.GroupBy(x => string.Join(",", x)).ToDictionary(g => g.Key, g => g.Count());
        int checkedPatterns = 0;
        foreach (var (pattern, p) in engine.Patterns())
        {
            if (p < 0.01) continue;
            double observed = frequency.GetValueOrDefault(string.Join(",", pattern)) / (double)samples.Length;
            Assert.InRange(observed, p - 5 * Math.Sqrt(p * (1 - p) / samples.Length), p + 5 * Math.Sqrt(p * (1 - p) / samples.Length));
            checkedPatterns++;
        }
        Assert.True(checkedPatterns >= 3);
    }

    [Fact]
    public void DirectSamplingRefusesExtraPhotonsInTheMainPhotonsState()
    {
        var sources = new[] { PhotonNumberSource.IntoInput(0.1, 0.8, 0.1, 0, 2, ExtraPhotonModel.Indistinguishable), PhotonNumberSource.IntoInput(0, 1, 0, 1, 2) };
        var engine = new PhotonNumberExperiment(BeamSplitter5050(), sources, GramMatrix.Indistinguishable(2),
            [new DetectorModel(0, resolution: DetectorResolution.PhotonNumberResolving), new DetectorModel(1, resolution: DetectorResolution.PhotonNumberResolving)]);
        Assert.Contains("multiphoton_model", engine.DirectSamplingRestriction());
        Assert.Throws<InvalidOperationException>(() => engine.SampleDirect(1, 0));
    }

    [Fact]
    public void EighteenDeterministicSourcesGiveOneConfigurationAndTheRyserPermanent()
    {
        // More than the former 16-source cap: one configuration, and the all-ones pattern's probability is
        // |perm U[0..n, 0..n]|², here by Ryser's formula (Ryser 1963) written out independently.
        const int n = 18;
        var u = HaarUnitary(n, new Random(21));
        var sources = Enumerable.Range(0, n).Select(k => PhotonNumberSource.IntoInput(0, 1, 0, k, n)).ToArray();
        var detectors = Enumerable.Range(0, n).Select(d => new DetectorModel(d, 1, DetectorResolution.PhotonNumberResolving, maxPhotons: 4)).ToArray();
        var engine = new PhotonNumberExperiment(u, sources, GramMatrix.Indistinguishable(n), detectors);
        Assert.Equal(1, engine.ConfigurationCount);
        var pattern = Enumerable.Repeat(1, n).ToArray();
        Assert.True(engine.EstimatePatternCost(pattern).Operations < 1e8);
        Complex perm = Ryser(u, n);
        double expected = perm.Real * perm.Real + perm.Imaginary * perm.Imaginary;
        Assert.Equal(expected, engine.Probability(pattern), 1e-12 * Math.Max(1, expected) + 1e-20);
        Assert.Equal(1.0, expected / engine.Probability(pattern), 1e-9);
        // The whole distribution of 18 photons on 18 detectors is refused before any work, with the estimate.
        var refused = Assert.Throws<ComputationTooLargeException>(() => engine.PhotonCounts());
        Assert.True(refused.Estimate.Patterns > 1e9);
    }

    private static Complex Ryser(Complex[,] a, int n)
    {
        // perm A = (−1)^n Σ_{S ⊆ columns} (−1)^{|S|} ∏_i Σ_{j ∈ S} a_ij.
        Complex total = 0;
        var rowSums = new Complex[n];
        for (int mask = 1; mask < 1 << n; mask++)
        {
            int gray = mask ^ (mask >> 1), previous = (mask - 1) ^ ((mask - 1) >> 1);
            int bit = System.Numerics.BitOperations.TrailingZeroCount(gray ^ previous);
            bool added = (gray >> bit & 1) != 0;
            for (int i = 0; i < n; i++) rowSums[i] += added ? a[i, bit] : -a[i, bit];
            Complex product = 1;
            for (int i = 0; i < n; i++) product *= rowSums[i];
            total += (System.Numerics.BitOperations.PopCount((uint)gray) % 2 == 0 ? 1 : -1) * product;
        }
        return n % 2 == 0 ? total : -total;
    }

    [Fact]
    public void ResultsAreIdenticalRunToRun()
    {
        var c = RandomCase(777, darkCounts: false);
        var a = new PhotonNumberExperiment(c.Transfer, c.Sources, c.Overlaps, c.Detectors).PhotonCounts();
        var b = new PhotonNumberExperiment(c.Transfer, c.Sources, c.Overlaps, c.Detectors).PhotonCounts();
        var listA = new List<double>();
        var listB = new List<double>();
        a.ForEachNonzero((_, _, _, p) => listA.Add(p));
        b.ForEachNonzero((_, _, _, p) => listB.Add(p));
        Assert.Equal(listA, listB);
    }

    [Fact]
    public void CountsAreBitIdenticalForOneAndSeveralThreads()
    {
        // 6 photons (a two-photon emission, identical or binary-model overlaps) on 14 detectors: SLOS layers of
        // more than one parallel chunk (C(19, 6) = 27 132 states).
        var u = HaarUnitary(14, new Random(8));
        var sources = Enumerable.Range(0, 6).Select(k => PhotonNumberSource.IntoInput(0, k == 0 ? 0.9 : 1, k == 0 ? 0.1 : 0, k, 14)).ToArray();
        var detectors = Enumerable.Range(0, 14).Select(d => new DetectorModel(d, 1, DetectorResolution.PhotonNumberResolving, maxPhotons: 3)).ToArray();
        List<double> Run(int threads, GramMatrix g)
        {
            var engine = new PhotonNumberExperiment(u, sources, g, detectors) { MaxThreads = threads };
            var list = new List<double>();
            engine.PhotonCounts().ForEachNonzero((_, _, _, p) => list.Add(p));
            return list;
        }
        foreach (var g in new[] { GramMatrix.Indistinguishable(6), GramMatrix.Uniform(6, 0.9) })
        {
            var one = Run(1, g);
            Assert.Equal(one, Run(2, g));
            Assert.Equal(1.0, one.Sum(), 1e-12);
        }
    }
}
