namespace Hardware.Can;

/// <summary>A DBC message (<c>BO_ id name: dlc transmitter</c>) and its signals. Bit 31 of a DBC id marks a 29-bit identifier.</summary>
public sealed record DbcMessage(uint Id, bool IsExtended, string Name, int Length, string Transmitter, IReadOnlyList<DbcSignal> Signals)
{
    /// <summary>The signal of that name.</summary>
    /// <exception cref="KeyNotFoundException">The message has no such signal.</exception>
    public DbcSignal this[string name] => Signals.FirstOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"{Name} has no signal {name}.");

    /// <summary>Every signal's physical value in a frame of this message.</summary>
    public IReadOnlyDictionary<string, double> Decode(CanFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Signals.ToDictionary(s => s.Name, s => s.Decode(frame.Data), StringComparer.Ordinal);
    }

    /// <summary>A frame of this message with the given physical values (other signals zero).</summary>
    public CanFrame Encode(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var data = new byte[Length];
        foreach (var (name, value) in values)
        {
            this[name].Encode(value, data);
        }

        return new CanFrame(Id, IsExtended, data);
    }
}
