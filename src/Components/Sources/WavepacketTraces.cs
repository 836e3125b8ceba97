using System.Numerics;

namespace PhotonicKit.Components.Sources;

/// <summary>
/// Exact overlaps of photons from exponentially decaying emitters (<see cref="ExponentialWavepacket"/>): the complex
/// amplitude overlap ⟨ψ_a|ψ_b⟩ of pure photons and the cycle traces Tr(ρ_1 ρ_2 … ρ_k) of mixed ones, which decide
/// multi-photon interference of partially distinguishable photons (Tichy, PRA 91, 022316 (2015); Shchesnovich,
/// PRA 91, 013844 (2015)).
/// </summary>
/// <remarks>
/// <para>
/// Pure photons: ⟨ψ_a|ψ_b⟩ = √(Γ_aΓ_b) e^{−ᾱ_a(m − s_a) − α_b(m − s_b)}/(ᾱ_a + α_b), m = max(s_a, s_b), α = Γ/2 + iδ.
/// Its squared modulus is the two-photon overlap 2Γ_aΓ_b/(Γ_a+Γ_b)² ·(Γ_a+Γ_b)²/4/(((Γ_a+Γ_b)/2)² + δ²) × e^{−Γ_early|Δs|}
/// of Kiraz et al. (PRA 69, 032305 (2004)); its phase, which two overlaps alone do not fix, changes the interference of
/// three or more photons.
/// </para>
/// <para>
/// Mixed photons: Tr(ρ_1 … ρ_k) = ∫ dt_1 … dt_k ρ_1(t_1, t_2) ρ_2(t_2, t_3) … ρ_k(t_k, t_1). Each density is a sum of
/// exponentials of t and t′ on either side of the diagonal, so on each of the k! orderings of the times the integrand is
/// an exponential of a linear form, integrated exactly over the ordered region with the photons' start times as lower
/// bounds (piecewise exponential-polynomial functions, integrated from the latest time down). The result is exact up to
/// rounding; for identical dephased photons it reproduces Tr ρ² = M and Tr ρ³ = 2M²/(1 + M), M = Γ/(Γ + 2γ*).
/// Cost k!·2^j·O(k²) for k photons, j of them jittered.
/// </para>
/// </remarks>
public static class WavepacketTraces
{
    /// <summary>Largest cycle length computed exactly (k! orderings).</summary>
    public const int MaxCycleLength = 9;

    /// <summary>Below this bound on |Tr(ρ_1 … ρ_k)| (from the smallest consecutive pair trace) the trace is returned as 0.</summary>
    private const double NegligibleTrace = 1e-36;

    /// <summary>Relaxation rates below this multiple of Γ make a photon orthogonal to everything (purity below 10⁻⁹).</summary>
    private const double SlowestRelaxation = 1e-9;

    /// <summary>Decay exponent across a gap in start times beyond which photons on its two sides do not overlap (e^{−80} ≈ 10⁻³⁵).</summary>
    private const double SeparatedExponent = 80;

    /// <summary>The amplitude overlap ⟨ψ_a|ψ_b⟩ of two pure photons (class remarks).</summary>
    /// <param name="a">First photon (pure).</param>
    /// <param name="b">Second photon (pure).</param>
    /// <exception cref="InvalidOperationException">A photon is mixed.</exception>
    public static Complex AmplitudeOverlap(ExponentialWavepacket a, ExponentialWavepacket b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!a.IsPure || !b.IsPure) throw new InvalidOperationException("amplitude overlaps are defined for pure photons; use CycleTrace");
        var alphaA = new Complex(a.DecayRateRadPerPs / 2, a.DetuningRadPerPs);
        var alphaB = new Complex(b.DecayRateRadPerPs / 2, b.DetuningRadPerPs);
        double m = Math.Max(a.StartTimePs, b.StartTimePs);
        Complex exponent = -Complex.Conjugate(alphaA) * (m - a.StartTimePs) - alphaB * (m - b.StartTimePs);
        return Math.Sqrt(a.DecayRateRadPerPs) * Math.Sqrt(b.DecayRateRadPerPs) * Complex.Exp(exponent) / (Complex.Conjugate(alphaA) + alphaB);
    }

    /// <summary>
    /// Tr(ρ_a ρ_b), the two-photon overlap (HOM visibility of the pair), in closed form:
    /// 2Γ_aΓ_b W/((Γ_a + Γ_b)(W² + δ²)) · e^{−Γ_early|s_b − s_a|}, W = (Γ_a + Γ_b)/2 + γ*_a + γ*_b, without jitter
    /// (Kiraz et al. 2004); with jitter by <see cref="CycleTrace"/>.
    /// </summary>
    /// <param name="a">First photon.</param>
    /// <param name="b">Second photon.</param>
    public static double PairTrace(ExponentialWavepacket a, ExponentialWavepacket b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.RelaxationRateRadPerPs is not null || b.RelaxationRateRadPerPs is not null) return Math.Max(0, CycleTrace([a, b]).Real);
        double fixedLines = WavepacketOverlap.BetweenFixedLines(a.DecayRateRadPerPs, b.DecayRateRadPerPs, a.PureDephasingRadPerPs,
            b.PureDephasingRadPerPs, b.DetuningRadPerPs - a.DetuningRadPerPs);
        double delay = b.StartTimePs - a.StartTimePs;
        double early = delay >= 0 ? a.DecayRateRadPerPs : b.DecayRateRadPerPs;
        return fixedLines * Math.Exp(-early * Math.Abs(delay));
    }

    /// <summary>
    /// Tr(ρ_1 ρ_2 … ρ_k) for the photons in the order given (cyclic): 1 for one photon, Tr(ρ_aρ_b) for two, and for pure
    /// photons the product ⟨ψ_1|ψ_2⟩⟨ψ_2|ψ_3⟩…⟨ψ_k|ψ_1⟩.
    /// </summary>
    /// <param name="photons">The photons along the cycle, 1 … <see cref="MaxCycleLength"/> of them.</param>
    /// <exception cref="ArgumentOutOfRangeException">More than <see cref="MaxCycleLength"/> photons.</exception>
    public static Complex CycleTrace(IReadOnlyList<ExponentialWavepacket> photons)
    {
        ArgumentNullException.ThrowIfNull(photons);
        int k = photons.Count;
        if (k == 0) throw new ArgumentException("a cycle has at least one photon", nameof(photons));
        if (k == 1) return Complex.One;
        if (photons.All(p => p.IsPure))
        {
            Complex product = Complex.One;
            for (int i = 0; i < k; i++) product *= AmplitudeOverlap(photons[i], photons[(i + 1) % k]);
            return product;
        }
        if (k > MaxCycleLength)
            throw new ArgumentOutOfRangeException(nameof(photons), k, $"cycle traces of mixed photons are computed for at most {MaxCycleLength} photons");
        // |Tr(ρ_1 ρ_2 X)| ≤ ‖ρ_1ρ_2‖₁ ≤ √Tr(ρ_1ρ_2) for states and a contraction X.
        for (int i = 0; i < k; i++)
        {
            var (p, q) = (photons[i], photons[(i + 1) % k]);
            if (p.RelaxationRateRadPerPs is null && q.RelaxationRateRadPerPs is null && PairTrace(p, q) < NegligibleTrace * NegligibleTrace) return Complex.Zero;
        }
        // A cycle through photons on both sides of a gap in their start times crosses it twice, each time with the amplitude
        // of the earlier photons decayed over the gap: beyond e^{−80} it is zero to double precision (and the exact sum
        // would need exponentials beyond its range).
        var starts = photons.Select(p => p.StartTimePs).Distinct().Order().ToArray();
        for (int g = 1; g < starts.Length; g++)
        {
            double slowest = photons.Where(p => p.StartTimePs < starts[g])
                .Min(p => Math.Min(p.DecayRateRadPerPs, p.RelaxationRateRadPerPs ?? double.PositiveInfinity));
            if (slowest * (starts[g] - starts[g - 1]) > SeparatedExponent) return Complex.Zero;
        }
        // A photon whose relaxation is slower than 10⁻⁹Γ is spread over 10⁹ lifetimes: its purity γ_r/(γ_r + Γ) bounds
        // every trace through it (|Tr(ρX)| ≤ √Tr ρ²), below the accuracy of the rest.
        if (photons.Any(p => p.RelaxationRateRadPerPs is double r && r < SlowestRelaxation * p.DecayRateRadPerPs)) return Complex.Zero;
        var rates = photons.Select(p => p.RelaxationRateRadPerPs ?? double.NaN).ToArray();
        Complex trace = WithRelaxationRates(photons, rates, 0);
        if (!double.IsFinite(trace.Real) || !double.IsFinite(trace.Imaginary))
            throw new ArgumentOutOfRangeException(nameof(photons), string.Join(", ", photons),
                "the cycle trace of these photons exceeds the range of double precision (dephasing far beyond the decay rate with large delays between them)");
        return trace;
    }

    /// <summary>
    /// The trace with jitter rates. Within 10⁻³Γ of γ_r = Γ the jitter formula's terms cancel (1/(Γ − γ_r) each), so
    /// there the trace is extrapolated from γ_r ± ε and γ_r ± 2ε, ε = 3·10⁻³Γ (Richardson: (4A(ε) − A(2ε))/3 of the
    /// symmetric means A, error O(ε⁴) ≈ 10⁻¹⁰ relative).
    /// </summary>
    private static Complex WithRelaxationRates(IReadOnlyList<ExponentialWavepacket> photons, double[] rates, int from)
    {
        for (int i = from; i < rates.Length; i++)
        {
            double gamma = photons[i].DecayRateRadPerPs;
            if (double.IsNaN(rates[i]) || Math.Abs(gamma - rates[i]) > 1e-3 * gamma) continue;
            double r = rates[i], epsilon = 3e-3 * gamma;
            Complex Mean(double step)
            {
                rates[i] = r + step;
                Complex above = WithRelaxationRates(photons, rates, i + 1);
                rates[i] = r - step;
                Complex below = WithRelaxationRates(photons, rates, i + 1);
                rates[i] = r;
                return (above + below) / 2;
            }
            return (4 * Mean(epsilon) - Mean(2 * epsilon)) / 3;
        }
        return Exact(photons, rates);
    }

    private static Complex Exact(IReadOnlyList<ExponentialWavepacket> photons, double[] rates)
    {
        int k = photons.Count;
        double origin = photons.Min(p => p.StartTimePs);
        var lower = new ExponentialTerm[k][];
        var upper = new ExponentialTerm[k][];
        for (int j = 0; j < k; j++) (lower[j], upper[j]) = photons[j].Terms(origin, rates[j]);
        // t_i is the first time of ρ_i and the second of ρ_{i−1}: both start times bound it.
        var bound = new double[k];
        for (int i = 0; i < k; i++) bound[i] = Math.Max(photons[i].StartTimePs, photons[(i + k - 1) % k].StartTimePs) - origin;

        // Identical photons: rotating the cycle's labels maps each time ordering to another of the same integral, and each
        // orbit of k orderings has one with variable 0 earliest: those, times k.
        bool identical = photons.All(p => p.Equals(photons[0])) && rates.All(r => r.Equals(rates[0]));
        int first = identical ? 1 : 0;
        var order = Enumerable.Range(0, k).ToArray(); // order[p] = the variable at position p (ascending time)
        var rank = new int[k];
        var chosen = new ExponentialTerm[k][];
        var choice = new int[k];
        var ratesByVariable = new Complex[k];
        var ratesByPosition = new Complex[k];
        var boundsByPosition = new double[k];
        var total = ScaledComplex.Zero;
        do
        {
            for (int p = 0; p < k; p++) rank[order[p]] = p;
            int combinations = 1;
            for (int j = 0; j < k; j++)
            {
                chosen[j] = rank[j] > rank[(j + 1) % k] ? lower[j] : upper[j];
                combinations *= chosen[j].Length;
            }
            for (int p = 0; p < k; p++) boundsByPosition[p] = bound[order[p]];
            for (int c = 0; c < combinations; c++)
            {
                int rest = c;
                var coefficient = ScaledComplex.Of(Complex.One);
                Array.Clear(ratesByVariable);
                for (int j = 0; j < k; j++)
                {
                    choice[j] = rest % chosen[j].Length;
                    rest /= chosen[j].Length;
                    var term = chosen[j][choice[j]];
                    coefficient *= new ScaledComplex(term.Coefficient, term.LogScale);
                    ratesByVariable[j] += term.A;
                    ratesByVariable[(j + 1) % k] += term.B;
                }
                for (int p = 0; p < k; p++) ratesByPosition[p] = ratesByVariable[order[p]];
                total += coefficient * OrderedExponentialIntegral.Compute(ratesByPosition, boundsByPosition);
            }
        }
        while (NextPermutation(order, first));
        return identical ? k * total.Value : total.Value;
    }

    /// <summary>Advances a[from..] to its next permutation in lexicographic order; false after the last.</summary>
    private static bool NextPermutation(int[] a, int from)
    {
        int i = a.Length - 2;
        while (i >= from && a[i] >= a[i + 1]) i--;
        if (i < from) return false;
        int j = a.Length - 1;
        while (a[j] <= a[i]) j--;
        (a[i], a[j]) = (a[j], a[i]);
        Array.Reverse(a, i + 1, a.Length - i - 1);
        return true;
    }
}

/// <summary>A complex number m·e^{L} with its scale apart, so that products of huge and tiny exponentials keep their digits.</summary>
internal readonly record struct ScaledComplex(Complex Mantissa, double Log)
{
    public static readonly ScaledComplex Zero = new(Complex.Zero, double.NegativeInfinity);

    public static ScaledComplex Of(Complex value) => value == Complex.Zero ? Zero : new(value, 0);

    /// <summary>e^{z}.</summary>
    public static ScaledComplex Exp(Complex z) => new(Complex.FromPolarCoordinates(1, z.Imaginary), z.Real);

    public static ScaledComplex operator *(ScaledComplex a, ScaledComplex b) =>
        a.Mantissa == Complex.Zero || b.Mantissa == Complex.Zero ? Zero : new(a.Mantissa * b.Mantissa, a.Log + b.Log);

    public static ScaledComplex operator *(ScaledComplex a, Complex b) => a.Mantissa == Complex.Zero || b == Complex.Zero ? Zero : new(a.Mantissa * b, a.Log);

    public static ScaledComplex operator +(ScaledComplex a, ScaledComplex b)
    {
        if (a.Mantissa == Complex.Zero) return b;
        if (b.Mantissa == Complex.Zero) return a;
        return a.Log >= b.Log
            ? new(a.Mantissa + b.Mantissa * Math.Exp(b.Log - a.Log), a.Log)
            : new(b.Mantissa + a.Mantissa * Math.Exp(a.Log - b.Log), b.Log);
    }

    public static ScaledComplex operator -(ScaledComplex a) => new(-a.Mantissa, a.Log);

    /// <summary>The value as a complex number (0 below the smallest double, ∞ above the largest).</summary>
    public Complex Value => Mantissa == Complex.Zero ? Complex.Zero : Mantissa * Math.Exp(Log);
}

/// <summary>
/// ∫ over τ_1 &lt; τ_2 &lt; … &lt; τ_k with τ_p ≥ β_p of exp(−Σ_p z_p τ_p), exactly: the inner integrals are piecewise
/// sums of c·u^n·e^{−r u} (u measured from each piece's start) between the ordered lower bounds, integrated from the
/// latest time down. Where |r|·(piece length) is small the exponential is expanded in its series, so that nearly
/// cancelling rates lose no accuracy. Coefficients carry their scale apart (<see cref="ScaledComplex"/>): photons far
/// apart in time give factors like e^{±1000} that cancel.
/// </summary>
internal static class OrderedExponentialIntegral
{
    private readonly record struct Term(ScaledComplex Coefficient, Complex Rate, int Power);

    private sealed record Piece(double Start, List<Term> Terms);

    /// <summary>The integral; the latest block of variables must have rates with a positive real part (convergence).</summary>
    public static ScaledComplex Compute(ReadOnlySpan<Complex> rates, ReadOnlySpan<double> bounds)
    {
        int k = rates.Length;
        var effective = new double[k];
        for (int p = 0; p < k; p++) effective[p] = p == 0 ? bounds[0] : Math.Max(effective[p - 1], bounds[p]);
        var pieces = new List<Piece> { new(effective[k - 1], [new Term(ScaledComplex.Of(Complex.One), Complex.Zero, 0)]) };
        for (int p = k - 1; p >= 0; p--) pieces = Integrate(pieces, rates[p], effective[p]);
        return Value(pieces[0], 0);
    }

    /// <summary>F_p(x) = ∫_{max(x, lowest)}^∞ e^{−zτ} F_{p+1}(τ) dτ as pieces from <paramref name="lowest"/> up.</summary>
    private static List<Piece> Integrate(List<Piece> above, Complex z, double lowest)
    {
        int m = above.Count;
        // Tails T_i = ∫_{b_i}^∞ e^{−zτ} F(τ) dτ, from the top.
        var tails = new ScaledComplex[m + 1];
        tails[m] = ScaledComplex.Zero;
        var newPieces = new Piece[m];
        for (int i = m - 1; i >= 0; i--)
        {
            double start = above[i].Start;
            double length = i + 1 < m ? above[i + 1].Start - start : double.PositiveInfinity;
            var terms = new List<Term>();
            var constant = tails[i + 1];
            var scale = ScaledComplex.Exp(-z * start);
            foreach (var t in above[i].Terms)
                Antiderivative(t.Coefficient * scale, z + t.Rate, t.Power, length, terms, ref constant);
            terms.Add(new Term(constant, Complex.Zero, 0));
            newPieces[i] = new Piece(start, terms);
            tails[i] = Value(newPieces[i], 0);
        }
        var result = new List<Piece>(m + 1);
        if (lowest < above[0].Start)
        {
            // Below the first breakpoint F_{p+1} is constant, its value there.
            var k = Value(above[0], 0);
            var terms = new List<Term>();
            var constant = tails[0];
            Antiderivative(k * ScaledComplex.Exp(-z * lowest), z, 0, above[0].Start - lowest, terms, ref constant);
            terms.Add(new Term(constant, Complex.Zero, 0));
            result.Add(new Piece(lowest, terms));
        }
        result.AddRange(newPieces);
        return result;
    }

    /// <summary>
    /// Adds ∫_u^L c v^n e^{−w v} dv as a function of u (terms of <paramref name="terms"/>) plus its u-independent part
    /// (<paramref name="constant"/>).
    /// </summary>
    private static void Antiderivative(ScaledComplex c, Complex w, int n, double length, List<Term> terms, ref ScaledComplex constant)
    {
        if (c.Mantissa == Complex.Zero) return;
        bool infinite = double.IsPositiveInfinity(length);
        if (infinite && !(w.Real > 0))
            throw new InvalidOperationException("an ordered exponential integral does not converge (a rate of the latest times has no positive real part)");
        if (!infinite && Complex.Abs(w) * length < 0.5)
        {
            // e^{−wv} = Σ_q (−wv)^q/q!: ∫_u^L v^{n+q} dv = (L^{n+q+1} − u^{n+q+1})/(n+q+1).
            Complex factor = Complex.One;
            double limit = 1e-18 * Math.Max(1, Math.Pow(length, n + 1));
            for (int q = 0; q < 40; q++)
            {
                int power = n + q + 1;
                var a = c * (factor / power);
                terms.Add(new Term(-a, Complex.Zero, power));
                constant += a * Math.Pow(length, power);
                factor *= -w / (q + 1);
                if (Complex.Abs(factor) * Math.Pow(length, power + 1) <= limit) break;
            }
            return;
        }
        // ∫_u^L v^n e^{−wv} dv = [−e^{−wv} Σ_{j=0}^{n} n!/j! v^j / w^{n−j+1}]_u^L.
        double factorial = 1;
        for (int j = 2; j <= n; j++) factorial *= j;
        double jFactorial = 1;
        for (int j = 0; j <= n; j++)
        {
            if (j > 0) jFactorial *= j;
            var a = c * ((factorial / jFactorial) / Complex.Pow(w, n - j + 1));
            terms.Add(new Term(a, w, j));
            if (!infinite) constant += -(a * ScaledComplex.Exp(-w * length)) * Math.Pow(length, j);
        }
    }

    private static ScaledComplex Value(Piece piece, double u)
    {
        var sum = ScaledComplex.Zero;
        foreach (var t in piece.Terms)
        {
            if (t.Power > 0 && u == 0) continue;
            var term = t.Coefficient * (t.Power == 0 ? 1 : Math.Pow(u, t.Power));
            sum += t.Rate == Complex.Zero || u == 0 ? term : term * ScaledComplex.Exp(-t.Rate * u);
        }
        return sum;
    }
}
