using CsCheck;
using PhotonicKit.Circuit.Devices;

namespace PhotonicKit.Tests.Devices;

public class DemultiplexedSourceRateTests
{
    [Fact]
    public void TwentyPhotonSpeedUpOfABitMoreThanTwiceTheEfficiencyIsAboutTenToTheSeven()
    {
        // Tomm et al. 2021: 57 % at the fibre output against earlier sources a bit less than half as efficient.
        // (2.2)^20 = 7.05e6 … (2.3)^20 = 1.72e7: "about 10^7"; exactly twice gives only 2^20 ≈ 1.05e6.
        foreach (double ratio in new[] { 2.2, 2.25, 2.3 })
        {
            double speedUp = DemultiplexedSourceRate.SpeedUp(0.57, 0.57 / ratio, 20);
            Assert.InRange(Math.Log10(speedUp), 6.8, 7.3);
            Assert.Equal(Math.Exp(20 * Math.Log(ratio)), speedUp, speedUp * 1e-12);
        }
        Assert.InRange(DemultiplexedSourceRate.SpeedUp(0.5, 0.25, 20), 1048575.9, 1048576.1);
        // The rates themselves, for 20 identical channels at 76 MHz: the ratio is the speed-up (f/N cancels).
        double fast = DemultiplexedSourceRate.NPhotonRateHz(76, 0.57, 20);
        double slow = DemultiplexedSourceRate.NPhotonRateHz(76, 0.57 / 2.25, 20);
        Assert.Equal(DemultiplexedSourceRate.SpeedUp(0.57, 0.57 / 2.25, 20), fast / slow, 1e-6 * fast / slow);
    }

    [Fact]
    public void SinglePhotonRateOfTommIsTheRepetitionRateTimesTheEfficiency()
    {
        // 57 % of a 76 MHz train: 43.3 MHz, the published 43.5 MHz within its rounding (0.5 %).
        double rate = DemultiplexedSourceRate.NPhotonRateHz(76, 0.57, 1);
        Assert.Equal(76e6 * 0.57, rate, 1e-3);
        Assert.InRange(rate / 43.5e6, 0.99, 1.01);
    }

    [Fact]
    public void RateIsRepetitionRateOverNTimesTheProductOfTheChannelEfficiencies()
    {
        Gen.Select(Gen.Double[1, 1000], Gen.Double[0, 1].Array[1, 30]).Sample((f, etas) =>
        {
            double logProduct = etas.Sum(e => Math.Log(e));
            double expected = f * 1e6 / etas.Length * Math.Exp(logProduct);
            double rate = DemultiplexedSourceRate.NPhotonRateHz(f, etas);
            Assert.True(rate >= 0 && double.IsFinite(rate));
            Assert.Equal(expected, rate, Math.Max(1e-300, expected * 1e-9));
            // A perfect extra channel keeps the product but spreads the pulses over one more channel.
            double withPerfect = DemultiplexedSourceRate.NPhotonRateHz(f, [.. etas, 1.0]);
            Assert.Equal(rate * etas.Length / (etas.Length + 1), withPerfect, Math.Max(1e-300, rate * 1e-12));
        });
    }

    [Fact]
    public void EqualChannelsMatchTheGeneralForm()
    {
        Gen.Select(Gen.Double[0.01, 1], Gen.Int[1, 50]).Sample((eta, n) =>
        {
            double general = DemultiplexedSourceRate.NPhotonRateHz(76, Enumerable.Repeat(eta, n).ToArray());
            Assert.Equal(general, DemultiplexedSourceRate.NPhotonRateHz(76, eta, n), general * 1e-12);
        });
    }

    [Fact]
    public void InvalidArgumentsAreRefusedWithTheirName()
    {
        Assert.Equal("repetitionRateMhz", Assert.Throws<ArgumentOutOfRangeException>(() => DemultiplexedSourceRate.NPhotonRateHz(0, [0.5])).ParamName);
        Assert.Equal("repetitionRateMhz", Assert.Throws<ArgumentOutOfRangeException>(() => DemultiplexedSourceRate.NPhotonRateHz(double.NaN, [0.5])).ParamName);
        Assert.Equal("channelEfficiencies", Assert.Throws<ArgumentOutOfRangeException>(() => DemultiplexedSourceRate.NPhotonRateHz(76, [])).ParamName);
        Assert.Contains("channel 1", Assert.Throws<ArgumentOutOfRangeException>(() => DemultiplexedSourceRate.NPhotonRateHz(76, [0.5, 1.5])).Message, StringComparison.Ordinal);
        Assert.Equal("photonCount", Assert.Throws<ArgumentOutOfRangeException>(() => DemultiplexedSourceRate.NPhotonRateHz(76, 0.5, 0)).ParamName);
        Assert.Equal("baselineEfficiency", Assert.Throws<ArgumentOutOfRangeException>(() => DemultiplexedSourceRate.SpeedUp(0.5, 0, 20)).ParamName);
        Assert.Equal("improvedEfficiency", Assert.Throws<ArgumentOutOfRangeException>(() => DemultiplexedSourceRate.SpeedUp(1.2, 0.5, 20)).ParamName);
    }
}
