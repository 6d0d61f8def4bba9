using System;
using Firmware.Nano.Board;
using Firmware.Nano.Oer;

namespace Firmware.Nano.Boot;

/// <summary>
/// The OEM records the flash tool writes into the <see cref="PartitionLabel"/> data partition (Docs/mcu.md):
/// magic "IDF1", then u32 length and the signed reference manifest, then u32 length and the signed MCU
/// policy (big-endian), then 0xFF fill. Both stay signed: reading them from flash trusts nothing.
/// </summary>
public sealed class IdfRecords
{
    /// <summary>The partition label.</summary>
    public const string PartitionLabel = "idf";

    /// <summary>Data partition subtype (project-private, in the ESP-IDF custom range 0x80-0xFE).</summary>
    public const byte Subtype = 0x99;

    private const int HeaderBytes = 4;

    /// <summary>The records.</summary>
    public IdfRecords(byte[] signedManifest, byte[] signedPolicy)
    {
        SignedManifest = signedManifest;
        SignedPolicy = signedPolicy;
    }

    /// <summary>The signed manifest document.</summary>
    public byte[] SignedManifest { get; }

    /// <summary>The signed MCU policy document.</summary>
    public byte[] SignedPolicy { get; }

    /// <summary>The partition image (without fill).</summary>
    public byte[] Encode()
    {
        var w = new OerWriter(SignedManifest.Length + SignedPolicy.Length + 12);
        w.WriteRaw(new byte[] { (byte)'I', (byte)'D', (byte)'F', (byte)'1' });
        w.WriteUInt32((uint)SignedManifest.Length);
        w.WriteRaw(SignedManifest);
        w.WriteUInt32((uint)SignedPolicy.Length);
        w.WriteRaw(SignedPolicy);
        return w.ToArray();
    }

    /// <summary>Reads the records from the partition at <paramref name="partition"/>.</summary>
    /// <exception cref="MalformedDataException">No records, or lengths outside the partition.</exception>
    public static IdfRecords Read(IFlashReader flash, PartitionEntry partition)
    {
        if (flash == null)
        {
            throw new ArgumentNullException(nameof(flash));
        }

        if (partition == null)
        {
            throw new MalformedDataException("IdfRecords", "no " + PartitionLabel + " partition");
        }

        var head = new byte[HeaderBytes + 4];
        flash.Read(partition.Offset, head, 0, head.Length);
        if (head[0] != 'I' || head[1] != 'D' || head[2] != 'F' || head[3] != '1')
        {
            throw new MalformedDataException("IdfRecords.magic", "the " + PartitionLabel + " partition holds no records");
        }

        var at = (uint)HeaderBytes;
        var manifest = ReadRecord(flash, partition, ref at, "manifest");
        var policy = ReadRecord(flash, partition, ref at, "policy");
        return new IdfRecords(manifest, policy);
    }

    private static byte[] ReadRecord(IFlashReader flash, PartitionEntry partition, ref uint at, string field)
    {
        var lengthBytes = new byte[4];
        if (at + 4 > partition.Size)
        {
            throw new MalformedDataException("IdfRecords." + field, "ends outside the partition");
        }

        flash.Read(partition.Offset + at, lengthBytes, 0, 4);
        var length = ((uint)lengthBytes[0] << 24) | ((uint)lengthBytes[1] << 16) | ((uint)lengthBytes[2] << 8) | lengthBytes[3];
        if (length > OemDocument.MaxBytes || at + 4 + length > partition.Size)
        {
            throw new MalformedDataException("IdfRecords." + field, "length " + length + " outside the partition");
        }

        var record = new byte[length];
        flash.Read(partition.Offset + at + 4, record, 0, (int)length);
        at += 4 + length;
        return record;
    }
}
