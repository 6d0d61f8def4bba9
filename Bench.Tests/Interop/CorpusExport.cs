using System.Globalization;
using System.Text;
using V2x.Integrity;
using V2x.Pcap;

namespace Bench.Tests.Interop;

/// <summary>
/// Writes the recorded bench corpus for receivers outside the test suite (Interop/vanetza/run.sh feeds it to
/// riebl/vanetza): per carrier mode and sending option a pcap (link type Ethernet, one record per frame in corpus
/// order, stamped with the time it was sent on the corpus clock) and a tab-separated index naming each record's
/// station, sender kind, message and whether it carries the report; the root and AA certificates (COER) a
/// receiver is given as trust anchor and known CA.
/// </summary>
internal static class CorpusExport
{
    /// <summary>The file stem of one mode: <c>facilities-option2</c>, <c>headerinfo-option3</c>.</summary>
    public static string Stem(BenchCorpus corpus) =>
        $"{(corpus.Carrier == ReportCarrier.Facilities ? "facilities" : "headerinfo")}-option{(int)corpus.Policy}";

    /// <summary>Writes every corpus of <paramref name="fixture"/> and its two certificates into <paramref name="folder"/>.</summary>
    public static void Write(BenchCorpusFixture fixture, string folder)
    {
        File.WriteAllBytes(Path.Combine(folder, "root.oer"), fixture.Root);
        File.WriteAllBytes(Path.Combine(folder, "aa.oer"), fixture.Aa);
        foreach (var corpus in fixture.Corpora)
        {
            using (var file = new FileStream(Path.Combine(folder, Stem(corpus) + ".pcap"), FileMode.Create, FileAccess.Write))
            using (var pcap = new PcapWriter(file))
            {
                foreach (var frame in corpus.Frames)
                {
                    pcap.Write(frame.SentAt, frame.Frame);
                }
            }

            var index = new StringBuilder("index\tstation\tsender\tmessage\treport\n");
            foreach (var frame in corpus.Frames)
            {
                index.Append(CultureInfo.InvariantCulture,
                    $"{frame.Index}\t{frame.Station}\t{frame.Sender}\t{frame.Message}\t{(frame.CarriesReport ? "report" : "none")}\n");
            }

            File.WriteAllText(Path.Combine(folder, Stem(corpus) + ".tsv"), index.ToString());
        }
    }
}
