using CsCheck;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Tests.Sources;

public class PhotonNumberTests
{
    [Fact]
    public void BrightnessAndG2RoundTripThroughTheNumberDistribution() =>
        Gen.Select(Gen.Double[1e-6, 1], Gen.Double[0, 1]).Sample((px, share) =>
        {
            double g2 = share * 0.5 / px;
            var d = PhotonNumberDistribution.FromBrightnessAndG2(px, g2);
            Assert.True(d.P0 >= 0 && d.P1 >= -1e-15 && d.P2 >= 0);
            Assert.Equal(1.0, d.P0 + d.P1 + d.P2, 1e-14);
            Assert.Equal(px, d.AtLeastOne, 1e-14);
            // g2 = 2p2/μ² recomputed from the probabilities
            double mu = d.P1 + 2 * d.P2;
            Assert.Equal(g2, 2 * d.P2 / (mu * mu), 1e-9 * Math.Max(1, g2));
        }, iter: 2000);

    [Fact]
    public void NumberDistributionMatchesClosedFormAndItsLimits()
    {
        // p2 = (1 − p_x g2 − √(1 − 2 p_x g2))/g2 written out
        double px = 0.6, g2 = 0.1;
        var d = PhotonNumberDistribution.FromBrightnessAndG2(px, g2);
        Assert.Equal((1 - px * g2 - Math.Sqrt(1 - 2 * px * g2)) / g2, d.P2, 1e-15);
        // g2 = 0: a pure single-photon source; p_x g2 = 1/2 with p_x = 1: two photons every pulse
        Assert.Equal(0.0, PhotonNumberDistribution.FromBrightnessAndG2(0.8, 0).P2);
        var allPairs = PhotonNumberDistribution.FromBrightnessAndG2(1, 0.5);
        Assert.Equal(1.0, allPairs.P2, 1e-15);
        Assert.Equal(0.0, allPairs.P1, 1e-15);
    }

    [Fact]
    public void BrightnessTimesG2AboveOneHalfIsRejectedWithTheReason()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PhotonNumberDistribution.FromBrightnessAndG2(0.9, 0.6));
        Assert.Contains("0.5", e.Message);
    }

    [Fact]
    public void LossIsBinomialPerPhotonAndKeepsG2() =>
        Gen.Select(Gen.Double[0.01, 1], Gen.Double[0, 0.5], Gen.Double[0, 1], Gen.Double[0, 1]).Sample((px, g2, a, b) =>
        {
            var d = PhotonNumberDistribution.FromBrightnessAndG2(px, g2);
            var lost = d.AfterLoss(a);
            Assert.Equal(a * d.P1 + 2 * a * (1 - a) * d.P2, lost.P1, 1e-15);
            Assert.Equal(a * a * d.P2, lost.P2, 1e-15);
            Assert.Equal(1.0, lost.P0 + lost.P1 + lost.P2, 1e-14);
            Assert.Equal(a * d.Mean, lost.Mean, 1e-14);
            if (a > 1e-3) Assert.Equal(d.G2, lost.G2, 1e-9);
            // two losses in a row are one loss of the product
            var twice = lost.AfterLoss(b);
            var once = d.AfterLoss(a * b);
            Assert.Equal(once.P1, twice.P1, 1e-14);
            Assert.Equal(once.P2, twice.P2, 1e-14);
            // the loss that reaches a given P(≥1) is found again
            if (lost.AtLeastOne > 0) Assert.Equal(a, d.TransmissionFor(lost.AtLeastOne), 1e-9);
        }, iter: 2000);

    [Fact]
    public void TransmissionCannotRaiseBrightness() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PhotonNumberDistribution.FromBrightnessAndG2(0.5, 0.1).TransmissionFor(0.6));

    [Fact]
    public void HomVisibilityEqualsIndistinguishabilityWithoutMultiphotonsAndFollowsFirstOrder()
    {
        Assert.Equal(0.93, HongOuMandel.Visibility(0.93, 0, 1), 1e-15);
        double m = 0.9, g2 = 1e-3;
        double v = HongOuMandel.Visibility(m, g2, 1.0);
        Assert.Equal(m - (1 + m) * g2, v, 5 * g2 * g2);
        // exact form written out: M_s(1 − g2 μ/2)² − g2
        Assert.Equal(0.9 * Math.Pow(1 - 0.05 * 0.8 / 2, 2) - 0.05, HongOuMandel.Visibility(0.9, 0.05, 0.8), 1e-15);
    }

    [Fact]
    public void IndistinguishabilityFromVisibilityInvertsToFirstOrderAndWarnsAboveOne()
    {
        var ok = HongOuMandel.IndistinguishabilityFromVisibility(0.9 - 1.9 * 0.01, 0.01);
        Assert.Null(ok.Warning);
        Assert.Equal(0.9, ok.Value, 1e-12);
        var bad = HongOuMandel.IndistinguishabilityFromVisibility(0.98, 0.05);
        Assert.True(bad.Value > 1);
        Assert.NotNull(bad.Warning);
        Assert.Contains("> 1", bad.Warning);
    }
}
