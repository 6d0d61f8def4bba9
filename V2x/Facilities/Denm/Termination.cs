namespace V2x.Facilities.Denm;

/// <summary>ETSI EN 302 637-3 v1.3.1 Annex A, Termination: <c>ENUMERATED {isCancellation(0), isNegation (1)}</c>.</summary>
public enum Termination
{
    IsCancellation = 0,
    IsNegation = 1,
}
