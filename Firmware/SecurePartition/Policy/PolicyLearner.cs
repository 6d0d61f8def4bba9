using System.Globalization;
using System.Net;
using Firmware.SecurePartition.Detection;
using Hardware;
using Hardware.Network;
using Hardware.Processes;
using V2x.Integrity;

namespace Firmware.SecurePartition.Policy;

/// <summary>
/// Learns a candidate detection policy from a known-good system (`Firmware learn`): each
/// <see cref="Sample"/> reads the board's process table (names, executables, users, effective
/// capabilities, NoNewPrivs, Seccomp, CPU), mappings, peers, interface counters and firewall rule
/// counters; <see cref="Candidate"/> turns what was seen into rules with margins (<see cref="PolicyLearnerOptions"/>):
/// <list type="bullet">
/// <item>user-space processes seen in every sample are expected (executable and user when they did not
/// change, privileged when any instance was, CPU up to the largest use seen times the margin, no_new_privs
/// and the seccomp mode every instance had, W+X only when one was seen); those seen in some samples
/// are tolerated; kernel threads are left out;</item>
/// <item>the effective capabilities each process name held become its allowed capabilities;</item>
/// <item>peers: a remote port below the ephemeral range is a service the system talks to (address and
/// port), one inside it is a client talking to this system (address, any port); loopback is one rule;</item>
/// <item>throughput per interface: x is the largest rate seen times the margin (at least the floor),
/// y is x times the high factor; firewall rules with a counter are listed as the rules to rate;</item>
/// <item>every detector class the board can feed is required.</item>
/// </list>
/// The candidate is a proposal for the OEM to review (its notes say what to look at) and sign with
/// `Firmware policy sign`; nothing here signs or installs it.
/// </summary>
public sealed class PolicyLearner
{
    private readonly BoardCapabilities _board;
    private readonly PolicyLearnerOptions _options;
    private readonly Dictionary<string, Seen> _processes = new(StringComparer.Ordinal);
    private readonly HashSet<AllowedPeer> _peers = [];
    private readonly Dictionary<string, double> _rates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InterfaceCounters> _lastCounters = new(StringComparer.Ordinal);
    private readonly HashSet<string> _firewallRules = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];
    private ProcessSnapshot? _lastSnapshot;
    private double _heapUsed;

    /// <summary>Observes <paramref name="board"/>.</summary>
    public PolicyLearner(BoardCapabilities board, PolicyLearnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(board);
        _board = board;
        _options = options ?? new PolicyLearnerOptions();
        _options.Validate();
    }

    /// <summary>Samples taken so far.</summary>
    public int Samples { get; private set; }

    /// <summary>Takes one observation.</summary>
    /// <exception cref="InvalidOperationException">The board has no process table: there is nothing to learn from.</exception>
    public void Sample()
    {
        var snapshot = _board.Processes?.Capture() ?? throw new InvalidOperationException("The board has no process table: nothing to learn from.");
        Samples++;
        var cpu = _lastSnapshot is { } before && snapshot.Time > before.Time ? snapshot.CpuUseSince(before) : new Dictionary<int, double>();
        foreach (var p in snapshot.Processes.Where(p => !p.IsKernelThread && p.State != ProcessState.Zombie && _options.Include(p)))
        {
            if (!_processes.TryGetValue(p.Name, out var seen))
            {
                _processes[p.Name] = seen = new Seen(p);
            }

            seen.Add(p, Samples, cpu.TryGetValue(p.Pid, out var use) ? use : null, WritableExecutable(p));
        }

        _lastSnapshot = snapshot;
        Read("peers", () =>
        {
            foreach (var peer in _board.NetworkPeers?.Read() ?? [])
            {
                _peers.Add(PeerRule(peer.Remote));
            }
        });
        Read("interface counters", () =>
        {
            foreach (var now in _board.NetworkCounters?.Read() ?? [])
            {
                if (_lastCounters.TryGetValue(now.Interface, out var earlier) && now.Time > earlier.Time)
                {
                    _rates[now.Interface] = Math.Max(_rates.GetValueOrDefault(now.Interface), now.BytesPerSecondSince(earlier));
                }

                _lastCounters[now.Interface] = now;
            }
        });
        Read("firewall counters", () => _firewallRules.UnionWith((_board.FirewallCounters?.Read() ?? []).Select(c => c.Rule)));
        Read("memory statistics", () => _heapUsed = Math.Max(_heapUsed, _board.Memory?.Read().UsedFraction ?? 0));
    }

    /// <summary>The candidate policy and the notes for its reviewer.</summary>
    /// <exception cref="InvalidOperationException">No sample was taken.</exception>
    public (DetectionPolicy Policy, IReadOnlyList<string> Notes) Candidate(uint policyVersion = 1)
    {
        if (Samples == 0)
        {
            throw new InvalidOperationException("Take at least one sample first.");
        }

        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Learned from {Samples} samples of a system assumed known-good; review every entry before signing."),
        };
        notes.AddRange(_problems);
        var expected = new List<ExpectedProcess>();
        var tolerated = new List<string>();
        var capabilities = new List<PolicyRule>();
        foreach (var (name, s) in _processes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (s.SampleCount < Samples)
            {
                tolerated.Add(name);
                continue;
            }

            var cpuMax = Math.Min(64, Math.Max(_options.CpuFloor, s.CpuMax * _options.CpuMargin));
            expected.Add(new ExpectedProcess(name, s.Executable ?? "", s.User, s.Uid, s.Privileged, 0, cpuMax,
                RequireNoNewPrivileges: s.NoNewPrivileges == true, MinimumSeccompMode: s.SeccompMin ?? 0, MayMapWritableExecutable: s.WritableExecutable));
            capabilities.AddRange(LinuxCapabilityNames.Of(s.Capabilities).Select(c => new PolicyRule(name, c)));
            if (s.WritableExecutable)
            {
                notes.Add($"{name} held writable-and-executable memory while learning: W+X is allowed for it; confirm it is a JIT that needs it.");
            }

            if (s.Executable is null)
            {
                notes.Add($"{name} ran from more than one executable (or one that could not be read): no executable is pinned for it.");
            }

            if (s.UidChanged)
            {
                notes.Add($"{name} ran under more than one user: the first seen ({s.User}, {s.Uid}) is expected.");
            }
        }

        if (tolerated.Count > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{tolerated.Count} processes ran in only some samples and are tolerated, not expected: {string.Join(", ", tolerated.Take(20))}{(tolerated.Count > 20 ? ", ..." : "")}."));
        }

        var bands = _rates.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
        {
            var x = Math.Max(_options.ThroughputFloorBytesPerSecond, kv.Value * _options.ThroughputMargin);
            return new ThroughputBand(kv.Key, x, x * _options.ThroughputHighFactor);
        }).ToList();
        if (_rates.Count == 0)
        {
            notes.Add("No interface rate was measured (one sample, or no counters): no throughput bands.");
        }

        var required = Detectors.All;
        if (_board.Flash is null)
        {
            required &= ~DetectorFlags.IntegrityCheck;
            notes.Add("The board has no images to measure: the integrity check is not required.");
        }

        if (_board.Tamper is null)
        {
            required &= ~DetectorFlags.HsmTamper;
            notes.Add("The board has no tamper sensor (no PKCS#11 token): HSM tamper is not required.");
        }

        if (_board.Reset is null)
        {
            notes.Add("The board has no crash log (process events need CAP_NET_ADMIN): the crash detector sees restarts only.");
        }

        var heapAnomaly = Math.Min(0.95, Math.Max(0.75, _heapUsed + 0.1));
        var policy = new DetectionPolicy
        {
            PolicyVersion = policyVersion,
            RequiredDetectors = required,
            ScanPeriod = _options.ScanPeriod,
            LatchHoldTime = TimeSpan.FromSeconds(60),
            CleanScansToClear = 3,
            ReportUnexpectedProcesses = true,
            ExpectedProcesses = expected,
            ToleratedProcesses = tolerated,
            AllowedIpc = [],
            AllowedCapabilities = capabilities,
            Throughput = bands,
            CheckPeers = _board.NetworkPeers is not null,
            AllowedPeers = _peers.OrderBy(p => p.Network.ToString(), StringComparer.Ordinal).ThenBy(p => p.Port).ToList(),
            FirewallRules = _firewallRules.Order(StringComparer.Ordinal).ToList(),
            FirewallDropsAnomaly = 10,
            FirewallDropsHigh = 100,
            HeapAnomalyFraction = heapAnomaly,
            HeapHighFraction = Math.Min(1, Math.Max(0.9, heapAnomaly + 0.05)),
        };
        if (policy.FirewallRules.Count > 0)
        {
            notes.Add($"Firewall rules with a counter: {string.Join(", ", policy.FirewallRules)}; keep only drop rules.");
        }

        policy.Validate();
        return (policy, notes);
    }

    // The rule that allows a peer: a service port (below the ephemeral range) with its port, a client from
    // an ephemeral port with any port; loopback as one network per family.
    private AllowedPeer PeerRule(IPEndPoint remote)
    {
        var address = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        if (IPAddress.IsLoopback(address))
        {
            return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? new AllowedPeer(IPAddress.Parse("127.0.0.0"), 8, 0) : new AllowedPeer(IPAddress.IPv6Loopback, 128, 0);
        }

        var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        return new AllowedPeer(address, host, remote.Port >= _options.EphemeralPortsFrom ? 0 : remote.Port);
    }

    private bool WritableExecutable(ProcessInfo p)
    {
        try
        {
            return _board.MemoryMappings?.Read(p.Pid)?.Any(m => m.IsWritableAndExecutable) ?? false;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    private void Read(string what, Action read)
    {
        try
        {
            read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            var note = $"Reading {what} failed: {e.Message}";
            if (!_problems.Contains(note))
            {
                _problems.Add(note);
            }
        }
    }

    private sealed class Seen(ProcessInfo first)
    {
        private int _lastSample;

        public int SampleCount { get; private set; }

        public string? Executable { get; private set; } = first.ExecutablePath.Length > 0 ? first.ExecutablePath : null;

        public string User { get; } = first.User;

        public int Uid { get; } = first.Uid;

        public bool UidChanged { get; private set; }

        public bool Privileged { get; private set; }

        public ulong Capabilities { get; private set; }

        public bool? NoNewPrivileges { get; private set; } = first.NoNewPrivileges;

        public int? SeccompMin { get; private set; } = first.SeccompMode;

        public bool WritableExecutable { get; private set; }

        public double CpuMax { get; private set; }

        public void Add(ProcessInfo p, int sample, double? cpu, bool writableExecutable)
        {
            if (_lastSample != sample)
            {
                _lastSample = sample;
                SampleCount++;
            }

            if (Executable is not null && p.ExecutablePath != Executable)
            {
                Executable = null;
            }

            UidChanged |= p.Uid != Uid;
            Privileged |= p.IsPrivileged;
            Capabilities |= p.EffectiveCapabilities;
            NoNewPrivileges = NoNewPrivileges == true && p.NoNewPrivileges == true;
            SeccompMin = SeccompMin is { } m && p.SeccompMode is { } n ? Math.Min(m, n) : null;
            WritableExecutable |= writableExecutable;
            CpuMax = Math.Max(CpuMax, cpu ?? 0);
        }
    }
}
