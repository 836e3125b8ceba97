using System.Numerics;

namespace PhotonicKit.Components.Sources.Excitation;

/// <summary>
/// The emitter–cavity Hilbert space truncated at <see cref="Cutoff"/> excitations: |g,0⟩, then for each manifold
/// n = 1 … K the states |g,n⟩ (index 2n − 1) and |e,n − 1⟩ (index 2n). The Jaynes–Cummings Hamiltonian and every
/// dissipator keep or lower the excitation number a†a + σ†σ; only the drive of the emitter raises it.
/// </summary>
internal sealed class JaynesCummingsSpace
{
    public JaynesCummingsSpace(int cutoff)
    {
        if (cutoff < 1) throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "at least one excitation");
        Cutoff = cutoff;
        Dimension = 2 * cutoff + 1;
        Annihilation = new Complex[Dimension, Dimension];
        Lowering = new Complex[Dimension, Dimension];
        for (int n = 1; n <= cutoff; n++)
        {
            // a|g,n⟩ = √n |g,n−1⟩, a|e,n−1⟩ = √(n−1) |e,n−2⟩, σ|e,n−1⟩ = |g,n−1⟩.
            Annihilation[Ground(n - 1), Ground(n)] = Math.Sqrt(n);
            if (n >= 2) Annihilation[Excited(n - 2), Excited(n - 1)] = Math.Sqrt(n - 1);
            Lowering[Ground(n - 1), Excited(n - 1)] = 1;
        }
    }

    /// <summary>K, the largest number of excitations kept.</summary>
    public int Cutoff { get; }

    /// <summary>d = 2K + 1.</summary>
    public int Dimension { get; }

    /// <summary>a, the cavity mode's annihilation operator.</summary>
    public Complex[,] Annihilation { get; }

    /// <summary>σ = |g⟩⟨e|.</summary>
    public Complex[,] Lowering { get; }

    /// <summary>Index of |g,n⟩.</summary>
    public static int Ground(int photons) => photons == 0 ? 0 : 2 * photons - 1;

    /// <summary>Index of |e,n⟩.</summary>
    public static int Excited(int photons) => 2 * photons + 2;

    /// <summary>Excitation number of basis state <paramref name="index"/>.</summary>
    public static int Manifold(int index) => (index + 1) / 2;

    /// <summary>Photon number of basis state i: |g,n⟩ has n, |e,n⟩ has n.</summary>
    public static int PhotonNumber(int index) => index == 0 ? 0 : index % 2 == 1 ? (index + 1) / 2 : (index - 2) / 2;

    /// <summary>The diagonal of a†a in the basis.</summary>
    public double[] PhotonNumbers()
    {
        var n = new double[Dimension];
        for (int i = 0; i < Dimension; i++) n[i] = PhotonNumber(i);
        return n;
    }

    /// <summary>The diagonal of σ†σ in the basis.</summary>
    public double[] ExcitedPopulations()
    {
        var n = new double[Dimension];
        for (int i = 0; i < Dimension; i++) n[i] = i >= 2 && i % 2 == 0 ? 1 : 0;
        return n;
    }
}
