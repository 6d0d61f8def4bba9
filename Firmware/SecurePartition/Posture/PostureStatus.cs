namespace Firmware.SecurePartition.Posture;

/// <summary>
/// The "get posture" answer (patent ¶204-216): aggregate CVSS of the known vulnerabilities of the
/// installed versions, whether everything is up to date, when the posture server was last polled,
/// and whether patches are available.
/// </summary>
/// <param name="Known">Whether a verified posture response is held at all.</param>
/// <param name="AggregateCvss">Highest CVSS base score over the installed versions (0.0..10.0; the maximum, as CVSS scores do not add).</param>
/// <param name="KnownVulnerabilities">Known vulnerabilities over the installed versions.</param>
/// <param name="UpToDate">Every installed component was assessed at its installed version and is the latest.</param>
/// <param name="PatchesAvailable">A patch exists for some installed component.</param>
/// <param name="LastPoll">When the posture response was signed, or null.</param>
/// <param name="UnassessedComponents">Installed components the response does not cover at their installed version.</param>
public sealed record PostureStatus(bool Known, double AggregateCvss, int KnownVulnerabilities, bool UpToDate, bool PatchesAvailable, DateTimeOffset? LastPoll, IReadOnlyList<string> UnassessedComponents);
