using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace PkiProtocol.Tls;

/// <summary>
/// How the project's HTTPS clients (the OBU and the hub talking to the PKI service, OBUs and members talking to the
/// hub) verify a server (RFC 9110 §4.3.4, RFC 6125 names): the chain is built to one configured root only
/// (<see cref="X509ChainTrustMode.CustomRootTrust"/> with <see cref="X509ChainPolicy.CustomTrustStore"/>), the host
/// name must match, and nothing is accepted otherwise — there is no "accept any certificate" switch.
/// </summary>
public static class TlsTrust
{
    /// <summary>
    /// A handler verifying servers against <paramref name="root"/> alone; with null, against the system's roots
    /// (standard .NET validation). Revocation is not checked: the bench CA publishes no CRL or OCSP responder, and its
    /// server certificates live as long as a bench run.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(X509Certificate2? root)
    {
        var handler = new SocketsHttpHandler { UseProxy = false };
        if (root is not null)
        {
            handler.SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = Policy(root) };
        }

        return handler;
    }

    /// <summary>The chain policy of <see cref="CreateHandler"/>: only <paramref name="root"/> is trusted.</summary>
    public static X509ChainPolicy Policy(X509Certificate2 root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        policy.CustomTrustStore.Add(root);
        return policy;
    }

    /// <summary>Reads a trusted root from a PEM file.</summary>
    /// <exception cref="ArgumentException">The file is missing or holds no certificate (a configuration mistake).</exception>
    public static X509Certificate2 LoadRoot(string pemPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(pemPath);
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(pemPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new ArgumentException($"'{pemPath}' is not a readable PEM certificate: {e.Message}", nameof(pemPath), e);
        }
    }

    /// <summary>Reads a server certificate and its private key (PEM files) for Kestrel.</summary>
    /// <exception cref="ArgumentException">Unreadable, or the key does not match (a configuration mistake).</exception>
    public static X509Certificate2 LoadServerCertificate(string certificatePemPath, string keyPemPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(certificatePemPath);
        ArgumentException.ThrowIfNullOrEmpty(keyPemPath);
        try
        {
            return X509Certificate2.CreateFromPemFile(certificatePemPath, keyPemPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new ArgumentException($"'{certificatePemPath}' with '{keyPemPath}' is not a usable TLS server certificate: {e.Message}", nameof(certificatePemPath), e);
        }
    }
}
