using System.Numerics;
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
/// The group delay is a central difference in angular frequency, φ' ≈ arg(S(ω+δ)·conj(S(ω−δ)))/(2δ), taken
/// twice: with δ = 1e−10·ω, whose phase step never wraps for delays below about 8 µs at 930 nm but carries
/// the rounding noise of large propagation phases, and with δ = 1e−7·ω, accurate to about 1e−10 relative,
/// whose wrapped phase step is unwrapped with the first estimate. The truncation error is O(δ²·φ‴), small
/// unless a resonance is narrower than about 1e−6 of the optical frequency (Q above 10⁶).
/// </remarks>
public sealed class TransmissionAnalysis : Analysis
{
    /// <summary>Relative step in angular frequency of the coarse group-delay difference (unwrapping).</summary>
    public const double CoarseRelativeStep = 1e-10;

    /// <summary>Relative step in angular frequency of the fine group-delay difference.</summary>
    public const double FineRelativeStep = 1e-7;

    private const int PointsPerWavelength = 5;

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

    /// <summary>The keys this analysis takes besides <c>type</c>.</summary>
    internal static readonly string[] Keys = ["from", "to", "wavelength_nm", "sweep"];

    internal static TransmissionAnalysis? Parse(MappingNode node, string keyPath, AnalysisScope scope)
    {
        var reader = new AnalysisReader(node, keyPath, scope.Bag, Keys);
        var grid = WavelengthChoice.Read(reader, scope);
        var names = scope.Circuit.ExternalPorts.Select(p => p.Name).ToArray();
        int[]? from = Ports(reader, "from", names), to = Ports(reader, "to", names);
        if (names.Length == 0)
        {
            scope.Bag.Error(node.Mark, keyPath, PhotonTransfer.NoExternalPorts);
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
                reader.Bag.Error(mark, reader.Path(key), PhotonTransfer.NoExternalPort(name, names));
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
    internal override IReadOnlyCollection<string> ListedSources => [];

    /// <inheritdoc/>
    public override long EstimateBytes()
    {
        int n = _circuit.ExternalPorts.Count;
        return CircuitEvaluation.EstimateBytes(_circuit, (long)PointsPerWavelength * _wavelengthsNm.Length, n) + 3 * 25L * _from.Length * _to.Length * _wavelengthsNm.Length;
    }

    /// <inheritdoc/>
    public override AnalysisResult Run(AnalysisContext context)
    {
        int count = _wavelengthsNm.Length;
        // Solve at λ and at ω(1 ± δ) for both steps in one call: [λ0, coarse −, coarse +, fine −, fine +, λ1, ...].
        const int P = PointsPerWavelength;
        var grid = new double[P * count];
        // The derivative's probes stay where every component is defined: at the edge of a directional coupler's
        // valid range the difference becomes one-sided (the step is taken from the wavelengths actually solved at).
        var (validMin, validMax) = CircuitEvaluation.ValidWavelengthRangeNm(_circuit);
        for (int k = 0; k < count; k++)
        {
            grid[P * k] = _wavelengthsNm[k];
            grid[P * k + 1] = Math.Min(_wavelengthsNm[k] * (1 + CoarseRelativeStep), validMax); // lower ω
            grid[P * k + 2] = Math.Max(_wavelengthsNm[k] / (1 + CoarseRelativeStep), validMin); // higher ω
            grid[P * k + 3] = Math.Min(_wavelengthsNm[k] * (1 + FineRelativeStep), validMax);
            grid[P * k + 4] = Math.Max(_wavelengthsNm[k] / (1 + FineRelativeStep), validMin);
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
        catch (ComponentSettingsException e)
        {
            throw new AnalysisException(KeyPath, Mark, e.Message, e);
        }

        var power = new OrderedDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>>(StringComparer.Ordinal);
        var phase = new OrderedDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double?>>>(StringComparer.Ordinal);
        var delay = new OrderedDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double?>>>(StringComparer.Ordinal);
        var names = s.Ports;
        foreach (int f in _from)
        {
            var powerF = new OrderedDictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
            var phaseF = new OrderedDictionary<string, IReadOnlyList<double?>>(StringComparer.Ordinal);
            var delayF = new OrderedDictionary<string, IReadOnlyList<double?>>(StringComparer.Ordinal);
            foreach (int t in _to)
            {
                var p = new double[count];
                var ph = new double[count];
                var gd = new double[count];
                int undefined = 0, undefinedDelay = 0;
                for (int k = 0; k < count; k++)
                {
                    Complex z = s[P * k, t, f];
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
                    gd[k] = GroupDelayPs(s[P * k + 1, t, f], s[P * k + 2, t, f], s[P * k + 3, t, f], s[P * k + 4, t, f], grid.AsSpan(P * k + 1, 4));
                    if (!double.IsFinite(gd[k]))
                    {
                        gd[k] = double.NaN;
                        undefinedDelay++;
                    }
                }
                if (undefinedDelay > 0)
                    context.Warnings.Warning(Mark, $"{KeyPath}.group_delay_ps.{names[f]}.{names[t]}",
                        $"dφ/dω from the neighbouring wavelengths is not a finite number at {undefinedDelay} of {count} wavelength(s) (|S| < 1e-9 next to it, a directional coupler defined only there, or a wavelength at the edge of double precision): group_delay_ps is null there");
                if (undefined > 0)
                    context.Warnings.Warning(Mark, $"{KeyPath}.phase_rad.{names[f]}.{names[t]}",
                        $"|S[{names[t]}, {names[f]}]| < 1e-9 at {undefined} of {count} wavelength(s): phase_rad and group_delay_ps are null there");
                powerF[names[t]] = p;
                phaseF[names[t]] = ph.Select(x => ResultValues.Finite(x)).ToArray();
                delayF[names[t]] = gd.Select(x => ResultValues.Finite(x)).ToArray();
            }
            power[names[f]] = powerF;
            phase[names[f]] = phaseF;
            delay[names[f]] = delayF;
        }
        return new TransmissionResult { WavelengthNm = [.. _wavelengthsNm], Power = power, PhaseRad = phase, GroupDelayPs = delay };
    }

    /// <summary>dφ/dω in ps from S at the coarse pair and the fine pair of wavelengths (nm, each pair lower ω
    /// first, in that order in <paramref name="wavelengthsNm"/>); NaN when any |S| is below the threshold.</summary>
    internal static double GroupDelayPs(Complex coarseLower, Complex coarseHigher, Complex fineLower, Complex fineHigher, ReadOnlySpan<double> wavelengthsNm)
    {
        if (coarseLower.Magnitude < PhaseThreshold || coarseHigher.Magnitude < PhaseThreshold
            || fineLower.Magnitude < PhaseThreshold || fineHigher.Magnitude < PhaseThreshold) return double.NaN;
        double coarseStep = OmegaStep(wavelengthsNm[0], wavelengthsNm[1]);
        double fineStep = OmegaStep(wavelengthsNm[2], wavelengthsNm[3]);
        double coarse = (coarseHigher * Complex.Conjugate(coarseLower)).Phase / coarseStep;
        double finePhase = (fineHigher * Complex.Conjugate(fineLower)).Phase;
        // The fine phase step is known modulo 2π; the coarse delay says which branch.
        double turns = Math.Round((coarse * fineStep - finePhase) / (2 * Math.PI));
        return (finePhase + 2 * Math.PI * turns) / fineStep;
    }

    /// <summary>ω(λ_high) − ω(λ_low) in rad/ps, from the wavelengths actually solved at: the difference of the
    /// two stored wavelengths is exact, so the step carries no cancellation error.</summary>
    private static double OmegaStep(double longerNm, double shorterNm) =>
        2 * Math.PI * PhysicalConstants.SpeedOfLightNmPerPs * (longerNm - shorterNm) / (longerNm * shorterNm);
}
