namespace Community.Storage;

/// <summary>What the store knows about all versions of one id in one collection.</summary>
/// <param name="Producer">Who posted the first version.</param>
/// <param name="FirstVersionUs">Oldest version.</param>
/// <param name="LastVersionUs">Newest version.</param>
/// <param name="Created">created of the newest version (versions of one object share it, STIX 2.1 §3.6).</param>
/// <param name="VersionCount">Versions stored.</param>
public sealed record ObjectHead(string Producer, long FirstVersionUs, long LastVersionUs, string? Created, int VersionCount);
