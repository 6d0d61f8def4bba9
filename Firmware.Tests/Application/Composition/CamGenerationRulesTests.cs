using Firmware.Application.Composition;
using Firmware.Tests.Application.Support;
using Hardware.Positioning;
using V2x.Security.Signing;

namespace Firmware.Tests.Application.Composition;

/// <summary>
/// CAM generation frequency (ETSI EN 302 637-2 v1.4.1 §6.1.3) and the certificate in place of the digest
/// (ETSI TS 103 097 v2.1.1 §7.1.1), stepped by hand.
/// </summary>
public sealed class CamGenerationRulesTests
{
    private static readonly DateTimeOffset T0 = TestAuthority.Now;

    private static readonly PositionFix Base = TestStation.Munich with { HeadingDegrees = 90, SpeedMetersPerSecond = 10 };

    // name, ms after the first CAM, the fix then, expected trigger
    public static TheoryData<string, int, PositionFix, CamTrigger> AfterFirst => new()
    {
        { "nothing changed after 500 ms", 500, Base, CamTrigger.None },
        { "nothing changed after 1000 ms (T_GenCamMax)", 1000, Base, CamTrigger.Period },
        { "heading +5° after 100 ms", 100, Base with { HeadingDegrees = 95 }, CamTrigger.Heading },
        { "heading +5° after 90 ms (before T_GenCamMin)", 90, Base with { HeadingDegrees = 95 }, CamTrigger.None },
        { "heading +4° exactly (not more than 4°)", 200, Base with { HeadingDegrees = 94 }, CamTrigger.None },
        { "heading 90° to 358° (92° the short way)", 200, Base with { HeadingDegrees = 358 }, CamTrigger.Heading },
        { "moved about 5.6 m", 100, Base with { LatitudeDegrees = Base.LatitudeDegrees + 0.00005 }, CamTrigger.Position },
        { "moved about 3.3 m", 100, Base with { LatitudeDegrees = Base.LatitudeDegrees + 0.00003 }, CamTrigger.None },
        { "speed +0.6 m/s", 100, Base with { SpeedMetersPerSecond = 10.6 }, CamTrigger.Speed },
        { "speed +0.4 m/s", 100, Base with { SpeedMetersPerSecond = 10.4 }, CamTrigger.None },
        { "no valid fix", 1000, PositionFix.Invalid(T0), CamTrigger.NoFix },
    };

    [Theory]
    [MemberData(nameof(AfterFirst))]
    public void Each_trigger_of_the_standard(string name, int afterMs, PositionFix fix, CamTrigger expected)
    {
        var rules = new CamGenerationRules();
        Assert.Equal(CamTrigger.First, rules.Evaluate(T0, Base));
        rules.Generated(T0, Base, CamTrigger.First, lowFrequency: true);

        Assert.True(expected == rules.Evaluate(T0.AddMilliseconds(afterMs), fix), name);
    }

    [Fact]
    public void T_GenCam_follows_a_dynamic_trigger_and_returns_to_the_maximum_after_N_GenCam()
    {
        var rules = new CamGenerationRules();
        rules.Generated(T0, Base, CamTrigger.First, true);
        var turned = Base with { HeadingDegrees = 100 };
        Assert.Equal(CamTrigger.Heading, rules.Evaluate(T0.AddMilliseconds(300), turned));
        rules.Generated(T0.AddMilliseconds(300), turned, CamTrigger.Heading, false);
        Assert.Equal(TimeSpan.FromMilliseconds(300), rules.GenCam);

        // Three CAMs by period at the new T_GenCam, then back to 1000 ms.
        var t = T0.AddMilliseconds(300);
        for (var i = 0; i < CamGenerationRules.NGenCam; i++)
        {
            Assert.Equal(CamTrigger.None, rules.Evaluate(t.AddMilliseconds(200), turned));
            t = t.AddMilliseconds(300);
            Assert.Equal(CamTrigger.Period, rules.Evaluate(t, turned));
            rules.Generated(t, turned, CamTrigger.Period, false);
        }

        Assert.Equal(CamGenerationRules.GenCamMax, rules.GenCam);
        Assert.Equal(CamTrigger.None, rules.Evaluate(t.AddMilliseconds(300), turned));
    }

    [Fact]
    public void The_low_frequency_container_goes_out_every_500_ms()
    {
        var rules = new CamGenerationRules();
        Assert.True(rules.IncludeLowFrequency(T0));
        rules.Generated(T0, Base, CamTrigger.First, true);
        Assert.False(rules.IncludeLowFrequency(T0.AddMilliseconds(499)));
        Assert.True(rules.IncludeLowFrequency(T0.AddMilliseconds(500)));
    }

    [Fact]
    public void The_certificate_goes_out_once_a_second_and_after_a_new_neighbour()
    {
        var inclusion = new CertificateInclusion();
        var choices = new List<SignerChoice>();
        void Send(int ms)
        {
            var c = inclusion.Choose(T0.AddMilliseconds(ms));
            inclusion.Transmitted(c, T0.AddMilliseconds(ms));
            choices.Add(c);
        }

        Send(0);
        Send(100);
        Send(999);
        Send(1000);
        Send(1100);
        inclusion.Request();
        Send(1200);
        Send(1300);

        Assert.Equal([SignerChoice.Certificate, SignerChoice.Digest, SignerChoice.Digest, SignerChoice.Certificate, SignerChoice.Digest,
            SignerChoice.Certificate, SignerChoice.Digest], choices);
    }

    [Fact]
    public void A_non_positive_period_is_a_caller_mistake() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CertificateInclusion(TimeSpan.Zero));
}
