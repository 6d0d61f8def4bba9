using System.Security.Cryptography;
using System.Text;
using Cti.Stix;

namespace Cti.Sharing;

/// <summary>
/// The signature that says two anomaly summaries describe the same anomaly, so the hub merges
/// them (ITU-T X.1382 Appendix II e, "merging of the similar threats"): SHA-256 over the detector,
/// the anomaly class, the ECU, make and model, and the deterministic identifiers of the observables
/// involved. The vehicle, the time and the location are left out on purpose.
/// </summary>
public static class AnomalySignature
{
    /// <summary>The signature as 64 lower-case hex digits.</summary>
    public static string Compute(string detector, string anomalyClass, string? ecu, string make, string model, IEnumerable<string> observableIds)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(anomalyClass);
        ArgumentNullException.ThrowIfNull(make);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(observableIds);

        // Only identifiers that are deterministic (UUIDv5, STIX 2.1 §2.9) identify the thing observed;
        // a process id is random per report and would split identical anomalies.
        var ids = observableIds
            .Where(id => StixId.TryParse(id, out var parsed) && UuidVersion(parsed.Uuid) == 5)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var text = string.Join('\n', new[] { "v1", detector, anomalyClass, ecu ?? string.Empty, make, model }.Concat(ids));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static int UuidVersion(Guid uuid)
    {
        Span<byte> b = stackalloc byte[16];
        uuid.TryWriteBytes(b, bigEndian: true, out _);
        return b[6] >> 4;
    }
}
