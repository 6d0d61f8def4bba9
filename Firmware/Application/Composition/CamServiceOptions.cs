using Firmware.Application.Sending;
using Hardware.Positioning;
using Microsoft.Extensions.Logging;

namespace Firmware.Application.Composition;

/// <summary>What a <see cref="CamService"/> is built from.</summary>
public sealed record CamServiceOptions
{
    /// <summary>The send path (secure partition and radio).</summary>
    public required MessageSender Sender { get; init; }

    /// <summary>Position, speed and heading.</summary>
    public required IPositionSource Position { get; init; }

    /// <summary>The clock that drives the generation timer (tests step a FakeTimeProvider).</summary>
    public required TimeProvider Clock { get; init; }

    /// <summary>The station's current identity (it changes with the pseudonym).</summary>
    public required Func<StationIdentity> Identity { get; init; }

    /// <summary>When the certificate goes into a CAM.</summary>
    public CertificateInclusion Certificates { get; init; } = new();

    /// <summary>Vehicle type and dimensions.</summary>
    public CamComposer.Vehicle Vehicle { get; init; } = CamComposer.Vehicle.PassengerCar;

    /// <summary>Structured log.</summary>
    public ILogger? Logger { get; init; }
}
