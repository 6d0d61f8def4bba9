namespace V2x.Integrity;

/// <summary>
/// Where a sender puts the integrity report (chosen per deployment in the secure partition's configuration;
/// receivers of this project read both). Docs/formats.md §3.4 and §3.8, Docs/interop.md.
/// </summary>
public enum ReportCarrier
{
    /// <summary>
    /// The facilities message: a container of the CAM's extensionContainers (ETSI TS 103 900 v2.x) or of the
    /// DENM ManagementContainer's project-private addition, inside the signed payload, which every receiver
    /// hashes as received. Deployed stacks built on asn1c decode and verify it (measured: Docs/interop.md).
    /// </summary>
    Facilities = 1,

    /// <summary>
    /// HeaderInfo.contributedExtensions (IEEE 1609.2-2022 §6.3), contributor 255. Receivers that do not know
    /// the addition lose it when they re-encode ToBeSignedData, or misread the message (Docs/interop.md).
    /// </summary>
    HeaderInfo = 2,
}
