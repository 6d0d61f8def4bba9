namespace Firmware.SecurePartition.Encoding;

/// <summary>
/// The one typed error of the secure partition's binary codecs: bytes from outside (a protocol
/// body, a stored record, an OEM document, a black-box entry) that do not decode. Carries the
/// field being read and the byte offset.
/// </summary>
public sealed class MalformedDataException : Exception
{
    /// <summary>Creates the error.</summary>
    public MalformedDataException(string field, int offset, string reason)
        : base($"{field} at byte {offset}: {reason}")
    {
        Field = field;
        Offset = offset;
        Reason = reason;
    }

    /// <summary>Creates the error without detail.</summary>
    public MalformedDataException()
        : this("?", 0, "malformed data")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public MalformedDataException(string message)
        : this("?", 0, message)
    {
    }

    /// <summary>Creates the error with a message and cause.</summary>
    public MalformedDataException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "?";
        Reason = message;
    }

    /// <summary>The field being decoded.</summary>
    public string Field { get; } = "?";

    /// <summary>Byte offset in the decoded buffer.</summary>
    public int Offset { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; } = "";
}
