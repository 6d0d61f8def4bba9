using System.Security.Cryptography;
using System.Text;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Keys;
using Firmware.SecurePartition.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PkiProtocol;
using PkiProtocol.Client;
using PkiProtocol.Messages;
using PkiProtocol.Protocol;
using V2x;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Encryption;
using V2x.Security.Signing;
using V2x.Time;

namespace Firmware.Application.Provisioning;

/// <summary>
/// Provisions the station's authorization tickets from the bench PKI (ETSI TS 102 941 v1.4.1 §6.2.3) while the
/// ticket keys stay in the secure partition: the partition generates each ticket key pair and hands out only
/// the public key, signs the proof of possession (the outer AuthorizationRequest, signer self) with it, and
/// receives the ticket; the canonical key (also in the partition) signs the enrolment request.
/// </summary>
/// <remarks>
/// Deviation: the enrolment credential's key is generated here, in the application partition's memory (never
/// stored), because the partition protocol cannot sign the ecSignature TS 102 941 §6.2.3.3.1 requires: a
/// signature over an external payload (the SharedAtRequest, SignedDataPayload.extDataHash), which
/// SignProvisioningRequest does not offer. The EC key signs nothing but that; V2X messages are only ever
/// signed by ticket keys inside the partition. A partition operation "sign external payload with the
/// enrolment key" would move it there (see Firmware/Application/README.md). The same key also signs the envelope of the
/// posture request (<see cref="EnrolmentSigner"/>), which identifies the requester to the posture server as an enrolled station.
/// </remarks>
public sealed class PkiProvisioning : IDisposable
{
    private readonly PkiClient _client;
    private readonly SecurePartitionClient _partition;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private EcdsaP256SignatureKey? _ecKey;

    /// <summary>Provisions through the PKI service at the HttpClient's BaseAddress, trusting the pinned root.</summary>
    /// <exception cref="ArgumentException">The HttpClient has no BaseAddress.</exception>
    public PkiProvisioning(HttpClient http, Certificate root, SecurePartitionClient partition, TimeProvider clock, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(clock);
        _client = new PkiClient(http, root, clock);
        _partition = partition;
        _clock = clock;
        _log = logger ?? NullLogger.Instance;
    }

    /// <summary>The enrolment credential, once enrolled.</summary>
    public Certificate? EnrolmentCredential { get; private set; }

    /// <summary>The PKI client (CA certificates, CRLs, certificates by HashedId8).</summary>
    public PkiClient Client => _client;

    /// <summary>
    /// A signer with the enrolment credential (signer certificate), or null before enrolment: the posture request's
    /// envelope is signed with it (Docs/posture.md), so the posture server answers enrolled stations only. Same key, same
    /// deviation as the ecSignature (remarks above).
    /// </summary>
    public SpduSigner? EnrolmentSigner => EnrolmentCredential is { } ec && _ecKey is { } key ? new SpduSigner(key, ec) : null;

    /// <summary>
    /// Enrols the station (TS 102 941 v1.4.1 §6.2.3.2): an InnerEcRequest for a fresh enrolment key, signed with
    /// it (proof of possession), wrapped and signed with the partition's canonical key (signer self), encrypted
    /// for the EA. The station must be registered at the EA with the partition's canonical public key.
    /// </summary>
    /// <exception cref="PkiException">The EA refused, or its answer does not check out.</exception>
    public async Task<Certificate> EnrolAsync(string stationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stationId);
        var ea = await _client.TrustedCaAsync("ea", null, cancellationToken).ConfigureAwait(false);
        var key = EcdsaP256SignatureKey.Generate();
        try
        {
            var now = Time64.Now(_clock);
            var inner = new InnerEcRequest(Encoding.UTF8.GetBytes(stationId), 1, new PublicKeys(key.PublicKey),
                new SubjectAttributes { AppPermissions = [new PsidSsp(PkiPsids.CertificateRequest, ServiceSpecificPermissions.Bitmap([0x01]))] });
            var writer = new V2x.Oer.OerWriter(128);
            inner.Encode(writer);
            var pop = new SpduSigner(key, null).SignPayload(writer.ToArray(), new HeaderInfo { Psid = PkiPsids.CertificateRequest, GenerationTime = now }, SignerChoice.Self);
            var data = EtsiTs102941Data.EnrolmentRequest(Ieee1609Dot2Data.Decode(pop));
            var outer = await _partition.SignProvisioningRequestAsync(KeyRole.Canonical, 0, PkiPsids.CertificateRequest, SignerChoice.Self, data.ToBytes(), cancellationToken)
                .ConfigureAwait(false);
            var request = SpduEncryptor.EncryptForCertificate(outer, ea, out var dataKey);
            var response = await _client.PostAsync(PkiRoutes.Enrolment, request, cancellationToken).ConfigureAwait(false);
            var ec = StationRequests.ReadEnrolmentResponse(response, dataKey, request, ea, Time64.Now(_clock));
            _ecKey?.Dispose();
            _ecKey = key;
            EnrolmentCredential = ec;
            _log.LogInformation("Enrolled as {Station}: EC {Ec}", stationId, ec.HashedId8);
            return ec;
        }
        catch
        {
            if (!ReferenceEquals(_ecKey, key))
            {
                key.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Gets one ticket (TS 102 941 v1.4.1 §6.2.3.3.1) for a key pair the partition generates, and installs it
    /// in the partition. Returns the slot and the ticket.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not enrolled yet.</exception>
    /// <exception cref="PkiException">The AA or EA refused, or the answer does not check out.</exception>
    public async Task<(ushort Slot, Certificate Ticket)> RequestTicketAsync(TicketRequest? ticketRequest = null, CancellationToken cancellationToken = default)
    {
        if (EnrolmentCredential is not { } ec || _ecKey is not { } ecKey)
        {
            throw new InvalidOperationException("Enrol first.");
        }

        var wanted = ticketRequest ?? new TicketRequest();
        var ea = await _client.TrustedCaAsync("ea", null, cancellationToken).ConfigureAwait(false);
        var aa = await _client.TrustedCaAsync("aa", null, cancellationToken).ConfigureAwait(false);
        var (slot, publicKey) = await _partition.GenerateTicketKeyAsync(cancellationToken).ConfigureAwait(false);
        var ticketKey = BootRom.DecodeKey(publicKey);
        var now = Time64.Now(_clock);

        // The SharedAtRequest with a fresh hmacKey and keyTag (§6.2.3.3.1); the EC signs it as an external payload,
        // encrypted for the EA so the AA never learns which EC signed.
        var keys = new PublicKeys(ticketKey);
        var hmacKey = RandomNumberGenerator.GetBytes(32);
        ValidityPeriod? validity = wanted.Start is { } start ? new ValidityPeriod(Time32.FromUtc(start), new Duration(DurationUnit.Hours, 1)) : null;
        var shared = new SharedAtRequest(ea.HashedId8, InnerAtRequest.ComputeKeyTag(hmacKey, keys), 1,
            new SubjectAttributes { ValidityPeriod = validity, AppPermissions = wanted.Permissions });
        var ecSigned = new SpduSigner(ecKey, ec).SignExternalPayload(shared.ToBytes(),
            new HeaderInfo { Psid = PkiPsids.CertificateRequest, GenerationTime = now }, SignerChoice.Digest);
        var encryptedEcSignature = SpduEncryptor.EncryptForCertificate(ecSigned, ea, out _);
        var inner = new InnerAtRequest(keys, hmacKey, shared, new EcSignature(true, Ieee1609Dot2Data.Decode(encryptedEcSignature)));

        // The proof of possession: the partition signs the AuthorizationRequest with the new ticket key, signer self.
        var pop = await _partition.SignProvisioningRequestAsync(KeyRole.AuthorizationTicket, slot, PkiPsids.CertificateRequest, SignerChoice.Self,
            EtsiTs102941Data.AuthorizationRequest(inner).ToBytes(), cancellationToken).ConfigureAwait(false);
        var message = SpduEncryptor.EncryptForCertificate(pop, aa, out var dataKey);
        var response = await _client.PostAsync(PkiRoutes.Authorization, message, cancellationToken).ConfigureAwait(false);
        var ticket = StationRequests.ReadAuthorizationResponse(response, dataKey, message, aa, ticketKey, Time64.Now(_clock));
        await _partition.InstallTicketAsync(slot, ticket.Encoded, cancellationToken).ConfigureAwait(false);
        _log.LogInformation("Ticket {Ticket} installed in slot {Slot}, valid from {Start:O}", ticket.HashedId8, slot, ticket.ToBeSigned.ValidityPeriod.Start.ToUtc());
        return (slot, ticket);
    }

    /// <summary>
    /// Gets <paramref name="count"/> tickets for pseudonym change, the i-th starting <paramref name="spacing"/> × i
    /// after now (overlapping when the spacing is below the ticket lifetime), and installs them.
    /// </summary>
    public async Task<IReadOnlyList<Certificate>> RequestTicketsAsync(int count, TimeSpan spacing, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(spacing, TimeSpan.Zero);
        var start = _clock.GetUtcNow();
        var tickets = new List<Certificate>(count);
        for (var i = 0; i < count; i++)
        {
            var (_, ticket) = await RequestTicketAsync(new TicketRequest { Start = start + (spacing * i) }, cancellationToken).ConfigureAwait(false);
            tickets.Add(ticket);
        }

        return tickets;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _ecKey?.Dispose();
        _ecKey = null;
    }
}
