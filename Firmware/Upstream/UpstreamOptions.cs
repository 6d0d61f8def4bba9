using Cti.Stix;

namespace Firmware.Upstream;

/// <summary>
/// What the OBU host gives the upstream forwarder: where its queue lives, the hub collections, the
/// vehicle's make and model, and the desensitisation, queue, delivery and return-path settings.
/// <see cref="Validate"/> throws <see cref="ArgumentException"/> for a setting out of range.
/// </summary>
public sealed record UpstreamOptions
{
    /// <summary>Path of the SQLite store-and-forward queue (created when missing).</summary>
    public required string QueuePath { get; init; }

    /// <summary>TAXII collection the anomaly summaries are posted to.</summary>
    public required string CollectionId { get; init; }

    /// <summary>TAXII collection of curated indicators to deploy (the return path); null turns it off.</summary>
    public string? IndicatorCollectionId { get; init; }

    /// <summary>Vehicle make (configuration, not read from the board).</summary>
    public required string Make { get; init; }

    /// <summary>Vehicle model.</summary>
    public required string Model { get; init; }

    /// <summary>Firmware version to report; null: from the report's measured boot stages.</summary>
    public string? FirmwareVersion { get; init; }

    /// <summary>The ECU the OBU is (the anomaly extension's <c>ecu</c>).</summary>
    public string Ecu { get; init; } = "obu";

    /// <summary>Supplier of the OBU, when the fleet shares it.</summary>
    public string? Supplier { get; init; }

    /// <summary>STIX identity of the producing organisation (created_by_ref), or null.</summary>
    public string? CreatedByRef { get; init; }

    /// <summary>TLP marking of the summaries (TLP 2.0; GREEN: the community).</summary>
    public TlpLevel Tlp { get; init; } = TlpLevel.Green;

    /// <summary>Coarse time: timestamps are floored to this bucket, and one anomaly is sent once per bucket.</summary>
    public TimeSpan TimeBucket { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long one vehicle pseudonym lasts before it rotates.</summary>
    public TimeSpan PseudonymPeriod { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Coarse location grid cell in degrees (0.01 to 10); null sends no location.</summary>
    public decimal? LocationCellDegrees { get; init; } = 0.1m;

    /// <summary>A location is attached only when the report and the fix are at most this old.</summary>
    public TimeSpan LocationMaxAge { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>This vehicle's identifiers (VIN, plate, IMEI, …) when the host knows them: never sent, in any case.</summary>
    public IReadOnlyList<string> VehicleIdentifiers { get; init; } = [];

    /// <summary>Most summaries waiting; when full the lowest-severity oldest is dropped first (counted).</summary>
    public int QueueCapacity { get; init; } = 10_000;

    /// <summary>Most summaries in one TAXII envelope.</summary>
    public int MaxSummariesPerEnvelope { get; init; } = 25;

    /// <summary>Most summaries made from one report (the rest are counted as truncated).</summary>
    public int MaxSummariesPerReport { get; init; } = 16;

    /// <summary>Reports read from the partition per request.</summary>
    public int ReportsPerRead { get; init; } = 16;

    /// <summary>Most reports read in one cycle.</summary>
    public int MaxReportsPerCycle { get; init; } = 256;

    /// <summary>Time between cycles when all is well.</summary>
    public TimeSpan CycleInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time between polls of the indicator collection.</summary>
    public TimeSpan IndicatorPollInterval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>First wait after a failed delivery or poll.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long delivered summaries are remembered (so an anomaly seen again in the same bucket is not resent).</summary>
    public TimeSpan DeliveredRetention { get; init; } = TimeSpan.FromDays(2);

    /// <summary>Identities whose indicators are deployed; empty: any producer of the indicator collection.</summary>
    public IReadOnlyList<string> TrustedIndicatorProducers { get; init; } = [];

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        static void Check(bool ok, string what)
        {
            if (!ok)
            {
                throw new ArgumentException("Upstream options: " + what + ".");
            }
        }

        Check(!string.IsNullOrWhiteSpace(QueuePath), "a queue path is required");
        Check(!string.IsNullOrWhiteSpace(CollectionId), "a collection id is required");
        Check(IndicatorCollectionId is null || IndicatorCollectionId.Length > 0, "the indicator collection id is null or not empty");
        foreach (var (name, value) in new[] { ("make", Make), ("model", Model), ("ecu", Ecu) })
        {
            Check(value is { Length: > 0 and <= 128 }, name + " is 1-128 characters");
        }

        Check(Supplier is null or { Length: > 0 and <= 128 }, "supplier is 1-128 characters");
        Check(FirmwareVersion is null || Desensitising.SafeValues.IsVersion(FirmwareVersion), "firmware version is 1-32 of letters, digits and ._+~-");
        Check(CreatedByRef is null || (StixId.TryParse(CreatedByRef, out var creator) && creator.Type == "identity"), "created_by_ref is an identity id");
        Check(Enum.IsDefined(Tlp), "TLP level is defined");
        Check(TimeBucket >= TimeSpan.FromMinutes(1) && TimeBucket <= TimeSpan.FromDays(7) && TimeBucket.Ticks % TimeSpan.TicksPerSecond == 0,
            "the time bucket is 1 minute to 7 days in whole seconds");
        Check(PseudonymPeriod >= TimeBucket && PseudonymPeriod <= TimeSpan.FromDays(366), "the pseudonym period is at least one time bucket and at most a year");
        Check(LocationCellDegrees is null || (LocationCellDegrees >= Desensitising.LocationGrid.MinCellDegrees && LocationCellDegrees <= Desensitising.LocationGrid.MaxCellDegrees
            && decimal.Round(LocationCellDegrees.Value, 2) == LocationCellDegrees), "the location cell is 0.01 to 10 degrees with two decimals at most");
        Check(LocationMaxAge > TimeSpan.Zero, "the location age is positive");
        Check(QueueCapacity is >= 1 and <= 1_000_000, "queue capacity is 1 to 1,000,000");
        Check(MaxSummariesPerEnvelope is >= 1 and <= 500, "summaries per envelope are 1 to 500");
        Check(MaxSummariesPerReport is >= 1 and <= 64, "summaries per report are 1 to 64");
        Check(ReportsPerRead is >= 1 and <= 64, "reports per read are 1 to 64");
        Check(MaxReportsPerCycle >= ReportsPerRead, "reports per cycle are at least reports per read");
        Check(CycleInterval > TimeSpan.Zero && IndicatorPollInterval > TimeSpan.Zero, "intervals are positive");
        Check(InitialBackoff > TimeSpan.Zero && MaxBackoff >= InitialBackoff, "0 < initial backoff <= max backoff");
        Check(DeliveredRetention >= TimeBucket, "delivered summaries are remembered at least one time bucket");
        Check(TrustedIndicatorProducers.All(p => StixId.TryParse(p, out var id) && id.Type == "identity"), "trusted producers are identity ids");
    }
}
