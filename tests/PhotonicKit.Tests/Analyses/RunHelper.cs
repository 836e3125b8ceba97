using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Running;

namespace PhotonicKit.Tests.Analyses;

internal static class RunHelper
{
    /// <summary>Prepares and runs a netlist text, failing the test with the diagnostics when invalid.</summary>
    public static RunResult Run(string yaml, params string[] set)
    {
        var bag = new DiagnosticBag("test.yaml");
        var prepared = NetlistRunner.Prepare(yaml, "test.yaml", set, strict: false, bag);
        Assert.True(prepared is not null, string.Join("\n", bag.All));
        return prepared!.Execute();
    }

    public static JsonObject Result(string yaml, int index = 0, params string[] set) => Run(yaml, set).Document["results"]![index]!.AsObject();

    public static double[] Series(JsonNode? node) => node!.AsArray().Select(v => (double)v!).ToArray();
}
