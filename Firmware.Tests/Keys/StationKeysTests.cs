using Firmware.SecurePartition;
using Firmware.SecurePartition.Keys;
using Firmware.Tests.Support;
using Hardware.Random;
using Hardware.Security;
using Hardware.Storage;
using V2x.Security;
using V2x.Security.Signing;

namespace Firmware.Tests.Keys;

/// <summary>Keys inside the key store: tickets checked against their key, pseudonym change, provisioning signatures, PKCS#11.</summary>
public sealed class StationKeysTests : IDisposable
{
    private readonly string _dir = Testing.TestInfra.NewTempDirectory("fw-keys");
    private readonly InMemoryKeyStore _keys = new();

    public void Dispose()
    {
        _keys.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void A_certificate_for_another_key_is_refused_and_nothing_changes()
    {
        var store = new FileDurableStore(_dir);
        var keys = new StationKeys(_keys, store, SystemRandomSource.Instance, "t-");
        var (slot, _) = keys.GenerateTicketKey();
        var (_, otherKey) = keys.GenerateTicketKey();
        var before = store.Keys().ToDictionary(k => k, k => store.Read(k));
        var e = Assert.Throws<PartitionException>(() => keys.InstallTicket(slot, TestPki.IssueTicket(otherKey).Encoded));
        Assert.Equal(PartitionError.CertificateMismatch, e.Error);
        Assert.Throws<PartitionException>(() => keys.InstallTicket(slot, new byte[] { 0x80, 0x03 }));
        Assert.Equal(before.Keys, store.Keys());
        Assert.All(before, kv => Assert.Equal(kv.Value, store.Read(kv.Key)));
        Assert.Null(keys.Active);
    }

    [Fact]
    public void Pseudonym_change_cycles_tickets_and_draws_a_fresh_counter_offset()
    {
        var keys = new StationKeys(_keys, new FileDurableStore(_dir), SystemRandomSource.Instance, "t-");
        Assert.Throws<PartitionException>(() => keys.ChangePseudonym());
        var slots = new List<ushort>();
        for (var i = 0; i < 3; i++)
        {
            var (slot, key) = keys.GenerateTicketKey();
            keys.InstallTicket(slot, TestPki.IssueTicket(key).Encoded);
            slots.Add(slot);
        }

        Assert.Equal(slots[0], keys.Active!.Slot);
        var offsets = new List<uint> { keys.Active.CounterOffset };
        Assert.Equal(slots[1], keys.ChangePseudonym());
        offsets.Add(keys.Active!.CounterOffset);
        Assert.Equal(slots[2], keys.ChangePseudonym());
        offsets.Add(keys.Active!.CounterOffset);
        Assert.Equal(slots[0], keys.ChangePseudonym());
        Assert.Equal(3, offsets.Distinct().Count());
        Assert.NotEqual(offsets[0], keys.Active!.CounterOffset);

        // The active pseudonym and its offset survive a restart (the key store keeps the keys).
        var reloaded = new StationKeys(_keys, new FileDurableStore(_dir), SystemRandomSource.Instance, "t-");
        Assert.Equal((keys.Active.Slot, keys.Active.Label, keys.Active.CounterOffset), (reloaded.Active!.Slot, reloaded.Active.Label, reloaded.Active.CounterOffset));
        Assert.Equal(keys.Active.Certificate, reloaded.Active.Certificate);
    }

    [Fact]
    public void Slots_are_bounded()
    {
        var keys = new StationKeys(_keys, new FileDurableStore(_dir), SystemRandomSource.Instance, "t-");
        for (var i = 0; i < StationKeys.MaxSlots; i++)
        {
            keys.GenerateTicketKey();
        }

        Assert.Equal(PartitionError.NoFreeSlot, Assert.Throws<PartitionException>(() => keys.GenerateTicketKey()).Error);
    }

    [Fact]
    public void Provisioning_requests_are_1609_2_signed_by_the_right_key()
    {
        var keys = new StationKeys(_keys, new FileDurableStore(_dir), SystemRandomSource.Instance, "t-");
        var canonical = keys.CanonicalPublicKey();
        var request = keys.SignRequest(KeyRole.Canonical, 0, new Psid(0x23), [1, 2, 3], SignerChoice.Self, TestBench.Start);
        var data = Ieee1609Dot2Data.Decode(request).SignedData!;
        SpduVerifier.VerifySelfSigned(data, SecurePartition.Boot.BootRom.DecodeKey(canonical));
        Assert.Equal(V2x.Time.Time64.FromUtc(TestBench.Start), data.TbsData.HeaderInfo.GenerationTime);

        Assert.Equal(PartitionError.NoEnrolmentCredential,
            Assert.Throws<PartitionException>(() => keys.SignRequest(KeyRole.Enrolment, 0, new Psid(0x23), [1], SignerChoice.Self, TestBench.Start)).Error);
        var ecKey = keys.GenerateEnrolmentKey();
        Assert.Equal(PartitionError.NoEnrolmentCredential,
            Assert.Throws<PartitionException>(() => keys.SignRequest(KeyRole.Enrolment, 0, new Psid(0x23), [1], SignerChoice.Digest, TestBench.Start)).Error);
        var ec = TestPki.IssueTicket(ecKey);
        Assert.Throws<PartitionException>(() => keys.InstallEnrolmentCredential(TestPki.IssueTicket(canonical).Encoded));
        keys.InstallEnrolmentCredential(ec.Encoded);
        var (slot, atKey) = keys.GenerateTicketKey();
        keys.InstallTicket(slot, TestPki.IssueTicket(atKey).Encoded);
        Assert.Equal(PartitionError.NotPermitted,
            Assert.Throws<PartitionException>(() => keys.SignRequest(KeyRole.AuthorizationTicket, slot, Psid.Cam, [1], SignerChoice.Digest, TestBench.Start)).Error);
        var pop = Ieee1609Dot2Data.Decode(keys.SignRequest(KeyRole.AuthorizationTicket, slot, new Psid(623), [7], SignerChoice.Self, TestBench.Start)).SignedData!;
        SpduVerifier.VerifySelfSigned(pop, SecurePartition.Boot.BootRom.DecodeKey(atKey));
        var inner = keys.SignRequest(KeyRole.Enrolment, 0, Psid.Cam, [9, 9], SignerChoice.Digest, TestBench.Start);
        var verified = TestPki.Open(inner).Spdu;
        Assert.Equal(ec.HashedId8, verified.SignedData.Signer.Digest);
    }

    [Fact]
    public async Task Augment_and_sign_with_the_ticket_key_in_the_softhsm2_token()
    {
        using var token = new Pkcs11KeyStore(new Pkcs11KeyStoreOptions
        {
            ModulePath = Testing.TestInfra.Pkcs11Library, TokenLabel = Testing.TestInfra.TokenLabel, UserPin = Testing.TestInfra.TokenPin,
        });
        var prefix = $"u{Guid.NewGuid():N}"[..12] + "-";
        try
        {
            using var bench = TestBench.Create(keyStore: token);
            using var channel = new SecurePartition.Protocol.InMemoryChannel(new SecurePartition.Protocol.ProtocolServer(bench.StartPartition(prefix: prefix)));
            await using var client = new SecurePartition.Protocol.SecurePartitionClient(channel.Connect());
            var slot = await TestPki.ProvisionAsync(client);
            var signed = await client.AugmentAndSignAsync(new SignRequest(Psid.Cam, TestPki.CamPayload(), null, SignerChoice.Digest));
            Assert.NotNull(TestPki.Open(signed.Spdu).Report);
            Assert.True(token.InspectProtection(prefix + "at" + slot).IsSealed);
            Assert.True(token.InspectProtection(prefix + "bbox").IsSealed);
        }
        finally
        {
            foreach (var label in token.List().Where(l => l.StartsWith(prefix, StringComparison.Ordinal)))
            {
                token.Delete(label);
            }
        }
    }
}
