using System.Numerics;

namespace PhotonicKit.Circuit.Quantum;

/// <summary>
/// The binary model of partial distinguishability (as in Perceval's Source): each photon is, independently with
/// probability p = √M, in one common internal mode, and otherwise in an internal mode of its own, orthogonal to
/// all others. Two photons then overlap with probability p² = M, the pairwise HOM visibility.
/// </summary>
/// <remarks>
/// Output probabilities are the mixture Σ_A p^{|A|}(1−p)^{n−|A|} P_A over the subsets A of photons in the common
/// mode, P_A computed with the Gram matrix that is 1 on A × A and the identity elsewhere. With one photon per input
/// mode, P is linear in the weights ∏_j G[σ(j), j], whose mixture average is p^{(number of photons σ moves)}; the
/// model therefore equals the pure-state Gram matrix with uniform overlaps √M (physics.md, "Photon-number model").
/// With several photons in one input the normalisation N_in differs per subset and the two need not agree.
/// </remarks>
public static class BinaryDistinguishabilityModel
{
    /// <summary>Probability of output occupation <paramref name="counts"/> under the binary model.</summary>
    /// <param name="transfer">T[out, in], outputs × inputs, passive.</param>
    /// <param name="inputModes">Input index of each photon.</param>
    /// <param name="indistinguishability">Pairwise indistinguishability M in [0, 1]; each photon is in the common mode with probability √M.</param>
    /// <param name="counts">Photon number at each output (the rest lost).</param>
    public static double Probability(Complex[,] transfer, IReadOnlyList<int> inputModes, double indistinguishability, ReadOnlySpan<int> counts)
    {
        ArgumentNullException.ThrowIfNull(inputModes);
        if (!(indistinguishability >= 0 && indistinguishability <= 1))
            throw new ArgumentOutOfRangeException(nameof(indistinguishability), indistinguishability, "indistinguishability must lie in [0, 1]");
        int n = inputModes.Count;
        if (n > 20) throw new ArgumentOutOfRangeException(nameof(inputModes), n, "the binary model sums 2^n subsets; at most 20 photons");
        double p = Math.Sqrt(indistinguishability);
        double total = 0;
        for (int subset = 0; subset < (1 << n); subset++)
        {
            int size = System.Numerics.BitOperations.PopCount((uint)subset);
            double weight = Math.Pow(p, size) * Math.Pow(1 - p, n - size);
            if (weight == 0) continue;
            var g = new Complex[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    g[i, j] = i == j || ((subset >> i & 1) != 0 && (subset >> j & 1) != 0) ? Complex.One : Complex.Zero;
            total += weight * new MultiPhotonInterference(transfer, inputModes, new GramMatrix(g)).Probability(counts);
        }
        return total;
    }
}
