namespace Testing.Tshark;

/// <summary>
/// Dissects a capture with tshark and returns per-frame field values and expert items, for
/// wire-format checks: <c>tshark -r FILE -n -T pdml [extra arguments]</c>. PDML is used because
/// it lists every field occurrence with its name, displayed value and raw octets, and carries
/// expert items and the malformed mark as fields (<c>_ws.expert</c>, <c>_ws.malformed</c>).
/// </summary>
/// <example>
/// <code>
/// var capture = TsharkRunner.Dissect(path);
/// Assert.Empty(capture.Problems);
/// Assert.Equal(1234, capture.Frames[0].Integer("its.stationID"));
/// // bench radio (Ethernet frames over UDP): TsharkRunner.Dissect(path, ["-d", "udp.port==4000,eth"])
/// </code>
/// </example>
public static class TsharkRunner
{
    /// <summary>
    /// Runs tshark on <paramref name="capturePath"/> (pcap or pcapng) with name resolution off and
    /// <paramref name="extraArguments"/> appended (for example <c>-d udp.port==4000,eth</c> or
    /// <c>-o key:value</c>).
    /// </summary>
    public static TsharkCapture Dissect(string capturePath, IEnumerable<string>? extraArguments = null, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(capturePath);
        if (!File.Exists(capturePath))
        {
            throw new FileNotFoundException("no capture to dissect", capturePath);
        }

        List<string> arguments = ["-r", capturePath, "-n", "-T", "pdml", .. extraArguments ?? []];
        var pdml = WiresharkTools.Run(WiresharkTools.Tshark, arguments, timeout);
        return new TsharkCapture(PdmlParser.Parse(pdml), "tshark " + string.Join(' ', arguments));
    }
}
