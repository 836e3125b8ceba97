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

    /// <summary>PhotonicKit's default waveguide, which gdsfactory's straights and bends become: n_eff(λ) = 2.4 − (λ − λ0)(4.2 − 2.4)/λ0,
    /// e^{i2π n_eff L/λ}.</summary>
    public static Complex Waveguide(double lambdaNm, double lambda0Nm, double lengthUm)
    {
        double n = 2.4 - (lambdaNm - lambda0Nm) * (4.2 - 2.4) / lambda0Nm;
        return Complex.FromPolarCoordinates(1, 2 * Math.PI * n * lengthUm * 1e3 / lambdaNm);
    }

    /// <summary>A models map giving gdsfactory's coupler_ring a coupling of 0.1 and its own ring-side waveguides: length_x from
    /// the instance's settings on o2, the radius from its info on o3.</summary>
    public const string CouplerRingCircuitMap = """
        cells:
          coupler_ring:
            circuit:
              instances:
                c: {component: directional_coupler, settings: {coupling: 0.1}}
                straight_part: {component: waveguide, settings: {length_um: "{length_x}"}}
                arc: {component: waveguide, settings: {length_um: "{info.radius}"}}
              connections: {"c,in1": "straight_part,o2", "c,out1": "arc,o1"}
              ports: {o1: "c,in0", o2: "straight_part,o1", o3: "arc,o2", o4: "c,out0"}
        """;

    /// <summary>S[out, in] of an smatrix result at wavelength index k, by port index.</summary>
    public static Complex S(JsonNode result, int k, int output, int input) =>
        new((double)result["re"]![k]![output]![input]!, (double)result["im"]![k]![output]![input]!);
}
