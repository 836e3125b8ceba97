using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

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
}

/// <summary>
/// A Lindblad generator as a matrix on row-major vectorised operators (vec(X)[i·d + j] = X_ij), with its nonzero
/// entries listed by row for sparse products.
/// </summary>
internal sealed class Liouvillian
{
    private Liouvillian(Complex[,] dense, int dimension)
    {
        Dense = dense;
        Dimension = dimension;
        int size = dense.GetLength(0);
        var rows = new List<int>();
        var cols = new List<int>();
        var values = new List<Complex>();
        var starts = new int[size + 1];
        for (int r = 0; r < size; r++)
        {
            starts[r] = rows.Count;
            for (int c = 0; c < size; c++)
                if (dense[r, c] != Complex.Zero)
                {
                    rows.Add(r);
                    cols.Add(c);
                    values.Add(dense[r, c]);
                }
        }
        starts[size] = rows.Count;
        RowStarts = starts;
        Columns = cols.ToArray();
        Values = values.ToArray();
    }

    /// <summary>d, the Hilbert-space dimension.</summary>
    public int Dimension { get; }

    /// <summary>The d² × d² matrix.</summary>
    public Complex[,] Dense { get; }

    public int[] RowStarts { get; }
    public int[] Columns { get; }
    public Complex[] Values { get; }

    /// <summary>
    /// L(ρ) = −i[H, ρ] + Σ_k (C_k ρ C_k† − ½{C_k†C_k, ρ}), built column by column from its action on the basis
    /// operators |k⟩⟨l|.
    /// </summary>
    public static Liouvillian Of(Complex[,] hamiltonian, IReadOnlyList<Complex[,]> collapse)
    {
        int d = hamiltonian.GetLength(0), size = d * d;
        var dense = new Complex[size, size];
        var basis = new Complex[d, d];
        for (int k = 0; k < d; k++)
            for (int l = 0; l < d; l++)
            {
                basis[k, l] = 1;
                var image = Apply(hamiltonian, collapse, basis);
                basis[k, l] = 0;
                for (int i = 0; i < d; i++)
                    for (int j = 0; j < d; j++) dense[i * d + j, k * d + l] = image[i, j];
            }
        return new Liouvillian(dense, d);
    }

    private static Complex[,] Apply(Complex[,] h, IReadOnlyList<Complex[,]> collapse, Complex[,] rho)
    {
        var result = Operators.Subtract(Operators.Multiply(h, rho), Operators.Multiply(rho, h));
        result = Operators.Scale(result, -Complex.ImaginaryOne);
        foreach (var c in collapse)
        {
            var cd = Operators.Adjoint(c);
            var cdc = Operators.Multiply(cd, c);
            var jump = Operators.Multiply(Operators.Multiply(c, rho), cd);
            var anti = Operators.Add(Operators.Multiply(cdc, rho), Operators.Multiply(rho, cdc));
            result = Operators.Add(result, Operators.Subtract(jump, Operators.Scale(anti, 0.5)));
        }
        return result;
    }

    /// <summary>y += factor · L x for vectors of length d².</summary>
    public void MultiplyAdd(Complex factor, ReadOnlySpan<Complex> x, Span<Complex> y)
    {
        for (int r = 0; r < RowStarts.Length - 1; r++)
        {
            Complex sum = Complex.Zero;
            for (int k = RowStarts[r]; k < RowStarts[r + 1]; k++) sum += Values[k] * x[Columns[k]];
            y[r] += factor * sum;
        }
    }

    /// <summary>
    /// W += factor · L Z for a d² × d² matrix Z stored row-major (interleaved real and imaginary parts), with
    /// <paramref name="rotated"/> = i·Z given, so that each nonzero L_rk = v adds Re v·Z_k + Im v·(iZ)_k to row r as two
    /// vectorised multiply-adds.
    /// </summary>
    public void MultiplyAddMatrix(double factor, ReadOnlySpan<Complex> z, ReadOnlySpan<double> rotated, Span<Complex> w)
    {
        int size = RowStarts.Length - 1, width = 2 * size;
        var zd = MemoryMarshal.Cast<Complex, double>(z);
        var wd = MemoryMarshal.Cast<Complex, double>(w);
        for (int r = 0; r < size; r++)
        {
            var row = wd.Slice(r * width, width);
            for (int k = RowStarts[r]; k < RowStarts[r + 1]; k++)
            {
                double vr = factor * Values[k].Real, vi = factor * Values[k].Imaginary;
                int offset = Columns[k] * width;
                if (vr != 0) TensorPrimitives.MultiplyAdd(zd.Slice(offset, width), vr, row, row);
                if (vi != 0) TensorPrimitives.MultiplyAdd(rotated.Slice(offset, width), vi, row, row);
            }
        }
    }

    /// <summary>i·Z for interleaved complex values: (re, im) → (−im, re).</summary>
    public static void Rotate(ReadOnlySpan<Complex> z, Span<double> rotated)
    {
        var zd = MemoryMarshal.Cast<Complex, double>(z);
        for (int i = 0; i < zd.Length; i += 2)
        {
            rotated[i] = -zd[i + 1];
            rotated[i + 1] = zd[i];
        }
    }
}

/// <summary>Small dense operator algebra on d × d complex matrices.</summary>
internal static class Operators
{
    public static Complex[,] Multiply(Complex[,] a, Complex[,] b)
    {
        int n = a.GetLength(0), m = b.GetLength(1), inner = a.GetLength(1);
        var r = new Complex[n, m];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < inner; k++)
            {
                var aik = a[i, k];
                if (aik == Complex.Zero) continue;
                for (int j = 0; j < m; j++) r[i, j] += aik * b[k, j];
            }
        return r;
    }

    public static Complex[,] Add(Complex[,] a, Complex[,] b) => Combine(a, b, 1);

    public static Complex[,] Subtract(Complex[,] a, Complex[,] b) => Combine(a, b, -1);

    private static Complex[,] Combine(Complex[,] a, Complex[,] b, double sign)
    {
        int n = a.GetLength(0), m = a.GetLength(1);
        var r = new Complex[n, m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) r[i, j] = a[i, j] + sign * b[i, j];
        return r;
    }

    public static Complex[,] Scale(Complex[,] a, Complex factor)
    {
        int n = a.GetLength(0), m = a.GetLength(1);
        var r = new Complex[n, m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) r[i, j] = factor * a[i, j];
        return r;
    }

    public static Complex[,] Adjoint(Complex[,] a)
    {
        int n = a.GetLength(0), m = a.GetLength(1);
        var r = new Complex[m, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) r[j, i] = Complex.Conjugate(a[i, j]);
        return r;
    }
}

/// <summary>Layout of the state of <see cref="JaynesCummingsSystem{TDrive}"/> in complex numbers: ρ, z, Z and four
/// accumulators.</summary>
internal readonly record struct JaynesCummingsLayout(int Size)
{
    /// <summary>d², the length of a vectorised operator.</summary>
    public int Vector => Size;
    public int Rho => 0;
    public int Z1 => Size;
    public int Z2 => 2 * Size;
    public int Accumulators => 2 * Size + Size * Size;
    /// <summary>Number of complex components.</summary>
    public int Complexes => Accumulators + 4;
    /// <summary>Accumulator of ∫⟨a†a⟩ dt.</summary>
    public int CavityPopulation => Accumulators;
    /// <summary>Accumulator of ∫⟨σ†σ⟩ dt.</summary>
    public int EmitterPopulation => Accumulators + 1;
    /// <summary>Accumulator of ∫∫_{t≤s} ⟨a†(t)a†(s)a(s)a(t)⟩.</summary>
    public int SecondOrder => Accumulators + 2;
    /// <summary>Accumulator of ∫∫_{t≤s} |⟨a†(s)a(t)⟩|².</summary>
    public int FirstOrderSquared => Accumulators + 3;
}

/// <summary>
/// The emitter–cavity master equation with a drive of the emitter, together with the quantum-regression accumulators
/// of the cavity field's time-integrated two-time correlations, as one linear ODE in complex numbers (packed as
/// doubles). For s ≥ t, ⟨a†(t)a†(s)a(s)a(t)⟩ = Tr[a†a 𝒰(s,t)(aρ(t)a†)] and ⟨a†(s)a(t)⟩ = Tr[a† 𝒰(s,t)(aρ(t))]
/// (Carmichael, Statistical Methods in Quantum Optics 1, §1.5). The double integrals are folded into forward
/// equations: z(s) = ∫^s 𝒰(s,t)(aρa†) dt with dz/ds = Lz + aρa†, and
/// Z(s) = ∫^s 𝒰(s,t) x x† 𝒰(s,t)† dt with x = vec(aρ), dZ/ds = LZ + (LZ)† + x x† (Z is Hermitian); then
/// ∫∫_{t≤s} G2 = ∫ Tr[a†a z] ds and ∫∫_{t≤s} |G1|² = ∫ vec(a)† Z vec(a) ds.
/// </summary>
internal readonly struct JaynesCummingsSystem<TDrive> : IOdeSystem where TDrive : struct, IRabiDrive
{
    private readonly Liouvillian _free, _drive;
    private readonly TDrive _pulse;
    private readonly JaynesCummingsSpace _space;
    private readonly JaynesCummingsLayout _layout;
    private readonly Complex[] _scratch;
    private readonly double[] _rotated;

    public JaynesCummingsSystem(JaynesCummingsSpace space, Liouvillian free, Liouvillian drive, TDrive pulse)
    {
        _space = space;
        _free = free;
        _drive = drive;
        _pulse = pulse;
        _layout = new JaynesCummingsLayout(space.Dimension * space.Dimension);
        _scratch = new Complex[2 * _layout.Vector];
        _rotated = new double[2 * _layout.Vector * _layout.Vector];
    }

    public JaynesCummingsLayout Layout => _layout;

    public int Dimension => 2 * _layout.Complexes;

    public void Derivative(double t, ReadOnlySpan<double> state, Span<double> derivative)
    {
        var s = MemoryMarshal.Cast<double, Complex>(state);
        var ds = MemoryMarshal.Cast<double, Complex>(derivative);
        ds.Clear();
        int size = _layout.Vector, d = _space.Dimension;
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

        // x = vec(aρ) and aρa†; a has at most one nonzero per row and column.
        var x = _scratch.AsSpan(0, size);
        var jump = _scratch.AsSpan(size, size);
        x.Clear();
        jump.Clear();
        var a = _space.Annihilation;
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
                // (aρa†)_ij = Σ_l (aρ)_il conj(a_jl).
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

        ds[_layout.CavityPopulation] = Expectation(CavityNumber, rho);
        ds[_layout.EmitterPopulation] = Expectation(EmitterNumber, rho);
        ds[_layout.SecondOrder] = Expectation(CavityNumber, z);
        // vec(a)† Z vec(a): a is real.
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

    private enum Number { Cavity, Emitter }

    private const Number CavityNumber = Number.Cavity, EmitterNumber = Number.Emitter;

    /// <summary>Tr[N X] for N = a†a or σ†σ, both diagonal in the basis.</summary>
    private Complex Expectation(Number which, ReadOnlySpan<Complex> x)
    {
        int d = _space.Dimension;
        Complex sum = Complex.Zero;
        for (int i = 0; i < d; i++)
        {
            double weight = which == Number.Cavity ? PhotonNumber(i) : (i >= 2 && i % 2 == 0 ? 1 : 0);
            if (weight != 0) sum += weight * x[i * d + i];
        }
        return sum;
    }

    /// <summary>Photon number of basis state i: |g,n⟩ has n, |e,n⟩ has n.</summary>
    internal static int PhotonNumber(int index) => index == 0 ? 0 : index % 2 == 1 ? (index + 1) / 2 : (index - 2) / 2;
}
