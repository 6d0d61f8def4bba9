using System.Text;
using System.Text.Json;

namespace Bench.Live;

public sealed partial class LiveFeed
{
    private const double EarthRadiusMetres = 6_371_008.8;

    // A vehicle's position at most every 200 ms: each receiver's accepted frame carries it.
    private static readonly TimeSpan PositionInterval = TimeSpan.FromMilliseconds(200);

    // One server-sent event (HTML Living Standard §9.2.6, "Interpreting an event stream"): its type and one line of JSON.
    private static string Chunk(string type, object data)
    {
        var text = new StringBuilder(256);
        text.Append("event: ").Append(type).Append('\n');
        text.Append("data: ").Append(JsonSerializer.Serialize(data, Json)).Append("\n\n");
        return text.ToString();
    }

    private object TrustData(TrustView.SenderTrust trust) => new
    {
        sender = trust.Sender,
        outcome = trust.Outcome,
        receivers = trust.Receivers.ToDictionary(kv => kv.Key, kv => new { outcome = kv.Value.Outcome, since = T(kv.Value.Since) }, StringComparer.Ordinal),
    };

    // Under the lock: to every client, never waiting; a client whose queue is full is dropped.
    private void Publish(string type, object data, DateTimeOffset at)
    {
        _now = Math.Max(_now, T(at));
        if (_clients.Count == 0)
        {
            return;
        }

        var chunk = Chunk(type, data);
        for (var i = _clients.Count - 1; i >= 0; i--)
        {
            if (!_clients[i].Offer(chunk))
            {
                if (_clients[i].WasDropped)
                {
                    Interlocked.Increment(ref _dropped);
                }

                _clients.RemoveAt(i);
            }
        }
    }

    // The replays the receivers decided so far, by kind: received and rejected.
    private Dictionary<string, object> Replays() =>
        _replays.ToDictionary(kv => kv.Key, kv => (object)new { received = kv.Value[0], rejected = kv.Value[1] }, StringComparer.Ordinal);

    private void Remove(LiveSubscription client)
    {
        lock (_lock)
        {
            _clients.Remove(client);
        }
    }

    private double T(DateTimeOffset at) => Math.Round((at - Origin).TotalMilliseconds, 1);

    private bool Due(string sender, DateTimeOffset at)
    {
        if (_positionAt.TryGetValue(sender, out var last) && at - last < PositionInterval && at >= last)
        {
            return false;
        }

        _positionAt[sender] = at;
        return true;
    }

    // Metres east and north of the first position seen (an equirectangular projection: the bench's area is a few hundred metres).
    private (double X, double Y) Local(double latitude, double longitude)
    {
        _reference ??= (latitude, longitude);
        var (lat0, lon0) = _reference.Value;
        var radians = Math.PI / 180;
        return ((longitude - lon0) * radians * Math.Cos(lat0 * radians) * EarthRadiusMetres, (latitude - lat0) * radians * EarthRadiusMetres);
    }
}
