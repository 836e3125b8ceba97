using PhotonicKit.Components;

namespace PhotonicKit.Circuit.Results;

/// <summary>
/// The result of a <c>sweep</c> analysis: the inner analysis' full result at each value of one setting (spec §5).
/// <see cref="Results"/>[k] was computed at <see cref="Values"/>[k]; sweeps may nest.
/// </summary>
public sealed record SweepResult : AnalysisResult
{
    /// <inheritdoc/>
    public override string Type => "sweep";

    /// <summary>The swept setting, <c>instance.setting</c> (instance names joined by '.').</summary>
    public required string Parameter { get; init; }

    /// <summary>The values, in order: numbers (<see cref="SettingValue.Number"/>) or words.</summary>
    public required IReadOnlyList<SettingValue> Values { get; init; }

    /// <summary>The inner analysis' result at each value, in the order of <see cref="Values"/>.</summary>
    public required IReadOnlyList<AnalysisResult> Results { get; init; }
}
