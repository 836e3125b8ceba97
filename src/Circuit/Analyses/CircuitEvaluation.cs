using PhotonicKit.Circuit.Solver;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Analyses;

/// <summary>The classical solve of a flat circuit: evaluate every instance on a grid, then join them.</summary>
public static class CircuitEvaluation
{
    /// <summary>
    /// S over <paramref name="ports"/> (default: the circuit's external ports) at every wavelength. Throws
    /// <see cref="SingularNetworkException"/> when the network has no unique solution, and
    /// <see cref="ComponentSettingsException"/> when a component is invalid at one of the wavelengths.
    /// </summary>
    /// <remarks>
    /// The last solve is remembered (per thread) with its inputs: the same circuit object, ports, names and
    /// wavelengths give the same sweep object again without solving, so photon analyses of identical sources (the
    /// same emission grid) solve the circuit once. Callers only read the returned sweep.
    /// </remarks>
    public static SMatrixSweep Solve(FlatCircuit circuit, double[] wavelengthsNm, IReadOnlyList<InstancePort>? ports = null, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(wavelengthsNm);
        names ??= ports is null ? circuit.ExternalPorts.Select(p => p.Name).ToArray() : ports.Select(circuit.Describe).ToArray();
        if (_last is { } last && ReferenceEquals(last.Circuit, circuit) && last.Wavelengths.AsSpan().SequenceEqual(wavelengthsNm)
            && SamePorts(last.Ports, ports) && last.Names.SequenceEqual(names, StringComparer.Ordinal))
            return last.Result;
        var blocks = EvaluateBlocks(circuit, wavelengthsNm);
        var topology = circuit.Topology(ports);
        var result = NetworkSolver.Solve(topology, blocks, names);
        _last = new LastSolve(circuit, (double[])wavelengthsNm.Clone(), ports?.ToArray(), names.ToArray(), result);
        return result;
    }

    [ThreadStatic]
    private static LastSolve? _last;

    private sealed record LastSolve(FlatCircuit Circuit, double[] Wavelengths, InstancePort[]? Ports, string[] Names, SMatrixSweep Result);

    private static bool SamePorts(InstancePort[]? a, IReadOnlyList<InstancePort>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b);

    /// <summary>
    /// Every instance's S over the grid. Instances of one model with equal settings have equal matrices (a model
    /// is a pure function of its settings and the file's wavelength, which is common to the circuit), so each
    /// distinct (model, settings) pair is evaluated once and its sweep shared: a chain of a thousand identical
    /// rings costs two evaluations, not four thousand.
    /// </summary>
    public static SMatrixSweep[] EvaluateBlocks(FlatCircuit circuit, double[] wavelengthsNm)
    {
        var blocks = new SMatrixSweep[circuit.Instances.Count];
        var cache = new Dictionary<string, SMatrixSweep>(StringComparer.Ordinal);
        for (int i = 0; i < blocks.Length; i++)
        {
            var instance = circuit.Instances[i];
            string key = SettingsKey(instance);
            if (!cache.TryGetValue(key, out var sweep))
            {
                try
                {
                    sweep = instance.Component.Evaluate(wavelengthsNm);
                }
                catch (Components.Passive.CouplingOutOfRangeException e)
                {
                    throw new ComponentSettingsException([new SettingError(instance.Name, e.Message)]);
                }
                catch (ComponentSettingsException e) when (e.Errors is [{ } only] && only.Key == instance.Component.Model.Name)
                {
                    // An S-matrix that overflowed, or a response the settings do not define: named by the instance.
                    throw new ComponentSettingsException([new SettingError(instance.Name, only.Message)]);
                }
                cache[key] = sweep;
            }
            blocks[i] = sweep;
        }
        return blocks;
    }

    /// <summary>The wavelengths (nm) where every instance is defined: the intersection of the valid ranges of
    /// wavelength-limited components (a directional coupler's coupling(λ) in [0, 1]); (−∞, ∞) without any.</summary>
    public static (double MinNm, double MaxNm) ValidWavelengthRangeNm(FlatCircuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        double lo = double.NegativeInfinity, hi = double.PositiveInfinity;
        foreach (var instance in circuit.Instances)
        {
            var range = instance.Component switch
            {
                Components.Passive.BoundDirectionalCoupler dc => dc.ValidWavelengthRangeNm,
                Components.Passive.BoundSParameters sp => sp.ValidWavelengthRangeNm,
                _ => (double.NegativeInfinity, double.PositiveInfinity),
            };
            lo = Math.Max(lo, range.Item1);
            hi = Math.Min(hi, range.Item2);
        }
        return (lo, hi);
    }

    /// <summary>Why a grid from <paramref name="minNm"/> to <paramref name="maxNm"/> cannot be evaluated (an instance
    /// undefined somewhere on it, named with its valid range), or null.</summary>
    internal static string? GridProblem(FlatCircuit circuit, double minNm, double maxNm)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var instance in circuit.Instances)
        {
            if (instance.Component is Components.Passive.BoundSParameters sp)
            {
                if ((sp.OutsideBand(minNm) ?? sp.OutsideBand(maxNm)) is { } outside)
                    return $"{instance.Name}: {outside}; the grid spans [{minNm.ToString("R", c)}, {maxNm.ToString("R", c)}] nm";
                continue;
            }
            if (instance.Component is not Components.Passive.BoundDirectionalCoupler dc) continue;
            var (min, max) = dc.ValidWavelengthRangeNm;
            if (minNm >= min && maxNm <= max) continue;
            double bad = minNm < min ? minNm : maxNm;
            return $"{instance.Name}: coupling(λ) = {dc.CouplingAt(bad).ToString("R", c)} at λ = {bad.ToString("R", c)} nm is outside [0, 1]; " +
                   $"this directional coupler is valid for λ in [{min.ToString("R", c)}, {max.ToString("R", c)}] nm, the grid spans [{minNm.ToString("R", c)}, {maxNm.ToString("R", c)}] nm";
        }
        return null;
    }

    private static string SettingsKey(FlatInstance instance)
    {
        var settings = instance.Settings;
        var sb = new System.Text.StringBuilder(instance.Component.Model.Name);
        var keys = new string[settings.Count];
        int n = 0;
        foreach (var key in settings.Keys) keys[n++] = key;
        Array.Sort(keys, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            sb.Append('\u001f').Append(key).Append('=');
            // A number by its bits (distinct numbers, distinct keys, as their round-trip text), without formatting it.
            if (settings[key] is SettingValue.Number number) sb.Append('#').Append(BitConverter.DoubleToInt64Bits(number.Value));
            else sb.Append(settings[key]);
        }
        return sb.ToString();
    }

    /// <summary>Peak bytes of a solve over <paramref name="points"/> wavelengths: the distinct blocks' matrices
    /// (see <see cref="EvaluateBlocks"/>), the result and the solver's work space (estimated as twice the blocks).</summary>
    public static long EstimateBytes(FlatCircuit circuit, long points, int portCount)
    {
        long entries = 0;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var inst in circuit.Instances)
            if (distinct.Add(SettingsKey(inst)))
                entries += (long)inst.Component.Ports.Count * inst.Component.Ports.Count;
        return points * 16 * (3 * entries + (long)portCount * portCount);
    }

    /// <summary>A message naming the loop's instances and the wavelength of a singular network.</summary>
    public static string Describe(SingularNetworkException e, FlatCircuit circuit)
    {
        var names = e.Blocks.Select(b => b >= 0 && b < circuit.Instances.Count ? circuit.Instances[b].Name : $"#{b}").Distinct();
        return $"the network is singular at {e.WavelengthNm.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} nm " +
               $"(a lossless closed loop on resonance has no steady state) in the loop of instances {string.Join(", ", names)}";
    }
}
