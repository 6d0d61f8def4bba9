using V2x.Security;
using V2x.Time;

namespace Pki.Store;

/// <summary>
/// The record an AA keeps for each AT so that the misbehaviour authority can find the station behind it
/// (only for that purpose, never in the AT): the AT's digest, the issuing AA and EA, and the EC signature of
/// the request still encrypted for the EA, which only the EA can open.
/// </summary>
public sealed record ResolutionRecord(HashedId8 Ticket, HashedId8 Aa, HashedId8 Ea, byte[] EncryptedEcSignature, Time64 NotAfter);
