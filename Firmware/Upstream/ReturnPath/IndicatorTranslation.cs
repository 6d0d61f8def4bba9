using Firmware.SecurePartition.Policy;

namespace Firmware.Upstream.ReturnPath;

/// <summary>One indicator, translated.</summary>
/// <param name="Outcome">What to do.</param>
/// <param name="IndicatorId">The indicator's UUID (empty when the object had no valid indicator id).</param>
/// <param name="Modified">Its version (STIX modified), when known.</param>
/// <param name="Entry">The rules to deploy (<see cref="TranslationOutcome.Deploy"/> only).</param>
/// <param name="Reason">Why, in words (for logs and tests).</param>
public sealed record IndicatorTranslation(TranslationOutcome Outcome, Guid IndicatorId, DateTimeOffset? Modified, IndicatorEntry? Entry, string Reason);
