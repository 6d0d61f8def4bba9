using Firmware.Application.Receiving;
using Firmware.Application.Replay;
using Firmware.Tests.Application.Support;
using V2x.Security;

namespace Firmware.Tests.Application.Receiving;

/// <summary>Receiver options a caller gets wrong are refused at construction (ArgumentException), the defaults are not.</summary>
public sealed class ReceiverOptionsTests
{
    private static readonly TestAuthority Authority = new("options.test");

    public static TheoryData<string, Func<ReceiverOptions, ReceiverOptions>, bool> Rows => new()
    {
        { "the defaults", o => o, true },
        { "a DENM window of 30 s + 1 s (the duplicate window's 31 s)", o => o with { Freshness = new Dictionary<Psid, FreshnessWindow> { [Psid.Denm] = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1)) } }, true },
        { "a freshness window longer than the duplicate window", o => o with { Freshness = new Dictionary<Psid, FreshnessWindow> { [Psid.Denm] = new(TimeSpan.FromSeconds(60), TimeSpan.Zero) } }, false },
        { "a longer duplicate window allows it", o => o with { Replay = new ReplayOptions { RecentWindow = TimeSpan.FromSeconds(61) },
            Freshness = new Dictionary<Psid, FreshnessWindow> { [Psid.Denm] = new(TimeSpan.FromSeconds(60), TimeSpan.Zero) } }, true },
        { "a negative window", o => o with { DefaultFreshness = new(TimeSpan.FromSeconds(-1), TimeSpan.Zero) }, false },
        { "no room to wait", o => o with { MaxWaitingFrames = 0 }, false },
        { "a negative certificate wait", o => o with { CertificateWait = TimeSpan.FromSeconds(-1) }, false },
        { "a minimum assurance above 7", o => o with { Decisions = new() { MinimumAssurance = 8 } }, false },
        { "verify-on-demand under load", o => o with { Load = new() { VerifyOnDemand = VerifyOnDemandMode.UnderLoad } }, true },
        { "a receive queue of no frames", o => o with { Load = new() { QueueCapacity = 0 } }, false },
        { "no share per signer", o => o with { Load = new() { QueuePerSigner = 0 } }, false },
        { "a back-off cap below its threshold", o => o with { Load = new() { BackoffThreshold = 8, BackoffScoreCap = 4 } }, false },
        { "a back-off half-life of zero", o => o with { Load = new() { BackoffHalfLife = TimeSpan.Zero } }, false },
        { "a negative sampling budget", o => o with { Load = new() { BackoffSamplesPerSecond = -1 } }, false },
        { "no PKI look-ups at all", o => o with { Load = new() { PkiLookupsPerSecond = 0 } }, false },
        { "sampling every zeroth message", o => o with { Load = new() { VerifyOnDemandSampleEvery = 0 } }, false },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Options_are_checked(string name, Func<ReceiverOptions, ReceiverOptions> edit, bool valid)
    {
        using var trust = Authority.NewTrustStore();
        var options = edit(new ReceiverOptions { Trust = trust, Clock = TimeProvider.System });

        var e = Record.Exception(() => new ReceivePipeline(options).Dispose());

        Assert.True(valid ? e is null : e is ArgumentException, $"{name}: {e?.GetType().Name ?? "accepted"}");
    }
}
