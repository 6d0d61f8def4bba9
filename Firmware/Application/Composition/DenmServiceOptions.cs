using Firmware.Application.Sending;
using Hardware.Positioning;
using Microsoft.Extensions.Logging;
using V2x.Facilities.ItsContainer;

namespace Firmware.Application.Composition;

/// <summary>What a <see cref="DenmService"/> is built from.</summary>
public sealed record DenmServiceOptions
{
    /// <summary>The send path.</summary>
    public required MessageSender Sender { get; init; }

    /// <summary>The position source (the event position and the GN source position vector).</summary>
    public required IPositionSource Position { get; init; }

    /// <summary>The clock that drives the repetitions.</summary>
    public required TimeProvider Clock { get; init; }

    /// <summary>The station's current identity.</summary>
    public required Func<StationIdentity> Identity { get; init; }

    /// <summary>The originating station's type.</summary>
    public StationType StationType { get; init; } = StationType.PassengerCar;

    /// <summary>Structured log.</summary>
    public ILogger? Logger { get; init; }
}
