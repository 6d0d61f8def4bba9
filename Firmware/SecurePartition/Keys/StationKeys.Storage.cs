using System.Buffers.Binary;
using Firmware.SecurePartition.Encoding;
using Hardware.Security;
using V2x;
using V2x.Security.Certificates;
using V2x.Security.Signing;

namespace Firmware.SecurePartition.Keys;

public sealed partial class StationKeys
{
    private void Activate(ushort slot)
    {
        WriteU16(ActiveKey, slot);
        _active = slot;
        _activeSigner = null;
    }

    private Certificate CheckCertificate(ReadOnlyMemory<byte> encoded, string label)
    {
        Certificate cert;
        try
        {
            cert = Certificate.Decode(encoded);
        }
        catch (DecodeException e)
        {
            throw new PartitionException(PartitionError.CertificateMismatch, $"The certificate does not decode: {e.Message}", e);
        }

        var carried = cert.ToBeSigned.VerifyKeyIndicator.VerificationKey;
        var held = KeyStoreCall(() => new KeyStoreSignatureKey(_keys, label)).PublicKey;
        if (carried is null || carried.Algorithm != held.Algorithm
            || !carried.ToCanonical().Point.ToSec1().AsSpan().SequenceEqual(held.Point.ToSec1()))
        {
            throw new PartitionException(PartitionError.CertificateMismatch, $"The certificate does not carry the key '{label}'.");
        }

        return cert;
    }

    private SpduSigner BuildSigner(string label, Certificate? certificate) =>
        KeyStoreCall(() => new SpduSigner(new KeyStoreSignatureKey(_keys, label), certificate));

    private byte[] EnsureKey(string label)
    {
        lock (_lock)
        {
            return KeyStoreCall(() => _keys.List().Contains(label) ? _keys.GetPublicKey(label) : _keys.Generate(label));
        }
    }

    private uint RandomOffset()
    {
        Span<byte> b = stackalloc byte[4];
        _random.Fill(b);
        return BinaryPrimitives.ReadUInt32BigEndian(b);
    }

    private List<TicketSlot> LoadSlots()
    {
        var bytes = _store.Read(SlotsKey);
        if (bytes is null)
        {
            return [];
        }

        try
        {
            var r = new ByteReader(bytes, "TicketSlots");
            var list = r.List("slots", MaxSlots, static r => new TicketSlot(r.U16("slot"), r.Text("label", KeyLabels.MaxLabelLength), r.Bytes("certificate", 4096), r.U32("offset")));
            r.ExpectEnd();
            return list;
        }
        catch (MalformedDataException)
        {
            // Unreadable slot records: no ticket is usable until re-provisioned (fail closed).
            return [];
        }
    }

    private void SaveSlots(List<TicketSlot> slots)
    {
        var w = new ByteWriter();
        w.List(slots, static (w, s) => w.U16(s.Slot).Text(s.Label).Bytes(s.Certificate).U32(s.CounterOffset));
        _store.Write(SlotsKey, w.WrittenSpan);
    }

    private void WriteU16(string key, ushort value)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, value);
        _store.Write(key, b);
    }

    private static T KeyStoreCall<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (KeyStoreException e)
        {
            throw new PartitionException(PartitionError.KeyStoreFailure, $"Key store: {e.Error}: {e.Message}", e);
        }
    }
}
