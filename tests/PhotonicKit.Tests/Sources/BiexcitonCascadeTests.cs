using System.Numerics;
using PhotonicKit.Components;
using PhotonicKit.Components.Sources;
using static PhotonicKit.Tests.Sources.DenseComplex;

namespace PhotonicKit.Tests.Sources;

public class BiexcitonCascadeTests
{
    /// <summary>
    /// A dot prepared in |XX⟩, one exciton level, no dephasing. Each line has one photon (μ = 1, g2 = 0). The two photons
    /// form one pure two-photon state ∝ ∫∫_{t₁&lt;t₂} e^{−Γ_XX t₁/2} e^{−Γ_X(t₂−t₁)/2} (phases aside) |t₁⟩_XX|t₂⟩_X, entangled in
    /// time; by its Schmidt decomposition the two photons alone have the same purity. For the X photon
    /// G1(t, t + τ) = p_X(t)Γ_X e^{−Γ_Xτ/2}, for the XX photon G1 = Γ_XX e^{−Γ_XX t} e^{−(Γ_X + Γ_XX)τ/2}: both give
    /// M = Tr ρ² = Γ_XX/(Γ_XX + Γ_X) (Simon and Poizat, PRL 94, 030502 (2005)) — not 1 for the XX photon either.
    /// </summary>
    [Theory]
    [InlineData(0.004, 0.008)]
    [InlineData(0.01, 0.1)]
    [InlineData(0.05, 0.02)]
    public void IdealPreparationGivesTheSimonPoizatPurityOnBothLines(double gammaX, double gammaXX)
    {
        var f = BiexcitonCascade.Solve(new BiexcitonCascadeParameters(gammaX, gammaXX, 3.8));
        double purity = gammaXX / (gammaXX + gammaX);
        Assert.Equal(1, f.BiexcitonPreparation);
        foreach (var line in new[] { f.Biexciton, f.Exciton })
        {
            Assert.Equal(1, line.Photons, 1e-10);
            Assert.Equal(1, line.CollectedPhotons, 1e-10);
            Assert.Equal(0, line.G2, 12);
            Assert.Equal(purity, line.Indistinguishability, 1e-10);
        }
    }

    /// <summary>
    /// With pure dephasing 2γ*D[n_X + 2n_XX] and an ideal preparation the coherences that carry G1 decay faster by γ* each:
    /// X photon M = Γ_XX/(Γ_XX + Γ_X) · Γ_X/(Γ_X + 2γ*), XX photon M = Γ_XX/(Γ_XX + Γ_X + 2γ*).
    /// </summary>
    [Fact]
    public void DephasingWithIdealPreparationLowersBothLinesAsTheirCoherencesDecay()
    {
        double gammaX = 0.005, gammaXX = 0.01, dephasingPerNs = 2, gs = 1e-3 * dephasingPerNs;
        var f = BiexcitonCascade.Solve(new BiexcitonCascadeParameters(gammaX, gammaXX, 3.8, 0, dephasingPerNs));
        Assert.Equal(gammaXX / (gammaXX + gammaX) * gammaX / (gammaX + 2 * gs), f.Exciton.Indistinguishability, 1e-10);
        Assert.Equal(gammaXX / (gammaXX + gammaX + 2 * gs), f.Biexciton.Indistinguishability, 1e-10);
        Assert.Equal(0, f.Exciton.G2, 12);
        Assert.Equal(1, f.Exciton.Photons, 1e-10);
    }

    /// <summary>
    /// Fine-structure splitting δ, the dot's axes at θ to the collected polarisation H, an ideal preparation. The XX decay
    /// leaves the excitons in the mixture n_X/2, which the splitting keeps; the H photon's coherence
    /// ⟨X_H|e^{iH_FSSτ}|X_H⟩ = cos(δτ/2) + i cos 2θ sin(δτ/2) beats, and |G1|² carries 1 − sin²2θ sin²(δτ/2): integrated
    /// against the coherence's decay e^{−Rτ}, M = Γ_XX/(Γ_XX + Γ_X)·[1 − ½ sin²2θ δ²/(R² + δ²)] (a Lorentzian in δ of
    /// width R), R = Γ_X for the X photon and Γ_X + Γ_XX for the XX photon; half the photons are H (μ_c = ½), g2 = 0.
    /// </summary>
    [Theory]
    [InlineData(0.03, Math.PI / 4)]
    [InlineData(0.2, Math.PI / 4)]
    [InlineData(0.05, 0.3)]
    public void FineStructureBeatLowersTheHPolarisedPhotonsOverlapAsALorentzian(double delta, double theta)
    {
        double gammaX = 0.05, gammaXX = 0.1;
        var f = BiexcitonCascade.Solve(new BiexcitonCascadeParameters(gammaX, gammaXX, 3.8, delta, 0, null, theta));
        double purity = gammaXX / (gammaXX + gammaX), s2 = Math.Pow(Math.Sin(2 * theta), 2);
        double Expected(double r) => purity * (1 - 0.5 * s2 * delta * delta / (r * r + delta * delta));
        Assert.Equal(Expected(gammaX), f.Exciton.Indistinguishability, 1e-10);
        Assert.Equal(Expected(gammaX + gammaXX), f.Biexciton.Indistinguishability, 1e-10);
        foreach (var line in new[] { f.Biexciton, f.Exciton })
        {
            Assert.Equal(1, line.Photons, 1e-10);
            Assert.Equal(0.5, line.CollectedPhotons, 1e-10);
            Assert.Equal(0, line.G2, 12);
        }
    }

    /// <summary>
    /// A short two-photon π pulse (τ = 3 ps, lifetimes of nanoseconds): the larger E_B is against the pulse's bandwidth
    /// 4 ln2/τ, the less the exciton is populated on the way and the closer the biexciton's preparation comes to 1
    /// (adiabatic elimination of X); when the bandwidth approaches E_B, population is left in X.
    /// </summary>
    [Fact]
    public void ShortPiPulseWithLargeBindingEnergyPreparesTheBiexciton()
    {
        double[] bindings = [1, 3, 10, 30];
        var losses = bindings.Select(eb => 1 - BiexcitonCascade.Solve(new BiexcitonCascadeParameters(1e-4, 2e-4, eb, 0, 0, 3)).BiexcitonPreparation).ToArray();
        for (int i = 1; i < losses.Length; i++) Assert.True(losses[i] < 0.5 * losses[i - 1], string.Join(", ", losses));
        Assert.True(losses[^1] < 0.01, $"{losses[^1]}");
        Assert.True(losses[0] > 0.2, $"{losses[0]}");
    }

    /// <summary>
    /// A pulse whose bandwidth is close to E_B (τ = 2.5 ps, E_B = 1 rad/ps) with dephasing, one exciton level: the
    /// preparation, μ, g2 and M of both lines against a brute force written from the stated equations (RK4 on a fixed
    /// grid, regression from every grid time, Simpson in both times).
    /// </summary>
    [Fact]
    public void PulseNearTheBindingEnergyMatchesBruteForceRegression()
    {
        var p = new BiexcitonCascadeParameters(0.08, 0.16, 1.0, 0, 1.0, 2.5);
        var f = BiexcitonCascade.Solve(p);
        var (xx, x) = BruteForce(p);
        Assert.Equal(xx.Preparation, f.BiexcitonPreparation, 1e-6);
        Assert.True(f.BiexcitonPreparation < 0.8, "the exciton takes population during the pulse");
        Compare(xx, f.Biexciton);
        Compare(x, f.Exciton);
        Assert.True(f.Exciton.Photons > f.Biexciton.Photons + 0.005, "X photons without a biexciton");
    }

    /// <summary>The same against the brute force with a fine-structure splitting, the H photons collected.</summary>
    [Fact]
    public void PulseWithFineStructureMatchesBruteForceRegression()
    {
        var p = new BiexcitonCascadeParameters(0.08, 0.16, 1.5, 0.1, 0, 2.5, 0.5);
        var f = BiexcitonCascade.Solve(p);
        var (xx, x) = BruteForce(p);
        Compare(x, f.Exciton);
        Compare(xx, f.Biexciton);
    }

    /// <summary>
    /// Two dots under two-photon excitation collecting the XX line with a fine-structure splitting, through
    /// <c>photonickit run</c>: <c>source</c> reports the cascade's XX-line figures (η_prep = μ − g2μ²/2, g2, HOM visibility
    /// M − g2) with Γ_X = 1/lifetime_ps, Γ_XX = 1/biexciton_lifetime_ps, E_B and δ converted from meV and µeV, and the
    /// dots' axes at 45°; the photon's lifetime is T1 of XX; <c>hom</c> of the two dots gives the same visibility (the
    /// photon is a pure wavepacket with share √M_s).
    /// </summary>
    [Fact]
    public void TwoPhotonSourcesCollectingTheBiexcitonLineRunWithTheCascadesFigures()
    {
        const string dot = "lifetime_ps: 300, excitation: two_photon, pulse_fwhm_ps: 5, line: xx, biexciton_binding_mev: 3, biexciton_lifetime_ps: 180, fine_structure_splitting_uev: 1.5";
        var run = PhotonicKit.Tests.Analyses.RunHelper.Run(PhotonicKit.Tests.Analyses.RunHelper.TwoDotsOnASplitter(dot, "",
            "  - {type: source, source: a}\n  - {type: hom, sources: [a, b], detectors: [d0, d1]}"));
        double hbar = PhysicalConstants.ReducedPlanckMeVPs;
        var solved = BiexcitonCascade.Solve(new BiexcitonCascadeParameters(1 / 300.0, 1 / 180.0, 3 / hbar, 1.5e-3 / hbar, 0, 5)).Biexciton;
        var source = run.Document["results"]![0]!;
        Assert.Equal(solved.G2, (double)source["g2"]!, 1e-12);
        Assert.Equal(solved.PreparationEfficiency, (double)source["preparation_efficiency"]!, 1e-12);
        Assert.Equal(180, (double)source["lifetime_ps"]!, 1e-9);
        Assert.Equal(solved.Indistinguishability - solved.G2, (double)source["hom_visibility"]!, 1e-9);
        Assert.True(solved.Indistinguishability < 300.0 / (180 + 300) - 0.01, $"M = {solved.Indistinguishability}: the cascade's time entanglement and the beat");
        Assert.Equal(solved.Indistinguishability - solved.G2, (double)run.Document["results"]![1]!["visibility"]!, 1e-6);
    }

    /// <summary>The cascade's settings apply only with two_photon: given with another scheme they are a warning each.</summary>
    [Fact]
    public void CascadeSettingsWithoutTwoPhotonExcitationAreIgnoredWithAWarning()
    {
        var run = PhotonicKit.Tests.Analyses.RunHelper.Run("""
            photonickit: 1
            wavelength_nm: 930
            instances:
              qd: {component: quantum_dot, settings: {lifetime_ps: 300, line: xx, biexciton_binding_mev: 3, fine_structure_splitting_uev: 2}}
            ports: {left: "qd,left", right: "qd,right"}
            analyses:
              - {type: source, source: qd}
            """);
        foreach (var key in new[] { "line", "biexciton_binding_mev", "fine_structure_splitting_uev" })
            Assert.Contains(run.Warnings, w => (w.Key + w.Message).Contains(key, StringComparison.Ordinal) && w.Message.Contains("applies to two_photon", StringComparison.Ordinal));
        Assert.Equal(1.0, (double)run.Document["results"]![0]!["preparation_efficiency"]!);
    }

    [Theory]
    [InlineData(0.0, 0.1, 1.0, "exciton decay")]
    [InlineData(0.1, double.NaN, 1.0, "biexciton decay")]
    [InlineData(0.1, 0.1, 0.0, "binding energy")]
    public void BadParametersAreRefusedNamingTheValue(double gammaX, double gammaXX, double binding, string named)
    {
        var e = Assert.Throws<ArgumentException>(() => BiexcitonCascade.Solve(new BiexcitonCascadeParameters(gammaX, gammaXX, binding)));
        Assert.Contains(named, e.Message);
    }

    // ------------------------------------------------------------------ independent reference

    private static void Compare(Reference reference, CascadeLineFigures figures)
    {
        Assert.Equal(reference.Photons, figures.Photons, 1e-6);
        Assert.Equal(reference.CollectedPhotons, figures.CollectedPhotons, 1e-6);
        Assert.Equal(reference.G2, figures.G2, 1e-4 * reference.G2 + 1e-9);
        Assert.Equal(reference.Indistinguishability, figures.Indistinguishability, 3e-6);
    }

    private sealed record Reference(double Preparation, double Photons, double CollectedPhotons, double G2, double Indistinguishability);

    private static (Reference Biexciton, Reference Exciton) BruteForce(BiexcitonCascadeParameters p, double pulseStepPs = 0.25, double tailStepPs = 0.5)
    {
        // Basis G, X (X_H, X_V), XX; laser frame at half the biexciton energy.
        bool two = p.FineStructureSplittingRadPerPs != 0;
        int dim = two ? 4 : 3, xh = 1, xx = dim - 1;
        int[] excitons = two ? [1, 2] : [1];
        var h0 = new Complex[dim, dim];
        foreach (int e in excitons) h0[e, e] = p.BindingEnergyRadPerPs / 2;
        if (two)
        {
            // (δ/2)(cos2θ σ_z + sin2θ σ_x) on (X_H, X_V).
            double half = p.FineStructureSplittingRadPerPs / 2, angle = 2 * p.FineStructureAxisRad;
            h0[1, 1] += half * Math.Cos(angle);
            h0[2, 2] -= half * Math.Cos(angle);
            h0[1, 2] = h0[2, 1] = half * Math.Sin(angle);
        }
        var hd = new Complex[dim, dim];
        hd[0, xh] = hd[xh, 0] = hd[xh, xx] = hd[xx, xh] = 0.5;
        var collapse = new List<Complex[,]>();
        foreach (int e in excitons)
        {
            collapse.Add(Single(dim, e, xx, Math.Sqrt(p.BiexcitonDecayPerPs / excitons.Length)));
            collapse.Add(Single(dim, 0, e, Math.Sqrt(p.ExcitonDecayPerPs)));
        }
        var dephasing = new Complex[dim, dim];
        double gs = Math.Sqrt(2e-3 * p.PureDephasingPerNs);
        foreach (int e in excitons) dephasing[e, e] = gs;
        dephasing[xx, xx] = 2 * gs;
        collapse.Add(dephasing);
        var biexcitonNumber = new Complex[dim, dim];
        biexcitonNumber[xx, xx] = p.BiexcitonDecayPerPs;
        var excitonNumber = new Complex[dim, dim];
        foreach (int e in excitons) excitonNumber[e, e] = p.ExcitonDecayPerPs;

        // Two-photon area ∫Ω²dt/E_B = π for Ω(t) = Ω₀ exp(−2 ln2 t²/τ²): Ω₀² τ √(π/(4 ln2)) = π E_B.
        double fwhm = p.PulseFwhmPs!.Value;
        double omega0 = Math.Sqrt(Math.PI * p.BindingEnergyRadPerPs / (fwhm * Math.Sqrt(Math.PI / (4 * Math.Log(2)))));
        double Omega(double t) => omega0 * Math.Exp(-2 * Math.Log(2) * t * t / (fwhm * fwhm));
        Complex[,] L(double t, Complex[,] x, bool driven)
        {
            var h = driven ? Add(h0, Scale(hd, Omega(t))) : h0;
            var r = Scale(Sub(Mul(h, x), Mul(x, h)), -Complex.ImaginaryOne);
            foreach (var c in collapse)
            {
                var cd = Dagger(c);
                var cdc = Mul(cd, c);
                r = Add(r, Sub(Mul(Mul(c, x), cd), Scale(Add(Mul(cdc, x), Mul(x, cdc)), 0.5)));
            }
            return r;
        }
        Complex[,] Step(double t, Complex[,] x, double hStep, bool driven)
        {
            const int sub = 8;
            double dt = hStep / sub;
            for (int k = 0; k < sub; k++)
            {
                double tk = t + k * dt;
                var k1 = L(tk, x, driven);
                var k2 = L(tk + dt / 2, Add(x, Scale(k1, dt / 2)), driven);
                var k3 = L(tk + dt / 2, Add(x, Scale(k2, dt / 2)), driven);
                var k4 = L(tk + dt, Add(x, Scale(k3, dt)), driven);
                x = Add(x, Scale(Add(Add(k1, Scale(k2, 2)), Add(Scale(k3, 2), k4)), dt / 6));
            }
            return x;
        }
        // The pulse window ±7.5σ of Ω(t) (σ = τ/(2√ln2)) on a fine grid, then the free decay until e^{−17} of the slowest
        // decay on a coarser one; composite Simpson on each.
        double halfWindow = 7.5 * fwhm / (2 * Math.Sqrt(Math.Log(2)));
        int pulseSteps = 2 * (int)Math.Ceiling(halfWindow / pulseStepPs);
        double stepPs = 2 * halfWindow / pulseSteps;
        int tailSteps = 2 * (int)Math.Ceiling(8.5 / Math.Min(p.ExcitonDecayPerPs, p.BiexcitonDecayPerPs) / tailStepPs);
        int steps = pulseSteps + tailSteps;
        var times = Enumerable.Range(0, steps + 1).Select(i => i <= pulseSteps ? -halfWindow + i * stepPs : halfWindow + (i - pulseSteps) * tailStepPs).ToArray();
        var simpson = new double[steps + 1];
        for (int i = 0; i < pulseSteps; i += 2)
        {
            simpson[i] += stepPs / 3;
            simpson[i + 1] += 4 * stepPs / 3;
            simpson[i + 2] += stepPs / 3;
        }
        for (int i = pulseSteps; i < steps; i += 2)
        {
            simpson[i] += tailStepPs / 3;
            simpson[i + 1] += 4 * tailStepPs / 3;
            simpson[i + 2] += tailStepPs / 3;
        }
        // One grid step as a superoperator, built column by column: for each step of the pulse, and once for the free decay.
        int size = dim * dim;
        Complex[,] Superoperator(double t, double hStep, bool driven)
        {
            var e = new Complex[size, size];
            for (int k = 0; k < size; k++)
            {
                var basis = new Complex[dim, dim];
                basis[k / dim, k % dim] = 1;
                var image = Step(t, basis, hStep, driven);
                for (int r = 0; r < size; r++) e[r, k] = image[r / dim, r % dim];
            }
            return e;
        }
        var pulsePropagators = Enumerable.Range(0, pulseSteps).Select(i => Superoperator(times[i], stepPs, true)).ToArray();
        var propagator = Superoperator(0, tailStepPs, false);
        double[] InnerWeights(int i)
        {
            var w = new double[steps + 1];
            void Segment(int from, int to, double h)
            {
                int n = to - from, start = from;
                if (n == 0) return;
                if (n == 1)
                {
                    w[from] += h / 2;
                    w[to] += h / 2;
                    return;
                }
                if (n % 2 == 1)
                {
                    w[from] += 3 * h / 8;
                    w[from + 1] += 9 * h / 8;
                    w[from + 2] += 9 * h / 8;
                    w[from + 3] += 3 * h / 8;
                    start = from + 3;
                }
                for (int k = start; k < to; k += 2)
                {
                    w[k] += h / 3;
                    w[k + 1] += 4 * h / 3;
                    w[k + 2] += h / 3;
                }
            }
            if (i < pulseSteps)
            {
                Segment(i, pulseSteps, stepPs);
                Segment(pulseSteps, steps, tailStepPs);
            }
            else Segment(i, steps, tailStepPs);
            return w;
        }
        // Operators as row-major vectors from here on.
        Complex[] Flat(Complex[,] x) => Enumerable.Range(0, size).Select(k => x[k / dim, k % dim]).ToArray();
        Complex[] Advance(int i, Complex[] x)
        {
            var e = i < pulseSteps ? pulsePropagators[i] : propagator;
            var r = new Complex[size];
            for (int m = 0; m < size; m++)
            {
                Complex sum = 0;
                for (int k = 0; k < size; k++) sum += e[m, k] * x[k];
                r[m] = sum;
            }
            return r;
        }
        Complex Expectation(Complex[,] o, Complex[] x)
        {
            // Tr[O X] = Σ O_ji X_ij.
            Complex sum = 0;
            for (int k = 0; k < size; k++) sum += o[k % dim, k / dim] * x[k];
            return sum;
        }
        var rhos = new Complex[times.Length][];
        rhos[0] = new Complex[size];
        rhos[0][0] = 1;
        for (int i = 1; i < times.Length; i++) rhos[i] = Advance(i - 1, rhos[i - 1]);
        Reference Line(Complex[,] a, Complex[,] lineNumber)
        {
        var ad = Dagger(a);
        var ada = Mul(ad, a);
        double collected = 0, photons = 0;
        for (int i = 0; i < times.Length; i++)
        {
            collected += simpson[i] * Expectation(ada, rhos[i]).Real;
            photons += simpson[i] * Expectation(lineNumber, rhos[i]).Real;
        }
        // Full (t, s) plane = twice the half s ≥ t, where G(t, s) comes by regression from every grid time t and is smooth:
        // Simpson in t, and in s a composite rule that starts at s = t (Simpson, with a 3/8 panel first for an odd count).
        double g2 = 0, g1 = 0;
        for (int i = 0; i < times.Length; i++)
        {
            var inner = InnerWeights(i);
            var rho = new Complex[dim, dim];
            for (int k = 0; k < size; k++) rho[k / dim, k % dim] = rhos[i][k];
            var x = Flat(Mul(a, rho));
            var y = Flat(Mul(Mul(a, rho), ad));
            for (int j = i; j < times.Length; j++)
            {
                if (j > i)
                {
                    x = Advance(j - 1, x);
                    y = Advance(j - 1, y);
                }
                double weight = 2 * simpson[i] * inner[j];
                var first = Expectation(ad, x);
                g1 += weight * (first.Real * first.Real + first.Imaginary * first.Imaginary);
                g2 += weight * Expectation(ada, y).Real;
            }
        }
        return new Reference(rhos[pulseSteps][xx * dim + xx].Real, photons, collected, g2 / (collected * collected), g1 / (collected * collected));
        }
        return (Line(Single(dim, xh, xx, Math.Sqrt(p.BiexcitonDecayPerPs / excitons.Length)), biexcitonNumber),
            Line(Single(dim, 0, xh, Math.Sqrt(p.ExcitonDecayPerPs)), excitonNumber));
    }

    private static Complex[,] Single(int dim, int row, int column, double value)
    {
        var m = new Complex[dim, dim];
        m[row, column] = value;
        return m;
    }
}
