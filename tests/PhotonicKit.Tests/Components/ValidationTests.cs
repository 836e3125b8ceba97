using PhotonicKit.Components;
using PhotonicKit.Components.Passive;
using static PhotonicKit.Tests.Components.ComponentTestKit;

namespace PhotonicKit.Tests.Components;

/// <summary>Invalid settings give errors naming the key, the value and the allowed range.</summary>
public class ValidationTests
{
    private static ComponentSettingsException Fails(string component, params (string Key, SettingValue Value)[] settings) =>
        Assert.Throws<ComponentSettingsException>(() => Bind(component, settings));

    private static SettingError Single(ComponentSettingsException e) => Assert.Single(e.Errors);

    [Theory]
    [InlineData("beam_splitter", "coupling", 1.5, "[0, 1]")]
    [InlineData("directional_coupler", "coupling", -0.1, "[0, 1]")]
    [InlineData("mirror", "reflectivity", 2.0, "[0, 1]")]
    [InlineData("delay_line", "delay_ps", -3.0, "≥ 0")]
    [InlineData("attenuator", "loss_db", -1.0, "≥ 0")]
    [InlineData("grating_coupler", "bandwidth_3db_nm", 0.0, "> 0")]
    [InlineData("grating_coupler", "back_reflection_db", 3.0, "≤ 0")]
    [InlineData("detector", "efficiency", 1.2, "[0, 1]")]
    [InlineData("detector", "gate_ns", 0.0, "> 0")]
    [InlineData("ring_all_pass", "length_um", 0.0, "> 0")]
    public void OutOfRangeNamesKeyValueAndRange(string component, string key, double value, string range)
    {
        (string, SettingValue)[] required = component == "ring_all_pass" ? [("coupling", 0.1)] : [];
        var settings = required.Append((key, (SettingValue)value)).ToArray();
        var e = Fails(component, settings);
        var error = Assert.Single(e.Errors);
        Assert.Equal(key, error.Key);
        Assert.Contains(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.Contains(range, error.Message);
        Assert.Contains(key, e.Message);
    }

    [Fact]
    public void MissingRequiredSettingIsNamed()
    {
        var e = Fails("ring_add_drop", ("coupling", 0.1));
        Assert.Equal("length_um", Single(e).Key);
        Assert.Contains("required", Single(e).Message);
    }

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        var e = Fails("ring_add_drop", ("coupling", 3.0), ("coupling_drop", -1.0), ("loss_db_per_cm", -2.0), ("lenght_um", 10.0));
        Assert.Equal(
            new[] { "coupling", "coupling_drop", "length_um", "lenght_um", "loss_db_per_cm" }.Order(StringComparer.Ordinal),
            e.Errors.Select(x => x.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CrosstalkThatWouldMakeTheCrossingActiveIsRejected()
    {
        var e = Fails("crossing", ("crosstalk_db", -3.0));
        var error = Single(e);
        Assert.Equal("crosstalk_db", error.Key);
        Assert.Contains("-3", error.Message);
        Assert.Contains("≤ -6.02", error.Message);
        // The limit itself (x = 1/4, through amplitude 0) is allowed.
        var limit = At(Bind("crossing", ("crosstalk_db", CrossingModel.MaxCrosstalkDb)), 930);
        Assert.True(limit[2, 0].Magnitude < 1e-7);
    }

    [Fact]
    public void GratingPassivityRequirementNamesBothKeys()
    {
        var e = Fails("grating_coupler", ("peak_efficiency", 0.95), ("back_reflection_db", -10.0));
        var error = Single(e);
        Assert.Equal("peak_efficiency and back_reflection_db", error.Key);
        Assert.Contains("0.95", error.Message);
        Assert.Contains("-10", error.Message);
        Assert.Contains("≤ 1", error.Message);
        // On the boundary: 0.9 + 0.1 = 1 is allowed.
        Bind("grating_coupler", ("peak_efficiency", 0.9), ("back_reflection_db", -10.0));
    }

    [Fact]
    public void UnitaryWithGainReportsItsLargestSingularValue()
    {
        var e = Fails("unitary",
            ("matrix_re", FormulaTests.Matrix([[0.9, 0.9], [0, 0]])),
            ("matrix_im", FormulaTests.Matrix([[0, 0], [0, 0]])));
        var error = Single(e);
        Assert.Equal("matrix_re and matrix_im", error.Key);
        // Every entry is in the unit disc; the row (0.9, 0.9) has norm 0.9·√2.
        Assert.Contains("largest singular value 1.27279220613578", error.Message);
        Assert.Contains("≤ 1", error.Message);
        // An entry outside the unit disc is gain on its own (|M_ij| ≤ σ_max), reported before the SVD.
        var entry = Single(Fails("unitary", ("matrix_re", FormulaTests.Matrix([[1.5, 0], [0, 0.3]])), ("matrix_im", FormulaTests.Matrix([[0, 0], [0, 0]]))));
        Assert.Contains("entry [0][0] = 1.5 + 0i has magnitude 1.5", entry.Message);
        // Within the 1e−9 tolerance a unitary is accepted.
        Bind("unitary", ("matrix_re", FormulaTests.Matrix([[0, 1 + 5e-10], [1, 0]])), ("matrix_im", FormulaTests.Matrix([[0, 0], [0, 0]])));
    }

    [Fact]
    public void UnitaryShapesAreChecked()
    {
        var notSquare = Fails("unitary", ("matrix_re", FormulaTests.Matrix([[1, 0]])), ("matrix_im", FormulaTests.Matrix([[0, 0]])));
        Assert.Contains(notSquare.Errors, x => x.Key == "matrix_re" && x.Message.Contains("square"));
        var mismatch = Fails("unitary", ("matrix_re", FormulaTests.Matrix([[1]])), ("matrix_im", FormulaTests.Matrix([[0, 0], [0, 0]])));
        Assert.Equal("matrix_re and matrix_im", Single(mismatch).Key);
        Assert.Contains("1×1", Single(mismatch).Message);
        Assert.Contains("2×2", Single(mismatch).Message);
        var missing = Fails("unitary", ("matrix_re", FormulaTests.Matrix([[1]])));
        Assert.Equal("matrix_im", Single(missing).Key);
    }

    [Fact]
    public void DirectionalCouplerOutOfRangeAtAWavelengthNamesTheWavelength()
    {
        // coupling(λ) = 0.5 + 0.05·(λ − 930) leaves [0, 1] above 940 nm.
        var dc = Assert.IsType<BoundDirectionalCoupler>(Bind("directional_coupler", ("coupling", 0.5), ("coupling_slope_per_nm", 0.05)));
        Assert.Equal((920.0, 940.0), dc.ValidWavelengthRangeNm);
        dc.Evaluate([920, 930, 940]);
        var e = Assert.Throws<CouplingOutOfRangeException>(() => dc.Evaluate([930, 942]));
        Assert.Equal(942, e.WavelengthNm);
        Assert.Equal(1.1, e.Coupling, 1e-12);
        Assert.Contains("942 nm", e.Message);
        Assert.Contains("coupling_slope_per_nm", e.Message);
        Assert.Contains("[0, 1]", e.Message);
        var named = e.WithInstance("dc1");
        Assert.StartsWith("dc1: ", named.Message);
        Assert.Equal("dc1", named.InstanceName);
        Assert.Equal(942, named.WavelengthNm);
    }

    [Fact]
    public void TimeDemuxEfficiencyListMustHaveOneEntryPerChannel()
    {
        var e = Fails("time_demux", ("channels", 3.0), ("efficiency", new SettingValue.NumberList([1, 1])));
        Assert.Equal("efficiency", Single(e).Key);
        Assert.Contains("list of 3", Single(e).Message);
        var badEntry = Fails("time_demux", ("channels", 2.0), ("efficiency", new SettingValue.NumberList([0.5, 1.5])));
        Assert.Contains("entry 1 = 1.5", Single(badEntry).Message);
        var huge = Fails("time_demux", ("channels", 1e12));
        Assert.Equal("channels", Single(huge).Key);
        Assert.Contains("1000000000000 channels", Single(huge).Message);
        Assert.Contains("at most", Single(huge).Message);
        var notInteger = Fails("time_demux", ("channels", 2.5));
        Assert.Equal("channels", Single(notInteger).Key);
        Assert.Contains("integer", Single(notInteger).Message);
    }

    [Fact]
    public void DetectorChoiceAndIntegerSettingsAreChecked()
    {
        var e = Fails("detector", ("resolution", "counting"), ("max_photons", 0.0));
        Assert.Contains(e.Errors, x => x.Key == "resolution" && x.Message.Contains("threshold | pnr") && x.Message.Contains("counting"));
        Assert.Contains(e.Errors, x => x.Key == "max_photons" && x.Message.Contains("expected [1, 2147483590]"));
    }

    [Fact]
    public void UnknownSettingIsNamedWithTheKnownOnes()
    {
        var e = Fails("mirror", ("reflectivity", 0.5), ("reflectance", 0.5));
        Assert.Equal("reflectance", Single(e).Key);
        Assert.Contains("reflectivity", Single(e).Message);
    }
}
