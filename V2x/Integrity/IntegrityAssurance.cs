using V2x.Security;
using V2x.Security.Certificates;

namespace V2x.Integrity;

/// <summary>
/// The integrity-detection assurance level an audit CA grants (patent ¶130, ¶154-156, ¶185-203),
/// carried in an authorization ticket's appPermissions as a dedicated PSID whose SSP holds the level.
/// </summary>
/// <remarks>
/// <para>PSID <see cref="Psid"/> = 0x1E (p-encoded 0p1E). The IEEE Registration Authority PSID listing
/// (IEEE 1609.12) marks 0x1D-0x1E "reserved for private use" (ISO 15628), so no standard assigns it to an
/// application, and as a one-octet PSID it costs 4 octets in a certificate (preamble, length, value, SSP
/// tag) plus the SSP.</para>
/// <para>SSP: opaque, two octets: version (1) then the level, 0 = none, 1..7 following Common Criteria
/// EAL 1-7 (patent ¶189). The leading version octet follows the ETSI convention for CAM/DENM SSPs.
/// A receiver that does not know the PSID ignores the permission (IEEE 1609.2 §5.2.4: permissions are
/// interpreted by the application that owns the PSID).</para>
/// </remarks>
public static class IntegrityAssurance
{
    /// <summary>The project-private PSID of the integrity-detection assurance permission.</summary>
    public static readonly Psid Psid = new(0x1E);

    public const byte SspVersion = 1;

    /// <summary>Highest level (Common Criteria EAL 7).</summary>
    public const byte MaxLevel = 7;

    /// <summary>The PsidSsp entry granting <paramref name="level"/> (0..7).</summary>
    public static PsidSsp Permission(byte level)
    {
        if (level > MaxLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(level), "levels are 0..7");
        }

        return new PsidSsp(Psid, ServiceSpecificPermissions.Opaque([SspVersion, level]));
    }

    /// <summary>appPermissions with the assurance entry added (or replaced).</summary>
    public static IReadOnlyList<PsidSsp> Put(IReadOnlyList<PsidSsp>? appPermissions, byte level)
    {
        var list = appPermissions?.Where(p => p.Psid != Psid).ToList() ?? [];
        list.Add(Permission(level));
        return list;
    }

    /// <summary>
    /// The level granted by a certificate, or null when the certificate has no such permission
    /// (a legacy station, patent ¶171).
    /// </summary>
    /// <exception cref="DecodeException">The permission is present with a malformed SSP.</exception>
    public static byte? Read(ToBeSignedCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var entry = certificate.AppPermissions?.FirstOrDefault(p => p.Psid == Psid);
        if (entry is null)
        {
            return null;
        }

        var ssp = entry.Ssp is null ? [] : entry.Ssp.Value.Span;
        if (entry.Ssp is null || entry.Ssp.IsBitmap || ssp.Length != 2 || ssp[0] != SspVersion || ssp[1] > MaxLevel)
        {
            throw new DecodeException("ToBeSignedCertificate.appPermissions.ssp", 0, "malformed integrity assurance SSP");
        }

        return ssp[1];
    }
}
