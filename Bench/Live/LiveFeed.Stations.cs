using Bench.Reporting;

namespace Bench.Live;

public sealed partial class LiveFeed
{
    private readonly Dictionary<string, StationEvent> _stations = new(StringComparer.Ordinal);

    /// <summary>
    /// A station joined the run while it lasts (a SUMO vehicle's OBU went on the air; Bench/Mobility): its name, kind
    /// and the vehicle it rides in. The page adds its marker; it is placed when a receiver's frame says where it is.
    /// </summary>
    public void Joined(DateTimeOffset at, string name, SenderKind kind, string? vehicle)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_lock)
        {
            if (_stations.ContainsKey(name))
            {
                return;
            }

            var data = new StationEvent(T(at), name, kind, vehicle, null);
            _stations[name] = data;
            Publish("station", data, at);
        }
    }

    /// <summary>
    /// A station left the run (its vehicle arrived): the page removes its marker and greys its integrity row; its past
    /// decisions stay in the stream, and a position a late frame still carries is not shown again.
    /// </summary>
    public void Left(DateTimeOffset at, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_lock)
        {
            var joined = _stations.GetValueOrDefault(name);
            if (joined?.Left is not null)
            {
                return;
            }

            var data = new StationEvent(joined?.T ?? T(at), name, joined?.Kind ?? SenderKind.Obu, joined?.Vehicle, T(at));
            _stations[name] = data;
            _positions.Remove(name);
            Publish("station", data, at);
        }
    }

    // Under the lock: whether a station left (its positions are no longer shown).
    private bool HasLeft(string name) => _stations.GetValueOrDefault(name)?.Left is not null;

    /// <summary>A station that joined (and maybe left) while the run lasted; times are the feed's <c>t</c>.</summary>
    private sealed record StationEvent(double T, string Name, SenderKind Kind, string? Vehicle, double? Left);
}
