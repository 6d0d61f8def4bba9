using System.Globalization;

namespace Hardware.Can;

/// <summary>
/// The log format of can-utils' candump -l / canplayer: one frame per line, <c>(seconds.micros) interface id#data</c>,
/// the identifier 3 hex digits for an 11-bit and 8 for a 29-bit one, the data 0 to 8 octets in hex (classic CAN).
/// CAN FD (<c>##</c>), remote (<c>#R</c>) and error frames are refused: the OBU's mapping reads classic data frames.
/// </summary>
public static class CandumpLog
{
    /// <summary>Reads one line.</summary>
    /// <exception cref="CanBusException">The line is not a classic data frame in candump log format.</exception>
    public static (DateTimeOffset Time, string Interface, CanFrame Frame) Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || parts[0].Length < 3 || parts[0][0] != '(' || parts[0][^1] != ')'
            || !decimal.TryParse(parts[0].AsSpan(1, parts[0].Length - 2), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new CanBusException($"Not a candump log line '(seconds) interface id#data': {line}");
        }

        var hash = parts[2].IndexOf('#', StringComparison.Ordinal);
        if (hash is not (3 or 8) || parts[2].AsSpan(hash + 1).Contains('#') || parts[2].AsSpan(hash + 1).StartsWith("R", StringComparison.Ordinal))
        {
            throw new CanBusException($"Not a classic CAN data frame (3 or 8 hex digits, '#', data; no FD '##' or remote 'R'): {parts[2]}");
        }

        var data = parts[2][(hash + 1)..];
        if (!uint.TryParse(parts[2].AsSpan(0, hash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id)
            || data.Length % 2 != 0 || data.Length > 16 || !data.All(char.IsAsciiHexDigit))
        {
            throw new CanBusException($"Bad identifier or data in {parts[2]}");
        }

        var extended = hash == 8;
        if (id > (extended ? CanFrame.MaxExtendedId : CanFrame.MaxBaseId) || (id & 0xE000_0000) != 0)
        {
            throw new CanBusException($"Identifier {parts[2][..hash]} does not fit a {(extended ? 29 : 11)}-bit id (error frames are not read).");
        }

        var ticks = (long)(seconds * TimeSpan.TicksPerSecond);
        return (DateTimeOffset.UnixEpoch.AddTicks(ticks), parts[1], new CanFrame(id, extended, Convert.FromHexString(data)));
    }

    /// <summary>Writes one line.</summary>
    public static string Format(DateTimeOffset time, string iface, CanFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var micros = (time - DateTimeOffset.UnixEpoch).Ticks / 10;
        var id = frame.IsExtended ? frame.Id.ToString("X8", CultureInfo.InvariantCulture) : frame.Id.ToString("X3", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"({micros / 1_000_000}.{micros % 1_000_000:D6}) {iface} {id}#{Convert.ToHexString(frame.Data.ToArray())}");
    }
}
