namespace Cti.Tests.Taxii.Server;

/// <summary>How the scripted TAXII server pages, after behaviours seen in independent TAXII 2.1 implementations.</summary>
public sealed record ServerBehaviour
{
    /// <summary>One next per query, repeated on every page (the OASIS reference server keeps one token per query).</summary>
    public bool OneTokenPerQuery { get; init; }

    /// <summary>A next without limit fails with 500 (the reference server looks the limit up unconditionally).</summary>
    public bool NextRequiresLimit { get; init; }

    /// <summary>A next is refused after this many uses within one query (servers may expire a next, e.g. after 30 s).</summary>
    public int? NextExpiresAfterUses { get; init; }

    /// <summary>The status of a refused next (400 at the reference server; some answer 404 or 500).</summary>
    public int RefusedNextStatus { get; init; } = 400;

    /// <summary>Between two pages, an empty page with more=true (TAXII 2.1 §3.5 allows a filtered page to be empty).</summary>
    public bool EmptyPageBetween { get; init; }

    /// <summary>more=true without a next (paging by added_after only).</summary>
    public bool OmitNext { get; init; }

    /// <summary>Largest page served, whatever the limit asked.</summary>
    public int MaxLimit { get; init; } = 100;

    /// <summary>Whether X-TAXII-Date-Added-First/-Last are sent.</summary>
    public bool DateAddedHeaders { get; init; } = true;
}
