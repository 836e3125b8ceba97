using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace PhotonicKit.Circuit.Devices;

/// <summary>A number of an experiment's efficiency chain with where it comes from.</summary>
/// <param name="Value">The value (a power transmission in [0, 1], or the quantity named by its use).</param>
/// <param name="Source">The paper and place, or "assumption: …" with the reason when the paper (as read here) does not give it.</param>
public sealed record SourcedValue(double Value, string Source)
{
    /// <summary>True when the value is not taken from the experiment's paper.</summary>
    public bool IsAssumption => Source.StartsWith("assumption", StringComparison.Ordinal);
}

/// <summary>
/// A passive m-mode interferometer M = √T·U between the demultiplexed channels and the detectors: U an m × m
/// unitary (row = output, column = input), T its power transmission. Channel k enters input k.
/// </summary>
/// <param name="UnitaryRe">Real part of U, m rows of m numbers.</param>
/// <param name="UnitaryIm">Imaginary part of U, m rows of m numbers.</param>
/// <param name="UnitarySource">Where U comes from.</param>
/// <param name="Transmission">T with its source.</param>
public sealed record InterferometerSpec(ImmutableArray<ImmutableArray<double>> UnitaryRe, ImmutableArray<ImmutableArray<double>> UnitaryIm,
    string UnitarySource, SourcedValue Transmission)
{
    /// <summary>Number of modes m.</summary>
    public int Modes => UnitaryRe.Length;
}

/// <summary>
/// A published multi-photon experiment with one quantum-dot source whose pulse train a time demultiplexer splits
/// into N channels (spec §3 <c>time_demux</c>): source → collection optics (one power transmission) → demux →
/// delay lines that make the N pulses of a frame arrive together → optional interferometer → threshold detectors,
/// with a <c>photon_statistics</c> analysis per frame whose <c>n_fold_rate_hz</c> is compared with the published
/// N-photon rate. Every number carries its source; devices/NAME.yaml holds <see cref="ToNetlist"/>.
/// </summary>
public sealed class DemultiplexedExperiment
{
    /// <summary>Creates an experiment; see the properties for the meaning of each argument.</summary>
    /// <param name="name">Netlist name and file stem.</param>
    /// <param name="reference">Full citation.</param>
    /// <param name="description">One line on what the experiment is.</param>
    /// <param name="source">The source, as a published device (its settings and wavelength; its figures are not used here).</param>
    /// <param name="collection">Power transmission in (0, 1] from the source's collected port into the demultiplexer, or null when the source's brightness is already stated at the demultiplexer's input.</param>
    /// <param name="collectionElement">What <paramref name="collection"/> is (e.g. "grating coupler and fibre").</param>
    /// <param name="demuxEfficiencies">η_k of each demultiplexer channel (N = their count, 2 … 8).</param>
    /// <param name="demuxSource">Where the η_k come from.</param>
    /// <param name="interferometer">The interferometer, or null for detectors directly on the channels.</param>
    /// <param name="detectorEfficiency">Efficiency of every (threshold) detector.</param>
    /// <param name="figures">Published figures; fields are paths into the <c>photon_statistics</c> result (e.g. <c>n_fold_rate_hz.4</c>).</param>
    /// <exception cref="ArgumentException">A channel count outside 2 … 8, an efficiency outside [0, 1], an interferometer smaller than N, or a source without a repetition rate.</exception>
    public DemultiplexedExperiment(string name, string reference, string description, PublishedDevice source,
        SourcedValue? collection, string collectionElement, IEnumerable<double> demuxEfficiencies, string demuxSource,
        InterferometerSpec? interferometer, SourcedValue detectorEfficiency, IEnumerable<PublishedFigure> figures)
    {
        Name = name;
        Reference = reference;
        Description = description;
        Source = source;
        Collection = collection;
        CollectionElement = collectionElement;
        DemuxEfficiencies = [.. demuxEfficiencies];
        DemuxSource = demuxSource;
        Interferometer = interferometer;
        DetectorEfficiency = detectorEfficiency;
        Figures = [.. figures];
        if (DemuxEfficiencies.Length is < 2 or > 8)
            throw new ArgumentException($"demultiplexer channels: {DemuxEfficiencies.Length} given, 2 … 8 allowed (photon_statistics handles 2 … 8 pulses per frame)", nameof(demuxEfficiencies));
        for (int k = 0; k < DemuxEfficiencies.Length; k++)
            if (!(DemuxEfficiencies[k] is >= 0 and <= 1))
                throw new ArgumentException($"demultiplexer channel {k}: efficiency {DemuxEfficiencies[k].ToString(CultureInfo.InvariantCulture)} is outside [0, 1]", nameof(demuxEfficiencies));
        if (collection is not null && !(collection.Value is > 0 and <= 1))
            throw new ArgumentException($"collection transmission {collection.Value.ToString(CultureInfo.InvariantCulture)} is outside (0, 1]", nameof(collection));
        if (!(detectorEfficiency.Value is >= 0 and <= 1))
            throw new ArgumentException($"detector efficiency {detectorEfficiency.Value.ToString(CultureInfo.InvariantCulture)} is outside [0, 1]", nameof(detectorEfficiency));
        if (interferometer is not null)
        {
            if (interferometer.Modes < DemuxEfficiencies.Length || interferometer.UnitaryIm.Length != interferometer.Modes
                || interferometer.UnitaryRe.Any(r => r.Length != interferometer.Modes) || interferometer.UnitaryIm.Any(r => r.Length != interferometer.Modes))
                throw new ArgumentException($"the interferometer must be square with at least {DemuxEfficiencies.Length} modes", nameof(interferometer));
            if (!(interferometer.Transmission.Value is > 0 and <= 1))
                throw new ArgumentException("interferometer transmission must be in (0, 1]", nameof(interferometer));
        }
        if (!source.SettingsDictionary.TryGetValue("repetition_rate_mhz", out var f) || f is not double)
            throw new ArgumentException($"source '{source.Name}' has no repetition_rate_mhz: the pulse spacing needs it", nameof(source));
    }

    /// <summary>Netlist name and file stem (devices/NAME.yaml).</summary>
    public string Name { get; }
    /// <summary>Full citation.</summary>
    public string Reference { get; }
    /// <summary>What the experiment is.</summary>
    public string Description { get; }
    /// <summary>The source (settings with sources); its <see cref="PublishedDevice.Figures"/> are not used here.</summary>
    public PublishedDevice Source { get; }
    /// <summary>Power transmission from the source's collected port into the demultiplexer; null: nothing in between.</summary>
    public SourcedValue? Collection { get; }
    /// <summary>What the collection transmission stands for.</summary>
    public string CollectionElement { get; }
    /// <summary>η_k of each demultiplexer channel; N = their count.</summary>
    public ImmutableArray<double> DemuxEfficiencies { get; }
    /// <summary>Where the η_k come from.</summary>
    public string DemuxSource { get; }
    /// <summary>The interferometer, or null.</summary>
    public InterferometerSpec? Interferometer { get; }
    /// <summary>Efficiency of every detector.</summary>
    public SourcedValue DetectorEfficiency { get; }
    /// <summary>Published figures (paths into the photon_statistics result).</summary>
    public ImmutableArray<PublishedFigure> Figures { get; }

    /// <summary>Photons per frame N (the demultiplexer's channel count).</summary>
    public int PhotonCount => DemuxEfficiencies.Length;

    /// <summary>Number of detectors: the interferometer's modes, else N.</summary>
    public int DetectorCount => Interferometer?.Modes ?? PhotonCount;

    /// <summary>Repetition rate f of the source, MHz.</summary>
    public double RepetitionRateMhz => (double)Source.SettingsDictionary["repetition_rate_mhz"];

    /// <summary>Pulse spacing 1/f, ps.</summary>
    public double PulseSpacingPs => 1e6 / RepetitionRateMhz;

    /// <summary>The demultiplexer's switch rate f_g, MHz, when it routes windows of pulses (Pockels cells); null pulse by pulse.</summary>
    public SourcedValue? GateRateMhz { get; init; }

    /// <summary>The switch's rise time, ns, or null.</summary>
    public SourcedValue? RiseTimeNs { get; init; }

    /// <summary>Every detector's dead time, ns, or null for none.</summary>
    public SourcedValue? DetectorDeadTimeNs { get; init; }

    /// <summary>
    /// The <c>distinguishability</c> option of the <c>photon_statistics</c> analysis (<c>binary</c>: pure photons with the exact
    /// pairwise overlaps, for frames whose mixed photons are too many for the exact permutation sum), with why; null for the
    /// exact default.
    /// </summary>
    public (string Model, string Reason)? Distinguishability { get; init; }

    /// <summary>Pulses between the photons of consecutive channels in a frame: M = ⌊f_rep/(N f_g)⌋ for a gated switch, 1 pulse by pulse.</summary>
    public int WindowPulses => GateRateMhz is { } g ? (int)Math.Floor(RepetitionRateMhz / (PhotonCount * g.Value) * (1 + 1e-12)) : 1;

    /// <summary>Frames per second: f_g·(M − pulses lost in the rise time) gated, f_rep/N pulse by pulse.</summary>
    public double FrameRateHz
    {
        get
        {
            if (GateRateMhz is not { } g) return RepetitionRateMhz * 1e6 / PhotonCount;
            double rise = (RiseTimeNs?.Value ?? 0) * RepetitionRateMhz * 1e-3;
            int lost = rise > 0 ? (int)Math.Max(0, Math.Ceiling(rise * (1 - 1e-12)) - 1) : 0;
            return g.Value * 1e6 * (WindowPulses - lost);
        }
    }

    /// <summary>
    /// Per-channel efficiency excluding the source: collection × η_k × interferometer transmission × detector
    /// efficiency (the factors of R_N = (f/N)·∏η_k that the circuit adds to the source's brightness).
    /// </summary>
    /// <param name="channel">k in 0 … N−1.</param>
    public double ChannelTransmission(int channel) =>
        (Collection?.Value ?? 1) * DemuxEfficiencies[channel] * (Interferometer?.Transmission.Value ?? 1) * DetectorEfficiency.Value;

    /// <summary>
    /// The netlist text: the source, the collection attenuator, the time_demux (gated when <see cref="GateRateMhz"/> is
    /// given), delay lines (N−1−k)·M/f on channel k (<see cref="WindowPulses"/> M), the interferometer (a <c>unitary</c> √T·U) and threshold detectors, and one <c>photon_statistics</c>
    /// analysis per frame. devices/NAME.yaml holds exactly this text.
    /// </summary>
    public string ToNetlist()
    {
        var inv = CultureInfo.InvariantCulture;
        string R(double v) => v.ToString("R", inv);
        int n = PhotonCount, m = DetectorCount;
        var b = new StringBuilder();
        b.Append("# ").Append(Reference).Append('\n');
        b.Append("# ").Append(Description).Append('\n');
        b.Append("# Every number is commented with its source; \"assumption\" marks values the paper does not give (or that\n");
        b.Append("# could not be read from it here), listed in docs/devices.md. With one source through a time_demux,\n");
        b.Append("# photon_statistics works per frame of ").Append(n).Append(" pulses and n_fold_rate_hz is at the frame rate (")
            .Append(GateRateMhz is null ? $"f/{n}" : "the gated switch's").Append(").\n");
        b.Append("# Generated from PhotonicKit.Circuit.Devices.DemultiplexedExperiments; keep in step.\n");
        b.Append("photonickit: 1\n");
        b.Append("name: ").Append(Name).Append('\n');
        b.Append("wavelength_nm: ").Append(R(Source.WavelengthNm)).Append("   # ").Append(Source.WavelengthSource).Append('\n');
        b.Append("instances:\n");
        b.Append("  qd:\n    component: ").Append(Source.Component).Append("   # ").Append(Source.Description).Append('\n');
        b.Append("    settings:\n");
        foreach (var s in Source.Settings)
            b.Append("      ").Append(s.Key).Append(": ").Append(s.ValueText).Append("   # ").Append(s.Source).Append('\n');
        if (Collection is { } collection)
        {
            double lossDb = -10 * Math.Log10(collection.Value);
            b.Append("  collection: {component: attenuator, settings: {loss_db: ").Append(R(lossDb)).Append("}}   # ")
                .Append(CollectionElement).Append(", transmission ").Append(R(collection.Value)).Append(": ").Append(collection.Source).Append('\n');
        }
        b.Append("  demux:\n    component: time_demux\n    settings:\n      channels: ").Append(n).Append('\n');
        b.Append("      efficiency: [").Append(string.Join(", ", DemuxEfficiencies.Select(R))).Append("]   # ").Append(DemuxSource).Append('\n');
        if (GateRateMhz is { } gate) b.Append("      gate_rate_mhz: ").Append(R(gate.Value)).Append("   # ").Append(gate.Source).Append('\n');
        if (RiseTimeNs is { } rise) b.Append("      rise_time_ns: ").Append(R(rise.Value)).Append("   # ").Append(rise.Source).Append('\n');
        int window = WindowPulses;
        for (int k = 0; k < n - 1; k++)
        {
            int periods = (n - 1 - k) * window;
            b.Append("  delay").Append(k).Append(": {component: delay_line, settings: {delay_ps: ").Append(R(periods * PulseSpacingPs))
                .Append("}}   # channel ").Append(k).Append("'s photon waits ").Append(periods).Append(periods == 1 ? " pulse period 1/f" : " pulse periods 1/f")
                .Append(window > 1 ? $" ({n - 1 - k} window{(n - 1 - k == 1 ? "" : "s")} of {window} pulses)" : "").Append(" to meet the last channel's\n");
        }
        if (Interferometer is { } ifm)
        {
            double a = Math.Sqrt(ifm.Transmission.Value);
            b.Append("  chip:\n    component: unitary   # M = √T·U, T = ").Append(R(ifm.Transmission.Value)).Append(": ").Append(ifm.Transmission.Source)
                .Append("; U: ").Append(ifm.UnitarySource).Append('\n');
            b.Append("    settings:\n");
            AppendMatrix(b, "matrix_re", ifm.UnitaryRe, a, R);
            AppendMatrix(b, "matrix_im", ifm.UnitaryIm, a, R);
        }
        for (int d = 0; d < m; d++)
            b.Append("  d").Append(d).Append(": {component: detector, settings: {efficiency: ").Append(R(DetectorEfficiency.Value))
                .Append(DetectorDeadTimeNs is { } dead ? ", dead_time_ns: " + R(dead.Value) : "")
                .Append(", resolution: threshold}}").Append(d == 0 ? "   # " + DetectorEfficiency.Source + (DetectorDeadTimeNs is { } deadTime ? "; dead time: " + deadTime.Source : "") : "").Append('\n');
        b.Append("connections:\n");
        string port = Source.Component == "quantum_dot" ? "right" : "out";
        if (Collection is null) b.Append("  \"qd,").Append(port).Append("\": \"demux,in\"   # ").Append(CollectionElement).Append('\n');
        else
        {
            b.Append("  \"qd,").Append(port).Append("\": \"collection,o1\"\n");
            b.Append("  \"collection,o2\": \"demux,in\"\n");
        }
        string Target(int k) => Interferometer is null ? $"d{k},in" : $"chip,in{k}";
        for (int k = 0; k < n; k++)
        {
            if (k < n - 1)
            {
                b.Append("  \"demux,out").Append(k).Append("\": \"delay").Append(k).Append(",o1\"\n");
                b.Append("  \"delay").Append(k).Append(",o2\": \"").Append(Target(k)).Append("\"\n");
            }
            else b.Append("  \"demux,out").Append(k).Append("\": \"").Append(Target(k)).Append("\"\n");
        }
        if (Interferometer is not null)
            for (int d = 0; d < m; d++) b.Append("  \"chip,out").Append(d).Append("\": \"d").Append(d).Append(",in\"\n");
        var ports = new List<string>();
        if (Source.Component == "quantum_dot") ports.Add("qd_left: \"qd,left\"");
        if (Interferometer is not null)
            for (int i = n; i < m; i++) ports.Add($"unused_in{i}: \"chip,in{i}\"");
        if (ports.Count > 0) b.Append("ports: {").Append(string.Join(", ", ports)).Append("}\n");
        b.Append("analyses:\n");
        b.Append("  - {type: photon_statistics, sources: [qd], detectors: [")
            .Append(string.Join(", ", Enumerable.Range(0, m).Select(d => "d" + d.ToString(inv)))).Append("], max_patterns: 5")
            .Append(Distinguishability is { } model ? ", distinguishability: " + model.Model + "}   # " + model.Reason : "}").Append('\n');
        return b.ToString();
    }

    private static void AppendMatrix(StringBuilder b, string key, ImmutableArray<ImmutableArray<double>> rows, double scale, Func<double, string> r)
    {
        b.Append("      ").Append(key).Append(":\n");
        foreach (var row in rows)
            b.Append("        - [").Append(string.Join(", ", row.Select(v => r(scale * v)))).Append("]\n");
    }
}
