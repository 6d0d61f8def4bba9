using Bench.Demo;
using PkiProtocol.Audit;

namespace Bench.Scenarios.Files;

/// <summary>
/// The IDF models a scenario's OBUs run (a vehicle's <c>idf</c>: "product version", e.g. "IntegrityGuard 0.9"): each is
/// an <see cref="IdfImplementation"/> of the bench's IDF vendor, which the audit CA assesses (<see cref="DemoPki"/>).
/// A vehicle without <c>idf</c> runs <see cref="DemoPki.ObuIdf"/>.
/// </summary>
public static class IdfModels
{
    /// <summary>The file's name of the default model, <see cref="DemoPki.ObuIdf"/> ("IntegrityGuard 1.0").</summary>
    public static string DefaultName => Name(DemoPki.ObuIdf);

    /// <summary>The implementation a model name stands for, or null when it is not "product version".</summary>
    public static IdfImplementation? Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.Split(' ');
        if (parts.Length != 2 || parts[0].Length is 0 or > 64 || !parts[0].All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            || parts[1].Length > 32 || !IdfVersion.TryParse(parts[1], out _))
        {
            return null;
        }

        return new IdfImplementation(DemoPki.ObuIdf.Vendor, parts[0], parts[1]);
    }

    /// <summary>The file's name of <paramref name="idf"/>: "product version".</summary>
    public static string Name(IdfImplementation idf)
    {
        ArgumentNullException.ThrowIfNull(idf);
        return $"{idf.Product} {idf.Version}";
    }

    /// <summary>The model of <paramref name="vehicle"/> by name (the default's when it names none).</summary>
    public static string Of(ScenarioVehicle vehicle)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        return vehicle.Idf is { } named && Parse(named) is { } idf ? Name(idf) : DefaultName;
    }

    /// <summary>
    /// True for a model other than the default that the audit CA's assessment of the default covers (the same product, a
    /// version in <see cref="DemoPki.AssessedVersions"/>): one assessment for both, so revoking one would withdraw the other's.
    /// </summary>
    public static bool SharesDefaultAssessment(IdfImplementation idf)
    {
        ArgumentNullException.ThrowIfNull(idf);
        return idf != DemoPki.ObuIdf && idf.Vendor == DemoPki.ObuIdf.Vendor && idf.Product == DemoPki.ObuIdf.Product && DemoPki.AssessedVersions.Contains(idf.Version);
    }
}
