namespace Firmware.SecurePartition.Posture;

/// <summary>What the posture server knows about one component (patent ¶204-216).</summary>
/// <param name="Name">Component name (as in the software inventory).</param>
/// <param name="InstalledVersion">The version the server assessed (the one the request named).</param>
/// <param name="LatestVersion">The newest version available.</param>
/// <param name="Role">Whether it is the V2X application, the IDF, or something else.</param>
/// <param name="Weaknesses">The known weaknesses of the installed version.</param>
public sealed record PostureComponent(string Name, string InstalledVersion, string LatestVersion, ComponentRole Role, IReadOnlyList<PostureWeakness> Weaknesses)
{
    /// <summary>Whether the installed version is the latest.</summary>
    public bool Current => LatestVersion == InstalledVersion;

    /// <summary>
    /// The weaknesses still open on the installed version: those without a fix, or fixed only in a version above the
    /// installed one (a weakness the server lists with a fix at or below the installed version is not counted).
    /// </summary>
    public IEnumerable<PostureWeakness> Unpatched => Weaknesses.Where(w => !w.PatchAvailable || !FixedAtOrBelow(w.FixedIn, InstalledVersion));

    // Dotted numeric versions, compared part by part; anything else is not comparable (the weakness stays counted).
    private static bool FixedAtOrBelow(string fixedIn, string installed)
    {
        static int[]? Parts(string v)
        {
            var pieces = v.Split('.');
            var parts = new int[pieces.Length];
            for (var i = 0; i < pieces.Length; i++)
            {
                if (!int.TryParse(pieces[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out parts[i]))
                {
                    return null;
                }
            }

            return parts;
        }

        if (Parts(fixedIn) is not { } f || Parts(installed) is not { } i)
        {
            return false;
        }

        for (var k = 0; k < Math.Max(f.Length, i.Length); k++)
        {
            var a = k < f.Length ? f[k] : 0;
            var b = k < i.Length ? i[k] : 0;
            if (a != b)
            {
                return a < b;
            }
        }

        return true;
    }
}
