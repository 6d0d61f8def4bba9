using System.Security.Cryptography;

namespace Testing.Netns;

/// <summary>
/// A veth pair the test creates (ip-link(8) type veth), both ends up, optionally each end in its own network
/// namespace (ip-netns(8)) that the pair creates too. Names start with "fk" (or a given prefix) and a random part, so tests running at
/// the same time never collide; everything is deleted on dispose. Needs root (CAP_NET_ADMIN): a test without it
/// fails with the tool's error.
/// </summary>
public sealed class VethPair : IDisposable
{
    private VethPair(string a, string b, string? namespaceA, string? namespaceB)
    {
        A = a;
        B = b;
        NamespaceA = namespaceA;
        NamespaceB = namespaceB;
    }

    /// <summary>The first end's name.</summary>
    public string A { get; }

    /// <summary>The second end's name.</summary>
    public string B { get; }

    /// <summary>The first end's namespace, when the pair was made across namespaces.</summary>
    public string? NamespaceA { get; }

    /// <summary>The second end's namespace.</summary>
    public string? NamespaceB { get; }

    /// <summary>Creates a pair in the current namespace.</summary>
    public static VethPair Create() => Make(inNamespaces: false);

    /// <summary>Creates two namespaces and a pair joining them; their names start with <paramref name="prefix"/> (two letters, default "fk").</summary>
    public static VethPair CreateAcrossNamespaces(string prefix = "fk") => Make(inNamespaces: true, prefix);

    /// <summary>Runs a command inside a namespace (ip netns exec).</summary>
    public static string[] InNamespace(string? name, string tool, params string[] arguments) =>
        name is null ? [tool, .. arguments] : ["ip", "netns", "exec", name, tool, .. arguments];

    /// <summary>Sets an end down (the radio link must refuse it).</summary>
    public void SetDown(string end) => Ip(end == A ? NamespaceA : NamespaceB, "link", "set", end, "down");

    /// <inheritdoc />
    public void Dispose()
    {
        // Deleting one end deletes the pair; deleting a namespace deletes the interfaces in it.
        if (NamespaceA is not null)
        {
            HostCommand.TryRun("ip", ["netns", "del", NamespaceA]);
            HostCommand.TryRun("ip", ["netns", "del", NamespaceB!]);
        }
        else
        {
            HostCommand.TryRun("ip", ["link", "del", A]);
        }
    }

    private static VethPair Make(bool inNamespaces, string prefix = "fk")
    {
        if (prefix.Length != 2 || !prefix.All(char.IsAsciiLetterLower))
        {
            throw new ArgumentException("The prefix is two lower-case letters.", nameof(prefix));
        }

        var tag = prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var pair = new VethPair(tag + "a", tag + "b", inNamespaces ? tag + "-na" : null, inNamespaces ? tag + "-nb" : null);
        try
        {
            if (inNamespaces)
            {
                HostCommand.Run("ip", ["netns", "add", pair.NamespaceA!]);
                HostCommand.Run("ip", ["netns", "add", pair.NamespaceB!]);
                HostCommand.Run("ip", ["link", "add", pair.A, "netns", pair.NamespaceA!, "type", "veth", "peer", "name", pair.B, "netns", pair.NamespaceB!]);
                Ip(pair.NamespaceA, "link", "set", "lo", "up");
                Ip(pair.NamespaceB, "link", "set", "lo", "up");
            }
            else
            {
                HostCommand.Run("ip", ["link", "add", pair.A, "type", "veth", "peer", "name", pair.B]);
            }

            Ip(pair.NamespaceA, "link", "set", pair.A, "up");
            Ip(pair.NamespaceB, "link", "set", pair.B, "up");
            return pair;
        }
        catch
        {
            pair.Dispose();
            throw;
        }
    }

    private static void Ip(string? ns, params string[] arguments)
    {
        var command = InNamespace(ns, "ip", arguments);
        HostCommand.Run(command[0], command[1..]);
    }
}
