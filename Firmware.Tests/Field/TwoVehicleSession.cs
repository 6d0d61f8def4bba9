using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Firmware.Application.Recording;
using Hardware.Security;
using Pki.Authorities;
using Pki.Service;
using Pki.Store;
using PkiProtocol.Audit;
using Testing;
using Testing.Netns;

namespace Firmware.Tests.Field;

/// <summary>
/// Two OBU processes (`Firmware obu`) in two network namespaces joined by a veth pair, each on the AF_PACKET radio
/// (Radio:Kind Packet) over its end. The bench PKI runs in the test process on loopback; each namespace reaches it
/// through a forwarder on its own 127.0.0.1 (no address outside loopback). Keys are in the SoftHSM2 token: the
/// canonical key is generated there at "manufacture" and registered at the EA, so each OBU enrols and gets its ticket
/// (IDF assurance 5) at start. obu-a reads its vehicle's CAN from a candump log through Hardware/Can/obu.dbc (Can:Kind
/// Candump, Can:Dbc): its driver brakes hard 5 s into the log, which triggers its EEBL DENM; obu-b triggers one on the
/// bench timer (Eebl:TriggerAtSeconds). Both record their drive; tshark captures the veth inside the first namespace.
/// Runs once per test class.
/// </summary>
public sealed class TwoVehicleSession : IAsyncLifetime
{
    private const int RunSeconds = 14;
    private readonly string _dir = TestInfra.NewTempDirectory("fk-field");

    public string Capture => Path.Combine(_dir, "veth.pcap");

    public Dictionary<string, List<DecisionRecord>> Decisions { get; } = [];

    public Dictionary<string, List<CanRecord>> CanSignals { get; } = [];

    public Dictionary<string, List<SentRecord>> Sent { get; } = [];

    public Dictionary<string, (int Code, string Output)> Exits { get; } = [];

    public async Task InitializeAsync()
    {
        HostCommand.Require("ip", "iproute2");
        using var veth = VethPair.CreateAcrossNamespaces();
        using var pki = BenchPki.Init(Path.Combine(_dir, "pki"), new PkiOptions { Name = "field-test" }, TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        pki.Audit.Assess("nanoFramework", "IntegrityGuard", VersionRange.Parse("1.0..1.9"), 5, now.AddDays(-1), now.AddYears(1), "field test");
        var service = PkiService.Build(pki, port: 0, tlsCertificate: null);
        await service.StartAsync();
        var root = Path.Combine(_dir, "root.cert");
        await File.WriteAllBytesAsync(root, pki.RootCertificate.Encoded.ToArray());
        var pkiEndpoint = new IPEndPoint(IPAddress.Loopback, PkiService.BoundAddress(service).Port);
        var prefix = veth.A[..8] + "-";
        using var token = new Pkcs11KeyStore(new Pkcs11KeyStoreOptions { ModulePath = TestInfra.Pkcs11Library, TokenLabel = TestInfra.TokenLabel, UserPin = TestInfra.TokenPin });
        try
        {
            await using var forwardA = NamespaceTcpForwarder.Start(veth.NamespaceA!, pkiEndpoint);
            await using var forwardB = NamespaceTcpForwarder.Start(veth.NamespaceB!, pkiEndpoint);
            var a = await PrepareAsync("obu-a", prefix + "a-", veth.NamespaceA!, veth.A, forwardA.Port, root, pki, token, brakeFromCan: true);
            var b = await PrepareAsync("obu-b", prefix + "b-", veth.NamespaceB!, veth.B, forwardB.Port, root, pki, token, brakeFromCan: false);
            using var tshark = StartCapture(veth);
            var runs = new[] { RunAsync("obu-a", a), RunAsync("obu-b", b) };
            await Task.WhenAll(runs);
            HostCommand.Run("kill", ["-INT", tshark.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await tshark.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            foreach (var name in new[] { "obu-a", "obu-b" })
            {
                Decisions[name] = Read<DecisionRecord>(name, RecordingFiles.Decisions);
                CanSignals[name] = Read<CanRecord>(name, RecordingFiles.Can);
                Sent[name] = Read<SentRecord>(name, RecordingFiles.Sent);
            }
        }
        finally
        {
            foreach (var label in token.List().Where(l => l.StartsWith(prefix, StringComparison.Ordinal)))
            {
                token.Delete(label);
            }

            await service.StopAsync();
            await service.DisposeAsync();
        }
    }

    private List<T> Read<T>(string node, string file)
    {
        var path = Path.Combine(_dir, node, "recording", file);
        return File.Exists(path) ? File.ReadAllLines(path).Select(l => JsonSerializer.Deserialize<T>(l, RecordingFiles.Json)!).ToList() : [];
    }

    // The driver of obu-a: cruising at 50 km/h, then 5 s in the brake pedal pressed at -5.00 m/s² for a second
    // (VEHICLE_DYNAMICS 0x1A0 of obu.dbc: speed 88 13, pedal bit 16, acceleration 0C FE), then released.
    private static string[] HardBrakingLog()
    {
        var lines = new List<string>();
        for (var i = 0; i <= 80; i++)
        {
            var seconds = i * 0.1;
            var data = seconds is >= 5.0 and < 6.0 ? "8813010CFE000000" : "8813000000000000";
            lines.Add(FormattableString.Invariant($"({1_760_000_000 + seconds:F6}) can0 1A0#{data}"));
        }

        return [.. lines];
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    private static string[] Candump(string folder)
    {
        var log = Path.Combine(folder, "vehicle.log");
        File.WriteAllLines(log, HardBrakingLog());
        return ["--Can:Kind", "Candump", "--Can:Log", log, "--Can:Dbc", Path.Combine(TestInfra.RepoRoot, "Hardware", "Can", "obu.dbc")];
    }

    private async Task<string[]> PrepareAsync(string name, string labelPrefix, string netns, string iface, int pkiPort, string root, BenchPki pki, Pkcs11KeyStore token,
        bool brakeFromCan)
    {
        var folder = Path.Combine(_dir, name);
        Directory.CreateDirectory(folder);
        var flash = Path.Combine(folder, "obu.bin");
        using var sink = new StringWriter();
        Assert.Equal(0, await global::Firmware.Host.FirmwareCli.RunAsync(["oem", "init", "--dir", Path.Combine(folder, "oem")], sink, sink, CancellationToken.None));
        Assert.Equal(0, await global::Firmware.Host.FirmwareCli.RunAsync(["flash", "--flash", flash, "--oem-dir", Path.Combine(folder, "oem"), "--create"], sink, sink, CancellationToken.None));

        // Manufacture: the canonical key is made in the token and the EA learns it with the station's IDF implementation.
        var canonical = token.Generate(labelPrefix + "canonical");
        pki.Ea.RegisterStation(new StationRecord
        {
            StationId = name,
            CanonicalKey = Firmware.SecurePartition.Boot.BootRom.DecodeKey(canonical),
            Vendor = "Field Motors",
            Product = "Test Car",
            Idf = new IdfImplementation("nanoFramework", "IntegrityGuard", "1.0"),
            AssuranceLevel = 2,
        });
        return ["ip", "netns", "exec", netns, "dotnet", TestInfra.ProjectExecutable("Firmware"), "obu", "--flash", flash, "--root", root,
            "--pki", $"http://127.0.0.1:{pkiPort}/", "--station", name, "--name", name, "--keystore", "Pkcs11",
            "--KeyStore:Module", TestInfra.Pkcs11Library, "--KeyStore:Token", TestInfra.TokenLabel, "--KeyStore:Pin", TestInfra.TokenPin,
            "--key-prefix", labelPrefix, "--radio", "Packet", "--radio-interface", iface, "--record", Path.Combine(folder, "recording"),
            "--Pki:Tickets", "1", "--Pseudonym:PeriodSeconds", "0", "--run-seconds", RunSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. brakeFromCan ? Candump(folder) : ["--Eebl:TriggerAtSeconds", "5"]];
    }

    private async Task RunAsync(string name, string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in command[1..])
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + name);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        lock (Exits)
        {
            Exits[name] = (process.ExitCode, (output.Result + error.Result)[^Math.Min(4000, (output.Result + error.Result).Length)..]);
        }
    }

    // tshark inside the first namespace, on its end of the veth; it reports "Capturing on" once it is.
    private Process StartCapture(VethPair veth)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "netns", "exec", veth.NamespaceA!, TestInfra.Tshark, "-i", veth.A, "-f", "ether proto 0x8947", "-w", Capture, "-q" })
        {
            start.ArgumentList.Add(a);
        }

        // The capture filter keeps the V2X frames (IPv6 neighbour discovery also crosses the veth).
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start tshark");
        while (process.StandardError.ReadLine() is { } line)
        {
            if (line.Contains("Capturing on", StringComparison.Ordinal))
            {
                _ = process.StandardError.ReadToEndAsync();
                return process;
            }
        }

        throw new InvalidOperationException("tshark ended before capturing on " + veth.A);
    }
}
