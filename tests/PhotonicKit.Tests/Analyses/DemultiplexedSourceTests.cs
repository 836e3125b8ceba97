namespace PhotonicKit.Tests.Analyses;

/// <summary>One source through a time_demux: photon statistics per frame of N pulses (spec §3, §5).</summary>
public class DemultiplexedSourceTests
{
    private static string Demux(double brightness, double[] channelEfficiency, double detectorEfficiency) => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          qd: {component: quantum_dot, settings: {lifetime_ps: 100, beta: {{{F(brightness)}}}, beta_right_fraction: 1, repetition_rate_mhz: 80}}
          demux: {component: time_demux, settings: {channels: 4, efficiency: [{{{string.Join(", ", channelEfficiency.Select(F))}}}]}}
          d0: {component: detector, settings: {efficiency: {{{F(detectorEfficiency)}}}}}
          d1: {component: detector, settings: {efficiency: {{{F(detectorEfficiency)}}}}}
          d2: {component: detector, settings: {efficiency: {{{F(detectorEfficiency)}}}}}
          d3: {component: detector, settings: {efficiency: {{{F(detectorEfficiency)}}}}}
        connections:
          "qd,right": "demux,in"
          "demux,out0": "d0,in"
          "demux,out1": "d1,in"
          "demux,out2": "d2,in"
          "demux,out3": "d3,in"
        ports: {left: "qd,left"}
        analyses:
          - {type: photon_statistics, sources: [qd], detectors: [d0, d1, d2, d3], marginals: true}
        """;

    private static string F(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void FourFoldRateOfADemultiplexedSourceIsFrameRateTimesTheChannelEfficiencies()
    {
        // R_N = (f/N) ∏ η_k, η_k the end-to-end probability of channel k (physics.md; Hummel et al., APL 115, 021102 (2019)).
        double beta = 0.8, detector = 0.9;
        double[] channel = [0.95, 0.9, 0.85, 0.8];
        var r = RunHelper.Result(Demux(beta, channel, detector));
        double product = channel.Aggregate(1.0, (a, eta) => a * beta * eta * detector);
        Assert.Equal(80e6 / 4 * product, (double)r["n_fold_rate_hz"]!["4"]!, 1e-6 * 80e6 / 4 * product);
        // Each detector sees only its own pulse of the frame: P(click on d_k) = β·η_k·η_det.
        for (int k = 0; k < 4; k++)
            Assert.Equal(beta * channel[k] * detector, 1 - (double)r["marginals"]![$"d{k}"]![0]!, 1e-12);
        Assert.Equal(1, (double)r["probability_sum"]!, 1e-12);
        Assert.Equal("qd", (string)r["sources"]![0]!);
    }
}
