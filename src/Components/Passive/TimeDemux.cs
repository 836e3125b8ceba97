using System.Collections.Immutable;
using System.Globalization;

namespace PhotonicKit.Components.Passive;

/// <summary>
/// A time demultiplexer: excitation pulse k leaves at out(k mod N). Classically (averaged over the N time
/// slots) S(out_k, in) = S(in, out_k) = √(η_k/N), all other entries 0.
/// </summary>
/// <remarks>
/// S = [[0, vᵀ], [v, 0]] with v_k = √(η_k/N) has singular values |v|, |v| and 0 (N − 1 times), |v|² = Σ η_k/N ≤ 1:
/// passive and reciprocal; not unitary for N ≥ 2 (a time-averaged switch loses the slots that are routed
/// elsewhere), hence <see cref="ComponentTraits.LosslessWithoutLoss"/> is false. The photon-level routing is
/// read from <see cref="BoundTimeDemux.Settings"/>.
/// </remarks>
public sealed class TimeDemuxModel : ComponentModel
{
    /// <summary>Most channels whose (N + 1)² S-matrix fits in one array (<see cref="SMatrixSweep"/> storage).</summary>
    public static readonly int MaxChannels = (int)Math.Sqrt(Array.MaxLength) - 1;

    private static readonly SettingSpec[] Specs =
    [
        new("channels", SettingKind.Integer, "", "number of output channels N") { Required = true, Min = 1 },
        new("efficiency", SettingKind.NumberOrList, "", "power transmission η_k into each channel: one number for all, or a list of N") { Default = 1, Min = 0, Max = 1 },
        new("gate_rate_mhz", SettingKind.Number, "MHz", "f_g, repetition rate of a switch slower than the pulse train (Pockels cells): each period 1/f_g is cut into N windows of M = ⌊f_rep/(N f_g)⌋ pulses, window k to out k; a frame is the j-th pulse of every window; without it the switch routes pulse by pulse") { Min = 0, MinExclusive = true },
        new("rise_time_ns", SettingKind.Number, "ns", "switching time t_r: the pulses within t_r after a switch edge placed just after a pulse are lost (⌈t_r f_rep⌉ − 1 per window); pulse by pulse it must be shorter than 1/f_rep") { Default = 0, Min = 0 },
    ];

    /// <inheritdoc/>
    public override string Name => "time_demux";

    /// <inheritdoc/>
    public override string Summary => "time demultiplexer: pulse k leaves at out(k mod N)";

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts => null;

    /// <inheritdoc/>
    public override string PortsDescription => "in, out0 … out{N−1}";

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: true, LosslessWithoutLoss: false);

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        double channelsGiven = settings.Number("channels");
        int channels = (int)Math.Min(channelsGiven, int.MaxValue);
        if (settings.Errors.Count == 0 && channelsGiven > MaxChannels)
            settings.AddError("channels", $"{channelsGiven.ToString("R", CultureInfo.InvariantCulture)} channels give an S-matrix of (N + 1)² entries, more than one array holds: expected at most {MaxChannels.ToString(CultureInfo.InvariantCulture)}");
        int count = settings.Errors.Count == 0 ? channels : 1;
        double[] efficiencies = settings.NumberOrList("efficiency", count);
        double? gateRateMhz = settings.OptionalNumber("gate_rate_mhz");
        double riseTimeNs = settings.Number("rise_time_ns");
        settings.ThrowIfErrors();
        return new BoundTimeDemux(this, new TimeDemuxSettings(channels, [.. efficiencies]) { GateRateMhz = gateRateMhz, RiseTimeNs = riseTimeNs });
    }
}

/// <summary>Validated settings of a <c>time_demux</c>.</summary>
/// <param name="Channels">Number of output channels N (≥ 1).</param>
/// <param name="Efficiencies">Power transmission η_k of each channel k = 0 … N−1, each in [0, 1].</param>
public sealed record TimeDemuxSettings(int Channels, ImmutableArray<double> Efficiencies)
{
    /// <summary>The output channel of excitation pulse <paramref name="pulseIndex"/>: k mod N.</summary>
    public int ChannelOfPulse(long pulseIndex) => (int)(((pulseIndex % Channels) + Channels) % Channels);

    /// <summary>f_g, MHz, the switch's repetition rate when it routes windows of pulses; null when it routes pulse by pulse.</summary>
    public double? GateRateMhz { get; init; }

    /// <summary>t_r, ns, the switching time.</summary>
    public double RiseTimeNs { get; init; }

    /// <summary>
    /// The frames the switch makes of a pulse train at <paramref name="repetitionRateMhz"/>, or the reason it cannot.
    /// Pulse by pulse: pulse k of a frame is k/f_rep after pulse 0, N pulses a frame, f_rep/N frames a second, every pulse
    /// used; t_r must be below 1/f_rep. Gated at f_g: each period holds N windows of M = ⌊f_rep/(N f_g)⌋ pulses, window k
    /// to channel k; the switch edge is placed just after the last pulse of a window, so the ⌈t_r f_rep⌉ − 1 pulses that
    /// follow it within t_r are lost, and F = M − that of each window's pulses are usable. Frame j takes the j-th usable
    /// pulse of every window: its pulse k is k·M/f_rep after pulse 0; F frames a period, f_g·F a second; a share
    /// N·F·f_g/f_rep of all pulses is used.
    /// </summary>
    public DemuxFrames Frames(double repetitionRateMhz, out string? problem)
    {
        problem = null;
        var inv = CultureInfo.InvariantCulture;
        double risePulses = RiseTimeNs * repetitionRateMhz * 1e-3;
        if (GateRateMhz is not double fg)
        {
            if (RiseTimeNs > 0 && risePulses >= 1)
                problem = $"rise_time_ns {RiseTimeNs.ToString("R", inv)} ns is not shorter than the pulse spacing 1/f_rep = {(1e3 / repetitionRateMhz).ToString("G4", inv)} ns: a switch that routes pulse by pulse must switch between consecutive pulses (give gate_rate_mhz for a switch that routes windows of pulses)";
            return new DemuxFrames(1, Channels, repetitionRateMhz / Channels, 1);
        }
        double perWindow = Math.Floor(repetitionRateMhz / (Channels * fg) * (1 + 1e-12));
        int lost = RiseTimeNs > 0 ? (int)Math.Min(int.MaxValue, Math.Max(0, Math.Ceiling(risePulses * (1 - 1e-12)) - 1)) : 0;
        if (perWindow < 1)
        {
            problem = $"gate_rate_mhz {fg.ToString("R", inv)} MHz with {Channels} channels needs windows of at least one pulse: f_rep/(N f_g) = {(repetitionRateMhz / (Channels * fg)).ToString("G4", inv)} at f_rep = {repetitionRateMhz.ToString("R", inv)} MHz (expected f_g ≤ f_rep/N = {(repetitionRateMhz / Channels).ToString("G6", inv)} MHz)";
            return new DemuxFrames(1, Channels, repetitionRateMhz / Channels, 1);
        }
        if (!double.IsFinite(perWindow * Channels * 1e6 / repetitionRateMhz))
        {
            problem = $"gate_rate_mhz {fg.ToString("R", inv)} MHz makes windows of {perWindow.ToString("G3", inv)} pulses, too long for the times of a frame's photons in double precision";
            return new DemuxFrames(1, Channels, repetitionRateMhz / Channels, 1);
        }
        double usable = perWindow - lost;
        if (usable < 1)
        {
            problem = $"rise_time_ns {RiseTimeNs.ToString("R", inv)} ns loses {lost} pulses after each switch edge at f_rep = {repetitionRateMhz.ToString("R", inv)} MHz, and a window holds {perWindow.ToString(inv)}: no pulse is left to route";
            return new DemuxFrames(1, Channels, repetitionRateMhz / Channels, 1);
        }
        return new DemuxFrames(perWindow, Channels, fg * usable, Channels * usable * fg / repetitionRateMhz)
        {
            FramesPerPeriod = (int)usable, LostPerWindow = lost, PeriodPulses = repetitionRateMhz / fg,
        };
    }
}

/// <summary>The frames a <c>time_demux</c> makes of a pulse train (<see cref="TimeDemuxSettings.Frames"/>).</summary>
/// <param name="PulseSpacing">Pulses between the photons of consecutive channels in a frame (1 pulse by pulse, M gated).</param>
/// <param name="Channels">Pulses per frame, N.</param>
/// <param name="FrameRateMhz">Frames per microsecond.</param>
/// <param name="UsedShare">Share of the train's pulses that reach a channel in some frame.</param>
public sealed record DemuxFrames(double PulseSpacing, int Channels, double FrameRateMhz, double UsedShare)
{
    /// <summary>F, the frames of one switching period (1 pulse by pulse; the usable pulses of a window when gated).</summary>
    public int FramesPerPeriod { get; init; } = 1;

    /// <summary>L, the pulses at the start of each window lost in the switch's rise time (0 pulse by pulse).</summary>
    public int LostPerWindow { get; init; }

    /// <summary>The pulses of the train in one switching period when gated, f_rep/f_g (not necessarily whole); 0 pulse by pulse.</summary>
    public double PeriodPulses { get; init; }

    /// <summary>The switching period in pulses of the train: <see cref="PeriodPulses"/> when gated, N pulse by pulse.</summary>
    public double PeriodInPulses => PeriodPulses > 0 ? PeriodPulses : Channels;

    /// <summary>
    /// When pulse <paramref name="channel"/> of frame <paramref name="frame"/> (0 … F−1) reaches its channel, in pulse spacings
    /// of the train after the start of the switching period: k·M + L + j (k pulse by pulse). Each channel thus receives a burst of
    /// F consecutive pulses a period (every N-th pulse pulse by pulse).
    /// </summary>
    public double PulseOffset(int frame, int channel) => channel * PulseSpacing + LostPerWindow + frame;
}

/// <summary>A bound <c>time_demux</c>, exposing its settings for the photon-level routing.</summary>
public sealed class BoundTimeDemux : BoundComponent
{
    internal BoundTimeDemux(TimeDemuxModel model, TimeDemuxSettings settings)
        : base(model, PortNames(settings.Channels))
    {
        Settings = settings;
    }

    /// <summary>The validated settings.</summary>
    public TimeDemuxSettings Settings { get; }

    /// <summary>Port names in matrix order: in, out0 … out{N−1}.</summary>
    public static string[] PortNames(int channels)
    {
        var ports = new string[channels + 1];
        ports[0] = "in";
        for (int k = 0; k < channels; k++) ports[k + 1] = "out" + k.ToString(CultureInfo.InvariantCulture);
        return ports;
    }

    /// <summary>Writes S(out_k, in) = S(in, out_k) = √(η_k/N) at every wavelength.</summary>
    protected override void Fill(SMatrixSweep s)
    {
        int n = Settings.Channels;
        for (int k = 0; k < s.WavelengthCount; k++)
            for (int c = 0; c < n; c++)
            {
                double amplitude = Math.Sqrt(Settings.Efficiencies[c] / n);
                s.Set(k, c + 1, 0, amplitude);
                s.Set(k, 0, c + 1, amplitude);
            }
    }
}
