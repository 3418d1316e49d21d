using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Hosting;

/// <summary>
/// Ready when the database answers a read on the schema's own tables, takes a write (the
/// <c>health_probe</c> row), and — SQLite — is still the file the service started with. Each part
/// is bounded by the check's timeout, so a locked or frozen database makes readiness fail in about
/// a second instead of hanging the probe.
/// </summary>
public sealed class DatabaseHealthCheck(MonitoringDatabase database, SqliteFileIdentity file, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (file.Change() is { } change)
            return HealthCheckResult.Unhealthy(change);
        try
        {
            // Aside, because Microsoft.Data.Sqlite waits for a lock synchronously inside its "async"
            // calls: awaited directly, the timeout would only start after the wait.
            var plans = await Task.Run(() => ProbeAsync(cancellationToken), cancellationToken).WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy($"{database.Provider} readable and writable; {plans} plans.");
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{database.Provider} did not answer a read and a write within {Timeout.TotalSeconds:0} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{database.Provider} not readable or writable: {ex.Message}");
        }
    }

    private async Task<long> ProbeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var plans = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM plans", cancellationToken: cancellationToken));
        var stamp = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var written = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE health_probe SET checked_at = @stamp WHERE id = 1", new { stamp }, cancellationToken: cancellationToken));
        if (written != 1)
            throw new InvalidOperationException("The health_probe row is missing.");
        return plans;
    }
}
