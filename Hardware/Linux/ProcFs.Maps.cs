using System.Globalization;
using Hardware.Memory;

namespace Hardware.Linux;

public static partial class ProcFs
{
    /// <summary>
    /// Parses /proc/[pid]/maps (proc(5)): "address perms offset dev inode pathname", for example
    /// <c>7f2a1c000000-7f2a1c021000 rw-p 00000000 00:00 0</c>. Lines it cannot read are skipped.
    /// </summary>
    public static IReadOnlyList<MemoryMapping> ParseMaps(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<MemoryMapping>();
        foreach (var line in text.Split('\n'))
        {
            var f = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 5)
            {
                continue;
            }

            var dash = f[0].IndexOf('-', StringComparison.Ordinal);
            var perms = f[1];
            if (dash <= 0 || perms.Length != 4
                || !ulong.TryParse(f[0].AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start)
                || !ulong.TryParse(f[0].AsSpan(dash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var end)
                || end < start)
            {
                continue;
            }

            result.Add(new MemoryMapping(start, end, perms[0] == 'r', perms[1] == 'w', perms[2] == 'x', perms[3] == 's', f.Length > 5 ? f[5].Trim() : ""));
        }

        return result;
    }
}
