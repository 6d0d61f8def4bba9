using V2x.Facilities.Cam;
using V2x.Facilities.Denm;
using V2x.Security;

namespace V2x.Integrity;

/// <summary>
/// The integrity reports one received message carries, one per carrier (<see cref="ReportCarrier"/>): a sender
/// writes one of them; a message with two reports that differ contradicts itself and is rejected by every
/// receiver of this project (<see cref="Disagree"/>). Two equal reports are one report.
/// </summary>
/// <param name="InHeaderInfo">The report in HeaderInfo.contributedExtensions, or null.</param>
/// <param name="InFacilities">The report in the CAM's or DENM's extension containers, or null.</param>
public sealed record CarriedReports(IntegrityReport? InHeaderInfo, IntegrityReport? InFacilities)
{
    /// <summary>Reads both carriers of a decoded message.</summary>
    /// <exception cref="DecodeException">A carrier holds a malformed report, or more than one.</exception>
    public static CarriedReports Read(HeaderInfo header, CamMessage? cam, DenmMessage? denm)
    {
        ArgumentNullException.ThrowIfNull(header);
        var facilities = cam is not null ? IntegrityReportContainer.Read(cam) : denm is not null ? IntegrityReportContainer.Read(denm) : null;
        return new CarriedReports(IntegrityReportExtension.Read(header), facilities);
    }

    /// <summary>Both carriers hold a report and the two differ.</summary>
    public bool Disagree => InHeaderInfo is not null && InFacilities is not null && InHeaderInfo != InFacilities;

    /// <summary>The message's report (null when it carries none).</summary>
    /// <exception cref="InvalidOperationException">The two reports disagree: check <see cref="Disagree"/> first.</exception>
    public IntegrityReport? Report => Disagree
        ? throw new InvalidOperationException("the message carries two integrity reports that disagree")
        : InHeaderInfo ?? InFacilities;
}
