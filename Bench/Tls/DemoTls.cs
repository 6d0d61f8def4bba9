using System.Security.Cryptography.X509Certificates;
using PkiProtocol.Tls;

namespace Bench.Tls;

/// <summary>
/// The demo's HTTPS: a TLS CA the bench makes for each run (<see cref="TlsAuthority"/>, .NET's CertificateRequest) and
/// one server certificate under it for each service on 127.0.0.1 (the PKI service, the hub). Every client of the demo
/// — OBUs, the legacy station, the hub talking to the PKI, the CERT analyst — trusts this CA alone
/// (<see cref="TlsTrust"/>: custom root trust, host name checked). The CA certificate is written to the output folder
/// (<c>tls-ca.pem</c>) so the services can be inspected with curl --cacert.
/// </summary>
public sealed class DemoTls : IDisposable
{
    private readonly TlsAuthority _ca;

    private DemoTls(TlsAuthority ca, string caPath)
    {
        _ca = ca;
        CaPath = caPath;
        PkiCertificate = ca.IssueServer(["127.0.0.1", "localhost"], DateTimeOffset.UtcNow, TimeSpan.FromDays(2));
        HubCertificate = ca.IssueServer(["127.0.0.1", "localhost"], DateTimeOffset.UtcNow, TimeSpan.FromDays(2));
    }

    /// <summary>The CA certificate clients trust.</summary>
    public X509Certificate2 Root => _ca.Root;

    /// <summary>Where the CA certificate was written (PEM).</summary>
    public string CaPath { get; }

    /// <summary>The PKI service's certificate (with its key).</summary>
    public X509Certificate2 PkiCertificate { get; }

    /// <summary>The hub's certificate (with its key).</summary>
    public X509Certificate2 HubCertificate { get; }

    /// <summary>A new CA (real time: X.509 validity is checked against the wall clock), its PEM written into <paramref name="folder"/>.</summary>
    public static DemoTls Create(string folder)
    {
        Directory.CreateDirectory(folder);
        var ca = TlsAuthority.Create("bench demo TLS CA", DateTimeOffset.UtcNow, TimeSpan.FromDays(7));
        try
        {
            var path = Path.Combine(folder, "tls-ca.pem");
            TlsAuthority.WritePem(ca.Root, path);
            return new DemoTls(ca, path);
        }
        catch
        {
            ca.Dispose();
            throw;
        }
    }

    /// <summary>A client handler that trusts this CA alone.</summary>
    public SocketsHttpHandler ClientHandler() => TlsTrust.CreateHandler(Root);

    /// <inheritdoc />
    public void Dispose()
    {
        PkiCertificate.Dispose();
        HubCertificate.Dispose();
        _ca.Dispose();
    }
}
