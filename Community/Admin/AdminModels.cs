namespace Community.Admin;

/// <summary>Create or update an organisation (ITU-T X.1382 §8.1).</summary>
public sealed record OrganisationRequest(
    string Id,
    string Name,
    IReadOnlyList<string>? Roles = null,
    IReadOnlyList<string>? Makes = null,
    IReadOnlyList<string>? Models = null,
    IReadOnlyList<string>? Suppliers = null,
    IReadOnlyList<string>? Clients = null,
    double? Reputation = null,
    bool? Administrator = null);

/// <summary>An organisation as the admin API shows it.</summary>
public sealed record OrganisationView(
    string Id,
    string Name,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Makes,
    IReadOnlyList<string> Models,
    IReadOnlyList<string> Suppliers,
    IReadOnlyList<string> Clients,
    double Reputation,
    bool Administrator,
    string Identity);

/// <summary>Set HTTP Basic credentials.</summary>
public sealed record CredentialRequest(string Username, string Password);

/// <summary>Set an organisation's source reputation (0..1).</summary>
public sealed record ReputationRequest(double Reputation);

/// <summary>Create or update a collection (sub-community, X.1382 §8.4).</summary>
public sealed record CollectionRequest(
    string Title,
    string? Id = null,
    string? Description = null,
    string? Alias = null,
    bool? PublicRead = null,
    string? Desensitisation = null,
    int? CoordinateDecimals = null,
    double? RetentionDays = null,
    string? DefaultTlp = null,
    bool? MergeAnomalies = null,
    string? SummarySignatures = null,
    string? VehicleProducer = null);

/// <summary>A collection as the admin API shows it.</summary>
public sealed record CollectionView(
    string Id,
    string Title,
    string? Description,
    string? Alias,
    bool PublicRead,
    string Desensitisation,
    int CoordinateDecimals,
    double? RetentionDays,
    string DefaultTlp,
    bool MergeAnomalies,
    string SummarySignatures,
    string? VehicleProducer);

/// <summary>Rights asked for or granted.</summary>
public sealed record RightsRequest(bool? CanRead = null, bool? CanWrite = null);

/// <summary>A subscription as the APIs show it.</summary>
public sealed record MembershipView(string CollectionId, string OrganisationId, string State, bool CanRead, bool CanWrite, string RequestedAt, string? DecidedAt);

/// <summary>Add a false-alarm rule.</summary>
public sealed record RuleRequest(string Field, string Value, string Reason, string? Id = null, string? CollectionId = null);

/// <summary>Outcome of a retention run.</summary>
public sealed record RetentionReportView(int ErasedVersions, int ErasedGroups, int StatusesPurged, string At);

/// <summary>A merged anomaly.</summary>
public sealed record AnomalyView(
    string CollectionId,
    string Signature,
    string? Title,
    string? ThreatType,
    string Tlp,
    long VehicleCount,
    long ReportCount,
    string FirstSeen,
    string LastSeen,
    string IndicatorId,
    string SightingId,
    bool Revoked);

/// <summary>A plain message.</summary>
public sealed record MessageView(string Message);

/// <summary>Revoke a merged anomaly as a false alarm.</summary>
public sealed record RevokeRequest(string Reason);

/// <summary>A collection as a member sees it when choosing what to join.</summary>
public sealed record JoinableCollectionView(string Id, string Title, string? Description, bool PublicRead, string? State, bool CanRead, bool CanWrite);
