using V2x.Security;
using V2x.Time;

namespace Firmware.Application.Receiving;

/// <summary>
/// A decoded frame on its way through the pipeline: what the decode stage found (<see cref="Facts"/>), whose
/// frame it is (<see cref="Key"/>: the ticket's HashedId8, carried or named by digest), and how it is to be run
/// (from the queue's suspect lane with spare capacity, under load, or released from the certificate wait).
/// </summary>
internal sealed record PendingFrame(ReadOnlyMemory<byte> Frame, DecodedFrame Decoded, ReceiveResult Facts, HashedId8 Key)
{
    /// <summary>The lane the receive queue put it in (set on admission, and when taken: the lane it was taken from).</summary>
    public ReceiveLane Lane { get; set; }

    /// <summary>Whether the message can trigger an action (its PSID is not awareness-only): always verified.</summary>
    public bool Actionable { get; init; }

    /// <summary>Whether it carries its signer's certificate (its signer's digest-signed frames may be waiting for it).</summary>
    public bool CarriesCertificate => Decoded.Signed.Signer.Kind == V2x.Security.SignerKind.Certificate;

    /// <summary>Shed last: an actionable frame, or one that carries its signer's certificate.</summary>
    public bool Precious => Actionable || (Decoded is not null && CarriesCertificate);

    /// <summary>The end of its certificate wait, for a frame released from it.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Taken from the suspect lane when no other lane had work: verified whatever the ticket's back-off.</summary>
    public bool Spare { get; set; }

    /// <summary>The queue held at least the verify-on-demand backlog when it was taken.</summary>
    public bool UnderLoad { get; set; }

    /// <summary>The signed generation time (the duplicate key's first half).</summary>
    public Time64 GenerationTime => Decoded.Header.GenerationTime!.Value;

    /// <summary>The signature's r (the duplicate key's second half).</summary>
    public ReadOnlySpan<byte> SignatureR => Decoded.Signed.Signature.R.X.Span;
}
