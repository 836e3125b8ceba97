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

    /// <summary>Two identical quantum dots (settings <paramref name="dot"/>, emitting right) on a 50:50 beam splitter with a
    /// detector (settings <paramref name="detector"/>) on each output, and the given analyses (YAML list items).</summary>
    public static string TwoDotsOnASplitter(string dot, string detector, string analyses) => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          a: {component: quantum_dot, settings: {{{{dot}}}}}
          b: {component: quantum_dot, settings: {{{{dot}}}}}
          bs: beam_splitter
          d0: {component: detector, settings: {{{{detector}}}}}
          d1: {component: detector, settings: {{{{detector}}}}}
        connections:
          "a,right": "bs,in0"
          "b,right": "bs,in1"
          "bs,out0": "d0,in"
          "bs,out1": "d1,in"
        ports: {la: "a,left", lb: "b,left"}
        analyses:
        {{{analyses}}}
        """;
}
