using PkiProtocol;
using PkiProtocol.Client;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Time;

namespace Pki.Tests.Authorities;

/// <summary>
/// Tampered and forged requests: each is refused with one <see cref="PkiException"/> naming what was wrong, and
/// the PKI's state is unchanged afterwards.
/// </summary>
public sealed class RefusalTests
{
    public static TheoryData<string, Func<TestBench, Station, byte[]>, PkiFailure, string> EnrolmentRows => new()
    {
        { "unregistered identifier", (b, s) => Forge.Enrolment(b, s, itsId: "obu-unknown"), PkiFailure.UnknownStation, "not registered" },
        { "signed with another canonical key", (b, s) => Forge.Enrolment(b, s, canonicalKey: EcdsaP256SignatureKey.Generate()), PkiFailure.BadSignature, "canonical key" },
        { "proof of possession by another key", (b, s) => Forge.Enrolment(b, s, popKey: EcdsaP256SignatureKey.Generate()), PkiFailure.BadSignature, "proof of possession" },
        { "ciphertext altered", (b, s) => Flip(Forge.Enrolment(b, s), ^3), PkiFailure.Undecryptable, "AES-CCM tag" },
        { "encrypted for the AA", (b, s) => Forge.Enrolment(b, s, recipient: b.Pki.AaCertificate(null)), PkiFailure.Undecryptable, "no recipient" },
        { "not encrypted", (b, s) => Forge.Enrolment(b, s, encrypt: false), PkiFailure.WrongContent, "not encrypted" },
        { "ten minutes old", (b, s) => Forge.Enrolment(b, s, age: TimeSpan.FromMinutes(10)), PkiFailure.OutOfSync, "generationTime" },
        // (long)ulong.MaxValue - now used to wrap to about -22 years: a skew "not ahead" that passed the ±5 min check.
        { "generationTime the largest Time64", (b, s) => Forge.Enrolment(b, s, generationTime: new Time64(ulong.MaxValue)), PkiFailure.OutOfSync, "generationTime" },
        { "generationTime 2^63", (b, s) => Forge.Enrolment(b, s, generationTime: new Time64(0x8000_0000_0000_0000UL)), PkiFailure.OutOfSync, "generationTime" },
        { "truncated", (b, s) => Forge.Enrolment(b, s)[..^20], PkiFailure.Malformed, "overruns" },
        { "garbage", (_, _) => [0x03, 0x82, 0x01, 0x01, 0x99], PkiFailure.Malformed, "recipients" },
        { "revoked station", (b, s) => { b.Pki.Revocations.RevokeStation(s.Id, "test"); return Forge.Enrolment(b, s); }, PkiFailure.StationRevoked, "revoked" },
    };

    [Theory]
    [MemberData(nameof(EnrolmentRows))]
    public void Forged_enrolment_is_refused_and_nothing_changes(string name, Func<TestBench, Station, byte[]> make, PkiFailure failure, string detail)
    {
        using var bench = new TestBench();
        var station = bench.Register("obu-1");
        var request = make(bench, station);
        var before = StateSnapshot.Of(bench);

        var error = Assert.Throws<PkiException>(() => bench.Pki.Ea.ProcessEnrolment(request));
        Assert.True(failure == error.Failure, $"{name}: {error.Message}");
        Assert.True(error.Message.Contains(detail, StringComparison.OrdinalIgnoreCase), $"{name}: {error.Message}");
        Assert.Equal(before, StateSnapshot.Of(bench));

        // A genuine request still works afterwards (unless the station was revoked by the row itself).
        if (failure != PkiFailure.StationRevoked)
        {
            Assert.NotNull(bench.Enrol(station));
        }
    }

    public static TheoryData<string, Func<TestBench, Station, byte[]>, PkiFailure, string> AuthorizationRows => new()
    {
        { "keyTag over other keys", (b, s) => Forge.Authorization(b, s, Key(), new Forge.AtChange { WrongKeyTag = true }), PkiFailure.KeysDontMatch, "keyTag" },
        { "proof of possession by another key", (b, s) => Forge.Authorization(b, s, Key(), new Forge.AtChange { PopKey = Key() }), PkiFailure.BadSignature, "proof of possession" },
        { "EC signature altered", (b, s) => Forge.Authorization(b, s, Key(), new Forge.AtChange { CorruptEcSignature = true }), PkiFailure.BadSignature, "ecSignature" },
        { "EC signed another request", (b, s) => Forge.Authorization(b, s, Key(), new Forge.AtChange { EcSignsAnotherRequest = true }), PkiFailure.BadSignature, "extDataHash" },
        { "another EA named", (b, s) => Forge.Authorization(b, s, Key(), new Forge.AtChange { EaId = new HashedId8(42) }), PkiFailure.WrongAuthority, "unknownea" },
        { "permission not granted", (b, s) => Forge.Authorization(b, s, Key(), new Forge.AtChange { Permissions = [new PsidSsp(new Psid(0x8C))] }),
          PkiFailure.DeniedPermissions, "not granted" },
        { "EC revoked", (b, s) => { b.Pki.Revocations.RevokeCertificate(s.Ec!.HashedId8, "lost"); return Forge.Authorization(b, s, Key(), new()); },
          PkiFailure.CertificateRevoked, "revoked" },
        { "station revoked", (b, s) => { b.Pki.Revocations.RevokeStation(s.Id, "stolen"); return Forge.Authorization(b, s, Key(), new()); },
          PkiFailure.CertificateRevoked, "revoked" },
        { "station blocked but EC not on the CRL", (b, s) => { Block(b, s); return Forge.Authorization(b, s, Key(), new()); }, PkiFailure.StationRevoked, "revoked" },
        { "EC expired", (b, s) => { b.Clock.Advance(TimeSpan.FromDays(3 * 365 + 1)); return Forge.Authorization(b, s, Key(), new()); },
          PkiFailure.CertificateExpired, "not valid now" },
        { "IDF version found compromised", (b, s) => { Compromise(b); return Forge.Authorization(b, s, Key(), new()); }, PkiFailure.CertificateRevoked, "revoked" },
        { "EC signature in the clear by another station's EC", (b, s) => OtherStationSigned(b, s), PkiFailure.BadSignature, "extDataHash" },
        { "AT request signed, not encrypted", (b, s) => Ieee1609Dot2Data.Decode(Forge.Authorization(b, s, Key(), new())).Encoded.ToArray()[..10], PkiFailure.Malformed, "" },
    };

    [Theory]
    [MemberData(nameof(AuthorizationRows))]
    public void Forged_or_refused_authorization_gets_no_at_and_nothing_changes(string name, Func<TestBench, Station, byte[]> make, PkiFailure failure, string detail)
    {
        using var bench = new TestBench();
        bench.AssessIdf(5);
        var station = bench.Register("obu-1");
        bench.Enrol(station);
        var request = make(bench, station);
        var before = StateSnapshot.Of(bench);

        var error = Assert.Throws<PkiException>(() => bench.Pki.Aa.ProcessAuthorization(request));
        Assert.True(failure == error.Failure, $"{name}: {error.Message}");
        Assert.True(error.Message.Contains(detail, StringComparison.OrdinalIgnoreCase), $"{name}: {error.Message}");
        Assert.Equal(before, StateSnapshot.Of(bench));
    }

    [Fact]
    public void Plain_ec_signature_is_accepted_when_the_station_chooses_it()
    {
        using var bench = new TestBench();
        var station = bench.Register("obu-1");
        bench.Enrol(station);
        var request = Forge.Authorization(bench, station, Key(), new Forge.AtChange { PlainEcSignature = true });
        Assert.NotEmpty(bench.Pki.Aa.ProcessAuthorization(request));
    }

    [Fact]
    public void At_start_too_far_ahead_or_in_the_past_is_denied()
    {
        using var bench = new TestBench();
        var station = bench.Register("obu-1");
        bench.Enrol(station);
        foreach (var start in new[] { bench.Clock.GetUtcNow().AddDays(15), bench.Clock.GetUtcNow().AddHours(-2) })
        {
            var before = StateSnapshot.Of(bench);
            var (bytes, _) = bench.AuthorizationRequest(station, Key(), new TicketRequest { Start = start });
            var error = Assert.Throws<PkiException>(() => bench.Pki.Aa.ProcessAuthorization(bytes));
            Assert.Equal(PkiFailure.DeniedPermissions, error.Failure);
            Assert.Equal(before, StateSnapshot.Of(bench));
        }
    }

    private static EcdsaP256SignatureKey Key() => EcdsaP256SignatureKey.Generate();

    private static byte[] Flip(byte[] bytes, Index at)
    {
        bytes[at] ^= 0x01;
        return bytes;
    }

    // Blocks the station in the registry only (as an OEM report would), leaving its EC off the CRL.
    private static void Block(TestBench bench, Station station)
    {
        using var tx = bench.Pki.Context.Store.Begin();
        tx.BlockStation(station.Id, bench.Clock.GetUtcNow(), "reported stolen");
        tx.Commit();
    }

    private static void Compromise(TestBench bench) =>
        bench.Pki.Revocations.RevokeImplementation("Acme", "Guard", PkiProtocol.Audit.VersionRange.Parse("2.0"), 1, "key extraction");

    // A second station's EC signs a shared request whose keyTag is not the one sent.
    private static byte[] OtherStationSigned(TestBench bench, Station station)
    {
        var other = bench.Register("obu-2");
        bench.Enrol(other);
        _ = station;
        return Forge.Authorization(bench, other, Key(), new Forge.AtChange { PlainEcSignature = true, EcSignsAnotherRequest = true });
    }
}
