namespace Firmware.Tests.Application.Support;

/// <summary>Random octets that are all one value: a fixed draw (which CAM of a verify-on-demand window is verified, which frame a queue sheds).</summary>
internal sealed class FixedOctets(byte value) : Hardware.Random.IRandomSource
{
    public void Fill(Span<byte> destination) => destination.Fill(value);
}
