using PkiProtocol.Client;
using PkiProtocol.Messages;
using V2x.Security;
using V2x.Security.Certificates;

namespace Firmware.Application.Trust;

/// <summary><see cref="IPkiDirectory"/> over the bench PKI service (<see cref="PkiClient"/>: certificates by HashedId8, verified CRLs).</summary>
public sealed class PkiDirectory : IPkiDirectory
{
    private readonly PkiClient _client;

    /// <summary>Uses a client pinned to the receiver's root.</summary>
    public PkiDirectory(PkiClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <inheritdoc />
    public Task<Certificate?> GetCertificateAsync(HashedId8 digest, CancellationToken cancellationToken) =>
        _client.GetCertificateAsync(digest, cancellationToken);

    /// <inheritdoc />
    public Task<ToBeSignedCrl> GetCrlAsync(Certificate ca, CancellationToken cancellationToken) =>
        _client.GetCrlAsync(ca, cancellationToken);
}
