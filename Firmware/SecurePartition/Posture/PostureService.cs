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
/// accepted one. The accepted response persists ("posture.last"). Its assessment of the installed versions is the basis of
/// the compact grade every message carries (<see cref="Grade"/>) and of the detailed report's posture. Thread-safe.
/// </summary>
public sealed class PostureService
{
    private const string LastKey = "posture.last";
    private readonly BoardCapabilities _board;
    private readonly BootRom _rom;
    private readonly Lock _lock = new();
    private byte[]? _outstanding;
    private (PostureResponse Response, DateTimeOffset SignedAt)? _last;
    private PostureStatus? _basis;

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

        _basis = Assess(_last, Installed());
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

    /// <summary>The posture of the installed versions (refreshes the grade's basis from the inventory).</summary>
    public PostureStatus Status()
    {
        (PostureResponse Response, DateTimeOffset SignedAt)? last;
        lock (_lock)
        {
            last = _last;
        }

        var status = Assess(last, Installed());
        lock (_lock)
        {
            if (ReferenceEquals(_last?.Response, last?.Response))
            {
                _basis = status;
            }
        }

        return status;
    }

    /// <summary>
    /// The compact posture grade for the report on the air (V2x.Integrity.PostureGrade, Docs/formats.md §3.4): the CVSS v3.1
    /// rating of the highest base score over the unpatched weaknesses of the installed versions, whether the V2X application
    /// and the IDF are each at their latest version, and the age at <paramref name="now"/> of the last successful poll.
    /// Reads no inventory (it runs per message): the basis is computed when a response is accepted, at start and by
    /// <see cref="Status"/> (the update trigger polls again, so a new installed version is assessed at once).
    /// </summary>
    public V2x.Integrity.PostureGrade Grade(V2x.Time.Time64 now)
    {
        PostureStatus? basis;
        lock (_lock)
        {
            basis = _basis;
        }

        if (basis is not { Known: true, LastPoll: { } polled })
        {
            return V2x.Integrity.PostureGrade.NotAssessed;
        }

        return new V2x.Integrity.PostureGrade(basis.Severity, basis.AppUpToDate, basis.IdfUpToDate, V2x.Integrity.PostureGrade.AgeOf(now.ToUtc() - polled));
    }

    // The posture of the installed versions under a response (or none).
    private static PostureStatus Assess((PostureResponse Response, DateTimeOffset SignedAt)? last, List<SoftwareComponent> installed)
    {
        if (last is not { } l)
        {
            return new PostureStatus(false, 0, 0, 0, false, false, false, false, null, installed.Select(c => c.Name).ToList(), []);
        }

        var weaknesses = new List<(string, PostureWeakness)>();
        var upToDate = true;
        var unassessed = new List<string>();
        var assessed = new List<PostureComponent>();
        foreach (var c in installed)
        {
            var a = l.Response.Components.FirstOrDefault(x => x.Name == c.Name && x.InstalledVersion == c.Version);
            if (a is null)
            {
                unassessed.Add(c.Name);
                upToDate = false;
                continue;
            }

            assessed.Add(a);
            upToDate &= a.Current;
            weaknesses.AddRange(a.Unpatched.Select(w => (a.Name, w)));
        }

        // A role is up to date when its installed components are all assessed at their installed versions and current, and there is one.
        bool RoleCurrent(ComponentRole role) =>
            assessed.Any(x => x.Role == role) && assessed.Where(x => x.Role == role).All(x => x.Current)
            && !unassessed.Any(n => l.Response.Components.Any(x => x.Name == n && x.Role == role));

        var highest = weaknesses.Count == 0 ? 0 : weaknesses.Max(w => w.Item2.BaseTenths) / 10.0;
        return new PostureStatus(true, highest, weaknesses.Count(w => w.Item2.BaseTenths >= 70), weaknesses.Count, upToDate, RoleCurrent(ComponentRole.Application),
            RoleCurrent(ComponentRole.Idf), weaknesses.Any(w => w.Item2.PatchAvailable), l.SignedAt, unassessed, weaknesses);
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
