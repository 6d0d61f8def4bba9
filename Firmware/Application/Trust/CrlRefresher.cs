using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PkiProtocol;
using V2x.Time;

namespace Firmware.Application.Trust;

/// <summary>
/// Keeps the CRLs of every trusted CA current (ETSI TS 102 941 v1.4.1 §6.3.3): fetches each CA's CRL from
/// the PKI, which verifies it with the CA's key and refuses one past its nextUpdate, and installs it in the
/// <see cref="RevocationSet"/>. <see cref="Start"/> repeats on the receiver's <see cref="TimeProvider"/>, so
/// tests step it by hand. A CA whose CRL cannot be fetched keeps the CRL it had until that one's nextUpdate
/// passes; then the receive pipeline refuses chains through it (fail closed).
/// </summary>
public sealed class CrlRefresher : IDisposable
{
    private readonly TrustStore _trust;
    private readonly RevocationSet _revocations;
    private readonly IPkiDirectory _directory;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _single = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private ITimer? _timer;
    private Task _last = Task.CompletedTask;

    /// <summary>Refreshes the CRLs of the CAs of <paramref name="trust"/> into <paramref name="revocations"/>.</summary>
    public CrlRefresher(TrustStore trust, RevocationSet revocations, IPkiDirectory directory, TimeProvider clock, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(revocations);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(clock);
        _trust = trust;
        _revocations = revocations;
        _directory = directory;
        _clock = clock;
        _log = logger ?? NullLogger.Instance;
    }

    /// <summary>Raised after every refresh with the number of CRLs installed (the station then looks for its own certificates, patent ¶167).</summary>
    public event Action<int>? Refreshed;

    /// <summary>The refresh that the timer started last (tests await it after stepping time).</summary>
    public Task LastRefresh => _last;

    /// <summary>Fetches and installs the CRL of every trusted CA; returns how many were installed.</summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _single.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var installed = 0;
            foreach (var ca in _trust.CaCertificates)
            {
                try
                {
                    var crl = await _directory.GetCrlAsync(ca, cancellationToken).ConfigureAwait(false);
                    if (_revocations.Apply(ca.HashedId8, crl))
                    {
                        installed++;
                        _log.LogInformation("CRL of {Ca}: {Entries} entries, next update {NextUpdate:O}", ca.HashedId8, crl.Entries.Count, crl.NextUpdate.ToUtc());
                    }
                }
                catch (Exception e) when (e is PkiException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    var held = _revocations.CrlOf(ca.HashedId8);
                    _log.LogWarning("CRL of {Ca} not refreshed ({Error}); the one held is current until {NextUpdate}", ca.HashedId8, e.Message,
                        held is null ? "never (none held)" : held.NextUpdate.ToUtc().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            Refreshed?.Invoke(installed);
            return installed;
        }
        finally
        {
            _single.Release();
        }
    }

    /// <summary>Refreshes every <paramref name="period"/> on the clock (the first time after one period).</summary>
    public void Start(TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        _timer?.Dispose();
        _timer = _clock.CreateTimer(_ => _last = RefreshAsync(_stop.Token), null, period, period);
    }

    /// <summary>Whether every trusted CA has a CRL current at the clock's time.</summary>
    public bool AllCurrent()
    {
        var now = Time64.Now(_clock);
        return _trust.CaCertificates.All(ca => _revocations.HasCurrentCrl(ca.HashedId8, now));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _timer?.Dispose();
        _stop.Cancel();
        _stop.Dispose();
        _single.Dispose();
    }
}
