using Community.Admin;
using Community.Analysis;
using Community.Access;
using Community.Storage;

namespace Community.Membership;

public sealed partial class MembershipService
{
    /// <summary>An organisation asks to join a collection with the rights it wants (X.1382 §8.4).</summary>
    public async Task<CollectionMembership> RequestJoinAsync(string organisationId, string collectionId, bool wantRead, bool wantWrite, CancellationToken cancellationToken)
    {
        await RequireOrganisationAsync(organisationId, cancellationToken).ConfigureAwait(false);
        await RequireCollectionAsync(collectionId, cancellationToken).ConfigureAwait(false);
        if (!wantRead && !wantWrite)
        {
            throw new CommunityException(CommunityErrorKind.Invalid, "ask for read, write or both");
        }

        var existing = await _core.Store.GetMembershipAsync(collectionId, organisationId, cancellationToken).ConfigureAwait(false);
        if (existing?.State == MembershipState.Approved)
        {
            throw new CommunityException(CommunityErrorKind.Conflict, "already a member of this collection");
        }

        var membership = new CollectionMembership
        {
            CollectionId = collectionId,
            OrganisationId = organisationId,
            State = MembershipState.Requested,
            CanRead = wantRead,
            CanWrite = wantWrite,
            RequestedAt = _core.Time.GetUtcNow(),
        };
        await _core.Store.UpsertMembershipAsync(membership, cancellationToken).ConfigureAwait(false);
        await AuditAsync("join-request", organisationId, collectionId, organisationId, $"read={wantRead} write={wantWrite}", cancellationToken).ConfigureAwait(false);
        return membership;
    }

    /// <summary>
    /// An administrator verifies and approves a subscription (X.1382 §8.3 e), granting the rights
    /// asked for unless others are given; also changes the rights of an approved member.
    /// </summary>
    public async Task<CollectionMembership> ApproveAsync(string collectionId, string organisationId, RightsRequest? rights, string actor, CancellationToken cancellationToken)
    {
        var existing = await _core.Store.GetMembershipAsync(collectionId, organisationId, cancellationToken).ConfigureAwait(false)
            ?? throw new CommunityException(CommunityErrorKind.NotFound, "no request from this organisation for this collection");
        var membership = existing with
        {
            State = MembershipState.Approved,
            CanRead = rights?.CanRead ?? existing.CanRead,
            CanWrite = rights?.CanWrite ?? existing.CanWrite,
            DecidedAt = _core.Time.GetUtcNow(),
        };
        await _core.Store.UpsertMembershipAsync(membership, cancellationToken).ConfigureAwait(false);
        await AuditAsync("join-approve", actor, collectionId, organisationId, $"read={membership.CanRead} write={membership.CanWrite}", cancellationToken).ConfigureAwait(false);
        return membership;
    }

    /// <summary>An administrator refuses a subscription.</summary>
    public async Task<CollectionMembership> RejectAsync(string collectionId, string organisationId, string actor, CancellationToken cancellationToken)
    {
        var existing = await _core.Store.GetMembershipAsync(collectionId, organisationId, cancellationToken).ConfigureAwait(false)
            ?? throw new CommunityException(CommunityErrorKind.NotFound, "no request from this organisation for this collection");
        var membership = existing with { State = MembershipState.Rejected, DecidedAt = _core.Time.GetUtcNow() };
        await _core.Store.UpsertMembershipAsync(membership, cancellationToken).ConfigureAwait(false);
        await AuditAsync("join-reject", actor, collectionId, organisationId, null, cancellationToken).ConfigureAwait(false);
        return membership;
    }

    /// <summary>An organisation leaves a collection (free to do so, X.1382 §8.4).</summary>
    public async Task LeaveAsync(string organisationId, string collectionId, CancellationToken cancellationToken)
    {
        if (await _core.Store.GetMembershipAsync(collectionId, organisationId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new CommunityException(CommunityErrorKind.NotFound, "not a member of this collection");
        }

        await _core.Store.DeleteMembershipAsync(collectionId, organisationId, cancellationToken).ConfigureAwait(false);
        await AuditAsync("leave", organisationId, collectionId, organisationId, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Subscriptions waiting for a decision.</summary>
    public async Task<IReadOnlyList<CollectionMembership>> PendingAsync(CancellationToken cancellationToken) =>
        (await _core.Store.ListMembershipsAsync(null, null, cancellationToken).ConfigureAwait(false)).Where(m => m.State == MembershipState.Requested).ToList();

    /// <summary>Adds a false-alarm rule (X.1382 §9.3.2.2 a).</summary>
    public async Task<FalseAlarmRule> AddRuleAsync(RuleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!FalseAlarmRule.Fields.Contains(request.Field ?? string.Empty))
        {
            throw new CommunityException(CommunityErrorKind.Invalid, "a rule tests one of: " + string.Join(", ", FalseAlarmRule.Fields.Order()));
        }

        if (string.IsNullOrEmpty(request.Value) || string.IsNullOrWhiteSpace(request.Reason))
        {
            throw new CommunityException(CommunityErrorKind.Invalid, "a rule needs a value and a reason");
        }

        if (request.CollectionId is not null)
        {
            await RequireCollectionAsync(request.CollectionId, cancellationToken).ConfigureAwait(false);
        }

        var rule = new FalseAlarmRule
        {
            Id = request.Id ?? "rule-" + _core.Options.NewGuid().ToString("N")[..12],
            CollectionId = request.CollectionId,
            Field = request.Field!,
            Value = request.Value,
            Reason = request.Reason,
        };
        await _core.Store.UpsertRuleAsync(rule, cancellationToken).ConfigureAwait(false);
        return rule;
    }

    /// <summary>Replaces the threat routing (X.1382 §8.2 sharing scopes; default Table 1).</summary>
    public Task SetThreatRoutingAsync(string json, CancellationToken cancellationToken) =>
        _core.SetRoutingAsync(ThreatRouting.FromJson(json), cancellationToken);

    /// <summary>
    /// Declares a merged anomaly a false alarm: its indicator and sighting are published again as
    /// revoked versions (STIX 2.1 §3.6), and a rule filters further summaries with its signature.
    /// </summary>
    public async Task<int> RevokeAnomalyAsync(string collectionId, string signature, string reason, string actor, AnomalyMerger merger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merger);
        var collection = await RequireCollectionAsync(collectionId, cancellationToken).ConfigureAwait(false);
        var groups = await _core.Store.AnomalyGroupsBySignatureAsync(collectionId, signature, cancellationToken).ConfigureAwait(false);
        if (groups.Count == 0)
        {
            throw new CommunityException(CommunityErrorKind.NotFound, "no merged anomaly with this signature in this collection");
        }

        await AddRuleAsync(new RuleRequest("signature", signature, reason, CollectionId: collectionId), cancellationToken).ConfigureAwait(false);
        await _core.WriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var batch = await _core.Store.BeginBatchAsync(cancellationToken).ConfigureAwait(false);
            var count = await merger.RevokeAsync(batch, collection, groups, _core.NowUs, cancellationToken).ConfigureAwait(false);
            await batch.AppendAuditAsync(
                [new AuditEntry { AtUs = _core.NowUs, Action = "revoke", Actor = actor, CollectionId = collectionId, Subject = signature, Reason = reason }],
                cancellationToken).ConfigureAwait(false);
            await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
            return count;
        }
        finally
        {
            _core.WriteLock.Release();
        }
    }

    private Task AuditAsync(string action, string actor, string collectionId, string subject, string? reason, CancellationToken cancellationToken) =>
        _core.Store.AppendAuditAsync(
            [new AuditEntry { AtUs = _core.NowUs, Action = action, Actor = actor, CollectionId = collectionId, Subject = subject, Reason = reason }],
            cancellationToken);
}
