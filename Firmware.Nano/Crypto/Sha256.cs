using System;

namespace Firmware.Nano.Crypto;

/// <summary>
/// SHA-256 (FIPS 180-4 §6.2), written out for a runtime without cryptography: nanoFramework's
/// mscorlib has none, and the ESP32's SHA accelerator is reached only through native code the
/// board would have to provide. Incremental: <see cref="Append"/> any number of times, then
/// <see cref="Finish"/>; <see cref="Reset"/> starts over. Not thread-safe.
/// </summary>
public sealed class Sha256
{
    /// <summary>Digest size in octets.</summary>
    public const int HashSize = 32;

    // FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    private static readonly uint[] K =
    {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };

    private readonly uint[] _h = new uint[8];
    private readonly uint[] _w = new uint[64];
    private readonly byte[] _block = new byte[64];
    private int _blockLength;
    private ulong _totalLength;

    /// <summary>A fresh hash.</summary>
    public Sha256()
    {
        Reset();
    }

    /// <summary>The SHA-256 of <paramref name="count"/> octets of <paramref name="data"/> from <paramref name="offset"/>.</summary>
    public static byte[] Hash(byte[] data, int offset, int count)
    {
        var sha = new Sha256();
        sha.Append(data, offset, count);
        var digest = new byte[HashSize];
        sha.Finish(digest, 0);
        return digest;
    }

    /// <summary>The SHA-256 of all of <paramref name="data"/>.</summary>
    public static byte[] Hash(byte[] data)
    {
        if (data == null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        return Hash(data, 0, data.Length);
    }

    /// <summary>Starts a new message (FIPS 180-4 §5.3.3 initial hash value).</summary>
    public void Reset()
    {
        _h[0] = 0x6a09e667;
        _h[1] = 0xbb67ae85;
        _h[2] = 0x3c6ef372;
        _h[3] = 0xa54ff53a;
        _h[4] = 0x510e527f;
        _h[5] = 0x9b05688c;
        _h[6] = 0x1f83d9ab;
        _h[7] = 0x5be0cd19;
        _blockLength = 0;
        _totalLength = 0;
    }

    /// <summary>Adds <paramref name="count"/> octets of <paramref name="data"/> from <paramref name="offset"/> to the message.</summary>
    public void Append(byte[] data, int offset, int count)
    {
        if (data == null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        if (offset < 0 || count < 0 || offset > data.Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _totalLength += (ulong)count;
        if (_blockLength > 0)
        {
            var take = 64 - _blockLength < count ? 64 - _blockLength : count;
            Array.Copy(data, offset, _block, _blockLength, take);
            _blockLength += take;
            offset += take;
            count -= take;
            if (_blockLength < 64)
            {
                return;
            }

            Compress(_block, 0);
            _blockLength = 0;
        }

        while (count >= 64)
        {
            Compress(data, offset);
            offset += 64;
            count -= 64;
        }

        if (count > 0)
        {
            Array.Copy(data, offset, _block, 0, count);
            _blockLength = count;
        }
    }

    /// <summary>Pads the message (FIPS 180-4 §5.1.1), writes the 32-octet digest at <paramref name="offset"/> and resets.</summary>
    public void Finish(byte[] output, int offset)
    {
        if (output == null)
        {
            throw new ArgumentNullException(nameof(output));
        }

        if (offset < 0 || offset > output.Length - HashSize)
        {
            throw new ArgumentOutOfRangeException(nameof(offset));
        }

        var bits = _totalLength * 8;
        _block[_blockLength++] = 0x80;
        if (_blockLength > 56)
        {
            while (_blockLength < 64)
            {
                _block[_blockLength++] = 0;
            }

            Compress(_block, 0);
            _blockLength = 0;
        }

        while (_blockLength < 56)
        {
            _block[_blockLength++] = 0;
        }

        for (var i = 7; i >= 0; i--)
        {
            _block[56 + (7 - i)] = (byte)(bits >> (8 * i));
        }

        Compress(_block, 0);
        for (var i = 0; i < 8; i++)
        {
            var v = _h[i];
            output[offset + (4 * i)] = (byte)(v >> 24);
            output[offset + (4 * i) + 1] = (byte)(v >> 16);
            output[offset + (4 * i) + 2] = (byte)(v >> 8);
            output[offset + (4 * i) + 3] = (byte)v;
        }

        Reset();
    }

    // FIPS 180-4 §6.2.2: message schedule, then 64 rounds over the working variables.
    private void Compress(byte[] block, int offset)
    {
        var w = _w;
        for (var t = 0; t < 16; t++)
        {
            var p = offset + (4 * t);
            w[t] = ((uint)block[p] << 24) | ((uint)block[p + 1] << 16) | ((uint)block[p + 2] << 8) | block[p + 3];
        }

        for (var t = 16; t < 64; t++)
        {
            var x = w[t - 15];
            var y = w[t - 2];
            var s0 = Rotr(x, 7) ^ Rotr(x, 18) ^ (x >> 3);
            var s1 = Rotr(y, 17) ^ Rotr(y, 19) ^ (y >> 10);
            w[t] = unchecked(w[t - 16] + s0 + w[t - 7] + s1);
        }

        uint a = _h[0], b = _h[1], c = _h[2], d = _h[3], e = _h[4], f = _h[5], g = _h[6], h = _h[7];
        for (var t = 0; t < 64; t++)
        {
            var sum1 = Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25);
            var ch = (e & f) ^ (~e & g);
            var t1 = unchecked(h + sum1 + ch + K[t] + w[t]);
            var sum0 = Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22);
            var maj = (a & b) ^ (a & c) ^ (b & c);
            var t2 = unchecked(sum0 + maj);
            h = g;
            g = f;
            f = e;
            e = unchecked(d + t1);
            d = c;
            c = b;
            b = a;
            a = unchecked(t1 + t2);
        }

        unchecked
        {
            _h[0] += a;
            _h[1] += b;
            _h[2] += c;
            _h[3] += d;
            _h[4] += e;
            _h[5] += f;
            _h[6] += g;
            _h[7] += h;
        }
    }

    private static uint Rotr(uint x, int n) => (x >> n) | (x << (32 - n));
}
