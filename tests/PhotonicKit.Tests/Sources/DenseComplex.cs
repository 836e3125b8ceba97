using System.Numerics;

namespace PhotonicKit.Tests.Sources;

/// <summary>Small dense complex-matrix algebra for the brute-force references of the master-equation tests, written
/// apart from the solvers they check.</summary>
internal static class DenseComplex
{
    public static Complex Trace(Complex[,] x)
    {
        Complex t = 0;
        for (int i = 0; i < x.GetLength(0); i++) t += x[i, i];
        return t;
    }

    public static Complex[,] Mul(Complex[,] x, Complex[,] y)
    {
        int n = x.GetLength(0);
        var r = new Complex[n, n];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++)
            {
                if (x[i, k] == Complex.Zero) continue;
                for (int j = 0; j < n; j++) r[i, j] += x[i, k] * y[k, j];
            }
        return r;
    }

    public static Complex[,] Add(Complex[,] x, Complex[,] y)
    {
        int n = x.GetLength(0);
        var r = new Complex[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) r[i, j] = x[i, j] + y[i, j];
        return r;
    }

    public static Complex[,] Sub(Complex[,] x, Complex[,] y) => Add(x, Scale(y, -1));

    public static Complex[,] Scale(Complex[,] x, Complex f)
    {
        int n = x.GetLength(0);
        var r = new Complex[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) r[i, j] = f * x[i, j];
        return r;
    }

    public static Complex[,] Dagger(Complex[,] x)
    {
        int n = x.GetLength(0);
        var r = new Complex[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) r[j, i] = Complex.Conjugate(x[i, j]);
        return r;
    }
}
