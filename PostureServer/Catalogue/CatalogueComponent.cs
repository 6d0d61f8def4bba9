using Firmware.SecurePartition.Posture;

namespace PostureServer.Catalogue;

/// <summary>
/// One component of the OEM's hardware or software bill of materials (patent ¶205-211): how it is named in advisories
/// (CPE 2.3 or purl), the name the OBU's inventory reports it under, what it is to the posture (the V2X application, the
/// IDF, or other), and its latest version.
/// </summary>
/// <param name="InventoryName">The name in the OBU's software inventory (the posture request names components by it).</param>
/// <param name="Identifier">Its CPE 2.3 or purl.</param>
/// <param name="Role">Application, IDF or other.</param>
/// <param name="LatestVersion">The newest version the OEM ships.</param>
public sealed record CatalogueComponent(string InventoryName, ComponentIdentifier Identifier, ComponentRole Role, string LatestVersion);
