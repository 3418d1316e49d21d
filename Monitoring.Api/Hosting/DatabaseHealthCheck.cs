using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Hosting;

/// <summary>Healthy when the database answers a query on the schema's own tables.</summary>
public sealed class DatabaseHealthCheck(MonitoringDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            var plans = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM plans", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy($"{database.Provider} reachable; {plans} plans.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{database.Provider} not reachable: {ex.Message}");
        }
    }
}
