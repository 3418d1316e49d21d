using System.Globalization;
using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitoring.Core.Model;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Ingest.Jobs;

/// <summary>
/// Imports every file dropped in a folder, as if uploaded, then moves it to <c>processed/</c> or
/// <c>failed/</c> with its report (<c>NAME.report.json</c>) beside it. A file is taken only when
/// it has a <c>NAME.ready</c> marker or its size and write time stayed the same over two looks.
/// </summary>
public sealed class InboxJob(ObservationImporter importer, IOptions<JobsOptions> options, TimeProvider clock, ILogger<InboxJob> logger)
{
    public const string Kind = "inbox";
    public const string ReadySuffix = ".ready";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 10 * 60)]
    public async Task<string> RunAsync(string folder, CancellationToken cancellationToken)
    {
        var inbox = Directory.CreateDirectory(Path.GetFullPath(folder));
        var processed = Directory.CreateDirectory(Path.Combine(inbox.FullName, "processed"));
        var failed = Directory.CreateDirectory(Path.Combine(inbox.FullName, "failed"));

        var first = Look(inbox);
        var waiting = first.Keys.Where(f => !File.Exists(f + ReadySuffix)).ToList();
        if (waiting.Count > 0)
            await Task.Delay(options.Value.Inbox.SettleTime, clock, cancellationToken);
        var second = Look(inbox);

        int imported = 0, rejected = 0, skipped = 0;
        foreach (var (path, look) in first.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var marked = File.Exists(path + ReadySuffix);
            if (!marked && (!second.TryGetValue(path, out var again) || again != look))
            {
                skipped++;
                continue;
            }
            var report = await ImportAsync(path, cancellationToken);
            var accepted = report.Status is ImportStatus.Committed or ImportStatus.AlreadyImported;
            var moved = MoveWithReport(path, accepted ? processed : failed, report);
            if (marked)
                File.Delete(path + ReadySuffix);
            if (accepted)
                imported++;
            else
                rejected++;
            logger.LogInformation("Inbox: {File} {Status} (batch {Batch}), moved to {Destination}",
                Path.GetFileName(path), report.Status, report.BatchId, moved);
        }
        return $"{imported} imported, {rejected} rejected, {skipped} still being written";
    }

    private async Task<ImportReport> ImportAsync(string path, CancellationToken cancellationToken)
    {
        return await importer.ImportAsync(
            ImportRequest.FromFile(path, "inbox", "inbox", dryRun: false), cancellationToken: cancellationToken);
    }

    private string MoveWithReport(string path, DirectoryInfo destination, ImportReport report)
    {
        var name = Path.GetFileName(path);
        var target = Path.Combine(destination.FullName, name);
        if (File.Exists(target))
            target = Path.Combine(destination.FullName, string.Create(CultureInfo.InvariantCulture, $"{clock.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{name}"));
        File.WriteAllText(target + ".report.json", JsonSerializer.Serialize(report, MetadataJson.Options));
        File.Move(path, target);
        return target;
    }

    /// <summary>The files waiting in the folder (not markers, not hidden or temporary) with their size and write time.</summary>
    private static Dictionary<string, (long Size, DateTime WrittenAt)> Look(DirectoryInfo inbox)
    {
        inbox.Refresh();
        return inbox.EnumerateFiles()
            .Where(f => !f.Name.EndsWith(ReadySuffix, StringComparison.Ordinal)
                && !f.Name.StartsWith('.')
                && !f.Name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase)
                && !f.Name.EndsWith(".part", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(f => f.FullName, f => (f.Length, f.LastWriteTimeUtc));
    }
}
