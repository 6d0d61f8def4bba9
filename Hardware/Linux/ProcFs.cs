using System.Globalization;
using System.Net;
using Hardware.Network;
using Hardware.Processes;

namespace Hardware.Linux;

/// <summary>
/// Parsers for the procfs text the Linux board reads (proc(5), Linux man-pages 6.x). Each takes
/// the file's text and returns null or skips a line it cannot read, rather than throwing: a
/// process can vanish or change between listing and reading.
/// </summary>
public static partial class ProcFs
{
    /// <summary>Clock ticks per second of /proc/[pid]/stat times (USER_HZ, 100 on every mainstream Linux architecture).</summary>
    public const int ClockTicksPerSecond = 100;

    /// <summary>The fields of /proc/[pid]/stat the board uses.</summary>
    /// <param name="Pid">Field 1.</param>
    /// <param name="Name">Field 2, comm, without the parentheses.</param>
    /// <param name="State">Field 3.</param>
    /// <param name="ParentPid">Field 4.</param>
    /// <param name="CpuTime">Fields 14 utime plus 15 stime.</param>
    public sealed record StatLine(int Pid, string Name, ProcessState State, int ParentPid, TimeSpan CpuTime);

    /// <summary>The fields of /proc/[pid]/status the board uses.</summary>
    /// <param name="Name">Name:.</param>
    /// <param name="Uid">Uid: (real).</param>
    /// <param name="EffectiveCapabilities">CapEff: (hex).</param>
    /// <param name="NoNewPrivileges">NoNewPrivs: (Linux 4.10+; null when the kernel does not show it).</param>
    /// <param name="SeccompMode">Seccomp: 0 disabled, 1 strict, 2 filter (null when the kernel does not show it).</param>
    /// <param name="EffectiveUid">Uid: (effective, the second value; null when absent).</param>
    public sealed record StatusFields(string Name, int Uid, ulong EffectiveCapabilities, bool? NoNewPrivileges = null, int? SeccompMode = null, int? EffectiveUid = null);

    /// <summary>Parses /proc/[pid]/stat. comm may hold spaces and parentheses, so it runs to the last ')'.</summary>
    public static StatLine? ParseStat(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        if (open <= 0 || close < open || !int.TryParse(text.AsSpan(0, open).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        var rest = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // rest[0] is field 3 (state); field n is rest[n - 3].
        if (rest.Length < 13
            || !int.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ppid)
            || !ulong.TryParse(rest[11], NumberStyles.None, CultureInfo.InvariantCulture, out var utime)
            || !ulong.TryParse(rest[12], NumberStyles.None, CultureInfo.InvariantCulture, out var stime))
        {
            return null;
        }

        var state = rest[0] switch
        {
            "R" => ProcessState.Running,
            "S" => ProcessState.Sleeping,
            "D" => ProcessState.DiskSleep,
            "T" or "t" => ProcessState.Stopped,
            "Z" => ProcessState.Zombie,
            "I" => ProcessState.Idle,
            _ => ProcessState.Other,
        };
        var ticks = utime + stime;
        return new StatLine(pid, text[(open + 1)..close], state, ppid, TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond));
    }

    /// <summary>Parses /proc/[pid]/status for Name, Uid (real and effective), CapEff, NoNewPrivs and Seccomp.</summary>
    public static StatusFields? ParseStatus(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? name = null;
        int? uid = null;
        int? euid = null;
        ulong? capEff = null;
        bool? noNewPrivs = null;
        int? seccomp = null;
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim();
            switch (line[..colon])
            {
                case "Name":
                    name = value;
                    break;
                case "Uid":
                    // proc(5): real, effective, saved set, filesystem.
                    var ids = value.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
                    uid = ids.Length > 0 && int.TryParse(ids[0], NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? u : null;
                    euid = ids.Length > 1 && int.TryParse(ids[1], NumberStyles.None, CultureInfo.InvariantCulture, out var e) ? e : null;
                    break;
                case "CapEff":
                    capEff = ulong.TryParse(value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var c) ? c : null;
                    break;
                case "NoNewPrivs":
                    noNewPrivs = value switch { "0" => false, "1" => true, _ => null };
                    break;
                case "Seccomp":
                    seccomp = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : null;
                    break;
            }
        }

        return name is null || uid is null || capEff is null ? null : new StatusFields(name, uid.Value, capEff.Value, noNewPrivs, seccomp, euid);
    }

    /// <summary>Parses /proc/meminfo into bytes per key (values are in kB).</summary>
    public static IReadOnlyDictionary<string, long> ParseMeminfo(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var parts = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 1 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            {
                result[line[..colon]] = parts.Length > 1 && parts[1] == "kB" ? v * 1024 : v;
            }
        }

        return result;
    }

    /// <summary>Parses /proc/net/dev: per interface rx bytes, rx packets (columns 1-2) and tx bytes, tx packets (columns 9-10).</summary>
    public static IReadOnlyList<InterfaceCounters> ParseNetDev(string text, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<InterfaceCounters>();
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line.Contains('|', StringComparison.Ordinal))
            {
                continue;
            }

            var f = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 10 && ulong.TryParse(f[0], CultureInfo.InvariantCulture, out var rxB) && ulong.TryParse(f[1], CultureInfo.InvariantCulture, out var rxP)
                && ulong.TryParse(f[8], CultureInfo.InvariantCulture, out var txB) && ulong.TryParse(f[9], CultureInfo.InvariantCulture, out var txP))
            {
                result.Add(new InterfaceCounters(line[..colon].Trim(), time, rxB, rxP, txB, txP));
            }
        }

        return result;
    }

    /// <summary>
    /// Parses /proc/net/tcp, tcp6, udp or udp6: sockets with a remote endpoint (not 0:0). Addresses
    /// are hex, each 32-bit word in host byte order (little-endian here); ports are hex big-endian.
    /// </summary>
    public static IReadOnlyList<NetworkPeer> ParseNetSockets(string text, TransportProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<NetworkPeer>();
        foreach (var line in text.Split('\n').Skip(1))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 8)
            {
                continue;
            }

            var local = ParseEndpoint(f[1]);
            var remote = ParseEndpoint(f[2]);
            if (local is null || remote is null || remote.Port == 0 && remote.Address.Equals(remote.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any))
            {
                continue;
            }

            int? uid = int.TryParse(f[7], NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? u : null;
            result.Add(new NetworkPeer(protocol, local, remote, TcpStateName(f[3]), uid));
        }

        return result;
    }

    /// <summary>Parses "0100007F:D888" (IPv4) or the 32-hex-digit IPv6 form.</summary>
    public static IPEndPoint? ParseEndpoint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var port))
        {
            return null;
        }

        var hex = text[..colon];
        if (hex.Length is not (8 or 32))
        {
            return null;
        }

        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
        {
            if (!uint.TryParse(hex.AsSpan(word * 8, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var w))
            {
                return null;
            }

            // Each 32-bit word was printed from host (little-endian) order.
            BitConverter.TryWriteBytes(bytes.AsSpan(word * 4, 4), w);
            if (!BitConverter.IsLittleEndian)
            {
                bytes.AsSpan(word * 4, 4).Reverse();
            }
        }

        return new IPEndPoint(new IPAddress(bytes), port);
    }

    private static string TcpStateName(string hex) => hex switch
    {
        // include/net/tcp_states.h
        "01" => "ESTABLISHED",
        "02" => "SYN_SENT",
        "03" => "SYN_RECV",
        "04" => "FIN_WAIT1",
        "05" => "FIN_WAIT2",
        "06" => "TIME_WAIT",
        "07" => "CLOSE",
        "08" => "CLOSE_WAIT",
        "09" => "LAST_ACK",
        "0A" => "LISTEN",
        "0B" => "CLOSING",
        _ => hex,
    };
}
