using System.Globalization;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Detection;
using Firmware.SecurePartition.Reports;
using Firmware.SecurePartition.Triggers;
using Hardware.Inventory;
using Hardware.Positioning;
using V2x.Integrity;

namespace Firmware.Tests.Upstream.Support;

/// <summary>
/// Generates detailed reports salted with personal data wherever a board could put it: VINs (ISO
/// 3779 shape), number plates (UK, FR, DE formats), IMEI and IMSI (3GPP TS 23.003 shapes), precise
/// coordinates and personal names, in the board path, trigger detail, evidence subjects and details,
/// latch reasons, boot stage versions, SBOM and HBOM; and a position source whose fixes are precise.
/// Every salted value is recorded in <see cref="Needles"/> so a test can search for it in what left
/// the OBU. Deterministic for a seed.
/// </summary>
public sealed class SaltedReports : IPositionSource
{
    /// <summary>Surnames used in personal names: each is a needle on its own.</summary>
    public static readonly string[] Surnames =
        ["Mustermann", "Lindqvist", "Okonkwo", "Zapatero", "Kowalczyk", "Haraldsen", "Beaumarchais", "Fitzgerald", "Papadopoulos", "Nakamura"];

    private static readonly string[] FirstNames = ["Erika", "Jonas", "Sofia", "Lukas", "Amara", "Mateo", "Ingrid", "Pierre", "Giulia", "Hiroshi"];
    private const string VinAlphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    private const string Letters = "ABCDEFGHJKLMNPRSTUVWXYZ";

    private readonly Random _random;
    private readonly TimeProvider _time;
    private readonly HashSet<string> _needles = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A generator with a fixed seed; fixes are stamped with <paramref name="time"/>.</summary>
    public SaltedReports(int seed, TimeProvider time)
    {
        _random = new Random(seed);
        _time = time;
    }

    /// <summary>Every salted value (VINs, plates, IMEI, IMSI, coordinates to four decimals) generated so far.</summary>
    public IReadOnlyCollection<string> Needles => _needles;

    /// <summary>Fixes read so far.</summary>
    public int FixesRead { get; private set; }

    /// <summary>The n-th report at <paramref name="time"/>: one rogue process finding, and every other report one more finding.</summary>
    public DetailedReport Next(int n, DateTimeOffset time)
    {
        var vin = Vin();
        var plate = Plate(n);
        var imei = Digits(15);
        var imsi = "26201" + Digits(10);
        var person = FirstNames[_random.Next(FirstNames.Length)] + " " + Surnames[_random.Next(Surnames.Length)];
        var (lat, lon) = Coordinates();
        var precise = lat.ToString("F6", CultureInfo.InvariantCulture) + "," + lon.ToString("F6", CultureInfo.InvariantCulture);
        var hash = ImageHash(n);
        var detail = $"pid {4000 + n % 1000} started by {person} at {precise}, vin {vin}, plate {plate}, imsi {imsi}";

        var processName = (n % 7) switch
        {
            0 => vin,
            1 => plate.Replace(' ', '-'),
            2 => imei,
            3 => person.Replace(' ', '.'),
            4 => lat.ToString("F5", CultureInfo.InvariantCulture),
            5 => imsi,
            _ => "miner-" + (n % 50).ToString(CultureInfo.InvariantCulture),
        };
        var findings = new List<(DetectorFlags, Evidence)>
        {
            (DetectorFlags.Process, new Evidence("process.unexpected", processName, IntegrityLevel.HighAnomaly, detail)),
        };
        switch (n % 8)
        {
            case 1:
                findings.Add((DetectorFlags.IntegrityCheck, new Evidence(IndicatorMatcher.ImageHashRule, $"{vin}:{hash}", IntegrityLevel.Compromised, detail)));
                break;
            case 3:
                findings.Add((DetectorFlags.IntegrityCheck, new Evidence(IndicatorMatcher.SoftwareRule, $"navigator@{imei}", IntegrityLevel.HighAnomaly, detail)));
                break;
            case 5:
                findings.Add((DetectorFlags.Network, new Evidence("network.peer", $"203.0.113.{1 + (n % 250)}:{1024 + (n % 5000)}", IntegrityLevel.Anomaly, detail)));
                break;
            case 7:
                findings.Add((DetectorFlags.Network, new Evidence("network.peer", $"192.168.{n % 250}.{1 + (n % 200)}:443", IntegrityLevel.Anomaly, detail)));
                break;
        }

        var report = Reports.With(time, findings.ToArray()) with
        {
            Board = $"/var/lib/obu/{vin}.bin",
            Trigger = TriggerKind.Periodic,
            TriggerDetail = $"owner: {person}, plate {plate}, imei {imei}",
            Latches = [new Latch(DetectorFlags.Process, IntegrityLevel.HighAnomaly, time, time, 0, 1, $"driver: {person} {plate} {precise}")],
            BootStages =
            [
                new StageMeasurement("bootloader", "1.0.0", 1, Convert.FromHexString(Reports.AppSha256), StageVerdict.Verified, $"ok {vin}"),
                new StageMeasurement("app", n % 3 == 0 ? imei : "1.0.0", 1, Convert.FromHexString(Reports.AppSha256), StageVerdict.Verified, $"ok {person}"),
            ],
            Software = [new SbomEntry($"{person.Replace(' ', '-')}-profile", "1.0.0", $"user:{vin}", Convert.FromHexString(hash))],
            Hardware = [new HardwareDevice("modem0", "modem", "Quectel", $"EG25 IMEI {imei}", imsi)],
        };
        foreach (var needle in new[] { vin, plate, plate.Replace(' ', '-'), imei, imsi, FourDecimals(lat), FourDecimals(lon) })
        {
            _needles.Add(needle);
        }

        return report;
    }

    /// <summary>The image hash report <paramref name="n"/> names (an image-hash finding every eighth report from 1, and its SBOM entry).</summary>
    public static string ImageHash(int n) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(n)));

    /// <inheritdoc />
    public PositionFix Read()
    {
        FixesRead++;
        var (lat, lon) = Coordinates();
        _needles.Add(FourDecimals(lat));
        _needles.Add(FourDecimals(lon));
        return new PositionFix(true, lat, lon, 520.5, 13.9, 87.0, _time.GetUtcNow(), 3.5);
    }

    // Truncated, not rounded: the needle is a prefix of every longer rendering of the value.
    private static string FourDecimals(double degrees) => (Math.Truncate(degrees * 10_000) / 10_000).ToString("F4", CultureInfo.InvariantCulture);

    // Latitude 40-60 and longitude 10-30 (Europe): two integer digits each, so every needle is "dd.dddd".
    private (double Lat, double Lon) Coordinates() => (40 + (_random.NextDouble() * 20), 10 + (_random.NextDouble() * 20));

    private string Vin()
    {
        var wmi = new[] { "WVW", "VF1", "ZFA", "WBA", "YV1" }[_random.Next(5)];
        var chars = new char[14];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = VinAlphabet[_random.Next(VinAlphabet.Length)];
        }

        chars[^1] = (char)('0' + _random.Next(10));
        return wmi + new string(chars);
    }

    private string Plate(int n) => (n % 3) switch
    {
        0 => $"{L()}{L()}{D()}{D()} {L()}{L()}{L()}",
        1 => $"{L()}{L()}-{D()}{D()}{D()}-{L()}{L()}",
        _ => $"M-{L()}{L()} {D()}{D()}{D()}{D()}",
    };

    private char L() => Letters[_random.Next(Letters.Length)];

    private char D() => (char)('0' + _random.Next(10));

    private string Digits(int count)
    {
        var chars = new char[count];
        chars[0] = (char)('1' + _random.Next(9));
        for (var i = 1; i < count; i++)
        {
            chars[i] = D();
        }

        return new string(chars);
    }
}
