using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PkiProtocol.Tls;

/// <summary>
/// A small X.509 CA for the bench's HTTPS (the PKI service and the hub), made with .NET's
/// <see cref="CertificateRequest"/>: a self-signed ECDSA P-256 root (RFC 5280 §4.2.1.9 basicConstraints CA, keyCertSign)
/// and server certificates under it (subjectAltName with the host names and addresses, serverAuth, RFC 5280 §4.2.1.6 and
/// §4.2.1.12). It is not the V2X PKI: its certificates secure transport, never messages.
/// </summary>
public sealed class TlsAuthority : IDisposable
{
    private readonly ECDsa _key;

    private TlsAuthority(X509Certificate2 root, ECDsa key)
    {
        Root = root;
        _key = key;
    }

    /// <summary>The root certificate (public part), what clients trust.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>A new root named <paramref name="name"/>, valid from a day before <paramref name="now"/> for <paramref name="lifetime"/>.</summary>
    public static TlsAuthority Create(string name, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            var request = new CertificateRequest(new X500DistinguishedName("CN=" + Escape(name)), key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            using var withKey = request.CreateSelfSigned(now.AddDays(-1), now.Add(lifetime));
            return new TlsAuthority(X509CertificateLoader.LoadCertificate(withKey.RawData), key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A server certificate for <paramref name="hosts"/> (DNS names or IP addresses), with its private key, valid from a
    /// day before <paramref name="now"/> for <paramref name="lifetime"/> (within the root's validity).
    /// </summary>
    public X509Certificate2 IssueServer(IReadOnlyList<string> hosts, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        if (hosts.Count == 0)
        {
            throw new ArgumentException("a server certificate names at least one host", nameof(hosts));
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + Escape(hosts[0])), key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts)
        {
            if (IPAddress.TryParse(host, out var address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(host);
            }
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "serverAuth")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        var notAfter = now.Add(lifetime) < Root.NotAfter ? now.Add(lifetime) : new DateTimeOffset(Root.NotAfter.ToUniversalTime());
        using var issued = request.Create(Root.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), now.AddDays(-1), notAfter, SerialNumber());
        using var withKey = issued.CopyWithPrivateKey(key);
        // Round trip through PKCS#12 so the key is usable by SslStream on every platform (an ephemeral key is not on Windows).
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Writes <paramref name="certificate"/> (and its key when it has one) as PEM files.</summary>
    public static void WritePem(X509Certificate2 certificate, string certificatePath, string? keyPath = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        if (keyPath is not null)
        {
            using var key = certificate.GetECDsaPrivateKey() ?? throw new ArgumentException("the certificate has no ECDSA private key", nameof(certificate));
            File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _key.Dispose();
        Root.Dispose();
    }

    // RFC 5280 §4.1.2.2: a positive integer of at most 20 octets.
    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }

    private static string Escape(string value) => value.Replace(",", "\\,", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal);
}
