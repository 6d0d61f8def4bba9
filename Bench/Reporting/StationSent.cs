namespace Bench.Reporting;

/// <summary>What one station sent on the radio, and its requests to the PKI service by kind (ea/enrolment, aa/authorization, crl, certificates, ca).</summary>
public sealed record StationSent(string Station, long Transmitted, long Withheld, long DenmTriggers, IReadOnlyDictionary<string, int> PkiRequests);
