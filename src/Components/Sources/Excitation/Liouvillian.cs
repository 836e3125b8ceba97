using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace PhotonicKit.Components.Sources.Excitation;

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
