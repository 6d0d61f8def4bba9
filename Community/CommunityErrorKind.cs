namespace Community;

/// <summary>Classes of <see cref="CommunityException"/>.</summary>
public enum CommunityErrorKind
{
    /// <summary>The request is malformed or names impossible values (HTTP 400).</summary>
    Invalid,

    /// <summary>The thing named does not exist, or the caller may not know it does (HTTP 404).</summary>
    NotFound,

    /// <summary>The caller is known but not allowed (HTTP 403).</summary>
    Forbidden,

    /// <summary>The request conflicts with the current state (HTTP 409).</summary>
    Conflict,
}
