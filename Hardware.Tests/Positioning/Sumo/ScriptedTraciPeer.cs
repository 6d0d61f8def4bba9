using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Hardware.Tests.Positioning.Sumo;

/// <summary>
/// A hostile or broken TraCI server on loopback: it reads each request message and answers it with the next scripted
/// bytes (null: stays silent; after the script: closes). Helpers build well-formed pieces to break one at a time.
/// </summary>
internal sealed class ScriptedTraciPeer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Task _serve;
    private readonly CancellationTokenSource _stop = new();

    private ScriptedTraciPeer(byte[]?[] answers)
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _serve = Task.Run(() => ServeAsync(answers));
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static ScriptedTraciPeer Start(params byte[]?[] answers) => new(answers);

    /// <summary>A whole message: its 32-bit length, then the parts.</summary>
    public static byte[] Message(params byte[][] parts)
    {
        var body = parts.SelectMany(p => p).ToArray();
        var m = new byte[4 + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(m, m.Length);
        body.CopyTo(m, 4);
        return m;
    }

    /// <summary>A command with a one-byte length header.</summary>
    public static byte[] Command(byte id, params byte[][] content)
    {
        var body = content.SelectMany(p => p).ToArray();
        return [(byte)(2 + body.Length), id, .. body];
    }

    public static byte[] Status(byte command, byte result = 0, string description = "") => Command(command, [result], Str(description));

    public static byte[] Int(int v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, v);
        return b;
    }

    public static byte[] Double(double v)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(b, v);
        return b;
    }

    public static byte[] Str(string s) => [.. Int(Encoding.UTF8.GetByteCount(s)), .. Encoding.UTF8.GetBytes(s)];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _serve;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            // The peer ends with the test.
        }

        _stop.Dispose();
    }

    private async Task ServeAsync(byte[]?[] answers)
    {
        using var socket = await _listener.AcceptTcpClientAsync(_stop.Token);
        var stream = socket.GetStream();
        foreach (var answer in answers)
        {
            var header = new byte[4];
            await stream.ReadExactlyAsync(header, _stop.Token);
            await stream.ReadExactlyAsync(new byte[BinaryPrimitives.ReadInt32BigEndian(header) - 4], _stop.Token);
            if (answer is null)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }

            await stream.WriteAsync(answer, _stop.Token);
        }
    }
}
