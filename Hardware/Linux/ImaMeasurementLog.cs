using System.Globalization;
using Hardware.Files;

namespace Hardware.Linux;

/// <summary>
/// The kernel's IMA measurement list in its ASCII form (securityfs
/// <c>ima/ascii_runtime_measurements</c>; Linux Documentation/security/IMA-templates.rst). One
/// line per measurement: <c>PCR template-hash template-name template-data</c>; the template data of
/// the file templates starts with the file-data hash and the file name:
/// <list type="bullet">
/// <item><c>ima</c>: <c>d n</c>, a SHA-1 digest in hex and the name;</item>
/// <item><c>ima-ng</c>, <c>ima-sig</c>, <c>ima-buf</c>, <c>ima-modsig</c>: <c>d-ng n-ng ...</c>, the digest as
/// <c>algorithm:hex</c>, the name, then fields this reader ignores (signature, buffer);</item>
/// <item><c>ima-ngv2</c> and others with <c>d-ngv2</c>: <c>type:algorithm:hex</c> (the type is ignored).</item>
/// </list>
/// Names are taken up to the next space, so a file name with a space is cut there (the sealer
/// refuses such names in a deployment).
/// </summary>
public sealed class ImaMeasurementLog : IFileMeasurementLog
{
    /// <summary>Where securityfs exposes the list when the kernel has IMA.</summary>
    public const string DefaultPath = "/sys/kernel/security/ima/ascii_runtime_measurements";

    private readonly string _path;

    /// <summary>Reads the list at a path.</summary>
    public ImaMeasurementLog(string path = DefaultPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
    }

    /// <summary>The list at <paramref name="path"/> when the kernel exposes it, else null (no IMA, or securityfs not mounted).</summary>
    public static ImaMeasurementLog? OpenIfPresent(string path = DefaultPath) => File.Exists(path) ? new ImaMeasurementLog(path) : null;

    /// <inheritdoc />
    public IReadOnlyList<FileMeasurement> Read()
    {
        using var reader = new StreamReader(_path);
        return Parse(reader);
    }

    /// <summary>Parses the ASCII list.</summary>
    /// <exception cref="FormatException">A line is not in the documented format (the message names it).</exception>
    public static IReadOnlyList<FileMeasurement> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var list = new List<FileMeasurement>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(' ');
            if (fields.Length < 5)
            {
                throw new FormatException($"IMA list line {number}: {fields.Length} fields, at least 5 expected.");
            }

            if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pcr) || pcr > 23)
            {
                throw new FormatException($"IMA list line {number}: PCR '{fields[0]}' is not 0..23.");
            }

            _ = Hex(fields[1], number, "template hash");
            var template = fields[2];
            var digestField = fields[3];
            string algorithm;
            string hex;
            var colon = digestField.LastIndexOf(':');
            if (colon < 0)
            {
                // Template "ima": the d field, a bare SHA-1.
                (algorithm, hex) = ("sha1", digestField);
            }
            else
            {
                var prefix = digestField[..colon];
                algorithm = prefix[(prefix.LastIndexOf(':') + 1)..];
                hex = digestField[(colon + 1)..];
            }

            if (algorithm.Length == 0)
            {
                throw new FormatException($"IMA list line {number}: the file-data hash names no algorithm.");
            }

            list.Add(new FileMeasurement(pcr, template, algorithm, Hex(hex, number, "file-data hash"), fields[4]));
        }

        return list;
    }

    private static byte[] Hex(string text, int line, string what)
    {
        if (text.Length == 0 || text.Length % 2 != 0 || text.Length > 128)
        {
            throw new FormatException($"IMA list line {line}: the {what} '{text}' is not hex of a digest's length.");
        }

        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"IMA list line {line}: the {what} is not hex.", e);
        }
    }
}
