namespace Firmware.Tests.Upstream.Support;

/// <summary>The hub's storage in an end-to-end test.</summary>
public enum HubBackend
{
    /// <summary>A SQLite file in a temporary directory.</summary>
    Sqlite,

    /// <summary>A schema of its own in the loopback PostgreSQL cluster (V2X_PG).</summary>
    Postgres,
}
