namespace Hardware.Storage;

/// <summary>Key rules shared by the stores.</summary>
public static class StoreKeys
{
    /// <summary>Longest key.</summary>
    public const int MaxKeyLength = 64;

    /// <summary>Throws <see cref="ArgumentException"/> unless the key is 1-64 characters of [A-Za-z0-9._-] and not "." or "..".</summary>
    public static void Validate(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length is 0 or > MaxKeyLength || key is "." or ".." ||
            !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new ArgumentException($"Key '{key}' must be 1 to {MaxKeyLength} characters of [A-Za-z0-9._-].", nameof(key));
        }
    }
}
