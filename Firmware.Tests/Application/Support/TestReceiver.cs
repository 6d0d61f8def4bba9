using Firmware.Application.Receiving;
using Microsoft.Extensions.Time.Testing;
using V2x.Security;

namespace Firmware.Tests.Application.Support;

/// <summary>A receive pipeline trusting a <see cref="TestAuthority"/>, with current CRLs, on a hand-stepped clock.</summary>
internal sealed class TestReceiver : IDisposable
{
    public TestReceiver(TestAuthority authority, Func<ReceiverOptions, ReceiverOptions>? edit = null, FakeTimeProvider? clock = null, params HashedId8[] revoked)
    {
        Authority = authority;
        Clock = clock ?? new FakeTimeProvider(TestAuthority.Now);
        var options = new ReceiverOptions
        {
            Trust = authority.NewTrustStore(),
            Clock = Clock,
            Revocations = authority.Crls(Clock.GetUtcNow(), revoked),
            Name = "receiver",
        };
        Pipeline = new ReceivePipeline(edit is null ? options : edit(options));
        Pipeline.Decided += r =>
        {
            lock (Decided)
            {
                Decided.Add(r);
            }
        };
    }

    public TestAuthority Authority { get; }

    public FakeTimeProvider Clock { get; }

    public ReceivePipeline Pipeline { get; }

    /// <summary>Every decision raised, in order.</summary>
    public List<ReceiveResult> Decided { get; } = [];

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Everything a frame could change: cached tickets, counter windows, remembered messages, waiting frames.</summary>
    public (int Signers, int Neighbours, int Recent, int Waiting) State =>
        (Pipeline.Trust.SignerCount, Pipeline.Replay.Neighbours.Count, Pipeline.Replay.Recent.Count, Pipeline.WaitingCount);

    public ReceiveResult Process(byte[] frame) => Pipeline.Process(frame, "test");

    public void Dispose()
    {
        Pipeline.Dispose();
        Pipeline.Trust.Dispose();
    }
}
