using System.Collections.Concurrent;

namespace PhotonicKit.Components.Sources.Excitation;

/// <summary>
/// The results of an expensive solve remembered for the last few hundred parameter sets (a source is bound once per
/// instance and sweep point, and its figures are asked for by several analyses). Parameters are records, compared by value.
/// </summary>
internal sealed class SolveCache<TParameters, TResult>(Func<TParameters, TResult> solve) where TParameters : notnull
{
    private const int Capacity = 256;
    private readonly ConcurrentDictionary<TParameters, TResult> _results = new();

    /// <summary>The result for <paramref name="parameters"/>, solved on first use.</summary>
    public TResult Get(TParameters parameters)
    {
        if (_results.TryGetValue(parameters, out var known)) return known;
        var result = solve(parameters);
        if (_results.Count > Capacity) _results.Clear();
        _results[parameters] = result;
        return result;
    }
}
