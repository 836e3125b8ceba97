using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using MathNet.Numerics.Integration;
using MathNet.Numerics.LinearAlgebra;
using PhotonicKit.Components.Sources.Excitation;

namespace PhotonicKit.Components.Sources;

/// <summary>
/// The photon of a two-level emitter excited by a resonant Gaussian π pulse, from the master equation: the temporal
/// density matrix of the light emitted in pulses that hold exactly one photon (the one-photon sector of the field),
/// ρ₁(t, s) = Γ Tr[𝒰₀(∞, t)(σ 𝒰₀(t, s)(𝒰₀(s, t₀)(|g⟩⟨g|) σ†))] for t ≥ s, where 𝒰₀ is the evolution of the master
/// equation dρ/dt = −i[H, ρ] + Γ D[σ]ρ + 2γ* D[σ†σ]ρ without its jump term Γσρσ† (no other photon is emitted), and
/// ρ₁(s, t) = ρ₁(t, s)*. Its trace is p₁, the probability of exactly one photon per pulse; the main photon of the
/// multi-photon model is ρ = ρ₁/p₁ (Fischer et al., Nature Physics 13, 649 (2017) for the photon-number sectors of a
/// driven two-level system; quantum regression as in <see cref="ResonantExcitation"/>).
/// </summary>
/// <remarks>
/// <para>After the drive (7.5σ after its peak, time T_e) the emitter decays freely: for t, s ≥ T_e the photon is the
/// dephased exponential of the population n_e left excited without an emission, ρ₁ = Γ n_e e^{−Γ(min − T_e)} e^{−γ₂|t − s|};
/// for t ≥ T_e ≥ s it is Γ h(s) e^{−γ₂(t − T_e)}. Inside the drive window, on Gauss–Legendre panels, ρ₁ is semiseparable:
/// for t in panel I after s in panel J it is a_I(t)·Φ(τ_I, τ_{J+1})·b_J(s), with Φ the 4 × 4 propagator of 𝒰₀ between panel
/// edges, so that no propagator is inverted.</para>
/// <para>The spectral density S(x, y) = (1/2π)∫∫ρ(t, s) e^{ixt − iys} dt ds of the window is integrated exactly for the
/// panels' interpolating polynomials (Filon quadrature, with spherical Bessel functions), so it stays accurate at any
/// detuning; the tail is in closed form. The only approximation is the polynomial interpolation of ρ₁ on the panels that
/// hold the diagonal, where ρ₁ has a kink (dephasing and the drive make ∂ρ₁/∂t jump at t = s): about 10⁻⁷ of the
/// purity. The purity Tr ρ² itself is integrated in the time domain without it (nested quadrature on each diagonal
/// panel's two triangles).</para>
/// </remarks>
public sealed class ResonantPhoton
{
    private const int Nodes = 12;
    private const double Tolerance = 1e-12;
    private static readonly ConcurrentDictionary<(double, double, double), ResonantPhoton> Cache = new();
    private static readonly double[] U, W;
    private static readonly double[,] Legendre; // P_n(u_j)

    static ResonantPhoton()
    {
        var rule = new GaussLegendreRule(-1, 1, Nodes);
        U = rule.Abscissas.ToArray();
        W = rule.Weights.ToArray();
        Legendre = new double[Nodes, Nodes];
        for (int j = 0; j < Nodes; j++)
        {
            double p0 = 1, p1 = U[j];
            Legendre[0, j] = 1;
            if (Nodes > 1) Legendre[1, j] = p1;
            for (int n = 1; n + 1 < Nodes; n++)
            {
                double p2 = ((2 * n + 1) * U[j] * p1 - n * p0) / (n + 1);
                Legendre[n + 1, j] = p2;
                p0 = p1;
                p1 = p2;
            }
        }
    }

    // Everything below is in units of T1 (Γ = 1); frequencies in units of Γ.
    private readonly double _gamma2;
    private readonly double _tailStart, _tailPopulation;
    private readonly int _panels;
    private readonly double _halfWidth;
    private readonly double[] _centres;
    private readonly Complex[][] _a;      // [panel] → Nodes × 4 (row vectors a_I(t_i))
    private readonly Complex[][] _b;      // [panel] → Nodes × 4 (column vectors b_I(s_j))
    private readonly Complex[][,] _diag;  // [panel] → ρ₁(t_i, t_j) within the panel
    private readonly Complex[][,] _step;  // [panel] → Φ(τ_{I+1}, τ_I)

    private ResonantPhoton(double lifetimePs, double pureDephasingPerNs, double pulseFwhmPs)
    {
        LifetimePs = lifetimePs;
        PureDephasingPerNs = pureDephasingPerNs;
        PulseFwhmPs = pulseFwhmPs;
        double fwhm = pulseFwhmPs / lifetimePs;
        double dephasing = pureDephasingPerNs * 1e-3 * lifetimePs;
        _gamma2 = 0.5 + dephasing;
        var pulse = new GaussianPulse(fwhm, Math.PI);
        double window = pulse.HalfWindow;
        double panelTarget = Math.Min(Math.Min(fwhm / 3, 0.1 / _gamma2), 0.25);
        _panels = Math.Clamp((int)Math.Ceiling(2 * window / panelTarget), 8, 600);
        double width = 2 * window / _panels;
        _halfWidth = width / 2;
        _tailStart = window;
        _centres = new double[_panels];
        _a = new Complex[_panels][];
        _b = new Complex[_panels][];
        _diag = new Complex[_panels][,];
        _step = new Complex[_panels][,];

        var system = new NoJump(pulse, _gamma2);
        // Times: each panel's start and its nodes; the window's end last. Propagators between consecutive times.
        var times = new double[_panels * (Nodes + 1) + 1];
        for (int p = 0; p < _panels; p++)
        {
            double start = -window + p * width;
            _centres[p] = start + _halfWidth;
            times[p * (Nodes + 1)] = start;
            for (int j = 0; j < Nodes; j++) times[p * (Nodes + 1) + 1 + j] = _centres[p] + _halfWidth * U[j];
        }
        times[^1] = window;
        var steps = new Complex[times.Length - 1][,];
        for (int k = 0; k + 1 < times.Length; k++) steps[k] = system.Propagator(times[k], times[k + 1]);

        // No-jump state forward from |g⟩⟨g|; the no-further-jump functional ℓ backward from e_gg at the window's end.
        var rho = new Complex[times.Length][];
        rho[0] = [1, 0, 0, 0];
        for (int k = 0; k + 1 < times.Length; k++) rho[k + 1] = Apply(steps[k], rho[k]);
        var ell = new Complex[times.Length][];
        ell[^1] = [1, 0, 0, 0];
        for (int k = times.Length - 2; k >= 0; k--) ell[k] = ApplyLeft(ell[k + 1], steps[k]);
        _tailPopulation = rho[^1][Ee].Real;

        double trace = _tailPopulation;
        for (int p = 0; p < _panels; p++)
        {
            int first = p * (Nodes + 1); // index of τ_p in times
            var a = new Complex[Nodes * 4];
            var b = new Complex[Nodes * 4];
            var y = new Complex[Nodes][];
            // a_I(t_i) = Γ ℓ̃_{t_i} · 𝒰₀(t_i, τ_I) with ℓ̃(X) = ℓ(σX): the row is carried from t_i back to τ_I.
            for (int i = 0; i < Nodes; i++)
            {
                int k = first + 1 + i;
                var row = Tilde(ell[k]);
                for (int m = k - 1; m >= first; m--) row = ApplyLeft(row, steps[m]);
                for (int c = 0; c < 4; c++) a[i * 4 + c] = row[c];
                y[i] = Dagger(rho[k]);
                trace += _halfWidth * W[i] * (ell[k][Gg] * rho[k][Ee]).Real;
            }
            // b_I(s_j) = 𝒰₀(τ_{I+1}, s_j) y(s_j), and ρ₁(t_i, s_j) for t_i ≥ s_j in the panel.
            var diag = new Complex[Nodes, Nodes];
            for (int j = 0; j < Nodes; j++)
            {
                int k = first + 1 + j;
                var v = y[j];
                diag[j, j] = Dot(Tilde(ell[k]), v);
                for (int m = k; m < first + Nodes + 1; m++)
                {
                    v = Apply(steps[m], v);
                    int i = m + 1 - (first + 1);
                    if (i < Nodes) diag[i, j] = Dot(Tilde(ell[m + 1]), v);
                }
                for (int c = 0; c < 4; c++) b[j * 4 + c] = v[c];
            }
            for (int i = 0; i < Nodes; i++)
                for (int j = i + 1; j < Nodes; j++) diag[i, j] = Complex.Conjugate(diag[j, i]);
            var phi = Identity();
            for (int m = first; m < first + Nodes + 1; m++) phi = Multiply(steps[m], phi);
            _a[p] = a;
            _b[p] = b;
            _diag[p] = diag;
            _step[p] = phi;
        }
        SinglePhotonProbability = trace;
        // Without pure dephasing the emitter and the field stay in a pure state, and in the one-photon sector the emitter
        // ends in |g⟩: the photon is pure, exactly (the quadrature gives 1 to about 10⁻¹²).
        Purity = dephasing == 0 ? 1 : Math.Clamp(ComputePurity(rho, steps) / (trace * trace), 0, 1);
    }

    private const int Gg = 0, Ge = 1, Eg = 2, Ee = 3;

    /// <summary>Lifetime T1, ps.</summary>
    public double LifetimePs { get; }

    /// <summary>Pure dephasing rate γ*, ns⁻¹.</summary>
    public double PureDephasingPerNs { get; }

    /// <summary>FWHM of the pulse's intensity, ps.</summary>
    public double PulseFwhmPs { get; }

    /// <summary>p₁ = Tr ρ₁: probability that a pulse gives exactly one photon.</summary>
    public double SinglePhotonProbability { get; }

    /// <summary>Tr ρ² of the normalised photon ρ = ρ₁/p₁: the overlap of the photons of two pulses that each hold one photon,
    /// in [0, 1]; Γ/(Γ + 2γ*) for an instantaneous pulse.</summary>
    public double Purity { get; }

    /// <summary><see cref="Purity"/> of the photon of a pulse with these settings: exactly 1 without pure dephasing (nothing is
    /// computed then), otherwise that of <see cref="Of"/>.</summary>
    /// <param name="lifetimePs">T1, ps, positive.</param>
    /// <param name="pureDephasingPerNs">γ*, ns⁻¹, zero or positive.</param>
    /// <param name="pulseFwhmPs">FWHM of the pulse's intensity, ps, positive.</param>
    public static double PurityOf(double lifetimePs, double pureDephasingPerNs, double pulseFwhmPs) =>
        pureDephasingPerNs == 0 ? 1 : Of(lifetimePs, pureDephasingPerNs, pulseFwhmPs).Purity;

    /// <summary>The photon of a pulse with these settings (computed once per settings and kept).</summary>
    /// <param name="lifetimePs">T1, ps, positive.</param>
    /// <param name="pureDephasingPerNs">γ*, ns⁻¹, zero or positive.</param>
    /// <param name="pulseFwhmPs">FWHM of the pulse's intensity, ps, positive (as <see cref="ResonantExcitation.Solve"/> accepts it).</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting the master-equation solver does not accept.</exception>
    public static ResonantPhoton Of(double lifetimePs, double pureDephasingPerNs, double pulseFwhmPs)
    {
        if (!double.IsFinite(lifetimePs) || lifetimePs <= 0) throw new ArgumentOutOfRangeException(nameof(lifetimePs), lifetimePs, "T1 must be a finite number > 0 ps");
        if (!double.IsFinite(pureDephasingPerNs) || pureDephasingPerNs < 0) throw new ArgumentOutOfRangeException(nameof(pureDephasingPerNs), pureDephasingPerNs, "γ* must be a finite number ≥ 0 ns⁻¹");
        if (!double.IsFinite(pulseFwhmPs) || pulseFwhmPs <= 0) throw new ArgumentOutOfRangeException(nameof(pulseFwhmPs), pulseFwhmPs, "the pulse FWHM must be a finite number > 0 ps");
        if (ResonantExcitation.PulseProblem(lifetimePs, pureDephasingPerNs, pulseFwhmPs) is { } problem)
            throw new ArgumentOutOfRangeException(nameof(pulseFwhmPs), pulseFwhmPs, problem);
        if (Cache.Count > 256) Cache.Clear();
        return Cache.GetOrAdd((lifetimePs, pureDephasingPerNs, pulseFwhmPs), k => new ResonantPhoton(k.Item1, k.Item2, k.Item3));
    }

    /// <summary>
    /// The spectral density of the normalised photon, ρ(ω, ω′) = (1/2π)∫∫ρ(t, t′) e^{iωt − iω′t′} dt dt′ (per rad/ps), at the
    /// offsets <paramref name="offsetsRadPerPs"/> from a reference frequency, for a line at <paramref name="detuningRadPerPs"/>
    /// from that reference and a pulse peak at <paramref name="startTimePs"/>; averaged over a Gaussian spread σ of the line
    /// centre when <paramref name="spreadRadPerPs"/> is positive (the drive stays resonant). Conventions as
    /// <see cref="ExponentialWavepacket.SpectralDensity"/>.
    /// </summary>
    /// <param name="offsetsRadPerPs">Frequencies x_i, rad/ps from the reference.</param>
    /// <param name="detuningRadPerPs">δ, the line centre, rad/ps from the reference.</param>
    /// <param name="startTimePs">Time of the pulse peak, ps.</param>
    /// <param name="spreadRadPerPs">σ ≥ 0, rad/ps.</param>
    /// <returns>ρ(x_i, x_j), n × n, Hermitian.</returns>
    public Complex[,] SpectralDensity(IReadOnlyList<double> offsetsRadPerPs, double detuningRadPerPs = 0, double startTimePs = 0, double spreadRadPerPs = 0)
    {
        ArgumentNullException.ThrowIfNull(offsetsRadPerPs);
        int n = offsetsRadPerPs.Count;
        var result = new Complex[n, n];
        (double Shift, double Weight)[] shifts = spreadRadPerPs > 0 ? GaussHermite(spreadRadPerPs) : [(0, 1)];
        foreach (var (shift, weight) in shifts)
        {
            var x = new double[n];
            for (int i = 0; i < n; i++) x[i] = (offsetsRadPerPs[i] - detuningRadPerPs - shift) * LifetimePs;
            var s = Unitless(x);
            double scale = weight * LifetimePs / (2 * Math.PI * SinglePhotonProbability);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    result[i, j] += scale * s[i, j] * Complex.FromPolarCoordinates(1, (offsetsRadPerPs[i] - offsetsRadPerPs[j]) * startTimePs);
        }
        return result;
    }

    /// <summary>(1/2π)·2π·S: ∫∫ρ₁(t, s) e^{ixt − iys} dt ds in units of T1 at unitless frequencies x (Γ = 1).</summary>
    private Complex[,] Unitless(double[] x)
    {
        int n = x.Length, k = 4 * _panels, nodes = _panels * Nodes;
        // Filon weights of every node at every frequency: the panels share their width, so one set of spherical Bessel values.
        var weights = new Complex[n, nodes];
        Span<double> bessel = stackalloc double[Nodes];
        Span<Complex> local = stackalloc Complex[Nodes];
        for (int i = 0; i < n; i++)
        {
            SphericalBessel(x[i] * _halfWidth, bessel);
            for (int j = 0; j < Nodes; j++)
            {
                Complex sum = Complex.Zero, power = Complex.One;
                for (int m = 0; m < Nodes; m++)
                {
                    sum += (2 * m + 1) * power * Legendre[m, j] * bessel[m];
                    power *= Complex.ImaginaryOne;
                }
                local[j] = _halfWidth * W[j] * sum;
            }
            for (int p = 0; p < _panels; p++)
            {
                var phase = Complex.FromPolarCoordinates(1, x[i] * _centres[p]);
                for (int j = 0; j < Nodes; j++) weights[i, p * Nodes + j] = phase * local[j];
            }
        }
        // Â_I(x) rows and C_I(y) columns (C_{I+1} = Φ_I C_I + B̂_I, B̂ with the conjugate weights), and the tail's Ĥ(y) = C_end[eg].
        var aHat = Matrix<Complex>.Build.Dense(n, k);
        var cHat = Matrix<Complex>.Build.Dense(k, n);
        var h = new Complex[n];
        Span<Complex> c = stackalloc Complex[4];
        Span<Complex> next = stackalloc Complex[4];
        for (int i = 0; i < n; i++)
        {
            c.Clear();
            for (int p = 0; p < _panels; p++)
            {
                for (int r = 0; r < 4; r++)
                {
                    Complex sum = Complex.Zero;
                    for (int j = 0; j < Nodes; j++) sum += weights[i, p * Nodes + j] * _a[p][j * 4 + r];
                    aHat[i, p * 4 + r] = sum;
                    cHat[p * 4 + r, i] = c[r];
                }
                var phi = _step[p];
                for (int r = 0; r < 4; r++)
                {
                    Complex sum = Complex.Zero;
                    for (int q = 0; q < 4; q++) sum += phi[r, q] * c[q];
                    for (int j = 0; j < Nodes; j++) sum += Complex.Conjugate(weights[i, p * Nodes + j]) * _b[p][j * 4 + r];
                    next[r] = sum;
                }
                next.CopyTo(c);
            }
            h[i] = c[Eg];
        }
        var later = aHat * cHat; // t in a later panel than s
        // Panels with the diagonal: Σ_I W_I(x) ρ_I W_I(y)†.
        var left = Matrix<Complex>.Build.Dense(n, nodes);
        var right = Matrix<Complex>.Build.Dense(nodes, n);
        for (int p = 0; p < _panels; p++)
        {
            var d = _diag[p];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < Nodes; j++)
                {
                    Complex sum = Complex.Zero;
                    for (int m = 0; m < Nodes; m++) sum += weights[i, p * Nodes + m] * d[m, j];
                    left[i, p * Nodes + j] = sum;
                    right[p * Nodes + j, i] = Complex.Conjugate(weights[i, p * Nodes + j]);
                }
        }
        var within = left * right;
        var s = new Complex[n, n];
        double te = _tailStart, g2 = _gamma2, ne = _tailPopulation;
        for (int i = 0; i < n; i++)
        {
            var tailX = Complex.FromPolarCoordinates(1, x[i] * te) / new Complex(g2, -x[i]);
            for (int j = 0; j < n; j++)
            {
                var tailY = Complex.FromPolarCoordinates(1, x[j] * te) / new Complex(g2, -x[j]);
                double delta = x[i] - x[j];
                Complex value = later[i, j] + Complex.Conjugate(later[j, i]) + within[i, j]
                    + tailX * h[j] + Complex.Conjugate(tailY * h[i])
                    + ne * Complex.FromPolarCoordinates(1, delta * te) / new Complex(1, -delta) * (1 / new Complex(g2, -x[i]) + 1 / new Complex(g2, x[j]));
                s[i, j] = value;
            }
        }
        return s;
    }

    /// <summary>Tr ρ₁² = ∫∫|ρ₁|²: the tail in closed form, panel pairs by Gauss quadrature of the semiseparable form, and each
    /// panel's own triangle t &gt; s by nested Gauss quadrature of the smooth form that equals ρ₁ there.</summary>
    private double ComputePurity(Complex[][] rho, Complex[][,] steps)
    {
        double g2 = _gamma2, ne = _tailPopulation;
        double total = ne * ne / (2 * g2);
        // Each node's b carried to every later panel: the pairs of different panels, and h(s) for the tail.
        var weights = W.Select(w => w * _halfWidth).ToArray();
        for (int q = 0; q < _panels; q++)
            for (int j = 0; j < Nodes; j++)
            {
                var v = new Complex[4];
                for (int c = 0; c < 4; c++) v[c] = _b[q][j * 4 + c];
                for (int p = q + 1; p < _panels; p++)
                {
                    for (int i = 0; i < Nodes; i++)
                    {
                        Complex value = Complex.Zero;
                        for (int c = 0; c < 4; c++) value += _a[p][i * 4 + c] * v[c];
                        total += 2 * weights[i] * weights[j] * (value * Complex.Conjugate(value)).Real;
                    }
                    v = Apply(_step[p], v);
                }
                // t in the tail: Γ²/(2γ₂)·|h|², twice.
                total += weights[j] * (v[Eg] * Complex.Conjugate(v[Eg])).Real / g2;
            }
        // Within a panel: ρ₁(t, s) = a_I(t)·b′(s) for t ≥ s, with b′(s) = 𝒰₀(s, τ_I)⁻¹ y(s) smooth (the inverse of a propagator
        // over part of one short panel is well conditioned), interpolated from the nodes; t_i a node, s on Gauss nodes of [τ_I, t_i].
        var barycentric = new double[Nodes];
        for (int j = 0; j < Nodes; j++)
        {
            double product = 1;
            for (int m = 0; m < Nodes; m++)
                if (m != j) product *= U[j] - U[m];
            barycentric[j] = 1 / product;
        }
        for (int p = 0; p < _panels; p++)
        {
            int first = p * (Nodes + 1);
            var bPrime = new Complex[Nodes][];
            var phi = Matrix<Complex>.Build.DenseIdentity(4);
            for (int j = 0; j < Nodes; j++)
            {
                int k = first + 1 + j;
                phi = Matrix<Complex>.Build.DenseOfArray(steps[k - 1]) * phi;
                var y = MathNet.Numerics.LinearAlgebra.Vector<Complex>.Build.DenseOfArray(Dagger(rho[k]));
                bPrime[j] = phi.Solve(y).ToArray();
            }
            for (int i = 0; i < Nodes; i++)
            {
                double half = (1 + U[i]) / 2; // [τ_I, t_i] in the panel's u, halved
                for (int j = 0; j < Nodes; j++)
                {
                    double u = -1 + half * (1 + U[j]);
                    var b = Interpolate(bPrime, barycentric, u);
                    Complex value = Complex.Zero;
                    for (int c = 0; c < 4; c++) value += _a[p][i * 4 + c] * b[c];
                    total += 2 * weights[i] * _halfWidth * half * W[j] * (value * Complex.Conjugate(value)).Real;
                }
            }
        }
        return total;
    }

    /// <summary>The polynomial through the panel's nodes at u ∈ [−1, 1] (barycentric form).</summary>
    private static Complex[] Interpolate(Complex[][] values, double[] barycentric, double u)
    {
        var result = new Complex[4];
        double denominator = 0;
        for (int j = 0; j < Nodes; j++)
        {
            double d = u - U[j];
            if (d == 0) return (Complex[])values[j].Clone();
            double factor = barycentric[j] / d;
            denominator += factor;
            for (int c = 0; c < 4; c++) result[c] += factor * values[j][c];
        }
        for (int c = 0; c < 4; c++) result[c] /= denominator;
        return result;
    }

    private static Complex[] Dagger(Complex[] rho) => [rho[Ge], 0, rho[Ee], 0]; // X σ†: gg ← X_ge, eg ← X_ee
    private static Complex[] Tilde(Complex[] ell) => [0, 0, ell[Gg], ell[Ge]];  // X ↦ ℓ(σX): ℓ_gg X_eg + ℓ_ge X_ee

    private static Complex Dot(Complex[] row, Complex[] v)
    {
        Complex sum = Complex.Zero;
        for (int c = 0; c < 4; c++) sum += row[c] * v[c];
        return sum;
    }

    private static Complex[] Apply(Complex[,] m, Complex[] v)
    {
        var r = new Complex[4];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++) r[i] += m[i, j] * v[j];
        return r;
    }

    private static Complex[] ApplyLeft(Complex[] row, Complex[,] m)
    {
        var r = new Complex[4];
        for (int j = 0; j < 4; j++)
            for (int i = 0; i < 4; i++) r[j] += row[i] * m[i, j];
        return r;
    }

    private static Complex[,] Multiply(Complex[,] a, Complex[,] b)
    {
        var r = new Complex[4, 4];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                for (int k = 0; k < 4; k++) r[i, j] += a[i, k] * b[k, j];
        return r;
    }

    private static Complex[,] Identity()
    {
        var r = new Complex[4, 4];
        for (int i = 0; i < 4; i++) r[i, i] = 1;
        return r;
    }

    /// <summary>Spherical Bessel functions j_n(z), n = 0 … Nodes − 1: the series for |z| &lt; 1, upward recurrence where
    /// z exceeds the order, Miller's downward recurrence normalised by Σ(2n + 1)j_n² = 1 otherwise.</summary>
    internal static void SphericalBessel(double z, Span<double> j)
    {
        int count = j.Length;
        double a = Math.Abs(z);
        if (a < 1)
        {
            double factor = 1; // z^n/(2n+1)!!
            for (int n = 0; n < count; n++)
            {
                if (n > 0) factor *= a / (2 * n + 1);
                double term = 1, sum = 1, q = -a * a / 2;
                for (int m = 1; m < 40; m++)
                {
                    term *= q / (m * (2 * n + 2 * m + 1));
                    sum += term;
                    if (Math.Abs(term) < 1e-18 * Math.Abs(sum)) break;
                }
                j[n] = factor * sum;
            }
        }
        else if (a > count + 1)
        {
            j[0] = Math.Sin(a) / a;
            if (count > 1) j[1] = Math.Sin(a) / (a * a) - Math.Cos(a) / a;
            for (int n = 1; n + 1 < count; n++) j[n + 1] = (2 * n + 1) / a * j[n] - j[n - 1];
        }
        else
        {
            int top = count + 30 + (int)a;
            double next = 0, current = 1e-30, norm = 0;
            Span<double> all = stackalloc double[top + 1];
            all[top] = current;
            for (int n = top; n > 0; n--)
            {
                double previous = (2 * n + 1) / a * current - next;
                next = current;
                current = previous;
                all[n - 1] = current;
                if (Math.Abs(current) > 1e250)
                {
                    for (int m = n - 1; m <= top; m++) all[m] *= 1e-250;
                    current *= 1e-250;
                    next *= 1e-250;
                }
            }
            for (int n = 0; n <= top; n++) norm += (2 * n + 1) * all[n] * all[n];
            double scale = 1 / Math.Sqrt(norm);
            // The sign from whichever of j_0 = sin a/a and j_1 = sin a/a² − cos a/a is larger.
            double j0 = Math.Sin(a) / a, j1 = Math.Sin(a) / (a * a) - Math.Cos(a) / a;
            bool flip = Math.Abs(j0) >= Math.Abs(j1) ? j0 * all[0] < 0 : j1 * all[1] < 0;
            if (flip) scale = -scale;
            for (int n = 0; n < count; n++) j[n] = all[n] * scale;
        }
        if (z < 0)
            for (int n = 1; n < count; n += 2) j[n] = -j[n];
    }

    /// <summary>Line shifts and weights of a 24-point Gauss–Hermite rule for a Gaussian of standard deviation σ.</summary>
    private static (double, double)[] GaussHermite(double sigma)
    {
        const int n = 24;
        var jacobi = Matrix<double>.Build.Dense(n, n);
        for (int k = 1; k < n; k++) jacobi[k, k - 1] = jacobi[k - 1, k] = Math.Sqrt(k / 2.0);
        var evd = jacobi.Evd(Symmetricity.Symmetric);
        var result = new (double, double)[n];
        for (int k = 0; k < n; k++)
        {
            double v = evd.EigenVectors[0, k];
            result[k] = (Math.Sqrt(2) * sigma * evd.EigenValues[k].Real, v * v);
        }
        return result;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"resonant photon(T1={LifetimePs:G6} ps, γ*={PureDephasingPerNs:G6}/ns, FWHM={PulseFwhmPs:G6} ps, p1={SinglePhotonProbability:G6}, purity={Purity:G6})");

    /// <summary>𝒰₀ on 2 × 2 operators (gg, ge, eg, ee), complex, as real ODEs; several operators at once.</summary>
    private readonly struct NoJump(GaussianPulse pulse, double gamma2)
    {
        public Complex[,] Propagator(double from, double to)
        {
            // The four matrix units together, one integration.
            var system = new Operator(pulse, gamma2, 4);
            Span<double> state = stackalloc double[32];
            state.Clear();
            for (int c = 0; c < 4; c++) state[8 * c + 2 * c] = 1;
            Span<double> scales = stackalloc double[32];
            scales.Fill(1);
            Span<double> peaks = stackalloc double[32];
            if (to > from) DormandPrince54.Integrate(ref system, from, to, state, Tolerance, scales, peaks, to - from);
            var m = new Complex[4, 4];
            for (int c = 0; c < 4; c++)
                for (int r = 0; r < 4; r++) m[r, c] = new Complex(state[8 * c + 2 * r], state[8 * c + 2 * r + 1]);
            return m;
        }

        public Complex[] Propagate(double from, double to, Complex[] x)
        {
            if (to <= from) return (Complex[])x.Clone();
            var system = new Operator(pulse, gamma2, 1);
            Span<double> state = stackalloc double[8];
            for (int r = 0; r < 4; r++)
            {
                state[2 * r] = x[r].Real;
                state[2 * r + 1] = x[r].Imaginary;
            }
            Span<double> scales = stackalloc double[8];
            double size = 0;
            for (int r = 0; r < 4; r++) size = Math.Max(size, x[r].Magnitude);
            scales.Fill(Math.Max(size, 1e-300));
            Span<double> peaks = stackalloc double[8];
            DormandPrince54.Integrate(ref system, from, to, state, Tolerance, scales, peaks, to - from);
            var result = new Complex[4];
            for (int r = 0; r < 4; r++) result[r] = new Complex(state[2 * r], state[2 * r + 1]);
            return result;
        }
    }

    /// <summary>dX/dt = −i[H, X] − ½{σ†σ, X} + 2γ*(PXP − ½{P, X}) (Γ = 1, P = σ†σ, H = (Ω/2)(σ + σ†)).</summary>
    private readonly struct Operator(GaussianPulse pulse, double gamma2, int count) : IOdeSystem
    {
        public int Dimension => 8 * count;

        public void Derivative(double t, ReadOnlySpan<double> all, Span<double> allDerivatives)
        {
            double half = 0.5 * pulse.RabiFrequency(t);
            for (int k = 0; k < count; k++) One(half, all.Slice(8 * k, 8), allDerivatives.Slice(8 * k, 8));
        }

        private void One(double half, ReadOnlySpan<double> s, Span<double> d)
        {
            var gg = new Complex(s[0], s[1]);
            var ge = new Complex(s[2], s[3]);
            var eg = new Complex(s[4], s[5]);
            var ee = new Complex(s[6], s[7]);
            var i = Complex.ImaginaryOne;
            Complex dgg = -i * half * (eg - ge);
            Complex dge = -i * half * (ee - gg) - gamma2 * ge;
            Complex deg = -i * half * (gg - ee) - gamma2 * eg;
            Complex dee = -i * half * (ge - eg) - ee;
            d[0] = dgg.Real; d[1] = dgg.Imaginary;
            d[2] = dge.Real; d[3] = dge.Imaginary;
            d[4] = deg.Real; d[5] = deg.Imaginary;
            d[6] = dee.Real; d[7] = dee.Imaginary;
        }
    }
}
