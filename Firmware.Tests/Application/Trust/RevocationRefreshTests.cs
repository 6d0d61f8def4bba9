using Firmware.Application.Receiving;
using Firmware.Application.Trust;
using Firmware.Tests.Application.Support;
using V2x.Integrity;
using V2x.Security.Signing;

namespace Firmware.Tests.Application.Trust;

/// <summary>
/// CRLs refreshed from the PKI on the receiver's clock (ETSI TS 102 941 v1.4.1 §6.3.3): a ticket revoked at
/// the PKI is rejected from the first frame after the refresh, and so is every ticket under a revoked CA; when
/// the PKI cannot be reached and the held CRL passes its nextUpdate, chains through that CA are refused
/// (fail closed).
/// </summary>
public sealed class RevocationRefreshTests
{
    private static readonly TestAuthority Authority = new("crl.test");

    [Theory]
    [InlineData("the ticket on the AA's CRL", false)]
    [InlineData("the AA on the root's CRL", true)]
    public async Task A_revoked_ticket_is_rejected_after_the_crl_refresh(string name, bool revokeTheCa)
    {
        using var receiver = new TestReceiver(Authority);
        var directory = new TestDirectory(Authority, receiver.Clock);
        using var refresher = new CrlRefresher(receiver.Pipeline.Trust, receiver.Pipeline.Revocations, directory, receiver.Clock);
        refresher.Start(TimeSpan.FromMinutes(1));
        var station = new TestStation(Authority);
        uint counter = 1;
        ReceiveResult Send(SignerChoice signer) =>
            receiver.Process(station.Cam(receiver.Now, signer, TestStation.Report(IntegrityLevel.NoAnomaly, counter++, receiver.Now)));

        Assert.True(Send(SignerChoice.Certificate).IsAccepted);
        if (revokeTheCa)
        {
            directory.Revoke(Authority.Root, Authority.Aa.HashedId8);
        }
        else
        {
            directory.Revoke(Authority.Aa, station.Digest);
        }

        // Before the refresh the receiver does not know yet.
        receiver.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(Send(SignerChoice.Digest).IsAccepted, name);

        receiver.Clock.Advance(TimeSpan.FromSeconds(30));
        await refresher.LastRefresh;
        var before = receiver.State;
        var after = Send(SignerChoice.Digest);

        Assert.True((ReceiveStage.Revocation, ReceiveReason.Revoked) == (after.Stage, after.Reason), $"{name}: {after.Stage} {after.Reason} {after.Detail}");
        Assert.Equal(before, receiver.State);
        Assert.True(receiver.Pipeline.Revocations.IsRevoked(revokeTheCa ? Authority.Aa.HashedId8 : station.Digest));
    }

    [Fact]
    public async Task A_stale_crl_with_the_pki_unreachable_fails_closed()
    {
        using var receiver = new TestReceiver(Authority);
        var directory = new TestDirectory(Authority, receiver.Clock) { Reachable = false };
        using var refresher = new CrlRefresher(receiver.Pipeline.Trust, receiver.Pipeline.Revocations, directory, receiver.Clock);
        var station = new TestStation(Authority, assurance: null);
        Assert.True(receiver.Process(station.Cam(receiver.Now, SignerChoice.Certificate, null)).IsAccepted);

        // The CRLs held were issued for a day; the refresh fails and they run out.
        receiver.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await refresher.RefreshAsync());
        Assert.False(refresher.AllCurrent());
        var result = receiver.Process(station.Cam(receiver.Now, SignerChoice.Digest, null));
        Assert.Equal((ReceiveStage.Revocation, ReceiveReason.CrlNotCurrent), (result.Stage, result.Reason));

        // The PKI is back: the next refresh restores the service.
        directory.Reachable = true;
        Assert.True(await refresher.RefreshAsync() >= 1);
        receiver.Clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(receiver.Process(station.Cam(receiver.Now, SignerChoice.Digest, null)).IsAccepted);
    }
}
