namespace Firmware.SecurePartition.Posture;

/// <summary>One known weakness of a component's installed version, as the posture server scored it (patent ¶212-214).</summary>
/// <param name="Id">Its identifier (a CVE id, or the OEM's).</param>
/// <param name="BaseTenths">CVSS v3.1 base score in tenths (0..100).</param>
/// <param name="TemporalTenths">CVSS v3.1 temporal score in tenths (0..100; the base score when the vector has no temporal metrics).</param>
/// <param name="FixedIn">The first version that fixes it, or empty when no patch exists.</param>
public sealed record PostureWeakness(string Id, byte BaseTenths, byte TemporalTenths, string FixedIn)
{
    /// <summary>Whether a patch exists.</summary>
    public bool PatchAvailable => FixedIn.Length > 0;

    /// <summary>The base score (0.0..10.0).</summary>
    public double BaseScore => BaseTenths / 10.0;
}
