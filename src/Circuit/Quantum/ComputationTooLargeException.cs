using System.Globalization;

namespace PhotonicKit.Circuit.Quantum;

/// <summary>
/// A multi-photon computation refused before any work because its estimated cost exceeds the allowed time or
/// memory. The message and <see cref="Estimate"/> give the numbers.
/// </summary>
public sealed class ComputationTooLargeException : InvalidOperationException
{
    /// <summary>Creates the exception from the estimate that exceeded a limit.</summary>
    /// <param name="estimate">The cost estimate.</param>
    /// <param name="reason">Which limit was exceeded, in words.</param>
    public ComputationTooLargeException(CostEstimate estimate, string reason)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"refused before starting: {reason} (estimate: {CostEstimate.Format(estimate.Patterns, "G4")} output patterns, {CostEstimate.Format(estimate.Operations, "G4")} floating-point operations, {CostEstimate.Format(estimate.MemoryBytes, "G4")} bytes)"))
    {
        Estimate = estimate;
    }

    /// <summary>The estimate that exceeded a limit.</summary>
    public CostEstimate Estimate { get; }
}

/// <summary>
/// Estimated cost of a multi-photon computation: output patterns visited, arithmetic operations (permanents of
/// order n cost 2^{n−1}·n, repeated-row permanents ∏(s_k+1)·n), and memory for stored results.
/// </summary>
/// <param name="Patterns">Number of output patterns evaluated (C(n+m−1, n) for n photons on m outputs without loss).</param>
/// <param name="Operations">Estimated floating-point operations.</param>
/// <param name="MemoryBytes">Estimated bytes held at once.</param>
public readonly record struct CostEstimate(double Patterns, double Operations, double MemoryBytes)
{
    /// <summary>Sum of two estimates (patterns and operations add; memory takes the larger).</summary>
    public static CostEstimate operator +(CostEstimate a, CostEstimate b) =>
        new(a.Patterns + b.Patterns, a.Operations + b.Operations, Math.Max(a.MemoryBytes, b.MemoryBytes));

    /// <summary>An estimated count for a message: the number in <paramref name="format"/>, or "more than 1.8E+308"
    /// when it overflowed to infinity (never the word Infinity).</summary>
    internal static string Format(double value, string format) =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : $"more than {double.MaxValue.ToString("G2", CultureInfo.InvariantCulture)}";
}

/// <summary>Limits against which <see cref="CostEstimate"/>s are checked before work starts.</summary>
/// <param name="MaxOperations">Largest accepted operation count (default 2·10¹¹, minutes on one core).</param>
/// <param name="MaxMemoryBytes">Largest accepted memory (default 75 % of the memory available to the process).</param>
public sealed record ComputationLimits(double MaxOperations, double MaxMemoryBytes)
{
    /// <summary>Default limits: 2·10¹¹ operations and 75 % of the available memory.</summary>
    public static ComputationLimits Default { get; } =
        new(2e11, 0.75 * GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <summary>Throws <see cref="ComputationTooLargeException"/> when <paramref name="estimate"/> exceeds a limit.</summary>
    /// <param name="estimate">The estimate to check.</param>
    public void Check(CostEstimate estimate)
    {
        if (!(estimate.Operations <= MaxOperations))
            throw new ComputationTooLargeException(estimate, string.Create(CultureInfo.InvariantCulture,
                $"more than {MaxOperations:G4} operations"));
        if (!(estimate.MemoryBytes <= MaxMemoryBytes))
            throw new ComputationTooLargeException(estimate, string.Create(CultureInfo.InvariantCulture,
                $"more than {MaxMemoryBytes:G4} bytes of memory (75 % of the machine's available memory)"));
    }
}
