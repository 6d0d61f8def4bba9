using Firmware.Host;
using Firmware.Tests.Application.Support;

namespace Firmware.Tests.Field;

/// <summary>The field settings of `obu` (radio, GNSS, CAN): wrong values are usage errors (exit 2), hardware that is not there a failure (exit 1) with the reason.</summary>
public sealed class FieldSettingsTests : IDisposable
{
    private static readonly TestAuthority Authority = new("field-settings.test");
    private readonly string _dir = Testing.TestInfra.NewTempDirectory("fk-settings");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string[], int, string> Rows => new()
    {
        { "an unknown radio kind", ["--radio", "Carrier-pigeon"], 2, "--radio (Radio:Kind) is Udp or Packet, not 'Carrier-pigeon'" },
        { "a packet radio without an interface", ["--radio", "Packet"], 2, "Radio:Interface is required" },
        { "a packet radio on a missing interface", ["--radio", "Packet", "--radio-interface", "fknone0"], 1, "No network interface fknone0" },
        { "an unknown GNSS source", ["--gnss", "Sextant"], 2, "--gnss (Gnss:Source) is Simulated, Gpsd or Nmea, not 'Sextant'" },
        { "gpsd that is not running", ["--gnss", "Gpsd", "--Gnss:Port", "1"], 1, "Cannot read gpsd at 127.0.0.1:1" },
        { "an NMEA source without a device", ["--gnss", "Nmea"], 2, "Gnss:Device is required" },
        { "an unknown CAN kind", ["--Can:Kind", "Flexray"], 2, "Can:Kind is None, Udp, SocketCan or Candump" },
        { "SocketCAN without an interface", ["--Can:Kind", "SocketCan"], 2, "Can:Interface is required" },
        { "SocketCAN on a missing interface", ["--Can:Kind", "SocketCan", "--Can:Interface", "fkcan0"], 1, "No CAN interface fkcan0" },
        { "SocketCAN on an interface that is not CAN", ["--Can:Kind", "SocketCan", "--Can:Interface", "lo"], 1, "lo is not a CAN interface" },
        { "a candump log that is not one", ["--Can:Kind", "Candump", "--Can:Log", "{dir}/bad.log"], 1, "candump log line 2" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Bad_field_settings_say_what_is_wrong(string name, string[] extra, int expected, string message)
    {
        var oem = Path.Combine(_dir, "oem");
        var flash = Path.Combine(_dir, "obu.bin");
        var root = Path.Combine(_dir, "root.cert");
        using var sink = new StringWriter();
        Assert.Equal(0, await FirmwareCli.RunAsync(["oem", "init", "--dir", oem], sink, sink, CancellationToken.None));
        Assert.Equal(0, await FirmwareCli.RunAsync(["flash", "--flash", flash, "--oem-dir", oem, "--create"], sink, sink, CancellationToken.None));
        await File.WriteAllBytesAsync(root, Authority.Root.Encoded.ToArray());
        using var output = new StringWriter();

        await File.WriteAllTextAsync(Path.Combine(_dir, "bad.log"), "(1700000000.000000) can0 3E0#0101\n(1700000000.1) can0 3E0#0\n");

        var code = await FirmwareCli.RunAsync(["obu", "--flash", flash, "--root", root, "--run-seconds", "1", .. extra.Select(a => a.Replace("{dir}", _dir, StringComparison.Ordinal))],
            output, output, CancellationToken.None);

        Assert.True(expected == code, $"{name}: exit {code}: {output}");
        Assert.Contains(message, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_self_test_passes_in_process()
    {
        using var output = new StringWriter();

        var code = await FirmwareCli.RunAsync(["self-test"], output, output, CancellationToken.None);

        Assert.True(code == 0, $"exit {code}: {output}");
        Assert.StartsWith("self-test OK", output.ToString(), StringComparison.Ordinal);
    }
}
