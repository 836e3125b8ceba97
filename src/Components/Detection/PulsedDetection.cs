using System.Collections.Immutable;
using System.Globalization;

namespace PhotonicKit.Components.Detection;

/// <summary>
/// The pulses a detector receives, repeating with a period: a uniform train (one pulse a period), every N-th pulse of a
/// train behind a pulse-by-pulse demultiplexer, or the bursts of consecutive pulses a gated demultiplexer sends each channel.
/// </summary>
/// <param name="PeriodNs">T, the period of the pattern (ns, &gt; 0).</param>
/// <param name="ArrivalNs">The arrival times of the pulses within a period, strictly increasing in [0, T).</param>
/// <param name="ClickProbabilities">For each pulse, the probability p_i that a ready detector clicks in its window from the
/// pulse's photons and dark counts (afterpulses not included), each in [0, 1].</param>
public sealed record PulsePattern(double PeriodNs, ImmutableArray<double> ArrivalNs, ImmutableArray<double> ClickProbabilities)
{
    /// <summary>A uniform train at <paramref name="pulseRateHz"/> with click probability <paramref name="clickProbability"/> per pulse.</summary>
    public static PulsePattern Uniform(double pulseRateHz, double clickProbability) => new(1e9 / pulseRateHz, [0.0], [clickProbability]);

    /// <summary>Patterns per second, 1/T.</summary>
    public double PeriodsPerSecond => 1e9 / PeriodNs;
}

/// <summary>
/// What a detector registers, per pulse of a <see cref="PulsePattern"/> in the stationary state
/// (<see cref="PulsedDetection.Stationary"/>). Every entry is a probability per period of the pattern.
/// </summary>
/// <param name="Ready">P(ready at pulse i): the dead time since the last click has passed.</param>
/// <param name="PhotonClicks">P(a registered click at pulse i from its photons or dark counts) = Ready_i·p_i.</param>
/// <param name="AfterpulseClicks">P(a registered click at pulse i from an afterpulse alone, no photon nor dark count).</param>
/// <param name="AfterpulseGivenReady">a_i: probability that an afterpulse lands in the window of pulse i given the detector is
/// ready there (AfterpulseClicks_i / (Ready_i·(1 − p_i)); 0 where that is 0/0). A ready detector clicks with 1 − (1 − p_i)(1 − a_i).</param>
/// <param name="NextClickJoint">P(registered clicks at pulse i and at pulse i + 1, the next pulse of the pattern).</param>
public sealed record PulsedDetectionResult(double[] Ready, double[] PhotonClicks, double[] AfterpulseClicks, double[] AfterpulseGivenReady, double[] NextClickJoint)
{
    /// <summary>P(a registered click at pulse i), photons, dark counts and afterpulses.</summary>
    public double Clicks(int pulse) => PhotonClicks[pulse] + AfterpulseClicks[pulse];

    /// <summary>Registered clicks per period, Σ_i (PhotonClicks_i + AfterpulseClicks_i).</summary>
    public double ClicksPerPeriod => PhotonClicks.Sum() + AfterpulseClicks.Sum();

    /// <summary>
    /// The normalised correlation of a detector's clicks in consecutive pulses of the pattern,
    /// g⁽²⁾(next) = ⟨Σ_i P(c_i c_{i+1})⟩/⟨Σ_i P(c_i)P(c_{i+1})⟩ (sums over a period); 1 for independent pulses, below 1 where the
    /// dead time blocks the next pulse, above where afterpulses raise it. Null without clicks.
    /// </summary>
    public double? NextPulseCorrelation
    {
        get
        {
            int n = Ready.Length;
            double joint = NextClickJoint.Sum(), product = 0;
            for (int i = 0; i < n; i++) product += Clicks(i) * Clicks((i + 1) % n);
            return product > 0 ? joint / product : null;
        }
    }
}

/// <summary>
/// A detector with a dead time and afterpulses in pulsed operation, solved exactly as a Markov chain over the pulses of a
/// periodic <see cref="PulsePattern"/> (docs/physics.md, "Detectors in pulsed operation").
/// </summary>
public static class PulsedDetection
{
    /// <summary>Largest chain (states × states × pulses per period) solved; beyond it the dead time spans too many pulses.</summary>
    public const double MaxWork = 4e8;

    /// <summary>
    /// The stationary registration of a detector receiving <paramref name="pattern"/>.
    /// <para>Model. A click at pulse j (at its arrival t_j) makes the detector dead for τ_d: pulse i is missed when
    /// t_i − t_j &lt; τ_d (K = ⌈τ_d f⌉ − 1 pulses of a uniform train). A ready detector clicks at pulse i from its photons or
    /// dark counts with p_i. With probability P_ap a click leaves one afterpulse pending, released after an exponential delay of
    /// time constant τ_ap counted from the click; it registers when it falls into the window of a later pulse (gate g centred
    /// on the pulse, [t_i − g/2, t_i + g/2], cut where it overlaps the previous window) while the detector is ready, and is lost
    /// when it falls between windows or into the dead time (the detector is armed in its windows only, as a gated avalanche
    /// diode is). A click, afterpulse or not, may leave its own afterpulse; it replaces one still pending (one trap at a time).</para>
    /// <para>Chain. The state before pulse i is "dead since the click m pulses back" (m = 1 … the pulses within τ_d) or "ready",
    /// each with an afterpulse pending or not. Because the delay is exponential (memoryless), an afterpulse pending at the start
    /// a_i of window i lands in it with 1 − e^(−(b_i − a_i)/τ_ap) and survives to a_(i+1) with e^(−(a_(i+1) − a_i)/τ_ap). One
    /// period's transition matrix P is built pulse by pulse and its stationary vector π = Pπ, Σπ = 1, is solved directly.
    /// A uniform train without afterpulses gives the renewal rate f·p/(1 + K·p) (Müller, Nucl. Instrum. Methods 112, 47 (1973),
    /// for dead time in counting; Humer et al., J. Lightwave Technol. 33, 3098 (2015), and Ziarkash et al., Sci. Rep. 8, 5076
    /// (2018), for the exponential afterpulse delays of InGaAs and silicon avalanche diodes).</para>
    /// </summary>
    /// <param name="pattern">The pulses and their click probabilities.</param>
    /// <param name="deadTimeNs">τ_d, ns (≥ 0).</param>
    /// <param name="gateNs">g, the detection window around each pulse, ns (&gt; 0).</param>
    /// <param name="afterpulseProbability">P_ap in [0, 1).</param>
    /// <param name="afterpulseTimeNs">τ_ap, ns (&gt; 0); ignored when <paramref name="afterpulseProbability"/> is 0.</param>
    /// <exception cref="ArgumentException">An argument outside its range, or a chain larger than <see cref="MaxWork"/>.</exception>
    public static PulsedDetectionResult Stationary(PulsePattern pattern, double deadTimeNs, double gateNs, double afterpulseProbability, double afterpulseTimeNs)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var inv = CultureInfo.InvariantCulture;
        int n = pattern.ArrivalNs.Length;
        double period = pattern.PeriodNs;
        if (!(period > 0) || !double.IsFinite(period)) throw new ArgumentException($"the period must be finite and > 0 ns, got {period.ToString("R", inv)}", nameof(pattern));
        if (n == 0 || pattern.ClickProbabilities.Length != n) throw new ArgumentException("a pattern needs at least one pulse and one click probability per pulse", nameof(pattern));
        for (int i = 0; i < n; i++)
        {
            double t = pattern.ArrivalNs[i], p = pattern.ClickProbabilities[i];
            if (!(t >= 0 && t < period) || (i > 0 && !(t > pattern.ArrivalNs[i - 1])))
                throw new ArgumentException($"arrival {i} at {t.ToString("R", inv)} ns: arrivals must increase strictly within [0, {period.ToString("R", inv)}) ns", nameof(pattern));
            if (!(p >= 0 && p <= 1)) throw new ArgumentException($"click probability {i} is {p.ToString("R", inv)}, expected [0, 1]", nameof(pattern));
        }
        if (!(deadTimeNs >= 0) || !double.IsFinite(deadTimeNs)) throw new ArgumentException($"dead time {deadTimeNs.ToString("R", inv)} ns, expected finite and ≥ 0", nameof(deadTimeNs));
        if (!(gateNs > 0)) throw new ArgumentException($"gate {gateNs.ToString("R", inv)} ns, expected > 0", nameof(gateNs));
        if (!(afterpulseProbability >= 0 && afterpulseProbability < 1)) throw new ArgumentException($"afterpulse probability {afterpulseProbability.ToString("R", inv)}, expected [0, 1)", nameof(afterpulseProbability));
        if (afterpulseProbability > 0 && !(afterpulseTimeNs > 0)) throw new ArgumentException($"afterpulse time {afterpulseTimeNs.ToString("R", inv)} ns, expected > 0", nameof(afterpulseTimeNs));

        var chain = new Chain(pattern, deadTimeNs, gateNs, afterpulseProbability, afterpulseProbability > 0 ? afterpulseTimeNs : 1);
        double work = (double)chain.States * chain.States * n;
        if (work > MaxWork)
            throw new ArgumentException($"the dead time {deadTimeNs.ToString("R", inv)} ns spans {chain.MaxDead} pulses of a pattern of {n} pulses a period: the chain of {chain.States} states over {n} pulses is beyond {MaxWork.ToString("G2", inv)} operations", nameof(deadTimeNs));
        return chain.Solve();
    }

    /// <summary>The chain over one period (see <see cref="Stationary"/>).</summary>
    private sealed class Chain
    {
        private readonly int _n;
        private readonly double[] _t, _p, _windowStart, _windowEnd;
        private readonly double _periodNs, _deadNs, _afterpulse, _tauNs;
        private readonly int[] _deadBefore; // pulses back still within the dead time, per pulse

        public Chain(PulsePattern pattern, double deadTimeNs, double gateNs, double afterpulseProbability, double tauNs)
        {
            _n = pattern.ArrivalNs.Length;
            _t = [.. pattern.ArrivalNs];
            // A ready detector that clicks with certainty makes the stationary state depend on where it started; the chain
            // keeps a 10⁻¹² chance of no click so that it is unique.
            _p = [.. pattern.ClickProbabilities.Select(p => Math.Min(p, 1 - 1e-12))];
            _periodNs = pattern.PeriodNs;
            _deadNs = deadTimeNs * (1 - 1e-12); // as DetectorSettings.BlockedPulses: τ_d·f that should be whole
            _afterpulse = afterpulseProbability;
            _tauNs = tauNs;
            _windowStart = new double[_n];
            _windowEnd = new double[_n];
            for (int i = 0; i < _n; i++) _windowEnd[i] = _t[i] + gateNs / 2;
            for (int i = 0; i < _n; i++)
            {
                double previousEnd = i > 0 ? _windowEnd[i - 1] : _windowEnd[_n - 1] - _periodNs;
                _windowStart[i] = Math.Max(_t[i] - gateNs / 2, previousEnd);
            }
            _deadBefore = new int[_n];
            for (int i = 0; i < _n; i++)
            {
                int m = 0;
                while (Time(i) - Time(i - (m + 1)) < _deadNs)
                {
                    m++;
                    if (m > 1e7) break;
                }
                _deadBefore[i] = m;
            }
            MaxDead = _deadBefore.Max();
            States = 2 * MaxDead + 4;
        }

        /// <summary>The most pulses back within the dead time.</summary>
        public int MaxDead { get; }

        /// <summary>States: dead m = 1 … MaxDead + 1 pulses back, then ready, each without (even index) or with a pending afterpulse.</summary>
        public int States { get; }

        private int Ready => 2 * (MaxDead + 1);

        /// <summary>Arrival of pulse <paramref name="k"/> counted across periods (k may be negative).</summary>
        private double Time(int k) => _t[((k % _n) + _n) % _n] + Math.Floor((double)k / _n) * _periodNs;

        private double WindowStart(int k) => _windowStart[((k % _n) + _n) % _n] + Math.Floor((double)k / _n) * _periodNs;

        // Without afterpulses nothing is ever pending (a pending flag would otherwise never leave).
        private double Survive(double durationNs) => _afterpulse > 0 ? Math.Exp(-Math.Max(0, durationNs) / _tauNs) : 0;

        /// <summary>One pulse: <paramref name="state"/> (before pulse i) to <paramref name="next"/> (before pulse i + 1).
        /// Returns the registered photon/dark click and afterpulse-only click probabilities and the ready probability.</summary>
        public (double Ready, double Photon, double Afterpulse) Step(ReadOnlySpan<double> state, int i, Span<double> next)
        {
            next.Clear();
            double ready0 = state[Ready], ready1 = state[Ready + 1];
            // States whose dead time has passed at pulse i are ready.
            for (int m = 1; m <= MaxDead + 1; m++)
            {
                if (m <= _deadBefore[i]) continue;
                ready0 += state[2 * (m - 1)];
                ready1 += state[2 * (m - 1) + 1];
            }
            double nextStart = WindowStart(i + 1);
            double fullSurvival = Survive(nextStart - _windowStart[i]);
            for (int m = 1; m <= _deadBefore[i]; m++)
            {
                double d0 = state[2 * (m - 1)], d1 = state[2 * (m - 1) + 1];
                next[2 * m] += d0 + d1 * (1 - fullSurvival);
                next[2 * m + 1] += d1 * fullSurvival;
            }
            double p = _p[i];
            double windowSurvival = Survive(_windowEnd[i] - _windowStart[i]);
            double gapSurvival = Survive(nextStart - _windowEnd[i]);
            double noClickPending = (1 - p) * windowSurvival;
            double photon = (ready0 + ready1) * p;
            double afterpulseOnly = ready1 * (1 - p) * (1 - windowSurvival);
            double clicked = photon + afterpulseOnly;
            next[Ready] += ready0 * (1 - p) + ready1 * noClickPending * (1 - gapSurvival);
            next[Ready + 1] += ready1 * noClickPending * gapSurvival;
            double pending = _afterpulse * Survive(nextStart - _t[i]);
            next[0] += clicked * (1 - pending);
            next[1] += clicked * pending;
            return (ready0 + ready1, photon, afterpulseOnly);
        }

        public PulsedDetectionResult Solve()
        {
            int s = States;
            // The period's transition matrix, column by column.
            var transition = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(s, s);
            var a = new double[s];
            var b = new double[s];
            for (int column = 0; column < s; column++)
            {
                Array.Clear(a);
                a[column] = 1;
                for (int i = 0; i < _n; i++)
                {
                    Step(a, i, b);
                    (a, b) = (b, a);
                }
                for (int row = 0; row < s; row++) transition[row, column] = a[row];
            }
            // (P − I)π = 0 with one equation replaced by Σπ = 1.
            var system = transition - MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(s);
            var rhs = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(s);
            for (int column = 0; column < s; column++) system[0, column] = 1;
            rhs[0] = 1;
            var stationary = system.Solve(rhs).ToArray();
            for (int k = 0; k < s; k++) stationary[k] = Math.Max(0, stationary[k]);
            double total = stationary.Sum();
            for (int k = 0; k < s; k++) stationary[k] /= total;

            var ready = new double[_n];
            var photon = new double[_n];
            var afterpulse = new double[_n];
            var given = new double[_n];
            var joint = new double[_n];
            var state = stationary;
            var next = new double[s];
            var clickedOnly = new double[s];
            var scratch = new double[s];
            for (int i = 0; i < _n; i++)
            {
                (ready[i], photon[i], afterpulse[i]) = Step(state, i, next);
                double unregisteredNoPhoton = ready[i] * (1 - _p[i]);
                given[i] = unregisteredNoPhoton > 0 ? Math.Clamp(afterpulse[i] / unregisteredNoPhoton, 0, 1) : 0;
                // The states just after a click at pulse i (dead since one pulse back), carried through pulse i + 1.
                Array.Clear(clickedOnly);
                clickedOnly[0] = next[0];
                clickedOnly[1] = next[1];
                var (_, jointPhoton, jointAfterpulse) = Step(clickedOnly, (i + 1) % _n, scratch);
                joint[i] = jointPhoton + jointAfterpulse;
                (state, next) = (next, state);
            }
            return new PulsedDetectionResult(ready, photon, afterpulse, given, joint);
        }
    }
}
