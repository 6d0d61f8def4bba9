using System.Globalization;
using Community.Membership;
using Community.Storage;
using Cti.Stix;

namespace Community.Admin;

/// <summary>Conversions from stored records to what the APIs and the command line show.</summary>
public static class AdminViews
{
    /// <summary>An organisation.</summary>
    public static OrganisationView ToView(Organisation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, o.Name, OrganisationRoles.ToNames(o.Roles), o.Makes, o.Models, o.Suppliers, o.Clients, o.Reputation, o.IsAdministrator, o.IdentityId);
    }

    /// <summary>A collection.</summary>
    public static CollectionView ToView(HubCollection c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.Title, c.Description, c.Alias, c.PublicRead, c.Policy.Desensitisation.ToString().ToLowerInvariant(),
            c.Policy.CoordinateDecimals, c.Policy.Retention?.TotalDays, Tlp.Label(c.Policy.DefaultTlp), c.Policy.MergeAnomalies,
            c.Policy.SummarySignatures.ToString().ToLowerInvariant(), c.Policy.VehicleProducer);
    }

    /// <summary>A subscription.</summary>
    public static MembershipView ToView(CollectionMembership m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.CollectionId, m.OrganisationId, m.State.ToString().ToLowerInvariant(), m.CanRead, m.CanWrite,
            StixTimestamp.Format(m.RequestedAt), m.DecidedAt is { } d ? StixTimestamp.Format(d) : null);
    }

    /// <summary>A merged anomaly.</summary>
    public static AnomalyView ToView(AnomalyGroup g)
    {
        ArgumentNullException.ThrowIfNull(g);
        return new(g.CollectionId, g.Signature, g.Title, g.ThreatType, Tlp.Label((TlpLevel)g.Tlp), g.VehicleCount, g.ReportCount,
            Ts(g.FirstSeenUs), Ts(g.LastSeenUs), g.IndicatorId, g.SightingId, g.Revoked);
    }

    /// <summary>An audit entry as one line of text.</summary>
    public static string ToLine(AuditEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return string.Join('\t',
            e.Sequence.ToString(CultureInfo.InvariantCulture), Ts(e.AtUs), e.Action, e.Actor, e.CollectionId ?? "-", e.Subject ?? "-",
            e.VersionUs is { } v ? Ts(v) : "-", e.Reason ?? string.Empty);
    }

    private static string Ts(long us) => StixTimestamp.FormatMicroseconds(StixTimestamp.FromMicroseconds(us));
}
