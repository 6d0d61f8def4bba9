using Microsoft.Extensions.Time.Testing;
using Pki.Authorities;
using Pki.Store;
using PkiProtocol.Audit;
using PkiProtocol.Client;
using Testing;
using V2x.Facilities.ItsContainer;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Time;

namespace Pki.Tests;

/// <summary>
/// A bench PKI in a temporary folder with a hand-driven clock, and the station side of the protocol run
/// through the library (<see cref="StationRequests"/>) against the authorities directly.
/// </summary>
public sealed class TestBench : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly IdfImplementation Idf = new("Acme", "Guard", "2.0");

    public TestBench(bool perModelAa = false, string? folder = null)
    {
        Folder = folder ?? TestInfra.NewTempDirectory("pki-test");
        Clock = new FakeTimeProvider(Start);
        Pki = BenchPki.Init(Folder, new PkiOptions { PerModelAa = perModelAa }, Clock);
    }

    public string Folder { get; }

    public FakeTimeProvider Clock { get; }

    public BenchPki Pki { get; private set; }

    public Time64 Now => Time64.Now(Clock);

    /// <summary>Closes and reopens the state (a service restart).</summary>
    public void Restart()
    {
        Pki.Dispose();
        Pki = BenchPki.Open(Folder, Clock);
    }

    /// <summary>Registers a station with a fresh canonical key (a passenger car of the default role unless told).</summary>
    public Station Register(string id, IdfImplementation? idf = null, bool investigator = false, byte assurance = 2,
        StationType stationType = StationType.PassengerCar, VehicleRole role = VehicleRole.Default)
    {
        var station = new Station(id, EcdsaP256SignatureKey.Generate(), idf ?? Idf);
        Pki.Ea.RegisterStation(new StationRecord
        {
            StationId = id,
            CanonicalKey = station.CanonicalKey.PublicKey,
            Vendor = "Acme Motors",
            Product = "OBU-7",
            Idf = station.Idf,
            AssuranceLevel = assurance,
            StationType = stationType,
            Role = role,
            Investigator = investigator,
        });
        return station;
    }

    /// <summary>Enrols through the EA (library, no HTTP).</summary>
    public Certificate Enrol(Station station)
    {
        var request = StationRequests.Enrolment(station.Id, station.CanonicalKey, station.EcKey, Pki.EaCertificate, Now, out var key);
        var response = Pki.Ea.ProcessEnrolment(request);
        station.Ec = StationRequests.ReadEnrolmentResponse(response, key, request, Pki.EaCertificate, Now);
        return station.Ec;
    }

    /// <summary>Gets an AT through the AA (library, no HTTP).</summary>
    public (Certificate Ticket, EcdsaP256SignatureKey Key) Authorize(Station station, TicketRequest? request = null)
    {
        var key = EcdsaP256SignatureKey.Generate();
        var aa = Pki.AaCertificate(station.Idf.Model) ?? throw new InvalidOperationException("no AA for the model");
        var message = AuthorizationRequest(station, key, request);
        var response = Pki.Aa.ProcessAuthorization(message.Bytes);
        return (StationRequests.ReadAuthorizationResponse(response, message.DataKey, message.Bytes, aa, key.PublicKey, Now), key);
    }

    public (byte[] Bytes, byte[] DataKey) AuthorizationRequest(Station station, ISignatureKey ticketKey, TicketRequest? request = null)
    {
        var aa = Pki.AaCertificate(station.Idf.Model) ?? throw new InvalidOperationException("no AA for the model");
        var bytes = StationRequests.Authorization(station.Ec ?? throw new InvalidOperationException("enrol first"), station.EcKey, ticketKey,
            Pki.EaCertificate, aa, request ?? new TicketRequest(), Now, out var dataKey);
        return (bytes, dataKey);
    }

    public uint AssessIdf(byte level, string versions = "1.0..2.9") =>
        Pki.Audit.Assess(Idf.Vendor, Idf.Product, VersionRange.Parse(versions), level, Start.AddDays(-1), Start.AddYears(2), "lab report AR-17");

    public void Dispose()
    {
        Pki.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}

/// <summary>A station of the tests: canonical key, EC key, IDF implementation, and its EC once enrolled.</summary>
public sealed class Station(string id, EcdsaP256SignatureKey canonicalKey, IdfImplementation idf)
{
    public string Id { get; } = id;

    public EcdsaP256SignatureKey CanonicalKey { get; } = canonicalKey;

    public EcdsaP256SignatureKey EcKey { get; } = EcdsaP256SignatureKey.Generate();

    public IdfImplementation Idf { get; } = idf;

    public Certificate? Ec { get; set; }
}
