using System;
using Firmware.Nano.Board;

namespace Firmware.Nano.SecureElement;

/// <summary>
/// The driver of an ATECC608-class secure element on I2C (Microchip ATECC608A/B data sheet; opcodes and
/// modes in <see cref="Atecc608Protocol"/>). Each operation wakes the device, runs its commands and puts it
/// in idle (which keeps TempKey between Nonce and Sign). Signing an external digest: Nonce in pass-through
/// mode loads the 32 octets into TempKey, Sign in external mode signs them with the slot's private key.
/// Not thread-safe: one operation at a time (the device has one TempKey).
/// </summary>
public sealed partial class Atecc608 : ISecureElement, IRandomSource
{
    private const int SlotCount = 16;

    private readonly II2cDevice _bus;
    private readonly IDelay _delay;

    /// <summary>A driver for the device behind <paramref name="bus"/>.</summary>
    public Atecc608(II2cDevice bus, IDelay delay)
    {
        if (bus == null)
        {
            throw new ArgumentNullException(nameof(bus));
        }

        if (delay == null)
        {
            throw new ArgumentNullException(nameof(delay));
        }

        _bus = bus;
        _delay = delay;
    }

    /// <inheritdoc />
    public byte[] SignDigest(int keySlot, byte[] digest)
    {
        CheckSlot(keySlot);
        CheckDigest(digest);
        Wake();
        try
        {
            LoadTempKey(digest);
            return Execute(Atecc608Protocol.OpSign, Atecc608Protocol.SignModeExternal, keySlot, null, 64);
        }
        finally
        {
            Idle();
        }
    }

    /// <inheritdoc />
    public bool VerifyDigest(int publicKeySlot, byte[] digest, byte[] signature)
    {
        CheckSlot(publicKeySlot);
        CheckDigest(digest);
        if (signature == null || signature.Length != 64)
        {
            throw new SecureElementException(SecureElementError.Argument, 0, "a P-256 signature is 64 octets (r ‖ s)");
        }

        Wake();
        try
        {
            LoadTempKey(digest);
            var status = ExecuteStatus(Atecc608Protocol.OpVerify, Atecc608Protocol.VerifyModeStored, publicKeySlot, signature);
            if (status == Atecc608Protocol.StatusSuccess)
            {
                return true;
            }

            if (status == Atecc608Protocol.StatusMiscompare)
            {
                return false;
            }

            throw StatusError(Atecc608Protocol.OpVerify, status);
        }
        finally
        {
            Idle();
        }
    }

    /// <inheritdoc />
    public byte[] PublicKey(int keySlot)
    {
        CheckSlot(keySlot);
        Wake();
        try
        {
            return Execute(Atecc608Protocol.OpGenKey, Atecc608Protocol.GenKeyModePublic, keySlot, null, 64);
        }
        finally
        {
            Idle();
        }
    }

    /// <inheritdoc />
    public uint Counter(int counterId, bool increment)
    {
        if (counterId != 0 && counterId != 1)
        {
            throw new SecureElementException(SecureElementError.Argument, 0, "the device has counters 0 and 1");
        }

        Wake();
        try
        {
            var mode = increment ? Atecc608Protocol.CounterModeIncrement : Atecc608Protocol.CounterModeRead;
            var value = Execute(Atecc608Protocol.OpCounter, mode, counterId, null, 4);

            // The counter value comes least significant octet first.
            return value[0] | ((uint)value[1] << 8) | ((uint)value[2] << 16) | ((uint)value[3] << 24);
        }
        finally
        {
            Idle();
        }
    }

    /// <inheritdoc />
    public SecureElementHealth CheckHealth()
    {
        Wake();
        try
        {
            var revision = Execute(Atecc608Protocol.OpInfo, 0x00, 0, null, 4);
            var locks = Execute(Atecc608Protocol.OpRead, Atecc608Protocol.ZoneConfig, Atecc608Protocol.LockWord, null, 4);
            var selfTest = ExecuteStatus(Atecc608Protocol.OpSelfTest, Atecc608Protocol.SelfTestAll, 0, null);
            return new SecureElementHealth(revision, locks[3] == Atecc608Protocol.Locked, locks[2] == Atecc608Protocol.Locked, selfTest);
        }
        finally
        {
            Idle();
        }
    }

    /// <summary>Fills <paramref name="buffer"/> from the device's random number generator (Random command, 32 octets a call).</summary>
    public void Fill(byte[] buffer)
    {
        if (buffer == null)
        {
            throw new ArgumentNullException(nameof(buffer));
        }

        Wake();
        try
        {
            var done = 0;
            while (done < buffer.Length)
            {
                var block = Execute(Atecc608Protocol.OpRandom, 0x00, 0, null, 32);
                var take = buffer.Length - done < 32 ? buffer.Length - done : 32;
                Array.Copy(block, 0, buffer, done, take);
                done += take;
            }
        }
        finally
        {
            Idle();
        }
    }

    private void LoadTempKey(byte[] digest)
    {
        var status = ExecuteStatus(Atecc608Protocol.OpNonce, Atecc608Protocol.NonceModePassThrough, 0, digest);
        if (status != Atecc608Protocol.StatusSuccess)
        {
            throw StatusError(Atecc608Protocol.OpNonce, status);
        }
    }

    private static void CheckSlot(int slot)
    {
        if (slot < 0 || slot >= SlotCount)
        {
            throw new SecureElementException(SecureElementError.Argument, 0, "slots are 0..15");
        }
    }

    private static void CheckDigest(byte[] digest)
    {
        if (digest == null || digest.Length != 32)
        {
            throw new SecureElementException(SecureElementError.Argument, 0, "a digest is 32 octets");
        }
    }
}
