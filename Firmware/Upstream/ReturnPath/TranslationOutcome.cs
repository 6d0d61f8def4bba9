namespace Firmware.Upstream.ReturnPath;

/// <summary>What to do with one indicator read from the hub.</summary>
public enum TranslationOutcome
{
    /// <summary>Deploy its rules (or replace an older version).</summary>
    Deploy,

    /// <summary>Remove its rules: revoked, or past valid_until.</summary>
    Remove,

    /// <summary>Its pattern cannot be turned into rules exactly: nothing of it is deployed (an older version is removed).</summary>
    Unsupported,

    /// <summary>Not deployed by policy: not an indicator, malformed, a hub-merged observation, or from an untrusted producer.</summary>
    Skipped,
}
