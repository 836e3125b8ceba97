namespace PhotonicKit.Tests;

/// <summary>The repository the tests run from: the folder above the test binaries that holds PhotonicKit.sln, and paths in it.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootDirectory = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PhotonicKit.sln"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (PhotonicKit.sln) is not above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository's root folder.</summary>
    public static string Root => RootDirectory.Value;

    /// <summary>A path in the repository, from its parts (<c>PathOf("examples", "netlists")</c> or <c>PathOf("docs/analyses.md")</c>).</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
