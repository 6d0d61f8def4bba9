using System.Text.Json.Nodes;

namespace Cti.Tests.Validation;

/// <summary>Valid STIX 2.1 objects the validator tables mutate; each names its source.</summary>
internal static class StixSamples
{
    private static readonly Dictionary<string, string> Samples = new()
    {
        // STIX 2.1 CS02 §4.7 indicator example (Poison Ivy), pattern_type added as 2.1 requires.
        ["indicator"] = """
            {"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
             "created_by_ref":"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff","created":"2016-04-06T20:03:48.000Z",
             "modified":"2016-04-06T20:03:48.000Z","indicator_types":["malicious-activity"],"name":"Poison Ivy Malware",
             "description":"This file is part of Poison Ivy",
             "pattern":"[ file:hashes.'SHA-256' = '4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877' ]",
             "pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z"}
            """,
        // OASIS cti-stix-common-objects tlp-2.0/examples/using-tlp2.0-green.json (identity, threat-actor).
        ["identity"] = """
            {"created":"2022-10-27T13:49:54.326Z","id":"identity--1621d4d4-b67d-11e3-9670-f01faf20d111",
             "modified":"2022-10-27T13:49:54.326Z","name":"Adversary Bravo","spec_version":"2.1","type":"identity"}
            """,
        ["threat-actor"] = """
            {"created":"2022-10-27T13:49:54.326Z","id":"threat-actor--9a8a0d25-7636-429b-a99e-b2a73cd0f11f",
             "modified":"2022-10-27T13:49:54.326Z","name":"Adversary Bravo","sophistication":"unknown","spec_version":"2.1","type":"threat-actor"}
            """,
        // Same OASIS example's relationship, with its created typo ("2022-101-27") corrected.
        ["relationship"] = """
            {"created":"2022-10-27T13:49:54.326Z","id":"relationship--1621d4d4-b67d-11e3-9670-f01faf20d111",
             "modified":"2022-10-27T13:49:54.326Z","object_marking_refs":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"],
             "relationship_type":"attributed-to","start_time":"2016-01-01T00:00:00Z","source_ref":"threat-actor--9a8a0d25-7636-429b-a99e-b2a73cd0f11f",
             "spec_version":"2.1","target_ref":"identity--1621d4d4-b67d-11e3-9670-f01faf20d111","type":"relationship"}
            """,
        // OASIS cti-stix2-json-schemas examples/sighting-of-observed-data.json, upgraded to 2.1 (spec_version,
        // object_refs instead of the deprecated objects).
        ["sighting"] = """
            {"type":"sighting","spec_version":"2.1","id":"sighting--779c4ae8-e134-4180-baa4-03141095d971",
             "created_by_ref":"identity--987eeee1-413a-44ac-96cc-0a8acdcc2f2c","created":"2017-02-28T19:37:11.213Z",
             "modified":"2017-02-28T19:37:11.213Z","first_seen":"2017-02-28T19:07:24.856Z","last_seen":"2017-02-28T19:07:24.856Z",
             "count":1,"sighting_of_ref":"malware--ae560258-a5cb-4be8-8f05-013d6712295f",
             "where_sighted_refs":["identity--987eeee1-413a-44ac-96cc-0a8acdcc2f2c"],
             "observed_data_refs":["observed-data--cf8eaa41-6f4c-482e-89b9-9cd2d6a83cb1"]}
            """,
        ["observed-data"] = """
            {"type":"observed-data","spec_version":"2.1","id":"observed-data--cf8eaa41-6f4c-482e-89b9-9cd2d6a83cb1",
             "created":"2017-02-28T19:37:11.213Z","modified":"2017-02-28T19:37:11.213Z",
             "first_observed":"2017-02-27T21:37:11.213Z","last_observed":"2017-02-27T21:37:11.213Z","number_observed":1,
             "object_refs":["file--7af1312c-4402-5d2f-b169-b118d73b85c4"]}
            """,
        ["malware"] = """
            {"type":"malware","spec_version":"2.1","id":"malware--ae560258-a5cb-4be8-8f05-013d6712295f",
             "created":"2014-02-20T09:16:08.989Z","modified":"2014-02-20T09:16:08.989Z",
             "is_family":false,"malware_types":["remote-access-trojan"]}
            """,
        ["report"] = """
            {"type":"report","spec_version":"2.1","id":"report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3",
             "created":"2015-12-21T19:59:11.000Z","modified":"2015-12-21T19:59:11.000Z","name":"The Black Vine Cyberespionage Group",
             "published":"2016-01-20T17:00:00.000Z","report_types":["campaign"],"object_refs":["indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"]}
            """,
        ["vulnerability"] = """
            {"type":"vulnerability","spec_version":"2.1","id":"vulnerability--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061",
             "created":"2016-05-12T08:17:27.000Z","modified":"2016-05-12T08:17:27.000Z","name":"CVE-2016-1234",
             "external_references":[{"source_name":"cve","external_id":"CVE-2016-1234"}]}
            """,
        ["attack-pattern"] = """
            {"type":"attack-pattern","spec_version":"2.1","id":"attack-pattern--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061",
             "created":"2016-05-12T08:17:27.000Z","modified":"2016-05-12T08:17:27.000Z","name":"Spear Phishing",
             "kill_chain_phases":[{"kill_chain_name":"lockheed-martin-cyber-kill-chain","phase_name":"delivery"}]}
            """,
        ["note"] = """
            {"type":"note","spec_version":"2.1","id":"note--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061",
             "created":"2016-05-12T08:17:27.000Z","modified":"2016-05-12T08:17:27.000Z","content":"Seen on the bench.",
             "object_refs":["malware--ae560258-a5cb-4be8-8f05-013d6712295f"]}
            """,
        ["grouping"] = """
            {"type":"grouping","spec_version":"2.1","id":"grouping--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3",
             "created":"2015-12-21T19:59:11.000Z","modified":"2015-12-21T19:59:11.000Z","context":"suspicious-activity",
             "object_refs":["indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"]}
            """,
        ["file"] = """{"type":"file","spec_version":"2.1","id":"file--7af1312c-4402-5d2f-b169-b118d73b85c4","name":"foo.exe"}""",
        ["software"] = """{"type":"software","spec_version":"2.1","id":"software--c616478f-891e-5ddb-bb5c-f6d497d2a513","name":"Word","vendor":"Microsoft","version":"2002"}""",
        ["ipv4-addr"] = """{"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4","value":"198.51.100.3"}""",
        ["network-traffic"] = """
            {"type":"network-traffic","spec_version":"2.1","id":"network-traffic--068a4b54-d696-5b35-a085-8122d7f6fab1",
             "dst_ref":"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4","dst_port":443,"protocols":["tcp"]}
            """,
        ["process"] = """
            {"type":"process","spec_version":"2.1","id":"process--07bc30ca-debc-4579-881e-b9e6d2f0b5b2",
             "image_ref":"file--7af1312c-4402-5d2f-b169-b118d73b85c4","pid":1221}
            """,
        // OASIS cti-stix-common-objects tlp-2.0/examples/tlp-amber+strict.json.
        ["marking-definition"] = """
            {"type":"marking-definition","spec_version":"2.1","id":"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
             "created":"2022-10-01T00:00:00.000Z","name":"TLP:AMBER+STRICT",
             "extensions":{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":{"extension_type":"property-extension","tlp_2_0":"amber+strict"}}}
            """,
        // STIX 2.1 §7.2.1.4 predefined TLP 1.0 GREEN.
        ["tlp1-green"] = """
            {"type":"marking-definition","spec_version":"2.1","id":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
             "created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","name":"TLP:GREEN","definition":{"tlp":"green"}}
            """,
        ["statement"] = """
            {"type":"marking-definition","spec_version":"2.1","id":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41db",
             "created":"2017-01-20T00:00:00.000Z","definition_type":"statement","definition":{"statement":"Copyright 2019, Example Corp"}}
            """,
        ["extension-definition"] = """
            {"type":"extension-definition","spec_version":"2.1","id":"extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e",
             "created_by_ref":"identity--11b76a96-5d2b-45e0-8a5a-f6994f370731","created":"2014-02-20T09:16:08.000Z",
             "modified":"2014-02-20T09:16:08.000Z","name":"Extension Foo Bar","schema":"https://www.example.com/schema-foo-1/v1/",
             "version":"1.2.1","extension_types":["toplevel-property-extension"],"extension_properties":["toxicity","rank"]}
            """,
    };

    public static IEnumerable<string> Names => Samples.Keys;

    public static JsonObject Get(string name) => JsonNode.Parse(Samples[name])!.AsObject();
}
