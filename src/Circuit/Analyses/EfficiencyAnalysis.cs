using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Results;

namespace PhotonicKit.Circuit.Analyses;

/// <summary>
/// <c>efficiency</c>: the probability per pulse that the listed detectors register a photon of one source
/// (brightness and detector efficiency included, dark counts excluded), the circuit transmission of a photon that
/// has left the source, the loss budget along the best path and the detected rate (spec §5, docs/analyses.md).
/// </summary>
public sealed class EfficiencyAnalysis : Analysis
{
    private readonly FlatCircuit _circuit;
    private readonly PhotonSource _source;
    private readonly List<PhotonDetector> _detectors;

    private EfficiencyAnalysis(string keyPath, SourceMark mark, FlatCircuit circuit, PhotonSource source, List<PhotonDetector> detectors) : base(keyPath, mark)
    {
        _circuit = circuit;
        _source = source;
        _detectors = detectors;
    }

    /// <inheritdoc/>
    public override string Type => "efficiency";

    internal static EfficiencyAnalysis? Parse(MappingNode node, string keyPath, AnalysisScope scope)
    {
        var reader = new AnalysisReader(node, keyPath, scope.Bag, ["source", "detectors"]);
        var source = PhotonTransfer.ReadSource(scope, reader, "source");
        var detectors = PhotonTransfer.ReadDetectors(scope, reader, "detectors");
        if (source is null || detectors is null) return null;
        if (!PhotonTransfer.CheckSize(reader, "efficiency", [source], PhotonTransfer.Detectors(detectors, clicks: true, darkCounts: false))) return null;
        return new EfficiencyAnalysis(keyPath, node.Mark, scope.Circuit, source, detectors);
    }

    /// <inheritdoc/>
    public override long EstimateBytes() => CircuitEvaluation.EstimateBytes(_circuit, 7 + _source.Figures.SpectrumWavelengthNm.Length, 3 + _detectors.Count)
        + 16L * (1L << Math.Min(_detectors.Count, 40));

    /// <inheritdoc/>
    public override JsonObject Run(AnalysisContext context)
    {
        PhotonSource[] sources = [_source];
        var transfer = PhotonTransfer.Compute(_circuit, sources, _detectors, context, KeyPath, Mark);
        var engine = PhotonTransfer.Engine(sources, transfer, Quantum.GramMatrix.Indistinguishable(1), _detectors, clicks: true, darkCounts: false);
        double probability = Math.Clamp(1 - engine.ClickCountDistribution()[0], 0, 1);
        var result = NewResult();
        result["source"] = _source.Name;
        result["detectors"] = ResultJson.Strings(_detectors.Select(d => d.Name));
        result["probability"] = ResultJson.Number(probability);
        result["transmission"] = ResultJson.Number(Math.Clamp(transfer[0].TotalTransmission, 0, 1));
        var budget = new JsonArray();
        foreach (var (instance, loss, after, _) in PhotonTransfer.Budget(_circuit, sources, _source, _detectors, probability))
            budget.Add(new JsonObject { ["instance"] = instance, ["loss_db"] = loss is double l ? ResultJson.Number(l) : null, ["probability_after"] = ResultJson.Number(after) });
        result["budget"] = budget;
        double? frame = PhotonTransfer.FrameRateHz(sources, context, Mark, KeyPath, "rate_hz");
        if (frame is double f)
        {
            var marginals = engine.Marginals();
            result["rate_hz"] = ResultJson.Number(PhotonTransfer.DeadTimeCorrected(f, probability, marginals.Select(m => 1 - m[0]).ToArray(), _detectors));
        }
        else result["rate_hz"] = null;
        return result;
    }
}
