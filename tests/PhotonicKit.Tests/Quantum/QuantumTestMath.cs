using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace PhotonicKit.Tests.Quantum;

/// <summary>Independent reference computations for the multi-photon tests.</summary>
internal static class QuantumTestMath
{
    /// <summary>perm(A) by the definition Σ_σ ∏_j A[σ(j), j].</summary>
    public static Complex NaivePermanent(Complex[,] a)
    {
        int n = a.GetLength(0);
        Complex total = Complex.Zero;
        foreach (int[] sigma in Permutations(n))
        {
            Complex p = Complex.One;
            for (int j = 0; j < n; j++) p *= a[sigma[j], j];
            total += p;
        }
        return total;
    }

    public static IEnumerable<int[]> Permutations(int n)
    {
        var a = Enumerable.Range(0, n).ToArray();
        return Recurse(0);
        IEnumerable<int[]> Recurse(int k)
        {
            if (k == n) { yield return (int[])a.Clone(); yield break; }
            for (int i = k; i < n; i++)
            {
                (a[k], a[i]) = (a[i], a[k]);
                foreach (var p in Recurse(k + 1)) yield return p;
                (a[k], a[i]) = (a[i], a[k]);
            }
        }
    }

    /// <summary>Haar-random unitary: QR of a complex Ginibre matrix with the phases of R's diagonal moved into Q (Mezzadri 2007).</summary>
    public static Complex[,] HaarUnitary(int m, Random rng)
    {
        var z = Matrix<Complex>.Build.Dense(m, m, (_, _) => new Complex(Gaussian(rng), Gaussian(rng)) / Math.Sqrt(2));
        var qr = z.QR();
        var q = qr.Q;
        var r = qr.R;
        var u = new Complex[m, m];
        for (int j = 0; j < m; j++)
        {
            Complex d = r[j, j];
            Complex phase = d.Magnitude > 0 ? d / d.Magnitude : Complex.One;
            for (int i = 0; i < m; i++) u[i, j] = q[i, j] * phase;
        }
        return u;
    }

    /// <summary>Random Gram matrix of n unit vectors in dimension d (complex Gaussian entries).</summary>
    public static Complex[,] RandomGram(int n, int d, Random rng)
    {
        var v = new Complex[n, d];
        for (int i = 0; i < n; i++)
        {
            double norm = 0;
            for (int a = 0; a < d; a++) { v[i, a] = new Complex(Gaussian(rng), Gaussian(rng)); norm += v[i, a].Magnitude * v[i, a].Magnitude; }
            for (int a = 0; a < d; a++) v[i, a] /= Math.Sqrt(norm);
        }
        var g = new Complex[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                Complex s = 0;
                for (int a = 0; a < d; a++) s += Complex.Conjugate(v[i, a]) * v[j, a];
                g[i, j] = i == j ? Complex.One : s;
            }
        return g;
    }

    public static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public static Complex[,] Fourier(int n, bool normalised)
    {
        var f = new Complex[n, n];
        double s = normalised ? 1 / Math.Sqrt(n) : 1;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                f[i, j] = s * Complex.FromPolarCoordinates(1, 2 * Math.PI * i * j / n);
        return f;
    }

    public static Complex[,] BeamSplitter5050() => new Complex[,]
    {
        { 1 / Math.Sqrt(2), new Complex(0, 1 / Math.Sqrt(2)) },
        { new Complex(0, 1 / Math.Sqrt(2)), 1 / Math.Sqrt(2) },
    };

    /// <summary>
    /// Brute-force first-quantised probability of a full outcome: photons go to outputs or to "lost" (index m),
    /// P·N_in = Σ_σ ∏_j G[σ(j), j] Σ_f ∏_j u_f(j)(j, σ(j)), u_k(j, i) = C[k, j] conj(C[k, i]) for an output and
    /// (I − CᴴC)[i, j] (same-input indicator for I) for a loss. Returns the distribution over (counts at outputs).
    /// </summary>
    public static Dictionary<string, double> BruteForceDistribution(Complex[,] transfer, int[] inputs, Complex[,] gram)
    {
        int m = transfer.GetLength(0), n = inputs.Length;
        Complex Cm(int k, int j) => transfer[k, inputs[j]];
        Complex E(int i, int j)
        {
            Complex s = inputs[i] == inputs[j] ? 1 : 0;
            for (int k = 0; k < m; k++) s -= Complex.Conjugate(Cm(k, i)) * Cm(k, j);
            return s;
        }
        var sigmas = Permutations(n).ToList();
        double nIn = 0;
        foreach (var s in sigmas)
        {
            Complex w = 1;
            for (int j = 0; j < n; j++) w *= inputs[s[j]] == inputs[j] ? gram[s[j], j] : 0;
            nIn += w.Real;
        }
        var result = new Dictionary<string, double>();
        var f = new int[n];
        long total = (long)Math.Pow(m + 1, n);
        for (long code = 0; code < total; code++)
        {
            long c = code;
            for (int j = 0; j < n; j++) { f[j] = (int)(c % (m + 1)); c /= m + 1; }
            Complex sum = 0;
            foreach (var s in sigmas)
            {
                Complex term = 1;
                for (int j = 0; j < n; j++)
                {
                    term *= gram[s[j], j];
                    term *= f[j] == m ? E(s[j], j) : Cm(f[j], j) * Complex.Conjugate(Cm(f[j], s[j]));
                    if (term == Complex.Zero) break;
                }
                sum += term;
            }
            var counts = new int[m];
            for (int j = 0; j < n; j++) if (f[j] < m) counts[f[j]]++;
            string key = string.Join(",", counts);
            result[key] = result.GetValueOrDefault(key) + sum.Real / nIn;
        }
        return result;
    }
}
