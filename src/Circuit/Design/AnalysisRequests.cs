using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Design;

/// <summary>
/// One entry of a netlist's <c>analyses</c>, typed: a record per analysis type of the format (docs/analyses.md) with
/// its keys as properties. A property left null is not written, so the analysis' own default applies. The request
/// is checked with the circuit when it is built, by the same rules and messages as a file's analyses.
/// </summary>
public abstract record AnalysisRequest
{
    private protected AnalysisRequest()
    {
    }

    /// <summary>The analysis' <c>type</c>, e.g. <c>hom</c>.</summary>
    public abstract string Type { get; }

    /// <summary>The keys and values besides <c>type</c>, in the order a file writes them.</summary>
    internal abstract IEnumerable<KeyValuePair<string, Node?>> Entries();

    internal MappingNode ToNode() =>
        NetlistBuilder.Map([new(NetlistBuilder.Key("type"), NetlistBuilder.Text(Type)),
            .. Entries().Where(e => e.Value is not null).Select(e => new KeyValuePair<ScalarNode, Node>(NetlistBuilder.Key(e.Key), e.Value!))]);

    private protected static KeyValuePair<string, Node?> Entry(string key, Node? value) => new(key, value);

    private protected static Node? Number(double? value) => value is { } v ? NetlistBuilder.Number(v) : null;

    private protected static Node? Flag(bool? value) => value is { } v ? NetlistBuilder.Plain(v ? "true" : "false") : null;

    private protected static Node? Name(InstanceReference? instance) => instance is null ? null : NetlistBuilder.Text(instance.Path);

    private protected static Node? Names(IEnumerable<string>? names) =>
        names is null ? null : NetlistBuilder.List(names.Select(n => (Node)NetlistBuilder.Text(n)));

    private protected static Node? Names(IEnumerable<InstanceReference>? instances) => Names(instances?.Select(i => i.Path));

    private protected static Node? Grid(WavelengthSweep? sweep) => sweep is null ? null
        : NetlistBuilder.Map([new(NetlistBuilder.Key("start_nm"), NetlistBuilder.Number(sweep.StartNm)),
            new(NetlistBuilder.Key("stop_nm"), NetlistBuilder.Number(sweep.StopNm)), new(NetlistBuilder.Key("points"), NetlistBuilder.Number(sweep.Points))]);
}

/// <summary>Values of a swept setting or of a delay scan: a list of numbers, a list of words (for a choice
/// setting), or a linear grid <c>{start, stop, points}</c> including both ends. A number array converts implicitly.</summary>
public sealed record SweepValues
{
    private readonly Func<Node> _node;

    private SweepValues(Func<Node> node) => _node = node;

    /// <summary>The numbers <paramref name="values"/>, in order.</summary>
    public static SweepValues Numbers(params double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] copy = [.. values];
        return new(() => NetlistBuilder.List(copy.Select(v => (Node)NetlistBuilder.Number(v))));
    }

    /// <summary>The words <paramref name="values"/> (the choices of a choice setting), in order.</summary>
    public static SweepValues Words(params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        string[] copy = [.. values];
        return new(() => NetlistBuilder.List(copy.Select(v => (Node)NetlistBuilder.Text(v))));
    }

    /// <summary><paramref name="points"/> values from <paramref name="start"/> to <paramref name="stop"/>, both included.</summary>
    public static SweepValues Grid(double start, double stop, int points) =>
        new(() => NetlistBuilder.Map([new(NetlistBuilder.Key("start"), NetlistBuilder.Number(start)),
            new(NetlistBuilder.Key("stop"), NetlistBuilder.Number(stop)), new(NetlistBuilder.Key("points"), NetlistBuilder.Number(points))]));

    /// <summary>A list of numbers.</summary>
    public static implicit operator SweepValues(double[] values) => Numbers(values);

    internal Node ToNode() => _node();
}

/// <summary><c>transmission</c>: |S[to, from]|², phase and group delay between external ports over a wavelength grid.</summary>
public sealed record TransmissionRequest : AnalysisRequest
{
    /// <inheritdoc/>
    public override string Type => "transmission";

    /// <summary>The ports light enters (<c>from</c>); null for every external port.</summary>
    public IReadOnlyList<ExternalPort>? From { get; init; }

    /// <summary>The ports light leaves (<c>to</c>, may include <c>from</c>: reflection); null for every external port.</summary>
    public IReadOnlyList<ExternalPort>? To { get; init; }

    /// <summary>The analysis' own wavelength (<c>wavelength_nm</c>), in nm; null for the circuit's grid.</summary>
    public double? WavelengthNm { get; init; }

    /// <summary>The analysis' own wavelength grid (<c>sweep</c>); null for the circuit's grid.</summary>
    public WavelengthSweep? Sweep { get; init; }

    internal override IEnumerable<KeyValuePair<string, Node?>> Entries() =>
        [Entry("from", Names(From?.Select(p => p.Name))), Entry("to", Names(To?.Select(p => p.Name))), Entry("wavelength_nm", Number(WavelengthNm)), Entry("sweep", Grid(Sweep))];
}

/// <summary><c>smatrix</c>: the S-matrix over the circuit's external ports.</summary>
public sealed record SMatrixRequest : AnalysisRequest
{
    /// <inheritdoc/>
    public override string Type => "smatrix";

    /// <summary>The analysis' own wavelength (<c>wavelength_nm</c>), in nm; null for the circuit's grid.</summary>
    public double? WavelengthNm { get; init; }

    /// <summary>The analysis' own wavelength grid (<c>sweep</c>); null for the circuit's grid.</summary>
    public WavelengthSweep? Sweep { get; init; }

    internal override IEnumerable<KeyValuePair<string, Node?>> Entries() =>
        [Entry("wavelength_nm", Number(WavelengthNm)), Entry("sweep", Grid(Sweep))];
}

/// <summary><c>source</c>: the per-pulse figures of one emitter (lifetime, β, brightness, g2, indistinguishability, spectrum).</summary>
/// <param name="Source">The <c>quantum_dot</c> or <c>cavity_source</c>.</param>
public sealed record SourceRequest(InstanceReference Source) : AnalysisRequest
{
    /// <inheritdoc/>
    public override string Type => "source";

    internal override IEnumerable<KeyValuePair<string, Node?>> Entries() => [Entry("source", Name(Source))];
}

/// <summary><c>efficiency</c>: the probability that the detectors register a photon of the source, and its loss budget.</summary>
/// <param name="Source">The emitting instance.</param>
/// <param name="Detectors">The detectors.</param>
public sealed record EfficiencyRequest(InstanceReference Source, IReadOnlyList<InstanceReference> Detectors) : AnalysisRequest
{
    /// <inheritdoc/>
    public override string Type => "efficiency";

    internal override IEnumerable<KeyValuePair<string, Node?>> Entries() => [Entry("source", Name(Source)), Entry("detectors", Names(Detectors))];
}

/// <summary><c>g2</c>: the second-order correlation of one source's photons at two detectors.</summary>
/// <param name="Source">The emitting instance.</param>
/// <param name="Detectors">The two detectors.</param>
public sealed record G2Request(InstanceReference Source, IReadOnlyList<InstanceReference> Detectors) : AnalysisRequest
{
    /// <inheritdoc/>
    public override string Type => "g2";

    internal override IEnumerable<KeyValuePair<string, Node?>> Entries() => [Entry("source", Name(Source)), Entry("detectors", Names(Detectors))];
}

/// <summary><c>hom</c>: Hong–Ou–Mandel interference of two sources (or one through a <c>time_demux</c>) at two detectors.</summary>
/// <param name="Sources">Two sources, or one whose pulses a <c>time_demux</c> separates.</param>
/// <param name="Detectors">The two detectors.</param>
public sealed record HomRequest(IReadOnlyList<InstanceReference> Sources, IReadOnlyList<InstanceReference> Detectors) : AnalysisRequest
{
    /// <inheritdoc/>
    public override string Type => "hom";

    /// <summary>Extra delays on the first source (<c>delay_ps</c>), in ps; null for 0 alone.</summary>
    public SweepValues? DelayPs { get; init; }

    internal override IEnumerable<KeyValuePair<string, Node?>> Entries() =>
        [Entry("sources", Names(Sources)), Entry("detectors", Names(Detectors)), Entry("delay_ps", DelayPs?.ToNode())];
}

/// <summary>How <c>photon_statistics</c> treats mixed photons (<c>distinguishability</c>).</summary>
public enum Distinguishability
{
    /// <summary><c>exact</c>: the exact multi-photon overlaps (the default).</summary>
    Exact,
    /// <summary><c>binary</c>: mixed photons approximated by pure ones with the pairs' overlaps.</summary>
    Binary,
}

/// <summary><c>photon_statistics</c>: the distribution of detector click patterns of several sources' photons.</summary>
/// <param name="Sources">The sources.</param>
/// <param name="Detectors">The detectors, in the order of each pattern's clicks.</param>
public sealed record PhotonStatisticsRequest(IReadOnlyList<InstanceReference> Sources, IReadOnlyList<InstanceReference> Detectors) : AnalysisRequest
{
    /// <inheritdoc/>
    public override string Type => "photon_statistics";

    /// <summary>Photons per source per pulse counted (<c>max_photons</c>, 1 or 2; default 2).</summary>
    public int? MaxPhotons { get; init; }

    /// <summary>One pattern of counts, one per detector (<c>pattern</c>): only its probability is computed.</summary>
    public IReadOnlyList<int>? Pattern { get; init; }

    /// <summary>At most this many patterns are listed (<c>max_patterns</c>; default 10 000).</summary>
    public int? MaxPatterns { get; init; }

    /// <summary>Draws this many samples (<c>samples</c>).</summary>
    public int? Samples { get; init; }

    /// <summary>The samples' random seed (<c>seed</c>; default 0).</summary>
    public int? Seed { get; init; }

    /// <summary>Adds each detector's count distribution (<c>marginals</c>; default false).</summary>
    public bool? Marginals { get; init; }

    /// <summary>False draws samples without computing the distribution (<c>distribution</c>; default true).</summary>
    public bool? Distribution { get; init; }

    /// <summary>How mixed photons are treated (<c>distinguishability</c>; default exact).</summary>
    public Distinguishability? Distinguishability { get; init; }

    internal override IEnumerable<KeyValuePair<string, Node?>> Entries() =>
    [
        Entry("sources", Names(Sources)), Entry("detectors", Names(Detectors)), Entry("max_photons", Number(MaxPhotons)),
        Entry("pattern", Pattern is null ? null : NetlistBuilder.List(Pattern.Select(c => (Node)NetlistBuilder.Number(c)))),
        Entry("max_patterns", Number(MaxPatterns)), Entry("samples", Number(Samples)), Entry("seed", Number(Seed)),
        Entry("marginals", Flag(Marginals)), Entry("distribution", Flag(Distribution)),
        Entry("distinguishability", Distinguishability is { } d ? NetlistBuilder.Text(d == Design.Distinguishability.Binary ? "binary" : "exact") : null),
    ];
}

/// <summary><c>figures</c>: a source's brightness chain from preparation to detection, with g2, indistinguishability and
/// rate of the photons reaching the detectors.</summary>
/// <param name="Source">The emitting instance.</param>
public sealed record FiguresRequest(InstanceReference Source) : AnalysisRequest
{
    /// <inheritdoc/>
    public override string Type => "figures";

    /// <summary>The detectors; null for the source's figures at its ports.</summary>
    public IReadOnlyList<InstanceReference>? Detectors { get; init; }

    internal override IEnumerable<KeyValuePair<string, Node?>> Entries() => [Entry("source", Name(Source)), Entry("detectors", Names(Detectors))];
}

/// <summary><c>sweep</c>: the inner analysis repeated at each value of one setting.</summary>
/// <param name="Parameter">The setting, as <c>instance.setting</c> (<see cref="InstanceReference.Setting"/>), or
/// <c>wavelength_nm</c> for the circuit's wavelength.</param>
/// <param name="Values">The values.</param>
/// <param name="Analysis">The analysis run at each value (itself possibly a sweep).</param>
public sealed record SweepRequest(string Parameter, SweepValues Values, AnalysisRequest Analysis) : AnalysisRequest
{
    /// <inheritdoc/>
    public override string Type => "sweep";

    internal override IEnumerable<KeyValuePair<string, Node?>> Entries() =>
        [Entry("parameter", NetlistBuilder.Text(Parameter)), Entry("values", Values.ToNode()), Entry("analysis", Analysis.ToNode())];
}
