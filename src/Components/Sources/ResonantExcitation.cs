namespace PhotonicKit.Components.Sources;

/// <summary>Figures of one excitation pulse, computed at the emitter (before any collection loss).</summary>
/// <param name="PreparationEfficiency">η_prep: probability that the pulse leaves the emitter excited, i.e. the
/// mean number of photons emitted per pulse in the single-photon limit (P(≥1 emission)).</param>
/// <param name="G2">Integrated second-order correlation of the emitted light, g2 = 2p2/μ².</param>
/// <param name="Indistinguishability">M: mean wavepacket overlap of two emitted photons.</param>
public sealed record ExcitationFigures(double PreparationEfficiency, double G2, double Indistinguishability);

/// <summary>Resonant π-pulse excitation of a two-level emitter by a Gaussian pulse of finite duration.</summary>
public static class ResonantExcitation
{
    /// <summary>Driven two-level master equation with two-time correlations (quantum regression theorem).</summary>
    /// <param name="lifetimePs">T1 = 1/Γ, in ps.</param>
    /// <param name="pureDephasingPerNs">γ*, in ns⁻¹.</param>
    /// <param name="pulseFwhmPs">FWHM of the pulse intensity Ω(t)², in ps.</param>
    public static ExcitationFigures Solve(double lifetimePs, double pureDephasingPerNs, double pulseFwhmPs) =>
        throw new NotImplementedException("resonant excitation: the master-equation solver is not built yet");
}
