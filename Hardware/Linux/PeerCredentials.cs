namespace Hardware.Linux;

/// <summary>The credentials of a Unix socket's peer (SO_PEERCRED, unix(7)): as the kernel saw it at connect(2).</summary>
/// <param name="Pid">Process id.</param>
/// <param name="Uid">Effective user id.</param>
/// <param name="Gid">Effective group id (supplementary groups are not included).</param>
public sealed record PeerCredentials(int Pid, int Uid, int Gid);
