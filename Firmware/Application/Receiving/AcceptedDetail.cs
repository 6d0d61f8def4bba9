using Firmware.Application.Decisions;

namespace Firmware.Application.Receiving;

/// <summary>
/// The detail of an accepted frame's decision ("row 1 AssuredNoAnomaly", the posture row when one applied, and whether
/// the signature went unverified), built once per combination: the receive path names the decision of every frame it
/// accepts, and composing the same few strings again for each allocated about 100 octets a message.
/// </summary>
internal static class AcceptedDetail
{
    private static readonly int Postures = Enum.GetValues<PostureRow>().Max(p => (int)p) + 1;
    private static readonly int Rows = Enum.GetValues<DecisionRow>().Max(r => (int)r) + 1;
    private static readonly string?[] Details = new string?[Rows * Postures * 2];

    /// <summary>The detail of an accepted frame decided by <paramref name="outcome"/>.</summary>
    public static string Of(DecisionOutcome outcome, bool verified)
    {
        var row = (int)outcome.Row;
        var posture = (int)outcome.Posture;
        if (row < 0 || row >= Rows || posture < 0 || posture >= Postures)
        {
            return Compose(outcome, verified);
        }

        // Races only write the same string twice.
        var index = ((row * Postures) + posture) * 2 + (verified ? 1 : 0);
        return Details[index] ??= Compose(outcome, verified);
    }

    private static string Compose(DecisionOutcome outcome, bool verified) =>
        (outcome.Posture == PostureRow.None
            ? $"row {(int)outcome.Row} {outcome.Row}"
            : $"row {(int)outcome.Row} {outcome.Row}, posture P{(int)outcome.Posture} {outcome.Posture}")
        + (verified ? "" : "; signature not verified (verify-on-demand, awareness only)");
}
