using System.Globalization;
using System.Numerics;
using PhotonicKit.Circuit.Diagnostics;
using PhotonicKit.Components;
using PhotonicKit.Components.Sources;

namespace PhotonicKit.Circuit.Analyses;

/// <summary>A source's leaked laser light at the detectors, over the laser's own spectrum (docs/physics.md, "Laser background").</summary>
/// <param name="Column">Amplitude per detector of one laser photon at the emitter, collection included: |a_d|² = η_c·T_b,d, with
/// the phase of the photons' column (the light is in a mode of its own, so only its powers matter).</param>
/// <param name="Transmission">T_b,d = ∫ S_L(ω) P_d(ω) dω per detector for laser light leaving the source, P_d(ω) = |T_d(ω)|²
/// plus what dots that are not sources scatter incoherently towards d.</param>
/// <param name="Points">Frequencies the laser spectrum was sampled at.</param>
/// <param name="ErrorEstimate">Largest change of a T_b,d at the last doubling of the quadrature.</param>
/// <param name="Converged">Whether that change is within <see cref="PhotonTransfer.LaserQuadratureTolerance"/>.</param>
internal sealed record LaserTransfer(Complex[] Column, double[] Transmission, int Points, double ErrorEstimate, bool Converged);

internal static partial class PhotonTransfer
{
    /// <summary>Half-width of the laser quadrature's window, in standard deviations σ of its power spectrum: the Gaussian's
    /// mass beyond it, erfc(8.5/√2) ≈ 2·10⁻¹⁷, is below double precision.</summary>
    internal const double LaserReachInSigmas = 8.5;

    /// <summary>Intervals of the first level of the laser quadrature (doubled until it converges).</summary>
    internal const int LaserFirstIntervals = 64;

    /// <summary>Most intervals of the laser quadrature (65 537 circuit solves, in blocks of <see cref="LaserSolveBlock"/>): a
    /// filter down to about a thousandth of the pulse's spectral width (0.1 GHz against a 1 ps pulse) is resolved.</summary>
    internal const int LaserMaxIntervals = 65536;

    /// <summary>Frequencies solved at once for the laser quadrature (bounds the solver's memory).</summary>
    private const int LaserSolveBlock = 2048;

    /// <summary>Largest change of a detector's laser transmission between two levels of the quadrature, relative to the total
    /// transmission, at which it stops: the trapezoid rule converges exponentially on a Gaussian times an analytic response
    /// once its step resolves the response, so the finer level is then far more accurate than this.</summary>
    internal const double LaserQuadratureTolerance = 1e-11;

    /// <summary>
    /// T_b,d = ∫ S_L(ω) P_d(ω) dω: the power a laser pulse of intensity FWHM τ centred at ω_L delivers to each detector per
    /// unit power leaving the source, S_L the pulse's normalised Gaussian power spectrum (<see cref="LaserPulseSpectrum"/>).
    /// </summary>
    /// <remarks>
    /// With x = (ω − ω_L)/σ, ∫ S_L P dω = ∫ φ(x) P(ω_L + σx) dx, φ the standard normal density, taken by the trapezoid rule on
    /// a uniform grid over |x| ≤ <see cref="LaserReachInSigmas"/>, halving the step (the old points kept) until no detector's
    /// value is uncertain by more than <see cref="LaserQuadratureTolerance"/> of the total, or <see cref="LaserMaxIntervals"/> is
    /// reached. The trapezoid sums converge exponentially once the step resolves the response (their error is then about the
    /// square of the last change over the one before); where the window is cut inside the Gaussian (below) they converge as
    /// h², and their Richardson (Simpson) combination as h⁴, whose change between levels then measures its error. The better
    /// of the two is returned. The window stops where the circuit is defined (<paramref name="validRangeNm"/>)
    /// and at half the centre frequency, like the photons' quadrature; the Gaussian's mass beyond an end is given to that end's
    /// point. The sum is accumulated relative to P at the centre and divided by the weights' own sum, so a response flat over the
    /// spectrum comes out exactly.
    /// </remarks>
    /// <param name="powers">[wavelength][detector] power reaching each detector per unit power leaving the source.</param>
    /// <param name="centreRadPerPs">ω_L, rad/ps.</param>
    /// <param name="pulseFwhmPs">τ, ps.</param>
    /// <param name="detectorCount">Detectors.</param>
    /// <param name="validRangeNm">Where the circuit is defined.</param>
    internal static (double[] Transmission, int Points, double ErrorEstimate, bool Converged) LaserTransmission(Func<double[], double[][]> powers,
        double centreRadPerPs, double pulseFwhmPs, int detectorCount, (double MinNm, double MaxNm) validRangeNm)
    {
        double sigma = LaserPulseSpectrum.SigmaRadPerPs(pulseFwhmPs);
        var centre = powers([WavelengthNm(centreRadPerPs)])[0];
        if (Photons.SpectralGrid.Range(centreRadPerPs, sigma, validRangeNm, LaserReachInSigmas) is not var (_, _, reachLow, reachHigh))
            return ((double[])centre.Clone(), 1, 0, true);
        double low = -reachLow, high = reachHigh;
        // The Gaussian's mass beyond each end of the window.
        double tailLow = 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(reachLow / Math.Sqrt(2));
        double tailHigh = 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(reachHigh / Math.Sqrt(2));
        double[] Wavelengths(IEnumerable<double> x) => x.Select(v => WavelengthNm(centreRadPerPs + sigma * v)).ToArray();

        int intervals = LaserFirstIntervals;
        var values = powers(Wavelengths(Enumerable.Range(0, intervals + 1).Select(i => low + (high - low) * i / intervals)));
        // Deviations from the centre's value: trapezoid sums, and their Richardson (Simpson) combination (4T_2n − T_n)/3 for a
        // window cut inside the Gaussian.
        var trapezoid = Deviation(values);
        double[]? simpson = null, result = null;
        double change = double.PositiveInfinity, previousChange = double.NaN;
        while (intervals < LaserMaxIntervals)
        {
            // The new level's odd points between the old ones.
            var added = powers(Wavelengths(Enumerable.Range(0, intervals).Select(i => low + (high - low) * (2 * i + 1) / (2 * intervals))));
            var finer = new double[2 * intervals + 1][];
            for (int i = 0; i <= intervals; i++) finer[2 * i] = values[i];
            for (int i = 0; i < intervals; i++) finer[2 * i + 1] = added[i];
            values = finer;
            intervals *= 2;
            var nextTrapezoid = Deviation(values);
            var nextSimpson = new double[detectorCount];
            double trapezoidChange = 0, simpsonChange = simpson is null ? double.PositiveInfinity : 0, scale = 0;
            for (int d = 0; d < detectorCount; d++)
            {
                nextSimpson[d] = (4 * nextTrapezoid[d] - trapezoid[d]) / 3;
                trapezoidChange = Math.Max(trapezoidChange, Math.Abs(nextTrapezoid[d] - trapezoid[d]));
                if (simpson is not null) simpsonChange = Math.Max(simpsonChange, Math.Abs(nextSimpson[d] - simpson[d]));
                scale += centre[d] + nextTrapezoid[d];
            }
            // Converging exponentially, each trapezoid error is about the square of the one before relative to the one before
            // that: the finer sum's error is about change²/(previous change), far below the change itself.
            double trapezoidError = double.IsFinite(previousChange) && previousChange > 0
                ? Math.Min(trapezoidChange, trapezoidChange * trapezoidChange / previousChange) : trapezoidChange;
            (trapezoid, simpson, previousChange) = (nextTrapezoid, nextSimpson, trapezoidChange);
            double tolerance = LaserQuadratureTolerance * Math.Max(scale, double.Epsilon);
            if (trapezoidError <= tolerance || simpsonChange <= tolerance)
            {
                (result, change) = trapezoidError <= simpsonChange ? (trapezoid, trapezoidError) : (simpson, simpsonChange);
                break;
            }
            change = Math.Min(trapezoidError, simpsonChange);
        }
        bool converged = result is not null;
        result ??= trapezoid;
        var estimate = new double[detectorCount];
        for (int d = 0; d < detectorCount; d++) estimate[d] = Math.Clamp(centre[d] + result[d], 0, 1);
        return (estimate, intervals + 2, change, converged);

        // Σ w_i (P_i − P_centre)/Σ w_i: exactly 0 for a response flat over the window.
        double[] Deviation(double[][] p)
        {
            int n = p.Length - 1;
            double h = (high - low) / n, norm = 0;
            var sum = new double[detectorCount];
            for (int i = 0; i <= n; i++)
            {
                double x = low + (high - low) * i / n;
                double w = h * Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI) * (i == 0 || i == n ? 0.5 : 1)
                    + (i == 0 ? tailLow : 0) + (i == n ? tailHigh : 0);
                norm += w;
                for (int d = 0; d < detectorCount; d++) sum[d] += w * (p[i][d] - centre[d]);
            }
            for (int d = 0; d < detectorCount; d++) sum[d] /= norm;
            return sum;
        }
    }

    /// <summary>
    /// The leaked laser light of <paramref name="source"/> at the detectors over the laser's own spectrum (resonant excitation:
    /// <see cref="EmitterDescription.LaserPulseFwhmPs"/>), or null when the source leaks none, the laser's spectrum is not
    /// known, or the circuit passes the laser light as it passes the photons (to 10⁻¹³, so a circuit flat over both keeps the
    /// photons' column exactly). Warns when the quadrature does not converge, and when the spectrum is not known while the
    /// circuit shapes the photons' line (<paramref name="photonFlatness"/>), naming what would fix it.
    /// </summary>
    private static LaserTransfer? LaserLight(ReducedNetwork network, IncoherentReemission? incoherent, PhotonSource source, Complex[] photonColumn,
        double[] photonTransmission, double photonFlatness, (double MinNm, double MaxNm) validRangeNm, AnalysisContext context, string keyPath, SourceMark mark)
    {
        var emitter = source.Emitter.Emitter;
        if (source.Figures.LaserBackground is null) return null;
        // The pulses of a frame share one laser: say it once, for the first.
        bool speak = source.PulseChannel is null or 0;
        string setting = emitter.LaserPowerUw > 0 ? "laser_power_uw" : "laser_background_ratio";
        if (emitter.LaserPulseFwhmPs is not double tau)
        {
            if (speak && photonFlatness > PhotonStates.FlatTolerance)
                context.Warnings.Warning(mark, keyPath, emitter.Excitation is ExcitationScheme.PhononAssisted or ExcitationScheme.TwoPhoton
                    ? $"the leaked laser light of '{source.Instance}' ({setting}) is taken to see the circuit as its photons do, averaged over their line: with excitation {SchemeName(emitter.Excitation)} the laser is detuned from the line by an amount the settings do not give, and the circuit shapes that line, so a filter passes the laser light differently; give the leaked light as measured behind the circuit, or use excitation: resonant with pulse_fwhm_ps to follow a resonant laser's own spectrum"
                    : $"the leaked laser light of '{source.Instance}' ({setting}) is taken to see the circuit as its photons do, averaged over their line: with excitation {SchemeName(emitter.Excitation)} the laser's spectrum is not known, and the circuit shapes that line, so a filter passes the laser light differently; give excitation: resonant with pulse_fwhm_ps to follow the laser's own spectrum");
            return null;
        }
        int dCount = photonColumn.Length;
        double[][] Powers(double[] wavelengthsNm)
        {
            var p = new double[wavelengthsNm.Length][];
            for (int first = 0; first < p.Length; first += LaserSolveBlock)
            {
                var block = wavelengthsNm[first..Math.Min(p.Length, first + LaserSolveBlock)];
                var amp = network.Amplitudes(source, block);
                var scattered = incoherent?.DetectorPowers(source, block);
                for (int k = 0; k < block.Length; k++)
                {
                    p[first + k] = new double[dCount];
                    for (int d = 0; d < dCount; d++) p[first + k][d] = (amp[k][d] * Complex.Conjugate(amp[k][d])).Real + (scattered?[k][d] ?? 0);
                }
            }
            return p;
        }
        var (transmission, points, error, converged) = LaserTransmission(Powers, emitter.AngularFrequencyRadPerPs, tau, dCount, validRangeNm);
        if (speak && !converged)
            context.Warnings.Warning(mark, keyPath, string.Create(Inv,
                $"the leaked laser light of '{source.Instance}' ({setting}, a {tau:G4} ps pulse spanning {LaserPulseSpectrum.FwhmGhz(tau):G4} GHz) meets a circuit response finer than {points} frequencies over the pulse's spectrum resolve: its transmission is uncertain by about {error:G2}"));
        double largest = Math.Max(transmission.Max(), photonTransmission.Max());
        bool same = true;
        for (int d = 0; d < dCount; d++) same &= Math.Abs(transmission[d] - photonTransmission[d]) <= 1e-13 * largest;
        if (same) return null;
        double collection = source.Figures.CollectionEfficiency;
        var column = new Complex[dCount];
        for (int d = 0; d < dCount; d++)
        {
            double magnitude = Math.Sqrt(collection * transmission[d]);
            column[d] = photonColumn[d] == Complex.Zero ? magnitude : magnitude * photonColumn[d] / photonColumn[d].Magnitude;
        }
        return new LaserTransfer(column, transmission, points, error, converged);
    }

    private static string SchemeName(ExcitationScheme scheme) => scheme switch
    {
        ExcitationScheme.Ideal => "ideal",
        ExcitationScheme.Resonant => "resonant",
        ExcitationScheme.PhononAssisted => "phonon_assisted",
        ExcitationScheme.TwoPhoton => "two_photon",
        ExcitationScheme.AboveBand => "above_band",
        _ => scheme.ToString(),
    };

    /// <summary>r = Σ T_b/Σ T over the pulses of a frame: the share of the leaked laser light the circuit passes for every
    /// share of the photons it passes (1 when it sees the circuit as they do, or when no photon arrives).</summary>
    public static double BackgroundRelativeTransmission(IReadOnlyList<SourceTransfer> transfers)
    {
        double photons = transfers.Sum(t => t.TotalTransmission), laser = transfers.Sum(t => t.TotalBackgroundTransmission);
        return photons > 0 ? laser / photons : 1;
    }
}
