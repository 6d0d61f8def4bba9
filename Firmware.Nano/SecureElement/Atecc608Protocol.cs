namespace Firmware.Nano.SecureElement;

/// <summary>
/// The ATECC608 I2C protocol constants (Microchip ATECC608A/B data sheet, "I2C Interface" and "Command
/// Reference"; the same values in Microchip's CryptoAuthLib, lib/calib/calib_command.h and calib_execution.c).
/// </summary>
/// <remarks>
/// Packet on the wire: word address, then count (itself, opcode, param1, param2, data and the CRC), opcode,
/// param1, param2 (two octets, least significant first), data, CRC-16 (polynomial 0x8005, initial value 0,
/// data bits taken least significant first, CRC sent least significant octet first) over count..data.
/// Response: count, data, CRC; a four-octet response carries a status octet.
/// </remarks>
public static class Atecc608Protocol
{
    /// <summary>Default 7-bit I2C address (0xC0 in 8-bit form).</summary>
    public const int DefaultAddress = 0x60;

    /// <summary>Word address: reset the I/O buffer.</summary>
    public const byte WordReset = 0x00;

    /// <summary>Word address: enter sleep (clears TempKey).</summary>
    public const byte WordSleep = 0x01;

    /// <summary>Word address: enter idle (keeps TempKey).</summary>
    public const byte WordIdle = 0x02;

    /// <summary>Word address: a command follows.</summary>
    public const byte WordCommand = 0x03;

    /// <summary>Opcode Read.</summary>
    public const byte OpRead = 0x02;

    /// <summary>Opcode Nonce.</summary>
    public const byte OpNonce = 0x16;

    /// <summary>Opcode Random.</summary>
    public const byte OpRandom = 0x1B;

    /// <summary>Opcode Counter.</summary>
    public const byte OpCounter = 0x24;

    /// <summary>Opcode Info.</summary>
    public const byte OpInfo = 0x30;

    /// <summary>Opcode GenKey.</summary>
    public const byte OpGenKey = 0x40;

    /// <summary>Opcode Sign.</summary>
    public const byte OpSign = 0x41;

    /// <summary>Opcode Verify.</summary>
    public const byte OpVerify = 0x45;

    /// <summary>Opcode SelfTest.</summary>
    public const byte OpSelfTest = 0x77;

    /// <summary>Nonce mode: pass-through of 32 octets into TempKey.</summary>
    public const byte NonceModePassThrough = 0x03;

    /// <summary>Sign mode: external message (in TempKey).</summary>
    public const byte SignModeExternal = 0x80;

    /// <summary>Verify mode: stored public key (in the slot named by param2), message in TempKey.</summary>
    public const byte VerifyModeStored = 0x00;

    /// <summary>GenKey mode: compute the public key of the private key in a slot.</summary>
    public const byte GenKeyModePublic = 0x00;

    /// <summary>Counter mode: read.</summary>
    public const byte CounterModeRead = 0x00;

    /// <summary>Counter mode: increment, then read.</summary>
    public const byte CounterModeIncrement = 0x01;

    /// <summary>SelfTest mode: every algorithm (RNG, ECDSA, ECDH, AES, SHA).</summary>
    public const byte SelfTestAll = 0x3B;

    /// <summary>Read zone: configuration, four octets.</summary>
    public const byte ZoneConfig = 0x00;

    /// <summary>Configuration word holding UserExtra, UserExtraAdd, LockValue, LockConfig (octets 84-87).</summary>
    public const int LockWord = 21;

    /// <summary>A lock octet's value once locked (0x55 while unlocked).</summary>
    public const byte Locked = 0x00;

    /// <summary>Highest counter value (2,097,151).</summary>
    public const uint CounterMax = 2097151;

    /// <summary>Status: success.</summary>
    public const byte StatusSuccess = 0x00;

    /// <summary>Status: CheckMac or Verify miscompare.</summary>
    public const byte StatusMiscompare = 0x01;

    /// <summary>Status: parse error.</summary>
    public const byte StatusParseError = 0x03;

    /// <summary>Status: ECC fault.</summary>
    public const byte StatusEccFault = 0x05;

    /// <summary>Status: self-test error.</summary>
    public const byte StatusSelfTestError = 0x07;

    /// <summary>Status: health test error.</summary>
    public const byte StatusHealthTestError = 0x08;

    /// <summary>Status: execution error.</summary>
    public const byte StatusExecutionError = 0x0F;

    /// <summary>Status: after wake, before the first command.</summary>
    public const byte StatusAfterWake = 0x11;

    /// <summary>Status: CRC or other communication error.</summary>
    public const byte StatusCrcError = 0xFF;

    /// <summary>Typical execution time in milliseconds at the default clock (CryptoAuthLib calib_execution.c, ATECC608 M0 table).</summary>
    public static int ExecutionTimeMs(byte opcode)
    {
        switch (opcode)
        {
            case OpRead:
            case OpInfo:
                return 5;
            case OpNonce:
                return 20;
            case OpRandom:
                return 23;
            case OpCounter:
                return 25;
            case OpVerify:
                return 105;
            case OpGenKey:
            case OpSign:
                return 115;
            case OpSelfTest:
                return 250;
            default:
                return 250;
        }
    }

    /// <summary>The CRC-16 of <paramref name="count"/> octets from <paramref name="offset"/>: low octet in [0], high in [1].</summary>
    public static void Crc16(byte[] data, int offset, int count, byte[] crc, int crcOffset)
    {
        var register = 0;
        for (var i = offset; i < offset + count; i++)
        {
            for (var mask = 0x01; mask <= 0x80; mask <<= 1)
            {
                var dataBit = (data[i] & mask) != 0 ? 1 : 0;
                var crcBit = (register >> 15) & 1;
                register = (register << 1) & 0xFFFF;
                if (dataBit != crcBit)
                {
                    register ^= 0x8005;
                }
            }
        }

        crc[crcOffset] = (byte)register;
        crc[crcOffset + 1] = (byte)(register >> 8);
    }
}
