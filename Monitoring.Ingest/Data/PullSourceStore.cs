using System.Globalization;
using Dapper;

namespace Monitoring.Ingest.Data;

/// <summary>What each scheduled pull last saw of its URL: the validators for conditional requests and the content hash.</summary>
public sealed class PullSourceStore(MonitoringDatabase database)
{
    public async Task<PullSource?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<PullSourceRow>(new CommandDefinition(
            """
            SELECT name AS Name, url AS Url, etag AS ETag, last_modified AS LastModified, content_hash AS ContentHash,
                   last_status AS LastStatus, last_batch_id AS LastBatchId, fetched_at AS FetchedAt, changed_at AS ChangedAt
            FROM pull_sources WHERE name = @name
            """,
            new { name }, cancellationToken: cancellationToken));
        return row?.ToSource();
    }

    public async Task SaveAsync(PullSource source, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO pull_sources (name, url, etag, last_modified, content_hash, last_status, last_batch_id, fetched_at, changed_at)
            VALUES (@Name, @Url, @ETag, @LastModified, @ContentHash, @LastStatus, @LastBatchId, @FetchedAt, @ChangedAt)
            ON CONFLICT (name) DO UPDATE SET
                url = excluded.url, etag = excluded.etag, last_modified = excluded.last_modified,
                content_hash = excluded.content_hash, last_status = excluded.last_status,
                last_batch_id = excluded.last_batch_id, fetched_at = excluded.fetched_at, changed_at = excluded.changed_at
            """,
            new
            {
                source.Name, source.Url, source.ETag, source.LastModified, source.ContentHash, source.LastStatus, source.LastBatchId,
                FetchedAt = source.FetchedAt?.ToString("O", CultureInfo.InvariantCulture),
                ChangedAt = source.ChangedAt?.ToString("O", CultureInfo.InvariantCulture),
            },
            cancellationToken: cancellationToken));
    }

    private sealed class PullSourceRow
    {
        public string Name { get; set; } = "";
        public string Url { get; set; } = "";
        public string? ETag { get; set; }
        public string? LastModified { get; set; }
        public string? ContentHash { get; set; }
        public int? LastStatus { get; set; }
        public long? LastBatchId { get; set; }
        public string? FetchedAt { get; set; }
        public string? ChangedAt { get; set; }

        public PullSource ToSource() => new(Name, Url, ETag, LastModified, ContentHash, LastStatus, LastBatchId,
            FetchedAt is null ? null : DateTimeOffset.Parse(FetchedAt, CultureInfo.InvariantCulture),
            ChangedAt is null ? null : DateTimeOffset.Parse(ChangedAt, CultureInfo.InvariantCulture));
    }
}

/// <summary>A scheduled pull's memory of its URL. <see cref="LastModified"/> is the server's header text, sent back as is.</summary>
public sealed record PullSource(
    string Name, string Url, string? ETag, string? LastModified, string? ContentHash, int? LastStatus, long? LastBatchId,
    DateTimeOffset? FetchedAt, DateTimeOffset? ChangedAt);
