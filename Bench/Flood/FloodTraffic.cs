using Firmware.Application.Composition;
using Firmware.Application.Trust;
using Hardware.Positioning;
using PkiProtocol.Messages;
using V2x.GeoNetworking;
using V2x.Integrity;
using V2x.Link;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Stack;
using V2x.Time;

namespace Bench.Flood;

/// <summary>
/// The flood bench's traffic, built before the run with the project's own builders (CamComposer, FrameBuilder)
/// under a test PKI (a root and an AA issuing tickets with the CAM and DENM permissions and the IDF assurance, as
/// the bench PKI does): the neighbours' CAMs at 10 Hz (certificate once a second, counters rising), exact replays
/// of them, forgeries under cached neighbours' digests (valid structure, random signature octets), CAMs carrying
/// valid tickets never heard before signed by the attacker's own key, and CAMs under random digests. Generation
/// times are planned from <see cref="Epoch"/>; the run's clock starts there. Counters keep the kinds apart
/// (genuine ones below 2^29, random-digest ones from 2^29, uncached from 2^30, forged from 2^31), so no attack frame
/// shares a genuine frame's (ticket, counter).
/// </summary>
internal sealed class FloodTraffic
{
    public static readonly DateTimeOffset Epoch = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private const uint RandomDigestCounters = 1u << 29;
    private const uint UncachedCounters = 1u << 30;
    private const uint ForgedCounters = 1u << 31;

    private FloodTraffic(Certificate root, Certificate aa, FloodItem[] items, Dictionary<(HashedId8, uint), int> genuine, bool[] measured)
    {
        Root = root;
        Aa = aa;
        Items = items;
        Genuine = genuine;
        Measured = measured;
    }

    public Certificate Root { get; }

    public Certificate Aa { get; }

    /// <summary>Every frame, in the order sent.</summary>
    public FloodItem[] Items { get; }

    /// <summary>Genuine frames by (ticket, counter).</summary>
    public Dictionary<(HashedId8 Signer, uint Counter), int> Genuine { get; }

    /// <summary>Per genuine frame: sent during the flood (not the warm-up), so it counts in the figures.</summary>
    public bool[] Measured { get; }

    /// <summary>The trust store of a receiver that trusts this PKI (root pinned, AA validated).</summary>
    public TrustStore NewTrustStore()
    {
        var trust = new TrustStore(Root);
        trust.AddCa(Aa, Time64.FromUtc(Epoch));
        return trust;
    }

    /// <summary>Current CRLs of the root and the AA (nothing revoked).</summary>
    public RevocationSet Crls()
    {
        var set = new RevocationSet();
        set.Apply(Root.HashedId8, new ToBeSignedCrl(Time32.FromUtc(Epoch.AddHours(-1)), Time32.FromUtc(Epoch.AddDays(1)), []));
        set.Apply(Aa.HashedId8, new ToBeSignedCrl(Time32.FromUtc(Epoch.AddHours(-1)), Time32.FromUtc(Epoch.AddDays(1)), []));
        return set;
    }

    /// <summary>Builds the traffic (on every core).</summary>
    public static FloodTraffic Generate(FloodOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var rootKey = EcdsaP256SignatureKey.Generate();
        var root = CertificateIssuer.SelfSignedRoot(new ToBeSignedCertificate
        {
            Id = CertificateId.FromName("root.flood"),
            ValidityPeriod = new ValidityPeriod(Time32.FromUtc(Epoch.AddYears(-1)), new Duration(DurationUnit.Years, 10)),
            CertIssuePermissions = [new PsidGroupPermissions { ChainLengthRange = 1 }],
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(rootKey.PublicKey),
        }, rootKey);
        var aaKey = EcdsaP256SignatureKey.Generate();
        var aa = CertificateIssuer.Issue(new ToBeSignedCertificate
        {
            Id = CertificateId.FromName("aa.flood"),
            ValidityPeriod = new ValidityPeriod(Time32.FromUtc(Epoch.AddMonths(-6)), new Duration(DurationUnit.Years, 5)),
            Region = GeographicRegion.FromIdentified([IdentifiedRegion.CountryOnly(276)]),
            CertIssuePermissions = [new PsidGroupPermissions { ChainLengthRange = 0 }],
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(aaKey.PublicKey),
        }, root, rootKey);

        Certificate Ticket(PublicVerificationKey key) => CertificateIssuer.Issue(new ToBeSignedCertificate
        {
            Id = CertificateId.None,
            CracaId = new HashedId3(0),
            ValidityPeriod = new ValidityPeriod(Time32.FromUtc(Epoch.AddDays(-7)), new Duration(DurationUnit.Hours, 168 * 4)),
            AssuranceLevel = 0x40,
            AppPermissions = IntegrityAssurance.Put(
                [new PsidSsp(Psid.Cam, ServiceSpecificPermissions.Bitmap([0x01, 0x00, 0x00])), new PsidSsp(Psid.Denm, ServiceSpecificPermissions.Bitmap([0x01, 0xFF, 0xFF, 0xFF]))], 5),
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(key),
        }, aa, aaKey);

        var random = new Random(options.Seed);
        var neighbours = Enumerable.Range(0, options.Neighbours).Select(n =>
        {
            var key = EcdsaP256SignatureKey.Generate();
            return (Key: key, Signer: new SpduSigner(key, Ticket(key.PublicKey)), Identity: Identity(0x1000_0000u + (uint)n), Counter: (uint)random.Next(1000, 1 << 24));
        }).ToArray();
        var collected = Enumerable.Range(0, options.UncachedTickets).Select(_ => Ticket(EcdsaP256SignatureKey.Generate().PublicKey)).ToArray();

        var warmup = options.Warmup.Ticks;
        var end = warmup + options.Duration.Ticks;
        var period = (long)(TimeSpan.TicksPerSecond / options.CamHz);

        // Genuine: neighbour n at phase n/N of the period, certificate every second (TS 103 097 v2.1.1 §7.1.1).
        var perNeighbour = new List<(long Offset, byte[] Frame, uint Counter)>[neighbours.Length];
        Parallel.For(0, neighbours.Length, n =>
        {
            var (_, signer, identity, start) = neighbours[n];
            var list = new List<(long, byte[], uint)>();
            var everySecond = Math.Max(1, (int)Math.Round(options.CamHz));
            for (var k = 0; (n * period / neighbours.Length) + (k * period) < end; k++)
            {
                var offset = (n * period / neighbours.Length) + (k * period);
                var counter = start + (uint)k;
                list.Add((offset, Cam(identity, Epoch.AddTicks(offset), signer, k % everySecond == 0 ? SignerChoice.Certificate : SignerChoice.Digest, counter), counter));
            }

            perNeighbour[n] = list;
        });

        var items = new List<FloodItem>();
        var genuine = new Dictionary<(HashedId8, uint), int>();
        var measured = new List<bool>();
        for (var n = 0; n < neighbours.Length; n++)
        {
            foreach (var (offset, frame, counter) in perNeighbour[n])
            {
                var index = measured.Count;
                genuine[(neighbours[n].Signer.Digest, counter)] = index;
                measured.Add(offset >= warmup);
                items.Add(new FloodItem(offset, frame, FloodKind.Genuine, index));
                var replayAt = offset + options.ReplayDelay.Ticks;
                if (offset >= warmup && replayAt < end && random.NextDouble() < options.ReplayShare)
                {
                    items.Add(new FloodItem(replayAt, frame, FloodKind.Replay, index));
                }
            }
        }

        // The attacks, each spread evenly over the flood, generated in partitions with their own keys and randomness.
        var forged = (int)(options.ForgedPerSecond * options.Duration.TotalSeconds);
        var uncached = (int)(options.UncachedPerSecond * options.Duration.TotalSeconds);
        var randomDigests = (int)(options.RandomDigestsPerSecond * options.Duration.TotalSeconds);
        var attacks = new FloodItem[forged + uncached + randomDigests];
        var partitions = Environment.ProcessorCount * 4;
        Parallel.For(0, partitions, p =>
        {
            var rnd = new Random(options.Seed * 7919 + p);
            using var attackerKey = EcdsaP256SignatureKey.Generate();
            var forgers = new Dictionary<int, SpduSigner>();
            for (var i = p; i < attacks.Length; i += partitions)
            {
                if (i < forged)
                {
                    var v = i % options.Victims;
                    if (!forgers.TryGetValue(v, out var forger))
                    {
                        var ticket = neighbours[v].Signer.Certificate!;
                        forger = new SpduSigner(new ForgingKey(ticket.ToBeSigned.VerifyKeyIndicator.VerificationKey!, null, rnd), ticket);
                        forgers[v] = forger;
                    }

                    var offset = warmup + (long)(i * (double)TimeSpan.TicksPerSecond / options.ForgedPerSecond);
                    attacks[i] = new FloodItem(offset, Cam(neighbours[v].Identity, Epoch.AddTicks(offset), forger, SignerChoice.Digest, ForgedCounters + (uint)i), FloodKind.Forged, -1);
                }
                else if (i < forged + uncached)
                {
                    var j = i - forged;
                    var ticket = collected[j % collected.Length];
                    var signer = new SpduSigner(new ForgingKey(ticket.ToBeSigned.VerifyKeyIndicator.VerificationKey!, attackerKey, rnd), ticket);
                    var offset = warmup + (long)(j * (double)TimeSpan.TicksPerSecond / options.UncachedPerSecond);
                    attacks[i] = new FloodItem(offset, Cam(Identity(0x3000_0000u + (uint)j), Epoch.AddTicks(offset), signer, SignerChoice.Certificate, UncachedCounters + (uint)j), FloodKind.Uncached, -1);
                }
                else
                {
                    var j = i - forged - uncached;
                    using var key = EcdsaP256SignatureKey.Generate();
                    var signer = new SpduSigner(key, Ticket(key.PublicKey));
                    var offset = warmup + (long)(j * (double)TimeSpan.TicksPerSecond / options.RandomDigestsPerSecond);
                    attacks[i] = new FloodItem(offset, Cam(Identity(0x4000_0000u + (uint)j), Epoch.AddTicks(offset), signer, SignerChoice.Digest, RandomDigestCounters + (uint)j), FloodKind.RandomDigest, -1);
                }
            }
        });

        items.AddRange(attacks);
        items.Sort((a, b) => a.OffsetTicks.CompareTo(b.OffsetTicks));
        foreach (var n in neighbours)
        {
            n.Key.Dispose();
        }

        return new FloodTraffic(root, aa, [.. items], genuine, [.. measured]);
    }

    internal static StationIdentity Identity(uint station) =>
        new(station, MacAddress.Parse($"02:{(station >> 24) & 0xFF:x2}:{(station >> 16) & 0xFF:x2}:{(station >> 8) & 0xFF:x2}:{station & 0xFF:x2}:01"));

    private static byte[] Cam(StationIdentity identity, DateTimeOffset time, SpduSigner signer, SignerChoice choice, uint counter) =>
        Cam(identity, time, signer, choice, counter, new PositionFix(true, 48.13743, 11.57549, 519, 13.9, 90, time, 1.5));

    /// <summary>One flood CAM at <paramref name="fix"/> (a SUMO flooder's: where the vehicle it rides with is; Bench/Attacks/FloodStation).</summary>
    internal static byte[] Cam(StationIdentity identity, DateTimeOffset time, SpduSigner signer, SignerChoice choice, uint counter, PositionFix fix)
    {
        var cam = CamComposer.Cam(identity, CamComposer.Vehicle.PassengerCar, fix, time, lowFrequency: false);
        var request = new FrameRequest(FacilitiesPayload.FromCam(cam), GnTransport.SingleHopBroadcast(),
            CamComposer.PositionVector(identity, GnStationType.PassengerCar, fix), time);
        var report = new IntegrityReport(IntegrityLevel.NoAnomaly, DetectorFlags.None, counter, 0x5EED_0000_0000_0000UL ^ counter ^ ((ulong)identity.StationId << 32), Time64.FromUtc(time)) { Coverage = IntegrityReport.EveryClass };
        return FrameBuilder.BuildSigned(request, signer, choice, FrameBuilder.HeaderInfoFor(request, report));
    }
}
