using System;

namespace Firmware.Nano.Oer;

/// <summary>
/// Data from outside the library (an OEM document, a policy, a partition table, a secure-element response)
/// is not what it must be. The one typed error of the library's decoders; <see cref="Field"/> names where.
/// </summary>
public sealed class MalformedDataException : Exception
{
    /// <summary>A decode failure at <paramref name="field"/>.</summary>
    public MalformedDataException(string field, string message)
        : base(field + ": " + message)
    {
        Field = field;
    }

    /// <summary>The field that failed.</summary>
    public string Field { get; }
}
