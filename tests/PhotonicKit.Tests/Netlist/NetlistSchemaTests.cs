using System.Text.Json;
using PhotonicKit.Circuit.Netlist;
using PhotonicKit.Components;

namespace PhotonicKit.Tests.Netlist;

public class NetlistSchemaTests
{
    private static string RepositoryFile(string relative) => Repository.PathOf(relative);

    /// <summary>docs/netlist-v1.schema.json is the generated schema of the built-ins. Set
    /// PHOTONICKIT_UPDATE_SCHEMA=1 to rewrite it after adding or changing a component.</summary>
    [Fact]
    public void CommittedSchemaEqualsTheGeneratedOne()
    {
        string path = RepositoryFile(Path.Combine("docs", "netlist-v1.schema.json"));
        string generated = NetlistSchema.Generate(ComponentRegistry.BuiltIn);
        if (Environment.GetEnvironmentVariable("PHOTONICKIT_UPDATE_SCHEMA") == "1")
            File.WriteAllText(path, generated);
        Assert.True(File.Exists(path), $"{path} is missing: run the tests with PHOTONICKIT_UPDATE_SCHEMA=1");
        Assert.True(File.ReadAllText(path) == generated,
            "docs/netlist-v1.schema.json differs from NetlistSchema.Generate(ComponentRegistry.BuiltIn): run the tests with PHOTONICKIT_UPDATE_SCHEMA=1 and commit the file");
    }

    [Fact]
    public void SchemaHasOneDefinitionPerComponentWithItsSettings()
    {
        using var json = JsonDocument.Parse(NetlistSchema.Generate(TestComponents.Registry));
        var root = json.RootElement;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        var defs = root.GetProperty("$defs");
        foreach (var model in TestComponents.Registry.All)
        {
            var settings = defs.GetProperty("component_" + model.Name).GetProperty("properties").GetProperty("settings").GetProperty("properties");
            Assert.Equal(model.Settings.Select(s => s.Name), settings.EnumerateObject().Select(p => p.Name));
        }
        var coupling = defs.GetProperty("component_splitter").GetProperty("properties").GetProperty("settings").GetProperty("properties").GetProperty("coupling");
        Assert.Equal(0, coupling.GetProperty("minimum").GetDouble());
        Assert.Equal(1, coupling.GetProperty("maximum").GetDouble());
        Assert.Equal(0.5, coupling.GetProperty("default").GetDouble());
        var length = defs.GetProperty("component_waveguide").GetProperty("properties").GetProperty("settings");
        Assert.Equal(["length_um"], length.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("(µm)", length.GetProperty("properties").GetProperty("length_um").GetProperty("description").GetString());
        Assert.Equal(["threshold", "pnr"], defs.GetProperty("component_detector").GetProperty("properties").GetProperty("settings")
            .GetProperty("properties").GetProperty("resolution").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["photonickit", "wavelength_nm"], root.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void SchemaIsDeterministic() => Assert.Equal(NetlistSchema.Generate(), NetlistSchema.Generate());
}
