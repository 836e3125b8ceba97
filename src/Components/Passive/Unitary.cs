using System.Globalization;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace PhotonicKit.Components.Passive;

/// <summary>
/// A user-given m-mode linear transformation M = matrix_re + i·matrix_im between inputs in0 … in{m−1} and
/// outputs out0 … out{m−1}: S[out_i, in_j] = S[in_j, out_i] = M_ij, all other entries 0. In port order
/// (in0 … in{m−1}, out0 … out{m−1}) the 2m × 2m S-matrix is [[0, Mᵀ], [M, 0]].
/// </summary>
/// <remarks>
/// Must be passive: every singular value of M at most 1 + 1e−9 (checked at binding, the message gives the
/// largest). Singular values of S are those of M (each twice), so S is unitary exactly when M is; M may be
/// lossy, hence <see cref="ComponentTraits.LosslessWithoutLoss"/> is false. Reciprocal by construction.
/// </remarks>
public sealed class UnitaryModel : ComponentModel
{
    /// <summary>Tolerance on the largest singular value of M above 1.</summary>
    public const double PassivityTolerance = 1e-9;

    private static readonly SettingSpec[] Specs =
    [
        new("matrix_re", SettingKind.Matrix, "", "real part of M, m rows of m numbers (row = output, column = input)") { Required = true },
        new("matrix_im", SettingKind.Matrix, "", "imaginary part of M, m rows of m numbers") { Required = true },
    ];

    /// <summary>Largest number of modes m accepted: the passivity check is a dense SVD (O(m³)) and S has (2m)²
    /// entries per wavelength, so larger matrices (easily written with YAML aliases) are refused before any work.</summary>
    public const int MaxModes = 2048;

    /// <inheritdoc/>
    public override string Name => "unitary";

    /// <inheritdoc/>
    public override string Summary => "user-given passive m-mode transfer matrix";

    /// <inheritdoc/>
    public override IReadOnlyList<SettingSpec> Settings => Specs;

    /// <inheritdoc/>
    public override IReadOnlyList<string>? FixedPorts => null;

    /// <inheritdoc/>
    public override string PortsDescription => "in0 … in{m−1}, out0 … out{m−1}";

    /// <inheritdoc/>
    public override ComponentTraits Traits { get; } = new(Passive: true, Reciprocal: true, LosslessWithoutLoss: false);

    /// <inheritdoc/>
    protected override BoundComponent BindCore(SettingsReader settings, ComponentContext context)
    {
        var re = settings.Matrix("matrix_re");
        var im = settings.Matrix("matrix_im");
        CheckSquareAndFinite(settings, "matrix_re", re);
        CheckSquareAndFinite(settings, "matrix_im", im);
        if (settings.Errors.Count == 0 && re!.Length != im!.Length)
            settings.AddError("matrix_re and matrix_im", $"sizes differ: matrix_re is {re.Length}×{re.Length}, matrix_im is {im.Length}×{im.Length}; expected the same m×m size");
        if (settings.Errors.Count == 0 && re!.Length > MaxModes)
            settings.AddError("matrix_re", string.Create(CultureInfo.InvariantCulture,
                $"a {re.Length}×{re.Length} matrix refused before starting: at most {MaxModes} modes (its passivity check is an SVD of about {4.0 * re.Length * re.Length * re.Length:G3} operations, and its S-matrix holds {16.0 * 4 * re.Length * re.Length:G3} bytes per wavelength)"));
        settings.ThrowIfErrors();

        int m = re!.Length;
        var matrix = new Complex[m, m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
            {
                matrix[i, j] = new Complex(re[i][j], im![i][j]);
                // |M_ij| ≤ σ_max, so a passive matrix has every entry in the unit disc; checking this first also
                // keeps the SVD away from entries whose squares overflow (1e308 would give a NaN singular value).
                if (matrix[i, j].Magnitude > 1 + PassivityTolerance)
                {
                    settings.AddError("matrix_re and matrix_im", string.Create(CultureInfo.InvariantCulture,
                        $"entry [{i}][{j}] = {re[i][j]:R} + {im[i][j]:R}i has magnitude {matrix[i, j].Magnitude:R}: a passive matrix has every |entry| ≤ 1 (a larger one is gain)"));
                    settings.ThrowIfErrors();
                }
            }
        double largest = LargestSingularValue(matrix);
        if (!(largest <= 1 + PassivityTolerance))
        {
            settings.AddError("matrix_re and matrix_im",
                $"the matrix has gain: largest singular value {largest.ToString("R", CultureInfo.InvariantCulture)}, expected every singular value ≤ 1 (+{PassivityTolerance.ToString("R", CultureInfo.InvariantCulture)}) for a passive component");
            settings.ThrowIfErrors();
        }
        return new BoundUnitary(this, matrix);
    }

    /// <summary>The largest singular value (spectral norm) of <paramref name="matrix"/>, by SVD.</summary>
    public static double LargestSingularValue(Complex[,] matrix) =>
        Matrix<Complex>.Build.DenseOfArray(matrix).Svd(computeVectors: false).S.Select(s => s.Magnitude).Max();

    private static void CheckSquareAndFinite(SettingsReader settings, string key, double[][]? rows)
    {
        if (rows is null) return;
        if (rows.Length != rows[0].Length)
        {
            settings.AddError(key, $"expected a square m×m matrix, got {rows.Length} rows of {rows[0].Length}");
            return;
        }
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < rows[i].Length; j++)
                if (!double.IsFinite(rows[i][j]))
                {
                    settings.AddError(key, $"entry [{i}][{j}] = {rows[i][j].ToString("R", CultureInfo.InvariantCulture)} is not a finite number");
                    return;
                }
    }
}

/// <summary>A bound <c>unitary</c>: the m-mode matrix M, readable by the multi-photon layer.</summary>
public sealed class BoundUnitary : BoundComponent
{
    private readonly Complex[,] _matrix;

    internal BoundUnitary(UnitaryModel model, Complex[,] matrix)
        : base(model, PortNames(matrix.GetLength(0)))
    {
        _matrix = matrix;
    }

    /// <summary>The number of modes m.</summary>
    public int ModeCount => _matrix.GetLength(0);

    /// <summary>M[output, input] = S[out_output, in_input].</summary>
    public Complex this[int output, int input] => _matrix[output, input];

    /// <summary>Port names in matrix order: in0 … in{m−1}, out0 … out{m−1}.</summary>
    public static string[] PortNames(int modeCount)
    {
        var ports = new string[2 * modeCount];
        for (int i = 0; i < modeCount; i++)
        {
            ports[i] = "in" + i.ToString(CultureInfo.InvariantCulture);
            ports[modeCount + i] = "out" + i.ToString(CultureInfo.InvariantCulture);
        }
        return ports;
    }

    /// <summary>Writes [[0, Mᵀ], [M, 0]] at every wavelength.</summary>
    protected override void Fill(SMatrixSweep s)
    {
        int m = ModeCount;
        for (int k = 0; k < s.WavelengthCount; k++)
            for (int i = 0; i < m; i++)
                for (int j = 0; j < m; j++)
                {
                    s.Set(k, m + i, j, _matrix[i, j]);
                    s.Set(k, j, m + i, _matrix[i, j]);
                }
    }
}
