#:package Markdig
#:property PublishAot=false

// The examples as Jupyter notebooks (.NET Interactive's C# kernel), made from the example programs so that each
// example has one source: src/Examples/NN-topic.cs.
//
//   dotnet run tools/notebooks.cs -- write                 writes notebooks/NN-topic.ipynb for every example
//   dotnet run tools/notebooks.cs -- check                 exits 1 naming every notebook that is not what write makes
//   dotnet run tools/notebooks.cs -- errors FILE.ipynb…    exits 1 naming every executed notebook with an error output
//   dotnet run tools/notebooks.cs -- html OUT FILE.ipynb…  renders executed notebooks as pages OUT/NN-topic.html
//
// How a program becomes a notebook: its leading comment block is the first markdown cell, each comment block that
// starts with "// ##" a markdown cell, and the code between them code cells. Two cells come first: the packages
// (PhotonicKit and PhotonicKit.Reporting from out/nupkg, where `dotnet pack` writes them, a source that
// notebooks/nuget.config adds) and the program's
// arguments, with the charts shown inline. Methods and types the program declares after its last statement move to
// the end of the first code cell, since a notebook cell sees only what earlier cells declared. The closing
// `return NotebookPage.Check(checks);` becomes a statement that throws when a check fails, so that a failed check
// fails the notebook's run.

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Markdig;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string root = Repository();
string command = args.Length > 0 ? args[0] : "";
switch (command)
{
    case "write":
        foreach (var (example, notebook) in Pairs(root))
        {
            File.WriteAllText(notebook, Notebook(example, root));
            Console.WriteLine($"wrote {Path.GetRelativePath(root, notebook)}");
        }
        return 0;
    case "check":
    {
        var stale = new List<string>();
        var pairs = Pairs(root);
        foreach (var (example, notebook) in pairs)
            if (!File.Exists(notebook) || File.ReadAllText(notebook) != Notebook(example, root))
                stale.Add(Path.GetRelativePath(root, notebook));
        var expected = pairs.Select(p => Path.GetFileName(p.Notebook)).ToHashSet();
        foreach (var extra in Directory.EnumerateFiles(Path.Combine(root, "notebooks"), "*.ipynb"))
            if (!expected.Contains(Path.GetFileName(extra))) stale.Add(Path.GetRelativePath(root, extra) + " (no example makes it)");
        if (stale.Count == 0)
        {
            Console.WriteLine($"notebooks: all {pairs.Count} are what src/Examples makes");
            return 0;
        }
        Console.Error.WriteLine("notebooks: not what src/Examples makes (run `dotnet run tools/notebooks.cs -- write`):");
        foreach (var s in stale) Console.Error.WriteLine($"  {s}");
        return 1;
    }
    case "errors":
    {
        int failed = 0;
        foreach (var file in args.Skip(1))
            foreach (var (cell, message) in Errors(file))
            {
                Console.Error.WriteLine($"{file}: cell {cell}: {message}");
                failed++;
            }
        return failed == 0 ? 0 : 1;
    }
    case "html" when args.Length >= 2:
        Directory.CreateDirectory(args[1]);
        foreach (var file in args.Skip(2))
        {
            string page = Path.Combine(args[1], Path.GetFileNameWithoutExtension(file) + ".html");
            File.WriteAllText(page, Html(file));
            Console.WriteLine($"wrote {page}");
        }
        return 0;
    default:
        Console.Error.WriteLine("usage: dotnet run tools/notebooks.cs -- write | check | errors FILE… | html OUT FILE…");
        return 1;
}

static string Repository()
{
    for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        if (File.Exists(Path.Combine(folder.FullName, "PhotonicKit.sln"))) return folder.FullName;
    throw new InvalidOperationException("run from inside the repository (no PhotonicKit.sln here or above)");
}

static List<(string Example, string Notebook)> Pairs(string root) =>
    Directory.EnumerateFiles(Path.Combine(root, "src", "Examples"), "*.cs")
        .Where(f => Regex.IsMatch(Path.GetFileName(f), @"^\d\d-.*\.cs$"))
        .Order(StringComparer.Ordinal)
        .Select(f => (f, Path.Combine(root, "notebooks", Path.GetFileNameWithoutExtension(f) + ".ipynb")))
        .ToList();

// ---------------------------------------------------------------- program → notebook

static string Notebook(string examplePath, string root)
{
    string version = Regex.Match(File.ReadAllText(Path.Combine(root, "Directory.Build.props")), "<Version>([^<]+)</Version>").Groups[1].Value;
    var lines = File.ReadAllLines(examplePath);
    string name = Path.GetFileName(examplePath);
    int i = 0;
    while (i < lines.Length && (lines[i].StartsWith("#:", StringComparison.Ordinal) || lines[i].Trim().Length == 0)) i++;
    var header = new List<string>();
    while (i < lines.Length && IsComment(lines[i])) header.Add(Uncomment(lines[i++]));

    // The closing check, and what follows it (declarations used above).
    int last = Array.FindLastIndex(lines, l => l.Trim() == "return NotebookPage.Check(checks);");
    if (last < i) throw new InvalidOperationException($"{name}: no closing `return NotebookPage.Check(checks);`");
    var trailing = lines[(last + 1)..].ToList();
    var body = lines[i..last].ToList();
    body.Add("if (NotebookPage.Check(checks) != 0) throw new InvalidOperationException(\"a check failed: see the lines marked FAIL above\");");

    var cells = new List<(string Kind, List<string> Lines)>
    {
        ("markdown", header.Concat([
            "",
            $"*This notebook is made from [src/Examples/{name}](../src/Examples/{name}) (`dotnet run tools/notebooks.cs -- write`); change the program, not the notebook. " +
            "Its first cell loads PhotonicKit from the packages that `for p in Components Circuit Reporting; do dotnet pack src/$p -c Release -o out/nupkg; done` writes " +
            "(docs/examples.md), which notebooks/nuget.config adds to the package sources.*",
        ]).ToList()),
        ("code", [
            $"#r \"nuget: PhotonicKit, {version}\"",
            $"#r \"nuget: PhotonicKit.Reporting, {version}\"",
        ]),
        ("code", [
            "// What a .NET program has without asking (its implicit usings) and a notebook kernel does not.",
            "using System.IO;",
            "using System.Net.Http;",
            "using System.Threading;",
            "",
            "// Plotly.NET 6 is built against FSharp.Core 10.1; a kernel that has already loaded an older FSharp.Core (.NET",
            "// Interactive 1.0 loads 10.0) gives it that one, which draws these notebooks' charts.",
            "var fsharpCore = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == \"FSharp.Core\");",
            "if (fsharpCore is not null) System.Runtime.Loader.AssemblyLoadContext.Default.Resolving += (_, name) => name.Name == \"FSharp.Core\" ? fsharpCore : null;",
            "",
            "// The program's arguments (the folder its pages go to), and its charts shown here as well.",
            "string[] args = [\"../out/notebooks\"];",
            "PhotonicKit.Reporting.NotebookPage.Display = html => display(HTML(html));",
        ]),
    };
    var code = new List<string>();
    void Flush()
    {
        while (code.Count > 0 && code[^1].Trim().Length == 0) code.RemoveAt(code.Count - 1);
        while (code.Count > 0 && code[0].Trim().Length == 0) code.RemoveAt(0);
        if (code.Count > 0) cells.Add(("code", code));
        code = [];
    }
    for (int k = 0; k < body.Count; k++)
    {
        if (body[k].StartsWith("// ##", StringComparison.Ordinal))
        {
            Flush();
            var markdown = new List<string>();
            while (k < body.Count && IsComment(body[k])) markdown.Add(Uncomment(body[k++]));
            cells.Add(("markdown", markdown));
            k--;
            continue;
        }
        code.Add(body[k]);
    }
    Flush();
    while (trailing.Count > 0 && trailing[0].Trim().Length == 0) trailing.RemoveAt(0);
    if (trailing.Any(l => l.Trim().Length > 0))
    {
        int first = cells.FindIndex(3, c => c.Kind == "code");
        cells[first].Lines.AddRange(["", "// Declared at the end of the program; a cell sees only what earlier cells declare."]);
        cells[first].Lines.AddRange(trailing);
        while (cells[first].Lines[^1].Trim().Length == 0) cells[first].Lines.RemoveAt(cells[first].Lines.Count - 1);
    }
    return Serialize(cells);
}

static bool IsComment(string line) => line.TrimStart().StartsWith("//", StringComparison.Ordinal);

static string Uncomment(string line)
{
    string t = line.TrimStart()[2..];
    return t.StartsWith(' ') ? t[1..] : t;
}

static string Serialize(List<(string Kind, List<string> Lines)> cells)
{
    var array = new JsonArray();
    foreach (var (kind, lines) in cells)
    {
        var source = new JsonArray();
        for (int k = 0; k < lines.Count; k++) source.Add(k < lines.Count - 1 ? lines[k] + "\n" : lines[k]);
        var cell = new JsonObject { ["cell_type"] = kind };
        if (kind == "code")
        {
            cell["execution_count"] = null;
            cell["metadata"] = new JsonObject
            {
                ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
                ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
            };
            cell["outputs"] = new JsonArray();
        }
        else cell["metadata"] = new JsonObject();
        cell["source"] = source;
        array.Add(cell);
    }
    var notebook = new JsonObject
    {
        ["cells"] = array,
        ["metadata"] = new JsonObject
        {
            ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
            ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
            ["polyglot_notebook"] = new JsonObject
            {
                ["kernelInfo"] = new JsonObject
                {
                    ["defaultKernelName"] = "csharp",
                    ["items"] = new JsonArray(new JsonObject { ["name"] = "csharp", ["aliases"] = new JsonArray() }),
                },
            },
        },
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
    };
    var options = new JsonSerializerOptions { WriteIndented = true, IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    return notebook.ToJsonString(options) + "\n";
}

// ---------------------------------------------------------------- executed notebooks

static List<(int Cell, string Message)> Errors(string file)
{
    var list = new List<(int, string)>();
    var cells = JsonNode.Parse(File.ReadAllText(file))!["cells"]!.AsArray();
    for (int c = 0; c < cells.Count; c++)
        foreach (var output in cells[c]!["outputs"]?.AsArray() ?? [])
            if ((string?)output!["output_type"] == "error")
                list.Add((c + 1, ((string?)output["evalue"] ?? "error").Split('\n')[0]));
    return list;
}

static string Html(string file)
{
    var notebook = JsonNode.Parse(File.ReadAllText(file))!;
    var pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
    string Text(JsonNode? node) => node is JsonArray a ? string.Concat(a.Select(x => (string?)x)) : (string?)node ?? "";
    var body = new StringBuilder();
    string title = Path.GetFileNameWithoutExtension(file);
    foreach (var cell in notebook["cells"]!.AsArray())
    {
        string source = Text(cell!["source"]);
        if ((string?)cell["cell_type"] == "markdown")
        {
            if (body.Length == 0 && source.StartsWith("# ", StringComparison.Ordinal)) title = source.Split('\n')[0][2..];
            body.Append("<div class=\"md\">").Append(Markdown.ToHtml(source, pipeline)).Append("</div>\n");
            continue;
        }
        body.Append("<pre class=\"code\">").Append(WebUtility.HtmlEncode(source)).Append("</pre>\n");
        // The package cell's outputs are the restore's progress.
        if (source.StartsWith("#i ", StringComparison.Ordinal) || source.StartsWith("#r ", StringComparison.Ordinal)) continue;
        foreach (var output in cell["outputs"]?.AsArray() ?? [])
        {
            switch ((string?)output!["output_type"])
            {
                case "stream":
                    body.Append("<pre class=\"out\">").Append(WebUtility.HtmlEncode(Text(output["text"]))).Append("</pre>\n");
                    break;
                case "error":
                    body.Append("<pre class=\"err\">").Append(WebUtility.HtmlEncode((string?)output["evalue"] ?? "")).Append("</pre>\n");
                    break;
                default:
                    var data = output["data"];
                    if (data?["text/html"] is { } html) body.Append("<div class=\"html\">").Append(Text(html)).Append("</div>\n");
                    else if (data?["text/plain"] is { } plain) body.Append("<pre class=\"out\">").Append(WebUtility.HtmlEncode(Text(plain))).Append("</pre>\n");
                    break;
            }
        }
    }
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + WebUtility.HtmlEncode(title) + "</title><style>"
        + "body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;line-height:1.45}"
        + "pre{padding:.6em .8em;overflow-x:auto;font-size:.85em}pre.code{background:#f4f5f7;border-left:3px solid #7a8cd6}"
        + "pre.out{background:#fff;border-left:3px solid #ccc}pre.err{background:#fdecec;border-left:3px solid #d33}"
        + "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}</style></head>\n<body>\n" + body + "</body></html>\n";
}
