using System.CommandLine;
using System.Globalization;
using CommandLine;
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
    private static IEnumerable<Command> Commands(TextWriter output, TimeProvider clock)
    {
        yield return InitCommand(output, clock);
        yield return KeygenCommand(output);
        yield return RegisterStationCommand(output, clock);

        var id = CliOptions.Text("--id", "the station", required: true);
        var idfVersion = CliOptions.Text("--idf-version", "the IDF version it now runs", required: true);
        yield return OnPki("update-station", "Record the IDF version a station now runs.", clock, (p, pki) =>
        {
            pki.Ea.UpdateIdfVersion(p.GetRequiredValue(id), p.GetRequiredValue(idfVersion));
            output.WriteLine($"station {p.GetRequiredValue(id)} now runs IDF version {p.GetRequiredValue(idfVersion)}");
        }, id, idfVersion);

        yield return AssessCommand(output, clock);

        var serial = Serial();
        var level = Level("--level", required: true);
        var reason = Reason();
        yield return OnPki("lower-assessment", "Lower an assessment's level.", clock, (p, pki) =>
        {
            pki.Audit.Lower((uint)p.GetValue(serial), (byte)p.GetValue(level), p.GetRequiredValue(reason));
            output.WriteLine($"assessment {p.GetValue(serial)} lowered to level {p.GetValue(level)}");
        }, serial, level, reason);

        var withdrawn = Serial();
        var withdrawReason = Reason();
        yield return OnPki("withdraw-assessment", "Withdraw an assessment.", clock, (p, pki) =>
        {
            pki.Audit.Withdraw((uint)p.GetValue(withdrawn), p.GetRequiredValue(withdrawReason));
            output.WriteLine($"assessment {p.GetValue(withdrawn)} withdrawn");
        }, withdrawn, withdrawReason);

        var station = CliOptions.Text("--station", "the registered station", required: true);
        var key = CliOptions.Text("--key", "its canonical key, SEC 1 P-256 hex", required: true, "HEX");
        var file = CliOptions.Text("--out", "the file to write", required: true, "FILE");
        yield return OnPki("issue", "Issue an enrolment certificate without the protocol (bench provisioning).", clock, (p, pki) =>
        {
            var ec = pki.Ea.IssueEcDirect(p.GetRequiredValue(station), ParseKey(p.GetRequiredValue(key)));
            File.WriteAllBytes(p.GetRequiredValue(file), ec.Encoded.ToArray());
            output.WriteLine($"EC {ec.HashedId8} for station {p.GetRequiredValue(station)} written to {p.GetRequiredValue(file)}");
        }, station, key, file);

        yield return RevokeCommand(output, clock);

        var ca = CliOptions.Text("--ca", "root, ea, aa, audit or a HashedId8 (16 hex digits)", required: true);
        ca.CompletionSources.Add("root", "ea", "aa", "audit");
        var crlFile = CliOptions.Text("--out", "also write the signed CRL message here", valueName: "FILE");
        yield return OnPki("crl", "Print a CA's CRL entries (and write its signed CRL).", clock, (p, pki) =>
        {
            var digest = CaDigest(pki, p.GetRequiredValue(ca), null);
            var crl = pki.Root.Crl(digest);
            var entries = pki.Context.Store.GetCrlEntries(digest);
            output.WriteLine($"CRL of {digest}: {entries.Count} entr{(entries.Count == 1 ? "y" : "ies")}");
            foreach (var e in entries)
            {
                output.WriteLine($"  {e}");
            }

            if (p.GetValue(crlFile) is { } path)
            {
                File.WriteAllBytes(path, crl);
                output.WriteLine($"signed CRL message written to {path}");
            }
        }, ca, crlFile);

        var certificateCa = CliOptions.Text("--ca", "root, ea, aa, audit, ma or a HashedId8 (16 hex digits)", required: true);
        certificateCa.CompletionSources.Add("root", "ea", "aa", "audit", "ma");
        var model = CliOptions.Text("--model", "with per-model AAs: whose AA", valueName: "VENDOR/PRODUCT");
        var certificateFile = CliOptions.Text("--out", "the file to write (COER)", required: true, "FILE");
        yield return OnPki("certificate", "Write a CA's certificate.", clock, (p, pki) =>
        {
            var digest = CaDigest(pki, p.GetRequiredValue(certificateCa), p.GetValue(model));
            var certificate = pki.Certificate(digest) ?? throw new ArgumentException($"no certificate {digest}");
            File.WriteAllBytes(p.GetRequiredValue(certificateFile), certificate.Encoded.ToArray());
            output.WriteLine($"certificate {digest} written to {p.GetRequiredValue(certificateFile)}");
        }, certificateCa, model, certificateFile);

        yield return ShowCommand(output, clock);
    }

    private static Option<int> Serial() => CliOptions.Integer("--serial", 1, int.MaxValue, "the assessment's serial number", required: true);

    private static Option<int> Level(string name, bool required) => CliOptions.Integer(name, 0, 7, "assurance level", required: required);

    private static Option<string> Reason() => CliOptions.Text("--reason", "why (recorded)", required: true, "TEXT");

    private static Command InitCommand(TextWriter output, TimeProvider clock)
    {
        var folder = Folder();
        var name = CliOptions.Text("--name", "the PKI's name (default bench)");
        var country = CliOptions.Integer("--country", 0, 65535, "UN M49 country code (default 276)", 276);
        var perModelAa = CliOptions.Flag("--per-model-aa", "one AA per IDF model");
        var lifetime = CliOptions.Integer("--ticket-lifetime-hours", 1, 65535, "ticket lifetime (default 168)", 168);
        var quantum = CliOptions.Integer("--ticket-quantum-minutes", 1, 10_080, "ticket start quantum (default 60)", 60);
        var observations = CliOptions.Integer("--observation-threshold", 1, 1000, "observations before a station request (default 3)", 3);
        var window = CliOptions.Integer("--observation-window-minutes", 1, 100_000, "their window (default 10)", 10);
        var implementations = CliOptions.Integer("--implementation-threshold", 1, 100_000, "stations before an implementation request (default 3)", 3);
        var confirm = CliOptions.Flag("--confirm-revocations", "global-detection requests wait for an investigator");
        var command = new Command("init", "Create a PKI in an empty folder.")
            { folder, name, country, perModelAa, lifetime, quantum, observations, window, implementations, confirm };
        command.SetAction(p =>
        {
            var options = new PkiOptions
            {
                Name = p.GetValue(name) ?? "bench",
                Country = (ushort)p.GetValue(country),
                PerModelAa = p.GetValue(perModelAa),
                TicketLifetime = TimeSpan.FromHours(p.GetValue(lifetime)),
                TicketQuantum = TimeSpan.FromMinutes(p.GetValue(quantum)),
                ObservationThreshold = p.GetValue(observations),
                ObservationWindow = TimeSpan.FromMinutes(p.GetValue(window)),
                ImplementationThreshold = p.GetValue(implementations),
                ConfirmRevocations = p.GetValue(confirm),
            };
            using var pki = BenchPki.Init(p.GetRequiredValue(folder), options, clock);
            output.WriteLine($"PKI '{options.Name}' created in {p.GetRequiredValue(folder)}");
            foreach (var ca in pki.Context.Store.GetAuthorities())
            {
                output.WriteLine($"  {ca.Role,-13} {ca.Certificate.HashedId8}{(ca.Model is null ? string.Empty : $"  model {ca.Model}")}");
            }
        });
        return command;
    }

    private static Command KeygenCommand(TextWriter output)
    {
        var file = CliOptions.Text("--out", "the file for the private scalar (hex, mode 0600)", required: true, "FILE");
        var command = new Command("keygen", "Generate a bench P-256 key: private scalar to a file, public key printed.") { file };
        command.SetAction(p =>
        {
            var path = p.GetRequiredValue(file);
            using var key = EcdsaP256SignatureKey.Generate();
            File.WriteAllText(path, Convert.ToHexStringLower(key.ExportPrivateKey()) + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            output.WriteLine($"private key written to {path}; public key {Convert.ToHexStringLower(key.PublicKey.Point.ToSec1())}");
        });
        return command;
    }

    private static Command RegisterStationCommand(TextWriter output, TimeProvider clock)
    {
        var id = CliOptions.Text("--id", "the station's identifier", required: true);
        var key = CliOptions.Text("--key", "its canonical key, SEC 1 P-256 hex", required: true, "HEX");
        var vendor = CliOptions.Text("--vendor", "the OBU's vendor", required: true);
        var product = CliOptions.Text("--product", "the OBU's product", required: true);
        var idfVendor = CliOptions.Text("--idf-vendor", "the IDF's vendor", required: true);
        var idfProduct = CliOptions.Text("--idf-product", "the IDF's product", required: true);
        var idfVersion = CliOptions.Text("--idf-version", "the IDF's version", required: true);
        var assurance = CliOptions.Integer("--assurance", 0, 7, "assurance level (default 2)", 2);
        // ETSI TS 102 894-2: StationType and the vehicle role, by name (any case) or number.
        var stationType = CliOptions.Enum("--station-type", "TS 102 894-2 station type (default passengerCar)", StationType.PassengerCar);
        var role = CliOptions.Enum("--role", "TS 102 894-2 vehicle role (default default)", VehicleRole.Default);
        var investigator = CliOptions.Flag("--investigator", "the station may investigate (misbehaviour authority)");
        return OnPki("register-station", "Register a station with its IDF implementation.", clock, (p, pki) =>
        {
            var station = new StationRecord
            {
                StationId = p.GetRequiredValue(id),
                CanonicalKey = ParseKey(p.GetRequiredValue(key)),
                Vendor = p.GetRequiredValue(vendor),
                Product = p.GetRequiredValue(product),
                Idf = new IdfImplementation(p.GetRequiredValue(idfVendor), p.GetRequiredValue(idfProduct), p.GetRequiredValue(idfVersion)),
                AssuranceLevel = (byte)p.GetValue(assurance),
                StationType = p.GetValue(stationType),
                Role = p.GetValue(role),
                Investigator = p.GetValue(investigator),
            };
            pki.Ea.RegisterStation(station);
            output.WriteLine($"station {station.StationId} registered ({station.Vendor} {station.Product}, IDF {station.Idf}, {station.StationType} {station.Role})");
        }, id, key, vendor, product, idfVendor, idfProduct, idfVersion, assurance, stationType, role, investigator);
    }

    private static Command AssessCommand(TextWriter output, TimeProvider clock)
    {
        var vendor = CliOptions.Text("--idf-vendor", "the IDF's vendor", required: true);
        var product = CliOptions.Text("--idf-product", "the IDF's product", required: true);
        var versions = CliOptions.Text("--versions", "the versions assessed", required: true, "A..B");
        var level = Level("--level", required: true);
        var from = Time("--from", "start (default now)");
        var until = Time("--until", "end (default two years after the start)");
        var evidence = CliOptions.Text("--evidence", "the evidence (recorded)", valueName: "TEXT");
        return OnPki("assess", "Assess an IDF implementation's versions at an assurance level.", clock, (p, pki) =>
        {
            var range = VersionRange.Parse(p.GetRequiredValue(versions));
            var start = p.GetValue(from) ?? pki.Context.NowUtc;
            var end = p.GetValue(until) ?? start.AddYears(2);
            var serial = pki.Audit.Assess(p.GetRequiredValue(vendor), p.GetRequiredValue(product), range, (byte)p.GetValue(level), start, end, p.GetValue(evidence) ?? string.Empty);
            output.WriteLine($"assessment {serial}: {p.GetRequiredValue(vendor)}/{p.GetRequiredValue(product)} {range} level {p.GetValue(level)} from {start:O} until {end:O}");
        }, vendor, product, versions, level, from, until, evidence);
    }

    // An ISO 8601 time, read as UTC when it names no offset.
    private static Option<DateTimeOffset?> Time(string name, string description)
    {
        var option = new Option<DateTimeOffset?>(name) { Description = description, HelpName = "ISO-8601" };
        option.CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            {
                return value.ToUniversalTime();
            }

            r.AddError($"{name} is an ISO 8601 time such as 2026-03-01T12:00:00Z, not '{text}'.");
            return null;
        };
        return option;
    }

    private static Command RevokeCommand(TextWriter output, TimeProvider clock)
    {
        var station = CliOptions.Text("--station", "revoke a station");
        var implementation = CliOptions.Text("--implementation", "revoke an IDF implementation's versions", valueName: "VENDOR/PRODUCT");
        var certificate = CliOptions.Text("--certificate", "revoke a certificate", valueName: "HASHEDID8");
        var versions = CliOptions.Text("--versions", "with --implementation: the versions", valueName: "A..B");
        var lowerTo = Level("--lower-to", required: false);
        var reason = Reason();
        var command = OnPki("revoke", "Revoke a station, an implementation's versions or a certificate.", clock, (p, pki) =>
        {
            string done;
            if (p.GetValue(station) is { } s)
            {
                done = pki.Revocations.RevokeStation(s, p.GetRequiredValue(reason));
            }
            else if (p.GetValue(implementation) is { } i)
            {
                var parts = i.Split('/');
                if (parts.Length != 2)
                {
                    throw new UsageException("--implementation is VENDOR/PRODUCT");
                }

                var range = VersionRange.Parse(p.GetValue(versions) ?? throw new UsageException("revoke --implementation needs --versions A..B"));
                var lower = !p.IsGiven(lowerTo) ? (byte?)null : (byte)p.GetValue(lowerTo);
                done = pki.Revocations.RevokeImplementation(parts[0], parts[1], range, lower, p.GetRequiredValue(reason));
            }
            else
            {
                done = pki.Revocations.RevokeCertificate(ParseDigest(p.GetRequiredValue(certificate)), p.GetRequiredValue(reason));
            }

            output.WriteLine(done);
        }, station, implementation, certificate, versions, lowerTo, reason);
        command.Validators.Add(r =>
        {
            var given = new Option[] { station, implementation, certificate }.Count(r.IsGiven);
            if (given != 1)
            {
                r.AddError("revoke takes exactly one of --station, --implementation, --certificate.");
            }
        });
        return command;
    }

    private static HashedId8 CaDigest(BenchPki pki, string ca, string? model) => ca switch
    {
        "root" => pki.RootCertificate.HashedId8,
        "ea" => pki.EaCertificate.HashedId8,
        "audit" => pki.AuditCertificate.HashedId8,
        "ma" => pki.MaCertificate.HashedId8,
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
