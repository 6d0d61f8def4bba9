using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Community.Access;
using Cti.Stix;
using Cti.Taxii;
using Microsoft.AspNetCore.Http;

namespace Community.Taxii;

/// <summary>Writing TAXII 2.1 responses: the media type of §1.6.8, error messages of §3.6.1, envelopes of §3.7.</summary>
public static class TaxiiHttp
{
    /// <summary>HttpContext item holding the <see cref="Reader"/>.</summary>
    public const string ReaderItem = "x1382.reader";

    /// <summary>The challenge of a 401 (RFC 7617).</summary>
    public const string BasicChallenge = "Basic realm=\"x1382-hub\", charset=\"UTF-8\"";

    /// <summary>The authenticated (or anonymous) reader of this request.</summary>
    public static Reader ReaderOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[ReaderItem] as Reader ?? Reader.Anonymous;
    }

    /// <summary>Writes a TAXII resource.</summary>
    public static async Task WriteAsync<T>(HttpContext context, int status, T value)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = TaxiiMediaType.Taxii21;
        var wire = TaxiiJsonContext.Wire.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
            ?? throw new ArgumentException($"{typeof(T).Name} is not in TaxiiJsonContext", nameof(value));
        await JsonSerializer.SerializeAsync(context.Response.Body, value, wire, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes a resource of the hub's own (TAXII media type) with <paramref name="info"/>.</summary>
    public static async Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> info)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(info);
        context.Response.StatusCode = status;
        context.Response.ContentType = TaxiiMediaType.Taxii21;
        await JsonSerializer.SerializeAsync(context.Response.Body, value, info, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes a TAXII error message (§3.6.1) with its HTTP status.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string title, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = BasicChallenge;
        }

        return WriteAsync(context, status, new TaxiiError(title, description, HttpStatus: status.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Sets X-TAXII-Date-Added-First / -Last (TAXII 2.1 §3.4) for the objects served.</summary>
    public static void DateAddedHeaders(HttpContext context, long? firstUs, long? lastUs)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (firstUs is { } first && lastUs is { } last)
        {
            context.Response.Headers["X-TAXII-Date-Added-First"] = StixTimestamp.FormatMicroseconds(StixTimestamp.FromMicroseconds(first));
            context.Response.Headers["X-TAXII-Date-Added-Last"] = StixTimestamp.FormatMicroseconds(StixTimestamp.FromMicroseconds(last));
        }
    }

    /// <summary>
    /// Writes an envelope (§3.7) around objects exactly as stored: each body (the JSON-canonical text kept at ingest,
    /// RFC 8785) is copied byte for byte, never re-serialised or annotated.
    /// </summary>
    public static async Task WriteEnvelopeAsync(HttpContext context, IReadOnlyList<string> bodies, bool more, string? next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(bodies);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = TaxiiMediaType.Taxii21;
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer, StixJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("more", more);
            if (more && next is not null)
            {
                writer.WriteString("next", next);
            }

            if (bodies.Count > 0)
            {
                writer.WriteStartArray("objects");
                foreach (var body in bodies)
                {
                    // Stored by the hub itself as one JSON value; validated when it was stored.
                    writer.WriteRawValue(body, skipInputValidation: true);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
