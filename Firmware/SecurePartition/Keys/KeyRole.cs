namespace Firmware.SecurePartition.Keys;

/// <summary>Which key signs a provisioning request (ETSI TS 102 941 §6.2.3).</summary>
public enum KeyRole : byte
{
    /// <summary>The station's long-term canonical key (signs the enrolment request, self-signed).</summary>
    Canonical = 0,

    /// <summary>The enrolment key (its credential, once installed, names the signer of authorization requests).</summary>
    Enrolment = 1,

    /// <summary>An authorization-ticket key (proof of possession in an authorization request).</summary>
    AuthorizationTicket = 2,
}
