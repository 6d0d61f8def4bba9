using Firmware.SecurePartition.Encoding;
using Firmware.SecurePartition.Keys;
using V2x.Security;
using V2x.Security.Signing;

namespace Firmware.SecurePartition.Protocol;

public sealed partial class SecurePartitionClient
{
    /// <summary>Generates an AT key pair in the partition; returns its slot and public key (65-byte uncompressed point).</summary>
    public async Task<(ushort Slot, byte[] PublicKey)> GenerateTicketKeyAsync(CancellationToken cancellationToken = default)
    {
        var r = await CallAsync(MessageType.GenerateTicketKey, [], cancellationToken).ConfigureAwait(false);
        var result = (r.U16("slot"), r.Bytes("publicKey", 65));
        r.ExpectEnd();
        return result;
    }

    /// <summary>Installs an AT certificate into a slot (checked against the slot's key).</summary>
    public async Task InstallTicketAsync(ushort slot, ReadOnlyMemory<byte> certificate, CancellationToken cancellationToken = default) =>
        (await CallAsync(MessageType.InstallTicket, new ByteWriter().U16(slot).Bytes(certificate.Span).ToArray(), cancellationToken).ConfigureAwait(false)).ExpectEnd();

    /// <summary>Changes pseudonym; returns the slot now active.</summary>
    public async Task<ushort> ChangePseudonymAsync(CancellationToken cancellationToken = default)
    {
        var r = await CallAsync(MessageType.ChangePseudonym, [], cancellationToken).ConfigureAwait(false);
        var slot = r.U16("slot");
        r.ExpectEnd();
        return slot;
    }

    /// <summary>Generates the enrolment key pair; returns its public key.</summary>
    public async Task<byte[]> GenerateEnrolmentKeyAsync(CancellationToken cancellationToken = default) =>
        Single(await CallAsync(MessageType.GenerateEnrolmentKey, [], cancellationToken).ConfigureAwait(false), "publicKey");

    /// <summary>Installs the enrolment credential (checked against the enrolment key).</summary>
    public async Task InstallEnrolmentCredentialAsync(ReadOnlyMemory<byte> certificate, CancellationToken cancellationToken = default) =>
        (await CallAsync(MessageType.InstallEnrolmentCredential, new ByteWriter().Bytes(certificate.Span).ToArray(), cancellationToken).ConfigureAwait(false)).ExpectEnd();

    /// <summary>Signs an enrolment or authorization request as IEEE 1609.2 signed data with a partition key.</summary>
    public async Task<byte[]> SignProvisioningRequestAsync(KeyRole role, ushort slot, Psid psid, SignerChoice signer, ReadOnlyMemory<byte> payload,
        CancellationToken cancellationToken = default)
    {
        var w = new ByteWriter(payload.Length + 32).U8((byte)role).U16(slot).U64(psid.Value).U8(SignerByte(signer)).Bytes(payload.Span);
        return Single(await CallAsync(MessageType.SignProvisioningRequest, w.ToArray(), cancellationToken).ConfigureAwait(false), "spdu");
    }

    /// <summary>The canonical public key (65-byte uncompressed point).</summary>
    public async Task<byte[]> GetCanonicalKeyAsync(CancellationToken cancellationToken = default) =>
        Single(await CallAsync(MessageType.GetCanonicalKey, [], cancellationToken).ConfigureAwait(false), "publicKey");

    /// <summary>The partition's own anomaly report (patent fig. 7, message 720), signed by the active ticket (Docs/misbehaviour.md).</summary>
    public async Task<byte[]> SignOwnAnomalyReportAsync(CancellationToken cancellationToken = default) =>
        Single(await CallAsync(MessageType.SignMisbehaviourReport, [0], cancellationToken).ConfigureAwait(false), "spdu");

    /// <summary>Signs a receiver's observation report (an IdfMisbehaviourReport of kind observation) with the active ticket.</summary>
    public async Task<byte[]> SignObservationReportAsync(ReadOnlyMemory<byte> report, CancellationToken cancellationToken = default) =>
        Single(await CallAsync(MessageType.SignMisbehaviourReport, new ByteWriter(report.Length + 8).U8(1).Bytes(report.Span).ToArray(), cancellationToken)
            .ConfigureAwait(false), "spdu");

    /// <summary>Retires a ticket (found on a CRL); returns the slot active afterwards, or null when none is left.</summary>
    public async Task<ushort?> RetireTicketAsync(ushort slot, CancellationToken cancellationToken = default)
    {
        var r = await CallAsync(MessageType.RetireTicket, new ByteWriter().U16(slot).ToArray(), cancellationToken).ConfigureAwait(false);
        ushort? active = r.Bool("hasActive") ? r.U16("active") : null;
        r.ExpectEnd();
        return active;
    }

    /// <summary>The installed tickets: slot, whether it is the active one, and its certificate.</summary>
    public async Task<IReadOnlyList<(ushort Slot, bool Active, byte[] Certificate)>> ListTicketsAsync(CancellationToken cancellationToken = default)
    {
        var r = await CallAsync(MessageType.ListTickets, [], cancellationToken).ConfigureAwait(false);
        var list = r.List("tickets", StationKeys.MaxSlots, static r => (r.U16("slot"), r.Bool("active"), r.Bytes("certificate", 4096)));
        r.ExpectEnd();
        return list;
    }
}
