namespace Community.Storage;

/// <summary>A row of <see cref="SqlObjectBatch"/> waiting to be written, with the flags and date_added it will have.</summary>
internal sealed class PendingRow(StoredObject row, long dateAddedUs, bool isFirst, bool isLast)
{
    public StoredObject Row { get; } = row;

    public long DateAddedUs { get; } = dateAddedUs;

    public bool IsFirst { get; set; } = isFirst;

    public bool IsLast { get; set; } = isLast;
}
