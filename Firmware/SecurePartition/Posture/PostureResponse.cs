using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Encoding;
using V2x.Security.Crypto;

namespace Firmware.SecurePartition.Posture;

/// <summary>
/// The OEM-signed posture response (patent fig. 9): the request's nonce and one assessment per
/// component. Body (inside an <see cref="OemDocument"/> of kind PostureResponse), big-endian:
/// <code>
/// u8 format (1) | 16 bytes nonce | list component { text name, text installed, text latest,
///                                                    u8 cvss tenths (0..100), u16 vulnerabilities, bool patch }
/// </code>
/// </summary>
/// <param name="Nonce">The nonce of the request it answers.</param>
/// <param name="Components">The assessments.</param>
public sealed record PostureResponse(byte[] Nonce, IReadOnlyList<PostureComponent> Components)
{
    /// <summary>Nonce length.</summary>
    public const int NonceBytes = 16;

    /// <summary>Encodes the body.</summary>
    public byte[] Encode()
    {
        if (Nonce.Length != NonceBytes)
        {
            throw new ArgumentException($"The nonce is {NonceBytes} bytes.", nameof(Nonce));
        }

        var w = new ByteWriter();
        w.U8(1).Raw(Nonce).List(Components.ToList(), static (w, c) =>
            w.Text(c.Name).Text(c.InstalledVersion).Text(c.LatestVersion).U8(Math.Min(c.CvssTenths, (byte)100)).U16(c.KnownVulnerabilities).Bool(c.PatchAvailable));
        return w.ToArray();
    }

    /// <summary>Signs a response with the OEM key (the bench posture server and tests).</summary>
    public byte[] Sign(ISignatureKey oemKey, DateTimeOffset signedAt) => OemDocument.Sign(OemDocumentKind.PostureResponse, Encode(), oemKey, signedAt);

    /// <summary>Decodes a body.</summary>
    /// <exception cref="MalformedDataException">Not a posture response.</exception>
    public static PostureResponse Decode(ReadOnlyMemory<byte> body)
    {
        var r = new ByteReader(body, "PostureResponse");
        if (r.U8("format") != 1)
        {
            throw r.Fail("format", 0, "format is not 1");
        }

        var nonce = r.Raw(NonceBytes, "nonce");
        var components = r.List("components", 256, static r =>
        {
            var name = r.Text("name", 64);
            var installed = r.Text("installed", 32);
            var latest = r.Text("latest", 32);
            var at = r.Offset;
            var cvss = r.U8("cvss");
            if (cvss > 100)
            {
                throw r.Fail("cvss", at, "CVSS is 0.0 to 10.0");
            }

            return new PostureComponent(name, installed, latest, cvss, r.U16("vulnerabilities"), r.Bool("patch"));
        });
        r.ExpectEnd();
        return new PostureResponse(nonce, components);
    }
}
