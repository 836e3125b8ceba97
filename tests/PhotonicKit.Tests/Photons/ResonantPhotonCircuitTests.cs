using System.Globalization;
using System.Numerics;
using PhotonicKit.Tests.Analyses;
using Xunit;

namespace PhotonicKit.Tests.Photons;

/// <summary>
/// Photons of resonant π pulses go through circuits as the master equation's one-photon sector gives them: a filter
/// raises their indistinguishability as it does for the dephased exponential they become for short pulses, three of them
/// on a tritter interfere with their third cycle trace, and a flat circuit keeps the source's own figures.
/// </summary>
public class ResonantPhotonCircuitTests
{
    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static (double Efficiency, double M) ThroughARing(string excitation) => PhotonModelTests.ThroughARingFilter(", " + excitation);

    [Fact]
    public void AFilterRaisesTheIndistinguishabilityOfResonantlyExcitedPhotonsAsOfTheirExponentialLimit()
    {
        // T1 = 100 ps, γ* = Γ (M = 1/3) through a ring about Γ wide. A 0.1 ps π pulse is nearly instantaneous: its photon is
        // the dephased exponential of excitation: ideal (whose filtered figures are checked against an independent double
        // integral in PhotonModelTests), up to the pulse's O(FWHM/T1).
        var ideal = ThroughARing("excitation: ideal");
        var resonant = ThroughARing("excitation: resonant, pulse_fwhm_ps: 0.1");
        Assert.InRange(ideal.M, 0.68, 0.76);
        Assert.Equal(ideal.M, resonant.M, 3e-3);
        Assert.Equal(ideal.Efficiency, resonant.Efficiency, 3e-3);
        // A longer pulse (re-excitation, emission during the pulse) changes it, within bounds.
        var longer = ThroughARing("excitation: resonant, pulse_fwhm_ps: 20");
        Assert.InRange(longer.M, 0.6, 0.8);
        Assert.NotEqual(resonant.M, longer.M, 3);
    }

    [Fact]
    public void ThreeResonantDephasedPhotonsOnATritterUseTheirThirdCycleTrace()
    {
        // γ* = Γ/2 and 0.05 ps pulses: nearly instantaneous, so the class weights are M = 1/2 and Tr ρ³ = 2M²/(1 + M) = 1/3 of
        // the dephased exponential, not the pure-surrogate (binary) M^{3/2}.
        double m = 0.5, t3 = 2 * m * m / (1 + m);
        var u = PhotonModelTests.Dft3();
        double Weight(int[] sigma, int[] tau, double third)
        {
            var inverse = new int[3];
            for (int i = 0; i < 3; i++) inverse[sigma[i]] = i;
            int fixedPoints = Enumerable.Range(0, 3).Count(i => inverse[tau[i]] == i);
            return fixedPoints == 3 ? 1 : fixedPoints == 1 ? m : third;
        }
        double exact = PhotonModelTests.Tichy(u, [1, 1, 1], (s, t) => Weight(s, t, t3));
        double gram = PhotonModelTests.Tichy(u, [1, 1, 1], (s, t) => Weight(s, t, Math.Pow(m, 1.5)));
        var settings = Enumerable.Repeat("lifetime_ps: 100, beta: 1, pure_dephasing_per_ns: 5, excitation: resonant, pulse_fwhm_ps: 0.05", 3).ToArray();
        double computed = (double)RunHelper.Result(PhotonModelTests.ThreeSourceNetlist(u, settings,
            "{type: photon_statistics, sources: [q0, q1, q2], detectors: [d0, d1, d2], max_photons: 1, pattern: [1, 1, 1]}"))["probability"]!;
        Assert.Equal(exact, computed, 2e-3 * exact);
        Assert.True(Math.Abs(computed - gram) > 10 * Math.Abs(computed - exact), $"{computed} should be near {exact}, not the binary {gram}");
    }

    [Theory]
    [InlineData(5.0, 0.0)]
    [InlineData(20.0, 2.0)]
    [InlineData(50.0, 0.0)]
    public void AFlatCircuitKeepsTheSourcesHomVisibility(double fwhmPs, double dephasingPerNs)
    {
        // Two identical sources on a beam splitter: the hom analysis through the engine gives the source's V = M − g2 of the
        // master equation (the main photons' overlap M_main with the extra photon's share w reproduce it). Without dephasing
        // the photons are pure and this is exact; with it, the pulses with two photons interfere through Tr ρ³ and Tr ρ⁴ of
        // mixed photons, which the product model of main and extra photon gets only approximately (g2·(1 − M) at most).
        string yaml = $$$"""
            photonickit: 1
            wavelength_nm: 930
            instances:
              a: {component: cavity_source, settings: {lifetime_ps: 100, beta: 1, pure_dephasing_per_ns: {{{F(dephasingPerNs)}}}, excitation: resonant, pulse_fwhm_ps: {{{F(fwhmPs)}}}}}
              b: {component: cavity_source, settings: {lifetime_ps: 100, beta: 1, pure_dephasing_per_ns: {{{F(dephasingPerNs)}}}, excitation: resonant, pulse_fwhm_ps: {{{F(fwhmPs)}}}}}
              bs: beam_splitter
              d0: detector
              d1: detector
            connections:
              "a,out": "bs,in0"
              "b,out": "bs,in1"
              "bs,out0": "d0,in"
              "bs,out1": "d1,in"
            analyses:
              - {type: source, source: a}
              - {type: hom, sources: [a, b], detectors: [d0, d1]}
            """;
        var run = RunHelper.Run(yaml);
        double sourceV = (double)run.Document["results"]![0]!["hom_visibility"]!;
        double homV = (double)run.Document["results"]![1]!["visibility"]!;
        Assert.Equal(sourceV, homV, dephasingPerNs == 0 ? 2e-5 : 2e-3);
    }
}
