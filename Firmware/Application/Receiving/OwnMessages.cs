using V2x.Link;
using V2x.Security;

namespace Firmware.Application.Receiving;

/// <summary>
/// What marks a frame as the station's own whatever its (unsigned) Ethernet header says: the HashedId8 of every
/// ticket the station signed with recently (the current and previous pseudonyms) and its GeoNetworking addresses'
/// MIDs, current and previous (the source position vector is inside the signed packet). The send path adds the
/// ticket before the frame goes on the air, the node its MAC at start and at each pseudonym change; the receive
/// pipeline rejects matching frames at decode (<see cref="ReceiveReason.OwnMessage"/>), before any ECDSA. Bounded:
/// the last <see cref="Capacity"/> of each (a partition holds at most 8 tickets). Thread-safe.
/// </summary>
public sealed class OwnMessages
{
    /// <summary>Tickets and addresses kept by default.</summary>
    public const int DefaultCapacity = 16;

    private readonly Lock _lock = new();
    private readonly Bounded<HashedId8> _signers;
    private readonly Bounded<MacAddress> _addresses;

    /// <summary>Keeps the last <paramref name="capacity"/> tickets and addresses.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A capacity below 2 (the current and the previous pseudonym).</exception>
    public OwnMessages(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        Capacity = capacity;
        _signers = new(capacity);
        _addresses = new(capacity);
    }

    /// <summary>How many tickets and how many addresses are kept at most.</summary>
    public int Capacity { get; }

    /// <summary>Tickets known now.</summary>
    public int SignerCount
    {
        get
        {
            lock (_lock)
            {
                return _signers.Count;
            }
        }
    }

    /// <summary>Notes a ticket the station signs with (call before the message goes on the air).</summary>
    public void AddSigner(HashedId8 ticket)
    {
        lock (_lock)
        {
            _signers.Add(ticket);
        }
    }

    /// <summary>Notes a link-layer address (the GN_ADDR MID) the station sends from.</summary>
    public void AddAddress(MacAddress mid)
    {
        lock (_lock)
        {
            _addresses.Add(mid);
        }
    }

    /// <summary>Whether the station signed with this ticket recently.</summary>
    public bool IsOwnSigner(HashedId8 ticket)
    {
        lock (_lock)
        {
            return _signers.Contains(ticket);
        }
    }

    /// <summary>Whether the station sent from this GN address MID recently.</summary>
    public bool IsOwnAddress(MacAddress mid)
    {
        lock (_lock)
        {
            return _addresses.Contains(mid);
        }
    }

    // The last `capacity` distinct values, oldest dropped first.
    private sealed class Bounded<T>(int capacity)
        where T : notnull
    {
        private readonly Queue<T> _order = new();
        private readonly HashSet<T> _set = [];

        public int Count => _set.Count;

        public void Add(T value)
        {
            if (!_set.Add(value))
            {
                return;
            }

            _order.Enqueue(value);
            if (_order.Count > capacity)
            {
                _set.Remove(_order.Dequeue());
            }
        }

        public bool Contains(T value) => _set.Contains(value);
    }
}
