using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 103 900 v2.x (CAM release 2) Annex A, the facilities layer's own container extension mechanism:
/// <code>
/// WrappedExtensionContainer ::= SEQUENCE {
///   containerId   EXTENSION-CONTAINER-ID-AND-TYPE.&amp;id ({ExtensionContainers}),   -- ExtensionContainerId ::= INTEGER (1..16, ...)
///   containerData EXTENSION-CONTAINER-ID-AND-TYPE.&amp;Type ({ExtensionContainers}{@containerId}) }
/// WrappedExtensionContainers ::= SEQUENCE SIZE (1..8, ...) OF WrappedExtensionContainer
/// </code>
/// containerData is an open type (X.691 §11.2; X.681 §14.4 open type of an information object class field),
/// so a decoder that does not know a containerId (the set <c>ExtensionContainers</c> is extensible) skips its
/// octets by their length. The octets are kept here as they came (<see cref="ContainerData"/> is the
/// complete UPER encoding of the container), which lets a container pass through a decoder that does not
/// know it and lets the re-encoding give the same octets. TS 103 900 assigns ids 1 to 6; the CAM carries the
/// list as the first extension addition of CamParameters (<c>extensionContainers</c>), the DENM of this
/// project as a project-private addition of its ManagementContainer (Docs/formats.md §3.8).
/// </summary>
/// <param name="ContainerId">The container type: a root value 1..16 or an extension value above.</param>
/// <param name="ContainerData">The complete encoding of the container (at least one octet).</param>
public sealed record WrappedExtensionContainer(int ContainerId, OctetString ContainerData)
{
    /// <summary>The root range of ExtensionContainerId (TS 103 900 v2.x: <c>INTEGER (1..16, ...)</c>).</summary>
    public const int RootIdMin = 1;

    /// <summary>Upper bound of the root range of ExtensionContainerId.</summary>
    public const int RootIdMax = 16;

    /// <summary>Upper bound of the root size of WrappedExtensionContainers (<c>SIZE (1..8, ...)</c>).</summary>
    public const int RootMaxCount = 8;

    internal void Encode(UperWriter w)
    {
        w.Require(ContainerData, "containerData");
        if (ContainerId < RootIdMin)
        {
            throw w.OutOfRange("containerId", ContainerId, $"ExtensionContainerId starts at {RootIdMin}");
        }

        w.WriteExtensibleInteger(ContainerId, RootIdMin, RootIdMax, "containerId");
        w.WriteOpenTypeOctets(ContainerData.Span, "containerData");
    }

    internal static WrappedExtensionContainer Decode(UperReader r)
    {
        var id = r.ReadExtensibleInteger(RootIdMin, RootIdMax, "containerId");
        if (id is < RootIdMin or > int.MaxValue)
        {
            throw r.Error("containerId", $"container id {id} outside 1..{int.MaxValue}");
        }

        return new WrappedExtensionContainer((int)id, new OctetString(r.ReadOpenTypeOctets("containerData")));
    }

    /// <summary>Writes a WrappedExtensionContainers list (X.691 §20: extensible size 1..8, then each container).</summary>
    internal static void EncodeList(UperWriter w, IReadOnlyList<WrappedExtensionContainer> containers)
    {
        if (containers.Count == 0)
        {
            throw w.OutOfRange("containers", 0, "a WrappedExtensionContainers list holds at least one container (leave it absent instead)");
        }

        w.WriteSequenceOf(containers, 1, RootMaxCount, true, static (inner, c) => c.Encode(inner), "containers");
    }

    /// <summary>Reads a WrappedExtensionContainers list.</summary>
    internal static SequenceOf<WrappedExtensionContainer> DecodeList(UperReader r) =>
        r.ReadSequenceOf(1, RootMaxCount, true, Decode, "containers");
}
