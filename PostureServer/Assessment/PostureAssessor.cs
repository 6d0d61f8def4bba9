using Firmware.SecurePartition.Posture;
using PostureServer.Store;

namespace PostureServer.Assessment;

/// <summary>
/// Answers a posture request from the catalogue (patent fig. 9, ¶204-216): for every installed component the catalogue
/// knows (by its inventory name), the installed and latest versions, its role, and each known weakness affecting the
/// installed version with its CVSS v3.1 base and temporal scores and the first fixed version (patch availability). A
/// component the catalogue does not know is left out; the partition reports it as unassessed.
/// </summary>
public sealed class PostureAssessor
{
    private readonly PostureStore _store;

    public PostureAssessor(PostureStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>The assessment of the installed (name, version) pairs, bound to <paramref name="nonce"/>.</summary>
    public PostureResponse Assess(byte[] nonce, IReadOnlyList<(string Name, string Version)> installed)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(installed);
        var components = new List<PostureComponent>();
        foreach (var (name, version) in installed.DistinctBy(i => i.Name).Take(PostureResponse.MaxItems))
        {
            if (_store.Component(name) is not { } component)
            {
                continue;
            }

            var weaknesses = _store.WeaknessesOf(name).Where(w => w.Affects(version)).Take(PostureResponse.MaxItems)
                .Select(w => new PostureWeakness(w.Id, Tenths(w.BaseScore), Tenths(w.TemporalScore), w.FixedIn ?? string.Empty)).ToList();
            components.Add(new PostureComponent(name, version, component.LatestVersion, component.Role, weaknesses));
        }

        return new PostureResponse(nonce, components);
    }

    private static byte Tenths(double score) => (byte)Math.Round(score * 10);
}
