using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Xunit.Abstractions;
using static PhotonicKit.Tests.Quantum.Reference.FockSpaceReference;
using static PhotonicKit.Tests.Quantum.Reference.RandomQuantumStates;

namespace PhotonicKit.Tests.Quantum.Reference;

/// <summary>
/// The Fock-space oracle against closed forms only: conservation of probability, Hong–Ou–Mandel dips, the balanced
/// tritter, the classical limit, binomial loss, bunched inputs, frequency-dependent routing, the |2,2⟩ splitter.
/// </summary>
public class FockSpaceReferenceTests(ITestOutputHelper output)
{
    private const double Tight = 1e-12;

    private static readonly double InverseRootTwo = 1 / Math.Sqrt(2);

    // A 50:50 splitter with unequal phases on its ports, so no test leans on a real, symmetric matrix.
    private static readonly Complex[,] FiftyFiftySplitter =
    {
        { InverseRootTwo, InverseRootTwo * Complex.FromPolarCoordinates(1, 0.7) },
        { InverseRootTwo * Complex.FromPolarCoordinates(1, -0.3), -InverseRootTwo * Complex.FromPolarCoordinates(1, 0.4) },
    };

    [Fact]
    public void LosslessFrequencyDependentCircuitConservesProbabilityAndPhotonNumber()
    {
        var random = new Random(11);
        const int inputs = 3, internalModes = 2;
        Complex[][,] transfer = [Unitary(inputs, random), Unitary(inputs, random)];
        // full-rank photons spread over every input and internal mode: nothing orthogonal, everything interferes
        Complex[][,] photons = [.. Enumerable.Range(0, 3).Select(_ => Density(inputs * internalModes, random))];

        IReadOnlyDictionary<string, double> distribution = Distribution(transfer, photons);

        Assert.Equal(1.0, distribution.Values.Sum(), Tight);
        Assert.All(distribution.Keys, key => Assert.Equal(3, Counts(key).Sum()));
        Assert.Equal(10, distribution.Count); // C(3 + 3 − 1, 3) patterns of three photons on three detectors
    }

    [Fact]
    public void LossyCircuitProbabilitiesIncludingLossPatternsSumToOneAndMeanCountsAddUp()
    {
        var random = new Random(12);
        const int detectors = 2, inputs = 3, internalModes = 2;
        Complex[][,] transfer = [Contraction(detectors, inputs, 0.95, random), Contraction(detectors, inputs, 0.6, random)];
        Complex[][,] internalStates = [Density(internalModes, random), Density(internalModes, random), Density(internalModes, random)];
        Complex[][,] photons = [.. Enumerable.Range(0, 3).Select(i => PhotonInInput(i, inputs, internalStates[i]))];

        IReadOnlyDictionary<string, double> distribution = Distribution(transfer, photons);

        Assert.Equal(1.0, distribution.Values.Sum(), Tight);
        Assert.True(distribution["0,0"] > 0);
        // Photons in different inputs occupy orthogonal modes, so the mean count is additive:
        // ⟨s_d⟩ = Σ_j Σ_q σ_j[q, q] |T_q[d, i_j]|².
        for (int d = 0; d < detectors; d++)
        {
            double expectedMean = 0;
            for (int j = 0; j < 3; j++)
                for (int q = 0; q < internalModes; q++)
                    expectedMean += internalStates[j][q, q].Real * Math.Pow(transfer[q][d, j].Magnitude, 2);
            double mean = distribution.Sum(entry => Counts(entry.Key)[d] * entry.Value);
            Assert.Equal(expectedMean, mean, Tight);
        }
    }

    [Fact]
    public void HongOuMandelCoincidenceOfPureStatesIsHalfOfOneMinusTheirSquaredOverlap()
    {
        var random = new Random(13);
        const int internalModes = 3;
        Complex[][,] transfer = FlatTransfer(FiftyFiftySplitter, internalModes);
        var pairs = new List<(Complex[] First, Complex[] Second)>();
        for (int trial = 0; trial < 5; trial++)
            pairs.Add((UnitVector(internalModes, random), UnitVector(internalModes, random)));
        Complex[] shared = UnitVector(internalModes, random);
        pairs.Add((shared, [.. shared.Select(a => a * Complex.ImaginaryOne)])); // identical up to a global phase
        pairs.Add(([1, 0, 0], [0, Complex.ImaginaryOne, 0])); // orthogonal

        foreach ((Complex[] first, Complex[] second) in pairs)
        {
            Complex overlap = Enumerable.Range(0, internalModes).Aggregate(Complex.Zero, (sum, q) => sum + Complex.Conjugate(first[q]) * second[q]);
            double overlapSquared = overlap.Magnitude * overlap.Magnitude;
            IReadOnlyDictionary<string, double> distribution =
                Distribution(transfer, [PhotonInInput(0, 2, first), PhotonInInput(1, 2, second)]);

            Assert.Equal((1 - overlapSquared) / 2, distribution["1,1"], Tight);
            Assert.Equal((1 + overlapSquared) / 4, distribution["2,0"], Tight);
            Assert.Equal((1 + overlapSquared) / 4, distribution["0,2"], Tight);
        }
    }

    [Fact]
    public void HongOuMandelCoincidenceOfMixedStatesIsHalfOfOneMinusTraceOfTheirProduct()
    {
        var random = new Random(14);
        const int internalModes = 3;
        Complex[][,] transfer = FlatTransfer(FiftyFiftySplitter, internalModes);
        for (int trial = 0; trial < 4; trial++)
        {
            Complex[,] first = Density(internalModes, random), second = Density(internalModes, random, rank: 2);
            double traceOfProduct = 0;
            for (int q = 0; q < internalModes; q++)
                for (int r = 0; r < internalModes; r++)
                    traceOfProduct += (first[q, r] * second[r, q]).Real;

            double coincidence = Probability(transfer, [PhotonInInput(0, 2, first), PhotonInInput(1, 2, second)], 1, 1);

            Assert.Equal((1 - traceOfProduct) / 2, coincidence, Tight);
        }
    }

    [Fact]
    public void BalancedTritterGivesOneThirdCoincidenceAndSuppressesTwoOneZeroForThreeIndistinguishablePhotons()
    {
        // U = F₃/√3: P(1,1,1) = |Per U|² = 1/3, P(3,0,0) = 3!|∏_i U_0i|² = 2/9 per output, so every (2,1,0)
        // arrangement is suppressed completely.
        var tritter = new Complex[3, 3];
        for (int row = 0; row < 3; row++)
            for (int column = 0; column < 3; column++)
                tritter[row, column] = Complex.FromPolarCoordinates(1 / Math.Sqrt(3), 2 * Math.PI * row * column / 3);
        Complex[] internalState = [new(0.6, 0.0), new(0.0, 0.8)];
        Complex[][,] photons = [.. Enumerable.Range(0, 3).Select(i => PhotonInInput(i, 3, internalState))];

        IReadOnlyDictionary<string, double> distribution = Distribution(FlatTransfer(tritter, 2), photons);

        Assert.Equal(1.0 / 3, distribution["1,1,1"], Tight);
        foreach (string bunched in new[] { "3,0,0", "0,3,0", "0,0,3" })
            Assert.Equal(2.0 / 9, distribution[bunched], Tight);
        foreach (string suppressed in new[] { "2,1,0", "2,0,1", "1,2,0", "0,2,1", "1,0,2", "0,1,2" })
            Assert.Equal(0.0, distribution[suppressed], Tight);
    }

    [Fact]
    public void FullyDistinguishablePhotonsInALossyCircuitFollowTheClassicalMultinomial()
    {
        var random = new Random(15);
        const int detectors = 3, inputs = 3, internalModes = 6;
        Complex[,] circuit = Contraction(detectors, inputs, 0.9, random);
        // Mixed internal states on disjoint pairs of internal modes are mutually orthogonal, whatever the mixing;
        // photons 0 and 1 even share input 0.
        int[] inputOfPhoton = [0, 0, 2];
        var photons = new Complex[3][,];
        for (int j = 0; j < 3; j++)
        {
            Complex[,] pair = Density(2, random);
            var internalState = new Complex[internalModes, internalModes];
            for (int q = 0; q < 2; q++)
                for (int r = 0; r < 2; r++)
                    internalState[2 * j + q, 2 * j + r] = pair[q, r];
            photons[j] = PhotonInInput(inputOfPhoton[j], inputs, internalState);
        }

        // Classically each photon reaches detector d with |T[d, i]|² or is lost with 1 − Σ_d |T[d, i]|².
        var classical = new Dictionary<string, double>();
        for (int outcome = 0; outcome < (detectors + 1) * (detectors + 1) * (detectors + 1); outcome++)
        {
            var counts = new int[detectors];
            double probability = 1;
            int remaining = outcome;
            foreach (int input in inputOfPhoton)
            {
                int destination = remaining % (detectors + 1);
                remaining /= detectors + 1;
                double transmitted = Enumerable.Range(0, detectors).Sum(d => Math.Pow(circuit[d, input].Magnitude, 2));
                if (destination < detectors)
                {
                    counts[destination]++;
                    probability *= Math.Pow(circuit[destination, input].Magnitude, 2);
                }
                else
                {
                    probability *= 1 - transmitted;
                }
            }
            string key = PatternKey(counts);
            classical[key] = classical.GetValueOrDefault(key) + probability;
        }

        AssertSameDistribution(classical, Distribution(FlatTransfer(circuit, internalModes), photons));
    }

    [Fact]
    public void UniformLossOnEveryOutputThinsTheLosslessDistributionBinomially()
    {
        var random = new Random(16);
        const int modes = 3, internalModes = 2;
        const double efficiency = 0.6;
        Complex[][,] lossless = [Unitary(modes, random), Unitary(modes, random)];
        Complex[][,] lossy = [.. lossless.Select(u => Scaled(u, Math.Sqrt(efficiency)))];
        Complex[][,] photons = [.. Enumerable.Range(0, 3).Select(_ => Density(modes * internalModes, random, rank: 3))];

        IReadOnlyDictionary<string, double> before = Distribution(lossless, photons);
        // P_η(s) = Σ_t P(t) ∏_d C(t_d, s_d) η^{s_d} (1 − η)^{t_d − s_d}
        var thinned = new Dictionary<string, double>();
        foreach ((string key, double probability) in before)
        {
            int[] t = Counts(key);
            for (int s0 = 0; s0 <= t[0]; s0++)
                for (int s1 = 0; s1 <= t[1]; s1++)
                    for (int s2 = 0; s2 <= t[2]; s2++)
                    {
                        int[] s = [s0, s1, s2];
                        double survival = probability;
                        for (int d = 0; d < modes; d++)
                            survival *= Binomial(t[d], s[d]) * Math.Pow(efficiency, s[d]) * Math.Pow(1 - efficiency, t[d] - s[d]);
                        string thinnedKey = PatternKey(s);
                        thinned[thinnedKey] = thinned.GetValueOrDefault(thinnedKey) + survival;
                    }
        }

        AssertSameDistribution(thinned, Distribution(lossy, photons));
    }

    [Fact]
    public void TwoPhotonsInOneInputOfA5050SplitterSplitBinomiallyWhateverTheirOverlap()
    {
        // |2,0⟩ = a†²|0⟩/√2 → (b† + c†)²/(2√2)|0⟩: P(2,0) = P(0,2) = 1/4, P(1,1) = 1/2, the same as for two
        // orthogonal (classical) photons. Bunching to 1/2–1/2 needs the photons in different inputs (the HOM test).
        var random = new Random(17);
        Complex[][,] transfer = FlatTransfer(FiftyFiftySplitter, 2);
        Complex[] identical = [new(0.6, 0.0), new(0.0, 0.8)];
        Complex[] orthogonalToIt = [new(0.0, 0.8), new(0.6, 0.0)];
        var secondPhotons = new List<Complex[]> { identical, orthogonalToIt, UnitVector(2, random) };

        foreach (Complex[] second in secondPhotons)
        {
            IReadOnlyDictionary<string, double> distribution =
                Distribution(transfer, [PhotonInInput(0, 2, identical), PhotonInInput(0, 2, second)]);

            Assert.Equal(0.25, distribution["2,0"], Tight);
            Assert.Equal(0.5, distribution["1,1"], Tight);
            Assert.Equal(0.25, distribution["0,2"], Tight);
        }
    }

    [Fact]
    public void TwoPhotonsPerInputOfA5050SplitterGiveThreeEighthsFourZeroAndOneQuarterTwoTwo()
    {
        // (a†b†)² → ((c†)² − (d†)²)²/4 up to phases, so |2,2⟩ → (√24|4,0⟩ − 4|2,2⟩ + √24|0,4⟩)/8:
        // P(4,0) = P(0,4) = 3/8, P(2,2) = 1/4, and (3,1), (1,3) never happen.
        Complex[] internalState = [new(0.6, 0.0), new(0.0, 0.8)];
        Complex[][,] photons =
            [PhotonInInput(0, 2, internalState), PhotonInInput(0, 2, internalState), PhotonInInput(1, 2, internalState), PhotonInInput(1, 2, internalState)];

        IReadOnlyDictionary<string, double> distribution = Distribution(FlatTransfer(FiftyFiftySplitter, 2), photons);

        Assert.Equal(3.0 / 8, distribution["4,0"], Tight);
        Assert.Equal(3.0 / 8, distribution["0,4"], Tight);
        Assert.Equal(1.0 / 4, distribution["2,2"], Tight);
        Assert.Equal(0.0, distribution["3,1"], Tight);
        Assert.Equal(0.0, distribution["1,3"], Tight);
    }

    [Fact]
    public void APhotonSuperposedAcrossInputsIsBosonicallyEnhancedInTheOccupiedInput()
    {
        // a†(a† + b†)/√2 |0⟩ = (√2|2,0⟩ + |1,1⟩)/√2 has norm² 3/2: P(2,0) = 2/3, P(1,1) = 1/3 after an identity.
        Complex[][,] identity = [new Complex[,] { { 1, 0 }, { 0, 1 } }];
        Complex[,] inInputZero = DensityFromPure([1, 0]);
        Complex[,] superposed = DensityFromPure([InverseRootTwo, InverseRootTwo]);
        Assert.Equal(2.0 / 3, Probability(identity, [inInputZero, superposed], 2, 0), Tight);
        Assert.Equal(1.0 / 3, Probability(identity, [inInputZero, superposed], 1, 1), Tight);

        // The same mixed instead of superposed: the components |2,0⟩ (norm² 2) and |1,1⟩ (norm² 1) are weighted
        // by ½·2 and ½·1 over N = 3/2, normalised together rather than each component on its own (which would
        // give 1/2 and 1/2).
        Complex[,] mixed = DensityFromMixture([(0.5, [1, 0]), (0.5, [0, 1])]);
        Assert.Equal(2.0 / 3, Probability(identity, [inInputZero, mixed], 2, 0), Tight);
        Assert.Equal(1.0 / 3, Probability(identity, [inInputZero, mixed], 1, 1), Tight);
    }

    [Fact]
    public void FrequencyDependentRouterSplitsAPhotonByTheWeightsOfItsInternalModes()
    {
        // Internal mode 0 is transmitted (input i → detector i), internal mode 1 reflected (input i → detector 1 − i).
        Complex[][,] router = [new Complex[,] { { 1, 0 }, { 0, 1 } }, new Complex[,] { { 0, 1 }, { 1, 0 } }];
        Complex alpha = Complex.FromPolarCoordinates(Math.Sqrt(0.3), 1.1), beta = Complex.FromPolarCoordinates(Math.Sqrt(0.7), -0.4);
        Complex[,] photon = PhotonInInput(0, 2, [alpha, beta]);

        Assert.Equal(0.3, Probability(router, [photon], 1, 0), Tight);
        Assert.Equal(0.7, Probability(router, [photon], 0, 1), Tight);

        // A second photon in input 1, internal mode 0, is transmitted to detector 1, where the reflected part of
        // the first arrives in the other internal mode: no interference, the classical split survives.
        Complex[,] transmitted = PhotonInInput(1, 2, [1, 0]);
        IReadOnlyDictionary<string, double> distribution = Distribution(router, [photon, transmitted]);
        Assert.Equal(0.3, distribution["1,1"], Tight);
        Assert.Equal(0.7, distribution["0,2"], Tight);
        Assert.Equal(0.0, distribution["2,0"], Tight);
    }

    [Fact]
    public void ThresholdClicksOfALossyHongOuMandelPairFollowFromThinnedCounts()
    {
        var random = new Random(18);
        const double efficiency = 0.7;
        Complex[] first = UnitVector(2, random), second = UnitVector(2, random);
        Complex overlap = Complex.Conjugate(first[0]) * second[0] + Complex.Conjugate(first[1]) * second[1];
        double coincidence = (1 - overlap.Magnitude * overlap.Magnitude) / 2, bunched = (1 - coincidence) / 2;
        Complex[][,] transfer = FlatTransfer(Scaled(FiftyFiftySplitter, Math.Sqrt(efficiency)), 2);
        Complex[][,] photons = [PhotonInInput(0, 2, first), PhotonInInput(1, 2, second)];

        // (1,1) thins to both, one or none; a bunched pair clicks its detector unless both photons are lost.
        double lost = 1 - efficiency;
        Assert.Equal(coincidence * efficiency * efficiency, ClickProbability(transfer, photons, 0, 1), Tight);
        Assert.Equal(coincidence * efficiency * lost + bunched * (1 - lost * lost), ClickProbability(transfer, photons, 0), Tight);
        Assert.Equal(coincidence * efficiency * lost + bunched * (1 - lost * lost), ClickProbability(transfer, photons, 1), Tight);
        Assert.Equal(coincidence * lost * lost + 2 * bunched * lost * lost, ClickProbability(transfer, photons), Tight);
        Assert.Equal(1.0, ClickDistribution(transfer, photons).Values.Sum(), Tight);
    }

    [Fact]
    public void FourFullRankPhotonsInALossyFourModeThreeBinCircuitConserveProbability()
    {
        // The largest case the engine is compared at: n = 4, D = m = 4, K = 3, every photon of rank 12, so
        // 12⁴ component choices in 24 output modes (12 detected, 12 loss).
        var random = new Random(19);
        const int modes = 4, internalModes = 3;
        Complex[][,] transfer = [.. Enumerable.Range(0, internalModes).Select(_ => Contraction(modes, modes, 0.9, random))];
        Complex[][,] photons = [.. Enumerable.Range(0, 4).Select(_ => Density(modes * internalModes, random))];

        var stopwatch = Stopwatch.StartNew();
        IReadOnlyDictionary<string, double> distribution = Distribution(transfer, photons);
        stopwatch.Stop();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"n = 4, D = m = 4, K = 3, full rank, lossy: {stopwatch.Elapsed.TotalSeconds:F2} s, {distribution.Count} patterns."));

        Assert.Equal(1.0, distribution.Values.Sum(), 1e-10);
        Assert.Equal(70, distribution.Count); // C(4 + 4, 4): every Σs ≤ 4 on four detectors
    }

    [Fact]
    public void RefusesMoreThanFourPhotons()
    {
        Complex[,] photon = DensityFromPure([1]);
        var exception = Assert.Throws<ArgumentException>(() =>
            Distribution([new Complex[,] { { 1 } }], [photon, photon, photon, photon, photon]));
        Assert.Contains("at most 4", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesACircuitWithGain()
    {
        Complex[][,] amplifying = [new Complex[,] { { 1, 0 }, { 0, 1 } }, new Complex[,] { { 1.01, 0 }, { 0, 1 } }];
        var exception = Assert.Throws<ArgumentException>(() => Distribution(amplifying, [PhotonInInput(0, 2, [1, 0])]));
        Assert.Contains("transfer[1]", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesMoreThanSixtyFourOutputModes()
    {
        // 8 detectors × 9 internal modes = 72 detected modes even without loss
        var identity = new Complex[8, 8];
        for (int d = 0; d < 8; d++)
            identity[d, d] = 1;
        Complex[,] photon = PhotonInInput(0, 8, DensityFromPure([1, 0, 0, 0, 0, 0, 0, 0, 0]));
        var exception = Assert.Throws<ArgumentException>(() => Distribution(FlatTransfer(identity, 9), [photon]));
        Assert.Contains("72 output modes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesDensityMatricesThatAreNotHermitianUnitTraceAndPositive()
    {
        Complex[][,] transfer = [new Complex[,] { { 1, 0 }, { 0, 1 } }];
        Complex[,] notHermitian = { { 0.5, 0.1 }, { 0.2, 0.5 } };
        Complex[,] notUnitTrace = { { 0.5, 0 }, { 0, 0.6 } };
        Complex[,] notPositive = { { 1.2, 0 }, { 0, -0.2 } };

        Assert.Contains("Hermitian", Assert.Throws<ArgumentException>(() => Distribution(transfer, [notHermitian])).Message, StringComparison.Ordinal);
        Assert.Contains("trace", Assert.Throws<ArgumentException>(() => Distribution(transfer, [notUnitTrace])).Message, StringComparison.Ordinal);
        Assert.Contains("positive", Assert.Throws<ArgumentException>(() => Distribution(transfer, [notPositive])).Message, StringComparison.Ordinal);
    }

    private static int[] Counts(string key) =>
        [.. key.Split(',').Select(count => int.Parse(count, NumberStyles.None, CultureInfo.InvariantCulture))];

    private static double Binomial(int n, int k)
    {
        double value = 1;
        for (int i = 1; i <= k; i++)
            value = value * (n - k + i) / i;
        return value;
    }

    private static void AssertSameDistribution(IReadOnlyDictionary<string, double> expected, IReadOnlyDictionary<string, double> actual)
    {
        foreach (string key in expected.Keys.Union(actual.Keys))
            Assert.True(Math.Abs(expected.GetValueOrDefault(key) - actual.GetValueOrDefault(key)) <= Tight,
                string.Create(CultureInfo.InvariantCulture,
                    $"P({key}): expected {expected.GetValueOrDefault(key):R}, got {actual.GetValueOrDefault(key):R}"));
    }
}
