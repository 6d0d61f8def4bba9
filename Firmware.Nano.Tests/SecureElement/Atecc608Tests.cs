using System.Security.Cryptography;
using Firmware.Nano.SecureElement;
using Firmware.Nano.Tests.Support;
using Hardware.SecureElement;
using Microsoft.Extensions.Time.Testing;

namespace Firmware.Nano.Tests.SecureElement;

/// <summary>The nano ATECC608 driver against the register-level simulator (Hardware/SecureElement) on a hand-stepped clock.</summary>
public sealed class Atecc608Tests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SimulatedAtecc608 _device;
    private readonly Atecc608 _driver;
    private readonly byte[] _publicKey;

    public Atecc608Tests()
    {
        _device = new SimulatedAtecc608(_time);
        _publicKey = _device.GenerateKey(0);
        _device.LockZones();
        _driver = new Atecc608(new SimulatedBus(_device), new ClockDelay(_time));
    }

    /// <summary>
    /// CRC-16 vectors of the data sheet's packets: the wake response 04 11 33 43 (ATECC608A data sheet, "Wake";
    /// CryptoAuthLib's calib_wakeup compares against the same four octets) and the success status 04 00 03 40.
    /// </summary>
    [Theory]
    [InlineData("wake response", new byte[] { 0x04, 0x11 }, new byte[] { 0x33, 0x43 })]
    [InlineData("success status", new byte[] { 0x04, 0x00 }, new byte[] { 0x03, 0x40 })]
    public void Crc16_known_answers_on_both_sides(string name, byte[] body, byte[] crc)
    {
        var host = new byte[2];
        Atecc608Protocol.Crc16(body, 0, body.Length, host, 0);
        Assert.True(crc.AsSpan().SequenceEqual(host), name);
        Assert.True(crc.AsSpan().SequenceEqual(SimulatedAtecc608.Crc16(body)), name);
    }

    [Fact]
    public void A_digest_signed_in_the_element_verifies_with_its_public_key()
    {
        var digest = SHA256.HashData("V2X"u8);
        var signature = _driver.SignDigest(0, digest);
        Assert.Equal(64, signature.Length);
        Assert.Equal(Convert.ToHexString(_publicKey), Convert.ToHexString(_driver.PublicKey(0)));
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = _publicKey[..32], Y = _publicKey[32..] },
        });
        Assert.True(ecdsa.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void Verify_with_a_stored_public_key_tells_a_good_from_a_bad_signature()
    {
        using var other = new SimulatedAtecc608(_time);
        var oem = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = oem.ExportParameters(false).Q;
        using var device = new SimulatedAtecc608(_time);
        device.WritePublicKey(15, [.. q.X!, .. q.Y!]);
        device.LockZones();
        var driver = new Atecc608(new SimulatedBus(device), new ClockDelay(_time));
        var digest = SHA256.HashData("manifest"u8);
        var good = oem.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var bad = good.ToArray();
        bad[40] ^= 0x01;
        Assert.True(driver.VerifyDigest(15, digest, good));
        Assert.False(driver.VerifyDigest(15, digest, bad));
    }

    [Fact]
    public void The_counter_counts_up_and_reads_back()
    {
        Assert.Equal(0u, _driver.Counter(1, increment: false));
        Assert.Equal(1u, _driver.Counter(1, increment: true));
        Assert.Equal(2u, _driver.Counter(1, increment: true));
        Assert.Equal(2u, _driver.Counter(1, increment: false));
        Assert.Equal(0u, _driver.Counter(0, increment: false));
    }

    [Fact]
    public void Health_reports_revision_locks_and_self_test()
    {
        var health = _driver.CheckHealth();
        Assert.True(health.IsAtecc608);
        Assert.True(health.ConfigLocked && health.DataLocked);
        Assert.Equal(0, health.SelfTestFailures);
        _device.Unlock();
        _device.SelfTestFailures = 0x02;
        health = _driver.CheckHealth();
        Assert.False(health.ConfigLocked || health.DataLocked);
        Assert.Equal(0x02, health.SelfTestFailures);
    }

    [Fact]
    public void Random_fills_any_length_from_32_octet_blocks()
    {
        var buffer = new byte[70];
        _driver.Fill(buffer);
        Assert.Contains(buffer, b => b != 0);
    }

    public static TheoryData<string, Action<SimulatedAtecc608>, SecureElementError> Faults => new()
    {
        { "absent element: no acknowledge", d => d.Absent = true, SecureElementError.NoResponse },
        { "corrupted response: CRC fails", d => d.CorruptNextResponse(), SecureElementError.Communication },
        { "counter exhausted: execution error", d => d.SetCounter(0, 2097151), SecureElementError.Status },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void Faults_are_typed_errors(string name, Action<SimulatedAtecc608> fault, SecureElementError expected)
    {
        fault(_device);
        var e = Assert.Throws<SecureElementException>(() => _driver.Counter(0, increment: true));
        Assert.True(expected == e.Error, $"{name}: {e.Error} {e.Message}");
    }

    [Fact]
    public void A_sign_without_a_key_in_the_slot_is_an_execution_error_status()
    {
        var e = Assert.Throws<SecureElementException>(() => _driver.SignDigest(3, new byte[32]));
        Assert.Equal(SecureElementError.Status, e.Error);
        Assert.Equal(Atecc608Protocol.StatusExecutionError, e.Status);
    }

    public static TheoryData<string, int, int> BadArguments => new()
    {
        { "slot 16", 16, 32 },
        { "slot -1", -1, 32 },
        { "digest of 31 octets", 0, 31 },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_arguments_never_reach_the_device(string name, int slot, int digestLength)
    {
        var before = _device.CommandsExecuted;
        var e = Assert.Throws<SecureElementException>(() => _driver.SignDigest(slot, new byte[digestLength]));
        Assert.Equal(SecureElementError.Argument, e.Error);
        Assert.True(before == _device.CommandsExecuted, name);
    }

    [Fact]
    public void The_watchdog_puts_an_awake_device_to_sleep_and_clears_TempKey()
    {
        var bus = new SimulatedBus(_device);
        Assert.False(bus.Write([0x00]));
        var wake = new byte[4];
        Assert.True(bus.Read(wake));
        Assert.Equal("04113343", Convert.ToHexString(wake));
        _time.Advance(SimulatedAtecc608.Watchdog);
        Assert.False(bus.Read(wake));

        // The driver wakes the device for every operation, so it still works afterwards.
        Assert.Equal(64, _driver.SignDigest(0, new byte[32]).Length);
    }

    [Fact]
    public void A_read_during_execution_is_not_acknowledged()
    {
        var bus = new SimulatedBus(_device);
        bus.Write([0x00]);
        var packet = new byte[] { 0x03, 0x07, 0x24, 0x00, 0x00, 0x00, 0x00, 0x00 };
        var crc = SimulatedAtecc608.Crc16(packet.AsSpan(1, 5));
        packet[6] = crc[0];
        packet[7] = crc[1];
        Assert.True(bus.Write(packet));
        var response = new byte[7];
        Assert.False(bus.Read(response));
        _time.Advance(TimeSpan.FromMilliseconds(25));
        Assert.True(bus.Read(response));
        Assert.Equal(0x07, response[0]);
    }

    public void Dispose() => _device.Dispose();
}
