using System.Globalization;
using System.Text;
using Xunit.Sdk;

namespace PhotonicKit.Tests.Examples;

/// <summary>
/// Compares a device's figures with expected values, each within its own absolute tolerance, and on failure
/// throws one exception whose message is a table of every figure: value, expected, difference, tolerance, and
/// which ones are out of tolerance. Collect all figures first, then call <see cref="Verify"/>.
/// </summary>
public sealed class FigureAssert
{
    private readonly List<(string Name, double Actual, double Expected, double Tolerance)> _rows = [];

    /// <summary>Adds a figure to compare: |actual − expected| ≤ tolerance passes.</summary>
    /// <param name="name">The figure's name as printed in the table.</param>
    /// <param name="actual">The computed value.</param>
    /// <param name="expected">The independently expected value.</param>
    /// <param name="tolerance">Allowed absolute difference (≥ 0).</param>
    public FigureAssert Near(string name, double actual, double expected, double tolerance)
    {
        if (!(tolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "the tolerance must be ≥ 0");
        _rows.Add((name, actual, expected, tolerance));
        return this;
    }

    /// <summary>The figures added so far that are out of tolerance (a non-finite value always is).</summary>
    public IReadOnlyList<string> Failures =>
        _rows.Where(r => !Passes(r.Actual, r.Expected, r.Tolerance)).Select(r => r.Name).ToList();

    /// <summary>Throws an <see cref="XunitException"/> with the table of all figures if any is out of tolerance.</summary>
    public void Verify()
    {
        if (Failures.Count == 0) return;
        throw new XunitException($"{Failures.Count} of {_rows.Count} figures out of tolerance:\n{Table()}");
    }

    /// <summary>The comparison table, one line per figure, failing ones marked "FAIL".</summary>
    public string Table()
    {
        var c = CultureInfo.InvariantCulture;
        int width = Math.Max(6, _rows.Count == 0 ? 0 : _rows.Max(r => r.Name.Length));
        var text = new StringBuilder();
        text.Append(c, $"{"figure".PadRight(width)}  {"value",12}  {"expected",12}  {"difference",12}  {"tolerance",10}\n");
        foreach (var (name, actual, expected, tolerance) in _rows)
        {
            string mark = Passes(actual, expected, tolerance) ? "" : "  FAIL";
            text.Append(c, $"{name.PadRight(width)}  {actual,12:G6}  {expected,12:G6}  {actual - expected,12:G3}  {tolerance,10:G2}{mark}\n");
        }
        return text.ToString();
    }

    private static bool Passes(double actual, double expected, double tolerance) =>
        double.IsFinite(actual) && Math.Abs(actual - expected) <= tolerance;
}
