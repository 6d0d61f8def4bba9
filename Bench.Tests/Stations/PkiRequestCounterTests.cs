using Bench.Stations;

namespace Bench.Tests.Stations;

public class PkiRequestCounterTests
{
    [Theory]
    [InlineData("enrolment", "/ea/enrolment", "ea/enrolment")]
    [InlineData("authorization", "/aa/authorization", "aa/authorization")]
    [InlineData("a CRL by CA digest", "/crl/3dfb579b2379a45e", "crl")]
    [InlineData("a certificate by HashedId8", "/certificates/0011223344556677", "certificates")]
    [InlineData("a CA certificate", "/ca/aa", "ca")]
    [InlineData("the root path", "/", "/")]
    public void Kinds_of_request_paths(string row, string path, string kind)
    {
        Assert.Equal(kind, PkiRequestCounter.KindOf(path));
        Assert.False(string.IsNullOrEmpty(row));
    }
}
