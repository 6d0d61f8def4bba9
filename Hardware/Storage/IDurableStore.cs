namespace Hardware.Storage;

/// <summary>
/// Durable storage of small records (key to bytes) with atomic replace: after a process killed
/// at any instruction, a key holds either its previous value or the new one, never a mix.
/// Keys are 1 to 64 characters of [A-Za-z0-9._-] (others are a caller's mistake).
/// </summary>
public interface IDurableStore
{
    /// <summary>The value of a key, or null when it has none.</summary>
    /// <exception cref="StorageException">The stored record is corrupted.</exception>
    byte[]? Read(string key);

    /// <summary>Atomically replaces the value of a key; returns once it is durable.</summary>
    void Write(string key, ReadOnlySpan<byte> value);

    /// <summary>Removes a key; returns false when it had no value.</summary>
    bool Delete(string key);

    /// <summary>Every key that has a value.</summary>
    IReadOnlyList<string> Keys();
}
