using Firmware.Application.Receiving;
using Firmware.Application.Trust;
using PkiProtocol.Messages;
using V2x.Oer;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Time;

namespace Fuzzing.Targets;

/// <summary>
/// The receive pipeline on whole frames (Ethernet, GeoNetworking, BTP, IEEE 1609.2, CAM/DENM, integrity report):
/// each input is one frame off the air, processed by a new <see cref="ReceivePipeline"/> over a new trust store
/// holding the fixture's root, AA and pre-admitted tickets, with current CRLs, at a fixed clock (so a seed frame
/// verifies and a mutated one reaches every stage). Every frame must end in a <see cref="ReceiveResult"/>: an
/// exception out of <see cref="ReceivePipeline.Process"/> is a finding.
/// </summary>
public sealed partial class ReceiveTarget : IFuzzTarget
{
    /// <summary>The fixture: root, AA and the pre-admitted tickets, OER certificates one after another.</summary>
    public const string FixtureFile = "receive-trust.oer";

    /// <summary>The time the seed frames were generated; the receiver's clock is 500 ms later.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly string _fixtures;
    private Certificate[]? _certificates;

    /// <summary>A target reading its fixture from <paramref name="fixtures"/> on first use.</summary>
    public ReceiveTarget(string fixtures) => _fixtures = fixtures;

    /// <inheritdoc />
    public string Name => "receive";

    /// <inheritdoc />
    public string Run(byte[] input)
    {
        var certificates = _certificates ??= LoadFixture(Path.Combine(_fixtures, FixtureFile));
        var root = certificates[0];
        var aa = certificates[1];
        using var trust = new TrustStore(root);
        trust.AddCa(aa, Time64.FromUtc(Start));
        var revocations = new RevocationSet();
        revocations.Apply(root.HashedId8, new ToBeSignedCrl(Time32.FromUtc(Start), Time32.FromUtc(Start.AddDays(1)), []));
        revocations.Apply(aa.HashedId8, new ToBeSignedCrl(Time32.FromUtc(Start), Time32.FromUtc(Start.AddDays(1)), []));
        using var pipeline = new ReceivePipeline(new ReceiverOptions
        {
            Trust = trust,
            Clock = new FixedClock(Start.AddMilliseconds(500)),
            Revocations = revocations,
            Name = "fuzz",
        });
        for (var i = 2; i < certificates.Length; i++)
        {
            pipeline.AddCertificate(certificates[i]);
        }

        var result = pipeline.Process(input, "fuzz");
        return $"{result.Outcome} {result.Stage} {result.Reason}";
    }

    /// <summary>Reads the fixture: at least a root and an AA.</summary>
    /// <exception cref="InvalidDataException">Missing or malformed (regenerate with <c>Fuzzing seed receive</c>).</exception>
    public static Certificate[] LoadFixture(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"the receive fixture {path} is missing: run `dotnet Fuzzing.dll seed receive <corpus> <fixtures>`");
        }

        var bytes = File.ReadAllBytes(path);
        var reader = new OerReader(bytes, "fixture");
        var list = new List<Certificate>();
        while (reader.Remaining > 0)
        {
            list.Add(Certificate.Decode(reader));
        }

        return list.Count >= 2 ? [.. list] : throw new InvalidDataException($"the receive fixture {path} holds {list.Count} certificate(s), not a root and an AA");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
