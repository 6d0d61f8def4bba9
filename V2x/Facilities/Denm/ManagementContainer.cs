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
/// <remarks>
/// One extension addition is known here, and it is project-private (Docs/formats.md §3.8): a
/// WrappedExtensionContainers list (the container mechanism of ETSI TS 103 900 v2.x, reused) as addition
/// number <see cref="ExtensionContainersAddition"/> + 1. Additions 1 to 7 are left absent for the ones ETSI may
/// define (TS 103 831 v2.3.1 defines none for this container yet): an encoder that knows more additions than a
/// decoder is what X.691 §19.7-19.9 is made for, so a decoder of any published DENM version skips the
/// list by its open-type length and reads the DENM as before. Other additions are skipped on decoding.
/// </remarks>
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
    int? TransmissionIntervalMilliseconds = null,
    SequenceOf<WrappedExtensionContainer>? ExtensionContainers = null)
{
    /// <summary>EN 302 637-3 v1.3.1 Annex A, <c>defaultValidity INTEGER ::= 600</c>.</summary>
    public const int DefaultValiditySeconds = 600;

    /// <summary>The index (from 0) among the extension additions of the project-private container list.</summary>
    public const int ExtensionContainersAddition = 7;

    internal void Encode(UperWriter w)
    {
        // X.691 §19: a DEFAULT component equal to its default value is not encoded (its bit-map bit is 0).
        var encodeValidity = ValidityDurationSeconds != DefaultValiditySeconds;

        // X.691 §19.1: the extension bit is 1 exactly when an extension addition is present.
        w.WriteBit(ExtensionContainers is not null);
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
        if (ExtensionContainers is { } containers)
        {
            // §19.7-19.9: eight additions announced, only the last present, as an open type.
            var additions = new Action<UperWriter>?[ExtensionContainersAddition + 1];
            additions[ExtensionContainersAddition] = inner => WrappedExtensionContainer.EncodeList(inner, containers);
            w.WriteExtensionAdditions(additions, "extension");
        }
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
        SequenceOf<WrappedExtensionContainer>? containers = null;
        if (extended)
        {
            // Additions 1 to 7 are ETSI's: none is defined, so any present is skipped like a later one.
            r.ReadExtensionAdditions(ExtensionContainersAddition + 1, (index, inner) =>
            {
                if (index == ExtensionContainersAddition)
                {
                    containers = WrappedExtensionContainer.DecodeList(inner);
                }
                else
                {
                    inner.SkipRest();
                }
            }, "extension");
        }

        return new ManagementContainer(actionId, detection, reference, position, stationType, termination, distance, direction, validity, interval, containers);
    }
}
