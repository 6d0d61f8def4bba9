namespace Firmware.SecurePartition.Boot;

/// <summary>Why an OEM-signed document was refused.</summary>
public enum OemDocumentError
{
    /// <summary>The bytes are not a 1609.2 self-signed SignedData.</summary>
    Malformed,

    /// <summary>The signature does not verify with the pinned OEM key.</summary>
    BadSignature,

    /// <summary>Signed, but for another document kind.</summary>
    WrongKind,

    /// <summary>Older than a document of the same kind already accepted (rollback or replay).</summary>
    Stale,

    /// <summary>The body does not decode.</summary>
    BadBody,

    /// <summary>No document is stored.</summary>
    Missing,
}
