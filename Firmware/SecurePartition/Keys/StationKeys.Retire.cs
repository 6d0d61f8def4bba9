using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Signing;
using V2x.Time;

namespace Firmware.SecurePartition.Keys;

public sealed partial class StationKeys
{
    /// <summary>
    /// Retires a ticket the station found on a CRL (patent ¶167: it stops using it): its key is deleted and its slot
    /// record removed; when it was the active one, the next installed ticket becomes active (with a fresh counter
    /// offset), else none is. Returns the active slot afterwards, or null when no ticket is left. Retiring only ever
    /// takes capability away, so the application may ask for it.
    /// </summary>
    /// <exception cref="PartitionException">UnknownSlot.</exception>
    public ushort? RetireTicket(ushort slot)
    {
        lock (_lock)
        {
            var retired = _slots.FirstOrDefault(s => s.Slot == slot) ?? throw new PartitionException(PartitionError.UnknownSlot, $"No slot {slot}.");
            var slots = _slots.Where(s => s.Slot != slot).ToList();
            ushort? active = _active == slot ? null : _active == NoSlot ? null : _active;
            if (_active == slot && slots.Where(s => s.Certificate.Length > 0).OrderBy(s => s.Slot).FirstOrDefault() is { } next)
            {
                slots = slots.Select(x => x.Slot == next.Slot ? next with { CounterOffset = RandomOffset() } : x).ToList();
                active = next.Slot;
            }

            // The slot record goes first: a crash before the key is deleted leaves an orphan key, never a slot without one.
            SaveSlots(slots);
            _slots = slots;
            if (_active == slot)
            {
                Activate(active ?? NoSlot);
            }

            _ = KeyStoreCall(() => _keys.Delete(retired.Label));
            return active;
        }
    }

    /// <summary>
    /// Signs a misbehaviour report (PkiProtocol IdfMisbehaviourReport) with the active ticket under PSID 0x1D, signer
    /// certificate, generation time the partition's clock (Docs/misbehaviour.md). The caller checked the report; the
    /// ticket must permit 0x1D (every AT of the bench PKI does: the right to file reports).
    /// </summary>
    /// <exception cref="PartitionException">NoAuthorizationTicket, NotPermitted.</exception>
    public byte[] SignReport(ReadOnlySpan<byte> report, Psid psid, DateTimeOffset now)
    {
        SpduSigner signer;
        lock (_lock)
        {
            var slot = _slots.FirstOrDefault(s => s.Slot == _active && s.Certificate.Length > 0)
                ?? throw new PartitionException(PartitionError.NoAuthorizationTicket, "No authorization ticket is installed.");
            var certificate = Certificate.Decode(slot.Certificate);
            if (certificate.ToBeSigned.AppPermissions?.Any(p => p.Psid == psid) != true)
            {
                throw new PartitionException(PartitionError.NotPermitted, $"The active ticket does not permit PSID {psid} (misbehaviour reports).");
            }

            signer = BuildSigner(slot.Label, certificate);
        }

        var bytes = report.ToArray();
        return KeyStoreCall(() => signer.SignPayload(bytes, psid, Time64.FromUtc(now), SignerChoice.Certificate));
    }
}
