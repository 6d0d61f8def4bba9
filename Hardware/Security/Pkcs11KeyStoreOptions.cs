namespace Hardware.Security;

/// <summary>Configuration of <see cref="Pkcs11KeyStore"/>.</summary>
public sealed record Pkcs11KeyStoreOptions
{
    /// <summary>Path of the PKCS#11 module (for SoftHSM2: /usr/lib/softhsm/libsofthsm2.so).</summary>
    public required string ModulePath { get; init; }

    /// <summary>Label of the token to use.</summary>
    public required string TokenLabel { get; init; }

    /// <summary>User PIN of the token.</summary>
    public required string UserPin { get; init; }

    /// <summary>Most sessions held open at once (each signing call borrows one).</summary>
    public int MaxSessions { get; init; } = 4;
}
