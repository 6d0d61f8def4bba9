namespace Hardware.Radio;

/// <summary>A received frame.</summary>
/// <param name="Bytes">The whole Ethernet frame.</param>
/// <param name="ReceivedAt">When it arrived (the link's TimeProvider).</param>
/// <param name="Sender">Name or endpoint of the sending node, as the medium knows it.</param>
public sealed record RadioFrame(byte[] Bytes, DateTimeOffset ReceivedAt, string Sender);
