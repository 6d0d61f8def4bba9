using Firmware.SecurePartition.Encoding;
using Firmware.SecurePartition.Policy;
using V2x.Security;

namespace Firmware.Tests.Policy;

/// <summary>
/// The sending option (patent ¶115-119) lives in the OEM-signed detection policy (format 3), where the secure
/// partition reads it and the application cannot reach it: each option round-trips; an older body (before the
/// option moved there) is refused, so the partition falls back to the fail-closed policy; an undefined option is refused;
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

    [Theory]
    [InlineData("format 1", 1)]
    [InlineData("format 2", 2)]
    public void An_older_body_without_the_option_is_refused(string name, byte format)
    {
        // Refused, the partition runs the fail-closed policy (option 2, below): an older signed policy replayed
        // into the store cannot leave the report out.
        var body = PolicyCodec.Encode(DefaultPolicies.SimulatedObu() with { SendingOption = SendingPolicy.SafetyCriticalOnly, SafetyCriticalPsids = [] });
        var older = body[..^3];                          // u8 option, u16 empty list count
        older[0] = format;

        var e = Record.Exception(() => PolicyCodec.Decode(older));
        Assert.True(e is MalformedDataException, $"{name}: {e?.GetType().Name ?? "accepted"}");
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
