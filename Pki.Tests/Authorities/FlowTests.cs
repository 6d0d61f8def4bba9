using Pki.Messages;
using V2x.Integrity;
using V2x.Security;
using V2x.Security.Signing;

namespace Pki.Tests.Authorities;

/// <summary>The enrolment and authorization flows through the authorities (library, no HTTP).</summary>
public sealed class FlowTests
{
    [Fact]
    public void Assessed_station_gets_an_at_with_the_assessed_level_and_the_chain_verifies()
    {
        using var bench = new TestBench();
        bench.AssessIdf(5);
        var station = bench.Register("obu-1");
        bench.Enrol(station);
        var (ticket, key) = bench.Authorize(station);

        Assert.Equal((byte)5, IntegrityAssurance.Read(ticket.ToBeSigned));
        Assert.Equal(VerificationFailure.None, SpduVerifier.VerifyCertificate(ticket, bench.Pki.AaCertificate(null)));
        var verifier = new SpduVerifier(new VerificationKeyCache());
        verifier.Trust(bench.Pki.AaCertificate(null)!);
        var signed = new SpduSigner(key, ticket).SignPayload([1, 2, 3], Psid.Cam, bench.Now, SignerChoice.Certificate);
        Assert.Equal(ticket.HashedId8, verifier.DecodeAndVerify(signed).Signer.Digest);
    }
}
