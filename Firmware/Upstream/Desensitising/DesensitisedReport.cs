namespace Firmware.Upstream.Desensitising;

/// <summary>One detailed report after desensitisation.</summary>
/// <param name="Ready">Summaries that may leave the OBU.</param>
/// <param name="Blocked">Summaries the leak check stopped (fail closed: not sent).</param>
/// <param name="Withheld">Board values left out for their shape.</param>
/// <param name="Truncated">Findings beyond the per-report limit.</param>
public sealed record DesensitisedReport(IReadOnlyList<OutboundSummary> Ready, IReadOnlyList<BlockedSummary> Blocked, int Withheld, int Truncated);
