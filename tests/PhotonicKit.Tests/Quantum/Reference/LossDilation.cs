using System.Globalization;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace PhotonicKit.Tests.Quantum.Reference;

/// <summary>
/// A lossy, frequency-dependent linear circuit made unitary by loss modes: for each internal mode q the D × m
/// contraction T_q is stacked on an L_q × m block E_q with E_q†E_q = I − T_q†T_q, so the columns of [T_q; E_q]
/// are orthonormal and a†_{i,q} → Σ_d T_q[d, i] b†_{d,q} + Σ_l E_q[l, i] c†_{l,q} keeps the bosonic commutators
/// (the unitary dilation of a contraction, Halmos, Summa Brasil. Math. 2, 125 (1950); loss as coupling to
/// bath modes as in Barnett, Jeffers, Gatti, Loudon, Phys. Rev. A 57, 2134 (1998)).
/// </summary>
internal sealed class LossDilation
{
    /// <summary>Singular values of T_q above 1 + this are gain, which a passive circuit cannot have.</summary>
    public const double SingularValueTolerance = 1e-12;

    // Loss channels weaker than this carry no probability a double can resolve next to 1; dropping them keeps
    // lossless circuits free of loss modes.
    private const double NegligibleLoss = 1e-14;

    // The dilation is checked against the definition; this bounds the rounding an eigen-decomposition of an
    // m × m matrix with entries of order one can leave.
    private const double IsometryTolerance = 1e-10;

    private LossDilation(Complex[,] isometry, int detectedModeCount, int lossModeCount)
    {
        Isometry = isometry;
        DetectedModeCount = detectedModeCount;
        LossModeCount = lossModeCount;
    }

    /// <summary>
    /// V[o, i·K + q]: the amplitude from input i in internal mode q to output mode o. Output modes are the detected
    /// modes first, o = d·K + q, then the loss modes of every internal mode.
    /// </summary>
    public Complex[,] Isometry { get; }

    /// <summary>D·K, the detected output modes (detector × internal mode).</summary>
    public int DetectedModeCount { get; }

    /// <summary>Σ_q L_q, the loss output modes kept.</summary>
    public int LossModeCount { get; }

    /// <summary>All output modes, detected and loss.</summary>
    public int OutputModeCount => DetectedModeCount + LossModeCount;

    /// <summary>Dilates <paramref name="transfer"/> (already checked for shape and finiteness).</summary>
    /// <exception cref="ArgumentException">A singular value of some T_q exceeds 1 + 10⁻¹².</exception>
    public static LossDilation Build(Complex[][,] transfer)
    {
        int internalModeCount = transfer.Length;
        int detectorCount = transfer[0].GetLength(0), inputCount = transfer[0].GetLength(1);

        var lossRowsByInternalMode = new List<Complex[]>[internalModeCount];
        for (int q = 0; q < internalModeCount; q++)
        {
            Matrix<Complex> t = Matrix<Complex>.Build.DenseOfArray(transfer[q]);
            double largestSingularValue = t.Svd(computeVectors: false).S.Select(s => s.Real).Max();
            if (largestSingularValue > 1 + SingularValueTolerance)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"transfer[{q}] has a singular value {largestSingularValue:R} > 1 + {SingularValueTolerance:R}: a passive circuit has no gain."),
                    nameof(transfer));

            Matrix<Complex> lossGram = Matrix<Complex>.Build.DenseIdentity(inputCount) - t.ConjugateTranspose() * t;
            lossGram = (lossGram + lossGram.ConjugateTranspose()) / 2;
            var evd = lossGram.Evd(Symmetricity.Hermitian);
            var rows = new List<Complex[]>();
            for (int k = 0; k < inputCount; k++)
            {
                double lossEigenvalue = evd.EigenValues[k].Real;
                if (lossEigenvalue <= NegligibleLoss)
                    continue;
                // E[l, i] = √μ_l conj(W[i, l]) gives E†E = Σ_l μ_l w_l w_l† = I − T†T.
                double amplitude = Math.Sqrt(lossEigenvalue);
                var row = new Complex[inputCount];
                for (int i = 0; i < inputCount; i++)
                    row[i] = amplitude * Complex.Conjugate(evd.EigenVectors[i, k]);
                rows.Add(row);
            }
            lossRowsByInternalMode[q] = rows;
        }

        int detectedModeCount = detectorCount * internalModeCount;
        int lossModeCount = lossRowsByInternalMode.Sum(rows => rows.Count);
        var isometry = new Complex[detectedModeCount + lossModeCount, inputCount * internalModeCount];
        int lossMode = detectedModeCount;
        for (int q = 0; q < internalModeCount; q++)
        {
            for (int i = 0; i < inputCount; i++)
                for (int d = 0; d < detectorCount; d++)
                    isometry[d * internalModeCount + q, i * internalModeCount + q] = transfer[q][d, i];
            foreach (Complex[] row in lossRowsByInternalMode[q])
            {
                for (int i = 0; i < inputCount; i++)
                    isometry[lossMode, i * internalModeCount + q] = row[i];
                lossMode++;
            }
        }

        CheckIsometry(isometry);
        return new LossDilation(isometry, detectedModeCount, lossModeCount);
    }

    // An oracle that is wrong silently is worse than none: V†V = I is the whole point of the dilation.
    private static void CheckIsometry(Complex[,] isometry)
    {
        int outputs = isometry.GetLength(0), inputs = isometry.GetLength(1);
        for (int a = 0; a < inputs; a++)
        {
            for (int b = 0; b < inputs; b++)
            {
                Complex product = Complex.Zero;
                for (int o = 0; o < outputs; o++)
                    product += Complex.Conjugate(isometry[o, a]) * isometry[o, b];
                double deviation = (product - (a == b ? Complex.One : Complex.Zero)).Magnitude;
                if (deviation > IsometryTolerance)
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"The loss dilation is not an isometry: (V†V)[{a}, {b}] is off by {deviation:R}."));
            }
        }
    }
}
