using System.CommandLine;
using System.Globalization;
using CommandLine;
using Community.Hosting;

namespace Community.Admin;

public static partial class HubCli
{
    private const string Roles = "automaker, supplier, third-party-provider, coordination-team, telecom-operator, cybersecurity-vendor";

    private static IEnumerable<Command> AdminCommands(StoreOptions store, TextReader input, TextWriter output, TimeProvider time)
    {
        var json = CommunityJsonContext.Default;
        Command Admin(string name, string description, Func<ParseResult, HubServices, CancellationToken, Task> act, params Option[] options)
        {
            var command = new Command(name, description);
            foreach (var option in options)
            {
                command.Add(option);
            }

            command.SetAction(async (p, ct) =>
            {
                await using var services = await store.OpenAsync(p, time, null, ct).ConfigureAwait(false);
                await act(p, services, ct).ConfigureAwait(false);
                return ExitCodes.Ok;
            });
            return command;
        }

        var orgId = Required("--id", "the organisation");
        var orgName = Required("--name", "its name");
        var roles = CliOptions.Text("--roles", "comma-separated: " + Roles, valueName: "ROLES");
        var makes = CliOptions.Text("--makes", "comma-separated vehicle makes", valueName: "A,B");
        var models = CliOptions.Text("--models", "comma-separated vehicle models", valueName: "A,B");
        var suppliers = CliOptions.Text("--suppliers", "comma-separated suppliers", valueName: "A,B");
        var clients = CliOptions.Text("--clients", "comma-separated client organisations", valueName: "ORG1,ORG2");
        var reputation = CliOptions.Number("--reputation", 0, 1, "reputation 0..1");
        var admin = Bool("--admin", "an administrator of the hub");
        var reputationId = Required("--id", "the organisation");
        var reputationValue = CliOptions.Number("--value", 0, 1, "reputation 0..1");
        reputationValue.Required = true;
        yield return Group("org", "Organisations.",
            Admin("set", "Create or update an organisation.", async (p, s, ct) =>
            {
                var org = await s.Membership.UpsertOrganisationAsync(new OrganisationRequest(p.GetRequiredValue(orgId), p.GetRequiredValue(orgName), List(p, roles),
                    List(p, makes), List(p, models), List(p, suppliers), List(p, clients), Given(p, reputation), Given(p, admin)), ct).ConfigureAwait(false);
                await WriteJsonAsync(output, AdminViews.ToView(org), json.OrganisationView).ConfigureAwait(false);
            }, orgId, orgName, roles, makes, models, suppliers, clients, reputation, admin),
            Admin("list", "List the organisations.", async (_, s, ct) =>
                await WriteJsonAsync(output, (await s.Core.Store.ListOrganisationsAsync(ct).ConfigureAwait(false)).Select(AdminViews.ToView).ToList(), json.ListOrganisationView)
                    .ConfigureAwait(false)),
            Admin("reputation", "Set an organisation's reputation.", async (p, s, ct) =>
            {
                var updated = await s.Membership.SetReputationAsync(p.GetRequiredValue(reputationId), p.GetValue(reputationValue), ct).ConfigureAwait(false);
                await WriteJsonAsync(output, AdminViews.ToView(updated), json.OrganisationView).ConfigureAwait(false);
            }, reputationId, reputationValue));

        var credentialOrg = Required("--org", "the organisation");
        var user = Required("--user", "the user name");
        var password = CliOptions.Text("--password", "the password (prefer --password-stdin)", valueName: "SECRET");
        var passwordStdin = CliOptions.Flag("--password-stdin", "read the password from the first line of standard input");
        var credential = Admin("set", "Set an organisation's credentials.", async (p, s, ct) =>
        {
            var secret = p.GetValue(passwordStdin) ? (await input.ReadLineAsync(ct).ConfigureAwait(false))?.TrimEnd('\r', '\n') : p.GetValue(password);
            await s.Membership.SetCredentialAsync(p.GetRequiredValue(credentialOrg),
                new CredentialRequest(p.GetRequiredValue(user), secret ?? throw UsageError("credential set --password or --password-stdin")), ct).ConfigureAwait(false);
            await output.WriteLineAsync("credentials set").ConfigureAwait(false);
        }, credentialOrg, user, password, passwordStdin);
        credential.Validators.Add(r =>
        {
            if (r.IsGiven(password) == r.IsGiven(passwordStdin))
            {
                r.AddError("credential set takes --password SECRET or --password-stdin.");
            }
        });
        yield return Group("credential", "Credentials.", credential);

        var title = Required("--title", "the collection's title");
        var collectionId = CliOptions.Text("--id", "its identifier (default: a new UUID)", valueName: "UUID");
        var description = CliOptions.Text("--description", "its description", valueName: "TEXT");
        var alias = CliOptions.Text("--alias", "its alias", valueName: "ALIAS");
        var isPublic = Bool("--public", "readable by every member");
        var desensitisation = CliOptions.Choice("--desensitisation", "what to do with personal data", null, "reject", "scrub");
        var decimals = CliOptions.Integer("--coordinate-decimals", 0, 15, "decimals kept of coordinates");
        var retention = CliOptions.Number("--retention-days", 0, 36_500, "days objects are kept");
        var tlp = CliOptions.Text("--default-tlp", "the default TLP marking", valueName: "LEVEL");
        var merge = Bool("--merge", "merge anomaly summaries");
        var signatures = CliOptions.Choice("--signatures", "ticket signatures of anomaly summaries", null, "none", "mark", "require");
        var producer = CliOptions.Text("--vehicle-producer", "the organisation vehicles post as", valueName: "ORG");
        yield return Group("collection", "Collections.",
            Admin("set", "Create or update a collection.", async (p, s, ct) =>
            {
                var collection = await s.Membership.UpsertCollectionAsync(new CollectionRequest(p.GetRequiredValue(title), p.GetValue(collectionId), p.GetValue(description),
                    p.GetValue(alias), Given(p, isPublic), p.GetValue(desensitisation), !p.IsGiven(decimals) ? null : p.GetValue(decimals), Given(p, retention),
                    p.GetValue(tlp), Given(p, merge), p.GetValue(signatures), p.GetValue(producer)), ct).ConfigureAwait(false);
                await WriteJsonAsync(output, AdminViews.ToView(collection), json.CollectionView).ConfigureAwait(false);
            }, title, collectionId, description, alias, isPublic, desensitisation, decimals, retention, tlp, merge, signatures, producer),
            Admin("list", "List the collections.", async (_, s, ct) =>
                await WriteJsonAsync(output, (await s.Core.Store.ListCollectionsAsync(ct).ConfigureAwait(false)).Select(AdminViews.ToView).ToList(), json.ListCollectionView)
                    .ConfigureAwait(false)));

        yield return Group("join", "Membership of collections.", JoinCommands(Admin, output).ToArray());
        foreach (var command in OperationCommands(Admin, output))
        {
            yield return command;
        }
    }

    private static IEnumerable<Command> JoinCommands(Func<string, string, Func<ParseResult, HubServices, CancellationToken, Task>, Option[], Command> admin, TextWriter output)
    {
        var json = CommunityJsonContext.Default;
        var (org, collection, read, write) = (Required("--org", "the organisation"), Required("--collection", "the collection"), Bool("--read", "may read"), Bool("--write", "may write"));
        yield return admin("request", "Ask to join a collection.", async (p, s, ct) =>
        {
            var requested = await s.Membership.RequestJoinAsync(p.GetRequiredValue(org), p.GetRequiredValue(collection), Given(p, read) ?? true, Given(p, write) ?? false, ct)
                .ConfigureAwait(false);
            await WriteJsonAsync(output, AdminViews.ToView(requested), json.MembershipView).ConfigureAwait(false);
        }, [org, collection, read, write]);

        var (approveOrg, approveCollection, approveRead, approveWrite) = (Required("--org", "the organisation"), Required("--collection", "the collection"),
            Bool("--read", "may read"), Bool("--write", "may write"));
        yield return admin("approve", "Approve a request to join.", async (p, s, ct) =>
        {
            var approved = await s.Membership.ApproveAsync(p.GetRequiredValue(approveCollection), p.GetRequiredValue(approveOrg),
                new RightsRequest(Given(p, approveRead), Given(p, approveWrite)), "admin-cli", ct).ConfigureAwait(false);
            await WriteJsonAsync(output, AdminViews.ToView(approved), json.MembershipView).ConfigureAwait(false);
        }, [approveOrg, approveCollection, approveRead, approveWrite]);

        var (rejectOrg, rejectCollection) = (Required("--org", "the organisation"), Required("--collection", "the collection"));
        yield return admin("reject", "Reject a request to join.", async (p, s, ct) =>
        {
            var rejected = await s.Membership.RejectAsync(p.GetRequiredValue(rejectCollection), p.GetRequiredValue(rejectOrg), "admin-cli", ct).ConfigureAwait(false);
            await WriteJsonAsync(output, AdminViews.ToView(rejected), json.MembershipView).ConfigureAwait(false);
        }, [rejectOrg, rejectCollection]);

        var (leaveOrg, leaveCollection) = (Required("--org", "the organisation"), Required("--collection", "the collection"));
        yield return admin("leave", "Leave a collection.", async (p, s, ct) =>
        {
            await s.Membership.LeaveAsync(p.GetRequiredValue(leaveOrg), p.GetRequiredValue(leaveCollection), ct).ConfigureAwait(false);
            await output.WriteLineAsync("left").ConfigureAwait(false);
        }, [leaveOrg, leaveCollection]);

        yield return admin("pending", "List the requests waiting.", async (_, s, ct) =>
            await WriteJsonAsync(output, (await s.Membership.PendingAsync(ct).ConfigureAwait(false)).Select(AdminViews.ToView).ToList(), json.ListMembershipView)
                .ConfigureAwait(false), []);
    }

    private static IEnumerable<Command> OperationCommands(Func<string, string, Func<ParseResult, HubServices, CancellationToken, Task>, Option[], Command> admin, TextWriter output)
    {
        var json = CommunityJsonContext.Default;
        var (field, value, reason) = (Required("--field", "the field matched"), Required("--value", "the value matched"), Required("--reason", "why it is a false alarm"));
        var ruleId = CliOptions.Text("--id", "the rule's identifier (default: a new one)");
        var ruleCollection = CliOptions.Text("--collection", "only in this collection");
        var removed = Required("--id", "the rule");
        yield return Group("rule", "False-alarm rules.",
            admin("add", "Add a false-alarm rule.", async (p, s, ct) =>
            {
                var rule = await s.Membership.AddRuleAsync(new RuleRequest(p.GetRequiredValue(field), p.GetRequiredValue(value), p.GetRequiredValue(reason), p.GetValue(ruleId),
                    p.GetValue(ruleCollection)), ct).ConfigureAwait(false);
                await WriteJsonAsync(output, rule, json.FalseAlarmRule).ConfigureAwait(false);
            }, [field, value, reason, ruleId, ruleCollection]),
            admin("list", "List the rules.", async (_, s, ct) =>
                await WriteJsonAsync(output, (await s.Core.Store.ListRulesAsync(ct).ConfigureAwait(false)).ToList(), json.ListFalseAlarmRule).ConfigureAwait(false), []),
            admin("remove", "Remove a rule.", async (p, s, ct) =>
            {
                if (!await s.Core.Store.DeleteRuleAsync(p.GetRequiredValue(removed), ct).ConfigureAwait(false))
                {
                    throw new CommunityException(CommunityErrorKind.NotFound, "no such rule");
                }

                await output.WriteLineAsync("rule removed").ConfigureAwait(false);
            }, [removed]));

        var routing = CliOptions.ExistingFile("--file", "the routing table (routing.json)", required: true);
        yield return Group("routing", "Threat routing (ITU-T X.1371 procedures).",
            admin("show", "Print the routing table.", async (_, s, _) => await output.WriteLineAsync(s.Core.Routing.ToJson()).ConfigureAwait(false), []),
            admin("set", "Replace the routing table.", async (p, s, ct) =>
            {
                await s.Membership.SetThreatRoutingAsync(await File.ReadAllTextAsync(p.GetRequiredValue(routing).FullName, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
                await output.WriteLineAsync(s.Core.Routing.ToJson()).ConfigureAwait(false);
            }, [routing]));

        var (collection, signature, revokeReason) = (Required("--collection", "the collection"), Required("--signature", "the anomaly group's signature"),
            Required("--reason", "why (recorded)"));
        yield return Group("anomaly", "Merged anomalies.",
            admin("list", "List the top anomaly groups.", async (_, s, ct) =>
            {
                var ids = (await s.Core.Store.ListCollectionsAsync(ct).ConfigureAwait(false)).Select(c => c.Id).ToList();
                await WriteJsonAsync(output, (await s.Core.Store.TopAnomalyGroupsAsync(ids, 100, ct).ConfigureAwait(false)).Select(AdminViews.ToView).ToList(), json.ListAnomalyView)
                    .ConfigureAwait(false);
            }, []),
            admin("revoke", "Revoke an anomaly group.", async (p, s, ct) =>
            {
                var count = await s.Membership.RevokeAnomalyAsync(p.GetRequiredValue(collection), p.GetRequiredValue(signature), p.GetRequiredValue(revokeReason), "admin-cli",
                    s.Merger, ct).ConfigureAwait(false);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"revoked {count}")).ConfigureAwait(false);
            }, [collection, signature, revokeReason]));

        yield return Group("retention", "Retention.",
            admin("run", "Run the retention once.", async (_, s, ct) =>
            {
                var report = await s.Retention.RunOnceAsync(ct).ConfigureAwait(false);
                await WriteJsonAsync(output, new RetentionReportView(report.ErasedVersions, report.ErasedGroups, report.StatusesPurged, Cti.Stix.StixTimestamp.Format(report.At)),
                    json.RetentionReportView).ConfigureAwait(false);
            }, []));

        var after = CliOptions.Integer("--after", 0, int.MaxValue, "entries after this sequence number", 0);
        var limit = CliOptions.Integer("--limit", 1, 100_000, "at most this many entries", 1000);
        yield return admin("audit", "Print the audit log.", async (p, s, ct) =>
        {
            foreach (var entry in await s.Core.Store.ListAuditAsync(p.GetValue(after), p.GetValue(limit), ct).ConfigureAwait(false))
            {
                await output.WriteLineAsync(AdminViews.ToLine(entry)).ConfigureAwait(false);
            }
        }, [after, limit]);
    }

    private static Option<string> Required(string name, string description) => CliOptions.Text(name, description, required: true);

    // true/false/yes/no/1/0, or a bare flag for true; "not given" is distinct from false (Given).
    private static Option<bool> Bool(string name, string description)
    {
        var option = new Option<bool>(name) { Description = description + " (true or false; alone: true)", Arity = ArgumentArity.ZeroOrOne };
        option.CustomParser = r =>
        {
            var text = r.Tokens.Count == 0 ? "true" : r.Tokens[^1].Value;
            switch (text)
            {
                case "true": return true;
                case "false": return false;
                default:
                    r.AddError($"{name} takes true or false, not '{text}'.");
                    return false;
            }
        };
        return option;
    }

    private static Command Group(string name, string description, params Command[] commands)
    {
        var group = new Command(name, description);
        foreach (var command in commands)
        {
            group.Add(command);
        }

        return group;
    }

    private static bool? Given(ParseResult p, Option<bool> option) => !p.IsGiven(option) ? null : p.GetValue(option);

    private static double? Given(ParseResult p, Option<double> option) => !p.IsGiven(option) ? null : p.GetValue(option);

    private static List<string>? List(ParseResult p, Option<string> option) =>
        p.GetValue(option)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
