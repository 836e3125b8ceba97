namespace PhotonicKit.Components;

/// <summary>
/// Elementary functions where the obvious formula cancels. (.NET's <c>double.ExpM1</c> is computed as
/// <c>Math.Exp(x) − 1</c>: at x = 10⁻⁹ it is wrong in the eighth digit.)
/// </summary>
public static class AccurateMath
{
    /// <summary>
    /// e^x − 1 without cancellation for small |x|: Kahan's (u − 1)·x/ln u with u = e^x, accurate to a few ulps
    /// (W. Kahan, "Interval arithmetic options in the proposed IEEE floating point arithmetic standard", 1980).
    /// Returns x where e^x rounds to 1, −1 where it underflows, +∞ where it overflows, NaN for NaN.
    /// </summary>
    /// <param name="x">Any double.</param>
    public static double ExpM1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1.0) return x;
        double um1 = u - 1.0;
        if (um1 == -1.0) return -1.0;
        return double.IsInfinity(u) ? u : um1 * x / Math.Log(u);
    }
}
