using System.Globalization;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using PhotonicKit.Circuit.Photons;
using PhotonicKit.Components.Sources;
using PhotonicKit.Tests.Analyses;

namespace PhotonicKit.Tests.Photons;

/// <summary>
/// Spectral wandering (`spectral_diffusion_correlation_ns`, docs/physics.md): an emitter's line centre is an
/// Ornstein–Uhlenbeck process of standard deviation σ and correlation e^(−Δt/τ_w). Two of its photons Δt apart overlap
/// as photons of independent centres whose difference has variance 2σ²(1 − e^(−Δt/τ_w)) (the Voigt overlap); longer
/// cycles are checked against a second quadrature in the original coordinates, and both limits.
/// </summary>
public class SpectralWanderingTests
{
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private const double Gamma = 0.01; // 1/ps: T1 = 100 ps
    private const double SigmaGhz = 0.5;
    private static readonly double Sigma = 2 * Math.PI * SigmaGhz * 1e-3;

    /// <summary>One dot's two pulses through a 2-channel demux, the first delayed to meet the second on a beam splitter.</summary>
    private static string Hom(string dot, string demux = "", double delayPs = 12500) => $$$"""
        photonickit: 1
        wavelength_nm: 930
        instances:
          qd: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 1, beta_right_fraction: 1, repetition_rate_mhz: 80, spectral_diffusion_ghz: {{{F(SigmaGhz)}}}{{{dot}}}}}
          dm: {component: time_demux, settings: {channels: 2{{{demux}}}}}
          wait: {component: delay_line, settings: {delay_ps: {{{F(delayPs)}}}}}
          bs: beam_splitter
          d0: detector
          d1: detector
        connections:
          "qd,right": "dm,in"
          "dm,out0": "wait,o1"
          "wait,o2": "bs,in0"
          "dm,out1": "bs,in1"
          "bs,out0": "d0,in"
          "bs,out1": "d1,in"
        ports: {left: "qd,left"}
        analyses:
          - {type: hom, sources: [qd], detectors: [d0, d1]}
        """;

    private static double Voigt(double relativeVariance) =>
        WavepacketOverlap.BetweenEmitters(Gamma, Gamma, 0, 0, 0, Math.Sqrt(relativeVariance / 2), Math.Sqrt(relativeVariance / 2));

    [Theory]
    [InlineData(5.0)]
    [InlineData(12.5)]
    [InlineData(200.0)]
    public void TwoPulsesOverlapAsTheirCentresDifferenceSays(double tauNs)
    {
        var hom = RunHelper.Run(Hom($", spectral_diffusion_correlation_ns: {F(tauNs)}")).Document["results"]![0]!;
        double expected = Voigt(2 * Sigma * Sigma * (1 - Math.Exp(-12.5 / tauNs)));
        Assert.Equal(expected, (double)hom["indistinguishability"]!, 10);
        // Ideal single photons on a balanced splitter: V equals their overlap.
        Assert.Equal(expected, (double)hom["visibility"]!, 9);
    }

    [Fact]
    public void WithoutACorrelationTimeTheSourcesPhotonsShareTheirCentre()
    {
        var shared = RunHelper.Run(Hom("")).Document["results"]![0]!;
        Assert.Equal(1, (double)shared["indistinguishability"]!, 12);
        var slow = RunHelper.Run(Hom(", spectral_diffusion_correlation_ns: 1e12")).Document["results"]![0]!;
        Assert.Equal(1, (double)slow["indistinguishability"]!, 8);
    }

    /// <summary>
    /// A microsecond of delay line is a pure delay, flat over the line: its photons are compared with the wandering between
    /// them (the far points of the line's grid once turned the group delay's rounding, ~10⁻⁵ ps, into a phase that counted as
    /// filtering and refused the run).
    /// </summary>
    [Theory]
    [InlineData(930)]
    [InlineData(910)]
    public void PhotonsAMicrosecondApartThroughADelayLineOverlapByTheirSeparation(double wavelengthNm)
    {
        // 80 MHz, 2 channels gated at 0.5 MHz: windows of 80 pulses, photons 1 µs apart.
        string netlist = Hom(", spectral_diffusion_correlation_ns: 2100", ", gate_rate_mhz: 0.5", delayPs: 1e6)
            .Replace("wavelength_nm: 930", "wavelength_nm: " + F(wavelengthNm), StringComparison.Ordinal);
        var hom = RunHelper.Run(netlist).Document["results"]![0]!;
        Assert.Equal(Voigt(2 * Sigma * Sigma * (1 - Math.Exp(-1000 / 2100.0))), (double)hom["indistinguishability"]!, 9);
    }

    /// <summary>A gated demux puts the frame's photons a window (M pulses) apart: the wandering acts over M/f_rep.</summary>
    [Fact]
    public void AGatedDemuxComparesPhotonsAWindowApart()
    {
        // 80 MHz, 2 channels gated at 4 MHz: windows of 10 pulses, photons 125 ns apart.
        var hom = RunHelper.Run(Hom(", spectral_diffusion_correlation_ns: 300", ", gate_rate_mhz: 4", delayPs: 125000)).Document["results"]![0]!;
        Assert.Equal(Voigt(2 * Sigma * Sigma * (1 - Math.Exp(-125 / 300.0))), (double)hom["indistinguishability"]!, 10);
    }

    /// <summary>
    /// A three-photon cycle of one wandering emitter (photons at 0, 20 and 70 ns, τ_w = 50 ns) against an independent
    /// quadrature: a 3-D Gauss–Legendre rule with 48 nodes per axis on [−7, 7] standard deviations, weighted by the normal
    /// density, over the Cholesky factor of the full covariance (no projection). Also the limits: τ_w → ∞ is the shared
    /// centre, τ_w → 0 independent centres.
    /// </summary>
    [Fact]
    public void LongerCyclesAgreeWithASecondQuadratureAndBothLimits()
    {
        double[] times = [0, 20000, 70000];
        var photons = times.Select(t => new ExponentialWavepacket(Gamma, 0.002, 0, 0)).ToArray();
        double tau = 50000;
        var states = new WavepacketStates(photons, [1, 1, 1], [Sigma, Sigma, Sigma], [0, 0, 0], times, [tau, tau, tau]);
        Complex computed = states.CycleTrace([0, 1, 2]);

        var c = Matrix<double>.Build.Dense(3, 3, (i, j) => Sigma * Sigma * Math.Exp(-Math.Abs(times[i] - times[j]) / tau));
        var l = c.Cholesky().Factor;
        var rule = new MathNet.Numerics.Integration.GaussLegendreRule(-7, 7, 48);
        var x = rule.Abscissas;
        var w = rule.Weights.Select((wi, i) => wi * Math.Exp(-x[i] * x[i] / 2) / Math.Sqrt(2 * Math.PI)).ToArray();
        Complex reference = 0;
        var shifted = new ExponentialWavepacket[3];
        for (int a = 0; a < 48; a++)
            for (int b = 0; b < 48; b++)
                for (int d = 0; d < 48; d++)
                {
                    double[] z = [x[a], x[b], x[d]];
                    for (int i = 0; i < 3; i++) shifted[i] = photons[i].Shifted(l[i, 0] * z[0] + l[i, 1] * z[1] + l[i, 2] * z[2]);
                    reference += w[a] * w[b] * w[d] * WavepacketTraces.CycleTrace(shifted);
                }
        Assert.Equal(reference.Real, computed.Real, 9);
        Assert.Equal(reference.Imaginary, computed.Imaginary, 9);
        Assert.True(computed.Real < 0.999 * WavepacketTraces.CycleTrace(photons).Real, "the wandering must matter in this case");

        var shared = new WavepacketStates(photons, [1, 1, 1], [Sigma, Sigma, Sigma], [0, 0, 0], times, [1e15, 1e15, 1e15]);
        Assert.Equal(WavepacketTraces.CycleTrace(photons).Real, shared.CycleTrace([0, 1, 2]).Real, 9);
        var fast = new WavepacketStates(photons, [1, 1, 1], [Sigma, Sigma, Sigma], [0, 0, 0], times, [1e-6, 1e-6, 1e-6]);
        var independent = new WavepacketStates(photons, [1, 1, 1], [Sigma, Sigma, Sigma], [0, 1, 2]);
        Assert.Equal(independent.CycleTrace([0, 1, 2]).Real, fast.CycleTrace([0, 1, 2]).Real, 9);
        // Photons of one wandering emitter at different times are not in one state (the identical-photon fast paths do not
        // apply); without wandering they are.
        Assert.False(fast.SameState(0, 1));
        Assert.False(shared.SameState(0, 1));
        var still = new WavepacketStates(photons, [1, 1, 1], [Sigma, Sigma, Sigma], [0, 0, 0], times, [double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity]);
        Assert.True(still.SameState(0, 1));
    }

    [Fact]
    public void WanderingIsRefusedWhereThePhotonsAreComparedOnOneCentreAndIgnoredWithoutDiffusion()
    {
        // A resonant pulse's own photon (sampled on the grid) cannot wander between the pulses of a frame.
        var bag = new PhotonicKit.Circuit.Diagnostics.DiagnosticBag("test.yaml");
        var prepared = PhotonicKit.Circuit.Running.NetlistRunner.Prepare(Hom(", spectral_diffusion_correlation_ns: 100, excitation: resonant, pulse_fwhm_ps: 5"), "test.yaml", [], false, bag);
        Assert.NotNull(prepared);
        var e = Assert.Throws<PhotonicKit.Circuit.Analyses.AnalysisException>(() => prepared!.Execute());
        Assert.Contains("'qd' wanders (spectral_diffusion_correlation_ns)", e.Message);

        // Pulses that never meet (each channel on its own detector) are not compared, so nothing is refused.
        string apart = $$$"""
            photonickit: 1
            wavelength_nm: 930
            instances:
              qd: {component: quantum_dot, settings: {lifetime_ps: 100, beta: 1, beta_right_fraction: 1, repetition_rate_mhz: 80, spectral_diffusion_ghz: {{{F(SigmaGhz)}}}, spectral_diffusion_correlation_ns: 100, excitation: resonant, pulse_fwhm_ps: 5}}
              dm: {component: time_demux, settings: {channels: 2}}
              d0: detector
              d1: detector
            connections:
              "qd,right": "dm,in"
              "dm,out0": "d0,in"
              "dm,out1": "d1,in"
            ports: {left: "qd,left"}
            analyses:
              - {type: figures, source: qd, detectors: [d0, d1]}
              - {type: g2, source: qd, detectors: [d0, d1]}
            """;
        Assert.Equal(2, RunHelper.Run(apart).Document["results"]!.AsArray().Count);

        var run = RunHelper.Run(Hom(", spectral_diffusion_correlation_ns: 100").Replace($"spectral_diffusion_ghz: {F(SigmaGhz)}", "spectral_diffusion_ghz: 0"));
        Assert.Contains(run.Warnings, w => w.Key.EndsWith("spectral_diffusion_correlation_ns", StringComparison.Ordinal) && w.Message.Contains("without spectral diffusion"));
    }
}
