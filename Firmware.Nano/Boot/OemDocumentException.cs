using System;

namespace Firmware.Nano.Boot;

/// <summary>An OEM document is not signed by the OEM key, or is of another kind: it is not used.</summary>
public sealed class OemDocumentException : Exception
{
    /// <summary>A refused document.</summary>
    public OemDocumentException(string message)
        : base(message)
    {
    }
}
