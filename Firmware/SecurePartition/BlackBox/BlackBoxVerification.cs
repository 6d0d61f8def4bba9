namespace Firmware.SecurePartition.BlackBox;

/// <summary>The verifier's verdict.</summary>
/// <param name="Problem">The first problem, or <see cref="BlackBoxProblem.None"/>.</param>
/// <param name="EntriesVerified">Entries that verified before the first problem.</param>
/// <param name="FirstBadSequence">Sequence of the first bad entry (the expected one when it is missing), or null.</param>
/// <param name="FirstBadOffset">Byte offset in the medium of the first bad entry or segment, or null.</param>
/// <param name="Detail">In words.</param>
public sealed record BlackBoxVerification(BlackBoxProblem Problem, int EntriesVerified, ulong? FirstBadSequence, long? FirstBadOffset, string Detail)
{
    /// <summary>True when the log verifies.</summary>
    public bool IsValid => Problem == BlackBoxProblem.None;
}
