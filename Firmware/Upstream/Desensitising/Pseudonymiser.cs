using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Firmware.Upstream.Desensitising;

/// <summary>
/// Pseudonymous identity of the vehicle towards the sharing community (ITU-T X.1382 §7.3, §9.3.2.3 f):
/// a keyed hash (HMAC-SHA-256, RFC 2104 / FIPS 198-1) of the period index under a 32-byte secret that
/// never leaves the OBU. It rotates every period, is unlinkable across periods without the key, and
/// is never derived from the VIN, the canonical key or an authorization ticket. The same key gives
/// each summary a fixed STIX id (the queue's idempotency key at the hub).
/// </summary>
public sealed class Pseudonymiser
{
    /// <summary>Length of the secret.</summary>
    public const int KeyBytes = 32;

    /// <summary>The prefix of every pseudonym.</summary>
    public const string Prefix = "obu-";

    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;
    private readonly byte[] _key;

    /// <summary>A pseudonymiser over <paramref name="key"/>, rotating every <paramref name="period"/>.</summary>
    public Pseudonymiser(ReadOnlySpan<byte> key, TimeSpan period)
    {
        if (key.Length != KeyBytes)
        {
            throw new ArgumentException($"The pseudonym key is {KeyBytes} bytes.", nameof(key));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.FromMinutes(1));
        _key = key.ToArray();
        Period = period;
    }

    /// <summary>How long one pseudonym lasts.</summary>
    public TimeSpan Period { get; }

    /// <summary>
    /// The pseudonym of the period holding <paramref name="time"/>: "obu-" and the first 16 bytes of
    /// HMAC(key, "v2x-upstream pseudonym\n" + period index) in lower-case base32 (26 characters).
    /// </summary>
    public string For(DateTimeOffset time)
    {
        var index = Math.DivRem((time - Epoch).Ticks, Period.Ticks, out var rest);
        if (rest < 0)
        {
            index--;
        }

        var mac = Mac(_key, "v2x-upstream pseudonym\n" + index.ToString(CultureInfo.InvariantCulture));
        return Prefix + Base32(mac.AsSpan(0, 16));
    }

    /// <summary>
    /// The UUID of a summary: HMAC(key, "v2x-upstream summary\n" + signature + "\n" + bucket start in
    /// ticks), first 16 bytes with the RFC 9562 version 4 and variant bits. One anomaly of one
    /// vehicle in one time bucket always gets the same id, whatever report it came from.
    /// </summary>
    public Guid SummaryId(string signature, DateTimeOffset bucketStart)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return Uuid(Mac(_key, $"v2x-upstream summary\n{signature}\n{bucketStart.UtcTicks.ToString(CultureInfo.InvariantCulture)}"));
    }

    /// <summary>The UUID of the process object of a summary (processes have no deterministic id, STIX 2.1 §6.13).</summary>
    public Guid ProcessId(Guid summaryId, string processName)
    {
        ArgumentNullException.ThrowIfNull(processName);
        return Uuid(Mac(_key, $"v2x-upstream process\n{summaryId:D}\n{processName}"));
    }

    /// <summary>HMAC-SHA-256 of the UTF-8 message.</summary>
    internal static byte[] Mac(ReadOnlySpan<byte> key, string message) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(message));

    /// <summary>RFC 4648 §6 base32 in lower case, without padding.</summary>
    internal static string Base32(ReadOnlySpan<byte> bytes)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var sb = new StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            sb.Append(alphabet[(buffer << (5 - bits)) & 31]);
        }

        return sb.ToString();
    }

    private static Guid Uuid(byte[] mac)
    {
        var bytes = mac.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40); // RFC 9562 §5.4 version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 §4.1 variant 10
        return new Guid(bytes, bigEndian: true);
    }
}
