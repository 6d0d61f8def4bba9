using System.Text.Json.Nodes;

namespace Cti.Validation;

/// <summary>
/// What a validator needs to know about one STIX 2.1 extension definition (§7.3): which kinds of
/// extension it declares and, for top-level property extensions, which property names it adds.
/// </summary>
/// <param name="Id">The <c>extension-definition--</c> identifier.</param>
/// <param name="Name">Its name.</param>
/// <param name="ExtensionTypes">Values of <c>extension_types</c> (§7.3.1 extension-type-enum).</param>
/// <param name="TopLevelProperties">Values of <c>extension_properties</c>.</param>
/// <param name="ValueValidator">
/// Optional check of an extension's value inside an object (built-in extensions only: the
/// library has no JSON Schema engine, so member-defined extensions are checked for shape only).
/// </param>
public sealed record ExtensionDefinitionInfo(
    string Id,
    string Name,
    IReadOnlySet<string> ExtensionTypes,
    IReadOnlySet<string> TopLevelProperties,
    Func<JsonObject, JsonObject, IEnumerable<StixValidationError>>? ValueValidator = null);
