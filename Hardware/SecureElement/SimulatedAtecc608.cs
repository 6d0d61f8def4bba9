using System.Security.Cryptography;

namespace Hardware.SecureElement;

/// <summary>
/// A register-level simulator of an ATECC608A secure element on I2C (Microchip ATECC608A data sheet; opcodes,
/// modes, status codes and execution times as in Microchip's CryptoAuthLib, lib/calib/calib_command.h and
/// calib_execution.c): the bytes a host writes and reads, the wake/idle/sleep states and the watchdog, the
/// command packet (count, opcode, param1, param2 little-endian, data, CRC-16) with its CRC check, the busy
/// time of each command (reads are not acknowledged until it has passed), TempKey, sixteen key slots, the two
/// monotonic counters and the configuration zone's lock octets. ECDSA P-256 inside is .NET's
/// <see cref="ECDsa"/>. The commands an OBU uses are modelled (Info, Read of a configuration word, Nonce
/// pass-through, Sign external, Verify stored, GenKey public, Counter, Random, SelfTest); any other is a parse
/// error. Provisioning (key generation, writing a public key, locking) is done through methods, as a factory
/// would before shipping. Faults: <see cref="Absent"/>, <see cref="SelfTestFailures"/>, <see cref="ReplaceKey"/>,
/// <see cref="Unlock"/>, <see cref="CorruptNextResponse"/>. Thread-safe.
/// </summary>
public sealed partial class SimulatedAtecc608 : IDisposable
{
    /// <summary>The revision an ATECC608A reports to Info (mode Revision).</summary>
    public static readonly IReadOnlyList<byte> Revision = [0x00, 0x00, 0x60, 0x02];

    /// <summary>Watchdog: the device sleeps this long after a wake (short watchdog, ChipMode bit 2 clear).</summary>
    public static readonly TimeSpan Watchdog = TimeSpan.FromMilliseconds(1300);

    private const int SlotCount = 16;
    private const int LockValueOffset = 86;
    private const int LockConfigOffset = 87;

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly ECDsa?[] _privateKeys = new ECDsa?[SlotCount];
    private readonly byte[]?[] _publicKeys = new byte[]?[SlotCount];
    private readonly uint[] _counters = new uint[2];
    private readonly byte[] _config = new byte[128];
    private State _state = State.Sleep;
    private DateTimeOffset _wokeAt;
    private DateTimeOffset _busyUntil;
    private byte[] _output = [];
    private byte[]? _tempKey;

    /// <summary>A factory-fresh device (zones unlocked, no keys) on the clock <paramref name="time"/>.</summary>
    public SimulatedAtecc608(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;

        // Configuration zone: serial number octets 0-1 are 01 23 and octet 12 is 0xEE on every device; RevNum at 4-7.
        _config[0] = 0x01;
        _config[1] = 0x23;
        _config[12] = 0xEE;
        for (var i = 0; i < 4; i++)
        {
            _config[4 + i] = Revision[i];
        }

        _config[LockValueOffset] = 0x55;
        _config[LockConfigOffset] = 0x55;
    }

    private enum State
    {
        Sleep,
        Idle,
        Awake,
    }

    /// <summary>The device does not acknowledge its address (unplugged, broken, or removed).</summary>
    public bool Absent { get; set; }

    /// <summary>The bits the next SelfTest reports as failed (0: all pass).</summary>
    public byte SelfTestFailures { get; set; }

    /// <summary>Commands executed so far (a test can tell that a refused operation never reached the device).</summary>
    public int CommandsExecuted { get; private set; }

    /// <summary>Provisioning: generates a P-256 private key in <paramref name="slot"/>; returns its public key X ‖ Y.</summary>
    /// <exception cref="InvalidOperationException">The data zone is locked.</exception>
    public byte[] GenerateKey(int slot)
    {
        lock (_lock)
        {
            CheckSlot(slot);
            if (_config[LockValueOffset] == 0x00)
            {
                throw new InvalidOperationException("The data zone is locked: keys are generated before locking.");
            }

            return ReplaceKeyLocked(slot);
        }
    }

    /// <summary>Provisioning: writes a public key (X ‖ Y, 64 octets) into <paramref name="slot"/>.</summary>
    /// <exception cref="InvalidOperationException">The data zone is locked.</exception>
    public void WritePublicKey(int slot, ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != 64)
        {
            throw new ArgumentException("A P-256 public key is 64 octets (X ‖ Y).", nameof(publicKey));
        }

        lock (_lock)
        {
            CheckSlot(slot);
            if (_config[LockValueOffset] == 0x00)
            {
                throw new InvalidOperationException("The data zone is locked: public keys are written before locking.");
            }

            _privateKeys[slot]?.Dispose();
            _privateKeys[slot] = null;
            _publicKeys[slot] = publicKey.ToArray();
        }
    }

    /// <summary>Provisioning: locks the configuration and the data zones (LockConfig = LockValue = 0x00).</summary>
    public void LockZones()
    {
        lock (_lock)
        {
            _config[LockConfigOffset] = 0x00;
            _config[LockValueOffset] = 0x00;
        }
    }

    /// <summary>Fault: the zones read as unlocked again (a device that was never locked, or one reset by an attack).</summary>
    public void Unlock()
    {
        lock (_lock)
        {
            _config[LockConfigOffset] = 0x55;
            _config[LockValueOffset] = 0x55;
        }
    }

    /// <summary>Fault: another private key in <paramref name="slot"/> (the element was swapped); returns its public key.</summary>
    public byte[] ReplaceKey(int slot)
    {
        lock (_lock)
        {
            CheckSlot(slot);
            return ReplaceKeyLocked(slot);
        }
    }

    /// <summary>Sets a monotonic counter (a device taken from another board, or a test's starting point).</summary>
    public void SetCounter(int counterId, uint value)
    {
        lock (_lock)
        {
            _counters[counterId] = value;
        }
    }

    /// <summary>Reads a monotonic counter without a command.</summary>
    public uint PeekCounter(int counterId)
    {
        lock (_lock)
        {
            return _counters[counterId];
        }
    }

    /// <summary>Fault: flips a bit of the next response, so its CRC fails at the host.</summary>
    public void CorruptNextResponse()
    {
        lock (_lock)
        {
            _corruptNext = true;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var k in _privateKeys)
        {
            k?.Dispose();
        }
    }

    private bool _corruptNext;

    private byte[] ReplaceKeyLocked(int slot)
    {
        _privateKeys[slot]?.Dispose();
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _privateKeys[slot] = key;
        var q = key.ExportParameters(false).Q;
        _publicKeys[slot] = [.. q.X!, .. q.Y!];
        return _publicKeys[slot]!.ToArray();
    }

    private static void CheckSlot(int slot) => ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)slot, (uint)SlotCount, nameof(slot));
}
