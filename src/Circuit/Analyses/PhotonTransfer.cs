using System.Globalization;
using System.Numerics;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Circuit.Quantum;
using PhotonicKit.Components;
using PhotonicKit.Components.Detection;
using PhotonicKit.Components.Sources;
using QDetector = PhotonicKit.Circuit.Quantum.DetectorModel;
using QResolution = PhotonicKit.Circuit.Quantum.DetectorResolution;

namespace PhotonicKit.Circuit.Analyses;

/// <summary>A source listed by a photon analysis: its instance and figures.</summary>
/// <param name="Name">Instance name (with the pulse for a time_demux HOM).</param>
/// <param name="Index">Instance index in the flat circuit.</param>
/// <param name="Emitter">The bound emitter.</param>
/// <param name="Figures">Its per-pulse figures.</param>
/// <param name="PulseChannel">For one pulse of a source behind a time_demux: the demux channel the pulse leaves by
/// (the demux then routes only that channel, S(out_k, in) = √η_k); null otherwise.</param>
/// <param name="EmissionTimePs">Emission time of the pulse within the frame, k/f_rep.</param>
internal sealed record PhotonSource(string Name, int Index, IEmitterComponent Emitter, SourceFigures Figures, int? PulseChannel = null, double EmissionTimePs = 0)
{
    /// <summary>Frames per microsecond through a time_demux (f_rep/N pulse by pulse, f_g·F gated); null for a plain source.</summary>
    public double? FrameRateMhz { get; init; }

    /// <summary>Share of the source's pulses that a time_demux routes into some frame (1 pulse by pulse; below 1 when a gated
    /// switch leaves pulses unused or loses them in its rise time).</summary>
    public double UsedShare { get; init; } = 1;

    /// <summary>How the time_demux makes frames of the source's pulses (which pulse reaches which channel when); null for a plain source.</summary>
    public Components.Passive.DemuxFrames? Frames { get; init; }

    /// <summary>The instance name (without the pulse of a frame).</summary>
    public string Instance => PulseChannel is null ? Name : Name[..Name.IndexOf('[')];
}

/// <summary>One entry of a loss budget (<see cref="PhotonTransfer.Budget"/>).</summary>
/// <param name="Instance">The instance, or <c>interference</c> / <c>incoherent_scattering</c> for the closing entries.</param>
/// <param name="LossDb">10·log10(previous/after); null where a probability is 0.</param>
/// <param name="ProbabilityAfter">P(≥ 1) after this entry.</param>
/// <param name="Factor">after/previous.</param>
/// <param name="Parts">For <c>interference</c>: what it stands for, as successive factors (null elsewhere).</param>
internal sealed record BudgetEntry(string Instance, double? LossDb, double ProbabilityAfter, double Factor, IReadOnlyList<BudgetPart>? Parts = null);

/// <summary>One cause within the closing <c>interference</c> entry of a budget.</summary>
/// <param name="Cause"><c>interference</c>, <c>spectral_filtering</c>, <c>detectors_combined</c> or <c>pulses_averaged</c>.</param>
/// <param name="LossDb">10·log10(before/after); null where after is 0.</param>
/// <param name="ProbabilityAfter">P(≥ 1) after this cause.</param>
/// <param name="Factor">after/before.</param>
internal sealed record BudgetPart(string Cause, double? LossDb, double ProbabilityAfter, double Factor);

/// <summary>A detector listed by a photon analysis: its instance and settings.</summary>
internal sealed record PhotonDetector(string Name, int Index, DetectorSettings Settings);

/// <summary>One source's light at the listed detectors.</summary>
/// <param name="Column">Amplitude per detector (before detector efficiency) of one photon at the emitter: collection
/// and circuit included, T at the line centre scaled so that |amplitude|² equals the spectrally integrated power.</param>
/// <param name="Transmission">Per detector: ∫S|T|² over the emission spectrum for a photon that has left the source.</param>
/// <param name="GroupDelayPs">Group delay from the source to the detectors (power-weighted over detectors), ps.</param>
/// <param name="DetectorDelaysPs">Group delay to each detector, ps (0 where no light arrives).</param>
/// <param name="ZeroPhononShare">Share of the detected photon in the zero-phonon line (the rest is the incoherent sideband).</param>
/// <param name="Flatness">Mean square relative change of the transfer over the zero-phonon line beyond each path's delay
/// (0 for a circuit that is a complex gain and a delay over the line).</param>
/// <param name="Grid">The frequencies of the zero-phonon line the circuit was sampled at.</param>
/// <param name="GridAmplitudes">[grid point][detector] amplitudes of one photon that has left the source.</param>
/// <param name="IncoherentTransmission">Per detector: the part of <paramref name="Transmission"/> that quantum dots which are not
/// sources scatter incoherently (<see cref="PhotonTransfer.IncoherentReemission"/>); empty when none does.</param>
/// <param name="IncoherentScatterers">The names of those dots.</param>
/// <param name="Background">The source's leaked laser light at the detectors when its spectrum differs from the photons' in
/// what the circuit passes (<see cref="PhotonTransfer.LaserLight"/>); null when it sees the circuit as the photons do.</param>
internal sealed record SourceTransfer(Complex[] Column, double[] Transmission, double GroupDelayPs, double[] DetectorDelaysPs,
    double ZeroPhononShare, double Flatness, Photons.SpectralGrid? Grid, Complex[][] GridAmplitudes,
    double[]? IncoherentTransmission = null, IReadOnlyList<string>? IncoherentScatterers = null, LaserTransfer? Background = null)
{
    public double TotalTransmission => Transmission.Sum();

    /// <summary>The engine's column of the leaked laser light: its own, or the photons' when it sees the circuit as they do.</summary>
    public Complex[] BackgroundColumn => Background?.Column ?? Column;

    /// <summary>Σ over detectors of the leaked laser light's transmission (the photons' <see cref="TotalTransmission"/> when it
    /// sees the circuit as they do).</summary>
    public double TotalBackgroundTransmission => Background?.Transmission.Sum() ?? TotalTransmission;

    /// <summary>Σ over detectors of <see cref="IncoherentTransmission"/>.</summary>
    public double TotalIncoherentTransmission => IncoherentTransmission?.Sum() ?? 0;
}

/// <summary>The largest-product path from a source to a detector: the source port, instances with hop powers, the detector.</summary>
internal sealed record PhotonPath(string SourcePort, IReadOnlyList<(string Instance, double Power)> Hops, int Detector);

/// <summary>
/// Shared steps of the photon analyses (efficiency, g2, hom, photon_statistics, figures): reading source and
/// detector lists, the source→detector transfer, the path budget and the multi-photon engine.
/// </summary>
/// <remarks>
/// The transfer drops the listed sources' and detectors' own blocks and makes the instance ports they were connected
/// to the network's ports (a source port that is unconnected or exported loses its share of the light; light returning
/// into a source is lost; detectors are matched terminations). A photon's amplitude at detector d is
/// Σ_port √(η_port) · T[d, neighbour(port)] (η_port the collection efficiency into each port: the coherent superposition
/// √f·right + √(1−f)·left of a quantum_dot). The light that quantum dots which are not sources scatter incoherently is
/// added in power (<see cref="IncoherentReemission"/>). docs/analyses.md gives the definitions.
/// </remarks>
internal static partial class PhotonTransfer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // ---------------------------------------------------------------- parsing

    /// <summary>One source under <paramref name="key"/> (required).</summary>
    public static PhotonSource? ReadSource(AnalysisScope scope, AnalysisReader reader, string key)
    {
        if (!reader.Has(key))
        {
            reader.Error(key, "missing: the emitting instance (a quantum_dot or cavity_source)");
            return null;
        }
        string? name = reader.Text(key);
        return name is null ? null : Source(scope, reader, key, name);
    }

    /// <summary>A non-empty list of distinct sources under <paramref name="key"/> (required).</summary>
    public static List<PhotonSource>? ReadSources(AnalysisScope scope, AnalysisReader reader, string key)
    {
        var names = RequiredNames(reader, key, "the emitting instances (quantum_dot or cavity_source)");
        if (names is null) return null;
        var result = new List<PhotonSource>();
        bool ok = true;
        foreach (var (name, _) in names)
        {
            var s = Source(scope, reader, key, name);
            if (s is null) ok = false;
            else result.Add(s);
        }
        return ok && ShapesAgree(reader, key, result) ? result : null;
    }

    /// <summary>
    /// Photons of sources given only by their measured figures have no temporal shape: they can interfere with each
    /// other only as the same kind of photon at the same line centre (their overlap is then √(M_a M_b)). With a source
    /// that has a shape, or at another wavelength, their overlap depends on a linewidth they do not have: an error
    /// naming lifetime_ps.
    /// </summary>
    private static bool ShapesAgree(AnalysisReader reader, string key, IReadOnlyList<PhotonSource> sources)
    {
        var shapeless = sources.Where(x => !x.Emitter.Emitter.HasTemporalShape).ToList();
        if (shapeless.Count == 0) return true;
        if (sources.FirstOrDefault(x => x.Emitter.Emitter.HasTemporalShape) is { } shaped)
        {
            reader.Error(key, $"'{shapeless[0].Name}' is given by its measured figures without lifetime_ps, and '{shaped.Name}' by its physics: the overlap of their photons depends on the temporal shape that '{shapeless[0].Name}' lacks; give '{shapeless[0].Name}' lifetime_ps");
            return false;
        }
        if (shapeless.FirstOrDefault(x => x.Emitter.Emitter.WavelengthNm != shapeless[0].Emitter.Emitter.WavelengthNm) is { } other)
        {
            reader.Error(key, string.Create(Inv, $"'{shapeless[0].Name}' ({shapeless[0].Emitter.Emitter.WavelengthNm:R} nm) and '{other.Name}' ({other.Emitter.Emitter.WavelengthNm:R} nm) are given by their measured figures without lifetime_ps: the overlap of photons at different wavelengths depends on their linewidths; give both lifetime_ps"));
            return false;
        }
        return true;
    }

    /// <summary>A non-empty list of distinct detectors under <paramref name="key"/>; when absent and
    /// <paramref name="defaultAll"/>, every detector of the circuit (possibly none).</summary>
    public static List<PhotonDetector>? ReadDetectors(AnalysisScope scope, AnalysisReader reader, string key, bool defaultAll = false)
    {
        if (!reader.Has(key) && defaultAll)
            return scope.Circuit.Instances.Select((inst, i) => (inst, i)).Where(x => x.inst.Component is BoundDetector)
                .Select(x => new PhotonDetector(x.inst.Name, x.i, ((BoundDetector)x.inst.Component).Settings)).ToList();
        var names = RequiredNames(reader, key, "the detector instances");
        if (names is null) return null;
        var result = new List<PhotonDetector>();
        bool ok = true;
        foreach (var (name, mark) in names)
        {
            int index = scope.Circuit.IndexOf(name);
            if (index < 0)
            {
                scope.Bag.Error(mark, reader.Path(key), NoSuchInstance(name, scope.Circuit.Instances.Select(i => i.Name), "detectors",
                    scope.Circuit.Instances.Where(i => i.Component is BoundDetector).Select(i => i.Name)));
                ok = false;
                continue;
            }
            if (scope.Circuit.Instances[index].Component is not BoundDetector detector)
            {
                scope.Bag.Error(mark, reader.Path(key), NotADetector(name, scope.Circuit.Instances[index].Component.Model.Name));
                ok = false;
                continue;
            }
            result.Add(new PhotonDetector(name, index, detector.Settings));
        }
        return ok ? result : null;
    }

    /// <summary>Requires exactly <paramref name="count"/> entries in a list already read.</summary>
    public static bool RequireCount<T>(AnalysisReader reader, string key, IReadOnlyCollection<T> list, int count, string what)
    {
        if (list.Count == count) return true;
        reader.Error(key, CountMessage(count, what, list.Count));
        return false;
    }

    // Messages shared with the check of references before the circuit loads (AnalysisReferences).

    internal static string CountMessage(int count, string what, int got) => $"expected {count} {what}, got {got}";

    internal const string NoExternalPorts = "the circuit has no external ports (add a top-level 'ports:' mapping)";

    internal static string NoExternalPort(string name, IReadOnlyCollection<string> ports) => $"no external port '{name}'{Suggestions.HintOrList(name, ports, "ports")}";

    /// <summary>A name that is no instance; <paramref name="kind"/> is "sources" or "detectors", listed after it.</summary>
    internal static string NoSuchInstance(string name, IEnumerable<string> instances, string kind, IEnumerable<string> ofKind)
    {
        var listed = ofKind.ToArray();
        return $"no instance '{name}'{Suggestions.Hint(name, instances)} ({kind} in this circuit: {(listed.Length == 0 ? "none" : string.Join(", ", listed))})";
    }

    internal static string NotASource(string name, string component) => $"'{name}' is a {component}, not a source (expected a quantum_dot or cavity_source)";

    internal static string NotADetector(string name, string component) => $"'{name}' is a {component}, not a detector";

    internal static string NoSingleDemux(string purpose, string source, int demuxes) =>
        $"{purpose} needs exactly one time_demux to separate the pulses of '{source}': the circuit has {demuxes}";

    /// <summary>
    /// One source through the circuit's time_demux: the pulses k = 0 … N−1 of a frame, pulse k leaving by out k
    /// at time k/f_rep, each a separate emission of the same source (spec §3: excitation pulse k leaves at
    /// out(k mod N)). Null, with an error when <paramref name="required"/>, when the circuit has no single demux
    /// of <paramref name="minChannels"/> … <paramref name="maxChannels"/> channels or the source no repetition
    /// rate; without <paramref name="required"/> a circuit with no demux simply returns null and records nothing.
    /// Only demuxes joined by connections to <paramref name="listed"/> (default: the source) count.
    /// </summary>
    public static List<PhotonSource>? FramePulses(AnalysisScope scope, AnalysisReader reader, PhotonSource source, string purpose, bool required,
        int minChannels = 1, int maxChannels = 8, IReadOnlyList<PhotonSource>? listed = null)
    {
        // Only a demux the listed sources' light can reach separates their pulses (spec §5); one elsewhere in the
        // file, not connected to them, plays no part.
        var demuxes = ReachableDemuxes(scope.Circuit, listed ?? [source]);
        if (demuxes.Count == 0 && !required) return null;
        if (demuxes.Count != 1)
        {
            reader.Error("sources", NoSingleDemux(purpose, source.Name, demuxes.Count));
            return null;
        }
        if (source.Figures.RepetitionRateMhz is not double f)
        {
            reader.Error("sources", $"'{source.Name}' has no repetition_rate_mhz: the pulse spacing through '{demuxes[0].Name}' needs it");
            return null;
        }
        int n = ((Components.Passive.BoundTimeDemux)demuxes[0].Component).Settings.Channels;
        if (n < minChannels || n > maxChannels)
        {
            reader.Error("sources", $"'{demuxes[0].Name}' has {n} channel{(n == 1 ? "" : "s")}: {purpose} handles {minChannels} … {maxChannels} pulses per frame");
            return null;
        }
        // Pulse by pulse, pulse k of a frame follows pulse 0 by k/f_rep; a gated switch sends windows of M pulses, so k·M/f_rep.
        var frames = ((Components.Passive.BoundTimeDemux)demuxes[0].Component).Settings.Frames(f, out string? problem);
        if (problem is not null)
        {
            reader.Error("sources", $"'{demuxes[0].Name}' cannot demultiplex the pulses of '{source.Name}': {problem}");
            return null;
        }
        return Enumerable.Range(0, n).Select(k => source with
        {
            Name = $"{source.Name}[pulse {k}]", PulseChannel = k, EmissionTimePs = k * frames.PulseSpacing * 1e6 / f,
            FrameRateMhz = frames.FrameRateMhz, UsedShare = frames.UsedShare, Frames = frames,
        }).ToList();
    }

    /// <summary>The time_demux instances joined by connections (directly or through others) to any of <paramref name="sources"/>.</summary>
    public static List<FlatInstance> ReachableDemuxes(FlatCircuit circuit, IReadOnlyList<PhotonSource> sources)
    {
        var reachable = new bool[circuit.Instances.Count];
        foreach (var s in sources)
        {
            var joined = ConnectedInstances(circuit, s.Index);
            for (int i = 0; i < reachable.Length; i++) reachable[i] |= joined[i];
        }
        return circuit.Instances.Where((instance, index) => instance.Component is Components.Passive.BoundTimeDemux && reachable[index]).ToList();
    }

    /// <summary>The instances joined to <paramref name="start"/> by connections, directly or through others (itself included).</summary>
    private static bool[] ConnectedInstances(FlatCircuit circuit, int start)
    {
        var neighbours = new List<int>[circuit.Instances.Count];
        for (int i = 0; i < neighbours.Length; i++) neighbours[i] = [];
        foreach (var c in circuit.Connections)
        {
            neighbours[c.A.Instance].Add(c.B.Instance);
            neighbours[c.B.Instance].Add(c.A.Instance);
        }
        var seen = new bool[neighbours.Length];
        var queue = new Queue<int>([start]);
        seen[start] = true;
        while (queue.TryDequeue(out int i))
            foreach (int j in neighbours[i])
                if (!seen[j])
                {
                    seen[j] = true;
                    queue.Enqueue(j);
                }
        return seen;
    }

    /// <summary>
    /// Every listed source as the pulses of one frame when the circuit has a time_demux (spec §5: probabilities are
    /// per frame of N pulses when a time_demux separates sources and detectors): source-major, pulse k of each
    /// source leaving the demux by out k at time k/f_rep. The sources unchanged when the circuit has no demux;
    /// null, with the error recorded, when the frame cannot be formed or holds more than
    /// <paramref name="maxPulses"/> pulses in all.
    /// </summary>
    public static List<PhotonSource>? Frame(AnalysisScope scope, AnalysisReader reader, IReadOnlyList<PhotonSource> sources, string purpose,
        int maxPulses = 16, int maxChannels = 8)
    {
        var result = new List<PhotonSource>();
        foreach (var source in sources)
        {
            var pulses = FramePulses(scope, reader, source, purpose, required: false, maxChannels: maxChannels, listed: sources);
            if (pulses is null && reader.Bag.HasErrors) return null;
            if (pulses is null) return sources.ToList();
            result.AddRange(pulses);
        }
        if (result.Count > maxPulses)
        {
            reader.Error("sources", $"{sources.Count} source(s) through the {result.Count / sources.Count}-channel time_demux make {result.Count} pulses per frame: {purpose} handles at most {maxPulses}");
            return null;
        }
        return result;
    }

    /// <summary>The source names as listed (one name for the pulses of a frame).</summary>
    public static IEnumerable<string> ListedNames(IReadOnlyList<PhotonSource> sources) => sources.Select(s => s.Instance).Distinct();

    /// <summary>Transmission of a photon that has left the source, averaged over the pulses of a frame (one pulse: its own).</summary>
    public static double MeanTransmission(IReadOnlyList<SourceTransfer> transfers) => transfers.Average(t => t.TotalTransmission);

    /// <summary>
    /// Detection of one source per excitation pulse: the probability that a listed detector clicks (dark counts
    /// excluded) and each detector's click probability, averaged over <paramref name="pulses"/> (the pulses of a
    /// frame through a time_demux, each computed on its own channel with all its photons together; or the one
    /// source), and each pulse's own click probability per detector (<c>PerPulse[pulse][detector]</c>, the share of
    /// pulses a gated switch leaves unused not included).
    /// </summary>
    public static (double Probability, double[] PerDetector, double[][] PerPulse) PulseAveragedDetection(IReadOnlyList<PhotonSource> pulses, IReadOnlyList<SourceTransfer> transfers,
        IReadOnlyList<PhotonDetector> detectors)
    {
        double probability = 0;
        var perDetector = new double[detectors.Count];
        var perPulse = new double[pulses.Count][];
        using var progress = Work.Part(null, pulses.Count);
        for (int k = 0; k < pulses.Count; k++)
        {
            using var step = Work.Part(null, 1);
            var engine = Engine([pulses[k]], [transfers[k]], SourceStates.FromGram(GramMatrix.Indistinguishable(1)), detectors, clicks: true, darkCounts: false, background: false);
            probability += Math.Clamp(1 - engine.ClickCountDistribution()[0], 0, 1);
            var marginals = engine.Marginals();
            perPulse[k] = new double[detectors.Count];
            for (int d = 0; d < detectors.Count; d++)
            {
                perDetector[d] += 1 - marginals[d][0];
                perPulse[k][d] = Math.Clamp(1 - marginals[d][0], 0, 1);
            }
        }
        // A gated demux routes only a share of the pulses into frames: the others reach no detector.
        double used = pulses[0].UsedShare;
        for (int d = 0; d < detectors.Count; d++) perDetector[d] = perDetector[d] / pulses.Count * used;
        return (Math.Clamp(used * probability / pulses.Count, 0, 1), perDetector, perPulse);
    }

    /// <summary>Warns that rates are undefined without repetition_rate_mhz; returns the frame rate in Hz or null.</summary>
    public static double? FrameRateHz(IReadOnlyList<PhotonSource> sources, AnalysisContext context, SourceMark mark, string keyPath, string field)
    {
        double? rate = null;
        foreach (var s in sources)
        {
            if (s.Figures.RepetitionRateMhz is not double f)
            {
                context.Warnings.Warning(mark, $"{keyPath}.{field}", $"'{s.Name}' has no repetition_rate_mhz: {field} is null");
                return null;
            }
            f = FrameRateMhz(s, sources, f);
            rate ??= f * 1e6;
            if (Math.Abs(rate.Value - f * 1e6) > 1e-9 * rate.Value)
            {
                context.Warnings.Warning(mark, $"{keyPath}.{field}", $"the sources have different repetition_rate_mhz: {field} uses that of '{sources[0].Name}'");
                return rate;
            }
        }
        return rate;
    }

    /// <summary>Records a refusal when the engine's estimate for the listed sources and detectors exceeds the limits.</summary>
    public static bool CheckSize(AnalysisReader reader, string type, IReadOnlyList<PhotonSource> sources, IReadOnlyList<QDetector> detectors, int maxPhotons = 2)
    {
        var t = new Complex[detectors.Count == 0 ? 1 : detectors.Max(d => d.Output) + 1, sources.Count];
        var (engineSources, leaking) = WithBackground(sources, maxPhotons);
        var engine = new PhotonNumberExperiment(t, engineSources,
            SourceStates.WithOrthogonal(SourceStates.FromGram(GramMatrix.Distinguishable(sources.Count)), leaking), detectors);
        var estimate = engine.EstimateCost();
        try
        {
            ComputationLimits.Default.Check(estimate);
            return true;
        }
        catch (ComputationTooLargeException e)
        {
            reader.Bag.Error(reader.Mark, reader.KeyPath, string.Create(Inv,
                $"the '{type}' analysis is too large: about {CostEstimate.Format(estimate.Patterns, "G3")} patterns, {CostEstimate.Format(estimate.Operations, "G3")} operations and {CostEstimate.Format(estimate.MemoryBytes, "G3")} bytes ({e.Message}); list fewer sources or detectors, or use threshold detectors"));
            return false;
        }
    }

    private static IReadOnlyList<(string Name, SourceMark Mark)>? RequiredNames(AnalysisReader reader, string key, string what)
    {
        if (!reader.Has(key))
        {
            reader.Error(key, $"missing: {what}");
            return null;
        }
        var names = reader.Names(key);
        if (names is null) return null;
        if (names.Count == 0)
        {
            reader.Error(key, $"the list is empty: give {what}");
            return null;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        bool ok = true;
        foreach (var (name, mark) in names)
            if (!seen.Add(name))
            {
                reader.Bag.Error(mark, reader.Path(key), $"'{name}' is listed twice");
                ok = false;
            }
        return ok ? names : null;
    }

    private static PhotonSource? Source(AnalysisScope scope, AnalysisReader reader, string key, string name)
    {
        var emitter = SourceLookup.Find(scope, reader, key, name);
        if (emitter is null) return null;
        var figures = SourceLookup.Figures(scope, reader, key, name, emitter);
        return figures is null ? null : new PhotonSource(name, scope.Circuit.IndexOf(name), emitter, figures);
    }

    // ---------------------------------------------------------------- engine inputs

    /// <summary>The engine's sources: each source's distribution at the emitter (p_x = η_prep) into its own input, bright a
    /// share p_on of the pulses when it blinks (and <paramref name="blinking"/> is true; false gives the photons of bright
    /// pulses, from which the normalised figures g2 and V are taken).</summary>
    public static List<PhotonNumberSource> Sources(IReadOnlyList<PhotonSource> sources, int maxPhotons = 2, bool blinking = true) =>
        Sources(sources, maxPhotons, blinking, sources.Count);

    private static List<PhotonNumberSource> Sources(IReadOnlyList<PhotonSource> sources, int maxPhotons, bool blinking, int inputCount)
    {
        var list = new List<PhotonNumberSource>();
        for (int s = 0; s < sources.Count; s++)
        {
            var d = sources[s].Figures.AtEmitter;
            double p0 = Math.Max(0, 1 - d.P1 - d.P2), p1 = d.P1, p2 = d.P2;
            if (maxPhotons < 2)
            {
                p1 += p2;
                p2 = 0;
            }
            // The extra photon is in the main photon's state with probability w (0: distinguishable, 1: indistinguishable,
            // between: the partial overlap of a re-excitation photon, SourceFigures.ExtraPhotonShare).
            list.Add(PhotonNumberSource.IntoInput(p0, p1, p2, s, inputCount, sources[s].Figures.ExtraPhotonShare));
            if (blinking && sources[s].Figures.OnFraction < 1) list[^1] = WithOnFraction(list[^1], sources[s].Figures.OnFraction);
        }
        return list;
    }

    private static PhotonNumberSource WithOnFraction(PhotonNumberSource source, double onFraction) =>
        new(source.P0, source.P1, source.P2, source.ModeAmplitudes, source.ExtraPhotonShare) { OnFraction = onFraction };

    /// <summary>
    /// The blinking chains of the pulses of a frame (docs/physics.md, "Blinking"): the pulses of each blinking emitter,
    /// in emission order, whose bright/dark states are correlated with r = e^(−Δt/τ_b) between consecutive ones. Sources
    /// alone or with τ_b = 0 blink independently and need no chain.
    /// </summary>
    public static List<BlinkingChain> BlinkingChains(IReadOnlyList<PhotonSource> sources)
    {
        var chains = new List<BlinkingChain>();
        foreach (var group in Enumerable.Range(0, sources.Count).Where(s => sources[s].Figures.OnFraction < 1 && sources[s].Figures.BlinkingCorrelationNs > 0)
                     .GroupBy(s => sources[s].Emitter))
        {
            var members = group.OrderBy(s => sources[s].EmissionTimePs).ToArray();
            if (members.Length < 2) continue;
            double tau = sources[members[0]].Figures.BlinkingCorrelationNs;
            var persistence = new double[members.Length - 1];
            for (int i = 1; i < members.Length; i++)
                persistence[i - 1] = BlinkingChain.PersistenceOf((sources[members[i]].EmissionTimePs - sources[members[i - 1]].EmissionTimePs) * 1e-3, tau);
            chains.Add(new BlinkingChain(members, persistence));
        }
        return chains;
    }

    /// <summary>Engine detectors on outputs 0 … D−1; <paramref name="clicks"/> makes them threshold detectors,
    /// <paramref name="darkCounts"/> keeps their dark counts.</summary>
    public static List<QDetector> Detectors(IReadOnlyList<PhotonDetector> detectors, bool clicks, bool darkCounts) => Detectors(detectors, clicks, darkCounts, null);

    /// <summary>The engine detectors, with <paramref name="darkCountRatesHz"/> (dark counts and afterpulses) instead of the
    /// detectors' own dark-count rates when given.</summary>
    private static List<QDetector> Detectors(IReadOnlyList<PhotonDetector> detectors, bool clicks, bool darkCounts, double[]? darkCountRatesHz)
    {
        var list = new List<QDetector>();
        for (int d = 0; d < detectors.Count; d++)
        {
            var s = detectors[d].Settings;
            var resolution = clicks || s.Resolution == Components.Detection.DetectorResolution.Threshold ? QResolution.Threshold : QResolution.PhotonNumberResolving;
            list.Add(new QDetector(d, s.RegisteredFraction, resolution, s.MaxPhotons, darkCounts ? darkCountRatesHz?[d] ?? s.DarkCountRateHz : 0, s.GateNs));
        }
        return list;
    }

    /// <summary>
    /// The frame rate of <paramref name="sources"/> in Hz (f_rep, f_rep/N or a gated demux's), or null when a source has no
    /// repetition rate; without warnings (<see cref="FrameRateHz"/> is the analyses' version).
    /// </summary>
    private static double? QuietFrameRateHz(IReadOnlyList<PhotonSource> sources)
    {
        var s = sources[0];
        return s.Figures.RepetitionRateMhz is double f ? FrameRateMhz(s, sources, f) * 1e6 : null;
    }

    /// <summary>The frame rate, MHz, of <paramref name="s"/> (among <paramref name="sources"/>) at repetition rate
    /// <paramref name="repetitionRateMhz"/>: f_rep for a plain source; through a time_demux one frame of N pulses, f_rep/N,
    /// or f_g·F for a gated switch.</summary>
    private static double FrameRateMhz(PhotonSource s, IReadOnlyList<PhotonSource> sources, double repetitionRateMhz) =>
        s.FrameRateMhz ?? repetitionRateMhz / (s.PulseChannel is null ? 1 : sources.Count(x => x.Emitter == s.Emitter));

    /// <summary>
    /// Records an error when a listed detector afterpulses and a listed source has no repetition rate: the afterpulse rate
    /// is the detector's click rate times P_ap/(1 − P_ap), and the click rate needs the pulse rate.
    /// </summary>
    public static bool CheckAfterpulsing(AnalysisReader reader, IReadOnlyList<PhotonSource> sources, IReadOnlyList<PhotonDetector> detectors)
    {
        var afterpulsing = detectors.FirstOrDefault(d => d.Settings.AfterpulseProbability > 0);
        var missing = sources.FirstOrDefault(s => s.Figures.RepetitionRateMhz is null);
        if (afterpulsing is null || missing is null) return true;
        reader.Error("detectors", $"'{afterpulsing.Name}' afterpulses (afterpulse_probability) at a share of its click rate, and '{missing.Instance}' has no repetition_rate_mhz to give that rate: give it, or leave out afterpulse_probability");
        return false;
    }

    /// <summary>The engine for the given transfers (columns = sources) and source overlaps. Sources none of whose
    /// light reaches a listed detector (the pulses a time_demux sends elsewhere) are left out: their photons are
    /// lost whatever happens, so the detector statistics do not depend on them.</summary>
    /// <param name="sources">The sources (or the pulses of a frame).</param>
    /// <param name="transfers">Their transfers to the detectors.</param>
    /// <param name="states">Their photons' internal states.</param>
    /// <param name="detectors">The detectors.</param>
    /// <param name="clicks">Threshold detectors whatever their resolution.</param>
    /// <param name="darkCounts">Keep the detectors' dark counts.</param>
    /// <param name="maxPhotons">Photons per source per pulse (1 folds p2 into p1).</param>
    /// <param name="blinking">Whether blinking sources are dark in a share of the pulses (probabilities and rates); false gives
    /// the statistics of bright pulses (the normalised g2 and HOM visibility, which blinking does not change when it is slow
    /// next to the pulses compared, as an HBT or HOM measurement normalised to neighbouring pulses sees it).</param>
    /// <param name="background">Whether the sources' leaked laser light (<see cref="SourceFigures.LaserBackground"/>) reaches
    /// the detectors with their photons: true for the photon-counting analyses; false for the detection of the sources' own
    /// photons (<c>efficiency</c>, <c>figures</c>).</param>
    /// <param name="afterpulses">Whether afterpulses add to the dark counts (with <paramref name="darkCounts"/>); false gives the
    /// clicks that start them.</param>
    public static PhotonNumberExperiment Engine(IReadOnlyList<PhotonSource> sources, IReadOnlyList<SourceTransfer> transfers, SourceStates states,
        IReadOnlyList<PhotonDetector> detectors, bool clicks, bool darkCounts, int maxPhotons = 2, bool blinking = true, bool background = true,
        bool afterpulses = true)
    {
        var reaching = Enumerable.Range(0, sources.Count).Where(s => transfers[s].Column.Any(a => a != Complex.Zero)
            || (background && sources[s].Figures.LaserBackground is not null && transfers[s].BackgroundColumn.Any(a => a != Complex.Zero))).ToArray();
        // (A pulse left out is marginalised: the telegraph process's persistence between the remaining pulses is e^(−Δt/τ_b)
        // over their own separation.)
        if (reaching.Length < sources.Count && reaching.Length > 0)
            return Engine(reaching.Select(s => sources[s]).ToArray(), reaching.Select(s => transfers[s]).ToArray(), SourceStates.Subset(states, reaching),
                detectors, clicks, darkCounts, maxPhotons, blinking, background, afterpulses);
        var (engineSources, leaking, t) = EngineInputs(sources, transfers, detectors.Count, maxPhotons, blinking, background);
        var withStates = SourceStates.WithOrthogonal(states, leaking);
        var chains = blinking ? BlinkingChains(sources) : null;
        var engine = new PhotonNumberExperiment(t, engineSources, withStates, Detectors(detectors, clicks, darkCounts), blinking: chains);
        // Afterpulses: extra dark counts at P_ap/(1 − P_ap) times each detector's click rate, which this engine gives.
        if (!darkCounts || !afterpulses || !detectors.Any(d => d.Settings.AfterpulseProbability > 0) || QuietFrameRateHz(sources) is not double f) return engine;
        var marginals = (clicks ? engine : new PhotonNumberExperiment(t, engineSources, withStates, Detectors(detectors, clicks: true, darkCounts: true), blinking: chains)).Marginals();
        var rates = new double[detectors.Count];
        // Afterpulses with a delay time follow the clicks pulse by pulse: the chance a_d that one lands in the detector's gate,
        // from its pattern of pulses, is a dark count of rate −ln(1 − a_d)/gate on top of the detector's own.
        var channels = detectors.Any(d => d.Settings.AfterpulseTimeNs is not null && d.Settings.AfterpulseProbability > 0)
            ? DetectorPulseTrains.ChannelClicks(sources, transfers, states, detectors, maxPhotons, blinking, background) : default;
        for (int d = 0; d < detectors.Count; d++)
        {
            var settings = detectors[d].Settings;
            if (settings.AfterpulseTimeNs is null || !(settings.AfterpulseProbability > 0))
            {
                rates[d] = settings.DarkCountRateWithAfterpulsesHz(f * Math.Clamp(1 - marginals[d][0], 0, 1));
                continue;
            }
            var pattern = DetectorPulseTrains.Pattern(sources, channels.Reaches[d], channels.Clicks[d], f);
            double perFrame = pattern is null ? 0 : DetectorPulseTrains.AfterpulsePerFrame(sources, settings.InPulsePattern(pattern));
            rates[d] = settings.DarkCountRateHz - Math.Log(1 - perFrame) / (settings.GateNs * 1e-9);
        }
        return new PhotonNumberExperiment(t, engineSources, withStates, Detectors(detectors, clicks, darkCounts, rates), blinking: chains);
    }

    /// <summary>
    /// The engine's sources for <paramref name="sources"/>: the sources, then
    /// (with <paramref name="background"/>) one more per source with leaked laser light (<see cref="SourceFigures.LaserBackground"/>),
    /// emitting into its source's input (the light follows the photons' path) in a state orthogonal to every photon. The
    /// engine itself gives the laser light its own column where the circuit passes it differently (<see cref="EngineInputs"/>).
    /// </summary>
    public static (List<PhotonNumberSource> Sources, int Leaking) WithBackground(IReadOnlyList<PhotonSource> sources, int maxPhotons,
        bool blinking = true, bool background = true)
    {
        var leaking = Leaking(sources, background);
        var engineSources = Sources(sources, maxPhotons, blinking, sources.Count);
        foreach (int s in leaking)
        {
            var (p0, p1, p2) = BackgroundProbabilities(sources[s], maxPhotons);
            engineSources.Add(PhotonNumberSource.IntoInput(p0, p1, p2, s, sources.Count));
        }
        return (engineSources, leaking.Length);
    }

    /// <summary>The sources with leaked laser light, in order (none without <paramref name="background"/>).</summary>
    private static int[] Leaking(IReadOnlyList<PhotonSource> sources, bool background) =>
        background ? Enumerable.Range(0, sources.Count).Where(s => sources[s].Figures.LaserBackground is not null).ToArray() : [];

    private static (double P0, double P1, double P2) BackgroundProbabilities(PhotonSource source, int maxPhotons)
    {
        var b = source.Figures.LaserBackground!;
        return maxPhotons < 2 ? (b.P0, b.P1 + b.P2, 0) : (b.P0, b.P1, b.P2);
    }

    /// <summary>
    /// The engine's transfer T[detector, input] and sources for <paramref name="sources"/> with their <paramref name="transfers"/>:
    /// each source's photons into its own input with its column, then (with <paramref name="background"/>) its leaked laser light
    /// in a state orthogonal to every photon. Laser light that sees the circuit as the photons do shares its source's input (as
    /// <see cref="WithBackground"/>); light with a column c_b of its own (<see cref="SourceTransfer.Background"/>) enters the
    /// input e_b = Tᴴc_b + β·e_v, e_v a new input of column t_v = (c_b − TTᴴc_b)/β and β = √(1 − |Tᴴc_b|²), T the inputs so
    /// far. Then Te_b = c_b, and e_b overlaps every earlier input as its column does (e_bᴴe_x = c_bᴴc_x), so the engine's
    /// K − CᴴC has no entry between the laser light and any other photon and stays positive (T stays a contraction: the
    /// Cauchy–Schwarz inequality in the seminorm of I − TTᴴ, with |c_b| ≤ 1). Those overlaps meet only internal overlaps of
    /// 0, so no probability depends on them: the light reaches each detector with the power |c_b,d|² and interferes with
    /// nothing.
    /// </summary>
    public static (List<PhotonNumberSource> Sources, int Leaking, Complex[,] Transfer) EngineInputs(IReadOnlyList<PhotonSource> sources,
        IReadOnlyList<SourceTransfer> transfers, int detectorCount, int maxPhotons, bool blinking, bool background)
    {
        var leaking = Leaking(sources, background);
        int inputs = sources.Count + leaking.Count(s => transfers[s].Background is not null);
        var t = new Complex[detectorCount, inputs];
        for (int s = 0; s < sources.Count; s++)
            for (int d = 0; d < detectorCount; d++) t[d, s] = transfers[s].Column[d];
        var engineSources = Sources(sources, maxPhotons, blinking, inputs);
        int next = sources.Count;
        foreach (int s in leaking)
        {
            var (p0, p1, p2) = BackgroundProbabilities(sources[s], maxPhotons);
            if (transfers[s].Background is not { } laser)
            {
                engineSources.Add(PhotonNumberSource.IntoInput(p0, p1, p2, s, inputs));
                continue;
            }
            var c = laser.Column;
            var e = new Complex[inputs];
            double inRange = 0;
            for (int i = 0; i < next; i++)
            {
                for (int d = 0; d < detectorCount; d++) e[i] += Complex.Conjugate(t[d, i]) * c[d];
                inRange += (e[i] * Complex.Conjugate(e[i])).Real;
            }
            double beta = Math.Sqrt(Math.Max(0, 1 - inRange));
            if (beta < 1e-7)
            {
                // c_b lies (to O(β²)) where T is lossless: e_b = Tᴴc_b alone, normalised.
                for (int i = 0; i < next; i++) e[i] /= Math.Sqrt(inRange);
                beta = 0;
            }
            e[next] = beta;
            for (int d = 0; d < detectorCount && beta > 0; d++)
            {
                Complex projected = Complex.Zero;
                for (int i = 0; i < next; i++) projected += t[d, i] * e[i];
                t[d, next] = (c[d] - projected) / beta;
            }
            next++;
            engineSources.Add(new PhotonNumberSource(p0, p1, p2, e, ExtraPhotonModel.Distinguishable));
        }
        return (engineSources, leaking.Length, t);
    }

    /// <summary>The photons of <paramref name="sources"/> at the detectors (<see cref="PhotonStates.Build"/>).</summary>
    public static (SourceStates States, List<SourceTransfer> Transfers) States(IReadOnlyList<PhotonSource> sources, IReadOnlyList<SourceTransfer> transfers,
        IReadOnlyList<PhotonDetector> detectors, AnalysisContext? context, string keyPath, SourceMark mark, double extraDelayPsOnFirst = 0) =>
        PhotonStates.Build(sources, transfers, context, keyPath, mark, detectors.Select(d => d.Name).ToArray(), extraDelayPsOnFirst);

    // ---------------------------------------------------------------- the transfer

    /// <summary>
    /// The transfer of every source to the detectors (see the class remarks). Warns, naming the source, the
    /// detector and the path, when T changes by more than 1 % within ±(Γ+2γ*)/2 of the line centre.
    /// </summary>
    /// <param name="circuit">The flat circuit.</param>
    /// <param name="sources">The listed sources (or the pulses of a frame).</param>
    /// <param name="detectors">The listed detectors.</param>
    /// <param name="context">Where warnings go.</param>
    /// <param name="keyPath">Key path of the analysis.</param>
    /// <param name="mark">Position of the analysis.</param>
    /// <param name="includeIncoherent">Whether the light that quantum dots which are not sources scatter incoherently is
    /// followed to the detectors (<see cref="IncoherentReemission"/>); false keeps only the coherent transfer.</param>
    public static List<SourceTransfer> Compute(FlatCircuit circuit, IReadOnlyList<PhotonSource> sources, IReadOnlyList<PhotonDetector> detectors,
        AnalysisContext context, string keyPath, SourceMark mark, bool includeIncoherent = true)
    {
        try
        {
            var network = new ReducedNetwork(circuit, sources, detectors);
            var result = new List<SourceTransfer>();
            var validRangeNm = CircuitEvaluation.ValidWavelengthRangeNm(circuit);
            var incoherent = includeIncoherent ? IncoherentReemission.For(circuit, sources, detectors, validRangeNm) : null;
            foreach (var source in sources) result.Add(ComputeOne(network, incoherent, source, detectors, validRangeNm, context, keyPath, mark));
            // Filtered photons are compared on one set of frequencies: emitters of different lines get a common grid.
            // Photons from the master equation are sampled on the grid whether the circuit filters or not.
            bool filtered = result.Any(t => t.Flatness > PhotonStates.FlatTolerance && t.Grid is not null)
                || (result.All(t => t.Grid is not null) && sources.Any(x => PhotonStates.MasterEquationPhoton(x) is not null));
            bool oneGrid = result.All(t => t.Grid is not null && t.Grid.ReferenceRadPerPs == result[0].Grid!.ReferenceRadPerPs
                && t.Grid.OffsetsRadPerPs.AsSpan().SequenceEqual(result[0].Grid!.OffsetsRadPerPs));
            if (filtered && !oneGrid && CommonGrid(sources, validRangeNm, context, keyPath, mark) is { } grid)
                for (int a = 0; a < result.Count; a++)
                    result[a] = result[a] with { Grid = grid, GridAmplitudes = network.Amplitudes(sources[a], grid.WavelengthsNm) };
            return result;
        }
        catch (Solver.SingularNetworkException e)
        {
            throw new AnalysisException(keyPath, mark, CircuitEvaluation.Describe(e, circuit), e);
        }
        catch (ComponentSettingsException e)
        {
            throw new AnalysisException(keyPath, mark, e.Message, e);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("re-emit incoherently", StringComparison.Ordinal))
        {
            throw new AnalysisException(keyPath, mark, e.Message, e);
        }
    }

    /// <summary>Largest number of frequencies of a common grid for filtered photons of different lines.</summary>
    private const int MaxCommonGridPoints = 4001;

    /// <summary>
    /// One sinh grid for the zero-phonon lines of all <paramref name="sources"/>: centred between the extreme lines with
    /// the narrowest half-width as its scale, and a step that samples every line as finely as its own quadrature
    /// (7 % of its half-width at its centre), at most <see cref="MaxCommonGridPoints"/> points (a warning says when the
    /// lines are too far apart for that).
    /// </summary>
    private static Photons.SpectralGrid? CommonGrid(IReadOnlyList<PhotonSource> sources, (double MinNm, double MaxNm) validRangeNm,
        AnalysisContext context, string keyPath, SourceMark mark)
    {
        double reference = sources[0].Emitter.Emitter.AngularFrequencyRadPerPs;
        var centres = sources.Select(x => x.Emitter.Emitter.AngularFrequencyRadPerPs - reference).ToArray();
        var scales = sources.Select(x => x.Emitter.Emitter.DecayRateRadPerPs / 2 + x.Emitter.Emitter.PureDephasingRadPerPs + x.Emitter.Emitter.SpectralDiffusionRadPerPs).ToArray();
        double centre = (centres.Min() + centres.Max()) / 2, scale = scales.Min();
        if (Photons.SpectralGrid.Range(reference + centre, scale, validRangeNm) is not var (uLow, uHigh, _, _)) return null;
        // The grid's spacing at line a is √(s² + d_a²)·step; a line's own quadrature has s_a·step₀ at its centre.
        double baseStep = (uHigh - uLow) / (ZeroPhononPoints - 1), step = baseStep;
        for (int a = 0; a < sources.Count; a++)
            step = Math.Min(step, baseStep * scales[a] / Math.Sqrt(scale * scale + Math.Pow(centres[a] - centre, 2)));
        int points = (int)Math.Ceiling((uHigh - uLow) / step) + 1;
        if (points > MaxCommonGridPoints)
        {
            context.Warnings.Warning(mark, keyPath, string.Create(Inv,
                $"the sources' lines are {Math.Abs(centres.Max() - centres.Min()) / scale:G3} half-widths apart: their filtered photons are sampled at {MaxCommonGridPoints} frequencies, coarser than {points} that would resolve every line; overlaps between them are approximate"));
            points = MaxCommonGridPoints;
        }
        return Photons.SpectralGrid.Sinh(reference, centre, scale, uLow, uHigh, points);
    }

    private static SourceTransfer ComputeOne(ReducedNetwork network, IncoherentReemission? incoherent, PhotonSource source, IReadOnlyList<PhotonDetector> detectors,
        (double MinNm, double MaxNm) validRangeNm, AnalysisContext context, string keyPath, SourceMark mark)
    {
        var emitter = source.Emitter.Emitter;
        var figures = source.Figures;
        if (!emitter.HasTemporalShape) return AtLineCentre(network, incoherent, source, detectors.Count, validRangeNm, context, keyPath, mark);
        double omega0 = emitter.AngularFrequencyRadPerPs;
        // Group delay from four frequencies around the centre (PathDelayPs).
        const double delayStep = DelayStep, wideStep = WideStep;
        // The zero-phonon line is integrated over its whole Lorentzian (or Voigt) profile on its own grid; the
        // sideband, where there is one, on the spectrum's grid as the total minus the zero-phonon part.
        var spectrum = emitter.Spectrum();
        var (zplGrid, zplWeights) = ZeroPhononQuadrature(spectrum, validRangeNm);
        double[] zplWavelengths = zplGrid?.WavelengthsNm ?? [emitter.WavelengthNm];
        var grid = spectrum.HasSideband ? figures.SpectrumWavelengthNm : [];
        const int first = LineSamples - ZeroPhononPoints;
        int zplFirst = first + grid.Length;
        var wavelengths = new double[zplFirst + zplWavelengths.Length];
        wavelengths[0] = emitter.WavelengthNm;
        wavelengths[1] = WavelengthNm(omega0 - delayStep);
        wavelengths[2] = WavelengthNm(omega0 + delayStep);
        wavelengths[3] = WavelengthNm(omega0 - wideStep);
        wavelengths[4] = WavelengthNm(omega0 + wideStep);
        for (int i = 0; i < grid.Length; i++) wavelengths[first + i] = grid[i];
        for (int i = 0; i < zplWavelengths.Length; i++) wavelengths[zplFirst + i] = zplWavelengths[i];
        var amp = network.Amplitudes(source, wavelengths); // [k][d], collection shares normalised to one photon leaving
        // Incoherently scattered power [k][d] per photon leaving at each wavelength (null: no dot scatters incoherently).
        var scattered = incoherent?.DetectorPowers(source, wavelengths);

        int dCount = detectors.Count;
        // Spectral integrals ∫ S(ω)|T(ω)|² dω: zero-phonon part on its quadrature, sideband = total − zero-phonon.
        double zplNorm = 0, psbNorm = 0;
        var zplT = new double[dCount];
        var psbT = new double[dCount];
        var zplIncoherent = new double[dCount];
        var psbIncoherent = new double[dCount];
        // Accumulated relative to |T|² at the line centre, so that a flat transmission comes out exactly.
        for (int i = 0; i < zplWavelengths.Length; i++)
        {
            zplNorm += zplWeights[i];
            for (int d = 0; d < dCount; d++)
            {
                zplT[d] += zplWeights[i] * ((amp[zplFirst + i][d] * Complex.Conjugate(amp[zplFirst + i][d])).Real - (amp[0][d] * Complex.Conjugate(amp[0][d])).Real);
                if (scattered is not null) zplIncoherent[d] += zplWeights[i] * scattered[zplFirst + i][d];
            }
        }
        for (int i = 0; i + 1 < grid.Length; i++)
        {
            double h = grid[i + 1] - grid[i];
            for (int side = 0; side < 2; side++)
            {
                int k = i + side;
                double total = figures.SpectrumPerNm[k];
                double zpl = Math.Min(total, spectrum.ZeroPhononDensityPerNm(grid[k]));
                double psb = Math.Max(0, total - zpl);
                psbNorm += 0.5 * h * psb;
                for (int d = 0; d < dCount; d++)
                {
                    psbT[d] += 0.5 * h * psb * (amp[first + k][d] * Complex.Conjugate(amp[first + k][d])).Real;
                    if (scattered is not null) psbIncoherent[d] += 0.5 * h * psb * scattered[first + k][d];
                }
            }
        }
        double b2 = emitter.ZplFraction, t0 = emitter.PsbTransmission, etaF0 = emitter.SidebandFilterEfficiency;
        var transmission = new double[dCount];
        var incoherentTransmission = scattered is null ? null : new double[dCount];
        double tZpl = 0, tPsb = 0, tZplCoherent = 0;
        for (int d = 0; d < dCount; d++)
        {
            double centre = (amp[0][d] * Complex.Conjugate(amp[0][d])).Real;
            double z = zplNorm > 0 ? centre + zplT[d] / zplNorm : centre;
            double p = psbNorm > 1e-12 ? psbT[d] / psbNorm : z;
            tZplCoherent += z;
            if (scattered is not null)
            {
                double zi = zplNorm > 0 ? zplIncoherent[d] / zplNorm : scattered[0][d];
                double pi = psbNorm > 1e-12 ? psbIncoherent[d] / psbNorm : zi;
                incoherentTransmission![d] = Math.Clamp((b2 * zi + (1 - b2) * t0 * pi) / etaF0, 0, 1);
                z += zi;
                p += pi;
            }
            tZpl += z;
            tPsb += p;
            transmission[d] = Math.Clamp((b2 * z + (1 - b2) * t0 * p) / etaF0, 0, 1);
        }
        double eta = b2 * tZpl + (1 - b2) * t0 * tPsb;
        // The incoherently scattered light is not in the source's zero-phonon photon state (see PhotonStates): only the coherent part counts.
        double zeroPhononShare = eta > 1e-300 ? Math.Clamp(b2 * tZplCoherent / eta, 0, 1) : b2 / etaF0;

        // Column: centre amplitude with its power matched to the spectral integral; collection efficiency included.
        double collection = figures.CollectionEfficiency;
        var column = new Complex[dCount];
        double delayWeight = 0, delaySum = 0, largest = amp[0].Length == 0 ? 0 : amp[0].Max(a => a.Magnitude);
        var detectorDelays = new double[dCount];
        double deviation = 0, deviationNorm = 0;
        for (int d = 0; d < dCount; d++)
        {
            var a0 = amp[0][d];
            double p0 = (a0 * Complex.Conjugate(a0)).Real;
            if (p0 > 1e-30)
                column[d] = Math.Sqrt(collection) * a0 * Math.Sqrt(transmission[d] / p0);
            else
                // T vanishes at the line centre (a notch on resonance) but not over the line: the power still
                // arrives; with no phase at the centre to follow, the amplitude is taken real.
                column[d] = Math.Sqrt(collection * transmission[d]);
            if (p0 <= 1e-24) continue;
            double centreDelay = PathDelayPs(amp, d);
            if (!double.IsFinite(centreDelay)) continue;
            // Over the line, the transfer beyond its linear phase (the path's delay, a time offset of the photon).
            var (pathDeviation, delayD) = DeviationBeyondDelay(amp, zplFirst, zplWavelengths, zplWeights, d, omega0, centreDelay, a0);
            detectorDelays[d] = delayD;
            delaySum += p0 * delayD;
            delayWeight += p0;
            deviation += p0 * pathDeviation;
            for (int i = 0; i < zplWavelengths.Length; i++) deviationNorm += zplWeights[i] * p0;
        }
        double groupDelay = delayWeight > 0 ? delaySum / delayWeight : 0;
        double flatness = deviationNorm > 0 ? deviation / deviationNorm : 0;
        var gridAmplitudes = new Complex[zplWavelengths.Length][];
        for (int i = 0; i < zplWavelengths.Length; i++) gridAmplitudes[i] = amp[zplFirst + i];
        flatness = double.IsFinite(flatness) ? flatness : double.PositiveInfinity;
        var background = LaserLight(network, incoherent, source, column, transmission, flatness, validRangeNm, context, keyPath, mark);
        return new SourceTransfer(column, transmission, double.IsFinite(groupDelay) ? groupDelay : 0, detectorDelays, zeroPhononShare,
            flatness, zplGrid, gridAmplitudes, incoherentTransmission, incoherent?.DotNames, background);
    }

    /// <summary>
    /// The transfer of a source given only by its measured figures: its photons have no line shape, so they see the circuit
    /// at the line centre (|T(λ0)|², no delay, flat).
    /// </summary>
    private static SourceTransfer AtLineCentre(ReducedNetwork network, IncoherentReemission? incoherent, PhotonSource source, int detectorCount,
        (double MinNm, double MaxNm) validRangeNm, AnalysisContext context, string keyPath, SourceMark mark)
    {
        // The centre and the four frequencies of each path's delay (PathDelayPs): photons of different delays need a shape
        // to be compared, so the delays are checked.
        const double delayStep = DelayStep, wideStep = WideStep;
        double omega0 = source.Emitter.Emitter.AngularFrequencyRadPerPs;
        double[] wavelengths = [source.Emitter.Emitter.WavelengthNm, WavelengthNm(omega0 - delayStep), WavelengthNm(omega0 + delayStep),
            WavelengthNm(omega0 - wideStep), WavelengthNm(omega0 + wideStep)];
        var amps = network.Amplitudes(source, wavelengths);
        var amp = amps[0];
        var scattered = incoherent?.DetectorPowers(source, wavelengths[..1])[0];
        double collection = source.Figures.CollectionEfficiency;
        var column = new Complex[detectorCount];
        var transmission = new double[detectorCount];
        var delays = new double[detectorCount];
        var incoherentTransmission = scattered is null ? null : new double[detectorCount];
        double coherentSum = 0, totalSum = 0, delaySum = 0, delayWeight = 0;
        for (int d = 0; d < detectorCount; d++)
        {
            double coherent = (amp[d] * Complex.Conjugate(amp[d])).Real;
            if (incoherentTransmission is not null) incoherentTransmission[d] = Math.Clamp(scattered![d], 0, 1);
            transmission[d] = Math.Clamp(coherent + (incoherentTransmission?[d] ?? 0), 0, 1);
            coherentSum += Math.Min(coherent, transmission[d]);
            totalSum += transmission[d];
            // The amplitude carries the power that arrives (the incoherent part included, as for photons with a shape).
            column[d] = coherent > 1e-30 ? Math.Sqrt(collection) * amp[d] * Math.Sqrt(transmission[d] / coherent) : Math.Sqrt(collection * transmission[d]);
            if (coherent <= 1e-24) continue;
            double delay = PathDelayPs(amps, d);
            if (!double.IsFinite(delay)) continue;
            delays[d] = delay;
            delaySum += coherent * delay;
            delayWeight += coherent;
        }
        // The incoherently scattered light is not in the source's photon state: only the coherent part interferes.
        double coherentShare = totalSum > 1e-300 ? Math.Clamp(coherentSum / totalSum, 0, 1) : 1;
        double groupDelay = delayWeight > 0 ? delaySum / delayWeight : 0;
        // Without a line the photons' filtering is not known (flatness 0); a resonant laser's spectrum still is.
        var background = LaserLight(network, incoherent, source, column, transmission, 0, validRangeNm, context, keyPath, mark);
        return new SourceTransfer(column, transmission, double.IsFinite(groupDelay) ? groupDelay : 0, delays, coherentShare, 0, null, [],
            incoherentTransmission, incoherent?.DotNames, background);
    }

    /// <summary>
    /// Σ_i w_i |T_i e^(−iΔ_iτ)/T_0 − 1|² over the zero-phonon grid (Δ_i the offset from the line centre): the transfer's
    /// change over the line beyond the delay τ of the path, and that delay. τ from <see cref="PathDelayPs"/> carries an error
    /// of order ulp(ω0)·τ/<see cref="WideStep"/> (~10⁻³ ps for a 1 µs delay line), which the far points of the grid
    /// (Δ ~ 10³ rad/ps) turn into a phase that looks like filtering, and which offsets photons that should meet. So the
    /// linear phase is also fitted over the grid (weighted least squares of the residual phase against Δ, exact to the
    /// rounding of ωτ): where the path is flat beyond the fitted delay (a delay line, a splitter), that delay is the path's;
    /// otherwise (a filter) the group delay at the centre stays, with the smaller of the two deviations.
    /// </summary>
    private static (double Deviation, double DelayPs) DeviationBeyondDelay(Complex[][] amp, int zplFirst, double[] zplWavelengths, double[] zplWeights,
        int d, double omega0, double centreDelayPs, Complex a0)
    {
        int n = zplWavelengths.Length;
        var offsets = new double[n];
        double atCentreDelay = 0, slopeNumerator = 0, slopeDenominator = 0;
        for (int i = 0; i < n; i++)
        {
            offsets[i] = PhysicalConstants.AngularFrequencyRadPerPs(zplWavelengths[i]) - omega0;
            var ratio = amp[zplFirst + i][d] * Complex.FromPolarCoordinates(1, -offsets[i] * centreDelayPs) / a0;
            atCentreDelay += zplWeights[i] * (ratio - 1).Magnitude * (ratio - 1).Magnitude;
            slopeNumerator += zplWeights[i] * ratio.Phase * offsets[i];
            slopeDenominator += zplWeights[i] * offsets[i] * offsets[i];
        }
        if (!(slopeDenominator > 0) || !double.IsFinite(slopeNumerator)) return (atCentreDelay, centreDelayPs);
        double fitted = centreDelayPs + slopeNumerator / slopeDenominator, atFit = 0, norm = 0;
        for (int i = 0; i < n; i++)
        {
            var ratio = amp[zplFirst + i][d] * Complex.FromPolarCoordinates(1, -offsets[i] * fitted) / a0;
            atFit += zplWeights[i] * (ratio - 1).Magnitude * (ratio - 1).Magnitude;
            norm += zplWeights[i];
        }
        if (norm > 0 && atFit / norm <= PhotonStates.FlatTolerance) return (atFit, fitted);
        return (Math.Min(atCentreDelay, atFit), centreDelayPs);
    }

    /// <summary>Offsets (rad/ps) of the frequencies a path's group delay is taken from, a fine one and a wide one.</summary>
    private const double DelayStep = 1e-7, WideStep = 1e-4;

    /// <summary>
    /// Group delay to detector d, ps, from the amplitudes at ω0 ∓ <see cref="DelayStep"/> (entries 1, 2) and
    /// ω0 ∓ <see cref="WideStep"/> (entries 3, 4): the fine step gives a coarse value (no phase wrapping for delays up to
    /// ~10⁷ ps) that unwraps the phase over the wide step, where rounding of λ matters 1000 times less.
    /// </summary>
    private static double PathDelayPs(Complex[][] amp, int d)
    {
        double coarse = (amp[2][d] * Complex.Conjugate(amp[1][d])).Phase / (2 * DelayStep);
        double wide = (amp[4][d] * Complex.Conjugate(amp[3][d])).Phase;
        wide += 2 * Math.PI * Math.Round((2 * WideStep * coarse - wide) / (2 * Math.PI));
        return wide / (2 * WideStep);
    }

    /// <summary>Points of the zero-phonon quadrature of <see cref="ZeroPhononQuadrature"/>.</summary>
    public const int ZeroPhononPoints = 401;

    /// <summary>Frequencies a photon's transfer is solved at besides its sideband grid: the line centre, four for its
    /// group delay and the zero-phonon quadrature.</summary>
    public const int LineSamples = 5 + ZeroPhononPoints;

    /// <summary>
    /// Wavelengths and weights w_i of a quadrature of the zero-phonon line over its whole profile: Σ w_i f(λ_i) ≈
    /// ∫ S_ZPL(ω) f(ω) dω with Σ w_i = B² (the zero-phonon share). The substitution ω = ω0 + s·sinh u with
    /// s = (Γ + 2γ*)/2 + σ and u uniform resolves the centre in steps of 0.07 s and the slowly decaying Lorentzian
    /// wings (a window of ±10 linewidths misses 3 % of the photon) in steps of 7 % of the detuning, so a filter
    /// wider than the line is followed where it cuts the wings. The range stops at |ω − ω0| = min(ω0/2, 10⁶ s) and
    /// where every directional coupler is defined; the share of the line beyond (a Lorentzian wing,
    /// (1/π)(π/2 − atan(distance/s))) is given to the last point on its side.
    /// </summary>
    internal static (Photons.SpectralGrid? Grid, double[] Weights) ZeroPhononQuadrature(EmissionSpectrum spectrum, (double MinNm, double MaxNm) validRangeNm)
    {
        double omega0 = PhysicalConstants.AngularFrequencyRadPerPs(spectrum.ZeroPhononWavelengthNm);
        double scale = (spectrum.DecayRateRadPerPs + 2 * spectrum.PureDephasingRadPerPs) / 2 + spectrum.SpectralDiffusionRadPerPs;
        (Photons.SpectralGrid?, double[]) centreOnly = (null, [spectrum.ZeroPhononFraction]);
        if (Photons.SpectralGrid.Range(omega0, scale, validRangeNm) is not var (uLow, uHigh, reachLow, reachHigh)) return centreOnly;
        const int n = ZeroPhononPoints;
        var grid = Photons.SpectralGrid.Sinh(omega0, 0, scale, uLow, uHigh, n);
        var weights = new double[n];
        double step = (uHigh - uLow) / (n - 1), covered = 0;
        for (int i = 0; i < n; i++)
        {
            double u = grid.U[i];
            double omega = omega0 + grid.OffsetsRadPerPs[i];
            // Without diffusion the line is the Lorentzian B²·(s/π)/(x² + s²), whose weight per du is B²/(π cosh u).
            double perU = spectrum.SpectralDiffusionRadPerPs > 0
                ? spectrum.ZeroPhononDensityPerRadPerPs(omega) * scale * Math.Cosh(u)
                : spectrum.ZeroPhononFraction / (Math.PI * Math.Cosh(u));
            weights[i] = perU * step * (i == 0 || i == n - 1 ? 0.5 : 1);
            covered += weights[i];
        }
        if (!double.IsFinite(covered) || !(covered > 0)) return centreOnly;
        double missing = Math.Max(0, spectrum.ZeroPhononFraction - covered);
        double wingLow = Math.PI / 2 - Math.Atan(reachLow), wingHigh = Math.PI / 2 - Math.Atan(reachHigh);
        if (missing > 0 && wingLow + wingHigh > 0)
        {
            weights[0] += missing * wingLow / (wingLow + wingHigh);
            weights[n - 1] += missing * wingHigh / (wingLow + wingHigh);
        }
        return (grid, weights);
    }

    /// <summary>The best path (largest product of collection share and hop powers at the line centre) from the source to one of the detectors.</summary>
    public static PhotonPath? BestPath(FlatCircuit circuit, IReadOnlyList<PhotonSource> sources, PhotonSource source, IReadOnlyList<PhotonDetector> detectors) =>
        new ReducedNetwork(circuit, sources, detectors).BestPath(source, detectors);

    /// <summary>The circuit without the listed sources and detectors, with their neighbours as network ports.</summary>
    private sealed partial class ReducedNetwork
    {
        private readonly FlatCircuit _circuit;
        private readonly FlatCircuit _reduced;
        private readonly int[] _newIndex;      // old instance → reduced index or −1
        private readonly List<InstancePort> _ports = []; // network ports (reduced indices)
        private readonly Dictionary<InstancePort, InstancePort> _neighbour = []; // old port → old port
        private readonly IReadOnlyList<PhotonDetector> _detectors;
        private readonly int _demux; // the time_demux instance (old index) or −1
        private SMatrixSweep[]? _pulseBlocks; // blocks of the pulses' solves (the demux's left null)
        private double[] _pulseBlocksGrid = [];

        /// <param name="circuit">The flat circuit.</param>
        /// <param name="sources">The listed sources (removed; their neighbours become ports).</param>
        /// <param name="detectors">The listed detectors (removed likewise).</param>
        /// <param name="scatterers">Further instances to remove, their neighbours becoming ports (the dots that scatter incoherently,
        /// for <see cref="TerminalTransfer"/>).</param>
        public ReducedNetwork(FlatCircuit circuit, IReadOnlyList<PhotonSource> sources, IReadOnlyList<PhotonDetector> detectors, IReadOnlyList<int>? scatterers = null)
        {
            _circuit = circuit;
            _detectors = detectors;
            var removed = new HashSet<int>(sources.Select(s => s.Index).Concat(detectors.Select(d => d.Index)).Concat(scatterers ?? []));
            _demux = circuit.Instances.Select((inst, i) => (inst, i)).Where(x => x.inst.Component is Components.Passive.BoundTimeDemux).Select(x => x.i).FirstOrDefault(-1);
            _newIndex = new int[circuit.Instances.Count];
            var kept = new List<FlatInstance>();
            for (int i = 0; i < circuit.Instances.Count; i++)
            {
                _newIndex[i] = removed.Contains(i) ? -1 : kept.Count;
                if (!removed.Contains(i)) kept.Add(circuit.Instances[i]);
            }
            var connections = new List<Connection>();
            foreach (var c in circuit.Connections)
            {
                _neighbour[c.A] = c.B;
                _neighbour[c.B] = c.A;
                if (_newIndex[c.A.Instance] >= 0 && _newIndex[c.B.Instance] >= 0)
                    connections.Add(new Connection(Map(c.A), Map(c.B)));
            }
            _reduced = new FlatCircuit(kept, connections, []);
            foreach (var s in sources)
                for (int p = 0; p < circuit.Instances[s.Index].Component.Ports.Count; p++) AddPort(new InstancePort(s.Index, p));
            foreach (var d in detectors) AddPort(new InstancePort(d.Index, 0));
            foreach (int i in scatterers ?? [])
                for (int p = 0; p < circuit.Instances[i].Component.Ports.Count; p++) AddPort(new InstancePort(i, p));
        }

        private InstancePort Map(InstancePort p) => new(_newIndex[p.Instance], p.Port);

        private void AddPort(InstancePort own)
        {
            if (_neighbour.TryGetValue(own, out var n) && _newIndex[n.Instance] >= 0 && !_ports.Contains(Map(n))) _ports.Add(Map(n));
        }

        /// <summary>[wavelength][detector] amplitude of one photon leaving the source (shares √(η_port/η)).</summary>
        public Complex[][] Amplitudes(PhotonSource source, double[] wavelengthsNm)
        {
            var component = _circuit.Instances[source.Index].Component;
            var shares = Shares(source);
            SMatrixSweep? s = _ports.Count > 0 && _reduced.Instances.Count > 0 ? Solve(source, wavelengthsNm) : null;
            var result = new Complex[wavelengthsNm.Length][];
            for (int k = 0; k < wavelengthsNm.Length; k++) result[k] = new Complex[_detectors.Count];
            for (int p = 0; p < component.Ports.Count; p++)
            {
                double share = shares.GetValueOrDefault(component.Ports[p]);
                if (share <= 0 || !_neighbour.TryGetValue(new InstancePort(source.Index, p), out var from)) continue;
                for (int d = 0; d < _detectors.Count; d++)
                {
                    if (!_neighbour.TryGetValue(new InstancePort(_detectors[d].Index, 0), out var to)) continue;
                    if (from.Instance == _detectors[d].Index)
                    {
                        for (int k = 0; k < wavelengthsNm.Length; k++) result[k][d] += Math.Sqrt(share);
                        continue;
                    }
                    if (s is null || _newIndex[from.Instance] < 0 || _newIndex[to.Instance] < 0) continue;
                    int i = _ports.IndexOf(Map(from)), o = _ports.IndexOf(Map(to));
                    for (int k = 0; k < wavelengthsNm.Length; k++) result[k][d] += Math.Sqrt(share) * s[k, o, i];
                }
            }
            return result;
        }

        private SMatrixSweep Solve(PhotonSource source, double[] wavelengthsNm)
        {
            if (source.PulseChannel is not int channel || _demux < 0 || _newIndex[_demux] < 0)
                return CircuitEvaluation.Solve(_reduced, wavelengthsNm, _ports);
            // The pulses of a frame share the emission grid: every block but the demux's is evaluated once.
            if (_pulseBlocks is null || !_pulseBlocksGrid.AsSpan().SequenceEqual(wavelengthsNm))
            {
                _pulseBlocks = new SMatrixSweep[_reduced.Instances.Count];
                for (int i = 0; i < _pulseBlocks.Length; i++)
                    if (i != _newIndex[_demux]) _pulseBlocks[i] = _reduced.Instances[i].Component.Evaluate(wavelengthsNm);
                _pulseBlocksGrid = (double[])wavelengthsNm.Clone();
            }
            var blocks = (SMatrixSweep[])_pulseBlocks.Clone();
            blocks[_newIndex[_demux]] = ChannelBlock((Components.Passive.BoundTimeDemux)_circuit.Instances[_demux].Component, channel, wavelengthsNm);
            return Solver.NetworkSolver.Solve(_reduced.Topology(_ports), blocks, _ports.Select(_reduced.Describe).ToArray());
        }

        /// <summary>The demux as seen by one pulse: only channel k, S(out_k, in) = S(in, out_k) = √η_k.</summary>
        private static SMatrixSweep ChannelBlock(Components.Passive.BoundTimeDemux demux, int channel, double[] wavelengthsNm)
        {
            var block = new SMatrixSweep(demux.Ports, wavelengthsNm);
            double amplitude = Math.Sqrt(demux.Settings.Efficiencies[channel]);
            for (int k = 0; k < wavelengthsNm.Length; k++)
            {
                block.Set(k, channel + 1, 0, amplitude);
                block.Set(k, 0, channel + 1, amplitude);
            }
            return block;
        }

        private static Dictionary<string, double> Shares(PhotonSource source)
        {
            double total = source.Figures.CollectionEfficiencyByPort.Values.Sum();
            return source.Figures.CollectionEfficiencyByPort.ToDictionary(kv => kv.Key, kv => total > 0 ? kv.Value / total : 0);
        }

        /// <summary>Max-product path search (Dijkstra on −ln power) over (instance, entry port) nodes at the line
        /// centre; ties go to the node reached first (file order of ports and connections).</summary>
        public PhotonPath? BestPath(PhotonSource source, IReadOnlyList<PhotonDetector> detectors)
        {
            double[] lambda = [source.Emitter.Emitter.WavelengthNm];
            var blocks = new Dictionary<int, SMatrixSweep>();
            SMatrixSweep Block(int i) => blocks.TryGetValue(i, out var b) ? b : blocks[i] =
                i == _demux && source.PulseChannel is int channel
                    ? ChannelBlock((Components.Passive.BoundTimeDemux)_circuit.Instances[i].Component, channel, lambda)
                    : _circuit.Instances[i].Component.Evaluate(lambda);
            var detectorIndex = new Dictionary<int, int>();
            for (int k = 0; k < detectors.Count; k++) detectorIndex[detectors[k].Index] = k;
            // node = entry port of an instance; Previous = entry node of the instance before, PreviousExit its exit port
            var best = new Dictionary<InstancePort, (double Cost, InstancePort? Previous, int PreviousExit, string StartPort)>();
            var queue = new PriorityQueue<InstancePort, (double, int)>();
            int order = 0;
            (double Cost, string Port, InstancePort? LastEntry, int LastExit, int Detector)? found = null;
            var component = _circuit.Instances[source.Index].Component;
            for (int p = 0; p < component.Ports.Count; p++)
            {
                double share = source.Figures.CollectionEfficiencyByPort.GetValueOrDefault(component.Ports[p]);
                if (!(share > 0) || !_neighbour.TryGetValue(new InstancePort(source.Index, p), out var n)) continue;
                double cost = -Math.Log(share);
                if (detectorIndex.TryGetValue(n.Instance, out int dk))
                {
                    if (found is null || cost < found.Value.Cost - 1e-12) found = (cost, component.Ports[p], null, -1, dk);
                    continue;
                }
                if (_newIndex[n.Instance] < 0) continue;
                if (!best.TryGetValue(n, out var old) || cost < old.Cost - 1e-12)
                {
                    best[n] = (cost, null, -1, component.Ports[p]);
                    queue.Enqueue(n, (cost, order++));
                }
            }
            var done = new HashSet<InstancePort>();
            while (queue.TryDequeue(out var at, out var priority))
            {
                if (!done.Add(at)) continue;
                if (found is not null && priority.Item1 >= found.Value.Cost) break;
                var block = Block(at.Instance);
                var here = best[at];
                for (int o = 0; o < block.PortCount; o++)
                {
                    double power = block[0, o, at.Port].Magnitude;
                    power *= power;
                    if (!(power > 0)) continue;
                    if (!_neighbour.TryGetValue(new InstancePort(at.Instance, o), out var next)) continue;
                    double cost = here.Cost - Math.Log(Math.Min(1, power));
                    if (detectorIndex.TryGetValue(next.Instance, out int dk))
                    {
                        if (found is null || cost < found.Value.Cost - 1e-12) found = (cost, here.StartPort, at, o, dk);
                        continue;
                    }
                    if (_newIndex[next.Instance] < 0 || done.Contains(next)) continue;
                    if (!best.TryGetValue(next, out var old) || cost < old.Cost - 1e-12)
                    {
                        best[next] = (cost, at, o, here.StartPort);
                        queue.Enqueue(next, (cost, order++));
                    }
                }
            }
            if (found is null) return null;
            var hops = new List<(string, double)>();
            InstancePort? entry = found.Value.LastEntry;
            int exit = found.Value.LastExit;
            while (entry is InstancePort e)
            {
                double power = Block(e.Instance)[0, exit, e.Port].Magnitude;
                hops.Add((_circuit.Instances[e.Instance].Name, power * power));
                var info = best[e];
                entry = info.Previous;
                exit = info.PreviousExit;
            }
            hops.Reverse();
            return new PhotonPath(found.Value.Port, hops, found.Value.Detector);
        }
    }

    private static double WavelengthNm(double omegaRadPerPs) => 2 * Math.PI * PhysicalConstants.SpeedOfLightNmPerPs / omegaRadPerPs;

    // ---------------------------------------------------------------- budget

    /// <summary>
    /// The loss budget: the source (P(≥1) collected into the path's first port), each instance of the best path,
    /// the detector, and <c>interference</c> when the last entry differs from <paramref name="probability"/>.
    /// P(≥1) after each step comes from the emitter's distribution after the cumulative loss; loss_db is
    /// 10·log10 of the ratio of consecutive entries, so the entries' factors multiply to the probability. Among
    /// <paramref name="candidates"/> (the pulses of a frame through a time_demux, or the one source) the budget
    /// follows the one with the best path; the difference between that pulse and the average over the frame's
    /// pulses falls in the closing entry. The detector entry includes the share of jittered clicks outside the gate.
    /// When quantum dots that are not sources scatter light incoherently to the detectors, <c>interference</c> closes the
    /// gap to the probability of the coherent light alone (<paramref name="coherentProbability"/>) and a last entry
    /// <c>incoherent_scattering</c> adds the incoherently scattered light, up to <paramref name="probability"/>.
    /// </summary>
    public static List<BudgetEntry> Budget(FlatCircuit circuit, IReadOnlyList<PhotonSource> allSources,
        IReadOnlyList<PhotonSource> candidates, IReadOnlyList<PhotonDetector> detectors, double probability, double? coherentProbability = null,
        IReadOnlyList<SourceTransfer>? transfers = null)
    {
        // Through a time_demux the candidates are the pulses of a frame: the budget follows the pulse with the best path.
        var network = new ReducedNetwork(circuit, allSources, detectors);
        PhotonSource source = candidates[0];
        PhotonPath? path = null;
        double bestProduct = -1;
        foreach (var candidate in candidates)
        {
            var p = network.BestPath(candidate, detectors);
            if (p is null) continue;
            double product = candidate.Figures.CollectionEfficiencyByPort.GetValueOrDefault(p.SourcePort) * detectors[p.Detector].Settings.RegisteredFraction;
            foreach (var (_, power) in p.Hops) product *= Math.Min(1, power);
            if (product > bestProduct)
            {
                bestProduct = product;
                path = p;
                source = candidate;
            }
        }
        var entries = new List<BudgetEntry>();
        // A blinking source's pulses are bright a share p_on of the time: P(≥1) after each step is averaged over them.
        var atEmitter = source.Figures.AtEmitter.Blinking(source.Figures.OnFraction);
        double previous = 1;
        void Add(string name, double after, IReadOnlyList<BudgetPart>? parts = null)
        {
            double factor = previous > 0 ? after / previous : 0;
            double? db = previous > 0 && after > 0 ? -10 * Math.Log10(factor) : null;
            entries.Add(new BudgetEntry(name, db, after, factor, parts));
            previous = after;
        }
        if (path is null)
        {
            Add(source.Instance, source.Figures.Brightness);
            Add(detectors[0].Name, 0);
        }
        else
        {
            double eta = source.Figures.CollectionEfficiencyByPort.GetValueOrDefault(path.SourcePort);
            Add(source.Instance, atEmitter.AfterLoss(eta).AtLeastOne);
            foreach (var (instance, power) in path.Hops)
            {
                eta *= Math.Min(1, power);
                // A gated time_demux also leaves the pulses outside its frames unused: its entry includes that share.
                if (source.UsedShare < 1 && circuit.Instances.FirstOrDefault(i => i.Name == instance)?.Component is Components.Passive.BoundTimeDemux)
                    eta *= source.UsedShare;
                Add(instance, atEmitter.AfterLoss(eta).AtLeastOne);
            }
            var detector = detectors[path.Detector];
            eta *= detector.Settings.RegisteredFraction;
            Add(detector.Name, atEmitter.AfterLoss(eta).AtLeastOne);
        }
        bool Differs(double a, double b) => Math.Abs(a - b) > 1e-12 * Math.Max(a, b) + 1e-300;
        double closing = coherentProbability is double c && Differs(c, probability) ? c : probability;
        if (Differs(previous, closing))
        {
            var parts = path is not null && transfers is not null && previous > 0
                ? ClosingParts(network, circuit, source, transfers[IndexOf(candidates, source)], detectors, path, atEmitter, previous, closing)
                : null;
            Add("interference", closing, parts);
        }
        if (Differs(closing, probability)) Add("incoherent_scattering", probability);
        return entries;
    }

    private static int IndexOf(IReadOnlyList<PhotonSource> list, PhotonSource item)
    {
        for (int i = 0; i < list.Count; i++) if (ReferenceEquals(list[i], item)) return i;
        return 0;
    }

    /// <summary>
    /// What the budget's closing <c>interference</c> entry stands for, as successive factors from the best path's
    /// detector entry (<paramref name="fromProbability"/>) to <paramref name="toProbability"/>: the other paths and ports
    /// into that detector at the line centre (<c>interference</c>), the circuit's response over the photon's spectrum
    /// instead of at its centre (<c>spectral_filtering</c>), the other listed detectors (<c>detectors_combined</c>), and the
    /// average over a demultiplexed frame's pulses instead of the best one (<c>pulses_averaged</c>). Each is the ratio
    /// of P(≥ 1) after and before it, so the parts multiply to the entry's factor; parts equal to 1 are left out. Only the
    /// coherent light counts here (the incoherently scattered light has its own entry).
    /// </summary>
    private static List<BudgetPart> ClosingParts(ReducedNetwork network, FlatCircuit circuit, PhotonSource source, SourceTransfer transfer,
        IReadOnlyList<PhotonDetector> detectors, PhotonPath path, Components.Sources.PhotonNumberDistribution atEmitter, double fromProbability, double toProbability)
    {
        var coherent = CoherentOnly([transfer])[0];
        int d = path.Detector;
        var detector = detectors[d];
        double used = source.UsedShare;
        double collection = source.Figures.CollectionEfficiency;
        // The best detector at the line centre: every path and port into it, with their phases.
        var centre = network.Amplitudes(source, [source.Emitter.Emitter.WavelengthNm])[0][d];
        double atCentre = atEmitter.AfterLoss(Math.Clamp(collection * (centre * Complex.Conjugate(centre)).Real * detector.Settings.RegisteredFraction * used, 0, 1)).AtLeastOne;
        // The same detector over the photon's spectrum.
        var column = coherent.Column[d];
        double overSpectrum = atEmitter.AfterLoss(Math.Clamp((column * Complex.Conjugate(column)).Real * detector.Settings.RegisteredFraction * used, 0, 1)).AtLeastOne;
        // Every listed detector, for this pulse.
        var engine = Engine([source], [coherent], SourceStates.FromGram(GramMatrix.Indistinguishable(1)), detectors, clicks: true, darkCounts: false, background: false);
        double allDetectors = used * Math.Clamp(1 - engine.ClickCountDistribution()[0], 0, 1);
        var steps = new List<(string Cause, double After)> { ("interference", atCentre), ("spectral_filtering", overSpectrum), ("detectors_combined", allDetectors) };
        if (source.PulseChannel is not null) steps.Add(("pulses_averaged", toProbability));
        else steps[^1] = ("detectors_combined", toProbability); // one pulse: the engine's probability is the analysis' own
        // Steps that change nothing are left out, and a step to 0 before a later step above 0 (a detector dark at the line
        // centre but lit over the spectrum) is folded into the next: the next step is taken from the last one kept, so the
        // kept parts multiply exactly to the entry, and the last always ends at its probability.
        var kept = new List<(string Cause, double Before, double After)>();
        double before = fromProbability;
        for (int i = 0; i < steps.Count; i++)
        {
            var (cause, after) = steps[i];
            bool last = i == steps.Count - 1;
            if (!last && (!(after > 0) && toProbability > 0 || Math.Abs(after - before) <= 1e-12 * Math.Max(after, before))) continue;
            if (last && kept.Count > 0 && Math.Abs(after - before) <= 1e-12 * Math.Max(after, before))
            {
                kept[^1] = kept[^1] with { After = after };
                break;
            }
            if (last && Math.Abs(after - before) <= 1e-12 * Math.Max(after, before)) break;
            kept.Add((cause, before, after));
            before = after;
        }
        return kept.Select(k => new BudgetPart(k.Cause, k.Before > 0 && k.After > 0 ? -10 * Math.Log10(k.After / k.Before) : null, k.After,
            k.Before > 0 ? k.After / k.Before : 0)).ToList();
    }

    /// <summary>The transfers without the light that dots which are not sources scatter incoherently (the columns' powers
    /// lowered by it, their phases kept); the same list when there is none.</summary>
    public static IReadOnlyList<SourceTransfer> CoherentOnly(IReadOnlyList<SourceTransfer> transfers)
    {
        if (transfers.All(t => t.IncoherentTransmission is null)) return transfers;
        return transfers.Select(t =>
        {
            if (t.IncoherentTransmission is not { } incoherent) return t;
            var column = (Complex[])t.Column.Clone();
            var transmission = (double[])t.Transmission.Clone();
            for (int d = 0; d < column.Length; d++)
            {
                double coherent = Math.Max(0, transmission[d] - incoherent[d]);
                column[d] = transmission[d] > 0 ? column[d] * Math.Sqrt(coherent / transmission[d]) : Complex.Zero;
                transmission[d] = coherent;
            }
            return t with { Column = column, Transmission = transmission, IncoherentTransmission = null, IncoherentScatterers = null };
        }).ToList();
    }

    /// <summary>The probability of <see cref="PulseAveragedDetection"/> for the coherent light alone, or null when no dot scatters incoherently.</summary>
    public static double? CoherentProbability(IReadOnlyList<PhotonSource> pulses, IReadOnlyList<SourceTransfer> transfers, IReadOnlyList<PhotonDetector> detectors) =>
        transfers.All(t => t.IncoherentTransmission is null) ? null : PulseAveragedDetection(pulses, CoherentOnly(transfers), detectors).Probability;

    /// <summary>
    /// Warns, for a multi-photon analysis, naming each source and the dots that are not sources but scatter part of its
    /// detected light incoherently, that this light is counted with its exact power per detector but treated as
    /// distinguishable from every other photon and with the phases of the coherent light (docs/analyses.md).
    /// </summary>
    public static void WarnIncoherentScattering(IReadOnlyList<PhotonSource> sources, IReadOnlyList<SourceTransfer> transfers, AnalysisContext context, string keyPath, SourceMark mark)
    {
        var warned = new HashSet<string>(StringComparer.Ordinal);
        for (int a = 0; a < sources.Count; a++)
        {
            var t = transfers[a];
            double total = t.TotalTransmission, incoherent = t.TotalIncoherentTransmission;
            if (t.IncoherentScatterers is null || !(incoherent > 1e-12 * total) || !warned.Add(sources[a].Instance)) continue;
            context.Warnings.Warning(mark, keyPath, string.Create(Inv,
                $"{string.Join(", ", t.IncoherentScatterers.Select(n => $"'{n}'"))} (not a source) scatter{(t.IncoherentScatterers.Count == 1 ? "s" : "")} {100 * incoherent / total:G3} % of the detected light of '{sources[a].Instance}' incoherently (pure dephasing or spectral diffusion): its power at each detector is exact, but in multi-photon interference it is approximated as distinguishable from every photon and as carrying the coherent light's phases, not as the dot's own mixed emission"));
        }
    }

    /// <summary>Rate f·P corrected for dead time: Σ_d w_d f·P·s_d, w_d = P_d/Σ P_d, with each detector's surviving share
    /// s_d = 1/(1 + f·P_d·τ_d) (one detector: R/(1 + Rτ_d)), or 1/(1 + K_d·P_d) for a detector with the pulsed dead time
    /// (<see cref="DetectorSettings.RateWithDeadTime"/>). A detector followed pulse by pulse
    /// (<see cref="DetectorPulseTrains.FollowsPulses"/>: behind a time_demux with the pulsed dead time, or with
    /// afterpulse_time_ns) takes s_d from the pulses it receives instead, each pulse k of <paramref name="pulses"/> clicking with
    /// <paramref name="perPulse"/>[k][d] (<see cref="DetectorPulseTrains.PhotonShare"/>).</summary>
    public static double DeadTimeCorrected(double frameRateHz, double probability, IReadOnlyList<double> clickProbabilityPerDetector, IReadOnlyList<PhotonDetector> detectors,
        IReadOnlyList<PhotonSource>? pulses = null, double[][]? perPulse = null)
    {
        double rate = frameRateHz * probability;
        double sum = clickProbabilityPerDetector.Sum();
        if (!(sum > 0)) return rate;
        double corrected = 0;
        for (int d = 0; d < detectors.Count; d++)
        {
            double pd = clickProbabilityPerDetector[d];
            if (!(pd > 0)) continue;
            double survives;
            if (pulses is not null && perPulse is not null && DetectorPulseTrains.FollowsPulses(detectors[d].Settings, pulses)
                && DetectorPulseTrains.Pattern(pulses, [.. perPulse.Select(p => p[d] > 0)], [.. perPulse.Select(p => p[d])], frameRateHz) is { } pattern)
                survives = DetectorPulseTrains.PhotonShare(pattern, detectors[d].Settings.InPulsePattern(pattern));
            else
                survives = detectors[d].Settings.RateWithDeadTime(frameRateHz, pd) / (frameRateHz * pd);
            corrected += pd / sum * rate * survives;
        }
        return corrected;
    }
}
