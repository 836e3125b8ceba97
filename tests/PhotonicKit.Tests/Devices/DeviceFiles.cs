using System.Text.Json.Nodes;
using PhotonicKit.Circuit.Devices;
using PhotonicKit.Tests.Analyses;

namespace PhotonicKit.Tests.Devices;

/// <summary>The devices/ folder of the repository and the <c>source</c> result of each device file.</summary>
internal static class DeviceFiles
{
    public static string Root => Repository.Root;

    public static string PathOf(string name) => Path.Combine(Root, "devices", name + ".yaml");

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    /// <summary>Runs devices/NAME.yaml (the file, not the preset) and returns its source result.</summary>
    public static JsonObject SourceResult(string name) => RunHelper.Result(Text(name));

    public static PublishedFigure Published(PublishedDevice device, string field) => device.Figures.Single(f => f.Field == field);

    public static double Number(PublishedDevice device, string key) => (double)device.SettingsDictionary[key];

    public static double NumberOr(PublishedDevice device, string key, double fallback) =>
        device.SettingsDictionary.TryGetValue(key, out var v) ? (double)v : fallback;
}
