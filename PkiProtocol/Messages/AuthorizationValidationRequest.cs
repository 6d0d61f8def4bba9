using V2x.Oer;

namespace PkiProtocol.Messages;

/// <summary>
/// ETSI TS 102 941 v1.4.1 §6.2.3.4.1 AuthorizationValidationRequest ::= SEQUENCE { sharedAtRequest
/// SharedAtRequest, ecSignature EcSignature, ... }: what the AA forwards to the EA.
/// </summary>
public sealed record AuthorizationValidationRequest(SharedAtRequest SharedAtRequest, EcSignature EcSignature)
{
    public void Encode(OerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePreamble(true, false, 0, 0);
        SharedAtRequest.Encode(writer);
        EcSignature.Encode(writer);
    }

    public static AuthorizationValidationRequest Decode(OerReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.ReadPreamble(true, 0, out var extension);
        reader.Push("sharedAtRequest");
        var shared = SharedAtRequest.Decode(reader);
        reader.Pop();
        reader.Push("ecSignature");
        var signature = EcSignature.Decode(reader);
        reader.Pop();
        OerExtensions.SkipAdditions(reader, extension);
        return new AuthorizationValidationRequest(shared, signature);
    }
}
