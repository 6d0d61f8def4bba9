using System.Net.Http.Headers;
using PkiProtocol.Client;
using PkiProtocol.Messages;
using PkiProtocol.Trust;
using V2x;
using V2x.Security.Certificates;
using V2x.Security.Signing;
using V2x.Time;

namespace PkiProtocol.Posture;

/// <summary>
/// The station's client of the posture server (what the application partition uses to carry the secure partition's
/// posture request, patent fig. 9): fetches the server's certificate and validates it under the pinned PKI root with the
/// root's current CRL (through <see cref="PkiClient"/>), then posts each request in the secured envelope of
/// <see cref="PostureExchange"/> and returns the OEM-signed document for the partition to verify.
/// </summary>
public sealed class PostureClient
{
    private readonly HttpClient _http;
    private readonly PkiClient _pki;
    private readonly TimeProvider _clock;
    private Certificate? _server;

    /// <param name="http">An HttpClient whose BaseAddress is the posture server.</param>
    /// <param name="pki">The PKI client (the pinned root and its CRL).</param>
    /// <param name="clock">The station's clock.</param>
    public PostureClient(HttpClient http, PkiClient pki, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentNullException.ThrowIfNull(clock);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("the HttpClient needs a BaseAddress", nameof(http));
        }

        _http = http;
        _pki = pki;
        _clock = clock;
    }

    /// <summary>The posture server's certificate, validated under the root (fetched once, validated again at every exchange).</summary>
    /// <exception cref="PkiException">Not a valid certificate under the root, or revoked.</exception>
    public async Task<Certificate> ServerCertificateAsync(CancellationToken cancellationToken = default)
    {
        var certificate = _server;
        if (certificate is null)
        {
            using var response = await _http.GetAsync(new Uri(PostureRoutes.Certificate.TrimStart('/'), UriKind.Relative), cancellationToken).ConfigureAwait(false);
            var bytes = await PkiClient.ReadAsync(response, cancellationToken).ConfigureAwait(false);
            try
            {
                certificate = Certificate.Decode(bytes);
            }
            catch (DecodeException e)
            {
                throw new PkiException(PkiFailure.Malformed, $"the posture server's certificate: {e.Message}", e);
            }
        }

        var validator = new ChainValidator(_pki.Root);
        validator.AddCrl(_pki.Root.HashedId8, await _pki.GetCrlAsync(_pki.Root, cancellationToken).ConfigureAwait(false));
        validator.Validate(certificate, Time64.Now(_clock), requireCrls: true);
        if (certificate.ToBeSigned.EncryptionKey is null)
        {
            throw new PkiException(PkiFailure.ChainInvalid, $"the posture server's certificate {certificate.HashedId8} has no encryption key");
        }

        _server = certificate;
        return certificate;
    }

    /// <summary>Carries one request of the secure partition; returns the OEM-signed posture response.</summary>
    /// <exception cref="PkiException">The server refused, or its answer does not check out.</exception>
    public async Task<byte[]> ExchangeAsync(byte[] partitionRequest, SpduSigner enrolment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitionRequest);
        ArgumentNullException.ThrowIfNull(enrolment);
        var server = await ServerCertificateAsync(cancellationToken).ConfigureAwait(false);
        var request = PostureExchange.Request(partitionRequest, enrolment, server, Time64.Now(_clock), out var dataKey);
        using var content = new ByteArrayContent(request);
        content.Headers.ContentType = new MediaTypeHeaderValue(MediaTypes.ItsRequest);
        using var response = await _http.PostAsync(new Uri(PostureRoutes.Assessments.TrimStart('/'), UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        var body = await PkiClient.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        return PostureExchange.ReadResponse(body, dataKey, server, Time64.Now(_clock));
    }
}
