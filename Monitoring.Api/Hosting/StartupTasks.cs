using Microsoft.Extensions.Options;
using Monitoring.Api.Auth;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Jobs;
using Monitoring.Ingest.Samples;

namespace Monitoring.Api.Hosting;

/// <summary>
/// What must be true before the first request: the schema is current, an admin key exists, and
/// an empty embedded database shows the sample plans. Runs before the server listens, so a bad
/// schema stops the start with its reason instead of failing requests later.
/// </summary>
public sealed class StartupTasks(
    SchemaMigrator migrator,
    AdminKeyBootstrap adminKey,
    SampleLoader samples,
    SqliteFileIdentity databaseFile,
    OrphanedUploadRecovery orphans,
    IOptions<SampleOptions> sampleOptions,
    ILogger<StartupTasks> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var applied = migrator.Migrate(message => logger.LogDebug("{Migration}", message));
        if (applied.Count > 0)
            logger.LogInformation("Applied migrations: {Migrations}", string.Join(", ", applied));
        // The file as it is once the schema is in place: readiness fails if another takes its place.
        databaseFile.Record();
        await adminKey.EnsureAsync(cancellationToken);
        var recovered = await orphans.RecoverAsync(cancellationToken);
        if (recovered > 0)
            logger.LogWarning("Took back {Count} background upload(s) left unfinished by the previous run.", recovered);

        if (!sampleOptions.Value.LoadWhenEmpty)
            return;
        var folder = SampleLoader.Locate(sampleOptions.Value.Folder);
        if (folder is null)
        {
            logger.LogWarning("No samples folder found; starting with an empty database.");
            return;
        }
        var result = await samples.LoadIfEmptyAsync(folder, message => logger.LogDebug("{Sample}", message), cancellationToken);
        if (result.Loaded)
        {
            logger.LogInformation(
                "Loaded samples from {Folder}: {Plans} plans, {Indicators} indicators, {Observations} observations",
                folder, result.Plans, result.Indicators, result.Observations);
        }
    }
}
