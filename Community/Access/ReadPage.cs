namespace Community.Access;

/// <summary>One page of visible objects (TAXII 2.1 §3.4): the objects, whether more follow, and the continuation.</summary>
public sealed record ReadPage(IReadOnlyList<ScoredObject> Objects, bool More, long? NextAfterUs);
