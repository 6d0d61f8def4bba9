namespace PkiProtocol.Messages;

/// <summary>HTTP media types of the PKI interfaces (ETSI TS 102 941 v1.4.1 §6.1: HTTP POST of encoded messages).</summary>
public static class MediaTypes
{
    /// <summary>A request message (TS 102 941 v1.4.1).</summary>
    public const string ItsRequest = "application/x-its-request";

    /// <summary>A response message (TS 102 941 v1.4.1).</summary>
    public const string ItsResponse = "application/x-its-response";

    /// <summary>A CRL message (TS 102 941 v1.4.1).</summary>
    public const string ItsCrl = "application/x-its-crl";

    /// <summary>A single COER-encoded certificate (not a TS 102 941 type: raw octets).</summary>
    public const string Certificate = "application/octet-stream";
}
