using System.Globalization;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace PhotonicKit.Components.Passive;

/// <summary>
/// A component given by a Touchstone file (<see cref="Touchstone"/>): ports o1 … oN in the file's order (or, with
/// <c>port_naming: file</c>, the names its <c>! Port[n] = name</c> comments give them), S(λ) interpolated
/// between the file's frequencies linearly in magnitude and in unwrapped phase (exact at the file's points; an interpolated
/// matrix with a singular value above 1 is scaled back to 1, so it stays passive), refused outside
/// the file's band. Checked for passivity when bound: a frequency whose largest singular value exceeds 1 + 10⁻⁹ is an error
/// naming it, unless <c>passivity: enforce</c> scales that point's matrix down to 1.
/// </summary>
public sealed class SParametersModel : ComponentModel
{
    private static readonly SettingSpec[] Specs =
    [
        new("file", SettingKind.Text, "", "a Touchstone file (.sNp, version 1.x or 2.0), its path relative to the netlist") { Required = true },
        new("port_naming", SettingKind.Choice, "", "numbered: ports o1 … oN in the file's order; file: the names the file's comments give them (! Port[n] = name)") { DefaultChoice = "numbered", Choices = ["numbered", "file"] },
        new("passivity", SettingKind.Choice, "", "check: a point with gain is an error; enforce: such points are scaled to the largest singular value 1") { DefaultChoice = "check", Choices = ["check", "enforce"] },
    ];

    /// <summary>Largest singular value accepted as passive (measurement round-off).</summary>
    public const double PassivityTolerance = 1e-9;

    /// <inheritdoc/>
    public override string Name => "sparameters";

    /// <inheritdoc/>
    public override string Summary => "S-parameters from a Touchstone file (.sNp), interpolated over the file's band";

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts => null;

    /// <inheritdoc/>
    public override string PortsDescription => "o1 … oN, the file's ports in order; with port_naming: file, the names its comments give them";

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: false, LosslessWithoutLoss: false);

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        string file = settings.Text("file");
        string passivity = settings.Choice("passivity");
        bool namedByFile = settings.Choice("port_naming") == "file";
        settings.ThrowIfErrors();
        string path = Path.IsPathRooted(file) || context.BaseDirectory is null ? file : Path.Combine(context.BaseDirectory, file);
        Touchstone data;
        try
        {
            data = Touchstone.Read(path);
        }
        catch (FormatException e)
        {
            throw new ComponentSettingsException([new SettingError("file", $"'{file}' is not a Touchstone file PhotonicKit reads: {e.Message}")]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ComponentSettingsException([new SettingError("file", $"cannot read '{file}' (resolved to '{Path.GetFullPath(path)}'): {e.Message}")]);
        }
        var ports = Enumerable.Range(1, data.Ports).Select(i => "o" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        if (namedByFile) ports = PortNamesFromFile(file, data);
        var matrices = data.Matrices.Select(m => (Complex[,])m.Clone()).ToArray();
        for (int k = 0; k < matrices.Length; k++)
        {
            double largest = Matrix<Complex>.Build.DenseOfArray(matrices[k]).Svd(false).S[0].Real;
            if (largest <= 1 + PassivityTolerance) continue;
            if (passivity == "check")
                throw new ComponentSettingsException([new SettingError("file", string.Create(CultureInfo.InvariantCulture,
                    $"'{file}' has gain at {data.FrequenciesHz[k] / 1e9:R} GHz (λ = {WavelengthNm(data.FrequenciesHz[k]):G9} nm): its largest singular value is {largest:G9} > 1, which no passive component has; passivity: enforce scales such points down"))]);
            for (int i = 0; i < matrices[k].GetLength(0); i++)
                for (int j = 0; j < matrices[k].GetLength(1); j++) matrices[k][i, j] /= largest;
        }
        return new BoundSParameters(this, file, data.FrequenciesHz, matrices, ports);
    }

    /// <summary>The names the file's comments give every port: each a port name ([A-Za-z_][A-Za-z0-9_]*), all different.</summary>
    private static string[] PortNamesFromFile(string file, Touchstone data)
    {
        var names = data.PortNames;
        if (names.Count == 0)
            throw new ComponentSettingsException([new SettingError("port_naming", $"'{file}' names none of its {data.Ports} ports (no comment '! Port[n] = name'); port_naming: numbered calls them o1 … o{data.Ports}")]);
        var problems = new List<string>();
        var missing = Enumerable.Range(0, data.Ports).Where(i => names[i] is null).Select(i => (i + 1).ToString(CultureInfo.InvariantCulture)).ToList();
        if (missing.Count > 0) problems.Add($"port{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)} {(missing.Count == 1 ? "has" : "have")} no name");
        foreach (var name in names.OfType<string>().Distinct(StringComparer.Ordinal))
            if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z_][A-Za-z0-9_]*$"))
                problems.Add($"'{name}' is not a port name (letters, digits and _, not starting with a digit)");
        foreach (var twice in names.OfType<string>().GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
            problems.Add($"'{twice.Key}' names {twice.Count()} ports");
        if (problems.Count > 0)
            throw new ComponentSettingsException([new SettingError("port_naming", $"'{file}' does not name its ports so that they can be used: {string.Join("; ", problems)}; port_naming: numbered calls them o1 … o{data.Ports}")]);
        return names.Select(n => n!).ToArray();
    }

    /// <summary>λ in nm of a frequency in Hz.</summary>
    internal static double WavelengthNm(double frequencyHz) => PhysicalConstants.SpeedOfLightNmPerPs * 1e12 / frequencyHz;
}

/// <summary>A bound <c>sparameters</c>: the file's S-parameters and the wavelengths they cover.</summary>
public sealed class BoundSParameters : BoundComponent
{
    private readonly string _file;
    private readonly double[] _frequenciesHz;
    private readonly double[][,] _magnitude;
    private readonly double[][,] _phase; // unwrapped along frequency, per entry

    internal BoundSParameters(SParametersModel model, string file, double[] frequenciesHz, Complex[][,] matrices, IReadOnlyList<string> ports)
        : base(model, ports)
    {
        _file = file;
        _frequenciesHz = frequenciesHz;
        int n = matrices[0].GetLength(0), count = matrices.Length;
        _magnitude = new double[count][,];
        _phase = new double[count][,];
        for (int k = 0; k < count; k++)
        {
            _magnitude[k] = new double[n, n];
            _phase[k] = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    _magnitude[k][i, j] = matrices[k][i, j].Magnitude;
                    double phase = matrices[k][i, j].Phase;
                    if (k > 0)
                    {
                        // The branch nearest the previous point's phase.
                        double previous = _phase[k - 1][i, j];
                        phase += 2 * Math.PI * Math.Round((previous - phase) / (2 * Math.PI));
                    }
                    _phase[k][i, j] = phase;
                }
        }
        ValidWavelengthRangeNm = (SParametersModel.WavelengthNm(frequenciesHz[^1]), SParametersModel.WavelengthNm(frequenciesHz[0]));
    }

    /// <summary>The wavelengths (nm) the file covers: from its highest frequency to its lowest.</summary>
    public (double MinNm, double MaxNm) ValidWavelengthRangeNm { get; }

    /// <summary>Why S is not defined at <paramref name="wavelengthNm"/> (outside the file's band), or null.</summary>
    public string? OutsideBand(double wavelengthNm)
    {
        var (min, max) = ValidWavelengthRangeNm;
        double tolerance = 1e-12 * max;
        if (wavelengthNm >= min - tolerance && wavelengthNm <= max + tolerance) return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"file '{_file}' covers λ from {min:G9} to {max:G9} nm ({_frequenciesHz[0] / 1e9:G9} to {_frequenciesHz[^1] / 1e9:G9} GHz); S at {wavelengthNm:G9} nm would be extrapolated");
    }

    /// <inheritdoc/>
    protected override void Fill(SMatrixSweep s)
    {
        int n = Ports.Count;
        for (int k = 0; k < s.WavelengthCount; k++)
        {
            double lambda = s.WavelengthsNm[k];
            if (OutsideBand(lambda) is { } problem) throw new ComponentSettingsException([new SettingError(Model.Name, problem)]);
            double f = PhysicalConstants.SpeedOfLightNmPerPs * 1e12 / lambda;
            int hi = Array.BinarySearch(_frequenciesHz, f);
            int lo;
            double w;
            if (hi >= 0) { lo = hi; w = 0; }
            else
            {
                hi = ~hi;
                if (hi == 0) { lo = hi = 0; w = 0; }
                else if (hi >= _frequenciesHz.Length) { lo = hi = _frequenciesHz.Length - 1; w = 0; }
                else
                {
                    lo = hi - 1;
                    w = (f - _frequenciesHz[lo]) / (_frequenciesHz[hi] - _frequenciesHz[lo]);
                }
            }
            var m = new Complex[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    double magnitude = (1 - w) * _magnitude[lo][i, j] + w * _magnitude[hi][i, j];
                    double phase = (1 - w) * _phase[lo][i, j] + w * _phase[hi][i, j];
                    m[i, j] = Complex.FromPolarCoordinates(magnitude, phase);
                }
            // Between two passive points, interpolated magnitudes and phases can hold a little gain (the passive matrices
            // are convex in their real and imaginary parts, not in magnitude and phase): such a point is scaled back to 1.
            double scale = w > 0 && n > 1 ? Math.Max(1, Matrix<Complex>.Build.DenseOfArray(m).Svd(false).S[0].Real) : 1;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) s.Set(k, i, j, m[i, j] / scale);
        }
    }
}
