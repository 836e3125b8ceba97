using PhotonicKit.Components;
using static PhotonicKit.Tests.Components.ComponentTestKit;

namespace PhotonicKit.Tests.Components;

/// <summary>Names, ports and setting keys as netlist-v1 §3 writes them (port names are part of the format).</summary>
public class CatalogueTests
{
    [Theory]
    [InlineData("waveguide", "o1, o2", "length_um n_eff n_g wavelength0_nm loss_db_per_cm")]
    [InlineData("delay_line", "o1, o2", "delay_ps loss_db")]
    [InlineData("phase_shifter", "o1, o2", "phase_rad loss_db")]
    [InlineData("attenuator", "o1, o2", "loss_db")]
    [InlineData("beam_splitter", "in0, in1, out0, out1", "coupling loss_db")]
    [InlineData("directional_coupler", "in0, in1, out0, out1", "coupling coupling_slope_per_nm wavelength0_nm loss_db")]
    [InlineData("dispersive_coupler", "in0, in1, out0, out1", "length_um wavelength0_nm phase0_rad phase_slope_per_um phase_curvature_per_um2 delta_n delta_n_slope_per_um delta_n_curvature_per_um2 loss_db")] // an extension (docs/netlist.md)
    [InlineData("mmi1x2", "in0, out0, out1", "loss_db")]
    [InlineData("mmi2x2", "in0, in1, out0, out1", "loss_db")]
    [InlineData("mmi1x2_gaussian", "in0, out0, out1", "center_nm fwhm_nm reference_nm loss_db")] // an extension (docs/netlist.md)
    [InlineData("mmi2x2_gaussian", "in0, in1, out0, out1", "center_nm fwhm_nm reference_nm loss_db through_fraction cross_center_nm cross_reference_nm cross_loss_db cross_fraction")] // an extension
    [InlineData("crossing", "o1, o2, o3, o4", "loss_db crosstalk_db")]
    [InlineData("mirror", "o1, o2", "reflectivity loss_db")]
    [InlineData("grating_coupler", "wg, fiber", "peak_efficiency center_nm bandwidth_3db_nm back_reflection_db")]
    [InlineData("terminator", "o1", "reflectivity")] // an extension (docs/netlist.md)
    [InlineData("isolator", "o1, o2", "insertion_loss_db isolation_db")] // an extension (docs/netlist.md)
    [InlineData("ring_all_pass", "in0, out0", "length_um coupling n_eff n_g wavelength0_nm loss_db_per_cm")]
    [InlineData("ring_add_drop", "in0, out0, add, drop", "length_um coupling coupling_drop n_eff n_g wavelength0_nm loss_db_per_cm")]
    [InlineData("unitary", "in0 … in{m−1}, out0 … out{m−1}", "matrix_re matrix_im")]
    [InlineData("time_demux", "in, out0 … out{N−1}", "channels efficiency gate_rate_mhz rise_time_ns")] // the last two: an extension (docs/netlist.md)
    [InlineData("detector", "in", "efficiency dark_count_rate_hz gate_ns dead_time_ns jitter_ps resolution max_photons dead_time_model afterpulse_probability afterpulse_time_ns")] // the last three: extensions (docs/netlist.md)
    public void ComponentHasTheSpecifiedPortsAndSettings(string name, string ports, string settingKeys)
    {
        Assert.True(ComponentRegistry.BuiltIn.TryGet(name, out var model), $"'{name}' is not registered");
        Assert.Equal(ports, model.PortsDescription);
        Assert.Equal(settingKeys.Split(' '), model.Settings.Select(s => s.Name));
    }

    [Fact]
    public void SettingDependentPortsFollowTheSize()
    {
        Assert.Equal(["in", "out0", "out1"], Bind("time_demux", ("channels", 2.0)).Ports);
        Assert.Equal(["in0", "in1", "out0", "out1"],
            Bind("unitary", ("matrix_re", FormulaTests.Matrix([[0, 1], [1, 0]])), ("matrix_im", FormulaTests.Matrix([[0, 0], [0, 0]]))).Ports);
    }

    [Fact]
    public void SpecifiedDefaultsAndRequiredSettings()
    {
        double? Default(string component, string key)
        {
            Assert.True(ComponentRegistry.BuiltIn.TryGet(component, out var m));
            return m.Settings.Single(s => s.Name == key).Default;
        }
        bool Required(string component, string key)
        {
            Assert.True(ComponentRegistry.BuiltIn.TryGet(component, out var m));
            return m.Settings.Single(s => s.Name == key).Required;
        }
        Assert.Equal(0.5, Default("beam_splitter", "coupling"));
        Assert.Equal(-40, Default("crossing", "crosstalk_db"));
        Assert.Equal(0.6, Default("grating_coupler", "peak_efficiency"));
        Assert.Equal(40, Default("grating_coupler", "bandwidth_3db_nm"));
        Assert.Equal(-30, Default("grating_coupler", "back_reflection_db"));
        Assert.Equal(2.4, Default("ring_all_pass", "n_eff"));
        Assert.Equal(4.2, Default("ring_add_drop", "n_g"));
        Assert.Equal(1, Default("time_demux", "efficiency"));
        Assert.Equal(1, Default("detector", "gate_ns"));
        Assert.Equal(8, Default("detector", "max_photons"));
        foreach (var (component, key) in new[] {
            ("delay_line", "delay_ps"), ("phase_shifter", "phase_rad"), ("attenuator", "loss_db"), ("directional_coupler", "coupling"),
            ("mirror", "reflectivity"), ("ring_all_pass", "length_um"), ("ring_all_pass", "coupling"), ("ring_add_drop", "length_um"),
            ("ring_add_drop", "coupling"), ("unitary", "matrix_re"), ("unitary", "matrix_im"), ("time_demux", "channels") })
            Assert.True(Required(component, key), $"{component}.{key} should be required");
    }
}
