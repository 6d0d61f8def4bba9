using System.Text.Json.Nodes;

namespace Cti.Stix;

/// <summary>
/// The TLP marking definitions STIX 2.1 producers reference: TLP 1.0 as predefined by STIX 2.1
/// §7.2.1.4, and TLP 2.0 as published by the OASIS CTI TC through the extension definition
/// <see cref="ExtensionDefinitionId"/> (oasis-open/cti-stix-common-objects,
/// extension-definition-specifications/tlp-2.0).
/// </summary>
public static class Tlp
{
    /// <summary>The TLP 2.0 marking extension definition.</summary>
    public const string ExtensionDefinitionId = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    /// <summary>TLP 2.0 CLEAR.</summary>
    public const string ClearId = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";

    /// <summary>TLP 2.0 GREEN.</summary>
    public const string GreenId = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";

    /// <summary>TLP 2.0 AMBER.</summary>
    public const string AmberId = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";

    /// <summary>TLP 2.0 AMBER+STRICT.</summary>
    public const string AmberStrictId = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003";

    /// <summary>TLP 2.0 RED.</summary>
    public const string RedId = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";

    /// <summary>TLP 1.0 WHITE (STIX 2.1 §7.2.1.4).</summary>
    public const string WhiteV1Id = "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9";

    /// <summary>TLP 1.0 GREEN (STIX 2.1 §7.2.1.4).</summary>
    public const string GreenV1Id = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da";

    /// <summary>TLP 1.0 AMBER (STIX 2.1 §7.2.1.4).</summary>
    public const string AmberV1Id = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";

    /// <summary>TLP 1.0 RED (STIX 2.1 §7.2.1.4).</summary>
    public const string RedV1Id = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed";

    private const string V1Created = "2017-01-20T00:00:00.000Z";
    private const string V2Created = "2022-10-01T00:00:00.000Z";

    private static readonly Dictionary<string, TlpLevel> Levels = new(StringComparer.Ordinal)
    {
        [ClearId] = TlpLevel.Clear,
        [GreenId] = TlpLevel.Green,
        [AmberId] = TlpLevel.Amber,
        [AmberStrictId] = TlpLevel.AmberStrict,
        [RedId] = TlpLevel.Red,
        [WhiteV1Id] = TlpLevel.Clear,
        [GreenV1Id] = TlpLevel.Green,
        [AmberV1Id] = TlpLevel.Amber,
        [RedV1Id] = TlpLevel.Red,
    };

    /// <summary>The TLP 2.0 marking-definition id of <paramref name="level"/>.</summary>
    public static string MarkingId(TlpLevel level) => level switch
    {
        TlpLevel.Clear => ClearId,
        TlpLevel.Green => GreenId,
        TlpLevel.Amber => AmberId,
        TlpLevel.AmberStrict => AmberStrictId,
        TlpLevel.Red => RedId,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "not a TLP level"),
    };

    /// <summary>The TLP 2.0 label, e.g. <c>amber+strict</c> (the <c>tlp_2_0</c> property value).</summary>
    public static string Label(TlpLevel level) => level switch
    {
        TlpLevel.Clear => "clear",
        TlpLevel.Green => "green",
        TlpLevel.Amber => "amber",
        TlpLevel.AmberStrict => "amber+strict",
        TlpLevel.Red => "red",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "not a TLP level"),
    };

    /// <summary>Parses a TLP 2.0 label (<c>clear</c> ... <c>red</c>; <c>white</c> means clear).</summary>
    public static bool TryParseLabel(string? label, out TlpLevel level)
    {
        switch (label?.ToLowerInvariant())
        {
            case "clear" or "white": level = TlpLevel.Clear; return true;
            case "green": level = TlpLevel.Green; return true;
            case "amber": level = TlpLevel.Amber; return true;
            case "amber+strict": level = TlpLevel.AmberStrict; return true;
            case "red": level = TlpLevel.Red; return true;
            default: level = default; return false;
        }
    }

    /// <summary>The TLP level a marking reference stands for, TLP 1.0 or 2.0.</summary>
    public static bool TryGetLevel(string? markingRef, out TlpLevel level)
    {
        level = default;
        return markingRef is not null && Levels.TryGetValue(markingRef, out level);
    }

    /// <summary>True when <paramref name="markingRef"/> is one of the nine published TLP markings.</summary>
    public static bool IsTlpMarking(string? markingRef) => markingRef is not null && Levels.ContainsKey(markingRef);

    /// <summary>The most restrictive TLP level among <paramref name="markingRefs"/>, or null when none is TLP.</summary>
    public static TlpLevel? MostRestrictive(IEnumerable<string> markingRefs)
    {
        ArgumentNullException.ThrowIfNull(markingRefs);
        TlpLevel? result = null;
        foreach (var r in markingRefs)
        {
            if (TryGetLevel(r, out var level) && (result is null || level > result))
            {
                result = level;
            }
        }

        return result;
    }

    /// <summary>The TLP 2.0 marking-definition object as published by OASIS.</summary>
    public static JsonObject MarkingDefinition(TlpLevel level) => new()
    {
        ["type"] = "marking-definition",
        ["spec_version"] = "2.1",
        ["id"] = MarkingId(level),
        ["created"] = V2Created,
        ["name"] = "TLP:" + Label(level).ToUpperInvariant(),
        ["extensions"] = new JsonObject
        {
            [ExtensionDefinitionId] = new JsonObject
            {
                ["extension_type"] = "property-extension",
                ["tlp_2_0"] = Label(level),
            },
        },
    };

    /// <summary>The TLP 1.0 marking-definition predefined by STIX 2.1 §7.2.1.4 for <paramref name="markingRef"/>, or null.</summary>
    public static JsonObject? PredefinedV1(string markingRef)
    {
        var colour = markingRef switch
        {
            WhiteV1Id => "white",
            GreenV1Id => "green",
            AmberV1Id => "amber",
            RedV1Id => "red",
            _ => null,
        };
        return colour is null
            ? null
            : new JsonObject
            {
                ["type"] = "marking-definition",
                ["spec_version"] = "2.1",
                ["id"] = markingRef,
                ["created"] = V1Created,
                ["definition_type"] = "tlp",
                ["name"] = "TLP:" + colour.ToUpperInvariant(),
                ["definition"] = new JsonObject { ["tlp"] = colour },
            };
    }
}
