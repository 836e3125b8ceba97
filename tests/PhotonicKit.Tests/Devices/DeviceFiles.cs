using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Devices;
using PhotonicKit.Tests.Analyses;

namespace PhotonicKit.Tests.Devices;

/// <summary>The devices/ folder of the repository and the <c>source</c> result of each device file.</summary>
internal static class DeviceFiles
{
    private static readonly Lazy<string> RootDirectory = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PhotonicKit.sln"))) return dir.FullName;
        throw new InvalidOperationException("PhotonicKit.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootDirectory.Value;

    public static string PathOf(string name) => Path.Combine(Root, "devices", name + ".yaml");

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    /// <summary>Runs devices/NAME.yaml (the file, not the preset) and returns its source result.</summary>
    public static JsonObject SourceResult(string name) => RunHelper.Result(Text(name));

    public static PublishedFigure Published(PublishedDevice device, string field) => device.Figures.Single(f => f.Field == field);

    public static double Number(PublishedDevice device, string key) => (double)device.SettingsDictionary[key];

    public static double NumberOr(PublishedDevice device, string key, double fallback) =>
        device.SettingsDictionary.TryGetValue(key, out var v) ? (double)v : fallback;
}
