using Hardware.Can;
using Hardware.Positioning;
using Hardware.Radio;
using Hardware.Random;
using Hardware.Security;

namespace Hardware.Simulated;

/// <summary>What a simulated board is given from outside.</summary>
public sealed record SimulatedBoardOptions
{
    /// <summary>The clock: tests pass FakeTimeProvider, the bench TimeProvider.System.</summary>
    public required TimeProvider Time { get; init; }

    /// <summary>Random source (default: the OS CSPRNG).</summary>
    public IRandomSource Random { get; init; } = SystemRandomSource.Instance;

    /// <summary>Key store (default: a new in-memory store, whose keys do not survive a restart; pass a PKCS#11 store for keys that do).</summary>
    public IKeyStore? KeyStore { get; init; }

    /// <summary>Position source (default: <see cref="SimulatedRoute.MunichBlock"/> driven by <see cref="Time"/>).</summary>
    public IPositionSource? Position { get; init; }

    /// <summary>Radio link (default: none).</summary>
    public IRadioLink? Radio { get; init; }

    /// <summary>CAN bus to connect to as node "obu" (default: a bus of its own).</summary>
    public SimulatedCanBus? CanBus { get; init; }
}
