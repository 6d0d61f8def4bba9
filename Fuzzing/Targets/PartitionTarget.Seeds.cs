using System.Net;
using Firmware.SecurePartition;
using Firmware.SecurePartition.Keys;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Protocol;
using Firmware.SecurePartition.Triggers;
using V2x.Security;
using V2x.Security.Signing;
using V2x.Stack;

namespace Fuzzing.Targets;

/// <summary>The partition seeds: what <see cref="SecurePartitionClient"/> sends for each request, recorded off a live connection.</summary>
public sealed partial class PartitionTarget
{
    /// <inheritdoc />
    public IReadOnlyList<FuzzSeed> CreateSeeds(string fixtures)
    {
        using var served = new Served();
        using var channel = new InMemoryChannel(served.Server);
        var recorder = new RecordingStream(channel.Connect());
        var client = new SecurePartitionClient(recorder);
        var seeds = new List<FuzzSeed>();
        var session = new MemoryStream();
        void Take(string name)
        {
            var sent = recorder.TakeSent();
            session.Write(sent);
            seeds.Add(new FuzzSeed(name, sent));
        }

        var cam = FrameBuilder.ToBeSignedPayload(ReceiveTarget.Cam(1));
        var denm = FrameBuilder.ToBeSignedPayload(ReceiveTarget.Denm(1));
        Call(client.HelloAsync());
        Take("hello");
        Call(client.AnnounceStartAsync("fuzz application"));
        Take("announce-start");
        Call(client.AugmentAndSignAsync(new SignRequest(Psid.Cam, cam, null, SignerChoice.Digest)));
        Take("augment-cam-digest");
        Call(client.AugmentAndSignAsync(new SignRequest(Psid.Denm, denm, null, SignerChoice.Certificate)));
        Take("augment-denm-certificate");
        Call(client.GetReportAsync(detailed: true));
        Take("get-report-detailed");
        Call(client.TriggerCheckAsync(TriggerKind.Requested, "fuzz"));
        Take("trigger-check");
        Call(client.GetPostureAsync());
        Take("get-posture");
        Call(client.CreatePostureRequestAsync());
        Take("create-posture-request");
        Call(client.ReadReportsAsync(0, 4));
        Take("read-reports");
        var now = DateTimeOffset.UtcNow;
        Call(client.UpdateIndicatorRulesAsync(new IndicatorRuleUpdate(
            [new IndicatorEntry(new Guid("6f1d2c1e-5b7a-4f4e-9a51-0d1c2b3a4f5e"), now, now, now.AddDays(1),
                [IndicatorRule.ProcessName("miner"), IndicatorRule.Peer(IPAddress.Parse("203.0.113.0"), 24, 4444)])], [])));
        Take("update-indicator-rules");
        Call(client.ListIndicatorRulesAsync());
        Take("list-indicator-rules");
        var (slot, _) = Call(client.GenerateTicketKeyAsync());
        Take("generate-ticket-key");
        Call(client.GetCanonicalKeyAsync());
        Take("get-canonical-key");
        Call(client.GenerateEnrolmentKeyAsync());
        Take("generate-enrolment-key");
        Call(client.SignProvisioningRequestAsync(KeyRole.AuthorizationTicket, slot, new Psid(0x23), SignerChoice.Self, cam));
        Take("sign-provisioning-request");
        seeds.Add(new FuzzSeed("session", session.ToArray()));

        // Requests the partition refuses (a ticket that is no certificate, a posture response that is not signed,
        // a pseudonym change with no second ticket), each on a connection of its own since a refusal may close it.
        seeds.Add(Refused(channel, "install-ticket-refused", c => c.InstallTicketAsync(slot, cam)));
        seeds.Add(Refused(channel, "install-posture-response-refused", c => c.InstallPostureResponseAsync(cam)));
        seeds.Add(Refused(channel, "change-pseudonym", c => c.ChangePseudonymAsync()));
        client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return seeds;
    }

    private static T Call<T>(Task<T> call) => call.GetAwaiter().GetResult();

    // A request the partition refuses still went over the wire whole: it seeds the error paths.
    private static FuzzSeed Refused(InMemoryChannel channel, string name, Func<SecurePartitionClient, Task> call)
    {
        var recorder = new RecordingStream(channel.Connect());
        var client = new SecurePartitionClient(recorder);
        try
        {
            call(client).GetAwaiter().GetResult();
        }
        catch (PartitionException)
        {
        }

        var seed = new FuzzSeed(name, recorder.TakeSent());
        client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return seed;
    }

    /// <summary>A client end that keeps a copy of what the client writes.</summary>
    private sealed class RecordingStream(Stream inner) : Stream
    {
        private readonly MemoryStream _sent = new();

        public byte[] TakeSent()
        {
            var bytes = _sent.ToArray();
            _sent.SetLength(0);
            return bytes;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count)
        {
            _sent.Write(buffer, offset, count);
            inner.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _sent.Write(buffer.Span);
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _sent.Write(buffer, offset, count);
            return inner.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _sent.Dispose();
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
