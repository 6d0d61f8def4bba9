using System;

namespace Firmware.Nano.SecureElement;

/// <summary>The I2C transport of <see cref="Atecc608"/>: wake, command packets with CRC, response polling, idle.</summary>
public sealed partial class Atecc608
{
    // Polls after the typical execution time, a few milliseconds apart, before giving up on a busy device.
    private const int PollIntervalMs = 5;
    private const int MaxPolls = 40;

    private static readonly byte[] WakeResponse = { 0x04, Atecc608Protocol.StatusAfterWake, 0x33, 0x43 };

    /// <summary>
    /// Wakes the device: a 0x00 octet at 100 kHz holds SDA low for longer than tWLO (the address is not
    /// acknowledged), then the device answers the wake status 0x11 (data sheet: "Wake" and "Watchdog Failsafe").
    /// </summary>
    private void Wake()
    {
        _bus.Write(new byte[] { 0x00 });
        _delay.Wait(2);
        var response = new byte[4];
        if (!_bus.Read(response))
        {
            throw new SecureElementException(SecureElementError.NoResponse, 0, "the secure element does not answer after the wake pulse");
        }

        for (var i = 0; i < 4; i++)
        {
            if (response[i] != WakeResponse[i])
            {
                throw new SecureElementException(SecureElementError.Communication, response[1], "the secure element's wake response is not 04 11 33 43");
            }
        }
    }

    // Idle keeps TempKey and restarts the watchdog on the next wake; a failed write leaves the device to its watchdog.
    private void Idle() => _bus.Write(new byte[] { Atecc608Protocol.WordIdle });

    /// <summary>Runs a command whose response carries <paramref name="dataLength"/> octets of data.</summary>
    private byte[] Execute(byte opcode, byte param1, int param2, byte[] data, int dataLength)
    {
        var response = Transact(opcode, param1, param2, data, dataLength);
        if (response[0] == 4)
        {
            throw StatusError(opcode, response[1]);
        }

        if (response[0] != dataLength + 3)
        {
            throw new SecureElementException(SecureElementError.Communication, 0, "response to opcode 0x" + Hex(opcode) + " of " + response[0] + " octets");
        }

        var result = new byte[dataLength];
        Array.Copy(response, 1, result, 0, dataLength);
        return result;
    }

    /// <summary>Runs a command whose response is one octet (a status or a one-octet result).</summary>
    private byte ExecuteStatus(byte opcode, byte param1, int param2, byte[] data)
    {
        var response = Transact(opcode, param1, param2, data, 1);
        if (response[0] != 4)
        {
            throw new SecureElementException(SecureElementError.Communication, 0, "response to opcode 0x" + Hex(opcode) + " of " + response[0] + " octets");
        }

        return response[1];
    }

    private byte[] Transact(byte opcode, byte param1, int param2, byte[] data, int dataLength)
    {
        var dataCount = data == null ? 0 : data.Length;
        var count = 7 + dataCount;
        var packet = new byte[1 + count];
        packet[0] = Atecc608Protocol.WordCommand;
        packet[1] = (byte)count;
        packet[2] = opcode;
        packet[3] = param1;
        packet[4] = (byte)param2;
        packet[5] = (byte)(param2 >> 8);
        if (dataCount > 0)
        {
            Array.Copy(data, 0, packet, 6, dataCount);
        }

        Atecc608Protocol.Crc16(packet, 1, count - 2, packet, count - 1);
        if (!_bus.Write(packet))
        {
            throw new SecureElementException(SecureElementError.NoResponse, 0, "the secure element did not acknowledge opcode 0x" + Hex(opcode));
        }

        _delay.Wait(Atecc608Protocol.ExecutionTimeMs(opcode));
        var size = dataLength + 3 > 4 ? dataLength + 3 : 4;
        var response = new byte[size];
        var polls = 0;
        while (!_bus.Read(response))
        {
            if (++polls >= MaxPolls)
            {
                throw new SecureElementException(SecureElementError.NoResponse, 0, "no response to opcode 0x" + Hex(opcode));
            }

            _delay.Wait(PollIntervalMs);
        }

        var length = response[0];
        if (length < 4 || length > size)
        {
            throw new SecureElementException(SecureElementError.Communication, 0, "response count " + length + " to opcode 0x" + Hex(opcode));
        }

        var crc = new byte[2];
        Atecc608Protocol.Crc16(response, 0, length - 2, crc, 0);
        if (crc[0] != response[length - 2] || crc[1] != response[length - 1])
        {
            throw new SecureElementException(SecureElementError.Communication, 0, "response CRC mismatch for opcode 0x" + Hex(opcode));
        }

        return response;
    }

    private static SecureElementException StatusError(byte opcode, byte status) =>
        new SecureElementException(SecureElementError.Status, status, "opcode 0x" + Hex(opcode) + " failed with status 0x" + Hex(status));

    private static string Hex(byte value)
    {
        const string digits = "0123456789abcdef";
        return new string(new[] { digits[value >> 4], digits[value & 0x0F] });
    }
}
