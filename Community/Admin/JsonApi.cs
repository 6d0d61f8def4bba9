using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Community.Admin;

/// <summary>Reading and writing the JSON of the admin and members' APIs.</summary>
public static class JsonApi
{
    /// <summary>Largest request body the admin and members' APIs read.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Reads and parses a request body; malformed input is a bad request.</summary>
    public static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> info)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Parse(await ReadTextAsync(context).ConfigureAwait(false), info);
    }

    private static T Parse<T>(string text, JsonTypeInfo<T> info)
    {
        try
        {
            return JsonSerializer.Deserialize(text, info) ?? throw new CommunityException(CommunityErrorKind.Invalid, "the request body is empty");
        }
        catch (JsonException e)
        {
            throw new CommunityException(CommunityErrorKind.Invalid, "the request body is not the JSON expected: " + e.Message);
        }
    }

    /// <summary>
    /// Reads and parses a request body that may be absent: an empty (or blank) body, with or without a
    /// Content-Length, is null; anything else must parse.
    /// </summary>
    public static async Task<T?> ReadOptionalAsync<T>(HttpContext context, JsonTypeInfo<T> info)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(info);
        var text = await ReadTextAsync(context).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(text) ? null : Parse(text, info);
    }

    /// <summary>Reads a request body as text (at most <see cref="MaxBodyBytes"/>).</summary>
    public static async Task<string> ReadTextAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = new StreamReader(context.Request.Body);
        var buffer = new char[MaxBodyBytes + 1];
        var total = 0;
        int n;
        while ((n = await reader.ReadAsync(buffer.AsMemory(total), context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            total += n;
            if (total > MaxBodyBytes)
            {
                throw new CommunityException(CommunityErrorKind.Invalid, $"the request body is larger than {MaxBodyBytes} bytes");
            }
        }

        return new string(buffer, 0, total);
    }

    /// <summary>Writes a JSON answer.</summary>
    public static async Task WriteAsync<T>(HttpContext context, int status, T value)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var wire = CommunityJsonContext.Wire.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
            ?? throw new ArgumentException($"{typeof(T).Name} is not in CommunityJsonContext", nameof(value));
        await JsonSerializer.SerializeAsync(context.Response.Body, value, wire, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes an error as {"message": …}.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string message) =>
        WriteAsync(context, status, new MessageView(message));

    /// <summary>The HTTP status of a <see cref="CommunityErrorKind"/>.</summary>
    public static int StatusOf(CommunityErrorKind kind) => kind switch
    {
        CommunityErrorKind.NotFound => StatusCodes.Status404NotFound,
        CommunityErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        CommunityErrorKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };
}
