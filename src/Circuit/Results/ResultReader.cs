using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Results;

/// <summary>
/// Reads the entries of a results document's <c>results</c> (spec §5) back into result records: the inverse of
/// <see cref="ResultWriter"/>, for documents read from a file or joined from shard parts. Writing a record read here
/// gives the entry it was read from.
/// </summary>
public static class ResultReader
{
    /// <summary>The records of every entry of <paramref name="results"/>, in order.</summary>
    /// <exception cref="FormatException">An entry is not a result of a known type, or a field is not of its type.</exception>
    public static IReadOnlyList<AnalysisResult> ReadAll(JsonArray results) =>
        results.Select((entry, k) => Read(entry as JsonObject ?? throw new FormatException($"results[{k}] is not an object"))).ToArray();

    /// <summary>The record of one entry of <c>results</c>.</summary>
    /// <exception cref="FormatException">The entry is not a result of a known type, or a field is not of its type.</exception>
    public static AnalysisResult Read(JsonObject result)
    {
        string type = Text(result["type"], "type");
        try
        {
            return type switch
            {
                "transmission" => Transmission(result),
                "smatrix" => SMatrix(result),
                "source" => Source(result),
                "efficiency" => Efficiency(result),
                "g2" => G2(result),
                "hom" => Hom(result),
                "photon_statistics" => PhotonStatistics(result),
                "figures" => Figures(result),
                "sweep" => Sweep(result),
                _ => throw new FormatException($"unknown result type '{type}'"),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException or ArgumentException or NullReferenceException)
        {
            throw new FormatException($"a '{type}' result does not have the fields of its type: {e.Message}", e);
        }
    }

    private static string Text(JsonNode? node, string field) =>
        node is JsonValue v && v.TryGetValue(out string? s) ? s : throw new FormatException($"'{field}' is not a string");

    /// <summary>A number, NaN where the document holds null (a non-finite value).</summary>
    private static double Number(JsonNode? node) => OptionalNumber(node) ?? double.NaN;

    private static double? OptionalNumber(JsonNode? node)
    {
        if (node is null) return null;
        var v = node.AsValue();
        if (v.TryGetValue(out double d)) return d;
        if (v.TryGetValue(out long l)) return l;
        if (v.TryGetValue(out int i)) return i;
        if (v.TryGetValue(out float f)) return f;
        return v.GetValue<JsonElement>().GetDouble();
    }

    private static int Integer(JsonNode? node)
    {
        var v = node!.AsValue();
        return v.TryGetValue(out int i) ? i : v.GetValue<JsonElement>().GetInt32();
    }

    private static IReadOnlyList<double> Numbers(JsonNode? node) => node!.AsArray().Select(Number).ToArray();

    private static IReadOnlyList<double?> OptionalNumbers(JsonNode? node) => node!.AsArray().Select(OptionalNumber).ToArray();

    private static IReadOnlyList<int> Integers(JsonNode? node) => node!.AsArray().Select(Integer).ToArray();

    private static IReadOnlyList<string> Strings(JsonNode? node, string field) => node!.AsArray().Select(s => Text(s, field)).ToArray();

    private static IReadOnlyDictionary<string, T> Map<T>(JsonNode? node, Func<JsonNode?, T> value)
    {
        var map = new OrderedDictionary<string, T>(StringComparer.Ordinal);
        foreach (var (key, v) in node!.AsObject()) map[key] = value(v);
        return map;
    }

    private static TransmissionResult Transmission(JsonObject o) => new()
    {
        WavelengthNm = Numbers(o["wavelength_nm"]),
        Power = Map(o["power"], to => Map(to, Numbers)),
        PhaseRad = Map(o["phase_rad"], to => Map(to, OptionalNumbers)),
        GroupDelayPs = Map(o["group_delay_ps"], to => Map(to, OptionalNumbers)),
    };

    private static SMatrixResult SMatrix(JsonObject o)
    {
        static IReadOnlyList<IReadOnlyList<IReadOnlyList<double>>> Cube(JsonNode? node) =>
            node!.AsArray().Select(k => (IReadOnlyList<IReadOnlyList<double>>)k!.AsArray().Select(Numbers).ToArray()).ToArray();
        return new() { WavelengthNm = Numbers(o["wavelength_nm"]), Ports = Strings(o["ports"], "ports"), Re = Cube(o["re"]), Im = Cube(o["im"]) };
    }

    private static SourceResult Source(JsonObject o) => new()
    {
        Source = Text(o["source"], "source"),
        LifetimePs = OptionalNumber(o["lifetime_ps"]),
        Purcell = OptionalNumber(o["purcell"]),
        Beta = Number(o["beta"]),
        ZplFraction = Number(o["zpl_fraction"]),
        PreparationEfficiency = Number(o["preparation_efficiency"]),
        Brightness = Number(o["brightness"]),
        BrightnessPort = Map(o["brightness_port"], Number),
        MeanPhotonNumber = Number(o["mean_photon_number"]),
        P0 = Number(o["p0"]),
        P1 = Number(o["p1"]),
        P2 = Number(o["p2"]),
        G2 = Number(o["g2"]),
        Indistinguishability = Number(o["indistinguishability"]),
        HomVisibility = Number(o["hom_visibility"]),
        SpectrumWavelengthNm = o["spectrum_wavelength_nm"] is { } w ? Numbers(w) : null,
        SpectrumPerNm = o["spectrum_per_nm"] is { } s ? Numbers(s) : null,
    };

    private static EfficiencyResult Efficiency(JsonObject o) => new()
    {
        Source = Text(o["source"], "source"),
        Detectors = Strings(o["detectors"], "detectors"),
        Probability = Number(o["probability"]),
        Transmission = Number(o["transmission"]),
        Budget = o["budget"]!.AsArray().Select(e => new LossBudgetEntry
        {
            Instance = Text(e!["instance"], "instance"),
            LossDb = OptionalNumber(e["loss_db"]),
            ProbabilityAfter = Number(e["probability_after"]),
            Parts = e["parts"] is JsonArray parts
                ? parts.Select(p => new LossBudgetPart { Cause = Text(p!["cause"], "cause"), LossDb = OptionalNumber(p["loss_db"]), ProbabilityAfter = Number(p["probability_after"]) }).ToArray()
                : null,
        }).ToArray(),
        RateHz = OptionalNumber(o["rate_hz"]),
    };

    private static G2Result G2(JsonObject o) => new()
    {
        Source = Text(o["source"], "source"),
        Detectors = Strings(o["detectors"], "detectors"),
        G2 = OptionalNumber(o["g2"]),
        CoincidenceProbability = Number(o["coincidence_probability"]),
    };

    private static HomResult Hom(JsonObject o) => new()
    {
        Sources = Strings(o["sources"], "sources"),
        Detectors = Strings(o["detectors"], "detectors"),
        Visibility = OptionalNumber(o["visibility"]),
        Indistinguishability = Number(o["indistinguishability"]),
        IndistinguishabilityFromVisibility = OptionalNumber(o["indistinguishability_from_visibility"]),
        CoincidenceProbability = Number(o["coincidence_probability"]),
        DelayPs = Numbers(o["delay_ps"]),
        Coincidences = Numbers(o["coincidences"]),
    };

    private static PhotonStatisticsResult PhotonStatistics(JsonObject o)
    {
        IReadOnlyDictionary<int, double>? rates = null;
        if (o["n_fold_rate_hz"] is JsonObject byCount)
        {
            var map = new OrderedDictionary<int, double>();
            foreach (var (key, rate) in byCount) map[int.Parse(key, NumberStyles.None, CultureInfo.InvariantCulture)] = Number(rate);
            rates = map;
        }
        return new()
        {
            Sources = Strings(o["sources"], "sources"),
            Detectors = Strings(o["detectors"], "detectors"),
            Pattern = o["pattern"] is { } pattern ? Integers(pattern) : null,
            Probability = OptionalNumber(o["probability"]),
            Patterns = o["patterns"] is JsonArray patterns
                ? patterns.Select(p => new ClickPattern { Clicks = Integers(p!["clicks"]), Probability = Number(p["probability"]) }).ToArray()
                : null,
            NPatternsTotal = OptionalNumber(o["n_patterns_total"]),
            ProbabilitySum = OptionalNumber(o["probability_sum"]),
            NFoldRateHz = rates,
            Samples = o["samples"] is JsonArray samples ? samples.Select(Integers).ToArray() : null,
            Marginals = o["marginals"] is { } marginals ? Map(marginals, Numbers) : null,
        };
    }

    private static FiguresResult Figures(JsonObject o) => new()
    {
        Source = Text(o["source"], "source"),
        Detectors = Strings(o["detectors"], "detectors"),
        Brightness = Number(o["brightness"]),
        Chain = o["chain"]!.AsArray().Select(c => new ChainStep
        {
            Point = Text(c!["point"], "point"),
            Factor = Number(c["factor"]),
            Brightness = Number(c["brightness"]),
            Parts = c["parts"] is JsonArray parts
                ? parts.Select(p => new ChainPart { Cause = Text(p!["cause"], "cause"), Factor = Number(p["factor"]), Brightness = Number(p["brightness"]) }).ToArray()
                : null,
        }).ToArray(),
        G2 = Number(o["g2"]),
        Indistinguishability = Number(o["indistinguishability"]),
        HomVisibility = Number(o["hom_visibility"]),
        RateHz = OptionalNumber(o["rate_hz"]),
    };

    private static SweepResult Sweep(JsonObject o) => new()
    {
        Parameter = Text(o["parameter"], "parameter"),
        Values = o["values"]!.AsArray().Select(v => v is JsonValue s && s.TryGetValue(out string? word) ? new SettingValue.Word(word) : (SettingValue)new SettingValue.Number(Number(v))).ToArray(),
        Results = ReadAll(o["results"]!.AsArray()),
    };
}
