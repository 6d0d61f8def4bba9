using Pki.Store;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Time;

namespace Pki.Authorities;

/// <summary>
/// What every authority of one bench PKI shares: the state, the clock, the policy, the CA keys (loaded once
/// per CA), and the operation lock that makes each operation (checks and writes) atomic with respect to
/// the others.
/// </summary>
public sealed class PkiContext : IDisposable
{
    private readonly Dictionary<long, CaKeys> _keys = [];
    private readonly Lock _keysGate = new();

    public PkiContext(PkiStore store, TimeProvider clock, PkiOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        Store = store;
        Clock = clock;
        Options = options;
    }

    public PkiStore Store { get; }

    public TimeProvider Clock { get; }

    public PkiOptions Options { get; }

    /// <summary>Held for the whole of each operation (re-entrant: the AA calls the EA inside its own operation).</summary>
    public Lock Operation { get; } = new();

    public DateTimeOffset NowUtc => Clock.GetUtcNow();

    public Time64 Now => Time64.Now(Clock);

    /// <summary>The AT region of this PKI (identifiedRegion countryOnly), or null.</summary>
    public GeographicRegion? Region => Options.Country == 0 ? null : GeographicRegion.FromIdentified([IdentifiedRegion.CountryOnly(Options.Country)]);

    /// <summary>The one CA of a role (root, EA, audit CA).</summary>
    /// <exception cref="InvalidOperationException">The state holds no such CA.</exception>
    public CaKeys Ca(AuthorityRole role) =>
        Keys(Store.GetAuthorities(role).FirstOrDefault(a => a.RevokedAt is null)
            ?? throw new InvalidOperationException($"the PKI has no active {role} CA"));

    /// <summary>The active CAs of a role.</summary>
    public IReadOnlyList<CaKeys> Cas(AuthorityRole role) => [.. Store.GetAuthorities(role).Where(a => a.RevokedAt is null).Select(Keys)];

    /// <summary>The CA with certificate digest <paramref name="digest"/>, revoked or not, or null.</summary>
    public CaKeys? CaByDigest(HashedId8 digest)
    {
        var record = Store.GetAuthorities().FirstOrDefault(a => a.Certificate.HashedId8 == digest);
        return record is null ? null : Keys(record);
    }

    private CaKeys Keys(AuthorityRecord record)
    {
        lock (_keysGate)
        {
            if (_keys.TryGetValue(record.Id, out var keys) && keys.Record.RevokedAt == record.RevokedAt)
            {
                return keys;
            }

            keys = new CaKeys(record);
            _keys[record.Id] = keys;
            return keys;
        }
    }

    public void Dispose()
    {
        lock (_keysGate)
        {
            foreach (var k in _keys.Values)
            {
                k.Dispose();
            }

            _keys.Clear();
        }

        Store.Dispose();
    }
}
