using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Encoding;
using V2x.Security.Crypto;

namespace Firmware.SecurePartition.Posture;

/// <summary>
/// The OEM-signed posture response (patent fig. 9): the request's nonce and one assessment per component. Body
/// (inside an <see cref="OemDocument"/> of kind PostureResponse), big-endian:
/// <code>
/// u8 format (2) | 16 bytes nonce | list component { text name, text installed, text latest, u8 role (0 other, 1 application, 2 IDF),
///     list weakness { text id, u8 base score ×10 (0..100), u8 temporal score ×10 (0..100), text fixed in (empty: no patch) } }
/// </code>
/// Format 1 (one CVSS per component, no roles) is no longer read: a held format-1 response is dropped at start and the
/// next poll replaces it.
/// </summary>
/// <param name="Nonce">The nonce of the request it answers.</param>
/// <param name="Components">The assessments.</param>
public sealed record PostureResponse(byte[] Nonce, IReadOnlyList<PostureComponent> Components)
{
    /// <summary>Nonce length.</summary>
    public const int NonceBytes = 16;

    /// <summary>The body format.</summary>
    public const byte Format = 2;

    /// <summary>Most components, and most weaknesses of one component.</summary>
    public const int MaxItems = 256;

    /// <summary>Encodes the body.</summary>
    public byte[] Encode()
    {
        if (Nonce.Length != NonceBytes)
        {
            throw new ArgumentException($"The nonce is {NonceBytes} bytes.", nameof(Nonce));
        }

        var w = new ByteWriter();
        w.U8(Format).Raw(Nonce).List(Components.ToList(), static (w, c) =>
        {
            w.Text(c.Name).Text(c.InstalledVersion).Text(c.LatestVersion).U8((byte)c.Role);
            w.List(c.Weaknesses.ToList(), static (w, x) =>
                w.Text(x.Id).U8(Math.Min(x.BaseTenths, (byte)100)).U8(Math.Min(x.TemporalTenths, (byte)100)).Text(x.FixedIn));
        });
        return w.ToArray();
    }

    /// <summary>Signs a response with the OEM key (the posture server and tests).</summary>
    public byte[] Sign(ISignatureKey oemKey, DateTimeOffset signedAt) => OemDocument.Sign(OemDocumentKind.PostureResponse, Encode(), oemKey, signedAt);

    /// <summary>Decodes a body.</summary>
    /// <exception cref="MalformedDataException">Not a posture response of format 2.</exception>
    public static PostureResponse Decode(ReadOnlyMemory<byte> body)
    {
        var r = new ByteReader(body, "PostureResponse");
        if (r.U8("format") != Format)
        {
            throw r.Fail("format", 0, $"format is not {Format}");
        }

        var nonce = r.Raw(NonceBytes, "nonce");
        var components = r.List("components", MaxItems, static r =>
        {
            var name = r.Text("name", 64);
            var installed = r.Text("installed", 32);
            var latest = r.Text("latest", 32);
            var role = r.Enum<ComponentRole>("role");
            var weaknesses = r.List("weaknesses", MaxItems, static r =>
            {
                var id = r.Text("id", 64);
                var at = r.Offset;
                var score = r.U8("base");
                var temporal = r.U8("temporal");
                if (score > 100 || temporal > 100)
                {
                    throw r.Fail("score", at, "CVSS scores are 0.0 to 10.0");
                }

                return new PostureWeakness(id, score, temporal, r.Text("fixedIn", 32));
            });
            return new PostureComponent(name, installed, latest, role, weaknesses);
        });
        r.ExpectEnd();
        return new PostureResponse(nonce, components);
    }
}
