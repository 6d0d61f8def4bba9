namespace Hardware.Files;

/// <summary>
/// One measurement the kernel took of a file it was about to run, map or read (Linux IMA,
/// Documentation/security/IMA-templates.rst): the template's file-data hash and the file name.
/// </summary>
/// <param name="Pcr">The PCR the measurement was extended into (10 by default).</param>
/// <param name="Template">Template name (ima, ima-ng, ima-sig, ima-buf, ima-modsig, ...).</param>
/// <param name="Algorithm">Hash algorithm of <paramref name="Digest"/> (sha1 for the "ima" template; the prefix of "d-ng" otherwise).</param>
/// <param name="Digest">The file-data hash.</param>
/// <param name="Path">The file name hint (the path the kernel resolved).</param>
public sealed record FileMeasurement(int Pcr, string Template, string Algorithm, byte[] Digest, string Path);
