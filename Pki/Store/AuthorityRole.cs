namespace Pki.Store;

/// <summary>The certificate authorities of the bench PKI.</summary>
public enum AuthorityRole
{
    Root = 0,
    Enrolment = 1,
    Authorization = 2,
    Audit = 3,
}
