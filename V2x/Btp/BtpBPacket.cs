namespace V2x.Btp;

/// <summary>A BTP-B header and the payload it carries (a facilities message).</summary>
/// <remarks>The payload is held by reference: two packets compare equal only if they share it.</remarks>
public sealed record BtpBPacket(BtpBHeader Header, ReadOnlyMemory<byte> Payload);
