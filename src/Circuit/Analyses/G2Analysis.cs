using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Results;

namespace PhotonicKit.Circuit.Analyses;

/// <summary>
/// <c>g2</c>: the Hanbury Brown–Twiss correlation of one source on two detectors, g2 = ⟨n₀n₁⟩/(⟨n₀⟩⟨n₁⟩) from the
/// photon-number moments after detector efficiency (loss-independent; 2p2/μ² for the ideal setup), and the
/// coincidence probability per pulse of click detectors with dark counts (spec §5, docs/analyses.md). Through a
/// time_demux both are per frame of N pulses: detectors behind different channels see different, independent pulses
/// (g2 = 1, the side peaks of a pulsed correlation histogram).
/// </summary>
public sealed class G2Analysis : Analysis
{
    private readonly FlatCircuit _circuit;
    private readonly PhotonSource _source;
    private readonly List<PhotonSource> _pulses;
    private readonly List<PhotonDetector> _detectors;

    private G2Analysis(string keyPath, SourceMark mark, FlatCircuit circuit, PhotonSource source, List<PhotonSource> pulses, List<PhotonDetector> detectors) : base(keyPath, mark)
    {
        _circuit = circuit;
        _source = source;
        _pulses = pulses;
        _detectors = detectors;
    }

    /// <inheritdoc/>
    public override string Type => "g2";

    /// <summary>The keys this analysis takes besides <c>type</c>.</summary>
    internal static readonly string[] Keys = ["source", "detectors"];

    internal static G2Analysis? Parse(MappingNode node, string keyPath, AnalysisScope scope)
    {
        var reader = new AnalysisReader(node, keyPath, scope.Bag, Keys);
        var source = PhotonTransfer.ReadSource(scope, reader, "source");
        var detectors = PhotonTransfer.ReadDetectors(scope, reader, "detectors");
        if (source is null || detectors is null) return null;
        if (!PhotonTransfer.RequireCount(reader, "detectors", detectors, 2, "detectors [d0, d1]")) return null;
        // Through a time_demux: moments per frame of N pulses (detectors behind different channels see different pulses).
        var pulses = PhotonTransfer.Frame(scope, reader, [source], "the g2 of a demultiplexed source", maxPulses: 64, maxChannels: 64);
        if (pulses is null || !PhotonTransfer.CheckAfterpulsing(reader, pulses, detectors)) return null;
        return new G2Analysis(keyPath, node.Mark, scope.Circuit, source, pulses, detectors);
    }

    /// <inheritdoc/>
    internal override IReadOnlyCollection<string> ListedSources => [_source.Instance];

    /// <inheritdoc/>
    public override long EstimateBytes() => CircuitEvaluation.EstimateBytes(_circuit, PhotonTransfer.LineSamples + _source.Figures.SpectrumWavelengthNm.Length, 4) + 4096;

    /// <inheritdoc/>
    public override AnalysisResult Run(AnalysisContext context)
    {
        var sources = _pulses;
        var computed = PhotonTransfer.Compute(_circuit, sources, _detectors, context, KeyPath, Mark);
        PhotonTransfer.WarnIncoherentScattering(sources, computed, context, KeyPath, Mark);
        var (states, transfer) = PhotonTransfer.States(sources, computed, _detectors, context, KeyPath, Mark);
        // g2 of the photons of bright pulses (normalised as against neighbouring pulses); the coincidences include blinking.
        var moments = PhotonTransfer.Engine(sources, transfer, states, _detectors, clicks: true, darkCounts: false, blinking: false);
        var clicks = PhotonTransfer.Engine(sources, transfer, states, _detectors, clicks: true, darkCounts: true);
        double? g2 = moments.NormalizedCorrelation(0, 1);
        if (g2 is null)
            context.Warnings.Warning(Mark, $"{KeyPath}.g2", $"no light of '{_source.Name}' reaches '{_detectors[0].Name}' or '{_detectors[1].Name}': g2 is null");
        return new G2Result
        {
            Source = _source.Name,
            Detectors = _detectors.Select(d => d.Name).ToArray(),
            G2 = ResultValues.Finite(g2),
            CoincidenceProbability = clicks.Probability([1, 1]),
        };
    }
}
