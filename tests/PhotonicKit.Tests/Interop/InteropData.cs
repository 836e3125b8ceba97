using System.Numerics;
using System.Text.Json.Nodes;

namespace PhotonicKit.Tests.Interop;

/// <summary>The files of Interop/data (sources in the README there) and the S-matrix of an <c>smatrix</c> result.</summary>
internal static class InteropData
{
    /// <summary>The path of a data file next to the test assembly.</summary>
    public static string File(string name) => Path.Combine(AppContext.BaseDirectory, "Interop", "data", name);

    /// <summary>S[out, in] of an smatrix result at wavelength index k, by port name.</summary>
    public static Complex S(JsonNode result, int k, string output, string input)
    {
        var ports = result["ports"]!.AsArray().Select(p => (string)p!).ToList();
        return S(result, k, ports.IndexOf(output), ports.IndexOf(input));
    }

    /// <summary>S[out, in] of an smatrix result at wavelength index k, by port index.</summary>
    public static Complex S(JsonNode result, int k, int output, int input) =>
        new((double)result["re"]![k]![output]![input]!, (double)result["im"]![k]![output]![input]!);
}
