namespace PhotonicKit.Components;

/// <summary>
/// The built-in components by name. The netlist engine, <c>photonickit components</c> and the JSON schema
/// all list from here, so a component added to <see cref="BuiltIn"/> appears everywhere at once.
/// </summary>
public sealed class ComponentRegistry
{
    private readonly Dictionary<string, ComponentModel> _byName;
    private readonly ComponentModel[] _ordered;

    /// <summary>Creates a registry of the given models (names must be unique).</summary>
    public ComponentRegistry(IEnumerable<ComponentModel> models)
    {
        _ordered = models.ToArray();
        _byName = new Dictionary<string, ComponentModel>(StringComparer.Ordinal);
        foreach (var m in _ordered)
            if (!_byName.TryAdd(m.Name, m))
                throw new ArgumentException($"two components named '{m.Name}'");
    }

    /// <summary>Every built-in component of netlist format version 1.</summary>
    public static ComponentRegistry BuiltIn { get; } = new(BuiltInModels.All());

    /// <summary>All components, in documentation order.</summary>
    public IReadOnlyList<ComponentModel> All => _ordered;

    /// <summary>Looks a component up by name.</summary>
    public bool TryGet(string name, out ComponentModel model) => _byName.TryGetValue(name, out model!);

    /// <summary>True when <paramref name="name"/> is a component here.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);
}
