using PkiProtocol.Messages;
using V2x.Security;
using V2x.Time;

namespace Firmware.Application.Trust;

/// <summary>
/// The revoked certificates this receiver knows of: the entries of every CA's current CRL (ETSI TS 102 941
/// v1.4.1 §6.3.3: HashedId8 of the revoked certificates) in one hash set, so checking a ticket and each CA
/// of its chain costs one O(1) look-up each whatever the CRLs' size; and, per CA, the CRL's update times so
/// a receiver can refuse a chain whose CRLs are out of date (fail closed). A new CRL replaces the CA's
/// previous one only if it is not older (no rollback to a CRL that lists fewer). Reads are lock-free on an
/// immutable snapshot; updates build a new snapshot. Thread-safe.
/// </summary>
public sealed class RevocationSet
{
    private readonly Lock _update = new();
    private volatile Snapshot _current = new(new HashSet<HashedId8>(), new Dictionary<HashedId8, CrlInfo>());

    /// <summary>Revoked certificates known now (the union of every CA's CRL).</summary>
    public int Count => _current.Revoked.Count;

    /// <summary>Whether a certificate is on any CA's CRL.</summary>
    public bool IsRevoked(HashedId8 certificate) => _current.Revoked.Contains(certificate);

    /// <summary>Whether the CRL of <paramref name="ca"/> is held and its nextUpdate has not passed at <paramref name="now"/>.</summary>
    public bool HasCurrentCrl(HashedId8 ca, Time64 now) =>
        _current.ByCa.TryGetValue(ca, out var info) && info.NextUpdate.ToTime64() > now;

    /// <summary>The CRL held for a CA (its update times and entry count), if any.</summary>
    public CrlInfo? CrlOf(HashedId8 ca) => _current.ByCa.TryGetValue(ca, out var info) ? info : null;

    /// <summary>
    /// Installs a CA's CRL, already verified against that CA (<see cref="PkiProtocol.Trust.CrlMessages.Verify"/>);
    /// returns false (and changes nothing) when a CRL with a later thisUpdate is held already.
    /// </summary>
    public bool Apply(HashedId8 ca, ToBeSignedCrl crl)
    {
        ArgumentNullException.ThrowIfNull(crl);
        lock (_update)
        {
            var old = _current;
            if (old.ByCa.TryGetValue(ca, out var held) && held.ThisUpdate > crl.ThisUpdate)
            {
                return false;
            }

            var byCa = new Dictionary<HashedId8, CrlInfo>(old.ByCa)
            {
                [ca] = new CrlInfo(crl.ThisUpdate, crl.NextUpdate, crl.Entries.ToHashSet()),
            };
            var revoked = new HashSet<HashedId8>(byCa.Values.Sum(c => c.Entries.Count));
            foreach (var info in byCa.Values)
            {
                revoked.UnionWith(info.Entries);
            }

            _current = new Snapshot(revoked, byCa);
            return true;
        }
    }

    private sealed record Snapshot(HashSet<HashedId8> Revoked, Dictionary<HashedId8, CrlInfo> ByCa);
}
