using Hardware.Inventory;

namespace Hardware.Linux;

/// <summary>
/// Hardware inventory from /proc/cpuinfo and sysfs (PCI devices: vendor, device, revision,
/// class; network interfaces: MAC address and driver) and software inventory (kernel release,
/// distribution from /etc/os-release, .NET runtime, and the image files the board is told about).
/// </summary>
public sealed class LinuxInventory : IHardwareInventory, ISoftwareInventory
{
    private readonly string _procRoot;
    private readonly string _sysRoot;
    private readonly string _osReleasePath;
    private readonly IReadOnlyDictionary<string, string> _imageFiles;

    /// <summary>Creates the inventory; <paramref name="imageFiles"/> maps component names to files (hash source "file:PATH").</summary>
    public LinuxInventory(string procRoot = "/proc", string sysRoot = "/sys", string osReleasePath = "/etc/os-release",
        IReadOnlyDictionary<string, string>? imageFiles = null)
    {
        _procRoot = procRoot;
        _sysRoot = sysRoot;
        _osReleasePath = osReleasePath;
        _imageFiles = imageFiles ?? new Dictionary<string, string>();
    }

    /// <inheritdoc />
    IReadOnlyList<HardwareDevice> IHardwareInventory.Read()
    {
        var devices = new List<HardwareDevice>();
        var cpu = Read(Path.Combine(_procRoot, "cpuinfo"))?.Split('\n')
            .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        devices.Add(new HardwareDevice("cpu0", "cpu", "", cpu ?? "unknown", Environment.ProcessorCount + " cores"));

        var pci = Path.Combine(_sysRoot, "bus", "pci", "devices");
        if (Directory.Exists(pci))
        {
            foreach (var dir in Directory.EnumerateDirectories(pci).Order(StringComparer.Ordinal))
            {
                devices.Add(new HardwareDevice(
                    "pci:" + Path.GetFileName(dir),
                    "pci-class-" + (Read(Path.Combine(dir, "class"))?.Trim() ?? "?"),
                    Read(Path.Combine(dir, "vendor"))?.Trim() ?? "?",
                    Read(Path.Combine(dir, "device"))?.Trim() ?? "?",
                    Read(Path.Combine(dir, "revision"))?.Trim() ?? "?"));
            }
        }

        var net = Path.Combine(_sysRoot, "class", "net");
        if (Directory.Exists(net))
        {
            foreach (var dir in Directory.EnumerateDirectories(net).Order(StringComparer.Ordinal))
            {
                string driver;
                try
                {
                    driver = Path.GetFileName(new DirectoryInfo(Path.Combine(dir, "device", "driver")).LinkTarget ?? "virtual");
                }
                catch (IOException)
                {
                    driver = "virtual";
                }

                devices.Add(new HardwareDevice("net:" + Path.GetFileName(dir), "net", driver, Read(Path.Combine(dir, "address"))?.Trim() ?? "?", ""));
            }
        }

        return devices;
    }

    /// <inheritdoc />
    IReadOnlyList<SoftwareComponent> ISoftwareInventory.Read()
    {
        var list = new List<SoftwareComponent>
        {
            new("linux", Read(Path.Combine(_procRoot, "sys", "kernel", "osrelease"))?.Trim() ?? "unknown", "file:/proc/version"),
            new(".NET", Environment.Version.ToString(), "file:" + typeof(object).Assembly.Location),
        };
        var osRelease = Read(_osReleasePath);
        if (osRelease is not null)
        {
            var fields = osRelease.Split('\n').Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1].Trim('"'), StringComparer.Ordinal);
            list.Add(new SoftwareComponent(fields.GetValueOrDefault("ID", "os"), fields.GetValueOrDefault("VERSION_ID", "unknown"), "file:" + _osReleasePath));
        }

        foreach (var (name, path) in _imageFiles)
        {
            list.Add(new SoftwareComponent(name, File.Exists(path) ? File.GetLastWriteTimeUtc(path).ToString("O", System.Globalization.CultureInfo.InvariantCulture) : "missing", "file:" + path));
        }

        return list;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
