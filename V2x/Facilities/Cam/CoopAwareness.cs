using V2x.Per;

namespace V2x.Facilities.Cam;

/// <summary>
/// ETSI EN 302 637-2 v1.4.1 Annex A, CoopAwareness: <c>SEQUENCE { generationDeltaTime
/// GenerationDeltaTime, camParameters CamParameters }</c>.
/// </summary>
public sealed record CoopAwareness(GenerationDeltaTime GenerationDeltaTime, CamParameters CamParameters)
{
    internal void Encode(UperWriter w)
    {
        w.Require(CamParameters, "camParameters");
        w.WriteConstrainedWholeNumber(GenerationDeltaTime.Milliseconds, 0, 65535, "generationDeltaTime");
        using (w.Field("camParameters"))
        {
            CamParameters.Encode(w);
        }
    }

    internal static CoopAwareness Decode(UperReader r)
    {
        var delta = new GenerationDeltaTime((ushort)r.ReadConstrainedWholeNumber(0, 65535, "generationDeltaTime"));
        using (r.Field("camParameters"))
        {
            return new CoopAwareness(delta, CamParameters.Decode(r));
        }
    }
}
