namespace PhotonicKit.Tests.Analyses;

/// <summary><c>n_patterns_total</c> counts the whole outcome space the sources can produce, zeros included.</summary>
public class PhotonStatisticsOutcomeSpaceTests
{
    private static string Tritter(string detectorSettings, int sources = 3) => """
        photonickit: 1
        wavelength_nm: 930
        instances:
          a: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 1, beta_right_fraction: 1}}
          b: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 1, beta_right_fraction: 1}}
          c: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 1, beta_right_fraction: 1}}
          u:
            component: unitary
            settings:
              matrix_re: [[0.5773502691896258, 0.5773502691896258, 0.5773502691896258], [0.5773502691896258, -0.2886751345948129, -0.2886751345948129], [0.5773502691896258, -0.2886751345948129, -0.2886751345948129]]
              matrix_im: [[0, 0, 0], [0, 0.5, -0.5], [0, -0.5, 0.5]]
          d0: {component: detector, settings: {DETECTOR}}
          d1: {component: detector, settings: {DETECTOR}}
          d2: {component: detector, settings: {DETECTOR}}
        connections:
          "a,right": "u,in0"
          "b,right": "u,in1"
          "c,right": "u,in2"
          "u,out0": "d0,in"
          "u,out1": "d1,in"
          "u,out2": "d2,in"
        ports: {al: "a,left", bl: "b,left", cl: "c,left"}
        analyses:
          - {type: photon_statistics, sources: [SOURCES], detectors: [d0, d1, d2]}
        """.Replace("DETECTOR", detectorSettings).Replace("SOURCES", string.Join(", ", new[] { "a", "b", "c" }.Take(sources)));

    private static long Total(string yaml) => (long)RunHelper.Result(yaml)["n_patterns_total"]!;

    [Fact]
    public void LosslessPhotonsOnResolvingDetectorsSpanTheMultisetCount()
    {
        // C(n + m − 1, n): 3 photons on 3 detectors → 10; 2 photons → 6.
        Assert.Equal(10, Total(Tritter("resolution: pnr")));
        Assert.Equal(6, Total(Tritter("resolution: pnr", sources: 2)));
    }

    [Fact]
    public void LossAddsEveryPatternWithFewerPhotons()
    {
        // Σ_{t ≤ 3} C(t + 2, t) = 1 + 3 + 6 + 10 = 20.
        Assert.Equal(20, Total(Tritter("resolution: pnr, efficiency: 0.9")));
    }

    [Fact]
    public void ThresholdDetectorsCountClickPatterns()
    {
        // Two lossless photons on three threshold detectors: one or two clicks → 3 + 3 = 6; with loss the empty pattern too.
        Assert.Equal(6, Total(Tritter("resolution: threshold", sources: 2)));
        Assert.Equal(7, Total(Tritter("resolution: threshold, efficiency: 0.5", sources: 2)));
    }

    [Fact]
    public void DarkCountsAddClicksButNeverRemoveThem()
    {
        // Two lossless photons always click somewhere: dark counts add the three-click pattern, not the empty one.
        Assert.Equal(7, Total(Tritter("resolution: threshold, dark_count_rate_hz: 100", sources: 2)));
        Assert.Equal(8, Total(Tritter("resolution: threshold, dark_count_rate_hz: 100, efficiency: 0.5", sources: 2)));
    }
}
