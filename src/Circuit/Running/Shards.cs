using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Analyses;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Results;

namespace PhotonicKit.Circuit.Running;

/// <summary>
/// The <see cref="Index"/>-th of <see cref="Count"/> shards of a run (<c>run FILE --shard I/N</c>, counted from 1, as
/// Slurm array task ids <c>1-N</c> are). Each divisible analysis gives shard I the items
/// [⌊(I−1)·n/N⌋, ⌊I·n/N⌋) of its n items (a sweep's outer values, the draws of direct sampling); the analyses computed
/// whole go to the shards in turn, the j-th (from 0) to shard j mod N + 1.
/// </summary>
/// <param name="Index">The shard, 1 to <paramref name="Count"/>.</param>
/// <param name="Count">The number of shards, 1 to <see cref="MaxCount"/>.</param>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>Most shards a run may be divided into.</summary>
    public const int MaxCount = 100_000;

    /// <summary>Reads <c>I/N</c>; null and the problem when it is not a shard of a run.</summary>
    public static ShardSpec? Parse(string text, out string? problem)
    {
        problem = null;
        var inv = CultureInfo.InvariantCulture;
        string[] parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0].Trim(), NumberStyles.None, inv, out int i) || !int.TryParse(parts[1].Trim(), NumberStyles.None, inv, out int n))
        {
            problem = $"'{text}' is not a shard: expected I/N, the I-th of N shards counted from 1 (e.g. 3/8)";
            return null;
        }
        if (n < 1 || n > MaxCount)
        {
            problem = $"{n.ToString(inv)} shards is out of range: expected 1 to {MaxCount.ToString("N0", inv)}";
            return null;
        }
        if (i < 1 || i > n)
        {
            problem = $"shard {i.ToString(inv)} of {n.ToString(inv)} is out of range: expected 1 to {n.ToString(inv)} (shards are counted from 1)";
            return null;
        }
        return new ShardSpec(i, n);
    }

    /// <summary>
    /// What this shard computes of each of <paramref name="analyses"/>: the first item and how many (0 for none). A
    /// divisible analysis gives it its <see cref="Range"/>; the analyses computed whole go to the shards in turn.
    /// </summary>
    internal (int First, int Count)[] Share(IReadOnlyList<Analysis> analyses)
    {
        var share = new (int First, int Count)[analyses.Count];
        int whole = 0;
        for (int i = 0; i < analyses.Count; i++)
            share[i] = analyses[i].Split == ShardSplit.Whole
                ? (0, whole++ % Count == Index - 1 ? 1 : 0)
                : Range(analyses[i].SplitItems);
        return share;
    }

    /// <summary>This shard's items of <paramref name="items"/>: the first and how many.</summary>
    public (int First, int Count) Range(int items)
    {
        int first = (int)((long)(Index - 1) * items / Count);
        int end = (int)((long)Index * items / Count);
        return (first, end - first);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Index.ToString(CultureInfo.InvariantCulture)}/{Count.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>
/// What a run was asked to compute: the netlist (as named on the command line, and the SHA-256 of its text) and every
/// option that changes its results. The parts of one sharded run carry the same request; <see cref="ShardMerge"/>
/// refuses parts whose requests differ, naming what differs.
/// </summary>
/// <param name="File">The netlist as the command line named it (warnings quote it), or null for the bundled default example.</param>
/// <param name="Sha256">SHA-256 of the netlist's text, lower-case hex.</param>
/// <param name="Set">The <c>--set</c> overrides, in order.</param>
/// <param name="Strict"><c>--strict</c>.</param>
/// <param name="From"><c>--from</c>, or null.</param>
/// <param name="WavelengthNm"><c>--wavelength-nm</c>, or null.</param>
/// <param name="Sweep"><c>--sweep</c>, or null.</param>
/// <param name="Models"><c>--models</c> as given, or null.</param>
/// <param name="ModelsSha256">SHA-256 of the <c>--models</c> file, or null.</param>
public sealed record RunRequest(string? File, string Sha256, IReadOnlyList<string> Set, bool Strict, string? From = null, double? WavelengthNm = null,
    string? Sweep = null, string? Models = null, string? ModelsSha256 = null)
{
    /// <summary>SHA-256 of <paramref name="text"/> (UTF-8), lower-case hex.</summary>
    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>SHA-256 of <paramref name="bytes"/>, lower-case hex.</summary>
    public static string HashOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The request as a part records it.</summary>
    public JsonObject ToJson() => new()
    {
        ["file"] = File,
        ["sha256"] = Sha256,
        ["set"] = ResultJson.Strings(Set),
        ["strict"] = Strict,
        ["from"] = From,
        ["wavelength_nm"] = WavelengthNm is double w ? ResultJson.Number(w) : null,
        ["sweep"] = Sweep,
        ["models"] = Models,
        ["models_sha256"] = ModelsSha256,
    };

    /// <summary>The fields in the order of <see cref="ToJson"/>, as text, for comparing two parts' requests.</summary>
    internal static IReadOnlyList<(string Key, string Label)> Fields { get; } =
    [
        ("sha256", "netlist text (SHA-256)"), ("file", "netlist path"), ("set", "--set overrides"), ("strict", "--strict"), ("from", "--from"),
        ("wavelength_nm", "--wavelength-nm"), ("sweep", "--sweep"), ("models", "--models path"), ("models_sha256", "--models file (SHA-256)"),
    ];
}

/// <summary>A shard's computation: its part document (<c>--json</c>) and the warnings to print.</summary>
/// <param name="Part">The part document that <see cref="ShardMerge"/> reads.</param>
/// <param name="Warnings">The warnings of loading and of this shard's work (a sweep's grouped over the values it computed).</param>
/// <param name="Covered">One line per analysis this shard computed something of, e.g. <c>analyses[0] sweep: values 17–32 of 64</c>.</param>
public sealed record ShardRun(JsonObject Part, IReadOnlyList<Diagnostic> Warnings, IReadOnlyList<string> Covered)
{
    /// <summary>The part as JSON text (written like a results document).</summary>
    public string ToJson() => ResultJson.Write(Part);
}

/// <summary>
/// Joins the parts of a sharded run into the results document the unsharded run writes, byte for byte: the divided
/// arrays (a sweep's <c>results</c>, <c>samples</c>) are concatenated in order, and the warnings are rebuilt as the
/// whole run groups them. Parts from another netlist or request, from another version, or of another shard count,
/// duplicated shards and missing ones are refused, each named.
/// </summary>
public static class ShardMerge
{
    /// <summary>The format version of part documents (<c>photonickit_part</c>).</summary>
    public const int PartFormat = 1;

    /// <summary>
    /// Merges <paramref name="parts"/> (each a file name, for messages, and its text). Every problem goes to
    /// <paramref name="bag"/> naming the part's file; returns null when there is any.
    /// </summary>
    public static RunResult? Merge(IReadOnlyList<(string Name, string Text)> parts, DiagnosticBag bag)
    {
        var read = new List<Part>();
        foreach (var (name, text) in parts)
        {
            try
            {
                read.Add(Part.Read(name, text));
            }
            catch (PartException e)
            {
                bag.AddRange([new Diagnostic(Severity.Error, name, SourceMark.None, e.Key, e.Message)]);
            }
        }
        if (read.Count == 0 || read.Count < parts.Count || bag.HasErrors)
        {
            // Still compare the parts that could be read, so every problem is reported at once.
            if (read.Count > 1) Merge(read, bag);
            return null;
        }
        return Merge(read, bag);
    }

    private static RunResult? Merge(List<Part> read, DiagnosticBag bag)
    {
        var reference = read.MinBy(p => p.Index)!;
        bool ok = true;
        foreach (var p in read)
        {
            if (ReferenceEquals(p, reference)) continue;
            string? differs = p.Version != reference.Version ? $"was written by PhotonicKit {p.Version}, {reference.Name} by {reference.Version}"
                : p.Count != reference.Count ? $"is shard {p.Index}/{p.Count}, {reference.Name} is {reference.Index}/{reference.Count}: the parts of one run have the same shard count"
                : RequestDifference(p, reference) is { } d ? d
                : JsonNode.DeepEquals(p.Plan, reference.Plan) ? null : $"lists other analyses than {reference.Name}";
            if (differs is not null)
            {
                bag.AddRange([new Diagnostic(Severity.Error, p.Name, SourceMark.None, "part", $"not a part of the same run: it {differs}")]);
                ok = false;
            }
        }
        if (!ok) return null;
        foreach (var group in read.GroupBy(p => p.Index).Where(g => g.Count() > 1))
        {
            var names = group.Select(p => p.Name).ToList();
            bag.AddRange([new Diagnostic(Severity.Error, names[1], SourceMark.None, "part",
                $"shard {group.Key}/{reference.Count} is given twice: in {string.Join(" and ", names)}; give each shard once")]);
            ok = false;
        }
        var missing = Enumerable.Range(1, reference.Count).Except(read.Select(p => p.Index)).ToList();
        foreach (int m in missing)
            bag.AddRange([new Diagnostic(Severity.Error, "merge", SourceMark.None, "part",
                $"shard {m}/{reference.Count} is missing: no part given holds it (run 'photonickit run {reference.FileForMessages} --shard {m}/{reference.Count} --json …' again, or give its part)")]);
        if (!ok || missing.Count > 0 || bag.HasErrors) return null;

        var warnings = new DiagnosticBag(reference.File ?? "default-example.yaml");
        warnings.AddRange(reference.LoadWarnings);
        var results = new JsonArray();
        var plan = reference.Plan;
        for (int i = 0; i < plan.Count; i++)
        {
            var entry = plan[i]!.AsObject();
            string key = (string)entry["key"]!, split = (string)entry["split"]!;
            int items = (int)(double)entry["items"]!; // a whole number (Part.Read checks it), possibly written 3.0
            var pieces = read.SelectMany(p => p.Pieces.Where(x => x.Analysis == i).Select(x => (Part: p, Piece: x))).OrderBy(x => x.Piece.First).ToList();
            int next = 0;
            foreach (var (part, piece) in pieces)
            {
                if (piece.First != next)
                {
                    string what = piece.First > next ? $"items {next}–{piece.First - 1} of {items} are in no part" : $"item {piece.First} of {items} is in two parts";
                    bag.AddRange([new Diagnostic(Severity.Error, part.Name, SourceMark.None, key, $"the parts do not cover this analysis once: {what}")]);
                    return null;
                }
                next += piece.Count;
            }
            if (next != items)
            {
                bag.AddRange([new Diagnostic(Severity.Error, "merge", SourceMark.None, key, $"the parts do not cover this analysis: items {next}–{items - 1} of {items} are in no part")]);
                return null;
            }
            var first = pieces[0].Piece;
            var result = first.Result.DeepClone().AsObject();
            string? array = split switch { "values" => "results", "draws" => "samples", _ => null };
            if (array is not null)
            {
                var joined = new JsonArray();
                foreach (var (part, piece) in pieces)
                {
                    if (piece.Result[array] is not JsonArray a || a.Count != piece.Count)
                    {
                        bag.AddRange([new Diagnostic(Severity.Error, part.Name, SourceMark.None, key, $"the piece's '{array}' does not hold its {piece.Count} items")]);
                        return null;
                    }
                    foreach (var x in a) joined.Add(x?.DeepClone());
                }
                result[array] = joined;
            }
            results.Add((JsonNode?)result);
            if (split == "values")
            {
                var labels = entry["labels"]!.AsArray().Select(l => (string)l!).ToList();
                var perValue = pieces.SelectMany(x => x.Piece.ItemWarnings).ToList();
                warnings.AddRange(DiagnosticGrouping.Alike(SweepAnalysis.GroupWarnings((string)entry["parameter"]!, labels, perValue)));
            }
            else warnings.AddRange(first.Warnings);
        }
        var document = PreparedRun.ResultsDocument(reference.Version, reference.Netlist, warnings, results);
        try
        {
            _ = ResultJson.Write(document);
        }
        catch (InvalidOperationException e)
        {
            bag.AddRange([new Diagnostic(Severity.Error, "merge", SourceMark.None, "part", $"a part holds a value a results document cannot: {e.Message}")]);
            return null;
        }
        IReadOnlyList<AnalysisResult> typed;
        try
        {
            typed = ResultReader.ReadAll(results);
        }
        catch (FormatException e)
        {
            bag.AddRange([new Diagnostic(Severity.Error, "merge", SourceMark.None, "part", $"a part holds a result that is not one of its analysis: {e.Message}")]);
            return null;
        }
        return new RunResult(document, warnings.All.ToArray()) { Results = typed };
    }

    /// <summary>The first field of the requests of <paramref name="p"/> and <paramref name="reference"/> that differs, in words; null when none does.</summary>
    private static string? RequestDifference(Part p, Part reference)
    {
        foreach (var (key, label) in RunRequest.Fields)
        {
            var a = p.Request[key];
            var b = reference.Request[key];
            if (JsonNode.DeepEquals(a, b)) continue;
            string hint = key == "file" ? " (warnings quote the path: run every shard with the same one)" : "";
            return $"has another {label}: {Show(a)}, against {Show(b)} in {reference.Name}{hint}";
        }
        return null;
    }

    private static string Show(JsonNode? node) => node switch
    {
        null => "none",
        JsonValue v when v.TryGetValue(out string? s) => s.Length == 64 && s.All(char.IsAsciiHexDigitLower) ? s[..12] + "…" : $"'{s}'",
        _ => node.ToJsonString(),
    };

    internal static JsonObject DiagnosticJson(Diagnostic d) => new()
    {
        ["file"] = d.File,
        ["line"] = d.Mark.Line,
        ["column"] = d.Mark.Column,
        ["key"] = d.Key,
        ["message"] = d.Message,
    };

    internal static JsonArray DiagnosticsJson(IEnumerable<Diagnostic> diagnostics)
    {
        var a = new JsonArray();
        foreach (var d in diagnostics) a.Add((JsonNode?)DiagnosticJson(d));
        return a;
    }

    /// <summary>A part that cannot be read: the key of the field and what is wrong.</summary>
    private sealed class PartException(string key, string message) : Exception(message)
    {
        public string Key { get; } = key;
    }

    private sealed record Piece(int Analysis, int First, int Count, JsonObject Result, IReadOnlyList<Diagnostic> Warnings, IReadOnlyList<IReadOnlyList<Diagnostic>> ItemWarnings);

    /// <summary>A part document, read and checked for the fields the merge uses.</summary>
    private sealed class Part
    {
        public required string Name { get; init; }
        public required string Version { get; init; }
        public required string Netlist { get; init; }
        public required JsonObject Request { get; init; }
        public required int Index { get; init; }
        public required int Count { get; init; }
        public required JsonArray Plan { get; init; }
        public required IReadOnlyList<Diagnostic> LoadWarnings { get; init; }
        public required IReadOnlyList<Piece> Pieces { get; init; }

        public string? File => (string?)Request["file"];

        public string FileForMessages => File ?? "";

        public static Part Read(string name, string text)
        {
            JsonNode? root;
            try
            {
                root = JsonNode.Parse(text);
            }
            catch (JsonException e)
            {
                throw new PartException("part", $"not JSON ({e.Message})");
            }
            if (root is not JsonObject o || o["photonickit_part"] is null)
                throw new PartException("part", "not a part of a sharded run: it has no 'photonickit_part' (parts are written by 'photonickit run FILE --shard I/N --json PART')");
            if (Int(o, "photonickit_part") != PartFormat)
                throw new PartException("photonickit_part", $"part format {o["photonickit_part"]!.ToJsonString()} is not one this version reads: expected {PartFormat}");
            var shard = Obj(o, "shard");
            int index = Int(shard, "index"), count = Int(shard, "count");
            if (count < 1 || index < 1 || index > count) throw new PartException("shard", $"shard {index}/{count} is not a shard of a run: expected I/N with 1 ≤ I ≤ N");
            var plan = Arr(o, "analyses");
            for (int i = 0; i < plan.Count; i++)
            {
                if (plan[i] is not JsonObject e) throw new PartException($"analyses[{i}]", "expected an object");
                Str(e, "key");
                string split = Str(e, "split");
                if (split is not ("whole" or "values" or "draws")) throw new PartException($"analyses[{i}].split", $"'{split}' is not a split: expected whole, values or draws");
                if (Int(e, "items") < 1) throw new PartException($"analyses[{i}].items", "expected at least 1");
                if (split == "values")
                {
                    Str(e, "parameter");
                    var labels = Arr(e, "labels");
                    if (labels.Count != Int(e, "items") || labels.Any(l => l is not JsonValue v || !v.TryGetValue(out string? _)))
                        throw new PartException($"analyses[{i}].labels", "expected one text per value");
                }
            }
            var pieces = new List<Piece>();
            var pieceArray = Arr(o, "pieces");
            for (int k = 0; k < pieceArray.Count; k++)
            {
                if (pieceArray[k] is not JsonObject p) throw new PartException($"pieces[{k}]", "expected an object");
                int analysis = Int(p, "analysis");
                if (analysis < 0 || analysis >= plan.Count) throw new PartException($"pieces[{k}].analysis", $"{analysis} is not an analysis of the run (it has {plan.Count})");
                var entry = plan[analysis]!.AsObject();
                int first = Int(p, "first"), n = Int(p, "count"), items = Int(entry, "items");
                if (first < 0 || n < 1 || first > items - n) throw new PartException($"pieces[{k}]", $"items {first} to {first + n - 1} are not items of {(string)entry["key"]!} (it has {items})");
                var itemWarnings = new List<IReadOnlyList<Diagnostic>>();
                if ((string)entry["split"]! == "values")
                {
                    var perItem = Arr(p, "item_warnings");
                    if (perItem.Count != n) throw new PartException($"pieces[{k}].item_warnings", $"expected one list per value ({n})");
                    foreach (var list in perItem)
                        itemWarnings.Add(list is JsonArray a ? Diagnostics(a, $"pieces[{k}].item_warnings") : throw new PartException($"pieces[{k}].item_warnings", "expected lists"));
                }
                pieces.Add(new Piece(analysis, first, n, Obj(p, "result"), p["warnings"] is JsonArray w ? Diagnostics(w, $"pieces[{k}].warnings") : [], itemWarnings));
            }
            return new Part
            {
                Name = name,
                Version = Str(o, "version"),
                Netlist = Str(o, "netlist"),
                Request = Obj(o, "request"),
                Index = index,
                Count = count,
                Plan = plan,
                LoadWarnings = Diagnostics(Arr(o, "load_warnings"), "load_warnings"),
                Pieces = pieces,
            };
        }

        private static IReadOnlyList<Diagnostic> Diagnostics(JsonArray array, string key)
        {
            var list = new List<Diagnostic>();
            foreach (var node in array)
            {
                if (node is not JsonObject d) throw new PartException(key, "expected warning objects");
                list.Add(new Diagnostic(Severity.Warning, Str(d, "file"), new SourceMark(Int(d, "line"), Int(d, "column")), Str(d, "key"), Str(d, "message")));
            }
            return list;
        }

        private static JsonObject Obj(JsonObject o, string key) => o[key] as JsonObject ?? throw new PartException(key, "missing, or not an object");

        private static JsonArray Arr(JsonObject o, string key) => o[key] as JsonArray ?? throw new PartException(key, "missing, or not a list");

        private static string Str(JsonObject o, string key) =>
            o[key] is JsonValue v && v.TryGetValue(out string? s) ? s : throw new PartException(key, "missing, or not a text");

        private static int Int(JsonObject o, string key) =>
            o[key] is JsonValue v && v.TryGetValue(out double d) && d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue ? (int)d
                : throw new PartException(key, "missing, or not a whole number");
    }
}
