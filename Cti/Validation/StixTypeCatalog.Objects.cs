using Cti.Stix;

namespace Cti.Validation;

public static partial class StixTypeCatalog
{
    // STIX 2.1 §4: domain objects (clause of each type beside it).
    private static IEnumerable<TypeSpec> DomainObjects() =>
    [
        Sdo("attack-pattern", Str("name", true), Str("description"), Strings("aliases"), Phases()), // §4.1
        Sdo("campaign", Str("name", true), Str("description"), Strings("aliases"), Time("first_seen"), Time("last_seen"), Str("objective")), // §4.2
        Sdo("course-of-action", Str("name", true), Str("description")), // §4.3
        Sdo("grouping", Str("name"), Str("description"), Str("context", true), Refs("object_refs", true)), // §4.4
        Sdo("identity", Str("name", true), Str("description"), Strings("roles"), Str("identity_class"), Strings("sectors"), Str("contact_information")), // §4.5
        Sdo("incident", Str("name", true), Str("description"), Phases()), // §4.6
        Sdo("indicator", Str("name"), Str("description"), Strings("indicator_types"), Str("pattern", true), Str("pattern_type", true), // §4.7
            Str("pattern_version"), Time("valid_from", true), Time("valid_until"), Phases()),
        Sdo("infrastructure", Str("name", true), Str("description"), Strings("infrastructure_types"), Strings("aliases"), Phases(), // §4.8
            Time("first_seen"), Time("last_seen")),
        Sdo("intrusion-set", Str("name", true), Str("description"), Strings("aliases"), Time("first_seen"), Time("last_seen"), // §4.9
            Strings("goals"), Str("resource_level"), Str("primary_motivation"), Strings("secondary_motivations")),
        Sdo("location", Str("name"), Str("description"), new PropertySpec("latitude", PropertyKind.Number), // §4.10
            new PropertySpec("longitude", PropertyKind.Number), new PropertySpec("precision", PropertyKind.Number), Str("region"),
            Str("country"), Str("administrative_area"), Str("city"), Str("street_address"), Str("postal_code")),
        Sdo("malware", Str("name"), Str("description"), Strings("malware_types"), Bool("is_family", true), Strings("aliases"), Phases(), // §4.11
            Time("first_seen"), Time("last_seen"), Refs("operating_system_refs", false, "software"), Strings("architecture_execution_envs"),
            Strings("implementation_languages"), Strings("capabilities"), Refs("sample_refs", false, "file", "artifact")),
        Sdo("note", Str("abstract"), Str("content", true), Strings("authors"), Refs("object_refs", true)), // §4.13
        Sdo("observed-data", Time("first_observed", true), Time("last_observed", true), // §4.14
            Int("number_observed", 1, 999_999_999, required: true), Refs("object_refs", true), new PropertySpec("objects", PropertyKind.Any)),
        Sdo("opinion", Str("explanation"), Strings("authors"), Str("opinion", true), Refs("object_refs", true)), // §4.15
        Sdo("report", Str("name", true), Str("description"), Strings("report_types"), Time("published", true), Refs("object_refs", true)), // §4.16
        Sdo("threat-actor", Str("name", true), Str("description"), Strings("threat_actor_types"), Strings("aliases"), Time("first_seen"), // §4.17
            Time("last_seen"), Strings("roles"), Strings("goals"), Str("sophistication"), Str("resource_level"), Str("primary_motivation"),
            Strings("secondary_motivations"), Strings("personal_motivations")),
        Sdo("tool", Str("name", true), Str("description"), Strings("tool_types"), Strings("aliases"), Phases(), Str("tool_version")), // §4.18
        Sdo("vulnerability", Str("name", true), Str("description")), // §4.19
    ];

    // STIX 2.1 §5: relationship objects.
    private static IEnumerable<TypeSpec> RelationshipObjects() =>
    [
        Sro("relationship", Str("relationship_type", true), Str("description"), new PropertySpec("source_ref", PropertyKind.Identifier, true), // §5.1
            new PropertySpec("target_ref", PropertyKind.Identifier, true), Time("start_time"), Time("stop_time")),
        Sro("sighting", Str("description"), Time("first_seen"), Time("last_seen"), Int("count", 0, 999_999_999), // §5.2
            new PropertySpec("sighting_of_ref", PropertyKind.Identifier, true, ["sdo"]), Refs("observed_data_refs", false, "observed-data"),
            Refs("where_sighted_refs", false, "identity", "location"), Bool("summary")),
    ];

    // STIX 2.1 §6: cyber-observable objects.
    private static IEnumerable<TypeSpec> CyberObservables()
    {
        string[] addresses = ["ipv4-addr", "ipv6-addr", "mac-addr", "domain-name"];
        return
        [
            Sco("artifact", Str("mime_type"), new PropertySpec("payload_bin", PropertyKind.Binary), Str("url"), // §6.1
                new PropertySpec("hashes", PropertyKind.Hashes), Str("encryption_algorithm"), Str("decryption_key")),
            Sco("autonomous-system", Int("number", 0, uint.MaxValue, required: true), Str("name"), Str("rir")), // §6.2
            Sco("directory", Str("path", true), Str("path_enc"), Time("ctime"), Time("mtime"), Time("atime"), // §6.3
                Refs("contains_refs", false, "file", "directory")),
            Sco("domain-name", Str("value", true), Refs("resolves_to_refs", false, "ipv4-addr", "ipv6-addr", "domain-name")), // §6.4
            Sco("email-addr", Str("value", true), Str("display_name"), Ref("belongs_to_ref", "user-account")), // §6.5
            Sco("file", new PropertySpec("hashes", PropertyKind.Hashes), Int("size", 0, long.MaxValue), Str("name"), Str("name_enc"), // §6.7
                new PropertySpec("magic_number_hex", PropertyKind.Hex), Str("mime_type"), Time("ctime"), Time("mtime"), Time("atime"),
                Ref("parent_directory_ref", "directory"), Refs("contains_refs", false), Ref("content_ref", "artifact")),
            Sco("ipv4-addr", Str("value", true), Refs("resolves_to_refs", false, "mac-addr"), Refs("belongs_to_refs", false, "autonomous-system")), // §6.8
            Sco("ipv6-addr", Str("value", true), Refs("resolves_to_refs", false, "mac-addr"), Refs("belongs_to_refs", false, "autonomous-system")), // §6.9
            Sco("mac-addr", Str("value", true)), // §6.10
            Sco("mutex", Str("name", true)), // §6.11
            Sco("network-traffic", Time("start"), Time("end"), Bool("is_active"), Ref("src_ref", addresses), Ref("dst_ref", addresses), // §6.12
                Int("src_port", 0, 65535), Int("dst_port", 0, 65535), Strings("protocols", true), Int("src_byte_count", 0, long.MaxValue),
                Int("dst_byte_count", 0, long.MaxValue), Int("src_packets", 0, long.MaxValue), Int("dst_packets", 0, long.MaxValue),
                new PropertySpec("ipfix", PropertyKind.Dictionary), Ref("src_payload_ref", "artifact"), Ref("dst_payload_ref", "artifact"),
                Refs("encapsulates_refs", false, "network-traffic"), Ref("encapsulated_by_ref", "network-traffic")),
            Sco("process", Bool("is_hidden"), Int("pid", 0, long.MaxValue), Time("created_time"), Str("cwd"), Str("command_line"), // §6.13
                new PropertySpec("environment_variables", PropertyKind.Dictionary), Refs("opened_connection_refs", false, "network-traffic"),
                Ref("creator_user_ref", "user-account"), Ref("image_ref", "file"), Ref("parent_ref", "process"), Refs("child_refs", false, "process")),
            Sco("software", Str("name", true), Str("cpe"), Str("swid"), Strings("languages"), Str("vendor"), Str("version")), // §6.14
            Sco("url", Str("value", true)), // §6.15
            Sco("user-account", Str("user_id"), Str("credential"), Str("account_login"), Str("account_type"), Str("display_name"), // §6.16
                Bool("is_service_account"), Bool("is_privileged"), Bool("can_escalate_privs"), Bool("is_disabled"), Time("account_created"),
                Time("account_expires"), Time("credential_last_changed"), Time("account_first_login"), Time("account_last_login")),
            Sco("windows-registry-key", Str("key"), new PropertySpec("values", PropertyKind.ObjectList), Time("modified_time"), // §6.17
                Ref("creator_user_ref", "user-account"), Int("number_of_subkeys", 0, long.MaxValue)),
            Sco("x509-certificate", Bool("is_self_signed"), new PropertySpec("hashes", PropertyKind.Hashes), Str("version"), Str("serial_number"), // §6.18
                Str("signature_algorithm"), Str("issuer"), Time("validity_not_before"), Time("validity_not_after"), Str("subject"),
                Str("subject_public_key_algorithm"), Str("subject_public_key_modulus"), Int("subject_public_key_exponent", 0, long.MaxValue),
                new PropertySpec("x509_v3_extensions", PropertyKind.Dictionary)),
        ];
    }
}
