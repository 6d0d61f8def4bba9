using System.Globalization;
using Firmware.SecurePartition.Protocol;
using Hardware.Linux;
using Microsoft.Extensions.Configuration;

namespace Firmware.Host;

/// <summary>
/// The partition socket's access rules from configuration (Docs/secure-partition.md "Two processes in the
/// field"): Socket:Group (group name or gid: the socket becomes mode 0660 in that group), Socket:ApplicationUsers
/// (user names or uids of the station's application: allowed, and the only ones that may take the reserved
/// slots), Socket:AllowedUsers, Socket:AllowedGroups (further peers, by SO_PEERCRED uid or gid),
/// Socket:MaxConnections (64), Socket:ReservedForApplication (4), Socket:MaxPerProcess (8), Socket:MaxPerUser
/// (16), Socket:IdleSeconds (300). With no user or group list only the partition's own user may connect.
/// </summary>
public static class SocketSettings
{
    /// <summary>Reads the options.</summary>
    /// <exception cref="ArgumentException">An unknown user or group, or limits out of range.</exception>
    public static UnixSocketServerOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new UnixSocketServerOptions();
        var options = new UnixSocketServerOptions
        {
            MaxConnections = (int)Settings.UInt(configuration, "Socket:MaxConnections", (uint)defaults.MaxConnections),
            ReservedForApplication = (int)Settings.UInt(configuration, "Socket:ReservedForApplication", (uint)defaults.ReservedForApplication),
            MaxConnectionsPerProcess = (int)Settings.UInt(configuration, "Socket:MaxPerProcess", (uint)defaults.MaxConnectionsPerProcess),
            MaxConnectionsPerUser = (int)Settings.UInt(configuration, "Socket:MaxPerUser", (uint)defaults.MaxConnectionsPerUser),
            IdleTimeout = TimeSpan.FromSeconds(Settings.UInt(configuration, "Socket:IdleSeconds", (uint)defaults.IdleTimeout.TotalSeconds)),
            ApplicationUids = Ids(configuration["Socket:ApplicationUsers"], n => UnixAccounts.UserId(n)),
            AllowedUids = Ids(configuration["Socket:AllowedUsers"], n => UnixAccounts.UserId(n)),
            AllowedGids = Ids(configuration["Socket:AllowedGroups"], n => UnixAccounts.GroupId(n)),
            SocketGroup = configuration["Socket:Group"] is { Length: > 0 } g ? UnixAccounts.GroupId(g) : null,
        };
        options.Validate();
        return options;
    }

    private static HashSet<int> Ids(string? list, Func<string, int> lookup) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(lookup).ToHashSet();

    /// <summary>A one-line description for the log.</summary>
    public static string Describe(UnixSocketServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.Create(CultureInfo.InvariantCulture,
            $"mode {(options.SocketGroup is null ? "0600" : "0660 group " + options.SocketGroup)}, {(options.OwnerOnly ? "own user only" : $"application uids [{string.Join(",", options.ApplicationUids)}], uids [{string.Join(",", options.AllowedUids)}], gids [{string.Join(",", options.AllowedGids)}]")}, {options.MaxConnections} connections ({options.ReservedForApplication} kept for the application, {options.MaxConnectionsPerProcess} per process, {options.MaxConnectionsPerUser} per user), idle {options.IdleTimeout}");
    }
}
