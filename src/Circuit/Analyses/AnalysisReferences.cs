using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Netlist;

namespace PhotonicKit.Circuit.Analyses;

/// <summary>
/// The analyses' references checked against the file's instance table alone (names and component kinds, no bound
/// instance), so that a file whose circuit does not load still has its analyses' wrong names, wrong kinds and wrong
/// counts reported in the same run, with the messages the full check gives. Only what does not depend on an
/// instance's settings is checked here; the rest waits for the circuit (docs/netlist.md, "Diagnostics").
/// </summary>
internal static class AnalysisReferences
{
    /// <summary>Most flat instances walked; a larger hierarchy is left to the full check.</summary>
    private const int MaxNames = 200_000;

    /// <summary>Reports, into <paramref name="bag"/>, the reference errors of <paramref name="document"/>'s analyses.</summary>
    public static void Check(NetlistDocument document, DiagnosticBag bag)
    {
        if (document.Analyses.Count == 0) return;
        var kinds = FlatKinds(document, bag, out var unsure);
        if (kinds is null) return;
        var ports = document.TopLevel.Ports.Select(p => p.Name).ToArray();
        for (int i = 0; i < document.Analyses.Count; i++)
        {
            int position = i < document.AnalysisPositions.Count && document.AnalysisPositions[i] >= 0 ? document.AnalysisPositions[i] : i;
            CheckOne(document, document.Analyses[i], $"analyses[{position}]", kinds, unsure, ports, bag);
        }
    }

    /// <summary>Flat instance name → component (built-in model name) of every primitive instance, models expanded; null
    /// when the hierarchy is too large or refers to itself (reported elsewhere).</summary>
    /// <param name="document">The document.</param>
    /// <param name="bag">The problems found so far: instances that failed their own checks are not in the document.</param>
    /// <param name="unsure">Flat names, and prefixes ending in '.', under which an instance may be missing because its own
    /// definition (or its model's) was reported: references to them are not reported again.</param>
    private static Dictionary<string, string>? FlatKinds(NetlistDocument document, DiagnosticBag bag, out List<string> unsure)
    {
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        var stack = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<string>();
        // Instances with a reported problem of their own, by body ("" for the top level, else the model's name); those
        // whose definition failed are not in the document.
        var failing = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Failing(string body, string rest)
        {
            int dot = rest.IndexOf('.');
            string name = dot < 0 ? rest : rest[..dot];
            if (name.Length == 0) return;
            if (!failing.TryGetValue(body, out var names)) failing[body] = names = new HashSet<string>(StringComparer.Ordinal);
            names.Add(name);
        }
        foreach (var e in bag.Errors)
        {
            if (e.Key.StartsWith("instances.", StringComparison.Ordinal)) Failing("", e.Key["instances.".Length..]);
            else if (e.Key.StartsWith("models.", StringComparison.Ordinal) && e.Key.IndexOf(".instances.", "models.".Length, StringComparison.Ordinal) is int at and > 0)
                Failing(e.Key["models.".Length..at], e.Key[(at + ".instances.".Length)..]);
        }
        long expansions = 0;
        bool Walk(CircuitBody body, string prefix, string bodyName, int depth)
        {
            if (failing.TryGetValue(bodyName, out var lost))
                foreach (var name in lost)
                {
                    found.Add(prefix + name);
                    found.Add(prefix + name + ".");
                }
            foreach (var instance in body.Instances)
            {
                if (++expansions > MaxNames) return false;
                if (document.Registry.TryGet(instance.Component, out var model))
                {
                    kinds[prefix + instance.Name] = model.Name;
                    continue;
                }
                var inner = document.FindModel(instance.Component);
                if (inner is null)
                {
                    found.Add(prefix + instance.Name);
                    found.Add(prefix + instance.Name + ".");
                    continue;
                }
                if (depth >= NetlistLoader.MaxModelDepth || !stack.Add(inner.Name)) return false;
                if (!Walk(inner.Body, prefix + instance.Name + ".", inner.Name, depth + 1)) return false;
                stack.Remove(inner.Name);
            }
            return true;
        }
        bool complete = Walk(document.TopLevel, "", "", 0);
        unsure = found;
        return complete ? kinds : null;
    }

    /// <summary>True when <paramref name="name"/> may be an instance the document lost with its own reported problem.</summary>
    private static bool Unsure(string name, List<string> unsure) =>
        unsure.Any(u => u.EndsWith('.') ? name.StartsWith(u, StringComparison.Ordinal) : name == u);

    private static readonly string[] Emitters = ["quantum_dot", "cavity_source"];

    private static void CheckOne(NetlistDocument document, MappingNode node, string keyPath, Dictionary<string, string> kinds, List<string> unsure, string[] ports, DiagnosticBag bag)
    {
        // Unknown keys are reported here as the full check reports them (the reader does it).
        var reader = new AnalysisReader(node, keyPath, bag, AnalysisParser.KeysOf((node["type"] as ScalarNode)?.Value ?? ""));
        string type = reader.Type;
        switch (type)
        {
            case "transmission":
                foreach (var key in new[] { "from", "to" })
                    foreach (var (name, mark) in Names(node, key))
                        if (!ports.Contains(name)) bag.Error(mark, reader.Path(key), PhotonTransfer.NoExternalPort(name, ports));
                if (ports.Length == 0) bag.Error(node.Mark, keyPath, PhotonTransfer.NoExternalPorts);
                break;
            case "smatrix":
                break;
            case "sweep":
                // The full check parses the inner analysis at each value and names the first value a problem is found at;
                // a wrong reference is wrong at every value, so at the first.
                if (node["analysis"] is MappingNode inner && inner["type"] is ScalarNode { Value: var innerType } && AnalysisParser.Types.Contains(innerType)
                    && reader.Text("parameter") is { Length: > 0 } parameter && SweepAnalysis.ReadValues(reader) is { Length: > 0 } values
                    && document.OverridePathProblem(parameter) is null)
                {
                    var local = new DiagnosticBag(bag.File);
                    CheckOne(document, inner, $"{keyPath}.analysis", kinds, unsure, ports, local);
                    string at = $" (at {parameter} = {SweepAnalysis.Describe(values[0])})";
                    bag.AddRange(local.All.Select(d => d with { Message = d.Message + at }));
                }
                break;
            default:
                var sources = Names(node, "source").Concat(Names(node, "sources")).ToList();
                bool sourcesKnown = true;
                foreach (var (name, _) in sources)
                {
                    string key = node["source"] is not null ? "source" : "sources";
                    var mark = node[key]!.Mark; // as the full check reports a source: at the key's value
                    if (!kinds.TryGetValue(name, out var kind))
                    {
                        if (!Unsure(name, unsure))
                            bag.Error(mark, reader.Path(key), PhotonTransfer.NoSuchInstance(name, kinds.Keys, "sources", kinds.Where(k => Emitters.Contains(k.Value)).Select(k => k.Key)));
                        sourcesKnown = false;
                    }
                    else if (!Emitters.Contains(kind))
                    {
                        bag.Error(mark, reader.Path(key), PhotonTransfer.NotASource(name, kind));
                        sourcesKnown = false;
                    }
                }
                var detectors = Names(node, "detectors").ToList();
                bool detectorsKnown = node["detectors"] is not null && detectors.Count > 0 && detectors.Select(d => d.Name).Distinct().Count() == detectors.Count;
                foreach (var (name, mark) in detectors)
                {
                    if (!kinds.TryGetValue(name, out var kind))
                    {
                        if (!Unsure(name, unsure))
                            bag.Error(mark, reader.Path("detectors"), PhotonTransfer.NoSuchInstance(name, kinds.Keys, "detectors", kinds.Where(k => k.Value == "detector").Select(k => k.Key)));
                        detectorsKnown = false;
                    }
                    else if (kind != "detector")
                    {
                        bag.Error(mark, reader.Path("detectors"), PhotonTransfer.NotADetector(name, kind));
                        detectorsKnown = false;
                    }
                }
                sourcesKnown &= sources.Count > 0 && sources.Select(x => x.Name).Distinct().Count() == sources.Count;
                // The counts are checked, as in the full check, once the names are right.
                if (!sourcesKnown || !detectorsKnown) break;
                void CountError(string key, string message) => bag.Error(node[key]!.Mark, reader.Path(key), message);
                if (type == "g2" && detectors.Count != 2) CountError("detectors", PhotonTransfer.CountMessage(2, "detectors [d0, d1]", detectors.Count));
                if (type == "hom" && node["sources"] is not null)
                {
                    if (sources.Count == 1)
                    {
                        if (!kinds.Values.Contains("time_demux")) CountError("sources", PhotonTransfer.NoSingleDemux("a one-source HOM", sources[0].Name, 0));
                    }
                    else if (sources.Count != 2) CountError("sources", PhotonTransfer.CountMessage(2, "sources [a, b]", sources.Count));
                    else if (detectors.Count != 2) CountError("detectors", PhotonTransfer.CountMessage(2, "detectors [d0, d1]", detectors.Count));
                }
                break;
        }
    }

    /// <summary>The names under <paramref name="key"/> (one name or a list); nothing when absent or not names (the full
    /// check reports the form).</summary>
    private static IEnumerable<(string Name, SourceMark Mark)> Names(MappingNode node, string key)
    {
        switch (node[key])
        {
            case ScalarNode { IsNull: false } single:
                yield return (single.Value, single.Mark);
                break;
            case SequenceNode seq:
                foreach (var item in seq.Items)
                    if (item is ScalarNode { IsNull: false } s) yield return (s.Value, s.Mark);
                break;
        }
    }
}
