using System.Numerics;
using CsCheck;
using MathNet.Numerics.LinearAlgebra;
using PhotonicKit.Components;
using static PhotonicKit.Tests.Components.ComponentTestKit;

namespace PhotonicKit.Tests.Components;

/// <summary>
/// One property test over every model of <see cref="ComponentRegistry.BuiltIn"/>: for random valid settings
/// and wavelengths, S is finite and passive (largest singular value ≤ 1 + 1e−12), reciprocal when the model's
/// traits say so, and unitary when its traits say it is lossless and its loss settings are set to zero.
/// </summary>
public class BuiltInPropertyTests : IDisposable
{
    /// <summary>Where the random Touchstone files of the <c>sparameters</c> cases go; removed after each test.</summary>
    private static readonly string TouchstoneDirectory = Path.Combine(Path.GetTempPath(), "photonickit-property-touchstone");

    /// <summary>Removes the random Touchstone files.</summary>
    public void Dispose()
    {
        if (Directory.Exists(TouchstoneDirectory)) Directory.Delete(TouchstoneDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static Gen<Dictionary<string, SettingValue>> Combine((string Key, Gen<double> Value)[] settings)
    {
        Gen<Dictionary<string, SettingValue>> gen = Gen.Const(new Dictionary<string, SettingValue>());
        foreach (var (key, value) in settings)
            gen = gen.SelectMany(d => value.Select(v => new Dictionary<string, SettingValue>(d) { [key] = v }));
        return gen;
    }

    private static readonly Gen<double> LossDb = Gen.Double[0, 20];

    /// <summary>A random-settings generator for each built-in, covering its whole valid range.</summary>
    internal static readonly Dictionary<string, Gen<Dictionary<string, SettingValue>>> Generators = new()
    {
        ["waveguide"] = Combine([("length_um", Gen.Double[0, 5000]), ("n_eff", Gen.Double[1.4, 3.5]), ("n_g", Gen.Double[3.5, 4.5]), ("loss_db_per_cm", Gen.Double[0, 50])]),
        ["delay_line"] = Combine([("delay_ps", Gen.Double[0, 1000]), ("loss_db", LossDb)]),
        ["phase_shifter"] = Combine([("phase_rad", Gen.Double[-20, 20]), ("loss_db", LossDb)]),
        ["attenuator"] = Combine([("loss_db", Gen.Double[0, 60])]),
        ["beam_splitter"] = Combine([("coupling", Gen.Double[0, 1]), ("loss_db", LossDb)]),
        ["directional_coupler"] =
            from c in Gen.Double[0, 1]
            from u in Gen.Double[-1, 1]
            from loss in LossDb
            // |slope|·20 nm ≤ min(c, 1 − c) keeps coupling(λ) in [0, 1] for the ±20 nm test wavelengths.
            select new Dictionary<string, SettingValue> { ["coupling"] = c, ["coupling_slope_per_nm"] = u * Math.Min(c, 1 - c) / 20, ["loss_db"] = loss },
        ["dispersive_coupler"] = Combine([("length_um", Gen.Double[0, 200]), ("phase0_rad", Gen.Double[-10, 10]), ("phase_slope_per_um", Gen.Double[-20, 20]),
            ("phase_curvature_per_um2", Gen.Double[-50, 50]), ("delta_n", Gen.Double[-0.5, 0.5]), ("delta_n_slope_per_um", Gen.Double[-2, 2]),
            ("delta_n_curvature_per_um2", Gen.Double[-5, 5]), ("loss_db", LossDb)]),
        ["mmi1x2"] = Combine([("loss_db", LossDb)]),
        ["mmi2x2"] = Combine([("loss_db", LossDb)]),
        ["mmi1x2_gaussian"] = Combine([("fwhm_nm", Gen.Double[1, 400]), ("center_nm", Gen.Double[FileWavelengthNm - 30, FileWavelengthNm + 30]), ("loss_db", LossDb)]),
        ["mmi2x2_gaussian"] =
            from fwhm in Gen.Double[1, 400]
            from center in Gen.Double[-30, 30]
            from crossCenter in Gen.Double[-30, 30]
            from through in Gen.Double[0, 1]
            from u in Gen.Double[0, 1]
            from loss in LossDb
            from crossLoss in LossDb
            select new Dictionary<string, SettingValue>
            {
                ["fwhm_nm"] = fwhm, ["center_nm"] = FileWavelengthNm + center, ["cross_center_nm"] = FileWavelengthNm + crossCenter,
                ["through_fraction"] = through, ["cross_fraction"] = u * (1 - through), ["loss_db"] = loss, ["cross_loss_db"] = crossLoss,
            },
        ["crossing"] = Combine([("loss_db", LossDb), ("crosstalk_db", Gen.Double[-100, PhotonicKit.Components.Passive.CrossingModel.MaxCrosstalkDb])]),
        ["mirror"] = Combine([("reflectivity", Gen.Double[0, 1]), ("loss_db", LossDb)]),
        ["grating_coupler"] =
            from back in Gen.Double[-80, 0]
            from u in Gen.Double[0, 1]
            from bw in Gen.Double[0.5, 100]
            from centerOffset in Gen.Double[-30, 30]
            select new Dictionary<string, SettingValue>
            {
                ["back_reflection_db"] = back,
                ["peak_efficiency"] = u * (1 - Math.Pow(10, back / 10)),
                ["bandwidth_3db_nm"] = bw,
                ["center_nm"] = FileWavelengthNm + centerOffset,
            },
        ["terminator"] = Combine([("reflectivity", Gen.Double[0, 1])]),
        ["isolator"] = Combine([("insertion_loss_db", Gen.Double[0, 20]), ("isolation_db", Gen.Double[0, 80])]),
        ["ring_all_pass"] = Combine([("length_um", Gen.Double[1, 1000]), ("coupling", Gen.Double[0, 1]), ("n_eff", Gen.Double[1.4, 3.5]), ("n_g", Gen.Double[3.5, 4.5]), ("loss_db_per_cm", Gen.Double[0, 50])]),
        ["ring_add_drop"] = Combine([("length_um", Gen.Double[1, 1000]), ("coupling", Gen.Double[0, 1]), ("coupling_drop", Gen.Double[0, 1]), ("n_eff", Gen.Double[1.4, 3.5]), ("n_g", Gen.Double[3.5, 4.5]), ("loss_db_per_cm", Gen.Double[0, 50])]),
        ["quantum_dot"] =
            from lifetime in Gen.Double[20, 2000]
            from beta in Gen.Double[0, 1]
            from f in Gen.Double[0, 1]
            from qe in Gen.Double[0, 1]
            from dephasing in Gen.Double[0, 20]
            from diffusion in Gen.Double[0, 5]
            from detuningNm in Gen.Double[-0.05, 0.05]
            select new Dictionary<string, SettingValue>
            {
                ["lifetime_ps"] = lifetime,
                ["beta"] = beta,
                ["beta_right_fraction"] = f,
                ["quantum_efficiency"] = qe,
                ["pure_dephasing_per_ns"] = dephasing,
                ["spectral_diffusion_ghz"] = diffusion,
                ["wavelength_nm"] = FileWavelengthNm + detuningNm,
            },
        ["cavity_source"] = Combine([("purcell", Gen.Double[0, 30]), ("bulk_lifetime_ps", Gen.Double[300, 2000]), ("extraction_efficiency", Gen.Double[0, 1])]),
        ["unitary"] =
            from m in Gen.Int[1, 5]
            from values in Gen.Double[-1, 1].Array[2 * m * m]
            from scale in Gen.Double[0, 1]
            select UnitarySettings(m, values, scale),
        ["sparameters"] =
            from n in Gen.Int[1, 4]
            from points in Gen.Int[1, 4]
            from values in Gen.Double[-1, 1].Array[2 * 4 * 4 * 4]
            from scale in Gen.Double[0, 1]
            from formatIndex in Gen.Int[0, 2]
            let format = new[] { "RI", "MA", "DB" }[formatIndex]
            select SParametersSettings(n, points, values, scale, format),
        ["time_demux"] =
            from n in Gen.Int[1, 8]
            from eta in Gen.Double[0, 1].Array[n]
            from asList in Gen.Bool
            select new Dictionary<string, SettingValue>
            {
                ["channels"] = n,
                ["efficiency"] = asList ? new SettingValue.NumberList(eta) : new SettingValue.Number(eta[0]),
            },
        ["detector"] =
            from eff in Gen.Double[0, 1]
            from dark in Gen.Double[0, 1e6]
            from gate in Gen.Double[0.01, 100]
            from pnr in Gen.Bool
            from max in Gen.Int[1, 20]
            select new Dictionary<string, SettingValue>
            {
                ["efficiency"] = eff, ["dark_count_rate_hz"] = dark, ["gate_ns"] = gate,
                ["resolution"] = pnr ? "pnr" : "threshold", ["max_photons"] = max,
            },
    };

    /// <summary>A Touchstone file of random passive n-port matrices at <paramref name="points"/> frequencies spanning
    /// 150–450 THz (λ 666–2000 nm, every grid of the test), written to a temporary file.</summary>
    private static Dictionary<string, SettingValue> SParametersSettings(int n, int points, double[] values, double scale, string format)
    {
        var text = new System.Text.StringBuilder($"# THz S {format} R 50\n");
        for (int k = 0; k < Math.Max(points, 2); k++)
        {
            var matrix = Matrix<Complex>.Build.Dense(n, n, (i, j) => new Complex(Flush(values[(k % 4) * 32 + i * 4 + j]), Flush(values[(k % 4) * 32 + 16 + i * 4 + j])));
            double largest = LargestSingularValue(matrix);
            if (largest > 0) matrix *= scale / largest;
            text.Append((150 + 300.0 * k / (Math.Max(points, 2) - 1)).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    // Version 1 two-ports list S11 S21 S12 S22.
                    var z = n == 2 ? matrix[j, i] : matrix[i, j];
                    double a = format switch { "RI" => z.Real, "MA" => z.Magnitude, _ => 20 * Math.Log10(Math.Max(z.Magnitude, 1e-300)) };
                    double b = format == "RI" ? z.Imaginary : z.Phase * 180 / Math.PI;
                    text.Append(' ').Append(a.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(' ').Append(b.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                }
            text.Append('\n');
        }
        Directory.CreateDirectory(TouchstoneDirectory);
        string path = Path.Combine(TouchstoneDirectory, $"{Guid.NewGuid():N}.s{n}p");
        File.WriteAllText(path, text.ToString());
        return new Dictionary<string, SettingValue> { ["file"] = path };
    }

    /// <summary>A generated value, with magnitudes below 10⁻¹² taken as zero: MathNet's SVD (the helper that scales the
    /// matrices) loses up to 10⁻⁶ of the largest singular value, and far more with denormals, when the entries span
    /// hundreds of orders of magnitude, which the generator otherwise produces.</summary>
    private static double Flush(double value) => Math.Abs(value) < 1e-12 ? 0 : value;

    /// <summary>A random m×m complex matrix scaled so its largest singular value is <paramref name="scale"/> ≤ 1.</summary>
    private static Dictionary<string, SettingValue> UnitarySettings(int m, double[] values, double scale)
    {
        var matrix = Matrix<Complex>.Build.Dense(m, m, (i, j) => new Complex(Flush(values[i * m + j]), Flush(values[m * m + i * m + j])));
        double largest = LargestSingularValue(matrix);
        if (largest > 0) matrix *= scale / largest;
        return new Dictionary<string, SettingValue>
        {
            ["matrix_re"] = FormulaTests.Matrix(matrix, v => v.Real),
            ["matrix_im"] = FormulaTests.Matrix(matrix, v => v.Imaginary),
        };
    }

    public static TheoryData<string> BuiltInNames() => [.. ComponentRegistry.BuiltIn.All.Select(m => m.Name)];

    private static readonly Gen<(double FileNm, double[] OffsetsNm)> Wavelengths =
        Gen.Select(Gen.Double[800, 1600], Gen.Double[-20, 20].Array[1, 4]);

    [Theory]
    [MemberData(nameof(BuiltInNames))]
    public void EveryBuiltInIsPassiveAndHonoursItsTraits(string name)
    {
        Assert.True(ComponentRegistry.BuiltIn.TryGet(name, out var model));
        Assert.True(Generators.TryGetValue(name, out var settingsGen),
            $"no random-settings generator for built-in '{name}' in {nameof(BuiltInPropertyTests)}.{nameof(Generators)}: add one covering its valid settings");
        Gen.Select(settingsGen, Wavelengths).Sample((settings, grid) =>
        {
            var wavelengths = grid.OffsetsNm.Select(o => grid.FileNm + o).ToArray();
            var bound = model.Bind(settings, new ComponentContext(grid.FileNm));
            var sweep = bound.Evaluate(wavelengths);
            for (int k = 0; k < wavelengths.Length; k++)
            {
                var s = sweep.ToMatrix(k);
                Assert.All(s.Enumerate(), v => Assert.True(double.IsFinite(v.Real) && double.IsFinite(v.Imaginary), $"{name}: non-finite entry {v}"));
                double largest = LargestSingularValue(s);
                Assert.True(largest <= 1 + 1e-12, $"{name}: largest singular value {largest} > 1 at λ = {wavelengths[k]} nm");
                if (model.Traits.Reciprocal)
                    Assert.True(ReciprocityError(s) <= 1e-14, $"{name}: S ≠ Sᵀ by {ReciprocityError(s)}");
            }
            if (model.Traits.LosslessWithoutLoss)
            {
                var lossless = settings.ToDictionary(kv => kv.Key, kv => kv.Key.StartsWith("loss_", StringComparison.Ordinal) ? (SettingValue)0.0 : kv.Value);
                var unitary = model.Bind(lossless, new ComponentContext(grid.FileNm)).Evaluate(wavelengths);
                for (int k = 0; k < wavelengths.Length; k++)
                    Assert.True(UnitarityError(unitary.ToMatrix(k)) <= 1e-12, $"{name}: not unitary without loss, |S†S − I| = {UnitarityError(unitary.ToMatrix(k))}");
            }
        }, iter: 200);
    }

    [Theory]
    [MemberData(nameof(BuiltInNames))]
    public void EveryDeclaredSettingIsConsistent(string name)
    {
        Assert.True(ComponentRegistry.BuiltIn.TryGet(name, out var model));
        foreach (var spec in model.Settings)
        {
            if (spec.Required)
                Assert.True(spec.Default is null && spec.DefaultChoice is null && spec.DefaultDescription is null, $"{name}.{spec.Name}: required but has a default");
            if (spec.Default is double d && spec.Kind is SettingKind.Number or SettingKind.Integer or SettingKind.NumberOrList)
                Assert.True(spec.InRange(d), $"{name}.{spec.Name}: default {d} outside {spec.RangeText}");
            // Units live in the key: a key ending in a unit declares that unit for listings.
            bool unitInKey = new[] { "_um", "_nm", "_ps", "_ns", "_hz", "_mhz", "_ghz", "_db", "_rad", "_per_nm", "_per_cm", "_per_ns", "_per_ps" }
                .Any(sfx => spec.Name.EndsWith(sfx, StringComparison.Ordinal));
            if (unitInKey) Assert.True(spec.Unit.Length > 0, $"{name}.{spec.Name}: unit in the key but no declared unit");
        }
    }
}
