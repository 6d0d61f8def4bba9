using Community.Hosting;
using Community.Storage;
using Cti.Stix;

namespace Community.Retention;

/// <summary>
/// Erases obsolete information (ITU-T X.1382 §9.3.1.2 c): object versions past their expiry (the
/// collection's retention, the producer's retain_until, an indicator's valid_until plus grace, a
/// revocation plus grace), merged anomalies not seen within the collection's retention, and status
/// resources past their retention. Every erased object version is written to the audit log (what,
/// where, when, why) in the same transaction as the erasure. Time comes from the hub's clock.
/// </summary>
public sealed class RetentionJob
{
    private const int BatchSize = 500;
    private const string Actor = "retention-job";

    private readonly HubCore _core;

    public RetentionJob(HubCore core)
    {
        ArgumentNullException.ThrowIfNull(core);
        _core = core;
    }

    /// <summary>Runs once, now.</summary>
    public async Task<RetentionReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _core.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _core.Time.GetUtcNow();
            var nowUs = StixTimestamp.ToMicroseconds(now);
            var erased = 0;
            var groups = 0;
            await using var batch = await _core.Store.BeginBatchAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var expired = await batch.FindExpiredAsync(nowUs, BatchSize, cancellationToken).ConfigureAwait(false);
                foreach (var row in expired)
                {
                    await batch.DeleteVersionsAsync(row.CollectionId, row.StixId, [row.VersionUs], cancellationToken).ConfigureAwait(false);
                    await batch.AppendAuditAsync(
                        [new AuditEntry
                        {
                            AtUs = nowUs,
                            Action = "erase",
                            Actor = Actor,
                            CollectionId = row.CollectionId,
                            Subject = row.StixId,
                            VersionUs = row.VersionUs,
                            Reason = row.Revoked ? "revoked, grace period over" : $"expired at {StixTimestamp.FormatMicroseconds(StixTimestamp.FromMicroseconds(row.ExpiresUs ?? nowUs))}",
                        }],
                        cancellationToken).ConfigureAwait(false);
                    erased++;
                }

                if (expired.Count < BatchSize)
                {
                    break;
                }
            }

            foreach (var collection in await _core.Store.ListCollectionsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (collection.Policy.Retention is not { } retention)
                {
                    continue;
                }

                var before = nowUs - (retention.Ticks / 10);
                foreach (var group in await batch.FindStaleAnomalyGroupsAsync(collection.Id, before, int.MaxValue, cancellationToken).ConfigureAwait(false))
                {
                    foreach (var id in (string[])[group.IndicatorId, group.SightingId])
                    {
                        foreach (var version in await batch.DeleteVersionsAsync(collection.Id, id, null, cancellationToken).ConfigureAwait(false))
                        {
                            await batch.AppendAuditAsync(
                                [new AuditEntry
                                {
                                    AtUs = nowUs,
                                    Action = "erase",
                                    Actor = Actor,
                                    CollectionId = collection.Id,
                                    Subject = id,
                                    VersionUs = version,
                                    Reason = "merged anomaly not seen within the collection's retention",
                                }],
                                cancellationToken).ConfigureAwait(false);
                            erased++;
                        }
                    }

                    await batch.DeleteAnomalyGroupAsync(collection.Id, group.GroupKey, cancellationToken).ConfigureAwait(false);
                    groups++;
                }
            }

            var purged = await batch.PurgeStatusesAsync(nowUs, cancellationToken).ConfigureAwait(false);
            await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new RetentionReport(erased, groups, purged, now);
        }
        finally
        {
            _core.WriteLock.Release();
        }
    }
}
