namespace V2x;

/// <summary>
/// The one error every V2X decoder in this library raises for bad data from outside (a frame off
/// the air, a pcap file, a certificate from a peer). It names where decoding stopped: the field
/// path (for example <c>Ieee1609Dot2Data.content.signedData.tbsData.headerInfo.psid</c>) and the
/// byte offset from the start of the buffer being decoded.
/// </summary>
/// <remarks>
/// Callers catch this type (or <see cref="V2xException"/>) and nothing else: any other exception
/// escaping a decoder is a bug in this library.
/// </remarks>
public sealed class DecodeException : V2xException
{
    public DecodeException(string fieldPath, long byteOffset, string reason)
        : base($"{reason} at {fieldPath} (byte offset {byteOffset})")
    {
        FieldPath = fieldPath;
        ByteOffset = byteOffset;
        Reason = reason;
    }

    /// <summary>Dotted path of the field being decoded when the error was found.</summary>
    public string FieldPath { get; }

    /// <summary>Offset in bytes from the start of the decoded buffer.</summary>
    public long ByteOffset { get; }

    /// <summary>What was wrong, without the location.</summary>
    public string Reason { get; }
}
