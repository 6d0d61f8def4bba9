using V2x.Security;
using V2x.Security.Signing;

namespace Firmware.SecurePartition;

/// <summary>
/// An augment-and-sign request from the application partition (patent ¶145-149): the PSID, the
/// opaque payload (for GeoNetworking the bytes the 1609.2 packet carries: GN common and extended
/// header, BTP and the facilities message), the optional generation location, and how to name the
/// signer (ETSI TS 103 097 §7.1.1 is the application's business). Whether the integrity report
/// travels is not the application's to ask: the partition decides (<see cref="SecurePartitionService.ReportTravels"/>).
/// </summary>
/// <param name="Psid">The application's PSID (ITS-AID).</param>
/// <param name="Payload">The bytes to sign.</param>
/// <param name="GenerationLocation">Optional generation location.</param>
/// <param name="Signer">Digest or certificate.</param>
public sealed record SignRequest(Psid Psid, ReadOnlyMemory<byte> Payload, ThreeDLocation? GenerationLocation, SignerChoice Signer);
