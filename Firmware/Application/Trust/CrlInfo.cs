using V2x.Security;
using V2x.Time;

namespace Firmware.Application.Trust;

/// <summary>One CA's CRL as held: its update times and entries (ETSI TS 102 941 v1.4.1 §6.3.3 ToBeSignedCrl).</summary>
/// <param name="ThisUpdate">When the CA issued it.</param>
/// <param name="NextUpdate">When it stops being current.</param>
/// <param name="Entries">The HashedId8 of the revoked certificates.</param>
public sealed record CrlInfo(Time32 ThisUpdate, Time32 NextUpdate, IReadOnlySet<HashedId8> Entries);
