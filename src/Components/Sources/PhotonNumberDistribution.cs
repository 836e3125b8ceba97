namespace PhotonicKit.Components.Sources;

/// <summary>
/// Photon-number distribution of one pulse truncated at two photons: P(0), P(1), P(2), summing to one.
/// The source model of Ollivier et al., PRL 126, 063602 (2021) and of Perceval's <c>Source</c>: at the emitter
/// p_x = P(≥ 1) and g2 = 2p2/μ² fix p1 and p2; every later factor is a loss on the number distribution.
/// </summary>
/// <param name="P0">Probability of no photon.</param>
/// <param name="P1">Probability of exactly one photon.</param>
/// <param name="P2">Probability of exactly two photons.</param>
public sealed record PhotonNumberDistribution(double P0, double P1, double P2)
{
    /// <summary>Mean photon number μ = p1 + 2p2.</summary>
    public double Mean => P1 + 2 * P2;

    /// <summary>P(≥ 1 photon) = p1 + p2.</summary>
    public double AtLeastOne => P1 + P2;

    /// <summary>Integrated second-order correlation g2 = 2p2/μ² (0 when μ = 0).</summary>
    public double G2 => Mean > 0 ? 2 * P2 / (Mean * Mean) : 0;

    /// <summary>
    /// The distribution with P(≥ 1) = p_x and g2 = 2p2/μ²: p2 = (1 − p_x g2 − √(1 − 2 p_x g2))/g2,
    /// p1 = p_x − p2, evaluated in the cancellation-free form p2 = p_x² g2/(1 − p_x g2 + √(1 − 2 p_x g2)).
    /// Needs p_x g2 ≤ 1/2: beyond it no distribution truncated at two photons has these figures.
    /// </summary>
    /// <param name="atLeastOne">p_x in [0, 1].</param>
    /// <param name="g2">g2 ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">p_x outside [0, 1], g2 &lt; 0, or p_x·g2 &gt; 0.5 (with the reason).</exception>
    public static PhotonNumberDistribution FromBrightnessAndG2(double atLeastOne, double g2)
    {
        EmitterCoupling.RequireFraction(atLeastOne, nameof(atLeastOne));
        EmitterCoupling.RequireNonNegative(g2, nameof(g2));
        double y = atLeastOne * g2;
        if (y > 0.5)
            throw new ArgumentOutOfRangeException(nameof(g2), g2,
                $"P(≥1) × g2 = {y:R} exceeds 0.5: no pulse with at most two photons has P(≥1) = {atLeastOne:R} and g2 = {g2:R} (the most it allows is g2 = {0.5 / atLeastOne:R}, all pulses with two photons)");
        double p2 = atLeastOne * atLeastOne * g2 / (1 - y + Math.Sqrt(1 - 2 * y));
        double p1 = atLeastOne - p2;
        return new PhotonNumberDistribution(1 - atLeastOne, p1, p2);
    }

    /// <summary>
    /// Averaged over bright and dark pulses: a pulse is bright (this distribution) with probability
    /// <paramref name="onFraction"/> and gives no photon otherwise (blinking).
    /// </summary>
    /// <param name="onFraction">p_on in (0, 1].</param>
    public PhotonNumberDistribution Blinking(double onFraction) =>
        onFraction >= 1 ? this : new(1 - onFraction * (P1 + P2), onFraction * P1, onFraction * P2);

    /// <summary>
    /// After a loss of transmission η (each photon kept independently with probability η):
    /// 1→1: ηp1; 2→2: η²p2; 2→1: 2η(1−η)p2; the rest to P(0).
    /// </summary>
    /// <param name="transmission">η in [0, 1].</param>
    public PhotonNumberDistribution AfterLoss(double transmission)
    {
        EmitterCoupling.RequireFraction(transmission, nameof(transmission));
        double eta = transmission;
        double p2 = eta * eta * P2;
        double p1 = eta * P1 + 2 * eta * (1 - eta) * P2;
        double p0 = P0 + (1 - eta) * P1 + (1 - eta) * (1 - eta) * P2;
        return new PhotonNumberDistribution(p0, p1, p2);
    }

    /// <summary>
    /// The transmission η that brings P(≥ 1) of this distribution to <paramref name="collectedAtLeastOne"/>:
    /// the root in [0, 1] of p2η² − μη + B = 0, η = 2B/(μ + √(μ² − 4 p2 B)).
    /// </summary>
    /// <param name="collectedAtLeastOne">B, the target P(≥ 1), in [0, P(≥ 1) of this distribution].</param>
    /// <exception cref="ArgumentOutOfRangeException">B exceeds the present P(≥ 1): a loss cannot raise it.</exception>
    public double TransmissionFor(double collectedAtLeastOne)
    {
        EmitterCoupling.RequireFraction(collectedAtLeastOne, nameof(collectedAtLeastOne));
        if (collectedAtLeastOne > AtLeastOne * (1 + 1e-12))
            throw new ArgumentOutOfRangeException(nameof(collectedAtLeastOne), collectedAtLeastOne,
                $"P(≥1) = {collectedAtLeastOne:R} after loss exceeds P(≥1) = {AtLeastOne:R} before it");
        if (collectedAtLeastOne == 0) return 0;
        double mu = Mean;
        double discriminant = Math.Max(0, mu * mu - 4 * P2 * collectedAtLeastOne);
        return Math.Min(1, 2 * collectedAtLeastOne / (mu + Math.Sqrt(discriminant)));
    }
}

/// <summary>A value inferred from measurements, with a warning when the model says it is impossible.</summary>
/// <param name="Value">The inferred value (not clamped).</param>
/// <param name="Warning">Why the value contradicts the model, or null.</param>
public sealed record InferredValue(double Value, string? Warning);

/// <summary>
/// Hong–Ou–Mandel visibility of two photons from one source with a distinguishable noise photon
/// (Ollivier et al., Phys. Rev. Lett. 126, 063602 (2021)).
/// </summary>
public static class HongOuMandel
{
    /// <summary>
    /// V = M_s (1 − g2 μ_em/2)² − g2 (exact in the model of Ollivier et al. 2021), μ_em = p1 + 2p2 at the emitter.
    /// To first order in g2: V = M_s − (1 + M_s) g2.
    /// </summary>
    /// <param name="singlePhotonIndistinguishability">M_s ≥ 0; values above 1 mean a partly indistinguishable extra
    /// photon (re-excitation, docs/excitation.md), with which the formula still gives the model's V.</param>
    /// <param name="g2">g2 ≥ 0.</param>
    /// <param name="meanPhotonNumberAtEmitter">μ_em ≥ 0.</param>
    public static double Visibility(double singlePhotonIndistinguishability, double g2, double meanPhotonNumberAtEmitter)
    {
        EmitterCoupling.RequireNonNegative(singlePhotonIndistinguishability, nameof(singlePhotonIndistinguishability));
        EmitterCoupling.RequireNonNegative(g2, nameof(g2));
        EmitterCoupling.RequireNonNegative(meanPhotonNumberAtEmitter, nameof(meanPhotonNumberAtEmitter));
        double factor = 1 - g2 * meanPhotonNumberAtEmitter / 2;
        return singlePhotonIndistinguishability * factor * factor - g2;
    }

    /// <summary>
    /// M_s ≈ (V + g2)/(1 − g2), the first-order inverse of <see cref="Visibility"/>. A measured pair giving
    /// M_s &gt; 1 contradicts the model: the value is returned unclamped with a warning.
    /// </summary>
    /// <param name="visibility">Measured V in [−1, 1].</param>
    /// <param name="g2">Measured g2 in [0, 1).</param>
    public static InferredValue IndistinguishabilityFromVisibility(double visibility, double g2)
    {
        if (!(visibility >= -1 && visibility <= 1))
            throw new ArgumentOutOfRangeException(nameof(visibility), visibility, "visibility must lie in [−1, 1]");
        if (!(g2 >= 0 && g2 < 1))
            throw new ArgumentOutOfRangeException(nameof(g2), g2, "g2 must lie in [0, 1) for (V + g2)/(1 − g2)");
        double m = (visibility + g2) / (1 - g2);
        string? warning = m > 1
            ? $"visibility {visibility:R} with g2 {g2:R} gives M_s = {m:R} > 1: the pair contradicts the distinguishable-noise-photon model (the extra photon is partly indistinguishable, as with re-excitation, or the figures are inconsistent)"
            : null;
        return new InferredValue(m, warning);
    }
}
