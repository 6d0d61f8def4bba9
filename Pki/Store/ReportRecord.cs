using PkiProtocol.Misbehaviour;

namespace Pki.Store;

/// <summary>A misbehaviour report as received and what the authority did about it.</summary>
public sealed record ReportRecord(long Id, DateTimeOffset ReceivedAt, MisbehaviourKind Kind, string Reporter, string? Subject, string Action);
