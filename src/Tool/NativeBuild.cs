using System.Runtime.CompilerServices;

namespace PhotonicKit.Tool;

/// <summary>
/// The native build of the tool (NativeAOT, docs/benchmarks.md "Start-up"): everything the .NET build does except the
/// HTML report, whose chart library generates code at run time (F# formatting and Json.NET's binding of its dynamic
/// objects), which a native build cannot.
/// </summary>
internal static class NativeBuild
{
    /// <summary>True in a native build: no code can be generated at run time.</summary>
    public static bool IsNative => !RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>Why <c>--html</c> is refused in a native build, and where to get the report.</summary>
    public const string NoHtmlReport =
        "the HTML report needs the .NET build of photonickit (the installed tool, or 'dotnet run --project src/Tool --'): this native build writes --json and the summary";
}
