using Pki.Authorities;
using PkiProtocol;

namespace Fuzzing.Targets;

/// <summary>
/// PKI request parsing at the bench PKI's authorities (ETSI TS 102 941 v1.4.1 §6.2.3: enrolment, authorization,
/// authorization validation; the misbehaviour report of Docs/pki.md). Each input's first octet chooses the endpoint
/// (modulo 4: 0 enrolment at the EA, 1 authorization at the AA, 2 validation at the EA, 3 report at the MA), the rest
/// is the request body as the HTTP service passes it on. The PKI is the fixture's (Fixtures/pki: a registered
/// station, an assessed IDF, the station enrolled), copied once per process into a temporary folder and kept open
/// (as the running service keeps it), on a fixed clock. A refusal is <see cref="PkiException"/> (the service answers
/// it with its HTTP status); any other exception is a finding.
/// </summary>
public sealed partial class PkiTarget : IFuzzTarget, IDisposable
{
    /// <summary>The fixture folder under the fixtures (a PKI state file, pki.db).</summary>
    public const string FixtureFolder = "pki";

    private static readonly string[] Endpoints = ["enrolment", "authorization", "validation", "report"];

    private readonly string _fixtures;
    private string? _folder;
    private BenchPki? _pki;

    /// <summary>A target opening the PKI of <paramref name="fixtures"/>/pki.</summary>
    public PkiTarget(string fixtures) => _fixtures = fixtures;

    /// <inheritdoc />
    public string Name => "pki";

    /// <inheritdoc />
    public string Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return "empty";
        }

        var pki = _pki ??= OpenFixture();
        var endpoint = input[0] % Endpoints.Length;
        var body = input.AsMemory(1);
        try
        {
            var answer = endpoint switch
            {
                0 => $"{pki.Ea.ProcessEnrolment(body).Length} octet(s)",
                1 => $"{pki.Aa.ProcessAuthorization(body).Length} octet(s)",
                2 => $"{pki.Ea.ProcessValidation(body).Length} octet(s)",
                _ => pki.Ma.ProcessReport(body),
            };
            return $"{Endpoints[endpoint]}: answered {answer}";
        }
        catch (PkiException e)
        {
            return $"{Endpoints[endpoint]}: refused {e.Failure}";
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _pki?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private BenchPki OpenFixture()
    {
        var state = Path.Combine(_fixtures, FixtureFolder, Pki.Store.PkiStore.FileName);
        if (!File.Exists(state))
        {
            throw new InvalidDataException($"the PKI fixture {state} is missing: run `dotnet Fuzzing.dll seed pki <corpus> <fixtures>`");
        }

        _folder = Directory.CreateTempSubdirectory("fuzz-pki-").FullName;
        File.Copy(state, Path.Combine(_folder, Pki.Store.PkiStore.FileName));
        return BenchPki.Open(_folder, new FixedClock(Start));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
