using Pki.Tests.Authorities;
using PkiProtocol;
using PkiProtocol.Trust;
using V2x.Security;
using V2x.Security.Certificates;
using V2x.Security.Crypto;
using V2x.Security.Signing;
using V2x.Time;

namespace Pki.Tests.Trust;

/// <summary>Named rows of chains that pass and chains that fail, with the failure each must give.</summary>
public sealed class ChainValidatorTests
{
    public static TheoryData<string, Func<TestBench, (ChainValidator Validator, Certificate Leaf, Time64 At, bool RequireCrls)>, PkiFailure?> Rows => new()
    {
        { "AT now", b => (FlowTests.Validator(b), Ticket(b), b.Now, true), null },
        { "AT before its start", b => (FlowTests.Validator(b), Ticket(b), b.Now.Add(TimeSpan.FromHours(-2)), false), PkiFailure.CertificateExpired },
        { "AT after its end", b => (FlowTests.Validator(b), Ticket(b), b.Now.Add(TimeSpan.FromDays(8)), false), PkiFailure.CertificateExpired },
        { "issuer unknown", b => (new ChainValidator(b.Pki.RootCertificate), Ticket(b), b.Now, false), PkiFailure.ChainInvalid },
        { "other root", b => { using var o = new TestBench(); var v = new ChainValidator(o.Pki.RootCertificate);
            foreach (var c in b.Pki.CaCertificates) { v.AddCertificate(c); } return (v, Ticket(b), b.Now, false); }, PkiFailure.ChainInvalid },
        { "no CRL held, CRLs required", b => (WithoutCrls(b), Ticket(b), b.Now, true), PkiFailure.ChainInvalid },
        { "no CRL held, CRLs not required", b => (WithoutCrls(b), Ticket(b), b.Now, false), null },
        { "stale CRL", b => (StaleCrls(b), Ticket(b), b.Now.Add(TimeSpan.FromDays(2)), true), PkiFailure.ChainInvalid },
        { "tampered AT", b => (FlowTests.Validator(b), Tampered(Ticket(b)), b.Now, true), PkiFailure.ChainInvalid },
        { "PSID outside the AA's permissions", b => (FlowTests.Validator(b), Rogue(b, new PsidSsp(new Psid(0x99))), b.Now, true), PkiFailure.ChainInvalid },
        { "validity beyond the AA's", b => (FlowTests.Validator(b), Rogue(b, null, TimeSpan.FromDays(20 * 365)), b.Now, true), PkiFailure.ChainInvalid },
        { "EC under the EA", b => (FlowTests.Validator(b), b.Enrol(Registered(b)), b.Now, true), null },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Chain_check(string name, Func<TestBench, (ChainValidator Validator, Certificate Leaf, Time64 At, bool RequireCrls)> make, PkiFailure? failure)
    {
        using var bench = new TestBench();
        var (validator, leaf, at, requireCrls) = make(bench);
        if (failure is null)
        {
            Assert.NotEmpty(validator.Validate(leaf, at, requireCrls));
            return;
        }

        var error = Assert.Throws<PkiException>(() => validator.Validate(leaf, at, requireCrls));
        Assert.True(failure == error.Failure, $"{name}: {error.Message}");
    }

    [Fact]
    public void Root_must_be_self_signed_and_verify()
    {
        using var bench = new TestBench();
        Assert.Throws<ArgumentException>(() => new ChainValidator(bench.Pki.EaCertificate));
        Assert.Throws<ArgumentException>(() => new ChainValidator(Tampered(bench.Pki.RootCertificate)));
    }

    private static Station Registered(TestBench b) => b.Register($"obu-{Guid.NewGuid():N}"[..12]);

    private static Certificate Ticket(TestBench b)
    {
        var station = Registered(b);
        b.Enrol(station);
        return b.Authorize(station).Ticket;
    }

    private static ChainValidator WithoutCrls(TestBench b)
    {
        var v = new ChainValidator(b.Pki.RootCertificate);
        foreach (var c in b.Pki.CaCertificates)
        {
            v.AddCertificate(c);
        }

        return v;
    }

    private static ChainValidator StaleCrls(TestBench b) => FlowTests.Validator(b);

    // One octet of the toBeSigned changed: the issuer's signature no longer covers it.
    private static Certificate Tampered(Certificate certificate)
    {
        // A bit of the verification key's x-coordinate (the 32 octets before the 66-octet signature): the encoding still
        // decodes, the signature over toBeSigned no longer verifies, whatever permissions the certificate lists.
        var bytes = certificate.Encoded.ToArray();
        var at = certificate.Encoded.Length - 66 - 16;
        bytes[at] ^= 0x01;
        return Certificate.Decode(bytes);
    }

    // A certificate the AA key signs but the AA's certIssuePermissions do not allow.
    private static Certificate Rogue(TestBench b, PsidSsp? psid, TimeSpan? lifetime = null)
    {
        var aa = b.Pki.Context.Ca(Pki.Store.AuthorityRole.Authorization);
        using var key = EcdsaP256SignatureKey.Generate();
        return CertificateIssuer.Issue(new ToBeSignedCertificate
        {
            Id = CertificateId.None,
            CracaId = new HashedId3(0),
            ValidityPeriod = new ValidityPeriod(Time32.FromUtc(b.Clock.GetUtcNow()), new Duration(DurationUnit.Hours,
                (ushort)Math.Min(ushort.MaxValue, (lifetime ?? TimeSpan.FromHours(1)).TotalHours))),
            AppPermissions = [psid ?? new PsidSsp(Psid.Cam)],
            VerifyKeyIndicator = VerificationKeyIndicator.FromKey(key.PublicKey),
        }, aa.Certificate, aa.SigningKey);
    }
}
