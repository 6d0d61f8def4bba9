using V2x.Per;

namespace V2x.Facilities.ItsContainer;

/// <summary>
/// ETSI TS 102 894-2 v1.3.1 Annex A, DF_ActionID: <c>SEQUENCE { originatingStationID StationID,
/// sequenceNumber SequenceNumber }</c>, SequenceNumber being <c>INTEGER (0..65535)</c>.
/// </summary>
public readonly record struct ActionId(uint OriginatingStationId, ushort SequenceNumber)
{
    internal void Encode(UperWriter w)
    {
        w.WriteConstrainedWholeNumber(OriginatingStationId, 0, uint.MaxValue, "originatingStationID");
        w.WriteConstrainedWholeNumber(SequenceNumber, 0, 65535, "sequenceNumber");
    }

    internal static ActionId Decode(UperReader r) => new(
        (uint)r.ReadConstrainedWholeNumber(0, uint.MaxValue, "originatingStationID"),
        (ushort)r.ReadConstrainedWholeNumber(0, 65535, "sequenceNumber"));
}
