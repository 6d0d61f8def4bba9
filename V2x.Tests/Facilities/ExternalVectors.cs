namespace V2x.Tests.Facilities;

/// <summary>
/// Encodings published outside this project, with their source. Field values expected from them
/// are written beside each test; they were cross-checked against Wireshark 4.0.17's ITS dissector.
/// </summary>
internal static class ExternalVectors
{
    /// <summary>
    /// A whole Ethernet frame captured from Vanetza's socktap (secured GeoNetworking, ETSI TS 103 097
    /// v1.2.1 "version 2" security header, SHB, BTP-B port 2001, CAM v2), posted in
    /// https://github.com/riebl/vanetza/issues/115 (2020-11-30).
    /// </summary>
    public const string VanetzaCamFrame =
        "ffffffffffff000000000000894712001a010210000001e5763f4f98fc02000000248000015120500080002d010080000000" +
        "00000000473b36fb1d113b8806d06527800000000000000007d100000202000000013731005a56c4918e4346e51ffffffc23" +
        "b7743e0000012000003fe1ed0403ffe3fff40043010000000000000000000000000000000000000000000000000000000000" +
        "00000000000000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The 41-octet CAM inside <see cref="VanetzaCamFrame"/> (after BTP-B port 2001); 322 bits are used.</summary>
    public const string VanetzaCam = "0202000000013731005a56c4918e4346e51ffffffc23b7743e0000012000003fe1ed0403ffe3fff400";

    /// <summary>
    /// An unsecured GeoNetworking GBC packet (version 1, BTP-B port 2002, DENM v2) from lf-edge/instantx,
    /// docs/Encoding.md ("Encoded DENM Message Payload"), commit c57a96d, with its JSON and Wireshark
    /// renderings. Its geo-area centre latitude/longitude have lost their sign bit (0x7974b8e6 for
    /// 0xf974b8e6), so they are out of range: Wireshark flags them, and so does this decoder.
    /// </summary>
    public const string InstantxGbcPacket =
        "11004c01204000800050010003db00009400000000000000adbed407f974b8e6f952f45d000d000e7974b8e67952f45d000a0000" +
        "0000000007d200000201012fd537c78097ea9b81ed9f2d8fa1a3c7cb63e868f2f19a1e6649cc65d17917900018b5010546001f3056c1c" +
        "0061000dff8480e018d841196eac3e4a01c780c518d3261453f0077e000";

    /// <summary>The 76-octet DENM inside <see cref="InstantxGbcPacket"/> (after BTP-B port 2002).</summary>
    public const string InstantxDenm =
        "0201012fd537c78097ea9b81ed9f2d8fa1a3c7cb63e868f2f19a1e6649cc65d17917900018b5010546001f3056c1c" +
        "0061000dff8480e018d841196eac3e4a01c780c518d3261453f0077e000";

    /// <summary>
    /// Traces ::= SEQUENCE SIZE(1..7) OF PathHistory holding [[], [], [{pathPosition {44, -1, 0},
    /// pathDeltaTime 1}]]: eerimoq/asn1tools tests/test_uper.py, test_etsi_its_container_1_2_1. The
    /// types involved are identical in ITS-Container v1.2.1 and v1.3.1.
    /// </summary>
    public const string Asn1ToolsTraces = "40000e002b7fff98ce000000";
}
