namespace Community.Storage;

/// <summary>
/// What <see cref="SqlObjectBatch"/> knows of one id in one collection: its versions (stored and pending), who
/// posted the first, the created of the newest, and how many of the versions are already in the database.
/// </summary>
internal sealed class HeadState
{
    public required string Producer { get; set; }

    public string? Created { get; set; }

    public SortedSet<long> Versions { get; } = [];

    public int StoredCount { get; set; }

    public ObjectHead ToHead() => new(Producer, Versions.Min, Versions.Max, Created, Versions.Count);
}
