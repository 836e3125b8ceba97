namespace PhotonicKit.Circuit.Results;

/// <summary>Values as result records hold them.</summary>
internal static class ResultValues
{
    /// <summary>A value of a nullable field: null when undefined or not finite (the document writes both as null).</summary>
    public static double? Finite(double? value) => value is double v && double.IsFinite(v) ? v : null;
}
