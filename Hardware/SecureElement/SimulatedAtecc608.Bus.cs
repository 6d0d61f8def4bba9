namespace Hardware.SecureElement;

/// <summary>The I2C side of <see cref="SimulatedAtecc608"/>: write and read transactions, wake, idle, sleep, watchdog.</summary>
public sealed partial class SimulatedAtecc608
{
    private const byte WordReset = 0x00;
    private const byte WordSleep = 0x01;
    private const byte WordIdle = 0x02;
    private const byte WordCommand = 0x03;

    /// <summary>
    /// A write transaction; false when the address is not acknowledged. A single 0x00 octet written to a sleeping
    /// or idle device is the wake pulse (SDA low for longer than tWLO): the device wakes but does not acknowledge.
    /// </summary>
    public bool Write(ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            if (Absent || data.IsEmpty)
            {
                return false;
            }

            var now = _time.GetUtcNow();
            CheckWatchdog(now);
            if (_state != State.Awake)
            {
                if (data.Length == 1 && data[0] == 0x00)
                {
                    // Data sheet "Wake": the device answers 04 11 33 43 (status 0x11 after wake). From sleep TempKey is gone.
                    if (_state == State.Sleep)
                    {
                        _tempKey = null;
                    }

                    _state = State.Awake;
                    _wokeAt = now;
                    _busyUntil = now;
                    _output = WithCrc([0x04, 0x11]);
                }

                return false;
            }

            switch (data[0])
            {
                case WordReset:
                    return true;
                case WordSleep:
                    _state = State.Sleep;
                    _tempKey = null;
                    return true;
                case WordIdle:
                    _state = State.Idle;
                    return true;
                case WordCommand:
                    Receive(data[1..], now);
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>A read transaction of <paramref name="buffer"/>.Length octets; false while the device sleeps, idles or executes.</summary>
    public bool Read(Span<byte> buffer)
    {
        lock (_lock)
        {
            if (Absent)
            {
                return false;
            }

            var now = _time.GetUtcNow();
            CheckWatchdog(now);
            if (_state != State.Awake || now < _busyUntil)
            {
                return false;
            }

            buffer.Fill(0xFF);
            _output.AsSpan(0, Math.Min(_output.Length, buffer.Length)).CopyTo(buffer);
            return true;
        }
    }

    private void CheckWatchdog(DateTimeOffset now)
    {
        if (_state == State.Awake && now - _wokeAt >= Watchdog)
        {
            _state = State.Sleep;
            _tempKey = null;
        }
    }

    // Count, opcode, param1, param2 (LE), data, CRC over count..data.
    private void Receive(ReadOnlySpan<byte> packet, DateTimeOffset now)
    {
        if (packet.Length < 7 || packet[0] != packet.Length)
        {
            _output = Status(0xFF);
            return;
        }

        var crc = Crc16(packet[..^2]);
        if (packet[^2] != crc[0] || packet[^1] != crc[1])
        {
            _output = Status(0xFF);
            return;
        }

        var opcode = packet[1];
        CommandsExecuted++;
        _output = Execute(opcode, packet[2], (ushort)(packet[3] | (packet[4] << 8)), packet[5..^2]);
        if (_corruptNext)
        {
            _corruptNext = false;
            _output[1] ^= 0x01;
        }

        _busyUntil = now + TimeSpan.FromMilliseconds(ExecutionTimeMs(opcode));
    }

    /// <summary>CRC-16 of the ATECC608 packets: polynomial 0x8005, initial 0, data bits least significant first; low octet first.</summary>
    public static byte[] Crc16(ReadOnlySpan<byte> data)
    {
        var register = 0;
        foreach (var b in data)
        {
            for (var mask = 0x01; mask <= 0x80; mask <<= 1)
            {
                var dataBit = (b & mask) != 0 ? 1 : 0;
                var crcBit = (register >> 15) & 1;
                register = (register << 1) & 0xFFFF;
                if (dataBit != crcBit)
                {
                    register ^= 0x8005;
                }
            }
        }

        return [(byte)register, (byte)(register >> 8)];
    }

    private static byte[] WithCrc(ReadOnlySpan<byte> body)
    {
        var crc = Crc16(body);
        return [.. body, crc[0], crc[1]];
    }

    private static byte[] Status(byte status) => WithCrc([0x04, status]);

    private static byte[] Data(ReadOnlySpan<byte> data) => WithCrc([(byte)(data.Length + 3), .. data]);

    // CryptoAuthLib calib_execution.c, ATECC608 at the default clock divider (M0), milliseconds.
    private static int ExecutionTimeMs(byte opcode) => opcode switch
    {
        0x02 or 0x30 => 5,
        0x16 => 20,
        0x1B => 23,
        0x24 => 25,
        0x45 => 105,
        0x40 or 0x41 => 115,
        0x77 => 250,
        _ => 1,
    };
}
