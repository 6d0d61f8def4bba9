namespace Bench.Scenarios.Files;

/// <summary>What is wrong with a scenario file (Docs/bench.md, "Scenario files"). Every kind exits 2 (usage).</summary>
public enum ScenarioErrorKind
{
    /// <summary>The file is missing, unreadable or larger than <see cref="ScenarioLoader.MaxFileBytes"/>.</summary>
    Unreadable,

    /// <summary>Not JSON (RFC 8259), not UTF-8, or nested deeper than <see cref="ScenarioLoader.MaxDepth"/>.</summary>
    NotJson,

    /// <summary>A required field is absent.</summary>
    MissingField,

    /// <summary>A field the format does not have (a typo would otherwise be ignored).</summary>
    UnknownField,

    /// <summary>The same field twice in one object.</summary>
    DuplicateField,

    /// <summary>A field of the wrong JSON type (a string where a number goes, …).</summary>
    WrongType,

    /// <summary>A value outside its range or not one of its choices.</summary>
    OutOfRange,

    /// <summary>An attack kind the format does not know.</summary>
    UnknownAttack,

    /// <summary>An attack of issue 15's library that the bench does not run yet.</summary>
    AttackNotBuilt,

    /// <summary>An attack time that is not a number of seconds, lies outside the run, or is not the one the engine runs it at.</summary>
    BadTime,

    /// <summary>An equipment kind the format does not know.</summary>
    UnknownEquipment,

    /// <summary>A vehicle id the mobility does not have (an attack's target that is not a vehicle, a built-in route name out of order).</summary>
    UnknownVehicle,

    /// <summary>A vehicle id that no route file of the SUMO scenario defines.</summary>
    VehicleNotInSumo,

    /// <summary>The same vehicle id twice.</summary>
    DuplicateId,

    /// <summary>An expectation id the format does not know, or one the scenario's mobility does not check.</summary>
    UnknownExpectation,

    /// <summary>A valid statement the bench engine cannot run with this mobility (the message says what it runs instead).</summary>
    NotSupported,

    /// <summary>The SUMO configuration or one of its route files is missing or not SUMO's XML.</summary>
    BadSumoScenario,

    /// <summary>An IDF model no OBU of the scenario runs (a compromised-idf-model's <c>model</c>).</summary>
    UnknownModel,
}
