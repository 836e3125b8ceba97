using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Results;
using PhotonicKit.Circuit.Solver;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Analyses;

/// <summary>
/// <c>smatrix</c>: the circuit's S over its external ports (in the order of the file's <c>ports:</c>) at each
/// wavelength: <c>wavelength_nm[]</c>, <c>ports[]</c>, <c>re[λ][out][in]</c>, <c>im[λ][out][in]</c> (always 3-D).
/// </summary>
public sealed class SMatrixAnalysis : Analysis
{
    private readonly double[] _wavelengthsNm;
    private readonly FlatCircuit _circuit;

    internal SMatrixAnalysis(string keyPath, SourceMark mark, double[] wavelengthsNm, FlatCircuit circuit) : base(keyPath, mark)
    {
        _wavelengthsNm = wavelengthsNm;
        _circuit = circuit;
    }

    /// <inheritdoc/>
    public override string Type => "smatrix";

    /// <summary>The wavelengths, nm.</summary>
    public IReadOnlyList<double> WavelengthsNm => _wavelengthsNm;

    /// <summary>The keys this analysis takes besides <c>type</c>.</summary>
    internal static readonly string[] Keys = ["wavelength_nm", "sweep"];

    internal static SMatrixAnalysis? Parse(MappingNode node, string keyPath, AnalysisScope scope)
    {
        var reader = new AnalysisReader(node, keyPath, scope.Bag, Keys);
        var grid = WavelengthChoice.Read(reader, scope);
        return grid is null ? null : new SMatrixAnalysis(keyPath, node.Mark, grid, scope.Circuit);
    }

    /// <inheritdoc/>
    internal override IReadOnlyCollection<string> ListedSources => [];

    /// <inheritdoc/>
    public override long EstimateBytes()
    {
        int n = _circuit.ExternalPorts.Count;
        // the solve, plus the JSON text (about 25 bytes a number, two numbers an entry)
        return CircuitEvaluation.EstimateBytes(_circuit, _wavelengthsNm.Length, n) + 50L * n * n * _wavelengthsNm.Length;
    }

    /// <inheritdoc/>
    public override AnalysisResult Run(AnalysisContext context)
    {
        SMatrixSweep s;
        try
        {
            s = CircuitEvaluation.Solve(_circuit, _wavelengthsNm);
        }
        catch (SingularNetworkException e)
        {
            throw new AnalysisException(KeyPath, Mark, CircuitEvaluation.Describe(e, _circuit), e);
        }
        catch (ComponentSettingsException e)
        {
            throw new AnalysisException(KeyPath, Mark, e.Message, e);
        }
        int n = s.PortCount;
        var re = new IReadOnlyList<double>[s.WavelengthCount][];
        var im = new IReadOnlyList<double>[s.WavelengthCount][];
        for (int k = 0; k < s.WavelengthCount; k++)
        {
            re[k] = new IReadOnlyList<double>[n];
            im[k] = new IReadOnlyList<double>[n];
            var r = s.Real(k);
            var i = s.Imaginary(k);
            for (int o = 0; o < n; o++)
            {
                re[k][o] = r.Slice(o * n, n).ToArray();
                im[k][o] = i.Slice(o * n, n).ToArray();
            }
        }
        return new SMatrixResult { WavelengthNm = [.. _wavelengthsNm], Ports = [.. s.Ports], Re = re, Im = im };
    }
}

/// <summary>The wavelength precedence of spec §5: the analysis's own <c>sweep</c>, its own
/// <c>wavelength_nm</c>, the file's <c>sweep</c>, the file's <c>wavelength_nm</c>.</summary>
internal static class WavelengthChoice
{
    public static double[]? Read(AnalysisReader reader, AnalysisScope scope)
    {
        var grid = ReadGrid(reader, scope);
        if (grid is null || grid.Length == 0) return grid;
        // Components valid only on part of the spectrum (a directional coupler whose coupling(λ) leaves [0, 1])
        // are checked against the grid now, before anything is computed.
        if (CircuitEvaluation.GridProblem(scope.Circuit, grid.Min(), grid.Max()) is { } problem)
        {
            reader.Bag.Error(reader.Mark, reader.KeyPath, problem);
            return null;
        }
        return grid;
    }

    private static double[]? ReadGrid(AnalysisReader reader, AnalysisScope scope)
    {
        if (reader.Has("sweep"))
        {
            if (reader["sweep"] is MappingNode map)
            {
                var grid = reader.Grid(map, reader.Path("sweep"), "start_nm", "stop_nm");
                if (grid is not null && grid.Any(w => w <= 0))
                {
                    reader.Error("sweep", $"wavelengths must be > 0 nm, got a grid from {grid[0].ToString("R", System.Globalization.CultureInfo.InvariantCulture)} to {grid[^1].ToString("R", System.Globalization.CultureInfo.InvariantCulture)} nm");
                    return null;
                }
                return grid;
            }
            reader.Error("sweep", $"expected {{start_nm, stop_nm, points}}, got {AnalysisReader.Describe(reader["sweep"]!)}");
            return null;
        }
        if (reader.Has("wavelength_nm"))
        {
            double? w = reader.Number("wavelength_nm", 0, double.PositiveInfinity, minExclusive: true);
            return w is null ? null : [w.Value];
        }
        return scope.FileWavelengthsNm();
    }
}
