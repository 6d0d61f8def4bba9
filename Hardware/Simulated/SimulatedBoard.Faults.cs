using System.Net;
using Hardware.Boards;
using Hardware.Flash;
using Hardware.Inventory;
using Hardware.Memory;
using Hardware.Network;
using Hardware.Policy;
using Hardware.Reset;
using Hardware.Security;

namespace Hardware.Simulated;

public sealed partial class SimulatedBoard
{
    /// <summary>Overwrites bytes of an image partition (a tampered image).</summary>
    public void OverwriteImageBytes(string label, long offsetBytes, ReadOnlySpan<byte> bytes) => FlashImage.Write(label, offsetBytes, bytes);

    /// <summary>Flashes a reference image of another version (an update, or with a lower secure version a rollback).</summary>
    public FirmwareImageHeader FlashImageVersion(string label, string version, uint secureVersion) =>
        ReferenceImages.Write(FlashImage, label, version, secureVersion);

    /// <summary>Rolls an image back to an older reference version (secure version below the current one).</summary>
    public FirmwareImageHeader RollBackImage(string label, string olderVersion = "0.9.0", uint olderSecureVersion = 0) =>
        FlashImageVersion(label, olderVersion, olderSecureVersion);

    /// <summary>Starts a process nobody expects (a rogue process); returns its pid.</summary>
    public int StartRogueProcess(string name = "miner", string path = "/tmp/.x/miner", string user = "root", int uid = 0, double cpuUse = 0.9) =>
        Processes.Start(name, path, user, uid, uid == 0 ? 0x1FF_FFFF_FFFFUL : 0, cpuUse);

    /// <summary>Kills an expected process by name; returns false when it was not running.</summary>
    public bool KillProcess(string name) => Processes.PidOf(name) is { } pid && Processes.Kill(pid);

    /// <summary>Changes a process's user (wrong privilege).</summary>
    public void ChangeProcessUser(string name, string user, int uid) => Processes.SetUser(RequirePid(name), user, uid);

    /// <summary>Changes a process's effective capabilities.</summary>
    public void ChangeProcessCapabilities(string name, ulong capabilities) => Processes.SetCapabilities(RequirePid(name), capabilities);

    /// <summary>Sets a process's CPU use from now on (fraction of one core).</summary>
    public void SetCpuUse(string name, double cpuUse) => Processes.SetCpuUse(RequirePid(name), cpuUse);

    /// <summary>Counts traffic on an interface.</summary>
    public void PushTraffic(string networkInterface, ulong rxBytes, ulong txBytes) => Network.PushTraffic(networkInterface, rxBytes, txBytes);

    /// <summary>Adds a current peer (a TCP connection to the remote endpoint).</summary>
    public void AddPeer(IPEndPoint remote, TransportProtocol protocol = TransportProtocol.Tcp) =>
        Network.AddPeer(new NetworkPeer(protocol, new IPEndPoint(IPAddress.Parse("192.0.2.10"), 40000), remote, "ESTABLISHED", 1000));

    /// <summary>Logs firewall drops from a source.</summary>
    public void AddFirewallDrops(int count, IPEndPoint source, string networkInterface = "eth0")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var i = 0; i < count; i++)
        {
            Network.AddFirewallDrop(networkInterface, TransportProtocol.Tcp, source, new IPEndPoint(IPAddress.Parse("192.0.2.10"), 22), "default-deny");
        }
    }

    /// <summary>Records an IPC attachment by a process.</summary>
    public SecurityPolicyEvent AttachIpc(string process, string channel) =>
        SecurityPolicy.Record(SecurityPolicyEventKind.IpcAttachment, Processes.PidOf(process) ?? 0, process, channel);

    /// <summary>Records a privileged capability use by a process (for example CAP_SYS_RAWIO, CAP_SETUID).</summary>
    public SecurityPolicyEvent UseCapability(string process, string capability) =>
        SecurityPolicy.Record(SecurityPolicyEventKind.CapabilityUse, Processes.PidOf(process) ?? 0, process, capability);

    /// <summary>Sets the heap in use.</summary>
    public void SetHeapUsed(long bytes) => Memory.SetHeapUsed(bytes);

    /// <summary>Raises a memory fault in a task.</summary>
    public MemoryFault RaiseMemoryFault(MemoryFaultKind kind, string task, ulong? address = null) =>
        Memory.RaiseFault(kind, task, Processes.PidOf(task), address);

    /// <summary>Raises a tamper event (latched, persisted).</summary>
    public TamperEvent RaiseTamper(string source = "enclosure") => Tamper.Raise(source);

    /// <summary>Crashes: records a crash log entry and the reset reason the next boot reports, and kills the task's process.</summary>
    public CrashLogEntry Crash(string task, ResetReason reason, string detail = "")
    {
        var entry = Reset.RecordCrash(task, reason, detail);
        KillProcess(task);
        return entry;
    }

    /// <summary>Attaches new hardware (persisted).</summary>
    public void AttachHardware(HardwareDevice device) => Inventory.Attach(device);

    /// <summary>Installs or updates an application (persisted).</summary>
    public void InstallApplication(string name, string version) =>
        Inventory.Install(new SoftwareComponent(name, version, "file:/app/" + name));

    private int RequirePid(string name) => Processes.PidOf(name) ?? throw new ArgumentException($"No process '{name}'.", nameof(name));
}
