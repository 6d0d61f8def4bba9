using System.Text.Json.Nodes;

namespace Cti.Taxii;

/// <summary>Discovery resource, TAXII 2.1 §4.1.1.</summary>
public sealed record TaxiiDiscovery(string Title, string? Description = null, string? Contact = null, string? Default = null, IReadOnlyList<string>? ApiRoots = null);

/// <summary>API root resource, TAXII 2.1 §4.2.1.</summary>
public sealed record TaxiiApiRoot(string Title, IReadOnlyList<string> Versions, long MaxContentLength, string? Description = null);

/// <summary>Collection resource, TAXII 2.1 §5.2.1.</summary>
public sealed record TaxiiCollection(
    string Id,
    string Title,
    bool CanRead,
    bool CanWrite,
    string? Description = null,
    string? Alias = null,
    IReadOnlyList<string>? MediaTypes = null);

/// <summary>Collections resource, TAXII 2.1 §5.1.1.</summary>
public sealed record TaxiiCollections(IReadOnlyList<TaxiiCollection>? Collections = null);

/// <summary>Manifest record, TAXII 2.1 §5.3.2.</summary>
public sealed record TaxiiManifestRecord(string Id, string DateAdded, string Version, string? MediaType = null);

/// <summary>
/// Manifest resource, TAXII 2.1 §5.3.1. TAXII 2.1 defines no <c>next</c> here; servers such as the OASIS reference
/// server (medallion) and this project's hub send one, and the client follows it (§3.4 pagination).
/// </summary>
public sealed record TaxiiManifest(bool? More = null, IReadOnlyList<TaxiiManifestRecord>? Objects = null, string? Next = null);

/// <summary>Envelope, TAXII 2.1 §3.7.</summary>
public sealed record TaxiiEnvelope(bool? More = null, string? Next = null, IReadOnlyList<JsonObject>? Objects = null);

/// <summary>Versions resource, TAXII 2.1 §5.7.1 (with the same tolerated <c>next</c> as <see cref="TaxiiManifest"/>).</summary>
public sealed record TaxiiVersions(bool? More = null, IReadOnlyList<string>? Versions = null, string? Next = null);

/// <summary>Status details, TAXII 2.1 §4.3.2.</summary>
public sealed record TaxiiStatusDetail(string Id, string Version, string? Message = null);

/// <summary>Status resource, TAXII 2.1 §4.3.1.</summary>
public sealed record TaxiiStatus(
    string Id,
    string Status,
    int TotalCount,
    int SuccessCount,
    int FailureCount,
    int PendingCount,
    string? RequestTimestamp = null,
    IReadOnlyList<TaxiiStatusDetail>? Successes = null,
    IReadOnlyList<TaxiiStatusDetail>? Failures = null,
    IReadOnlyList<TaxiiStatusDetail>? Pendings = null)
{
    /// <summary>The status value for a request the server has finished.</summary>
    public const string Complete = "complete";

    /// <summary>The status value for a request still being processed.</summary>
    public const string Pending = "pending";
}

/// <summary>Error message, TAXII 2.1 §3.6.1.</summary>
public sealed record TaxiiError(
    string Title,
    string? Description = null,
    string? ErrorId = null,
    string? ErrorCode = null,
    string? HttpStatus = null,
    string? ExternalDetails = null,
    IReadOnlyDictionary<string, string>? Details = null);
