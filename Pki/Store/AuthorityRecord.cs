using V2x.Security.Certificates;

namespace Pki.Store;

/// <summary>
/// A CA of the bench PKI as stored: its certificate, its private signing key and (EA, AA) its private
/// ECIES key, as 32-octet P-256 scalars; <see cref="Model"/> names the IDF model of a per-model AA.
/// </summary>
public sealed record AuthorityRecord(long Id, AuthorityRole Role, string? Model, Certificate Certificate, byte[] SigningKey, byte[]? EncryptionKey,
    DateTimeOffset? RevokedAt);
