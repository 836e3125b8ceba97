using System.Numerics;
using System.Runtime.InteropServices;

namespace PhotonicKit.Components.Sources.Excitation;

/// <summary>Layout of the state of <see cref="CorrelationSystem{TDrive}"/> in complex numbers: ρ, z, Z and four
/// accumulators.</summary>
internal readonly record struct CorrelationLayout(int Size)
{
    /// <summary>d², the length of a vectorised operator.</summary>
    public int Vector => Size;
    public int Rho => 0;
    public int Z1 => Size;
    public int Z2 => 2 * Size;
    public int Accumulators => 2 * Size + Size * Size;
    /// <summary>Number of complex components.</summary>
    public int Complexes => Accumulators + 4;
    /// <summary>Accumulator of ∫⟨A†A⟩ dt.</summary>
    public int CollectedPopulation => Accumulators;
    /// <summary>Accumulator of ∫⟨N⟩ dt for a second diagonal operator N.</summary>
    public int OtherPopulation => Accumulators + 1;
    /// <summary>Accumulator of ∫∫_{t≤s} ⟨A†(t)A†(s)A(s)A(t)⟩.</summary>
    public int SecondOrder => Accumulators + 2;
    /// <summary>Accumulator of ∫∫_{t≤s} |⟨A†(s)A(t)⟩|².</summary>
    public int FirstOrderSquared => Accumulators + 3;
}

/// <summary>
/// A driven master equation dρ/dt = (L0 + Ω(t)L1)ρ together with the quantum-regression accumulators of the
/// time-integrated two-time correlations of one collected operator A (a real matrix with A†A diagonal in the basis),
/// as one linear ODE in complex numbers (packed as doubles). For s ≥ t, ⟨A†(t)A†(s)A(s)A(t)⟩ = Tr[A†A 𝒰(s,t)(AρA†)]
/// and ⟨A†(s)A(t)⟩ = Tr[A† 𝒰(s,t)(Aρ(t))] (Carmichael, Statistical Methods in Quantum Optics 1, §1.5). The double
/// integrals are folded into forward equations: z(s) = ∫^s 𝒰(s,t)(AρA†) dt with dz/ds = Lz + AρA†, and
/// Z(s) = ∫^s 𝒰(s,t) x x† 𝒰(s,t)† dt with x = vec(Aρ), dZ/ds = LZ + (LZ)† + x x† (Z is Hermitian); then
/// ∫∫_{t≤s} G2 = ∫ Tr[A†A z] ds and ∫∫_{t≤s} |G1|² = ∫ vec(A)† Z vec(A) ds.
/// </summary>
internal readonly struct CorrelationSystem<TDrive> : IOdeSystem where TDrive : struct, IRabiDrive
{
    private readonly Liouvillian _free, _drive;
    private readonly TDrive _pulse;
    private readonly int _d;
    private readonly Complex[,] _collected;
    private readonly double[] _collectedNumber, _otherNumber;
    private readonly CorrelationLayout _layout;
    private readonly Complex[] _scratch;
    private readonly double[] _rotated;

    /// <param name="free">L0.</param>
    /// <param name="drive">L1, the drive's generator per unit Rabi frequency.</param>
    /// <param name="pulse">Ω(t).</param>
    /// <param name="collected">A, real, with at most one nonzero per row and column.</param>
    /// <param name="collectedNumber">The diagonal of A†A.</param>
    /// <param name="otherNumber">The diagonal of a second operator whose expectation is integrated.</param>
    public CorrelationSystem(Liouvillian free, Liouvillian drive, TDrive pulse, Complex[,] collected, double[] collectedNumber, double[] otherNumber)
    {
        _d = free.Dimension;
        _free = free;
        _drive = drive;
        _pulse = pulse;
        _collected = collected;
        _collectedNumber = collectedNumber;
        _otherNumber = otherNumber;
        _layout = new CorrelationLayout(_d * _d);
        _scratch = new Complex[2 * _layout.Vector];
        _rotated = new double[2 * _layout.Vector * _layout.Vector];
    }

    public CorrelationLayout Layout => _layout;

    public int Dimension => 2 * _layout.Complexes;

    public void Derivative(double t, ReadOnlySpan<double> state, Span<double> derivative)
    {
        var s = MemoryMarshal.Cast<double, Complex>(state);
        var ds = MemoryMarshal.Cast<double, Complex>(derivative);
        ds.Clear();
        int size = _layout.Vector, d = _d;
        double omega = _pulse.RabiFrequency(t);
        var rho = s.Slice(_layout.Rho, size);
        var z = s.Slice(_layout.Z1, size);
        var zz = s.Slice(_layout.Z2, size * size);

        _free.MultiplyAdd(Complex.One, rho, ds.Slice(_layout.Rho, size));
        _free.MultiplyAdd(Complex.One, z, ds.Slice(_layout.Z1, size));
        if (omega != 0)
        {
            _drive.MultiplyAdd(omega, rho, ds.Slice(_layout.Rho, size));
            _drive.MultiplyAdd(omega, z, ds.Slice(_layout.Z1, size));
        }

        // x = vec(Aρ) and AρA†; A has at most one nonzero per row and column.
        var x = _scratch.AsSpan(0, size);
        var jump = _scratch.AsSpan(size, size);
        x.Clear();
        jump.Clear();
        var a = _collected;
        for (int i = 0; i < d; i++)
            for (int k = 0; k < d; k++)
            {
                var aik = a[i, k];
                if (aik == Complex.Zero) continue;
                for (int j = 0; j < d; j++) x[i * d + j] += aik * rho[k * d + j];
            }
        for (int j = 0; j < d; j++)
            for (int l = 0; l < d; l++)
            {
                var ajl = a[j, l];
                if (ajl == Complex.Zero) continue;
                // (AρA†)_ij = Σ_l (Aρ)_il conj(A_jl).
                for (int i = 0; i < d; i++) jump[i * d + j] += x[i * d + l] * ajl;
            }
        var dz = ds.Slice(_layout.Z1, size);
        for (int i = 0; i < size; i++) dz[i] += jump[i];

        // dZ = LZ + (LZ)† + x x†.
        var dzz = ds.Slice(_layout.Z2, size * size);
        Liouvillian.Rotate(zz, _rotated);
        _free.MultiplyAddMatrix(1.0, zz, _rotated, dzz);
        if (omega != 0) _drive.MultiplyAddMatrix(omega, zz, _rotated, dzz);
        for (int r = 0; r < size; r++)
        {
            for (int c = 0; c < r; c++)
            {
                Complex w = dzz[r * size + c], v = dzz[c * size + r];
                Complex source = x[r] * Complex.Conjugate(x[c]);
                dzz[r * size + c] = w + Complex.Conjugate(v) + source;
                dzz[c * size + r] = v + Complex.Conjugate(w) + Complex.Conjugate(source);
            }
            Complex diagonal = dzz[r * size + r];
            dzz[r * size + r] = 2 * diagonal.Real + x[r].Real * x[r].Real + x[r].Imaginary * x[r].Imaginary;
        }

        ds[_layout.CollectedPopulation] = Expectation(_collectedNumber, rho);
        ds[_layout.OtherPopulation] = Expectation(_otherNumber, rho);
        ds[_layout.SecondOrder] = Expectation(_collectedNumber, z);
        // vec(A)† Z vec(A): A is real.
        Complex g1 = Complex.Zero;
        for (int i = 0; i < d; i++)
            for (int k = 0; k < d; k++)
            {
                double aik = a[i, k].Real;
                if (aik == 0) continue;
                int p = i * d + k;
                for (int j = 0; j < d; j++)
                    for (int l = 0; l < d; l++)
                    {
                        double ajl = a[j, l].Real;
                        if (ajl == 0) continue;
                        g1 += aik * ajl * zz[p * size + j * d + l];
                    }
            }
        ds[_layout.FirstOrderSquared] = g1.Real;
    }

    /// <summary>Tr[N X] for a diagonal N.</summary>
    private Complex Expectation(double[] weights, ReadOnlySpan<Complex> x)
    {
        int d = _d;
        Complex sum = Complex.Zero;
        for (int i = 0; i < d; i++)
        {
            double weight = weights[i];
            if (weight != 0) sum += weight * x[i * d + i];
        }
        return sum;
    }
}
