using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Results;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Circuit.Analyses;

/// <summary>
/// <c>hom</c>: Hong–Ou–Mandel interference of two sources on two detectors: the moment-based visibility
/// V = 1 − 2⟨n₀n₁⟩/(⟨n₀⟩⟨n₁⟩) at zero extra delay (the circuit's own delays included), the single-photon overlap of
/// the interfering photons, M_s inferred back from V, and click coincidences per pulse over a scan of extra delay on
/// source a (spec §5, docs/analyses.md). One source through a time_demux interferes the pulses of a frame; two sources
/// connected to a time_demux are refused (photon_statistics covers them per frame).
/// </summary>
public sealed class HomAnalysis : Analysis
{
    private readonly FlatCircuit _circuit;
    private readonly List<PhotonSource> _sources;
    private readonly List<PhotonDetector> _detectors;
    private readonly double[] _delaysPs;

    private HomAnalysis(string keyPath, SourceMark mark, FlatCircuit circuit, List<PhotonSource> sources, List<PhotonDetector> detectors, double[] delaysPs) : base(keyPath, mark)
    {
        _circuit = circuit;
        _sources = sources;
        _detectors = detectors;
        _delaysPs = delaysPs;
    }

    /// <inheritdoc/>
    public override string Type => "hom";

    /// <summary>The keys this analysis takes besides <c>type</c>.</summary>
    internal static readonly string[] Keys = ["sources", "detectors", "delay_ps"];

    internal static HomAnalysis? Parse(MappingNode node, string keyPath, AnalysisScope scope)
    {
        var reader = new AnalysisReader(node, keyPath, scope.Bag, Keys);
        var sources = PhotonTransfer.ReadSources(scope, reader, "sources");
        var detectors = PhotonTransfer.ReadDetectors(scope, reader, "detectors");
        double[]? delays = reader.Has("delay_ps") ? reader.Values("delay_ps") : [0.0];
        if (delays is not null && delays.Any(d => !double.IsFinite(d)))
        {
            reader.Error("delay_ps", "delays must be finite");
            delays = null;
        }
        if (sources is null || detectors is null || delays is null) return null;
        if (delays.Any(d => d != 0) && sources.FirstOrDefault(x => !x.Emitter.Emitter.HasTemporalShape) is { } shapeless)
        {
            reader.Error("delay_ps", $"a delay scan needs the photons' temporal shape, and '{shapeless.Name}' is given by its measured figures without one: give '{shapeless.Name}' lifetime_ps");
            return null;
        }
        if (sources.Count == 1)
        {
            sources = PhotonTransfer.FramePulses(scope, reader, sources[0], "a one-source HOM", required: true, minChannels: 2, maxChannels: 64);
            if (sources is null) return null;
        }
        else if (!PhotonTransfer.RequireCount(reader, "sources", sources, 2, "sources [a, b]")) return null;
        else if (PhotonTransfer.ReachableDemuxes(scope.Circuit, sources).FirstOrDefault() is { } demux)
        {
            reader.Error("sources", $"a HOM of two sources with the time_demux '{demux.Name}' in the circuit is not supported: list one source (its demultiplexed pulses interfere) or use photon_statistics, which works per frame");
            return null;
        }
        bool ok = true;
        ok &= PhotonTransfer.RequireCount(reader, "detectors", detectors, 2, "detectors [d0, d1]");
        return ok && PhotonTransfer.CheckAfterpulsing(reader, sources, detectors) ? new HomAnalysis(keyPath, node.Mark, scope.Circuit, sources, detectors, delays) : null;
    }

    /// <inheritdoc/>
    internal override IReadOnlyCollection<string> ListedSources => PhotonTransfer.ListedNames(_sources).ToArray();

    /// <inheritdoc/>
    public override long EstimateBytes() =>
        2 * CircuitEvaluation.EstimateBytes(_circuit, PhotonTransfer.LineSamples + _sources.Max(s => s.Figures.SpectrumWavelengthNm.Length), 6) + 64L * _delaysPs.Length + 65536;

    /// <inheritdoc/>
    public override AnalysisResult Run(AnalysisContext context)
    {
        var computed = PhotonTransfer.Compute(_circuit, _sources, _detectors, context, KeyPath, Mark);
        PhotonTransfer.WarnIncoherentScattering(_sources, computed, context, KeyPath, Mark);
        var (states, transfers) = PhotonTransfer.States(_sources, computed, _detectors, context, KeyPath, Mark);
        // V of the photons of bright pulses (normalised as against neighbouring pulses); the coincidences include blinking.
        var moments = PhotonTransfer.Engine(_sources, transfers, states, _detectors, clicks: true, darkCounts: false, blinking: false);
        double? visibility = moments.HomVisibility(0, 1);
        // The overlap of the photons as they reach the detectors (filtering, delays and incoherent shares included).
        double overlap = PhotonStates.Overlap(states, 0, 1);
        // The g2 an HBT on these sources' light measures (leaked laser light included).
        double g2 = (_sources[0].Figures.G2WithBackgroundThrough(PhotonTransfer.BackgroundRelativeTransmission([computed[0]]))
            + _sources[1].Figures.G2WithBackgroundThrough(PhotonTransfer.BackgroundRelativeTransmission([computed[1]]))) / 2;
        double? fromVisibility = null;
        if (visibility is double v)
        {
            if (v is >= -1 and <= 1 && g2 < 1)
            {
                var inferred = HongOuMandel.IndistinguishabilityFromVisibility(v, g2);
                fromVisibility = inferred.Value;
                // Above 1 is expected when an extra photon partly shares the main photons' state (re-excitation).
                bool partialExtra = _sources.Any(x => x.Figures.ExtraPhotonShare is > 0 and < 1);
                if (inferred.Warning is not null && !partialExtra) context.Warnings.Warning(Mark, $"{KeyPath}.indistinguishability_from_visibility", inferred.Warning);
            }
        }
        else
        {
            context.Warnings.Warning(Mark, $"{KeyPath}.visibility",
                $"no light reaches '{_detectors[0].Name}' or '{_detectors[1].Name}': visibility and indistinguishability_from_visibility are null");
        }
        var coincidences = new double[_delaysPs.Length];
        using (Work.Part(null, _delaysPs.Length))
            for (int k = 0; k < _delaysPs.Length; k++)
            {
                using var step = Work.Part(_delaysPs.Length > 1 ? $"delay {k + 1}/{_delaysPs.Length}" : null, 1);
                var (delayed, delayedTransfers) = PhotonTransfer.States(_sources, computed, _detectors, null, KeyPath, Mark, _delaysPs[k]);
                coincidences[k] = PhotonTransfer.Engine(_sources, delayedTransfers, delayed, _detectors, clicks: true, darkCounts: true).Probability([1, 1]);
            }
        return new HomResult
        {
            Sources = PhotonTransfer.ListedNames(_sources).ToArray(),
            Detectors = _detectors.Select(d => d.Name).ToArray(),
            Visibility = ResultValues.Finite(visibility),
            Indistinguishability = overlap,
            IndistinguishabilityFromVisibility = ResultValues.Finite(fromVisibility),
            CoincidenceProbability = PhotonTransfer.Engine(_sources, transfers, states, _detectors, clicks: true, darkCounts: true).Probability([1, 1]),
            DelayPs = [.. _delaysPs],
            Coincidences = coincidences,
        };
    }
}
