using Microsoft.Extensions.Configuration;
using PkiProtocol.Tls;

namespace Firmware.Host;

/// <summary>
/// The HTTPS trust of the OBU host's clients (PKI service, hub): Tls:Root (<c>--tls-root</c>), a PEM CA certificate
/// trusted alone (custom root trust, <see cref="TlsTrust"/>); unset, the system's roots. There is no way to accept any
/// certificate.
/// </summary>
internal static class TlsRoot
{
    /// <summary>A handler verifying servers as configured.</summary>
    /// <exception cref="ArgumentException">Tls:Root names no readable PEM certificate.</exception>
    public static SocketsHttpHandler Handler(IConfiguration configuration) =>
        TlsTrust.CreateHandler(configuration["Tls:Root"] is { Length: > 0 } path ? TlsTrust.LoadRoot(path) : null);
}
