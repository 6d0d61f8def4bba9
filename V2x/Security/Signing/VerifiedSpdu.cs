namespace V2x.Security.Signing;

/// <summary>A decoded SPDU whose signature verified, with the signer that verified it.</summary>
public sealed record VerifiedSpdu(Ieee1609Dot2Data Data, SignedData SignedData, CachedSigner Signer)
{
    /// <summary>The signed payload (the unsecuredData inside the signed data), empty for extDataHash.</summary>
    public ReadOnlyMemory<byte> Payload => SignedData.TbsData.Payload.Data?.Opaque ?? ReadOnlyMemory<byte>.Empty;

    public HeaderInfo HeaderInfo => SignedData.TbsData.HeaderInfo;
}
