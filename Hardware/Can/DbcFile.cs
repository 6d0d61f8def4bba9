using System.Globalization;
using System.Text.RegularExpressions;

namespace Hardware.Can;

/// <summary>
/// The subset of the DBC format (Vector's CAN database text format) the OBU's mapping needs: messages (<c>BO_</c>)
/// and their signals (<c>SG_</c>) with start bit, length, byte order, sign, factor, offset, range and unit. Every
/// other keyword (VERSION, NS_, BS_, BU_, CM_, BA_DEF_, BA_, VAL_, ...) is skipped; multiplexed signals (<c>M</c>,
/// <c>mN</c>) are refused, as are signals that do not fit their message. No NuGet DBC parser is served here, so the
/// project parses the subset itself.
/// </summary>
public sealed partial class DbcFile
{
    private readonly Dictionary<(uint, bool), DbcMessage> _messages;

    private DbcFile(Dictionary<(uint, bool), DbcMessage> messages) => _messages = messages;

    /// <summary>The messages.</summary>
    public IReadOnlyCollection<DbcMessage> Messages => _messages.Values;

    /// <summary>The message of a frame's identifier, or null.</summary>
    public DbcMessage? Find(uint id, bool isExtended) => _messages.GetValueOrDefault((id, isExtended));

    /// <summary>The message of that name.</summary>
    /// <exception cref="KeyNotFoundException">No such message.</exception>
    public DbcMessage this[string name] => _messages.Values.FirstOrDefault(m => m.Name == name) ?? throw new KeyNotFoundException($"No message {name}.");

    /// <summary>Reads a DBC file.</summary>
    /// <exception cref="DbcException">A BO_ or SG_ line is malformed.</exception>
    public static DbcFile Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses DBC text.</summary>
    /// <exception cref="DbcException">A BO_ or SG_ line is malformed.</exception>
    public static DbcFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var messages = new Dictionary<(uint, bool), DbcMessage>();
        (uint Id, bool Extended, string Name, int Length, string Tx, List<DbcSignal> Signals)? current = null;
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.StartsWith("BO_ ", StringComparison.Ordinal))
            {
                Close(messages, current);
                var m = MessageLine().Match(line);
                if (!m.Success || !uint.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    || !int.TryParse(m.Groups[3].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var dlc) || dlc > CanFrame.MaxDataBytes)
                {
                    throw new DbcException(n + 1, $"not a message 'BO_ id name: dlc transmitter' of at most 8 bytes: {line}");
                }

                var extended = (id & 0x8000_0000) != 0;
                id &= 0x7FFF_FFFF;
                if (id > (extended ? CanFrame.MaxExtendedId : CanFrame.MaxBaseId))
                {
                    throw new DbcException(n + 1, $"identifier 0x{id:X} does not fit a {(extended ? 29 : 11)}-bit id");
                }

                current = (id, extended, m.Groups[2].Value, dlc, m.Groups[4].Value, []);
            }
            else if (line.StartsWith("SG_ ", StringComparison.Ordinal))
            {
                if (current is null)
                {
                    throw new DbcException(n + 1, "a signal outside a message");
                }

                current.Value.Signals.Add(Signal(line, n + 1, current.Value.Length));
            }
            else if (line.Length == 0 || !char.IsWhiteSpace(lines[n].FirstOrDefault(' ')))
            {
                // A blank line or another keyword ends the message's signal list.
                Close(messages, current);
                current = null;
            }
        }

        Close(messages, current);
        return new DbcFile(messages);
    }

    private static DbcSignal Signal(string line, int number, int messageLength)
    {
        var m = SignalLine().Match(line);
        if (!m.Success)
        {
            throw new DbcException(number, $"not a signal 'SG_ name : start|length@order sign (factor,offset) [min|max] \"unit\" receivers': {line}");
        }

        if (m.Groups[2].Success)
        {
            throw new DbcException(number, $"multiplexed signal {m.Groups[1].Value} is not in the supported subset");
        }

        var start = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        var length = int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture);
        var signal = new DbcSignal(m.Groups[1].Value, start, length, m.Groups[5].Value == "1", m.Groups[6].Value == "-",
            Number(m.Groups[7].Value, number), Number(m.Groups[8].Value, number), Number(m.Groups[9].Value, number), Number(m.Groups[10].Value, number),
            m.Groups[11].Value);
        if (length is < 1 or > 64 || signal.Factor == 0 || !Fits(signal, messageLength))
        {
            throw new DbcException(number, $"signal {signal.Name} ({start}|{length}) does not fit a {messageLength}-byte message");
        }

        return signal;
    }

    private static bool Fits(DbcSignal signal, int messageLength)
    {
        try
        {
            _ = signal.Decode(new byte[messageLength]);
            return true;
        }
        catch (DbcException)
        {
            return false;
        }
    }

    private static double Number(string text, int line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new DbcException(line, $"'{text}' is not a number");

    private static void Close(Dictionary<(uint, bool), DbcMessage> messages, (uint Id, bool Extended, string Name, int Length, string Tx, List<DbcSignal> Signals)? current)
    {
        if (current is { } c && !messages.ContainsKey((c.Id, c.Extended)))
        {
            messages[(c.Id, c.Extended)] = new DbcMessage(c.Id, c.Extended, c.Name, c.Length, c.Tx, c.Signals);
        }
    }

    [GeneratedRegex(@"^BO_\s+(\d+)\s+(\w+)\s*:\s*(\d+)\s+(\w+)\s*$")]
    private static partial Regex MessageLine();

    [GeneratedRegex(@"^SG_\s+(\w+)\s*(M|m\d+)?\s*:\s*(\d+)\|(\d+)@([01])([+-])\s*\(\s*([^,\s]+)\s*,\s*([^)\s]+)\s*\)\s*\[\s*([^|\s]+)\s*\|\s*([^\]\s]+)\s*\]\s*""([^""]*)""\s*(.*)$")]
    private static partial Regex SignalLine();
}
