using System.Globalization;
using System.Text.Json.Nodes;
using Community.Tests.Infrastructure;
using Cti.Sharing;

namespace Community.Tests.Ingest;

/// <summary>
/// Generates anomaly summaries, some salted with the identifying data a careless producer might
/// leak (VINs, number plates, IMEIs, precise positions, personal names) in every place it could
/// go: free-text evidence, the vehicle pseudonym, the ECU name, file names, the location.
/// </summary>
public sealed class LeakGenerator
{
    private const string VinAlphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    private static readonly string[] Wmis = ["WVW", "1HG", "JHM", "VF1", "WBA", "SAL", "ZFA", "YV1", "KNA", "5YJ"];
    /// <summary>The personal names the generator uses.</summary>
    public static readonly string[] Names = ["Hans Müller", "John Smith", "Marie Dubois", "Anna Rossi", "Piotr Nowak", "Sofia Lindqvist"];
    private static readonly int[] Weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

    private readonly Random _random = new(1382);

    /// <summary>Every secret the generator put anywhere.</summary>
    public HashSet<string> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>One summary's objects and whether it carries identifying data.</summary>
    public (IReadOnlyList<JsonObject> Objects, bool Dirty) Next(int n)
    {
        var anomaly = n % 40;
        var summary = Stix.Summary(n, detector: "detector-" + (anomaly % 8), summaryNumber: n) with
        {
            Observables = [Observables.File($"image-{anomaly}.bin", (anomaly * 7919).ToString("x64", CultureInfo.InvariantCulture))],
        };
        var dirty = _random.NextDouble() < 0.7;
        var evidence = new List<string> { "digest mismatch in stage " + (n % 3) };
        var location = (Lat: 48.14, Lon: 11.58, Precise: false);
        if (dirty)
        {
            var kinds = _random.Next(1, 4);
            for (var k = 0; k < kinds; k++)
            {
                switch (_random.Next(8))
                {
                    case 0: evidence.Add("VIN " + Remember(Vin())); break;
                    case 1: evidence.Add("plate " + Remember(Plate())); break;
                    case 2: evidence.Add("modem IMEI " + Remember(Imei())); break;
                    case 3: evidence.Add("owner: " + Remember(Names[_random.Next(Names.Length)])); break;
                    case 4:
                        var lat = Math.Round(47 + _random.NextDouble() * 8, 6);
                        var lon = Math.Round(5 + _random.NextDouble() * 10, 6);
                        evidence.Add(string.Create(CultureInfo.InvariantCulture, $"at {Remember(lat.ToString("0.000000", CultureInfo.InvariantCulture))}, {Remember(lon.ToString("0.000000", CultureInfo.InvariantCulture))}"));
                        break;
                    case 5:
                        location = (Math.Round(47 + _random.NextDouble() * 8, 6), Math.Round(5 + _random.NextDouble() * 10, 6), true);
                        Remember(location.Lat.ToString("0.000000", CultureInfo.InvariantCulture));
                        Remember(location.Lon.ToString("0.000000", CultureInfo.InvariantCulture));
                        break;
                    case 6: summary = summary with { VehiclePseudonym = Remember(Vin()) }; break;
                    default: summary = summary with { Ecu = "ecu-of-" + Remember(Vin()) }; break;
                }
            }
        }

        summary = summary with { Evidence = string.Join("; ", evidence) };
        var objects = summary.ToStixObjects().ToList();
        var ext = (JsonObject)objects[^1]["extensions"]![AnomalyExtension.Id]!;
        ext["location"] = new JsonObject { ["latitude"] = location.Lat, ["longitude"] = location.Lon };
        return (objects, dirty);
    }

    private string Remember(string secret)
    {
        Secrets.Add(secret);
        return secret;
    }

    private string Vin()
    {
        var chars = new char[17];
        var wmi = Wmis[_random.Next(Wmis.Length)];
        wmi.CopyTo(0, chars, 0, 3);
        for (var i = 3; i < 11; i++)
        {
            chars[i] = VinAlphabet[_random.Next(VinAlphabet.Length)];
        }

        for (var i = 11; i < 17; i++)
        {
            chars[i] = (char)('0' + _random.Next(10));
        }

        // 49 CFR 565.15 check digit in position 9.
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (i != 8)
            {
                sum += Value(chars[i]) * Weights[i];
            }
        }

        var check = sum % 11;
        chars[8] = check == 10 ? 'X' : (char)('0' + check);
        return new string(chars);
    }

    private static int Value(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        'A' or 'J' => 1, 'B' or 'K' or 'S' => 2, 'C' or 'L' or 'T' => 3, 'D' or 'M' or 'U' => 4,
        'E' or 'N' or 'V' => 5, 'F' or 'W' => 6, 'G' or 'P' or 'X' => 7, 'H' or 'Y' => 8, _ => 9,
    };

    private string Plate()
    {
        string L(int n) => new(Enumerable.Range(0, n).Select(_ => (char)('A' + _random.Next(26))).ToArray());
        string D(int n) => new(Enumerable.Range(0, n).Select(_ => (char)('0' + _random.Next(10))).ToArray());
        return _random.Next(6) switch
        {
            0 => $"{L(2)}{D(2)} {L(3)}",
            1 => $"{L(2)}-{D(3)}-{L(2)}",
            2 => $"M-{L(2)} {D(4)}",
            3 => $"{L(2)} {D(3)} {L(2)}",
            4 => $"京{L(1)}{D(5)}",
            _ => $"{D(1)}{L(3)}{D(3)}",
        };
    }

    private string Imei()
    {
        var digits = "35" + new string(Enumerable.Range(0, 12).Select(_ => (char)('0' + _random.Next(10))).ToArray());
        var sum = 0;
        for (var i = 0; i < 14; i++)
        {
            var d = digits[13 - i] - '0';
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return digits + (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
