using CsCheck;
using V2x.Facilities.Cam;
using V2x.Facilities.Denm;

namespace V2x.Tests.Facilities;

/// <summary>
/// Property-based round trips over generated CAMs and DENMs: every value decodes back to itself,
/// and re-encoding the decoded value gives the same octets.
/// </summary>
public class FacilitiesRoundTripTests
{
    [Fact]
    public void Every_cam_round_trips()
    {
        FacilitiesGen.Cam.Sample(cam =>
        {
            var encoding = CamCodec.Encode(cam);
            var decoded = CamCodec.Decode(encoding);
            Assert.Equal(cam, decoded);
            Assert.Equal(encoding, CamCodec.Encode(decoded));
        }, iter: 2000);
    }

    [Fact]
    public void Every_denm_round_trips()
    {
        FacilitiesGen.Denm.Sample(denm =>
        {
            var encoding = DenmCodec.Encode(denm);
            var decoded = DenmCodec.Decode(encoding);
            Assert.Equal(denm, decoded);
            Assert.Equal(encoding, DenmCodec.Encode(decoded));
        }, iter: 2000);
    }
}
