using System.Numerics;
using CsCheck;
using PhotonicKit.Circuit.Quantum;
using static PhotonicKit.Tests.Quantum.QuantumTestMath;

namespace PhotonicKit.Tests.Quantum;

public class MultiPhotonInterferenceTests
{
    private static Complex[,] TwoPhotonGram(Complex overlap) => new Complex[,] { { 1, overlap }, { Complex.Conjugate(overlap), 1 } };

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(0.8, 0.3)]
    [InlineData(0.5, -2.0)]
    public void HongOuMandelCoincidenceIsHalfOfOneMinusOverlapSquared(double magnitude, double phase)
    {
        Complex overlap = Complex.FromPolarCoordinates(magnitude, phase);
        var exp = new MultiPhotonInterference(BeamSplitter5050(), [0, 1], new GramMatrix(TwoPhotonGram(overlap)));
        double expected = (1 - magnitude * magnitude) / 2;
        Assert.Equal(expected, exp.Probability([1, 1]), 1e-14);
        Assert.Equal((1 - expected) / 2, exp.Probability([2, 0]), 1e-14);
        Assert.Equal((1 - expected) / 2, exp.Probability([0, 2]), 1e-14);
        // The coincidence probability is ⟨n0 n1⟩ for two photons; the visibility from moments is |overlap|².
        Assert.Equal(expected, exp.SecondFactorialMoment(0, 1), 1e-14);
        Assert.Equal(1.0, exp.MeanPhotonNumber(0), 1e-14);
        double visibility = 1 - 2 * exp.SecondFactorialMoment(0, 1) / (exp.MeanPhotonNumber(0) * exp.MeanPhotonNumber(1));
        Assert.Equal(magnitude * magnitude, visibility, 1e-13);
    }

    [Fact]
    public void BalancedTritterGivesOneThirdForIndistinguishablePhotons()
    {
        var exp = new MultiPhotonInterference(Fourier(3, true), [0, 1, 2], GramMatrix.Indistinguishable(3));
        Assert.Equal(1.0 / 3, exp.Probability([1, 1, 1]), 1e-14);
        // Distinguishable photons: 3!/27 = 2/9.
        var dist = new MultiPhotonInterference(Fourier(3, true), [0, 1, 2], GramMatrix.Distinguishable(3));
        Assert.Equal(2.0 / 9, dist.Probability([1, 1, 1]), 1e-14);
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(0.7, 0.0)]
    [InlineData(0.25, 1.2)]
    [InlineData(0.2, Math.PI)]
    [InlineData(0.2, -2.5)]
    public void TritterWithCollectivePhaseMatchesTheClosedForm(double m, double phi)
    {
        // Pairwise overlaps √M with a collective (triad) phase φ = arg(G01 G12 G20): the transpositions contribute
        // −M/3 in total and the two 3-cycles (4/9) M^{3/2} cos φ (Menssen et al., PRL 118, 153603 (2017)).
        Complex g = Complex.FromPolarCoordinates(Math.Sqrt(m), phi / 3);
        var gram = new Complex[3, 3];
        for (int i = 0; i < 3; i++) gram[i, i] = 1;
        gram[0, 1] = g; gram[1, 2] = g; gram[2, 0] = g;
        gram[1, 0] = Complex.Conjugate(g); gram[2, 1] = Complex.Conjugate(g); gram[0, 2] = Complex.Conjugate(g);
        var exp = new MultiPhotonInterference(Fourier(3, true), [0, 1, 2], new GramMatrix(gram));
        double expected = 2.0 / 9 - m / 3 + 4.0 / 9 * Math.Pow(m, 1.5) * Math.Cos(phi);
        Assert.Equal(expected, exp.Probability([1, 1, 1]), 1e-13);
    }

    [Fact]
    public void TritterOverlapsWithLargeTriadPhaseAreNotPhysical()
    {
        // The circulant Gram matrix has eigenvalues 1 + 2√M cos(φ/3 + 2πk/3): negative for M = 0.7, φ = 1.2.
        Complex g = Complex.FromPolarCoordinates(Math.Sqrt(0.7), 0.4);
        var gram = new Complex[,] { { 1, g, Complex.Conjugate(g) }, { Complex.Conjugate(g), 1, g }, { g, Complex.Conjugate(g), 1 } };
        double expected = 1 + 2 * Math.Sqrt(0.7) * Math.Cos(0.4 + 2 * Math.PI / 3);
        var ex = Assert.Throws<ArgumentException>(() => new GramMatrix(gram));
        Assert.Contains(expected.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), ex.Message);
    }

    [Fact]
    public void BeamSplitterOnTwoAndThreePhotonsGivesTheBinomialInterferencePattern()
    {
        var exp = new MultiPhotonInterference(BeamSplitter5050(), [0, 0, 1, 1, 1], GramMatrix.Indistinguishable(5));
        Assert.Equal(2.0, exp.InputNormalization / 6, 12); // N_in = 2!·3! = 12
        Assert.Equal(0.3125, exp.Probability([5, 0]), 1e-13);
        Assert.Equal(0.3125, exp.Probability([0, 5]), 1e-13);
        Assert.Equal(0.0625, exp.Probability([4, 1]), 1e-13);
        Assert.Equal(0.125, exp.Probability([3, 2]), 1e-13);
        Assert.Equal(0.125, exp.Probability([2, 3]), 1e-13);
        Assert.Equal(0.0625, exp.Probability([1, 4]), 1e-13);
    }

    [Fact]
    public void ThirtyPercentLossOnTwoPhotonsIsBinomial()
    {
        var exp = new MultiPhotonInterference(new Complex[,] { { Math.Sqrt(0.7) } }, [0, 0], GramMatrix.Indistinguishable(2));
        Assert.Equal(0.49, exp.Probability([2]), 1e-14);
        Assert.Equal(0.42, exp.Probability([1]), 1e-14);
        Assert.Equal(0.09, exp.Probability([0]), 1e-14);
        Assert.Equal(1, exp.LossRank);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    public void FourierSuppressionLawHolds(int n)
    {
        // Tichy et al., PRL 104, 220405 (2010): one photon per input of the n-mode Fourier interferometer;
        // outputs with Σ_k k·s_k mod n ≠ 0 never occur.
        var exp = new MultiPhotonInterference(Fourier(n, true), Enumerable.Range(0, n).ToArray(), GramMatrix.Indistinguishable(n));
        double allowed = 0;
        int suppressed = 0;
        foreach (var (counts, p) in exp.OutputDistribution())
        {
            int moment = 0;
            for (int k = 0; k < n; k++) moment += k * counts[k];
            if (moment % n != 0) { Assert.True(p < 1e-12, $"[{string.Join(",", counts)}] = {p}"); suppressed++; }
            else allowed += p;
        }
        Assert.True(suppressed > 0);
        Assert.Equal(1.0, allowed, 1e-11);
    }

    [Fact]
    public void ProbabilitiesIncludingLossSumToOne()
    {
        // Haar unitaries (QR of Ginibre, phase-fixed), random row losses, random PSD Gram matrices, some photons sharing inputs.
        var gen = Gen.Int[1, 4].SelectMany(n => Gen.Int[2, 5].SelectMany(m => Gen.Int[0, int.MaxValue].Select(seed => (n, m, seed))));
        gen.Sample(t =>
        {
            var (n, m, seed) = t;
            var rng = new Random(seed);
            var u = HaarUnitary(m, rng);
            for (int k = 0; k < m; k++)
            {
                double amplitude = Math.Sqrt(rng.NextDouble());
                for (int j = 0; j < m; j++) u[k, j] *= amplitude;
            }
            var inputs = Enumerable.Range(0, n).Select(_ => rng.Next(m)).ToArray();
            var gram = RandomGram(n, 1 + rng.Next(3), rng);
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (i != j && inputs[i] == inputs[j] && rng.Next(2) == 0) { gram[i, j] = 0; gram[j, i] = 0; }
            GramMatrix g;
            try { g = new GramMatrix(gram); } catch (ArgumentException) { g = GramMatrix.Distinguishable(n); }
            var exp = new MultiPhotonInterference(u, inputs, g);
            double sum = exp.OutputDistribution().Sum(e => e.Probability);
            Assert.Equal(1.0, sum, 1e-10);
        }, iter: 40);
    }

    [Fact]
    public void LossyDistributionAgreesWithBruteForceFirstQuantisedSum()
    {
        var gen = Gen.Int[1, 3].SelectMany(n => Gen.Int[2, 3].SelectMany(m => Gen.Int[0, int.MaxValue].Select(seed => (n, m, seed))));
        gen.Sample(t =>
        {
            var (n, m, seed) = t;
            var rng = new Random(seed);
            var u = HaarUnitary(m, rng);
            for (int k = 0; k < m; k++) { double a = Math.Sqrt(0.2 + 0.8 * rng.NextDouble()); for (int j = 0; j < m; j++) u[k, j] *= a; }
            var inputs = Enumerable.Range(0, n).Select(_ => rng.Next(m)).ToArray();
            var gram = RandomGram(n, 2, rng);
            var exp = new MultiPhotonInterference(u, inputs, new GramMatrix(gram));
            var reference = BruteForceDistribution(u, inputs, gram);
            foreach (var (counts, p) in exp.OutputDistribution())
                Assert.Equal(reference.GetValueOrDefault(string.Join(",", counts)), p, 1e-11);
        }, iter: 30);
    }

    [Fact]
    public void ComplexGramConventionMatchesSecondQuantisedInternalModes()
    {
        // Independent of permanents and of the G index order: photon j is created in spatial input in_j with
        // internal amplitudes v_j over d internal modes; the state ∏_j (Σ_α v_jα a†_{in_j,α})|0⟩ is evolved
        // mode by mode (a†_{i,α} → Σ_k T[k,i] a†_{k,α}), Fock amplitudes are collected, and the spatial pattern
        // probability sums over internal modes. The Gram matrix is G_ij = ⟨v_i|v_j⟩ = Σ_α conj(v_iα) v_jα.
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var rng = new Random(seed);
            int m = 3, d = 2;
            var u = HaarUnitary(m, rng);
            int[] inputs = [0, rng.Next(2), 2];
            int n = inputs.Length;
            var v = new Complex[n, d];
            for (int j = 0; j < n; j++)
            {
                double length2 = 0;
                for (int a = 0; a < d; a++) { v[j, a] = new Complex(Gaussian(rng), Gaussian(rng)); length2 += v[j, a].Magnitude * v[j, a].Magnitude; }
                for (int a = 0; a < d; a++) v[j, a] /= Math.Sqrt(length2);
            }
            var gram = new Complex[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    for (int a = 0; a < d; a++) gram[i, j] += Complex.Conjugate(v[i, a]) * v[j, a];
            var exp = new MultiPhotonInterference(u, inputs, new GramMatrix(gram));

            Dictionary<string, Complex> Evolve(Func<int, int, Complex> transfer, int outputs)
            {
                // Coefficients of normally ordered monomials ∏ a†_{mode}, keyed by the sorted mode list.
                var monomials = new Dictionary<string, Complex>();
                int combos = (int)Math.Pow(d * outputs, n);
                for (int code = 0; code < combos; code++)
                {
                    int rest = code;
                    Complex c = 1;
                    var modes = new int[n];
                    for (int j = 0; j < n; j++)
                    {
                        int mode = rest % (d * outputs); rest /= d * outputs;
                        int k = mode / d, alpha = mode % d;
                        c *= v[j, alpha] * transfer(k, inputs[j]);
                        modes[j] = mode;
                    }
                    Array.Sort(modes);
                    string key = string.Join(",", modes);
                    monomials[key] = monomials.GetValueOrDefault(key) + c;
                }
                return monomials;
            }
            double Weight(string key, Complex c)
            {
                // ∏ a†|0⟩ = √(∏ o!) |o⟩: probability weight |c|² ∏ o!.
                double f = 1;
                foreach (var g in key.Split(',').GroupBy(x => x)) for (int t = 2; t <= g.Count(); t++) f *= t;
                return c.Magnitude * c.Magnitude * f;
            }
            double norm = Evolve((k, i) => k == i ? 1 : 0, m).Sum(e => Weight(e.Key, e.Value));
            var spatial = new Dictionary<string, double>();
            foreach (var (key, c) in Evolve((k, i) => u[k, i], m))
            {
                var counts = new int[m];
                foreach (int mode in key.Split(',').Select(int.Parse)) counts[mode / d]++;
                string s = string.Join(",", counts);
                spatial[s] = spatial.GetValueOrDefault(s) + Weight(key, c) / norm;
            }
            Assert.Equal(norm, exp.InputNormalization, 1e-12);
            foreach (var (counts, p) in exp.OutputDistribution())
                Assert.Equal(spatial.GetValueOrDefault(string.Join(",", counts)), p, 1e-12);
        }, iter: 20);
    }

    [Fact]
    public void BinaryModelEqualsUniformGram()
    {
        var gen = Gen.Int[2, 4].SelectMany(n => Gen.Double[0, 1].SelectMany(m => Gen.Int[0, int.MaxValue].Select(seed => (n, m, seed))));
        gen.Sample(t =>
        {
            var (n, m, seed) = t;
            var rng = new Random(seed);
            var u = HaarUnitary(n + 1, rng);
            for (int j = 0; j < n + 1; j++) u[0, j] *= 0.6; // some loss
            int[] inputs = Enumerable.Range(0, n).ToArray();
            var uniform = new MultiPhotonInterference(u, inputs, GramMatrix.Uniform(n, Math.Sqrt(m)));
            foreach (var (counts, p) in uniform.OutputDistribution())
                Assert.Equal(BinaryDistinguishabilityModel.Probability(u, inputs, m, counts), p, 1e-12);
        }, iter: 15);
    }

    [Fact]
    public void DistinguishableAndIndistinguishableShortcutsAgreeWithTheGeneralSum()
    {
        // Nearly-ones / nearly-identity Gram matrices take the general σ-sum; they must approach the shortcuts.
        var rng = new Random(7);
        var u = HaarUnitary(4, rng);
        int[] inputs = [0, 1, 1, 3];
        var nearOnes = new MultiPhotonInterference(u, inputs, GramMatrix.Uniform(4, 1 - 1e-9));
        var ones = new MultiPhotonInterference(u, inputs, GramMatrix.Indistinguishable(4));
        var nearZero = new MultiPhotonInterference(u, inputs, GramMatrix.Uniform(4, 1e-9));
        var zero = new MultiPhotonInterference(u, inputs, GramMatrix.Distinguishable(4));
        foreach (var (counts, p) in ones.OutputDistribution()) Assert.Equal(p, nearOnes.Probability(counts), 1e-7);
        foreach (var (counts, p) in zero.OutputDistribution()) Assert.Equal(p, nearZero.Probability(counts), 1e-7);
    }

    [Fact]
    public void InvalidGramMatricesAreRejectedWithTheSmallestEigenvalue()
    {
        var ex = Assert.Throws<ArgumentException>(() => GramMatrix.Uniform(3, -0.8));
        Assert.Contains("smallest eigenvalue -0.6", ex.Message);
        Assert.Throws<ArgumentException>(() => new GramMatrix(new Complex[,] { { 1, 0.5 }, { 0.4, 1 } }));
        Assert.Throws<ArgumentException>(() => new GramMatrix(new Complex[,] { { 0.9, 0 }, { 0, 1 } }));
    }

    [Fact]
    public void GainIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new MultiPhotonInterference(new Complex[,] { { 1.1 } }, [0], GramMatrix.Indistinguishable(1)));
    }

    [Fact]
    public void BunchingOfManyPhotonsInOneModeStaysFinite()
    {
        // 30 indistinguishable photons in one lossless mode: N_in = 30! from the all-ones block, the pattern from the single-row form.
        var exp = new MultiPhotonInterference(new Complex[,] { { 1 } }, Enumerable.Repeat(0, 30).ToArray(), GramMatrix.Indistinguishable(30));
        Assert.Equal(1.0, exp.Probability([30]), 1e-12);
    }
}
