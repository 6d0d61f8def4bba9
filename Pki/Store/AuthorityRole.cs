namespace Pki.Store;

/// <summary>The certificate authorities of the bench PKI.</summary>
public enum AuthorityRole
{
    Root = 0,
    Enrolment = 1,
    Authorization = 2,
    Audit = 3,

    /// <summary>The misbehaviour authority: issues nothing; its certificate carries the encryption key reports are encrypted for.</summary>
    Misbehaviour = 4,
}
