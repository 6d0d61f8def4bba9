using System.Security.Cryptography;

namespace Hardware.SecureElement;

/// <summary>The commands of <see cref="SimulatedAtecc608"/> (data sheet "Command Reference").</summary>
public sealed partial class SimulatedAtecc608
{
    private const byte ParseError = 0x03;
    private const byte ExecutionError = 0x0F;
    private const uint CounterMax = 2097151;

    private byte[] Execute(byte opcode, byte mode, ushort param2, ReadOnlySpan<byte> data) => opcode switch
    {
        0x30 when mode == 0x00 && data.IsEmpty => Data(_config.AsSpan(4, 4)),
        0x02 => ReadConfig(mode, param2, data),
        0x16 => Nonce(mode, param2, data),
        0x41 => Sign(mode, param2, data),
        0x45 => Verify(mode, param2, data),
        0x40 => GenKey(mode, param2, data),
        0x24 => Counter(mode, param2, data),
        0x1B when mode is 0x00 or 0x01 && data.IsEmpty => Data(RandomNumberGenerator.GetBytes(32)),
        0x77 when data.IsEmpty => Data([(byte)(SelfTestFailures & mode)]),
        _ => Status(ParseError),
    };

    // Read: zone bits 0-1 (0 = configuration), bit 7 for 32 octets; param2 the word address. Four-octet configuration reads only.
    private byte[] ReadConfig(byte zone, ushort address, ReadOnlySpan<byte> data) =>
        zone == 0x00 && address < 32 && data.IsEmpty ? Data(_config.AsSpan(address * 4, 4)) : Status(ParseError);

    // Nonce mode 3 (pass-through, 32 octets, target TempKey): TempKey = NumIn.
    private byte[] Nonce(byte mode, ushort param2, ReadOnlySpan<byte> data)
    {
        if (mode != 0x03 || param2 != 0 || data.Length != 32)
        {
            return Status(ParseError);
        }

        _tempKey = data.ToArray();
        return Status(0x00);
    }

    // Sign mode 0x80 (external message in TempKey) with the private key in slot param2: r ‖ s.
    private byte[] Sign(byte mode, ushort slot, ReadOnlySpan<byte> data)
    {
        if (mode != 0x80 || slot >= SlotCount || !data.IsEmpty)
        {
            return Status(ParseError);
        }

        if (_tempKey is null || _privateKeys[slot] is not { } key || _config[LockValueOffset] != 0x00)
        {
            return Status(ExecutionError);
        }

        var signature = key.SignHash(_tempKey, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        _tempKey = null;
        return Data(signature);
    }

    // Verify mode 0 (stored public key in slot param2, message in TempKey), data = r ‖ s: status 0 or 1 (miscompare).
    private byte[] Verify(byte mode, ushort slot, ReadOnlySpan<byte> data)
    {
        if (mode != 0x00 || slot >= SlotCount || data.Length != 64)
        {
            return Status(ParseError);
        }

        if (_tempKey is null || _publicKeys[slot] is not { } publicKey)
        {
            return Status(ExecutionError);
        }

        using var verifier = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = publicKey[..32], Y = publicKey[32..] },
        });
        var ok = verifier.VerifyHash(_tempKey, data, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        _tempKey = null;
        return Status(ok ? (byte)0x00 : (byte)0x01);
    }

    // GenKey mode 0 (public key of the private key in slot param2): X ‖ Y.
    private byte[] GenKey(byte mode, ushort slot, ReadOnlySpan<byte> data)
    {
        if (mode != 0x00 || slot >= SlotCount || !data.IsEmpty)
        {
            return Status(ParseError);
        }

        return _privateKeys[slot] is null ? Status(ExecutionError) : Data(_publicKeys[slot]);
    }

    // Counter mode 0 (read) or 1 (increment), param2 the counter 0 or 1: four octets, least significant first.
    private byte[] Counter(byte mode, ushort counterId, ReadOnlySpan<byte> data)
    {
        if (mode > 1 || counterId > 1 || !data.IsEmpty)
        {
            return Status(ParseError);
        }

        if (mode == 1)
        {
            if (_counters[counterId] >= CounterMax)
            {
                return Status(ExecutionError);
            }

            _counters[counterId]++;
        }

        var v = _counters[counterId];
        return Data([(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)]);
    }
}
