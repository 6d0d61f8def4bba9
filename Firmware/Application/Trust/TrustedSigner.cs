using V2x;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Signing;

namespace Firmware.Application.Trust;

/// <summary>
/// An authorization ticket whose chain to the trusted root was validated once, with everything the
/// per-message checks need already computed: the imported key (<see cref="CachedSigner"/>), the
/// HashedId8 of every certificate of the chain (for the O(1) revocation look-ups), the effective region,
/// the permissions by PSID and the IDF assurance level of its appPermissions.
/// </summary>
public sealed class TrustedSigner : IDisposable
{
    private readonly Dictionary<Psid, PsidSsp> _permissions = [];

    /// <summary>Builds the entry for a validated chain (leaf first, root last).</summary>
    /// <exception cref="ArgumentException">The leaf has no verification key, or its key is not on its curve.</exception>
    public TrustedSigner(IReadOnlyList<Certificate> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.Count == 0)
        {
            throw new ArgumentException("a chain has at least the leaf", nameof(chain));
        }

        var leaf = chain[0];
        Signer = new CachedSigner(leaf);
        Chain = chain.Select(c => c.HashedId8).ToArray();
        Validity = leaf.ToBeSigned.ValidityPeriod;

        // IEEE 1609.2-2016 §6.4.8: a certificate without a region takes its issuer's.
        Region = chain.Select(c => c.ToBeSigned.Region).FirstOrDefault(r => r is not null);
        foreach (var p in leaf.ToBeSigned.AppPermissions ?? [])
        {
            _permissions.TryAdd(p.Psid, p);
        }

        try
        {
            Assurance = IntegrityAssurance.Read(leaf.ToBeSigned);
        }
        catch (DecodeException)
        {
            AssuranceMalformed = true;
        }
    }

    /// <summary>
    /// Whether a link of the chain verified only over the encodings as sent (accepted because the receiver's policy
    /// says so, <see cref="TrustStore.AcceptsAsSentHashing"/>; never otherwise).
    /// </summary>
    public bool ChainHashedAsSent { get; init; }

    /// <summary>The ticket and its imported key.</summary>
    public CachedSigner Signer { get; }

    /// <summary>The ticket's HashedId8.</summary>
    public HashedId8 Digest => Signer.Digest;

    /// <summary>The ticket.</summary>
    public Certificate Certificate => Signer.Certificate;

    /// <summary>HashedId8 of every certificate of the chain, the ticket first and the root last.</summary>
    public IReadOnlyList<HashedId8> Chain { get; }

    /// <summary>The ticket's validity period (the chain's nest around it, checked at validation).</summary>
    public ValidityPeriod Validity { get; }

    /// <summary>The region the ticket may be used in: its own, or the nearest issuer's; null when none restricts it.</summary>
    public GeographicRegion? Region { get; }

    /// <summary>The IDF assurance level the audit CA granted (PSID 0x1E), or null for a ticket without the permission.</summary>
    public byte? Assurance { get; }

    /// <summary>True when the ticket carries the IDF permission with a malformed SSP (such a ticket is refused).</summary>
    public bool AssuranceMalformed { get; }

    /// <summary>Whether a message of this ticket was accepted already (set by the receive pipeline).</summary>
    internal bool Heard { get; set; }

    /// <summary>Awareness messages of this ticket considered for verify-on-demand so far (windows of N, one verified in each).</summary>
    internal long OnDemandCount { get; set; }

    /// <summary>Which message of the current verify-on-demand window is verified (drawn at random when the window opens).</summary>
    internal int OnDemandSample { get; set; }

    /// <summary>The ticket's permission for a PSID, or null when it does not hold it.</summary>
    public PsidSsp? Permission(Psid psid) => _permissions.TryGetValue(psid, out var p) ? p : null;

    /// <inheritdoc />
    public void Dispose() => Signer.Dispose();
}
