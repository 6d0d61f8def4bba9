using V2x.Facilities.ItsContainer;
using V2x.Per;

namespace V2x.Facilities.Denm;

/// <summary>
/// ETSI EN 302 637-3 v1.3.1 Annex A, ManagementContainer: actionID, detectionTime, referenceTime,
/// termination OPTIONAL, eventPosition, relevanceDistance OPTIONAL, relevanceTrafficDirection
/// OPTIONAL, validityDuration DEFAULT defaultValidity (600 s), transmissionInterval OPTIONAL,
/// stationType, and an extension marker. ValidityDuration is <c>INTEGER (0..86400)</c> seconds and
/// TransmissionInterval <c>INTEGER (1..10000)</c> milliseconds (ETSI TS 102 894-2 v1.3.1 Annex A).
/// </summary>
public sealed record ManagementContainer(
    ActionId ActionId,
    TimestampIts DetectionTime,
    TimestampIts ReferenceTime,
    ReferencePosition EventPosition,
    StationType StationType,
    Termination? Termination = null,
    RelevanceDistance? RelevanceDistance = null,
    RelevanceTrafficDirection? RelevanceTrafficDirection = null,
    int ValidityDurationSeconds = ManagementContainer.DefaultValiditySeconds,
    int? TransmissionIntervalMilliseconds = null)
{
    /// <summary>EN 302 637-3 v1.3.1 Annex A, <c>defaultValidity INTEGER ::= 600</c>.</summary>
    public const int DefaultValiditySeconds = 600;

    internal void Encode(UperWriter w)
    {
        // X.691 §19: a DEFAULT component equal to its default value is not encoded (its bit-map bit is 0).
        var encodeValidity = ValidityDurationSeconds != DefaultValiditySeconds;
        w.WriteBit(false);
        w.WriteBit(Termination.HasValue);
        w.WriteBit(RelevanceDistance.HasValue);
        w.WriteBit(RelevanceTrafficDirection.HasValue);
        w.WriteBit(encodeValidity);
        w.WriteBit(TransmissionIntervalMilliseconds.HasValue);
        using (w.Field("actionID"))
        {
            ActionId.Encode(w);
        }

        DetectionTime.Encode(w, "detectionTime");
        ReferenceTime.Encode(w, "referenceTime");
        if (Termination is { } termination)
        {
            EnumCodec.Write(w, termination, 2, false, "termination");
        }

        using (w.Field("eventPosition"))
        {
            EventPosition.Encode(w);
        }

        if (RelevanceDistance is { } distance)
        {
            EnumCodec.Write(w, distance, 8, false, "relevanceDistance");
        }

        if (RelevanceTrafficDirection is { } direction)
        {
            EnumCodec.Write(w, direction, 4, false, "relevanceTrafficDirection");
        }

        if (encodeValidity)
        {
            w.WriteConstrainedWholeNumber(ValidityDurationSeconds, 0, 86400, "validityDuration");
        }

        if (TransmissionIntervalMilliseconds is { } interval)
        {
            w.WriteConstrainedWholeNumber(interval, 1, 10000, "transmissionInterval");
        }

        w.WriteConstrainedWholeNumber((byte)StationType, 0, 255, "stationType");
    }

    internal static ManagementContainer Decode(UperReader r)
    {
        var extended = r.ReadBit("extension");
        var hasTermination = r.ReadBit("termination-present");
        var hasDistance = r.ReadBit("relevanceDistance-present");
        var hasDirection = r.ReadBit("relevanceTrafficDirection-present");
        var hasValidity = r.ReadBit("validityDuration-present");
        var hasInterval = r.ReadBit("transmissionInterval-present");
        ActionId actionId;
        using (r.Field("actionID"))
        {
            actionId = ActionId.Decode(r);
        }

        var detection = TimestampIts.Decode(r, "detectionTime");
        var reference = TimestampIts.Decode(r, "referenceTime");
        Termination? termination = hasTermination ? EnumCodec.Read<Termination>(r, 2, "termination") : null;
        ReferencePosition position;
        using (r.Field("eventPosition"))
        {
            position = ReferencePosition.Decode(r);
        }

        RelevanceDistance? distance = hasDistance ? EnumCodec.Read<RelevanceDistance>(r, 8, "relevanceDistance") : null;
        RelevanceTrafficDirection? direction = hasDirection ? EnumCodec.Read<RelevanceTrafficDirection>(r, 4, "relevanceTrafficDirection") : null;

        // An explicitly encoded default (600) is accepted: BASIC-PER decoders take it as the value.
        var validity = hasValidity ? (int)r.ReadConstrainedWholeNumber(0, 86400, "validityDuration") : DefaultValiditySeconds;
        int? interval = hasInterval ? (int)r.ReadConstrainedWholeNumber(1, 10000, "transmissionInterval") : null;
        var stationType = (StationType)r.ReadConstrainedWholeNumber(0, 255, "stationType");
        if (extended)
        {
            r.SkipExtensionAdditions("extension");
        }

        return new ManagementContainer(actionId, detection, reference, position, stationType, termination, distance, direction, validity, interval);
    }
}
