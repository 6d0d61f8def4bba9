using Firmware.Application.Decisions;
using V2x.Facilities.ItsContainer;
using V2x.Security;

namespace Firmware.Application.Eebl;

/// <summary>What the EEBL application asked of the brakes for one warning.</summary>
/// <param name="Time">When.</param>
/// <param name="Action">The DENM's actionID (originating station and sequence number).</param>
/// <param name="Sender">The ticket that signed the DENM.</param>
/// <param name="Decision">The receive pipeline's decision.</param>
/// <param name="Row">The decision table row.</param>
/// <param name="Response">The brake response.</param>
/// <param name="Cancelled">True when the DENM cancels the event (the response is then none).</param>
public sealed record BrakeRequest(DateTimeOffset Time, ActionId Action, HashedId8 Sender, TrustDecision Decision, DecisionRow Row, BrakeResponse Response, bool Cancelled);
