using System.Net;
using System.Text;

namespace Cti.Tests.Taxii;

/// <summary>
/// An HTTP message handler that answers from a script, one step per request, and records what it
/// was sent (with the fake time it was sent at). It never captures a synchronization context, so
/// a client's continuations run inline when the test advances the fake clock.
/// </summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _steps = new();
    private readonly TimeProvider _time;

    public ScriptedHandler(TimeProvider time)
    {
        _time = time;
    }

    public List<(HttpMethod Method, Uri Uri, DateTimeOffset At, string? Body, string? ContentType, string? Accept, string? Authorization)> Requests { get; } = [];

    public ScriptedHandler Respond(HttpStatusCode status, string body = "", Action<HttpResponseMessage>? configure = null)
    {
        _steps.Enqueue((_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8) };
            response.Content.Headers.ContentType = new("application/taxii+json");
            configure?.Invoke(response);
            return Task.FromResult(response);
        });
        return this;
    }

    public ScriptedHandler Fail(Exception exception)
    {
        _steps.Enqueue((_, _) => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    /// <summary>Completed when a request reaches a <see cref="Hang"/> step.</summary>
    public TaskCompletionSource HangReached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ScriptedHandler Hang()
    {
        _steps.Enqueue(async (_, ct) =>
        {
            HangReached.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        Requests.Add((request.Method, request.RequestUri!, _time.GetUtcNow(), body, request.Content?.Headers.ContentType?.ToString(),
            request.Headers.Accept.ToString(), request.Headers.Authorization?.ToString()));
        if (_steps.Count == 0)
        {
            throw new InvalidOperationException("the script has no answer left for " + request.RequestUri);
        }

        return await _steps.Dequeue()(request, cancellationToken).ConfigureAwait(false);
    }
}
