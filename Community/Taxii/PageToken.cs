using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Community.Taxii;

/// <summary>
/// The opaque <c>next</c> value of TAXII 2.1 §3.4: the date_added (microseconds) of the last object
/// served, base64url-encoded with a version prefix so it can change form later.
/// </summary>
public static class PageToken
{
    private const string Prefix = "n1.";

    /// <summary>Encodes a continuation.</summary>
    public static string Encode(long afterDateAddedUs) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + afterDateAddedUs.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Decodes a continuation from outside; false when it is not one of ours.</summary>
    public static bool TryDecode(string? token, out long afterDateAddedUs)
    {
        afterDateAddedUs = 0;
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return false;
        }

        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token));
            return text.StartsWith(Prefix, StringComparison.Ordinal) &&
                   long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out afterDateAddedUs);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
