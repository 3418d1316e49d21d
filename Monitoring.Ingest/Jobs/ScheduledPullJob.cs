using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Hangfire;
using Microsoft.Extensions.Logging;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;

namespace Monitoring.Ingest.Jobs;

/// <summary>
/// Fetches a file from a URL with a conditional request (the ETag and Last-Modified it saw last
/// time) and imports it when it changed. Failed fetches are retried with backoff by the HTTP
/// client's resilience pipeline, and a run that still fails is retried by Hangfire.
/// </summary>
public sealed class ScheduledPullJob(
    IHttpClientFactory httpClients, PullSourceStore sources, ObservationImporter importer, TimeProvider clock,
    ILogger<ScheduledPullJob> logger)
{
    public const string Kind = "pull";
    public const string HttpClientName = "monitoring-pull";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 10 * 60)]
    public async Task<string> RunAsync(string name, string url, CancellationToken cancellationToken)
    {
        var known = await sources.FindAsync(name, cancellationToken);
        if (known is not null && known.Url != url)
            known = null; // A new URL starts afresh: its validators mean nothing for the old one.

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (known?.ETag is { Length: > 0 } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            request.Headers.IfNoneMatch.Add(tag);
        if (known?.LastModified is { Length: > 0 } lastModified && DateTimeOffset.TryParse(lastModified, out var since))
            request.Headers.IfModifiedSince = since;

        using var client = httpClients.CreateClient(HttpClientName);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var now = clock.GetUtcNow();
        if (response.StatusCode == HttpStatusCode.NotModified && known is not null)
        {
            await sources.SaveAsync(known with { LastStatus = 304, FetchedAt = now }, cancellationToken);
            return "not modified (304)";
        }
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);

        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var newETag = response.Headers.ETag?.ToString();
        var newLastModified = response.Content.Headers.LastModified?.ToString("R");
        if (known is not null && known.ContentHash == hash)
        {
            await sources.SaveAsync(known with { ETag = newETag, LastModified = newLastModified, LastStatus = 200, FetchedAt = now },
                cancellationToken);
            return "unchanged content";
        }

        var fileName = response.Content.Headers.ContentDisposition?.FileName?.Trim('"') is { Length: > 0 } disposition
            ? disposition
            : Path.GetFileName(new Uri(url).AbsolutePath) is { Length: > 0 } last ? last : $"{name}.csv";
        var report = await importer.ImportAsync(
            new ImportRequest(content, fileName, "pull", $"pull:{name}", dryRun: false), cancellationToken: cancellationToken);
        if (report.Status == ImportStatus.Rejected)
        {
            // The validators are not saved, so every run fetches and reports the bad file until the provider fixes it.
            var first = report.Errors.Count > 0 ? report.Errors[0] : null;
            throw new InvalidOperationException(
                $"The file from {url} was rejected with {report.ErrorCount} problems" +
                (first is null ? "." : $"; first: row {first.Row}, {first.Column}: {first.MessageEn}"));
        }
        await sources.SaveAsync(new PullSource(name, url, newETag, newLastModified, hash, 200, report.BatchId, now, now), cancellationToken);
        logger.LogInformation("Pull {Name}: {Url} changed; {Status} as batch {Batch}", name, url, report.Status, report.BatchId);
        return $"{report.Status}: batch {report.BatchId}, {report.Created} created, {report.Changed} changed";
    }
}
