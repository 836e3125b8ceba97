using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Results;

namespace PhotonicKit.Circuit.Analyses;

/// <summary>
/// <c>efficiency</c>: the probability per pulse that the listed detectors register a photon of one source
/// (brightness and detector efficiency included, dark counts excluded), the circuit transmission of a photon that
/// has left the source, the loss budget along the best path and the detected rate (spec §5, docs/analyses.md).
/// Through a time_demux each pulse leaves by its own channel with all its photons: the probability, the transmission
/// and the rate are averages over the N pulses of a frame, each computed on its channel.
/// </summary>
public sealed class EfficiencyAnalysis : Analysis
{
    private readonly FlatCircuit _circuit;
    private readonly PhotonSource _source;
    private readonly List<PhotonSource> _pulses;
    private readonly List<PhotonDetector> _detectors;

    private EfficiencyAnalysis(string keyPath, SourceMark mark, FlatCircuit circuit, PhotonSource source, List<PhotonSource> pulses, List<PhotonDetector> detectors) : base(keyPath, mark)
    {
        _circuit = circuit;
        _source = source;
        _pulses = pulses;
        _detectors = detectors;
    }

    /// <inheritdoc/>
    public override string Type => "efficiency";

    /// <summary>The keys this analysis takes besides <c>type</c>.</summary>
    internal static readonly string[] Keys = ["source", "detectors"];

    internal static EfficiencyAnalysis? Parse(MappingNode node, string keyPath, AnalysisScope scope)
    {
        var reader = new AnalysisReader(node, keyPath, scope.Bag, Keys);
        var source = PhotonTransfer.ReadSource(scope, reader, "source");
        var detectors = PhotonTransfer.ReadDetectors(scope, reader, "detectors");
        if (source is null || detectors is null) return null;
        // Through a time_demux: the N pulses of a frame, pulse k leaving by out k, averaged.
        var pulses = PhotonTransfer.Frame(scope, reader, [source], "the efficiency of a demultiplexed source", maxPulses: 64, maxChannels: 64);
        if (pulses is null) return null;
        if (!PhotonTransfer.CheckSize(reader, "efficiency", [source], PhotonTransfer.Detectors(detectors, clicks: true, darkCounts: false))) return null;
        return new EfficiencyAnalysis(keyPath, node.Mark, scope.Circuit, source, pulses, detectors);
    }

    /// <inheritdoc/>
    internal override IReadOnlyCollection<string> ListedSources => [_source.Instance];

    /// <inheritdoc/>
    public override long EstimateBytes() => CircuitEvaluation.EstimateBytes(_circuit, PhotonTransfer.LineSamples + _source.Figures.SpectrumWavelengthNm.Length, 3 + _detectors.Count)
        + 16L * (1L << Math.Min(_detectors.Count, 40));

    /// <inheritdoc/>
    public override JsonObject Run(AnalysisContext context)
    {
        var sources = _pulses;
        var transfer = PhotonTransfer.Compute(_circuit, sources, _detectors, context, KeyPath, Mark);
        var (probability, perDetector) = PhotonTransfer.PulseAveragedDetection(sources, transfer, _detectors);
        var result = NewResult();
        result["source"] = _source.Name;
        result["detectors"] = ResultJson.Strings(_detectors.Select(d => d.Name));
        result["probability"] = ResultJson.Number(probability);
        result["transmission"] = ResultJson.Number(Math.Clamp(PhotonTransfer.MeanTransmission(transfer), 0, 1));
        var budget = new JsonArray();
        foreach (var (instance, loss, after, _, parts) in PhotonTransfer.Budget(_circuit, sources, sources, _detectors, probability, PhotonTransfer.CoherentProbability(sources, transfer, _detectors), transfer))
        {
            if (loss is null)
                context.Warnings.Warning(Mark, $"{KeyPath}.budget[{budget.Count}].loss_db",
                    $"no light is left at '{instance}' (probability_after 0{(budget.Count > 0 ? ", after " + (string?)budget[^1]!["instance"] : "")}): the loss in dB is infinite, loss_db is null");
            var entry = new JsonObject { ["instance"] = instance, ["loss_db"] = loss is double l ? ResultJson.Number(l) : null, ["probability_after"] = ResultJson.Number(after) };
            if (parts is { Count: > 0 })
                entry["parts"] = new JsonArray(parts.Select(p => (JsonNode)new JsonObject
                {
                    ["cause"] = p.Cause,
                    ["loss_db"] = p.LossDb is double pl ? ResultJson.Number(pl) : null,
                    ["probability_after"] = ResultJson.Number(p.ProbabilityAfter),
                }).ToArray());
            budget.Add((JsonNode?)entry);
        }
        result["budget"] = budget;
        double? pulseRate = PhotonTransfer.FrameRateHz([_source], context, Mark, KeyPath, "rate_hz");
        if (pulseRate is double f) result["rate_hz"] = ResultJson.Number(PhotonTransfer.DeadTimeCorrected(f, probability, perDetector, _detectors));
        else result["rate_hz"] = null;
        return result;
    }
}
