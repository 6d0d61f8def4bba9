namespace V2x.Security.Crypto;

/// <summary>IEEE 1609.2 HashAlgorithm ::= ENUMERATED { sha256, ..., sha384, sm3 } (IEEE 1609.2-2022 §6.3 base types; sm3 added by the 2022 edition).</summary>
public enum HashAlgorithm
{
    Sha256 = 0,
    Sha384 = 1,
    Sm3 = 2,
}
