using PhotonicKit.Components.Passive;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Components;

/// <summary>The list of built-in models, in the order of the netlist specification's table.</summary>
internal static class BuiltInModels
{
    public static IEnumerable<ComponentModel> All() =>
    [
        new WaveguideModel(),
        new QuantumDotModel(),
        new CavitySourceModel(),
    ];
}
