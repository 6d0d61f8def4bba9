using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Firmware.Host;

/// <summary>Structured logs: JSON lines on standard output (Microsoft.Extensions.Logging, JSON console formatter).</summary>
public static class Logs
{
    /// <summary>A logger factory configured from the Logging section.</summary>
    public static ILoggerFactory Create(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return LoggerFactory.Create(b => b
            .AddConfiguration(configuration.GetSection("Logging"))
            .SetMinimumLevel(LogLevel.Information)
            .AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            }));
    }
}
