using Firmware.Application.Decisions;
using Firmware.Application.Receiving;
using Firmware.Tests.Application.Support;
using V2x.Integrity;
using V2x.Link;
using V2x.Security;
using V2x.Security.Signing;

namespace Firmware.Tests.Application.Receiving;

/// <summary>
/// Issue 10, hole 1, at the pipeline: a frame signed by one of the station's own recent tickets, or sent from its own
/// GeoNetworking address (both inside the signed packet), is the station's own message reflected back: rejected at
/// decode as <see cref="ReceiveReason.OwnMessage"/>, before any certificate or signature work, whatever the Ethernet
/// source; it changes nothing. A neighbour's frame passes. The set of own identities is bounded.
/// </summary>
public sealed class OwnMessageTests
{
    private static readonly TestAuthority Authority = new("own.test");

    private static readonly MacAddress StationMac = MacAddress.Parse("02:00:00:00:12:34");

    // name, own ticket is the sender's, own address is the sender's, signer, stage, reason
    public static TheoryData<string, bool, bool, SignerChoice, ReceiveReason> Rows => new()
    {
        { "own ticket, carried as certificate", true, false, SignerChoice.Certificate, ReceiveReason.OwnMessage },
        { "own ticket, named by digest (no wait for its certificate)", true, false, SignerChoice.Digest, ReceiveReason.OwnMessage },
        { "own GN address, another ticket", false, true, SignerChoice.Certificate, ReceiveReason.OwnMessage },
        { "pass: a neighbour (another ticket, another address)", false, false, SignerChoice.Certificate, ReceiveReason.None },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Own_messages_are_rejected_by_signed_identity(string name, bool ownTicket, bool ownAddress, SignerChoice signer, ReceiveReason reason)
    {
        var own = new OwnMessages();
        var sender = new TestStation(Authority);
        own.AddSigner(ownTicket ? sender.Digest : new TestStation(Authority).Digest);
        own.AddAddress(ownAddress ? StationMac : MacAddress.Parse("02:00:00:00:99:99"));
        using var receiver = new TestReceiver(Authority, o => o with { Own = own });
        var before = receiver.State;

        var result = receiver.Process(sender.Cam(receiver.Now, signer, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now)));

        Assert.True(reason == result.Reason, $"{name}: {result.Stage} {result.Reason} {result.Detail}");
        if (reason == ReceiveReason.OwnMessage)
        {
            Assert.Equal((ReceiveStage.Decode, TrustDecision.Discard), (result.Stage, result.Decision));
            Assert.Equal(before, receiver.State);
        }
        else
        {
            Assert.Equal(TrustDecision.Act, result.Decision);
        }
    }

    [Fact]
    public void The_own_identities_are_bounded_and_keep_the_latest()
    {
        var own = new OwnMessages(capacity: 4);
        var tickets = Enumerable.Range(1, 6).Select(i => new HashedId8((ulong)i)).ToList();
        foreach (var t in tickets)
        {
            own.AddSigner(t);
            own.AddSigner(t);
        }

        Assert.Equal(4, own.SignerCount);
        Assert.Equal([false, false, true, true, true, true], tickets.Select(own.IsOwnSigner));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OwnMessages(capacity: 1));
    }
}
