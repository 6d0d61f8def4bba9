using Community.Membership;
using Community.Storage;
using Cti.Sharing;
using Cti.Stix;

namespace Community.Access;

/// <summary>
/// Whether a reader who may read a collection may see one object in it: the producer always sees
/// its own; an object labelled with X.1371 threat types is seen only by organisations holding a role
/// that ITU-T X.1382 Table 1 (or the configured routing) maps every one of them to; then TLP 2.0
/// (FIRST): CLEAR to everyone, GREEN to the community's members, AMBER to the producer and its
/// clients, AMBER+STRICT to the producer only, RED to the named recipients only.
/// </summary>
public static class AccessPolicy
{
    /// <summary>True when <paramref name="reader"/> may see <paramref name="obj"/>.</summary>
    public static bool CanSee(Reader reader, StoredObject obj, IReadOnlyDictionary<string, Organisation> organisations, ThreatRouting routing)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(organisations);
        ArgumentNullException.ThrowIfNull(routing);
        var org = reader.Organisation;
        if (org is not null && org.Id == obj.Producer)
        {
            return true;
        }

        // ITU-T X.1382 §8.2, Table 1: sharing scope by threat type.
        if (obj.ThreatTypes.Count > 0)
        {
            var types = X1371ThreatTypes.FromLabels(obj.ThreatTypes);
            if (org is null || !routing.Admits(org.Roles, types))
            {
                return false;
            }
        }

        return obj.Tlp switch
        {
            TlpLevel.Clear => true,
            TlpLevel.Green => org is not null,
            TlpLevel.Amber => org is not null && organisations.TryGetValue(obj.Producer, out var producer) && producer.Clients.Contains(org.Id),
            TlpLevel.Red => org is not null && obj.Recipients.Contains(org.IdentityId),
            _ => false,
        };
    }
}
