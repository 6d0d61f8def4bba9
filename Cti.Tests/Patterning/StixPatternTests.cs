using Cti.Patterning;

namespace Cti.Tests.Patterning;

public class StixPatternTests
{
    // Pattern examples of the STIX 2.1 patterning clause, as collected by the OASIS pattern validator
    // (oasis-open/cti-pattern-validator stix2patterns/test/spec_examples.txt), and its v2.1 PASS_CASES
    // (stix2patterns/test/v21/test_validator.py).
    public static TheoryData<string> Valid => new()
    {
        "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
        @"[email-message:from_ref.value MATCHES '.+\\@example\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\.exe$']",
        "[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] AND [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
        @"([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [win-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) WITHIN 300 SECONDS",
        "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul']",
        @"[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\xd4\\xc3\\xb2\\xa1\\x02\\x00\\x04\\x00']",
        @"[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\Windows\\System32']",
        "[file:extensions.windows-pebinary-ext.sections[*].entropy > 7.0]",
        "[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']",
        "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
        "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']",
        "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
        "[(file:name = 'pdf.exe' OR file:size = '371712') AND file:created = t'2014-01-13T07:03:17Z']",
        "[x-usb-device:usbdrive.serial_number = '575833314133343231313937']",
        "[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES'^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS",
        "[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']",
        @"([file:name = 'foo.dll'] AND [win-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) OR [process:name = 'fooproc' OR process:name = 'procfoo']",
        "[file:size != 1280]",
        "[file:size <= 1024]",
        "[file:extended_properties.'ntfs-ext'.sid = '234']",
        "[ipv4addr:value NOT ISSUBSET '192.168.0.1/24']",
        "[user-account:value = 'Peter'] AND [user-account:value != 'Paul'] AND [user-account:value = 'Mary'] WITHIN 5 SECONDS",
        "[file:file_system_properties.file_name LIKE 'name%']",
        "[file:file_name IN ('test.txt', 'test2.exe', 'README')]",
        "[file:size IN (1024, 2048, 4096)]",
        "[network-connection:extended_properties[0].source_payload MATCHES 'dGVzdHRlc3R0ZXN0']",
        "[x_whatever:detected == t'2018-03-22T12:11:14.1Z']",
        "[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']",
        "[foo:bar=1] REPEATS 9 TIMES",
        "( [(network-traffic:dst_port IN(443,6443,8443) AND network-traffic:src_packets != 0) ])",
        @"([win-registry-key:key = 'hkey_local_machine\\foo\\bar']) WITHIN 5 SECONDS WITHIN 6 SECONDS",
        "[network-traffic:src_port = 37020 AND user-account:user_id = 'root'] START t'2016-06-01T01:30:00.123Z' STOP t'2016-06-01T02:20:00.123Z' OR [ipv4-addr:value = '192.168.122.83'] START t'2016-06-01T03:55:00.123Z' STOP t'2016-06-01T04:30:24.743Z'",
        "[process:image_ref.name = 'evil' AND EXISTS process:pid] // trailing comment",
    };

    // The v2.1 FAIL_CASES of the same OASIS validator suite, plus rows for rules of §9.
    public static TheoryData<string, string> Invalid => new()
    {
        { "no square brackets", "file:size = 1280" },
        { "missing value", "[file:size = ]" },
        { "unquoted string", "[file:hashes.MD5 = cead3f77f6cda6ec00f57d76c9a6879f]" },
        { "period instead of colon", "[file.size = 1280]" },
        { "regex in slashes", @"[file:name MATCHES /.*\\.dll/]" },
        { "missing qualifier value", @"[win-registry-key:key = 'hkey_local_machine\\foo\\bar'] WITHIN ]" },
        { "HOURS is not a unit", @"[win-registry-key:key = 'hkey_local_machine\\foo\\bar'] WITHIN 5 HOURS]" },
        { "negative WITHIN", @"[win-registry-key:key = 'hkey_local_machine\\foo\\bar'] WITHIN -5 SECONDS]" },
        { "missing ISSUBSET operand", "[network-traffic:dst_ref.value ISSUBSET ]" },
        { "=? operator", "[file:hashes.MD5 =? 'cead3f77f6cda6ec00f57d76c9a6879f']" },
        { "invalid timestamp literal", "[x_whatever:detected == t'2457-73-22T32:81:84.1Z']" },
        { "invalid base64", "[artifact:payload_bin = b'====']" },
        { "lower-case keyword", "[foo:bar=1] within 2 seconds" },
        { "malformed SHA-256", "[file:hashes.'SHA-256' = 'f00']" },
        { "duplicate WITHIN", @"[win-registry-key:key = 'hkey_local_machine\\foo\\bar'] WITHIN 5 SECONDS WITHIN 6 SECONDS" },
        { "duplicate REPEATS", @"([win-registry-key:key = 'hkey_local_machine\\foo\\bar'] REPEATS 2 TIMES REPEATS 3 TIMES)" },
        { "duplicate START STOP", @"[win-registry-key:key = 'hkey_local_machine\\foo\\bar'] START t'2016-06-01T01:30:00.123Z' STOP t'2016-06-01T02:20:00.123Z' START t'2016-06-01T01:30:00.123Z' STOP t'2016-06-01T02:20:00.123Z'" },
        { "unterminated string", "[file:name = 'abc]" },
        { "bad escape", @"[file:name = 'a\nb']" },
        { "ordering a boolean", "[file:is_encrypted > true]" },
        { "LIKE with a number", "[file:size LIKE 12]" },
        { "REPEATS zero", "[file:size = 1] REPEATS 0 TIMES" },
        { "STOP before START", "[file:size = 1] START t'2016-06-01T02:00:00Z' STOP t'2016-06-01T01:00:00Z'" },
        { "leading zero", "[file:size = 0123]" },
        { "trailing AND", "[file:size = 1] AND" },
        { "empty", "" },
        { "unbalanced parenthesis", "([file:size = 1]" },
        { "hex of odd length", "[file:magic_number_hex = h'fff']" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parses_valid_patterns_and_round_trips_them(string text)
    {
        var pattern = StixPattern.Parse(text);
        var written = pattern.ToString();
        var reparsed = StixPattern.Parse(written);
        Assert.Equal(pattern.Root, reparsed.Root);
        Assert.NotEmpty(pattern.Comparisons());
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects_invalid_patterns_with_a_typed_error(string name, string text)
    {
        Assert.False(StixPattern.TryParse(text, out var pattern, out var error), name);
        Assert.Null(pattern);
        Assert.NotNull(error);
        Assert.InRange(error!.Offset, 0, text.Length);
        Assert.Throws<StixPatternException>(() => StixPattern.Parse(text));
    }

    [Fact]
    public void Builds_the_expected_tree_for_precedence_and_qualifiers()
    {
        // §9.6: AND binds tighter than OR, OR tighter than FOLLOWEDBY; qualifiers bind to the
        // preceding observation expression.
        var pattern = StixPattern.Parse("[a:x = 1] FOLLOWEDBY [a:y = 2] OR [a:z = 3] AND [a:w = 4] REPEATS 2 TIMES");
        var root = Assert.IsType<CompositeObservation>(pattern.Root);
        Assert.Equal(ObservationOperator.FollowedBy, root.Operator);
        var or = Assert.IsType<CompositeObservation>(root.Right);
        Assert.Equal(ObservationOperator.Or, or.Operator);
        var and = Assert.IsType<CompositeObservation>(or.Right);
        Assert.Equal(ObservationOperator.And, and.Operator);
        var repeated = Assert.IsType<QualifiedObservation>(and.Right);
        Assert.Equal(new RepeatsQualifier(2), repeated.Qualifier);
    }

    [Fact]
    public void Decodes_paths_and_literals()
    {
        var pattern = StixPattern.Parse(@"[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' AND file:name = 'it\'s \\ here' AND file:x[*].y[-1] NOT IN (1, 2.5, true)]");
        var comparisons = pattern.Comparisons();
        Assert.Equal(3, comparisons.Count);
        Assert.Equal(new ObjectPath("file", [new KeyStep("hashes"), new KeyStep("SHA-256")]), comparisons[0].Path);
        Assert.Equal(new StringLiteral(@"it's \ here"), comparisons[1].Value);
        Assert.True(comparisons[2].Negated);
        Assert.Equal(new ObjectPath("file", [new KeyStep("x"), new IndexStep(null), new KeyStep("y"), new IndexStep(-1)]), comparisons[2].Path);
        Assert.Equal(new SetLiteral([new IntegerLiteral(1), new FloatLiteral(2.5), new BooleanLiteral(true)]), comparisons[2].Value);
    }

    [Fact]
    public void Refuses_hostile_nesting_with_a_typed_error()
    {
        var text = new string('(', 30_000) + "[a:b = 1]" + new string(')', 30_000);
        Assert.False(StixPattern.TryParse(text, out _, out var error));
        Assert.NotNull(error);
        Assert.False(StixPattern.TryParse(new string('x', StixPattern.MaxLengthChars + 1), out _, out _));
    }
}
