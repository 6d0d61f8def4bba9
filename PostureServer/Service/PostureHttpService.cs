using System.Net;
using PkiProtocol;
using PkiProtocol.Messages;
using PkiProtocol.Posture;
using PkiProtocol.Protocol;
using PostureServer.Assessment;

namespace PostureServer.Service;

/// <summary>
/// The posture server as an ASP.NET Core service on 127.0.0.1 (the <c>serve</c> subcommand), answering like the PKI
/// (ETSI TS 102 941 v1.4.1 §6.1: HTTP POST of the encoded messages; a refusal is one 4xx with a text message and the
/// failure in <see cref="PkiRoutes.FailureHeader"/>, <see cref="Pki.Service.PkiService.Refusals"/>): POST
/// <see cref="PostureRoutes.Assessments"/>, GET <see cref="PostureRoutes.Certificate"/> and <see cref="PostureRoutes.Health"/>.
/// </summary>
public static class PostureHttpService
{
    /// <summary>Builds the service on 127.0.0.1:<paramref name="port"/> (0: any free port).</summary>
    public static WebApplication Build(AssessmentEndpoint endpoint, ServerKeys keys, int port, bool logToConsole = false)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logToConsole)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = PkiRoutes.MaxBodyOctets * 2;
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();

        // Cast to Delegate: a lambda taking only HttpContext would otherwise bind as a RequestDelegate and its result be dropped.
        app.MapPost(PostureRoutes.Assessments, (Delegate)(async (HttpContext http) =>
        {
            var body = await Pki.Service.PkiService.ReadBody(http).ConfigureAwait(false);
            return Results.Bytes(await endpoint.ProcessAsync(body, http.RequestAborted).ConfigureAwait(false), MediaTypes.ItsResponse);
        })).AddEndpointFilter(Pki.Service.PkiService.Refusals);
        app.MapGet(PostureRoutes.Certificate, () => keys.Certificate is { } c
            ? Results.Bytes(c.Encoded.ToArray(), MediaTypes.Certificate)
            : Results.Text("the posture server has no certificate yet", "text/plain", statusCode: 404));
        app.MapGet(PostureRoutes.Health, () => Results.Text("ok", "text/plain"));
        return app;
    }

    /// <summary>The base address the started service listens on.</summary>
    public static Uri BoundAddress(WebApplication app) => Pki.Service.PkiService.BoundAddress(app);
}
