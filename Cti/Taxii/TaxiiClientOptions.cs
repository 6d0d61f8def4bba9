namespace Cti.Taxii;

/// <summary>Where and how a <see cref="TaxiiClient"/> talks to one API root.</summary>
public sealed record TaxiiClientOptions
{
    /// <summary>Absolute URL of the API root, ending with '/' (e.g. https://hub.example/hub/).</summary>
    public required Uri ApiRoot { get; init; }

    /// <summary>HTTP Basic user name (TAXII 2.1 §1.6.5), or null for anonymous access.</summary>
    public string? Username { get; init; }

    /// <summary>HTTP Basic password.</summary>
    public string? Password { get; init; }

    /// <summary>Backoff between attempts.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>Time allowed for one attempt before it counts as failed and is retried.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Page size a poll asks for when its query gives none: every paged request names a limit (TAXII 2.1 §3.4; some
    /// servers fail a <c>next</c> without one).
    /// </summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Pages in a row that bring neither a new object nor a later date_added before a poll gives up.</summary>
    public int MaxPagesWithoutProgress { get; init; } = 8;

    /// <summary>
    /// Signs every envelope posted (<see cref="EnvelopeSignature"/>); null posts unsigned envelopes.
    /// </summary>
    public IEnvelopeSigner? EnvelopeSigner { get; init; }
}
