using Pki.Audit;

namespace Pki.Store;

/// <summary>An assessment as stored: the record and the audit CA's signed encoding of it.</summary>
public sealed record AssessmentEntry(Assessment Assessment, byte[] Signed);
