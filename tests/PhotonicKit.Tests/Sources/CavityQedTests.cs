using System.Globalization;
using System.Numerics;
using System.Text.Json;
using PhotonicKit.Components.Sources;
using static PhotonicKit.Tests.Sources.DenseComplex;

namespace PhotonicKit.Tests.Sources;

public class CavityQedTests
{
    /// <summary>
    /// One excitation, no dephasing: the state stays c_e|e,0⟩ + c_c|g,1⟩ (+ the ground state the decays feed), with
    /// d(c_e, c_c)/dt = A(c_e, c_c), A = [[−γ/2, −ig], [−ig, −κ/2 + iΔ]]. The output is one pure photon: g2 = 0, M = 1, its
    /// rate κ|c_c(t)|² (closed-form 2 × 2 exponential here) oscillates at the vacuum Rabi frequency, μ_c = κ∫|c_c|² and
    /// μ_γ = γ∫|c_e|² (integrated here with Gauss–Legendre panels) add up to one photon.
    /// </summary>
    [Fact]
    public void OneExcitationInStrongCouplingIsOnePurePhotonWithVacuumRabiOscillations()
    {
        double g = 0.1, kappa = 0.05, gamma = 0.005, delta = 0.02;
        var p = new CavityQedParameters(g, kappa, gamma, 0, delta);
        var figures = CavityQed.Solve(p);
        var (cavity, emitter) = AmplitudeIntegrals(g, kappa, gamma, delta);
        Assert.Equal(kappa * cavity, figures.CavityPhotons, 1e-10);
        Assert.Equal(gamma * emitter, figures.OtherDecays, 1e-10);
        Assert.Equal(1, figures.CavityPhotons + figures.OtherDecays, 1e-10);
        Assert.Equal(0, figures.G2, 12);
        Assert.Equal(1, figures.Indistinguishability, 1e-10);
        Assert.Equal(1, figures.ExcitationCutoff);

        var times = Enumerable.Range(0, 201).Select(i => i * 1.0).ToArray();
        var rate = CavityQed.OutputRate(p, times);
        for (int i = 0; i < times.Length; i++)
            Assert.Equal(kappa * Amplitudes(g, kappa, gamma, delta, times[i]).Cavity.Magnitude * Amplitudes(g, kappa, gamma, delta, times[i]).Cavity.Magnitude, rate[i], 1e-9);
        // Strong coupling (g > |κ − γ|/4): the rate has several maxima, spaced by about π/√(g² + Δ²/4).
        int maxima = Enumerable.Range(1, rate.Length - 2).Count(i => rate[i] > rate[i - 1] && rate[i] > rate[i + 1]);
        Assert.True(maxima >= 5, $"{maxima} maxima");
    }

    /// <summary>
    /// Weak coupling (κ ≫ g): the emitter decays at Γ = 4g²κ/(κ² + 4Δ²) + γ, a share Γ_P/Γ of it through the mode, and
    /// the output's g2 and M become the driven two-level emitter's (<see cref="ResonantExcitation"/>, a separate solver)
    /// with T1 = 1/Γ. The difference falls as the cavity gets faster (about as Γ/κ).
    /// </summary>
    [Fact]
    public void WeakCouplingReducesToPurcellAndTheTwoLevelEmitter()
    {
        double purcellRate = 0.009, gamma = 0.001, dephasingPerNs = 0.5, fwhm = 5;
        var twoLevel = ResonantExcitation.Solve(1 / (purcellRate + gamma), dephasingPerNs, fwhm);
        double beta = purcellRate / (purcellRate + gamma);
        var errors = new List<double>();
        foreach (double kappa in new[] { 0.5, 5, 50 })
        {
            var p = CavityQedParameters.FromPurcellRate(purcellRate, gamma, kappa, 0.1 * kappa, dephasingPerNs, fwhm);
            var f = CavityQed.Solve(p);
            double error = new[]
            {
                Math.Abs(f.ModeShare - beta) / beta,
                Math.Abs(f.MeanExcitations - twoLevel.MeanPhotonNumber) / twoLevel.MeanPhotonNumber,
                Math.Abs(f.G2 - twoLevel.G2) / twoLevel.G2,
                Math.Abs(f.Indistinguishability - twoLevel.Indistinguishability),
            }.Max();
            errors.Add(error);
            Assert.True(f.TruncationChange <= CavityQed.TruncationTolerance);
        }
        Assert.True(errors[1] < errors[0] / 5 && errors[2] < errors[1] / 5, string.Join(", ", errors));
        Assert.True(errors[2] < 2e-3, string.Join(", ", errors));
    }

    /// <summary>
    /// Intermediate coupling with a pulse, dephasing and detuning, against a brute-force calculation written here
    /// independently: the emitter ⊗ Fock space (3 photons) with Kronecker operators, RK4 on a fixed grid, and the quantum
    /// regression theorem propagated from every grid time (Simpson in both times).
    /// </summary>
    [Fact]
    public void PulsedIntermediateCouplingMatchesBruteForceRegression()
    {
        var p = new CavityQedParameters(0.03, 0.1, 0.002, 1.0, 0.01, 10);
        var f = CavityQed.Solve(p);
        var reference = BruteForce(p, photons: 3, stepPs: 2.0, spanPs: 600);
        Assert.Equal(reference.CavityPhotons, f.CavityPhotons, 2e-5);
        Assert.Equal(reference.G2, f.G2, 2e-4 * reference.G2 + 1e-7);
        Assert.Equal(reference.Indistinguishability, f.Indistinguishability, 2e-5);
        Assert.True(f.G2 > 1e-3, "the pulse re-excites");
        Assert.True(f.Indistinguishability < 0.97, "dephasing lowers M");
    }

    /// <summary>
    /// Against QuTiP 4.7 (Sources/Data/cavity-qed-qutip.json, written by benchmarks/qutip/cavity_qed.py): mesolve with the
    /// time-dependent Hamiltonian, the quantum regression theorem from every grid time and Simpson on graded grids,
    /// weak to strong coupling, with and without a pulse, dephasing and detuning. Halving every step, two more photons
    /// and a 100× tighter ODE tolerance change the reference figures by at most a few 10⁻⁹ relative (the file records
    /// each change), so 10⁻⁶ relative leaves a wide margin and still catches any convention (κ, the 2γ* dissipator,
    /// the pulse's area and centre, the full-plane integrals).
    /// </summary>
    [Fact]
    public void CavityQedMatchesQutipReference()
    {
        const double relative = 1e-6;
        using var json = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("tests", "PhotonicKit.Tests", "Sources", "Data", "cavity-qed-qutip.json")));
        var failures = new List<string>();
        int count = 0;
        foreach (var set in json.RootElement.GetProperty("sets").EnumerateArray())
        {
            double Get(string name) => set.GetProperty(name).GetDouble();
            var fwhm = set.GetProperty("fwhm");
            var p = new CavityQedParameters(Get("g"), Get("kappa"), Get("gamma"), Get("dephasing_per_ns"), Get("detuning"),
                fwhm.ValueKind == JsonValueKind.Null ? null : fwhm.GetDouble());
            var f = CavityQed.Solve(p);
            foreach (var (name, value) in new[]
            {
                ("cavity_photons", f.CavityPhotons), ("other_decays", f.OtherDecays), ("g2", f.G2), ("indistinguishability", f.Indistinguishability),
            })
            {
                double reference = Get(name);
                // Without a pulse there is one excitation and g2 is zero in both (QuTiP's is exactly 0).
                double allowed = reference == 0 ? 1e-12 : relative * Math.Abs(reference);
                if (!(Math.Abs(value - reference) <= allowed))
                    failures.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{set.GetProperty("name").GetString()} {name}: PhotonicKit {value:R}, QuTiP {reference:R} (relative {(value - reference) / reference:E2})"));
            }
            count++;
        }
        Assert.True(count >= 6, $"{count} reference sets");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The excitation cutoff is checked: the figures with one more excitation kept differ by less than 10⁻⁹.</summary>
    [Fact]
    public void ExcitationCutoffIsConverged()
    {
        var p = new CavityQedParameters(0.05, 0.2, 0.002, 0.3, 0, 2);
        var f = CavityQed.Solve(p);
        Assert.True(f.ExcitationCutoff >= 3);
        Assert.True(f.TruncationChange <= CavityQed.TruncationTolerance, $"{f.TruncationChange}");
        var more = CavityQed.SolveWithCutoff(p, f.ExcitationCutoff + 1);
        Assert.Equal(more.CavityPhotons, f.CavityPhotons, 1e-9);
        Assert.Equal(more.G2, f.G2, 1e-8);
        Assert.Equal(more.Indistinguishability, f.Indistinguishability, 1e-9);
    }

    /// <summary>
    /// A micropillar far outside weak coupling (Q = 3·10⁴, V = 1 (λ/n)³, 1 ns bulk lifetime) under a resonant π pulse,
    /// through <c>photonickit run</c>: <c>source</c> reports the cavity output's figures from the master equation for the
    /// same g, κ and γ (brightness P(≥1) = μ_c − g2μ_c²/2 with the extraction, g2, and M_s whose HOM visibility is the
    /// output's M − g2), and <c>hom</c> of two such pulses on a balanced splitter gives that visibility.
    /// </summary>
    [Fact]
    public void AStrongCouplingMicropillarRunsThroughTheAnalysesWithTheMasterEquationsFigures()
    {
        var run = PhotonicKit.Tests.Analyses.RunHelper.Run("""
            photonickit: 1
            wavelength_nm: 930
            instances:
              pa: {component: cavity_source, settings: {bulk_lifetime_ps: 1000, q_factor: 30000, mode_volume_cubic_lambda_over_n: 1, extraction_efficiency: 0.8, excitation: resonant, pulse_fwhm_ps: 1.5, pure_dephasing_per_ns: 0.3}}
              pb: {component: cavity_source, settings: {bulk_lifetime_ps: 1000, q_factor: 30000, mode_volume_cubic_lambda_over_n: 1, extraction_efficiency: 0.8, excitation: resonant, pulse_fwhm_ps: 1.5, pure_dephasing_per_ns: 0.3}}
              bs: {component: beam_splitter, settings: {coupling: 0.5}}
              d0: {component: detector}
              d1: {component: detector}
            connections:
              "pa,out": "bs,in0"
              "pb,out": "bs,in1"
              "bs,out0": "d0,in"
              "bs,out1": "d1,in"
            analyses:
              - {type: source, source: pa}
              - {type: hom, sources: [pa, pb], detectors: [d0, d1]}
            """);
        double kappa = EmitterCoupling.CavityLinewidthRadPerPs(930, 30000);
        double purcell = EmitterCoupling.CavityPurcellFactor(30000, 1, 930, 930, 1);
        var parameters = CavityQedParameters.FromPurcellRate(purcell / 1000, 1.0 / 1000, kappa, 0, 0.3, 1.5);
        var solved = CavityQed.Solve(parameters);
        Assert.True(parameters.CouplingRadPerPs > kappa / 4, "strong coupling");
        var source = run.Document["results"]![0]!;
        Assert.Equal(solved.G2, (double)source["g2"]!, 1e-12);
        double brightness = PhotonNumberDistribution.FromBrightnessAndG2(solved.OutputBrightness, solved.G2).AfterLoss(0.8).AtLeastOne;
        Assert.Equal(brightness, (double)source["brightness"]!, 1e-12);
        Assert.Equal(solved.Indistinguishability - solved.G2, (double)source["hom_visibility"]!, 1e-9);
        Assert.Equal(solved.Indistinguishability - solved.G2, (double)run.Document["results"]![1]!["visibility"]!, 1e-6);
        Assert.Contains(run.Warnings, w => w.Key.EndsWith("q_factor", StringComparison.Ordinal) && w.Message.Contains("cavity-QED master equation", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(-1.0, 0.1, 0.0, 0.0, "coupling")]
    [InlineData(0.1, 0.0, 0.0, 0.0, "cavity decay")]
    [InlineData(0.1, 0.1, -1.0, 0.0, "other decay")]
    [InlineData(0.1, 0.1, 0.0, double.NaN, "pure dephasing")]
    public void BadParametersAreRefusedNamingTheValue(double g, double kappa, double gamma, double dephasing, string named)
    {
        var e = Assert.Throws<ArgumentException>(() => CavityQed.Solve(new CavityQedParameters(g, kappa, gamma, dephasing)));
        Assert.Contains(named, e.Message);
    }

    // ------------------------------------------------------------------ independent references

    private static (Complex Emitter, Complex Cavity) Amplitudes(double g, double kappa, double gamma, double delta, double t)
    {
        // e^{At}(1, 0) with e^{At} = e^{mt}[cosh(qt) I + sinh(qt)/q (A − mI)], m = tr A/2, q² = ((a − d)/2)² + bc.
        Complex a = -gamma / 2, b = new(0, -g), c = new(0, -g), d = new(-kappa / 2, delta);
        Complex m = (a + d) / 2, q = Complex.Sqrt((a - d) * (a - d) / 4 + b * c);
        Complex ch = Complex.Cosh(q * t), sh = q == Complex.Zero ? t : Complex.Sinh(q * t) / q;
        Complex em = Complex.Exp(m * t);
        return (em * (ch + sh * (a - m)), em * sh * c);
    }

    private static (double Cavity, double Emitter) AmplitudeIntegrals(double g, double kappa, double gamma, double delta)
    {
        // 8-point Gauss–Legendre on 1 ps panels up to where e^{−(κ+γ)t/2·…} is negligible.
        double[] x = [-0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498, 0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363];
        double[] w = [0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620, 0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];
        double cavity = 0, emitter = 0;
        for (int panel = 0; panel < 3000; panel++)
            for (int k = 0; k < 8; k++)
            {
                double t = panel + 0.5 * (x[k] + 1);
                var (e, cav) = Amplitudes(g, kappa, gamma, delta, t);
                cavity += 0.5 * w[k] * (cav.Real * cav.Real + cav.Imaginary * cav.Imaginary);
                emitter += 0.5 * w[k] * (e.Real * e.Real + e.Imaginary * e.Imaginary);
            }
        return (cavity, emitter);
    }

    private sealed record Reference(double CavityPhotons, double G2, double Indistinguishability);

    /// <summary>Brute force in the product basis |emitter⟩ ⊗ |n⟩ (index 2n + e), everything on one fixed time grid.</summary>
    private static Reference BruteForce(CavityQedParameters p, int photons, double stepPs, double spanPs)
    {
        int nf = photons + 1, dim = 2 * nf;
        var a = new Complex[dim, dim];
        var s = new Complex[dim, dim];
        for (int n = 0; n < nf; n++)
        {
            if (n > 0)
                for (int e = 0; e < 2; e++) a[2 * (n - 1) + e, 2 * n + e] = Math.Sqrt(n);
            s[2 * n, 2 * n + 1] = 1;
        }
        var ad = Dagger(a);
        var sd = Dagger(s);
        var h0 = Add(Scale(Mul(ad, a), -p.DetuningRadPerPs), Scale(Add(Mul(ad, s), Mul(sd, a)), p.CouplingRadPerPs));
        var hd = Scale(Add(s, sd), 0.5);
        var collapse = new[]
        {
            Scale(a, Math.Sqrt(p.CavityDecayRadPerPs)),
            Scale(s, Math.Sqrt(p.EmitterDecayRadPerPs)),
            Scale(Mul(sd, s), Math.Sqrt(2e-3 * p.PureDephasingPerNs)),
        };
        double fwhm = p.PulseFwhmPs!.Value;
        double omega0 = Math.PI * Math.Sqrt(2 * Math.Log(2) / Math.PI) / fwhm;
        double Omega(double t) => omega0 * Math.Exp(-2 * Math.Log(2) * t * t / (fwhm * fwhm));
        Complex[,] L(double t, Complex[,] x)
        {
            var h = Add(h0, Scale(hd, Omega(t)));
            var r = Scale(Sub(Mul(h, x), Mul(x, h)), -Complex.ImaginaryOne);
            foreach (var c in collapse)
            {
                var cd = Dagger(c);
                var cdc = Mul(cd, c);
                r = Add(r, Sub(Mul(Mul(c, x), cd), Scale(Add(Mul(cdc, x), Mul(x, cdc)), 0.5)));
            }
            return r;
        }
        Complex[,] Step(double t, Complex[,] x, double hStep)
        {
            // RK4 with four substeps per grid step.
            const int sub = 4;
            double dt = hStep / sub;
            for (int k = 0; k < sub; k++)
            {
                double tk = t + k * dt;
                var k1 = L(tk, x);
                var k2 = L(tk + dt / 2, Add(x, Scale(k1, dt / 2)));
                var k3 = L(tk + dt / 2, Add(x, Scale(k2, dt / 2)));
                var k4 = L(tk + dt, Add(x, Scale(k3, dt)));
                x = Add(x, Scale(Add(Add(k1, Scale(k2, 2)), Add(Scale(k3, 2), k4)), dt / 6));
            }
            return x;
        }
        double start = -6 * fwhm, pulseEnd = 6 * fwhm;
        int steps = (int)Math.Round(spanPs / stepPs);
        if (steps % 2 == 1) steps++;
        var times = Enumerable.Range(0, steps + 1).Select(i => start + i * stepPs).ToArray();
        // After the pulse the generator is constant: one grid step is the superoperator E, built column by column.
        var propagator = new Complex[dim * dim, dim * dim];
        for (int k = 0; k < dim * dim; k++)
        {
            var basis = new Complex[dim, dim];
            basis[k / dim, k % dim] = 1;
            var image = Step(pulseEnd, basis, stepPs);
            for (int r = 0; r < dim * dim; r++) propagator[r, k] = image[r / dim, r % dim];
        }
        Complex[,] Advance(double t, Complex[,] x)
        {
            if (t < pulseEnd) return Step(t, x, stepPs);
            var r = new Complex[dim, dim];
            for (int i = 0; i < dim * dim; i++)
            {
                Complex sum = 0;
                for (int k = 0; k < dim * dim; k++) sum += propagator[i, k] * x[k / dim, k % dim];
                r[i / dim, i % dim] = sum;
            }
            return r;
        }
        var rho = new Complex[dim, dim];
        rho[0, 0] = 1;
        var rhos = new Complex[times.Length][,];
        rhos[0] = rho;
        for (int i = 1; i < times.Length; i++) rhos[i] = Advance(times[i - 1], rhos[i - 1]);
        var adA = Mul(ad, a);
        double[] simpson = Enumerable.Range(0, times.Length).Select(i => i == 0 || i == times.Length - 1 ? 1.0 : i % 2 == 1 ? 4.0 : 2.0).Select(w => w * stepPs / 3).ToArray();
        double population = 0;
        for (int i = 0; i < times.Length; i++) population += simpson[i] * Trace(Mul(adA, rhos[i])).Real;
        // Full (t, s) grid: G(t, s) for s ≥ t from regression, mirrored for s < t.
        double g2 = 0, g1 = 0;
        for (int i = 0; i < times.Length; i++)
        {
            var x = Mul(a, rhos[i]);
            var y = Mul(x, ad);
            for (int j = i; j < times.Length; j++)
            {
                if (j > i)
                {
                    x = Advance(times[j - 1], x);
                    y = Advance(times[j - 1], y);
                }
                double weight = simpson[i] * simpson[j] * (j == i ? 1 : 2);
                var first = Trace(Mul(ad, x));
                g1 += weight * (first.Real * first.Real + first.Imaginary * first.Imaginary);
                g2 += weight * Trace(Mul(adA, y)).Real;
            }
        }
        double kappa = p.CavityDecayRadPerPs, mu = kappa * population;
        return new Reference(mu, kappa * kappa * g2 / (mu * mu), kappa * kappa * g1 / (mu * mu));
    }
}
