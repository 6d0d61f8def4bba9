using System.Collections;
using Firmware.Nano.Integrity;
using Firmware.Nano.SecureElement;

namespace Firmware.Nano.Detection;

/// <summary>
/// HSM tamper and health (patent ¶104): the secure element must answer, be an ATECC608, have its configuration
/// and data zones locked (an unlocked zone lets keys be written or read), pass its self-test, and hold in the
/// signing slot the key recorded at provisioning (another key means the element was replaced). A missing or
/// swapped element or an unlocked zone is a compromise; a failed self-test or an unknown revision a high anomaly.
/// </summary>
public sealed class SecureElementDetector : IDetector
{
    /// <inheritdoc />
    public DetectorFlags Detector => DetectorFlags.HsmTamper;

    /// <inheritdoc />
    public DetectorResult Run(McuBoard board, Policy.McuPolicy policy)
    {
        if (board.Element == null)
        {
            return DetectorResult.Unavailable(Detector, (policy.RequiredDetectors & Detector) != 0, "secure element");
        }

        var findings = new ArrayList();
        try
        {
            var health = board.Element.CheckHealth();
            if (!health.IsAtecc608)
            {
                findings.Add(new Finding("hsm.revision", "secure element", IntegrityLevel.HighAnomaly, "the secure element does not report an ATECC608 revision"));
            }

            if (!health.ConfigLocked || !health.DataLocked)
            {
                findings.Add(new Finding("hsm.unlocked", "secure element", IntegrityLevel.Compromised,
                    (health.ConfigLocked ? "" : "configuration zone unlocked ") + (health.DataLocked ? "" : "data zone unlocked")));
            }

            if (health.SelfTestFailures != 0)
            {
                findings.Add(new Finding("hsm.self-test", "secure element", IntegrityLevel.HighAnomaly, "self-test failure bits " + health.SelfTestFailures));
            }

            var expected = board.Layout.ExpectedSigningKey;
            if (expected != null && !Same(expected, board.Element.PublicKey(board.Layout.SigningKeySlot)))
            {
                findings.Add(new Finding("hsm.key", "secure element", IntegrityLevel.Compromised, "the signing slot holds another key than the one provisioned"));
            }
        }
        catch (SecureElementException e)
        {
            var level = e.Error == SecureElementError.NoResponse ? IntegrityLevel.Compromised : IntegrityLevel.HighAnomaly;
            findings.Add(new Finding("hsm.fault", "secure element", level, e.Message));
            return DetectorResult.From(Detector, DetectorStatus.Checked, findings);
        }

        return DetectorResult.From(Detector, DetectorStatus.Checked, findings);
    }

    private static bool Same(byte[] a, byte[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        var diff = 0;
        for (var i = 0; i < a.Length; i++)
        {
            diff |= a[i] ^ b[i];
        }

        return diff == 0;
    }
}
