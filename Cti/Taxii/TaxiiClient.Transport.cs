using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Cti.Stix;

namespace Cti.Taxii;

public sealed partial class TaxiiClient
{
    private const string DateAddedFirstHeader = "X-TAXII-Date-Added-First";
    private const string DateAddedLastHeader = "X-TAXII-Date-Added-Last";

    private Task<(string Body, HttpResponseHeaders Headers)> GetAsync(Uri url, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);

    private Task<(string Body, HttpResponseHeaders Headers)> GetAsync(Uri url, bool retryHttpErrors, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken, retryHttpErrors);

    // retryHttpErrors: false for a request carrying next, whose refusal (an expired or unknown next, even as a 5xx) is
    // answered by resuming from date_added instead of waiting through the retry policy; transport failures still retry.
    private async Task<(string Body, HttpResponseHeaders Headers)> SendAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken,
        bool retryHttpErrors = true)
    {
        var policy = _options.Retry;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            Exception? failure;
            using (var request = createRequest())
            {
                request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(TaxiiMediaType.Taxii21));
                request.Headers.Authorization = _authorization;
                using var attemptTimeout = new CancellationTokenSource(_options.AttemptTimeout, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token);
                try
                {
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
                    var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return (body, response.Headers);
                    }

                    var error = TryReadError(body);
                    var message = $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode} {response.StatusCode}" +
                                  (error is null ? string.Empty : $": {error.Title}{(error.Description is null ? string.Empty : " - " + error.Description)}");
                    if (!IsTransient(response.StatusCode) || !retryHttpErrors || attempt >= policy.MaxAttempts)
                    {
                        throw new TaxiiClientException(message, response.StatusCode, error);
                    }

                    retryAfter = RetryAfter(response);
                    failure = new TaxiiClientException(message, response.StatusCode, error);
                }
                catch (HttpRequestException e)
                {
                    failure = e;
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = e;
                }
            }

            if (attempt >= policy.MaxAttempts)
            {
                throw new TaxiiClientException($"the TAXII server stayed unreachable after {attempt} attempts: {failure.Message}", failure);
            }

            var delay = policy.DelayBefore(attempt + 1);
            if (retryAfter is { } ra)
            {
                delay = ra > policy.MaxDelay ? policy.MaxDelay : ra;
            }

            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    // Transient per RFC 9110: 408 Request Timeout, 429 Too Many Requests, and server-side 5xx
    // except 501 Not Implemented, which will not change on a retry.
    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests ||
        ((int)status >= 500 && status != HttpStatusCode.NotImplemented);

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static TaxiiError? TryReadError(string body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, TaxiiJsonContext.Default.TaxiiError);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static DateTimeOffset? First(HttpResponseHeaders headers) => HeaderTimestamp(headers, DateAddedFirstHeader);

    private static DateTimeOffset? Last(HttpResponseHeaders headers) => HeaderTimestamp(headers, DateAddedLastHeader);

    private static DateTimeOffset? HeaderTimestamp(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) && StixTimestamp.TryParse(values.FirstOrDefault(), out var t) ? t : null;
}
