namespace PhotonicKit.Reporting;
/// <summary>Placeholder so the assembly has a type.</summary>
internal static class AssemblyMarker { }
