using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Results;
using PhotonicKit.Components;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Circuit.Analyses;

/// <summary>
/// <c>source</c>: the per-pulse figures of one emitter (spec §5): rates and coupling, preparation, photon-number
/// distribution collected into the source's ports, g2, indistinguishability, HOM visibility and the emission
/// spectrum. Nothing of the circuit beyond the source's own ports enters.
/// </summary>
public sealed class SourceAnalysis : Analysis
{
    private readonly string _source;
    private readonly SourceFigures _figures;

    private SourceAnalysis(string keyPath, SourceMark mark, string source, SourceFigures figures) : base(keyPath, mark)
    {
        _source = source;
        _figures = figures;
    }

    /// <inheritdoc/>
    public override string Type => "source";

    /// <summary>The keys this analysis takes besides <c>type</c>.</summary>
    internal static readonly string[] Keys = ["source"];

    internal static SourceAnalysis? Parse(MappingNode node, string keyPath, AnalysisScope scope)
    {
        var reader = new AnalysisReader(node, keyPath, scope.Bag, Keys);
        if (!reader.Has("source"))
        {
            reader.Error("source", "missing: the emitting instance (a quantum_dot or cavity_source)");
            return null;
        }
        string? name = reader.Text("source");
        if (name is null) return null;
        var emitter = SourceLookup.Find(scope, reader, "source", name);
        if (emitter is null) return null;
        var figures = SourceLookup.Figures(scope, reader, "source", name, emitter);
        return figures is null ? null : new SourceAnalysis(keyPath, node.Mark, name, figures);
    }

    /// <inheritdoc/>
    public override long EstimateBytes() => 64L * 1024 + 64L * _figures.SpectrumWavelengthNm.Length;

    /// <inheritdoc/>
    public override AnalysisResult Run(AnalysisContext context)
    {
        var f = _figures;
        if (f.LifetimePs is null)
            context.Warnings.Warning(Mark, $"{KeyPath}.lifetime_ps",
                $"'{_source}' is given by its measured figures without lifetime_ps: lifetime_ps, spectrum_wavelength_nm and spectrum_per_nm are null");
        if (f.Purcell is null)
            context.Warnings.Warning(Mark, $"{KeyPath}.purcell",
                $"'{_source}' defines no Purcell factor (give purcell with bulk_lifetime_ps, or a cavity or waveguide geometry): purcell is null");
        var byPort = new OrderedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (port, value) in f.BrightnessByPort.OrderBy(kv => kv.Key, StringComparer.Ordinal)) byPort[port] = value;
        bool spectrum = f.LifetimePs is not null;
        return new SourceResult
        {
            Source = _source,
            LifetimePs = ResultValues.Finite(f.LifetimePs),
            Purcell = ResultValues.Finite(f.Purcell),
            Beta = f.Beta,
            ZplFraction = f.ZplFraction,
            PreparationEfficiency = f.PreparationEfficiency,
            Brightness = f.Brightness,
            BrightnessPort = byPort,
            MeanPhotonNumber = f.MeanPhotonNumber,
            P0 = f.P0,
            P1 = f.P1,
            P2 = f.P2,
            G2 = f.G2,
            Indistinguishability = f.Indistinguishability,
            HomVisibility = f.HomVisibility,
            SpectrumWavelengthNm = spectrum ? [.. f.SpectrumWavelengthNm] : null,
            SpectrumPerNm = spectrum ? [.. f.SpectrumPerNm] : null,
        };
    }
}

/// <summary>Finding a source instance for an analysis and computing its figures, with diagnostics.</summary>
internal static class SourceLookup
{
    public static IEmitterComponent? Find(AnalysisScope scope, AnalysisReader reader, string key, string name)
    {
        int index = scope.Circuit.IndexOf(name);
        if (index < 0)
        {
            reader.Error(key, PhotonTransfer.NoSuchInstance(name, scope.Circuit.Instances.Select(i => i.Name), "sources",
                scope.Circuit.Instances.Where(i => i.Component is IEmitterComponent).Select(i => i.Name)));
            return null;
        }
        if (scope.Circuit.Instances[index].Component is not IEmitterComponent emitter)
        {
            reader.Error(key, PhotonTransfer.NotASource(name, scope.Circuit.Instances[index].Component.Model.Name));
            return null;
        }
        return emitter;
    }

    /// <summary>The source's figures; an override that contradicts the model is reported on the instance.</summary>
    public static SourceFigures? Figures(AnalysisScope scope, AnalysisReader reader, string key, string name, IEmitterComponent emitter)
    {
        try
        {
            return emitter.Figures;
        }
        catch (ComponentSettingsException e)
        {
            var instance = scope.Circuit.Instances[scope.Circuit.IndexOf(name)];
            foreach (var error in e.Errors)
                scope.Bag.Error(instance.Mark, $"{name}.{error.Key}", error.Message);
            return null;
        }
    }
}
