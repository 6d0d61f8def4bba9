namespace Firmware.SecurePartition.Protocol;

/// <summary>
/// The in-memory channel to a partition hosted in the same process (the emulator): each
/// <see cref="Connect"/> gives the client end of a new connection whose server end the same
/// <see cref="ProtocolServer"/> serves, byte for byte as over the Unix socket.
/// </summary>
public sealed class InMemoryChannel : IDisposable
{
    private readonly ProtocolServer _server;
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Channels to a server.</summary>
    public InMemoryChannel(ProtocolServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        _server = server;
    }

    /// <summary>Opens a connection; returns the client end.</summary>
    public Stream Connect()
    {
        var (client, serverEnd) = InMemoryDuplexStream.CreatePair();
        _ = Task.Run(async () =>
        {
            await using (serverEnd.ConfigureAwait(false))
            {
                await _server.ServeAsync(serverEnd, _stop.Token).ConfigureAwait(false);
            }
        });
        return client;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
