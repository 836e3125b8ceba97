using System.Numerics;
using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Results;
using PhotonicKit.Circuit.Solver;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Analyses;

/// <summary>
/// <c>transmission</c>: power <c>|S[to, from]|²</c>, phase <c>atan2(Im, Re)</c> in (−π, π] and group delay
/// <c>+dφ/dω</c> (ps) for each pair of listed ports at each wavelength (spec §5). Phase and group delay are
/// null, with a warning, where |S| &lt; 1e−9.
/// </summary>
/// <remarks>
/// The group delay is a central difference in angular frequency, φ' ≈ arg(S(ω+δ)·conj(S(ω−δ)))/(2δ) with
/// δ = 1e−9·ω: the phase difference is taken as one argument so it never wraps for delays below
/// π/(2δ) (about 0.8 µs at 930 nm); the truncation error is O(δ²·φ''').
/// </remarks>
public sealed class TransmissionAnalysis : Analysis
{
    /// <summary>Relative step in angular frequency of the group-delay difference.</summary>
    public const double GroupDelayRelativeStep = 1e-9;

    /// <summary>|S| below which phase and group delay are undefined.</summary>
    public const double PhaseThreshold = 1e-9;

    private readonly double[] _wavelengthsNm;
    private readonly FlatCircuit _circuit;
    private readonly int[] _from;
    private readonly int[] _to;

    private TransmissionAnalysis(string keyPath, SourceMark mark, double[] wavelengthsNm, FlatCircuit circuit, int[] from, int[] to)
        : base(keyPath, mark)
    {
        _wavelengthsNm = wavelengthsNm;
        _circuit = circuit;
        _from = from;
        _to = to;
    }

    /// <inheritdoc/>
    public override string Type => "transmission";

    internal static TransmissionAnalysis? Parse(MappingNode node, string keyPath, AnalysisScope scope)
    {
        var reader = new AnalysisReader(node, keyPath, scope.Bag, ["from", "to", "wavelength_nm", "sweep"]);
        var grid = WavelengthChoice.Read(reader, scope);
        var names = scope.Circuit.ExternalPorts.Select(p => p.Name).ToArray();
        int[]? from = Ports(reader, "from", names), to = Ports(reader, "to", names);
        if (names.Length == 0)
        {
            scope.Bag.Error(node.Mark, keyPath, "the circuit has no external ports (add a top-level 'ports:' mapping)");
            return null;
        }
        if (grid is null || from is null || to is null) return null;
        return new TransmissionAnalysis(keyPath, node.Mark, grid, scope.Circuit, from, to);
    }

    private static int[]? Ports(AnalysisReader reader, string key, string[] names)
    {
        var given = reader.Names(key);
        if (!reader.Has(key)) return Enumerable.Range(0, names.Length).ToArray();
        if (given is null) return null;
        var result = new List<int>();
        bool ok = true;
        foreach (var (name, mark) in given)
        {
            int i = Array.IndexOf(names, name);
            if (i < 0)
            {
                reader.Bag.Error(mark, reader.Path(key), $"no external port '{name}'{Suggestions.Hint(name, names)} (ports: {string.Join(", ", names)})");
                ok = false;
            }
            else if (result.Contains(i))
            {
                reader.Bag.Error(mark, reader.Path(key), $"port '{name}' is listed twice");
                ok = false;
            }
            else result.Add(i);
        }
        if (ok && result.Count == 0)
        {
            reader.Error(key, "expected at least one port");
            ok = false;
        }
        return ok ? result.ToArray() : null;
    }

    /// <inheritdoc/>
    public override long EstimateBytes()
    {
        int n = _circuit.ExternalPorts.Count;
        return CircuitEvaluation.EstimateBytes(_circuit, 3L * _wavelengthsNm.Length, n) + 3 * 25L * _from.Length * _to.Length * _wavelengthsNm.Length;
    }

    /// <inheritdoc/>
    public override JsonObject Run(AnalysisContext context)
    {
        int count = _wavelengthsNm.Length;
        // Solve at λ and at ω(1 ± δ) in one call: [λ0, λ0−, λ0+, λ1, ...].
        var grid = new double[3 * count];
        for (int k = 0; k < count; k++)
        {
            grid[3 * k] = _wavelengthsNm[k];
            grid[3 * k + 1] = _wavelengthsNm[k] * (1 + GroupDelayRelativeStep); // lower ω
            grid[3 * k + 2] = _wavelengthsNm[k] / (1 + GroupDelayRelativeStep); // higher ω
        }
        SMatrixSweep s;
        try
        {
            s = CircuitEvaluation.Solve(_circuit, grid);
        }
        catch (SingularNetworkException e)
        {
            throw new AnalysisException(KeyPath, Mark, CircuitEvaluation.Describe(e, _circuit), e);
        }

        var power = new JsonObject();
        var phase = new JsonObject();
        var delay = new JsonObject();
        var names = s.Ports;
        foreach (int f in _from)
        {
            var powerF = new JsonObject();
            var phaseF = new JsonObject();
            var delayF = new JsonObject();
            foreach (int t in _to)
            {
                var p = new double[count];
                var ph = new double[count];
                var gd = new double[count];
                int undefined = 0;
                for (int k = 0; k < count; k++)
                {
                    Complex z = s[3 * k, t, f];
                    p[k] = z.Real * z.Real + z.Imaginary * z.Imaginary;
                    if (z.Magnitude < PhaseThreshold)
                    {
                        ph[k] = double.NaN;
                        gd[k] = double.NaN;
                        undefined++;
                        continue;
                    }
                    ph[k] = Math.Atan2(z.Imaginary, z.Real);
                    if (ph[k] == -Math.PI) ph[k] = Math.PI; // (−π, π]
                    gd[k] = GroupDelayPs(s[3 * k + 1, t, f], s[3 * k + 2, t, f], _wavelengthsNm[k]);
                }
                if (undefined > 0)
                    context.Warnings.Warning(Mark, $"{KeyPath}.phase_rad.{names[f]}.{names[t]}",
                        $"|S[{names[t]}, {names[f]}]| < 1e-9 at {undefined} of {count} wavelength(s): phase_rad and group_delay_ps are null there");
                powerF[names[t]] = ResultJson.Numbers(p);
                phaseF[names[t]] = ResultJson.Numbers(ph);
                delayF[names[t]] = ResultJson.Numbers(gd);
            }
            power[names[f]] = powerF;
            phase[names[f]] = phaseF;
            delay[names[f]] = delayF;
        }
        var result = NewResult();
        result["wavelength_nm"] = ResultJson.Numbers(_wavelengthsNm);
        result["power"] = power;
        result["phase_rad"] = phase;
        result["group_delay_ps"] = delay;
        return result;
    }

    /// <summary>dφ/dω in ps from S at ω(1 − δ) and ω(1 + δ); NaN when either is below the threshold.</summary>
    internal static double GroupDelayPs(Complex lowerOmega, Complex higherOmega, double wavelengthNm)
    {
        if (lowerOmega.Magnitude < PhaseThreshold || higherOmega.Magnitude < PhaseThreshold) return double.NaN;
        double omega = PhysicalConstants.AngularFrequencyRadPerPs(wavelengthNm);
        double dOmega = omega * (1 + GroupDelayRelativeStep) - omega / (1 + GroupDelayRelativeStep);
        double dPhi = (higherOmega * Complex.Conjugate(lowerOmega)).Phase;
        return dPhi / dOmega;
    }
}
