using System.Net.Http.Headers;
using PkiProtocol.Audit;
using PkiProtocol.Messages;
using PkiProtocol.Misbehaviour;
using PkiProtocol.Protocol;
using PkiProtocol.Trust;
using V2x;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Time;

namespace PkiProtocol.Client;

/// <summary>
/// The station's client of the bench PKI service (what the OBU uses): enrol, get ATs (one or a batch), fetch
/// CRLs and certificates by HashedId8, file misbehaviour reports. It trusts one pinned root: every CA
/// certificate it fetches is validated under it against the root CRL before use. Signing goes through
/// <see cref="ISignatureKey"/>, so the OBU's secure partition keeps the private keys.
/// </summary>
public sealed class PkiClient
{
    private readonly HttpClient _http;
    private readonly TimeProvider _clock;

    /// <param name="http">An HttpClient whose BaseAddress is the service (for example http://127.0.0.1:8443/).</param>
    /// <param name="root">The pinned root certificate.</param>
    /// <param name="clock">The station's clock.</param>
    public PkiClient(HttpClient http, Certificate root, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(clock);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("the HttpClient needs a BaseAddress", nameof(http));
        }

        _http = http;
        Root = root;
        _clock = clock;
    }

    public Certificate Root { get; }

    /// <summary>Enrols the station: returns its EC, certifying <paramref name="ecKey"/>.</summary>
    /// <exception cref="PkiException">The service refused, or its answer does not check out.</exception>
    public async Task<Certificate> EnrolAsync(string stationId, ISignatureKey canonicalKey, ISignatureKey ecKey, CancellationToken cancellationToken = default)
    {
        var ea = await TrustedCaAsync("ea", null, cancellationToken).ConfigureAwait(false);
        var now = Time64.Now(_clock);
        var request = StationRequests.Enrolment(stationId, canonicalKey, ecKey, ea, now, out var dataKey);
        var response = await PostAsync(PkiRoutes.Enrolment, request, cancellationToken).ConfigureAwait(false);
        return StationRequests.ReadEnrolmentResponse(response, dataKey, request, ea, Time64.Now(_clock));
    }

    /// <summary>Gets one AT certifying <paramref name="ticketKey"/>; <paramref name="model"/> selects the per-model AA.</summary>
    /// <exception cref="PkiException">The service refused, or its answer does not check out.</exception>
    public async Task<Certificate> RequestTicketAsync(Certificate ec, ISignatureKey ecKey, ISignatureKey ticketKey, TicketRequest? request = null,
        IdfImplementation? model = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticketKey);
        var ea = await TrustedCaAsync("ea", null, cancellationToken).ConfigureAwait(false);
        var aa = await TrustedCaAsync("aa", model, cancellationToken).ConfigureAwait(false);
        var message = StationRequests.Authorization(ec, ecKey, ticketKey, ea, aa, request ?? new TicketRequest(), Time64.Now(_clock), out var dataKey);
        var response = await PostAsync(PkiRoutes.Authorization, message, cancellationToken).ConfigureAwait(false);
        return StationRequests.ReadAuthorizationResponse(response, dataKey, message, aa, ticketKey.PublicKey, Time64.Now(_clock));
    }

    /// <summary>
    /// Gets a batch of ATs for pseudonym change: AT i starts <paramref name="spacing"/> × i after now (rounded down by
    /// the AA to its quantum), so with a spacing below the AT lifetime their validity periods overlap.
    /// </summary>
    public async Task<IReadOnlyList<Certificate>> RequestTicketBatchAsync(Certificate ec, ISignatureKey ecKey, IReadOnlyList<ISignatureKey> ticketKeys,
        TimeSpan spacing, IdfImplementation? model = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticketKeys);
        ArgumentOutOfRangeException.ThrowIfLessThan(spacing, TimeSpan.Zero);
        var start = _clock.GetUtcNow();
        var tickets = new List<Certificate>(ticketKeys.Count);
        for (var i = 0; i < ticketKeys.Count; i++)
        {
            var request = new TicketRequest { Start = start + (spacing * i) };
            tickets.Add(await RequestTicketAsync(ec, ecKey, ticketKeys[i], request, model, cancellationToken).ConfigureAwait(false));
        }

        return tickets;
    }

    /// <summary>The CRL of <paramref name="ca"/>, signature checked, still current.</summary>
    public async Task<ToBeSignedCrl> GetCrlAsync(Certificate ca, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ca);
        var bytes = await GetAsync($"{PkiRoutes.Crl}/{ca.HashedId8}", cancellationToken).ConfigureAwait(false);
        return CrlMessages.Verify(bytes, ca, Time64.Now(_clock));
    }

    /// <summary>The certificate with HashedId8 <paramref name="digest"/> (checked to hash to it), or null when the service has none.</summary>
    public async Task<Certificate?> GetCertificateAsync(HashedId8 digest, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(new Uri($"{PkiRoutes.Certificates.TrimStart('/')}/{digest}", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        var certificate = DecodeCertificate(await ReadAsync(response, cancellationToken).ConfigureAwait(false));
        return certificate.HashedId8 == digest
            ? certificate
            : throw new PkiException(PkiFailure.WrongContent, $"the service answered certificate {certificate.HashedId8} for {digest}");
    }

    /// <summary>Files a misbehaviour report signed with an AT, encrypted for the misbehaviour authority; returns what it did.</summary>
    public Task<string> ReportAsync(MisbehaviourReport report, Certificate ticket, ISignatureKey ticketKey, CancellationToken cancellationToken = default) =>
        SubmitReportAsync(StationRequests.Report(report, ticket, ticketKey), cancellationToken);

    /// <summary>
    /// Files a report already signed by an AT (PSID 0x1D; the OBU's secure partition signs it): encrypts it for the
    /// misbehaviour authority's certificate (validated under the root, IEEE 1609.2 encrypted data, certRecipInfo) and
    /// posts it; returns what the authority did.
    /// </summary>
    /// <exception cref="PkiException">The authority refused it, or its certificate does not validate.</exception>
    public async Task<string> SubmitReportAsync(byte[] signedReport, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signedReport);
        var ma = await TrustedCaAsync("ma", null, cancellationToken).ConfigureAwait(false);
        var message = V2x.Security.Encryption.SpduEncryptor.EncryptForCertificate(signedReport, ma, out _);
        var response = await PostAsync(PkiRoutes.Reports, message, cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetString(response);
    }

    /// <summary>A CA certificate of the service, validated under the pinned root with the root's current CRL.</summary>
    /// <exception cref="PkiException">Not a valid CA certificate under the root, or revoked.</exception>
    public async Task<Certificate> TrustedCaAsync(string role, IdfImplementation? model, CancellationToken cancellationToken = default)
    {
        var query = role == "aa" && model is not null
            ? $"?vendor={Uri.EscapeDataString(model.Vendor)}&product={Uri.EscapeDataString(model.Product)}"
            : string.Empty;
        var certificate = DecodeCertificate(await GetAsync($"{PkiRoutes.Ca}/{role}{query}", cancellationToken).ConfigureAwait(false));
        var validator = new ChainValidator(Root);
        validator.Validate(certificate, Time64.Now(_clock), requireCrls: false);
        validator.AddCrl(Root.HashedId8, await GetCrlAsync(Root, cancellationToken).ConfigureAwait(false));
        validator.Validate(certificate, Time64.Now(_clock), requireCrls: true);
        return certificate;
    }

    private async Task<byte[]> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Posts a request message built elsewhere (for example one whose signatures a secure partition made) to a
    /// service route (<see cref="PkiRoutes"/>) and returns the response body.
    /// </summary>
    /// <exception cref="PkiException">The service refused it (the failure from its header) or answered something else.</exception>
    public async Task<byte[]> PostAsync(string path, byte[] body, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(body);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(MediaTypes.ItsRequest);
        using var response = await _http.PostAsync(new Uri(path.TrimStart('/'), UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The body of a successful answer; a refusal becomes the <see cref="PkiException"/> its failure header names.</summary>
    internal static async Task<byte[]> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return body;
        }

        var failure = response.Headers.TryGetValues(PkiRoutes.FailureHeader, out var values)
            && Enum.TryParse<PkiFailure>(values.First(), out var parsed) ? parsed : PkiFailure.WrongContent;
        throw new PkiException(failure, $"HTTP {(int)response.StatusCode} from the service: {System.Text.Encoding.UTF8.GetString(body)}");
    }

    private static Certificate DecodeCertificate(byte[] bytes)
    {
        try
        {
            return Certificate.Decode(bytes);
        }
        catch (DecodeException e)
        {
            throw new PkiException(PkiFailure.Malformed, e.Message, e);
        }
    }
}
