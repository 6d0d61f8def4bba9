using System.Globalization;
using Pki.Store;

namespace Pki.Authorities;

/// <summary>
/// The policy of a bench PKI, chosen at <c>init</c> and kept in its state: names, region, per-model AAs,
/// the lifetimes and quantum of the certificate profiles (Docs/pki.md, certificate profiles), and the thresholds of the
/// misbehaviour authority's global detection (Docs/misbehaviour.md).
/// </summary>
public sealed record PkiOptions
{
    /// <summary>Used in the CA certificates' names (root.NAME, ea.NAME, ...).</summary>
    public string Name { get; init; } = "bench";

    /// <summary>UN M.49 country of the AT region (identifiedRegion countryOnly), 0 for no region.</summary>
    public ushort Country { get; init; } = 276;

    /// <summary>One AA per IDF implementation (vendor, product), so revoking its certificate revokes the model (patent ¶168).</summary>
    public bool PerModelAa { get; init; }

    /// <summary>AT lifetime: every AT of this PKI has it (quantised lifetimes: no station-specific duration).</summary>
    public TimeSpan TicketLifetime { get; init; } = TimeSpan.FromHours(168);

    /// <summary>AT start times are multiples of this quantum (TAI seconds since 2004), so a batch does not line up with one station.</summary>
    public TimeSpan TicketQuantum { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How far ahead of now a requested AT may start (pre-loading a batch).</summary>
    public TimeSpan TicketMaxAhead { get; init; } = TimeSpan.FromDays(14);

    /// <summary>EC lifetime.</summary>
    public TimeSpan EnrolmentLifetime { get; init; } = TimeSpan.FromDays(3 * 365);

    /// <summary>Root CA lifetime; EA, AA and audit CA get half of it.</summary>
    public TimeSpan RootLifetime { get; init; } = TimeSpan.FromDays(10 * 365);

    /// <summary>Time from a CRL's thisUpdate to its nextUpdate.</summary>
    public TimeSpan CrlLifetime { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Global detection (Docs/misbehaviour.md): a station is reported for revocation once this many distinct reporting
    /// stations sent observations about its tickets within <see cref="ObservationWindow"/>. Default 3.
    /// </summary>
    public int ObservationThreshold { get; init; } = 3;

    /// <summary>The window of <see cref="ObservationThreshold"/>. Default 10 minutes.</summary>
    public TimeSpan ObservationWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// An IDF implementation version is reported for model-wide revocation once this many distinct stations running it were
    /// reported for revocation or reported their own anomaly or compromise within <see cref="ImplementationWindow"/>. Default 3.
    /// </summary>
    public int ImplementationThreshold { get; init; } = 3;

    /// <summary>The window of <see cref="ImplementationThreshold"/>. Default one day.</summary>
    public TimeSpan ImplementationWindow { get; init; } = TimeSpan.FromDays(1);

    /// <summary>A model-wide revocation lowers the covering assessments to this level; null withdraws them (patent ¶165). Default null.</summary>
    public byte? ImplementationLowerTo { get; init; }

    /// <summary>Revocation requests wait for an investigator's confirmation (the CLI's <c>confirm-revocation</c>) instead of being carried out at once. Default false.</summary>
    public bool ConfirmRevocations { get; init; }

    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (ObservationThreshold < 1 || ImplementationThreshold < 1 || ObservationWindow <= TimeSpan.Zero || ImplementationWindow <= TimeSpan.Zero
            || ImplementationLowerTo > 7)
        {
            throw new ArgumentException("detection thresholds are at least 1, windows positive, the lowered level 0..7");
        }

        PkiProtocol.Audit.IdfImplementation.CheckName(Name, 32, nameof(Name));
        if (TicketQuantum < TimeSpan.FromMinutes(1) || TicketLifetime < TicketQuantum || TicketLifetime > TimeSpan.FromHours(ushort.MaxValue)
            || TicketLifetime.Ticks % TimeSpan.TicksPerHour != 0 || TicketQuantum.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException("the AT lifetime is whole hours, at least one quantum; the quantum at least a minute, in whole seconds");
        }

        if (EnrolmentLifetime <= TimeSpan.Zero || RootLifetime < 2 * EnrolmentLifetime || CrlLifetime <= TimeSpan.Zero || TicketMaxAhead < TimeSpan.Zero)
        {
            throw new ArgumentException("lifetimes are positive; the root outlives twice the EC lifetime");
        }
    }

    internal void Save(PkiTransaction tx)
    {
        tx.SetSetting("name", Name);
        tx.SetSetting("country", Country.ToString(CultureInfo.InvariantCulture));
        tx.SetSetting("per_model_aa", PerModelAa ? "1" : "0");
        tx.SetSetting("ticket_lifetime_s", Seconds(TicketLifetime));
        tx.SetSetting("ticket_quantum_s", Seconds(TicketQuantum));
        tx.SetSetting("ticket_max_ahead_s", Seconds(TicketMaxAhead));
        tx.SetSetting("enrolment_lifetime_s", Seconds(EnrolmentLifetime));
        tx.SetSetting("root_lifetime_s", Seconds(RootLifetime));
        tx.SetSetting("crl_lifetime_s", Seconds(CrlLifetime));
        tx.SetSetting("observation_threshold", ObservationThreshold.ToString(CultureInfo.InvariantCulture));
        tx.SetSetting("observation_window_s", Seconds(ObservationWindow));
        tx.SetSetting("implementation_threshold", ImplementationThreshold.ToString(CultureInfo.InvariantCulture));
        tx.SetSetting("implementation_window_s", Seconds(ImplementationWindow));
        tx.SetSetting("implementation_lower_to", ImplementationLowerTo?.ToString(CultureInfo.InvariantCulture) ?? "withdraw");
        tx.SetSetting("confirm_revocations", ConfirmRevocations ? "1" : "0");
    }

    internal static PkiOptions Load(PkiStore store)
    {
        string Get(string name) => store.GetSetting(name) ?? throw new ArgumentException($"the PKI state lacks the setting {name}");
        TimeSpan Span(string name) => TimeSpan.FromSeconds(long.Parse(Get(name), CultureInfo.InvariantCulture));

        // The detection settings came with schema 3: a state without them has the defaults.
        var defaults = new PkiOptions();
        string? Optional(string name) => store.GetSetting(name);
        return new PkiOptions
        {
            ObservationThreshold = Optional("observation_threshold") is { } ot ? int.Parse(ot, CultureInfo.InvariantCulture) : defaults.ObservationThreshold,
            ObservationWindow = Optional("observation_window_s") is not null ? Span("observation_window_s") : defaults.ObservationWindow,
            ImplementationThreshold = Optional("implementation_threshold") is { } it ? int.Parse(it, CultureInfo.InvariantCulture) : defaults.ImplementationThreshold,
            ImplementationWindow = Optional("implementation_window_s") is not null ? Span("implementation_window_s") : defaults.ImplementationWindow,
            ImplementationLowerTo = Optional("implementation_lower_to") is { } lt and not "withdraw" ? byte.Parse(lt, CultureInfo.InvariantCulture) : null,
            ConfirmRevocations = Optional("confirm_revocations") == "1",
            Name = Get("name"),
            Country = ushort.Parse(Get("country"), CultureInfo.InvariantCulture),
            PerModelAa = Get("per_model_aa") == "1",
            TicketLifetime = Span("ticket_lifetime_s"),
            TicketQuantum = Span("ticket_quantum_s"),
            TicketMaxAhead = Span("ticket_max_ahead_s"),
            EnrolmentLifetime = Span("enrolment_lifetime_s"),
            RootLifetime = Span("root_lifetime_s"),
            CrlLifetime = Span("crl_lifetime_s"),
        };
    }

    private static string Seconds(TimeSpan span) => ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
