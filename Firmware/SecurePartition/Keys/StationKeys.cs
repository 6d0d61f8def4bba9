using System.Buffers.Binary;
using Firmware.SecurePartition.Encoding;
using Hardware.Random;
using Hardware.Security;
using Hardware.Storage;
using PkiProtocol.Messages;
using V2x;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Signing;
using V2x.Time;

namespace Firmware.SecurePartition.Keys;

/// <summary>
/// Every private key of the station, inside the board's key store: several authorization-ticket
/// keys for pseudonym change (patent ¶116, ¶145-149; ETSI TS 102 941 §6.2.3.3), the enrolment
/// key and credential, the canonical key, and the black-box key. Labels are
/// "{prefix}at{slot}", "{prefix}ec", "{prefix}canonical", "{prefix}bbox". Slot records
/// (certificate, on-air counter offset) persist in the durable store as "keys.slots" and
/// "keys.active"; the enrolment credential as "keys.ec". Every operation checks first and
/// changes state last, so a refused request changes nothing. Thread-safe.
/// </summary>
public sealed partial class StationKeys
{
    /// <summary>Most AT slots held at once.</summary>
    public const int MaxSlots = 8;

    private const string SlotsKey = "keys.slots";
    private const string ActiveKey = "keys.active";
    private const string NextSlotKey = "keys.next";
    private const string EnrolmentKey = "keys.ec";
    private const ushort NoSlot = 0xFFFF;

    private readonly IKeyStore _keys;
    private readonly IDurableStore _store;
    private readonly IRandomSource _random;
    private readonly string _prefix;
    private readonly Lock _lock = new();
    private List<TicketSlot> _slots;
    private ushort _active;
    private SpduSigner? _activeSigner;

    /// <summary>Loads the slot records; slots whose key the store no longer holds (an in-memory store after a restart) are dropped.</summary>
    /// <exception cref="ArgumentException">The prefix makes labels too long or invalid.</exception>
    public StationKeys(IKeyStore keys, IDurableStore store, IRandomSource random, string labelPrefix)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(random);
        KeyLabels.Validate(labelPrefix + "canonical");
        _keys = keys;
        _store = store;
        _random = random;
        _prefix = labelPrefix;
        var held = keys.List().ToHashSet(StringComparer.Ordinal);
        _slots = LoadSlots().Where(s => held.Contains(s.Label)).ToList();
        var active = store.Read(ActiveKey) is { Length: 2 } a ? BinaryPrimitives.ReadUInt16BigEndian(a) : NoSlot;
        _active = _slots.Any(s => s.Slot == active && s.Certificate.Length > 0) ? active : NoSlot;
    }

    /// <summary>The key-store label of the black-box key (created on first use).</summary>
    public string BlackBoxLabel => _prefix + "bbox";

    /// <summary>The active slot, or null when no ticket is installed.</summary>
    public TicketSlot? Active
    {
        get
        {
            lock (_lock)
            {
                return _slots.FirstOrDefault(s => s.Slot == _active);
            }
        }
    }

    /// <summary>Every slot.</summary>
    public IReadOnlyList<TicketSlot> Slots
    {
        get
        {
            lock (_lock)
            {
                return _slots.ToList();
            }
        }
    }

    /// <summary>The signer of the active ticket and its on-air counter offset.</summary>
    /// <exception cref="PartitionException">No ticket is active.</exception>
    public (SpduSigner Signer, TicketSlot Slot) ActiveSigner()
    {
        lock (_lock)
        {
            var slot = _slots.FirstOrDefault(s => s.Slot == _active)
                ?? throw new PartitionException(PartitionError.NoAuthorizationTicket, "No authorization ticket is installed.");
            _activeSigner ??= BuildSigner(slot.Label, Certificate.Decode(slot.Certificate));
            return (_activeSigner, slot);
        }
    }

    /// <summary>Generates a new AT key pair in the key store; returns its slot and public key (65-byte uncompressed point).</summary>
    public (ushort Slot, byte[] PublicKey) GenerateTicketKey()
    {
        lock (_lock)
        {
            if (_slots.Count >= MaxSlots)
            {
                throw new PartitionException(PartitionError.NoFreeSlot, $"All {MaxSlots} ticket slots are taken.");
            }

            var next = _store.Read(NextSlotKey) is { Length: 2 } n ? BinaryPrimitives.ReadUInt16BigEndian(n) : (ushort)0;
            if (next == NoSlot)
            {
                throw new PartitionException(PartitionError.NoFreeSlot, "Slot numbers are exhausted.");
            }

            var label = _prefix + "at" + next.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _ = KeyStoreCall(() => _keys.Delete(label));
            var publicKey = KeyStoreCall(() => _keys.Generate(label));
            WriteU16(NextSlotKey, (ushort)(next + 1));
            var slots = _slots.Append(new TicketSlot(next, label, [], 0)).ToList();
            SaveSlots(slots);
            _slots = slots;
            return (next, publicKey);
        }
    }

    /// <summary>
    /// Installs the AT certificate of a slot after checking it decodes and carries the slot's key.
    /// The first ticket installed becomes active.
    /// </summary>
    public void InstallTicket(ushort slot, ReadOnlyMemory<byte> certificate)
    {
        lock (_lock)
        {
            var s = _slots.FirstOrDefault(x => x.Slot == slot) ?? throw new PartitionException(PartitionError.UnknownSlot, $"No slot {slot}.");
            var cert = CheckCertificate(certificate, s.Label);
            var updated = s with { Certificate = cert.Encoded.ToArray() };
            var slots = _slots.Select(x => x.Slot == slot ? updated : x).ToList();
            var activate = _active == NoSlot;
            if (activate)
            {
                updated = updated with { CounterOffset = RandomOffset() };
                slots = slots.Select(x => x.Slot == slot ? updated : x).ToList();
            }

            SaveSlots(slots);
            _slots = slots;
            if (activate)
            {
                Activate(slot);
            }
            else if (slot == _active)
            {
                _activeSigner = null;
            }
        }
    }

    /// <summary>
    /// Pseudonym change: activates the next slot with an installed ticket (in slot order, cyclic)
    /// and draws a fresh random on-air counter offset for it, so the counter does not link the two
    /// pseudonyms. Returns the new slot.
    /// </summary>
    public ushort ChangePseudonym()
    {
        lock (_lock)
        {
            var ready = _slots.Where(s => s.Certificate.Length > 0).OrderBy(s => s.Slot).ToList();
            var others = ready.Where(s => s.Slot != _active).ToList();
            if (others.Count == 0)
            {
                throw new PartitionException(PartitionError.NoOtherTicket, "No other installed ticket to change to.");
            }

            var next = others.FirstOrDefault(s => s.Slot > _active || _active == NoSlot) ?? others[0];
            var updated = next with { CounterOffset = RandomOffset() };
            var slots = _slots.Select(x => x.Slot == next.Slot ? updated : x).ToList();
            SaveSlots(slots);
            _slots = slots;
            Activate(next.Slot);
            return next.Slot;
        }
    }

    /// <summary>The canonical public key (generated on first use), 65-byte uncompressed.</summary>
    public byte[] CanonicalPublicKey() => EnsureKey(_prefix + "canonical");

    /// <summary>Generates a fresh enrolment key pair (replacing an old one and its credential); returns the public key.</summary>
    public byte[] GenerateEnrolmentKey()
    {
        lock (_lock)
        {
            var label = _prefix + "ec";
            _ = KeyStoreCall(() => _keys.Delete(label));
            var key = KeyStoreCall(() => _keys.Generate(label));
            _store.Delete(EnrolmentKey);
            return key;
        }
    }

    /// <summary>Installs the enrolment credential after checking it carries the enrolment key.</summary>
    public void InstallEnrolmentCredential(ReadOnlyMemory<byte> certificate)
    {
        lock (_lock)
        {
            var label = _prefix + "ec";
            if (!KeyStoreCall(() => _keys.List()).Contains(label))
            {
                throw new PartitionException(PartitionError.NoEnrolmentCredential, "No enrolment key was generated.");
            }

            var cert = CheckCertificate(certificate, label);
            _store.Write(EnrolmentKey, cert.Encoded.Span);
        }
    }

    /// <summary>
    /// Signs a provisioning request as IEEE 1609.2 signed data (ETSI TS 102 941 §6.2.3: the
    /// enrolment request signed with the canonical key as self-signed data; an authorization
    /// request's inner signature with the enrolment credential; proof of possession with an AT key).
    /// The generation time is the partition's clock.
    /// </summary>
    public byte[] SignRequest(KeyRole role, ushort slot, Psid psid, ReadOnlySpan<byte> payload, SignerChoice signer, DateTimeOffset now)
    {
        if (!Enum.IsDefined(role) || !Enum.IsDefined(signer))
        {
            throw new PartitionException(PartitionError.Malformed, "Unknown key role or signer choice.");
        }

        // A ticket key signs V2X messages only through augment-and-sign (with the integrity report);
        // for provisioning it only proves possession, as self-signed data (ETSI TS 102 941 §6.2.3.3.1),
        // and the canonical key has no certificate. Only the enrolment credential may be named.
        if (role != KeyRole.Enrolment && signer != SignerChoice.Self)
        {
            throw new PartitionException(PartitionError.NotPermitted, $"The {role} key signs provisioning requests as self-signed data only.");
        }

        // Upstream summaries are signed only by SignUpstreamSummary (PSID 0x0D, with the AT named by certificate).
        if (psid == PkiPsids.UpstreamSummary)
        {
            throw new PartitionException(PartitionError.NotPermitted, $"PSID {psid} is signed by sign-upstream-summary only.");
        }

        string label;
        Certificate? cert = null;
        lock (_lock)
        {
            switch (role)
            {
                case KeyRole.Canonical:
                    CanonicalPublicKey();
                    label = _prefix + "canonical";
                    break;
                case KeyRole.Enrolment:
                    label = _prefix + "ec";
                    if (!KeyStoreCall(() => _keys.List()).Contains(label))
                    {
                        throw new PartitionException(PartitionError.NoEnrolmentCredential, "No enrolment key was generated.");
                    }

                    cert = _store.Read(EnrolmentKey) is { } ec ? Certificate.Decode(ec) : null;
                    break;
                default:
                    var s = _slots.FirstOrDefault(x => x.Slot == slot) ?? throw new PartitionException(PartitionError.UnknownSlot, $"No slot {slot}.");
                    label = s.Label;
                    cert = s.Certificate.Length > 0 ? Certificate.Decode(s.Certificate) : null;
                    break;
            }
        }

        if (signer != SignerChoice.Self && cert is null)
        {
            throw new PartitionException(PartitionError.NoEnrolmentCredential, $"The {role} key has no certificate to name as signer.");
        }

        var spdu = BuildSigner(label, signer == SignerChoice.Self ? null : cert);
        var bytes = payload.ToArray();
        return KeyStoreCall(() => spdu.SignPayload(bytes, psid, Time64.FromUtc(now), signer));
    }

    /// <summary>
    /// Signs the digest of an envelope of anomaly summaries to the sharing community (Cti EnvelopeSignature) with the
    /// active AT, as IEEE 1609.2 signed data whose payload is only extDataHash (§6.3.7), signer = certificate (the hub
    /// holds no ATs), under PSID 0x0D (<see cref="PkiPsids.UpstreamSummary"/>) and nothing else: this operation cannot
    /// make a CAM or DENM signature, and augment-and-sign refuses PSID 0x0D, so neither passes as the other.
    /// </summary>
    /// <exception cref="PartitionException">No ticket is active, or it does not permit PSID 0x0D.</exception>
    public byte[] SignUpstreamSummary(ReadOnlySpan<byte> sha256, DateTimeOffset now)
    {
        if (sha256.Length != 32)
        {
            throw new PartitionException(PartitionError.Malformed, "The digest of an upstream envelope is 32 octets (SHA-256).");
        }

        var (signer, _) = ActiveSigner();
        if (signer.Certificate?.ToBeSigned.AppPermissions?.Any(p => p.Psid == PkiPsids.UpstreamSummary) != true)
        {
            throw new PartitionException(PartitionError.NotPermitted, $"The active ticket does not permit PSID {PkiPsids.UpstreamSummary}.");
        }

        var digest = sha256.ToArray();
        return KeyStoreCall(() => signer.SignExternalHash(digest, new HeaderInfo { Psid = PkiPsids.UpstreamSummary, GenerationTime = Time64.FromUtc(now) },
            SignerChoice.Certificate));
    }

    /// <summary>The black-box signing key (generated on first use).</summary>
    public KeyStoreSignatureKey BlackBoxKey()
    {
        EnsureKey(BlackBoxLabel);
        return KeyStoreCall(() => new KeyStoreSignatureKey(_keys, BlackBoxLabel));
    }
}
