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
        settings.ThrowIfErrors();
        return new BoundTimeDemux(this, new TimeDemuxSettings(channels, [.. efficiencies]));
    }
}

/// <summary>Validated settings of a <c>time_demux</c>.</summary>
/// <param name="Channels">Number of output channels N (≥ 1).</param>
/// <param name="Efficiencies">Power transmission η_k of each channel k = 0 … N−1, each in [0, 1].</param>
public sealed record TimeDemuxSettings(int Channels, ImmutableArray<double> Efficiencies)
{
    /// <summary>The output channel of excitation pulse <paramref name="pulseIndex"/>: k mod N.</summary>
    public int ChannelOfPulse(long pulseIndex) => (int)(((pulseIndex % Channels) + Channels) % Channels);
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
