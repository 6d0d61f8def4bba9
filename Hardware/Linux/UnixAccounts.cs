using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Hardware.Linux;

/// <summary>
/// Users, groups and socket credentials as Linux keeps them: ids by name from /etc/passwd and /etc/group
/// (passwd(5), group(5)), a file's group (chown(2)), and the credentials of the process at the other end of
/// a connected Unix socket (SO_PEERCRED, unix(7): the pid, effective uid and effective gid it had at connect).
/// </summary>
public static partial class UnixAccounts
{
    // <sys/socket.h>: SOL_SOCKET 1, SO_PEERCRED 17 on every Linux architecture but a few (not x86, not arm).
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>The credentials of the peer of a connected Unix stream socket.</summary>
    /// <exception cref="SocketException">The socket has no peer credentials (not a connected Unix socket).</exception>
    public static PeerCredentials PeerOf(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        Span<byte> ucred = stackalloc byte[12];
        var length = socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
        if (length != 12)
        {
            throw new SocketException((int)SocketError.ProtocolOption);
        }

        return new PeerCredentials(MemoryMarshal.Read<int>(ucred), MemoryMarshal.Read<int>(ucred[4..]), MemoryMarshal.Read<int>(ucred[8..]));
    }

    /// <summary>The uid of a user name (or a number), from /etc/passwd.</summary>
    /// <exception cref="ArgumentException">No such user.</exception>
    public static int UserId(string user, string passwdPath = "/etc/passwd") => Lookup(user, passwdPath, "user");

    /// <summary>The gid of a group name (or a number), from /etc/group.</summary>
    /// <exception cref="ArgumentException">No such group.</exception>
    public static int GroupId(string group, string groupPath = "/etc/group") => Lookup(group, groupPath, "group");

    /// <summary>This process's effective uid.</summary>
    public static int EffectiveUserId() => (int)GetEffectiveUid();

    /// <summary>Gives a file to a group (its owner unchanged): the owner may do this for a group it belongs to.</summary>
    /// <exception cref="IOException">chown(2) refused.</exception>
    public static void ChangeGroup(string path, int gid)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (LinuxNative.Chown(path, -1, gid) != 0)
        {
            throw new IOException($"chown of {path} to group {gid} failed (errno {Marshal.GetLastPInvokeError()}): the partition's user must belong to that group.");
        }
    }

    private static int Lookup(string name, string path, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        foreach (var line in File.ReadLines(path))
        {
            // name:password:ID:...
            var f = line.Split(':');
            if (f.Length >= 3 && f[0] == name && int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var found))
            {
                return found;
            }
        }

        throw new ArgumentException($"No {what} '{name}' in {path}.");
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUid();
}
