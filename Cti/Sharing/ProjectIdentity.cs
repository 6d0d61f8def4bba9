using System.Text.Json.Nodes;

namespace Cti.Sharing;

/// <summary>
/// The STIX identity (§4.5) that authors this project's extension definitions
/// (<see cref="AnomalyExtension"/>, <see cref="HubExtension"/>).
/// </summary>
public static class ProjectIdentity
{
    /// <summary>Its identifier.</summary>
    public const string Id = "identity--25cb77af-81d9-4bc1-8f17-35ca5e3b9251";

    /// <summary>When the definitions were first published.</summary>
    public const string Created = "2025-01-01T00:00:00.000Z";

    /// <summary>The identity object.</summary>
    public static JsonObject ToStix() => new()
    {
        ["type"] = "identity",
        ["spec_version"] = "2.1",
        ["id"] = Id,
        ["created"] = Created,
        ["modified"] = Created,
        ["name"] = "V2X integrity-assured OBU project",
        ["identity_class"] = "organization",
    };
}
