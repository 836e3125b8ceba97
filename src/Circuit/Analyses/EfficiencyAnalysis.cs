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
    public override AnalysisResult Run(AnalysisContext context)
    {
        var sources = _pulses;
        var transfer = PhotonTransfer.Compute(_circuit, sources, _detectors, context, KeyPath, Mark);
        var (probability, perDetector, perPulse) = PhotonTransfer.PulseAveragedDetection(sources, transfer, _detectors);
        double transmission = Math.Clamp(PhotonTransfer.MeanTransmission(transfer), 0, 1);
        var budget = new List<LossBudgetEntry>();
        foreach (var (instance, loss, after, _, parts) in PhotonTransfer.Budget(_circuit, sources, sources, _detectors, probability, PhotonTransfer.CoherentProbability(sources, transfer, _detectors), transfer))
        {
            if (loss is null)
                context.Warnings.Warning(Mark, $"{KeyPath}.budget[{budget.Count}].loss_db",
                    $"no light is left at '{instance}' (probability_after 0{(budget.Count > 0 ? ", after " + budget[^1].Instance : "")}): the loss in dB is infinite, loss_db is null");
            budget.Add(new LossBudgetEntry
            {
                Instance = instance,
                LossDb = ResultValues.Finite(loss),
                ProbabilityAfter = after,
                Parts = parts is { Count: > 0 }
                    ? parts.Select(p => new LossBudgetPart { Cause = p.Cause, LossDb = ResultValues.Finite(p.LossDb), ProbabilityAfter = p.ProbabilityAfter }).ToArray()
                    : null,
            });
        }
        double? pulseRate = PhotonTransfer.FrameRateHz([_source], context, Mark, KeyPath, "rate_hz");
        return new EfficiencyResult
        {
            Source = _source.Name,
            Detectors = _detectors.Select(d => d.Name).ToArray(),
            Probability = probability,
            Transmission = transmission,
            Budget = [.. budget],
            RateHz = pulseRate is double f ? ResultValues.Finite(PhotonTransfer.DeadTimeCorrected(f, probability, perDetector, _detectors, sources, perPulse)) : null,
        };
    }
}
