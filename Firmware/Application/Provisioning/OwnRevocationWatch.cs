using Firmware.Application.Trust;
using Firmware.SecurePartition;
using Firmware.SecurePartition.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PkiProtocol;
using V2x;
using V2x.Integrity;
using V2x.Security.Certificates;

namespace Firmware.Application.Provisioning;

/// <summary>
/// The vehicle noticing its own revocation (patent ¶167): after each CRL refresh, the station looks for its own tickets
/// (and its enrolment credential) on the CRLs it holds. A listed ticket is retired in the partition (its key deleted: the
/// station stops using it, and the partition moves to the next ticket); then the station asks again, as ¶167 says: it
/// enrols again when its enrolment credential is listed, and requests a ticket. The PKI decides: a revoked station gets
/// none (the EA refuses it), a station of a model whose assessment was lowered gets one with the lower IDF assurance
/// (or none while its version is compromised). The outcome is logged and returned.
/// </summary>
public sealed class OwnRevocationWatch
{
    private readonly SecurePartitionClient _partition;
    private readonly RevocationSet _revocations;
    private readonly PkiProvisioning? _provisioning;
    private readonly string? _stationId;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _single = new(1, 1);

    /// <summary>Watches the partition's tickets against <paramref name="revocations"/>; re-requests through <paramref name="provisioning"/> when given.</summary>
    public OwnRevocationWatch(SecurePartitionClient partition, RevocationSet revocations, PkiProvisioning? provisioning, string? stationId, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(revocations);
        _partition = partition;
        _revocations = revocations;
        _provisioning = provisioning;
        _stationId = stationId;
        _log = logger ?? NullLogger.Instance;
    }

    /// <summary>Raised after a check that found the station's own certificates on a CRL.</summary>
    public event Action<OwnRevocation>? Noticed;

    /// <summary>The check started last (tests await it after a CRL refresh).</summary>
    public Task<OwnRevocation?> Last { get; private set; } = Task.FromResult<OwnRevocation?>(null);

    /// <summary>Checks the station's tickets and enrolment credential; returns what was found and done (null when nothing is listed).</summary>
    public Task<OwnRevocation?> CheckAsync(CancellationToken cancellationToken = default)
    {
        var check = CheckOnceAsync(cancellationToken);
        Last = check;
        return check;
    }

    private async Task<OwnRevocation?> CheckOnceAsync(CancellationToken cancellationToken)
    {
        await _single.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var retired = new List<string>();
            foreach (var (slot, _, encoded) in await _partition.ListTicketsAsync(cancellationToken).ConfigureAwait(false))
            {
                Certificate ticket;
                try
                {
                    ticket = Certificate.Decode(encoded);
                }
                catch (DecodeException)
                {
                    continue;
                }

                if (_revocations.IsRevoked(ticket.HashedId8))
                {
                    await _partition.RetireTicketAsync(slot, cancellationToken).ConfigureAwait(false);
                    retired.Add(ticket.HashedId8.ToString());
                    _log.LogWarning("Own ticket {Ticket} (slot {Slot}) is on a CRL: retired, no longer used (patent ¶167)", ticket.HashedId8, slot);
                }
            }

            var ecRevoked = await EnrolmentRevokedAsync(cancellationToken).ConfigureAwait(false);
            if (retired.Count == 0 && !ecRevoked)
            {
                return null;
            }

            var outcome = await AskAgainAsync(ecRevoked, cancellationToken).ConfigureAwait(false);
            var noticed = new OwnRevocation(retired, ecRevoked, outcome.Ticket, outcome.Assurance, outcome.Refusal);
            Noticed?.Invoke(noticed);
            return noticed;
        }
        finally
        {
            _single.Release();
        }
    }

    // The enrolment credential against the CRLs held and the EA's own CRL (a receiver does not otherwise hold the EA's: it
    // verifies tickets, not ECs). The EA's CRL is fetched on each check; when it cannot be, the CRLs held decide.
    private async Task<bool> EnrolmentRevokedAsync(CancellationToken cancellationToken)
    {
        if (_provisioning?.EnrolmentCredential is not { } ec)
        {
            return false;
        }

        if (_revocations.IsRevoked(ec.HashedId8))
        {
            return true;
        }

        try
        {
            var ea = await _provisioning.Client.TrustedCaAsync("ea", null, cancellationToken).ConfigureAwait(false);
            return (await _provisioning.Client.GetCrlAsync(ea, cancellationToken).ConfigureAwait(false)).Entries.Contains(ec.HashedId8);
        }
        catch (Exception e) when (e is PkiException or HttpRequestException)
        {
            _log.LogInformation("The EA's CRL was not fetched ({Error}); the enrolment credential is checked against the CRLs held only", e.Message);
            return false;
        }
    }

    // ¶167: the station asks again; the PKI gives no ticket, or one with a lower IDF assurance.
    private async Task<(string? Ticket, byte? Assurance, string? Refusal)> AskAgainAsync(bool reEnrol, CancellationToken cancellationToken)
    {
        if (_provisioning is null)
        {
            return (null, null, "no PKI provisioning configured");
        }

        try
        {
            if (reEnrol || _provisioning.EnrolmentCredential is null)
            {
                await _provisioning.EnrolAsync(_stationId ?? throw new InvalidOperationException("The station id is needed to enrol again."), cancellationToken)
                    .ConfigureAwait(false);
            }

            var (slot, ticket) = await _provisioning.RequestTicketAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var assurance = IntegrityAssurance.Read(ticket.ToBeSigned);
            _log.LogWarning("New ticket {Ticket} in slot {Slot} after the revocation, IDF assurance {Assurance}", ticket.HashedId8, slot,
                assurance?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
            return (ticket.HashedId8.ToString(), assurance, null);
        }
        catch (PkiException e)
        {
            _log.LogWarning("No new ticket after the revocation: the PKI refused ({Failure}: {Error})", e.Failure, e.Message);
            return (null, null, $"{e.Failure}: {e.Message}");
        }
        catch (Exception e) when (e is HttpRequestException or PartitionException or ProtocolException)
        {
            _log.LogWarning("No new ticket after the revocation: {Error}", e.Message);
            return (null, null, e.Message);
        }
    }
}
