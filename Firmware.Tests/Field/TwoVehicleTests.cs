using Firmware.Application.Recording;
using Testing.Tshark;

namespace Firmware.Tests.Field;

/// <summary>
/// Two OBUs over veth with the AF_PACKET link (<see cref="TwoVehicleSession"/>): both exit cleanly; each decides the
/// other's signed CAMs and its EEBL DENM on row 1 (assured, no anomaly: act), from the frames' sender positions; obu-a's
/// DENM comes from its vehicle's hard braking on CAN (a candump log through obu.dbc), recorded in can.jsonl; and
/// tshark decodes the veth capture (Ethernet, GeoNetworking, BTP, 1609.2, CAM/DENM) with no malformed frame.
/// </summary>
public sealed class TwoVehicleTests(TwoVehicleSession session) : IClassFixture<TwoVehicleSession>
{
    public static TheoryData<string, string, string> Rows => new()
    {
        { "obu-a decides obu-b's CAMs on row 1", "obu-a", "CAM" },
        { "obu-a decides obu-b's EEBL DENM on row 1", "obu-a", "DENM" },
        { "obu-b decides obu-a's CAMs on row 1", "obu-b", "CAM" },
        { "obu-b decides obu-a's EEBL DENM on row 1", "obu-b", "DENM" },
    };

    [Fact]
    public void Both_processes_ran_and_exited_cleanly()
    {
        foreach (var (name, (code, output)) in session.Exits)
        {
            Assert.True(code == 0, $"{name} exited {code}: {output}");
            Assert.Contains($"{name}: sent ", output, StringComparison.Ordinal);
        }

        Assert.Equal(2, session.Exits.Count);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_decides_the_others_messages(string row, string receiver, string message)
    {
        var decided = session.Decisions[receiver].Where(d => d.Message == message && d.Outcome == "Accepted").ToList();

        Assert.True(decided.Count > 0, $"{row}: no {message} accepted; {Summary(receiver)}");
        Assert.True(decided.All(d => d.Row == 1 && d.Decision == "Act" && d.Assurance == 5), $"{row}: {Summary(receiver)}");
        Assert.All(decided, d => Assert.NotNull(d.Latitude));

        // Frames that were not accepted are at most the first ones of a signer not yet known (fetched from the PKI).
        var others = session.Decisions[receiver].Count(d => d.Message == message && d.Outcome != "Accepted");
        Assert.True(others * 10 <= decided.Count, $"{row}: {others} not accepted; {Summary(receiver)}");
    }

    [Fact]
    public void Obu_a_read_its_vehicle_signals_and_its_hard_braking_sent_the_eebl_denm()
    {
        var signals = session.CanSignals["obu-a"];

        Assert.Contains(signals, s => s is { Signal: "BrakePedal", Value: 1 });
        Assert.Contains(signals, s => s is { Signal: "LongitudinalAcceleration", Value: -5, Unit: "m/s2" });
        Assert.All(signals.Where(s => s.Signal == "VehicleSpeed"), s => Assert.Equal(50.0, s.Value, 6));
        Assert.Contains(session.Sent["obu-a"], s => s.Psid == 37); // the DENM (PSID 37, den), sent from the brake signal
        Assert.Empty(session.CanSignals["obu-b"]);
    }

    [Fact]
    public void Tshark_decodes_the_veth_capture_with_no_malformed_frame()
    {
        var capture = TsharkRunner.Dissect(session.Capture);

        Assert.True(capture.Frames.Count > 10, $"{capture.Frames.Count} frames on the veth");
        Assert.All(capture.Frames, f => Assert.Equal(["eth", "ethertype", "gnw", "ieee1609dot2", "btpb", "its"], f.Protocols));
        Assert.Contains(capture.Frames, f => f.Integer("its.messageID") == 2); // CAM
        Assert.Contains(capture.Frames, f => f.Integer("its.messageID") == 1); // DENM
        Assert.Empty(capture.Problems);
    }

    private string Summary(string receiver) => string.Join("; ", session.Decisions[receiver]
        .GroupBy(d => $"{d.Message} {d.Outcome} {d.Stage} {d.Reason} row {d.Row} {d.Decision}")
        .Select(g => $"{g.Count()}x {g.Key}"));
}
