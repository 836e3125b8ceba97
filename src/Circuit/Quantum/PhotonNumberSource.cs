using System.Globalization;
using System.Numerics;

namespace PhotonicKit.Circuit.Quantum;

/// <summary>Internal state of the extra photon of a two-photon emission.</summary>
public enum ExtraPhotonModel
{
    /// <summary>Orthogonal to every other photon (a noise photon; the default).</summary>
    Distinguishable,

    /// <summary>The same internal state as the source's main photon.</summary>
    Indistinguishable,

    /// <summary>A mixture: in the main photon's state with probability <see cref="PhotonNumberSource.ExtraPhotonShare"/>,
    /// otherwise orthogonal to every other photon (the partial overlap of a re-excitation photon, docs/excitation.md).</summary>
    Partial,
}

/// <summary>
/// A pulsed source emitting, per pulse, 0, 1 or 2 photons with probabilities p0, p1, p2 into a normalised
/// superposition of the interferometer's input modes.
/// </summary>
/// <remarks>
/// Photon-number model of physics.md: with brightness p_x = P(≥ 1) and g2 = 2p2/μ², μ = p1 + 2p2,
/// p2 = (1 − p_x g2 − √(1 − 2 p_x g2))/g2 and p1 = p_x − p2 (<see cref="FromBrightness"/>). Loss after the source
/// belongs in the transfer matrix, so the mode amplitudes have unit norm.
/// </remarks>
public sealed class PhotonNumberSource
{
    private readonly Complex[] _modeAmplitudes;

    /// <summary>Creates a source from its photon-number probabilities and input-mode amplitudes.</summary>
    /// <param name="p0">P(no photon) per pulse.</param>
    /// <param name="p1">P(one photon) per pulse.</param>
    /// <param name="p2">P(two photons) per pulse.</param>
    /// <param name="modeAmplitudes">Amplitudes e_a of the emission over the inputs of T, Σ|e_a|² = 1.</param>
    /// <param name="extraPhoton">Internal state of the extra photon of a two-photon emission.</param>
    public PhotonNumberSource(double p0, double p1, double p2, IReadOnlyList<Complex> modeAmplitudes,
        ExtraPhotonModel extraPhoton = ExtraPhotonModel.Distinguishable)
    {
        ArgumentNullException.ThrowIfNull(modeAmplitudes);
        CheckProbability(p0, nameof(p0));
        CheckProbability(p1, nameof(p1));
        CheckProbability(p2, nameof(p2));
        if (Math.Abs(p0 + p1 + p2 - 1) > 1e-9)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"p0 + p1 + p2 = {p0 + p1 + p2} must be 1 (p0 = {p0}, p1 = {p1}, p2 = {p2})"));
        double norm = modeAmplitudes.Sum(a => a.Real * a.Real + a.Imaginary * a.Imaginary);
        if (Math.Abs(norm - 1) > 1e-9)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"mode amplitudes must have Σ|e|² = 1, got {norm} (put losses into the transfer matrix)"), nameof(modeAmplitudes));
        if (extraPhoton == ExtraPhotonModel.Partial)
            throw new ArgumentException("a partial extra photon needs its share: use the constructor that takes extraPhotonShare", nameof(extraPhoton));
        P0 = p0;
        P1 = p1;
        P2 = p2;
        _modeAmplitudes = modeAmplitudes.ToArray();
        ExtraPhoton = extraPhoton;
        ExtraPhotonShare = extraPhoton == ExtraPhotonModel.Indistinguishable ? 1 : 0;
    }

    /// <summary>Creates a source whose extra photon is in the main photon's internal state with probability
    /// <paramref name="extraPhotonShare"/> and orthogonal to every other photon otherwise (0: distinguishable,
    /// 1: indistinguishable). A probability is not linear in a scaled overlap (photons in one input are normalised
    /// together), so the engine computes the two cases as separate configurations weighted w and 1 − w.</summary>
    /// <param name="p0">P(no photon) per pulse.</param>
    /// <param name="p1">P(one photon) per pulse.</param>
    /// <param name="p2">P(two photons) per pulse.</param>
    /// <param name="modeAmplitudes">Amplitudes e_a of the emission over the inputs of T, Σ|e_a|² = 1.</param>
    /// <param name="extraPhotonShare">w in [0, 1].</param>
    public PhotonNumberSource(double p0, double p1, double p2, IReadOnlyList<Complex> modeAmplitudes, double extraPhotonShare)
        : this(p0, p1, p2, modeAmplitudes, ExtraPhotonModel.Distinguishable)
    {
        CheckProbability(extraPhotonShare, nameof(extraPhotonShare));
        ExtraPhotonShare = extraPhotonShare;
        ExtraPhoton = extraPhotonShare == 0 ? ExtraPhotonModel.Distinguishable
            : extraPhotonShare == 1 ? ExtraPhotonModel.Indistinguishable
            : ExtraPhotonModel.Partial;
    }

    /// <summary>
    /// p_on in (0, 1]: the share of pulses in which the source is bright and emits with <see cref="P0"/>–<see cref="P2"/>;
    /// in the others (blinking, a dark charge state) it gives no photon. How the pulses of one source are correlated is
    /// the engine's <see cref="BlinkingChain"/>; without one, each pulse is bright independently.
    /// </summary>
    public double OnFraction
    {
        get => _onFraction;
        init
        {
            if (!(value > 0 && value <= 1)) throw new ArgumentOutOfRangeException(nameof(value), value, "the on fraction must be in (0, 1]");
            _onFraction = value;
        }
    }

    private readonly double _onFraction = 1;

    /// <summary>P(<paramref name="count"/> photons) averaged over bright and dark pulses.</summary>
    public double AveragedProbabilityOf(int count) => OnFraction * ProbabilityOf(count) + (count == 0 ? 1 - OnFraction : 0);

    /// <summary>A source emitting into one input mode.</summary>
    /// <param name="p0">P(no photon).</param>
    /// <param name="p1">P(one photon).</param>
    /// <param name="p2">P(two photons).</param>
    /// <param name="inputMode">Input index of T.</param>
    /// <param name="inputCount">Number of inputs of T.</param>
    /// <param name="extraPhoton">Internal state of the extra photon.</param>
    public static PhotonNumberSource IntoInput(double p0, double p1, double p2, int inputMode, int inputCount,
        ExtraPhotonModel extraPhoton = ExtraPhotonModel.Distinguishable)
    {
        if ((uint)inputMode >= (uint)inputCount)
            throw new ArgumentOutOfRangeException(nameof(inputMode), inputMode, $"input mode must be in 0 … {inputCount - 1}");
        var e = new Complex[inputCount];
        e[inputMode] = 1;
        return new PhotonNumberSource(p0, p1, p2, e, extraPhoton);
    }

    /// <summary>A source emitting into one input mode whose extra photon is in the main photon's state with
    /// probability <paramref name="extraPhotonShare"/>.</summary>
    /// <param name="p0">P(no photon).</param>
    /// <param name="p1">P(one photon).</param>
    /// <param name="p2">P(two photons).</param>
    /// <param name="inputMode">Input index of T.</param>
    /// <param name="inputCount">Number of inputs of T.</param>
    /// <param name="extraPhotonShare">w in [0, 1].</param>
    public static PhotonNumberSource IntoInput(double p0, double p1, double p2, int inputMode, int inputCount, double extraPhotonShare)
    {
        if ((uint)inputMode >= (uint)inputCount)
            throw new ArgumentOutOfRangeException(nameof(inputMode), inputMode, $"input mode must be in 0 … {inputCount - 1}");
        var e = new Complex[inputCount];
        e[inputMode] = 1;
        return new PhotonNumberSource(p0, p1, p2, e, extraPhotonShare);
    }

    /// <summary>
    /// p1, p2 from brightness p_x = P(≥ 1 photon) and g2 = 2p2/μ²: p2 = (1 − p_x g2 − √(1 − 2 p_x g2))/g2,
    /// p1 = p_x − p2 (physics.md, "Photon-number model"; the model of Perceval's Source).
    /// </summary>
    /// <param name="brightness">p_x in [0, 1].</param>
    /// <param name="g2">g2 ≥ 0 with p_x·g2 ≤ 0.5.</param>
    /// <returns>(p0, p1, p2).</returns>
    public static (double P0, double P1, double P2) ProbabilitiesFromBrightness(double brightness, double g2)
    {
        CheckProbability(brightness, nameof(brightness));
        if (!(g2 >= 0) || !double.IsFinite(g2)) throw new ArgumentOutOfRangeException(nameof(g2), g2, "g2 must be ≥ 0");
        if (brightness * g2 > 0.5)
            throw new ArgumentOutOfRangeException(nameof(g2), g2, string.Create(CultureInfo.InvariantCulture,
                $"brightness·g2 = {brightness * g2} exceeds 0.5, the largest the 0/1/2-photon model allows"));
        // For small x = p_x g2 the closed form cancels; the series p2 = p_x²g2/2·(1 + x + …) is used instead.
        double x = brightness * g2;
        double p2 = x < 1e-4
            ? brightness * brightness * g2 / 2 * (1 + x + 1.25 * x * x)
            : (1 - x - Math.Sqrt(1 - 2 * x)) / g2;
        double p1 = brightness - p2;
        return (1 - brightness, p1, p2);
    }

    /// <summary>A source built from brightness and g2 (see <see cref="ProbabilitiesFromBrightness"/>).</summary>
    /// <param name="brightness">P(≥ 1 photon) per pulse.</param>
    /// <param name="g2">Second-order correlation at zero delay, 2p2/μ².</param>
    /// <param name="modeAmplitudes">Amplitudes over the inputs of T, unit norm.</param>
    /// <param name="extraPhoton">Internal state of the extra photon.</param>
    public static PhotonNumberSource FromBrightness(double brightness, double g2, IReadOnlyList<Complex> modeAmplitudes,
        ExtraPhotonModel extraPhoton = ExtraPhotonModel.Distinguishable)
    {
        var (p0, p1, p2) = ProbabilitiesFromBrightness(brightness, g2);
        return new PhotonNumberSource(p0, p1, p2, modeAmplitudes, extraPhoton);
    }

    /// <summary>P(no photon) per pulse.</summary>
    public double P0 { get; }

    /// <summary>P(one photon) per pulse.</summary>
    public double P1 { get; }

    /// <summary>P(two photons) per pulse.</summary>
    public double P2 { get; }

    /// <summary>Mean photon number μ = p1 + 2p2.</summary>
    public double MeanPhotonNumber => P1 + 2 * P2;

    /// <summary>Internal state of the extra photon of a two-photon emission.</summary>
    public ExtraPhotonModel ExtraPhoton { get; }

    /// <summary>w: probability that the extra photon of a two-photon emission is in the main photon's internal state
    /// (0 for <see cref="ExtraPhotonModel.Distinguishable"/>, 1 for <see cref="ExtraPhotonModel.Indistinguishable"/>);
    /// otherwise it is orthogonal to every other photon.</summary>
    public double ExtraPhotonShare { get; }

    /// <summary>Emission amplitudes over the inputs of T.</summary>
    public IReadOnlyList<Complex> ModeAmplitudes => _modeAmplitudes;

    /// <summary>Probability of emitting <paramref name="photons"/> (0, 1 or 2) photons.</summary>
    /// <param name="photons">Photon number.</param>
    public double ProbabilityOf(int photons) => photons switch { 0 => P0, 1 => P1, 2 => P2, _ => 0.0 };

    private static void CheckProbability(double p, string name)
    {
        if (!(p >= 0 && p <= 1))
            throw new ArgumentOutOfRangeException(name, p, string.Create(CultureInfo.InvariantCulture, $"{name} = {p} must lie in [0, 1]"));
    }
}
