using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Monitoring.Ingest.Data;
using Npgsql;

namespace Monitoring.Ingest.Jobs;

/// <summary>
/// The one place that decides where Hangfire keeps its jobs: in memory on the embedded SQLite
/// default (one process), in its own schema of the service's PostgreSQL database otherwise, so
/// every API and worker instance shares one queue and one set of recurring jobs.
/// </summary>
public static class HangfireStorageSetup
{
    public static JobStorage Create(MonitoringDatabase database, JobsOptions options) => database.Provider switch
    {
        DatabaseProvider.Sqlite => new InMemoryStorage(new InMemoryStorageOptions()),
        DatabaseProvider.Postgres => CreatePostgres(database.ConnectionString, options),
        _ => throw new NotSupportedException($"No Hangfire storage for {database.Provider}."),
    };

    /// <summary>Whether jobs are shared with other processes (false: they live and die with this one).</summary>
    public static bool IsShared(MonitoringDatabase database) => IsShared(database.Provider);

    public static bool IsShared(DatabaseProvider provider) => provider == DatabaseProvider.Postgres;

    private static PostgreSqlStorage CreatePostgres(string connectionString, JobsOptions options)
    {
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = options.Schema,
            PrepareSchemaIfNecessary = true,
            InvisibilityTimeout = options.InvisibilityTimeout,
            // A running job keeps renewing its fetch, so a short invisibility timeout only ever
            // hands over the jobs of a server that died.
            UseSlidingInvisibilityTimeout = true,
            QueuePollInterval = options.QueuePollInterval,
            DistributedLockTimeout = options.DistributedLockTimeout,
        };
        // Hangfire's connections get their own pool (application name), apart from the service's.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "monitoring-hangfire" };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(builder.ToString(), storageOptions), storageOptions);
    }
}
