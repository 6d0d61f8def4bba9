namespace Cti.Taxii;

/// <summary>
/// Where a poll stands (TAXII 2.1 §3.4): <c>next</c> is opaque, so progress is judged by what arrives, not by
/// the token — the objects (by id and version) and the latest date_added received. The cursor remembers the
/// keys received since the latest date_added advanced (the objects a resume can send again) and counts pages
/// that bring neither a new object nor a later date_added; past <see cref="TaxiiClientOptions.MaxPagesWithoutProgress"/>
/// of them in a row the server is paging forever and the poll ends with a typed error.
/// </summary>
internal sealed class PageCursor
{
    // TAXII 2.1 §3.4 leaves the largest limit to the server; the client asks for at most this on a resume.
    private const int MaxResumeLimit = 10_000;

    private readonly int _maxPagesWithoutProgress;
    private HashSet<string> _window = new(StringComparer.Ordinal);
    private int _stale;

    public PageCursor(int maxPagesWithoutProgress)
    {
        _maxPagesWithoutProgress = maxPagesWithoutProgress;
    }

    /// <summary>The latest date_added received, if the server sent any.</summary>
    public DateTimeOffset? Tail { get; private set; }

    /// <summary>
    /// Takes a page in: returns the positions of the items not received before (first occurrence only), moves the
    /// tail to <paramref name="last"/> when later, and throws when too many pages in a row brought nothing.
    /// </summary>
    /// <exception cref="TaxiiClientException">The server pages without progress.</exception>
    public List<int> Accept(IReadOnlyList<string> keys, DateTimeOffset? last)
    {
        var fresh = new List<int>(keys.Count);
        var inPage = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            if (!_window.Contains(keys[i]) && inPage.Add(keys[i]))
            {
                fresh.Add(i);
            }
        }

        var advanced = last is { } l && (Tail is not { } t || l > t);
        if (advanced)
        {
            // Only items at or after the new tail can come again on a resume, and those are all in this page or later ones.
            _window = new HashSet<string>(keys, StringComparer.Ordinal);
            Tail = last;
        }
        else
        {
            _window.UnionWith(keys);
        }

        if (fresh.Count > 0 || advanced)
        {
            _stale = 0;
        }
        else if (++_stale > _maxPagesWithoutProgress)
        {
            throw new TaxiiClientException(
                $"the server sent {_stale} pages in a row without a new object or a later date_added while claiming more (TAXII 2.1 §3.4)");
        }

        return fresh;
    }

    /// <summary>
    /// The query that resumes <paramref name="start"/> without <c>next</c>: from one microsecond before the latest
    /// date_added received (objects sharing it may not all have arrived; those that did are dropped by
    /// <see cref="Accept"/>), or from the start when the server sent no date_added. After pages without progress the
    /// page size doubles (a group of objects sharing one date_added may be larger than a page).
    /// </summary>
    public TaxiiObjectQuery Resume(TaxiiObjectQuery start, int pageSize)
    {
        var after = Tail is { } tail ? tail.AddTicks(-TimeSpan.TicksPerMicrosecond) : start.AddedAfter;
        if (start.AddedAfter is { } first && after < first)
        {
            after = first;
        }

        var limit = _stale == 0 ? pageSize : (int)Math.Min(MaxResumeLimit, (long)pageSize << Math.Min(_stale, 16));
        return start with { Next = null, AddedAfter = after, Limit = limit };
    }

    /// <summary>The added_after a later poll may start from (see <see cref="TaxiiObjectPage.ResumeAfter"/>).</summary>
    public DateTimeOffset? ResumeAfter(bool more) => more ? Tail?.AddTicks(-TimeSpan.TicksPerMicrosecond) : Tail;
}
