namespace PhotonicKit.Circuit.Quantum;

/// <summary>
/// Pulses of one blinking emitter in the engine, in emission order, whose bright/dark states are correlated: the emitter
/// switches as a two-state (telegraph) Markov process that is bright a share p_on of the time (the sources'
/// <see cref="PhotonNumberSource.OnFraction"/>, the same for all of them) and whose correlation decays as e^(−Δt/τ_b).
/// Between consecutive pulses Δt apart, P(bright | bright) = p_on + (1 − p_on)r and P(bright | dark) = p_on(1 − r) with
/// r = e^(−Δt/τ_b) (<see cref="Persistence"/>): r = 0 makes the pulses independent, r = 1 gives them one state.
/// </summary>
/// <param name="Sources">Engine source indices, in emission order.</param>
/// <param name="Persistence">r between <paramref name="Sources"/>[i] and [i + 1], each in [0, 1].</param>
public sealed record BlinkingChain(IReadOnlyList<int> Sources, IReadOnlyList<double> Persistence)
{
    /// <summary>r = e^(−Δt/τ_b) for pulses <paramref name="separationNs"/> apart (0 when τ_b is 0: independent pulses).</summary>
    public static double PersistenceOf(double separationNs, double correlationNs) =>
        correlationNs > 0 ? Math.Exp(-Math.Abs(separationNs) / correlationNs) : 0;
}

/// <summary>
/// The bright/dark states of an experiment's sources: independent for each source outside a <see cref="BlinkingChain"/>,
/// a Markov chain along each chain. Gives the probability of a joint emission (a photon-number configuration) from the
/// sources' bright-state probabilities, and draws the states for a sample.
/// </summary>
internal sealed class SourceActivity
{
    private readonly double[] _on;
    private readonly BlinkingChain[] _chains;
    private readonly bool[] _inChain;

    public SourceActivity(IReadOnlyList<PhotonNumberSource> sources, IReadOnlyList<BlinkingChain>? chains)
    {
        _on = sources.Select(s => s.OnFraction).ToArray();
        _chains = chains?.ToArray() ?? [];
        _inChain = new bool[_on.Length];
        foreach (var chain in _chains)
        {
            if (chain.Persistence.Count != Math.Max(0, chain.Sources.Count - 1))
                throw new ArgumentException($"a blinking chain of {chain.Sources.Count} sources needs {Math.Max(0, chain.Sources.Count - 1)} persistence values, got {chain.Persistence.Count}");
            foreach (double r in chain.Persistence)
                if (!(r >= 0 && r <= 1)) throw new ArgumentOutOfRangeException(nameof(chains), r, "a persistence must lie in [0, 1]");
            foreach (int s in chain.Sources)
            {
                if ((uint)s >= (uint)_on.Length) throw new ArgumentOutOfRangeException(nameof(chains), s, $"source index must be in 0 … {_on.Length - 1}");
                if (_inChain[s]) throw new ArgumentException($"source {s} is in two blinking chains", nameof(chains));
                if (_on[s] != _on[chain.Sources[0]]) throw new ArgumentException("the sources of a blinking chain (pulses of one emitter) have one on fraction", nameof(chains));
                _inChain[s] = true;
            }
        }
        Any = _on.Any(p => p < 1);
    }

    /// <summary>True when some source blinks (p_on &lt; 1).</summary>
    public bool Any { get; }

    /// <summary>True when source <paramref name="s"/> blinks: it can give no photon whatever its distribution.</summary>
    public bool Blinks(int s) => _on[s] < 1;

    /// <summary>
    /// The probability of a joint emission, each source s in a state with probability <paramref name="bright"/>[s] when it
    /// is bright; a dark source can only be in the state without photons (<paramref name="nothing"/>[s]).
    /// </summary>
    public double Weight(ReadOnlySpan<double> bright, ReadOnlySpan<bool> nothing)
    {
        double weight = 1;
        for (int s = 0; s < _on.Length && weight > 0; s++)
            if (!_inChain[s]) weight *= _on[s] * bright[s] + (nothing[s] ? 1 - _on[s] : 0);
        foreach (var chain in _chains)
        {
            if (weight <= 0) break;
            double p = _on[chain.Sources[0]];
            int first = chain.Sources[0];
            double on = p * bright[first], off = nothing[first] ? 1 - p : 0;
            for (int i = 1; i < chain.Sources.Count; i++)
            {
                double r = chain.Persistence[i - 1];
                int s = chain.Sources[i];
                double toOn = on * (p + (1 - p) * r) + off * p * (1 - r);
                double toOff = on * (1 - p) * (1 - r) + off * (1 - p + p * r);
                on = toOn * bright[s];
                off = nothing[s] ? toOff : 0;
            }
            weight *= on + off;
        }
        return weight;
    }

    /// <summary>Draws which sources are bright for one pulse (frame). Only blinking sources use the generator, so a draw
    /// without blinking consumes it as before.</summary>
    public bool[] DrawBright(Random random)
    {
        var bright = new bool[_on.Length];
        for (int s = 0; s < _on.Length; s++)
            if (!_inChain[s]) bright[s] = _on[s] >= 1 || random.NextDouble() < _on[s];
        foreach (var chain in _chains)
        {
            double p = _on[chain.Sources[0]];
            bool state = p >= 1 || random.NextDouble() < p;
            bright[chain.Sources[0]] = state;
            for (int i = 1; i < chain.Sources.Count; i++)
            {
                double r = chain.Persistence[i - 1];
                if (p < 1) state = random.NextDouble() < (state ? p + (1 - p) * r : p * (1 - r));
                bright[chain.Sources[i]] = state;
            }
        }
        return bright;
    }
}
