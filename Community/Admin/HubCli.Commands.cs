using System.Globalization;
using Community.Hosting;

namespace Community.Admin;

public static partial class CommandLine
{
    private static async Task<int> DispatchAsync(CliArguments a, HubServices s, TextReader input, TextWriter output, CancellationToken ct)
    {
        var json = CommunityJsonContext.Default;
        var m = s.Membership;
        var command = string.Join(' ', a.Words.Take(2));
        switch (a.Words[0] == "serve" || a.Words[0] == "audit" ? a.Words[0] : command)
        {
            case "serve":
                return await ServeAsync(a, s, output, ct).ConfigureAwait(false);
            case "org set":
                var org = await m.UpsertOrganisationAsync(
                    new OrganisationRequest(a.Require("id"), a.Require("name"), a.List("roles"), a.List("makes"), a.List("models"), a.List("suppliers"),
                        a.List("clients"), a.Number("reputation"), a.Bool("admin")), ct).ConfigureAwait(false);
                await WriteJsonAsync(output, AdminViews.ToView(org), json.OrganisationView).ConfigureAwait(false);
                return 0;
            case "org list":
                await WriteJsonAsync(output, (await s.Core.Store.ListOrganisationsAsync(ct).ConfigureAwait(false)).Select(AdminViews.ToView).ToList(), json.ListOrganisationView)
                    .ConfigureAwait(false);
                return 0;
            case "org reputation":
                var updated = await m.SetReputationAsync(a.Require("id"), a.Number("value") ?? throw UsageError("org reputation --id ID --value 0..1"), ct).ConfigureAwait(false);
                await WriteJsonAsync(output, AdminViews.ToView(updated), json.OrganisationView).ConfigureAwait(false);
                return 0;
            case "credential set":
                var password = a.Bool("password-stdin") == true ? (await input.ReadLineAsync(ct).ConfigureAwait(false))?.TrimEnd('\r', '\n') : a.Get("password");
                await m.SetCredentialAsync(a.Require("org"), new CredentialRequest(a.Require("user"), password ?? throw UsageError("credential set --password or --password-stdin")), ct)
                    .ConfigureAwait(false);
                await output.WriteLineAsync("credentials set").ConfigureAwait(false);
                return 0;
            case "collection set":
                var collection = await m.UpsertCollectionAsync(
                    new CollectionRequest(a.Require("title"), a.Get("id"), a.Get("description"), a.Get("alias"), a.Bool("public"), a.Get("desensitisation"),
                        a.Number("coordinate-decimals") is { } d ? (int)d : null, a.Number("retention-days"), a.Get("default-tlp"), a.Bool("merge"),
                        a.Get("signatures"), a.Get("vehicle-producer")), ct).ConfigureAwait(false);
                await WriteJsonAsync(output, AdminViews.ToView(collection), json.CollectionView).ConfigureAwait(false);
                return 0;
            case "collection list":
                await WriteJsonAsync(output, (await s.Core.Store.ListCollectionsAsync(ct).ConfigureAwait(false)).Select(AdminViews.ToView).ToList(), json.ListCollectionView)
                    .ConfigureAwait(false);
                return 0;
            case "join request":
                var requested = await m.RequestJoinAsync(a.Require("org"), a.Require("collection"), a.Bool("read") ?? true, a.Bool("write") ?? false, ct).ConfigureAwait(false);
                await WriteJsonAsync(output, AdminViews.ToView(requested), json.MembershipView).ConfigureAwait(false);
                return 0;
            case "join approve":
                var approved = await m.ApproveAsync(a.Require("collection"), a.Require("org"), new RightsRequest(a.Bool("read"), a.Bool("write")), "admin-cli", ct).ConfigureAwait(false);
                await WriteJsonAsync(output, AdminViews.ToView(approved), json.MembershipView).ConfigureAwait(false);
                return 0;
            case "join reject":
                var rejected = await m.RejectAsync(a.Require("collection"), a.Require("org"), "admin-cli", ct).ConfigureAwait(false);
                await WriteJsonAsync(output, AdminViews.ToView(rejected), json.MembershipView).ConfigureAwait(false);
                return 0;
            case "join leave":
                await m.LeaveAsync(a.Require("org"), a.Require("collection"), ct).ConfigureAwait(false);
                await output.WriteLineAsync("left").ConfigureAwait(false);
                return 0;
            case "join pending":
                await WriteJsonAsync(output, (await m.PendingAsync(ct).ConfigureAwait(false)).Select(AdminViews.ToView).ToList(), json.ListMembershipView).ConfigureAwait(false);
                return 0;
            case "rule add":
                var rule = await m.AddRuleAsync(new RuleRequest(a.Require("field"), a.Require("value"), a.Require("reason"), a.Get("id"), a.Get("collection")), ct).ConfigureAwait(false);
                await WriteJsonAsync(output, rule, json.FalseAlarmRule).ConfigureAwait(false);
                return 0;
            case "rule list":
                await WriteJsonAsync(output, (await s.Core.Store.ListRulesAsync(ct).ConfigureAwait(false)).ToList(), json.ListFalseAlarmRule).ConfigureAwait(false);
                return 0;
            case "rule remove":
                if (!await s.Core.Store.DeleteRuleAsync(a.Require("id"), ct).ConfigureAwait(false))
                {
                    throw new CommunityException(CommunityErrorKind.NotFound, "no such rule");
                }

                await output.WriteLineAsync("rule removed").ConfigureAwait(false);
                return 0;
            case "routing show":
                await output.WriteLineAsync(s.Core.Routing.ToJson()).ConfigureAwait(false);
                return 0;
            case "routing set":
                await m.SetThreatRoutingAsync(await File.ReadAllTextAsync(a.Require("file"), ct).ConfigureAwait(false), ct).ConfigureAwait(false);
                await output.WriteLineAsync(s.Core.Routing.ToJson()).ConfigureAwait(false);
                return 0;
            case "anomaly list":
                var ids = (await s.Core.Store.ListCollectionsAsync(ct).ConfigureAwait(false)).Select(c => c.Id).ToList();
                await WriteJsonAsync(output, (await s.Core.Store.TopAnomalyGroupsAsync(ids, 100, ct).ConfigureAwait(false)).Select(AdminViews.ToView).ToList(), json.ListAnomalyView)
                    .ConfigureAwait(false);
                return 0;
            case "anomaly revoke":
                var count = await m.RevokeAnomalyAsync(a.Require("collection"), a.Require("signature"), a.Require("reason"), "admin-cli", s.Merger, ct).ConfigureAwait(false);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"revoked {count}")).ConfigureAwait(false);
                return 0;
            case "retention run":
                var report = await s.Retention.RunOnceAsync(ct).ConfigureAwait(false);
                await WriteJsonAsync(output, new RetentionReportView(report.ErasedVersions, report.ErasedGroups, report.StatusesPurged, Cti.Stix.StixTimestamp.Format(report.At)),
                    json.RetentionReportView).ConfigureAwait(false);
                return 0;
            case "audit":
                var after = (long)(a.Number("after") ?? 0);
                var limit = (int)(a.Number("limit") ?? 1000);
                foreach (var entry in await s.Core.Store.ListAuditAsync(after, limit, ct).ConfigureAwait(false))
                {
                    await output.WriteLineAsync(AdminViews.ToLine(entry)).ConfigureAwait(false);
                }

                return 0;
            default:
                throw UsageError($"unknown command '{string.Join(' ', a.Words)}'");
        }
    }

    private static async Task<int> ServeAsync(CliArguments a, HubServices s, TextWriter output, CancellationToken ct)
    {
        // HTTPS with --tls-cert/--tls-key (default https://127.0.0.1:8443); plain HTTP only when --urls asks for it, on loopback.
        var (certificatePath, keyPath) = (a.Get("tls-cert"), a.Get("tls-key"));
        if ((certificatePath is null) != (keyPath is null))
        {
            throw UsageError("serve --tls-cert CERT.pem --tls-key KEY.pem (both)");
        }

        using var tls = certificatePath is null ? null : PkiProtocol.Tls.TlsTrust.LoadServerCertificate(certificatePath, keyPath!);
        var urls = a.List("urls") ?? (tls is null ? throw UsageError("serve --tls-cert/--tls-key for HTTPS, or --urls http://127.0.0.1:PORT for plain HTTP on loopback") : ["https://127.0.0.1:8443"]);
        await using var app = HubApplication.Build(s, urls, runRetention: a.Bool("no-retention") != true, tlsCertificate: tls);
        await output.WriteLineAsync($"hub serving TAXII 2.1 at {string.Join(", ", urls.Select(u => u.TrimEnd('/') + "/taxii2/"))}").ConfigureAwait(false);
        await app.RunAsync(ct).ConfigureAwait(false);
        return 0;
    }
}
