using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Results;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Circuit.Analyses;

/// <summary>
/// <c>figures</c>: the efficiency chain of one source from preparation to detection, with the g2,
/// indistinguishability, HOM visibility and rate of the photons reaching the detectors after the circuit's spectral
/// filtering (spec §5, docs/analyses.md). Without detectors in the circuit, the chain ends at the source. Through a
/// time_demux the detected part of the chain and the rate are averages over the pulses of a frame, as in <c>efficiency</c>.
/// </summary>
public sealed class FiguresAnalysis : Analysis
{
    private readonly FlatCircuit _circuit;
    private readonly PhotonSource _source;
    private readonly List<PhotonSource> _pulses;
    private readonly List<PhotonDetector> _detectors;

    private FiguresAnalysis(string keyPath, SourceMark mark, FlatCircuit circuit, PhotonSource source, List<PhotonSource> pulses, List<PhotonDetector> detectors) : base(keyPath, mark)
    {
        _circuit = circuit;
        _source = source;
        _pulses = pulses;
        _detectors = detectors;
    }

    /// <inheritdoc/>
    public override string Type => "figures";

    /// <summary>The keys this analysis takes besides <c>type</c>.</summary>
    internal static readonly string[] Keys = ["source", "detectors"];

    internal static FiguresAnalysis? Parse(MappingNode node, string keyPath, AnalysisScope scope)
    {
        var reader = new AnalysisReader(node, keyPath, scope.Bag, Keys);
        var source = PhotonTransfer.ReadSource(scope, reader, "source");
        var detectors = PhotonTransfer.ReadDetectors(scope, reader, "detectors", defaultAll: true);
        if (source is null || detectors is null) return null;
        var pulses = detectors.Count > 0 ? PhotonTransfer.Frame(scope, reader, [source], "the figures of a demultiplexed source", maxPulses: 64, maxChannels: 64) : [source];
        if (pulses is null) return null;
        if (detectors.Count > 0 && !PhotonTransfer.CheckSize(reader, "figures", [source], PhotonTransfer.Detectors(detectors, clicks: true, darkCounts: false))) return null;
        return new FiguresAnalysis(keyPath, node.Mark, scope.Circuit, source, pulses, detectors);
    }

    /// <inheritdoc/>
    internal override IReadOnlyCollection<string> ListedSources => [_source.Instance];

    /// <inheritdoc/>
    public override long EstimateBytes() => CircuitEvaluation.EstimateBytes(_circuit, PhotonTransfer.LineSamples + _source.Figures.SpectrumWavelengthNm.Length, 3 + _detectors.Count)
        + 16L * (1L << Math.Min(_detectors.Count, 40));

    /// <inheritdoc/>
    public override AnalysisResult Run(AnalysisContext context)
    {
        var f = _source.Figures;
        var chain = new List<ChainStep>();
        void Add(string point, double factor, double brightness, IReadOnlyList<ChainPart>? parts = null) =>
            chain.Add(new ChainStep { Point = point, Factor = factor, Brightness = brightness, Parts = parts });
        foreach (var step in f.Chain)
            if (step.Point != "sideband_filtered" || step.Factor != 1) Add(step.Point, step.Factor, step.Brightness);
        double indistinguishability = f.Indistinguishability;
        double? rate = null;
        // The share of the leaked laser light the circuit passes for every share of the photons (1 when it sees the circuit as they do).
        double laserShare = 1;
        if (_detectors.Count > 0)
        {
            double? pulseRate = PhotonTransfer.FrameRateHz([_source], context, Mark, KeyPath, "rate_hz");
            var sources = _pulses;
            var transfer = PhotonTransfer.Compute(_circuit, sources, _detectors, context, KeyPath, Mark);
            laserShare = PhotonTransfer.BackgroundRelativeTransmission(transfer);
            var (probability, perDetector, perPulse) = PhotonTransfer.PulseAveragedDetection(sources, transfer, _detectors);
            // The path part of the chain is the efficiency analysis' budget after its source entry (each instance
            // on the best path, the detector, and "interference" where other paths add to the probability);
            // factors are ratios of consecutive brightness values, so they multiply to the detected probability.
            double previous = f.Brightness;
            foreach (var (instance, _, after, _, parts) in PhotonTransfer.Budget(_circuit, sources, sources, _detectors, probability, PhotonTransfer.CoherentProbability(sources, transfer, _detectors), transfer).Skip(1))
            {
                ChainPart[]? chainParts = null;
                if (parts is { Count: > 0 })
                {
                    double before = previous;
                    chainParts = parts.Select(p =>
                    {
                        var part = new ChainPart { Cause = p.Cause, Factor = before > 0 ? p.ProbabilityAfter / before : 0, Brightness = p.ProbabilityAfter };
                        before = p.ProbabilityAfter;
                        return part;
                    }).ToArray();
                }
                Add(instance, previous > 0 ? after / previous : 0, after, chainParts);
                previous = after;
            }
            Add("detected", previous > 0 ? probability / previous : 0, probability);
            // Two photons of the source as they reach the detectors, weighted over the pulses of a frame by their transmission.
            PhotonTransfer.WarnIncoherentScattering(sources, transfer, context, KeyPath, Mark);
            var (states, _) = PhotonTransfer.States(sources, transfer, _detectors, null, KeyPath, Mark);
            double weight = transfer.Sum(t => t.TotalTransmission);
            double mainOverlap = weight > 0
                ? Enumerable.Range(0, sources.Count).Sum(a => transfer[a].TotalTransmission * PhotonStates.Overlap(states, a, a)) / weight
                : PhotonStates.Overlap(states, 0, 0);
            // M_s at the detectors: the main photons' overlap there, with the extra photon's partial share (re-excitation).
            indistinguishability = SourceFigureCalculator.SinglePhotonIndistinguishability(f, mainOverlap);
            rate = pulseRate is double fr2 ? PhotonTransfer.DeadTimeCorrected(fr2, probability, perDetector, _detectors, sources, perPulse) : null;
        }
        else
        {
            context.Warnings.Warning(Mark, $"{KeyPath}.detectors", "the circuit has no detector: the chain ends at the source and rate_hz is the collected rate");
            rate = PhotonTransfer.FrameRateHz([_source], context, Mark, KeyPath, "rate_hz") is double fr ? fr * f.Brightness : null;
        }
        double g2 = f.AtEmitter.G2;
        double visibility = HongOuMandel.Visibility(indistinguishability, g2, f.AtEmitter.Mean);
        if (f.LaserBackground is { } b)
        {
            // Leaked laser light reaches the detectors with the photons and interferes with none of them. Per pulse, with μ
            // the source's photons and n_b the background's, the circuit passing r times more of the laser light than of the
            // photons (ratios that common losses do not change): the second factorial moment is 2p2 + 2μ·rn_b + 2r²p2_b, and
            // two such sources on a balanced splitter give V = M_eff μ²/(μ + rn_b)² − g2, M_eff = V₀ + g2₀ the source's own
            // overlapping share (docs/physics.md, "Laser background").
            double mu = f.AtEmitter.Mean, total = mu + laserShare * b.Mean;
            double withBackground = f.G2WithBackgroundThrough(laserShare);
            visibility = total > 0 ? (visibility + g2) * mu * mu / (total * total) - withBackground : 0;
            g2 = withBackground;
        }
        return new FiguresResult
        {
            Source = _source.Name,
            Detectors = _detectors.Select(d => d.Name).ToArray(),
            Brightness = f.Brightness,
            Chain = [.. chain],
            G2 = g2,
            Indistinguishability = indistinguishability,
            HomVisibility = visibility,
            RateHz = ResultValues.Finite(rate),
        };
    }
}
