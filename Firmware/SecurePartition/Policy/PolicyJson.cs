using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Firmware.SecurePartition.Detection;
using V2x.Integrity;

namespace Firmware.SecurePartition.Policy;

/// <summary>
/// The reviewable text form of a detection policy: what `Firmware learn` writes for the OEM to read
/// and edit, and what `Firmware policy sign` signs (the signed form is always <see cref="PolicyCodec"/>'s
/// binary body; this is only the way in). Strict: an unknown or missing field, a wrong type, an
/// unknown detector class or a bad peer is refused with the field named. Peers are "ADDRESS/PREFIX"
/// or "ADDRESS/PREFIX port N"; detector classes by name (SecurityPolicy, Memory, Network, Process,
/// TaskManager, Crash, IntegrityCheck, HsmTamper); times in seconds. <c>notes</c> carries the learner's
/// remarks for the reviewer and is not signed.
/// </summary>
public static class PolicyJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>Writes a policy (with the reviewer's notes) as indented JSON.</summary>
    public static string Write(DetectionPolicy policy, IReadOnlyList<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        var doc = new Document(
            policy.PolicyVersion,
            Detectors.InOrder.Where(d => (policy.RequiredDetectors & d) != 0).Select(d => d.ToString()).ToArray(),
            policy.ScanPeriod.TotalSeconds,
            policy.LatchHoldTime.TotalSeconds,
            policy.CleanScansToClear,
            policy.ReportUnexpectedProcesses,
            policy.ExpectedProcesses.Select(p => new Process(p.Name, p.ExecutablePath, p.User, p.Uid, p.MayBePrivileged, p.CpuMin, p.CpuMax,
                p.RequireNoNewPrivileges, p.MinimumSeccompMode, p.MayMapWritableExecutable)).ToArray(),
            [.. policy.ToleratedProcesses],
            policy.AllowedIpc.Select(r => new Rule(r.Process, r.Subject)).ToArray(),
            policy.AllowedCapabilities.Select(r => new Rule(r.Process, r.Subject)).ToArray(),
            policy.Throughput.Select(b => new Band(b.Interface, b.AnomalyBytesPerSecond, b.HighAnomalyBytesPerSecond)).ToArray(),
            policy.CheckPeers,
            policy.AllowedPeers.Select(Peer).ToArray(),
            [.. policy.FirewallRules],
            policy.FirewallDropsAnomaly,
            policy.FirewallDropsHigh,
            policy.HeapAnomalyFraction,
            policy.HeapHighFraction,
            notes is null ? [] : [.. notes]);
        return JsonSerializer.Serialize(doc, Options);
    }

    /// <summary>Reads and validates a policy.</summary>
    /// <exception cref="InvalidDataException">Not a valid policy document (the message names the field).</exception>
    public static DetectionPolicy Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Document doc;
        try
        {
            doc = JsonSerializer.Deserialize<Document>(json, Options) ?? throw new InvalidDataException("The policy document is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Not a policy document: {e.Message}", e);
        }

        var required = DetectorFlags.None;
        foreach (var name in doc.RequiredDetectors)
        {
            required |= Detectors.InOrder.FirstOrDefault(d => d.ToString() == name) is var d && d != DetectorFlags.None
                ? d
                : throw new InvalidDataException($"requiredDetectors: '{name}' is not a detector class ({string.Join(", ", Detectors.InOrder)}).");
        }

        var policy = new DetectionPolicy
        {
            PolicyVersion = doc.PolicyVersion,
            RequiredDetectors = required,
            ScanPeriod = Seconds(doc.ScanPeriodSeconds, "scanPeriodSeconds"),
            LatchHoldTime = Seconds(doc.LatchHoldSeconds, "latchHoldSeconds"),
            CleanScansToClear = doc.CleanScansToClear,
            ReportUnexpectedProcesses = doc.ReportUnexpectedProcesses,
            ExpectedProcesses = doc.ExpectedProcesses.Select(p => new ExpectedProcess(p.Name, p.ExecutablePath, p.User, p.Uid, p.MayBePrivileged, p.CpuMin, p.CpuMax,
                p.RequireNoNewPrivileges, p.MinimumSeccompMode, p.MayMapWritableExecutable)).ToList(),
            ToleratedProcesses = doc.ToleratedProcesses,
            AllowedIpc = doc.AllowedIpc.Select(r => new PolicyRule(r.Process, r.Subject)).ToList(),
            AllowedCapabilities = doc.AllowedCapabilities.Select(r => new PolicyRule(r.Process, r.Subject)).ToList(),
            Throughput = doc.Throughput.Select(b => new ThroughputBand(b.Interface, b.AnomalyBytesPerSecond, b.HighAnomalyBytesPerSecond)).ToList(),
            CheckPeers = doc.CheckPeers,
            AllowedPeers = doc.AllowedPeers.Select(ParsePeer).ToList(),
            FirewallRules = doc.FirewallRules,
            FirewallDropsAnomaly = doc.FirewallDropsAnomaly,
            FirewallDropsHigh = doc.FirewallDropsHigh,
            HeapAnomalyFraction = doc.HeapAnomalyFraction,
            HeapHighFraction = doc.HeapHighFraction,
        };
        try
        {
            policy.Validate();
            _ = PolicyCodec.Encode(policy);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException(e.Message, e);
        }

        return policy;
    }

    /// <summary>The reviewer's notes of a document (empty when it has none).</summary>
    /// <exception cref="InvalidDataException">Not a valid policy document.</exception>
    public static IReadOnlyList<string> Notes(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Document>(json, Options)?.Notes ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Not a policy document: {e.Message}", e);
        }
    }

    private static string Peer(AllowedPeer p) => p.Port == 0
        ? $"{p.Network}/{p.PrefixLength}"
        : string.Create(CultureInfo.InvariantCulture, $"{p.Network}/{p.PrefixLength} port {p.Port}");

    private static AllowedPeer ParsePeer(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var cidr = parts.Length > 0 ? parts[0].Split('/') : [];
        var port = 0;
        if ((parts.Length == 1 || parts.Length == 3 && parts[1] == "port" && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535)
            && cidr.Length == 2 && IPAddress.TryParse(cidr[0], out var address) && int.TryParse(cidr[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            && prefix <= address.GetAddressBytes().Length * 8)
        {
            // Bits set past the prefix would make a rule that does not say what the reviewer read (.NET 10's
            // IPNetwork masks them silently, so compare).
            if (new IPNetwork(address, prefix).BaseAddress.Equals(address))
            {
                return new AllowedPeer(address, prefix, port);
            }
        }

        throw new InvalidDataException($"allowedPeers: '{text}' is not \"ADDRESS/PREFIX\" or \"ADDRESS/PREFIX port N\" (with no host bits set past the prefix).");
    }

    private static TimeSpan Seconds(double seconds, string field) =>
        double.IsFinite(seconds) && seconds is >= 0 and <= 30 * 86400 ? TimeSpan.FromSeconds(seconds) : throw new InvalidDataException($"{field}: {seconds} is not 0 to 30 days in seconds.");

    private sealed record Document(
        uint PolicyVersion,
        string[] RequiredDetectors,
        double ScanPeriodSeconds,
        double LatchHoldSeconds,
        int CleanScansToClear,
        bool ReportUnexpectedProcesses,
        Process[] ExpectedProcesses,
        string[] ToleratedProcesses,
        Rule[] AllowedIpc,
        Rule[] AllowedCapabilities,
        Band[] Throughput,
        bool CheckPeers,
        string[] AllowedPeers,
        string[] FirewallRules,
        int FirewallDropsAnomaly,
        int FirewallDropsHigh,
        double HeapAnomalyFraction,
        double HeapHighFraction,
        string[]? Notes = null);

    private sealed record Process(string Name, string ExecutablePath, string User, int Uid, bool MayBePrivileged, double CpuMin, double CpuMax,
        bool RequireNoNewPrivileges, int MinimumSeccompMode, bool MayMapWritableExecutable);

    private sealed record Rule(string Process, string Subject);

    private sealed record Band(string Interface, double AnomalyBytesPerSecond, double HighAnomalyBytesPerSecond);
}
