using Community.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Community.Retention;

/// <summary>Runs the <see cref="RetentionJob"/> every <see cref="HubOptions.RetentionInterval"/> on the hub's clock while the hub is hosted.</summary>
public sealed partial class RetentionService : BackgroundService
{
    private readonly RetentionJob _job;
    private readonly HubCore _core;
    private readonly ILogger<RetentionService> _logger;

    public RetentionService(RetentionJob job, HubCore core, ILogger<RetentionService> logger)
    {
        _job = job;
        _core = core;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_core.Options.RetentionInterval, _core.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    var report = await _job.RunOnceAsync(stoppingToken).ConfigureAwait(false);
                    LogRun(report.ErasedVersions, report.ErasedGroups, report.StatusesPurged);
                }
                catch (System.Data.Common.DbException e)
                {
                    LogFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: erased {Versions} object versions and {Groups} merged anomalies, purged {Statuses} statuses")]
    private partial void LogRun(int versions, int groups, int statuses);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention run failed; it will run again at the next interval")]
    private partial void LogFailed(Exception exception);
}
