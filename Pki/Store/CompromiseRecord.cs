using PkiProtocol.Audit;

namespace Pki.Store;

/// <summary>A compromise found in an IDF implementation: stations running an affected version are revoked while they do (patent ¶164-168).</summary>
public sealed record CompromiseRecord(string Vendor, string Product, VersionRange Versions, DateTimeOffset FoundAt, string Reason)
{
    public bool Affects(IdfImplementation idf)
    {
        ArgumentNullException.ThrowIfNull(idf);
        return string.Equals(idf.Vendor, Vendor, StringComparison.Ordinal) && string.Equals(idf.Product, Product, StringComparison.Ordinal)
            && Versions.Contains(idf.Version);
    }
}
