using V2x.Security.Signing;

namespace Firmware.Application.Composition;

/// <summary>
/// When a CAM names its ticket by certificate rather than by digest (ETSI TS 103 097 v2.1.1 §7.1.1): once
/// a second, and in the next CAM after a new neighbour appeared (so it can verify the digest-signed CAMs
/// that follow) or after a pseudonym change (receivers have not met the new ticket). DENMs always carry the
/// certificate (§7.1.2) and do not come here.
/// </summary>
public sealed class CertificateInclusion
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _last;
    private bool _requested = true;

    /// <summary>Uses the standard's period of one second unless told otherwise.</summary>
    public CertificateInclusion(TimeSpan? period = null)
    {
        Period = period ?? TimeSpan.FromSeconds(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Period, TimeSpan.Zero);
    }

    /// <summary>Longest time between two CAMs carrying the certificate.</summary>
    public TimeSpan Period { get; }

    /// <summary>The signer form of a CAM sent now.</summary>
    public SignerChoice Choose(DateTimeOffset now)
    {
        lock (_lock)
        {
            return _requested || _last is not { } t || now - t >= Period ? SignerChoice.Certificate : SignerChoice.Digest;
        }
    }

    /// <summary>Records a CAM that went out with <paramref name="choice"/>.</summary>
    public void Transmitted(SignerChoice choice, DateTimeOffset now)
    {
        if (choice != SignerChoice.Certificate)
        {
            return;
        }

        lock (_lock)
        {
            _last = now;
            _requested = false;
        }
    }

    /// <summary>Puts the certificate into the next CAM (a new neighbour, a pseudonym change).</summary>
    public void Request()
    {
        lock (_lock)
        {
            _requested = true;
        }
    }
}
