using PhotonicKit.Components;
using System.Globalization;

namespace PhotonicKit.Circuit.Quantum;

/// <summary>How a detector reports photons.</summary>
public enum DetectorResolution
{
    /// <summary>Click (1) or no click (0).</summary>
    Threshold,

    /// <summary>Photon-number resolving, counts capped at <see cref="DetectorModel.MaxPhotons"/>.</summary>
    PhotonNumberResolving,
}

/// <summary>
/// A detector on one output of the transfer matrix. Efficiency is modelled as a loss √η on the amplitude before an
/// ideal detector. Dark counts: a threshold detector clicks spuriously with p_dark = 1 − exp(−R·gate),
/// independently of the light, so P(click) = 1 − (1 − p_dark)(1 − P_photon); a photon-number-resolving detector adds
/// Poisson(R·gate) counts (physics.md, "Multi-photon interference").
/// </summary>
public sealed class DetectorModel
{
    /// <summary>Creates a validated detector.</summary>
    /// <param name="output">Row of the transfer matrix the detector sits on.</param>
    /// <param name="efficiency">Detection efficiency η in [0, 1].</param>
    /// <param name="resolution">Threshold or photon-number resolving.</param>
    /// <param name="maxPhotons">Count cap of a photon-number-resolving detector, ≥ 1.</param>
    /// <param name="darkCountRateHz">Dark-count rate R in Hz, ≥ 0.</param>
    /// <param name="gateNs">Gate (integration) window in ns, &gt; 0.</param>
    public DetectorModel(int output, double efficiency = 1.0, DetectorResolution resolution = DetectorResolution.Threshold,
        int maxPhotons = 8, double darkCountRateHz = 0.0, double gateNs = 1.0)
    {
        if (output < 0) throw new ArgumentOutOfRangeException(nameof(output), output, "output index must be ≥ 0");
        if (!(efficiency >= 0 && efficiency <= 1))
            throw new ArgumentOutOfRangeException(nameof(efficiency), efficiency, string.Create(CultureInfo.InvariantCulture, $"efficiency = {efficiency} must lie in [0, 1]"));
        if (maxPhotons < 1) throw new ArgumentOutOfRangeException(nameof(maxPhotons), maxPhotons, "max_photons must be ≥ 1");
        if (!(darkCountRateHz >= 0) || !double.IsFinite(darkCountRateHz))
            throw new ArgumentOutOfRangeException(nameof(darkCountRateHz), darkCountRateHz, "dark_count_rate_hz must be ≥ 0 and finite");
        if (!(gateNs > 0) || !double.IsFinite(gateNs))
            throw new ArgumentOutOfRangeException(nameof(gateNs), gateNs, "gate_ns must be > 0 and finite");
        Output = output;
        Efficiency = efficiency;
        Resolution = resolution;
        MaxPhotons = maxPhotons;
        DarkCountRateHz = darkCountRateHz;
        GateNs = gateNs;
    }

    /// <summary>Row of the transfer matrix the detector sits on.</summary>
    public int Output { get; }

    /// <summary>Detection efficiency η.</summary>
    public double Efficiency { get; }

    /// <summary>Threshold or photon-number resolving.</summary>
    public DetectorResolution Resolution { get; }

    /// <summary>Count cap of a photon-number-resolving detector.</summary>
    public int MaxPhotons { get; }

    /// <summary>Dark-count rate in Hz.</summary>
    public double DarkCountRateHz { get; }

    /// <summary>Gate window in ns.</summary>
    public double GateNs { get; }

    /// <summary>Mean number of dark counts per gate, R·gate.</summary>
    public double MeanDarkCounts => DarkCountRateHz * GateNs * 1e-9;

    /// <summary>Probability of at least one dark count per gate, 1 − exp(−R·gate).</summary>
    public double DarkCountProbability => -AccurateMath.ExpM1(-MeanDarkCounts);

    /// <summary>Number of distinct reported values: 2 for threshold, MaxPhotons + 1 for number resolving.</summary>
    public int OutcomeCount => Resolution == DetectorResolution.Threshold ? 2 : MaxPhotons + 1;

    /// <summary>The reported value for <paramref name="photons"/> photons (clicks 0/1, or counts capped).</summary>
    /// <param name="photons">Photons absorbed.</param>
    public int Report(int photons) => Math.Min(photons, OutcomeCount - 1);
}
