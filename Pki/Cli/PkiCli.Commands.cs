using System.Globalization;
using Pki.Authorities;
using Pki.Store;
using PkiProtocol.Audit;
using V2x.Facilities.ItsContainer;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;

namespace Pki.Cli;

public static partial class PkiCli
{
    private static void Run(string command, string[] rest, TextWriter output, TimeProvider clock)
    {
        switch (command)
        {
            case "init":
                Init(new CliArguments(rest, "per-model-aa"), output, clock);
                break;
            case "keygen":
                Keygen(new CliArguments(rest), output);
                break;
            case "register-station":
                WithPki(new CliArguments(rest, "investigator"), clock, (a, pki) => RegisterStation(a, pki, output));
                break;
            case "update-station":
                WithPki(new CliArguments(rest), clock, (a, pki) =>
                {
                    var id = a.Required("id");
                    var version = a.Required("idf-version");
                    a.Done(1);
                    pki.Ea.UpdateIdfVersion(id, version);
                    output.WriteLine($"station {id} now runs IDF version {version}");
                });
                break;
            case "assess":
                WithPki(new CliArguments(rest), clock, (a, pki) => Assess(a, pki, output));
                break;
            case "lower-assessment":
                WithPki(new CliArguments(rest), clock, (a, pki) =>
                {
                    var serial = (uint)a.RequiredInt("serial", 1, int.MaxValue);
                    var level = (byte)a.RequiredInt("level", 0, 7);
                    var reason = a.Required("reason");
                    a.Done(1);
                    pki.Audit.Lower(serial, level, reason);
                    output.WriteLine($"assessment {serial} lowered to level {level}");
                });
                break;
            case "withdraw-assessment":
                WithPki(new CliArguments(rest), clock, (a, pki) =>
                {
                    var serial = (uint)a.RequiredInt("serial", 1, int.MaxValue);
                    var reason = a.Required("reason");
                    a.Done(1);
                    pki.Audit.Withdraw(serial, reason);
                    output.WriteLine($"assessment {serial} withdrawn");
                });
                break;
            case "issue":
                WithPki(new CliArguments(rest), clock, (a, pki) =>
                {
                    var station = a.Required("station");
                    var key = ParseKey(a.Required("key"));
                    var file = a.Required("out");
                    a.Done(1);
                    var ec = pki.Ea.IssueEcDirect(station, key);
                    File.WriteAllBytes(file, ec.Encoded.ToArray());
                    output.WriteLine($"EC {ec.HashedId8} for station {station} written to {file}");
                });
                break;
            case "revoke":
                WithPki(new CliArguments(rest), clock, (a, pki) => Revoke(a, pki, output));
                break;
            case "crl":
                WithPki(new CliArguments(rest), clock, (a, pki) =>
                {
                    var ca = CaDigest(pki, a.Required("ca"), null);
                    var file = a.Optional("out");
                    a.Done(1);
                    var crl = pki.Root.Crl(ca);
                    var entries = pki.Context.Store.GetCrlEntries(ca);
                    output.WriteLine($"CRL of {ca}: {entries.Count} entr{(entries.Count == 1 ? "y" : "ies")}");
                    foreach (var e in entries)
                    {
                        output.WriteLine($"  {e}");
                    }

                    if (file is not null)
                    {
                        File.WriteAllBytes(file, crl);
                        output.WriteLine($"signed CRL message written to {file}");
                    }
                });
                break;
            case "certificate":
                WithPki(new CliArguments(rest), clock, (a, pki) =>
                {
                    var digest = CaDigest(pki, a.Required("ca"), a.Optional("model"));
                    var file = a.Required("out");
                    a.Done(1);
                    var certificate = pki.Certificate(digest) ?? throw new ArgumentException($"no certificate {digest}");
                    File.WriteAllBytes(file, certificate.Encoded.ToArray());
                    output.WriteLine($"certificate {digest} written to {file}");
                });
                break;
            case "show":
                WithPki(new CliArguments(rest), clock, (a, pki) => Show(a, pki, output));
                break;
            default:
                throw new UsageException($"unknown command '{command}'");
        }
    }

    private static void WithPki(CliArguments a, TimeProvider clock, Action<CliArguments, BenchPki> act)
    {
        var folder = a.Positional(0, "<folder>");
        using var pki = BenchPki.Open(folder, clock);
        act(a, pki);
    }

    private static void Init(CliArguments a, TextWriter output, TimeProvider clock)
    {
        var folder = a.Positional(0, "<folder>");
        var options = new PkiOptions
        {
            Name = a.Optional("name") ?? "bench",
            Country = (ushort)a.Int("country", 276, 0, 65535),
            PerModelAa = a.Flag("per-model-aa"),
            TicketLifetime = TimeSpan.FromHours(a.Int("ticket-lifetime-hours", 168, 1, 65535)),
            TicketQuantum = TimeSpan.FromMinutes(a.Int("ticket-quantum-minutes", 60, 1, 10_080)),
        };
        a.Done(1);
        using var pki = BenchPki.Init(folder, options, clock);
        output.WriteLine($"PKI '{options.Name}' created in {folder}");
        foreach (var ca in pki.Context.Store.GetAuthorities())
        {
            output.WriteLine($"  {ca.Role,-13} {ca.Certificate.HashedId8}{(ca.Model is null ? string.Empty : $"  model {ca.Model}")}");
        }
    }

    private static void Keygen(CliArguments a, TextWriter output)
    {
        var file = a.Required("out");
        a.Done(0);
        using var key = EcdsaP256SignatureKey.Generate();
        File.WriteAllText(file, Convert.ToHexStringLower(key.ExportPrivateKey()) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        output.WriteLine($"private key written to {file}; public key {Convert.ToHexStringLower(key.PublicKey.Point.ToSec1())}");
    }

    private static void RegisterStation(CliArguments a, BenchPki pki, TextWriter output)
    {
        var station = new StationRecord
        {
            StationId = a.Required("id"),
            CanonicalKey = ParseKey(a.Required("key")),
            Vendor = a.Required("vendor"),
            Product = a.Required("product"),
            Idf = new IdfImplementation(a.Required("idf-vendor"), a.Required("idf-product"), a.Required("idf-version")),
            AssuranceLevel = (byte)a.Int("assurance", 2, 0, 7),
            StationType = EnumOption<StationType>(a, "station-type", StationType.PassengerCar),
            Role = EnumOption<VehicleRole>(a, "role", VehicleRole.Default),
            Investigator = a.Flag("investigator"),
        };
        a.Done(1);
        pki.Ea.RegisterStation(station);
        output.WriteLine($"station {station.StationId} registered ({station.Vendor} {station.Product}, IDF {station.Idf}, {station.StationType} {station.Role})");
    }

    // A TS 102 894-2 value by name (passengerCar, specialVehicles, emergency, roadWork: any case) or number.
    private static T EnumOption<T>(CliArguments a, string name, T fallback)
        where T : struct, Enum => a.Optional(name) switch
        {
            null => fallback,
            var v when Enum.TryParse<T>(v, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) => parsed,
            var v => throw new UsageException($"--{name} is one of {string.Join(", ", Enum.GetNames<T>())}, not '{v}'"),
        };

    private static void Assess(CliArguments a, BenchPki pki, TextWriter output)
    {
        var vendor = a.Required("idf-vendor");
        var product = a.Required("idf-product");
        var versions = VersionRange.Parse(a.Required("versions"));
        var level = (byte)a.RequiredInt("level", 0, 7);
        var now = pki.Context.NowUtc;
        var from = a.Time("from") ?? now;
        var until = a.Time("until") ?? from.AddYears(2);
        var evidence = a.Optional("evidence") ?? string.Empty;
        a.Done(1);
        var serial = pki.Audit.Assess(vendor, product, versions, level, from, until, evidence);
        output.WriteLine($"assessment {serial}: {vendor}/{product} {versions} level {level} from {from:O} until {until:O}");
    }

    private static void Revoke(CliArguments a, BenchPki pki, TextWriter output)
    {
        var station = a.Optional("station");
        var implementation = a.Optional("implementation");
        var certificate = a.Optional("certificate");
        var reason = a.Required("reason");
        if ((station is null ? 0 : 1) + (implementation is null ? 0 : 1) + (certificate is null ? 0 : 1) != 1)
        {
            throw new UsageException("revoke takes exactly one of --station, --implementation, --certificate");
        }

        string done;
        if (station is not null)
        {
            a.Done(1);
            done = pki.Revocations.RevokeStation(station, reason);
        }
        else if (implementation is not null)
        {
            var parts = implementation.Split('/');
            if (parts.Length != 2)
            {
                throw new UsageException("--implementation is VENDOR/PRODUCT");
            }

            var versions = VersionRange.Parse(a.Required("versions"));
            var lower = a.Optional("lower-to") is null ? (byte?)null : (byte)a.RequiredInt("lower-to", 0, 7);
            a.Done(1);
            done = pki.Revocations.RevokeImplementation(parts[0], parts[1], versions, lower, reason);
        }
        else
        {
            a.Done(1);
            done = pki.Revocations.RevokeCertificate(ParseDigest(certificate!), reason);
        }

        output.WriteLine(done);
    }

    private static HashedId8 CaDigest(BenchPki pki, string ca, string? model) => ca switch
    {
        "root" => pki.RootCertificate.HashedId8,
        "ea" => pki.EaCertificate.HashedId8,
        "audit" => pki.AuditCertificate.HashedId8,
        "aa" => (pki.AaCertificate(model) ?? throw new ArgumentException("no active AA (with per-model AAs give --model VENDOR/PRODUCT)")).HashedId8,
        _ => ParseDigest(ca),
    };

    private static HashedId8 ParseDigest(string text) =>
        text.Length == 16 && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? new HashedId8(value)
            : throw new UsageException($"'{text}' is not a HashedId8 (16 hex digits)");

    /// <summary>A P-256 public key as SEC 1 hex (02/03 compressed or 04 uncompressed).</summary>
    private static PublicVerificationKey ParseKey(string hex)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            throw new ArgumentException("--key is hex");
        }

        var point = bytes switch
        {
            [0x02 or 0x03, ..] when bytes.Length == 33 => EccP256CurvePoint.Compressed(bytes.AsSpan(1), bytes[0] == 0x03),
            [0x04, ..] when bytes.Length == 65 => EccP256CurvePoint.Uncompressed(bytes.AsSpan(1, 32), bytes.AsSpan(33)),
            _ => throw new ArgumentException("--key is a SEC 1 P-256 point: 02/03 + 32 octets or 04 + 64 octets"),
        };
        return new PublicVerificationKey(SignatureAlgorithm.EcdsaNistP256, point);
    }
}
