using Hardware.Security;

namespace Hardware.Tests.Security;

public class EcPointTests
{
    public static TheoryData<string, string, string> EcPoints => new()
    {
        // PKCS#11 v2.40 §2.3.3: CKA_EC_POINT is DER OCTET STRING (04 41) around 04 || X || Y.
        { "DER octet string", "0441" + "04" + new string('1', 128), "04" + new string('1', 128) },
        { "DER long-form length", "048141" + "04" + new string('2', 128), "04" + new string('2', 128) },
        { "bare point", "04" + new string('3', 128), "04" + new string('3', 128) },
    };

    [Theory]
    [MemberData(nameof(EcPoints))]
    public void Ec_point_values_decode(string name, string valueHex, string pointHex)
    {
        Assert.True(Convert.FromHexString(pointHex).SequenceEqual(EcPoint.FromPkcs11EcPoint(Convert.FromHexString(valueHex))), name);
    }

    [Theory]
    [InlineData("compressed point", "0421" + "02" + "1111111111111111111111111111111111111111111111111111111111111111")]
    [InlineData("wrong length byte", "0440" + "04" + "11111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111")]
    [InlineData("empty", "")]
    public void Malformed_ec_point_is_a_typed_error(string name, string valueHex)
    {
        var e = Assert.Throws<KeyStoreException>(() => EcPoint.FromPkcs11EcPoint(Convert.FromHexString(valueHex)));
        Assert.True(e.Error == KeyStoreError.BadDeviceData, name);
    }
}
