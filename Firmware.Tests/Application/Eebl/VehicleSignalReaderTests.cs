using Firmware.Application.Eebl;
using Hardware.Can;
using Microsoft.Extensions.Time.Testing;

namespace Firmware.Tests.Application.Eebl;

/// <summary>
/// The vehicle's CAN signals through Hardware/Can/obu.dbc, replayed from candump logs on a FakeTimeProvider: hard
/// braking (pedal pressed, acceleration at or below -4 m/s²) raises the EEBL trigger once per brake application;
/// frames of other messages are ignored and a short frame is skipped, not a crash. VEHICLE_DYNAMICS (0x1A0): speed
/// 0.01 km/h in bytes 0-1, brake pedal bit 16, acceleration 0.01 m/s² signed in bytes 3-4 (Intel order), so
/// 50 km/h is 88 13, -5.00 m/s² is 0C FE, -2.00 m/s² is 38 FF and 0 is 00 00.
/// </summary>
public sealed class VehicleSignalReaderTests
{
    private static readonly DbcFile Dbc = DbcFile.Load(Path.Combine(Testing.TestInfra.RepoRoot, "Hardware", "Can", "obu.dbc"));

    private const string Hard = "1A0#8813010CFE000000";
    private const string Gentle = "1A0#88130138FF000000";
    private const string Released = "1A0#8813000CFE000000";
    private const string Cruising = "1A0#8813000000000000";

    public static TheoryData<string, string[], int, int> Rows => new()
    {
        { "pedal pressed at -5 m/s² is hard braking", [Cruising, Hard], 1, 0 },
        { "pedal pressed at -2 m/s² is not", [Cruising, Gentle, Gentle], 0, 0 },
        { "-5 m/s² without the pedal is not", [Released, Released], 0, 0 },
        { "a held pedal raises it once", [Hard, Hard, Hard, Hard], 1, 0 },
        { "released and pressed hard again raises it again", [Hard, Released, Hard], 2, 0 },
        { "gentle braking that turns hard raises it when it does", [Gentle, Gentle, Hard], 1, 0 },
        { "frames of other messages are ignored", ["3E0#0101022000000124", "7DF#0201050000000000", Hard], 1, 0 },
        { "a short frame of the message is skipped", ["1A0#8813", Hard], 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Hard_braking_raises_the_trigger_once_per_application(string row, string[] frames, int expected, int malformed)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000));
        var log = frames.Select((f, i) => $"({1_700_000_000 + (i * 0.02):F6}) can0 {f}").ToList();
        using var bus = new CandumpReplayBus(log, clock);
        var reader = new VehicleSignalReader(bus, new VehicleSignals(Dbc));
        var raised = 0;
        var signals = new List<(string Name, double Value)>();
        reader.HardBraking += () => raised++;
        reader.SignalDecoded += (name, value, _) => signals.Add((name, value));

        var run = reader.RunAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(expected == raised, $"{row}: raised {raised} times");
        Assert.Equal(malformed, reader.Malformed);
        Assert.All(signals.Where(s => s.Name == VehicleSignals.Speed), s => Assert.Equal(50.0, s.Value, 6));
    }

    [Fact]
    public async Task Every_decoded_signal_is_reported_with_its_unit()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000));
        using var bus = new CandumpReplayBus(["(1700000000.000000) can0 1A0#8813010CFE000000", "(1700000000.100000) can0 1A1#01"], clock);
        var reader = new VehicleSignalReader(bus, new VehicleSignals(Dbc));
        var signals = new List<string>();
        reader.SignalDecoded += (name, value, unit) => signals.Add(FormattableString.Invariant($"{name}={value} {unit}"));

        var run = reader.RunAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["VehicleSpeed=50 km/h", "BrakePedal=1 ", "LongitudinalAcceleration=-5 m/s2", "HazardLights=1 "], signals);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-4.0)]
    [InlineData(double.NaN)]
    public void A_threshold_that_is_not_a_positive_deceleration_is_refused(double threshold)
    {
        using var bus = new CandumpReplayBus([], new FakeTimeProvider());

        Assert.Throws<ArgumentException>(() => new VehicleSignalReader(bus, new VehicleSignals(Dbc), new VehicleSignalReaderOptions { HardBrakingDeceleration = threshold }));
    }
}
