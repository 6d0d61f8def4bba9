using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Facilities.Denm;

/// <summary>
/// ETSI EN 302 637-3 v1.3.1 Annex A, AlacarteContainer: <c>SEQUENCE { lanePosition OPTIONAL,
/// impactReduction OPTIONAL, externalTemperature Temperature OPTIONAL, roadWorks OPTIONAL,
/// positioningSolution OPTIONAL, stationaryVehicle OPTIONAL, ... }</c>; LanePosition is
/// <c>INTEGER (-1..14)</c> and Temperature <c>INTEGER (-60..67)</c> °C.
/// </summary>
public sealed record AlacarteContainer(
    int? LanePosition = null,
    ImpactReductionContainer? ImpactReduction = null,
    int? ExternalTemperatureCelsius = null,
    RoadWorksContainerExtended? RoadWorks = null,
    PositioningSolutionType? PositioningSolution = null,
    StationaryVehicleContainer? StationaryVehicle = null)
{
    internal void Encode(UperWriter w)
    {
        w.WriteBit(false);
        w.WriteBit(LanePosition.HasValue);
        w.WriteBit(ImpactReduction is not null);
        w.WriteBit(ExternalTemperatureCelsius.HasValue);
        w.WriteBit(RoadWorks is not null);
        w.WriteBit(PositioningSolution.HasValue);
        w.WriteBit(StationaryVehicle is not null);
        if (LanePosition is { } lane)
        {
            w.WriteConstrainedWholeNumber(lane, -1, 14, "lanePosition");
        }

        if (ImpactReduction is { } impact)
        {
            using (w.Field("impactReduction"))
            {
                impact.Encode(w);
            }
        }

        if (ExternalTemperatureCelsius is { } temperature)
        {
            w.WriteConstrainedWholeNumber(temperature, -60, 67, "externalTemperature");
        }

        if (RoadWorks is { } roadWorks)
        {
            using (w.Field("roadWorks"))
            {
                roadWorks.Encode(w);
            }
        }

        if (PositioningSolution is { } solution)
        {
            EnumCodec.Write(w, solution, 6, true, "positioningSolution");
        }

        if (StationaryVehicle is { } stationary)
        {
            using (w.Field("stationaryVehicle"))
            {
                stationary.Encode(w);
            }
        }
    }

    internal static AlacarteContainer Decode(UperReader r)
    {
        var extended = r.ReadBit("extension");
        var present = new bool[6];
        for (var i = 0; i < present.Length; i++)
        {
            present[i] = r.ReadBit("optional-bitmap");
        }

        int? lane = present[0] ? (int)r.ReadConstrainedWholeNumber(-1, 14, "lanePosition") : null;
        ImpactReductionContainer? impact = null;
        if (present[1])
        {
            using (r.Field("impactReduction"))
            {
                impact = ImpactReductionContainer.Decode(r);
            }
        }

        int? temperature = present[2] ? (int)r.ReadConstrainedWholeNumber(-60, 67, "externalTemperature") : null;
        RoadWorksContainerExtended? roadWorks = null;
        if (present[3])
        {
            using (r.Field("roadWorks"))
            {
                roadWorks = RoadWorksContainerExtended.Decode(r);
            }
        }

        PositioningSolutionType? solution = present[4] ? EnumCodec.Read<PositioningSolutionType>(r, 6, true, 0, "positioningSolution") : null;
        StationaryVehicleContainer? stationary = null;
        if (present[5])
        {
            using (r.Field("stationaryVehicle"))
            {
                stationary = StationaryVehicleContainer.Decode(r);
            }
        }

        if (extended)
        {
            r.SkipExtensionAdditions("extension");
        }

        return new AlacarteContainer(lane, impact, temperature, roadWorks, solution, stationary);
    }
}
