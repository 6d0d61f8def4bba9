using Community.Storage;

namespace Community.Access;

/// <summary>An object a reader may see, with its value score for that reader.</summary>
public sealed record ScoredObject(StoredObject Object, int Score);
