using V2x.Security;

namespace Firmware.Application.Trust;

/// <summary>
/// The negative cache: certificates whose validation failed for a reason that lies in the certificate itself
/// (a broken signature by its issuer, permissions or validity outside its issuer's, an unusable key), by the
/// HashedId8 of the certificate. The hash covers the whole certificate, issuer included, so the same octets fail
/// the same way every time: a certificate remembered here is refused without a second chain validation (no
/// ECDSA). Failures that depend on the moment or on what the receiver trusts (not valid at the message's time,
/// an issuer not trusted yet) are not remembered. Bounded (least recently seen leaves first); not thread-safe
/// (the receive pipeline's gate guards it).
/// </summary>
internal sealed class CertificateFailures
{
    private readonly LruTable<HashedId8, (TrustFailure Failure, string Detail)> _table;

    /// <exception cref="ArgumentOutOfRangeException">A capacity below 1.</exception>
    public CertificateFailures(int capacity) => _table = new LruTable<HashedId8, (TrustFailure, string)>(capacity);

    /// <summary>Certificates remembered now.</summary>
    public int Count => _table.Count;

    /// <summary>Whether a failure of this kind is a property of the certificate (and so is remembered).</summary>
    public static bool IsPermanent(TrustFailure failure) => failure is TrustFailure.ChainInvalid or TrustFailure.Unusable;

    /// <summary>The remembered failure of a certificate, if any.</summary>
    public bool TryGet(HashedId8 certificate, out TrustFailure failure, out string detail)
    {
        if (_table.TryGet(certificate, out var entry))
        {
            (failure, detail) = entry;
            return true;
        }

        (failure, detail) = (default, "");
        return false;
    }

    /// <summary>Remembers a failure when it is permanent (<see cref="IsPermanent"/>); returns whether it did.</summary>
    public bool Add(HashedId8 certificate, TrustFailure failure, string detail)
    {
        if (!IsPermanent(failure))
        {
            return false;
        }

        _table.Set(certificate, (failure, detail));
        return true;
    }
}
