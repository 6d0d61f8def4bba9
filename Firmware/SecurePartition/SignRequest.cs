using V2x.Security;
using V2x.Security.Signing;

namespace Firmware.SecurePartition;

/// <summary>
/// An augment-and-sign request from the application partition (patent ¶145-149): the PSID, the
/// opaque payload (for GeoNetworking the bytes the 1609.2 packet carries: GN common and extended
/// header, BTP and the facilities message), the optional generation location, whether to include
/// the integrity report, and how to name the signer (ETSI TS 103 097 §7.1.1 is the application's
/// business).
/// </summary>
/// <param name="Psid">The application's PSID (ITS-AID).</param>
/// <param name="Payload">The bytes to sign.</param>
/// <param name="GenerationLocation">Optional generation location.</param>
/// <param name="IncludeReport">Whether the compact report goes into HeaderInfo.contributedExtensions.</param>
/// <param name="Signer">Digest or certificate.</param>
public sealed record SignRequest(Psid Psid, ReadOnlyMemory<byte> Payload, ThreeDLocation? GenerationLocation, bool IncludeReport, SignerChoice Signer);
