using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Encoding;
using Hardware;
using Hardware.Inventory;

namespace Firmware.SecurePartition.Posture;

/// <summary>
/// The posture exchange of patent fig. 9, verified inside the partition: the partition issues a
/// request with a fresh nonce and its installed versions; the application carries it to the
/// posture server and hands back the OEM-signed response, which the partition accepts only with
/// the pinned OEM key, the outstanding nonce (no replay) and a signing time newer than the last
/// accepted one. The accepted response persists ("posture.last"). Thread-safe.
/// </summary>
public sealed class PostureService
{
    private const string LastKey = "posture.last";
    private readonly BoardCapabilities _board;
    private readonly BootRom _rom;
    private readonly Lock _lock = new();
    private byte[]? _outstanding;
    private (PostureResponse Response, DateTimeOffset SignedAt)? _last;

    /// <summary>Loads the last accepted response (a corrupt or no longer verifying one is dropped).</summary>
    public PostureService(BoardCapabilities board, BootRom rom)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(rom);
        _board = board;
        _rom = rom;
        if (board.Storage.Read(LastKey) is { } stored)
        {
            try
            {
                var (body, at) = OemDocument.Open(stored, OemDocumentKind.PostureResponse, rom);
                _last = (PostureResponse.Decode(body), at);
            }
            catch (Exception e) when (e is OemDocumentException or MalformedDataException)
            {
                _last = null;
            }
        }
    }

    /// <summary>
    /// A new request: u8 format 1 | 16 bytes nonce | list { text name, text version } of the
    /// installed software. Replaces any outstanding request.
    /// </summary>
    public byte[] CreateRequest()
    {
        var nonce = new byte[PostureResponse.NonceBytes];
        _board.Random.Fill(nonce);
        var installed = Installed();
        var w = new ByteWriter();
        w.U8(1).Raw(nonce).List(installed, static (w, c) => w.Text(c.Name).Text(c.Version));
        lock (_lock)
        {
            _outstanding = nonce;
        }

        return w.ToArray();
    }

    /// <summary>Verifies and accepts a signed response; nothing changes when it is refused.</summary>
    /// <exception cref="PartitionException">Not signed by the OEM, malformed, stale, or not for the outstanding request.</exception>
    public PostureStatus Install(ReadOnlyMemory<byte> signed)
    {
        PostureResponse response;
        DateTimeOffset signedAt;
        try
        {
            var (body, at) = OemDocument.Open(signed, OemDocumentKind.PostureResponse, _rom);
            response = PostureResponse.Decode(body);
            signedAt = at;
        }
        catch (OemDocumentException e)
        {
            throw new PartitionException(PartitionError.PostureRejected, e.Message, e);
        }
        catch (MalformedDataException e)
        {
            throw new PartitionException(PartitionError.PostureRejected, e.Message, e);
        }

        lock (_lock)
        {
            if (_outstanding is null || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(_outstanding, response.Nonce))
            {
                throw new PartitionException(PartitionError.PostureRejected, "The response does not answer the outstanding request (replayed or unsolicited).");
            }

            if (_last is { } last && signedAt <= last.SignedAt)
            {
                throw new PartitionException(PartitionError.PostureRejected, "The response is not newer than the one held.");
            }

            if (signedAt > _board.Time.GetUtcNow() + TimeSpan.FromMinutes(5))
            {
                throw new PartitionException(PartitionError.PostureRejected, "The response is signed in the future.");
            }

            _board.Storage.Write(LastKey, signed.Span);
            _last = (response, signedAt);
            _outstanding = null;
        }

        return Status();
    }

    /// <summary>The posture of the installed versions.</summary>
    public PostureStatus Status()
    {
        (PostureResponse Response, DateTimeOffset SignedAt)? last;
        lock (_lock)
        {
            last = _last;
        }

        var installed = Installed();
        if (last is not { } l)
        {
            return new PostureStatus(false, 0, 0, false, false, null, installed.Select(c => c.Name).ToList());
        }

        var cvss = 0;
        var vulnerabilities = 0;
        var upToDate = true;
        var patches = false;
        var unassessed = new List<string>();
        foreach (var c in installed)
        {
            var a = l.Response.Components.FirstOrDefault(x => x.Name == c.Name && x.InstalledVersion == c.Version);
            if (a is null)
            {
                unassessed.Add(c.Name);
                upToDate = false;
                continue;
            }

            cvss = Math.Max(cvss, a.CvssTenths);
            vulnerabilities += a.KnownVulnerabilities;
            upToDate &= a.LatestVersion == a.InstalledVersion;
            patches |= a.PatchAvailable;
        }

        return new PostureStatus(true, cvss / 10.0, vulnerabilities, upToDate, patches, l.SignedAt, unassessed);
    }

    /// <summary>
    /// The compact posture grade for the report on the air (V2x.Integrity.PostureGrade): the worst CVSS
    /// score among the assessed components, whether every assessed component is at its latest version
    /// (both the application and IDF flags, until the response names which component is which), and
    /// the age of the accepted response at <paramref name="now"/>. Reads no inventory (it runs per message).
    /// </summary>
    public V2x.Integrity.PostureGrade Grade(V2x.Time.Time64 now)
    {
        (PostureResponse Response, DateTimeOffset SignedAt)? last;
        lock (_lock)
        {
            last = _last;
        }

        if (last is not { } l)
        {
            return V2x.Integrity.PostureGrade.NotAssessed;
        }

        var worst = l.Response.Components.Count == 0 ? 0 : l.Response.Components.Max(c => (int)c.CvssTenths);
        var current = l.Response.Components.All(c => c.LatestVersion == c.InstalledVersion);
        return new V2x.Integrity.PostureGrade(
            V2x.Integrity.PostureGrade.SeverityOf(worst / 10.0), current, current, V2x.Integrity.PostureGrade.AgeOf(now.ToUtc() - l.SignedAt));
    }

    private List<SoftwareComponent> Installed()
    {
        try
        {
            return _board.SoftwareInventory?.Read().ToList() ?? [];
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>The nonce of a request made by <see cref="CreateRequest"/> (for the server side and tests).</summary>
    public static byte[] NonceOf(ReadOnlySpan<byte> request) =>
        request.Length >= 1 + PostureResponse.NonceBytes ? request.Slice(1, PostureResponse.NonceBytes).ToArray() : throw new ArgumentException("Not a posture request.", nameof(request));

    /// <summary>The installed (name, version) pairs of a request.</summary>
    public static IReadOnlyList<(string Name, string Version)> InstalledOf(ReadOnlyMemory<byte> request)
    {
        var r = new ByteReader(request, "PostureRequest");
        _ = r.U8("format");
        _ = r.Raw(PostureResponse.NonceBytes, "nonce");
        var list = r.List("installed", 256, static r => (r.Text("name"), r.Text("version")));
        r.ExpectEnd();
        return list;
    }
}
