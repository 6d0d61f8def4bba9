namespace Community.Membership;

/// <summary>Where a subscription to a sub-community stands (ITU-T X.1382 §8.3 e, §8.4).</summary>
public enum MembershipState
{
    /// <summary>The organisation asked to join; an administrator has not decided.</summary>
    Requested,

    /// <summary>Subscription verified and approved.</summary>
    Approved,

    /// <summary>The administrator refused it.</summary>
    Rejected,
}
