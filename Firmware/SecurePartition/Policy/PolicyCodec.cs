using System.Net;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Encoding;
using Hardware.Storage;
using V2x.Integrity;

namespace Firmware.SecurePartition.Policy;

/// <summary>
/// Encodes the detection policy body and loads the signed policy from the durable store.
/// Body layout (big-endian, <see cref="ByteWriter"/> conventions):
/// <code>
/// u8 format (3) | u32 policy version | u16 required detectors | u32 scan period ms
/// | u32 latch hold s | u16 clean scans to clear | bool report unexpected processes
/// | list expected process { text name, text path, text user, i32 uid, bool may be privileged, f64 cpu min, f64 cpu max,
///                          bool require no new privileges, u8 minimum seccomp mode, bool may map writable-executable }
/// | list text tolerated process
/// | list ipc rule { text process, text channel } | list capability rule { text process, text capability }
/// | list band { text interface, f64 x, f64 y } | bool check peers
/// | list peer { bytes address (4 or 16), u8 prefix, u16 port }
/// | u32 firewall anomaly | u32 firewall high | f64 heap anomaly | f64 heap high
/// | list text firewall rule
/// | u8 sending option (1, 2, 3) | list u64 safety-critical PSID
/// </code>
/// Older formats are not read: format 1 lacked the Linux process hardening fields, the firewall rules and the
/// sending option, format 2 had one or the other. A stored policy that does not decode is refused, and the
/// partition runs the strict fail-closed policy, whose sending option (2) always includes the report: replaying
/// an older signed policy can never leave a report out.
/// </summary>
public static class PolicyCodec
{
    /// <summary>Body format.</summary>
    public const byte Format = 3;

    /// <summary>Most entries of each list (processes, rules, bands, peers).</summary>
    public const int MaxItems = 4096;

    /// <summary>Encodes a policy body.</summary>
    public static byte[] Encode(DetectionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        var w = new ByteWriter(1024);
        w.U8(Format).U32(policy.PolicyVersion).U16((ushort)policy.RequiredDetectors)
            .U32((uint)policy.ScanPeriod.TotalMilliseconds).U32((uint)policy.LatchHoldTime.TotalSeconds)
            .U16((ushort)policy.CleanScansToClear).Bool(policy.ReportUnexpectedProcesses);
        w.List(policy.ExpectedProcesses.ToList(), static (w, p) =>
            w.Text(p.Name).Text(p.ExecutablePath).Text(p.User).I32(p.Uid).Bool(p.MayBePrivileged).F64(p.CpuMin).F64(p.CpuMax)
                .Bool(p.RequireNoNewPrivileges).U8((byte)p.MinimumSeccompMode).Bool(p.MayMapWritableExecutable));
        w.List(policy.ToleratedProcesses.ToList(), static (w, t) => w.Text(t));
        w.List(policy.AllowedIpc.ToList(), static (w, r) => w.Text(r.Process).Text(r.Subject));
        w.List(policy.AllowedCapabilities.ToList(), static (w, r) => w.Text(r.Process).Text(r.Subject));
        w.List(policy.Throughput.ToList(), static (w, b) => w.Text(b.Interface).F64(b.AnomalyBytesPerSecond).F64(b.HighAnomalyBytesPerSecond));
        w.Bool(policy.CheckPeers);
        w.List(policy.AllowedPeers.ToList(), static (w, p) => w.Bytes(p.Network.GetAddressBytes()).U8((byte)p.PrefixLength).U16((ushort)p.Port));
        w.U32((uint)policy.FirewallDropsAnomaly).U32((uint)policy.FirewallDropsHigh).F64(policy.HeapAnomalyFraction).F64(policy.HeapHighFraction);
        w.List(policy.FirewallRules.ToList(), static (w, r) => w.Text(r));
        w.U8((byte)policy.SendingOption).List(policy.SafetyCriticalPsids.ToList(), static (w, p) => w.U64(p.Value));
        return w.ToArray();
    }

    /// <summary>Decodes and validates a policy body.</summary>
    /// <exception cref="MalformedDataException">Not a valid policy.</exception>
    public static DetectionPolicy Decode(ReadOnlyMemory<byte> body)
    {
        var r = new ByteReader(body, "DetectionPolicy");
        var format = r.U8("format");
        if (format != Format)
        {
            throw r.Fail("format", 0, $"format is not {Format}");
        }

        var version = r.U32("policyVersion");
        var required = (DetectorFlags)r.U16("requiredDetectors");
        var period = TimeSpan.FromMilliseconds(r.U32("scanPeriodMs"));
        var hold = TimeSpan.FromSeconds(r.U32("latchHoldSeconds"));
        var clean = r.U16("cleanScansToClear");
        var unexpected = r.Bool("reportUnexpectedProcesses");
        var expected = r.List("expectedProcesses", MaxItems, static r => new ExpectedProcess(
            r.Text("name", 64), r.Text("path", 256), r.Text("user", 64), r.I32("uid"), r.Bool("mayBePrivileged"), r.F64("cpuMin"), r.F64("cpuMax"),
            r.Bool("requireNoNewPrivileges"), r.U8("minimumSeccompMode"), r.Bool("mayMapWritableExecutable")));
        var tolerated = r.List("toleratedProcesses", MaxItems, static r => r.Text("name", 64));
        var ipc = r.List("allowedIpc", MaxItems, static r => new PolicyRule(r.Text("process", 64), r.Text("channel", 256)));
        var caps = r.List("allowedCapabilities", MaxItems, static r => new PolicyRule(r.Text("process", 64), r.Text("capability", 64)));
        var bands = r.List("throughput", MaxItems, static r => new ThroughputBand(r.Text("interface", 32), r.F64("x"), r.F64("y")));
        var checkPeers = r.Bool("checkPeers");
        var peers = r.List("allowedPeers", MaxItems, static r =>
        {
            var at = r.Offset;
            var address = r.Bytes("address", 16);
            var prefix = r.U8("prefix");
            var port = r.U16("port");
            if (address.Length is not (4 or 16) || prefix > address.Length * 8)
            {
                throw r.Fail("allowedPeers", at, "address is 4 or 16 bytes with a prefix within it");
            }

            // .NET 10's IPNetwork masks bits past the prefix instead of refusing them: compare.
            var ip = new IPAddress(address);
            if (!new IPNetwork(ip, prefix).BaseAddress.Equals(ip))
            {
                throw r.Fail("allowedPeers", at, "address has bits set past its prefix");
            }

            return new AllowedPeer(ip, prefix, port);
        });
        var policy = new DetectionPolicy
        {
            PolicyVersion = version,
            RequiredDetectors = required,
            ScanPeriod = period,
            LatchHoldTime = hold,
            CleanScansToClear = clean,
            ReportUnexpectedProcesses = unexpected,
            ExpectedProcesses = expected,
            ToleratedProcesses = tolerated,
            AllowedIpc = ipc,
            AllowedCapabilities = caps,
            Throughput = bands,
            CheckPeers = checkPeers,
            AllowedPeers = peers,
            FirewallDropsAnomaly = (int)Math.Min(int.MaxValue, r.U32("firewallAnomaly")),
            FirewallDropsHigh = (int)Math.Min(int.MaxValue, r.U32("firewallHigh")),
            HeapAnomalyFraction = r.F64("heapAnomaly"),
            HeapHighFraction = r.F64("heapHigh"),
            FirewallRules = r.List("firewallRules", MaxItems, static r => r.Text("rule", 128)),
            SendingOption = r.Enum<SendingPolicy>("sendingOption"),
            SafetyCriticalPsids = r.List("safetyCriticalPsids", MaxItems, static r => new V2x.Security.Psid(r.U64("psid"))),
        };

        r.ExpectEnd();
        try
        {
            policy.Validate();
        }
        catch (ArgumentException e)
        {
            throw r.Fail("policy", 0, e.Message);
        }

        return policy;
    }

    /// <summary>Signs a policy with the OEM key (flash tool, tests).</summary>
    public static byte[] Sign(DetectionPolicy policy, V2x.Security.Crypto.ISignatureKey oemKey, DateTimeOffset signedAt) =>
        OemDocument.Sign(OemDocumentKind.Policy, Encode(policy), oemKey, signedAt);

    /// <summary>Loads and verifies the signed policy from the store (fails closed: any problem throws).</summary>
    /// <exception cref="OemDocumentException">Missing, badly signed or malformed.</exception>
    public static (DetectionPolicy Policy, byte[] Signed) Load(IDurableStore store, BootRom rom)
    {
        ArgumentNullException.ThrowIfNull(store);
        var signed = store.Read(MeasuredBoot.PolicyKey) ?? throw new OemDocumentException(OemDocumentError.Missing, "No detection policy is stored.");
        var (body, _) = OemDocument.Open(signed, OemDocumentKind.Policy, rom);
        try
        {
            return (Decode(body), signed);
        }
        catch (MalformedDataException e)
        {
            throw new OemDocumentException(OemDocumentError.BadBody, e.Message, e);
        }
    }
}
