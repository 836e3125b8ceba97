using System.Numerics;
using CsCheck;
using PhotonicKit.Circuit.Quantum;
using static PhotonicKit.Tests.Quantum.QuantumTestMath;

namespace PhotonicKit.Tests.Quantum;

/// <summary>
/// Threshold and mixed threshold/pnr detectors over the sparse photon statistics (a click is the coarse-graining
/// count ≥ 1 → 1), and dark counts added to the sparse statistics without the dense array: against the dense
/// inclusion–exclusion path (2^D permanents and a Möbius transform per configuration), against occupancy
/// combinatorics written here, and against invariants on setups the dense path refuses.
/// </summary>
public class SparseClickTests
{
    private sealed record Case(Complex[,] Transfer, PhotonNumberSource[] Sources, GramMatrix Overlaps, DetectorModel[] Detectors);

    /// <summary>
    /// Random small cases: 1–3 sources (random p0/p1/p2 with p2 &gt; 0 half the time, either extra-photon model), a Haar
    /// unitary of 2–5 modes made lossy half the time, detectors on some outputs with random efficiencies, each
    /// threshold or pnr (cap 1–3) with at least one threshold; overlaps all ones, uniform or a random Gram matrix;
    /// with dark counts, rates drawn from a few values (equal rates share a class) and some zero.
    /// </summary>
    private static Case RandomCase(int seed, bool darkCounts)
    {
        var rng = new Random(seed);
        int s = 1 + rng.Next(3);
        int m = Math.Max(s, 2) + rng.Next(3);
        var u = HaarUnitary(m, rng);
        if (rng.Next(2) == 0)
            for (int i = 0; i < m; i++)
            {
                double a = Math.Sqrt(0.2 + 0.8 * rng.NextDouble());
                for (int j = 0; j < m; j++) u[i, j] *= a;
            }
        int dCount = Math.Max(1, m - rng.Next(2));
        double[] rates = [0, 3e7, 1e8, 2e8 * rng.NextDouble()];
        var detectors = new DetectorModel[dCount];
        int threshold = rng.Next(dCount);
        for (int d = 0; d < dCount; d++)
        {
            bool pnr = d != threshold && rng.Next(2) == 0;
            detectors[d] = new DetectorModel(d, 0.3 + 0.7 * rng.NextDouble(), pnr ? DetectorResolution.PhotonNumberResolving : DetectorResolution.Threshold,
                maxPhotons: 1 + rng.Next(3), darkCountRateHz: darkCounts ? rates[rng.Next(rates.Length)] : 0, gateNs: 2);
        }
        var sources = new PhotonNumberSource[s];
        for (int k = 0; k < s; k++)
        {
            double p1 = rng.NextDouble(), p2 = rng.Next(2) == 0 ? 0 : 0.3 * rng.NextDouble() * (1 - p1);
            var extra = rng.Next(2) == 0 ? ExtraPhotonModel.Distinguishable : ExtraPhotonModel.Indistinguishable;
            sources[k] = PhotonNumberSource.IntoInput(Math.Max(0, 1 - p1 - p2), p1, p2, k, m, extra);
        }
        GramMatrix overlaps = rng.Next(4) switch
        {
            0 => GramMatrix.Indistinguishable(s),
            1 => GramMatrix.Distinguishable(s),
            2 => GramMatrix.Uniform(s, rng.NextDouble()),
            _ => new GramMatrix(RandomGram(s, 2, rng)),
        };
        return new Case(u, sources, overlaps, detectors);
    }

    private static PhotonNumberExperiment Engine(Case c, bool sparse)
    {
        var engine = new PhotonNumberExperiment(c.Transfer, c.Sources, c.Overlaps, c.Detectors);
        engine.SparsePhotons = sparse;
        return engine;
    }

    private static int[] PatternOf(long index, int[] radices)
    {
        var pattern = new int[radices.Length];
        for (int d = 0; d < radices.Length; d++)
        {
            pattern[d] = (int)(index % radices[d]);
            index /= radices[d];
        }
        return pattern;
    }

    private static string Key(IEnumerable<int> pattern) => string.Join(",", pattern);

    [Fact]
    public void SparseClickStatisticsEqualTheDenseInclusionExclusionPath()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var c = RandomCase(seed, darkCounts: false);
            var sparse = Engine(c, sparse: true);
            var dense = Engine(c, sparse: false);
            Assert.True(sparse.UsesSparseOutcomes);
            Assert.False(dense.UsesSparseOutcomes);
            var radices = c.Detectors.Select(d => d.OutcomeCount).ToArray();
            double[] reference = dense.DirectDistribution();
            // Every outcome, one by one from the sparse statistics and from the dense array.
            var counts = sparse.PhotonCounts();
            for (long i = 0; i < reference.Length; i++)
            {
                var pattern = PatternOf(i, radices);
                Assert.Equal(reference[i], counts.Probability(pattern), 1e-12);
                Assert.Equal(reference[i], sparse.Probability(pattern), 1e-12);
            }
            // Nothing stored outside the reported values (a threshold detector never reports 2).
            counts.ForEachNonzero((_, _, pattern, p) =>
            {
                for (int d = 0; d < pattern.Length; d++) Assert.InRange(pattern[d], 0, radices[d] - 1);
            });
            Assert.Equal(1.0, sparse.ProbabilitySum(), 1e-12);
            var a = sparse.ClickCountDistribution();
            var b = dense.ClickCountDistribution();
            for (int k = 0; k < a.Length; k++) Assert.Equal(b[k], a[k], 1e-12);
            var ma = sparse.Marginals();
            var mb = dense.Marginals();
            for (int d = 0; d < ma.Length; d++)
                for (int v = 0; v < ma[d].Length; v++) Assert.Equal(mb[d][v], ma[d][v], 1e-12);
            // The listed patterns: the same probabilities both ways, sorted by probability.
            var listed = sparse.Patterns().ToList();
            var expected = dense.Patterns().Where(e => e.Probability > 1e-13).ToList();
            var byKey = listed.ToDictionary(e => Key(e.Pattern), e => e.Probability);
            foreach (var (pattern, p) in expected) Assert.Equal(p, byKey.GetValueOrDefault(Key(pattern)), 1e-12);
            foreach (var (pattern, p) in listed) Assert.Equal(dense.Probability(pattern), p, 1e-12);
            for (int i = 1; i < listed.Count; i++) Assert.True(listed[i - 1].Probability >= listed[i].Probability);
            // Samples: the cumulative runs in the same (mixed-radix) order, so the same seed draws the same outcomes.
            var sa = sparse.Sample(300, seed);
            var sb = dense.Sample(300, seed);
            for (int q = 0; q < sa.Length; q++) Assert.Equal(sb[q], sa[q]);
        }, iter: 60);
    }

    /// <summary>C(n, k) as a product of exact small ratios.</summary>
    private static double Choose(int n, int k)
    {
        if (k < 0 || k > n) return 0;
        double c = 1;
        for (int i = 1; i <= k; i++) c = c * (n - k + i) / i;
        return Math.Round(c);
    }

    /// <summary>k! S(n, k): surjections of n labelled photons onto k detectors, by inclusion–exclusion.</summary>
    private static double Surjections(int n, int k)
    {
        double total = 0;
        for (int j = 0; j <= k; j++)
            total += (j % 2 == 0 ? 1 : -1) * Choose(k, j) * Math.Pow(k - j, n);
        return total;
    }

    /// <summary>P(k clicks) for n distinguishable photons each landing uniformly on one of D detectors: C(D, k)·k!S(n, k)/Dⁿ.</summary>
    private static double UniformOccupancy(int n, int dCount, int k) =>
        k > n || k > dCount ? 0 : Choose(dCount, k) * Surjections(n, k) / Math.Pow(dCount, n);

    private static PhotonNumberExperiment Splitter(int n, int dCount, GramMatrix overlaps, double darkRateHz = 0, Func<int, double>? rateOf = null)
    {
        var f = Fourier(dCount, normalised: true);
        var sources = Enumerable.Range(0, n).Select(k => PhotonNumberSource.IntoInput(0, 1, 0, k, dCount)).ToArray();
        var detectors = Enumerable.Range(0, dCount).Select(d => new DetectorModel(d, 1, DetectorResolution.Threshold, darkCountRateHz: rateOf?.Invoke(d) ?? darkRateHz, gateNs: 1)).ToArray();
        return new PhotonNumberExperiment(f, sources, overlaps, detectors);
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(4, 7)]
    [InlineData(4, 64)]
    public void DistinguishablePhotonsOnAUniformSplitterFollowOccupancyCombinatorics(int n, int dCount)
    {
        // Every |F[d, k]|² = 1/D: distinguishable photons land independently and uniformly; the number of clicking
        // threshold detectors is the number of occupied boxes.
        var engine = Splitter(n, dCount, GramMatrix.Distinguishable(n));
        var clicks = engine.ClickCountDistribution();
        for (int k = 0; k <= dCount; k++) Assert.Equal(UniformOccupancy(n, dCount, k), clicks[k], 1e-12);
        // One pattern: all k clicks on given detectors, P = k!S(n, k)/Dⁿ; by symmetry each marginal is 1 − (1 − 1/D)ⁿ.
        var pattern = new int[dCount];
        pattern[0] = pattern[dCount - 1] = 1;
        Assert.Equal(Surjections(n, 2) / Math.Pow(dCount, n), engine.Probability(pattern), 1e-12);
        var marginals = engine.Marginals();
        foreach (var m in marginals) Assert.Equal(1 - Math.Pow(1 - 1.0 / dCount, n), m[1], 1e-12);
    }

    [Fact]
    public void IdenticalPhotonsOnABalancedSplitterNeverGiveACoincidence()
    {
        // Hong–Ou–Mandel: both photons leave together, so threshold detectors see one click, never two.
        var bs = BeamSplitter5050();
        var sources = new[] { PhotonNumberSource.IntoInput(0, 1, 0, 0, 2), PhotonNumberSource.IntoInput(0, 1, 0, 1, 2) };
        var detectors = new[] { new DetectorModel(0), new DetectorModel(1) };
        var engine = new PhotonNumberExperiment(bs, sources, GramMatrix.Indistinguishable(2), detectors) { SparsePhotons = true };
        Assert.True(engine.UsesSparseOutcomes);
        Assert.Equal(0, engine.Probability([1, 1]), 1e-15);
        Assert.Equal(0.5, engine.Probability([1, 0]), 1e-14);
        Assert.Equal(0.5, engine.Probability([0, 1]), 1e-14);
        var clicks = engine.ClickCountDistribution();
        Assert.Equal(1.0, clicks[1], 1e-14);
        Assert.Equal(0, clicks[2], 1e-15);
        // Distinguishable photons: half the time one each way.
        var classical = new PhotonNumberExperiment(bs, sources, GramMatrix.Distinguishable(2), detectors) { SparsePhotons = true };
        Assert.Equal(0.5, classical.Probability([1, 1]), 1e-14);
    }

    [Fact]
    public void FourPhotonsIntoSixtyFourThresholdDetectorsRunWhereTheDenseArrayIsRefused()
    {
        var u = HaarUnitary(64, new Random(64));
        var sources = Enumerable.Range(0, 4).Select(k => PhotonNumberSource.IntoInput(0, 1, 0, k, 64)).ToArray();
        var detectors = Enumerable.Range(0, 64).Select(d => new DetectorModel(d, 0.9)).ToArray();
        var engine = new PhotonNumberExperiment(u, sources, GramMatrix.Indistinguishable(4), detectors);
        Assert.True(engine.UsesSparseOutcomes);
        Assert.True(engine.EstimateCost().Operations < ComputationLimits.Default.MaxOperations);
        var clicks = engine.ClickCountDistribution();
        Assert.Equal(1.0, clicks.Sum(), 1e-12);
        Assert.Equal(1.0, engine.ProbabilitySum(), 1e-12);
        for (int k = 5; k <= 64; k++) Assert.Equal(0.0, clicks[k]);
        // Uniform loss 0.9 on a unitary: no click only when every photon is lost.
        Assert.Equal(Math.Pow(0.1, 4), clicks[0], 1e-15);
        // Mean number of clicking detectors two ways: Σ_k k P(k) and Σ_d P(d clicks).
        var marginals = engine.Marginals();
        double mean = Enumerable.Range(0, clicks.Length).Sum(k => k * clicks[k]);
        Assert.Equal(mean, marginals.Sum(m => m[1]), 1e-12);
        foreach (var m in marginals) Assert.Equal(1.0, m[0] + m[1], 1e-12);
        // The top patterns are sorted, and each agrees with the single-pattern path (inclusion–exclusion over its clicks).
        var top = engine.Patterns(20);
        Assert.Equal(20, top.Count);
        for (int i = 1; i < top.Count; i++) Assert.True(top[i - 1].Probability >= top[i].Probability);
        var direct = new PhotonNumberExperiment(u, sources, GramMatrix.Indistinguishable(4), detectors);
        foreach (var (pattern, p) in top.Take(5)) Assert.Equal(p, direct.Probability(pattern), 1e-12);
        // The dense path needs 2^64 permanents per configuration and an array of 2^64 entries.
        var dense = new PhotonNumberExperiment(u, sources, GramMatrix.Indistinguishable(4), detectors) { SparsePhotons = false };
        Assert.Throws<ComputationTooLargeException>(() => dense.Distribution());
    }

    /// <summary>P(report r | photon report s, cap) with Poisson(mean) dark counts: min(s + X, cap) = r.</summary>
    private static double DarkKernel(double mean, int photons, int report, int cap)
    {
        double Poisson(int k) => k < 0 ? 0 : Math.Exp(-mean) * Math.Pow(mean, k) / MathNet.Numerics.SpecialFunctions.Factorial(k);
        if (mean == 0) return Math.Min(photons, cap) == report ? 1 : 0;
        if (report < cap) return Poisson(report - photons);
        if (photons >= cap) return 1;
        double below = 0;
        for (int k = 0; k < cap - photons; k++) below += Poisson(k);
        return 1 - below;
    }

    [Fact]
    public void DarkCountsOnTheSparseStatisticsAgreeWithTheDenseArrayAndAnIndependentConvolution()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var c = RandomCase(seed, darkCounts: true);
            var sparse = Engine(c, sparse: true);
            Assert.Equal(c.Detectors.All(d => d.MeanDarkCounts == 0), sparse.UsesSparseOutcomes);
            var radices = c.Detectors.Select(d => d.OutcomeCount).ToArray();
            // Reference 1: the dense path (photon clicks by inclusion–exclusion, then the engine's dark-count spreading).
            double[] dense = Engine(c, sparse: false).DirectDistribution();
            // Reference 2: the photon statistics convolved here with each detector's dark counts.
            var photons = new List<(int[] Pattern, double P)>();
            sparse.PhotonCounts().ForEachNonzero((_, _, pattern, p) => photons.Add((pattern.ToArray(), p)));
            var convolved = new double[dense.Length];
            var nFold = new double[c.Detectors.Length + 1];
            for (long i = 0; i < dense.Length; i++)
            {
                var report = PatternOf(i, radices);
                foreach (var (s, p) in photons)
                {
                    double q = p;
                    for (int d = 0; d < s.Length && q != 0; d++) q *= DarkKernel(c.Detectors[d].MeanDarkCounts, s[d], report[d], radices[d] - 1);
                    convolved[i] += q;
                }
                nFold[report.Count(v => v > 0)] += convolved[i];
                Assert.Equal(convolved[i], dense[i], 1e-12);
                Assert.Equal(convolved[i], sparse.Probability(report), 1e-12);
            }
            Assert.Equal(1.0, convolved.Sum(), 1e-12);
            var clicks = sparse.ClickCountDistribution();
            for (int k = 0; k < clicks.Length; k++) Assert.Equal(nFold[k], clicks[k], 1e-12);
            Assert.Equal(1.0, clicks.Sum(), 1e-12);
            Assert.Equal(1.0, sparse.ProbabilitySum(), 1e-12);
            var marginals = sparse.Marginals();
            for (int d = 0; d < radices.Length; d++)
                for (int v = 0; v < radices[d]; v++)
                {
                    double expected = 0;
                    for (long i = 0; i < dense.Length; i++)
                        if (PatternOf(i, radices)[d] == v) expected += convolved[i];
                    Assert.Equal(expected, marginals[d][v], 1e-12);
                }
            // The dense array itself (here from the sparse statistics) and its samples.
            var whole = Engine(c, sparse: true);
            ReadOnlySpan<double> array = whole.Distribution();
            for (int i = 0; i < array.Length; i++) Assert.Equal(convolved[i], array[i], 1e-12);
        }, iter: 40);
    }

    [Fact]
    public void DarkCountsOnFortyThresholdDetectorsFollowTheBinomialOfTheSilentOnes()
    {
        // Three distinguishable photons on a uniform 40-way splitter, every detector with p_dark = 1 − e^{−μ}:
        // P(k) = Σ_j P_photon(j clicks) · Binomial(40 − j, p_dark)(k − j), P_photon from occupancy combinatorics.
        const int n = 3, dCount = 40;
        double rate = 2e7, mu = rate * 1e-9, q = -double.ExpM1(-mu);
        var engine = Splitter(n, dCount, GramMatrix.Distinguishable(n), rate);
        Assert.False(engine.UsesSparseOutcomes);
        // The whole outcome space (2^40) is too large for one array, so the full distribution is refused …
        Assert.Throws<ComputationTooLargeException>(() => engine.Distribution());
        // … but the click counts, marginals, single patterns and the sum are exact.
        var clicks = engine.ClickCountDistribution();
        for (int k = 0; k <= dCount; k++)
        {
            double expected = 0;
            for (int j = 1; j <= Math.Min(n, k); j++)
                expected += UniformOccupancy(n, dCount, j) * Choose(dCount - j, k - j) * Math.Pow(q, k - j) * Math.Pow(1 - q, dCount - k);
            Assert.Equal(expected, clicks[k], 1e-13);
            if (expected > 1e-250) Assert.Equal(1.0, clicks[k] / expected, 1e-9);
        }
        Assert.Equal(1.0, clicks.Sum(), 1e-12);
        Assert.Equal(1.0, engine.ProbabilitySum(), 1e-12);
        double photonClick = 1 - Math.Pow(1 - 1.0 / dCount, n);
        foreach (var m in engine.Marginals()) Assert.Equal(1 - (1 - photonClick) * (1 - q), m[1], 1e-14);
    }

    [Fact]
    public void DarkCountsWithDetectorDependentRatesFollowAPoissonBinomialWrittenHere()
    {
        // Three distinguishable photons on a uniform 24-way splitter; detector d has its own dark-count rate. Each
        // photon lands uniformly, so P_photon(exactly the set S clicks) = |S|!S(n, |S|)/Dⁿ, and
        // P(k) = Σ_S P_photon(S) · PB(k − |S|) over the detectors outside S, PB built here detector by detector.
        const int n = 3, dCount = 24;
        double RateOf(int d) => 1e7 * (1 + d % 5) + 3e5 * d;
        var engine = Splitter(n, dCount, GramMatrix.Distinguishable(n), rateOf: RateOf);
        var q = Enumerable.Range(0, dCount).Select(d => -double.ExpM1(-RateOf(d) * 1e-9)).ToArray();
        var expected = new double[dCount + 1];
        foreach (var set in Subsets(dCount, n))
        {
            double pSet = Surjections(n, set.Length) / Math.Pow(dCount, n);
            var pb = new double[dCount + 1];
            pb[0] = 1;
            for (int d = 0; d < dCount; d++)
            {
                if (set.Contains(d)) continue;
                for (int j = dCount; j >= 1; j--) pb[j] = pb[j] * (1 - q[d]) + pb[j - 1] * q[d];
                pb[0] *= 1 - q[d];
            }
            for (int j = 0; j + set.Length <= dCount; j++) expected[set.Length + j] += pSet * pb[j];
        }
        var clicks = engine.ClickCountDistribution();
        for (int k = 0; k <= dCount; k++)
        {
            Assert.Equal(expected[k], clicks[k], 1e-14);
            if (expected[k] > 1e-200) Assert.Equal(1.0, clicks[k] / expected[k], 1e-9);
        }
        // One pattern with dark counts: Σ over photon sets S ⊆ r of P_photon(S) ∏_{r∖S} q ∏_{outside r} (1 − q).
        var report = new int[dCount];
        int[] on = [2, 5, 11, 17];
        foreach (int d in on) report[d] = 1;
        double pattern = 0;
        foreach (var set in Subsets(dCount, n).Where(s => s.All(on.Contains)))
        {
            double w = Surjections(n, set.Length) / Math.Pow(dCount, n);
            for (int d = 0; d < dCount; d++) w *= on.Contains(d) ? (set.Contains(d) ? 1 : q[d]) : 1 - q[d];
            pattern += w;
        }
        Assert.Equal(1.0, engine.Probability(report) / pattern, 1e-12);
    }

    /// <summary>Nonempty subsets of {0 … D−1} with at most <paramref name="most"/> elements.</summary>
    private static IEnumerable<int[]> Subsets(int dCount, int most)
    {
        IEnumerable<int[]> Extend(int[] prefix, int from)
        {
            if (prefix.Length > 0) yield return prefix;
            if (prefix.Length == most) yield break;
            for (int d = from; d < dCount; d++)
                foreach (var s in Extend([.. prefix, d], d + 1)) yield return s;
        }
        return Extend([], 0);
    }

    [Theory]
    [InlineData(1e-9, 1)]
    [InlineData(1e-9, 3)]
    [InlineData(0.3, 2)]
    [InlineData(4.0, 3)]
    [InlineData(4.0, 9)]
    public void PoissonTailsAreAccurateForSmallAndLargeMeans(double mean, int j)
    {
        // Independent: the tail e^{−μ} Σ_{e ≥ j} μ^e/e! summed term by term from e = j (no cancellation).
        double expected = 0, term = Math.Exp(-mean);
        for (int e = 1; e <= j; e++) term *= mean / e;
        for (int e = j; e < j + 400; e++)
        {
            expected += term;
            term *= mean / (e + 1);
        }
        Assert.Equal(1.0, PhotonNumberExperiment.PoissonTail(mean, j) / expected, 1e-10);
    }

    [Fact]
    public void TheMostProbablePatternsWithDarkCountsAreThoseOfTheDenseArray()
    {
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var c = RandomCase(seed, darkCounts: true);
            var threshold = c.Detectors.Select(d => new DetectorModel(d.Output, d.Efficiency, DetectorResolution.Threshold,
                darkCountRateHz: d.DarkCountRateHz + 5e7, gateNs: d.GateNs)).ToArray();
            var engine = new PhotonNumberExperiment(c.Transfer, c.Sources, c.Overlaps, threshold);
            var dense = new PhotonNumberExperiment(c.Transfer, c.Sources, c.Overlaps, threshold).Patterns();
            foreach (int k in new[] { 1, 3, 1 << threshold.Length })
            {
                var top = engine.TopPatternsWithDarkCounts(k);
                Assert.Equal(Math.Min(k, dense.Count), top.Count);
                for (int i = 0; i < top.Count; i++)
                {
                    // The i-th probability is the dense i-th (ties may list other patterns of equal probability).
                    Assert.Equal(dense[i].Probability, top[i].Probability, 1e-13);
                    Assert.Equal(dense.First(e => e.Pattern.SequenceEqual(top[i].Pattern)).Probability, top[i].Probability, 1e-13);
                }
            }
        }, iter: 40);
    }

    [Fact]
    public void TheMostProbablePatternsWithDarkCountsOnFortyDetectorsFollowFromTheirSize()
    {
        // Three distinguishable photons on a uniform 40-way splitter with equal dark counts: P(R) depends on |R| = m
        // only, f(m) = Σ_j C(m, j)·j!S(3, j)/40³ · q^{m−j}(1 − q)^{40−m}. The top patterns are those of the largest f.
        const int n = 3, dCount = 40, k = 60;
        double rate = 2e7, q = -double.ExpM1(-rate * 1e-9);
        var engine = Splitter(n, dCount, GramMatrix.Distinguishable(n), rate);
        double F(int m)
        {
            double sum = 0;
            for (int j = 1; j <= Math.Min(n, m); j++) sum += Choose(m, j) * Surjections(n, j) / Math.Pow(dCount, n) * Math.Pow(q, m - j);
            return sum * Math.Pow(1 - q, dCount - m);
        }
        var expected = Enumerable.Range(0, dCount + 1).SelectMany(m => Enumerable.Repeat(F(m), (int)Math.Min(Choose(dCount, m), k)))
            .OrderByDescending(v => v).Take(k).ToArray();
        var top = engine.Patterns(k);
        Assert.Equal(k, top.Count);
        for (int i = 0; i < k; i++)
        {
            Assert.Equal(1.0, top[i].Probability / expected[i], 1e-12);
            Assert.Equal(1.0, top[i].Probability / F(top[i].Pattern.Count(v => v == 1)), 1e-12);
        }
        // Samples without the array: the click count of many draws follows P(k clicks).
        var samples = engine.Sample(4000, 7);
        var clicks = engine.ClickCountDistribution();
        for (int m = 1; m <= 4; m++)
        {
            double frequency = samples.Count(x => x.Sum() == m) / 4000.0;
            Assert.True(Math.Abs(frequency - clicks[m]) <= 5 * Math.Sqrt(clicks[m] * (1 - clicks[m]) / 4000) + 1e-3, $"{m}: {frequency} vs {clicks[m]}");
        }
    }

    [Fact]
    public void TheMostProbablePatternsWithDarkCountsOnTwelveDetectorsAreThoseOfTheDenseArray()
    {
        // Larger cases than the random small ones: 3 sources into a lossy 12-mode Haar unitary, one threshold detector
        // per output with its own dark-count rate (p_dark from 10⁻⁶ to 0.3), the 40 most probable patterns.
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var rng = new Random(seed);
            const int m = 12;
            var u = HaarUnitary(m, rng);
            for (int i = 0; i < m; i++)
            {
                double scale = Math.Sqrt(0.5 + 0.5 * rng.NextDouble());
                for (int j = 0; j < m; j++) u[i, j] *= scale;
            }
            var sources = Enumerable.Range(0, 3).Select(k => PhotonNumberSource.IntoInput(0.2, 0.7, 0.1, k, m)).ToArray();
            var detectors = Enumerable.Range(0, m).Select(d => new DetectorModel(d, 0.9, darkCountRateHz: Math.Pow(10, 3 + 5.5 * rng.NextDouble()), gateNs: 1)).ToArray();
            var overlaps = GramMatrix.Uniform(3, rng.NextDouble());
            var top = new PhotonNumberExperiment(u, sources, overlaps, detectors).TopPatternsWithDarkCounts(40);
            var dense = new PhotonNumberExperiment(u, sources, overlaps, detectors).Patterns(40);
            Assert.Equal(40, top.Count);
            for (int i = 0; i < 40; i++) Assert.Equal(dense[i].Probability, top[i].Probability, 1e-14);
        }, iter: 12);
    }

    [Fact]
    public void TheMostProbableReportsOfMixedDetectorsWithDarkCountsAreThoseOfTheDenseArray()
    {
        // Threshold and pnr detectors (caps 1–3) with dark counts up to μ = 0.6 per gate: the enumeration over
        // (photon report, dark-count options) against the dense array.
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var c = RandomCase(seed, darkCounts: true);
            var rng = new Random(seed);
            var detectors = c.Detectors.Select(d => new DetectorModel(d.Output, d.Efficiency, d.Resolution, d.MaxPhotons,
                darkCountRateHz: rng.Next(4) == 0 ? 0 : 3e8 * rng.NextDouble(), gateNs: 2)).ToArray();
            var engine = new PhotonNumberExperiment(c.Transfer, c.Sources, c.Overlaps, detectors);
            var dense = new PhotonNumberExperiment(c.Transfer, c.Sources, c.Overlaps, detectors).Patterns();
            foreach (int k in new[] { 1, 4, 20, (int)engine.OutcomeCount })
            {
                var top = engine.TopPatternsWithDarkCounts(k);
                Assert.Equal(Math.Min(k, dense.Count), top.Count);
                for (int i = 0; i < top.Count; i++)
                {
                    Assert.Equal(dense[i].Probability, top[i].Probability, 1e-13);
                    Assert.Equal(dense.First(e => e.Pattern.SequenceEqual(top[i].Pattern)).Probability, top[i].Probability, 1e-13);
                }
            }
        }, iter: 40);
    }
}
