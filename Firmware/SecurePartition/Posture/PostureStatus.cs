using V2x.Integrity;

namespace Firmware.SecurePartition.Posture;

/// <summary>
/// The "get posture" answer and the detailed report's posture (patent ¶204-216). The aggregate is defined (Docs/posture.md)
/// as the highest CVSS v3.1 base score over the unpatched weaknesses of the installed versions, together with how many of
/// them score 7.0 or more (high or critical): CVSS scores do not add, so a sum or mean would hide the worst weakness, and
/// the count tells one critical weakness from many.
/// </summary>
/// <param name="Known">Whether a verified posture response is held at all.</param>
/// <param name="AggregateCvss">Highest base score over the unpatched weaknesses of the installed versions (0.0..10.0).</param>
/// <param name="HighOrCritical">How many of them score 7.0 or more.</param>
/// <param name="KnownVulnerabilities">Unpatched weaknesses over the installed versions.</param>
/// <param name="UpToDate">Every installed component was assessed at its installed version and is the latest.</param>
/// <param name="AppUpToDate">Every V2X-application component is assessed at its installed version and the latest (and there is one).</param>
/// <param name="IdfUpToDate">Every IDF component is assessed at its installed version and the latest (and there is one).</param>
/// <param name="PatchesAvailable">A patch exists for some unpatched weakness.</param>
/// <param name="LastPoll">
/// The time of the last successful poll: when the accepted response was signed (after the request's nonce was drawn,
/// so never earlier than the poll; the install time could only be later), or null.
/// </param>
/// <param name="UnassessedComponents">Installed components the response does not cover at their installed version.</param>
/// <param name="Weaknesses">The unpatched weaknesses, per component.</param>
public sealed record PostureStatus(bool Known, double AggregateCvss, int HighOrCritical, int KnownVulnerabilities, bool UpToDate, bool AppUpToDate,
    bool IdfUpToDate, bool PatchesAvailable, DateTimeOffset? LastPoll, IReadOnlyList<string> UnassessedComponents,
    IReadOnlyList<(string Component, PostureWeakness Weakness)> Weaknesses)
{
    /// <summary>The severity class of <see cref="AggregateCvss"/> (CVSS v3.1 §5), or not assessed.</summary>
    public PostureSeverity Severity => Known ? PostureGrade.SeverityOf(AggregateCvss) : PostureSeverity.NotAssessed;
}
