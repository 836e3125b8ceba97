using System.Reflection;
using PhotonicKit.Circuit.Design;
using PhotonicKit.Components;

namespace PhotonicKit.Tests.Design;

public class TypedComponentsTests
{
    private static string RepositoryFile(string relative) => Repository.PathOf(relative);

    /// <summary>src/Circuit/Design/Components.g.cs is what the generator writes from the registry. Set
    /// PHOTONICKIT_UPDATE_GENERATED=1 to rewrite it after adding or changing a component.</summary>
    [Fact]
    public void CommittedTypedComponentsEqualTheGeneratedOnes()
    {
        string path = RepositoryFile(TypedComponentsGenerator.RelativePath);
        string generated = TypedComponentsGenerator.Generate(ComponentRegistry.BuiltIn);
        if (Environment.GetEnvironmentVariable("PHOTONICKIT_UPDATE_GENERATED") == "1")
            File.WriteAllText(path, generated);
        Assert.True(File.Exists(path), $"{path} is missing: run the tests with PHOTONICKIT_UPDATE_GENERATED=1");
        Assert.True(File.ReadAllText(path) == generated,
            $"{TypedComponentsGenerator.RelativePath} differs from what TypedComponentsGenerator writes from ComponentRegistry.BuiltIn: run the tests with PHOTONICKIT_UPDATE_GENERATED=1 and commit the file");
    }

    private static readonly IReadOnlyDictionary<string, Type> SettingsTypes = typeof(ComponentSettings).Assembly.GetExportedTypes()
        .Where(t => t.IsSubclassOf(typeof(ComponentSettings)) && !t.IsAbstract)
        .ToDictionary(t => ((ComponentSettings)Activator.CreateInstance(t)!).ComponentName);

    public static TheoryData<string> BuiltIns() => [.. ComponentRegistry.BuiltIn.All.Select(m => m.Name)];

    /// <summary>Every built-in has its settings record: a property per setting (its name in the key's words), each
    /// written under its key when set and not at all when left null, and its ports.</summary>
    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void EveryBuiltInComponentHasItsTypedSettingsAndPorts(string component)
    {
        Assert.True(ComponentRegistry.BuiltIn.TryGet(component, out var model));
        Assert.True(SettingsTypes.TryGetValue(component, out var type), $"no ComponentSettings record for '{component}'");

        var empty = (ComponentSettings)Activator.CreateInstance(type)!;
        Assert.Empty(empty.ToSettings());
        Assert.Equal(model.FixedPorts, empty.PortNames);

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(p => p.CanWrite).ToList();
        Assert.Equal(model.Settings.Select(s => TypedComponentsGenerator.Pascal(s.Name)).Order(), properties.Select(p => p.Name).Order());
        var full = (ComponentSettings)Activator.CreateInstance(type)!;
        foreach (var property in properties) property.SetValue(full, Sample(property.PropertyType));
        Assert.Equal(model.Settings.Select(s => s.Name), full.ToSettings().Select(s => s.Key));

        // The circuit's Add for it returns an instance whose port properties name the component's ports.
        var add = typeof(CircuitContents).GetMethod("Add", [typeof(string), type]);
        Assert.NotNull(add);
        var instance = (Instance)add.Invoke(new CircuitDesign(930), ["x", empty])!;
        Assert.Equal(component, instance.Component);
        var ports = instance.GetType().GetProperties().Where(p => p.PropertyType == typeof(PortRef))
            .Select(p => ((PortRef)p.GetValue(instance)!).Name).ToList();
        Assert.Equal(model.FixedPorts ?? (component == "time_demux" ? ["in"] : []), ports);
    }

    private static object Sample(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(double)) return 1.0;
        if (t == typeof(int)) return 2;
        if (t.IsEnum) return Enum.GetValues(t).GetValue(0)!;
        if (t == typeof(NumberOrList)) return (NumberOrList)1.0;
        if (t == typeof(string)) return "file.s2p";
        if (t == typeof(IReadOnlyList<IReadOnlyList<double>>)) return new IReadOnlyList<double>[] { [1.0] };
        throw new InvalidOperationException($"no sample value of {t.Name}");
    }

    [Fact]
    public void TypedSettingsRecordsAreExactlyTheBuiltIns() =>
        Assert.Equal(ComponentRegistry.BuiltIn.All.Select(m => m.Name).Order(), SettingsTypes.Keys.Order());

    [Fact]
    public void ChoiceSettingsAreWrittenAsTheirNetlistWords()
    {
        var dot = new QuantumDot { Excitation = Excitation.PhononAssisted, MultiphotonModel = MultiphotonModelChoice.MasterEquation };
        Assert.Equal(["excitation phonon_assisted", "multiphoton_model master_equation"], dot.ToSettings().Select(s => $"{s.Key} {s.Value}"));
        var demux = new TimeDemux { Channels = 3, Efficiency = new[] { 0.9, 0.8, 0.7 } };
        Assert.Equal(["channels 3", "efficiency [0.9, 0.8, 0.7]"], demux.ToSettings().Select(s => $"{s.Key} {s.Value}"));
    }
}
