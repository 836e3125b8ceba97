using System.Globalization;
using System.Numerics;
using PhotonicKit.Components;
using PhotonicKit.Tests.Analyses;
using PhotonicKit.Tests.Components;
using Xunit;

namespace PhotonicKit.Tests.Photons;

/// <summary>
/// Photon analyses with real photons, through netlists, against independent calculations: complex overlaps of detuned
/// photons on a DFT interferometer, three dephased photons on a tritter (the third cycle trace), and a dephased photon
/// filtered by a ring (double integral of the filtered spectral density on a uniform grid).
/// </summary>
public class PhotonModelTests
{
    private const double LifetimePs = 100, Gamma = 1 / LifetimePs, LambdaNm = 930;

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The wavelength whose angular frequency is ω(λ₀) + δ.</summary>
    private static double Detuned(double deltaRadPerPs) =>
        2 * Math.PI * PhysicalConstants.SpeedOfLightNmPerPs / (PhysicalConstants.AngularFrequencyRadPerPs(LambdaNm) + deltaRadPerPs);

    /// <summary>Three cavity sources with the given settings into a 3 × 3 unitary U (rows out, columns in), a pnr detector on
    /// every output, and one analysis (YAML flow mapping) over them.</summary>
    internal static string ThreeSourceNetlist(Complex[,] u, string[] sourceSettings, string analysis)
    {
        string Row(Func<Complex, double> part, int i) => "[" + string.Join(", ", Enumerable.Range(0, 3).Select(j => F(part(u[i, j])))) + "]";
        return $$$"""
            photonickit: 1
            wavelength_nm: {{{F(LambdaNm)}}}
            instances:
              q0: {component: cavity_source, settings: { {{{sourceSettings[0]}}} }}
              q1: {component: cavity_source, settings: { {{{sourceSettings[1]}}} }}
              q2: {component: cavity_source, settings: { {{{sourceSettings[2]}}} }}
              u: {component: unitary, settings: {matrix_re: [{{{Row(z => z.Real, 0)}}}, {{{Row(z => z.Real, 1)}}}, {{{Row(z => z.Real, 2)}}}], matrix_im: [{{{Row(z => z.Imaginary, 0)}}}, {{{Row(z => z.Imaginary, 1)}}}, {{{Row(z => z.Imaginary, 2)}}}]}}
              d0: {component: detector, settings: {resolution: pnr}}
              d1: {component: detector, settings: {resolution: pnr}}
              d2: {component: detector, settings: {resolution: pnr}}
            connections:
              "q0,out": "u,in0"
              "q1,out": "u,in1"
              "q2,out": "u,in2"
              "u,out0": "d0,in"
              "u,out1": "d1,in"
              "u,out2": "d2,in"
            analyses:
              - {{{analysis}}}
            """;
    }

    /// <summary>Three sources into a 3 × 3 unitary U, one pattern's probability with max_photons 1.</summary>
    private static double ThreeSourcePattern(Complex[,] u, string[] sourceSettings, int[] pattern, string model = "exact") =>
        (double)RunHelper.Result(ThreeSourceNetlist(u, sourceSettings,
            $"{{type: photon_statistics, sources: [q0, q1, q2], detectors: [d0, d1, d2], max_photons: 1, pattern: [{string.Join(", ", pattern)}], distinguishability: {model}}}"))["probability"]!;

    /// <summary>The 3 × 3 discrete Fourier transform (a tritter).</summary>
    internal static Complex[,] Dft3()
    {
        var u = new Complex[3, 3];
        for (int k = 0; k < 3; k++)
            for (int j = 0; j < 3; j++) u[k, j] = Complex.FromPolarCoordinates(1 / Math.Sqrt(3), 2 * Math.PI * k * j / 3);
        return u;
    }

    private static IEnumerable<int[]> Permutations(int n)
    {
        if (n == 1) { yield return [0]; yield break; }
        foreach (var p in Permutations(n - 1))
            for (int i = 0; i < n; i++)
            {
                var q = new List<int>(p);
                q.Insert(i, n - 1);
                yield return [.. q];
            }
    }

    /// <summary>
    /// P(s) = (1/∏s!) Σ_{σ,τ} ∏_l U[k_l, σ(l)] conj U[k_l, τ(l)] · W(σ, τ), with W the internal-state weight of the pair
    /// of assignments (⟨ψ_τ(l)|ψ_σ(l)⟩ products for pure photons; a class function of σ⁻¹τ for identical mixed ones).
    /// </summary>
    internal static double Tichy(Complex[,] u, int[] pattern, Func<int[], int[], Complex> weight)
    {
        int[] rows = pattern.SelectMany((c, k) => Enumerable.Repeat(k, c)).ToArray();
        int n = rows.Length;
        double norm = pattern.Aggregate(1.0, (a, c) => a * Enumerable.Range(1, c).Aggregate(1.0, (x, y) => x * y));
        Complex total = 0;
        foreach (var sigma in Permutations(n))
            foreach (var tau in Permutations(n))
            {
                Complex product = weight(sigma, tau);
                for (int l = 0; l < n; l++) product *= u[rows[l], sigma[l]] * Complex.Conjugate(u[rows[l], tau[l]]);
                total += product;
            }
        return total.Real / norm;
    }

    [Fact]
    public void ThreeDetunedPhotonsOnADftInterferometerInterfereWithTheirComplexOverlaps()
    {
        // Exponential photons detuned by 0, Γ/2, Γ: ⟨ψ_a|ψ_b⟩ = Γ/(Γ + i(δ_b − δ_a)) (Kiraz et al. 2004); the phase of the
        // product around the cycle changes P(2,1,0) and P(0,1,2) apart (a real pairwise model gives them equal, 0.0483).
        double[] delta = [0, Gamma / 2, Gamma];
        var settings = delta.Select(d => $"lifetime_ps: {F(LifetimePs)}, beta: 1, wavelength_nm: {F(Detuned(d))}").ToArray();
        Complex Overlap(int a, int b) => Gamma / new Complex(Gamma, delta[b] - delta[a]);
        var u = Dft3();
        foreach (var pattern in new[] { new[] { 2, 1, 0 }, new[] { 0, 1, 2 }, new[] { 1, 1, 1 }, new[] { 0, 3, 0 } })
        {
            double expected = Tichy(u, pattern, (sigma, tau) =>
            {
                Complex w = 1;
                for (int l = 0; l < sigma.Length; l++) w *= Overlap(tau[l], sigma[l]);
                return w;
            });
            Assert.Equal(expected, ThreeSourcePattern(u, settings, pattern), 1e-9);
        }
        var (p210, p012) = (ThreeSourcePattern(u, settings, [2, 1, 0]), ThreeSourcePattern(u, settings, [0, 1, 2]));
        Assert.Equal(0.0643, Math.Max(p210, p012), 1e-4);
        Assert.Equal(0.0335, Math.Min(p210, p012), 1e-4);
    }

    [Fact]
    public void ThreeDephasedPhotonsOnATritterUseTheThirdCycleTraceNotTheGramModel()
    {
        // Identical photons with γ* = Γ/2: M = 1/2, Tr ρ³ = 2M²/(1 + M) = 1/3 (the Gram/binary model has M^{3/2} = 0.354).
        double m = 0.5, t3 = 2 * m * m / (1 + m);
        var settings = Enumerable.Repeat($"lifetime_ps: {F(LifetimePs)}, beta: 1, pure_dephasing_per_ns: {F(1e3 * Gamma / 2)}", 3).ToArray();
        var u = Dft3();
        double ClassWeight(int[] sigma, int[] tau, double third)
        {
            // Cycle type of σ⁻¹τ on three elements: identity, a transposition or a 3-cycle.
            var inverse = new int[3];
            for (int i = 0; i < 3; i++) inverse[sigma[i]] = i;
            int fixedPoints = Enumerable.Range(0, 3).Count(i => inverse[tau[i]] == i);
            return fixedPoints == 3 ? 1 : fixedPoints == 1 ? m : third;
        }
        double exact = Tichy(u, [1, 1, 1], (s, t) => ClassWeight(s, t, t3));
        double gram = Tichy(u, [1, 1, 1], (s, t) => ClassWeight(s, t, Math.Pow(m, 1.5)));
        double computed = ThreeSourcePattern(u, settings, [1, 1, 1]);
        Assert.Equal(exact, computed, 1e-10);
        // The binary model, chosen explicitly, is the Gram value.
        Assert.Equal(gram, ThreeSourcePattern(u, settings, [1, 1, 1], "binary"), 1e-10);
        Assert.True(Math.Abs(gram - exact) / exact > 0.04, $"the Gram model differs by {Math.Abs(gram - exact) / exact:P1}");
    }

    /// <summary>A cavity source (T1 = 100 ps, β = 1, γ* = 10/ns and <paramref name="extraSettings"/>) through the drop port of a
    /// ring about Γ wide at 930 nm: the efficiency's probability and the figures' indistinguishability at the detector.</summary>
    internal static (double Efficiency, double M) ThroughARingFilter(string extraSettings)
    {
        string yaml = $$$"""
            photonickit: 1
            wavelength_nm: {{{F(LambdaNm)}}}
            instances:
              src: {component: cavity_source, settings: {lifetime_ps: {{{F(LifetimePs)}}}, beta: 1, pure_dephasing_per_ns: 10{{{extraSettings}}}}}
              ring: {component: ring_add_drop, settings: {length_um: 38.75, coupling: 0.0027, n_eff: 2.4, n_g: 4.2}}
              det: {component: detector}
            connections:
              "src,out": "ring,in0"
              "ring,drop": "det,in"
            analyses:
              - {type: efficiency, source: src, detectors: [det]}
              - {type: figures, source: src, detectors: [det]}
            """;
        var run = RunHelper.Run(yaml);
        return ((double)run.Document["results"]![0]!["probability"]!, (double)run.Document["results"]![1]!["indistinguishability"]!);
    }

    [Fact]
    public void ARingFilterRaisesTheIndistinguishabilityOfADephasedPhotonAsTheFilteredSpectralDensityGives()
    {
        // T1 = 100 ps, γ* = Γ (M = 1/3) through the drop port of a ring about Γ wide (coupling 0.0027, FSR 11.6 rad/ps).
        var (efficiency, m) = ThroughARingFilter("");

        // Independent: ρ(ω, ω′) = (Γ/2π)(2W − iΔ)/((Γ − iΔ)(W − iω)(W + iω′)), W = Γ/2 + γ*, filtered by the ring's
        // drop amplitude T(ω), on a uniform grid (the filtered density decays as ω⁻⁴): M = Σ|ρ̃|²h²/(Σρ̃_ii h)².
        double gs = Gamma, w = Gamma / 2 + gs;
        var ring = ComponentTestKit.Bind("ring_add_drop", ("length_um", 38.75), ("coupling", 0.0027), ("n_eff", 2.4), ("n_g", 4.2));
        const int n = 3001;
        double reach = 300 * Gamma, h = 2 * reach / (n - 1);
        var omega = Enumerable.Range(0, n).Select(i => -reach + i * h).ToArray();
        var lambda = omega.Select(x => 2 * Math.PI * PhysicalConstants.SpeedOfLightNmPerPs / (PhysicalConstants.AngularFrequencyRadPerPs(LambdaNm) + x)).ToArray();
        var sweep = ring.Evaluate(lambda);
        var t = Enumerable.Range(0, n).Select(i => sweep[i, "drop", "in0"]).ToArray();
        double trace = 0, purity = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double delta = omega[i] - omega[j];
                Complex rho = Gamma / (2 * Math.PI) * new Complex(2 * w, -delta) / (new Complex(Gamma, -delta) * new Complex(w, -omega[i]) * new Complex(w, omega[j]));
                Complex filtered = t[i] * rho * Complex.Conjugate(t[j]);
                if (i == j) trace += filtered.Real * h;
                purity += (filtered * Complex.Conjugate(filtered)).Real * h * h;
            }
        Assert.Equal(purity / (trace * trace), m, 2e-5);
        Assert.Equal(trace, efficiency, 2e-4);
        // The figures of the report: about 0.25 of the photons pass, with M about 0.72 instead of 1/3.
        Assert.InRange(efficiency, 0.2, 0.3);
        Assert.InRange(m, 0.68, 0.76);
    }

    [Theory]
    [InlineData(0.9, 0.85)]
    [InlineData(0.9, 0.5)]
    [InlineData(1.0, 0.7)]
    public void MeasuredIndistinguishabilityIsTheOverlapAtTheDetectorsWithAndWithoutSideband(double zplFraction, double m)
    {
        // The source's M_s (measured) is the overlap of two of its photons at the detectors of a lossless splitter, whether
        // it lies above (B²)² (the measurement filtered more of the sideband than the model) or below; with g2 = 0,
        // V = M_s (Ollivier et al., PRL 126, 063602 (2021)).
        string settings = $"lifetime_ps: 100, zpl_fraction: {F(zplFraction)}, indistinguishability: {F(m)}";
        string yaml = $$$"""
            photonickit: 1
            wavelength_nm: 930
            instances:
              a: {component: cavity_source, settings: { {{{settings}}} }}
              b: {component: cavity_source, settings: { {{{settings}}} }}
              bs: beam_splitter
              d0: detector
              d1: detector
            connections:
              "a,out": "bs,in0"
              "b,out": "bs,in1"
              "bs,out0": "d0,in"
              "bs,out1": "d1,in"
            analyses:
              - {type: hom, sources: [a, b], detectors: [d0, d1]}
            """;
        var hom = RunHelper.Result(yaml);
        Assert.Equal(m, (double)hom["indistinguishability"]!, 12);
        Assert.Equal(m, (double)hom["visibility"]!, 12);
    }
}
