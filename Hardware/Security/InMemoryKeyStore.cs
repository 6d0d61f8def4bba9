using System.Security.Cryptography;

namespace Hardware.Security;

/// <summary>
/// A key store over .NET's ECDsa (OpenSSL) holding keys in process memory: for OBUs hosted by the
/// emulator, benchmarks and the simulated board. Keys do not survive the process. Thread-safe.
/// </summary>
public sealed class InMemoryKeyStore : IKeyStore, IDisposable
{
    private readonly Dictionary<string, ECDsa> _keys = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public byte[] Generate(string label)
    {
        KeyLabels.Validate(label);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        lock (_lock)
        {
            if (_keys.ContainsKey(label))
            {
                key.Dispose();
                throw new KeyStoreException(KeyStoreError.LabelInUse, $"Key '{label}' already exists.");
            }

            _keys[label] = key;
            return Export(key);
        }
    }

    /// <inheritdoc />
    public byte[] GetPublicKey(string label)
    {
        lock (_lock)
        {
            return Export(Get(label));
        }
    }

    /// <inheritdoc />
    public EcdsaSignature SignDigest(string label, ReadOnlySpan<byte> digest)
    {
        KeyLabels.ValidateDigest(digest);
        ECDsa key;
        lock (_lock)
        {
            key = Get(label);
        }

        // ECDsa.SignHash returns r || s (IEEE P1363), 64 bytes for P-256. ECDsa is safe to use
        // from several threads for signing with OpenSSL.
        return EcdsaSignature.FromP1363(key.SignHash(digest.ToArray()));
    }

    /// <inheritdoc />
    public bool Delete(string label)
    {
        KeyLabels.Validate(label);
        lock (_lock)
        {
            if (_keys.Remove(label, out var key))
            {
                key.Dispose();
                return true;
            }

            return false;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> List()
    {
        lock (_lock)
        {
            return _keys.Keys.Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var key in _keys.Values)
            {
                key.Dispose();
            }

            _keys.Clear();
        }
    }

    private ECDsa Get(string label)
    {
        KeyLabels.Validate(label);
        return _keys.TryGetValue(label, out var key)
            ? key
            : throw new KeyStoreException(KeyStoreError.KeyNotFound, $"No key '{label}'.");
    }

    private static byte[] Export(ECDsa key)
    {
        var q = key.ExportParameters(false).Q;
        return EcPoint.Uncompressed(q.X!, q.Y!);
    }
}
