using Firmware.SecurePartition.Encoding;
using Firmware.SecurePartition.Policy;
using V2x.Security;

namespace Firmware.Tests.Policy;

/// <summary>
/// The sending option (patent ¶115-119) lives in the OEM-signed detection policy (format 2), where the secure
/// partition reads it and the application cannot reach it: each option round-trips; a format-1 body (before the
/// option moved there) reads as option 2, the one that always includes the report; an undefined option is refused;
/// the strict fail-closed policy (an unverifiable stored policy) is option 2.
/// </summary>
public sealed class SendingOptionPolicyTests
{
    [Theory]
    [InlineData(SendingPolicy.ReportOnlyWhenClean)]
    [InlineData(SendingPolicy.AlwaysInclude)]
    [InlineData(SendingPolicy.SafetyCriticalOnly)]
    public void Each_option_round_trips_with_its_safety_critical_psids(SendingPolicy option)
    {
        var policy = DefaultPolicies.SimulatedObu() with { SendingOption = option, SafetyCriticalPsids = [Psid.Denm, new Psid(137)] };
        var decoded = PolicyCodec.Decode(PolicyCodec.Encode(policy));
        Assert.Equal(option, decoded.SendingOption);
        Assert.Equal([Psid.Denm, new Psid(137)], decoded.SafetyCriticalPsids);
    }

    [Fact]
    public void A_format_1_body_reads_as_option_2()
    {
        var body = PolicyCodec.Encode(DefaultPolicies.SimulatedObu() with { SendingOption = SendingPolicy.SafetyCriticalOnly, SafetyCriticalPsids = [] });
        var format1 = body[..^3];                        // u8 option, u16 empty list count
        format1[0] = PolicyCodec.FormatWithoutSendingOption;

        var decoded = PolicyCodec.Decode(format1);

        Assert.Equal(SendingPolicy.AlwaysInclude, decoded.SendingOption);
        Assert.Equal([Psid.Denm], decoded.SafetyCriticalPsids);
    }

    [Theory]
    [InlineData("option 0", 0)]
    [InlineData("option 4", 4)]
    public void An_undefined_option_is_refused(string name, byte option)
    {
        var body = PolicyCodec.Encode(DefaultPolicies.SimulatedObu() with { SafetyCriticalPsids = [] });
        body[^3] = option;
        var e = Record.Exception(() => PolicyCodec.Decode(body));
        Assert.True(e is MalformedDataException, $"{name}: {e?.GetType().Name ?? "accepted"}");
    }

    [Fact]
    public void The_fail_closed_policy_always_includes_the_report() =>
        Assert.Equal(SendingPolicy.AlwaysInclude, DefaultPolicies.FailClosed().SendingOption);
}
