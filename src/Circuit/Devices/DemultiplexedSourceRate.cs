namespace PhotonicKit.Circuit.Devices;

/// <summary>
/// N-photon coincidence rates of one quantum-dot source whose pulse train is split by a demultiplexer into N
/// channels (docs/physics.md, "N-photon rate"): R_N = (f/N)·∏ₖ ηₖ, with f the repetition rate and ηₖ the
/// end-to-end probability that channel k delivers its photon (brightness, demultiplexer, optics and detector
/// included). The argument of Tomm et al., Nat. Nanotechnol. 16, 399 (2021), that an efficiency a bit more than
/// twice as high makes a 20-photon experiment about 10⁷ times faster, is <see cref="SpeedUp"/>: (η₂/η₁)^N.
/// </summary>
public static class DemultiplexedSourceRate
{
    /// <summary>
    /// R_N = (f/N)·∏ₖ ηₖ in Hz: the rate of N-fold coincidences of a source at <paramref name="repetitionRateMhz"/>
    /// demultiplexed into N = <paramref name="channelEfficiencies"/>.Length channels (one pulse in N feeds each
    /// channel, so N-photon frames come at f/N).
    /// </summary>
    /// <param name="repetitionRateMhz">Pulse repetition rate f of the source, MHz, finite and &gt; 0.</param>
    /// <param name="channelEfficiencies">ηₖ of each channel, each in [0, 1]; at least one channel.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range, naming it.</exception>
    public static double NPhotonRateHz(double repetitionRateMhz, ReadOnlySpan<double> channelEfficiencies)
    {
        if (!(repetitionRateMhz > 0) || !double.IsFinite(repetitionRateMhz))
            throw new ArgumentOutOfRangeException(nameof(repetitionRateMhz), repetitionRateMhz, "repetition_rate_mhz must be finite and > 0");
        if (channelEfficiencies.IsEmpty)
            throw new ArgumentOutOfRangeException(nameof(channelEfficiencies), "at least one channel is needed (N ≥ 1)");
        double product = 1;
        for (int k = 0; k < channelEfficiencies.Length; k++)
        {
            double eta = channelEfficiencies[k];
            if (!(eta is >= 0 and <= 1))
                throw new ArgumentOutOfRangeException(nameof(channelEfficiencies), eta, $"channel {k}: efficiency {eta} is outside [0, 1]");
            product *= eta;
        }
        return repetitionRateMhz * 1e6 / channelEfficiencies.Length * product;
    }

    /// <summary>R_N for N identical channels of efficiency η: (f/N)·η^N, in Hz.</summary>
    /// <param name="repetitionRateMhz">Pulse repetition rate f, MHz, finite and &gt; 0.</param>
    /// <param name="efficiency">η of every channel, in [0, 1].</param>
    /// <param name="photonCount">N ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range, naming it.</exception>
    public static double NPhotonRateHz(double repetitionRateMhz, double efficiency, int photonCount)
    {
        if (photonCount < 1) throw new ArgumentOutOfRangeException(nameof(photonCount), photonCount, "photon count N must be ≥ 1");
        if (photonCount > 4096) throw new ArgumentOutOfRangeException(nameof(photonCount), photonCount, "photon count N must be ≤ 4096");
        Span<double> etas = stackalloc double[photonCount];
        etas.Fill(efficiency);
        return NPhotonRateHz(repetitionRateMhz, etas);
    }

    /// <summary>
    /// How many times faster N-photon coincidences come with per-photon efficiency <paramref name="improvedEfficiency"/>
    /// than with <paramref name="baselineEfficiency"/> at the same repetition rate: (η₂/η₁)^N (the f/N factor cancels).
    /// </summary>
    /// <param name="improvedEfficiency">η₂ in (0, 1].</param>
    /// <param name="baselineEfficiency">η₁ in (0, 1].</param>
    /// <param name="photonCount">N ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value outside its range, naming it.</exception>
    public static double SpeedUp(double improvedEfficiency, double baselineEfficiency, int photonCount)
    {
        if (!(improvedEfficiency is > 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(improvedEfficiency), improvedEfficiency, "efficiency must be in (0, 1]");
        if (!(baselineEfficiency is > 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(baselineEfficiency), baselineEfficiency, "efficiency must be in (0, 1]");
        if (photonCount < 1) throw new ArgumentOutOfRangeException(nameof(photonCount), photonCount, "photon count N must be ≥ 1");
        return Math.Pow(improvedEfficiency / baselineEfficiency, photonCount);
    }
}
