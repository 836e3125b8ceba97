using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using PhotonicKit.Components;

namespace PhotonicKit.Tests.Components;

/// <summary>Binding, matrix checks and a small dense network solve used by the component tests.</summary>
internal static class ComponentTestKit
{
    public const double FileWavelengthNm = 930;

    public static BoundComponent Bind(string component, IReadOnlyDictionary<string, SettingValue> settings, double fileWavelengthNm = FileWavelengthNm)
    {
        Assert.True(ComponentRegistry.BuiltIn.TryGet(component, out var model), $"no built-in '{component}'");
        return model.Bind(settings, new ComponentContext(fileWavelengthNm));
    }

    public static BoundComponent Bind(string component, params (string Key, SettingValue Value)[] settings) =>
        Bind(component, settings.ToDictionary(s => s.Key, s => s.Value));

    /// <summary>S at one wavelength as a MathNet matrix.</summary>
    public static Matrix<Complex> At(BoundComponent component, double wavelengthNm) => component.Evaluate([wavelengthNm]).ToMatrix(0);

    /// <summary>S at one wavelength, entry by port names.</summary>
    public static Complex Entry(BoundComponent component, double wavelengthNm, string outPort, string inPort) =>
        component.Evaluate([wavelengthNm])[0, outPort, inPort];

    public static double LargestSingularValue(Matrix<Complex> s) => s.Svd(computeVectors: false).S.Select(v => v.Magnitude).Max();

    /// <summary>max |(S†S − I)_ij|.</summary>
    public static double UnitarityError(Matrix<Complex> s)
    {
        var d = s.ConjugateTranspose() * s - Matrix<Complex>.Build.DenseIdentity(s.RowCount);
        return d.Enumerate().Max(v => v.Magnitude);
    }

    /// <summary>max |S_ij − S_ji|.</summary>
    public static double ReciprocityError(Matrix<Complex> s) => (s - s.Transpose()).Enumerate().Select(v => v.Magnitude).DefaultIfEmpty(0).Max();

    public static double MaxDifference(Matrix<Complex> a, Matrix<Complex> b) => (a - b).Enumerate().Max(v => v.Magnitude);

    /// <summary>Asserts that S of <paramref name="component"/> equals <paramref name="expected"/> (given by port
    /// names; unlisted entries must be 0) to <paramref name="tolerance"/>.</summary>
    public static void AssertMatrix(BoundComponent component, double wavelengthNm, IReadOnlyDictionary<(string Out, string In), Complex> expected, double tolerance = 1e-13)
    {
        var s = component.Evaluate([wavelengthNm]);
        foreach (var o in component.Ports)
            foreach (var i in component.Ports)
            {
                var want = expected.TryGetValue((o, i), out var v) ? v : Complex.Zero;
                var got = s[0, o, i];
                Assert.True((got - want).Magnitude <= tolerance, $"S[{o},{i}] = {got}, expected {want} (λ = {wavelengthNm} nm)");
            }
    }

    /// <summary>
    /// Connects primitive blocks into a circuit: with all primitive ports stacked (block-diagonal S), internal
    /// ports joined pairwise by a permutation P, the external S is S_ee + S_ei (I − P S_ii)⁻¹ P S_ie.
    /// </summary>
    /// <param name="blocks">Each primitive: instance name and bound component.</param>
    /// <param name="connections">Pairs "instance,port".</param>
    /// <param name="external">External ports, in order, as "instance,port".</param>
    public static Matrix<Complex> Connect(IReadOnlyList<(string Name, BoundComponent Component)> blocks,
        IReadOnlyList<(string A, string B)> connections, IReadOnlyList<string> external, double wavelengthNm)
    {
        var names = new List<string>();
        var matrices = new List<Matrix<Complex>>();
        foreach (var (name, component) in blocks)
        {
            names.AddRange(component.Ports.Select(p => $"{name},{p}"));
            matrices.Add(At(component, wavelengthNm));
        }
        int n = names.Count;
        var full = Matrix<Complex>.Build.Dense(n, n);
        int offset = 0;
        foreach (var m in matrices)
        {
            full.SetSubMatrix(offset, offset, m);
            offset += m.RowCount;
        }
        int Index(string port)
        {
            int i = names.IndexOf(port);
            Assert.True(i >= 0, $"no port {port}");
            return i;
        }
        var internalPorts = connections.SelectMany(c => new[] { Index(c.A), Index(c.B) }).ToArray();
        var externalPorts = external.Select(Index).ToArray();
        int ni = internalPorts.Length;
        var p = Matrix<Complex>.Build.Dense(ni, ni);
        for (int c = 0; c < connections.Count; c++)
        {
            p[2 * c, 2 * c + 1] = 1;
            p[2 * c + 1, 2 * c] = 1;
        }
        Matrix<Complex> Sub(int[] rows, int[] cols)
        {
            var m = Matrix<Complex>.Build.Dense(rows.Length, cols.Length);
            for (int r = 0; r < rows.Length; r++)
                for (int c = 0; c < cols.Length; c++)
                    m[r, c] = full[rows[r], cols[c]];
            return m;
        }
        var see = Sub(externalPorts, externalPorts);
        var sei = Sub(externalPorts, internalPorts);
        var sie = Sub(internalPorts, externalPorts);
        var sii = Sub(internalPorts, internalPorts);
        var loop = Matrix<Complex>.Build.DenseIdentity(ni) - p * sii;
        return see + sei * loop.Solve(p * sie);
    }

    public static Dictionary<string, SettingValue> Settings(params (string Key, SettingValue Value)[] settings) =>
        settings.ToDictionary(s => s.Key, s => s.Value);
}
