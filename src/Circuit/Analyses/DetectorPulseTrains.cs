using System.Collections.Immutable;
using PhotonicKit.Circuit.Quantum;
using PhotonicKit.Components.Detection;

namespace PhotonicKit.Circuit.Analyses;

/// <summary>
/// The pulses each listed detector actually receives, as a periodic <see cref="PulsePattern"/>, and what its dead time and
/// correlated afterpulses make of them (<see cref="PulsedDetection"/>; docs/physics.md, "Detectors in pulsed operation").
/// A plain source sends a uniform train at its repetition rate. Through a time_demux channel k receives pulse k of every frame:
/// pulse by pulse every N-th pulse of the train, gated a burst of F consecutive pulses (1/f_rep apart) each switching period
/// 1/f_g, starting k·M + L pulses into it (<see cref="Components.Passive.DemuxFrames.PulseOffset"/>). A detector receives the
/// bursts of the channels whose light reaches it; the pulses arrive at their emission times (the paths' group delays, common to
/// a channel's pulses, are left out).
/// </summary>
internal static class DetectorPulseTrains
{
    /// <summary>
    /// Whether <paramref name="detector"/> is followed pulse by pulse for <paramref name="sources"/>: it has
    /// <c>afterpulse_time_ns</c>, or a pulsed dead time and the sources reach it through a time_demux (a plain source's uniform
    /// train keeps the closed form f·p/(1 + K·p), which the chain reproduces).
    /// </summary>
    public static bool FollowsPulses(DetectorSettings detector, IReadOnlyList<PhotonSource> sources) =>
        detector.AfterpulseTimeNs is not null || (detector.PulsedDeadTime && detector.DeadTimeNs > 0 && sources.Any(s => s.Frames is not null));

    /// <summary>
    /// The pattern of one detector: per channel (one entry for a plain source, N through a time_demux) whether light reaches the
    /// detector and its click probability per pulse. Null when no channel reaches it.
    /// </summary>
    /// <param name="sources">The sources or the pulses of a frame (their <see cref="PhotonSource.Frames"/> and repetition rate).</param>
    /// <param name="reaches">Per channel, whether its light reaches the detector.</param>
    /// <param name="clickProbability">Per channel, the click probability of a ready detector in a pulse of that channel.</param>
    /// <param name="frameRateHz">The frame rate (the pulse rate of a plain source).</param>
    public static PulsePattern? Pattern(IReadOnlyList<PhotonSource> sources, IReadOnlyList<bool> reaches, IReadOnlyList<double> clickProbability, double frameRateHz)
    {
        if (sources.FirstOrDefault(s => s.Frames is not null) is not { Frames: { } frames } pulse || pulse.Figures.RepetitionRateMhz is not double f)
            return reaches.Count > 0 && reaches[0] ? PulsePattern.Uniform(frameRateHz, clickProbability[0]) : null;
        double spacingNs = 1e3 / f;
        var arrivals = ImmutableArray.CreateBuilder<double>();
        var probabilities = ImmutableArray.CreateBuilder<double>();
        // Channel by channel, frame by frame: k·M + L + j increases (F + L ≤ M), and stays within the period (N·M ≤ f_rep/f_g).
        for (int k = 0; k < reaches.Count; k++)
        {
            if (!reaches[k]) continue;
            for (int j = 0; j < frames.FramesPerPeriod; j++)
            {
                arrivals.Add(frames.PulseOffset(j, k) * spacingNs);
                probabilities.Add(clickProbability[k]);
            }
        }
        return arrivals.Count == 0 ? null : new PulsePattern(frames.PeriodInPulses * spacingNs, arrivals.ToImmutable(), probabilities.ToImmutable());
    }

    /// <summary>
    /// Per detector and channel, whether the light of the sources' pulses on that channel reaches the detector and the click
    /// probability of a ready detector in such a pulse, photons, leaked laser light and dark counts included, afterpulses not:
    /// one engine per channel with the pulses of all sources on it (one channel, all sources, without a time_demux).
    /// </summary>
    public static (bool[][] Reaches, double[][] Clicks) ChannelClicks(IReadOnlyList<PhotonSource> sources, IReadOnlyList<SourceTransfer> transfers,
        SourceStates states, IReadOnlyList<PhotonDetector> detectors, int maxPhotons, bool blinking, bool background)
    {
        int channels = sources.Any(s => s.PulseChannel is not null) ? sources.Max(s => s.PulseChannel ?? 0) + 1 : 1;
        var reaches = new bool[detectors.Count][];
        var clicks = new double[detectors.Count][];
        for (int d = 0; d < detectors.Count; d++)
        {
            reaches[d] = new bool[channels];
            clicks[d] = new double[channels];
        }
        for (int k = 0; k < channels; k++)
        {
            int[] members = [.. Enumerable.Range(0, sources.Count).Where(s => (sources[s].PulseChannel ?? 0) == k)];
            if (members.Length == 0) continue;
            bool any = false;
            for (int d = 0; d < detectors.Count; d++)
            {
                reaches[d][k] = members.Any(s => transfers[s].Column[d] != System.Numerics.Complex.Zero);
                any |= reaches[d][k];
            }
            if (!any) continue;
            var engine = PhotonTransfer.Engine(members.Select(s => sources[s]).ToArray(), members.Select(s => transfers[s]).ToArray(),
                members.Length == sources.Count ? states : SourceStates.Subset(states, members), detectors, clicks: true, darkCounts: true,
                maxPhotons, blinking, background, afterpulses: false);
            var marginals = engine.Marginals();
            for (int d = 0; d < detectors.Count; d++) clicks[d][k] = Math.Clamp(1 - marginals[d][0], 0, 1);
        }
        return (reaches, clicks);
    }

    /// <summary>
    /// L_d, the share of a detector's clicks it registers: Σ_i R_i q_i / Σ_i q_i over its pattern, q_i = 1 − (1 − p_i)(1 − a_i)
    /// the click probability of a ready detector (photons, dark counts, afterpulses) and R_i the chance it is ready.
    /// </summary>
    public static double RegisteredShare(PulsePattern pattern, PulsedDetectionResult result)
    {
        double all = 0, registered = 0;
        for (int i = 0; i < pattern.ArrivalNs.Length; i++)
        {
            double p = pattern.ClickProbabilities[i];
            all += p + (1 - p) * result.AfterpulseGivenReady[i];
            registered += result.Clicks(i);
        }
        return all > 0 ? Math.Clamp(registered / all, 0, 1) : 1;
    }

    /// <summary>
    /// The share of the photon clicks of a pattern (photons only, dark counts left out, as <c>efficiency</c> counts them) that
    /// the detector registers: Σ_i R_i p_i / Σ_i p_i, its dead time started by photon clicks and their afterpulses.
    /// </summary>
    public static double PhotonShare(PulsePattern pattern, PulsedDetectionResult result)
    {
        double all = pattern.ClickProbabilities.Sum();
        return all > 0 ? Math.Clamp(result.PhotonClicks.Sum() / all, 0, 1) : 1;
    }

    /// <summary>
    /// The afterpulse probability per frame of a ready detector, for the engine: Σ_i a_i over a period's pulses divided by the
    /// frames a period (<see cref="Components.Passive.DemuxFrames.FramesPerPeriod"/>, 1 for a plain source), at most 1 − 10⁻¹⁵.
    /// </summary>
    public static double AfterpulsePerFrame(IReadOnlyList<PhotonSource> sources, PulsedDetectionResult result)
    {
        int frames = sources.FirstOrDefault(s => s.Frames is not null)?.Frames!.FramesPerPeriod ?? 1;
        return Math.Min(result.AfterpulseGivenReady.Sum() / frames, 1 - 1e-15);
    }
}
