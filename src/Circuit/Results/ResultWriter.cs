using System.Globalization;
using System.Text.Json.Nodes;
using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Results;

/// <summary>
/// Writes analysis results as the entries of the results document's <c>results</c> (spec §5): the one place where a
/// result record becomes JSON. Fields come in the order the format gives them, numbers through
/// <see cref="ResultJson.Number"/> (a non-finite number is <c>null</c>), and a field a result does not have is left out
/// exactly where the format leaves it out. <see cref="ResultJson.Write"/> then gives the text.
/// </summary>
public static class ResultWriter
{
    /// <summary>The entry of <c>results</c> for <paramref name="result"/>; its first key is <c>type</c>.</summary>
    public static JsonObject Write(AnalysisResult result) => result switch
    {
        TransmissionResult r => Transmission(r),
        SMatrixResult r => SMatrix(r),
        SourceResult r => Source(r),
        EfficiencyResult r => Efficiency(r),
        G2Result r => G2(r),
        HomResult r => Hom(r),
        PhotonStatisticsResult r => PhotonStatistics(r),
        FiguresResult r => Figures(r),
        SweepResult r => Sweep(r),
        _ => throw new ArgumentException($"no JSON form for a result of type '{result.Type}' ({result.GetType().Name})", nameof(result)),
    };

    /// <summary>How a sweep value is written: a number as a number, any other value as its text.</summary>
    internal static JsonNode? SweepValue(SettingValue value) => value is SettingValue.Number n ? ResultJson.Number(n.Value) : JsonValue.Create(Describe(value));

    /// <summary>A sweep value as text, as messages and <c>values</c> print it.</summary>
    internal static string Describe(SettingValue value) => value switch
    {
        SettingValue.Number n => n.Value.ToString("R", CultureInfo.InvariantCulture),
        SettingValue.Word w => w.Value,
        _ => value.ToString() ?? "",
    };

    private static JsonObject New(AnalysisResult r) => new() { ["type"] = r.Type };

    private static JsonNode? Number(double? value) => value is double v ? ResultJson.Number(v) : null;

    private static JsonArray Numbers(IReadOnlyList<double> values)
    {
        var a = new JsonArray();
        foreach (var v in values) a.Add(ResultJson.Number(v));
        return a;
    }

    private static JsonArray Numbers(IReadOnlyList<double?> values)
    {
        var a = new JsonArray();
        foreach (var v in values) a.Add(Number(v));
        return a;
    }

    private static JsonArray Integers(IReadOnlyList<int> values) => new(values.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());

    private static JsonObject Map<T>(IReadOnlyDictionary<string, T> map, Func<T, JsonNode?> value)
    {
        var o = new JsonObject();
        foreach (var (key, v) in map) o[key] = value(v);
        return o;
    }

    private static JsonObject Transmission(TransmissionResult r)
    {
        var o = New(r);
        o["wavelength_nm"] = Numbers(r.WavelengthNm);
        o["power"] = Map(r.Power, to => Map(to, Numbers));
        o["phase_rad"] = Map(r.PhaseRad, to => Map(to, Numbers));
        o["group_delay_ps"] = Map(r.GroupDelayPs, to => Map(to, Numbers));
        return o;
    }

    private static JsonObject SMatrix(SMatrixResult r)
    {
        static JsonArray Cube(IReadOnlyList<IReadOnlyList<IReadOnlyList<double>>> parts) =>
            new(parts.Select(k => (JsonNode?)new JsonArray(k.Select(row => (JsonNode?)Numbers(row)).ToArray())).ToArray());
        var o = New(r);
        o["wavelength_nm"] = Numbers(r.WavelengthNm);
        o["ports"] = ResultJson.Strings(r.Ports);
        o["re"] = Cube(r.Re);
        o["im"] = Cube(r.Im);
        return o;
    }

    private static JsonObject Source(SourceResult r)
    {
        var o = New(r);
        o["source"] = r.Source;
        o["lifetime_ps"] = Number(r.LifetimePs);
        o["purcell"] = Number(r.Purcell);
        o["beta"] = ResultJson.Number(r.Beta);
        o["zpl_fraction"] = ResultJson.Number(r.ZplFraction);
        o["preparation_efficiency"] = ResultJson.Number(r.PreparationEfficiency);
        o["brightness"] = ResultJson.Number(r.Brightness);
        o["brightness_port"] = Map(r.BrightnessPort, ResultJson.Number);
        o["mean_photon_number"] = ResultJson.Number(r.MeanPhotonNumber);
        o["p0"] = ResultJson.Number(r.P0);
        o["p1"] = ResultJson.Number(r.P1);
        o["p2"] = ResultJson.Number(r.P2);
        o["g2"] = ResultJson.Number(r.G2);
        o["indistinguishability"] = ResultJson.Number(r.Indistinguishability);
        o["hom_visibility"] = ResultJson.Number(r.HomVisibility);
        o["spectrum_wavelength_nm"] = r.SpectrumWavelengthNm is { } w ? Numbers(w) : null;
        o["spectrum_per_nm"] = r.SpectrumPerNm is { } s ? Numbers(s) : null;
        return o;
    }

    private static JsonObject Efficiency(EfficiencyResult r)
    {
        var o = New(r);
        o["source"] = r.Source;
        o["detectors"] = ResultJson.Strings(r.Detectors);
        o["probability"] = ResultJson.Number(r.Probability);
        o["transmission"] = ResultJson.Number(r.Transmission);
        var budget = new JsonArray();
        foreach (var e in r.Budget)
        {
            var entry = new JsonObject { ["instance"] = e.Instance, ["loss_db"] = Number(e.LossDb), ["probability_after"] = ResultJson.Number(e.ProbabilityAfter) };
            if (e.Parts is { Count: > 0 } parts)
                entry["parts"] = new JsonArray(parts.Select(p => (JsonNode?)new JsonObject
                {
                    ["cause"] = p.Cause,
                    ["loss_db"] = Number(p.LossDb),
                    ["probability_after"] = ResultJson.Number(p.ProbabilityAfter),
                }).ToArray());
            budget.Add((JsonNode?)entry);
        }
        o["budget"] = budget;
        o["rate_hz"] = Number(r.RateHz);
        return o;
    }

    private static JsonObject G2(G2Result r)
    {
        var o = New(r);
        o["source"] = r.Source;
        o["detectors"] = ResultJson.Strings(r.Detectors);
        o["g2"] = Number(r.G2);
        o["coincidence_probability"] = ResultJson.Number(r.CoincidenceProbability);
        return o;
    }

    private static JsonObject Hom(HomResult r)
    {
        var o = New(r);
        o["sources"] = ResultJson.Strings(r.Sources);
        o["detectors"] = ResultJson.Strings(r.Detectors);
        o["visibility"] = Number(r.Visibility);
        o["indistinguishability"] = ResultJson.Number(r.Indistinguishability);
        o["indistinguishability_from_visibility"] = Number(r.IndistinguishabilityFromVisibility);
        o["coincidence_probability"] = ResultJson.Number(r.CoincidenceProbability);
        o["delay_ps"] = Numbers(r.DelayPs);
        o["coincidences"] = Numbers(r.Coincidences);
        return o;
    }

    private static JsonObject PhotonStatistics(PhotonStatisticsResult r)
    {
        var o = New(r);
        o["sources"] = ResultJson.Strings(r.Sources);
        o["detectors"] = ResultJson.Strings(r.Detectors);
        if (r.Pattern is { } pattern)
        {
            o["pattern"] = Integers(pattern);
            o["probability"] = Number(r.Probability);
            return o;
        }
        if (r.Patterns is not { } patterns)
        {
            o["n_patterns_total"] = Count(r.NPatternsTotal);
            o["samples"] = Samples(r.Samples ?? []);
            return o;
        }
        o["patterns"] = new JsonArray(patterns.Select(p => (JsonNode?)new JsonObject
        {
            ["clicks"] = Integers(p.Clicks),
            ["probability"] = ResultJson.Number(p.Probability),
        }).ToArray());
        o["n_patterns_total"] = Count(r.NPatternsTotal);
        o["probability_sum"] = Number(r.ProbabilitySum);
        if (r.NFoldRateHz is { } rates)
        {
            var byCount = new JsonObject();
            foreach (var (k, rate) in rates) byCount[k.ToString(CultureInfo.InvariantCulture)] = ResultJson.Number(rate);
            o["n_fold_rate_hz"] = byCount;
        }
        else o["n_fold_rate_hz"] = null;
        if (r.Samples is { } samples) o["samples"] = Samples(samples);
        if (r.Marginals is { } marginals) o["marginals"] = Map(marginals, Numbers);
        return o;
    }

    /// <summary>A count: written as an integer while doubles hold it exactly.</summary>
    private static JsonNode? Count(double? total) => total is double t && t < 9e15 ? JsonValue.Create((long)t) : Number(total);

    private static JsonArray Samples(IReadOnlyList<IReadOnlyList<int>> samples) => new(samples.Select(s => (JsonNode?)Integers(s)).ToArray());

    private static JsonObject Figures(FiguresResult r)
    {
        var o = New(r);
        o["source"] = r.Source;
        o["detectors"] = ResultJson.Strings(r.Detectors);
        o["brightness"] = ResultJson.Number(r.Brightness);
        var chain = new JsonArray();
        foreach (var step in r.Chain)
        {
            var entry = new JsonObject { ["point"] = step.Point, ["factor"] = ResultJson.Number(step.Factor), ["brightness"] = ResultJson.Number(step.Brightness) };
            if (step.Parts is { Count: > 0 } parts)
                entry["parts"] = new JsonArray(parts.Select(p => (JsonNode?)new JsonObject
                {
                    ["cause"] = p.Cause,
                    ["factor"] = ResultJson.Number(p.Factor),
                    ["brightness"] = ResultJson.Number(p.Brightness),
                }).ToArray());
            chain.Add((JsonNode?)entry);
        }
        o["chain"] = chain;
        o["g2"] = ResultJson.Number(r.G2);
        o["indistinguishability"] = ResultJson.Number(r.Indistinguishability);
        o["hom_visibility"] = ResultJson.Number(r.HomVisibility);
        o["rate_hz"] = Number(r.RateHz);
        return o;
    }

    private static JsonObject Sweep(SweepResult r)
    {
        var o = New(r);
        o["parameter"] = r.Parameter;
        o["values"] = new JsonArray(r.Values.Select(SweepValue).ToArray());
        o["results"] = new JsonArray(r.Results.Select(x => (JsonNode?)Write(x)).ToArray());
        return o;
    }
}
