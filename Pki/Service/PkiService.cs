using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Pki.Authorities;
using PkiProtocol;
using PkiProtocol.Messages;
using PkiProtocol.Protocol;
using V2x.Security;

namespace Pki.Service;

/// <summary>
/// The bench PKI as an ASP.NET Core service on 127.0.0.1 (the <c>serve</c> subcommand): enrolment,
/// authorization (and the EA's validation interface), CRL and certificate download, misbehaviour-report
/// intake (encrypted for the misbehaviour authority) (ETSI TS 102 941 v1.4.1 §6.1: HTTP POST of the encoded messages). A refused request gets one 4xx
/// with a text message naming what was wrong and the failure in <see cref="PkiRoutes.FailureHeader"/>; the
/// service keeps serving.
/// </summary>
public static class PkiService
{
    /// <summary>
    /// Builds the service for <paramref name="pki"/> on 127.0.0.1:<paramref name="port"/> (0: any free port): HTTPS with
    /// <paramref name="tlsCertificate"/> (its private key included), or plain HTTP when the caller passes null — an explicit
    /// choice, and the service listens on loopback only, so plain HTTP never leaves the machine.
    /// </summary>
    public static WebApplication Build(BenchPki pki, int port, X509Certificate2? tlsCertificate, bool logToConsole = false)
    {
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        if (tlsCertificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("the TLS server certificate needs its private key", nameof(tlsCertificate));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logToConsole)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port, listen =>
            {
                if (tlsCertificate is not null)
                {
                    listen.UseHttps(tlsCertificate);
                }
            });
            kestrel.Limits.MaxRequestBodySize = PkiRoutes.MaxBodyOctets * 2;
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        Map(app, pki);
        return app;
    }

    /// <summary>The base address the started service listens on (with the port Kestrel chose for port 0).</summary>
    public static Uri BoundAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the service is not started");
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    private static void Map(WebApplication app, BenchPki pki)
    {
        Post(app, PkiRoutes.Enrolment, body => pki.Ea.ProcessEnrolment(body));
        Post(app, PkiRoutes.Validation, body => pki.Ea.ProcessValidation(body));
        Post(app, PkiRoutes.Authorization, body => pki.Aa.ProcessAuthorization(body));
        // Cast to Delegate: a lambda taking only HttpContext would otherwise bind as a RequestDelegate and its result be dropped.
        app.MapPost(PkiRoutes.Reports, (Delegate)(async (HttpContext http) =>
        {
            var body = await ReadBody(http).ConfigureAwait(false);
            var action = pki.Ma.ProcessReport(body);
            return Results.Text(action, "text/plain", statusCode: 202);
        })).AddEndpointFilter(Refusals);
        app.MapGet($"{PkiRoutes.Ca}/{{role}}", (string role, string? vendor, string? product) =>
        {
            var certificate = role switch
            {
                "root" => pki.RootCertificate,
                "ea" => pki.EaCertificate,
                "audit" => pki.AuditCertificate,
                "ma" => pki.MaCertificate,
                "aa" => pki.AaCertificate(vendor is null || product is null ? null : $"{vendor}/{product}"),
                _ => null,
            };
            return certificate is null
                ? Results.Text($"no CA '{role}'{(role == "aa" ? " for this model (per-model AAs: ?vendor=&product=)" : string.Empty)}", "text/plain", statusCode: 404)
                : Results.Bytes(certificate.Encoded.ToArray(), MediaTypes.Certificate);
        });
        app.MapGet($"{PkiRoutes.Certificates}/{{digest}}", (string digest) =>
        {
            if (!TryDigest(digest, out var id))
            {
                return Results.Text($"'{digest}' is not a HashedId8 (16 hex digits)", "text/plain", statusCode: 400);
            }

            var certificate = pki.Certificate(id);
            return certificate is null
                ? Results.Text($"no certificate {id}", "text/plain", statusCode: 404)
                : Results.Bytes(certificate.Encoded.ToArray(), MediaTypes.Certificate);
        });
        app.MapGet($"{PkiRoutes.Crl}/{{digest}}", (string digest) =>
        {
            if (!TryDigest(digest, out var id))
            {
                return Results.Text($"'{digest}' is not a HashedId8 (16 hex digits)", "text/plain", statusCode: 400);
            }

            return pki.Context.CaByDigest(id) is not { Record.Role: not (Store.AuthorityRole.Audit or Store.AuthorityRole.Misbehaviour) }
                ? Results.Text($"no CRL-issuing CA {id}", "text/plain", statusCode: 404)
                : Results.Bytes(pki.Root.Crl(id), MediaTypes.ItsCrl);
        });
        app.MapGet("/health", () => Results.Text("ok", "text/plain"));
    }

    private static void Post(WebApplication app, string route, Func<byte[], byte[]> handle) =>
        app.MapPost(route, (Delegate)(async (HttpContext http) => Results.Bytes(handle(await ReadBody(http).ConfigureAwait(false)), MediaTypes.ItsResponse)))
            .AddEndpointFilter(Refusals);

    /// <summary>
    /// The endpoint filter that turns a <see cref="PkiException"/> into its refusal (status by <see cref="PkiRoutes.StatusOf"/>,
    /// text message, failure header); also used by the posture server, which answers the same way.
    /// </summary>
    public static async ValueTask<object?> Refusals(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (PkiException e)
        {
            return Refusal(context.HttpContext, e);
        }
    }

    private static IResult Refusal(HttpContext http, PkiException e)
    {
        http.Response.Headers[PkiRoutes.FailureHeader] = e.Failure.ToString();
        return Results.Text(e.Message, "text/plain", statusCode: PkiRoutes.StatusOf(e.Failure));
    }

    /// <summary>
    /// Reads a request body: application/x-its-request, not empty, at most <see cref="PkiRoutes.MaxBodyOctets"/> (read one
    /// octet more to tell); also used by the posture server.
    /// </summary>
    /// <exception cref="PkiException">WrongMediaType, TooLarge or Malformed.</exception>
    public static async Task<byte[]> ReadBody(HttpContext http)
    {
        var type = http.Request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(type, MediaTypes.ItsRequest, StringComparison.OrdinalIgnoreCase))
        {
            throw new PkiException(PkiFailure.WrongMediaType, $"Content-Type is '{http.Request.ContentType}', expected {MediaTypes.ItsRequest}");
        }

        if (http.Request.ContentLength > PkiRoutes.MaxBodyOctets)
        {
            throw new PkiException(PkiFailure.TooLarge, $"the body of {http.Request.ContentLength} octets exceeds {PkiRoutes.MaxBodyOctets}");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > PkiRoutes.MaxBodyOctets)
                {
                    throw new PkiException(PkiFailure.TooLarge, $"the body exceeds {PkiRoutes.MaxBodyOctets} octets");
                }
            }
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel raises this for a body over its own limit (413) and for a broken one (400: truncated, bad chunking).
            throw new PkiException(e.StatusCode == StatusCodes.Status413PayloadTooLarge ? PkiFailure.TooLarge : PkiFailure.Malformed, e.Message, e);
        }

        if (buffer.Length == 0)
        {
            throw new PkiException(PkiFailure.Malformed, "the body is empty");
        }

        return buffer.ToArray();
    }

    private static bool TryDigest(string text, out HashedId8 digest)
    {
        digest = default;
        if (text.Length != 16 || !ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        digest = new HashedId8(value);
        return true;
    }
}
