namespace Testing.Linux;

/// <summary>
/// A named network namespace of the test's own (ip-netns(8)), deleted on dispose, with loopback up. Names
/// start with the agent's prefix "lx" and a random tag.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    private NetworkNamespace(string name) => Name = name;

    /// <summary>The namespace's name.</summary>
    public string Name { get; }

    /// <summary>Creates it.</summary>
    /// <exception cref="InvalidOperationException">ip is missing or the kernel refused (not root).</exception>
    public static NetworkNamespace Create()
    {
        var name = "lx" + Guid.NewGuid().ToString("N")[..10];
        var r = Command.Run("ip", ["netns", "add", name]);
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException($"Cannot create the network namespace {name} (ip netns add needs root and iproute2): {r}");
        }

        var ns = new NetworkNamespace(name);
        try
        {
            ns.Exec("ip", "link", "set", "lo", "up");
            return ns;
        }
        catch
        {
            ns.Dispose();
            throw;
        }
    }

    /// <summary>Runs a command inside the namespace; it must succeed.</summary>
    /// <exception cref="InvalidOperationException">It failed.</exception>
    public string Exec(string file, params string[] args) => Command.Must("ip", ["netns", "exec", Name, file, .. args]);

    /// <summary>Runs a command inside the namespace and returns its result.</summary>
    public Command.Result TryExec(string file, params string[] args) => Command.Run("ip", ["netns", "exec", Name, file, .. args]);

    /// <inheritdoc />
    public void Dispose() => _ = Command.Run("ip", ["netns", "del", Name]);
}
