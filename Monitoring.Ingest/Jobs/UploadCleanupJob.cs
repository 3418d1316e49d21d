using Microsoft.Extensions.Options;
using Monitoring.Ingest.Data;

namespace Monitoring.Ingest.Jobs;

/// <summary>
/// Removes background uploads that ended longer ago than <see cref="JobsOptions.UploadRetention"/>:
/// the row with its report (a rejected file's report can be tens of megabytes) and any file left
/// in the upload folder. The import journal keeps every committed batch; only the upload's record goes.
/// </summary>
public sealed class UploadCleanupJob(UploadStore uploads, IOptions<JobsOptions> options, TimeProvider clock)
{
    public const string Kind = "upload-cleanup";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - options.Value.UploadRetention;
        var ended = await uploads.ListEndedBeforeAsync(before, cancellationToken);
        foreach (var upload in ended)
        {
            File.Delete(upload.StoredPath);
            await uploads.DeleteAsync(upload.Id, cancellationToken);
        }
        return $"removed {ended.Count} upload(s) ended before {before:u}";
    }
}
