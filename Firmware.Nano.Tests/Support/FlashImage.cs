using Firmware.Nano.Board;

namespace Firmware.Nano.Tests.Support;

/// <summary>SPI flash as an array (erased to 0xFF), read by absolute address.</summary>
public sealed class FlashImage(int sizeBytes) : IFlashReader
{
    public byte[] Bytes { get; } = Enumerable.Repeat((byte)0xFF, sizeBytes).ToArray();

    public uint SizeBytes => (uint)Bytes.Length;

    public void Read(uint address, byte[] buffer, int offset, int count) => Array.Copy(Bytes, (long)address, buffer, offset, count);

    public void Write(uint address, byte[] data) => data.CopyTo(Bytes, (long)address);
}
