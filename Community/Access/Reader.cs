using Community.Membership;

namespace Community.Access;

/// <summary>Who is asking: an authenticated organisation, or nobody (anonymous).</summary>
public sealed record Reader
{
    private Reader(Organisation? organisation)
    {
        Organisation = organisation;
    }

    /// <summary>The anonymous reader (no credentials).</summary>
    public static Reader Anonymous { get; } = new((Organisation?)null);

    /// <summary>The organisation, or null when anonymous.</summary>
    public Organisation? Organisation { get; }

    /// <summary>True without credentials.</summary>
    public bool IsAnonymous => Organisation is null;

    /// <summary>A reader acting for <paramref name="organisation"/>.</summary>
    public static Reader For(Organisation organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        return new Reader(organisation);
    }
}
