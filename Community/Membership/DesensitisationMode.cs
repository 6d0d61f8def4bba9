namespace Community.Membership;

/// <summary>What a collection does with personal or vehicle-identifying data (ITU-T X.1382 §7.3).</summary>
public enum DesensitisationMode
{
    /// <summary>Refuse the object, reporting why in the status resource.</summary>
    Reject,

    /// <summary>Replace the data (round coordinates) and keep the object.</summary>
    Scrub,
}
