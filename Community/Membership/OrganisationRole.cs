namespace Community.Membership;

/// <summary>The roles of ITU-T X.1382 §8.1; an organisation may hold several.</summary>
[Flags]
public enum OrganisationRole
{
    /// <summary>No role.</summary>
    None = 0,

    /// <summary>§8.1.1 Automakers.</summary>
    Automaker = 1,

    /// <summary>§8.1.2 Suppliers.</summary>
    Supplier = 2,

    /// <summary>§8.1.3 Third-party product and service providers.</summary>
    ThirdPartyProvider = 4,

    /// <summary>§8.1.4 Coordination team (CERT/CSIRT, Auto-ISAC).</summary>
    CoordinationTeam = 8,

    /// <summary>§8.1.5 Telecommunication operators.</summary>
    TelecomOperator = 16,

    /// <summary>§8.1.6 Cybersecurity vendors.</summary>
    CybersecurityVendor = 32,
}
