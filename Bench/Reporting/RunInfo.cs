namespace Bench.Reporting;

/// <summary>
/// How the run was set up and when its phases were (<c>RadioInterface</c>: the radio's interface address, or "loopback";
/// <c>Tamper</c>: how the tampered OBU was tampered, the scenario file's attack name: <c>rogue-process</c> or <c>tampered-firmware</c>).
/// </summary>
public sealed record RunInfo(
    DateTimeOffset StartedAt,
    DateTimeOffset TamperedAt,
    DateTimeOffset EndedAt,
    int Obus,
    int Seed,
    string TamperedObu,
    double ScanPeriodSeconds,
    double DetectionPeriodSeconds,
    string KeyStore,
    string PkiFolder,
    string PkiAddress,
    string RadioGroup,
    int RadioPort,
    string OutputDirectory,
    double? TamperedReportAfterMs,
    string RadioInterface = "loopback",
    string Tamper = "rogue-process");
