using Firmware.Application.Trust;
using PkiProtocol.Messages;
using V2x.Security;
using V2x.Security.Certificates;

namespace Firmware.Tests.Application.Support;

/// <summary>
/// The PKI as a receiver sees it (<see cref="IPkiDirectory"/>), answered from a <see cref="TestAuthority"/>:
/// certificates it was told about, and each CA's CRL issued at the clock's time with the entries revoked so
/// far. <see cref="Reachable"/> false makes every call fail as an unreachable PKI does.
/// </summary>
internal sealed class TestDirectory(TestAuthority authority, TimeProvider clock) : IPkiDirectory
{
    private readonly Lock _lock = new();
    private readonly Dictionary<HashedId8, Certificate> _certificates = new() { [authority.Aa.HashedId8] = authority.Aa, [authority.Root.HashedId8] = authority.Root };
    private readonly Dictionary<HashedId8, List<HashedId8>> _revoked = [];

    public bool Reachable { get; set; } = true;

    public int CertificateRequests { get; private set; }

    public void Publish(Certificate certificate)
    {
        lock (_lock)
        {
            _certificates[certificate.HashedId8] = certificate;
        }
    }

    /// <summary>Puts <paramref name="certificate"/> on the CRL of <paramref name="ca"/>.</summary>
    public void Revoke(Certificate ca, HashedId8 certificate)
    {
        lock (_lock)
        {
            (_revoked.TryGetValue(ca.HashedId8, out var list) ? list : _revoked[ca.HashedId8] = []).Add(certificate);
        }
    }

    public Task<Certificate?> GetCertificateAsync(HashedId8 digest, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            CertificateRequests++;
            Fail();
            return Task.FromResult(_certificates.TryGetValue(digest, out var c) ? c : null);
        }
    }

    public Task<ToBeSignedCrl> GetCrlAsync(Certificate ca, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Fail();
            var entries = _revoked.TryGetValue(ca.HashedId8, out var list) ? list.ToArray() : [];
            return Task.FromResult(TestAuthority.Crl(clock.GetUtcNow(), entries));
        }
    }

    private void Fail()
    {
        if (!Reachable)
        {
            throw new HttpRequestException("the PKI is unreachable (test)");
        }
    }
}
