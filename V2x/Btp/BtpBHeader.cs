namespace V2x.Btp;

/// <summary>
/// The BTP-B header (ETSI EN 302 636-5-1 v2.2.1 §7.3): destination port and destination port info,
/// 16 bits each. BTP-B is the non-interactive transport used for CAMs and DENMs.
/// </summary>
public readonly record struct BtpBHeader(ushort DestinationPort, ushort DestinationPortInfo = 0);
