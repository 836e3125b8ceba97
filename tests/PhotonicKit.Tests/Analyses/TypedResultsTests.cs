using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Results;
using PhotonicKit.Circuit.Running;
using PhotonicKit.Components;

namespace PhotonicKit.Tests.Analyses;

/// <summary>
/// The typed results of a run (<see cref="RunResult.Results"/>) and its results document are the same numbers: the
/// document's <c>results</c> are the records written by <see cref="ResultWriter"/>, and every record's properties
/// hold the values of the JSON fields they are named after (null where the field is null or absent).
/// </summary>
public sealed class TypedResultsTests
{
    private static string RepositoryRoot() => Repository.Root;

    private static RunResult RunFile(string relativePath, params string[] set)
    {
        string path = Path.Combine(RepositoryRoot(), relativePath);
        var bag = new DiagnosticBag(path);
        var prepared = NetlistRunner.Prepare(File.ReadAllText(path), path, set, strict: false, bag);
        Assert.True(prepared is not null, string.Join("\n", bag.All));
        return prepared!.Execute();
    }

    /// <summary>The document's results as a reader of the written text sees them.</summary>
    private static JsonArray WrittenResults(RunResult run) => JsonNode.Parse(run.ToJson())!["results"]!.AsArray();

    /// <summary>The first result of type <typeparamref name="T"/> and its entry in the written document.</summary>
    private static (T Typed, JsonObject Json) First<T>(RunResult run) where T : AnalysisResult
    {
        int index = run.Results.ToList().FindIndex(r => r is T);
        Assert.True(index >= 0, $"no {typeof(T).Name} among {string.Join(", ", run.Results.Select(r => r.Type))}");
        return ((T)run.Results[index], WrittenResults(run)[index]!.AsObject());
    }

    public static TheoryData<string> Netlists()
    {
        string root = RepositoryRoot();
        var files = new[] { "examples/netlists", "fuzz/seeds" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(root, folder), "*.yaml"))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Append("src/Tool/default-example.yaml")
            .Order(StringComparer.Ordinal);
        return new(files);
    }

    [Theory]
    [MemberData(nameof(Netlists))]
    public void TheRecordsWrittenAsJsonAreTheResultsDocumentAndReadBackFromIt(string netlist)
    {
        var run = RunFile(netlist);
        var document = run.Document["results"]!.AsArray();
        Assert.Equal(document.Count, run.Results.Count);
        var written = new JsonArray(run.Results.Select(r => (JsonNode?)r.ToJsonObject()).ToArray());
        Assert.Equal(ResultJson.Write(document), ResultJson.Write(written));
        var read = WrittenResults(run);
        for (int i = 0; i < run.Results.Count; i++)
        {
            Assert.Equal((string)read[i]!["type"]!, run.Results[i].Type);
            Assert.Equal(ResultJson.Write(document[i]), run.Results[i].ToJson());
            AssertSame(run.Results[i], read[i], $"results[{i}]");
        }
        // The text read back gives records that write the same text.
        var again = new JsonArray(ResultReader.ReadAll(read).Select(r => (JsonNode?)r.ToJsonObject()).ToArray());
        Assert.Equal(ResultJson.Write(document), ResultJson.Write(again));
    }

    [Fact]
    public void AMergedShardedRunHoldsTheTypedResultsOfTheWholeRun()
    {
        string path = Path.Combine(RepositoryRoot(), "fuzz/seeds/hom.yaml");
        string text = File.ReadAllText(path);
        string sweep = "\n  - {type: sweep, parameter: qa.beta, values: [0.5, 0.7, 0.9], analysis: {type: hom, sources: [qa, qb], detectors: [d0, d1]}}\n";
        text = text.TrimEnd('\n') + sweep;
        var whole = RunHelper.Run(text);
        var request = new RunRequest("hom.yaml", RunRequest.HashOf(text), [], false);
        var parts = new List<(string Name, string Text)>();
        for (int shard = 1; shard <= 2; shard++)
        {
            var bag = new DiagnosticBag("test.yaml");
            var prepared = NetlistRunner.Prepare(text, "test.yaml", [], strict: false, bag);
            Assert.True(prepared is not null, string.Join("\n", bag.All));
            parts.Add(($"part{shard}.json", prepared!.ExecuteShard(new ShardSpec(shard, 2), request).ToJson()));
        }
        var mergeBag = new DiagnosticBag("merge");
        var merged = ShardMerge.Merge(parts, mergeBag);
        Assert.True(merged is not null, string.Join("\n", mergeBag.All));
        Assert.Equal(whole.ToJson(), merged!.ToJson());
        Assert.Equal(whole.Results.Select(r => r.GetType()), merged.Results.Select(r => r.GetType()));
        for (int i = 0; i < whole.Results.Count; i++)
            Assert.Equal(whole.Results[i].ToJson(), merged.Results[i].ToJson());
        var hom = merged.Results.OfType<SweepResult>().Single().Results.Cast<HomResult>().ToArray();
        Assert.Equal(3, hom.Length);
        AssertSame(merged.Results[^1], JsonNode.Parse(merged.ToJson())!["results"]![merged.Results.Count - 1], "sweep");
    }

    [Fact]
    public void SourceResultHoldsTheSourceFields()
    {
        var (source, json) = First<SourceResult>(RunFile("examples/netlists/05-ring-filter.yaml"));
        AssertSame(source, json, "source");
        Assert.Equal((string)json["source"]!, source.Source);
        Assert.Equal((double)json["brightness"]!, source.Brightness);
        Assert.Equal((double)json["indistinguishability"]!, source.Indistinguishability);
        Assert.Equal((double)json["lifetime_ps"]!, source.LifetimePs);
        Assert.Equal(json["spectrum_per_nm"]!.AsArray().Select(v => (double)v!), source.SpectrumPerNm!);
        Assert.Equal(json["brightness_port"]!.AsObject().Select(kv => kv.Key), source.BrightnessPort.Keys);
    }

    [Fact]
    public void SourceResultOfMeasuredFiguresHasNullLifetimeAndSpectrum()
    {
        var run = RunHelper.Run("""
            photonickit: 1
            wavelength_nm: 930
            instances:
              qd: {component: quantum_dot, settings: {brightness: 0.6, g2: 0.02, indistinguishability: 0.9}}
            ports: {l: "qd,left", r: "qd,right"}
            analyses:
              - {type: source, source: qd}
            """);
        var (source, json) = First<SourceResult>(run);
        AssertSame(source, json, "source");
        Assert.Null(json["lifetime_ps"]);
        Assert.Null(source.LifetimePs);
        Assert.Null(json["spectrum_wavelength_nm"]);
        Assert.Null(source.SpectrumWavelengthNm);
        Assert.Null(source.SpectrumPerNm);
        Assert.Equal((double)json["g2"]!, source.G2);
    }

    [Fact]
    public void TransmissionResultHoldsPowerPhaseAndDelayByPorts()
    {
        var (transmission, json) = First<TransmissionResult>(RunFile("fuzz/seeds/mzi.yaml"));
        AssertSame(transmission, json, "transmission");
        Assert.Equal(json["wavelength_nm"]!.AsArray().Select(v => (double)v!), transmission.WavelengthNm);
        Assert.Equal(json["power"]!["in0"]!["out1"]!.AsArray().Select(v => (double)v!), transmission.Power["in0"]["out1"]);
        Assert.Equal(json["phase_rad"]!["in0"]!["out0"]!.AsArray().Select(v => (double?)v), transmission.PhaseRad["in0"]["out0"]);
        Assert.Equal(json["group_delay_ps"]!["in0"]!.AsObject().Select(kv => kv.Key), transmission.GroupDelayPs["in0"].Keys);
    }

    [Fact]
    public void TransmissionThroughAPerfectMirrorHasNullPhaseWhereJsonHasNull()
    {
        var run = RunHelper.Run("""
            photonickit: 1
            wavelength_nm: 930
            instances:
              m: {component: mirror, settings: {reflectivity: 1}}
            ports: {l: "m,o1", r: "m,o2"}
            analyses:
              - {type: transmission, from: [l]}
            """);
        var (transmission, json) = First<TransmissionResult>(run);
        AssertSame(transmission, json, "transmission");
        Assert.Null(json["phase_rad"]!["l"]!["r"]![0]);
        Assert.Null(transmission.PhaseRad["l"]["r"][0]);
        Assert.Null(transmission.GroupDelayPs["l"]["r"][0]);
        Assert.NotNull(transmission.PhaseRad["l"]["l"][0]);
    }

    [Fact]
    public void SMatrixResultHoldsRealAndImaginaryPartsByWavelengthOutIn()
    {
        var (smatrix, json) = First<SMatrixResult>(RunFile("fuzz/seeds/mzi.yaml"));
        AssertSame(smatrix, json, "smatrix");
        Assert.Equal(json["ports"]!.AsArray().Select(v => (string)v!), smatrix.Ports);
        int last = smatrix.WavelengthNm.Count - 1;
        Assert.Equal((double)json["re"]![last]![1]![0]!, smatrix.Re[last][1][0]);
        Assert.Equal((double)json["im"]![last]![0]![1]!, smatrix.Im[last][0][1]);
        // An entry by port names: S[out ← in] at every wavelength, from the same numbers.
        var entry = smatrix.Entry(smatrix.Ports[1], smatrix.Ports[0]);
        Assert.Equal(smatrix.WavelengthNm.Count, entry.Length);
        for (int k = 0; k < entry.Length; k++) Assert.Equal(new System.Numerics.Complex(smatrix.Re[k][1][0], smatrix.Im[k][1][0]), entry[k]);
        var wrong = Assert.Throws<ArgumentException>(() => smatrix.Entry("nope", smatrix.Ports[0]));
        Assert.Contains($"'nope' is not an external port of the circuit: its ports are {string.Join(", ", smatrix.Ports)}", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EfficiencyResultHoldsTheBudgetAndTheClosingEntrysParts()
    {
        var (efficiency, json) = First<EfficiencyResult>(RunFile("src/Tool/default-example.yaml"));
        AssertSame(efficiency, json, "efficiency");
        Assert.Equal((double)json["probability"]!, efficiency.Probability);
        Assert.Equal((double)json["transmission"]!, efficiency.Transmission);
        var budget = json["budget"]!.AsArray();
        Assert.Equal(budget.Select(e => (string)e!["instance"]!), efficiency.Budget.Select(e => e.Instance));
        var withParts = efficiency.Budget.Select((e, k) => (e, k)).Where(x => x.e.Parts is not null).ToArray();
        Assert.NotEmpty(withParts);
        foreach (var (entry, k) in withParts)
        {
            var parts = budget[k]!["parts"]!.AsArray();
            Assert.Equal(parts.Select(p => (string)p!["cause"]!), entry.Parts!.Select(p => p.Cause));
            Assert.Equal(parts.Select(p => (double)p!["probability_after"]!), entry.Parts!.Select(p => p.ProbabilityAfter));
        }
        Assert.All(efficiency.Budget.Select((e, k) => (e, k)).Where(x => x.e.Parts is null), x => Assert.Null(budget[x.k]!["parts"]));
        Assert.Equal(efficiency.Budget[^1].ProbabilityAfter, efficiency.Probability);
    }

    [Fact]
    public void RatesWithoutARepetitionRateAreNullWhereTheJsonHasNull()
    {
        var run = RunHelper.Run(RunHelper.TwoDotsOnASplitter("lifetime_ps: 100, beta: 0.9", "efficiency: 0.8", """
              - {type: efficiency, source: a, detectors: [d0, d1]}
              - {type: figures, source: a}
              - {type: photon_statistics, sources: [a, b], detectors: [d0, d1]}
            """));
        var (efficiency, efficiencyJson) = First<EfficiencyResult>(run);
        AssertSame(efficiency, efficiencyJson, "efficiency");
        Assert.True(efficiencyJson.ContainsKey("rate_hz"));
        Assert.Null(efficiencyJson["rate_hz"]);
        Assert.Null(efficiency.RateHz);
        var (figures, figuresJson) = First<FiguresResult>(run);
        AssertSame(figures, figuresJson, "figures");
        Assert.Null(figuresJson["rate_hz"]);
        Assert.Null(figures.RateHz);
        var (statistics, statisticsJson) = First<PhotonStatisticsResult>(run);
        AssertSame(statistics, statisticsJson, "photon_statistics");
        Assert.True(statisticsJson.ContainsKey("n_fold_rate_hz"));
        Assert.Null(statisticsJson["n_fold_rate_hz"]);
        Assert.Null(statistics.NFoldRateHz);
    }

    [Fact]
    public void G2ResultHoldsTheCorrelationAndCoincidences()
    {
        var (g2, json) = First<G2Result>(RunFile("src/Tool/default-example.yaml"));
        AssertSame(g2, json, "g2");
        Assert.Equal((double)json["g2"]!, g2.G2);
        Assert.Equal((double)json["coincidence_probability"]!, g2.CoincidenceProbability);
        Assert.Equal(json["detectors"]!.AsArray().Select(v => (string)v!), g2.Detectors);
    }

    [Fact]
    public void HomAndG2WithBlindDetectorsHaveNullVisibilityAndG2()
    {
        var run = RunHelper.Run(RunHelper.TwoDotsOnASplitter("lifetime_ps: 100, beta: 0.9", "efficiency: 0", """
              - {type: hom, sources: [a, b], detectors: [d0, d1]}
              - {type: g2, source: a, detectors: [d0, d1]}
            """));
        var (hom, homJson) = First<HomResult>(run);
        AssertSame(hom, homJson, "hom");
        Assert.Null(homJson["visibility"]);
        Assert.Null(hom.Visibility);
        Assert.Null(hom.IndistinguishabilityFromVisibility);
        Assert.Equal((double)homJson["indistinguishability"]!, hom.Indistinguishability);
        var (g2, g2Json) = First<G2Result>(run);
        AssertSame(g2, g2Json, "g2");
        Assert.Null(g2Json["g2"]);
        Assert.Null(g2.G2);
    }

    [Fact]
    public void HomResultHoldsTheVisibilityAndTheDelayScan()
    {
        var (hom, json) = First<HomResult>(RunFile("examples/netlists/03-hom-dip.yaml"));
        AssertSame(hom, json, "hom");
        Assert.Equal((double)json["visibility"]!, hom.Visibility);
        Assert.Equal((double)json["indistinguishability_from_visibility"]!, hom.IndistinguishabilityFromVisibility);
        Assert.Equal(json["delay_ps"]!.AsArray().Select(v => (double)v!), hom.DelayPs);
        Assert.Equal(json["coincidences"]!.AsArray().Select(v => (double)v!), hom.Coincidences);
        Assert.Equal(hom.DelayPs.Count, hom.Coincidences.Count);
    }

    [Fact]
    public void PhotonStatisticsResultHoldsPatternsRatesAndMarginals()
    {
        var (statistics, json) = First<PhotonStatisticsResult>(RunFile("examples/netlists/04-demux-interferometer.yaml"));
        AssertSame(statistics, json, "photon_statistics");
        var patterns = json["patterns"]!.AsArray();
        Assert.Equal(patterns.Count, statistics.Patterns!.Count);
        Assert.Equal(patterns[0]!["clicks"]!.AsArray().Select(v => (int)v!), statistics.Patterns[0].Clicks);
        Assert.Equal((double)patterns[0]!["probability"]!, statistics.Patterns[0].Probability);
        Assert.Equal((long)json["n_patterns_total"]!, statistics.NPatternsTotal);
        Assert.Equal((double)json["probability_sum"]!, statistics.ProbabilitySum);
        Assert.Equal(json["n_fold_rate_hz"]!.AsObject().Select(kv => kv.Key), statistics.NFoldRateHz!.Keys.Select(k => k.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal((double)json["n_fold_rate_hz"]!["2"]!, statistics.NFoldRateHz[2]);
        Assert.Equal(json["marginals"]!["d0"]!.AsArray().Select(v => (double)v!), statistics.Marginals!["d0"]);
        Assert.Null(statistics.Pattern);
        Assert.Null(statistics.Samples);
        Assert.False(json.ContainsKey("samples"));
    }

    [Fact]
    public void PhotonStatisticsWithAPatternHoldsOnlyItsProbability()
    {
        var (statistics, json) = First<PhotonStatisticsResult>(RunFile("examples/netlists/08-filter-tradeoff.yaml"));
        AssertSame(statistics, json, "photon_statistics");
        Assert.Equal(json["pattern"]!.AsArray().Select(v => (int)v!), statistics.Pattern!);
        Assert.Equal((double)json["probability"]!, statistics.Probability);
        Assert.False(json.ContainsKey("patterns"));
        Assert.Null(statistics.Patterns);
        Assert.Null(statistics.NPatternsTotal);
        Assert.Null(statistics.NFoldRateHz);
    }

    [Fact]
    public void PhotonStatisticsSamplesAreTheDrawsInOrder()
    {
        var (statistics, json) = First<PhotonStatisticsResult>(RunFile("fuzz/seeds/hom.yaml"));
        AssertSame(statistics, json, "photon_statistics");
        var samples = json["samples"]!.AsArray();
        Assert.Equal(samples.Count, statistics.Samples!.Count);
        for (int k = 0; k < samples.Count; k++) Assert.Equal(samples[k]!.AsArray().Select(v => (int)v!), statistics.Samples[k]);
        Assert.Equal(json["marginals"]!.AsObject().Select(kv => kv.Key), statistics.Marginals!.Keys);
    }

    [Fact]
    public void PhotonStatisticsDrawnWithoutTheDistributionHoldsSamplesAndTheOutcomeCount()
    {
        var run = RunHelper.Run(RunHelper.TwoDotsOnASplitter("lifetime_ps: 100, beta: 0.9", "efficiency: 0.8",
            "  - {type: photon_statistics, sources: [a, b], detectors: [d0, d1], distribution: false, samples: 6, seed: 3}"));
        var (statistics, json) = First<PhotonStatisticsResult>(run);
        AssertSame(statistics, json, "photon_statistics");
        Assert.Equal((long)json["n_patterns_total"]!, statistics.NPatternsTotal);
        Assert.Equal(6, statistics.Samples!.Count);
        Assert.Null(statistics.Patterns);
        Assert.Null(statistics.ProbabilitySum);
        Assert.False(json.ContainsKey("probability_sum"));
    }

    [Fact]
    public void FiguresResultHoldsTheChainWithItsParts()
    {
        var (figures, json) = First<FiguresResult>(RunFile("examples/netlists/06-loss-budget.yaml"));
        AssertSame(figures, json, "figures");
        var chain = json["chain"]!.AsArray();
        Assert.Equal(chain.Select(p => (string)p!["point"]!), figures.Chain.Select(p => p.Point));
        Assert.Equal(chain.Select(p => (double)p!["factor"]!), figures.Chain.Select(p => p.Factor));
        Assert.Contains(figures.Chain, p => p.Parts is not null);
        Assert.Equal((double)json["hom_visibility"]!, figures.HomVisibility);
        Assert.Equal((double)json["rate_hz"]!, figures.RateHz);
        Assert.Equal(figures.Chain.Aggregate(1.0, (product, p) => product * p.Factor), figures.Chain[^1].Brightness, 12);
    }

    [Fact]
    public void SweepResultHoldsTheInnerResultsTypedPerValue()
    {
        var run = RunFile("fuzz/seeds/hierarchy.yaml");
        var (sweep, json) = First<SweepResult>(run);
        AssertSame(sweep, json, "sweep");
        Assert.Equal((string)json["parameter"]!, sweep.Parameter);
        Assert.Equal(json["values"]!.AsArray().Select(v => (double)v!), sweep.Values.Select(v => ((SettingValue.Number)v).Value));
        Assert.Equal(sweep.Values.Count, sweep.Results.Count);
        var inner = json["results"]!.AsArray();
        for (int k = 0; k < sweep.Results.Count; k++)
        {
            var transmission = Assert.IsType<TransmissionResult>(sweep.Results[k]);
            Assert.Equal(inner[k]!["power"]!["a"]!.AsObject().Select(kv => kv.Key), transmission.Power["a"].Keys);
        }
    }

    [Fact]
    public void NestedSweepsOfPhotonStatisticsAreTypedAllTheWayDown()
    {
        var run = RunFile("examples/netlists/07-boson-sampling.yaml");
        var (sweep, json) = First<SweepResult>(run);
        AssertSame(sweep, json, "sweep");
        Assert.All(sweep.Results, r => Assert.IsType<PhotonStatisticsResult>(r));
    }

    /// <summary>
    /// <paramref name="typed"/> holds what <paramref name="json"/> holds: a record's properties are the object's
    /// fields (snake_case ↔ PascalCase), a property that is null is a field that is null or absent, a non-finite
    /// number is null, maps keep their keys in order, lists their items.
    /// </summary>
    private static void AssertSame(object? typed, JsonNode? json, string path)
    {
        switch (typed)
        {
            case null:
                Assert.True(json is null, $"{path}: null in the record, {json?.ToJsonString()} in the JSON");
                return;
            case double d:
                if (json is null) Assert.False(double.IsFinite(d), $"{path}: {d} in the record, null in the JSON");
                else Assert.True(json.GetValue<double>() == d, $"{path}: {d} in the record, {json.ToJsonString()} in the JSON");
                return;
            case int i:
                Assert.Equal(i, json!.GetValue<int>());
                return;
            case string s:
                Assert.Equal(s, json!.GetValue<string>());
                return;
            case SettingValue.Number n:
                AssertSame(n.Value, json, path);
                return;
            case SettingValue.Word w:
                AssertSame(w.Value, json, path);
                return;
            case IDictionary map:
            {
                var obj = Assert.IsType<JsonObject>(json);
                var keys = map.Keys.Cast<object>().Select(k => Convert.ToString(k, CultureInfo.InvariantCulture)!).ToArray();
                Assert.Equal(obj.Select(kv => kv.Key), keys);
                foreach (var key in map.Keys) AssertSame(map[key], obj[Convert.ToString(key, CultureInfo.InvariantCulture)!], $"{path}.{key}");
                return;
            }
            case IEnumerable items:
            {
                var array = Assert.IsType<JsonArray>(json);
                var list = items.Cast<object?>().ToArray();
                Assert.True(list.Length == array.Count, $"{path}: {list.Length} items in the record, {array.Count} in the JSON");
                for (int k = 0; k < list.Length; k++) AssertSame(list[k], array[k], $"{path}[{k}]");
                return;
            }
        }
        var type = typed.GetType();
        Assert.True(type.Namespace == typeof(AnalysisResult).Namespace, $"{path}: unexpected {type.Name}");
        var fields = Assert.IsType<JsonObject>(json);
        var properties = type.GetProperties().Where(p => p.GetIndexParameters().Length == 0).ToDictionary(p => p.Name);
        foreach (var (key, value) in fields)
        {
            Assert.True(properties.TryGetValue(PascalCase(key), out var property), $"{path}.{key}: no property {PascalCase(key)} on {type.Name}");
            AssertSame(property!.GetValue(typed), value, $"{path}.{key}");
        }
        foreach (var property in properties.Values.Where(p => !fields.ContainsKey(SnakeCase(p.Name))))
            Assert.True(property.GetValue(typed) is null, $"{path}: {type.Name}.{property.Name} is set, and the JSON has no {SnakeCase(property.Name)}");
    }

    private static string PascalCase(string field) =>
        string.Concat(field.Split('_').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));

    private static string SnakeCase(string property) =>
        string.Concat(property.Select((c, k) => k > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
