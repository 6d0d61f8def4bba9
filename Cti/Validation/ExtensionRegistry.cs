using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Cti.Sharing;
using Cti.Stix;

namespace Cti.Validation;

/// <summary>
/// The extension definitions (STIX 2.1 §7.3) a validator resolves <c>extensions</c> keys and
/// custom types against. Custom content is accepted only through a definition known here.
/// Thread-safe.
/// </summary>
public sealed class ExtensionRegistry
{
    /// <summary>STIX 2.1 §7.3.1 extension-type-enum.</summary>
    public static readonly IReadOnlySet<string> ExtensionTypeValues =
        new HashSet<string>(StringComparer.Ordinal) { "new-sdo", "new-sco", "new-sro", "property-extension", "toplevel-property-extension" };

    private readonly ConcurrentDictionary<string, ExtensionDefinitionInfo> _definitions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _producers = new(StringComparer.Ordinal);

    /// <summary>
    /// A registry holding the definitions every party in this project knows: TLP 2.0 (OASIS), the
    /// V2X anomaly summary (<see cref="AnomalyExtension"/>) and the hub's own (<see cref="HubExtension"/>).
    /// </summary>
    public static ExtensionRegistry CreateDefault()
    {
        var registry = new ExtensionRegistry();
        registry.Register(new ExtensionDefinitionInfo(
            Tlp.ExtensionDefinitionId,
            "tlp2.0-marking-definition-extension",
            new HashSet<string>(StringComparer.Ordinal) { "property-extension" },
            new HashSet<string>(StringComparer.Ordinal)));
        registry.Register(AnomalyExtension.Info);
        registry.Register(HubExtension.Info);
        return registry;
    }

    /// <summary>Adds or replaces a definition.</summary>
    public void Register(ExtensionDefinitionInfo definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        _definitions[definition.Id] = definition;
    }

    /// <summary>Looks a definition up by id.</summary>
    public bool TryGet(string id, out ExtensionDefinitionInfo definition)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _definitions.TryGetValue(id, out definition!);
    }

    /// <summary>
    /// Whether <paramref name="producer"/> may define <paramref name="id"/>: no definition by that id is known yet, or
    /// the known one came from the same producer (STIX 2.1 §3.6: only an object's creator publishes new versions).
    /// Built-in definitions are always "allowed" here but never replaced by <see cref="RegisterFrom"/>.
    /// </summary>
    public bool MayDefine(string id, string producer)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(producer);
        return !_producers.TryGetValue(id, out var owner) || owner == producer;
    }

    /// <summary>
    /// Registers an <c>extension-definition</c> object that has passed validation (and, at a hub, been committed).
    /// Built-in definitions keep their value validators: a member cannot replace them. With a
    /// <paramref name="producer"/>, a definition first registered by another producer is left as it is.
    /// Returns whether the definition was registered.
    /// </summary>
    public bool RegisterFrom(JsonObject extensionDefinition, string? producer = null)
    {
        ArgumentNullException.ThrowIfNull(extensionDefinition);
        var id = StixObject.GetString(extensionDefinition, "id")
            ?? throw new ArgumentException("an extension definition needs an id", nameof(extensionDefinition));
        if (_definitions.TryGetValue(id, out var existing) && existing.ValueValidator is not null)
        {
            return false;
        }

        if (producer is not null && _producers.GetOrAdd(id, producer) != producer)
        {
            return false;
        }

        Register(new ExtensionDefinitionInfo(
            id,
            StixObject.GetString(extensionDefinition, "name") ?? id,
            StixObject.GetStringList(extensionDefinition, "extension_types").ToHashSet(StringComparer.Ordinal),
            StixObject.GetStringList(extensionDefinition, "extension_properties").ToHashSet(StringComparer.Ordinal)));
        return true;
    }
}
