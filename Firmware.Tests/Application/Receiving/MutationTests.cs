using Firmware.Application.Receiving;
using Firmware.Tests.Application.Support;
using V2x.Integrity;
using V2x.Security.Signing;

namespace Firmware.Tests.Application.Receiving;

/// <summary>
/// Bad input from the air never crashes the receiver: seeded random mutations of valid signed frames (bit
/// flips, truncations, insertions) each get one typed outcome; a mutation inside the signed part is never
/// accepted, and a rejected frame changes no state.
/// </summary>
public sealed class MutationTests
{
    private static readonly TestAuthority Authority = new("mutation.test");

    [Theory]
    [InlineData("bit flips", 0, 1500)]
    [InlineData("truncations", 1, 300)]
    [InlineData("inserted octets", 2, 300)]
    public void Mutated_frames_get_a_typed_outcome_and_change_nothing(string name, int kind, int count)
    {
        using var receiver = new TestReceiver(Authority);
        var station = new TestStation(Authority);
        var random = new Random(20261122 + kind);
        var cam = station.Cam(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 1, receiver.Now));
        var denm = station.Denm(receiver.Now, SignerChoice.Certificate, TestStation.Report(IntegrityLevel.NoAnomaly, 2, receiver.Now));

        // The signed part starts after Ethernet (14) and the GN basic header (4) plus the secured packet's first octets.
        const int SignedFrom = 14 + 4 + 8;
        for (var i = 0; i < count; i++)
        {
            var original = i % 2 == 0 ? cam : denm;
            var (mutated, inSigned) = Mutate(original, kind, random, SignedFrom);
            var before = receiver.State;

            var result = receiver.Process(mutated);

            Assert.True(Enum.IsDefined(result.Reason), name);
            if (result.IsAccepted)
            {
                Assert.False(inSigned, $"{name} #{i}: a mutation inside the signed part was accepted");

                // The accepted one is remembered: the next mutation must start from a clean slate.
                continue;
            }

            if (result.Outcome == ReceiveOutcome.Rejected)
            {
                Assert.True(before == receiver.State, $"{name} #{i}: a rejected frame ({result.Reason}) changed the state");
            }
        }
    }

    private static (byte[] Frame, bool InSigned) Mutate(byte[] original, int kind, Random random, int signedFrom)
    {
        switch (kind)
        {
            case 0:
                var copy = (byte[])original.Clone();
                var at = random.Next(copy.Length);
                copy[at] ^= (byte)(1 << random.Next(8));
                return (copy, at >= signedFrom);
            case 1:
                return (original[..random.Next(original.Length)], true);
            default:
                var where = random.Next(signedFrom, original.Length);
                var extra = new byte[random.Next(1, 9)];
                random.NextBytes(extra);
                return ([.. original[..where], .. extra, .. original[where..]], true);
        }
    }
}
