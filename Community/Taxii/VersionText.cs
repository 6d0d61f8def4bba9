using System.Text;
using System.Text.Json;
using Community.Storage;
using Cti.Stix;

namespace Community.Taxii;

/// <summary>
/// The version of a stored object as TAXII shows it (manifest records, versions resource): STIX 2.1 §3.6 makes the
/// version the object's <c>modified</c> (else <c>created</c>), so it is that text exactly as the producer wrote it
/// (<c>…33.123Z</c> stays <c>…33.123Z</c>); only objects without either (SCOs) get the hub's microsecond form.
/// </summary>
public static class VersionText
{
    /// <summary>The version string of <paramref name="stored"/>.</summary>
    public static string Of(StoredObject stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        string? modified = null, created = null;
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(stored.Body));
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                var name = reader.GetString();
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && name is "modified" or "created")
                {
                    (name == "modified" ? ref modified : ref created) = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return modified ?? created ?? StixTimestamp.FormatMicroseconds(StixTimestamp.FromMicroseconds(stored.VersionUs));
    }
}
