using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace PhotonicKit.Tests.Quantum.Reference;

/// <summary>Seeded random circuits and photon states for tests of <see cref="FockSpaceReference"/>.</summary>
internal static class RandomQuantumStates
{
    /// <summary>A complex number with independent standard normal real and imaginary parts (Box–Muller).</summary>
    public static Complex Gaussian(Random random)
    {
        double radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
        double angle = 2 * Math.PI * random.NextDouble();
        return new Complex(radius * Math.Cos(angle), radius * Math.Sin(angle));
    }

    /// <summary>A normalised vector with Gaussian amplitudes (uniform on the unit sphere).</summary>
    public static Complex[] UnitVector(int dimension, Random random)
    {
        Complex[] vector = [.. Enumerable.Range(0, dimension).Select(_ => Gaussian(random))];
        double norm = Math.Sqrt(vector.Sum(a => a.Magnitude * a.Magnitude));
        return [.. vector.Select(a => a / norm)];
    }

    /// <summary>ρ = G G† / Tr(G G†) with G a dimension × rank Gaussian matrix: full rank when rank = dimension.</summary>
    public static Complex[,] Density(int dimension, Random random, int? rank = null)
    {
        Matrix<Complex> g = Matrix<Complex>.Build.Dense(dimension, rank ?? dimension, (_, _) => Gaussian(random));
        Matrix<Complex> rho = g * g.ConjugateTranspose();
        return (rho / rho.Trace()).ToArray();
    }

    /// <summary>A unitary from the QR decomposition of a Gaussian matrix.</summary>
    public static Complex[,] Unitary(int size, Random random) =>
        Matrix<Complex>.Build.Dense(size, size, (_, _) => Gaussian(random)).QR().Q.ToArray();

    /// <summary>A rows × columns Gaussian matrix scaled so that its largest singular value is <paramref name="largestSingularValue"/>.</summary>
    public static Complex[,] Contraction(int rows, int columns, double largestSingularValue, Random random)
    {
        Matrix<Complex> g = Matrix<Complex>.Build.Dense(rows, columns, (_, _) => Gaussian(random));
        double largest = g.Svd(computeVectors: false).S.Select(s => s.Real).Max();
        return (g * (largestSingularValue / largest)).ToArray();
    }

    /// <summary>Every entry of <paramref name="matrix"/> times <paramref name="factor"/>.</summary>
    public static Complex[,] Scaled(Complex[,] matrix, Complex factor)
    {
        var scaled = (Complex[,])matrix.Clone();
        for (int row = 0; row < scaled.GetLength(0); row++)
            for (int column = 0; column < scaled.GetLength(1); column++)
                scaled[row, column] *= factor;
        return scaled;
    }
}
