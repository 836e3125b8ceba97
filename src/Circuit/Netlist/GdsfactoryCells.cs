using System.Globalization;
using PhotonicKit.Circuit.Diagnostics;

namespace PhotonicKit.Circuit.Netlist;

/// <summary>
/// One of gdsfactory's generic-PDK cells as PhotonicKit reads it from get_netlist() output: the built-in it becomes, its
/// ports, the settings that carry optics (the rest describe layout), and how its settings and info become the
/// built-in's.
/// </summary>
/// <param name="Component">The built-in component.</param>
/// <param name="Ports">gdsfactory port → PhotonicKit port.</param>
/// <param name="UsedSettings">Settings read (every other one is layout).</param>
/// <param name="Map">The built-in's settings from the cell's settings and info; null (with an error) when they cannot be had.</param>
internal sealed record GdsCell(string Component, IReadOnlyDictionary<string, string> Ports, IReadOnlySet<string> UsedSettings,
    Func<MappingNode?, MappingNode?, string, SourceMark, DiagnosticBag, List<KeyValuePair<ScalarNode, Node>>?> Map);

/// <summary>The table of gdsfactory's generic-PDK cells that PhotonicKit reads (docs/interop.md, "gdsfactory").</summary>
internal static class GdsfactoryCells
{
    private static readonly Dictionary<string, string> TwoPort = new(StringComparer.Ordinal) { ["o1"] = "o1", ["o2"] = "o2" };
    private static readonly Dictionary<string, string> Mmi1x2 = new(StringComparer.Ordinal) { ["o1"] = "in0", ["o2"] = "out0", ["o3"] = "out1" };
    // As SAX's mmi2x2 under its "optical" port names, which gdsfactory's circuits are simulated with: o1 → o3 straight, o1 → o4 across (×i).
    private static readonly Dictionary<string, string> Mmi2x2 = new(StringComparer.Ordinal) { ["o1"] = "in0", ["o2"] = "in1", ["o3"] = "out0", ["o4"] = "out1" };
    private static readonly Dictionary<string, string> Crossing = new(StringComparer.Ordinal) { ["o1"] = "o1", ["o2"] = "o2", ["o3"] = "o3", ["o4"] = "o4" };

    /// <summary>gdsfactory's single grating couplers: their period, fill and taper do not fix an efficiency or a passband.</summary>
    public static readonly IReadOnlySet<string> GratingCouplers = new HashSet<string>(StringComparer.Ordinal)
    {
        "grating_coupler_elliptical", "grating_coupler_elliptical_arbitrary", "grating_coupler_elliptical_lumerical", "grating_coupler_elliptical_te",
        "grating_coupler_elliptical_tm", "grating_coupler_elliptical_trenches", "grating_coupler_elliptical_uniform", "grating_coupler_rectangular",
        "grating_coupler_rectangular_arbitrary", "grating_coupler_te", "grating_coupler_tm",
    };

    /// <summary>Cells given by their geometry alone (a gap and lengths, a grating's period), whose coupling PhotonicKit does not derive.</summary>
    public static readonly IReadOnlySet<string> GeometryOnly = new HashSet<string>(new[]
    {
        "coupler", "coupler_ring", "coupler_symmetric", "coupler_asymmetric", "coupler_straight", "coupler_full", "coupler90", "coupler_bent",
        "coupler_adiabatic", "coupler_broadband", "ring_single", "ring_double", "ring_crow", "mzi", "mzit", "mzi_lattice",
    }.Concat(GratingCouplers), StringComparer.Ordinal);

    private static GdsCell Waveguide(bool lengthFromInfo, double? fallbackUm) => new("waveguide", TwoPort,
        new HashSet<string>(StringComparer.Ordinal) { "length" },
        (settings, info, path, mark, bag) =>
        {
            // The optical length: the cell's length setting, else its info.length (bends), else route_info_length.
            foreach (var (node, key) in (lengthFromInfo
                ? new[] { (info, "length"), (info, "route_info_length"), (settings, "length") }
                : new[] { (settings, "length"), (info, "length"), (info, "route_info_length") }))
                if (node?[key] is ScalarNode s && s.TryGetNumber(out double v))
                    return [new(new ScalarNode { Mark = node.KeyNode(key)!.Mark, Value = "length_um" }, NetlistImport.Number(v, s.Mark))];
            if (fallbackUm is double d) return [new(new ScalarNode { Mark = mark, Value = "length_um" }, NetlistImport.Number(d, mark))];
            bag.Error(mark, path, "has no optical length: neither info.length nor a length setting gives one (get_netlist() writes info.length for bends)");
            return null;
        });

    private static GdsCell Fixed(string component, IReadOnlyDictionary<string, string> ports) => new(component, ports,
        new HashSet<string>(StringComparer.Ordinal), (_, _, _, _, _) => []);

    /// <summary>Cell name → how it is read.</summary>
    public static readonly IReadOnlyDictionary<string, GdsCell> Table = new Dictionary<string, GdsCell>(StringComparer.Ordinal)
    {
        ["straight"] = Waveguide(lengthFromInfo: false, fallbackUm: 10),
        ["taper"] = Waveguide(lengthFromInfo: false, fallbackUm: 10),
        ["bend_euler"] = Waveguide(lengthFromInfo: true, fallbackUm: null),
        ["bend_euler180"] = Waveguide(lengthFromInfo: true, fallbackUm: null),
        ["bend_euler_s"] = Waveguide(lengthFromInfo: true, fallbackUm: null),
        ["bend_circular"] = Waveguide(lengthFromInfo: true, fallbackUm: null),
        ["bend_circular180"] = Waveguide(lengthFromInfo: true, fallbackUm: null),
        ["bend_s"] = Waveguide(lengthFromInfo: true, fallbackUm: null),
        ["mmi1x2"] = Fixed("mmi1x2", Mmi1x2),
        ["mmi2x2"] = Fixed("mmi2x2", Mmi2x2),
        ["crossing"] = Fixed("crossing", Crossing),
    };

    internal static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
