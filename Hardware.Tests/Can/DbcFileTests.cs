using Hardware.Can;

namespace Hardware.Tests.Can;

/// <summary>
/// The DBC subset: the OBU's database (Hardware/Can/obu.dbc) parses, signals decode to known values (vectors worked
/// by hand from the DBC bit numbering: Intel from the LSB upwards, Motorola from the MSB through 7..0, 15..8, ...),
/// encode back, and malformed lines are typed errors naming the line.
/// </summary>
public sealed class DbcFileTests
{
    private static readonly DbcFile Obu = DbcFile.Load(Path.Combine(Testing.TestInfra.RepoRoot, "Hardware", "Can", "obu.dbc"));

    public static TheoryData<string, uint, string, string, double> Vectors => new()
    {
        // 0x1A0: speed 0x2B5C = 11100 × 0.01 = 111.00 km/h (Intel, bytes 0-1 = 5C 2B); brake bit 16; acceleration -4.00 (0xFE70 in bytes 3-4 = 70 FE, Intel, signed).
        { "speed, Intel 16 bits", 0x1A0, "5C2B0170FE000000", VehicleSignals.Speed, 111.00 },
        { "brake pedal, one bit", 0x1A0, "5C2B0170FE000000", VehicleSignals.BrakePedal, 1 },
        { "acceleration, Intel signed", 0x1A0, "5C2B0170FE000000", VehicleSignals.LongitudinalAcceleration, -4.00 },
        { "hazard lights", 0x1A1, "01", VehicleSignals.HazardLights, 1 },
        // 0x3E0 (HmiCanFrames' example 01 01 02 20 00 00 01 24): Motorola fields.
        { "HMI detectors, Motorola 16 bits", 0x3E0, "0101022000000124", "Detectors", 0x2000 },
        { "HMI withheld", 0x3E0, "0101022000000124", "Withheld", 1 },
        { "HMI PSID", 0x3E0, "0101022000000124", "PsidLow", 0x24 },
        // 0x3E1 (BrakeRequestCanFrames' example 01 03 00 01 00 00 04 d2): station 1234, Motorola 32 bits.
        { "brake request station, Motorola 32 bits", 0x3E1, "01030001000004D2", "OriginatingStation", 1234 },
        { "brake request row", 0x3E1, "01030001000004D2", "Row", 1 },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Signals_decode_and_encode_back(string name, uint id, string hex, string signal, double value)
    {
        var message = Obu.Find(id, false) ?? throw new InvalidOperationException($"{name}: no message 0x{id:X}");
        var frame = new CanFrame(id, false, Convert.FromHexString(hex));

        Assert.Equal(value, message[signal].Decode(frame.Data), 6);
        var data = new byte[message.Length];
        message[signal].Encode(value, data);
        Assert.Equal(value, message[signal].Decode(data), 6);
    }

    [Fact]
    public void The_vehicle_mapping_reads_its_signals_and_ignores_other_frames()
    {
        var mapping = new VehicleSignals(Obu);

        var dynamics = mapping.Decode(new CanFrame(0x1A0, false, Convert.FromHexString("5C2B0170FE000000")));
        Assert.Equal([VehicleSignals.Speed, VehicleSignals.BrakePedal, VehicleSignals.LongitudinalAcceleration], dynamics.Select(s => s.Name));
        Assert.Equal("km/h", dynamics[0].Unit);
        Assert.Empty(mapping.Decode(new CanFrame(0x123, false, [1, 2])));
    }

    public static TheoryData<string, string, int, string> BadFiles => new()
    {
        { "message without a length", "BO_ 416 X: VCU\n", 1, "not a message" },
        { "message of 9 bytes", "BO_ 416 X: 9 VCU\n", 1, "not a message" },
        { "11-bit id out of range", "BO_ 2048 X: 8 VCU\n", 1, "does not fit" },
        { "signal past the message", "BO_ 416 X: 1 VCU\n SG_ S : 4|8@1+ (1,0) [0|255] \"\" OBU\n", 2, "does not fit" },
        { "multiplexed signal", "BO_ 416 X: 8 VCU\n SG_ S m1 : 0|8@1+ (1,0) [0|255] \"\" OBU\n", 2, "multiplexed" },
        { "a factor that is not a number", "BO_ 416 X: 8 VCU\n SG_ S : 0|8@1+ (x,0) [0|255] \"\" OBU\n", 2, "not a number" },
        { "signal outside a message", "VERSION \"\"\n SG_ S : 0|8@1+ (1,0) [0|255] \"\" OBU\n", 2, "outside a message" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Malformed_lines_are_typed_errors_with_their_number(string name, string text, int line, string message)
    {
        var e = Assert.Throws<DbcException>(() => DbcFile.Parse(text));

        Assert.True(line == e.Line, $"{name}: line {e.Line}");
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dbc_without_a_required_signal_is_refused_by_the_mapping()
    {
        Assert.Throws<DbcException>(() => new VehicleSignals(DbcFile.Parse("BO_ 416 X: 8 VCU\n SG_ VehicleSpeed : 0|16@1+ (0.01,0) [0|655.35] \"km/h\" OBU\n")));
    }
}
