using Testing;
using V2x.Pcap;

namespace Bench.Tests.Interop;

/// <summary>
/// The corpus recorder (<see cref="CorpusExport"/>): what it writes reads back frame for frame, in order, with the
/// sending times and the index rows. With <see cref="OutputVariable"/> naming a folder the files stay there, which is
/// how Interop/vanetza/run.sh records the corpus it measures; without it they go to a temporary folder.
/// </summary>
[Collection(BenchCorpusCollection.Name)]
public sealed class CorpusExportTests
{
    /// <summary>The environment variable naming the folder the corpus is kept in.</summary>
    public const string OutputVariable = "V2X_INTEROP_CORPUS_OUT";

    private readonly BenchCorpusFixture _corpus;

    public CorpusExportTests(BenchCorpusFixture corpus) => _corpus = corpus;

    [Fact]
    public void The_recorded_corpus_is_written_as_pcaps_that_read_back_frame_for_frame()
    {
        var target = Environment.GetEnvironmentVariable(OutputVariable);
        var keep = !string.IsNullOrEmpty(target);
        var folder = keep ? Directory.CreateDirectory(target!).FullName : TestInfra.NewTempDirectory("corpus-export");
        try
        {
            CorpusExport.Write(_corpus, folder);

            Assert.Equal(_corpus.Root, File.ReadAllBytes(Path.Combine(folder, "root.oer")));
            Assert.Equal(_corpus.Aa, File.ReadAllBytes(Path.Combine(folder, "aa.oer")));
            Assert.Equal(6, _corpus.Corpora.Count);
            foreach (var corpus in _corpus.Corpora)
            {
                var stem = CorpusExport.Stem(corpus);
                using var reader = new PcapReader(File.OpenRead(Path.Combine(folder, stem + ".pcap")));
                var records = reader.ReadAll().ToList();
                Assert.Equal(corpus.Frames.Count, records.Count);
                for (var i = 0; i < records.Count; i++)
                {
                    Assert.True(corpus.Frames[i].Frame.AsSpan().SequenceEqual(records[i].Data.Span), $"{stem} record {i}");
                    Assert.Equal(corpus.Frames[i].SentAt, records[i].Timestamp);
                }

                var rows = File.ReadAllLines(Path.Combine(folder, stem + ".tsv"));
                Assert.Equal(corpus.Frames.Count + 1, rows.Length);
                Assert.All(corpus.Frames, f => Assert.StartsWith($"{f.Index}\t{f.Station}\t{f.Sender}\t{f.Message}\t", rows[f.Index + 1], StringComparison.Ordinal));
            }
        }
        finally
        {
            if (!keep)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
