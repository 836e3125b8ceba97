using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Circuit.Running;

namespace PhotonicKit.Tests.Examples;

/// <summary>
/// A template for pinning your own device: copy this file, put in your dot's parameters and your expected
/// figures, and the test fails, with a table of every difference, when a change to the model or to the netlist
/// moves a figure beyond its tolerance.
///
/// The expected values are NOT taken from PhotonicKit's output: they come from closed forms valid for the
/// device below (ideal π-pulse excitation, no multi-photon emission), written out here:
///   brightness       = η_QE · β                             (every pulse prepares the dot; η_f = 1)
///   brightness_port  = η_QE · β · f  (right), · (1 − f) (left), f = beta_right_fraction
///   g2               = 0                                    (one photon per pulse)
///   M_ZPL            = Γ/(Γ + 2γ*)                          (Bylander et al., EPJ D 22, 295 (2003))
///   indistinguishability = M_ZPL · B⁴                       (the sideband is distinguishable, Iles-Smith et al.,
///                                                           Nat. Photon. 11, 521 (2017))
///   hom_visibility   = M                                    (g2 = 0)
/// Replace them with your measured values (and their uncertainties as tolerances) to check the model against
/// your device instead.
/// </summary>
public sealed class PinYourDeviceTemplate
{
    // The device: an InGaAs dot in a photonic-crystal waveguide, 930 nm, T1 = 250 ps, β = 0.9, 95 % quantum
    // efficiency, pure dephasing 0.2 ns⁻¹, 92 % of the emission in the zero-phonon line, emitting both ways.
    private const double LifetimePs = 250, Beta = 0.9, QuantumEfficiency = 0.95, PureDephasingPerNs = 0.2;
    private const double ZplFraction = 0.92, BetaRightFraction = 0.5;

    private static readonly string Device = $$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          qd:
            component: quantum_dot
            settings:
              lifetime_ps: {{LifetimePs}}
              beta: {{Beta}}
              quantum_efficiency: {{QuantumEfficiency}}
              pure_dephasing_per_ns: {{PureDephasingPerNs}}
              zpl_fraction: {{ZplFraction}}
              beta_right_fraction: {{BetaRightFraction}}
        ports: {left: "qd,left", right: "qd,right"}
        analyses:
          - {type: source, source: qd}
        """;

    [Fact]
    public void DeviceFiguresMatchTheIdealExcitationClosedForms()
    {
        var figures = RunSource(Device);

        // The independent calculation. Rates in ns⁻¹: Γ = 1/T1.
        double decayRatePerNs = 1000 / LifetimePs;
        double brightness = QuantumEfficiency * Beta;
        double zplIndistinguishability = decayRatePerNs / (decayRatePerNs + 2 * PureDephasingPerNs);
        double indistinguishability = zplIndistinguishability * ZplFraction * ZplFraction;

        new FigureAssert()
            .Near("lifetime_ps", Value(figures, "lifetime_ps"), LifetimePs, 1e-9)
            .Near("beta", Value(figures, "beta"), Beta, 1e-12)
            .Near("brightness", Value(figures, "brightness"), brightness, 1e-9)
            .Near("brightness_port.right", Value(figures["brightness_port"]!, "right"), brightness * BetaRightFraction, 1e-9)
            .Near("brightness_port.left", Value(figures["brightness_port"]!, "left"), brightness * (1 - BetaRightFraction), 1e-9)
            .Near("g2", Value(figures, "g2"), 0, 1e-12)
            .Near("indistinguishability", Value(figures, "indistinguishability"), indistinguishability, 1e-9)
            .Near("hom_visibility", Value(figures, "hom_visibility"), indistinguishability, 1e-9)
            .Verify();
    }

    [Fact]
    public void FigureAssertReportsEveryFigureInATableWhenOneIsOff()
    {
        var check = new FigureAssert()
            .Near("brightness", 0.80, 0.855, 0.01)
            .Near("g2", 0.0, 0.0, 1e-12)
            .Near("indistinguishability", double.NaN, 0.77, 0.01);
        var error = Assert.ThrowsAny<Exception>(check.Verify);
        Assert.Equal(["brightness", "indistinguishability"], check.Failures);
        Assert.Contains("2 of 3 figures out of tolerance", error.Message);
        Assert.Contains("FAIL", error.Message);
        Assert.Contains("g2", error.Message);
    }

    private static JsonObject RunSource(string netlist)
    {
        var bag = new DiagnosticBag("device.yaml");
        var run = NetlistRunner.Prepare(netlist, "device.yaml", [], strict: false, bag);
        Assert.True(run is not null, string.Join("\n", bag.All));
        return run!.Execute().Document["results"]![0]!.AsObject();
    }

    private static double Value(JsonNode node, string key) =>
        node[key] is JsonNode value ? (double)value : double.NaN;
}
