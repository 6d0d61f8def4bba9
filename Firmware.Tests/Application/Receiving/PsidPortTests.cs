using Firmware.Application.Decisions;
using Firmware.Application.Receiving;
using Firmware.Tests.Application.Support;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Certificates;

namespace Firmware.Tests.Application.Receiving;

/// <summary>
/// Issue 10, hole 7: the receiver checks the PSID against the BTP port for every port (V2x PortPsidTable: ETSI TS
/// 103 248 ports, TS 102 965 ITS-AIDs). The IDF (0x1E) and OEM (0x1D) PSIDs, which a bench ticket holds, are no
/// message service on any port; a port outside the table is refused whatever the PSID. Each rejected frame is
/// rejected at decode, before any signature work, and changes nothing.
/// </summary>
public sealed class PsidPortTests
{
    private static readonly TestAuthority Authority = new("psid-port.test");

    private const ushort Unknown = 7777;

    // The ticket holds what a bench ticket holds (CAM, DENM, misbehaviour report 0x1D, IDF assurance 0x1E) and SPATEM (TLM 137).
    private static readonly IReadOnlyList<PsidSsp> Permissions =
    [
        .. TestAuthority.CamAndDenm,
        new PsidSsp(new Psid(0x1D), ServiceSpecificPermissions.Opaque([0x01, 0x00])),
        new PsidSsp(new Psid(137)),
    ];

    // name, PSID, BTP port, stage, reason
    public static TheoryData<string, ulong, ushort, ReceiveStage, ReceiveReason> Rows => new()
    {
        { "IDF PSID 0x1E on the CAM port 2001", 0x1E, 2001, ReceiveStage.Decode, ReceiveReason.PsidPortMismatch },
        { "IDF PSID 0x1E on the DENM port 2002", 0x1E, 2002, ReceiveStage.Decode, ReceiveReason.PsidPortMismatch },
        { "IDF PSID 0x1E on the MAPEM port 2003", 0x1E, 2003, ReceiveStage.Decode, ReceiveReason.PsidPortMismatch },
        { "IDF PSID 0x1E on port 7777 (outside the table)", 0x1E, Unknown, ReceiveStage.Decode, ReceiveReason.UnknownPort },
        { "OEM PSID 0x1D on the CAM port 2001", 0x1D, 2001, ReceiveStage.Decode, ReceiveReason.PsidPortMismatch },
        { "OEM PSID 0x1D on the DENM port 2002", 0x1D, 2002, ReceiveStage.Decode, ReceiveReason.PsidPortMismatch },
        { "OEM PSID 0x1D on the MAPEM port 2003", 0x1D, 2003, ReceiveStage.Decode, ReceiveReason.PsidPortMismatch },
        { "OEM PSID 0x1D on port 7777 (outside the table)", 0x1D, Unknown, ReceiveStage.Decode, ReceiveReason.UnknownPort },
        { "CAM PSID 36 on the SPATEM port 2004", 36, 2004, ReceiveStage.Decode, ReceiveReason.PsidPortMismatch },
        { "SPATEM PSID 137 on the MAPEM port 2003", 137, 2003, ReceiveStage.Decode, ReceiveReason.PsidPortMismatch },
        { "CAM PSID 36 on port 7777 (outside the table)", 36, Unknown, ReceiveStage.Decode, ReceiveReason.UnknownPort },
        { "pass: SPATEM PSID 137 on its port 2004, held by the ticket", 137, 2004, ReceiveStage.Decision, ReceiveReason.None },
        { "pass: CAM PSID 36 on its port 2001", 36, 2001, ReceiveStage.Decision, ReceiveReason.None },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Psid_and_port_agree_for_every_port(string name, ulong psid, ushort port, ReceiveStage stage, ReceiveReason reason)
    {
        using var receiver = new TestReceiver(Authority);
        var station = new TestStation(Authority, permissions: Permissions);
        var before = receiver.State;

        var result = receiver.Process(station.Opaque(receiver.Now, port, new Psid(psid), TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now)));

        Assert.True((stage, reason) == (result.Stage, result.Reason), $"{name}: {result.Stage} {result.Reason} {result.Detail}");
        if (reason == ReceiveReason.None)
        {
            Assert.Equal((DecisionRow.AssuredNoAnomaly, TrustDecision.Act), (result.Row, result.Decision));
        }
        else
        {
            Assert.Equal(TrustDecision.Discard, result.Decision);
            Assert.Equal(before, receiver.State);
        }
    }
}
