using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Pace.Web.Common;

/// <summary>The loop of a background job that does one round every interval and survives a database outage.</summary>
public static class BackgroundRounds
{
    /// <summary>
    /// Runs <paramref name="round"/> now and then every <paramref name="interval"/> until stopped. A database failure
    /// is reported to <paramref name="failed"/> and does not stop the job: the next round catches up.
    /// </summary>
    public static async Task RunAsync(
        Func<CancellationToken, Task> round, TimeSpan interval, TimeProvider clock, Action<Exception> failed, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(failed);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await round(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or DbUpdateException or InvalidOperationException)
            {
                failed(ex);
            }

            await Task.Delay(interval, clock, stoppingToken);
        }
    }
}
