using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Ingest.Jobs;

namespace Monitoring.Tests.Support;

/// <summary>Hangfire storage made by a test itself, outside any host, as the service would make it.</summary>
public static class TestJobStorage
{
    public static JobStorage Create(TestDatabase database, JobsOptions? options = null)
    {
        // Hangfire's log provider is static; an earlier test's host may have left it on a disposed logger factory.
        GlobalConfiguration.Configuration.UseLogProvider(new AspNetCoreLogProvider(NullLoggerFactory.Instance));
        return HangfireStorageSetup.Create(database.Database, options ?? new JobsOptions());
    }
}
