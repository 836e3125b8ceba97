using PhotonicKit.Components;
using PhotonicKit.Components.Passive;

namespace PhotonicKit.Tests;

public class WaveguideTests
{
    [Fact]
    public void GroupDelayOfWaveguideIsGroupIndexTimesLengthOverC()
    {
        var wg = new WaveguideModel().Bind(new Dictionary<string, SettingValue> { ["length_um"] = 1000.0 }, new ComponentContext(930));
        double dl = 1e-4;
        var s = wg.Evaluate([930 - dl, 930 + dl]);
        double dphi = (s[1, 1, 0] / s[0, 1, 0]).Phase;
        double w1 = PhysicalConstants.AngularFrequencyRadPerPs(930 - dl), w2 = PhysicalConstants.AngularFrequencyRadPerPs(930 + dl);
        double groupDelayPs = dphi / (w2 - w1);
        Assert.Equal(4.2 * 1000e3 / PhysicalConstants.SpeedOfLightNmPerPs, groupDelayPs, 1e-6);
    }
}
