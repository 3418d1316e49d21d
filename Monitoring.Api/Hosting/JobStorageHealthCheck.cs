using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monitoring.Api.Hosting;

/// <summary>Ready when Hangfire's storage answers (in memory on SQLite; its PostgreSQL schema otherwise), within a second.</summary>
public sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Hangfire's storage API is synchronous: run it aside so the timeout can leave it behind.
            var servers = await Task.Run(() => storage.GetMonitoringApi().Servers().Count, cancellationToken)
                .WaitAsync(DatabaseHealthCheck.Timeout, cancellationToken);
            return HealthCheckResult.Healthy($"Job storage answers; {servers} server(s).");
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"Job storage did not answer within {DatabaseHealthCheck.Timeout.TotalSeconds:0} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Job storage not reachable: {ex.Message}");
        }
    }
}
