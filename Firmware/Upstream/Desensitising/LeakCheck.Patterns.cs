using System.Text.RegularExpressions;

namespace Firmware.Upstream.Desensitising;

public sealed partial class LeakCheck
{
    // ISO 3779 / 49 CFR 565: 17 characters without I, O and Q. Any such token with a letter and a
    // digit counts, check digit or not (stricter than the hub, which also wants a valid check digit).
    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-HJ-NPR-Za-hj-npr-z0-9]{17}(?![A-Za-z0-9])")]
    private static partial Regex VinCandidateRegex();

    // IMEI (3GPP TS 23.003 §6.2: 15 digits, or 16 with the software version) and IMSI (§2.2: up to
    // 15 digits): any run of 14 or more digits, optionally grouped by spaces or hyphens.
    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9](?:[ -]?[0-9]){13,}(?![0-9A-Za-z])")]
    private static partial Regex SubscriberRegex();

    // E.164 numbers written with a plus (MSISDN, the owner's phone).
    [GeneratedRegex(@"\+[0-9](?:[ -]?[0-9]){6,14}(?![0-9])")]
    private static partial Regex PhoneRegex();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex EmailRegex();

    // A decimal number with four or more fractional digits (about 11 m or finer as degrees): the
    // summaries never write one, so any is treated as a precise coordinate.
    [GeneratedRegex(@"(?<![0-9.])-?[0-9]{1,3}\.[0-9]{4,}(?![0-9])")]
    private static partial Regex PreciseDecimalRegex();

    // Degrees-minutes(-seconds): 48°08'13.8"N, 48° 8′ N.
    [GeneratedRegex(@"[0-9]{1,3}\s?°\s?[0-9]{1,2}(?:\s?['′])?")]
    private static partial Regex DmsRegex();

    [GeneratedRegex(@"(?i:\b(?:owner|driver|customer|keeper|user\s*name|name|contact)\s*[:=])\s*\S")]
    private static partial Regex NamePhraseRegex();

    [GeneratedRegex(@"\b(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Herr|Frau|Mme|Mlle|Sr|Sra|Sig|Sig\.ra)\.?\s*\p{Lu}\p{Ll}+")]
    private static partial Regex HonorificRegex();

    // "Firstname Lastname", also joined by '.', '_' or '-' as in user or file names.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])\p{Lu}\p{Ll}+[ ._-]\p{Lu}\p{Ll}+(?![\p{L}\p{N}])")]
    private static partial Regex FullNameRegex();

    // Number plates by national format (upper case, as issued), with the separators written as
    // spaces, hyphens, dots, underscores or nothing (as in file and process names): UK AB12 CDE;
    // FR AB-123-CD; IT AB 123 CD; DE M-AB 1234 / M AB 1234 (E, H suffixes); ES 1234 BCD; NL 12-ABC-3,
    // AB-123-C, 12-AB-34; CN 京A12345; US-style 7ABC123 and ABC-1234.
    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:[A-Z]{2}[0-9]{2}[ ._-]?[A-Z]{3}|[A-Z]{2}[ ._-]?[0-9]{3}[ ._-]?[A-Z]{2}|[A-ZÄÖÜ]{1,3}[ ._-][A-Z]{1,2}[ ._-]?[0-9]{1,4}[EH]?|[0-9]{4}[ ._-]?[BCDFGHJKLMNPRSTVWXYZ]{3}|[0-9]{1,2}[ ._-][A-Z]{2,3}[ ._-][0-9]{1,2}|[A-Z]{1,3}[ ._-][0-9]{2,3}[ ._-][A-Z]{1,2}|[A-Z]{2}[ ._-][0-9]{2}[ ._-][0-9]{2}|\p{IsCJKUnifiedIdeographs}[A-Z][A-Z0-9]{5,6}|[0-9][A-Z]{3}[0-9]{3}|[A-Z]{3}[ ._-][0-9]{4})(?![A-Za-z0-9])")]
    private static partial Regex PlateRegex();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Regex();

    [GeneratedRegex("^obu-[a-z2-7]{26}$")]
    private static partial Regex PseudonymRegex();

    [GeneratedRegex("^[a-z0-9]+([.-][a-z0-9]+)*$")]
    private static partial Regex WordRegex();
}
