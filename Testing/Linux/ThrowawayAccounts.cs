using System.Globalization;

namespace Testing.Linux;

/// <summary>
/// Users and groups a test creates with groupadd/useradd (system accounts, no home, no login) and deletes
/// again on dispose. Names are "lx" + a random tag + the role, so parallel tests and agents never collide.
/// Needs root: <see cref="Create"/> fails with the reason otherwise.
/// </summary>
public sealed class ThrowawayAccounts : IDisposable
{
    private readonly string _tag = Guid.NewGuid().ToString("N")[..6];
    private readonly List<string> _users = [];
    private readonly List<string> _groups = [];

    private ThrowawayAccounts()
    {
    }

    /// <summary>Starts a set of accounts.</summary>
    /// <exception cref="InvalidOperationException">Not root, or useradd/groupadd are not installed.</exception>
    public static ThrowawayAccounts Create()
    {
        if (!Command.IsRoot)
        {
            throw new InvalidOperationException("This test creates throwaway users and groups (useradd, groupadd) and needs root; it runs as uid " + Command.Must("id", "-u").Trim() + ".");
        }

        foreach (var tool in new[] { "useradd", "groupadd", "userdel", "groupdel", "setpriv" })
        {
            if (Command.Run("sh", ["-c", "command -v " + tool]).ExitCode != 0)
            {
                throw new InvalidOperationException($"This test needs {tool} (Debian packages passwd and util-linux).");
            }
        }

        return new ThrowawayAccounts();
    }

    /// <summary>Creates a group; returns its name and gid.</summary>
    public (string Name, int Gid) Group(string role)
    {
        var name = Name(role);
        Command.Must("groupadd", "--system", name);
        _groups.Add(name);
        return (name, int.Parse(Command.Must("getent", "group", name).Split(':')[2], CultureInfo.InvariantCulture));
    }

    /// <summary>Creates a user with its own primary group and the given supplementary groups; returns its name, uid and gid.</summary>
    public (string Name, int Uid, int Gid) User(string role, params string[] groups)
    {
        var name = Name(role);
        var args = new List<string> { "--system", "--no-create-home", "--user-group", "--shell", "/usr/sbin/nologin" };
        if (groups.Length > 0)
        {
            args.Add("--groups");
            args.Add(string.Join(',', groups));
        }

        args.Add(name);
        Command.Must("useradd", [.. args]);
        _users.Add(name);
        var uid = int.Parse(Command.Must("id", "-u", name).Trim(), CultureInfo.InvariantCulture);
        var gid = int.Parse(Command.Must("id", "-g", name).Trim(), CultureInfo.InvariantCulture);
        return (name, uid, gid);
    }

    /// <summary>The setpriv(1) prefix that runs a command as <paramref name="user"/> with its groups (and nothing else of root's).</summary>
    public static string[] As(string user) => ["setpriv", $"--reuid={user}", $"--regid={user}", "--init-groups", "--inh-caps=-all", "--"];

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var user in _users)
        {
            _ = Command.Run("userdel", [user]);
        }

        foreach (var group in _groups)
        {
            _ = Command.Run("groupdel", [group]);
        }
    }

    private string Name(string role) => "lx" + _tag + role;
}
