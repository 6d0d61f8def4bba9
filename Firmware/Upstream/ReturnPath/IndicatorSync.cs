using Cti.Taxii;
using Firmware.SecurePartition;
using Firmware.SecurePartition.Encoding;
using Firmware.SecurePartition.Policy;
using Firmware.SecurePartition.Protocol;
using Firmware.Upstream.Queue;
using Microsoft.Extensions.Logging;

namespace Firmware.Upstream.ReturnPath;

/// <summary>
/// The return path (ITU-T X.1382 §9.3.1.4 c): polls the indicator collection with added_after set to
/// the last X-TAXII-Date-Added-Last seen (persisted in the queue), translates each page, deploys it
/// into the secure partition as one update, and only then moves the cursor, so a crash between the
/// two repeats a page (harmless: an indicator version already deployed changes nothing) and never
/// skips one. Deployed indicators past their valid_until are removed on every poll.
/// </summary>
public sealed class IndicatorSync
{
    /// <summary>
    /// Objects asked for per page: no more than one partition update may carry, so a page's upserts
    /// and removals always fit one request (a larger one is malformed to the partition and closes
    /// the connection).
    /// </summary>
    public const int PageLimit = IndicatorRuleCodec.MaxEntries;

    private readonly TaxiiClient _client;
    private readonly string _collectionId;
    private readonly IIndicatorRuleTarget _target;
    private readonly UpstreamQueue _queue;
    private readonly IndicatorTranslator _translator;
    private readonly TimeProvider _time;
    private readonly ILogger _log;

    /// <summary>A poller of <paramref name="collectionId"/> deploying into <paramref name="target"/>.</summary>
    public IndicatorSync(TaxiiClient client, string collectionId, IIndicatorRuleTarget target, UpstreamQueue queue, IndicatorTranslator translator, TimeProvider time, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(collectionId);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(translator);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);
        _client = client;
        _collectionId = collectionId;
        _target = target;
        _queue = queue;
        _translator = translator;
        _time = time;
        _log = log;
    }

    /// <summary>Polls every new indicator and deploys what it can.</summary>
    /// <exception cref="TaxiiClientException">The hub could not be read (the cursor stays where it was).</exception>
    /// <exception cref="PartitionException">The partition failed other than by a full rule set.</exception>
    public async Task<IndicatorSyncResult> PollAsync(CancellationToken cancellationToken)
    {
        var total = new IndicatorSyncResult(0, 0, 0, 0, 0, 0);
        var cursor = _queue.IndicatorCursor;
        var query = new TaxiiObjectQuery { AddedAfter = cursor, Types = ["indicator"], Limit = PageLimit };
        await foreach (var page in _client.PollAsync(_collectionId, query, cancellationToken).ConfigureAwait(false))
        {
            var now = _time.GetUtcNow();
            var translations = page.Objects.Select(o => _translator.Translate(o, now)).ToList();
            foreach (var t in translations.Where(t => t.Outcome is TranslationOutcome.Unsupported or TranslationOutcome.Skipped))
            {
                _log.LogInformation("Indicator {Id} not deployed ({Outcome}): {Reason}", t.IndicatorId, t.Outcome, t.Reason);
            }

            // The newest version of each indicator in the page decides.
            var latest = translations.Where(t => t.IndicatorId != Guid.Empty && t.Outcome != TranslationOutcome.Skipped)
                .GroupBy(t => t.IndicatorId).Select(g => g.MaxBy(t => t.Modified)!).ToList();
            var upserts = latest.Where(t => t.Outcome == TranslationOutcome.Deploy).Select(t => t.Entry!).ToList();
            var removals = latest.Where(t => t.Outcome is TranslationOutcome.Remove or TranslationOutcome.Unsupported).Select(t => t.IndicatorId).ToList();
            // Removed counts rules that were deployed: an unsupported or revoked indicator never deployed removes nothing.
            var deployed = removals.Count == 0
                ? []
                : (await _target.ListIndicatorRulesAsync(cancellationToken).ConfigureAwait(false)).Entries.Select(e => e.IndicatorId).ToHashSet();
            var refused = await DeployAsync(upserts, removals, cancellationToken).ConfigureAwait(false);
            var result = new IndicatorSyncResult(
                page.Objects.Count,
                upserts.Count - refused,
                removals.Count(deployed.Contains),
                translations.Count(t => t.Outcome == TranslationOutcome.Unsupported),
                translations.Count(t => t.Outcome == TranslationOutcome.Skipped),
                refused);
            // ResumeAfter: objects sharing the last date_added may continue on the next page (TAXII 2.1 §3.4); a crash here repeats them (harmless).
            cursor = page.ResumeAfter ?? page.DateAddedLast ?? cursor;
            _queue.CommitIndicatorPage(cursor,
                (QueueCounters.IndicatorsDeployed, result.Deployed), (QueueCounters.IndicatorsRemoved, result.Removed),
                (QueueCounters.IndicatorsUnsupported, result.Unsupported), (QueueCounters.IndicatorsSkipped, result.Skipped),
                (QueueCounters.IndicatorsRefused, result.Refused));
            total = new IndicatorSyncResult(total.Read + result.Read, total.Deployed + result.Deployed, total.Removed + result.Removed,
                total.Unsupported + result.Unsupported, total.Skipped + result.Skipped, total.Refused + result.Refused);
        }

        var expired = (await _target.ListIndicatorRulesAsync(cancellationToken).ConfigureAwait(false)).Entries
            .Where(e => e.IsExpiredAt(_time.GetUtcNow())).Select(e => e.IndicatorId).ToList();
        if (expired.Count > 0)
        {
            await _target.UpdateIndicatorRulesAsync(new IndicatorRuleUpdate([], expired), cancellationToken).ConfigureAwait(false);
            _queue.Count((QueueCounters.IndicatorsRemoved, expired.Count));
            total = total with { Removed = total.Removed + expired.Count };
        }

        return total;
    }

    /// <summary>
    /// Largest encoded update body sent to the partition (its frame limit; the default is
    /// <see cref="Frame.DefaultMaxBodyBytes"/>). A page is split so no update exceeds it.
    /// </summary>
    public int MaxUpdateBytes
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, EmptyUpdateBytes);
            field = value;
        }
    } = Frame.DefaultMaxBodyBytes;

    private static int EmptyUpdateBytes { get; } = IndicatorRuleCodec.EncodeUpdate(new IndicatorRuleUpdate([], [])).Length;

    // One update per page, split into requests of at most IndicatorRuleCodec.MaxEntries upserts and
    // removals and at most MaxUpdateBytes encoded (64 entries of 16 long rules are larger than one
    // frame, which the partition answers Oversized and then closes the connection); when the rule set
    // would overflow, removals first and then each indicator alone, so as many as fit are deployed and
    // the rest are refused. An indicator too large for a frame on its own is refused without sending.
    private async Task<int> DeployAsync(List<IndicatorEntry> upserts, List<Guid> removals, CancellationToken cancellationToken)
    {
        var refused = 0;
        var fitting = new List<(IndicatorEntry Entry, int Bytes)>(upserts.Count);
        foreach (var entry in upserts)
        {
            var bytes = EntryBytes(entry);
            if (EmptyUpdateBytes + bytes > MaxUpdateBytes)
            {
                refused++;
                _log.LogWarning("Indicator {Id} encodes to {Bytes} bytes, more than one partition update may carry ({Max}); not deployed", entry.StixId, bytes, MaxUpdateBytes);
                continue;
            }

            fitting.Add((entry, bytes));
        }

        var chunkUpserts = new List<IndicatorEntry>();
        var chunkRemovals = new List<Guid>();
        var chunkBytes = EmptyUpdateBytes;
        foreach (var (entry, bytes) in fitting)
        {
            if (chunkUpserts.Count == IndicatorRuleCodec.MaxEntries || chunkBytes + bytes > MaxUpdateBytes)
            {
                refused += await DeployChunkAsync(chunkUpserts, chunkRemovals, cancellationToken).ConfigureAwait(false);
                (chunkUpserts, chunkRemovals, chunkBytes) = ([], [], EmptyUpdateBytes);
            }

            chunkUpserts.Add(entry);
            chunkBytes += bytes;
        }

        foreach (var removal in removals)
        {
            if (chunkRemovals.Count == IndicatorRuleCodec.MaxEntries || chunkBytes + RemovalBytes > MaxUpdateBytes)
            {
                refused += await DeployChunkAsync(chunkUpserts, chunkRemovals, cancellationToken).ConfigureAwait(false);
                (chunkUpserts, chunkRemovals, chunkBytes) = ([], [], EmptyUpdateBytes);
            }

            chunkRemovals.Add(removal);
            chunkBytes += RemovalBytes;
        }

        return refused + await DeployChunkAsync(chunkUpserts, chunkRemovals, cancellationToken).ConfigureAwait(false);
    }

    // An update's body is a format byte, then two counted lists: its size is the empty update's plus
    // each entry's encoding and 16 bytes per removal.
    private const int RemovalBytes = 16;

    private static int EntryBytes(IndicatorEntry entry)
    {
        var w = new ByteWriter(256);
        IndicatorRuleCodec.WriteEntry(w, entry);
        return w.ToArray().Length;
    }

    private async Task<int> DeployChunkAsync(List<IndicatorEntry> upserts, List<Guid> removals, CancellationToken cancellationToken)
    {
        if (upserts.Count == 0 && removals.Count == 0)
        {
            return 0;
        }

        try
        {
            await _target.UpdateIndicatorRulesAsync(new IndicatorRuleUpdate(upserts, removals), cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (PartitionException e) when (e.Error == PartitionError.NotPermitted && upserts.Count > 0)
        {
            _log.LogWarning("The partition refused {Count} indicators at once: {Message}; deploying one by one", upserts.Count, e.Message);
        }

        if (removals.Count > 0)
        {
            await _target.UpdateIndicatorRulesAsync(new IndicatorRuleUpdate([], removals), cancellationToken).ConfigureAwait(false);
        }

        var refused = 0;
        foreach (var entry in upserts)
        {
            try
            {
                await _target.UpdateIndicatorRulesAsync(new IndicatorRuleUpdate([entry], []), cancellationToken).ConfigureAwait(false);
            }
            catch (PartitionException e) when (e.Error == PartitionError.NotPermitted)
            {
                refused++;
                _log.LogWarning("The partition refused indicator {Id}: {Message}", entry.StixId, e.Message);
            }
        }

        return refused;
    }
}
