namespace PhotonicKit.Components.Sources.Excitation;

using static EmissionState;

/// <summary>Layout of the state of <see cref="EmissionSystem{TDrive}"/>: 0 n, 1 y, 2 ∫n, 3–5 z (a, b, T), 6 ∫z_a,
/// 7–16 Z (aa, ab, aT, au, bb, bT, bu, TT, Tu, uu), 17 ∫cᵀZc.</summary>
internal static class EmissionState
{
    internal const int N = 0, Y = 1, IntN = 2, Za = 3, Zb = 4, ZT = 5, IntZa = 6;
    internal const int Saa = 7, Sab = 8, SaT = 9, Sau = 10, Sbb = 11, SbT = 12, Sbu = 13, STT = 14, STu = 15, Suu = 16, IntG1Sq = 17;

    /// <summary>Number of state components.</summary>
    internal const int Size = 18;

    /// <summary>cᵀZc with c = (0, −1, 0, ½): ∫_{t₀}^{s} G1(t, s)² dt, the G1² integrand at the latest time s.</summary>
    internal static double G1Squared(ReadOnlySpan<double> s) => s[Sbb] - s[Sbu] + 0.25 * s[Suu];
}

/// <summary>
/// Optical Bloch equations of a resonantly driven two-level emitter together with the quantum-regression
/// accumulators of its time-integrated two-time correlations, all as one real linear-plus-quadratic ODE that is
/// integrated forward once over the pulse. Time is in units of T1 (Γ = 1).
/// </summary>
/// <remarks>
/// <para>Master equation dρ/dt = −i[H, ρ] + Γ D[σ]ρ + 2γ* D[σ†σ]ρ with H = (Ω(t)/2)(σ + σ†) (rotating frame,
/// on resonance, ħ = 1). For any operator X (not only a density matrix) the Lindbladian, restricted to the
/// combinations a = X_ee, b = −(X_eg − X_ge)/(2i), T = Tr X and u = X_eg + X_ge, is real and block-diagonal:
/// da/dt = Ω b − Γ a,  db/dt = (Ω/2)(T − 2a) − γ₂ b,  dT/dt = 0,  du/dt = −γ₂ u,  with γ₂ = Γ/2 + γ*.
/// For ρ itself: n = ρ_ee = a, ⟨σ⟩ = −i y with y = b, T = 1 (the usual Bloch equations on resonance).</para>
/// <para>Quantum regression (Carmichael, Statistical Methods in Quantum Optics 1, ch. 1.5): for s ≥ t,
/// ⟨σ†(t)σ†(s)σ(s)σ(t)⟩ = Tr[σ†σ 𝒱(s,t)(σρ(t)σ†)] with σρσ† = n(t)|g⟩⟨g|, i.e. initial (a,b,T) = n(t)(0,0,1)
/// and G2 read from a; ⟨σ†(s)σ(t)⟩ = Tr[σ† 𝒱(s,t)(σρ(t))] with σρ(t) giving the real initial vector
/// x(t) = (a, b, T, u) = (0, −n/2, −y, n) (after removing a common factor i) and G1 = u/2 − b.</para>
/// <para>Instead of propagating from every t separately, the double integrals are folded into forward ODEs
/// for z(s) = ∫_{t₀}^{s} 𝒰(s,t) n(t) e_T dt (dz/ds = A z + n e_T) and
/// Z(s) = ∫_{t₀}^{s} 𝒰(s,t) x(t) x(t)ᵀ 𝒰(s,t)ᵀ dt (dZ/ds = A Z + Z Aᵀ + x xᵀ), where 𝒰 is the propagator of the
/// (a, b, T, u) system with generator A(s). Then ∫∫_{t≤s} G2 = ∫ z_a ds and ∫∫_{t≤s} G1² = ∫ cᵀZc ds,
/// c = (0, −1, 0, ½).</para>
/// The state layout is <see cref="EmissionState"/>.
/// </remarks>
internal struct EmissionSystem<TDrive>(TDrive drive, double coherenceDecay) : IOdeSystem
    where TDrive : struct, IRabiDrive
{
    /// <inheritdoc/>
    public readonly int Dimension => EmissionState.Size;

    /// <summary>γ₂ = Γ/2 + γ*, in units of Γ.</summary>
    internal readonly double CoherenceDecay => coherenceDecay;


    /// <inheritdoc/>
    public readonly void Derivative(double t, ReadOnlySpan<double> s, Span<double> d)
    {
        const double gamma = 1.0;
        double g2 = coherenceDecay;
        double omega = drive.RabiFrequency(t);
        double halfOmega = 0.5 * omega;
        double n = s[N], y = s[Y];

        d[N] = omega * y - gamma * n;
        d[Y] = halfOmega * (1 - 2 * n) - g2 * y;
        d[IntN] = n;

        d[Za] = omega * s[Zb] - gamma * s[Za];
        d[Zb] = -omega * s[Za] - g2 * s[Zb] + halfOmega * s[ZT];
        d[ZT] = n;
        d[IntZa] = s[Za];

        double aa = s[Saa], ab = s[Sab], aT = s[SaT], au = s[Sau], bb = s[Sbb], bT = s[SbT], bu = s[Sbu];
        double tt = s[STT], tu = s[STu], uu = s[Suu];
        // Source x = (0, −n/2, −y, n).
        double xb = -0.5 * n, xT = -y, xu = n;
        d[Saa] = 2 * (-gamma * aa + omega * ab);
        d[Sab] = -gamma * ab + omega * bb - omega * aa - g2 * ab + halfOmega * aT;
        d[SaT] = -gamma * aT + omega * bT;
        d[Sau] = -gamma * au + omega * bu - g2 * au;
        d[Sbb] = 2 * (-omega * ab - g2 * bb + halfOmega * bT) + xb * xb;
        d[SbT] = -omega * aT - g2 * bT + halfOmega * tt + xb * xT;
        d[Sbu] = -omega * au - 2 * g2 * bu + halfOmega * tu + xb * xu;
        d[STT] = xT * xT;
        d[STu] = -g2 * tu + xT * xu;
        d[Suu] = -2 * g2 * uu + xu * xu;
        d[IntG1Sq] = EmissionState.G1Squared(s);
    }
}
