using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Community.Hosting;
using Community.Membership;

namespace Community.Access;

/// <summary>
/// HTTP Basic authentication (RFC 7617; TAXII 2.1 §1.6.5 makes it the mandatory scheme) against
/// credentials stored as PBKDF2 hashes. A verified password is remembered for a short while as an
/// HMAC under a key that lives only in this process, so PBKDF2 does not run on every request.
/// </summary>
public sealed class Authenticator
{
    private readonly HubCore _core;
    private readonly byte[] _cacheKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, (byte[] Mac, string OrganisationId, DateTimeOffset Until)> _verified = new(StringComparer.Ordinal);

    private readonly Lazy<string> _dummyHash;

    public Authenticator(HubCore core)
    {
        ArgumentNullException.ThrowIfNull(core);
        _core = core;
        _dummyHash = new(() => PasswordHasher.Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), core.Options.PasswordIterations));
    }

    /// <summary>
    /// The reader an Authorization header stands for: anonymous when there is none; null when the
    /// header is present but wrong (unknown scheme, malformed, unknown user, wrong password).
    /// </summary>
    public async Task<Reader?> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return Reader.Anonymous;
        }

        if (!TryParseBasic(authorization, out var username, out var password))
        {
            return null;
        }

        var mac = HMACSHA256.HashData(_cacheKey, Encoding.UTF8.GetBytes(username + "\n" + password));
        var now = _core.Time.GetUtcNow();
        string organisationId;
        if (_verified.TryGetValue(username, out var cached) && cached.Until > now && CryptographicOperations.FixedTimeEquals(cached.Mac, mac))
        {
            organisationId = cached.OrganisationId;
        }
        else
        {
            var credential = await _core.Store.GetCredentialAsync(username, cancellationToken).ConfigureAwait(false);
            // An unknown user costs the same PBKDF2 run as a known one, so timing does not reveal user names.
            if (!PasswordHasher.Verify(password, credential?.PasswordHash ?? _dummyHash.Value) || credential is null)
            {
                return null;
            }

            organisationId = credential.OrganisationId;
            _verified[username] = (mac, organisationId, now + _core.Options.CredentialCacheLifetime);
        }

        var organisation = await _core.Store.GetOrganisationAsync(organisationId, cancellationToken).ConfigureAwait(false);
        return organisation is null ? null : Reader.For(organisation);
    }

    /// <summary>Forgets a remembered password (after credentials change).</summary>
    public void Forget(string username) => _verified.TryRemove(username, out _);

    private static bool TryParseBasic(string header, out string username, out string password)
    {
        username = password = string.Empty;
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[scheme.Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            username = decoded[..colon];
            password = decoded[(colon + 1)..];
            return password.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
