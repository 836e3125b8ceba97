using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using CVector = MathNet.Numerics.LinearAlgebra.Vector<System.Numerics.Complex>;

namespace PhotonicKit.Components.Sources.Excitation;

/// <summary>
/// The integrals of <see cref="CorrelationSystem{TDrive}"/> after the drive, where the generator is the constant L0,
/// in closed form. The basis states carry an excitation number (a manifold) that the Hamiltonian keeps and every
/// jump lowers by one on both sides, so L0 keeps the difference of the manifolds of an operator's row and column;
/// the collected operator A lowers the manifold by one, and the steady state is basis state 0, |0⟩⟨0|.
/// </summary>
/// <remarks>
/// Populations and the G2 integral come from L0 on the manifold-diagonal blocks, shifted to L̃ = L0 − ρ_ss·Tr so
/// that it is invertible (traceless operators are unchanged). The G1² integrals come from the Lyapunov equations
/// M P + P M† = −vec(A)vec(A)† on the blocks ⟨n−1|·|n⟩ where the Heisenberg-picture A lives (M = L0† there), and
/// L̃†Q + QL̃ = −𝒜†P𝒜 on the diagonal blocks (𝒜: ρ ↦ Aρ), each solved in its Kronecker form.
/// </remarks>
internal sealed class FreeEvolutionTails
{
    private readonly int _d;
    private readonly int[] _diagonal;      // vec indices of the manifold-diagonal blocks
    private readonly int[] _lowered;       // vec indices of the blocks ⟨n−1|·|n⟩
    private readonly Matrix<Complex> _shiftedInverse; // L̃⁻¹ on the diagonal blocks
    private readonly Matrix<Complex> _shifted;        // L̃
    private readonly CVector _steady;         // ρ_ss = |0⟩⟨0| on the diagonal blocks
    private readonly Complex[,] _a;
    private readonly double[] _collectedNumber;
    private readonly Matrix<Complex> _p;              // P = ∫ h h† on the lowered blocks

    /// <param name="free">L0.</param>
    /// <param name="manifold">The excitation number of each basis state.</param>
    /// <param name="collected">A.</param>
    /// <param name="collectedNumber">The diagonal of A†A.</param>
    public FreeEvolutionTails(Liouvillian free, Func<int, int> manifold, Complex[,] collected, double[] collectedNumber)
    {
        _d = free.Dimension;
        _a = collected;
        _collectedNumber = collectedNumber;
        var diagonal = new List<int>();
        var lowered = new List<int>();
        for (int i = 0; i < _d; i++)
            for (int j = 0; j < _d; j++)
            {
                int mi = manifold(i), mj = manifold(j);
                if (mi == mj) diagonal.Add(i * _d + j);
                else if (mi == mj - 1) lowered.Add(i * _d + j);
            }
        _diagonal = diagonal.ToArray();
        _lowered = lowered.ToArray();
        var build = Matrix<Complex>.Build;
        int nr = _diagonal.Length;
        var lr = build.Dense(nr, nr, (r, c) => free.Dense[_diagonal[r], _diagonal[c]]);
        _steady = CVector.Build.Dense(nr);
        _steady[Array.IndexOf(_diagonal, 0)] = 1;
        var trace = CVector.Build.Dense(nr, r => _diagonal[r] / _d == _diagonal[r] % _d ? Complex.One : Complex.Zero);
        _shifted = lr - _steady.OuterProduct(trace);
        _shiftedInverse = _shifted.Inverse();

        // Heisenberg generator L† on the lowered blocks (closed: the jumps C†XC raise both sides together).
        int nh = _lowered.Length;
        var m = build.Dense(nh, nh, (r, c) => Complex.Conjugate(free.Dense[_lowered[c], _lowered[r]]));
        var c0 = CVector.Build.Dense(nh, r => _a[_lowered[r] / _d, _lowered[r] % _d]);
        _p = Lyapunov(m, c0.OuterProduct(c0.Conjugate()));
    }

    /// <summary>X with M X + X M† = −C (M Hurwitz), through the Kronecker form on row-major vec(X).</summary>
    private static Matrix<Complex> Lyapunov(Matrix<Complex> m, Matrix<Complex> c)
    {
        int n = m.RowCount;
        var identity = Matrix<Complex>.Build.DenseIdentity(n);
        var system = m.KroneckerProduct(identity) + identity.KroneckerProduct(m.Conjugate());
        var rhs = CVector.Build.Dense(n * n, k => -c[k / n, k % n]);
        var x = system.Solve(rhs);
        return Matrix<Complex>.Build.Dense(n, n, (i, j) => x[i * n + j]);
    }

    private CVector Diagonal(Complex[] vec) => CVector.Build.Dense(_diagonal.Length, r => vec[_diagonal[r]]);

    /// <summary>X − Tr(X)ρ_ss on the diagonal blocks.</summary>
    private CVector Deflate(CVector x)
    {
        Complex trace = Complex.Zero;
        for (int r = 0; r < _diagonal.Length; r++)
            if (_diagonal[r] / _d == _diagonal[r] % _d) trace += x[r];
        return x - trace * _steady;
    }

    /// <summary>Row vector o with o·x = Tr[N X] on the diagonal blocks, N diagonal with the given weights.</summary>
    private CVector Number(double[] weights) => CVector.Build.Dense(_diagonal.Length, r =>
    {
        int i = _diagonal[r] / _d, j = _diagonal[r] % _d;
        if (i != j) return Complex.Zero;
        return weights[i];
    });

    /// <summary>∫_{t_e}^∞ Tr[N e^{L(t−t_e)} X] dt = −o·L̃⁻¹(X − Tr X ρ_ss) (N annihilates ρ_ss).</summary>
    private double Integral(CVector o, CVector x) => -(o * (_shiftedInverse * Deflate(x))).Real;

    /// <summary>∫_{t_e}^∞ Tr[N ρ(t)] dt for a diagonal N that annihilates ρ_ss, from ρ(t_e).</summary>
    public double PopulationIntegral(Complex[] rho, double[] weights) => Integral(Number(weights), Diagonal(rho));

    /// <summary>∫∫_{t≤s}, s after the drive, of Tr[A†A 𝒰(s,t)(AρA†)]: the folded part z(t_e) and the pairs with t after it.</summary>
    public double SecondOrder(Complex[] rho, Complex[] z)
    {
        var n = Number(_collectedNumber);
        double folded = Integral(n, Diagonal(z));
        // ℓ(r) = −n·L̃⁻¹ Deflate(J r) with J r = A r A†; ∫ ℓ(r(t)) dt = −ℓ(L̃⁻¹ Deflate(r(t_e))) since J ρ_ss = 0.
        var r = _shiftedInverse * Deflate(Diagonal(rho));
        var jumped = Jump(r);
        double later = Integral(n, jumped);
        return folded - later;
    }

    /// <summary>A X A† of an operator given on the diagonal blocks, on the diagonal blocks.</summary>
    private CVector Jump(CVector x)
    {
        var full = new Complex[_d * _d];
        for (int r = 0; r < _diagonal.Length; r++) full[_diagonal[r]] = x[r];
        var result = new Complex[_d * _d];
        for (int i = 0; i < _d; i++)
            for (int k = 0; k < _d; k++)
            {
                if (_a[i, k] == Complex.Zero) continue;
                for (int j = 0; j < _d; j++)
                    for (int l = 0; l < _d; l++)
                        if (_a[j, l] != Complex.Zero) result[i * _d + j] += _a[i, k] * full[k * _d + l] * Complex.Conjugate(_a[j, l]);
            }
        return Diagonal(result);
    }

    /// <summary>∫∫_{t≤s}, s after the drive, of |Tr[A† 𝒰(s,t)(Aρ(t))]|²: Tr[Z(t_e) P] for t in the drive, r′†Qr′ after it.</summary>
    public double FirstOrderSquared(Complex[] rho, Complex[] zz)
    {
        int size = _d * _d, nh = _lowered.Length;
        Complex folded = Complex.Zero;
        for (int i = 0; i < nh; i++)
            for (int j = 0; j < nh; j++) folded += zz[_lowered[i] * size + _lowered[j]] * _p[j, i];
        // x_h = 𝒜 r: (Aρ) on the lowered blocks from ρ on the diagonal blocks.
        int nr = _diagonal.Length;
        var a = Matrix<Complex>.Build.Dense(nh, nr);
        for (int h = 0; h < nh; h++)
        {
            int i = _lowered[h] / _d, j = _lowered[h] % _d;
            for (int r = 0; r < nr; r++)
            {
                int k = _diagonal[r] / _d, l = _diagonal[r] % _d;
                if (l == j && _a[i, k] != Complex.Zero) a[h, r] += _a[i, k];
            }
        }
        var weight = a.ConjugateTranspose() * _p * a;
        var q = LyapunovAdjoint(_shifted, weight);
        var r0 = Deflate(Diagonal(rho));
        Complex later = r0.Conjugate() * (q * r0);
        return folded.Real + later.Real;
    }

    /// <summary>Q with L̃†Q + QL̃ = −W.</summary>
    private static Matrix<Complex> LyapunovAdjoint(Matrix<Complex> l, Matrix<Complex> w) => Lyapunov(l.ConjugateTranspose(), w);
}
