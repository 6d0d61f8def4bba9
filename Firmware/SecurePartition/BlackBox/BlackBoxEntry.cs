namespace Firmware.SecurePartition.BlackBox;

/// <summary>One black-box entry as stored.</summary>
/// <param name="Sequence">Position in the log (from 1, never reused).</param>
/// <param name="Time">When it was appended.</param>
/// <param name="Kind">1 = detailed report, 2 = note.</param>
/// <param name="KeyId">First 8 bytes of SHA-256 of the signing key's compressed point.</param>
/// <param name="PreviousHash">SHA-256 of the previous entry (zero for entry 1).</param>
/// <param name="Payload">The payload (a <see cref="Reports.ReportCodec"/> report for kind 1).</param>
/// <param name="Signature">r || s over SHA-256 of every byte before it.</param>
/// <param name="Hash">SHA-256 of the whole entry (the next entry's previous hash).</param>
/// <param name="Offset">Byte offset in the medium.</param>
public sealed record BlackBoxEntry(ulong Sequence, DateTimeOffset Time, byte Kind, byte[] KeyId, byte[] PreviousHash, byte[] Payload, byte[] Signature, byte[] Hash, long Offset)
{
    /// <summary>Kind of a detailed report entry.</summary>
    public const byte ReportKind = 1;

    /// <summary>Kind of a note entry (UTF-8 text).</summary>
    public const byte NoteKind = 2;
}
