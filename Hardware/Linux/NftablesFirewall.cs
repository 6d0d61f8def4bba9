using System.Diagnostics;
using System.Text.Json;
using Hardware.Network;

namespace Hardware.Linux;

/// <summary>
/// The counters of the named rules of one nftables table, read with <c>nft -j list table FAMILY NAME</c>
/// (libnftables-json(5)): every rule that has a comment and a <c>counter</c> statement gives its packets
/// and bytes. Listing needs CAP_NET_ADMIN. With <see cref="NetworkNamespace"/> the table is read inside that
/// named network namespace (<c>ip netns exec NAME nft ...</c>, ip-netns(8)). Each read runs nft once, so
/// the detectors read it per scan, never per message.
/// </summary>
public sealed class NftablesFirewall : IFirewallCounters
{
    private readonly TimeProvider _time;

    /// <summary>Reads table <paramref name="table"/> of <paramref name="family"/> (inet, ip, ip6, netdev...).</summary>
    public NftablesFirewall(TimeProvider time, string family, string table, string? networkNamespace = null, string nft = "nft")
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrEmpty(family);
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentException.ThrowIfNullOrEmpty(nft);
        _time = time;
        Family = family;
        Table = table;
        NetworkNamespace = string.IsNullOrEmpty(networkNamespace) ? null : networkNamespace;
        Nft = nft;
    }

    /// <summary>The table's family.</summary>
    public string Family { get; }

    /// <summary>The table's name.</summary>
    public string Table { get; }

    /// <summary>The named network namespace the table lives in (null: the partition's own).</summary>
    public string? NetworkNamespace { get; }

    /// <summary>The nft executable.</summary>
    public string Nft { get; }

    /// <summary>Longest an nft run may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    /// <exception cref="IOException">nft is missing, fails (no such table, no CAP_NET_ADMIN), stalls, or prints something that is not its JSON.</exception>
    public IReadOnlyList<FirewallRuleCounter> Read()
    {
        var json = Run();
        var now = _time.GetUtcNow();
        try
        {
            return Parse(json, now);
        }
        catch (JsonException e)
        {
            throw new IOException($"nft printed no valid JSON for table {Family} {Table}: {e.Message}", e);
        }
    }

    /// <summary>The named counters in the JSON of <c>nft -j list ...</c>.</summary>
    /// <exception cref="JsonException">Not nft's JSON.</exception>
    public static IReadOnlyList<FirewallRuleCounter> Parse(string json, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("nftables", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("no \"nftables\" array");
        }

        var result = new List<FirewallRuleCounter>();
        foreach (var item in items.EnumerateArray())
        {
            if (!item.TryGetProperty("rule", out var rule) || !rule.TryGetProperty("comment", out var comment) || comment.ValueKind != JsonValueKind.String
                || !rule.TryGetProperty("expr", out var expr) || expr.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var statement in expr.EnumerateArray())
            {
                if (statement.ValueKind == JsonValueKind.Object && statement.TryGetProperty("counter", out var counter) && counter.ValueKind == JsonValueKind.Object
                    && counter.TryGetProperty("packets", out var packets) && counter.TryGetProperty("bytes", out var bytes))
                {
                    result.Add(new FirewallRuleCounter(comment.GetString()!, time, packets.GetUInt64(), bytes.GetUInt64()));
                    break;
                }
            }
        }

        return result;
    }

    private string Run()
    {
        var start = new ProcessStartInfo(NetworkNamespace is null ? Nft : "ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (NetworkNamespace is not null)
        {
            foreach (var a in new[] { "netns", "exec", NetworkNamespace, Nft })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in new[] { "-j", "list", "table", Family, Table })
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new IOException($"{start.FileName} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new IOException($"Cannot run {start.FileName}: {e.Message}", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new IOException($"nft did not answer within {Timeout}.");
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new IOException($"nft -j list table {Family} {Table} failed ({process.ExitCode}): {stderr.Result.Trim()}");
            }

            return stdout.Result;
        }
    }
}
