using System.Net;
using System.Text.Json.Nodes;
using Community.Admin;
using Community.Authenticity;
using Community.Membership;
using Community.Tests.Infrastructure;
using Cti.Taxii;
using V2x.Security;

namespace Community.Tests.Authenticity;

/// <summary>
/// Anomaly summaries signed by the vehicle's pseudonymous authorization ticket (Docs/community.md "Signed submissions"),
/// against a real V2X PKI served over HTTPS: what each collection policy does with a valid pseudonym, a revoked ticket,
/// a bad signature, an unknown root, no signature, a replay into another collection, a stale or a foreign-PSID
/// signature; and that the hub keeps nothing that names the vehicle or its ticket.
/// </summary>
public abstract class SignedSubmissionTests : HubTestBase
{
    private V2xPkiFixture? _pki;
    private V2xPkiFixture? _otherPki;

    public enum Signing
    {
        Valid,
        Unsigned,
        BadSignature,
        Revoked,
        UnknownRoot,
        OtherCollection,
        Stale,
        CamPsid,
    }

    public enum Poster
    {
        /// <summary>No credentials: a vehicle, to a collection whose vehicle producer is "fleet".</summary>
        Vehicle,

        /// <summary>The fleet organisation's credentials.</summary>
        Member,
    }

    protected override async Task<SubmissionVerifier?> CreateVerifierAsync()
    {
        _pki = await V2xPkiFixture.StartAsync(Time);
        return _pki.Verifier(Time);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_pki is not null)
        {
            await _pki.DisposeAsync();
        }

        if (_otherPki is not null)
        {
            await _otherPki.DisposeAsync();
        }
    }

    // Expected: "verified" (accepted, merged), "unsigned"/"invalid" (accepted, marked, not merged), "refused" (status
    // failure), or an HTTP status for the whole request.
    public static TheoryData<string, Poster, string, Signing, string> Rows => new()
    {
        { "valid pseudonym, vehicle", Poster.Vehicle, "require", Signing.Valid, "verified" },
        { "unsigned, vehicle", Poster.Vehicle, "require", Signing.Unsigned, "401" },
        { "bad signature, vehicle", Poster.Vehicle, "require", Signing.BadSignature, "401" },
        { "revoked ticket, vehicle", Poster.Vehicle, "require", Signing.Revoked, "401" },
        { "unknown root, vehicle", Poster.Vehicle, "require", Signing.UnknownRoot, "401" },
        { "signed for another collection, vehicle", Poster.Vehicle, "require", Signing.OtherCollection, "401" },
        { "stale signature (a replay), vehicle", Poster.Vehicle, "require", Signing.Stale, "401" },
        { "CAM PSID, vehicle", Poster.Vehicle, "require", Signing.CamPsid, "401" },
        { "valid pseudonym, vehicle, mark", Poster.Vehicle, "mark", Signing.Valid, "verified" },
        { "unsigned, vehicle, mark", Poster.Vehicle, "mark", Signing.Unsigned, "401" },
        { "valid pseudonym, member, require", Poster.Member, "require", Signing.Valid, "verified" },
        { "unsigned, member, require", Poster.Member, "require", Signing.Unsigned, "refused" },
        { "revoked ticket, member, require", Poster.Member, "require", Signing.Revoked, "refused" },
        { "unknown root, member, require", Poster.Member, "require", Signing.UnknownRoot, "refused" },
        { "bad signature, member, require", Poster.Member, "require", Signing.BadSignature, "refused" },
        { "signed for another collection, member, require", Poster.Member, "require", Signing.OtherCollection, "refused" },
        { "unsigned, member, mark", Poster.Member, "mark", Signing.Unsigned, "unsigned" },
        { "revoked ticket, member, mark", Poster.Member, "mark", Signing.Revoked, "invalid" },
        { "bad signature, member, mark", Poster.Member, "mark", Signing.BadSignature, "invalid" },
        { "unknown root, member, mark", Poster.Member, "mark", Signing.UnknownRoot, "invalid" },
        { "unsigned, member, none", Poster.Member, "none", Signing.Unsigned, "not checked" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Summaries_are_handled_per_collection_policy(string name, Poster poster, string policy, Signing signing, string expected)
    {
        var (collection, other) = await SetUpAsync(policy);
        var signer = await SignerAsync(signing, other);
        var summaries = Enumerable.Range(0, 3).Select(v => Stix.Summary(v)).ToList();
        var objects = summaries.SelectMany(s => s.ToStixObjects()).DistinctBy(o => (string)o["id"]!).ToList();

        using var http = Server.CreateClient();
        var client = new TaxiiClient(http, new TaxiiClientOptions
        {
            ApiRoot = new Uri(Server.BaseAddress, Root),
            Username = poster == Poster.Member ? "fleet" : null,
            Password = poster == Poster.Member ? PasswordOf("fleet") : null,
            Retry = RetryPolicy.None,
            EnvelopeSigner = signer,
        }, Time);

        if (int.TryParse(expected, out var httpStatus))
        {
            var refused = await Assert.ThrowsAsync<TaxiiClientException>(() => client.AddObjectsAsync(collection, objects));
            Assert.True((HttpStatusCode)httpStatus == refused.StatusCode, $"{name}: {refused.Message}");
            Assert.Equal(0, await Store.CountObjectsAsync(CancellationToken.None));
            return;
        }

        var status = await client.AddObjectsAsync(collection, objects);
        var summaryIds = summaries.Select(s => s.ObservedDataId).ToHashSet();
        if (expected == "refused")
        {
            Assert.True(status.Failures?.Count(f => summaryIds.Contains(f.Id)) == 3, $"{name}: {string.Join("; ", status.Failures?.Select(f => f.Message) ?? [])}");
            Assert.All(status.Failures!, f => Assert.Contains("requires it", f.Message, StringComparison.Ordinal));
            return;
        }

        Assert.True(status.FailureCount == 0, $"{name}: {string.Join("; ", status.Failures?.Select(f => f.Message) ?? [])}");
        using var reader = Client("cert");
        using var response = await reader.GetAsync($"{Root}collections/{collection}/scores/?match[type]=observed-data");
        var records = (await JsonAsync(response))["objects"]!.AsArray();
        Assert.Equal(3, records.Count);
        Assert.All(records, r => Assert.Equal(expected == "not checked" ? null : expected, (string?)r!["authenticity"]));

        // Marked summaries are kept but never counted: no merged indicator for them.
        var merged = await ReadAllAsync(reader, collection, "&match[type]=indicator,sighting");
        Assert.True((expected is "verified" or "not checked") == (merged.Count == 2), $"{name}: {merged.Count} merged objects");
    }

    [Fact]
    public async Task A_verified_submission_leaves_no_trace_of_the_vehicle_or_its_ticket()
    {
        var (collection, _) = await SetUpAsync("require");
        var (ticket, key) = await _pki!.TicketAsync("obu-identity-7");
        var signer = new TicketSigner(ticket, key, Time);
        using var http = Server.CreateClient();
        var client = new TaxiiClient(http, new TaxiiClientOptions { ApiRoot = new Uri(Server.BaseAddress, Root), Retry = RetryPolicy.None, EnvelopeSigner = signer }, Time);
        var status = await client.AddObjectsAsync(collection, Stix.Summary(1).ToStixObjects());
        Assert.Equal(0, status.FailureCount);

        var texts = await AllStoredTextAsync();
        var encoded = ticket.Encoded.ToArray();
        string[] traces =
        [
            "obu-identity-7", ticket.HashedId8.ToString(), Convert.ToHexString(encoded), Convert.ToHexStringLower(encoded), Convert.ToBase64String(encoded),
            Convert.ToHexStringLower(ticket.ToBeSigned.VerifyKeyIndicator.VerificationKey!.Point.X.ToArray()), signer.Last!,
        ];
        foreach (var trace in traces)
        {
            Assert.DoesNotContain(texts, t => t.Contains(trace, StringComparison.OrdinalIgnoreCase));
        }

        // Stored under the collection's vehicle producer: the organisation, not the vehicle.
        var stored = await Store.QueryObjectsAsync(new global::Community.Storage.ObjectQuery { CollectionId = collection, Types = ["observed-data"] }, CancellationToken.None);
        Assert.Equal("fleet", Assert.Single(stored).Producer);
        Assert.Equal(SubmissionAuthenticity.Verified, stored[0].Authenticity);
    }

    [Fact]
    public async Task Vehicles_submit_summaries_only_and_only_where_a_vehicle_producer_is_set()
    {
        var (collection, other) = await SetUpAsync("require");
        var (ticket, key) = await _pki!.TicketAsync("obu-2");
        using var http = Server.CreateClient();
        var client = new TaxiiClient(http, new TaxiiClientOptions
        {
            ApiRoot = new Uri(Server.BaseAddress, Root),
            Retry = RetryPolicy.None,
            EnvelopeSigner = new TicketSigner(ticket, key, Time),
        }, Time);

        var status = await client.AddObjectsAsync(collection, [.. Stix.Summary(1).ToStixObjects(), Stix.Indicator(5)]);
        var refused = Assert.Single(status.Failures!);
        Assert.Equal(Stix.Id("indicator", 5), refused.Id);
        Assert.Contains("anomaly summaries and their observables only", refused.Message, StringComparison.Ordinal);

        // "other" has no vehicle producer: without credentials, no write, whatever the signature.
        var denied = await Assert.ThrowsAsync<TaxiiClientException>(() => client.AddObjectsAsync(other, Stix.Summary(2).ToStixObjects()));
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
    }

    [Fact]
    public async Task A_vehicle_producer_needs_a_signature_policy()
    {
        await AddOrganisationAsync("fleet", OrganisationRole.Automaker);
        var error = await Assert.ThrowsAsync<CommunityException>(() => Hub.Membership.UpsertCollectionAsync(
            new CollectionRequest("open door", SummarySignatures: "none", VehicleProducer: "fleet"), CancellationToken.None));
        Assert.Contains("signature policy", error.Message, StringComparison.Ordinal);
    }

    private async Task<(string Collection, string Other)> SetUpAsync(string policy)
    {
        await AddOrganisationAsync("fleet", OrganisationRole.Automaker);
        await AddOrganisationAsync("cert", OrganisationRole.CoordinationTeam);
        var collection = await Hub.Membership.UpsertCollectionAsync(
            new CollectionRequest("fleet anomalies", DefaultTlp: "green", SummarySignatures: policy, VehicleProducer: policy == "none" ? null : "fleet"),
            CancellationToken.None);
        var other = await AddCollectionAsync("other", defaultTlp: "green");
        foreach (var id in new[] { collection.Id, other.Id })
        {
            await JoinAsync("fleet", id, read: true, write: true);
            await JoinAsync("cert", id, read: true, write: false);
        }

        return (collection.Id, other.Id);
    }

    private async Task<TicketSigner?> SignerAsync(Signing signing, string otherCollection)
    {
        if (signing == Signing.Unsigned)
        {
            return null;
        }

        if (signing == Signing.UnknownRoot)
        {
            _otherPki = await V2xPkiFixture.StartAsync(Time, "another-pki");
            var (foreign, foreignKey) = await _otherPki.TicketAsync("obu-9");
            return new TicketSigner(foreign, foreignKey, Time);
        }

        var (ticket, key) = await _pki!.TicketAsync("obu-1");
        if (signing == Signing.Revoked)
        {
            _pki.Pki.Revocations.RevokeStation("obu-1", "stolen vehicle");
            // The hub fetches its issuer's CRL again once its copy is older than the refresh interval.
            Time.Advance(TimeSpan.FromMinutes(6));
        }

        return new TicketSigner(ticket, key, Time)
        {
            Corrupt = signing == Signing.BadSignature,
            ForCollection = signing == Signing.OtherCollection ? otherCollection : null,
            GenerationShift = signing == Signing.Stale ? TimeSpan.FromMinutes(-10) : TimeSpan.Zero,
            Psid = signing == Signing.CamPsid ? Psid.Cam : PkiProtocol.Messages.PkiPsids.UpstreamSummary,
        };
    }
}

public sealed class SignedSubmissionTestsOnSqlite : SignedSubmissionTests
{
    protected override IStoreProvider CreateProvider() => new SqliteStoreProvider();
}

public sealed class SignedSubmissionTestsOnPostgres : SignedSubmissionTests
{
    protected override IStoreProvider CreateProvider() => new PostgresStoreProvider();
}
