namespace V2x.Security.Certificates;

/// <summary>CertificateType ::= ENUMERATED { explicit, implicit, ... } (IEEE 1609.2-2016 §6.4).</summary>
public enum CertificateType
{
    Explicit = 0,
    Implicit = 1,
}
